# Special method __setitem__ used via obj[i] = v.


class C(object):
    def __init__(self, n):
        self.n = n
    def __setitem__(self, i, v):
        self.n = i + v


def entry_point(argv):
    a = C(len(argv))
    b = C(len(argv))
    c = C(len(argv) + 5)
    a[3] = 4
    print(a.n)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
