class A:
    def f(self, x, y=10):
        return x + y
class B(A):
    def f(self, x, y=20):
        return x * y
def g1(a, b=1):
    return a + b
def g2(a, b=1):
    return a - b
def entry_point(argv):
    objs = [A(), B()]
    fs = [g1, g2]
    for o in objs:
        print(o.f(1), o.f(1, 2), o.f(x=3), o.f(1, y=5))
    for f in fs:
        print(f(1), f(1, b=3))
    return 0
