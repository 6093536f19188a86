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
        if self.instance_text_method(c, !str_kind).is_none() {
            return Ok(None);
        }
        let v = self.operand_as(cx, o, &Repr::Instance(c))?;
        self.instance_text(cx, v, c, !str_kind)
    }

    /// The method giving `str()` (`__str__`, else `__repr__`) or `repr()`
    /// of an instance of class `c`, when the program defines one.
    fn instance_text_method(&self, c: ClassId, repr: bool) -> Option<&'static str> {
        let names: &[&'static str] = if repr {
            &["__repr__"]
        } else {
            &["__str__", "__repr__"]
        };
        names
            .iter()
            .copied()
            .find(|name| self.ann.resolves_user_method(c, name))
    }

    /// `str(v)` or `repr(v)` of an instance value through its own method,
    /// if its class has one.
    pub(crate) fn instance_text(
        &mut self,
        cx: &mut GraphCx,
        v: Operand,
        c: ClassId,
        repr: bool,
    ) -> Result<Option<Operand>, RtypeError> {
        let Some(name) = self.instance_text_method(c, repr) else {
            return Ok(None);
        };
        self.call_method_by_name(cx, v, c, name, &[], &[], &Repr::Str)
            .map(Some)
    }
}
