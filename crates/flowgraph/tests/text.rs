//! The text format: parsing what the printer writes, and the errors of
//! malformed dumps.

mod common;

use common::*;
use flowgraph::{parse_graph, simplify_graph, ExitCase, ExitSwitch, OpKind, Operand, TextConst};

fn parse(text: &str) -> Result<Graph, String> {
    parse_graph(text, &TextConst::parse).map_err(|e| e.to_string())
}

const EVERYTHING: &str = "\
graph everything(x_0, items_0)
block0(x_0, items_0):
    v0 = call_args[1 key= * **](sorted, items_0, len, x_0, x_0)
    v1 = getattr(v0, 'append')
    v2 = newtuple()
    v3 = simple_call(v1, -3, None, True, os.path.join)
    exitswitch last_exception
    -> block1(v3, x_0)
    catch KeyError as (_, err_0) -> block2(err_0)
    catch Exception as (etype_0, evalue_0) -> raise(etype_0, evalue_0)
block1(v4, x_1):
    v5 = is_true(v4)
    exitswitch v5
    False -> block1(x_1, x_1)
    True -> return('done\\n')
block2(e_0):
    -> raise(KeyError, e_0)
";

#[test]
fn dump_round_trips() {
    let g = parse(EVERYTHING).expect("parses");
    assert_valid(&g);
    assert_eq!(dump(&g), EVERYTHING);
    let b0 = &g.blocks[g.startblock];
    assert_eq!(b0.exitswitch, ExitSwitch::LastException);
    assert!(matches!(&b0.ops[0].kind, OpKind::CallArgs(shape) if shape.star && shape.starstar));
    assert_eq!(b0.ops[3].args[1], Operand::Const(TextConst::Int(-3)));
    assert_eq!(b0.exits[1].exitcase, ExitCase::Exception(name("KeyError")));
    assert_eq!(b0.exits[1].last_exception, None);
    assert_eq!(g.vars[g.args[1]].name.as_deref(), Some("items"));
}

#[test]
fn comments_and_positions_are_ignored() {
    let g = parse(
        "# a hand-written graph
graph f(x_0)

block0(x_0):
    v0 = neg(x_0)        # prog.py:1:5
    -> return(v0)
",
    )
    .expect("parses");
    assert_valid(&g);
    assert_eq!(g.blocks[g.startblock].ops[0].loc, None);
}

/// Passes can be tested from text: the flow-space-like graph of a `while`
/// loop, simplified.
#[test]
fn simplify_from_text() {
    let mut g = parse(
        "graph f(n_0)
block0(n_0):
    -> block1(n_0, 0)
block1(n_1, i_0):
    v0 = lt(i_0, n_1)
    exitswitch v0
    False -> block3(i_0)
    True -> block2(n_1, i_0)
block2(n_2, i_1):
    v1 = add(i_1, 1)
    -> block4(n_2, v1)
block4(n_3, i_2):
    -> block1(n_3, i_2)
block3(r_0):
    -> return(r_0)
",
    )
    .expect("parses");
    assert_valid(&g);
    simplify_graph(&mut g);
    assert_valid(&g);
    assert_eq!(
        dump(&g),
        "graph f(n_0)
block0(n_0):
    -> block1(n_0, 0)
block1(n_1, i_0):
    v0 = lt(i_0, n_1)
    exitswitch v0
    False -> return(i_0)
    True -> block2(n_1, i_0)
block2(n_2, i_1):
    v1 = add(i_1, 1)
    -> block1(n_2, v1)
"
    );
}

#[test]
fn parse_errors() {
    let cases = [
        ("", "line 1: expected `graph NAME(ARGS)`"),
        ("graph f(x_0)", "line 1: the graph has no blocks"),
        ("graph f x", "line 1: expected `(` after the graph name"),
        (
            "graph f(x_0)\nblock0(y_0):\n    -> return(y_0)",
            "line 2: the start block's inputs must be the graph's arguments",
        ),
        (
            "graph f(x_0)\nblock0(x_0):\n    v0 = frobnicate(x_0)",
            "line 3: unknown operation `frobnicate`",
        ),
        (
            "graph f(x_0)\nblock0(x_0):\n    v0 = call_args[x](x_0)",
            "line 3: bad call shape",
        ),
        (
            "graph f(x_0)\nblock0(x_0):\n    x_0 = neg(x_0)",
            "line 3: variable `x_0` is defined twice",
        ),
        (
            "graph f(x_0)\nblock0(x_0):\n    -> block7(x_0)",
            "line 3: block `block7` is used but never defined",
        ),
        (
            "graph f(x_0)\nblock0(x_0):\n    return(x_0)",
            "line 3: expected `=` after the result variable",
        ),
        (
            "graph f(x_0)\nblock0(x_0):\n    -> return(x_0\n",
            "line 3: expected `,` or `)` after an operand",
        ),
        (
            "graph f(x_0)\nblock0(x_0):\n    -> return(@)",
            "line 3: expected an operand at `@)`",
        ),
        (
            "graph f(x_0)\nblock0(x_0):\n    exitswitch y_0",
            "line 3: unknown variable `y_0`",
        ),
        (
            "graph f(x_0)\n    -> return(x_0)",
            "line 2: an indented line comes before any block",
        ),
        (
            "graph f(x_0)\nblock0(x_0):\n    -> block1(x_0)\nblock1(a_0):\n    -> return(a_0)\nblock1(b_0):",
            "line 6: block `block1` is defined twice",
        ),
        (
            "graph f(x_0)\nblock0(x_0):\n    -> return(x_0)\nreturn(r_0):",
            "line 4: `return` is reserved for the return and except blocks",
        ),
        (
            "graph f(x_0)\nblock0(x_0):\n    v0 = neg(x_0) junk",
            "line 3: unexpected `junk` after the operation",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(parse(text).err().as_deref(), Some(expected), "for {text:?}");
    }
}

/// Notes (such as annotations) and positions go in comments, so an
/// annotated dump still parses to the same graph.
#[test]
fn notes_are_comments() {
    let mut g = parse(EVERYTHING).expect("parses");
    let start = g.startblock;
    g.blocks[start].ops[1].loc = loc(3, 9);
    let note = |var: flowgraph::Var| {
        (!var.as_u32().is_multiple_of(3)).then(|| format!("note{}", var.as_u32()))
    };
    let options = flowgraph::PrintOptions {
        konst: &TextConst::print,
        loc: Some(&render_loc),
        note: Some(&note),
    };
    let annotated = flowgraph::print_graph_with(&g, &options);
    insta::assert_snapshot!(annotated);
    let reparsed = parse(&annotated).expect("parses");
    assert_eq!(dump(&reparsed), EVERYTHING);
}
