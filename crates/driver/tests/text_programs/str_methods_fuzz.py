# Generated (seeded) cases: str methods over short strs of a few letters,
# spaces, commas and tabs, against every small separator.
def entry_point(argv):
    k = "" * (len(argv) - 1)
    strs = [',cc,,bb' + k, 'c\t,bac b' + k, ',' + k, '' + k, 'cc\t\t,\tb,a' + k, 'aaabb,ac' + k, 'c,b,b' + k, 'ca\ta' + k, '\t c,a\t ' + k, 'b, aa' + k, 'aca caa\ta' + k, 'bac' + k, '\tcca,\t' + k, '\t  ' + k, ' ' + k, 'acabb' + k, 'a' + k, '' + k, 'cb\t,bc,' + k, '\tbc' + k, 'accba ' + k, ' abbc,\t,a' + k, '' + k, 'bc' + k, 'a,  ' + k]
    subs = ['a' + k, 'b' + k, 'ab' + k, ' ' + k, ',' + k, 'c,' + k, 'aa' + k, 'x' + k]
    alls = ['' + k, 'a' + k, 'b' + k, 'ab' + k, ' ' + k, ',' + k, 'c,' + k, 'aa' + k, 'x' + k]
    for s in strs:
        print(repr(s), s.split(), s.rsplit(), s.split(None, 1), s.rsplit(None, 1), s.split(None, 0), s.strip(), s.lstrip(), s.rstrip(), s.strip("a "), s.upper(), s.isspace(), s.isalpha(), s.islower(), s[::-1], s[1:-1:2], s.center(12, "."), s.ljust(4), s.rjust(11, "~"), s.zfill(6))
        for t in subs:
            print(" ", repr(t), s.split(t), s.rsplit(t), s.split(t, 1), s.rsplit(t, 2), s.count(t), s.replace(t, "<>"), s.replace(t, "", 1), s.startswith(t), s.endswith(t), t.join([s, s, s]), t in s)
        for t in alls:
            print(" ", repr(t), s.find(t), s.rfind(t), s.find(t, 2), s.rfind(t, 1, 5), s.find(t, -3), s.count(t, 1), s.find(t, 4, 2), s.replace(t, "-"), s < t, s >= t, t * 2)
    return 0

if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
