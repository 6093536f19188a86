# Lists held in lists compared by value: `in`, index(), count(), remove()
# and == on lists of lists (None among them compares equal only to None).


def make(n):
    return [i for i in range(n)]


def fixed_and_resized(n):
    # The probes are lists never resized, the items lists that are.
    grid = [[0], [0, 1, 2]]
    grid.append([5])
    grid[0].append(1)
    print(make(n) in grid, make(3) in grid, grid.index(make(3)), grid.count(make(2)))
    grid.remove(make(3))
    print(grid)


def entry_point(argv):
    n = len(argv)
    fixed_and_resized(n)
    grid = [[1, 2], [n, n], [], [1, 2]]
    print([1, 2] in grid, [3] in grid, grid[2] in grid, grid.index([n, n]), grid.count([1, 2]))
    grid.remove([1, 2])
    print(grid)
    try:
        grid.index([9])
    except ValueError as e:
        print("ValueError:", e)
    deep = [[[1], [2, 3]], [[n]]]
    print([[n]] in deep, [[1], [2, 3]] == deep[0], deep == [[[1], [2, 3]], [[1]]])
    maybe = [[1], None, [2]]
    print(None in maybe, [2] in maybe, maybe.index(None), maybe.count([1]))
    words = [["a", "é"], ["b"]]
    print(["a", "é"] in words, words.index(["b"]))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
