# Special method __add__ used via a + b.


class C(object):
    def __init__(self, n):
        self.n = n
    def __add__(self, o):
        return C(self.n + o.n)


def entry_point(argv):
    a = C(len(argv))
    b = C(len(argv))
    c = C(len(argv) + 5)
    print((a + c).n)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
