"""Text codecs: UTF-8, ASCII and Latin-1, with CPython's error handling.

Decoding validates as CPython does: overlong forms, encoded surrogates,
values above U+10FFFF and truncated sequences are errors, reported on the
maximal invalid subpart of a sequence (so `replace` gives as many U+FFFD as
CPython, and `UnicodeDecodeError` has CPython's positions and reasons).
The error handlers are numbered (`STRICT` ...); the rtyper passes the
number for the handler a program names.
"""

from rpython.rlib.rstring import StringBuilder

STRICT = 0
REPLACE = 1
IGNORE = 2
SURROGATEESCAPE = 3

INVALID_START = "invalid start byte"
INVALID_CONTINUATION = "invalid continuation byte"
UNEXPECTED_END = "unexpected end of data"


def _continuation(data, i, end, low, high):
    """Whether `data[i]` exists and lies in `low..high`."""
    if i >= end:
        return False
    c = data[i]
    return low <= c and c <= high


def _sequence_length(data, i, end):
    """The length of the valid UTF-8 sequence at `i`, or minus the length
    of its maximal invalid subpart (at least 1)."""
    c = data[i]
    if c < 0x80:
        return 1
    if c < 0xC2 or c > 0xF4:
        return -1
    if c < 0xE0:
        need = 2
        low = 0x80
        high = 0xBF
    elif c < 0xF0:
        need = 3
        low = 0x80
        high = 0xBF
        if c == 0xE0:
            low = 0xA0
        elif c == 0xED:
            high = 0x9F
    else:
        need = 4
        low = 0x80
        high = 0xBF
        if c == 0xF0:
            low = 0x90
        elif c == 0xF4:
            high = 0x8F
    if not _continuation(data, i + 1, end, low, high):
        return -1
    k = 2
    while k < need:
        if not _continuation(data, i + k, end, 0x80, 0xBF):
            return -k
        k += 1
    return need


def _reason(data, i, bad, end):
    """Why the `bad` bytes at `i` do not decode."""
    if bad == 1 and (data[i] < 0xC2 or data[i] > 0xF4):
        return INVALID_START
    if i + bad >= end:
        return UNEXPECTED_END
    return INVALID_CONTINUATION


def _code_point(data, i, n):
    c = data[i]
    if n == 2:
        return ((c & 0x1F) << 6) | (data[i + 1] & 0x3F)
    if n == 3:
        return ((c & 0x0F) << 12) | ((data[i + 1] & 0x3F) << 6) | (data[i + 2] & 0x3F)
    return (
        ((c & 0x07) << 18)
        | ((data[i + 1] & 0x3F) << 12)
        | ((data[i + 2] & 0x3F) << 6)
        | (data[i + 3] & 0x3F)
    )


def _ascii_run(data, i, end):
    """The end of the run of ASCII bytes starting at `i`."""
    while i < end and data[i] < 0x80:
        i += 1
    return i


def utf8_decode(data, start, end, errors):
    """`data[start:end]` decoded from UTF-8, with the error handler
    `errors`; positions in errors count from `start`."""
    out = StringBuilder(end - start)
    i = start
    while i < end:
        j = _ascii_run(data, i, end)
        if j > i:
            out.append(data[i:j].decode("latin-1"))
            i = j
            continue
        n = _sequence_length(data, i, end)
        if n > 0:
            out.append(chr(_code_point(data, i, n)))
            i += n
            continue
        bad = -n
        if errors == STRICT:
            reason = _reason(data, i, bad, end)
            raise UnicodeDecodeError("utf-8", data[start:end], i - start, i - start + bad, reason)
        if errors == REPLACE:
            out.append("\ufffd")
        elif errors == SURROGATEESCAPE:
            k = 0
            while k < bad:
                out.append(chr(0xDC00 + data[i + k]))
                k += 1
        i += bad
    return out.build()


def ascii_decode(data, errors):
    """`data` decoded from ASCII."""
    end = len(data)
    i = _ascii_run(data, 0, end)
    if i == end:
        return data.decode("latin-1")
    out = StringBuilder(end)
    out.append(data[0:i].decode("latin-1"))
    while i < end:
        c = data[i]
        if c < 0x80:
            out.append(chr(c))
        elif errors == STRICT:
            raise UnicodeDecodeError("ascii", data, i, i + 1, "ordinal not in range(128)")
        elif errors == REPLACE:
            out.append("\ufffd")
        elif errors == SURROGATEESCAPE:
            out.append(chr(0xDC00 + c))
        i += 1
    return out.build()


def encode_error(encoding, s, start, limit, reason):
    """Raises CPython's `UnicodeEncodeError` for the run of characters at
    `start` that the encoding cannot represent: those at or above `limit`,
    or (`limit` 0) surrogates."""
    end = start + 1
    while end < len(s) and _unencodable(ord(s[end]), limit):
        end += 1
    raise UnicodeEncodeError(encoding, s, start, end, reason)


def _unencodable(c, limit):
    if limit == 0:
        return 0xD800 <= c and c <= 0xDFFF
    return c >= limit


def decode_error_message(encoding, data, start, end, reason):
    """`str()` of a `UnicodeDecodeError`, as CPython words it."""
    if end == start + 1 and 0 <= start and start < len(data):
        return "'%s' codec can't decode byte 0x%02x in position %d: %s" % (
            encoding,
            data[start],
            start,
            reason,
        )
    return "'%s' codec can't decode bytes in position %d-%d: %s" % (
        encoding,
        start,
        end - 1,
        reason,
    )


def encode_error_message(encoding, s, start, end, reason):
    """`str()` of a `UnicodeEncodeError`, as CPython words it."""
    if end == start + 1 and 0 <= start and start < len(s):
        c = ord(s[start])
        if c <= 0xFF:
            char = "\\x%02x" % c
        elif c <= 0xFFFF:
            char = "\\u%04x" % c
        else:
            char = "\\U%08x" % c
        return "'%s' codec can't encode character '%s' in position %d: %s" % (
            encoding,
            char,
            start,
            reason,
        )
    return "'%s' codec can't encode characters in position %d-%d: %s" % (
        encoding,
        start,
        end - 1,
        reason,
    )
