//! Graphs built by hand through the construction API, the way the flow
//! space builds them, snapshotted before and after `simplify_graph`.

mod common;

use common::*;
use flowgraph::{
    graph_to_dot, CallShape, ExitCase, ExitSwitch, FlowGraph, Link, OpKind, Operand, TextConst,
};

fn bool_exits(f: Link<TextConst>, t: Link<TextConst>) -> Vec<Link<TextConst>> {
    let mut f = f;
    let mut t = t;
    f.exitcase = ExitCase::Bool(false);
    t.exitcase = ExitCase::Bool(true);
    vec![f, t]
}

/// `if x < y: r = x else: r = y; return r`
fn if_else() -> Graph {
    let mut g: Graph = FlowGraph::new("f", ["x", "y"]);
    let (x, y) = (g.args[0], g.args[1]);
    let b0 = g.startblock;
    let c = g.push_op(b0, OpKind::Lt, vec![v(x), v(y)], loc(10, 15));
    let (x1, y1) = (g.copy_var(x), g.copy_var(y));
    let then = g.new_block(vec![x1, y1]);
    let (x2, y2) = (g.copy_var(x), g.copy_var(y));
    let other = g.new_block(vec![x2, y2]);
    let r = g.new_var(Some("r"));
    let join = g.new_block(vec![r]);
    g.close_block(
        b0,
        ExitSwitch::Value(c),
        bool_exits(
            Link::new(other, vec![v(x), v(y)]),
            Link::new(then, vec![v(x), v(y)]),
        ),
    );
    g.close_block(then, ExitSwitch::None, vec![Link::new(join, vec![v(x1)])]);
    g.close_block(other, ExitSwitch::None, vec![Link::new(join, vec![v(y2)])]);
    g.close_block(
        join,
        ExitSwitch::None,
        vec![Link::new(g.returnblock, vec![v(r)])],
    );
    g
}

#[test]
fn simplify_if_else() {
    insta::assert_snapshot!(before_and_after(if_else()));
}

/// `i = 0; s = 0; while i < n: s = s + i; i = i + 1; return s`
fn while_loop() -> Graph {
    let mut g: Graph = FlowGraph::new("sum_below", ["n"]);
    let n = g.args[0];
    let b0 = g.startblock;
    let (n1, i1, s1) = (g.copy_var(n), g.new_var(Some("i")), g.new_var(Some("s")));
    let head = g.new_block(vec![n1, i1, s1]);
    let (n2, i2, s2) = (g.copy_var(n), g.copy_var(i1), g.copy_var(s1));
    let body = g.new_block(vec![n2, i2, s2]);
    let (s3, n3, i3) = (g.copy_var(s1), g.copy_var(n), g.copy_var(i1));
    let exit = g.new_block(vec![s3, n3, i3]);
    g.close_block(
        b0,
        ExitSwitch::None,
        vec![Link::new(head, vec![v(n), int(0), int(0)])],
    );
    let c = g.push_op(head, OpKind::Lt, vec![v(i1), v(n1)], loc(30, 35));
    g.close_block(
        head,
        ExitSwitch::Value(c),
        bool_exits(
            Link::new(exit, vec![v(s1), v(n1), v(i1)]),
            Link::new(body, vec![v(n1), v(i1), v(s1)]),
        ),
    );
    let s4 = g.push_op(body, OpKind::Add, vec![v(s2), v(i2)], loc(40, 45));
    let i4 = g.push_op(body, OpKind::InplaceAdd, vec![v(i2), int(1)], loc(50, 56));
    g.close_block(
        body,
        ExitSwitch::None,
        vec![Link::new(head, vec![v(n2), v(i4), v(s4)])],
    );
    g.close_block(
        exit,
        ExitSwitch::None,
        vec![Link::new(g.returnblock, vec![v(s3)])],
    );
    g
}

#[test]
fn simplify_while_loop() {
    insta::assert_snapshot!(before_and_after(while_loop()));
}

