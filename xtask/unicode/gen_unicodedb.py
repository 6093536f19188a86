"""Generates the Unicode tables of translated programs and of the host
interpreter from CPython 3.11's own `unicodedata` and `str` methods, so
that both agree with CPython on every code point.

    python3 xtask/unicode/gen_unicodedb.py

writes

- `lib/rpython/rtyper/helpers/unicodedb.py`, the tables as `bytes`
  constants for the RPython helpers of `unicodetext.py`, and
- `crates/frontend/src/host/unicode/tables.rs`, the same bytes for the
  host interpreter.

Every fact comes from CPython's behaviour: the case mappings are
`chr(c).upper()` and friends (full mappings, several code points for
`ß` and the ligatures), the flags are the `str.is...` predicates of one
character, `cased` and `case_ignorable` (which CPython keeps for final
sigma and title-casing) are read off `title()` and `lower()` of small
contexts. The script refuses to run under another Unicode version than
14.0.0, the one of CPython 3.11.

Layout: a code point's record number is found in three levels, `i0 =
INDEX0[c >> (SHIFT1 + SHIFT2)]`, `i1 = INDEX1[(i0 << SHIFT1) + ((c >>
SHIFT2) & MASK1)]`, `INDEX2[(i1 << SHIFT2) + (c & MASK2)]` (entries of
one or two bytes, big-endian; equal blocks are shared). A record
is `RECORD_SIZE` bytes: the flags (two bytes), then four 24-bit mappings
(upper, lower, title, casefold) and the decimal value (0xFF for none). A
mapping with bit 23 clear is a delta biased by `DELTA_BIAS`; with it set,
bits 20..22 count the code points and bits 0..19 index them in
`EXTENDED` (three bytes each).
"""

import os
import sys
import unicodedata

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PY_OUT = os.path.join(ROOT, "lib", "rpython", "rtyper", "helpers", "unicodedb.py")
RS_OUT = os.path.join(ROOT, "crates", "frontend", "src", "host", "unicode", "tables.rs")

UNICODE_VERSION = "14.0.0"
MAX_CODE = 0x10FFFF

FLAGS = [
    "ALPHA",
    "DECIMAL",
    "DIGIT",
    "NUMERIC",
    "LOWER",
    "UPPER",
    "TITLE",
    "CASED",
    "CASE_IGNORABLE",
    "SPACE",
    "PRINTABLE",
    "ID_START",
    "ID_CONTINUE",
]
FLAG = {name: 1 << i for i, name in enumerate(FLAGS)}

RECORD_SIZE = 15
DELTA_BIAS = 0x400000
EXTENDED_BIT = 0x800000
NO_DECIMAL = 0xFF


def flags_of(code):
    ch = chr(code)
    flags = 0
    tests = [
        ("ALPHA", ch.isalpha()),
        ("DECIMAL", ch.isdecimal()),
        ("DIGIT", ch.isdigit()),
        ("NUMERIC", ch.isnumeric()),
        ("LOWER", ch.islower()),
        ("UPPER", ch.isupper()),
        ("TITLE", unicodedata.category(ch) == "Lt"),
        ("SPACE", ch.isspace()),
        ("PRINTABLE", ch.isprintable()),
        # `isidentifier` accepts XID_Start or `_` first, XID_Continue after.
        ("ID_START", ch.isidentifier()),
        ("ID_CONTINUE", ("a" + ch).isidentifier()),
    ]
    # title() lowers a character after a cased one and titles it after
    # an uncased one.
    cased = ("" + ch + "a").title()[-1] == "a"
    tests.append(("CASED", cased))
    # lower() of a capital sigma looks past case-ignorable characters:
    # the sigma is final after a cased letter and not before one.
    if cased:
        ignorable = ("A\u03a3" + ch).lower()[1] == "\u03c2"
    else:
        ignorable = ("A" + ch + "\u03a3").lower()[-1] == "\u03c2"
    tests.append(("CASE_IGNORABLE", ignorable))
    for name, holds in tests:
        if holds:
            flags |= FLAG[name]
    return flags


