def entry_point(argv):
    n = len(argv)
    xs = [3 * n, 1, 4, 1, 5, 9, 2, 6]
    print(sum(xs), min(xs), max(xs), min(3, n), max(n, 2, 7), int(min(2.5, n) * 10))
    fs = [1.5, 2.25, n * 1.0]
    print(int(sum(fs) * 100), int(max(fs) * 100), int(min(fs) * 100))
    words = ["pear", "apple", "fig"]
    print(min(words), max(words), max("a", "b"))
    print(xs == [3, 1, 4, 1, 5, 9, 2, 6], xs != sorted(xs), [1, 2] == [1, 2], [] == [])
    print([(n - 1, "a")] == [(n, "a")], words == ["pear", "apple", "fig"])
    try:
        print(min([x for x in xs if x > 100]))
    except ValueError:
        print("empty min")
    d = {"a": 1, "b": 2}
    print(sum(list(d.values())), max(list(d.values())))
    return 0

if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
