# Sums 0..n with a loop, as the printer prints it: blocks are used on
# links before their headers appear.
struct Str gc { hash: Signed, chars: array(Char) }
func sum(Signed) -> Signed in "loops" at "loops.py:1" {
block0(n_0: Signed):
    goto block1(n_0, 0, 0)
block1(n_1: Signed, i_2: Signed, total_3: Signed):
    v4: Bool = int_lt(i_2, n_1)
    if v4 then block2(n_1, i_2, total_3) else block3(total_3)
block2(n_5: Signed, i_6: Signed, total_7: Signed):
    total_8: Signed = int_add(total_7, i_6)
    i_9: Signed = int_add(i_6, 1)
    goto block1(n_5, i_9, total_8)
block3(total_10: Signed):
    return total_10
}
func main(*gc array(*Str)) -> Signed in "loops" at "loops.py:8" {
block0(argv_0: *gc array(*Str)):
    v1: Signed = getarraysize(argv_0)
    v2: Signed = direct_call(&sum, v1)
    return 0
}
entry main
