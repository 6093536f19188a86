# Comprehensions mixed with closures, generator expressions and class
# bodies: which ones are inlined changes, the results must not. Run under
# CPython and `rpy run`: the outputs must equal comprehension_closures.out.


def a(xs, ys):
    fs = [[lambda: x * 10 + y for y in ys] for x in xs]
    return [[f() for f in row] for row in fs]


def b(xs):
    x = 1
    g = lambda: x
    r = [x for x in xs]
    return [g(), x] + r


def c(xss):
    return [sum(y for y in xs) for xs in xss]


def d(xs, k):
    return [sum(k for _ in range(x)) for x in xs]


class C:
    ys = [[y for y in range(x)] for x in range(3)]

    def m(self, xs):
        return [len(xs) + x for x in xs]


def entry_point(argv):
    print(a([1, 2], [3, 4]))
    print(b([7, 8]))
    print(c([[1, 2], [3]]))
    print(d([1, 2, 3], 5))
    print(C.ys)
    print(C().m([1, 2]))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
