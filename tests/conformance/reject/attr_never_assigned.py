# expect-error: attribute limit never assigned
# expect-line: 18
# An attribute read but assigned nowhere: no method stores it, no class
# body gives it a value. CPython would raise AttributeError at the read;
# the translator refuses the program instead of reading garbage.


class Counter(object):
    def __init__(self):
        self.count = 0

    def bump(self):
        self.count += 1


def over(c):
    c.bump()
    return c.count > c.limit


def entry_point(argv):
    c = Counter()
    print(over(c))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
