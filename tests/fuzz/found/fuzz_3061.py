# Found by `cargo xtask fuzz` (seed 3061, reduced, --gc generation --opt 0): MISMATCH:stdout. int() of non-ASCII decimal digits.
def entry_point(argv):
    try:
        print('p', int('٣'))
    except ValueError:
        pass
    return 4
if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
