# Unsigned words wrap modulo 2**64 and compare as unsigned; sized
# integers truncate and extend as C converts them.
# expect-stdout: 0
# expect-stdout: 18446744073709551615
# expect-stdout: 18446744073709551614
# expect-stdout: 6148914691236517205
# expect-stdout: 0
# expect-stdout: 15
# expect-stdout: 9223372036854775808
# expect-stdout: 1
# expect-stdout: 0
# expect-stdout: -1
# expect-stdout: 44
# expect-stdout: 65535
# expect-stdout: -56
# expect-stdout: 4294967295
# expect-stdout: 18446744073709551612
# expect-stdout: 18446744073709551615
# expect-stdout: 1.8446744073709552e+19
# expect-stdout: 12345678901234567168

func opaque(Unsigned) -> Unsigned in "helpers" at "unsigned.py:1" {
start(x: Unsigned):
    return x
}

func main() -> Signed in "main" at "unsigned.py:4" {
start:
    max: Unsigned = direct_call(&opaque, 18446744073709551615:Unsigned)
    zero: Unsigned = uint_add(max, 1:Unsigned)
    direct_call(&print_uint, zero)
    under: Unsigned = uint_sub(zero, 1:Unsigned)
    direct_call(&print_uint, under)
    twice: Unsigned = uint_mul(max, 2:Unsigned)
    direct_call(&print_uint, twice)
    third: Unsigned = uint_floordiv(max, 3:Unsigned)
    direct_call(&print_uint, third)
    rest: Unsigned = uint_mod(max, 3:Unsigned)
    direct_call(&print_uint, rest)
    top: Unsigned = uint_rshift(max, 60)
    direct_call(&print_uint, top)
    one: Unsigned = direct_call(&opaque, 1:Unsigned)
    high: Unsigned = uint_lshift(one, 63)
    direct_call(&print_uint, high)
    gt: Bool = uint_gt(max, one)
    direct_call(&print_bool, gt)
    lt: Bool = uint_lt(max, one)
    direct_call(&print_bool, lt)
    as_signed: Signed = cast_primitive(max)
    direct_call(&print_int, as_signed)
    big: Unsigned = direct_call(&opaque, 300:Unsigned)
    byte: u8 = cast_primitive(big)
    byte_w: Signed = cast_primitive(byte)
    direct_call(&print_int, byte_w)
    short: u16 = cast_primitive(as_signed)
    short_w: Signed = cast_primitive(short)
    direct_call(&print_int, short_w)
    b200: Unsigned = direct_call(&opaque, 200:Unsigned)
    tiny: i8 = cast_primitive(b200)
    tiny_w: Signed = cast_primitive(tiny)
    direct_call(&print_int, tiny_w)
    word: u32 = cast_primitive(max)
    word_w: Unsigned = cast_primitive(word)
    direct_call(&print_uint, word_w)
    three: Unsigned = direct_call(&opaque, 3:Unsigned)
    inv: Unsigned = uint_invert(three)
    direct_call(&print_uint, inv)
    ored: Unsigned = uint_or(inv, three)
    direct_call(&print_uint, ored)
    f: Float = cast_uint_to_float(max)
    direct_call(&print_float, f)
    g: Float = same_as(12345678901234567890.0)
    back: Unsigned = cast_float_to_uint(g)
    direct_call(&print_uint, back)
    return 0
}

entry main
