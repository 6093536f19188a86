def outer(scale):
    offset = 10

    def inner(x):
        return x * scale + offset

    def twice(x):
        return inner(inner(x))

    return twice(1) + inner(2)


class Node:
    def eval(self):
        raise NotImplementedError()


class Num(Node):
    def __init__(self, v):
        self.v = v

    def eval(self):
        return self.v


def entry_point(argv):
    nodes = [Num(1), Node()]
    print(outer(3), nodes[0].eval(), "a" in ("a", "bc"))
    return 0
