# expect-error: special method __eq__ not supported
# expect-line: 13
# A class defining __eq__: CPython calls it for ==, in, list.index and dict
# keys; the translator does not call it yet, so the program is refused at
# the definition instead of comparing instances by identity.


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
