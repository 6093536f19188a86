# Special methods the translated program calls: __eq__/__ne__ (through
# __eq__), __lt__, __repr__ for str() and repr(), __str__, __bool__ and
# __len__ for truth tests, len() with a negative __len__.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        print("eq called")
        return self.x == other.x and self.y == other.y

    def __lt__(self, other):
        return self.x < other.x or (self.x == other.x and self.y < other.y)

    def __repr__(self):
        return "Point(%d, %d)" % (self.x, self.y)


class Bag:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class Flag:
    def __init__(self, on):
        self.on = on

    def __bool__(self):
        return self.on

    def __str__(self):
        return "Flag<%s>" % self.on


class Shape:
    def __init__(self):
        self.k = 1

    def area(self):
        return 0


class Sq(Shape):
    def __str__(self):
        return "sq"


def entry_point(argv):
    p = Point(1, 2)
    q = Point(1, 2)
    r = Point(2, 0)
    print(p == q, p != q, p == r, p != r)
    print(p < r, r < p)
    print(p, repr(q), str(r))
    print(repr(p) + "," + repr(r))
    for b in [Bag(0), Bag(3)]:
        if b:
            print("bag true", len(b))
        else:
            print("bag false", len(b))
    for f in [Flag(True), Flag(False)]:
        print(f, bool(f), not f)
    try:
        len(Bag(-1))
    except ValueError as e:
        print("ValueError", e)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
