# The stack limit: the current stack address is above rpy_stack_limit,
# and a recursion that stops when it comes within 64 KiB of the limit
# goes deep (the limit is neither too close nor beyond the real stack,
# where the program would crash instead).
# The recursive call goes through a function pointer in a mutable global
# and a keepalive follows it, so the C compiler can turn it neither into a
# loop nor into a tail call. A cap on the depth keeps a wrong limit from
# looping for ever.
# expect-stdout: 1
# expect-stdout: 1

extern func rpy_stack_limit() -> Address

struct Recurse { next: *func(Signed) -> Signed }

global @recurse: Recurse = { next: &depth }

func depth(Signed) -> Signed in "stack" at "stack.py:1" {
start(n: Signed):
    here: Address = stack_current()
    limit: Address = direct_call(&rpy_stack_limit)
    near: Address = adr_add(limit, 65536)
    stop: Bool = adr_lt(here, near)
    if stop then done(n) else capped(n)
capped(c: Signed):
    too_deep: Bool = int_gt(c, 100000000)
    if too_deep then done(-1) else deeper(c)
deeper(m: Signed):
    m1: Signed = int_add(m, 1)
    f: *func(Signed) -> Signed = getfield(@recurse, .next)
    r: Signed = indirect_call(f, m1)
    keepalive(m)
    return r
done(result: Signed):
    return result
}

func main() -> Signed in "main" at "stack.py:14" {
start:
    here: Address = stack_current()
    limit: Address = direct_call(&rpy_stack_limit)
    above: Bool = adr_gt(here, limit)
    direct_call(&print_bool, above)
    d: Signed = direct_call(&depth, 0)
    deep: Bool = int_gt(d, 1000)
    direct_call(&print_bool, deep)
    return 0
}

entry main
