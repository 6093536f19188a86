# Every constant form: bare literals with their default types, and
# `literal:Type` for every other type.
struct Point { x: Signed, y: Signed }
struct Parent gc { tag: Signed }
struct Child gc { super: Parent, extra: Signed }
struct Floats gc { len: Signed, items: array(Float) }
global @origin: Point = { x: 0, y: 0 }
global @child: Child = { super: { tag: 1 }, extra: 2 }
extern func sink(Signed) -> Void
func constants(Signed) -> Signed {
block0(n_0: Signed):
    v1: Signed = int_add(n_0, -42)
    v2: Unsigned = uint_add(3:Unsigned, 18446744073709551615:Unsigned)
    v3: u8 = same_as(65:u8)
    v4: i16 = same_as(-300:i16)
    v5: i64 = same_as(-9223372036854775808:i64)
    c1: Bool = char_eq('a', '\n')
    c2: Bool = char_eq('\t', '\\')
    c3: Bool = char_eq('\'', '\x00')
    c4: Bool = char_eq('\xff', '"')
    c5: Char = same_as(300:Char)
    c6: UniChar = same_as(233:UniChar)
    f1: Float = float_add(1.0, 1e100)
    f2: Float = float_add(-0.0, inf)
    f3: Float = float_add(-inf, nan)
    f4: Float = float_add(nan(0x7ff8000000000001), 1.5e-7)
    f5: Float = float_add(0.1, -2.5)
    f6: Float = float_add(1.7976931348623157e308, 5e-324)
    f7: Signed = same_as(2.0:Signed)
    b1: Bool = bool_not(true)
    b2: Bool = same_as(1:Bool)
    b3: Signed = same_as(false:Signed)
    p1: *Point = same_as(@origin)
    p2: *Parent = same_as(@child:*Parent)
    p3: *Point = same_as(null:*Point)
    p4: Address = same_as(null:Address)
    fp1: *func(Signed) -> Void = same_as(&sink)
    fp2: *func(Signed) -> Signed = same_as(&constants)
    s1: Signed = same_as(sizeof(Point))
    s2: Signed = same_as(offsetof(Point, y))
    s3: Signed = same_as(itemsoffset(Floats))
    s4: Signed = same_as(itemsize(Floats))
    s5: Signed = same_as(lengthoffset(gc array(Signed)))
    s6: Unsigned = same_as(sizeof(Child):Unsigned)
    x: Signed = getfield(p1, .y)
    jit_marker(.can_enter_jit, n_0)
    nothing: Void = same_as(void)
    named: Void = same_as(.message)
    odd: Signed = same_as(.strange:Signed)
    return v1
}
