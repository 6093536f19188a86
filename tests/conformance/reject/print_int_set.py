# expect-error: CPython visits its items in the order of its hash table
# expect-line: 11
# A set of ints printed: CPython lists the items in the order of its hash
# table ({1, 3, 8} for these), the translated program would keep insertion
# order. Refused until that order is reproduced; print sorted(s).


def entry_point(argv):
    s = set([3, 1])
    s.add(len(argv) + 7)
    print(s)
    return 0
