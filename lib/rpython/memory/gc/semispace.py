"""A copying collector over two semispaces (Cheney's algorithm).

Objects are allocated by bumping a pointer through the current space,
and zeroed as they are allocated.
When it is full, every object reachable from the roots is copied into the
other space, breadth first, and the spaces swap roles; what was not
copied is garbage and costs nothing. When the survivors fill more than
half of the space, both spaces double. Each space starts at 4 MiB, or at
the size the environment variable `RPY_GC_SPACE` gives (`64K`, `16M`):
a small one makes the collector run often, which tests use. With
`RPY_GC_STRESS=1` in the environment, every allocation collects (and so
moves every live object): a program that keeps a raw address into an
object across an allocation reads garbage at once instead of rarely.

Every object has a one-word header before it: its type id shifted left by
two, or, once the object has been copied, the address of its copy plus 1
(addresses are word-aligned, so the low bit tells which). The generational
collector (`generation.py`) extends this one.
"""

from rpython.memory import gcdata
from rpython.memory.gcdata import (
    STATIC_ROOT_WORDS,
    TI_FIXED_SIZE,
    TI_ITEM_PTRS_COUNT,
    TI_ITEM_PTRS_START,
    TI_ITEM_SIZE,
    TI_ITEMS_OFFSET,
    TI_LENGTH_OFFSET,
    TI_PTRS_COUNT,
    TI_PTRS_START,
    TYPE_INFO_WORDS,
)
from rpython.rlib.objectmodel import dont_inline
from rpython.rtyper.lltypesystem.llmemory import (
    NULL,
    WORD,
    cast_adr_to_int,
    cast_int_to_adr,
    load_adr,
    load_word,
    raw_free,
    raw_malloc,
    raw_memclear,
    raw_memcopy,
    store_adr,
    store_word,
)

HEADER = WORD
# The header: the type id shifted left, two bits of flags (the generational
# collector uses the second), or a forwarding address plus FORWARDED.
TYPEID_SHIFT = 2
FORWARDED = 1
INITIAL_SPACE_SIZE = 4 * 1024 * 1024
MIN_SPACE_SIZE = 4096
ROOT_STACK_SIZE = 32 * 1024 * 1024
ROOT_STACK_MARGIN = 1024 * 1024
MAX_OBJECT_SIZE = 1 << 56
# Bounds that keep `length * itemsize` below MAX_OBJECT_SIZE without a
# division (the collector must not call anything that could raise and
# allocate an exception).
MAX_LENGTH = 1 << 40
MAX_ITEM_SIZE = 1 << 16

_OUT_OF_MEMORY = MemoryError()


def round_up(size):
    return (size + WORD - 1) & ~(WORD - 1)


def alloc_space(size):
    space = raw_malloc(size)
    if not space:
        raise _OUT_OF_MEMORY
    return space


def type_info(typeid, index):
    table = gcdata.type_info_table()
    return load_word(table, (typeid * TYPE_INFO_WORDS + index) * WORD)


