# Loops whose links assign the target's parameters all at once: the
# Fibonacci loop passes (b, a + b) to (a, b), `swap` passes (y, x) to
# (x, y), and `rotate` passes (b, c, a) to (a, b, c), cycles that need a
# temporary in C.
# expect-stdout: 55
# expect-stdout: 2880067194370816120
# expect-stdout: 2
# expect-stdout: 1
# expect-stdout: 2
# expect-stdout: 3
# expect-stdout: 1
# expect-stdout: 231

func fib(Signed) -> Signed in "fib" at "fib.py:1" {
start(n: Signed):
    goto head(n, 0, 1)
head(k: Signed, a: Signed, b: Signed):
    more: Bool = int_gt(k, 0)
    if more then body(k, a, b) else done(a)
body(k1: Signed, a1: Signed, b1: Signed):
    sum: Signed = int_add(a1, b1)
    k2: Signed = int_sub(k1, 1)
    goto head(k2, b1, sum)
done(result: Signed):
    return result
}

# Swaps x and y n times; returns x.
func swap(Signed, Signed, Signed) -> Signed in "fib" at "fib.py:8" {
start(n: Signed, x0: Signed, y0: Signed):
    goto head(n, x0, y0)
head(k: Signed, x: Signed, y: Signed):
    more: Bool = int_gt(k, 0)
    if more then next(k, x, y) else done(x)
next(k1: Signed, x1: Signed, y1: Signed):
    k2: Signed = int_sub(k1, 1)
    goto head2(k2, y1, x1)
head2(k3: Signed, x2: Signed, y2: Signed):
    goto head(k3, x2, y2)
done(result: Signed):
    return result
}

# Rotates (a, b, c) n times inside one block's own loop; returns
# 100 * a + 10 * b + c, to show the whole state.
func rotate(Signed) -> Signed in "fib" at "fib.py:15" {
start(n: Signed):
    goto loop(n, 1, 2, 3)
loop(k: Signed, a: Signed, b: Signed, c: Signed):
    k2: Signed = int_sub(k, 1)
    more: Bool = int_ge(k2, 0)
    if more then loop(k2, b, c, a) else done(a, b, c)
done(x: Signed, y: Signed, z: Signed):
    x100: Signed = int_mul(x, 100)
    y10: Signed = int_mul(y, 10)
    s1: Signed = int_add(x100, y10)
    s2: Signed = int_add(s1, z)
    return s2
}

func main() -> Signed in "main" at "fib.py:25" {
start:
    f10: Signed = direct_call(&fib, 10)
    direct_call(&print_int, f10)
    f90: Signed = direct_call(&fib, 90)
    direct_call(&print_int, f90)
    s1: Signed = direct_call(&swap, 1, 1, 2)
    direct_call(&print_int, s1)
    s2: Signed = direct_call(&swap, 2, 1, 2)
    direct_call(&print_int, s2)
    r1: Signed = direct_call(&rotate, 1)
    d1: Signed = int_floordiv(r1, 100)
    direct_call(&print_int, d1)
    r2: Signed = direct_call(&rotate, 2)
    d2: Signed = int_floordiv(r2, 100)
    direct_call(&print_int, d2)
    r3: Signed = direct_call(&rotate, 3)
    d3: Signed = int_floordiv(r3, 100)
    direct_call(&print_int, d3)
    r4: Signed = direct_call(&rotate, 4)
    direct_call(&print_int, r4)
    return 0
}

entry main
