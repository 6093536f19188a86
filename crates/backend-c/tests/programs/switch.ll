# Multi-way branches: on Signed with negative and sparse cases, on Char
# (classifying the bytes of a string), and on Unsigned beyond 2**63.
# expect-stdout: -10
# expect-stdout: 0
# expect-stdout: 100
# expect-stdout: 100
# expect-stdout: 7
# expect-stdout: 7
# expect-stdout: ddd_ww_px
# expect-stdout: 1
# expect-stdout: 2

global @text: [Char; 9] immutable = "123 ab\t,\xff"

func classify(Signed) -> Signed in "switch" at "switch.py:1" {
start(x: Signed):
    switch x {
        -1 => minus()
        0 => zero()
        1 => small(x)
        1000000000000 => small(x)
        default => other()
    }
minus:
    return -10
zero:
    return 0
small(s: Signed):
    return 100
other:
    return 7
}

# The kind of a byte: d for digits, w for letters, _ for blanks, p for
# punctuation, x for anything else.
func kind(Char) -> Char in "switch" at "switch.py:9" {
start(c: Char):
    switch c {
        48 => digit()
        49 => digit()
        50 => digit()
        51 => digit()
        97 => letter()
        98 => letter()
        32 => blank()
        9 => blank()
        44 => punct()
        default => other()
    }
digit:
    return '0':Char
letter:
    return 'w'
blank:
    return '_'
punct:
    return 'p'
other:
    return 'x'
}

func big(Unsigned) -> Signed in "switch" at "switch.py:20" {
start(u: Unsigned):
    switch u {
        9223372036854775808 => high()
        18446744073709551615 => max()
        default => other()
    }
high:
    return 1
max:
    return 2
other:
    return 0
}

func main() -> Signed in "main" at "switch.py:30" {
start:
    a: Signed = direct_call(&classify, -1)
    direct_call(&print_int, a)
    b: Signed = direct_call(&classify, 0)
    direct_call(&print_int, b)
    c: Signed = direct_call(&classify, 1)
    direct_call(&print_int, c)
    d: Signed = direct_call(&classify, 1000000000000)
    direct_call(&print_int, d)
    e: Signed = direct_call(&classify, 2)
    direct_call(&print_int, e)
    f: Signed = direct_call(&classify, -9223372036854775808)
    direct_call(&print_int, f)
    buf: Address = raw_malloc(16)
    goto loop(buf, 0)
loop(out: Address, i: Signed):
    ch: Char = getarrayitem(@text, i)
    k: Char = direct_call(&kind, ch)
    digit: Bool = char_eq(k, '0')
    if digit then as_d(out, i) else store(out, i, k)
as_d(out1: Address, i1: Signed):
    goto store(out1, i1, 'd')
store(out2: Address, i2: Signed, k2: Char):
    raw_store(out2, i2, k2)
    i3: Signed = int_add(i2, 1)
    more: Bool = int_lt(i3, 9)
    if more then loop(out2, i3) else finish(out2)
finish(out3: Address):
    direct_call(&print_line, out3, 9)
    raw_free(out3)
    h: Signed = direct_call(&big, 9223372036854775808:Unsigned)
    direct_call(&print_int, h)
    m: Signed = direct_call(&big, 18446744073709551615:Unsigned)
    direct_call(&print_int, m)
    return 0
}

entry main
