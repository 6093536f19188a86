# Prebuilt containers: nested structs, arrays, strings, zeroed parts, and
# pointers to globals and functions that are given later in the text.
struct Object gc { typeptr: *ObjectVtable }
struct ObjectVtable { size: Signed, name: *Str, instantiate: *func() -> *Object }
struct W_Int gc { super: Object, intval: Signed }
struct W_IntVtable { super: ObjectVtable, add: *func(*W_Int, *W_Int) -> *W_Int }
struct Str gc { hash: Signed, chars: array(Char) }
struct Table { count: Signed, entries: [Entry; 3] }
struct Entry { key: *Str, value: Signed }
struct Matrix { rows: [[Float; 2]; 2] }
global @int_list: gc array(*W_Int) = [@zero_int, @one_int, null]
global @name_int: Str immutable = { hash: 0, chars: "int" }
global @vtable_int: W_IntVtable immutable = { super: { size: sizeof(W_Int), name: @name_int, instantiate: &new_int }, add: &add }
global @zero_int: W_Int immutable = { super: { typeptr: @vtable_int }, intval: 0 }
global @one_int: W_Int immutable = { super: { typeptr: @vtable_int:*ObjectVtable }, intval: 1 }
global @table: Table = { count: 2, entries: [{ key: @name_int, value: 1 }, { key: null, value: -2 }, zero] }
global @matrix: Matrix immutable = { rows: [[1.0, 0.0], [-0.0, 1e-300]] }
global @empty: Str immutable = { hash: 0, chars: "" }
global @escapes: Str immutable = { hash: -1, chars: "tab\tnewline\nquote\"backslash\\byte\xff#not a comment" }
global @chars: [Char; 3] = ['a', 'b', '\n']
global @ints: gc array(Signed) = [1, -2, 3]
global @nothing: Table = zero
global @no_entries: Table = { count: 0, entries: zero }
global @bytes: [Char; 4] = "ab\x00c"
global @no_ints: gc array(Signed) immutable = []
func new_int() -> *Object {
block0:
    v0: *W_Int = malloc()
    setfield(v0, .intval, 0)
    v1: *Object = cast_pointer(v0)
    setfield(v1, .typeptr, @vtable_int:*ObjectVtable)
    return v1
}
func add(*W_Int, *W_Int) -> *W_Int {
block0(a_0: *W_Int, b_1: *W_Int):
    v2: Signed = getfield(a_0, .intval)
    v3: Signed = getfield(b_1, .intval)
    v4: Signed = int_add(v2, v3)
    v5: *W_Int = malloc()
    setfield(v5, .intval, v4)
    return v5
}
