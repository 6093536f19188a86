# args: x
# str methods, repr of values, formatting and print keywords.
def show_list(label, items):
    print(label, len(items), "[" + "|".join(items) + "]")

def entry_point(argv):
    text = "  The quick brown fox  "
    show_list("split():", text.split())
    show_list("split(' '):", text.split(" "))
    show_list("split('o', 2):", text.split("o", 2))
    show_list("rsplit('o', 2):", text.rsplit("o", 2))
    show_list("rsplit():", " x  y z ".rsplit())
    print("[" + text.strip() + "]", "[" + "xxhixx".strip("x") + "]", text.lstrip(), text.rstrip("/ "))
    s = "mississippi"
    n = len(argv)
    print(s.find("ss"), s.find("ss", 3), s.rfind("i"), s.index("p"), s.count("s"), s.replace("i", "I", 2))
    print(s.startswith("miss"), s.endswith("pi"), s.upper(), s.lower(), s.isdigit(), s.isalpha(), s.isspace(), s.isalnum(), s.isupper(), s.islower())
    print(s.ljust(15, "*"), s.rjust(15), s.center(16, "-"), "42".zfill(5), "-42".zfill(6))
    print(s * n, "ab" < s, s >= "m", chr(65 + n), ord("a"))
    x = 2.5 * n
    print(x, repr(x), str(x), [1, 2], (n, "a'b"), (n,), [s, "x\ny"], repr("it's"), repr('a"b\'c'))
    print("%-8r|%5d|%-5d|%05d|%+d|% d|%x|%X|%o|%s|%.3s|%10.2f|%e|%g|%%" % (s, n, n, -n, n, n, 255 * n, 255 * n, 8 * n, True, s, x, x, x))
    print(f"{s!r} {n:5d} {n:<5d} {n:^7d} {n:05d} {x:.1f} {x:8.3f} {x:e} {x:g} {n * 1000000:,} {x:10} {s:>12} {n:x} {n:#x} {x:.2%}")
    print("a", "b", sep="", end="")
    print(n, x, sep=", ", end="\n")
    print(float("2.5") + float(s[0:0] + " 1e3 "), int(x))
    words = ["a", "b"]
    print("-".join(words), "+".join([c for c in s]), ",".join(s))
    return 0

if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