/// `try: return g(x) except ValueError as e: return h(e)`
fn try_except() -> Graph {
    let mut g: Graph = FlowGraph::new("f", ["x"]);
    let x = g.args[0];
    let b0 = g.startblock;
    let r = g.push_op(b0, OpKind::SimpleCall, vec![global("g"), v(x)], loc(8, 12));
    let r1 = g.new_var(None);
    let normal = g.new_block(vec![r1]);
    let e = g.new_var(Some("e"));
    let handler = g.new_block(vec![e]);
    let (et, ev) = (g.new_var(Some("etype")), g.new_var(Some("evalue")));
    let (et2, ev2) = (g.new_var(Some("etype")), g.new_var(Some("evalue")));
    g.close_block(
        b0,
        ExitSwitch::LastException,
        vec![
            Link::new(normal, vec![v(r)]),
            Link::catch(handler, vec![v(ev)], name("ValueError"), Some(et), Some(ev)),
            Link::catch(
                g.exceptblock,
                vec![v(et2), v(ev2)],
                name("Exception"),
                Some(et2),
                Some(ev2),
            ),
        ],
    );
    g.close_block(
        normal,
        ExitSwitch::None,
        vec![Link::new(g.returnblock, vec![v(r1)])],
    );
    let r2 = g.push_op(
        handler,
        OpKind::SimpleCall,
        vec![global("h"), v(e)],
        loc(40, 44),
    );
    g.close_block(
        handler,
        ExitSwitch::None,
        vec![Link::new(g.returnblock, vec![v(r2)])],
    );
    g
}

#[test]
fn simplify_try_except() {
    insta::assert_snapshot!(before_and_after(try_except()));
}

/// A live chain plus a dead block that still links into it.
#[test]
fn simplify_drops_unreachable_blocks() {
    let mut g: Graph = FlowGraph::new("f", ["x"]);
    let x = g.args[0];
    let b0 = g.startblock;
    let a = g.push_op(b0, OpKind::Neg, vec![v(x)], None);
    let a1 = g.copy_var(a);
    let b1 = g.new_block(vec![a1]);
    g.close_block(b0, ExitSwitch::None, vec![Link::new(b1, vec![v(a)])]);
    let b = g.push_op(b1, OpKind::Pos, vec![v(a1)], None);
    g.close_block(
        b1,
        ExitSwitch::None,
        vec![Link::new(g.returnblock, vec![v(b)])],
    );
    let z = g.new_var(Some("z"));
    let dead = g.new_block(vec![z]);
    let z2 = g.push_op(dead, OpKind::Abs, vec![v(z)], None);
    g.close_block(dead, ExitSwitch::None, vec![Link::new(b1, vec![v(z2)])]);
    let snapshot = before_and_after(g.clone());
    insta::assert_snapshot!(snapshot);
    flowgraph::simplify_graph(&mut g);
    assert!(g.blocks[dead].ops.is_empty() && g.blocks[dead].exits.is_empty());
}

/// `b0 -> b1 -> b2 -> b3`, each forwarding block permuting its arguments.
#[test]
fn simplify_forwarding_chain() {
    let mut g: Graph = FlowGraph::new("f", ["a", "b"]);
    let (a, b) = (g.args[0], g.args[1]);
    let vars = |g: &mut Graph, names: &[&str]| -> Vec<_> {
        names.iter().map(|n| g.new_var(Some(n))).collect()
    };
    let p = vars(&mut g, &["p", "q", "k"]);
    let b1 = g.new_block(p.clone());
    let m = vars(&mut g, &["m", "n"]);
    let b2 = g.new_block(m.clone());
    let s = vars(&mut g, &["s", "t"]);
    let b3 = g.new_block(s.clone());
    g.close_block(
        g.startblock,
        ExitSwitch::None,
        vec![Link::new(b1, vec![v(b), v(a), int(1)])],
    );
    g.close_block(
        b1,
        ExitSwitch::None,
        vec![Link::new(b2, vec![v(p[2]), v(p[0])])],
    );
    g.close_block(
        b2,
        ExitSwitch::None,
        vec![Link::new(b3, vec![v(m[1]), v(m[0])])],
    );
    let u = g.push_op(b3, OpKind::Sub, vec![v(s[0]), v(s[1])], None);
    g.close_block(
        b3,
        ExitSwitch::None,
        vec![Link::new(g.returnblock, vec![v(u)])],
    );
    insta::assert_snapshot!(before_and_after(g));
}

