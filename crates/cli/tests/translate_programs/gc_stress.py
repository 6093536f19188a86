# Many collections with a large, changing set of survivors: every kind of
# container, pointers held across allocating calls, prebuilt containers
# pointing to new objects, exceptions carrying objects. Translated, the
# tests also run it with RPY_GC_SPACE=4K so that the collector runs very
# often; the output must not change.


class Node:
    def __init__(self, key, left, right):
        self.key = key
        self.left = left
        self.right = right


class Leaf(Node):
    def __init__(self, key, label):
        Node.__init__(self, key, None, None)
        self.label = label


class Carrier(Exception):
    def __init__(self, payload):
        self.payload = payload


REGISTRY = []
TABLE = {}


def build(depth, key):
    if depth == 0:
        return Leaf(key, "leaf%d" % key)
    left = build(depth - 1, key * 2)
    # `left` is live across this allocating call.
    right = build(depth - 1, key * 2 + 1)
    return Node(key, left, right)


def checksum(node):
    if node is None:
        return 0
    total = node.key
    if isinstance(node, Leaf):
        total += len(node.label)
    return total + checksum(node.left) + 3 * checksum(node.right)


def words(n):
    out = []
    for i in range(n):
        out.append("w" + str(i * 7919 % 1000))
    return out


def throw_with(n):
    raise Carrier([str(i) for i in range(n)])


def catch_payload(n):
    try:
        throw_with(n)
    except Carrier as e:
        return e.payload
    return []


def make_adder(k):
    base = [k, k + 1]

    def add(x):
        return x + base[0] * base[1]

    return add


def entry_point(argv):
    keep = build(8, 1)
    before = checksum(keep)
    counts = {}
    pairs = []
    rounds = 60
    for r in range(rounds):
        tree = build(6, r)
        ws = words(200)
        for w in ws:
            counts[w] = counts.get(w, 0) + 1
        pairs.append((r, ws[r % len(ws)], tree))
        if len(pairs) > 8:
            pairs.pop(0)
        REGISTRY.append(Leaf(r, "reg%d" % r))
        TABLE["k%d" % (r % 13)] = [r, r * r]
        payload = catch_payload(r % 17)
        add = make_adder(r)
        if add(len(payload)) < 0:
            print("impossible")
    after = checksum(keep)
    print("tree survives:", before == after, before)
    print("distinct words:", len(counts), "w0 seen", counts["w0"])
    print("pairs:", [(p[0], p[1], checksum(p[2]) % 1000) for p in pairs])
    print("registry:", len(REGISTRY), REGISTRY[-1].label, checksum(REGISTRY[7]))
    print("table:", sorted([(k, v[1]) for k, v in TABLE.items()])[:5])
    s = set()
    for i in range(3000):
        s.add("s%d" % (i % 1500))
    print("set:", len(s), "s77" in s)
    joined = ""
    for i in range(400):
        joined = joined + str(i % 10)
    print("joined:", len(joined), joined[-12:])
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
