# The command line: rpy_argc, rpy_arg_len and rpy_arg_copy. Prints the
# number of arguments after the program's name, then each one.
# args: first second-arg 3
# expect-stdout: 3
# expect-stdout: first
# expect-stdout: second-arg
# expect-stdout: 3

extern func rpy_argc() -> Signed
extern func rpy_arg_len(Signed) -> Signed
extern func rpy_arg_copy(Signed, Address) -> Void

func main() -> Signed in "main" at "argv.py:1" {
start:
    argc: Signed = direct_call(&rpy_argc)
    count: Signed = int_sub(argc, 1)
    direct_call(&print_int, count)
    goto loop(1, argc)
loop(i: Signed, n: Signed):
    more: Bool = int_lt(i, n)
    if more then body(i, n) else done()
body(i1: Signed, n1: Signed):
    len: Signed = direct_call(&rpy_arg_len, i1)
    buf: Address = raw_malloc(len)
    direct_call(&rpy_arg_copy, i1, buf)
    direct_call(&print_line, buf, len)
    raw_free(buf)
    i2: Signed = int_add(i1, 1)
    goto loop(i2, n1)
done:
    return 0
}

entry main
