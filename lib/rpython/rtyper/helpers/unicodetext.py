"""The Unicode-aware methods of `str`, with CPython 3.11's algorithms over
its character database (Unicode 14.0.0, in `unicodedb.py`, generated from
CPython itself by `xtask/unicode/gen_unicodedb.py`).

- Case mappings are the full ones (`'ß'.upper() == 'SS'`, `'ﬁ'.title()
  == 'Fi'`, `'İ'.lower()` has two code points); `lower()`, and the
  lowering in `title()`, `capitalize()` and `swapcase()`, turn a capital
  sigma into a final sigma where CPython does (after a cased letter, not
  before one, case-ignorable characters skipped).
- The predicates follow CPython's definitions: `isupper()` holds when
  some character is cased and none is lowercase or titlecase;
  `isalnum()` accepts a character that is alphabetic, decimal, a digit
  or numeric; `isspace()` is Unicode's whitespace by bidirectional class
  and category, plus the ASCII separators `\\x1c`..`\\x1f`.
- `str_repr` escapes what is not printable, as CPython's `repr()`.
- `decimal_and_space_to_ascii` is the first step of `int(str)` and
  `float(str)`: non-ASCII spaces become `' '`, decimal digits of any
  script their ASCII digit, other non-ASCII characters `'?'`.

Each function is compared with CPython on every code point by
`lib/rpython/tests/test_helpers_unicode.py`.
"""

from rpython.rlib.rstring import StringBuilder
from rpython.rtyper.helpers import unicodedb as db

# The classes `all_have` tests for, one flag or several.
ALNUM = db.ALPHA | db.DECIMAL | db.DIGIT | db.NUMERIC


def _entry(table, i, width):
    """Entry `i` of a table of one- or two-byte entries."""
    if width == 1:
        return table[i]
    return (table[2 * i] << 8) | table[2 * i + 1]


def _record(code):
    """The offset of the record of `code` in `db.RECORDS`."""
    i0 = _entry(db.INDEX0, code >> (db.SHIFT1 + db.SHIFT2), db.INDEX0_WIDTH)
    i1 = _entry(db.INDEX1, (i0 << db.SHIFT1) + ((code >> db.SHIFT2) & db.MASK1), db.INDEX1_WIDTH)
    i2 = _entry(db.INDEX2, (i1 << db.SHIFT2) + (code & db.MASK2), db.INDEX2_WIDTH)
    return i2 * db.RECORD_SIZE


def flags(code):
    """The flags (`db.ALPHA`, ...) of a code point."""
    r = _record(code)
    return (db.RECORDS[r] << 8) | db.RECORDS[r + 1]


def decimal(code):
    """The decimal digit value of a code point, or -1."""
    if 48 <= code and code <= 57:
        return code - 48
    if code < 128:
        return -1
    v = db.RECORDS[_record(code) + db.RECORD_SIZE - 1]
    if v == db.NO_DECIMAL:
        return -1
    return v


def char_isspace(code):
    """`chr(code).isspace()`."""
    if code < 128:
        return code == 32 or (9 <= code and code <= 13) or (28 <= code and code <= 31)
    return (flags(code) & db.SPACE) != 0


def char_isprintable(code):
    """`chr(code).isprintable()`."""
    if code < 128:
        return 32 <= code and code < 127
    return (flags(code) & db.PRINTABLE) != 0


# Case mappings. `which` selects the field of the record: 0 upper, 1
# lower, 2 title, 3 casefold.
UPPER = 0
LOWER = 1
TITLE = 2
FOLD = 3


def _append_mapped(out, code, which):
    """Appends the full mapping `which` of `code` to the builder."""
    if code < 128:
        if which == UPPER or which == TITLE:
            if 97 <= code and code <= 122:
                code -= 32
        elif 65 <= code and code <= 90:
            code += 32
        out.append(chr(code))
        return
    at = _record(code) + 2 + 3 * which
    v = (db.RECORDS[at] << 16) | (db.RECORDS[at + 1] << 8) | db.RECORDS[at + 2]
    if v & db.EXTENDED_BIT:
        count = (v >> 20) & 7
        i = v & 0xFFFFF
        k = 0
        while k < count:
            e = 3 * (i + k)
            out.append(chr((db.EXTENDED[e] << 16) | (db.EXTENDED[e + 1] << 8) | db.EXTENDED[e + 2]))
            k += 1
        return
    out.append(chr(code + v - db.DELTA_BIAS))


