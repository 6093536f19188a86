# Instances: attributes on a hierarchy, methods without overrides, None
# as a nullable instance, identity.


class Node:
    def __init__(self, value, next_node):
        self.value = value
        self.next = next_node

    def total(self):
        n = self
        s = 0
        while n is not None:
            s += n.value
            n = n.next
        return s


class Counter:
    def __init__(self):
        self.count = 0

    def bump(self, by=1):
        self.count += by
        return self.count


def build(n):
    head = None
    for i in range(n):
        head = Node(i, head)
    return head


def entry_point(argv):
    head = build(10)
    if head is not None:
        second = head.next
        if second is not None:
            print("total", head.total(), head.value, second.value)
    c = Counter()
    c.bump()
    c.bump(5)
    print("count", c.bump(), c.count)
    other = Counter()
    print("identity", c is c, c is other, c is not other)
    empty = build(0)
    print("empty", empty is None)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
