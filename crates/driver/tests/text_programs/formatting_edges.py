# Edge cases of str methods, %-formatting, f-strings, float repr and
# parsing, int parsing, slices with steps, min/max/sum and bytes.
def show(items):
    return "[" + "|".join(items) + "]"

def tryfloat(s):
    try:
        return float(s)
    except ValueError:
        return -999.0

def tryint(s, base):
    try:
        return int(s, base)
    except ValueError:
        return -999

def entry_point(argv):
    e = "" * len(argv)
    print(show(e.split()), show(e.split(",")), show("a,b".split(",", 0)), show("  a  b  c ".split(None, 1)))
    print(show("  a  b  c ".rsplit(None, 1)), show("aaa".split("aa")), show("a b".rsplit(" ", 0)), show("x".split("x")))
    s = "hello world" + e
    print(s.find("o", -3), s.find("", 20), s.find("", 11), s.count(""), s.count("", 3, 5), s.rfind("o", 0, 5), s.find("o", 5, 4))
    print(s.replace("", "-"), s.replace("", "-", 2), s.replace("l", "L", 0), s.replace("world", ""))
    print("[" + "abc".center(8) + "]", "[" + "abc".center(7, "*") + "]", "[" + "ab".center(5) + "]", "+5".zfill(4), "".zfill(3))
    print(repr("\x01\x7f\u00e9\u2028\\'\"" + e), repr("tab\t" + e), repr("\xa0\xad" + e))
    x = -3.14159 + len(e)
    n = 255 + len(e)
    print("%5.1f|%-+6d|%x|%o|%c|%.0e|%10.3e|%g|%g|%g|%G|%E" % (x, n, -n, n, 65 + len(e), x, x, 1e-5 + len(e), 1e16 + len(e), 123456789.0 + len(e), 1e-20 + len(e), x))
    inf = 1e308 * 10.0 + len(e)
    nan = inf - inf
    print("%f %e %g %5.2f %F" % (inf, -inf, nan, inf, inf), repr(inf), str(nan))
    y = 1234567.891 + len(e)
    print(f"{x:+.2f} {n: d} {n * 1000:_} {n * 1000:,} {y:,.2f} {s:*^15} {n:=+8d} {n:#o} {n:#b} {x:%} {x:.0%} {-0.0 + len(e)} {1e16 + len(e)} {1.5e-5 + len(e)} {123.456 + len(e):e} {y:G} {n:X} {n:#X}")
    for v in [0.1, 1.0 / 3.0, 1e22, 1e-7, 123456789012345678.0, 9007199254740993.0, -1.5e-10, 5e-324, 0.30000000000000004, 100.0, 1e15, 12345.678]:
        print(repr(v + len(e)), str(v * 2.0 + len(e)))
    print(tryfloat("  -inf "), tryfloat("nan"), tryfloat("1e500"), tryfloat("abc"), tryfloat("0x10"), tryfloat(" 1.5 "), tryfloat("1_0"), tryfloat(""), tryfloat("-0"))
    print(tryint("0x1f", 16), tryint(" 12 ", 10), tryint("1_000", 10), tryint("abc", 10), tryint("-", 10), tryint("zz", 36), tryint("0b101", 2), tryint("_1", 10), tryint("12", 2))
    t = "abcdefghij" + e
    l = [1, 2, 3, 4, 5, 6, 7]
    print(t[::-1], t[5:1:-2], t[-1:-10:-3], t[::3], t[100:0:-1], l[::2], l[::-1], l[1:6:2], l[10::-3])
    print(min(l), max(l), sum(l), sum([0.5, 0.25], 0.0), min("b" + e, "a" + e), max([3.5, 1.0, 3.5]), min(t), max(t), sum(l, 10))
    print("abc" < "abd", "abc" <= "abc", "b" > "abc", "" < "a", "Z" >= "a", [1, 2] == [1, 2], (1, "a") == (1, "a"), (1, "a") != (1, "b"))
    try:
        chr(-1 + len(e))
    except ValueError:
        print("chr error")
    data = b"Hello, World" + e.encode("utf-8")
    print(data.upper(), data.lower(), data[::-1], data.split(b", "), data.find(b"World"), data.replace(b"l", b"L"), b"-".join([data, data]), data.strip(b"Hd"), repr(b"\x00\xff'"))
    print("%s %r %s %r" % ([1, 2], ["a", "b'"], (n,), ("x", x, None, True)))
    print("%-6s|%6s|%.2s" % ("ab", None, "xyz"), "%5s|%-5s|" % (True, 1.5))
    print(hex(-255 + len(e)), oct(8), bin(5), format(n, "08b"), format(x, ".3f"), format("s", ">3"))
    return 0

if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
