# The entry function's result is the exit status.
# expect-exit: 42
# expect-stdout: returning 42

global @text: [Char; 12] immutable = "returning 42"

func main() -> Signed in "main" at "exit.py:1" {
start:
    adr: Address = cast_ptr_to_adr(@text)
    direct_call(&print_line, adr, 12)
    return 42
}

entry main
