# Dicts and sets keyed by floats: equal floats (0.0 and -0.0, an int
# converted) find each other; infinities and huge values work as keys.


def entry_point(argv):
    n = len(argv)
    d = {}
    for i in range(-20, 21):
        d[i / 4.0] = i
    print(len(d), d[1.25], d[-5.0], 0.5 in d, 0.3 in d)
    d[0.0] = 100
    print(d[-0.0], len(d))
    big = 1e300 * n
    inf = big * 1e300
    d[inf] = 7
    d[-inf] = 8
    d[1e19] = 9
    print(d[inf], d[-inf], d[1e19], 1e20 in d)
    s = set()
    for i in range(1000):
        s.add((i % 37) * 0.1)
    print(len(s), 0.1 * 3 in s, 3.7 in s)
    t = 0
    for k in sorted(d.keys()):
        t += d[k]
    print(t)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
