# Generators: a generator object saves its live locals at each yield; a
# return ends it; next() with and without a default; try/except around a
# yield; several generators alive at once; one abandoned half-way.


def count_up(start, stop):
    i = start
    while i < stop:
        yield i
        i += 1


def until_negative(xs):
    for x in xs:
        if x < 0:
            return
        yield x


def inverses(xs):
    for x in xs:
        try:
            yield 100 // x
        except ZeroDivisionError:
            yield -1


def entry_point(argv):
    for i in count_up(2, 5):
        print("count_up", i)
    print("until_negative", [x for x in until_negative([3, 1, 4, -1, 5])])
    print("inverses", list(inverses([7, 0, 50])))
    a = count_up(0, 3)
    b = count_up(10, 12)
    print(next(a), next(b), next(a), next(b), next(b, -1), next(a), next(a, -1))
    half = count_up(0, 1000000)
    print("abandoned after", next(half), next(half))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
