# expect-error: the right operand may be of class Circle, a subclass of the left operand's class Shape
# expect-line: 31
# CPython tries the right operand's __eq__ first when its class is a proper
# subclass of the left operand's: which method runs depends on the run-time
# classes, so the comparison is refused rather than calling the left one's.


class Shape(object):
    def __init__(self, size):
        self.size = size

    def __eq__(self, other):
        return self.size == other.size


class Circle(Shape):
    def __eq__(self, other):
        print("Circle.__eq__")
        return False


def make(kind, size):
    if kind == "circle":
        return Circle(size)
    return Shape(size)


def entry_point(argv):
    a = make("shape", 1)
    b = make(argv[0], 1)
    print(a == b)
    return 0
