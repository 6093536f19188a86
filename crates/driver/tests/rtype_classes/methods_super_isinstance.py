class A:
    def __init__(self, x):
        self.x = x
    def f(self):
        return self.x
class B(A):
    def __init__(self, x):
        super().__init__(x + 1)
    def f(self):
        return super().f() * 2

def entry_point(argv):
    l = [A(1), B(2)]
    for a in l:
        print(a.f(), isinstance(a, B), type(a) is A, bool(a.x))
    return 0
