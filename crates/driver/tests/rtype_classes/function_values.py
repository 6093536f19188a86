def op_add(a, b):
    return a + b
def op_sub(a, b):
    return a - b
def op_mul(a, b):
    return a * b
PIPELINE = [op_add, op_mul, op_sub]
def fold(fn, items, start):
    acc = start
    for x in items:
        acc = fn(acc, x)
    return acc
def double(n):
    return n * 2
def square(n):
    return n * n
def entry_point(argv):
    x = 0
    for f in PIPELINE:
        x = f(x, 3)
    print(x, fold(op_add, [1, 2], 0), fold(op_sub, [1], 0))
    chosen = double if len(argv) > 2 else square
    print(chosen(21))
    return 0
