# Found by `cargo xtask fuzz` (seed 100388, --gc none --opt 0, reduced): a slice with a negative step and bounds near the ends of the 64-bit range.
# class: MISMATCH:stdout
import sys

def f18():
    v22, v23 = (int('9223372036854775807'), 'a')
    return str(0)[v22:v22:-1]

def entry_point(argv):
    sys.stdout.write(f18())
    return 0
if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
