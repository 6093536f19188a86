# The collections module at import time: OrderedDict, defaultdict,
# namedtuple, deque and Counter. Run under CPython and `rpy run`: the
# outputs must be identical, and equal to stdlib_collections.out.
import sys
from collections import Counter, OrderedDict, defaultdict, deque, namedtuple

o = OrderedDict([(1, 2), (3, 4)])
o.move_to_end(1)
print(o)
print(o.popitem(last=False), o)
o = OrderedDict(a=1, b=2, c=3)
o.move_to_end("c", last=False)
print(o, list(reversed(o)), o.copy(), type(o.copy()).__name__, OrderedDict())
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1))
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError", e)

d = defaultdict(list)
d["x"].append(1)
print(d, d.default_factory, defaultdict(), dict(d), d.get("y"), "y" in d)
d2 = d.copy()
d2["z"]
print(d2, d, isinstance(d, dict), defaultdict(int, [(1, 2)], q=3))
try:
    defaultdict()["missing"]
except KeyError as e:
    print("KeyError", e)
try:
    defaultdict(3)
except TypeError as e:
    print("TypeError", e)

Point = namedtuple("Point", ["x", "y"], defaults=[0])
p = Point(1)
print(p, p._replace(y=5), p._asdict(), Point._make([3, 4]), Point._field_defaults)
print(p + (1,), p[0], p.count(1), p.x, p.y, Point._fields, Point.__doc__, Point.x.__doc__)
x, y = p
print(x, y, len(p), p == (1, 0), isinstance(p, tuple), hash(p) == hash((1, 0)), Point(y=3, x=4))
print(Point.__name__, Point.__qualname__, Point.__module__ == __name__)
try:
    p._replace(z=1)
except ValueError as e:
    print("ValueError", e)
for bad in ["a a", "a def", "a _b", "a 1b", "def a"]:
    try:
        namedtuple("Q", bad)
    except ValueError as e:
        print("ValueError", e)
print(namedtuple("Q", "a def _b a", rename=True)._fields)
try:
    Point._make([1])
except TypeError as e:
    print("TypeError", e)
Triple = namedtuple("Triple", "a b c")
for args, kwargs in [((), {}), ((1,), {}), ((1, 2), {}), ((1, 2, 3, 4), {}),
                     ((1,), {"a": 2}), ((1,), {"d": 2}), ((), {"a": 1, "b": 2, "c": 3})]:
    try:
        print(Triple(*args, **kwargs))
    except TypeError as e:
        print("TypeError", e)
for args in [(), (1, 2, 3)]:
    try:
        print(Point(*args))
    except TypeError as e:
        print("TypeError", e)
Empty = namedtuple("Empty", "")
print(Empty(), Empty._fields)

q = deque([1, 2, 3], maxlen=3)
q.append(4)
q.appendleft(0)
print(q)
q.rotate(1)
print(q, q[0], len(q), q.maxlen)
print(q.popleft(), q.pop(), list(q))
q = deque("abcde")
q.rotate(-2)
print(q)
q.extendleft("xy")
print(q, q.index("b"), "x" in q, q.count("a"))
q.remove("a")
q.reverse()
q[0] = "Q"
del q[1]
print(q, q == deque(q), bool(deque()), q + deque("z"), deque(), deque([], 0))
for action in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque("a")[3],
               lambda: deque("a").index("z"), lambda: deque("a").remove("z"),
               lambda: deque("a", maxlen=-1)]:
    try:
        action()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)

c = Counter("abracadabra")
print(c, c.most_common(2), c["z"], sorted(c.elements())[:3], c.total(), c.most_common()[-1])
print(Counter(a=3) + Counter(a=1, b=2), Counter(a=3) - Counter(a=1, b=2))
print(Counter(a=3, b=1) | Counter(a=1, b=2), Counter(a=3, b=1) & Counter(a=1, b=2))
c.update("zz")
c.update({"a": 10})
c.subtract(b=2)
print(c)
del c["not there"]
print(+c, -Counter(a=-1, b=2), Counter(), isinstance(c, dict))

# Tables built at import time from these.
Token = namedtuple("Token", "kind text")
TOKENS = [Token("num", "1"), Token("op", "+"), Token("num", "2")]
BY_KIND = defaultdict(list)
for _t in TOKENS:
    BY_KIND[_t.kind].append(_t.text)
KIND_COUNT = Counter(t.kind for t in TOKENS)
print(dict(BY_KIND), KIND_COUNT, [t.text for t in TOKENS if t.kind == "num"])


def entry_point(argv):
    print(len(BY_KIND["num"]), KIND_COUNT["op"])
    return 0


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv))
