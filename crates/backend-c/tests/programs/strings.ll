# A varsize string struct: two prebuilt strings are concatenated into one
# allocated with malloc_varsize, written byte by byte (setinterior), and
# printed with rpy_write from the address of its items
# (cast_ptr_to_adr + adr_add(itemsoffset)). Its stored length is also
# read as raw memory at lengthoffset.
# expect-stdout: hello, world
# expect-stdout: 12
# expect-stdout: 12
# expect-stdout: HELLO
# expect-stdout: 0

struct Str gc { hash: Signed, chars: array(Char) }

global @hello: Str immutable = { hash: 0, chars: "hello" }
global @world: Str immutable = { hash: 0, chars: ", world" }

func write_str(*Str) -> Void in "rstr" at "rstr.py:1" {
start(s: *Str):
    n: Signed = getinteriorsize(s, .chars)
    adr: Address = cast_ptr_to_adr(s)
    items: Address = adr_add(adr, itemsoffset(Str))
    w: Signed = direct_call(&rpy_write, 1, items, n)
    direct_call(&print_line, items, 0)
    return void
}

# Copies n bytes of src, from index 0, to dst from index at.
func copy(*Str, *Str, Signed) -> Void in "rstr" at "rstr.py:8" {
start(src: *Str, dst: *Str, at: Signed):
    n: Signed = getinteriorsize(src, .chars)
    goto loop(src, dst, at, 0, n)
loop(s: *Str, d: *Str, base: Signed, i: Signed, len: Signed):
    more: Bool = int_lt(i, len)
    if more then body(s, d, base, i, len) else done()
body(s1: *Str, d1: *Str, base1: Signed, i1: Signed, len1: Signed):
    c: Char = getinterior(s1, .chars, i1)
    j: Signed = int_add(base1, i1)
    setinterior(d1, .chars, j, c)
    i2: Signed = int_add(i1, 1)
    goto loop(s1, d1, base1, i2, len1)
done:
    return void
}

func concat(*Str, *Str) -> *Str in "rstr" at "rstr.py:20" {
start(a: *Str, b: *Str):
    la: Signed = getinteriorsize(a, .chars)
    lb: Signed = getinteriorsize(b, .chars)
    total: Signed = int_add(la, lb)
    r: *Str = malloc_varsize(total)
    direct_call(&copy, a, r, 0)
    direct_call(&copy, b, r, la)
    return r
}

func upper(*Str) -> *Str in "rstr" at "rstr.py:30" {
start(s: *Str):
    n: Signed = getinteriorsize(s, .chars)
    r: *Str = malloc_varsize(n)
    goto loop(s, r, 0, n)
loop(src: *Str, dst: *Str, i: Signed, len: Signed):
    more: Bool = int_lt(i, len)
    if more then body(src, dst, i, len) else done(dst)
body(src1: *Str, dst1: *Str, i1: Signed, len1: Signed):
    c: Char = getinterior(src1, .chars, i1)
    code: Signed = cast_primitive(c)
    up: Signed = int_sub(code, 32)
    uc: Char = cast_primitive(up)
    setinterior(dst1, .chars, i1, uc)
    i2: Signed = int_add(i1, 1)
    goto loop(src1, dst1, i2, len1)
done(result: *Str):
    return result
}

func main() -> Signed in "main" at "rstr.py:45" {
start:
    s: *Str = direct_call(&concat, @hello, @world)
    direct_call(&write_str, s)
    n: Signed = getinteriorsize(s, .chars)
    direct_call(&print_int, n)
    adr: Address = cast_ptr_to_adr(s)
    stored: Signed = raw_load(adr, lengthoffset(Str))
    direct_call(&print_int, stored)
    u: *Str = direct_call(&upper, @hello)
    direct_call(&write_str, u)
    h: Signed = getfield(u, .hash)
    direct_call(&print_int, h)
    return 0
}

entry main
