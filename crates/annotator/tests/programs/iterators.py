# Generators, enumerate, zip, reversed and iteration over strings and tuples.


def countdown(n):
    while n > 0:
        yield n
        n -= 1


def pairs(xs, ys):
    out = []
    for i, (x, y) in enumerate(zip(xs, ys)):
        out.append((i, x + y))
    return out


def entry_point(argv):
    for k in countdown(3):
        print(k)
    for i, s in pairs([1, 2], [10, 20]):
        print(i, s)
    for x in reversed([1.5, 2.5]):
        print(x)
    for c in "ab":
        print(c)
    for t in (1, 2, 3):
        print(t)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
