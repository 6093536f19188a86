# divmod() and round() as CPython computes them: floor division with the
# matching modulo for ints and floats (signed zeros, CPython's messages),
# round() to an int with ties to even, round(x, n) of a float correctly
# rounded in decimal, round(int, n) an int.


def show_divmod(a, b):
    try:
        print(divmod(a, b))
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)


def show_divmod_float(a, b):
    try:
        print(divmod(a, b))
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)


def show_round_int(x):
    try:
        print(round(x))
    except OverflowError as e:
        print("OverflowError:", e)
    except ValueError as e:
        print("ValueError:", e)


def show_round(x, n):
    try:
        print(round(x, n))
    except OverflowError as e:
        print("OverflowError:", e)


def entry_point(argv):
    n = len(argv)
    for a in [7, -7, n, -n, 0, 9223372036854775807, -9223372036854775807]:
        for b in [3, -3, 1, 2]:
            show_divmod(a + n - 1, b)
    show_divmod(n, 0)
    for x in [7.5, -7.5, 0.0, -0.0, 1e308, 5e-324, 1.0]:
        for y in [2.0, -2.5, 1e-308, 0.0, -0.0, 3.0]:
            show_divmod_float(x, y)
    print(divmod(7, 2.5), divmod(-7.0, n + 1))
    for x in [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994, 4503599627370497.0,
              1e18, -1e18, 2.675, 1e-300]:
        show_round_int(x * n)
    show_round_int(float("inf"))
    show_round_int(-float("inf"))
    show_round_int(float("nan"))
    for x in [2.675, 0.125, 0.375, -0.001, 1234.5678, 1.5e22, 5e22, 49.0, 50.0, 51.0,
              150.0, -250.0, 999.7, 1e300, 5e-324, 1.7976931348623157e308, 0.0, -0.0]:
        for nd in [0, 1, 2, 3, -1, -2, -3, 15, 17, 300, 400, -22, -23, -308, -309]:
            show_round(x * n, nd)
    show_round(float("inf"), 2)
    show_round(float("nan"), -2)
    # (Results stay within 64 bits: beyond, ints wrap in a translated program.)
    for i in [0, 1, 5, 15, 25, -25, 150, 250, -250, 1234, 1250, 1350, 4000000000000000000,
              -5000000000000000000, 5000000000000000000, 4500000000000000000]:
        print(round(i * n), round(i * n, 2), round(i * n, -1), round(i * n, -2),
              round(i * n, -18), round(i * n, -19), round(i * n, -25))
    print(round(True), round(n > 5), round(2.5, None), round(7, None))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
