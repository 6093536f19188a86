"""The text codecs of `rpython.rtyper.helpers.text` against CPython's own:
every byte sequence of up to four bytes drawn from the boundary values of
UTF-8 (and random longer ones), under each error handler, must decode to
what CPython gives, or fail with CPython's `UnicodeDecodeError` message."""

import itertools
import random
import unittest

from rpython.rtyper.helpers import text

HANDLERS = [
    ("strict", text.STRICT),
    ("replace", text.REPLACE),
    ("ignore", text.IGNORE),
    ("surrogateescape", text.SURROGATEESCAPE),
]

# The bytes where UTF-8's rules change.
BOUNDARIES = [
    0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
    0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5,
    0xFF,
]


def outcome(call):
    try:
        return ("ok", call())
    except UnicodeError as e:
        return (type(e).__name__, str(e))


class TestUtf8Decode(unittest.TestCase):
    def check(self, data, name, code, start=0, end=None):
        if end is None:
            end = len(data)
        expected = outcome(lambda: data[start:end].decode("utf-8", name))
        got = outcome(lambda: text.utf8_decode(data, start, end, code))
        self.assertEqual(expected, got, (data, name, start, end))

    def test_short_sequences_of_boundary_bytes(self):
        for length in range(1, 4):
            for t in itertools.product(BOUNDARIES, repeat=length):
                for name, code in HANDLERS:
                    self.check(bytes(t), name, code)

    def test_four_byte_sequences_around_the_limits(self):
        leads = [0xF0, 0xF4, 0xF5, 0xED, 0xE0]
        for t in itertools.product(leads, BOUNDARIES, [0x80, 0xBF, 0x41], [0x80, 0xC0]):
            for name, code in HANDLERS:
                self.check(bytes(t), name, code)

    def test_random_text_and_slices(self):
        rng = random.Random(7)
        alphabet = "aé€𝄞\x00\x7f"
        for _ in range(300):
            s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))
            data = bytearray(s.encode("utf-8"))
            for _ in range(rng.randrange(3)):
                if data:
                    data[rng.randrange(len(data))] = rng.choice(BOUNDARIES)
            data = bytes(data)
            start = rng.randrange(len(data) + 1)
            end = rng.randrange(start, len(data) + 1)
            for name, code in HANDLERS:
                self.check(data, name, code, start, end)

    def test_overlong_slash_is_not_a_slash(self):
        self.assertEqual(
            outcome(lambda: text.utf8_decode(b"\xc0\xaf", 0, 2, text.STRICT)),
            ("UnicodeDecodeError", "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"),
        )


class TestAsciiAndMessages(unittest.TestCase):
    def test_ascii_decode(self):
        for data in [b"", b"abc", b"a\x80b", b"\xff\xfe", b"ok\x7f"]:
            for name, code in HANDLERS:
                self.assertEqual(
                    outcome(lambda: data.decode("ascii", name)),
                    outcome(lambda: text.ascii_decode(data, code)),
                )

    def test_encode_errors(self):
        cases = [
            ("ascii", "aé€b", 1, 128, "ordinal not in range(128)"),
            ("latin-1", "a\U0001f600", 1, 256, "ordinal not in range(256)"),
            ("utf-8", "a\ud800\udc00b", 1, 0, "surrogates not allowed"),
        ]
        for encoding, s, start, limit, reason in cases:
            expected = outcome(lambda: s.encode(encoding))
            got = outcome(lambda: text.encode_error(encoding, s, start, limit, reason))
            self.assertEqual(expected, got)

    def test_messages(self):
        for e in [
            UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
            UnicodeDecodeError("utf-8", b"ab\xe2\x82", 2, 4, "unexpected end of data"),
        ]:
            self.assertEqual(
                str(e), text.decode_error_message(e.encoding, e.object, e.start, e.end, e.reason)
            )
        for e in [
            UnicodeEncodeError("ascii", "\xe9", 0, 1, "r"),
            UnicodeEncodeError("ascii", "\u20ac", 0, 1, "r"),
            UnicodeEncodeError("ascii", "\U0001f600", 0, 1, "r"),
            UnicodeEncodeError("ascii", "ab", 0, 2, "r"),
        ]:
            self.assertEqual(
                str(e), text.encode_error_message(e.encoding, e.object, e.start, e.end, e.reason)
            )


if __name__ == "__main__":
    unittest.main()
