# Special method __lt__ used via sorted().


class C(object):
    def __init__(self, n):
        self.n = n
    def __lt__(self, other):
        return self.n < other.n


def entry_point(argv):
    a = C(len(argv))
    b = C(len(argv))
    c = C(len(argv) + 5)
    print([x.n for x in sorted([c, a, C(3), C(0)])])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