def _final_sigma(s, i):
    """Whether the capital sigma at `i` lowers to a final sigma: a cased
    character precedes it and none follows, case-ignorable ones skipped."""
    j = i - 1
    f = 0
    while j >= 0:
        f = flags(ord(s[j]))
        if not f & db.CASE_IGNORABLE:
            break
        j -= 1
    if j < 0 or not f & db.CASED:
        return False
    j = i + 1
    n = len(s)
    while j < n:
        f = flags(ord(s[j]))
        if not f & db.CASE_IGNORABLE:
            return not f & db.CASED
        j += 1
    return True


def _append_lower(out, s, i, code):
    """Appends the lowercase of `s[i]` (whose code point is `code`)."""
    if code == 0x3A3:
        if _final_sigma(s, i):
            out.append("\u03c2")
        else:
            out.append("\u03c3")
        return
    _append_mapped(out, code, LOWER)


def _is_ascii(s):
    for c in s:
        if ord(c) >= 128:
            return False
    return True


def upper(s):
    """`s.upper()`."""
    out = StringBuilder(len(s))
    for c in s:
        _append_mapped(out, ord(c), UPPER)
    return out.build()


def lower(s):
    """`s.lower()`, with final sigmas."""
    out = StringBuilder(len(s))
    i = 0
    n = len(s)
    while i < n:
        _append_lower(out, s, i, ord(s[i]))
        i += 1
    return out.build()


def casefold(s):
    """`s.casefold()`."""
    out = StringBuilder(len(s))
    for c in s:
        _append_mapped(out, ord(c), FOLD)
    return out.build()


def swapcase(s):
    """`s.swapcase()`: uppercase characters lowered (with final sigmas),
    lowercase ones uppercased."""
    out = StringBuilder(len(s))
    i = 0
    n = len(s)
    while i < n:
        code = ord(s[i])
        f = flags(code)
        if f & db.UPPER:
            _append_lower(out, s, i, code)
        elif f & db.LOWER:
            _append_mapped(out, code, UPPER)
        else:
            out.append(s[i])
        i += 1
    return out.build()


def title(s):
    """`s.title()`: a character after a cased one is lowered, any other
    titlecased."""
    out = StringBuilder(len(s))
    previous_cased = False
    i = 0
    n = len(s)
    while i < n:
        code = ord(s[i])
        if previous_cased:
            _append_lower(out, s, i, code)
        else:
            _append_mapped(out, code, TITLE)
        previous_cased = (flags(code) & db.CASED) != 0
        i += 1
    return out.build()


def capitalize(s):
    """`s.capitalize()`: the first character titlecased, the rest lowered."""
    n = len(s)
    out = StringBuilder(n)
    if n == 0:
        return ""
    _append_mapped(out, ord(s[0]), TITLE)
    i = 1
    while i < n:
        _append_lower(out, s, i, ord(s[i]))
        i += 1
    return out.build()


def all_have(s, mask):
    """Whether `s` is not empty and each of its characters has one of the
    flags of `mask` (`isalpha`, `isdecimal`, `isdigit`, `isnumeric`,
    `isalnum`, `isspace`)."""
    if len(s) == 0:
        return False
    for c in s:
        code = ord(c)
        if mask == db.SPACE:
            if not char_isspace(code):
                return False
        elif not flags(code) & mask:
            return False
    return True


def isalpha(s):
    """`s.isalpha()`."""
    return all_have(s, db.ALPHA)


def isdecimal(s):
    """`s.isdecimal()`."""
    return all_have(s, db.DECIMAL)


def isdigit(s):
    """`s.isdigit()`."""
    return all_have(s, db.DIGIT)


