# Order variant: a helper reading w.value is annotated first with W_Int only,
# later called with W_Float through a different path.


class W_Root(object):
    pass


class W_Int(W_Root):
    def __init__(self, v):
        self.value = v


class W_Float(W_Root):
    def __init__(self, v):
        self.value = v


def int_val(w):
    assert isinstance(w, W_Int)
    return w.value


def float_val(w):
    assert isinstance(w, W_Float)
    return w.value


def add(a, b):
    if isinstance(a, W_Int) and isinstance(b, W_Int):
        return W_Int(int_val(a) + int_val(b))
    fa = float(int_val(a)) if isinstance(a, W_Int) else float_val(a)
    fb = float(int_val(b)) if isinstance(b, W_Int) else float_val(b)
    return W_Float(fa + fb)


def show(w):
    if isinstance(w, W_Int):
        return str(w.value)
    if isinstance(w, W_Float):
        return str(w.value)
    return "?"


def entry_point(argv):
    n = len(argv)
    print(show(add(W_Int(n), W_Int(2))))
    print(show(add(W_Int(n), W_Float(0.5))))
    print(show(add(W_Float(1.5), W_Float(0.25))))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
