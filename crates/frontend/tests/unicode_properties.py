"""Prints, for every code point but the surrogates, what CPython's str
methods say of it, as runs of code points that agree: the predicates,
the case mappings (as deltas when they give one code point), whether
`title()` counts it as cased and final sigma skips it, how `repr()`
escapes it, and what `int()` reads in it. `unicode_host.rs` prints the
same from the host interpreter and compares."""

import sys

PREDICATES = [
    "isalpha", "isdecimal", "isdigit", "isnumeric", "isalnum", "isspace", "isupper",
    "islower", "istitle", "isprintable", "isidentifier",
]
MAPPINGS = ["upper", "lower", "title", "capitalize", "swapcase", "casefold"]


def mapping(code, text):
    if len(text) == 1:
        return "%+d" % (ord(text) - code)
    return "=" + ".".join("%x" % ord(c) for c in text)


def flag(b):
    return "1" if b else "0"


def describe(code):
    ch = chr(code)
    bits = "".join(flag(getattr(ch, p)()) for p in PREDICATES)
    bits += flag(("a" + ch).isidentifier())
    cased = (ch + "a").title()[-1] == "a"
    bits += flag(cased)
    if cased:
        bits += flag(("A\u03a3" + ch).lower()[1] == "\u03c2")
    else:
        bits += flag(("A" + ch + "\u03a3").lower()[-1] == "\u03c2")
    maps = " ".join(mapping(code, getattr(ch, m)()) for m in MAPPINGS)
    r = repr(ch)
    escape = "p" if len(r) == 3 else r[1:3] + str(len(r))
    try:
        number = str(int("1" + ch + " "))
    except ValueError:
        number = "-"
    return "%s %s %s %s" % (bits, maps, escape, number)


def main():
    out = []
    start = 0
    current = None
    for code in list(range(0xD800)) + list(range(0xE000, 0x110000)):
        d = describe(code)
        if d != current:
            if current is not None:
                out.append("%x %s" % (start, current))
            start = code
            current = d
    out.append("%x %s" % (start, current))
    sys.stdout.write("\n".join(out) + "\n")


main()