/// Copies are renamed away, except one feeding a switch with a constant.
#[test]
fn simplify_same_as() {
    let mut g: Graph = FlowGraph::new("f", ["x"]);
    let x = g.args[0];
    let b0 = g.startblock;
    let y = g.push_op(b0, OpKind::SameAs, vec![v(x)], None);
    let z = g.push_op(b0, OpKind::Add, vec![v(y), v(y)], None);
    let w = g.push_op(b0, OpKind::SameAs, vec![int(2)], None);
    let t = g.push_op(b0, OpKind::Mul, vec![v(z), v(w)], None);
    let k = g.push_op(
        b0,
        OpKind::SameAs,
        vec![Operand::Const(TextConst::Bool(true))],
        None,
    );
    g.close_block(
        b0,
        ExitSwitch::Value(k),
        bool_exits(
            Link::new(g.returnblock, vec![int(0)]),
            Link::new(g.returnblock, vec![v(t)]),
        ),
    );
    insta::assert_snapshot!(before_and_after(g));
}

/// A straight line of blocks, each the only successor of the previous one.
#[test]
fn simplify_joins_straight_line() {
    let mut g: Graph = FlowGraph::new("f", ["x"]);
    let x = g.args[0];
    let b0 = g.startblock;
    let a = g.push_op(b0, OpKind::Neg, vec![v(x)], loc(1, 2));
    let (a1, x1) = (g.new_var(None), g.copy_var(x));
    let b1 = g.new_block(vec![a1, x1]);
    g.close_block(b0, ExitSwitch::None, vec![Link::new(b1, vec![v(a), v(x)])]);
    let b = g.push_op(b1, OpKind::Add, vec![v(a1), v(x1)], loc(3, 4));
    let b_in = g.new_var(None);
    let b2 = g.new_block(vec![b_in]);
    g.close_block(b1, ExitSwitch::None, vec![Link::new(b2, vec![v(b)])]);
    let c = g.push_op(b2, OpKind::Invert, vec![v(b_in)], loc(5, 6));
    g.close_block(
        b2,
        ExitSwitch::None,
        vec![Link::new(g.returnblock, vec![v(c)])],
    );
    insta::assert_snapshot!(before_and_after(g));
}

/// A loop that carries a variable it never uses.
#[test]
fn simplify_removes_dead_inputs() {
    let mut g: Graph = FlowGraph::new("count", ["n", "unused"]);
    let (n, u) = (g.args[0], g.args[1]);
    let (n1, u1, i1) = (g.copy_var(n), g.copy_var(u), g.new_var(Some("i")));
    let head = g.new_block(vec![n1, u1, i1]);
    let (n2, u2, i2) = (g.copy_var(n), g.copy_var(u), g.copy_var(i1));
    let body = g.new_block(vec![n2, u2, i2]);
    g.close_block(
        g.startblock,
        ExitSwitch::None,
        vec![Link::new(head, vec![v(n), v(u), int(0)])],
    );
    let c = g.push_op(head, OpKind::Lt, vec![v(i1), v(n1)], None);
    g.close_block(
        head,
        ExitSwitch::Value(c),
        bool_exits(
            Link::new(g.returnblock, vec![v(i1)]),
            Link::new(body, vec![v(n1), v(u1), v(i1)]),
        ),
    );
    let i3 = g.push_op(body, OpKind::Add, vec![v(i2), int(1)], None);
    g.close_block(
        body,
        ExitSwitch::None,
        vec![Link::new(head, vec![v(n2), v(u2), v(i3)])],
    );
    insta::assert_snapshot!(before_and_after(g));
}

