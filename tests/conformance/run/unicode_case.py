# Case mappings and character classes beyond ASCII, with CPython 3.11's
# Unicode tables (14.0.0): special casing (ß, ŉ, ǰ, ligatures, İ), final
# sigma, titlecase digraphs, Georgian, Cherokee; the is... predicates
# across scripts. The words are items of a list, so the methods run at
# run time.

WORDS = [
    "zß",
    "Straße",
    "ŉ ǰ ΐ",
    "ﬁﬂ ﬀ ﬃ ﬄ ﬅ ﬆ",
    "İstanbul",
    "ıi",
    "ΣΑΣ",
    "ΟΔΟΣ ΟΔΟΣ. Σ",
    "Σ",
    "AΣ",
    "AΣb",
    "A\u0345Σ\u0301",
    "'Σ'",
    "ὈΔΥΣΣΕΎΣ",
    "ǅemal ǆungla Ǳ ǲ ǳ",
    "ᾈ ᾀ ᾳ ῼ",
    "ႠႡႢ ⴀⴁ ᲐᲑᲒ აბგ",
    "ᏣᎳᎩ ꮳꮃꭹ Ᏸ ᏸ",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 𐐀𐐨",
    "ǈ ǋ",
    "hello world",
    "they're bill's friends",
    "ẞ ß",
    "µ ÿ ſ",
]

PREDICATE_SAMPLES = [
    "abc",
    "ABC",
    "Abc",
    "ǅ",
    "ǅa",
    "ǅA",
    "ß",
    "ªº",
    "ʰ",
    "123",
    "²³",
    "½",
    "Ⅻ",
    "ⅻ",
    "٣٤",
    "१२३",
    "漢字",
    "四",
    "ā\u0301",
    "\u0301",
    "\u200b",
    "\xa0",
    "\u2028",
    "\u1680",
    "\u180e",
    "\ufeff",
    "\u2003",
    "\x1c\x1d\x1e\x1f",
    "\x85",
    " \t\n",
    "𝔘",
    "😀",
    "𝟎𝟏",
    "_x1",
    "1x",
    "ℕ",
    "℘x",
    "x·",
    "",
    "ǅemal Ǆ",
    "Hello World",
    "Hello world",
    "\u02b0A",
]

PREDICATES = [
    "isalpha",
    "isdecimal",
    "isdigit",
    "isnumeric",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "istitle",
    "isprintable",
    "isidentifier",
    "isascii",
]


def flags(s):
    out = ""
    for value in [
        s.isalpha(),
        s.isdecimal(),
        s.isdigit(),
        s.isnumeric(),
        s.isalnum(),
        s.isspace(),
        s.isupper(),
        s.islower(),
        s.istitle(),
        s.isprintable(),
        s.isidentifier(),
        s.isascii(),
    ]:
        out += "1" if value else "0"
    return out


def entry_point(argv):
    for w in WORDS:
        print(w)
        print("  upper", w.upper(), len(w.upper()))
        print("  lower", w.lower(), len(w.lower()))
        print("  title", w.title())
        print("  capitalize", w.capitalize())
        print("  swapcase", w.swapcase())
        print("  casefold", w.casefold())
    print(" ".join(PREDICATES))
    for s in PREDICATE_SAMPLES:
        print(repr(s), flags(s))
    # Predicates built character by character at run time.
    total = 0
    for code in [0x41, 0xDF, 0x130, 0x3A3, 0x1C5, 0x10A0, 0x13A0, 0x2160, 0xFF21, 0x1D518]:
        c = chr(code)
        print(hex(code), c.upper(), c.lower(), c.title(), flags(c))
        total += len(c.upper()) + len(c.lower())
    print(total)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
