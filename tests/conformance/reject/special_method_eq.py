# expect-error: `in` on instances of class Point, which defines `__eq__`
# expect-line: 19
# A class defining __eq__: `==` calls it in the translated program too, but
# `in` on a list compares its items by identity there, so the program is
# refused where CPython would call __eq__ for the items.


class Point(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return self.x == other.x and self.y == other.y


def entry_point(argv):
    points = [Point(1, 2), Point(3, 4)]
    print(Point(1, 2) in points)
    return 0
