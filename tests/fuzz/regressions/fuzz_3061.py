# Found by `cargo xtask fuzz` (seed 3061 of an early run, --gc generation --opt 0, reduced): int() of non-ASCII decimal digits.
# class: MISMATCH:stdout
def entry_point(argv):
    try:
        print('p', int('٣'))
    except ValueError:
        pass
    return 4
if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
