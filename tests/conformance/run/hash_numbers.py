# hash() of ints, floats and tuples of them, as CPython computes them:
# modulo 2**61 - 1 with the sign, -1 mapped to -2, equal ints and floats
# hashing alike, tuples by xxHash rounds over their items. (The hash of a
# str differs in every CPython run: only its consistency is shown.)


def numbers(n):
    ints = [0, 1, -1, -2, n, 2305843009213693951, -2305843009213693951, 2305843009213693952,
            9223372036854775807, -9223372036854775807 - 1, 123456789012345678]
    for i in ints:
        print(i, hash(i), hash(float(i)) == hash(i))
    floats = [0.0, -0.0, 0.5, -1.5, 1e300, 5e-324, 1e-300, 3.141592653589793, float("inf"), -float("inf"), 2.0 ** 61]
    for f in floats:
        print(f, hash(f))
    print(hash(True), hash(n > 5), hash((1, 2)), hash((n, 2.5, (3, -1))), hash(()), hash((True, 0.0)))
    print(hash("abc") == hash("ab" + "c"), hash("é") == hash("é"[0]), hash((1, "x")) == hash((1, "x")))


def many():
    x = 0.7368
    total = 0
    for i in range(3000):
        x = x * 1.61803398875 + 0.3
        if x > 1e6:
            x = x / 1e6 - 0.5
        v = x * (10.0 ** ((i % 617) - 308)) * (1 if i % 3 else -1)
        total = (total * 31 + hash(v) % 1000003 + hash((i, v)) % 1000033 + hash((v, (i, -i))) % 1000037) % 1000000007
        if i % 500 == 0:
            print(v, hash(v))
    print(total)


def entry_point(argv):
    numbers(len(argv))
    many()
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
