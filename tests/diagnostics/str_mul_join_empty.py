# ''.join([]) and split on empty result


def entry_point(argv):
    k = len(argv)
    print(repr("".join([])), "".split(","), "".split(), ",".split(","))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
