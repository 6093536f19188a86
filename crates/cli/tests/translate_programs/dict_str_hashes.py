# Strs built at run time find the keys of a prebuilt dict (whose strs' hashes
# were computed at translation time), and prebuilt strs find run-time keys.
TABLE = {"two": 2, "": 0, "héllo wörld ✓": 5, "a": 1}


def rep(s, n):
    out = ""
    for i in range(n):
        out = out + s
    return out


def entry_point(argv):
    n = len(argv)
    k = rep("t", n) + "wo"
    e = rep("x", n - 1)
    u = "héllo" + rep(" wörld ✓", n)
    a = rep("a", n)
    print(TABLE[k], TABLE[e], TABLE[u], TABLE[a], k in TABLE)
    d = {}
    d[k] = 1
    print(d["two"], "two" in d)
    return 0

if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
