# Prebuilt globals: a string, a linked list of structs pointing to each
# other (in any order), a GC array, a struct holding a fixed-size array
# of structs, a matrix of nested fixed arrays, a zeroed global, a
# function pointer and a pointer to a child global seen as its parent.
# A mutable global keeps its value across calls.
# expect-stdout: prebuilt
# expect-stdout: 60
# expect-stdout: 3
# expect-stdout: 4
# expect-stdout: 4
# expect-stdout: 2
# expect-stdout: 0.5
# expect-stdout: 0
# expect-stdout: 3
# expect-stdout: 7
# expect-stdout: 1

struct Str gc { hash: Signed, chars: array(Char) }
struct Node gc { next: *Node, value: Signed }
struct Entry { key: *Str, value: Signed }
struct Table { count: Signed, entries: [Entry; 3], hook: *func(Signed) -> Signed }
struct Counter { calls: Signed }
struct Labeled gc { super: Node, label: *Str }

global @name: Str immutable = { hash: 0, chars: "prebuilt" }
global @first: Node = { next: @second, value: 10 }
global @third: Node = { next: null, value: 30 }
global @second: Node = { next: @third_labeled:*Node, value: 20 }
global @third_labeled: Labeled = { super: { next: null, value: 30 }, label: @name }
global @ints: gc array(Signed) immutable = [1, -2, -5]
global @table: Table = { count: 2, entries: [{ key: @name, value: 4 }, { key: null, value: 2 }, zero], hook: &seven }
global @matrix: [[Float; 2]; 2] immutable = [[1.0, 0.5], [-0.0, 2.0]]
global @counter: Counter = zero

func seven(Signed) -> Signed in "globals" at "globals.py:1" {
start(x: Signed):
    return 7
}

func sum_list(*Node) -> Signed in "globals" at "globals.py:4" {
start(n: *Node):
    goto loop(n, 0)
loop(p: *Node, acc: Signed):
    more: Bool = ptr_nonzero(p)
    if more then body(p, acc) else done(acc)
body(p1: *Node, acc1: Signed):
    v: Signed = getfield(p1, .value)
    acc2: Signed = int_add(acc1, v)
    nxt: *Node = getfield(p1, .next)
    goto loop(nxt, acc2)
done(total: Signed):
    return total
}

func bump() -> Signed in "globals" at "globals.py:14" {
start:
    c: Signed = getfield(@counter, .calls)
    c1: Signed = int_add(c, 1)
    setfield(@counter, .calls, c1)
    return c1
}

func main() -> Signed in "main" at "globals.py:20" {
start:
    n: Signed = getinteriorsize(@name, .chars)
    adr: Address = cast_ptr_to_adr(@name)
    items: Address = adr_add(adr, itemsoffset(Str))
    direct_call(&print_line, items, n)
    total: Signed = direct_call(&sum_list, @first)
    direct_call(&print_int, total)
    len: Signed = getarraysize(@ints)
    direct_call(&print_int, len)
    a: Signed = getarrayitem(@ints, 0)
    b: Signed = getarrayitem(@ints, 1)
    c: Signed = getarrayitem(@ints, 2)
    ab: Signed = int_add(a, b)
    abc: Signed = int_sub(ab, c)
    direct_call(&print_int, abc)
    v0: Signed = getinterior(@table, .entries, 0, .value)
    direct_call(&print_int, v0)
    v1: Signed = getinterior(@table, .entries, 1, .value)
    direct_call(&print_int, v1)
    half: Float = getinterior(@matrix, 0, 1)
    direct_call(&print_float, half)
    k2: *Str = getinterior(@table, .entries, 2, .key)
    null2: Bool = ptr_nonzero(k2)
    direct_call(&print_bool, null2)
    b1: Signed = direct_call(&bump)
    b2: Signed = direct_call(&bump)
    b3: Signed = direct_call(&bump)
    direct_call(&print_int, b3)
    hook: *func(Signed) -> Signed = getfield(@table, .hook)
    h: Signed = indirect_call(hook, 0)
    direct_call(&print_int, h)
    label: *Str = getfield(@third_labeled, .label)
    same: Bool = ptr_eq(label, @name)
    direct_call(&print_bool, same)
    return 0
}

entry main
