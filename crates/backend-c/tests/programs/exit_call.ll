# rpy_exit ends the process at once with its status; what was written
# before is out already (output is unbuffered), and the `unreachable`
# exit after the call is never reached. Also the operations that only
# carry information: keepalive, jit_marker, jit_promote, debug_assert.
# expect-exit: 7
# expect-stdout: 5
# expect-stdout: 1

extern func rpy_exit(Signed) -> Void

struct Box gc { value: Signed }

func main() -> Signed in "main" at "exit.py:1" {
start:
    b: *Box = malloc()
    setfield(b, .value, 5)
    goto loop(b, 0)
loop(box: *Box, i: Signed):
    jit_marker(.jit_merge_point, i, box)
    v: Signed = getfield(box, .value)
    pv: Signed = jit_promote(v)
    direct_call(&print_int, pv)
    keepalive(box)
    ok: Bool = int_eq(pv, 5)
    debug_assert(ok, .the_value_is_five)
    direct_call(&print_bool, ok)
    direct_call(&rpy_exit, 7)
    unreachable
}

entry main
