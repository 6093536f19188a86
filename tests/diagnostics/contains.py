# Special method __contains__ used via in.


class C(object):
    def __init__(self, n):
        self.n = n
    def __contains__(self, x):
        return x == self.n


def entry_point(argv):
    a = C(len(argv))
    b = C(len(argv))
    c = C(len(argv) + 5)
    print(1 in a, 2 in a, 3 not in a)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
