# Allocates well over 2 GiB of short-lived objects while keeping a small
# set alive: a collector must keep the peak memory small. The test runs the
# translated program with its address space limited to 100 MiB.


class Cell:
    def __init__(self, value, next):
        self.value = value
        self.next = next


def entry_point(argv):
    rounds = 1 << 18
    ring = [None] * 64
    total = 0
    allocated = 0
    for i in range(rounds):
        # A list of 1000 ints: 8000 bytes of items.
        block = [i] * 1000
        allocated += 8 * len(block)
        chain = None
        for j in range(16):
            chain = Cell(j, chain)
        allocated += 16 * 24
        ring[i % 64] = Cell(block[999], chain)
        total += block[500] + chain.value
    alive = 0
    for c in ring:
        if c is not None:
            alive += c.value % 7
    print("allocated at least", allocated >> 20, "MiB")
    print("total", total, "alive", alive)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
