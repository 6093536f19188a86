# The itertools module at import time. Run under CPython and `rpy run`:
# the outputs must be identical, and equal to stdlib_itertools.out.
import itertools as it
import operator
import sys

print(list(it.islice(it.count(), 4)), list(it.islice(it.count(2.5, 0.5), 3)), list(it.islice(it.count(1, 3), 3)))
print(repr(it.count()), repr(it.count(2.5, 0.5)), repr(it.count(1, 2)), repr(it.repeat("a")), repr(it.repeat("a", 3)))
c = it.count(5)
next(c)
r = it.repeat(1, 3)
next(r)
print(repr(c), repr(r), list(r), list(it.repeat("x", -1)))
print(list(it.chain("ab", [1, 2], ())), list(it.chain.from_iterable(["ab", "c"])), type(it.chain()).__name__)
print(list(it.product("ab", repeat=2)), list(it.product()), list(it.product("a", "")))
print(list(it.product([1, 2], "xy", [True])))
print(list(it.permutations("abc", 2)), list(it.permutations("ab", 3)), list(it.permutations(range(3))))
print(list(it.combinations("abcd", 2)), list(it.combinations("ab", 3)), list(it.combinations("ab", 0)))
print(list(it.combinations_with_replacement("abc", 2)), list(it.combinations_with_replacement("", 1)))
print(list(it.islice(range(10), 3)), list(it.islice(range(10), 1, 9, 2)), list(it.islice(range(10), 2, None)))
source = iter(range(10))
print(list(it.islice(source, 2, 5)), list(source))
print(list(it.zip_longest("ab", "xyz", fillvalue="-")), list(it.zip_longest()))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], initial=10)), list(it.accumulate([3, 1, 4], max)))
print(list(it.accumulate([2, 3, 4], operator.mul)), list(it.accumulate([])))
print([(k, list(g)) for k, g in it.groupby("aabbbcaa")])
print([(k, list(g)) for k, g in it.groupby([1, 2, 3, 4, 5, 7], key=lambda v: v // 2)])
groups = it.groupby("aabbbc")
first = next(groups)
second = next(groups)
print(first[0], list(first[1]), second[0], list(second[1]))
print(list(it.islice(it.cycle("ab"), 5)), list(it.compress("abcd", [1, 0, 1])), list(it.starmap(pow, [(2, 3), (3, 2)])))
print(list(it.dropwhile(lambda v: v < 3, [1, 4, 1])), list(it.takewhile(lambda v: v < 3, [1, 4, 1])))
print(list(it.filterfalse(None, [0, 1, 2, ""])), list(it.filterfalse(lambda v: v % 2, range(6))), list(it.pairwise("abcd")))
a, b = it.tee([1, 2, 3])
print(next(a), list(b), list(a))
for bad in [lambda: it.islice([1], -1), lambda: it.islice([1], 0, 2, 0), lambda: it.permutations([1], -1),
            lambda: it.repeat(), lambda: it.combinations("a", -1), lambda: it.product("a", repeat=-1)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# Import-time tables.
SQUARES = dict(zip(it.count(), (n * n for n in range(5))))
PAIRS = [a + b for a, b in it.combinations("wxyz", 2)]
print(SQUARES, PAIRS)


def entry_point(argv):
    print(len(PAIRS), SQUARES[4])
    return 0


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv))
