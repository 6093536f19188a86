# == between lists, nested lists, tuples, dicts.



def entry_point(argv):
    k = len(argv)
    a = [1, 2, k]
    b = [1, 2, 1]
    print(a == b, a != b, [[1, 2], [k]] == [[1, 2], [1]], [[1], [2]] == [[1], [3]])
    print((1, "a", 2.5) == (1, "a", 2.5), (k, "x") == (1, "y"), ("a", k) < ("a", 2), (1, 2) < (1, 2, 3) if False else True)
    d1 = {"a": 1, "b": k}
    d2 = {"b": 1, "a": 1}
    print(d1 == d2, d1 != d2, {1: [1, 2]} == {1: [1, 2]}, {1: "x"} == {2: "x"})
    print([] == [], ["a"] < ["b"], [1, 2] < [1, 3], [2] > [1, 9])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
