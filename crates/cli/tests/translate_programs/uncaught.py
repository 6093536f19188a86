# An exception nobody catches: the output printed before it is kept and
# the exit status is 1, as under CPython.


def fail(n):
    if n > 2:
        raise ValueError("too big")
    return n


def entry_point(argv):
    for i in range(5):
        print("step", fail(i))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
