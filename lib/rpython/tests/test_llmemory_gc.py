"""The semispace collector run untranslated, on llmemory's simulated memory:
objects reachable from the shadow stack and from a static root survive a
collection with their contents, garbage is not copied, and forwarded
pointers are shared.

CPython only (the simulation uses bytearray, which rpy's import-time
interpreter does not have); translated, the same collector runs under
every test of crates/cli.
"""

import unittest

from rpython.memory import gcdata
from rpython.memory.gc import semispace
from rpython.rtyper.lltypesystem import llmemory
from rpython.rtyper.lltypesystem.llmemory import NULL, WORD, load_adr, load_word, store_adr, store_word

NODE = 1  # {value: word, next: pointer}
ARRAY = 2  # {length: word, items: pointers}
HOLDER = 3  # a prebuilt {value: word, next: pointer}, no header


def build_tables():
    words = [0] * (gcdata.TYPE_INFO_WORDS * 4)
    offsets_start = len(words)

    def entry(typeid, fixed, itemsize, items, length, ptrs, item_ptrs):
        base = typeid * gcdata.TYPE_INFO_WORDS
        words[base + gcdata.TI_FIXED_SIZE] = fixed
        words[base + gcdata.TI_ITEM_SIZE] = itemsize
        words[base + gcdata.TI_ITEMS_OFFSET] = items
        words[base + gcdata.TI_LENGTH_OFFSET] = length
        words[base + gcdata.TI_PTRS_START] = len(words)
        words[base + gcdata.TI_PTRS_COUNT] = len(ptrs)
        words.extend(ptrs)
        words[base + gcdata.TI_ITEM_PTRS_START] = len(words)
        words[base + gcdata.TI_ITEM_PTRS_COUNT] = len(item_ptrs)
        words.extend(item_ptrs)

    entry(NODE, 2 * WORD, 0, 0, 0, [WORD], [])
    entry(ARRAY, WORD, WORD, WORD, 0, [], [0])
    entry(HOLDER, 2 * WORD, 0, 0, 0, [WORD], [])
    assert offsets_start <= len(words)
    table = llmemory.raw_malloc(len(words) * WORD)
    for i, w in enumerate(words):
        store_word(table, i * WORD, w)
    holder = llmemory.raw_malloc(2 * WORD)
    roots = llmemory.raw_malloc(4 * WORD)
    store_adr(roots, 0, holder)
    store_word(roots, WORD, HOLDER)
    store_adr(roots, 2 * WORD, NULL)
    store_word(roots, 3 * WORD, 0)
    stack = llmemory.raw_malloc(3 * WORD)
    gcdata.simulate(table, roots, stack)
    return holder


SMALL = {"INITIAL_SPACE_SIZE": 64 * 1024, "ROOT_STACK_SIZE": 64 * 1024, "ROOT_STACK_MARGIN": 1024}


class SemiSpaceTest(unittest.TestCase):
    def setUp(self):
        # Small spaces keep the simulated memory small.
        self.saved = {name: getattr(semispace, name) for name in SMALL}
        for name, value in SMALL.items():
            setattr(semispace, name, value)
        self.holder = build_tables()
        self.gc = semispace.SemiSpaceGC()
        self.gc.setup()

    def tearDown(self):
        for name, value in self.saved.items():
            setattr(semispace, name, value)

    def node(self, value, next):
        obj = self.gc.malloc_fixed(NODE, 2 * WORD)
        store_word(obj, 0, value)
        store_adr(obj, WORD, next)
        return obj

    def push(self, obj):
        top_at = gcdata.root_stack_top_address()
        top = load_adr(top_at, 0)
        store_adr(top, 0, obj)
        store_adr(top_at, 0, top + WORD)
        return top

    def values(self, obj):
        out = []
        while obj:
            out.append(load_word(obj, 0))
            obj = load_adr(obj, WORD)
        return out

    def test_roots_survive_and_garbage_is_not_copied(self):
        chain = NULL
        for i in range(5):
            chain = self.node(i, chain)
        for i in range(100):
            self.node(-i, NULL)  # garbage
        slot = self.push(chain)
        kept = self.node(42, NULL)
        store_adr(self.holder, WORD, kept)
        self.gc.collect()
        moved = load_adr(slot, 0)
        self.assertNotEqual(moved, chain)
        self.assertEqual(self.values(moved), [4, 3, 2, 1, 0])
        self.assertEqual(self.values(load_adr(self.holder, WORD)), [42])
        live = self.gc.free - self.gc.tospace
        self.assertEqual(live, 6 * 3 * WORD)  # six nodes of header + 2 words

    def test_shared_objects_are_copied_once(self):
        shared = self.node(7, NULL)
        array = self.gc.malloc_varsize(ARRAY, 3, WORD, WORD, 0)
        for i in range(3):
            store_adr(array, WORD + i * WORD, shared)
        slot = self.push(array)
        self.gc.collect()
        array = load_adr(slot, 0)
        self.assertEqual(load_word(array, 0), 3)
        items = [load_adr(array, WORD + i * WORD) for i in range(3)]
        self.assertEqual(items[0], items[1])
        self.assertEqual(items[1], items[2])
        self.assertEqual(self.values(items[0]), [7])

    def test_spaces_grow_for_a_large_object(self):
        size = self.gc.space_size
        slot = self.push(self.gc.malloc_varsize(ARRAY, size // WORD, WORD, WORD, 0))
        self.assertGreater(self.gc.space_size, size)
        self.assertEqual(load_word(load_adr(slot, 0), 0), size // WORD)

    def test_impossible_sizes_raise_memory_error(self):
        with self.assertRaises(MemoryError):
            self.gc.malloc_varsize(ARRAY, 1 << 45, WORD, WORD, 0)
        with self.assertRaises(MemoryError):
            self.gc.malloc_varsize(ARRAY, -1, WORD, WORD, 0)


if __name__ == "__main__":
    unittest.main()
