# expect-error: int float
# expect-line: 11
# A variable holding an int on one path and a float on another: CPython
# prints 0 or 2.5 depending on the path, and no one machine representation
# keeps both, so the program is refused instead of printing 0.0.


def average(values):
    total = 0
    for v in values:
        total += v
    if len(values) > 2:
        total = total / len(values)
    return total


def entry_point(argv):
    print(average([1.5, 2.5]))
    print(average([]))
    return 0
