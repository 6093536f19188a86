# A small program for the snapshot of the GC transform: allocation in a
# loop, a pointer live across an allocating call, a recursive function
# (its stack check also bounds the shadow stack).


class Link:
    def __init__(self, value, next):
        self.value = value
        self.next = next


def push(head, value):
    return Link(value, head)


def depth(link):
    if link is None:
        return 0
    return 1 + depth(link.next)


def entry_point(argv):
    head = None
    for i in range(10):
        head = push(head, i)
        extra = push(None, i)
        head.value += extra.value
    return depth(head) - 10


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
