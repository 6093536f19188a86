def outer(n):
    def g(x):
        return x + 1
    def h(x, y=n):
        return x * y
    return g(n) + h(2)
def entry_point(argv):
    print(outer(len(argv)))
    return 0
