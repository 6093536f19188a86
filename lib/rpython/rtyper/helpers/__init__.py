"""Low-level helpers written in RPython, translated with every program.

The rtyper lowers some operations of a program to calls of these
functions (the table `RPYTHON_HELPERS` in `crates/rtyper/src/helpers.rs`
names each one with the types of its arguments): an algorithm reads best,
and is tested best, in the language it serves. Each module also runs
under CPython, where its tests compare it with CPython's own behaviour
(`lib/rpython/tests/test_helpers_*.py`).
"""
