# Unbounded recursion becomes a RecursionError that the program catches,
# as under CPython; the stack is usable again afterwards.


def down(n):
    return down(n + 1) + 1


def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1


def entry_point(argv):
    for attempt in range(3):
        try:
            down(0)
        except RecursionError:
            print("caught RecursionError", attempt)
    print("depth", depth(500))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
