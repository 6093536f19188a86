# Tuples mixing subclass and base instances: (Sub(), n) vs (Base(), n).


class Base(object):
    def name(self):
        return "base"


class Sub(Base):
    def name(self):
        return "sub"



def entry_point(argv):
    k = len(argv)
    pairs = [(Sub(), 1), (Base(), 2)]
    pairs.append((Sub(), 3))
    for p, n in pairs:
        print(p.name(), n)
    t = (Sub(), k) if k > 5 else (Base(), k)
    print(t[0].name(), t[1])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
