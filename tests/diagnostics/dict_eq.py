# == between dicts


def entry_point(argv):
    k = len(argv)
    d1 = {"a": 1, "b": k}
    d2 = {"b": 1, "a": 1}
    print(d1 == d2, d1 != d2, {1: "x"} == {2 * k: "x"})
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
