//! The moving-collector check: no address computed from a collected
//! pointer survives a call that may collect.
//!
//! A copying collector moves objects, and it updates the pointers it knows
//! about: the shadow stack, static roots and the fields of objects it
//! traces. An *address* computed from a collected pointer
//! (`cast_ptr_to_adr`, then `adr_add` to reach the items) is invisible to
//! it: kept across a collection, it points into the space the collector
//! left, and reading through it reads freed memory. This check refuses a
//! module where such an address is
//!
//! - live after a call that may collect (used later in its block, or
//!   passed on a link and used after), or
//! - an argument of a call that may collect (the callee would use it after
//!   the collection: the check is per function, so an address parameter is
//!   trusted and the caller is blamed).
//!
//! Addresses of prebuilt objects (constant operands) are exempt: prebuilt
//! objects never move. What a call "may collect" is the GC transform's
//! knowledge, passed in as a predicate; the check runs on the module the
//! GC transform leaves. It follows addresses through SSA values only: an
//! address stored into memory and loaded back is not followed (the shadow
//! stack is such a store, and it is what keeps pointers safe).

use std::collections::HashSet;

use cranelift_entity::EntityRef;

use crate::module::{Body, ConstValue, Exit, Graph, Module, Op, Operand, Var};
use crate::ops::LlOp;
use crate::verify::VerifyError;

/// Checks every graph of `m`; `may_collect` tells which call operations
/// may run the collector. Returns every address found alive across such a
/// call.
pub fn verify_gc_addresses(
    m: &Module,
    may_collect: &dyn Fn(&Op) -> bool,
) -> Result<(), Vec<VerifyError>> {
    let mut errors = Vec::new();
    for f in m.functions.values() {
        let Body::Graph(g) = &f.body else { continue };
        let derived = derived_addresses(m, g);
        if derived.is_empty() {
            continue;
        }
        for b in g.reachable_blocks() {
            let data = &g.blocks[b];
            let mut live = exit_uses(&data.exit);
            for (i, op) in data.ops.iter().enumerate().rev() {
                if may_collect(op) {
                    let place = |what: &str, v: &Var| VerifyError {
                        place: format!("func {}, block{}, op {i}", f.name, b.index()),
                        message: format!(
                            "address `{}`, computed from a collected pointer, is {what} \
                             a call that may collect ({}): the collector may move the object",
                            var_name(g, *v),
                            callee(m, op)
                        ),
                    };
                    let mut after: Vec<&Var> =
                        live.iter().filter(|v| derived.contains(v)).collect();
                    after.sort();
                    errors.extend(after.into_iter().map(|v| place("used after", v)));
                    for a in &op.args {
                        if let Operand::Var(v) = a {
                            if derived.contains(v) {
                                errors.push(place("an argument of", v));
                            }
                        }
                    }
                }
                live.remove(&op.result);
                live.extend(op.args.iter().filter_map(Operand::as_var));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn callee(m: &Module, op: &Op) -> String {
    match op
        .args
        .first()
        .and_then(Operand::as_const)
        .map(|c| &c.value)
    {
        Some(ConstValue::Func(f)) if op.op == LlOp::DirectCall => {
            format!("`{}`", m.functions[*f].name)
        }
        _ => format!("`{}`", op.op.name()),
    }
}

fn var_name(g: &Graph, v: Var) -> String {
    match &g.vars[v].name {
        Some(n) => format!("{n}_{}", v.index()),
        None => format!("v{}", v.index()),
    }
}

/// The variables holding an address (or an integer made from one) derived
/// from a collected pointer variable, to a fixpoint over links.
fn derived_addresses(m: &Module, g: &Graph) -> HashSet<Var> {
    let mut derived = HashSet::new();
    loop {
        let before = derived.len();
        for b in g.reachable_blocks() {
            let data = &g.blocks[b];
            for op in &data.ops {
                if derives(m, g, op, &derived) {
                    derived.insert(op.result);
                }
            }
            for link in data.exit.links() {
                let target = &g.blocks[link.target].params;
                for (arg, &param) in link.args.iter().zip(target) {
                    if matches!(arg, Operand::Var(v) if derived.contains(v)) {
                        derived.insert(param);
                    }
                }
            }
        }
        if derived.len() == before {
            return derived;
        }
    }
}

fn derives(m: &Module, g: &Graph, op: &Op, derived: &HashSet<Var>) -> bool {
    let from_derived = || {
        op.args
            .iter()
            .any(|a| matches!(a, Operand::Var(v) if derived.contains(v)))
    };
    match op.op {
        LlOp::CastPtrToAdr => {
            matches!(&op.args[0], Operand::Var(v) if m.types.is_gc_ptr(g.var_type(*v)))
        }
        LlOp::AdrAdd
        | LlOp::AdrSub
        | LlOp::AdrDelta
        | LlOp::CastAdrToInt
        | LlOp::CastIntToAdr
        | LlOp::IntAdd
        | LlOp::IntSub
        | LlOp::SameAs => from_derived() && !is_difference(op, derived),
        _ => false,
    }
}

/// `a - b` of two derived values is a distance, not an address.
fn is_difference(op: &Op, derived: &HashSet<Var>) -> bool {
    matches!(op.op, LlOp::AdrDelta | LlOp::IntSub)
        && op
            .args
            .iter()
            .all(|a| matches!(a, Operand::Var(v) if derived.contains(v)))
}

/// What a block's exit reads: its condition or returned values and the
/// values its links pass. Variables are local to their block, so these are
/// the only values live when its last operation has run.
fn exit_uses(exit: &Exit) -> HashSet<Var> {
    let mut uses: HashSet<Var> = exit
        .links()
        .into_iter()
        .flat_map(|l| l.args.iter().filter_map(Operand::as_var))
        .collect();
    match exit {
        Exit::Return(v) | Exit::Branch { cond: v, .. } | Exit::Switch { value: v, .. } => {
            uses.extend(v.as_var())
        }
        Exit::Raise { etype, evalue } => {
            uses.extend(etype.as_var().into_iter().chain(evalue.as_var()))
        }
        Exit::Goto(_) | Exit::Catch { .. } | Exit::Unreachable => {}
    }
    uses
}