def record_of(code, extended, extended_index):
    ch = chr(code)
    fields = []
    for mapped in (ch.upper(), ch.lower(), ch.title(), ch.casefold()):
        if len(mapped) == 1:
            delta = ord(mapped) - code
            assert -DELTA_BIAS <= delta < DELTA_BIAS
            fields.append(delta + DELTA_BIAS)
        else:
            key = tuple(ord(m) for m in mapped)
            if key not in extended_index:
                extended_index[key] = len(extended)
                extended.extend(key)
            assert len(key) < 8 and extended_index[key] < (1 << 20)
            fields.append(EXTENDED_BIT | (len(key) << 20) | extended_index[key])
    decimal = unicodedata.decimal(ch, -1)
    if decimal >= 0:
        assert ch.isdecimal() and int(ch) == decimal
    else:
        assert not ch.isdecimal()
        decimal = NO_DECIMAL
    return (flags_of(code),) + tuple(fields) + (decimal,)


def pack_record(rec):
    flags, upper, lower, title, fold, decimal = rec
    out = bytearray(flags.to_bytes(2, "big"))
    for f in (upper, lower, title, fold):
        out += f.to_bytes(3, "big")
    out.append(decimal)
    assert len(out) == RECORD_SIZE
    return bytes(out)


def width_of(values):
    return 1 if max(values) < 256 else 2


def pack(values, width):
    out = bytearray()
    for v in values:
        out += v.to_bytes(width, "big")
    return bytes(out)


def split_bins(values, shift):
    """`(index1, index2)` with `values[c] == index2[(index1[c >> shift] <<
    shift) + (c & mask)]`, sharing equal blocks."""
    size = 1 << shift
    blocks = {}
    index1 = []
    index2 = []
    for start in range(0, len(values), size):
        block = tuple(values[start:start + size])
        if block not in blocks:
            blocks[block] = len(blocks)
            index2.extend(block)
        index1.append(blocks[block])
    return index1, index2


def three_levels(values):
    """The smallest three-level table of `values`: `(shift1, shift2,
    index0, index1, index2)` with `values[c] == index2[(index1[(index0[c
    >> (shift1 + shift2)] << shift1) + ((c >> shift2) & mask1)] << shift2)
    + (c & mask2)]`."""
    best = None
    for shift2 in range(2, 9):
        middle, index2 = split_bins(values, shift2)
        for shift1 in range(2, 9):
            index0, index1 = split_bins(middle, shift1)
            total = sum(len(t) * width_of(t) for t in (index0, index1, index2))
            if best is None or total < best[0]:
                best = (total, shift1, shift2, index0, index1, index2)
    return best[1:]


def build():
    extended = []
    extended_index = {}
    records = {}
    record_list = []
    per_code = []
    for code in range(MAX_CODE + 1):
        rec = record_of(code, extended, extended_index)
        if rec not in records:
            records[rec] = len(record_list)
            record_list.append(rec)
        per_code.append(records[rec])
    shift1, shift2, index0, index1, index2 = three_levels(per_code)
    assert len(per_code) % (1 << (shift1 + shift2)) == 0
    return {
        "shift1": shift1,
        "shift2": shift2,
        "index0": index0,
        "index1": index1,
        "index2": index2,
        "records": b"".join(pack_record(r) for r in record_list),
        "record_count": len(record_list),
        "extended": pack(extended, 3),
    }


def hex_lines(data, indent, width=76):
    text = data.hex()
    return [indent + '"' + text[i:i + width] + '"' for i in range(0, len(text), width)]


HEADER = (
    "generated by xtask/unicode/gen_unicodedb.py from CPython %s (Unicode %s); do not edit.\n"
    "Regenerate with `python3 xtask/unicode/gen_unicodedb.py` under CPython 3.11."
)

TABLE_DOCS = {
    "INDEX0": "The middle block of each `1 << (SHIFT1 + SHIFT2)` code points.",
    "INDEX1": "The leaf block of each `1 << SHIFT2` code points, per middle block.",
    "INDEX2": "The record number of each code point, per leaf block.",
    "RECORDS": "The distinct records, `RECORD_SIZE` bytes each.",
    "EXTENDED": "The code points of mappings to several code points, three bytes each.",
}


