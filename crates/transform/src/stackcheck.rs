//! Stack-overflow checks, only where recursion can happen.
//!
//! A translated program must turn unbounded recursion into a catchable
//! `RecursionError`, as CPython does, without paying for a check in every
//! call. Only a function on a cycle of the call graph can make the stack
//! grow without bound, so only those get a check at their start: compare
//! an address inside the current frame with the lowest address the stack
//! may reach, and call the rtyper's slow-path function (which raises
//! `RecursionError`) when it is below. The limit is read once, at the
//! start of the entry function, from the `rpy_stack_limit` external. The
//! stack grows downwards on every target that runs this pass.
//!
//! Indirect calls may reach any function whose address is taken, so the
//! call graph has an edge from each function with an indirect call to each
//! such function. The pass runs before the exception transform, which then
//! treats the slow-path call like any call that may raise.

use std::collections::HashMap;

use lltype::{
    Body, ConstValue, Constant, Exit, Field, FuncId, Function, Global, GlobalId, Init, Link, LlOp,
    Module, Operand,
};

use crate::split::split_block;

/// The name of the global holding the stack limit.
pub const STACK_DATA: &str = "rpy_stack";

/// A second stack bounded by the same checks: the collector's shadow
/// stack, a global struct whose `top` must not pass its `limit` (both
/// addresses; the stack grows upwards).
#[derive(Clone, Copy, Debug)]
pub struct ShadowStack {
    /// The global holding `top` and `limit`.
    pub global: GlobalId,
}

/// Inserts stack checks in the functions on recursive cycles; `slow_path`
/// is a function taking nothing that raises `RecursionError`. With a
/// shadow stack, passing its limit raises too. Returns the functions that
/// got a check.
pub fn insert_stack_checks(
    m: &mut Module,
    slow_path: FuncId,
    shadow: Option<ShadowStack>,
) -> Vec<FuncId> {
    let recursive = recursive_functions(m);
    let Some(entry) = m.entry else {
        return Vec::new();
    };
    let address = m.types.address();
    let data_ty = m
        .types
        .declare_struct("rpy_StackData", false)
        .expect("the pass runs once");
    m.types
        .define_struct(
            data_ty,
            vec![Field {
                name: "limit".into(),
                ty: address,
            }],
        )
        .expect("an address field");
    let data = m
        .add_global(Global {
            name: STACK_DATA.into(),
            ty: data_ty,
            init: Init::Zero,
            immutable: false,
        })
        .expect("the pass runs once");
    let data = Constant::new(
        ConstValue::Global(data),
        m.types.ptr(data_ty).expect("struct"),
    );
    let limit_fn = match m.function_named("rpy_stack_limit") {
        Some(f) => f,
        None => {
            let ty = m.types.func(Vec::new(), address);
            m.add_function(Function {
                name: "rpy_stack_limit".into(),
                ty,
                body: Body::External,
                unit: String::new(),
                origin: None,
                inline: lltype::Inline::Auto,
            })
            .expect("checked above")
        }
    };
    let void = m.types.void();
    let bool_ty = m.types.bool();
    let limit_name = Operand::Const(Constant::new(ConstValue::Name("limit".into()), void));
    let limit_ptr = m.types.ptr(m.functions[limit_fn].ty).expect("function");
    let slow_ptr = m.types.ptr(m.functions[slow_path].ty).expect("function");
    let slow_result = m.signature(slow_path).1;
    let signed = m.types.signed();
    let shadow = shadow.map(|s| {
        let ptr = m.types.ptr(m.globals[s.global].ty).expect("a struct");
        Operand::Const(Constant::new(ConstValue::Global(s.global), ptr))
    });
    let name = |n: &str| Operand::Const(Constant::new(ConstValue::Name(n.into()), void));

    // The entry function reads the limit first.
    if let Body::Graph(g) = &mut m.functions[entry].body {
        let start = g.entry;
        let old_ops = std::mem::take(&mut g.blocks[start].ops);
        let limit = g.push_op(
            start,
            LlOp::DirectCall,
            vec![Operand::Const(Constant::new(
                ConstValue::Func(limit_fn),
                limit_ptr,
            ))],
            address,
        );
        g.push_op(
            start,
            LlOp::SetField,
            vec![
                Operand::Const(data.clone()),
                limit_name.clone(),
                limit.into(),
            ],
            void,
        );
        g.blocks[start].ops.extend(old_ops);
    }

    let mut checked = Vec::new();
    for f in recursive {
        if f == slow_path {
            continue;
        }
        let Body::Graph(g) = &mut m.functions[f].body else {
            continue;
        };
        // The check goes first; the old entry block's body moves to a
        // block after it.
        let start = g.entry;
        let old_ops = std::mem::take(&mut g.blocks[start].ops);
        let here = g.push_op(start, LlOp::StackCurrent, Vec::new(), address);
        let limit = g.push_op(
            start,
            LlOp::GetField,
            vec![Operand::Const(data.clone()), limit_name.clone()],
            address,
        );
        let mut below = g.push_op(start, LlOp::AdrLt, vec![here.into(), limit.into()], bool_ty);
        if let Some(stack) = &shadow {
            let top = g.push_op(
                start,
                LlOp::GetField,
                vec![stack.clone(), name("top")],
                address,
            );
            let end = g.push_op(
                start,
                LlOp::GetField,
                vec![stack.clone(), name("limit")],
                address,
            );
            let over = g.push_op(start, LlOp::AdrGt, vec![top.into(), end.into()], bool_ty);
            let a = g.push_op(start, LlOp::CastPrimitive, vec![below.into()], signed);
            let b = g.push_op(start, LlOp::CastPrimitive, vec![over.into()], signed);
            let either = g.push_op(start, LlOp::IntOr, vec![a.into(), b.into()], signed);
            below = g.push_op(start, LlOp::IntIsTrue, vec![either.into()], bool_ty);
        }
        let check_end = g.blocks[start].ops.len() - 1;
        g.blocks[start].ops.extend(old_ops);
        let body = split_block(g, start, check_end);
        let Exit::Goto(to_body) = std::mem::replace(&mut g.blocks[start].exit, Exit::Unreachable)
        else {
            unreachable!("split_block ends in goto")
        };
        // The slow path receives what the body needs, calls the function
        // that raises RecursionError (the exception transform adds the
        // test after it), and would carry on into the body if it returned.
        let carried: Vec<_> = to_body.args.iter().map(|a| g.operand_type(a)).collect();
        let slow = g.new_block(&carried);
        g.push_op(
            slow,
            LlOp::DirectCall,
            vec![Operand::Const(Constant::new(
                ConstValue::Func(slow_path),
                slow_ptr,
            ))],
            slow_result,
        );
        let slow_params = g.blocks[slow].params.clone();
        g.blocks[slow].exit = Exit::Goto(Link {
            target: body,
            args: slow_params.iter().map(|p| Operand::Var(*p)).collect(),
        });
        g.blocks[start].exit = Exit::Branch {
            cond: below.into(),
            if_true: Link {
                target: slow,
                args: to_body.args.clone(),
            },
            if_false: to_body,
        };
        checked.push(f);
    }
    checked
}

