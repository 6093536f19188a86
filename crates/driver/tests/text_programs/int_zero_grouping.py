# Zero padding with grouping, and %-precisions of ints.
def entry_point(argv):
    k = len(argv) - 1
    for i in [0 + k, 7 + k, -42 + k, 1234 + k, -1234567 + k, 255 + k]:
        print(f"[{i:010,}] [{i:08,}] [{i:0=12,d}] [{i:+09_}] [{i:#012_x}] [{i:07,}] [{i:06_b}]", "[%.3d] [%5.3d] [%-6.2d] [%+.4x] [%.0d]" % (i, i, i, i, i))
    return 0

if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
