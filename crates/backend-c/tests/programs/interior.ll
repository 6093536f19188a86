# Interior access: an array of structs (getinterior(p, i, .field)), a
# struct holding a fixed-size array (getinterior(p, .data, i)) and its
# size, nested fixed arrays, and getarrayitem/setarrayitem/getarraysize
# on a GC array.
# expect-stdout: 5
# expect-stdout: 0
# expect-stdout: 30
# expect-stdout: 40
# expect-stdout: 8
# expect-stdout: 7
# expect-stdout: 4
# expect-stdout: 12
# expect-stdout: 3
# expect-stdout: 9

struct Entry { key: Signed, value: Signed }
struct Buffer gc { used: Signed, data: [u8; 8] }
struct Grid gc { cells: [[Signed; 3]; 2] }

func fill(*gc array(Entry), Signed) -> Void in "interior" at "interior.py:1" {
start(a: *gc array(Entry), n: Signed):
    goto loop(a, 0, n)
loop(arr: *gc array(Entry), i: Signed, len: Signed):
    more: Bool = int_lt(i, len)
    if more then body(arr, i, len) else done()
body(arr1: *gc array(Entry), i1: Signed, len1: Signed):
    setinterior(arr1, i1, .key, i1)
    v: Signed = int_mul(i1, 10)
    setinterior(arr1, i1, .value, v)
    i2: Signed = int_add(i1, 1)
    goto loop(arr1, i2, len1)
done:
    return void
}

func main() -> Signed in "main" at "interior.py:15" {
start:
    a: *gc array(Entry) = malloc_varsize(5)
    direct_call(&fill, a, 5)
    n: Signed = getarraysize(a)
    direct_call(&print_int, n)
    k0: Signed = getinterior(a, 0, .key)
    direct_call(&print_int, k0)
    v3: Signed = getinterior(a, 3, .value)
    direct_call(&print_int, v3)
    v4: Signed = getinterior(a, 4, .value)
    direct_call(&print_int, v4)
    buf: *Buffer = malloc()
    size: Signed = getinteriorsize(buf, .data)
    direct_call(&print_int, size)
    setinterior(buf, .data, 7, 7:u8)
    b7: u8 = getinterior(buf, .data, 7)
    b7w: Signed = cast_primitive(b7)
    direct_call(&print_int, b7w)
    g: *Grid = malloc()
    setinterior(g, .cells, 1, 2, 4)
    c: Signed = getinterior(g, .cells, 1, 2)
    direct_call(&print_int, c)
    ints: *gc array(Signed) = malloc_varsize(3)
    setarrayitem(ints, 2, 12)
    i2: Signed = getarrayitem(ints, 2)
    direct_call(&print_int, i2)
    len: Signed = getarraysize(ints)
    direct_call(&print_int, len)
    inner: Signed = getinteriorsize(g, .cells, 0)
    outer: Signed = getinteriorsize(g, .cells)
    cells: Signed = int_mul(inner, outer)
    cells3: Signed = int_add(cells, 3)
    direct_call(&print_int, cells3)
    return 0
}

entry main
