# Lists (immutable, fixed-size, resized), dicts, sets and tuples.


def stats(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    seen = set()
    for w in words:
        seen.add(w[0])
    return counts, seen


def entry_point(argv):
    consts = [1, 2, 3]
    grid = [0] * 4
    grid[1] = 5
    grow = []
    for i in range(3):
        grow.append(i * consts[i])
    counts, seen = stats(["a", "bb", "a"])
    for k, v in counts.items():
        print(k, v)
    for k in counts.keys():
        print(k)
    total = 0
    for v in counts.values():
        total += v
    pair = (len(grow), "x")
    print(grid[1], grow, total, len(seen), pair[0], pair[1], "a" in counts)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
