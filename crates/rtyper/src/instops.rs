//! Operators on instances of user classes that call special methods:
//! comparisons, truth and `len()`. Which method runs is the annotator's
//! decision ([`annotator::Annotator::compare_via`],
//! [`annotator::Annotator::truth_via`]), so both agree; the call goes
//! through the receiver's vtable like any method call.

use annotator::{ClassId, CompareVia};
use lltype::{LlOp, Operand};

use crate::calls::ArgSource;
use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOperand = flowgraph::Operand<frontend::host::Value>;
type FlowOp = flowgraph::Operation<frontend::host::Value>;

impl Rtyper<'_, '_> {
    /// `a OP b` where an operand is an instance.
    pub(crate) fn instance_compare(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
    ) -> Result<Operand, RtypeError> {
        let a = self.binding(cx, &op.args[0]);
        let b = self.binding(cx, &op.args[1]);
        let via = self
            .ann
            .compare_via(&op.kind, &a, &b)
            .map_err(|m| cx.error(format!("not supported by the translator: {m}")))?;
        let CompareVia::Method { name, negate } = via else {
            return self.identity(cx, op);
        };
        let r = self.operand_repr(cx, &op.args[0]);
        let Repr::Instance(c) = r else {
            return Err(cx.error("internal: a comparison method without an instance"));
        };
        let this = self.operand_as(cx, &op.args[0], &r)?;
        let arg = [ArgSource::Flow(op.args[1].clone())];
        let v = self.call_method_by_name(cx, this, c, name, &arg, &[], &Repr::Bool)?;
        Ok(if negate {
            cx.emit(LlOp::BoolNot, vec![v], self.t.bool)
        } else {
            v
        })
    }

    /// The truth of an instance of class `c`: `__bool__()`, `__len__()
    /// != 0`, or not None.
    pub(crate) fn instance_truth(
        &mut self,
        cx: &mut GraphCx,
        o: &FlowOperand,
        c: ClassId,
    ) -> Result<Operand, RtypeError> {
        let via = self
            .ann
            .truth_via(c)
            .map_err(|m| cx.error(format!("not supported by the translator: {m}")))?;
        let v = self.operand_as(cx, o, &Repr::Instance(c))?;
        let boolean = self.t.bool;
        match via {
            None => Ok(cx.emit(LlOp::PtrNonZero, vec![v], boolean)),
            Some("__bool__") => {
                self.call_method_by_name(cx, v, c, "__bool__", &[], &[], &Repr::Bool)
            }
            Some(_) => {
                let n = self.instance_len_of(cx, v, c)?;
                Ok(cx.emit(LlOp::IntIsTrue, vec![n], boolean))
            }
        }
    }

    /// `len(x)` of an instance: its `__len__()`, which must not be
    /// negative.
    pub(crate) fn instance_len(
        &mut self,
        cx: &mut GraphCx,
        o: &FlowOperand,
        c: ClassId,
    ) -> Result<Operand, RtypeError> {
        let v = self.operand_as(cx, o, &Repr::Instance(c))?;
        self.instance_len_of(cx, v, c)
    }

    fn instance_len_of(
        &mut self,
        cx: &mut GraphCx,
        v: Operand,
        c: ClassId,
    ) -> Result<Operand, RtypeError> {
        let n = self.call_method_by_name(cx, v, c, "__len__", &[], &[], &Repr::Int)?;
        let s = self.t.signed;
        let f = self.helper("len_result_checked", &[s], s, |rt, b| {
            let n = b.param(0);
            let zero = b.int(0);
            let negative = b.int_op(LlOp::IntLt, n.clone(), zero);
            b.if_then(rt, negative, |rt, b| {
                rt.raise_builtin(b, "ValueError", "__len__() should return >= 0")
            });
            b.ret(n);
        });
        Ok(self.call_raising(cx, f, vec![n]))
    }

    /// `str(x)`/`repr(x)` of an instance whose class has its own
    /// `__str__`/`__repr__` (the annotator called it), if it does.
    pub(crate) fn instance_stringify(
        &mut self,
        cx: &mut GraphCx,
        o: &FlowOperand,
        c: ClassId,
        str_kind: bool,
    ) -> Result<Option<Operand>, RtypeError> {
        let mut names = Vec::new();
        if str_kind {
            names.push("__str__");
        }
        names.push("__repr__");
        for name in names {
            if self.ann.resolves_user_method(c, name) {
                let v = self.operand_as(cx, o, &Repr::Instance(c))?;
                let r = self.call_method_by_name(cx, v, c, name, &[], &[], &Repr::Str)?;
                return Ok(Some(r));
            }
        }
        Ok(None)
    }
}
