# Changing a dict or set while iterating over it: CPython raises
# RuntimeError (size changed, or keys changed with the size kept), and the
# iterator stays broken; values may change, and lists may change size (the
# iteration sees the change). reversed() over a list that shrinks stops.


def dict_grow(d):
    try:
        for k in d:
            d[k + "!"] = 1
        return "no error"
    except RuntimeError as e:
        return "RuntimeError: " + str(e)


def dict_items_grow(d):
    seen = 0
    try:
        for k, v in d.items():
            seen += 1
            d[k * 2] = v
        return "no error"
    except RuntimeError as e:
        return "RuntimeError after %d: %s" % (seen, str(e))


def dict_swap(d):
    seen = []
    try:
        for k in d:
            seen.append(k)
            if k == "a":
                del d["b"]
                d["z"] = 26
        return "no error " + str(seen)
    except RuntimeError as e:
        return "RuntimeError: %s %s" % (str(e), str(seen))


def dict_values_edit(d):
    for k in d:
        d[k] = d[k] * 10
    return sorted(d.values())


def set_shrink(s):
    try:
        for x in s:
            s.discard(x)
        return "no error"
    except RuntimeError as e:
        return "RuntimeError: " + str(e)


def sticky(d):
    it = iter(d)
    first = next(it)
    d["new"] = 0
    messages = []
    for _ in range(2):
        try:
            next(it)
        except RuntimeError as e:
            messages.append(str(e))
        except StopIteration:
            messages.append("StopIteration")
    return first + " " + " | ".join(messages)


def entry_point(argv):
    print(dict_grow({"x": 1, "y": 2}))
    print(dict_items_grow({"p": 1, "q": 2}))
    print(dict_swap({"a": 1, "b": 2, "c": 3}))
    print(dict_values_edit({"a": 1, "b": 2}))
    print(set_shrink(set([1, 2, 3])))
    print(sticky({"k": 1, "l": 2}))
    lst = [1, 2, 3]
    seen = []
    for x in lst:
        seen.append(x)
        if len(lst) < 6:
            lst.append(x * 10)
    print(seen)
    shrinking = [i * 11 for i in range(8)]
    got = []
    for x in reversed(shrinking):
        got.append(x)
        if x == 66:
            del shrinking[2:]
    print(got, shrinking)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
