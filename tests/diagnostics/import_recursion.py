# Deep recursion at import time raising RecursionError during translation-time import.


def depth(n):
    return depth(n + 1) + 1


DEPTH = depth(0)


def entry_point(argv):
    print(DEPTH)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
