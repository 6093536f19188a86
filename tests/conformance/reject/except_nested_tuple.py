# expect-error: not an exception class
# expect-line: 17
# A tuple inside the tuple of an `except`: CPython does not look into it,
# it raises TypeError (catching classes that do not inherit from
# BaseException is not allowed) when an exception reaches the clause.


def fail(n):
    if n > 0:
        raise KeyError(n)
    return n


def entry_point(argv):
    try:
        fail(len(argv))
    except (ValueError, (KeyError, IndexError)):
        print("caught")
    return 0
