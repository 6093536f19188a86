# Found by `cargo xtask fuzz` (seed 300004, reduced by hand): a handler for an exception class that is never instantiated reads its attribute; refused as 'never assigned' because user exception classes counted as built-in ones.
# class: REFUSED
class FuzzError(Exception):
    def __init__(self, code):
        self.code = code


def f1(n):
    if n > 100:
        raise ValueError("x")
    return n


def entry_point(argv):
    try:
        f1(len(argv))
    except FuzzError as e:
        print('error from f1', e.code)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
