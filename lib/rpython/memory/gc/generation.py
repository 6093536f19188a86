"""A generational copying collector: a nursery in front of two semispaces.

New objects are allocated by bumping a pointer through the nursery. When
it is full, a minor collection copies the nursery objects still reachable
into the old generation (a semispace, as in `semispace.py`), scanning only
the roots and the old objects written since the last minor collection:
most objects die young and cost nothing. When the old space has no room
for the whole nursery, a major collection copies everything reachable
into the other semispace, doubling both when the survivors fill more than
half. Objects too large for the nursery go straight to the old space.

Old objects record that they point to young ones with a write barrier:
the GC transform calls `write_barrier(obj)` before every store of a
collected pointer into a collected object. An old object not yet
remembered has the NO_YOUNG_PTRS flag in its header; the barrier clears it
and adds the object to the remembered set, which the next minor
collection traces. Prebuilt objects have no header and are not in the
heap: they are static roots, traced by every collection.

With `RPY_GC_STRESS=1`, every allocation runs a minor collection (every
young object moves), every eighth one a major collection (every object
moves), and every allocation in the old space a major collection.

The header is the semispace collector's, with the NO_YOUNG_PTRS flag;
tracing and the roots are its code too. The nursery is 4 MiB, or the size of the
environment variable `RPY_GC_NURSERY`; the old spaces at 4 MiB, or at
`RPY_GC_SPACE`.
"""

from rpython.memory import gcdata
from rpython.memory.gc.semispace import (
    HEADER,
    MAX_ITEM_SIZE,
    MAX_LENGTH,
    MAX_OBJECT_SIZE,
    MIN_SPACE_SIZE,
    ROOT_STACK_MARGIN,
    ROOT_STACK_SIZE,
    TYPEID_SHIFT,
    SemiSpaceGC,
    _OUT_OF_MEMORY,
    alloc_space,
    round_up,
)
from rpython.rlib.debug import fatalerror
from rpython.rlib.objectmodel import dont_inline
from rpython.rtyper.lltypesystem.llmemory import (
    NULL,
    WORD,
    load_adr,
    load_word,
    raw_free,
    raw_malloc,
    raw_memclear,
    raw_memcopy,
    store_adr,
    store_word,
)

NO_YOUNG_PTRS = 2
INITIAL_NURSERY_SIZE = 4 * 1024 * 1024
INITIAL_SPACE_SIZE = 4 * 1024 * 1024
INITIAL_REMEMBERED = 1024

def space_size(size, default):
    """A size from the environment, rounded, or `default` if absurd."""
    size = round_up(size)
    if size < MIN_SPACE_SIZE or size > MAX_OBJECT_SIZE:
        return default
    return size


