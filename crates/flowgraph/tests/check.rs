//! The invariant checker catches each kind of violation. Graphs are written
//! as text where the format can express the mistake, and patched through
//! the API otherwise.

mod common;

use common::*;
use flowgraph::{check_graph, parse_graph, ExitCase, ExitSwitch, Link, OpKind, TextConst, Var};

fn parse(text: &str) -> Graph {
    parse_graph(text, &TextConst::parse).unwrap_or_else(|e| panic!("{e}"))
}

/// The checker's messages for a graph, which must be invalid.
fn errors(graph: &Graph) -> Vec<String> {
    check_graph(graph).expect_err("the graph should be invalid")
}

const VALID: &str = "
graph f(x_0, y_0)
block0(x_0, y_0):
    v0 = lt(x_0, y_0)
    exitswitch v0
    False -> block1(x_0)
    True -> return(y_0)
block1(a_0):
    v1 = simple_call(g, a_0)
    exitswitch last_exception
    -> return(v1)
    catch ValueError as (etype_0, evalue_0) -> raise(etype_0, evalue_0)
";

#[test]
fn valid_graph_passes() {
    assert_eq!(check_graph(&parse(VALID)), Ok(()));
}

#[test]
fn use_before_definition() {
    let g = parse(
        "graph f(x_0)
block0(x_0):
    v0 = neg(x_0)
    -> return(v0)",
    );
    let mut g = g;
    let b0 = g.startblock;
    let later = g.push_op(b0, OpKind::Pos, vec![v(x(&g, 0))], None);
    g.blocks[b0].ops[0].args = vec![v(later)];
    assert_eq!(
        errors(&g),
        ["block0: op 0 (neg -> v4): uses v5 which is defined in block0, not before here"]
    );
}

fn x(g: &Graph, i: usize) -> Var {
    g.args[i]
}

#[test]
fn use_of_another_blocks_variable() {
    let g = parse(
        "graph f(x_0)
block0(x_0):
    v0 = neg(x_0)
    -> block1()
block1():
    v1 = pos(v0)
    -> return(v1)",
    );
    assert_eq!(
        errors(&g),
        ["block3: op 0 (pos -> v5): uses v4 which is defined in block0, not before here"]
    );
}

#[test]
fn variable_defined_twice() {
    let mut g = parse(
        "graph f(x_0)
block0(x_0):
    v0 = neg(x_0)
    -> block1(v0)
block1(y_0):
    v1 = pos(y_0)
    -> return(v1)",
    );
    let b1 = g.blocks[g.startblock].exits[0].target;
    let input = g.blocks[b1].inputs[0];
    let dup = g.blocks[g.startblock].ops[0].result;
    g.blocks[b1].inputs[0] = dup;
    g.blocks[b1].ops[0].args = vec![v(dup)];
    assert_eq!(errors(&g), ["v4 is defined in both block0 and block3"]);
    g.blocks[b1].inputs[0] = input;
    g.blocks[b1].ops[0].args = vec![v(input)];
    g.blocks[b1].ops[0].result = input;
    g.blocks[b1].exits[0].args = vec![v(input)];
    assert_eq!(errors(&g), ["v5 is defined twice in block3"]);
}

#[test]
fn link_arity_mismatch() {
    let g = parse(
        "graph f(x_0)
block0(x_0):
    -> block1(x_0, 1)
block1(a_0):
    -> return(a_0, a_0)",
    );
    assert_eq!(
        errors(&g),
        [
            "block0: exit 0: passes 2 arguments to block3 which has 1 inputs",
            "block3: exit 0: passes 2 arguments to block1 which has 1 inputs",
        ]
    );
}

#[test]
fn bool_switch_shapes() {
    let g = parse(
        "graph f(x_0)
block0(x_0):
    exitswitch x_0
    True -> return(x_0)
    False -> return(x_0)",
    );
    assert_eq!(
        errors(&g),
        ["block0: a boolean switch needs exits False then True"]
    );
    let mut g = parse(VALID);
    let stray = g.new_var(None);
    g.blocks[g.startblock].exitswitch = ExitSwitch::Value(stray);
    assert_eq!(
        errors(&g),
        ["block0: the exit switch v10 is not defined in this block"]
    );
}

