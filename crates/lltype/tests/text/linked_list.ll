# Allocation, fields, pointer casts along the inheritance chain, and
# operations whose Void result is unused (printed bare) or used (named).
struct Base gc { kind: Signed }
struct Node gc { super: Base, next: *Node, value: Signed }
func prepend(*Node, Signed) -> *Node {
block0(head_0: *Node, value_1: Signed):
    node_2: *Node = malloc()
    setfield(node_2, .next, head_0)
    setfield(node_2, .value, value_1)
    v3: *Base = cast_pointer(node_2)
    setfield(v3, .kind, 7)
    return node_2
}
func length(*Node) -> Signed in "list" at "list.py:3" {
block0(p_0: *Node):
    goto block1(p_0, 0)
block1(p_1: *Node, n_2: Signed):
    v3: Bool = ptr_nonzero(p_1)
    if v3 then block2(p_1, n_2) else block3(n_2)
block2(p_4: *Node, n_5: Signed):
    v6: *Node = getfield(p_4, .next)
    v7: Signed = int_add(n_5, 1)
    goto block1(v6, v7)
block3(n_8: Signed):
    return n_8
}
func touch(*Node) -> Void {
block0(p_0: *Node):
    v1: Void = setfield(p_0, .value, 0)
    keepalive(p_0)
    goto block1(v1)
block1(v2: Void):
    return v2
}
func same(*Node, *Base) -> Bool {
block0(a_0: *Node, b_1: *Base):
    v2: *Base = cast_pointer(a_0)
    v3: Bool = ptr_eq(v2, b_1)
    return v3
}
