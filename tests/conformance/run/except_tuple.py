# `except (A, B) as e:` catches an instance of any of the classes; in the
# handler `e` is an instance of their nearest common base, whose attributes
# and methods can be used.


class AppError(Exception):
    def __init__(self, code):
        self.code = code

    def describe(self):
        return "app error %d" % self.code


class ParseError(AppError):
    def describe(self):
        return "parse error %d" % self.code


class EvalError(AppError):
    pass


class Unrelated(Exception):
    pass


def fail(n):
    if n == 0:
        raise ParseError(10)
    if n == 1:
        raise EvalError(11)
    if n == 2:
        raise KeyError(n)
    if n == 3:
        raise ZeroDivisionError("zero")
    if n == 4:
        raise Unrelated("other")
    if n == 5:
        return [1][n]
    return n


def run(n):
    try:
        fail(n)
        print(n, "no error")
    except (ParseError, EvalError) as e:
        print(n, "app:", e.describe(), e.code)
    except (KeyError, ZeroDivisionError, IndexError) as e:
        print(n, "lookup or arithmetic:", type(e).__name__, str(e))
    except (Unrelated,):
        print(n, "unrelated")


def nested(n):
    try:
        try:
            fail(n)
        except (IndexError, ParseError):
            print(n, "inner")
            raise
    except (AppError, LookupError, Unrelated) as e:
        print(n, "outer", type(e).__name__)
    except (ZeroDivisionError, ValueError):
        print(n, "outer arithmetic")


def entry_point(argv):
    for i in range(7):
        run((i + len(argv) - 1) % 7)
    for i in range(7):
        nested(i)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
