# expect-error: dict keys or set items that are instances of class Key, which defines `__eq__`
# expect-line: 19
# Instances whose class defines __eq__ (and so no __hash__ of its own, as
# CPython makes it unhashable) as dict keys: CPython raises TypeError, or
# hashes them with __hash__ where it is defined; the translated dict would
# use identity, so the program is refused.


class Key(object):
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        return self.name == other.name


def entry_point(argv):
    counts = {}
    counts[Key("a")] = 1
    print(len(counts))
    return 0
