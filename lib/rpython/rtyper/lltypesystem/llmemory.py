"""Address-level memory for RPython code that manages memory itself: the
garbage collectors.

An `Address` is a raw machine address. Translated, every function here is
one low-level operation (`raw_malloc`, `raw_load`, `adr_add`, ...) and an
address is a machine word. Untranslated (CPython, `rpy run`), memory is
simulated: one flat byte array in which `raw_malloc` hands out aligned
blocks, so a collector can be run and tested before it is translated.

Addresses support `adr + n` and `adr - n` (byte offsets), `adr1 - adr2`
(the distance in bytes), comparisons, and truth (non-null). Memory is read
and written a word or an address at a time, at a byte offset from an
address. `NULL` is the null address.
"""

WORD = 8
"""The size in bytes of a machine word and of an address."""

_MIN_ADDRESS = 4096
_simulation = {}


def _memory():
    """The simulated memory, made on first use (the translator imports this
    module but never runs these functions)."""
    if "memory" not in _simulation:
        _simulation["memory"] = bytearray(_MIN_ADDRESS)
        _simulation["sizes"] = {}
    return _simulation["memory"]


class Address:
    """A raw address (untranslated: an offset into the simulated memory)."""

    def __init__(self, intaddress):
        self.intaddress = intaddress

    def __add__(self, offset):
        return Address(self.intaddress + offset)

    def __sub__(self, other):
        if isinstance(other, Address):
            return self.intaddress - other.intaddress
        return Address(self.intaddress - other)

    def __eq__(self, other):
        return isinstance(other, Address) and self.intaddress == other.intaddress

    def __ne__(self, other):
        return not self.__eq__(other)

    def __lt__(self, other):
        return self.intaddress < other.intaddress

    def __le__(self, other):
        return self.intaddress <= other.intaddress

    def __gt__(self, other):
        return self.intaddress > other.intaddress

    def __ge__(self, other):
        return self.intaddress >= other.intaddress

    def __bool__(self):
        return self.intaddress != 0

    def __hash__(self):
        return self.intaddress

    def __repr__(self):
        return "<Address 0x%x>" % self.intaddress


NULL = Address(0)


def raw_malloc(size):
    """`size` bytes of zeroed raw memory, aligned to a word, or `NULL`
    when there is no memory left."""
    memory = _memory()
    start = (len(memory) + WORD - 1) // WORD * WORD
    memory.extend(bytes(start + max(size, 1) - len(memory)))
    _simulation["sizes"][start] = size
    return Address(start)


def raw_free(adr):
    """Releases memory from `raw_malloc`."""
    _memory()
    sizes = _simulation["sizes"]
    if adr.intaddress not in sizes:
        raise ValueError("raw_free of an address raw_malloc did not return")
    del sizes[adr.intaddress]


def _span(adr, size):
    if adr.intaddress < _MIN_ADDRESS or adr.intaddress + size > len(_memory()):
        raise ValueError("access outside allocated memory at %r" % (adr,))
    return adr.intaddress


def raw_memclear(adr, size):
    """Zeroes `size` bytes at `adr`."""
    start = _span(adr, size)
    _memory()[start : start + size] = bytes(size)


def raw_memcopy(source, dest, size):
    """Copies `size` bytes from `source` to `dest`; the areas do not
    overlap."""
    s = _span(source, size)
    d = _span(dest, size)
    memory = _memory()
    memory[d : d + size] = memory[s : s + size]


def load_word(adr, offset):
    """The signed word at `adr + offset`."""
    start = _span(adr + offset, WORD)
    return int.from_bytes(_memory()[start : start + WORD], "little", signed=True)


def store_word(adr, offset, value):
    """Writes the signed word `value` at `adr + offset`."""
    start = _span(adr + offset, WORD)
    _memory()[start : start + WORD] = value.to_bytes(WORD, "little", signed=True)


def load_adr(adr, offset):
    """The address stored at `adr + offset`."""
    return Address(load_word(adr, offset))


def store_adr(adr, offset, value):
    """Writes the address `value` at `adr + offset`."""
    store_word(adr, offset, value.intaddress)


def cast_adr_to_int(adr):
    """The address as a signed word."""
    return adr.intaddress


def cast_int_to_adr(value):
    """The signed word as an address."""
    return Address(value)
