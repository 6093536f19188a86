# Floats formatted with a precision and no type (f"{x:.3}").
def entry_point(argv):
    k = len(argv) - 1
    vals = [-(0.0 + k), -(1.0 + k), 100.0 + k, 1.0 + k, 1234.5678 + k, 0.0001 + k, 12.0 + k, 123.0 + k, 1.5 + k, 2.0 + k, -0.0 + k * 0.0, 1e-7 + k, 99.99 + k, 9.99 + k, 0.5 + k, 1e16 + k, -2.5 + k, 1e300 * 10.0 + k]
    for v in vals:
        print(f"{v:.1}|{v:.2}|{v:.3}|{v:.5}|{v:10.3}|{v:<+9.2}|{v:.0}|{v:.17}")
    return 0

if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
