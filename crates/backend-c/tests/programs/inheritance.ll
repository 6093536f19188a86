# Structs inherit by their first field: a pointer to a child is cast to
# its parent and back (cast_pointer), fields of every level are reached
# through the right pointer, and a prebuilt grandchild is seen as its
# grandparent (@g:*Base).
# expect-stdout: 1
# expect-stdout: 20
# expect-stdout: 3
# expect-stdout: 300
# expect-stdout: 42
# expect-stdout: 1
# expect-stdout: 5
# expect-stdout: 1

struct Base gc { tag: Signed }
struct Point gc { super: Base, x: Signed, y: Signed }
struct Point3 gc { super: Point, z: Signed }

global @origin3: Point3 = { super: { super: { tag: 3 }, x: 0, y: 0 }, z: 300 }

func tag_of(*Base) -> Signed in "shapes" at "shapes.py:1" {
start(b: *Base):
    t: Signed = getfield(b, .tag)
    return t
}

# Reads z when the tag says the object is a Point3, else y.
func depth(*Base) -> Signed in "shapes" at "shapes.py:5" {
start(b: *Base):
    t: Signed = getfield(b, .tag)
    three: Bool = int_eq(t, 3)
    if three then as3(b) else as2(b)
as3(b3: *Base):
    p3: *Point3 = cast_pointer(b3)
    z: Signed = getfield(p3, .z)
    return z
as2(b2: *Base):
    p2: *Point = cast_pointer(b2)
    y: Signed = getfield(p2, .y)
    return y
}

func main() -> Signed in "main" at "shapes.py:15" {
start:
    p: *Point = malloc()
    base: *Base = cast_pointer(p)
    setfield(base, .tag, 1)
    setfield(p, .x, 10)
    setfield(p, .y, 20)
    t: Signed = direct_call(&tag_of, base)
    direct_call(&print_int, t)
    d: Signed = direct_call(&depth, base)
    direct_call(&print_int, d)
    t3: Signed = direct_call(&tag_of, @origin3:*Base)
    direct_call(&print_int, t3)
    d3: Signed = direct_call(&depth, @origin3:*Base)
    direct_call(&print_int, d3)
    q: *Point3 = malloc()
    qp: *Point = cast_pointer(q)
    qb: *Base = cast_pointer(qp)
    setfield(qp, .x, 42)
    back: *Point = cast_pointer(qb)
    x: Signed = getfield(back, .x)
    direct_call(&print_int, x)
    same: Bool = ptr_eq(qb, qb)
    direct_call(&print_bool, same)
    setfield(@origin3:*Point, .x, 5)
    ox: Signed = getinterior(@origin3, .super, .x)
    direct_call(&print_int, ox)
    zeroed: Signed = getfield(q, .z)
    nz: Bool = int_eq(zeroed, 0)
    direct_call(&print_bool, nz)
    return 0
}

entry main