class SemiSpaceGC:
    def __init__(self):
        self.space_size = 0
        self.tospace = NULL
        self.fromspace = NULL
        self.free = NULL
        self.top = NULL
        # Allocation takes the slow path (which collects) past `limit`:
        # the end of the space, or under stress the next free byte.
        self.limit = NULL
        self.stress = False
        self.scan = NULL
        self.old_start = NULL
        self.old_end = NULL

    def setup(self):
        size = round_up(gcdata.env_size("RPY_GC_SPACE", INITIAL_SPACE_SIZE))
        if size < MIN_SPACE_SIZE or size > MAX_OBJECT_SIZE:
            size = INITIAL_SPACE_SIZE
        self.space_size = size
        self.tospace = alloc_space(size)
        self.fromspace = alloc_space(size)
        self.free = self.tospace
        self.top = self.tospace + size
        self.stress = gcdata.env_size("RPY_GC_STRESS", 0) > 0
        self.set_limit()
        stack = raw_malloc(ROOT_STACK_SIZE)
        if not stack:
            raise _OUT_OF_MEMORY
        store_adr(gcdata.root_stack_base_address(), 0, stack)
        store_adr(gcdata.root_stack_top_address(), 0, stack)
        limit = stack + (ROOT_STACK_SIZE - ROOT_STACK_MARGIN)
        store_adr(gcdata.root_stack_limit_address(), 0, limit)

    def allocate(self, total):
        """The header address of `total` fresh zeroed bytes. They are
        zeroed here, where they are about to be written anyway (and where
        the size is often a constant the C compiler turns into a few
        stores), rather than when the collector leaves a space."""
        result = self.free
        if self.limit - result < total:
            self.collect_for(total)
            result = self.free
        self.free = result + total
        raw_memclear(result, total)
        return result

    def malloc_fixed(self, typeid, size):
        result = self.allocate(round_up(HEADER + size))
        store_word(result, 0, typeid << TYPEID_SHIFT)
        return result + HEADER

    def malloc_varsize(self, typeid, length, size, itemsize, lengthofs):
        if length < 0 or length > MAX_LENGTH or itemsize > MAX_ITEM_SIZE:
            raise _OUT_OF_MEMORY
        result = self.allocate(round_up(HEADER + size + length * itemsize))
        store_word(result, 0, typeid << TYPEID_SHIFT)
        obj = result + HEADER
        store_word(obj, lengthofs, length)
        return obj

    @dont_inline
    def collect_for(self, needed):
        """Collects, growing the spaces until `needed` bytes fit with the
        survivors in at most half of a space."""
        self.collect()
        live = self.free - self.tospace
        if (live + needed) * 2 > self.space_size:
            size = self.space_size
            while (live + needed) * 2 > size:
                if size > MAX_OBJECT_SIZE:
                    raise _OUT_OF_MEMORY
                size = size * 2
            self.grow(size)

    def grow(self, size):
        raw_free(self.fromspace)
        self.fromspace = alloc_space(size)
        self.copy_live_objects(size)
        raw_free(self.fromspace)
        self.fromspace = alloc_space(size)
        self.space_size = size

    def collect(self):
        self.copy_live_objects(self.space_size)

    def copy_live_objects(self, target_size):
        """Copies what the roots reach from the current space into the
        other one, of `target_size` bytes, and swaps them."""
        self.old_start = self.tospace
        self.old_end = self.tospace + self.space_size
        target = self.fromspace
        self.free = target
        self.scan = target
        self.trace_root_stack()
        self.trace_static_roots()
        self.scan_copies()
        self.fromspace = self.tospace
        self.tospace = target
        self.top = target + target_size
        self.set_limit()

    def set_limit(self):
        if self.stress:
            self.limit = self.free
        else:
            self.limit = self.top

    def scan_copies(self):
        """Traces the copies from `scan` on, which may copy more."""
        while self.scan < self.free:
            obj = self.scan + HEADER
            typeid = load_word(self.scan, 0) >> TYPEID_SHIFT
            self.trace(obj, typeid)
            self.scan = self.scan + self.total_size(obj, typeid)

    def trace_root_stack(self):
        slot = load_adr(gcdata.root_stack_base_address(), 0)
        end = load_adr(gcdata.root_stack_top_address(), 0)
        while slot < end:
            self.update(slot)
            slot = slot + WORD

    def trace_static_roots(self):
        entry = gcdata.static_roots()
        while True:
            obj = load_adr(entry, 0)
            if not obj:
                break
            self.trace(obj, load_word(entry, WORD))
            entry = entry + STATIC_ROOT_WORDS * WORD

    def total_size(self, obj, typeid):
        size = type_info(typeid, TI_FIXED_SIZE)
        itemsize = type_info(typeid, TI_ITEM_SIZE)
        if itemsize > 0:
            size += load_word(obj, type_info(typeid, TI_LENGTH_OFFSET)) * itemsize
        return round_up(HEADER + size)

    def trace(self, obj, typeid):
        """Updates every collected pointer inside the object."""
        table = gcdata.type_info_table()
        start = type_info(typeid, TI_PTRS_START)
        count = type_info(typeid, TI_PTRS_COUNT)
        i = 0
        while i < count:
            self.update(obj + load_word(table, (start + i) * WORD))
            i += 1
        itemcount = type_info(typeid, TI_ITEM_PTRS_COUNT)
        if itemcount == 0:
            return
        itemsize = type_info(typeid, TI_ITEM_SIZE)
        item = obj + type_info(typeid, TI_ITEMS_OFFSET)
        length = load_word(obj, type_info(typeid, TI_LENGTH_OFFSET))
        start = type_info(typeid, TI_ITEM_PTRS_START)
        j = 0
        while j < length:
            i = 0
            while i < itemcount:
                self.update(item + load_word(table, (start + i) * WORD))
                i += 1
            item = item + itemsize
            j += 1

    def update(self, slot):
        """Makes the pointer at `slot` point to the copy of its object,
        copying it first when it is in the space being left."""
        obj = load_adr(slot, 0)
        if obj < self.old_start or obj >= self.old_end:
            return
        store_adr(slot, 0, self.copy(obj))

    def copy(self, obj):
        header = load_word(obj, -HEADER)
        if header & FORWARDED:
            return cast_int_to_adr(header - FORWARDED)
        size = self.total_size(obj, header >> TYPEID_SHIFT)
        new = self.free
        raw_memcopy(obj - HEADER, new, size)
        self.copied(new, header)
        self.free = new + size
        store_word(obj, -HEADER, cast_adr_to_int(new + HEADER) + FORWARDED)
        return new + HEADER

    def copied(self, new, header):
        """A hook for subclasses: an object was copied to `new` (its
        header's address), with this header."""
        pass


_gc = SemiSpaceGC()


def setup():
    _gc.setup()


def malloc_fixed(typeid, size):
    return _gc.malloc_fixed(typeid, size)


def malloc_varsize(typeid, length, size, itemsize, lengthofs):
    return _gc.malloc_varsize(typeid, length, size, itemsize, lengthofs)


def collect():
    _gc.collect()
