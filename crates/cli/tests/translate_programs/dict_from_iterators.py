# Dicts and sets filled from iterators: dict(zip()), dict(enumerate()),
# set() of a dict view, of zip pairs and of enumerate(), set.update(view).


def entry_point(argv):
    names = ["ada", "alan", "grace"]
    years = [1815, 1912, 1906]
    born = dict(zip(names, years))
    print(len(born), born["alan"], born["grace"])
    for k, v in born.items():
        print(k, v)
    index = dict(enumerate(names))
    print(index[0], index[2], len(index))
    ks = set(born.keys())
    print(len(ks), "ada" in ks, "bob" in ks)
    vs = set(born.values())
    print(len(vs), 1906 in vs)
    pairs = set(zip(years, names))
    print(len(pairs), (1815, "ada") in pairs)
    more = set()
    more.update(born.keys())
    more.update(index.values())
    print(len(more), sorted(more)[0])
    chars = set(enumerate("abca"))
    print(len(chars))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
