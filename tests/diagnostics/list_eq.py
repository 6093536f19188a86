# == between flat lists


def entry_point(argv):
    k = len(argv)
    print([1, 2, k] == [1, 2, 1], [1, 2] != [1, 2 * k], ["a"] == ["a" * k], [1.5] == [1.5 * k])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
