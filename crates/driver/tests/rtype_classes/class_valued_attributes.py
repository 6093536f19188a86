class P:
    pass
class Q(P):
    pass
class Maker:
    product = P
    def make(self):
        return self.product()
class QMaker(Maker):
    product = Q
def entry_point(argv):
    for m in [Maker(), QMaker()]:
        print(isinstance(m.make(), Q))
    return 0
