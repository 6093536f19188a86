# A stand-in collector (bump allocation, no collection) and a program: a
# linked list built in a loop, a pointer kept across an allocating call, a
# mutable prebuilt global pointing to collected objects (a static root),
# an immutable one (not a root), and a varsize allocation.
struct Node gc { value: Signed, next: *Node }
struct Holder { first: *Node, count: Signed }
struct Chars gc { hash: Signed, chars: array(Char) }
global @holder: Holder = { first: null, count: 0 }
global @fixed: Node immutable = { value: 1, next: null }
global @heap: Holder = { first: null, count: 0 }
func setup() -> Void {
block0:
    info: Address = gc_type_info_table()
    roots: Address = gc_static_roots()
    base: Address = gc_adr_of_root_stack_base()
    top: Address = gc_adr_of_root_stack_top()
    limit: Address = gc_adr_of_root_stack_limit()
    return void
}
func malloc_fixed(Signed, Signed) -> Address {
block0(typeid: Signed, size: Signed):
    p: Address = raw_malloc(size)
    return p
}
func malloc_varsize(Signed, Signed, Signed, Signed, Signed) -> Address {
block0(typeid: Signed, length: Signed, size: Signed, isize: Signed, lengthofs: Signed):
    n: Signed = int_mul(length, isize)
    total: Signed = int_add(size, n)
    p: Address = raw_malloc(total)
    raw_store(p, lengthofs, length)
    return p
}
func collect() -> Void {
block0:
    return void
}
func write_barrier(Address) -> Void {
block0(obj: Address):
    return void
}
func cons(Signed, *Node) -> *Node {
block0(v: Signed, rest: *Node):
    n: *Node = malloc()
    setfield(n, .value, v)
    setfield(n, .next, rest)
    return n
}
func build(Signed) -> *Node {
block0(count: Signed):
    goto block1(0, null:*Node, count)
block1(i: Signed, acc: *Node, c: Signed):
    more: Bool = int_lt(i, c)
    if more then block2(i, acc, c) else block3(acc)
block2(j: Signed, head: *Node, c2: Signed):
    first: *Node = direct_call(&cons, j, head)
    second: *Node = direct_call(&cons, j, first)
    same: Bool = ptr_eq(first, head)
    k: Signed = int_add(j, 1)
    goto block1(k, second, c2)
block3(result: *Node):
    setfield(@holder, .first, result)
    return result
}
func text(Signed) -> *Chars {
block0(n: Signed):
    s: *Chars = malloc_varsize(n)
    return s
}
func main() -> Signed {
block0:
    l: *Node = direct_call(&build, 10)
    s: *Chars = direct_call(&text, 5)
    v: Signed = getfield(l, .value)
    return v
}
entry main
