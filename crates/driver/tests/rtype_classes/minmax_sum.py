def entry_point(argv):
    xs = [3, -9, 4]
    fs = [1.5, 2.5]
    print(max(3, -9), min(3, -9, 2), max(xs), min(xs), sum(xs), sum(xs, 10))
    print(max(fs) > 1.0, sum(fs, 0.0) > 3.0, max(1, 2.5) > 2.0)
    try:
        print(max([x for x in xs if x > 100]))
    except ValueError:
        print("empty")
    return 0
