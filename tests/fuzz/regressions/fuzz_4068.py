# Found by `cargo xtask fuzz` (seed 4068 of an early run, --gc semispace --opt 0, reduced): list(reversed(...)) of a list whose items are never computed.
# class: CRASH:translator: internal error: the low-level module is invalid after the rtyper: func rpy_iter_to_list_N, blockN, op N `_`: variable vN is used where it is not defined
def f1(a2, a3, a4):
    print('#', list(reversed([' ' for c20 in '' if 0])))

def entry_point(argv):
    print('f', f1(0, 0, 0))
    return 1
if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
