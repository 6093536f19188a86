# Raising and catching user exceptions through calls, handler order,
# re-raise, finally, and an uncaught exception's exit status.


class AppError(Exception):
    pass


class BadInput(AppError):
    pass


def check(n):
    if n < 0:
        raise BadInput()
    if n > 100:
        raise AppError()
    return n * 2


def guarded(n):
    try:
        return check(n)
    except BadInput:
        return -1
    except AppError:
        return -2


def with_finally(n):
    result = 0
    try:
        result = check(n)
    finally:
        print("finally for", n)
    return result


def entry_point(argv):
    for n in [5, -3, 500]:
        print("guarded", n, guarded(n))
    print("with_finally", with_finally(7))
    try:
        with_finally(-1)
    except AppError:
        print("caught through finally")
    try:
        try:
            check(1000)
        except BadInput:
            print("wrong handler")
    except AppError:
        print("outer handler")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
