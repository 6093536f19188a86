# Comprehension semantics inside functions (inlined, PEP 709) and at
# module level (nested functions). Run under CPython and `rpy run`: the
# outputs must be identical, and equal to comprehensions.out. Only ints,
# lists, dicts and sets of ints.


def shadowing(xs):
    x = 5
    ys = [x * 2 for x in xs]
    print(x)
    print(ys)


def walrus(xs):
    last = -1
    ys = [last := x for x in xs if x > 1]
    print(last)
    print(ys)


def nested_walrus(xss):
    total = 0
    r = [[total := total + x for x in xs] for xs in xss]
    print(total)
    print(r)


def nested_fors(xs, ys):
    return [x * 10 + y for x in xs if x % 2 == 1 for y in ys if y != x]


def dict_and_set(xs, k):
    d = {x: x * k for x in xs}
    s = {x % 3 for x in xs}
    print(sorted(d.items()))
    print(sorted(s))


def over_string(text):
    return [len(c) for c in text if c != "b"]


def over_range(n):
    return [i * i for i in range(n) if i % 2 == 0]


def inner_reads_outer(xss):
    return [[x + len(xs) for x in xs] for xs in xss]


def outer_iterable_uses_local(xs):
    x = [7, 8]
    return [x for x in x]


def raises_inside(xs):
    out = -1
    try:
        out = [10 // x for x in xs]
    except ZeroDivisionError:
        print(-100)
    return out


def raises_in_nested(xss):
    try:
        return [[10 // x for x in xs] for xs in xss]
    except ZeroDivisionError:
        return [-1]


def make_adders(xs, k):
    return [(lambda y: y + k)(x) for x in xs]


def captured_var(xs):
    fs = [lambda: x for x in xs]
    return [f() for f in fs]


def in_loop(n):
    acc = []
    for i in range(n):
        acc.append(sum([j for j in range(i)]))
    return acc


lam = lambda xs, k: [x + k for x in xs]

x = 42
mod = [x + 1 for x in range(3)]
table = {x: [y for y in range(x)] for x in range(3)}


def entry_point(argv):
    shadowing([1, 2, 3])
    walrus([1, 2, 3, 0])
    nested_walrus([[1, 2], [3], []])
    print(nested_fors([1, 2, 3], [1, 2, 3]))
    dict_and_set([1, 2, 3, 4, 5], 3)
    print(over_string("abcab"))
    print(over_range(7))
    print(inner_reads_outer([[1, 2], [3], []]))
    print(outer_iterable_uses_local([1]))
    print(raises_inside([1, 2, 0, 4]))
    print(raises_inside([1, 2, 5]))
    print(raises_in_nested([[1, 2], [0]]))
    print(make_adders([1, 2, 3], 100))
    print(captured_var([4, 5, 6]))
    print(in_loop(5))
    print(lam([1, 2], 10))
    print(x)
    print(mod)
    print(table)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