def isnumeric(s):
    """`s.isnumeric()`."""
    return all_have(s, db.NUMERIC)


def isalnum(s):
    """`s.isalnum()`."""
    return all_have(s, ALNUM)


def isspace(s):
    """`s.isspace()`."""
    return all_have(s, db.SPACE)


def isascii(s):
    """`s.isascii()` (true of the empty string)."""
    return _is_ascii(s)


def _cased_only(s, case, other):
    """Whether some character of `s` has the flag `case` and none has
    `other` or is titlecase (`isupper`, `islower`); one character only
    needs the flag."""
    if len(s) == 1:
        return (flags(ord(s[0])) & case) != 0
    cased = False
    for c in s:
        f = flags(ord(c))
        if f & (other | db.TITLE):
            return False
        if f & case:
            cased = True
    return cased


def isupper(s):
    """`s.isupper()`: some cased character, none lowercase or titlecase."""
    return _cased_only(s, db.UPPER, db.LOWER)


def islower(s):
    """`s.islower()`: some cased character, none uppercase or titlecase."""
    return _cased_only(s, db.LOWER, db.UPPER)


def istitle(s):
    """`s.istitle()`: uppercase and titlecase characters only after
    uncased ones, lowercase ones only after cased ones, and some cased."""
    cased = False
    previous_cased = False
    for c in s:
        f = flags(ord(c))
        if f & (db.UPPER | db.TITLE):
            if previous_cased:
                return False
            previous_cased = True
            cased = True
        elif f & db.LOWER:
            if not previous_cased:
                return False
            previous_cased = True
            cased = True
        else:
            previous_cased = False
    return cased


def isprintable(s):
    """`s.isprintable()` (true of the empty string)."""
    for c in s:
        if not char_isprintable(ord(c)):
            return False
    return True


def isidentifier(s):
    """`s.isidentifier()`: XID_Start or `_`, then XID_Continue."""
    if len(s) == 0:
        return False
    if not flags(ord(s[0])) & db.ID_START:
        return False
    i = 1
    n = len(s)
    while i < n:
        if not flags(ord(s[i])) & db.ID_CONTINUE:
            return False
        i += 1
    return True


def _hex_escape(out, code):
    if code <= 0xFF:
        out.append("\\x%02x" % code)
    elif code <= 0xFFFF:
        out.append("\\u%04x" % code)
    else:
        out.append("\\U%08x" % code)


def str_repr(s):
    """`repr(s)` (`None` for null): quoted with `'` unless the text has
    one and no `"`, escaping backslashes, the quote, `\\t \\n \\r`, and
    non-printable characters as `\\xhh`, `\\uhhhh` or `\\Uhhhhhhhh`."""
    if s is None:
        return "None"
    single = False
    double = False
    for c in s:
        if c == "'":
            single = True
        elif c == '"':
            double = True
    quote = "'"
    if single and not double:
        quote = '"'
    out = StringBuilder(len(s) + 2)
    out.append(quote)
    for c in s:
        code = ord(c)
        if c == quote or c == "\\":
            out.append("\\")
            out.append(c)
        elif code == 9:
            out.append("\\t")
        elif code == 10:
            out.append("\\n")
        elif code == 13:
            out.append("\\r")
        elif char_isprintable(code):
            out.append(c)
        else:
            _hex_escape(out, code)
    out.append(quote)
    return out.build()


def decimal_and_space_to_ascii(s):
    """`s` with each non-ASCII whitespace character as `' '`, each decimal
    digit as its ASCII digit and any other non-ASCII character as `'?'`
    (CPython's first step of `int(s)` and `float(s)`); `s` itself when it
    is ASCII."""
    if _is_ascii(s):
        return s
    out = StringBuilder(len(s))
    for c in s:
        code = ord(c)
        if code < 128:
            out.append(c)
        elif char_isspace(code):
            out.append(" ")
        else:
            d = decimal(code)
            if d >= 0:
                out.append(chr(48 + d))
            else:
                out.append("?")
    return out.build()
