# expect-error: ovfcheck() must wrap the arithmetic operation itself
# expect-line: 16
# ovfcheck() around a call: the addition inside `add` has already wrapped
# around when ovfcheck sees its result, so the translated program could not
# raise OverflowError where CPython's ovfcheck does.
from rpython.rlib.rarithmetic import ovfcheck


def add(a, b):
    return a + b


def entry_point(argv):
    big = 9223372036854775807 - len(argv)
    try:
        print(ovfcheck(add(big, 5)))
    except OverflowError:
        print("overflow")
    return 0
