# Special method __getitem__ used via obj[i].


class C(object):
    def __init__(self, n):
        self.n = n
    def __getitem__(self, i):
        return self.n * 100 + i


def entry_point(argv):
    a = C(len(argv))
    b = C(len(argv))
    c = C(len(argv) + 5)
    print(a[3], c[0])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
