# expect-error: the truth of an instance of class Node: class Empty defines `__len__`
# expect-line: 25
# Only a subclass defines __len__: CPython decides the truth of each
# instance by its run-time class, so `if node:` is refused rather than
# testing only for None.


class Node(object):
    def __init__(self, value):
        self.value = value


class Empty(Node):
    def __len__(self):
        return 0


def pick(n):
    if n > 2:
        return Empty(0)
    return Node(n)


def entry_point(argv):
    if pick(len(argv)):
        print("true")
    return 0
