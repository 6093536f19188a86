# Three independent errors: all are reported in one run.
def f(n):
    x = 1
    if n > 1:
        x = "a"
    return x

def g(n):
    items = [1]
    items.append("b")
    return len(items)

class A:
    def __init__(self):
        self.v = 1
    def set(self):
        self.v = None

def entry_point(argv):
    print(f(len(argv)), g(2))
    a = A()
    a.set()
    return 0
