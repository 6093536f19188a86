# Found by `cargo xtask fuzz` (seed 4068 of an early run, reduced by hand): the message of list.index's ValueError.
# class: MISMATCH:stdout
def entry_point(argv):
    xs = [1, 2]
    try:
        xs.index(3)
    except ValueError as e:
        print(str(e))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
