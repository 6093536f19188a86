# Operations on a value that may be None, and is: CPython's TypeError or
# AttributeError, never a crash.


class Box:
    def __init__(self, v):
        self.v = v


def pick_list(n):
    if n > 0:
        return [1, 2, 3]
    return None


def pick_dict(n):
    if n > 0:
        return {"a": 1}
    return None


def pick_str(n):
    if n > 0:
        return "text"
    return None


def pick_box(n):
    if n > 0:
        return Box(7)
    return None


def double(x):
    return 2 * x


def triple(x):
    return 3 * x


def pick_function(n):
    if n > 1:
        return triple
    if n > 0:
        return double
    return None


def attempt(what, n):
    try:
        if what == "len":
            return str(len(pick_list(n)))
        if what == "getitem":
            return str(pick_list(n)[0])
        if what == "setitem":
            lst = pick_list(n)
            lst[0] = 5
            return str(lst[0])
        if what == "dict":
            d = pick_dict(n)
            return str(d["a"])
        if what == "in":
            d = pick_dict(n)
            return str("a" in d)
        if what == "iter":
            total = 0
            for x in pick_list(n):
                total += x
            return str(total)
        if what == "str":
            s = pick_str(n)
            return s.upper()
        if what == "strlen":
            return str(len(pick_str(n)))
        if what == "attr":
            return str(pick_box(n).v)
        if what == "call":
            return str(pick_function(n)(5) + pick_function(n + 1)(1))
    except TypeError as e:
        return "TypeError: " + str(e)
    except AttributeError as e:
        return "AttributeError: " + str(e)
    return "?"


def entry_point(argv):
    for what in ["len", "getitem", "setitem", "dict", "in", "iter", "str", "strlen", "attr", "call"]:
        print(what, attempt(what, 1), "|", attempt(what, 0))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
