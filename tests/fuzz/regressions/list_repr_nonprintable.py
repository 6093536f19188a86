# Found by `cargo xtask fuzz` (seed 1015 of an early run, reduced by hand): str() of a list does not escape non-printable characters in its items as repr() does.
# class: MISMATCH:stdout
def entry_point(argv):
    print(repr("em\u2003space"), repr("\u00a0nbsp"), ["\u200b"])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
