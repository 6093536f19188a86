# int / int is the correctly rounded quotient (as CPython divides ints of
# any size), not float(a) / float(b), which rounds twice past 53 bits.
def entry_point(argv):
    vals = [int('9007199254740993'), 2**53 + 1, -(2**63), 2**63 - 1, 7, -3, 1, 0]
    for a in vals:
        for b in vals:
            try:
                print(a / b)
            except ZeroDivisionError as e:
                print("ZeroDivisionError:", e)
    x = 10
    x /= 4
    print(x)
    return 0

if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
