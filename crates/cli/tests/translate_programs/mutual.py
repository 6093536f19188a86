# Mutual recursion, defaults, and recursion deep enough to need the
# stack but within CPython's limit.


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def power(base, exp=2):
    result = 1
    for i in range(exp):
        result *= base
    return result


def entry_point(argv):
    print("even", is_even(10), is_even(7), is_odd(801))
    print("ackermann", ackermann(2, 3), ackermann(3, 3))
    print("power", power(3), power(2, 10))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
