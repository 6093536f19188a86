# Void values have no C representation: a Void parameter, a Void block
# parameter passed along a link, a Void argument, same_as of a Void and a
# function returning Void all disappear from the C.
# expect-stdout: 10
# expect-stdout: 11

func add_one(Void, Signed) -> Signed in "void" at "void.py:1" {
start(nothing: Void, x: Signed):
    goto next(nothing, x)
next(again: Void, y: Signed):
    copy: Void = same_as(again)
    r: Signed = int_add(y, 1)
    return r
}

func show(Signed, Void) -> Void in "void" at "void.py:8" {
start(x: Signed, nothing: Void):
    direct_call(&print_int, x)
    return void
}

func main() -> Signed in "main" at "void.py:12" {
start:
    direct_call(&show, 10, void)
    r: Signed = direct_call(&add_one, void, 10)
    f: *func(Signed, Void) -> Void = same_as(&show)
    indirect_call(f, r, void)
    return 0
}

entry main
