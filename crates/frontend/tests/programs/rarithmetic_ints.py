# Machine-integer types of rpython.rlib.rarithmetic (r_uint, r_int64,
# r_uint64: subclasses of int with overridden operators) and intmask. Run
# under CPython (PYTHONPATH=lib) and `rpy run`: the outputs must be
# identical, and equal to rarithmetic_ints.out.
import sys
from rpython.rlib.rarithmetic import (
    r_uint, r_int, r_int64, r_uint64, intmask, ovfcheck, LONG_BIT, widen,
    is_valid_int, r_longlong, r_ulonglong, longlongmask,
)


def show(label, v):
    print(label, v, type(v).__name__)


def entry_point(argv):
    x = r_uint(5)
    show("x", x)
    show("x - 10", x - 10)
    show("10 - x", 10 - x)
    show("x + 1", x + 1)
    show("1 + x", 1 + x)
    show("x * x", x * x)
    show("-x", -x)
    show("~x", ~x)
    show("x << 63", x << 63)
    show("x << 64", x << 64)
    show("x >> 1", x >> 1)
    show("x // 2", x // 2)
    show("x % 3", x % 3)
    show("x & 6", x & 6)
    show("x | 8", x | 8)
    show("x ^ 1", x ^ 1)
    show("x ** 3", x ** 3)
    show("x / 2", x / 2)
    show("x + 0.5", x + 0.5)
    show("divmod", divmod(x, 2))
    big = r_uint(-1)
    show("big", big)
    show("big + 1", big + 1)
    show("intmask(big)", intmask(big))
    show("intmask(x - 6)", intmask(x - 6))
    print("cmp", x == 5, x != 5, x < 6, x > 6, 5 == x, 4 < x, big > x, x >= r_uint(5))
    print("isinstance", isinstance(x, int), isinstance(x, r_uint), isinstance(5, r_uint))
    print("int()", int(x), type(int(x)).__name__, float(x), bool(x), bool(r_uint(0)))
    print("fmt %d %x %5d|%-4d| %s %r" % (x, big, x, x, x, x))
    print("fmt {} {:>6} {:x}".format(x, x, big))
    print(f"f-string {x} {x:03d} {big!r}")
    print("str repr", str(x), repr(x), hash(x) == hash(5))
    d = {x: "five"}
    print("dict", d[5], d[r_uint(5)], 5 in d, x in {5: 1})
    items = [r_uint(3), r_uint(1), r_uint(2)]
    items.sort()
    print("sorted", items, sum(items), max(items), min(items))
    print("index", [10, 20, 30][r_uint(1)], "abc"[r_uint(2)], list(range(r_uint(3))))
    print("hex", hex(x), bin(x), oct(x), abs(r_int(-3)), x.bit_length())
    a = r_int64(-7)
    show("a", a)
    show("a * 3", a * 3)
    show("a // 2", a // 2)
    show("a + x", a + x)
    show("x + a", x + a)
    try:
        r_int64(2 ** 63)
    except OverflowError as e:
        print("overflow", e)
    try:
        ovfcheck(r_int(2 ** 62) + 2 ** 62)
    except OverflowError as e:
        print("ovfcheck", e)
    u = r_uint64(2 ** 64 - 1)
    show("u", u)
    show("u + 2", u + 2)
    show("u * u", u * u)
    print("sizes", LONG_BIT, widen(x), is_valid_int(x), is_valid_int(big), r_longlong is r_int64, r_ulonglong is r_uint)
    show("longlongmask", longlongmask(2 ** 64 + 3))
    acc = r_uint(0)
    for i in range(100):
        acc = acc * r_uint(1103515245) + r_uint(12345)
    show("acc", acc)
    show("acc intmask", intmask(acc))
    h = r_uint(0x811c9dc5)
    for ch in "hello world":
        h = (h ^ ord(ch)) * r_uint(0x01000193)
    print("fnv %d %x" % (h, intmask(h) & 0xFFFFFFFF))
    x += 1
    x *= 2
    show("augmented", x)
    return 0


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv))
