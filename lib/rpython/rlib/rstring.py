"""String building for RPython programs.

Repeated `+` on strings is quadratic; a builder collects pieces and joins
them once. Translated, a builder is a growable character buffer;
untranslated it is a list of pieces.
"""

INIT_SIZE = 100
"""Default initial capacity (a hint only) of a builder."""


class AbstractStringBuilder:
    """Common implementation of `StringBuilder` and `UnicodeBuilder`."""

    def __init__(self, init_size=INIT_SIZE):
        self._pieces = []
        self._size = 0

    def _check(self, s):
        if not isinstance(s, str):
            raise TypeError("%s: expected a str, got %s" % (type(self).__name__, type(s).__name__))

    def append(self, s):
        """Append the string `s`."""
        self._check(s)
        self._pieces.append(s)
        self._size += len(s)

    def append_slice(self, s, start, end):
        """Append `s[start:end]`; requires `0 <= start <= end <= len(s)`."""
        self._check(s)
        assert 0 <= start <= end <= len(s), "append_slice: bad slice bounds"
        self.append(s[start:end])

    def append_multiple_char(self, c, times):
        """Append the single character `c`, `times` times."""
        self._check(c)
        assert len(c) == 1, "append_multiple_char: expected one character"
        if times > 0:
            self.append(c * times)

    def build(self):
        """The string built so far. The builder stays usable."""
        result = "".join(self._pieces)
        self._pieces = [result]
        return result

    def getlength(self):
        """The number of characters appended so far."""
        return self._size


class StringBuilder(AbstractStringBuilder):
    """Builds a `str` from pieces: `append`, `append_slice`,
    `append_multiple_char`, then `build()`."""


class UnicodeBuilder(AbstractStringBuilder):
    """Same as `StringBuilder` (in Python 3 every string is Unicode); kept
    for programs written against the original toolchain."""
