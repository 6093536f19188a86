class Node:
    def __init__(self, v):
        self.v = v
        self.next = None
        self.kids = []
    def find(self, v):
        return None
    def ok(self):
        return True

class Leaf(Node):
    def find(self, v):
        if v == self.v:
            return self
        return None
    def ok(self):
        return 1

class Branch(Node):
    def find(self, v):
        for k in self.kids:
            r = k.find(v)
            if r is not None:
                return r
        return None

ROOT = Branch(0)
A = Leaf(1)
B = Leaf(2)
ROOT.kids.append(A)
ROOT.kids.append(B)
A.next = B
B.next = A
TABLE = [(1, A), (2, B)]
EMPTY = ()

def entry_point(argv):
    r = ROOT.find(2)
    if r is not None:
        print(r.v, r.next.v, r.ok())
    for k, n in TABLE:
        print(k, n.v, n.next is not None)
    print(len(EMPTY), len(ROOT.kids))
    c = Leaf if len(argv) > 1 else None
    if c is not None:
        print(c(5).v)
    return 0
