# Raw memory: raw_malloc, raw_store and raw_load of several types at
# unaligned offsets too, raw_memclear, raw_memcopy, address arithmetic
# and comparisons (from the null address too), addresses as integers and
# back, and a raw struct allocated with malloc, read as raw memory at
# offsetof, and freed.
# expect-stdout: -123456789012
# expect-stdout: 2.5
# expect-stdout: 65
# expect-stdout: -2
# expect-stdout: 40000
# expect-stdout: 0
# expect-stdout: -123456789012
# expect-stdout: 16
# expect-stdout: 1
# expect-stdout: 0
# expect-stdout: 1
# expect-stdout: 1
# expect-stdout: 77
# expect-stdout: 88
# expect-stdout: 1
# expect-stdout: 16

struct Pair { a: Signed, b: i32 }

func main() -> Signed in "main" at "raw.py:1" {
start:
    buf: Address = raw_malloc(64)
    raw_store(buf, 3, -123456789012)
    big: Signed = raw_load(buf, 3)
    direct_call(&print_int, big)
    raw_store(buf, 17, 2.5)
    f: Float = raw_load(buf, 17)
    direct_call(&print_float, f)
    raw_store(buf, 30, 'A')
    c: Char = raw_load(buf, 30)
    code: Signed = cast_primitive(c)
    direct_call(&print_int, code)
    raw_store(buf, 31, -2:i32)
    i: i32 = raw_load(buf, 31)
    iw: Signed = cast_primitive(i)
    direct_call(&print_int, iw)
    raw_store(buf, 35, 40000:u16)
    u: u16 = raw_load(buf, 35)
    uw: Signed = cast_primitive(u)
    direct_call(&print_int, uw)
    second: Address = adr_add(buf, 32)
    raw_memcopy(buf, second, 16)
    raw_memclear(buf, 16)
    gone: Signed = raw_load(buf, 3)
    direct_call(&print_int, gone)
    copied: Signed = raw_load(second, 3)
    direct_call(&print_int, copied)
    back: Address = adr_sub(second, 16)
    delta: Signed = adr_delta(second, back)
    direct_call(&print_int, delta)
    lt: Bool = adr_lt(buf, second)
    direct_call(&print_bool, lt)
    ge: Bool = adr_ge(buf, second)
    direct_call(&print_bool, ge)
    n: Signed = cast_adr_to_int(second)
    again: Address = cast_int_to_adr(n)
    eq: Bool = adr_eq(again, second)
    direct_call(&print_bool, eq)
    raw_free(buf)
    p: *Pair = malloc()
    setfield(p, .a, 77)
    setfield(p, .b, 88:i32)
    pa: Address = cast_ptr_to_adr(p)
    a: Signed = raw_load(pa, offsetof(Pair, a))
    b: i32 = raw_load(pa, offsetof(Pair, b))
    bw: Signed = cast_primitive(b)
    size_ok: Bool = int_ge(sizeof(Pair), 12)
    direct_call(&print_bool, size_ok)
    direct_call(&print_int, a)
    direct_call(&print_int, bw)
    p2: *Pair = cast_adr_to_ptr(pa)
    same: Bool = ptr_eq(p, p2)
    direct_call(&print_bool, same)
    free(p)
    nowhere: Address = adr_add(null:Address, 16)
    sixteen: Signed = cast_adr_to_int(nowhere)
    direct_call(&print_int, sixteen)
    return 0
}

entry main
