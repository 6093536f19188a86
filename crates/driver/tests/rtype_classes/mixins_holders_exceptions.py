class Mixin:
    def describe(self):
        return self.kind() + "!"

class Base:
    def __init__(self, n):
        self.n = n

class A(Mixin, Base):
    def kind(self):
        return "a"

class B(Mixin, Base):
    def kind(self):
        return "b" + str(self.n)

def inc(x):
    return x + 1
def dec(x):
    return x - 1

class Holder:
    def __init__(self, f, cls):
        self.f = f
        self.cls = cls
    def run(self, x):
        return self.f(x)

class Err(Exception):
    def __init__(self, code):
        self.code = code
    def describe(self):
        return "err"
class SubErr(Err):
    def describe(self):
        return "sub"

def boom(i):
    if i > 1:
        raise SubErr(i)
    raise Err(i)

def entry_point(argv):
    items = [A(1), B(2)]
    for it in items:
        print(it.describe())
    h = Holder(inc, A)
    h2 = Holder(dec, B)
    for hh in [h, h2]:
        o = hh.cls(3)
        print(hh.run(10), o.describe(), hh.f is inc)
    for i in range(3):
        try:
            boom(i)
        except Err as e:
            print(e.describe(), e.code, isinstance(e, SubErr))
    return 0
