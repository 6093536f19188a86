class Unit:
    symbol = "?"
    factor = 1
    def __init__(self, amount):
        self.amount = amount
    def to_base(self):
        return self.amount * self.factor
class Mm(Unit):
    symbol = "mm"
class Km(Unit):
    symbol = "km"
    factor = 1000
UNITS = [Mm, Km]
def entry_point(argv):
    for cls in UNITS:
        u = cls(3)
        print(cls.symbol, u.to_base(), u.symbol, "+" in ("+", "-"), len(list((1, 2))))
    try:
        raise ValueError("bad")
    except ValueError as e:
        print("caught")
    return 0
