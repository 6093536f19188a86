"""What the GC transform tells a collector: where the roots are and what
the objects look like.

The transform (crates/transform/src/gc.rs) builds, for the program being
translated, a table describing every type the collector meets, a table of
the prebuilt containers that may point to collected objects, and a shadow
stack on which compiled code keeps the collected pointers it holds across
calls. The functions below give a collector the addresses of these; each
is one low-level operation that the transform replaces by the address of
its table, so collectors are plain RPython over addresses and are
translated with the program.

Objects are handed to the collector by type id: a small positive int. The
type table holds `TYPE_INFO_WORDS` words per type id, at word
`typeid * TYPE_INFO_WORDS`:

- `TI_FIXED_SIZE`: the size in bytes of the object (of its fixed part when
  it is varsize), without any header of the collector's;
- `TI_ITEM_SIZE`: for a varsize type, the size of one item (else 0);
- `TI_ITEMS_OFFSET`: the offset of the first item;
- `TI_LENGTH_OFFSET`: the offset of the word holding the number of items;
- `TI_PTRS_START`, `TI_PTRS_COUNT`: where in the table (a word index) the
  offsets of the collected pointers of the fixed part are listed, and how
  many there are;
- `TI_ITEM_PTRS_START`, `TI_ITEM_PTRS_COUNT`: the same for the collected
  pointers inside each item, as offsets from the item's start.

The static roots are pairs of words (address of a prebuilt container, its
type id), ended by a pair whose address is `NULL`. Prebuilt containers are
never moved nor freed and have no collector header.

The shadow stack grows upwards, one address per word; the word at
`root_stack_base_address()` holds its first slot and the word at
`root_stack_top_address()` the first free slot. The collector allocates it
in its setup (compiled code pushes nothing before that), stores at
`root_stack_limit_address()` the highest top it allows — recursive
functions raise RecursionError beyond it, so leave room for the pushes of
the non-recursive calls above — and updates the slots when it moves
objects.

Untranslated there are no tables: `simulate` installs addresses of the
simulated memory of `llmemory` instead, for testing a collector under
CPython.
"""

TYPE_INFO_WORDS = 8
TI_FIXED_SIZE = 0
TI_ITEM_SIZE = 1
TI_ITEMS_OFFSET = 2
TI_LENGTH_OFFSET = 3
TI_PTRS_START = 4
TI_PTRS_COUNT = 5
TI_ITEM_PTRS_START = 6
TI_ITEM_PTRS_COUNT = 7

STATIC_ROOT_WORDS = 2

_simulated = {}


def env_size(name, default):
    """The environment variable `name` as a size in bytes (decimal digits
    with an optional K, M or G suffix), or `default` when it is unset or
    malformed: how a collector is tuned at run time."""
    import os

    value = os.environ.get(name, "")
    scale = 1
    for suffix, shift in (("K", 10), ("M", 20), ("G", 30)):
        if value[-1:].upper() == suffix:
            value = value[:-1]
            scale = 1 << shift
    if not value.isdigit():
        return default
    return int(value) * scale


def simulate(type_info_table, static_roots, root_stack):
    """Untranslated only: use these simulated addresses as the tables;
    `root_stack` is the address of three words: base, top and limit."""
    _simulated["type_info_table"] = type_info_table
    _simulated["static_roots"] = static_roots
    _simulated["root_stack_base_address"] = root_stack
    _simulated["root_stack_top_address"] = root_stack + 8
    _simulated["root_stack_limit_address"] = root_stack + 16


def type_info_table():
    """The address of word 0 of the type table."""
    return _simulated["type_info_table"]


def static_roots():
    """The address of the first static root pair."""
    return _simulated["static_roots"]


def root_stack_base_address():
    """The address of the word holding the shadow stack's first slot."""
    return _simulated["root_stack_base_address"]


def root_stack_top_address():
    """The address of the word holding the shadow stack's first free
    slot."""
    return _simulated["root_stack_top_address"]


def root_stack_limit_address():
    """The address of the word holding the highest top the shadow stack
    may reach before recursive functions raise RecursionError."""
    return _simulated["root_stack_limit_address"]
