# A str probed in dicts and sets of single characters.
def entry_point(argv):
    d = {"a": 1, "b": 2}
    s = {"x", "y"}
    for w in ["a", "ab", "b", "", "x", "xy"]:
        print(w, w in d, w in s, w not in s)
    return 0

if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