#[test]
fn unswitched_exits() {
    let g = parse(
        "graph f(x_0)
block0(x_0):
    -> return(x_0)
    -> return(x_0)",
    );
    assert_eq!(errors(&g), ["block0: 2 exits without an exit switch"]);
    let g = parse(
        "graph f(x_0)
block0(x_0):
    True -> return(x_0)",
    );
    assert_eq!(errors(&g), ["block0: an unswitched exit has an exit case"]);
}

#[test]
fn last_exception_shapes() {
    let g = parse(
        "graph f(x_0)
block0(x_0):
    exitswitch last_exception
    -> return(x_0)
    catch ValueError -> return(x_0)",
    );
    assert_eq!(
        errors(&g),
        ["block0: switches on the last exception but has no operations"]
    );
    let g = parse(
        "graph f(x_0)
block0(x_0):
    v0 = is_(x_0, None)
    exitswitch last_exception
    -> return(v0)
    catch ValueError -> return(x_0)",
    );
    assert_eq!(
        errors(&g),
        ["block0: switches on the last exception but its last op is_ cannot raise"]
    );
    let g = parse(
        "graph f(x_0)
block0(x_0):
    v0 = len(x_0)
    exitswitch last_exception
    catch ValueError -> return(x_0)
    -> return(v0)",
    );
    assert_eq!(
        errors(&g),
        ["block0: a last-exception switch needs a normal exit then exception exits"]
    );
}

#[test]
fn exception_variables_on_a_normal_link() {
    let mut g = parse(VALID);
    let b0 = g.startblock;
    let bound = g.new_var(Some("etype"));
    g.blocks[b0].exits[1].last_exception = Some(bound);
    assert_eq!(
        errors(&g),
        ["block0: exit 1 binds exception variables but is not an exception exit"]
    );
}

#[test]
fn final_blocks_stay_empty() {
    let mut g = parse(VALID);
    let ret = g.returnblock;
    let r = g.blocks[ret].inputs[0];
    g.push_op(ret, OpKind::Neg, vec![v(r)], None);
    g.blocks[g.exceptblock].inputs.pop();
    assert_eq!(
        errors(&g),
        [
            "return block block1 has operations",
            "except block block2 has 1 inputs, expected 2",
            "block3: exit 1: passes 2 arguments to block2 which has 1 inputs",
        ]
    );
    let mut g = parse(VALID);
    let ret = g.returnblock;
    g.reclose_block(ret, ExitSwitch::None, vec![Link::new(ret, vec![int(1)])]);
    assert_eq!(errors(&g), ["return block block1 has exits"]);
}

#[test]
fn open_block() {
    let g = parse(
        "graph f(x_0)
block0(x_0):
    v0 = neg(x_0)",
    );
    assert_eq!(errors(&g), ["block0 has no exits"]);
}

#[test]
fn start_block_inputs_are_the_arguments() {
    let mut g = parse(VALID);
    g.args.pop();
    assert_eq!(
        errors(&g),
        ["start block block0 has inputs (v3, v4) but the graph args are (v3)"]
    );
    let mut g = parse(VALID);
    g.startblock = g.returnblock;
    assert!(errors(&g).contains(&"the start block is a return or except block".to_string()));
}

#[test]
fn operation_arity() {
    let g = parse(
        "graph f(x_0)
block0(x_0):
    v0 = add(x_0)
    v1 = newdict(x_0)
    v2 = call_args[1 a=](f, x_0)
    -> return(v0)",
    );
    assert_eq!(
        errors(&g),
        [
            "block0: op 0 (add -> v4): add takes 2 arguments, got 1",
            "block0: op 1 (newdict -> v5): newdict takes key/value pairs, got an odd count 1",
            "block0: op 2 (call_args -> v6): call_args takes 3 arguments, got 2",
        ]
    );
}

#[test]
fn ids_outside_the_arenas() {
    let mut g = parse(VALID);
    let b0 = g.startblock;
    let bogus_block = flowgraph::Block::from_u32(99);
    let bogus_var = Var::from_u32(99);
    g.blocks[b0].exits[0].target = bogus_block;
    g.blocks[b0].ops[0].args[0] = v(bogus_var);
    g.blocks[b0].exits[1].exitcase = ExitCase::Bool(true);
    assert_eq!(
        errors(&g),
        [
            "block0: op 0 (lt -> v5): v99 is not in the graph",
            "block0: exit 0: target block99 is not in the graph",
        ]
    );
}
