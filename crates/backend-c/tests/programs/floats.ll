# Float arithmetic, comparisons with NaN, conversions, libm through the
# runtime, and rpy_float_format / rpy_float_parse.
# expect-stdout: 0.30000000000000004
# expect-stdout: -2.5
# expect-stdout: 0.33333333333333331
# expect-stdout: 2.5
# expect-stdout: 0
# expect-stdout: 1
# expect-stdout: 1
# expect-stdout: 0
# expect-stdout: -2
# expect-stdout: 7
# expect-stdout: 1.414e+00
# expect-stdout: 3.14
# expect-stdout: 1e+300
# expect-stdout: inf
# expect-stdout: nan
# expect-stdout: 1024
# expect-stdout: -3
# expect-stdout: 1.5
# expect-stdout: 3.25
# expect-stdout: 4
# expect-stdout: 0

extern func rpy_sqrt(Float) -> Float
extern func rpy_pow(Float, Float) -> Float
extern func rpy_floor(Float) -> Float
extern func rpy_fmod(Float, Float) -> Float
extern func rpy_float_parse(Address, Signed, Address) -> Float

global @number: [Char; 7] immutable = "3.25xyz"
global @consumed: [Signed; 1] = [0]

func opaque(Float) -> Float in "helpers" at "floats.py:1" {
start(x: Float):
    return x
}

# Formats x with the conversion and precision and prints the text.
func show(Float, Char, Signed) -> Void in "helpers" at "floats.py:5" {
start(x: Float, conv: Char, prec: Signed):
    buf: Address = raw_malloc(64)
    n: Signed = direct_call(&rpy_float_format, x, conv, prec, buf, 64)
    direct_call(&print_line, buf, n)
    raw_free(buf)
    return void
}

func main() -> Signed in "main" at "floats.py:12" {
start:
    a: Float = direct_call(&opaque, 0.1)
    b: Float = float_add(a, 0.2)
    direct_call(&print_float, b)
    c: Float = float_sub(a, 2.6)
    direct_call(&print_float, c)
    one: Float = direct_call(&opaque, 1.0)
    d: Float = float_truediv(one, 3.0)
    direct_call(&print_float, d)
    e: Float = float_mul(c, -1.0)
    direct_call(&print_float, e)
    qnan: Float = direct_call(&opaque, nan)
    lt: Bool = float_lt(qnan, one)
    direct_call(&print_bool, lt)
    ne: Bool = float_ne(qnan, qnan)
    direct_call(&print_bool, ne)
    t: Bool = float_is_true(a)
    direct_call(&print_bool, t)
    z: Float = float_neg(0.0)
    tz: Bool = float_is_true(z)
    direct_call(&print_bool, tz)
    m: Float = direct_call(&opaque, -2.7)
    trunc: Signed = cast_float_to_int(m)
    direct_call(&print_int, trunc)
    i: Float = cast_int_to_float(7)
    direct_call(&print_float, i)
    two: Float = float_add(one, one)
    root: Float = direct_call(&rpy_sqrt, two)
    direct_call(&show, root, 'e', 3)
    pi: Float = direct_call(&opaque, 3.14159)
    direct_call(&show, pi, 'f', 2)
    huge: Float = direct_call(&opaque, 1e300)
    direct_call(&show, huge, 'g', 6)
    infinity: Float = float_mul(huge, huge)
    direct_call(&show, infinity, 'g', 6)
    nn: Float = float_sub(infinity, infinity)
    # The sign of this NaN depends on the processor.
    pos_nan: Float = float_abs(nn)
    direct_call(&show, pos_nan, 'g', 6)
    p: Float = direct_call(&rpy_pow, two, 10.0)
    direct_call(&print_float, p)
    fl: Float = direct_call(&rpy_floor, m)
    direct_call(&print_float, fl)
    md: Float = direct_call(&rpy_fmod, 7.5, two)
    absd: Float = float_abs(md)
    direct_call(&print_float, absd)
    text: Address = cast_ptr_to_adr(@number)
    used_adr: Address = cast_ptr_to_adr(@consumed)
    parsed: Float = direct_call(&rpy_float_parse, text, 7, used_adr)
    direct_call(&print_float, parsed)
    used: Signed = getarrayitem(@consumed, 0)
    direct_call(&print_int, used)
    nothing: Float = direct_call(&rpy_float_parse, text, 0, used_adr)
    used0: Signed = getarrayitem(@consumed, 0)
    direct_call(&print_int, used0)
    return 0
}

entry main
