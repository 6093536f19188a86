# < between tuples


def entry_point(argv):
    k = len(argv)
    print((1, 2) < (1, 3 * k), ("a", k) < ("a", 2), (2, 0) > (1, 9))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
