//! Slices with a step (`s[::-1]`, `l[1::2]`) of strs and lists.
//!
//! Slices are built by `newslice` just before their use, so whether a
//! slice has a step is visible in the flow graph: a slice without one
//! keeps the plain `start:stop` helpers, one with a step goes through
//! [`Rtyper::slice_indices`], CPython's `PySlice_AdjustIndices`.

use frontend::host::Value;
use lltype::{FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOperand = flowgraph::Operand<Value>;

impl Rtyper<'_, '_> {
    /// Whether a slice operand may have a step other than 1: it does
    /// unless the `newslice` defining it has no step or the constant 1.
    pub fn slice_has_step(&mut self, cx: &GraphCx, o: &FlowOperand) -> bool {
        let FlowOperand::Var(v) = o else {
            return true;
        };
        let graph = self.ann.graphs[cx.g].graph.clone();
        for (_, block) in graph.blocks.iter() {
            for op in &block.ops {
                if op.result == *v && op.kind == flowgraph::OpKind::NewSlice {
                    return !matches!(
                        op.args.get(2),
                        None | Some(FlowOperand::Const(Value::None))
                            | Some(FlowOperand::Const(Value::Int(1)))
                    );
                }
            }
        }
        true
    }

    /// The first index and the count of a slice of a sequence of length
    /// `len`; a zero step raises `ValueError`. `i64::MIN`/`i64::MAX` are
    /// an omitted start/stop.
    pub fn slice_indices(
        &mut self,
        b: &mut FnBuilder,
        start: Operand,
        stop: Operand,
        step: Operand,
        len: Operand,
    ) -> (Operand, Operand) {
        let zero = b.int(0);
        let is_zero = b.int_op(LlOp::IntEq, step.clone(), zero.clone());
        b.if_then(self, is_zero, |rt, b| {
            rt.raise_builtin(b, "ValueError", "slice step cannot be zero")
        });
        let backwards = b.int_op(LlOp::IntLt, step.clone(), zero.clone());
        let one = b.int(1);
        let last = b.int_op(LlOp::IntSub, len.clone(), one);
        let minus_one = b.int(-1);
        // `lower`/`upper`: where an index below 0 / at or past the end
        // goes, by the step's direction.
        let lower = b.local(zero.clone());
        let upper = b.local(len.clone());
        b.if_then(self, backwards.clone(), |_, b| {
            b.set(lower, minus_one.clone());
            b.set(upper, last.clone());
        });
        let (lo, hi) = (b.get(lower), b.get(upper));
        let adjust =
            |rt: &mut Self, b: &mut FnBuilder, v: Operand, omitted: i64, default: Operand| {
                let out = b.local(v.clone());
                let sentinel = b.int(omitted);
                let absent = b.int_op(LlOp::IntEq, v.clone(), sentinel);
                b.if_else(
                    rt,
                    absent,
                    |_, b| b.set(out, default),
                    |rt, b| {
                        let z = b.int(0);
                        let negative = b.int_op(LlOp::IntLt, v.clone(), z.clone());
                        b.if_else(
                            rt,
                            negative,
                            |rt, b| {
                                let w = b.int_op(LlOp::IntAdd, v.clone(), len.clone());
                                b.set(out, w.clone());
                                let still = b.int_op(LlOp::IntLt, w, z.clone());
                                b.if_then(rt, still, |_, b| b.set(out, lo.clone()));
                            },
                            |rt, b| {
                                let past = b.int_op(LlOp::IntGe, v.clone(), len.clone());
                                b.if_then(rt, past, |_, b| b.set(out, hi.clone()));
                            },
                        );
                    },
                );
                b.get(out)
            };
        // An omitted start is the first item in the step's direction; an
        // omitted stop is past the last one.
        let first = b.local(zero.clone());
        b.if_then(self, backwards.clone(), |_, b| b.set(first, last.clone()));
        let first_default = b.get(first);
        let end = b.local(len.clone());
        b.if_then(self, backwards.clone(), |_, b| {
            b.set(end, minus_one.clone())
        });
        let end_default = b.get(end);
        let st = adjust(self, b, start, i64::MIN, first_default);
        let en = adjust(self, b, stop, i64::MAX, end_default);
        let count = b.local(zero.clone());
        b.if_else(
            self,
            backwards,
            |rt, b| {
                let some = b.int_op(LlOp::IntLt, en.clone(), st.clone());
                b.if_then(rt, some, |_, b| {
                    let d = b.int_op(LlOp::IntSub, st.clone(), en.clone());
                    let one = b.int(1);
                    let d = b.int_op(LlOp::IntSub, d, one.clone());
                    let z = b.int(0);
                    let neg_step = b.int_op(LlOp::IntSub, z, step.clone());
                    let q = b.int_op(LlOp::IntFloorDiv, d, neg_step);
                    let c = b.int_op(LlOp::IntAdd, q, one);
                    b.set(count, c);
                });
            },
            |rt, b| {
                let some = b.int_op(LlOp::IntLt, st.clone(), en.clone());
                b.if_then(rt, some, |_, b| {
                    let d = b.int_op(LlOp::IntSub, en.clone(), st.clone());
                    let one = b.int(1);
                    let d = b.int_op(LlOp::IntSub, d, one.clone());
                    let q = b.int_op(LlOp::IntFloorDiv, d, step.clone());
                    let c = b.int_op(LlOp::IntAdd, q, one);
                    b.set(count, c);
                });
            },
        );
        let c = b.get(count);
        (st, c)
    }

    /// `s[start:stop:step]`.
    pub fn str_slice_step(&mut self) -> FuncId {
        let (sp, s) = (self.t.str_ptr, self.t.signed);
        self.helper("str_slice_step", &[sp, s, s, s], sp, |rt, b| {
            let (x, start, stop, step) = (b.param(0), b.param(1), b.param(2), b.param(3));
            let len = rt.str_len(b, x.clone());
            let (first, count) = rt.slice_indices(b, start, stop, step.clone(), len);
            let out = rt.str_alloc(b, count.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, count, |rt, b, i| {
                let off = b.int_op(LlOp::IntMul, i.clone(), step.clone());
                let at = b.int_op(LlOp::IntAdd, first.clone(), off);
                let c = rt.str_get(b, x.clone(), at);
                rt.str_set(b, out.clone(), i, c);
            });
            b.ret(out);
        })
    }

    /// `l[start:stop:step]` as a new list of representation `dst`.
    pub fn list_slice_step(&mut self, src: &Repr, dst: &Repr) -> FuncId {
        let (src_ty, dst_ty) = (self.lltype(src), self.lltype(dst));
        let key = format!("list_slice_step_{}_{}", src_ty.as_u32(), dst_ty.as_u32());
        let s = self.t.signed;
        let (src, dst) = (src.clone(), dst.clone());
        self.helper(&key, &[src_ty, s, s, s], dst_ty, |rt, b| {
            let (l, start, stop, step) = (b.param(0), b.param(1), b.param(2), b.param(3));
            let len = rt.sequence_len(b, &src, l.clone());
            let (first, count) = rt.slice_indices(b, start, stop, step.clone(), len);
            let out = rt.list_alloc(b, &dst, count.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, count, |rt, b, i| {
                let off = b.int_op(LlOp::IntMul, i.clone(), step.clone());
                let at = b.int_op(LlOp::IntAdd, first.clone(), off);
                let v = rt.list_get(b, &src, l.clone(), at);
                rt.list_set(b, &dst, out.clone(), i, v);
            });
            b.ret(out);
        })
    }

    /// `seq[slice]` where the slice has a step.
    pub fn getslice_step(
        &mut self,
        cx: &mut GraphCx,
        seq: &FlowOperand,
        slice: &FlowOperand,
        r: &Repr,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let sl = self.operand_as(cx, slice, &Repr::Slice)?;
        let s = self.t.signed;
        let mut fields = Vec::new();
        for name in ["start", "stop", "step"] {
            let n = self.name_const(name);
            fields.push(cx.emit(LlOp::GetField, vec![sl.clone(), n], s));
        }
        let v = self.operand_as(cx, seq, r)?;
        let mut args = vec![v];
        args.extend(fields);
        match r {
            Repr::List(_) | Repr::FixedList(_) => {
                let f = self.list_slice_step(r, result);
                Ok(self.call_raising(cx, f, args))
            }
            Repr::Str | Repr::Bytes => {
                args[0] = self.convert(cx, args[0].clone(), r, &Repr::Str)?;
                let f = self.str_slice_step();
                let s = self.call_raising(cx, f, args);
                self.convert(cx, s, &Repr::Str, result)
            }
            _ => Err(cx.error(format!(
                "not supported yet by the translator: slicing {r_desc} with a step",
                r_desc = self.describe_repr(&r)
            ))),
        }
    }
}