/// `total = 0; for x in xs: total = total + x; return total`
fn for_loop() -> Graph {
    let mut g: Graph = FlowGraph::new("total", ["xs"]);
    let xs = g.args[0];
    let it = g.push_op(g.startblock, OpKind::Iter, vec![v(xs)], loc(20, 22));
    let (it1, t1) = (g.new_var(Some("it")), g.new_var(Some("total")));
    let head = g.new_block(vec![it1, t1]);
    g.close_block(
        g.startblock,
        ExitSwitch::None,
        vec![Link::new(head, vec![v(it), int(0)])],
    );
    let x = g.push_op(head, OpKind::Next, vec![v(it1)], loc(20, 22));
    let (it2, t2, x2) = (g.copy_var(it1), g.copy_var(t1), g.new_var(Some("x")));
    let body = g.new_block(vec![it2, t2, x2]);
    let t3 = g.copy_var(t1);
    let done = g.new_block(vec![t3]);
    g.close_block(
        head,
        ExitSwitch::LastException,
        vec![
            Link::new(body, vec![v(it1), v(t1), v(x)]),
            Link::catch(done, vec![v(t1)], name("StopIteration"), None, None),
        ],
    );
    let t4 = g.push_op(body, OpKind::Add, vec![v(t2), v(x2)], loc(30, 39));
    g.close_block(
        body,
        ExitSwitch::None,
        vec![Link::new(head, vec![v(it2), v(t4)])],
    );
    g.close_block(
        done,
        ExitSwitch::None,
        vec![Link::new(g.returnblock, vec![v(t3)])],
    );
    g
}

#[test]
fn simplify_for_loop() {
    insta::assert_snapshot!(before_and_after(for_loop()));
}

/// Operations of every shape, with positions.
#[test]
fn simplify_keeps_assorted_operations() {
    let mut g: Graph = FlowGraph::new("assorted", ["obj", "k"]);
    let (obj, k) = (g.args[0], g.args[1]);
    let b0 = g.startblock;
    let attr = g.push_op(
        b0,
        OpKind::GetAttr,
        vec![v(obj), Operand::Const(TextConst::Str("items".into()))],
        loc(0, 9),
    );
    let d = g.push_op(
        b0,
        OpKind::NewDict,
        vec![v(k), int(1), int(2), v(attr)],
        loc(10, 20),
    );
    let l = g.push_op(b0, OpKind::NewList, vec![], loc(21, 23));
    g.push_op(b0, OpKind::ListAppend, vec![v(l), v(d)], loc(24, 30));
    g.push_op(
        b0,
        OpKind::SetItem,
        vec![v(d), v(k), Operand::Const(TextConst::None)],
        loc(31, 40),
    );
    let shape = CallShape {
        npos: 1,
        keywords: vec!["key".into()],
        star: true,
        starstar: false,
    };
    let r = g.push_op(
        b0,
        OpKind::CallArgs(shape),
        vec![global("sorted"), v(l), v(k), v(attr)],
        loc(41, 60),
    );
    let f = g.push_op(
        b0,
        OpKind::Format,
        vec![v(r), Operand::Const(TextConst::Str(">10".into()))],
        loc(61, 70),
    );
    let s = g.push_op(
        b0,
        OpKind::BuildStr,
        vec![Operand::Const(TextConst::Str("it's: ".into())), v(f)],
        loc(61, 70),
    );
    let h = g.push_op(
        b0,
        OpKind::Hint,
        vec![v(s), Operand::Const(TextConst::Str("promote".into()))],
        None,
    );
    let (_, ev) = (None::<()>, g.new_var(Some("err")));
    g.close_block(
        b0,
        ExitSwitch::LastException,
        vec![
            Link::new(g.returnblock, vec![v(h)]),
            Link::catch(
                g.exceptblock,
                vec![global("TypeError"), v(ev)],
                name("TypeError"),
                None,
                Some(ev),
            ),
        ],
    );
    // `hint` cannot raise, so end the block with a call instead.
    let last = g.blocks[b0].ops.pop().expect("hint");
    g.blocks[b0].ops.push(flowgraph::Operation {
        kind: OpKind::SimpleCall,
        args: vec![global("promote"), v(s)],
        ..last
    });
    insta::assert_snapshot!(before_and_after(g));
}

