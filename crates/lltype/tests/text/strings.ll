# Varsize structs ending in an array: allocation by length, interior
# access through paths, raw memory, and string constants.
struct Str gc { hash: Signed, chars: array(Char) }
struct Buffer { len: Signed, data: [u8; 64] }
global @hello: Str immutable = { hash: 0, chars: "hello, world\n" }
func concat(*Str, *Str) -> *Str in "rstr" at "rstr.py:100" {
block0(a_0: *Str, b_1: *Str):
    v2: Signed = getinteriorsize(a_0, .chars)
    v3: Signed = getinteriorsize(b_1, .chars)
    v4: Signed = int_add(v2, v3)
    v5: *Str = malloc_varsize(v4)
    v6: Char = getinterior(a_0, .chars, 0)
    setinterior(v5, .chars, 0, v6)
    setinterior(v5, .chars, 1, 'x')
    v7: Address = cast_ptr_to_adr(v5)
    v8: Address = adr_add(v7, itemsoffset(Str))
    raw_memcopy(v8, v8, 0)
    return v5
}
func raw_buffer(Signed) -> Signed {
block0(n_0: Signed):
    v1: Address = raw_malloc(sizeof(Buffer))
    raw_memclear(v1, sizeof(Buffer))
    raw_store(v1, offsetof(Buffer, len), n_0)
    v2: u8 = raw_load(v1, offsetof(Buffer, data))
    v3: Signed = cast_primitive(v2)
    raw_free(v1)
    return v3
}
func hello_length() -> Signed {
block0:
    v0: Signed = getinteriorsize(@hello, .chars)
    debug_assert(true, .always)
    return v0
}
