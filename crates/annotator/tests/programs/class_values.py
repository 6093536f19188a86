# Classes as values (a constructor family) and bound methods as values.


class Op:
    def __init__(self, x):
        self.x = x

    def run(self):
        return 0


class Inc(Op):
    def run(self):
        return self.x + 1


class Dec(Op):
    def run(self):
        return self.x - 1


def build(kind, x):
    cls = Inc if kind == "inc" else Dec
    return cls(x)


def entry_point(argv):
    ops = [build("inc", 1), build("dec", 5)]
    for op in ops:
        m = op.run
        print(m())
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
