# except (A, B): with a tuple of exception classes.


class A(Exception):
    pass


class B(Exception):
    pass


def f(n):
    if n == 1:
        raise A()
    raise B()


def entry_point(argv):
    try:
        f(len(argv))
    except (A, B):
        print("caught")
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
