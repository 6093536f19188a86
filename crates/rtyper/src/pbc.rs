//! Prebuilt callables and classes as values (PBCs): their
//! representations and calls through them.
//!
//! A single function or frozen object needs no run-time value (`Void`);
//! a set of classes is a pointer to one of their vtables; a bound method
//! is represented by its receiver, whichever of the methods it is.

use annotator::{Desc, SomePbc, SomeValue};
use frontend::host::Value;
use lltype::Operand;

use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOp = flowgraph::Operation<Value>;

impl Rtyper<'_, '_> {
    /// The representation of a set of prebuilt callables or objects.
    pub fn pbc_repr(&mut self, p: &SomePbc, s: &SomeValue) -> Repr {
        let descs: Vec<Desc> = p.descs.iter().map(|d| self.ann.descs[*d].clone()).collect();
        if descs.is_empty() {
            return Repr::Void;
        }
        if descs.iter().all(|d| matches!(d, Desc::Class(_))) {
            return Repr::Class;
        }
        if descs.iter().all(|d| matches!(d, Desc::Method { .. })) {
            let mut common = None;
            for d in &descs {
                let Desc::Method { self_class, .. } = d else {
                    unreachable!("all methods")
                };
                common = match common {
                    None => Some(*self_class),
                    Some(c) => match self.ann.common_base(c, *self_class) {
                        Some(b) => Some(b),
                        None => return Repr::Unsupported(self.ann.describe(s)),
                    },
                };
            }
            return Repr::Instance(common.expect("one method at least"));
        }
        if descs.len() == 1 && !p.can_be_none {
            if let Desc::Function(_) | Desc::Frozen(_) = &descs[0] {
                return Repr::Void;
            }
        }
        Repr::Unsupported(self.ann.describe(s))
    }

    /// A call of a value that may be one of several callables.
    pub fn call_pbc(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let callee = self.binding(cx, &op.args[0]);
        let SomeValue::Pbc(p) = &callee else {
            return Err(cx.error("internal: call_pbc of a non-PBC"));
        };
        let descs: Vec<Desc> = p.descs.iter().map(|d| self.ann.descs[*d].clone()).collect();
        if descs.iter().all(|d| matches!(d, Desc::Method { .. })) {
            let targets = self.targets(cx)?;
            if let [g] = targets[..] {
                let receiver = self.operand_repr(cx, &op.args[0]);
                let this = self.operand_as(cx, &op.args[0], &receiver)?;
                return self.call_graph(cx, g, &op.args[1..], Some((this, receiver)), result);
            }
            return self.dispatch_call(cx, &op.args[0], &op.args[1..], result);
        }
        Err(cx.error(format!(
            "not supported yet by the translator: calling {}",
            self.ann.describe(&callee)
        )))
    }
}
