# Iteration: range with steps, enumerate, zip, reversed, strings,
# break/continue and for-else.


def entry_point(argv):
    total = 0
    for i in range(10, 0, -3):
        total += i
    print("range step", total, len(range(0, 10, 3)), len(range(5, 0)))
    names = ["a", "bb", "ccc"]
    for i, name in enumerate(names):
        print(i, name, len(name))
    for x, y in zip([1, 2, 3], [10, 20]):
        print("zip", x + y)
    for name in reversed(names):
        print("reversed", name)
    count = 0
    for ch in "hello world":
        if ch == "o":
            count += 1
    print("o count", count)
    for i in range(100):
        if i % 2 == 0:
            continue
        if i > 7:
            break
        print("odd", i)
    for i in range(3):
        pass
    else:
        print("for-else ran")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
