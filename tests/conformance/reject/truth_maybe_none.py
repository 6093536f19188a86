# expect-error: the truth of a value that may be None or an instance of class Stack
# expect-line: 26
# `if s:` where s may be None or a Stack with __len__: CPython tests None
# first and calls __len__ otherwise; the translator asks for the None test
# to be written out (`if s is not None and s:`).


class Stack(object):
    def __init__(self):
        self.items = [0]

    def __len__(self):
        return len(self.items)


def find(n):
    if n > 1:
        return Stack()
    return None


def entry_point(argv):
    s = find(len(argv))
    if s is not None and s:
        print("narrowed: fine")
    if s:
        print("non-empty")
    return 0
