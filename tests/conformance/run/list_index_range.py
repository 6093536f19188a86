# list.index with start and stop (clamped like slice bounds), and the
# ValueError naming the repr of the missing item.
def entry_point(argv):
    xs = [1, 2, 3, 1, 2, 3]
    print(xs.index(1), xs.index(1, 1), xs.index(3, -2), xs.index(2, 0, 2), xs.index(1, -100, 100))
    for args in [(1, 4, 5), (9, 0, 6), (1, 1, 3), (3, 10, 20)]:
        try:
            print(xs.index(args[0], args[1], args[2]))
        except ValueError as e:
            print("ValueError:", e)
    ss = ["a", "b\n"]
    try:
        ss.index("c'd")
    except ValueError as e:
        print(e)
    fs = [1.5]
    try:
        fs.index(2.0)
    except ValueError as e:
        print(e)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
