# Found by `cargo xtask fuzz` (seed 100738, --gc generation --opt 0, reduced): int / int is not the correctly rounded quotient.
# class: MISMATCH:stdout
def f23(a24):
    return int('9007199254740993')

def entry_point(argv):
    v31 = f23(0)
    print('#', 1 / v31)
    return 0
if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
