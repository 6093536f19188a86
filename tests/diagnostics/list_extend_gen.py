# list.extend from generator expression


def entry_point(argv):
    k = len(argv)
    lst = [0]
    lst.extend(x * x for x in range(3 + k))
    print(lst)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