/// The functions on a cycle of the call graph (a strongly connected
/// component with more than one function, or a function calling itself).
pub fn recursive_functions(m: &Module) -> Vec<FuncId> {
    let ids: Vec<FuncId> = m.functions.keys().collect();
    let index: HashMap<FuncId, usize> = ids.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let mut address_taken = Vec::new();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    let mut indirect = vec![false; ids.len()];
    for (i, &f) in ids.iter().enumerate() {
        let Body::Graph(g) = &m.functions[f].body else {
            continue;
        };
        for b in g.reachable_blocks() {
            let data = &g.blocks[b];
            for op in &data.ops {
                if op.op == LlOp::IndirectCall {
                    indirect[i] = true;
                }
                for (k, a) in op.args.iter().enumerate() {
                    if let Some(Constant {
                        value: ConstValue::Func(callee),
                        ..
                    }) = a.as_const()
                    {
                        if op.op == LlOp::DirectCall && k == 0 {
                            edges[i].push(index[callee]);
                        } else {
                            address_taken.push(index[callee]);
                        }
                    }
                }
            }
            for l in data.exit.links() {
                for a in &l.args {
                    if let Some(Constant {
                        value: ConstValue::Func(callee),
                        ..
                    }) = a.as_const()
                    {
                        address_taken.push(index[callee]);
                    }
                }
            }
        }
    }
    for g in m.globals.values() {
        collect_funcs(&g.init, &mut |f| address_taken.push(index[&f]));
    }
    for (i, has) in indirect.iter().enumerate() {
        if *has {
            edges[i].extend(address_taken.iter().copied());
        }
    }
    let sccs = strongly_connected(&edges);
    let mut out = Vec::new();
    for scc in sccs {
        let cyclic = scc.len() > 1 || edges[scc[0]].contains(&scc[0]);
        if cyclic {
            out.extend(scc.into_iter().map(|i| ids[i]));
        }
    }
    out.sort();
    out
}

fn collect_funcs(init: &Init, f: &mut impl FnMut(FuncId)) {
    match init {
        Init::Value(Constant {
            value: ConstValue::Func(id),
            ..
        }) => f(*id),
        Init::Struct(items) | Init::Array(items) => items.iter().for_each(|i| collect_funcs(i, f)),
        _ => {}
    }
}

/// Tarjan's algorithm, iterative (call graphs can be deep).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut next = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut k)) = work.last_mut() {
            if *k < edges[v].len() {
                let w = edges[v][*k];
                *k += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut scc = Vec::new();
                    loop {
                        let w = stack.pop().expect("on the stack");
                        on_stack[w] = false;
                        scc.push(w);
                        if w == v {
                            break;
                        }
                    }
                    out.push(scc);
                }
            }
        }
    }
    out
}
