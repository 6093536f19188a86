# Found by `cargo xtask fuzz` (seed 3000, reduced, --gc semispace --opt 2): CRASH: internal error: the low-level module is invalid after the rtyper (AssertionError caught as FuzzError).
class FuzzError(Exception):
    def __init__(self, code):
        self.code = code


def f():
    try:
        v = set()
    except KeyError:
        try:
            assert False
        except FuzzError as e:
            print(e.code)


def entry_point(argv):
    f()
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
