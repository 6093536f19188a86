# More generators: recursion, methods, try/finally and exceptions through
# a generator, generator expressions, the built-ins that consume
# iterators, generators feeding generators, infinite generators.


class Node(object):
    def __init__(self, value, left, right):
        self.value = value
        self.left = left
        self.right = right


class Bag(object):
    def __init__(self):
        self.items = []

    def add(self, x):
        self.items.append(x)

    def each(self):
        for x in self.items:
            yield x

    def pairs_with(self, other):
        for x in self.items:
            for y in other.items:
                if x != y:
                    yield x + y


class Point(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y


def inorder(node):
    if node is None:
        return
    for v in inorder(node.left):
        yield v
    yield node.value
    for v in inorder(node.right):
        yield v


def guarded(xs):
    for x in xs:
        try:
            if x == 0:
                raise ValueError("zero")
            yield 100 // x
        except ValueError:
            yield -1


def with_finally(n, log):
    try:
        for i in range(n):
            yield i
    finally:
        log.append("finally %d" % n)


def failing(n):
    for i in range(n):
        if i == 2:
            raise KeyError("boom")
        yield i


def chars(s):
    for c in s:
        yield c


def naturals():
    i = 0
    while True:
        yield i
        i += 1


def stop_at(n):
    i = 0
    while True:
        if i >= n:
            return
        yield i
        i += 1


def grid(w, h):
    for y in range(h):
        for x in range(w):
            yield Point(x, y)


def scaled(points, k):
    for p in points:
        yield Point(p.x * k, p.y * k)


def words(text):
    word = ""
    for ch in text:
        if ch == " ":
            if word:
                yield (word, len(word))
            word = ""
        else:
            word += ch
    if word:
        yield (word, len(word))


def fractions(n):
    for i in range(1, n + 1):
        yield 1.0 / i


def entry_point(argv):
    root = Node(4, Node(2, Node(1, None, None), Node(3, None, None)),
                Node(6, None, Node(7, None, None)))
    print("inorder:", [v for v in inorder(root)])
    print("guarded:", list(guarded([5, 0, 20, 0, 3])))
    log = []
    print("with_finally:", sum(with_finally(4, log)), log)
    half = with_finally(3, log)
    print("with_finally abandoned at", next(half), log)
    got = []
    try:
        for v in failing(5):
            got.append(v)
    except KeyError:
        got.append(-1)
    print("failing:", got)
    try:
        print("sum", sum(failing(5)))
    except KeyError:
        print("KeyError through sum()")
    try:
        print(" ".join([str(x) for x in failing(5)]))
    except KeyError:
        print("KeyError through a comprehension")
    b = Bag()
    for w in ["x", "yy", "zzz"]:
        b.add(w)
    c = Bag()
    c.add("yy")
    c.add("w")
    print("each:", "-".join(b.each()))
    print("pairs_with:", list(b.pairs_with(c)))
    print("chars:", "".join(chars("hello")))
    print("genexpr:", " ".join(str(x * x) for x in stop_at(5)))
    print("genexpr of a method:", ",".join(s.upper() for s in b.each()))
    a = stop_at(3)
    d = stop_at(5)
    print("interleaved:", next(a), next(d), next(a), next(d), next(a), next(d),
          next(a, -7), next(d))
    print("exhausted:", next(a, 99))
    try:
        next(a)
        print("no StopIteration")
    except StopIteration:
        print("StopIteration after the end")
    print("max, min:", max(stop_at(6)), min(stop_at(6)))
    try:
        print(max(stop_at(0)))
    except ValueError:
        print("max() of an empty generator: ValueError")
    print("sorted:", sorted(guarded([1, 2, 0, 4])))
    print("zip:", [(x, y) for x, y in zip(stop_at(3), chars("abcdef"))])
    print("enumerate:", [(i, s) for i, s in enumerate(b.each())])
    total = 0
    for x in stop_at(4):
        for y in stop_at(x):
            total += x * y
    print("nested:", total)
    for n in naturals():
        if n * n > 50:
            print("first square above 50:", n * n)
            break
    print("points:", ["(%d,%d)" % (p.x, p.y) for p in scaled(grid(2, 2), 10)])
    for w, n in words("the quick  brown fox"):
        print("word", w, n)
    print("fractions: %.4f" % sum(fractions(4), 0.0))
    counts = {}
    for ch in chars("mississippi"):
        counts[ch] = counts.get(ch, 0) + 1
    print("counts:", sorted(counts.items()))
    print("set:", sorted(set(chars("banana"))))
    print("dict comprehension:", sorted({c: i for i, c in enumerate(chars("abc"))}.items()))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
