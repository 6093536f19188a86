# expect-error: bool int
# expect-line: 11
# A function returning a bool on one path and an int on another: CPython
# prints True or 3; the translator refuses rather than print 1 for True.


def find(items, x):
    for i in range(len(items)):
        if items[i] == x:
            return i
    return False


def entry_point(argv):
    print(find([4, 5, 6], 6), find([1], 9))
    return 0
