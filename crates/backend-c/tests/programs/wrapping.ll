# Signed arithmetic wraps instead of invoking C's undefined behaviour, and
# the overflow checks say when it would. The values go through `opaque`,
# in another unit, so the C compiler cannot fold them.
# expect-stdout: -9223372036854775808
# expect-stdout: 9223372036854775807
# expect-stdout: -2
# expect-stdout: -9223372036854775808
# expect-stdout: -9223372036854775808
# expect-stdout: -9223372036854775808
# expect-stdout: -3
# expect-stdout: -1
# expect-stdout: -4
# expect-stdout: -1
# expect-stdout: 10
# expect-stdout: 1
# expect-stdout: 0
# expect-stdout: 1
# expect-stdout: 1
# expect-stdout: 0
# expect-stdout: 0
# expect-stdout: 1
# expect-stdout: 0
# expect-stdout: 1
# expect-stdout: 1

func opaque(Signed) -> Signed in "helpers" at "wrapping.py:1" {
start(x: Signed):
    return x
}

func main() -> Signed in "main" at "wrapping.py:4" {
start:
    max: Signed = direct_call(&opaque, 9223372036854775807)
    min: Signed = int_add(max, 1)
    direct_call(&print_int, min)
    back: Signed = int_sub(min, 1)
    direct_call(&print_int, back)
    twice: Signed = int_mul(max, 2)
    direct_call(&print_int, twice)
    neg: Signed = int_neg(min)
    direct_call(&print_int, neg)
    abs: Signed = int_abs(min)
    direct_call(&print_int, abs)
    one: Signed = direct_call(&opaque, 1)
    shifted: Signed = int_lshift(one, 63)
    direct_call(&print_int, shifted)
    m7: Signed = direct_call(&opaque, -7)
    q: Signed = int_floordiv(m7, 2)
    direct_call(&print_int, q)
    r: Signed = int_mod(m7, 2)
    direct_call(&print_int, r)
    m8: Signed = direct_call(&opaque, -8)
    sh: Signed = int_rshift(m8, 1)
    direct_call(&print_int, sh)
    inv: Signed = int_invert(0)
    direct_call(&print_int, inv)
    x: Signed = int_xor(m8, -14)
    direct_call(&print_int, x)
    o1: Bool = int_add_overflows(max, one)
    direct_call(&print_bool, o1)
    o2: Bool = int_add_overflows(max, -1)
    direct_call(&print_bool, o2)
    o3: Bool = int_sub_overflows(min, one)
    direct_call(&print_bool, o3)
    big: Signed = direct_call(&opaque, 4611686018427387904)
    o4: Bool = int_mul_overflows(big, 2)
    direct_call(&print_bool, o4)
    nbig: Signed = int_neg(big)
    o5: Bool = int_mul_overflows(nbig, 2)
    direct_call(&print_bool, o5)
    o6: Bool = int_lshift_overflows(one, 62)
    direct_call(&print_bool, o6)
    o7: Bool = int_lshift_overflows(one, 63)
    direct_call(&print_bool, o7)
    o8: Bool = int_lshift_overflows(-1, 63)
    direct_call(&print_bool, o8)
    three: Signed = direct_call(&opaque, 3)
    o9: Bool = int_lshift_overflows(three, 62)
    direct_call(&print_bool, o9)
    t: Bool = int_is_true(min)
    direct_call(&print_bool, t)
    return 0
}

entry main
