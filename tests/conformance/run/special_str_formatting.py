# __str__/__repr__ of instances in f-strings (with !r and !s), %-formatting
# and str()/repr().
class C(object):
    def __init__(self, n):
        self.n = n

    def __str__(self):
        return 'C<%d>' % self.n


class R(object):
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return 'R(%d)' % self.n


def entry_point(argv):
    a = C(len(argv))
    r = R(7)
    print(f'[{a}] {r} {r!r} {a!s}')
    print('%s and %r' % (a, r))
    print(str(a) + repr(r))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
