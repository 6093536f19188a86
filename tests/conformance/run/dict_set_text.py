# str() and repr() of dicts (insertion order, as CPython) and of sets of
# str (CPython's order changes from run to run with the str hash, so the
# sets printed here have at most one item), nested in lists and tuples,
# through print, %-formatting and f-strings.


def entry_point(argv):
    n = len(argv)
    d = {"a": 1, "é": n, "q'uote": -3}
    print(d)
    print(str(d), repr(d), "%s|%r" % (d, d), f"{d}")
    e = {1: "x"}
    del e[1]
    print(e, {n: [1.5, -0.0]}, {(1, "t"): {2: None}}, {n: {"s"}}, {n: {"d": None}})
    print(set(["a" * n]) - set(["a" * n]), {"z"}, {"é", "b"} - {"b"}, [{"x"}, {"y"}], [{"k": None}])
    print([d, {"b": 2}], (e, {"s"}), {"nested": {"deeper": {"deepest": n}}})
    for k in list(d.keys()):
        del d[k]
    d["new"] = 7
    print(d)
    counts = {}
    for w in "the cat and the hat and the bat".split():
        counts[w] = counts.get(w, 0) + 1
    print(counts)
    maybe = {"k": "v"}
    if n > 5:
        maybe = None
    print(maybe)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
