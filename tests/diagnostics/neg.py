# Special method __neg__ used via -a.


class C(object):
    def __init__(self, n):
        self.n = n
    def __neg__(self):
        return C(-self.n)


def entry_point(argv):
    a = C(len(argv))
    b = C(len(argv))
    c = C(len(argv) + 5)
    print((-a).n)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
