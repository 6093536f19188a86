# Nested lists: a grid of cells updated in place (a small cellular
# automaton), and a list of instances.


class Cell:
    def __init__(self, alive):
        self.alive = alive


def step(grid, n):
    new = []
    for i in range(n):
        row = []
        for j in range(n):
            live = 0
            for di in [-1, 0, 1]:
                for dj in [-1, 0, 1]:
                    if di == 0 and dj == 0:
                        continue
                    r = (i + di) % n
                    c = (j + dj) % n
                    if grid[r][c]:
                        live += 1
            row.append(live == 3 or (grid[i][j] and live == 2))
        new.append(row)
    return new


def entry_point(argv):
    n = 6
    grid = []
    for i in range(n):
        grid.append([False] * n)
    grid[1][2] = True
    grid[2][3] = True
    grid[3][1] = True
    grid[3][2] = True
    grid[3][3] = True
    for k in range(4):
        grid = step(grid, n)
    count = 0
    for row in grid:
        for cell in row:
            if cell:
                count += 1
    print("alive after 4 steps", count)
    cells = [Cell(i % 3 == 0) for i in range(10)]
    print("cells alive", len([c for c in cells if c.alive]))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
