# expect-error: a list that contains itself
# expect-line: 14
# A list appended to itself at run time (here through a tuple): no RPython
# type describes it.


def pair(a, b):
    return (a, b)


def entry_point(argv):
    items = []
    items.append(pair(0, []))
    items.append(pair(1, items))
    print(len(items))
    return 0
