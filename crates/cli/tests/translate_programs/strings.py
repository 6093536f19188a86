# Strings: length, indexing (negative too), slicing, concatenation,
# equality, single characters, iteration, non-ASCII text.


def count_vowels(s):
    n = 0
    for c in s:
        if c == "a" or c == "e" or c == "i" or c == "o" or c == "u":
            n += 1
    return n


def entry_point(argv):
    s = "translation"
    print(s, len(s), s[0], s[-1], s[2:5], s[:3] + s[-3:])
    print("vowels", count_vowels(s))
    print("eq", s == "translation", s != "translation", s[1:3] == "ra")
    t = "héllo wörld"
    print(t, len(t), t[1], t[7])
    parts = ""
    for i in range(5):
        parts = parts + str(i)
    print("joined by +", parts, "in:", "lat" in s, "xyz" in s)
    try:
        print(s[100])
    except IndexError:
        print("IndexError caught")
    print("ord", ord("A"), ord(t[1]))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
