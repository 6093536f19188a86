"""The collectors, each written in RPython over addresses and translated
with the program (`rpy translate --gc NAME` picks the module `NAME` here):
`semispace` (the default) and `generation` (a nursery in front of
semispaces, with a write barrier).

A collector module defines the functions the GC transform calls:

- `setup()`: called once, before the program's entry point;
- `malloc_fixed(typeid, size)`: the address of a new zeroed object of
  `size` bytes (its type's fixed size);
- `malloc_varsize(typeid, length, size, itemsize, lengthofs)`: the address
  of a new zeroed object of `size + length * itemsize` bytes whose word at
  `lengthofs` holds `length`;
- `collect()`: a full collection, now;
- optionally `write_barrier(obj)`: called before every store of a
  collected pointer into the collected object at address `obj`.

Both mallocs raise MemoryError when there is no memory left. Where the
objects are, how big a header the collector puts before them and when it
collects is the collector's business; the type layouts and roots come
from `rpython.memory.gcdata`.
"""
