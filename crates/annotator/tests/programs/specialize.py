# specialize.arg, argtype, memo and call_location.
from rpython.rlib.objectmodel import specialize


@specialize.argtype(0)
def show(x):
    return "<%s>" % (x,)


@specialize.arg(1)
def scaled(x, factor):
    return x * factor


@specialize.memo()
def table_for(kind):
    return [kind, kind + kind]


@specialize.call_location()
def ident(x):
    return x


def entry_point(argv):
    print(show(1), show("a"), show(2.5))
    print(scaled(2, 3), scaled(2.0, 4))
    print(table_for("ab")[1])
    print(ident(1), ident("s"))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
