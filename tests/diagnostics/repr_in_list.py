# Special method __repr__ used via print([obj]).


class C(object):
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return 'C(%d)' % self.n


def entry_point(argv):
    a = C(len(argv))
    b = C(len(argv))
    c = C(len(argv) + 5)
    print([a, c])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