/// A switch on a constant blocks joining; an empty self-loop is left alone.
#[test]
fn simplify_leaves_constant_switch_and_empty_loop() {
    let mut g: Graph = FlowGraph::new("f", ["x"]);
    let x = g.args[0];
    let (x1, flag) = (g.copy_var(x), g.new_var(Some("flag")));
    let b1 = g.new_block(vec![x1, flag]);
    g.close_block(
        g.startblock,
        ExitSwitch::None,
        vec![Link::new(
            b1,
            vec![v(x), Operand::Const(TextConst::Bool(true))],
        )],
    );
    let x2 = g.copy_var(x);
    let spin = g.new_block(vec![x2]);
    g.close_block(
        b1,
        ExitSwitch::Value(flag),
        bool_exits(
            Link::new(g.returnblock, vec![v(x1)]),
            Link::new(spin, vec![v(x1)]),
        ),
    );
    g.close_block(spin, ExitSwitch::None, vec![Link::new(spin, vec![v(x2)])]);
    insta::assert_snapshot!(before_and_after(g));
}

/// A forwarding block entered by an exception link that passes the caught
/// exception value.
#[test]
fn simplify_forwarding_after_exception_link() {
    let mut g: Graph = FlowGraph::new("f", ["x"]);
    let x = g.args[0];
    let b0 = g.startblock;
    let r = g.push_op(b0, OpKind::SimpleCall, vec![global("g"), v(x)], None);
    let (e1, x1) = (g.new_var(Some("e")), g.copy_var(x));
    let fwd = g.new_block(vec![e1, x1]);
    let (x2, e2) = (g.copy_var(x), g.new_var(Some("e")));
    let handler = g.new_block(vec![x2, e2]);
    let (et, ev) = (g.new_var(Some("etype")), g.new_var(Some("evalue")));
    g.close_block(
        b0,
        ExitSwitch::LastException,
        vec![
            Link::new(g.returnblock, vec![v(r)]),
            Link::catch(
                fwd,
                vec![v(ev), v(x)],
                name("ValueError"),
                Some(et),
                Some(ev),
            ),
        ],
    );
    g.close_block(
        fwd,
        ExitSwitch::None,
        vec![Link::new(handler, vec![v(x1), v(e1)])],
    );
    let r2 = g.push_op(
        handler,
        OpKind::SimpleCall,
        vec![global("h"), v(x2), v(e2)],
        None,
    );
    g.close_block(
        handler,
        ExitSwitch::None,
        vec![Link::new(g.returnblock, vec![v(r2)])],
    );
    insta::assert_snapshot!(before_and_after(g));
}

#[test]
fn dot_export() {
    let mut g = try_except();
    flowgraph::simplify_graph(&mut g);
    insta::assert_snapshot!(graph_to_dot(&g, &TextConst::print));
}

/// Unused operations are removed when pure and unable to raise, kept
/// otherwise.
#[test]
fn simplify_removes_dead_operations() {
    let mut g: Graph = FlowGraph::new("f", ["x", "y"]);
    let (x, y) = (g.args[0], g.args[1]);
    let b0 = g.startblock;
    let t = g.push_op(b0, OpKind::NewTuple, vec![v(x), v(y)], None);
    let c = g.push_op(
        b0,
        OpKind::Is,
        vec![v(t), Operand::Const(TextConst::None)],
        None,
    );
    g.push_op(b0, OpKind::Add, vec![v(x), v(y)], None);
    let l = g.push_op(b0, OpKind::NewList, vec![], None);
    g.push_op(b0, OpKind::ListAppend, vec![v(l), v(x)], None);
    let (x1, c1, t1) = (g.copy_var(x), g.new_var(Some("c")), g.new_var(Some("t")));
    let b1 = g.new_block(vec![x1, c1, t1]);
    g.close_block(
        b0,
        ExitSwitch::None,
        vec![Link::new(b1, vec![v(x), v(c), v(t)])],
    );
    let (x2, t2) = (g.copy_var(x), g.copy_var(t1));
    let b2 = g.new_block(vec![x2, t2]);
    g.close_block(
        b1,
        ExitSwitch::None,
        vec![Link::new(b2, vec![v(x1), v(t1)])],
    );
    let n = g.push_op(b2, OpKind::Len, vec![v(t2)], None);
    let s = g.push_op(b2, OpKind::Type, vec![v(n)], None);
    let _ = s;
    g.close_block(
        b2,
        ExitSwitch::None,
        vec![Link::new(g.returnblock, vec![v(x2)])],
    );
    insta::assert_snapshot!(before_and_after(g));
}
