# UTF-8, ASCII and Latin-1 decoding and encoding with CPython's validation
# (overlong forms, encoded surrogates, values above U+10FFFF, truncated
# sequences), error handlers and exception messages. The bytes are built at
# run time, so nothing is decided at translation time.


def from_hex(text):
    out = []
    for part in text.split():
        out.append(int(part, 16))
    return bytes(out)


def decode_all(data):
    results = []
    try:
        results.append("strict " + repr(data.decode("utf-8")))
    except UnicodeDecodeError as e:
        results.append("strict UnicodeDecodeError: " + str(e))
    results.append("replace " + repr(data.decode("utf-8", "replace")))
    results.append("ignore " + repr(data.decode("utf-8", "ignore")))
    try:
        results.append("ascii " + repr(data.decode("ascii")))
    except UnicodeDecodeError as e:
        results.append("ascii UnicodeDecodeError: " + str(e))
    results.append("latin-1 " + repr(data.decode("latin-1")))
    return results


def encode_all(s):
    results = []
    for name in ["ascii", "latin-1", "utf-8"]:
        try:
            if name == "ascii":
                b = s.encode("ascii")
            elif name == "latin-1":
                b = s.encode("latin-1")
            else:
                b = s.encode("utf-8")
            results.append(name + " " + repr(b))
        except UnicodeEncodeError as e:
            results.append(name + " UnicodeEncodeError: " + str(e))
    results.append("ascii replace " + repr(s.encode("ascii", "replace")))
    results.append("ascii ignore " + repr(s.encode("ascii", "ignore")))
    return results


SAMPLES = [
    "41 42 43",
    "c3 a9 e2 82 ac f0 9d 84 9e",
    "c0 af",
    "e0 80 af",
    "f0 80 80 af",
    "ed a0 80",
    "ed bf bf",
    "f4 90 80 80",
    "f8 88 80 80 80",
    "e2 82",
    "f0 9d 84",
    "80",
    "bf 41",
    "c2",
    "e2 28 a1",
    "61 ff 62 fe 63",
]


def entry_point(argv):
    for text in SAMPLES:
        data = from_hex(text)
        print("bytes", text)
        for line in decode_all(data):
            print("  " + line)
    for s in ["plain", "caf\xe9", "\u20ac10", "a\U0001f600b", "\xff\u0100"]:
        print("text", repr(s))
        for line in encode_all(s):
            print("  " + line)
    try:
        from_hex("ff").decode("utf-8")
    except ValueError as e:
        print("caught as ValueError:", str(e))
    try:
        from_hex("c3 28").decode("utf-8")
    except UnicodeError as e:
        print("caught as UnicodeError:", str(e))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
