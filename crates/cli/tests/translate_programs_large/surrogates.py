# Lone surrogates, made at run time (the host interpreter of `rpy run`
# keeps strings as UTF-8 and cannot hold them, so this program is only
# translated): surrogateescape decoding and encoding round trips, and the
# errors of the other handlers.


def hexes(data):
    return " ".join(["%02x" % b for b in data])


def entry_point(argv):
    raw = bytes([0x61, 0xFF, 0xC3, 0xA9, 0xED, 0xA0, 0x80, 0xF0, 0x9F, 0x98])
    text = raw.decode("utf-8", "surrogateescape")
    print(len(text), repr(text))
    print(hexes(text.encode("utf-8", "surrogateescape")))
    print(text.encode("utf-8", "surrogateescape") == raw)
    print(repr(text.encode("ascii", "replace")), repr(text.encode("utf-8", "ignore")))
    for handler in ["strict", "latin-1", "ascii"]:
        try:
            if handler == "strict":
                text.encode("utf-8")
            elif handler == "latin-1":
                text.encode("latin-1", "surrogateescape")
            else:
                print(repr(text.encode("ascii", "surrogateescape")))
        except UnicodeEncodeError as e:
            print(handler, str(e))
    high = chr(0xD800 + len(argv)) + chr(0xDC00) + "x"
    print(len(high), repr(high), repr(high.encode("utf-8", "replace")))
    try:
        high.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError as e:
        print(str(e))
    escaped = raw.decode("ascii", "surrogateescape")
    print(repr(escaped), escaped.encode("ascii", "surrogateescape") == raw)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
