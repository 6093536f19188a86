# Characters, str and bytes methods, formatting.


def words(text):
    out = []
    for w in text.split(" "):
        w = w.strip()
        if w:
            out.append(w.lower())
    return out


def entry_point(argv):
    s = "Hello World"
    c = s[0]
    b = s.encode("utf-8")
    print(c, b[0], len(b), b.decode("utf-8"), ",".join(words(s)))
    print("%d-%s-%.2f" % (1, "a", 2.5), f"{s!r:>15}", str(3.5), repr("q"))
    print(s.find("o"), s.replace("l", "L"), s.startswith("He"), c.isalpha())
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
