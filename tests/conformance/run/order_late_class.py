# Order dependence: show() narrows with isinstance(w, W_Float) before any W_Float has been
# seen by the annotator (W_Float is only instantiated in a function annotated later).
# The read w.value is then attributed to W_Root, where int and float merge to float,
# and W_Int values print as floats.


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
        return "float " + str(w.value)
    if isinstance(w, W_Int):
        return "int " + str(w.value)
    return "?"


def make_float(x):
    return W_Float(x)


def entry_point(argv):
    n = len(argv)
    w = W_Root()
    if n > 0:
        w = W_Int(n + 2)
    print(show(w))
    print(show(make_float(0.5)))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
