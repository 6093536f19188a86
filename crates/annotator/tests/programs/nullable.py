# None mixed with instances and strings; narrowing by `is None` and isinstance.


class Node:
    def __init__(self, value, next):
        self.value = value
        self.next = next


class Leaf(Node):
    def describe(self):
        return "leaf %d" % self.value


def find(node, value):
    while node is not None:
        if node.value == value:
            return node
        node = node.next
    return None


def label(n):
    if n > 2:
        return None
    return "small"


def entry_point(argv):
    head = Node(1, Node(2, Leaf(3, None)))
    hit = find(head, 3)
    if hit is not None:
        print("found", hit.value)
        if isinstance(hit, Leaf):
            print(hit.describe())
    s = label(len(argv))
    if s is not None:
        print(s.upper())
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