class GenerationGC(SemiSpaceGC):
    def __init__(self):
        SemiSpaceGC.__init__(self)
        self.nursery = NULL
        self.nursery_free = NULL
        self.nursery_top = NULL
        # The nursery's allocation limit: its end, or under stress its
        # start, so that every allocation collects.
        self.nursery_limit = NULL
        self.stress_count = 0
        self.nursery_size = 0
        self.major = False
        self.remembered = NULL
        self.remembered_count = 0
        self.remembered_size = 0

    def setup(self):
        nursery = gcdata.env_size("RPY_GC_NURSERY", INITIAL_NURSERY_SIZE)
        self.nursery_size = space_size(nursery, INITIAL_NURSERY_SIZE)
        self.nursery = alloc_space(self.nursery_size)
        self.nursery_free = self.nursery
        self.nursery_top = self.nursery + self.nursery_size
        self.stress = gcdata.env_size("RPY_GC_STRESS", 0) > 0
        self.set_nursery_limit()
        size = space_size(gcdata.env_size("RPY_GC_SPACE", INITIAL_SPACE_SIZE), INITIAL_SPACE_SIZE)
        while size < 2 * self.nursery_size:
            size = size * 2
        self.space_size = size
        self.tospace = alloc_space(size)
        self.fromspace = alloc_space(size)
        self.free = self.tospace
        self.top = self.tospace + size
        self.remembered_size = INITIAL_REMEMBERED
        self.remembered = alloc_space(INITIAL_REMEMBERED * WORD)
        stack = alloc_space(ROOT_STACK_SIZE)
        store_adr(gcdata.root_stack_base_address(), 0, stack)
        store_adr(gcdata.root_stack_top_address(), 0, stack)
        limit = stack + (ROOT_STACK_SIZE - ROOT_STACK_MARGIN)
        store_adr(gcdata.root_stack_limit_address(), 0, limit)

    # Allocation

    def allocate(self, total):
        """The header address of `total` fresh zeroed bytes in the nursery."""
        result = self.nursery_free
        if self.nursery_limit - result < total:
            self.minor_collect()
            result = self.nursery_free
        self.nursery_free = result + total
        raw_memclear(result, total)
        return result

    def allocate_old(self, total):
        """The header address of `total` fresh zeroed bytes in the old
        space, for an object too large for the nursery."""
        if self.stress or self.top - self.free < total + self.nursery_size:
            self.major_collect(total)
        result = self.free
        self.free = result + total
        raw_memclear(result, total)
        return result

    def malloc_fixed(self, typeid, size):
        return self.allocate_object(typeid, round_up(HEADER + size))

    def malloc_varsize(self, typeid, length, size, itemsize, lengthofs):
        if length < 0 or length > MAX_LENGTH or itemsize > MAX_ITEM_SIZE:
            raise _OUT_OF_MEMORY
        total = round_up(HEADER + size + length * itemsize)
        obj = self.allocate_object(typeid, total)
        store_word(obj, lengthofs, length)
        return obj

    def allocate_object(self, typeid, total):
        """A new zeroed object: in the nursery, or for a large one in the
        old space, flagged as holding no young pointers."""
        if total > self.nursery_size >> 2:
            result = self.allocate_old(total)
            store_word(result, 0, (typeid << TYPEID_SHIFT) | NO_YOUNG_PTRS)
        else:
            result = self.allocate(total)
            store_word(result, 0, typeid << TYPEID_SHIFT)
        return result + HEADER

    # The write barrier

    def write_barrier(self, obj):
        if obj < self.tospace or obj >= self.top:
            return
        header = load_word(obj, -HEADER)
        if header & NO_YOUNG_PTRS:
            store_word(obj, -HEADER, header & ~NO_YOUNG_PTRS)
            self.remember(obj)

    def remember(self, obj):
        if self.remembered_count == self.remembered_size:
            self.grow_remembered()
        store_adr(self.remembered, self.remembered_count * WORD, obj)
        self.remembered_count += 1

    @dont_inline
    def grow_remembered(self):
        bigger = raw_malloc(self.remembered_size * 2 * WORD)
        if not bigger:
            fatalerror("out of memory for the remembered set")
        raw_memcopy(self.remembered, bigger, self.remembered_size * WORD)
        raw_free(self.remembered)
        self.remembered = bigger
        self.remembered_size = self.remembered_size * 2

    # Collections

    def set_nursery_limit(self):
        if self.stress:
            self.nursery_limit = self.nursery
        else:
            self.nursery_limit = self.nursery_top

    @dont_inline
    def minor_collect(self):
        """Copies the reachable nursery objects into the old space."""
        if self.stress:
            self.stress_count += 1
        if self.top - self.free < self.nursery_size or self.stress_count % 8 == 7:
            self.major_collect(0)
            return
        self.major = False
        self.scan = self.free
        self.trace_roots()
        i = 0
        while i < self.remembered_count:
            obj = load_adr(self.remembered, i * WORD)
            header = load_word(obj, -HEADER)
            self.trace(obj, header >> TYPEID_SHIFT)
            store_word(obj, -HEADER, header | NO_YOUNG_PTRS)
            i += 1
        self.remembered_count = 0
        self.scan_copies()
        self.nursery_free = self.nursery

    def major_collect(self, needed):
        """Copies everything reachable into the other semispace, growing
        both until the survivors, `needed` bytes and a full nursery fit in
        half of one."""
        # Everything in use may survive: the target must hold it all.
        used = (self.free - self.tospace) + (self.nursery_free - self.nursery)
        self.collect_into(self.space_for(used, 1))
        live = self.free - self.tospace
        want = live + needed + self.nursery_size
        if want * 2 > self.space_size:
            self.collect_into(self.space_for(want, 2))

    def space_for(self, size, factor):
        """The space size, doubled as often as needed to hold `size`
        bytes `factor` times."""
        space = self.space_size
        while size * factor > space:
            if space > MAX_OBJECT_SIZE:
                raise _OUT_OF_MEMORY
            space = space * 2
        return space

    def collect_into(self, size):
        """A major collection into a space of `size` bytes."""
        if size != self.space_size:
            raw_free(self.fromspace)
            self.fromspace = alloc_space(size)
        self.copy_everything(size)
        if size != self.space_size:
            raw_free(self.fromspace)
            self.fromspace = alloc_space(size)
            self.space_size = size

    def copy_everything(self, target_size):
        self.major = True
        old = self.tospace
        target = self.fromspace
        self.free = target
        self.scan = target
        # Until the spaces swap, `tospace`/`top` bound the objects to copy.
        self.trace_roots()
        self.remembered_count = 0
        self.scan_copies()
        self.fromspace = old
        self.tospace = target
        self.top = target + target_size
        self.nursery_free = self.nursery
        self.major = False

    def trace_roots(self):
        self.trace_root_stack()
        self.trace_static_roots()

    def moves(self, obj):
        """Whether the collection running copies `obj`: a nursery object,
        or in a major collection an old one too."""
        if obj >= self.nursery and obj < self.nursery_top:
            return True
        return self.major and obj >= self.tospace and obj < self.top

    def update(self, slot):
        obj = load_adr(slot, 0)
        if self.moves(obj):
            store_adr(slot, 0, self.copy(obj))

    def copied(self, new, header):
        # Every copy lands in the old space, and after the collection no
        # young object is left.
        store_word(new, 0, header | NO_YOUNG_PTRS)

    def collect(self):
        self.major_collect(0)


_gc = GenerationGC()


def setup():
    _gc.setup()


def malloc_fixed(typeid, size):
    return _gc.malloc_fixed(typeid, size)


def malloc_varsize(typeid, length, size, itemsize, lengthofs):
    return _gc.malloc_varsize(typeid, length, size, itemsize, lengthofs)


def write_barrier(obj):
    _gc.write_barrier(obj)


def collect():
    _gc.collect()
