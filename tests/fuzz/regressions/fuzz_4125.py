# Found by `cargo xtask fuzz` (seed 4125 of an early run, --gc semispace --opt 2, reduced): concatenating a list whose items are never computed.
# class: CRASH:translator: internal error: the low-level module is invalid after the rtyper: func rpy_list_concat_N_N_N, blockN, op N `_`: operand types (*gc array(Float), Signed, Void) with result Void do not fit the operation
def entry_point(argv):
    print('#', [0.0] + [0.0 for c108 in '' if 0])
    return 0
if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
