# A list larger than the collector's spaces (they grow), and MemoryError
# from an impossible allocation caught by the program, as under CPython.


def repeat(n):
    return [7] * n


def entry_point(argv):
    big = repeat(3000000)
    print(len(big), big[2999999])
    big = repeat(0)
    try:
        huge = repeat(1 << 45)
        print(len(huge))
    except MemoryError:
        print("MemoryError caught")
    try:
        huge = [0] * (1 << 45)
        print(len(huge))
    except MemoryError:
        print("MemoryError caught again")
    s = "xy" * 1000
    print(len(s * 1000), len(big))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
