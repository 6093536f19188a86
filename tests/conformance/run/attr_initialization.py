# Attributes an instance may lack when read: assigned on some paths of
# __init__ only, only in one subclass, by a helper method, or left to a
# class-level default; class-level containers shared through instances;
# prebuilt instances. CPython raises AttributeError where an instance
# lacks the attribute; a translated program must too, with the same
# message, and must see every class-level value.


class Shape(object):
    sides = 0
    registry = {}
    names = []

    def __init__(self, name, big):
        self.name = name
        if big:
            self.scale = 10
        self.register()

    def register(self):
        self.registry[self.name] = self.sides
        self.names.append(self.name)
        self.count = len(self.names)


class Square(Shape):
    sides = 4

    def __init__(self, name, big):
        Shape.__init__(self, name, big)
        self.area = 1


class Triangle(Shape):
    sides = 3


class Config(object):
    def __init__(self, verbose):
        if verbose:
            self.level = "loud"
        else:
            self.setup()

    def setup(self):
        self.level = "quiet"


class Node(object):
    def __init__(self, value):
        self.value = value
        if value > 1:
            self.next = Node(value - 1)


DEFAULT = Shape("prebuilt", False)
LARGE = Square("large", True)


def describe(s):
    parts = [s.name, str(s.sides), str(s.count)]
    try:
        parts.append("scale=%d" % s.scale)
    except AttributeError as e:
        parts.append("no scale (%s)" % str(e))
    return " ".join(parts)


def area_of(s):
    return s.area


def chain(n):
    values = []
    while True:
        values.append(n.value)
        try:
            n = n.next
        except AttributeError:
            return values


def entry_point(argv):
    big = len(argv) > 5
    shapes = [Square("sq", not big), Triangle("tri", big), DEFAULT, LARGE]
    for s in shapes:
        print(describe(s))
    print(len(Shape.registry), sorted(Shape.registry.keys()), Shape.names)
    try:
        print(area_of(shapes[0]), area_of(shapes[1]))
    except AttributeError as e:
        print("AttributeError:", str(e))
    print(Config(True).level, Config(False).level)
    print(chain(Node(4)))
    t = Triangle("late", big)
    try:
        print(t.scale)
    except AttributeError as e:
        print("AttributeError:", str(e))
    t.scale = 7
    print(t.scale)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
