# Built-in functions and modules given instances of int and str subclasses
# (r_uint from rpython.rlib.rarithmetic, a plain str subclass): range
# membership, repetition, math, pow, divmod, dict keys, formatting. Run
# under CPython (PYTHONPATH=lib) and `rpy run`: the outputs must be
# identical, and equal to subclass_builtin_functions.out.

import sys
import math
from rpython.rlib.rarithmetic import r_uint, intmask


class S(str):
    pass


def main(argv):
    x = r_uint(3)
    print(x in range(10), [0] * x, "ab" * x, x * "ab", chr(r_uint(65)), bytes([r_uint(1)]))
    print(math.sqrt(r_uint(16)), math.floor(r_uint(7)), math.gcd(r_uint(12), 8), round(x), pow(x, 2))
    print(pow(x, 2, 5), divmod(r_uint(7), 2), -r_uint(1) == 2 ** 64 - 1, max(x, 10), sorted([x, 1]))
    print(sum([x, x]), abs(x), x.to_bytes(2, "little"), int.from_bytes(b"\x01", "big") + x)
    print(str(S("a")) + "b", S("abc").split("b"), "-".join(S("xy")), S("k") in {"k": 1}, {S("k"): 2}["k"])
    print("%s|%r|%5s" % (S("q"), S("q"), S("q")), f"{S('z'):>3}", S("ab") < S("b"), hash(S("a")) == hash("a"))
    d = {}
    d[x] = 1
    d[3] = 2
    print(d, len(d), list(d)[0] is x)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
