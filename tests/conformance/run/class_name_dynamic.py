# type(x).__name__ where the class is only known at run time, for user
# classes and built-in exception classes.


class Shape:
    pass


class Square(Shape):
    pass


class Circle(Shape):
    pass


class AppError(Exception):
    pass


def make(n):
    if n == 0:
        return Shape()
    if n == 1:
        return Square()
    return Circle()


def fail(n):
    if n == 0:
        raise OverflowError("big")
    if n == 1:
        raise AppError("app")
    if n == 2:
        raise KeyError(n)
    return n


def entry_point(argv):
    for i in range(3):
        s = make((len(argv) + i) % 3)
        t = type(s)
        print(type(s).__name__, t.__name__, Square.__name__)
    for i in range(4):
        try:
            fail(i)
            print("no error")
        except Exception as e:
            print(type(e).__name__)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
