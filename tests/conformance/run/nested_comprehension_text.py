# nested comprehensions with conditions


def entry_point(argv):
    k = len(argv)
    print([(i, j) for i in range(3) for j in range(i) if (i + j) % 2 == k % 2], {i: [j for j in range(i)] for i in range(3)}, sorted({x % 3 for x in range(10)}))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
