# `*` widths and precisions in % formats: taken from the arguments, a
# negative width left-aligns, a negative precision counts as 0.


def entry_point(argv):
    n = len(argv) + 2
    x = 1234.5678
    print('%.*e|%.*E|' % (n, x, 0, -x))
    print('%*d|%-*d|%*i|' % (n + 3, 42, n + 3, 7, 1, -99))
    print('%.*f|%*.*f|' % (n, x, -12, n - 1, -x))
    print('%*d|%0*d|%0*d|%+*d|' % (-n - 2, 42, -5, 42, 6, -42, 5, 3))
    print('%.*s|%*s|%-*s|%*s|' % (2, 'hello', 4, 'é日本', -n, 'ab', 0, 'wide'))
    print('%.*f|%.*d|%*x|%*c|%*o|' % (-n, 1.5, n + 2, -7, n * 2, 255, 3, 'z', -6, 8))
    print('%*.*e|%*.*g|' % (n * 5, n * 3, 1e300 * 10, -10, 3, 0.000123456))
    print('%*s|%*r|%.*r|' % (True, 'a', n, 'b', 3, 'quote\'s'))
    for w in [-3, -1, 0, 1, 3]:
        for p in [-2, 0, 2]:
            print('[%*.*f] [%*.*s] [%*.*d]' % (w, p, 2.5, w, p, 'xyz', w, p, 12))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
