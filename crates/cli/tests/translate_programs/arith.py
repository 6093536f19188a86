# Python's integer semantics after translation: floor division and modulo
# towards minus infinity, ZeroDivisionError, shifts, ovfcheck.
from rpython.rlib.rarithmetic import ovfcheck, r_uint, intmask


def divmods(a, b):
    try:
        q = a // b
        r = a % b
    except ZeroDivisionError:
        q = r = 0
    return q, r


def add1(x):
    return ovfcheck(x + 1)


def entry_point(argv):
    for a in [7, -7, 0, 13, -13]:
        for b in [2, -2, 3, -3, 0]:
            q, r = divmods(a, b)
            print(a, b, q, r)
    big = 9223372036854775807
    try:
        x = add1(big)
    except OverflowError:
        x = -1
    print("ovfcheck", x)
    u = r_uint(1) << 63
    print("unsigned top bit", intmask(u) < 0)
    print("shifts", 1 << 10, -1024 >> 3, 5 >> 10)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
