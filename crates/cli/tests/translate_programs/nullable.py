# Instances that may be None: a variable that is None before a loop and an
# instance after it (annotated once the loop is), attributes read and
# written through it, and AttributeError where it is None at run time, as
# under CPython.


class Cell:
    def __init__(self, value, next):
        self.value = value
        self.next = next


def chain(n):
    head = None
    for i in range(n):
        head = Cell(i, head)
    return head


def first_value(n):
    head = chain(n)
    return head.value


def set_first(n, v):
    head = chain(n)
    head.value = v
    return head.value


def entry_point(argv):
    print(first_value(5))
    print(set_first(3, 42))
    try:
        print(first_value(0))
    except AttributeError as e:
        print("AttributeError:", str(e))
    try:
        set_first(0, 1)
    except AttributeError as e:
        print("AttributeError:", str(e))
    filled = [None] * 4
    for i in range(3):
        filled[i] = Cell(i * 10, None)
    total = 0
    for c in filled:
        if c is not None:
            total += c.value
    print(total, filled[3] is None)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
