# Function pointers: a prebuilt table of them, one stored in a struct,
# one passed as an argument, compared with ptr_eq, and a pointer to an
# external function of the runtime called indirectly.
# expect-stdout: 14
# expect-stdout: 49
# expect-stdout: -7
# expect-stdout: 28
# expect-stdout: 98
# expect-stdout: 1
# expect-stdout: 0
# expect-stdout: via a pointer to rpy_write

struct Op gc { apply: *func(Signed) -> Signed, name: Signed }

global @ops: [*func(Signed) -> Signed; 3] immutable = [&twice, &square, &negate]
global @message: [Char; 27] immutable = "via a pointer to rpy_write\n"

func twice(Signed) -> Signed in "ops" at "ops.py:1" {
start(x: Signed):
    r: Signed = int_add(x, x)
    return r
}

func square(Signed) -> Signed in "ops" at "ops.py:4" {
start(x: Signed):
    r: Signed = int_mul(x, x)
    return r
}

func negate(Signed) -> Signed in "ops" at "ops.py:7" {
start(x: Signed):
    r: Signed = int_neg(x)
    return r
}

func apply_twice(*func(Signed) -> Signed, Signed) -> Signed in "ops" at "ops.py:10" {
start(f: *func(Signed) -> Signed, x: Signed):
    y: Signed = indirect_call(f, x)
    z: Signed = indirect_call(f, y)
    return z
}

func main() -> Signed in "main" at "ops.py:15" {
start:
    goto loop(0)
loop(i: Signed):
    f: *func(Signed) -> Signed = getarrayitem(@ops, i)
    r: Signed = indirect_call(f, 7)
    direct_call(&print_int, r)
    i1: Signed = int_add(i, 1)
    more: Bool = int_lt(i1, 3)
    if more then loop(i1) else rest()
rest:
    op: *Op = malloc()
    setfield(op, .apply, &square)
    g: *func(Signed) -> Signed = getfield(op, .apply)
    sq: Signed = direct_call(&apply_twice, &twice, 7)
    direct_call(&print_int, sq)
    h: Signed = indirect_call(g, 7)
    s: Signed = int_add(h, h)
    direct_call(&print_int, s)
    same: Bool = ptr_eq(g, &square)
    direct_call(&print_bool, same)
    other: Bool = ptr_eq(g, &negate)
    direct_call(&print_bool, other)
    w: *func(Signed, Address, Signed) -> Signed = same_as(&rpy_write)
    text: Address = cast_ptr_to_adr(@message)
    n: Signed = indirect_call(w, 1, text, 27)
    return 0
}

entry main
