class Unit:
    symbol = "?"
    count = 0
    def __init__(self, n):
        self.n = n
    def bump(self):
        self.count += 1
class Named(Unit):
    def __init__(self, n):
        Unit.__init__(self, n)
        self.symbol = "named"
def entry_point(argv):
    u = Unit(1)
    u.bump()
    for x in [u, Named(2)]:
        print(x.symbol, x.count)
    return 0
