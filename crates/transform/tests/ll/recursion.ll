# Direct recursion (fact), mutual recursion (even/odd), recursion through
# a function pointer (apply calls its argument, twice is passed to it),
# and functions on no cycle (leaf, main).
struct Object gc { typeptr: *Vtable }
struct Vtable { min: Signed, max: Signed }
global @vt_RecursionError: Vtable immutable = { min: 5, max: 6 }
global @recursion_error: Object immutable = { typeptr: @vt_RecursionError }
func matches(*Vtable, *Vtable) -> Bool {
block0(raised: *Vtable, handler: *Vtable):
    r: Bool = ptr_eq(raised, handler)
    return r
}
func stack_overflow() -> Void {
block0:
    raise @vt_RecursionError, @recursion_error
}
func leaf(Signed) -> Signed {
block0(x: Signed):
    y: Signed = int_add(x, 1)
    return y
}
func fact(Signed) -> Signed {
block0(n: Signed):
    small: Bool = int_le(n, 1)
    if small then block1() else block2(n)
block1:
    return 1
block2(m: Signed):
    m1: Signed = int_sub(m, 1)
    r: Signed = direct_call(&fact, m1)
    p: Signed = int_mul(m, r)
    return p
}
func even(Signed) -> Bool {
block0(n: Signed):
    zero: Bool = int_eq(n, 0)
    if zero then block1() else block2(n)
block1:
    return true
block2(m: Signed):
    m1: Signed = int_sub(m, 1)
    r: Bool = direct_call(&odd, m1)
    return r
}
func odd(Signed) -> Bool {
block0(n: Signed):
    zero: Bool = int_eq(n, 0)
    if zero then block1() else block2(n)
block1:
    return false
block2(m: Signed):
    m1: Signed = int_sub(m, 1)
    r: Bool = direct_call(&even, m1)
    return r
}
func apply(*func(Signed) -> Signed, Signed) -> Signed {
block0(f: *func(Signed) -> Signed, x: Signed):
    r: Signed = indirect_call(f, x)
    return r
}
func twice(Signed) -> Signed {
block0(x: Signed):
    a: Signed = direct_call(&apply, &leaf, x)
    b: Signed = direct_call(&apply, &twice, a)
    return b
}
func main() -> Signed {
block0:
    a: Signed = direct_call(&fact, 5)
    b: Bool = direct_call(&even, 4)
    c: Signed = direct_call(&twice, a)
    d: Signed = direct_call(&leaf, c)
    return d
}
entry main
