# Resizable and fixed lists: append, pop, insert, extend, slicing,
# membership, reverse, repeat, concatenation, IndexError.


def show(xs):
    out = []
    for x in xs:
        out.append(x)
    print(len(out), out[0] if out else -1, out[-1] if out else -1)


def entry_point(argv):
    xs = []
    for i in range(10):
        xs.append(i * i)
    show(xs)
    xs.insert(0, -5)
    xs.insert(100, 1000)
    print("pop", xs.pop(), xs.pop(0), xs.pop(3))
    xs.extend([7, 8])
    print("slice", len(xs[2:5]), xs[2:5][0], len(xs[:-2]), len(xs[8:3]))
    print("in", 49 in xs, 50 in xs, xs.index(49))
    xs.reverse()
    show(xs)
    ys = [0, 1] * 3 + [9]
    show(ys)
    del ys[0]
    del ys[1:3]
    show(ys)
    try:
        print(ys[100])
    except IndexError:
        print("IndexError caught")
    total = 0
    for y in ys:
        total += y
    print("total", total)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
