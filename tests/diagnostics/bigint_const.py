# A constant that needs more than 64 bits used at run time.


def entry_point(argv):
    x = 2 ** 70 + len(argv)
    print(x)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
