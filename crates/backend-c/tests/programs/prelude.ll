# The prelude of every test program (tests/common/mod.rs prepends it):
# printing helpers written in lltype, so that the programs print through
# the runtime's rpy_write like translated programs do.

extern func rpy_write(Signed, Address, Signed) -> Signed
extern func rpy_float_format(Float, Char, Signed, Address, Signed) -> Signed

global @prelude_newline: [Char; 1] immutable = "\n"

# Writes bytes and a newline to standard output.
func print_line(Address, Signed) -> Void in "prelude" at "prelude.ll:11" {
start(text: Address, len: Signed):
    w1: Signed = direct_call(&rpy_write, 1, text, len)
    nl: Address = cast_ptr_to_adr(@prelude_newline)
    w2: Signed = direct_call(&rpy_write, 1, nl, 1)
    return void
}

# Prints a Signed in decimal and a newline. Digits are produced from the
# negative value, so the minimum is printed right.
func print_int(Signed) -> Void in "prelude" at "prelude.ll:20" {
start(n: Signed):
    buf: Address = raw_malloc(32)
    neg: Bool = int_lt(n, 0)
    if neg then digits(buf, n, 32, neg) else positive(buf, n, neg)
positive(b0: Address, p: Signed, neg0: Bool):
    m: Signed = int_neg(p)
    goto digits(b0, m, 32, neg0)
digits(b: Address, k: Signed, pos: Signed, ng: Bool):
    d: Signed = int_mod(k, 10)
    d2: Signed = int_sub(48, d)
    c: Char = cast_primitive(d2)
    pos2: Signed = int_sub(pos, 1)
    raw_store(b, pos2, c)
    k2: Signed = int_floordiv(k, 10)
    more: Bool = int_ne(k2, 0)
    if more then digits(b, k2, pos2, ng) else sign(b, pos2, ng)
sign(b1: Address, pos3: Signed, ng1: Bool):
    if ng1 then minus(b1, pos3) else out(b1, pos3)
minus(b2: Address, pos4: Signed):
    pos5: Signed = int_sub(pos4, 1)
    raw_store(b2, pos5, '-')
    goto out(b2, pos5)
out(b3: Address, pos6: Signed):
    first: Address = adr_add(b3, pos6)
    len: Signed = int_sub(32, pos6)
    direct_call(&print_line, first, len)
    raw_free(b3)
    return void
}

# Prints an Unsigned in decimal and a newline.
func print_uint(Unsigned) -> Void in "prelude" at "prelude.ll:52" {
start(n: Unsigned):
    buf: Address = raw_malloc(32)
    goto digits(buf, n, 32)
digits(b: Address, k: Unsigned, pos: Signed):
    d: Unsigned = uint_mod(k, 10:Unsigned)
    d2: Unsigned = uint_add(48:Unsigned, d)
    c: Char = cast_primitive(d2)
    pos2: Signed = int_sub(pos, 1)
    raw_store(b, pos2, c)
    k2: Unsigned = uint_floordiv(k, 10:Unsigned)
    more: Bool = uint_ne(k2, 0:Unsigned)
    if more then digits(b, k2, pos2) else out(b, pos2)
out(b3: Address, pos6: Signed):
    first: Address = adr_add(b3, pos6)
    len: Signed = int_sub(32, pos6)
    direct_call(&print_line, first, len)
    raw_free(b3)
    return void
}

# Prints a Bool as 0 or 1 and a newline.
func print_bool(Bool) -> Void in "prelude" at "prelude.ll:73" {
start(b: Bool):
    n: Signed = cast_primitive(b)
    direct_call(&print_int, n)
    return void
}

# Prints a Float with "%.17g" and a newline.
func print_float(Float) -> Void in "prelude" at "prelude.ll:81" {
start(x: Float):
    buf: Address = raw_malloc(64)
    n: Signed = direct_call(&rpy_float_format, x, 'g', 17, buf, 64)
    direct_call(&print_line, buf, n)
    raw_free(buf)
    return void
}
