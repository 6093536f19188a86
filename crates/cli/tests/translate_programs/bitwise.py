# Bit operations on ints and unsigned words.
from rpython.rlib.rarithmetic import r_uint, intmask


def popcount(x):
    n = 0
    u = r_uint(x)
    while u:
        n += intmask(u & r_uint(1))
        u = u >> 1
    return n


def entry_point(argv):
    print("and or xor", 12 & 10, 12 | 10, 12 ^ 10, ~12)
    print("shifts", 1 << 62, (1 << 62) >> 60, -17 >> 2)
    print("popcount", popcount(255), popcount(-1), popcount(0))
    u = r_uint(0) - r_uint(1)
    print("wraparound", intmask(u), intmask(u >> 63))
    print("unsigned compare", r_uint(1) < u, u // r_uint(2) > r_uint(1))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
