//! Iteration: `range`, slices, and the iterators `for` loops use.
//!
//! A `for` loop is `iter(x)` then `next(it)` in a block that catches
//! `StopIteration`, so `next` is a helper that raises it at the end; the
//! exception transform turns that into a test of the exception state.

use lltype::{FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::{IterRepr, Repr};

impl Rtyper<'_, '_> {
    /// The representation of what an iterator yields.
    pub fn iter_item(&mut self, i: &IterRepr) -> Repr {
        match i {
            IterRepr::Seq(seq) | IterRepr::Reversed(seq) => match &**seq {
                Repr::Str => Repr::UniChar,
                Repr::Bytes => Repr::Int,
                r => Self::list_item(r).clone(),
            },
            IterRepr::Range => Repr::Int,
            IterRepr::Enumerate(inner) => Repr::Tuple(vec![Repr::Int, self.iter_item(inner)]),
            IterRepr::Zip(inner) => Repr::Tuple(inner.iter().map(|x| self.iter_item(x)).collect()),
            IterRepr::DictKeys(d) => Self::dict_parts(d).0,
            IterRepr::DictValues(d) => Self::dict_parts(d).1,
            IterRepr::DictItems(d) => {
                let (k, v) = Self::dict_parts(d);
                Repr::Tuple(vec![k, v])
            }
            IterRepr::Generator(g) => self.generator_item(*g),
        }
    }

    /// `range(start, stop, step)`; a zero step raises `ValueError`.
    pub fn range_new(&mut self) -> FuncId {
        let s = self.t.signed;
        let ty = self.lltype(&Repr::Range);
        self.helper("range_new", &[s, s, s], ty, |rt, b| {
            let (start, stop, step) = (b.param(0), b.param(1), b.param(2));
            let zero = b.int(0);
            let bad = b.int_op(LlOp::IntEq, step.clone(), zero);
            b.if_then(rt, bad, |rt, b| {
                rt.raise_builtin(b, "ValueError", "range() arg 3 must not be zero")
            });
            let r = b.op(LlOp::Malloc, Vec::new(), ty);
            b.setfield(r.clone(), "start", start);
            b.setfield(r.clone(), "stop", stop);
            b.setfield(r.clone(), "step", step);
            b.ret(r);
        })
    }

    /// `len(range)`.
    pub fn range_len(&mut self) -> FuncId {
        let s = self.t.signed;
        let ty = self.lltype(&Repr::Range);
        self.helper("range_len", &[ty], s, |rt, b| {
            let r = b.param(0);
            let start = b.getfield(r.clone(), "start", s);
            let stop = b.getfield(r.clone(), "stop", s);
            let step = b.getfield(r, "step", s);
            let zero = b.int(0);
            let up = b.int_op(LlOp::IntGt, step.clone(), zero.clone());
            // (distance - 1) // |step| + 1, or 0, in unsigned arithmetic:
            // the distance between two words may not fit in one.
            let u = rt.t.unsigned;
            let unsigned =
                |b: &mut FnBuilder, v: &Operand| b.op(LlOp::CastPrimitive, vec![v.clone()], u);
            let (first, last) = (b.local(start.clone()), b.local(stop.clone()));
            let step_u = unsigned(b, &step);
            let magnitude = b.local(step_u);
            let empty = b.local(b.bool(false));
            b.if_else(
                rt,
                up,
                |_, b| {
                    let e = b.int_op(LlOp::IntGe, start.clone(), stop.clone());
                    b.set(empty, e);
                },
                |_, b| {
                    let e = b.int_op(LlOp::IntLe, start.clone(), stop.clone());
                    b.set(empty, e);
                    b.set(first, stop.clone());
                    b.set(last, start.clone());
                    let su = unsigned(b, &step);
                    let zero_u = b.konst(lltype::ConstValue::Int(0), u);
                    let m = b.op(LlOp::UintSub, vec![zero_u, su], u);
                    b.set(magnitude, m);
                },
            );
            let e = b.get(empty);
            b.if_then(rt, e, |_, b| b.ret(zero.clone()));
            let (f, l) = (b.get(first), b.get(last));
            let (fu, lu) = (unsigned(b, &f), unsigned(b, &l));
            let span = b.op(LlOp::UintSub, vec![lu, fu], u);
            let one = b.konst(lltype::ConstValue::Int(1), u);
            let span = b.op(LlOp::UintSub, vec![span, one.clone()], u);
            let m = b.get(magnitude);
            let n = b.op(LlOp::UintFloorDiv, vec![span, m], u);
            let n = b.op(LlOp::UintAdd, vec![n, one], u);
            let limit = b.konst(lltype::ConstValue::Int(i64::MAX.into()), u);
            let too_long = b.op(LlOp::UintGt, vec![n.clone(), limit], b.bool_type());
            b.if_then(rt, too_long, |rt, b| {
                rt.raise_builtin(
                    b,
                    "OverflowError",
                    "Python int too large to convert to C ssize_t",
                )
            });
            let n = b.op(LlOp::CastPrimitive, vec![n], s);
            b.ret(n);
        })
    }

    /// A new iterator over `source` (in representation `source_repr`).
    pub fn iter_make(&mut self, i: &IterRepr, source_repr: &Repr) -> FuncId {
        let it_ty = self.lltype(&Repr::Iter(i.clone()));
        let src_ty = self.lltype(source_repr);
        let key = format!("iter_make_{}_{}", it_ty.as_u32(), src_ty.as_u32());
        let (i, source_repr) = (i.clone(), source_repr.clone());
        let s = self.t.signed;
        self.helper(&key, &[src_ty], it_ty, |rt, b| {
            let src = b.param(0);
            let it = rt.iter_build(b, &i, &source_repr, src);
            let _ = s;
            b.ret(it);
        })
    }

    /// Refuses to build iterator `i` from a value of `source` when
    /// [`Rtyper::iter_make`] cannot: a generator object is its own
    /// iterator, and a generator returned by an `__iter__` method would
    /// need a call of that method.
    pub fn check_iter_source(
        &mut self,
        cx: &GraphCx,
        i: &IterRepr,
        source: &Repr,
    ) -> Result<(), RtypeError> {
        let mut inner = i;
        while let IterRepr::Enumerate(x) = inner {
            if Repr::Iter((**x).clone()) == *source {
                return Ok(());
            }
            inner = x;
        }
        match inner {
            IterRepr::Generator(_) if Repr::Iter(inner.clone()) != *source => {
                let what = match source {
                    Repr::Instance(_) => "an instance (calling its `__iter__`)".to_string(),
                    r => format!("{r_desc} as a generator", r_desc = self.describe_repr(&r)),
                };
                Err(cx.error(format!(
                    "not supported yet by the translator: iterating over {what}"
                )))
            }
            _ => Ok(()),
        }
    }

    /// Builds an iterator's state in a helper.
    fn iter_build(
        &mut self,
        b: &mut FnBuilder,
        i: &IterRepr,
        source_repr: &Repr,
        src: Operand,
    ) -> Operand {
        let it_ty = self.lltype(&Repr::Iter(i.clone()));
        let s = self.t.signed;
        if Repr::Iter(i.clone()) == *source_repr {
            return src;
        }
        let it = b.op(LlOp::Malloc, Vec::new(), it_ty);
        match i {
            IterRepr::Seq(_) => {
                b.setfield(it.clone(), "seq", src);
                let zero = b.int(0);
                b.setfield(it.clone(), "index", zero);
            }
            IterRepr::Reversed(seq) => {
                let len = self.sequence_len(b, seq, src.clone());
                b.setfield(it.clone(), "seq", src);
                let one = b.int(1);
                let last = b.int_op(LlOp::IntSub, len, one);
                b.setfield(it.clone(), "index", last);
            }
            IterRepr::Range => {
                let start = b.getfield(src.clone(), "start", s);
                let stop = b.getfield(src.clone(), "stop", s);
                let step = b.getfield(src, "step", s);
                b.setfield(it.clone(), "next", start);
                b.setfield(it.clone(), "stop", stop);
                b.setfield(it.clone(), "step", step);
            }
            IterRepr::Enumerate(inner) => {
                let inner_it = self.iter_build(b, inner, source_repr, src);
                b.setfield(it.clone(), "inner", inner_it);
                let zero = b.int(0);
                b.setfield(it.clone(), "count", zero);
            }
            IterRepr::DictKeys(_) | IterRepr::DictValues(_) | IterRepr::DictItems(_) => {
                let size = b.getfield(src.clone(), "num_items", s);
                b.setfield(it.clone(), "dict", src);
                let zero = b.int(0);
                b.setfield(it.clone(), "index", zero);
                b.setfield(it.clone(), "size", size.clone());
                b.setfield(it.clone(), "left", size);
            }
            IterRepr::Zip(_) => unreachable!("zip iterators are built from several sources"),
            IterRepr::Generator(_) => unreachable!("a generator is its own iterator"),
        }
        it
    }

    /// `next(it)`: the next item, or `StopIteration`.
    pub fn iter_next(&mut self, i: &IterRepr) -> FuncId {
        if let IterRepr::Generator(g) = i {
            return self.generator_next(*g);
        }
        let it_ty = self.lltype(&Repr::Iter(i.clone()));
        let item = self.iter_item(i);
        let item_ty = self.lltype(&item);
        let key = format!("iter_next_{}", it_ty.as_u32());
        let i = i.clone();
        let s = self.t.signed;
        self.helper(&key, &[it_ty], item_ty, |rt, b| {
            let it = b.param(0);
            match &i {
                IterRepr::Seq(seq) => {
                    let seq_ty = rt.lltype(seq);
                    let src = b.getfield(it.clone(), "seq", seq_ty);
                    let index = b.getfield(it.clone(), "index", s);
                    let len = rt.sequence_len(b, seq, src.clone());
                    let done = b.int_op(LlOp::IntGe, index.clone(), len);
                    b.if_then(rt, done, |rt, b| rt.raise_builtin(b, "StopIteration", ""));
                    let v = match &**seq {
                        Repr::Str => rt.str_get(b, src, index.clone()),
                        Repr::Bytes => rt.bytes_item(b, src, index.clone()),
                        r => rt.list_get(b, r, src, index.clone()),
                    };
                    let one = b.int(1);
                    let next = b.int_op(LlOp::IntAdd, index, one);
                    b.setfield(it, "index", next);
                    b.ret(v);
                }
                IterRepr::Reversed(seq) => {
                    let seq_ty = rt.lltype(seq);
                    let src = b.getfield(it.clone(), "seq", seq_ty);
                    let index = b.getfield(it.clone(), "index", s);
                    let zero = b.int(0);
                    let below = b.int_op(LlOp::IntLt, index.clone(), zero);
                    // The list may have shrunk meanwhile: CPython stops.
                    let len = rt.sequence_len(b, seq, src.clone());
                    let beyond = b.int_op(LlOp::IntGe, index.clone(), len);
                    let done = b.bool_or(below, beyond);
                    b.if_then(rt, done, |rt, b| {
                        let minus_one = b.int(-1);
                        b.setfield(it.clone(), "index", minus_one);
                        rt.raise_builtin(b, "StopIteration", "")
                    });
                    let v = match &**seq {
                        Repr::Str => rt.str_get(b, src, index.clone()),
                        Repr::Bytes => rt.bytes_item(b, src, index.clone()),
                        r => rt.list_get(b, r, src, index.clone()),
                    };
                    let one = b.int(1);
                    let next = b.int_op(LlOp::IntSub, index, one);
                    b.setfield(it, "index", next);
                    b.ret(v);
                }
                IterRepr::Range => {
                    let next = b.getfield(it.clone(), "next", s);
                    let stop = b.getfield(it.clone(), "stop", s);
                    let step = b.getfield(it.clone(), "step", s);
                    let zero = b.int(0);
                    let up = b.int_op(LlOp::IntGt, step.clone(), zero);
                    let done = b.local(b.bool(false));
                    b.if_else(
                        rt,
                        up.clone(),
                        |_, b| {
                            let d = b.int_op(LlOp::IntGe, next.clone(), stop.clone());
                            b.set(done, d);
                        },
                        |_, b| {
                            let d = b.int_op(LlOp::IntLe, next.clone(), stop.clone());
                            b.set(done, d);
                        },
                    );
                    let d = b.get(done);
                    b.if_then(rt, d, |rt, b| rt.raise_builtin(b, "StopIteration", ""));
                    // The step from here: to `stop` when it would reach or
                    // pass it (which `next + step` may not say, wrapping
                    // near the ends of the word), in unsigned distances.
                    let u = rt.t.unsigned;
                    let (nu, su, stu) = (
                        b.op(LlOp::CastPrimitive, vec![next.clone()], u),
                        b.op(LlOp::CastPrimitive, vec![stop.clone()], u),
                        b.op(LlOp::CastPrimitive, vec![step.clone()], u),
                    );
                    let after = b.local(stop.clone());
                    let zero_u = b.konst(lltype::ConstValue::Int(0), u);
                    b.if_else(
                        rt,
                        up.clone(),
                        |_, b| {
                            let room = b.op(LlOp::UintSub, vec![su.clone(), nu.clone()], u);
                            let more = b.op(LlOp::UintGt, vec![room, stu.clone()], b.bool_type());
                            b.if_then(&mut (), more, |_, b| {
                                let v = b.int_op(LlOp::IntAdd, next.clone(), step.clone());
                                b.set(after, v);
                            });
                        },
                        |_, b| {
                            let room = b.op(LlOp::UintSub, vec![nu.clone(), su.clone()], u);
                            let back = b.op(LlOp::UintSub, vec![zero_u.clone(), stu.clone()], u);
                            let more = b.op(LlOp::UintGt, vec![room, back], b.bool_type());
                            b.if_then(&mut (), more, |_, b| {
                                let v = b.int_op(LlOp::IntAdd, next.clone(), step.clone());
                                b.set(after, v);
                            });
                        },
                    );
                    let a = b.get(after);
                    b.setfield(it, "next", a);
                    b.ret(next);
                }
                IterRepr::Enumerate(inner) => {
                    let inner_ty = rt.lltype(&Repr::Iter((**inner).clone()));
                    let inner_it = b.getfield(it.clone(), "inner", inner_ty);
                    let f = rt.iter_next(inner);
                    // The inner StopIteration propagates.
                    let v = rt.call(b, f, vec![inner_it]);
                    let count = b.getfield(it.clone(), "count", s);
                    let one = b.int(1);
                    let c1 = b.int_op(LlOp::IntAdd, count.clone(), one);
                    b.setfield(it, "count", c1);
                    let t = b.op(LlOp::Malloc, Vec::new(), item_ty);
                    b.setfield(t.clone(), "item0", count);
                    let inner_item = rt.iter_item(inner);
                    let inner_item_ty = rt.lltype(&inner_item);
                    if !rt.is_void(inner_item_ty) {
                        b.setfield(t.clone(), "item1", v);
                    }
                    b.ret(t);
                }
                IterRepr::DictKeys(d) => rt.dict_iter_next_body(b, d, 0, it),
                IterRepr::DictValues(d) => rt.dict_iter_next_body(b, d, 1, it),
                IterRepr::DictItems(d) => rt.dict_iter_next_body(b, d, 2, it),
                IterRepr::Generator(_) => unreachable!("handled above"),
                IterRepr::Zip(inner) => {
                    let t = b.op(LlOp::Malloc, Vec::new(), item_ty);
                    for (k, x) in inner.iter().enumerate() {
                        let x_ty = rt.lltype(&Repr::Iter(x.clone()));
                        let sub = b.getfield(it.clone(), &format!("it{k}"), x_ty);
                        let f = rt.iter_next(x);
                        let v = rt.call(b, f, vec![sub]);
                        let x_item = rt.iter_item(x);
                        let x_item_ty = rt.lltype(&x_item);
                        if !rt.is_void(x_item_ty) {
                            b.setfield(t.clone(), &format!("item{k}"), v);
                        }
                    }
                    b.ret(t);
                }
            }
        })
    }

    /// `zip(a, b, ...)` from its sources.
    pub fn zip_make(&mut self, i: &IterRepr, sources: &[Repr]) -> FuncId {
        let IterRepr::Zip(inner) = i else {
            unreachable!("a zip iterator")
        };
        let it_ty = self.lltype(&Repr::Iter(i.clone()));
        let src_tys: Vec<_> = sources.iter().map(|r| self.lltype(r)).collect();
        let key = format!(
            "zip_make_{}_{}",
            it_ty.as_u32(),
            src_tys
                .iter()
                .map(|t| t.as_u32().to_string())
                .collect::<Vec<_>>()
                .join("_")
        );
        let (inner, sources) = (inner.clone(), sources.to_vec());
        self.helper(&key, &src_tys, it_ty, |rt, b| {
            let it = b.op(LlOp::Malloc, Vec::new(), it_ty);
            for (k, (x, src)) in inner.iter().zip(&sources).enumerate() {
                let p = b.param(k);
                let sub = rt.iter_build(b, x, src, p);
                b.setfield(it.clone(), &format!("it{k}"), sub);
            }
            b.ret(it);
        })
    }

    /// `list(range)` as a list of representation `dst`.
    pub fn range_to_list(&mut self, dst: &Repr) -> FuncId {
        let range_ty = self.lltype(&Repr::Range);
        let dst_ty = self.lltype(dst);
        let key = format!("range_to_list_{}", dst_ty.as_u32());
        let length = self.range_len();
        let s = self.t.signed;
        let dst = dst.clone();
        self.helper(&key, &[range_ty], dst_ty, |rt, b| {
            let r = b.param(0);
            let n = rt.call(b, length, vec![r.clone()]);
            let out = rt.list_alloc(b, &dst, n.clone());
            let start = b.getfield(r.clone(), "start", s);
            let step = b.getfield(r, "step", s);
            let zero = b.int(0);
            b.for_range(rt, zero, n, |rt, b, i| {
                let offset = b.int_op(LlOp::IntMul, i.clone(), step.clone());
                let v = b.int_op(LlOp::IntAdd, start.clone(), offset);
                rt.list_set(b, &dst, out.clone(), i, v);
            });
            b.ret(out);
        })
    }
}
