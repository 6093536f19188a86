# range() at the ends of the machine word: iteration that would step past
# sys.maxsize (or below -sys.maxsize - 1) stops instead of wrapping around,
# and len() of a range longer than a word can count raises OverflowError.
import sys


def collect(r, limit):
    out = []
    for x in r:
        out.append(x)
        if len(out) > limit:
            out.append(-1)
            break
    return out


def entry_point(argv):
    big = sys.maxsize
    small = -sys.maxsize - 1
    k = len(argv)
    cases = [
        range(big - 10, big, 3),
        range(big - 3, big),
        range(big - 2, big, big),
        range(small + 10, small, -3),
        range(small + 2, small, -(2 ** 62)),
        range(small, small + 3),
        range(big, small, -(2 ** 62)),
        range(small, big, 2 ** 62),
        range(k, k + 5, 2),
        range(k + 5, k, -2),
    ]
    for r in cases:
        items = collect(r, 10)
        print(len(items), items[0], items[-1], len(r))
    try:
        print(len(range(small, big)))
    except OverflowError as e:
        print("OverflowError:", str(e))
    print(len(range(small, big, 3)), len(range(big, small, -3)))
    total = 0
    for x in range(big - 2, big):
        total += 1
    print(total)
    return 0


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv))
