# repr() of strs with non-printable characters (and str() of lists and
# tuples holding them), and int()/float() of text with decimal digits of
# any script and Unicode whitespace, with CPython's ValueError messages.

TEXTS = [
    "em\u2003space",
    "\u00a0nbsp",
    "\u200b",
    "zero\u200bwidth",
    "line\u2028sep\u2029",
    "ogham\u1680",
    "mongolian\u180e",
    "bom\ufeff",
    "soft\xadhyphen",
    "\x7f\x80\x9f",
    "tab\tnl\ncr\r",
    "quote'",
    "both'\"",
    "back\\slash",
    "é中😀𝔘",
    "\U000e0001tag",
    "\U0010ffff",
    "\ue000private",
    "\u0378unassigned",
    "\U0001f600\U0001fa7f",
    "combining a\u0301",
]

NUMBERS = [
    "٣",
    "١٢٣",
    " \u2003 7 ",
    "\u3000-42\u3000",
    "१२३",
    "٣_٤",
    "𝟏𝟐",
    "\x85 5",
    "\xa0 5",
    "²",
    "½",
    "Ⅻ",
    "\x1c7",
    "7\x1f",
    "1\u200b",
    "",
    "\u2003",
    "٣x",
]

FLOATS = [
    "١.٥",
    " \u2003 2.5e3 ",
    "٣.١٤",
    "-١٢",
    "१.०",
    "𝟏.𝟓",
    "1.5\u200b",
    "²",
    "\u3000inf",
    "\x1c1.5",
]


def entry_point(argv):
    for t in TEXTS:
        print(repr(t), len(t))
    print(TEXTS)
    print((TEXTS[2], TEXTS[0]))
    print("%r and %s" % (TEXTS[0], [TEXTS[1]]))
    print(f"{TEXTS[4]!r}")
    for n in NUMBERS:
        try:
            print(repr(n), int(n))
        except ValueError as e:
            print(repr(n), "ValueError:", e)
        try:
            print(repr(n), int(n, 16))
        except ValueError as e:
            print(repr(n), "ValueError:", e)
    for f in FLOATS:
        try:
            print(repr(f), float(f))
        except ValueError as e:
            print(repr(f), "ValueError:", e)
    words = " a\u2003b\u3000c\x1cd\u180ee\u200bf ".split()
    print(words, len(words))
    print(repr("\u2003 x \u3000".strip()), repr("\u180ex\u180e".strip()))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
