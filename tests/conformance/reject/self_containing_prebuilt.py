# expect-error: a prebuilt list that contains itself
# expect-line: 14
# A list built at import time that holds itself: its type would be a list
# of lists of lists without end. Refused with a diagnostic (it used to
# overflow the translator's stack).

TABLE = [[]]
TABLE[0] = TABLE
ROWS = [1, 2]


def entry_point(argv):
    print(len(ROWS))
    print(len(TABLE), TABLE[0] is TABLE)
    return 0
