"""The RPython support package (rlib), Python 3 edition.

Pure Python: programs that import it also run untranslated under CPython.
The translator reads it like any user module and gives some of its
functions a meaning of its own (see each function's docstring).
"""
