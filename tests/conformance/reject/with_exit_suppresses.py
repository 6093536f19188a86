# expect-error: __exit__ true value suppresses
# expect-line: 24
# A context manager whose __exit__ returns True suppresses the exception
# of the with body in CPython; that is not supported, and refused.


class Ignoring(object):
    def __init__(self, kind):
        self.kind = kind

    def __enter__(self):
        return self

    def __exit__(self, etype, value, tb):
        return self.kind == "all"


def risky(n):
    return 10 // n


def entry_point(argv):
    total = 0
    with Ignoring("all"):
        total = risky(len(argv) - 1)
    print(total)
    return 0
