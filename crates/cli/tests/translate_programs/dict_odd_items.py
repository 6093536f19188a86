# Dicts and sets of unusual items: None values and items, classes and
# instances of a hierarchy as keys, nested dicts, a dict or None, dicts
# under enumerate() and zip().
class A:
    pass

class B(A):
    pass

def f(d):
    if d is None:
        return -1
    return len(d)

def entry_point(argv):
    n = len(argv)
    seen = {}
    seen[n] = None
    seen[n + 1] = None
    print(len(seen), n in seen, seen.get(n, None) is None)
    seen.pop(n, None)
    seen.setdefault(7, None)
    print(len(seen))
    for k in seen:
        print(k)
    dd = {"a": {1: 2}, "b": {}}
    dd["b"][3] = 4
    print(len(dd), dd["b"][3], dd["a"][1])
    x = None
    if n > 5:
        x = {1: 1}
    print(f(x), f({2: 3, 4: 5}))
    objs = {}
    a = A()
    b = B()
    objs[a] = "a"
    objs[b] = "b"
    print(objs[a], objs[b], len(objs))
    cls = {A: 1, B: 2}
    print(cls[A], cls[B])
    e = {}
    for i, k in enumerate(dd):
        e[k] = i
    print(e["a"], e["b"])
    for k1, k2 in zip(dd, e):
        print(k1, k2)
    s = set()
    s.add(None)
    print(len(s), None in s)
    return 0

if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
