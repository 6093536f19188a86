# Integers: signed, unsigned (r_uint), non-negative knowledge, bools, ovfcheck.
from rpython.rlib.rarithmetic import r_uint, intmask, ovfcheck

MASK = r_uint(0xFF)


def hash_bytes(data):
    h = r_uint(5381)
    for c in data:
        h = (h << 5) + h + r_uint(ord(c))
    return intmask(h & MASK)


def safe_add(a, b):
    try:
        return ovfcheck(a + b)
    except OverflowError:
        return -1


def count_true(flags):
    n = 0
    for f in flags:
        n += f
    return n


def entry_point(argv):
    print(hash_bytes("hello"), safe_add(len(argv), 2), count_true([True, False, True]))
    i = len(argv) - 1
    print(i, abs(i), -i)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
