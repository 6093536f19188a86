# Order-dependent refusal: show() first sees a W_Str; the impossible isinstance(w, W_Float)
# narrowing reads `value` through W_Root, so the valid program is refused
# (W_Root.value float vs str).  Swapped order: see disjoint_isinstance_if_str_swapped.py.


class W_Root(object):
    pass


class W_Str(W_Root):
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
    s = W_Str("x" * len(argv))
    print(show(s), s.value)
    print(show(W_Float(1.5)))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
