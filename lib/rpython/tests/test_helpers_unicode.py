"""`rpython.rtyper.helpers.unicodetext` against CPython's own `str`.

Every code point, 0 to 0x10FFFF: its flags (each `str.is...` predicate of
the character alone, `cased` and `case_ignorable` as `title()` and
final sigma reveal them), its decimal value, its four full case mappings
and whether `repr()` escapes it. The whole-string algorithms (final
sigma, `title()`, `capitalize()`, `swapcase()`, `istitle()`, `isupper()`,
`repr()`, the text `int()` and `float()` parse) on every code point with
a case mapping or a case flag, in the contexts that matter, and on
random strings mixing the characters with special rules."""

import random
import unicodedata
import unittest

from rpython.rtyper.helpers import unicodedb as db, unicodetext as ut

ALL = range(0x110000)

PREDICATES = [
    ("isalpha", ut.isalpha),
    ("isdecimal", ut.isdecimal),
    ("isdigit", ut.isdigit),
    ("isnumeric", ut.isnumeric),
    ("isalnum", ut.isalnum),
    ("isspace", ut.isspace),
    ("isascii", ut.isascii),
    ("isupper", ut.isupper),
    ("islower", ut.islower),
    ("istitle", ut.istitle),
    ("isprintable", ut.isprintable),
    ("isidentifier", ut.isidentifier),
]

MAPPINGS = [
    ("upper", ut.upper),
    ("lower", ut.lower),
    ("title", ut.title),
    ("capitalize", ut.capitalize),
    ("swapcase", ut.swapcase),
    ("casefold", ut.casefold),
]


def mapped(code, which):
    out = []
    ut._append_mapped(out, code, which)
    return "".join(out)


def cased(ch):
    """Whether CPython's `title()` counts `ch` as cased."""
    return (ch + "a").title()[-1] == "a"


def case_ignorable(ch):
    """Whether CPython's final-sigma rule skips `ch`."""
    if cased(ch):
        return ("A\u03a3" + ch).lower()[1] == "\u03c2"
    return ("A" + ch + "\u03a3").lower()[-1] == "\u03c2"


def special(ch):
    """Whether `ch` takes part in the whole-string case rules."""
    return ch.lower() != ch or ch.upper() != ch or ch.title() != ch or cased(ch) or case_ignorable(ch)


class TestEveryCodePoint(unittest.TestCase):
    def test_version(self):
        self.assertEqual(db.UNICODE_VERSION, unicodedata.unidata_version)

    def test_flags(self):
        for c in ALL:
            ch = chr(c)
            f = ut.flags(c)
            got = (
                bool(f & db.ALPHA),
                bool(f & db.DECIMAL),
                bool(f & db.DIGIT),
                bool(f & db.NUMERIC),
                bool(f & db.LOWER),
                bool(f & db.UPPER),
                bool(f & (db.UPPER | db.TITLE)),
                ut.char_isspace(c),
                ut.char_isprintable(c),
                bool(f & db.ID_START),
                bool(f & db.ID_CONTINUE),
                ut.decimal(c),
            )
            expected = (
                ch.isalpha(),
                ch.isdecimal(),
                ch.isdigit(),
                ch.isnumeric(),
                ch.islower(),
                ch.isupper(),
                ch.istitle(),
                ch.isspace(),
                ch.isprintable(),
                ch.isidentifier(),
                ("a" + ch).isidentifier(),
                unicodedata.decimal(ch, -1),
            )
            if got != expected:
                self.fail("U+%04X: %r, CPython %r" % (c, got, expected))

    def test_case_flags(self):
        bad = [c for c in ALL if bool(ut.flags(c) & db.CASED) != cased(chr(c))]
        self.assertEqual(bad[:10], [])
        bad = [c for c in ALL if bool(ut.flags(c) & db.CASE_IGNORABLE) != case_ignorable(chr(c))]
        self.assertEqual(bad[:10], [])

    def test_mappings(self):
        for c in ALL:
            ch = chr(c)
            got = tuple(mapped(c, which) for which in (ut.UPPER, ut.LOWER, ut.TITLE, ut.FOLD))
            expected = (ch.upper(), ch.lower(), ch.title(), ch.casefold())
            if got != expected:
                self.fail("U+%04X: %r, CPython %r" % (c, got, expected))


class TestStrings(unittest.TestCase):
    SAMPLES = [
        "",
        "zß",
        "ΣΑΣ ΟΔΟΣ. Σ",
        "ὈΔΥΣΣΕΎΣ",
        "a\u0345\u03a3\u0301 \u03a3a",
        "'\u03a3'",
        "ǅemal ǆungla Ǳ",
        "İstanbul ıi",
        "ﬁﬂ ﬃ ŉ ǰ",
        "ᏣᎳᎩ ꮳꮃꭹ",
        "ႠႡ ⴀⴁ ᲐᲑ ა",
        "Ⅻⅻ ½ ² ٣ १२",
        "hello world",
        "Hello World",
        "HELLO, 𝔘𝔫𝔦 😀",
        "\u1e9e\u00df\u1f80\u1fb3",
        "em\u2003space\u200b\U0001d518\U000e0001\x7f\xa0\xad",
        "'\"",
        "a'b",
        "\\",
    ]

    def check(self, s):
        for name, helper in MAPPINGS + PREDICATES:
            self.assertEqual(helper(s), getattr(str, name)(s), (name, s))

    def test_samples(self):
        for s in self.SAMPLES:
            self.check(s)
            self.assertEqual(ut.str_repr(s), repr(s))
        self.assertEqual(ut.str_repr(None), "None")

    def test_case_rules_in_context(self):
        # Each code point with a case rule: alone, after a cased letter,
        # and next to a capital sigma.
        codes = [c for c in ALL if special(chr(c))]
        self.assertGreater(len(codes), 4000)
        for c in codes:
            for pattern in ["%s", "A%s", "A\u03a3%s", "A%s\u03a3", "%s\u03a3", "1%sa"]:
                self.check(pattern % chr(c))

    def test_random_strings(self):
        rng = random.Random(14)
        alphabet = "aA ΣσςΑ'.\u0345\u0301\u00df\u0130\u01c5\u01c4\u1f88\u2160\u00bd1_\u200b\u2003"
        for _ in range(5000):
            s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 7)))
            self.check(s)

    def test_repr(self):
        # Printability is per code point (test_flags); here the escapes.
        for c in list(range(0x3000)) + [c for c in ALL if not chr(c).isprintable()][::97]:
            self.assertEqual(ut.str_repr(chr(c)), repr(chr(c)))

    def test_int_and_float_text(self):
        for c in ALL:
            ch = chr(c)
            if c < 128 or not (ch.isspace() or ch.isdecimal()):
                continue
            t = ut.decimal_and_space_to_ascii("1" + ch)
            if ch.isspace():
                self.assertEqual(t, "1 ")
            else:
                self.assertEqual(int(t), int("1" + ch), hex(c))
        self.assertEqual(ut.decimal_and_space_to_ascii("\u00e9\U0001d7ce"), "?0")
        s = "abc"
        self.assertIs(ut.decimal_and_space_to_ascii(s), s)


if __name__ == "__main__":
    unittest.main()
