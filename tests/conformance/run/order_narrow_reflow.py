# Order dependence: int_val() is first annotated with a W_Int argument, later re-flowed
# with a W_Root argument; its `assert isinstance` narrowing must still apply.  If not,
# `value` is hoisted to W_Root as int|float = float and W_Int values print as "3.0".


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


def entry_point(argv):
    n = len(argv)
    print(int_val(W_Int(n + 2)))
    print(float_val(W_Float(0.5)))
    a = W_Int(n) if n < 3 else W_Float(0.5)
    print(int_val(a))
    b = W_Float(2.5) if n < 3 else W_Int(n)
    print(float_val(b))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
