# ovfcheck() around the operation itself (also when the operands are
# constants folded at import time), on both sides of the 64-bit range.
from rpython.rlib.rarithmetic import ovfcheck


def entry_point(argv):
    big = 9223372036854775807 - len(argv) + 1
    print(ovfcheck(0 + 7), ovfcheck(3 * 4))
    for k in [1, 2, -2]:
        try:
            print(ovfcheck(big + k))
        except OverflowError:
            print("overflow +", k)
        try:
            print(ovfcheck(-big - k))
        except OverflowError:
            print("overflow -", k)
        try:
            print(ovfcheck(big * k))
        except OverflowError:
            print("overflow *", k)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
