def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct

class P:
    def __init__(self, x, y=2, *, z=3):
        self.s = x + y + z
    def m(self, a, b=1):
        return self.s + a + b

T = (1.5, 2.5)
L = [(1, "a"), (2, "b")]
class Q:
    def __init__(self, n):
        self.n = n
QS = [Q(1), Q(2)]
Q0 = QS[0]

def entry_point(argv):
    print(greet("Bob", punct="?"))
    print(greet(punct=".", name="Eve", greeting="Bye"))
    p = P(1, z=5)
    print(p.m(b=4, a=1), p.s)
    print(T[0] > 1.0, L[1][1], QS[1].n, Q0 is QS[0])
    return 0
