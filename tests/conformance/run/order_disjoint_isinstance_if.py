# show() is first annotated with a W_Int argument; its `isinstance(w, W_Float)` test is then
# impossible and the read w.value is attributed to W_Root (int|float -> float): W_Int.value
# prints as 3.0.  Swapping the two calls (disjoint_isinstance_if_swapped.py) gives correct output.


class W_Root(object):
    pass


class W_Int(W_Root):
    def __init__(self, v):
        self.value = v


class W_Float(W_Root):
    def __init__(self, v):
        self.value = v


def show(w):
    if isinstance(w, W_Float):
        return "f" + str(w.value)
    return "other"


def entry_point(argv):
    n = len(argv)
    i = W_Int(n + 2)
    print(show(i), i.value)
    print(show(W_Float(1.5)))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
