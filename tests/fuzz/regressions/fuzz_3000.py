# Found by `cargo xtask fuzz` (seed 3000 of an early run, reduced): an assert inside a try whose handler catches another class.
# class: CRASH:translator: internal error: the low-level module is invalid after the rtyper: func fN, blockN, op N `_`: operand types (*inst_AssertionError) with result *inst_FuzzError do not fit the operation
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
