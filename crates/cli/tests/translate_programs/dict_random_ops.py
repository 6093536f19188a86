# Pseudo-random sequences of dict and set operations (inserts, overwrites,
# deletions, pops, popitem, clears), checked against CPython through
# order-sensitive digests of the dict and sorted digests of the set.


class Rng:
    def __init__(self, seed):
        self.state = seed

    def next(self, n):
        self.state = (self.state * 1103515245 + 12345) & 0x7fffffff
        return (self.state >> 8) % n


def digest(d):
    h = 0
    for k, v in d.items():
        h = (h * 31 + k * 7 + v) % 1000000007
    return h


def set_digest(s):
    h = 0
    for k in sorted(s):
        h = (h * 31 + k) % 1000000007
    return h


def run(seed, rounds, span):
    rng = Rng(seed)
    d = {}
    s = set()
    popped = 0
    for i in range(rounds):
        op = rng.next(10)
        k = rng.next(span)
        if op < 4:
            d[k] = i
            s.add(k)
        elif op < 6:
            if k in d:
                del d[k]
            s.discard(k)
        elif op == 6 and len(d) > 0:
            kk, vv = d.popitem()
            popped = (popped + kk + vv) % 1000000007
        elif op == 7 and len(s) > 0:
            x = s.pop()
            if x in s:
                print("popped item still there")
        elif op == 8:
            popped = (popped + d.pop(k, -1) + d.get(k + 1, -2)) % 1000000007
        elif rng.next(200) == 0:
            d.clear()
            s.clear()
    print(seed, len(d), digest(d), popped, len(s) >= 0)


def entry_point(argv):
    run(1, 2000, 50)
    run(2, 20000, 1000)
    run(3, 50000, 30)
    run(4, 30000, 100000)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
