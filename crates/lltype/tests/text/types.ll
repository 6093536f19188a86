# Every type constructor. Structs may point to themselves and to structs
# defined after them; a struct inherits by embedding its parent first; a
# struct ending in an array is varsize.
struct Node gc { next: *Node, value: Signed, payload: *Payload }
struct Payload { bytes: [u8; 16], flags: u32, pair: [Pair; 2] }
struct Pair { left: i16, right: u16 }
struct Prims { b: Bool, s: Signed, u: Unsigned, i_8: i8, i_16: i16, i_32: i32, i_64: i64, u_8: u8, u_16: u16, u_32: u32, u_64: u64, f: Float, c: Char, uc: UniChar, a: Address }
struct Base gc { typeptr: *Vtable, hash: Signed }
struct Derived gc { super: Base, extra: Float }
struct Vtable { size: Signed, name: *array(Char), new: *func(Signed) -> *Base }
struct Str gc { hash: Signed, chars: array(Char) }
struct Header { tid: u16, flags: u16 }
struct Obj gc { hdr: Header, x: Signed }
struct Empty {}
struct EmptyGc gc {}
struct Grid { cells: [[Float; 3]; 3], rows: *gc array(*gc array(Float)) }
struct Raw { items: array(Pair) }
extern func fopen(*array(Char), *array(Char)) -> *opaque(FILE)
extern func fclose(*opaque(FILE)) -> Signed
func takes_everything(*Node, *gc array(*Node), *opaque(FILE), *func(Signed) -> *Base, *[Signed; 4], *Derived, *Str, *Raw, *Empty, *EmptyGc, *Grid, *Obj, *Prims) -> Void {
block0(v0: *Node, v1: *gc array(*Node), v2: *opaque(FILE), v3: *func(Signed) -> *Base, v4: *[Signed; 4], v5: *Derived, v6: *Str, v7: *Raw, v8: *Empty, v9: *EmptyGc, v10: *Grid, v11: *Obj, v12: *Prims):
    return void
}
