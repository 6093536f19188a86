# One-character strs sliced, indexed, iterated over, searched, put in
# tuples with strs and used with str methods, as strs;
# list() of bytes gives the byte values.


def entry_point(argv):
    n = len(argv)
    c = "é"
    if n > 5:
        c = "z"
    print(c[0:1], c[1:], c[::-1], c[::2], c[-5:n], repr(c[0]), c[-1], c * 3, c.upper(), c.isalpha(), c.find("é"), c.replace("é", "ab"), c.split("x"))
    for ch in "aé":
        print(ch[:1], ch[n:], ch.upper(), ch.strip(), ch.startswith("a"), ch.join(["1", "2"]))
    try:
        print(c[n])
    except IndexError as e:
        print("IndexError:", e)
    print(list(b"ab\xff"), list(bytes([n, 200])))
    pairs = [(n, "é"), (2, "longer")]
    pairs.append((3, c))
    print(pairs, [x for x in c], "é" in c, "x" in c, "" in c)
    for k in (c if n < 5 else "-"):
        print("char", k)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
