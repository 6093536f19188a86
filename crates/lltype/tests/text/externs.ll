# Functions of the external table, with units and origins (escaped and
# non-ASCII text in both), and the entry point.
struct Str gc { hash: Signed, chars: array(Char) }
extern func write(Signed, Address, Signed) -> Signed in "posix" at "rposix.py:40"
extern func clock() -> Float
extern func ll_math_pow(Float, Float) -> Float in "ll_math"
extern func fopen(*array(Char), *array(Char)) -> *opaque(FILE) at "rfile.py:7"
extern func strange(Signed) -> Signed in "unit \"quoted\"\twith\\escapes" at "café.py:1"
extern func escaped(Signed) -> Signed at "caf\xc3\xa9.py:2"
extern func empty_origin() -> Void at ""
func main(*gc array(*Str)) -> Signed in "main" {
block0(argv_0: *gc array(*Str)):
    v1: Float = direct_call(&clock)
    v2: Float = direct_call(&ll_math_pow, v1, 2.0)
    v3: Signed = direct_call(&write, 1, null:Address, 0)
    v4: Signed = direct_call(&strange, v3)
    return v4
}
func flush_output() -> Void {
block0:
    return void
}
entry main
on_fatal flush_output
