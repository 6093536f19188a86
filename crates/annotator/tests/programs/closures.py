# Nested functions capturing values, and functions as values (a family).


def make_adder(n):
    def add(x):
        return x + n
    return add


def double(x):
    return x * 2


def square(x):
    return x * x


OPS = [double, square]


def apply_all(x):
    out = []
    for op in OPS:
        out.append(op(x))
    return out


def entry_point(argv):
    add3 = make_adder(3)
    print(add3(4), apply_all(5))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