def layout(t):
    """The constants and the byte tables, shared by both outputs: `(name,
    value, Rust type, doc)` and `(name, bytes)`."""
    widths = [width_of(t[k]) for k in ("index0", "index1", "index2")]
    consts = [
        ("SHIFT1", t["shift1"], "u32", "Bits of a code point selecting a leaf block in a middle block."),
        ("SHIFT2", t["shift2"], "u32", "Bits of a code point selecting it in its leaf block."),
        ("MASK1", (1 << t["shift1"]) - 1, "u32", "`(1 << SHIFT1) - 1`."),
        ("MASK2", (1 << t["shift2"]) - 1, "u32", "`(1 << SHIFT2) - 1`."),
        ("INDEX0_WIDTH", widths[0], "usize", "Bytes per entry of `INDEX0`."),
        ("INDEX1_WIDTH", widths[1], "usize", "Bytes per entry of `INDEX1`."),
        ("INDEX2_WIDTH", widths[2], "usize", "Bytes per entry of `INDEX2`."),
        ("RECORD_SIZE", RECORD_SIZE, "usize", "Bytes per record."),
        ("DELTA_BIAS", DELTA_BIAS, "u32", "The bias of a mapping stored as a delta."),
        ("EXTENDED_BIT", EXTENDED_BIT, "u32", "Marks a mapping to several code points."),
        ("NO_DECIMAL", NO_DECIMAL, "u8", "The decimal value of a character that has none."),
    ]
    for name in FLAGS:
        consts.append((name, FLAG[name], "u16", "The flag `%s` of a record." % name))
    tables = [
        ("INDEX0", pack(t["index0"], widths[0])),
        ("INDEX1", pack(t["index1"], widths[1])),
        ("INDEX2", pack(t["index2"], widths[2])),
        ("RECORDS", t["records"]),
        ("EXTENDED", t["extended"]),
    ]
    return consts, tables


def write_python(t):
    consts, tables = layout(t)
    header = HEADER % (sys.version.split()[0], UNICODE_VERSION)
    out = ['"""The Unicode tables of `unicodetext.py`, %s\n"""' % header, ""]
    out.append('UNICODE_VERSION = "%s"' % UNICODE_VERSION)
    for name, value, _, _ in consts:
        out.append("%s = %d" % (name, value))
    for name, data in tables:
        out.append("")
        out.append("# %s" % TABLE_DOCS[name])
        out.append("%s = bytes.fromhex(" % name)
        out.extend(hex_lines(data, "    "))
        out.append(")")
    out.append("")
    with open(PY_OUT, "w") as f:
        f.write("\n".join(out))
    return sum(len(d) for _, d in tables)


def write_rust(t):
    consts, tables = layout(t)
    header = HEADER % (sys.version.split()[0], UNICODE_VERSION)
    out = ["//! The Unicode tables of the host interpreter, " + header.replace("\n", "\n//! "), ""]
    out.append("/// The Unicode version of the tables.")
    out.append('pub const UNICODE_VERSION: &str = "%s";' % UNICODE_VERSION)
    for name, value, ty, doc in consts:
        out.append("/// %s" % doc)
        out.append("pub const %s: %s = %d;" % (name, ty, value))
    for name, data in tables:
        out.append("/// %s" % TABLE_DOCS[name])
        out.append("pub static %s: [u8; %d] = [" % (name, len(data)))
        for i in range(0, len(data), 24):
            out.append("    " + " ".join("%d," % b for b in data[i:i + 24]))
        out.append("];")
    out.append("")
    os.makedirs(os.path.dirname(RS_OUT), exist_ok=True)
    with open(RS_OUT, "w") as f:
        f.write("\n".join(out))


def main():
    version = unicodedata.unidata_version
    if version != UNICODE_VERSION:
        sys.exit(
            "gen_unicodedb.py: CPython's Unicode version is %s, not %s: run it under CPython 3.11"
            % (version, UNICODE_VERSION)
        )
    t = build()
    size = write_python(t)
    write_rust(t)
    print(
        "shifts %d+%d, %d records, %d extended code points: %d bytes of tables"
        % (t["shift1"], t["shift2"], t["record_count"], len(t["extended"]) // 3, size)
    )


if __name__ == "__main__":
    main()
