# Special method __lt__ used via min/max.


class C(object):
    def __init__(self, n):
        self.n = n
    def __lt__(self, other):
        return self.n < other.n


def entry_point(argv):
    a = C(len(argv))
    b = C(len(argv))
    c = C(len(argv) + 5)
    print(max(a, c).n, min(a, c).n, max([a, c, C(3)]).n)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
