# Float arithmetic and comparisons after translation (no float printing:
# comparisons and int() conversions only).


def mean(xs):
    total = 0.0
    for x in xs:
        total += x
    return total / len(xs)


def entry_point(argv):
    xs = [1.5, 2.5, 3.25, -0.25]
    m = mean(xs)
    print("mean*100", int(m * 100))
    print("compare", m > 1.0, m < 1.0, m == 1.75, m != 1.75)
    print("abs", int(abs(-2.75) * 4), int(-m))
    try:
        y = m / 0.0
    except ZeroDivisionError:
        print("float division by zero caught")
    print("mixed", int(3 * m), int(m + 1))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
