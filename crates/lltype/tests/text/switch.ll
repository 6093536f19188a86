# Multi-way branches on integers and characters, with negative cases and
# several cases sharing a target.
func classify(Signed) -> Signed {
block0(x_0: Signed):
    switch x_0 {
        -1 => block1()
        0 => block2(x_0)
        1 => block3(x_0)
        2 => block3(x_0)
        default => block4(x_0)
    }
block1:
    return -1
block2(v1: Signed):
    return v1
block3(v2: Signed):
    v3: Signed = int_mul(v2, 10)
    return v3
block4(v4: Signed):
    return 1000
}
func is_space(Char) -> Bool {
block0(c_0: Char):
    switch c_0 {
        9 => block1()
        10 => block1()
        32 => block1()
        default => block2()
    }
block1:
    return true
block2:
    return false
}
func only_default(Unsigned) -> Unsigned {
block0(u_0: Unsigned):
    switch u_0 {
        default => block1(u_0)
    }
block1(u_1: Unsigned):
    return u_1
}
