# Found by `cargo xtask fuzz` (seed 4198 of an early run, --gc generation --opt 0, reduced): str.upper() of 'ß' (special casing).
# class: MISMATCH:stdout
def entry_point(argv):
    print('#', 'zß'.replace('', 'é').upper())
    return 5
if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
