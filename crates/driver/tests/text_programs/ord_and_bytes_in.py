# ord() of strs and bytes, substring tests on bytes.
def entry_point(argv):
    k = len(argv) - 1
    s = "abc"[k:k + 1] + "" * k
    data = b"hello world" + b"" * k
    print(ord(s), ord(b"z" + b"" * k), b"wor" in data, b"xyz" in data, b"" in data, "b" in s)
    try:
        ord(s + "x")
    except TypeError:
        print("TypeError")
    return 0

if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
