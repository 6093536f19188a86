//! Consuming iterators outside `for` loops: `next(it)`, `next(it,
//! default)`, and the built-ins that take a sequence (`list`, `sorted`,
//! `sum`, `min`, `max`, `str.join`) given an iterator, such as a
//! generator.
//!
//! An iterator can be gone through only once and its length is unknown,
//! so those built-ins first collect its items into a new list
//! ([`Rtyper::seq_operand`]) and then work on the list. Helpers that call
//! `next` catch what it raises: `StopIteration` ends the iteration, any
//! other exception (a generator's body may raise anything) is passed on.

use frontend::host::Value;
use lltype::{ConstValue, Constant, FuncId, Operand};

use crate::builder::{FnBuilder, Label, Local};
use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::{IterRepr, Repr};

type FlowOperand = flowgraph::Operand<Value>;

/// Where a helper's calls of `next` go when they raise, with the
/// exception's class and instance.
pub struct IterationEnd {
    pub failed: Label,
    pub etype: Local,
    pub evalue: Local,
}

impl Rtyper<'_, '_> {
    /// An iterable operand as a sequence: an iterator's items collected
    /// into a new list, anything else as it is. Returns the value and its
    /// representation.
    pub fn seq_operand(
        &mut self,
        cx: &mut GraphCx,
        a: &FlowOperand,
    ) -> Result<(Operand, Repr), RtypeError> {
        let r = self.operand_repr(cx, a);
        let v = self.operand_as(cx, a, &r)?;
        let Repr::Iter(i) = &r else {
            return Ok((v, r));
        };
        let f = self.iter_to_list(i);
        let list = Repr::List(Box::new(self.iter_item(i)));
        Ok((self.call_raising(cx, f, vec![v]), list))
    }

    /// A copy of a whole list in representation `to`.
    pub fn list_copy_in(
        &mut self,
        cx: &mut GraphCx,
        l: Operand,
        from: &Repr,
        to: &Repr,
    ) -> Operand {
        let f = self.list_slice(from, to);
        let s = self.t.signed;
        let lo = Operand::Const(Constant::new(ConstValue::Int(i64::MIN.into()), s));
        let hi = Operand::Const(Constant::new(ConstValue::Int(i64::MAX.into()), s));
        self.call_in(cx, f, vec![l, lo, hi])
    }

    /// `next(it)` and `next(it, default)`.
    pub fn call_next(
        &mut self,
        cx: &mut GraphCx,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, &args[0]);
        let Repr::Iter(i) = &r else {
            return Err(cx.error(format!(
                "not supported yet by the translator: next() of {r_desc}",
                r_desc = self.describe_repr(&r)
            )));
        };
        let item = self.iter_item(i);
        let it = self.operand_as(cx, &args[0], &r)?;
        match args {
            [_] => {
                let f = self.iter_next(i);
                let v = self.call_raising(cx, f, vec![it]);
                self.convert(cx, v, &item, result)
            }
            [_, default] => {
                if !self.item_convertible(&item, result) {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: next() giving {result_desc} from {item_desc}", result_desc = self.describe_repr(&result), item_desc = self.describe_repr(&item)
                    )));
                }
                let d = self.operand_as(cx, default, result)?;
                let f = self.next_or_default(i, result);
                Ok(self.call_raising(cx, f, vec![it, d]))
            }
            _ => Err(cx.error("next() takes one or two arguments")),
        }
    }

    /// `next(it, default)` as a helper: the next item in representation
    /// `result`, or the default at the end.
    fn next_or_default(&mut self, i: &IterRepr, result: &Repr) -> FuncId {
        let it_ty = self.lltype(&Repr::Iter(i.clone()));
        let ty = self.lltype(result);
        let key = format!("next_or_default_{}_{}", it_ty.as_u32(), ty.as_u32());
        let item = self.iter_item(i);
        let next = self.iter_next(i);
        let result = result.clone();
        self.helper(&key, &[it_ty, ty], ty, |rt, b| {
            let (it, default) = (b.param(0), b.param(1));
            let end = rt.iteration_end(b);
            let v = b.try_call(&mut rt.m, next, vec![it], end.failed, end.etype, end.evalue);
            let v = rt.convert_item(b, v, &item, &result);
            b.ret(v);
            rt.at_iteration_end(b, end, |_, b| b.ret(default));
        })
    }

    /// A new list of the items an iterator yields (a resizable list of
    /// its item representation).
    pub fn iter_to_list(&mut self, i: &IterRepr) -> FuncId {
        let it_ty = self.lltype(&Repr::Iter(i.clone()));
        let list = Repr::List(Box::new(self.iter_item(i)));
        let list_ty = self.lltype(&list);
        let key = format!("iter_to_list_{}", it_ty.as_u32());
        let next = self.iter_next(i);
        let new = self.list_new(&list);
        let append = self.list_append(&list);
        self.helper(&key, &[it_ty], list_ty, |rt, b| {
            let it = b.param(0);
            let zero = b.int(0);
            let l = rt.call(b, new, vec![zero]);
            let result = l.clone();
            rt.for_each_item(
                b,
                next,
                it,
                |rt, b, v| {
                    rt.call(b, append, vec![l, v]);
                },
                |_, b| b.ret(result),
            );
        })
    }

    /// In a helper being built: calls `next` on iterator `it` until it
    /// raises, building `body` for each item; then `done` (which must end
    /// its block) at `StopIteration`, while other exceptions go on.
    pub fn for_each_item(
        &mut self,
        b: &mut FnBuilder,
        next: FuncId,
        it: Operand,
        body: impl FnOnce(&mut Self, &mut FnBuilder, Operand),
        done: impl FnOnce(&mut Self, &mut FnBuilder),
    ) {
        let end = self.iteration_end(b);
        let head = b.label();
        b.jump(head);
        b.place(head);
        let v = b.try_call(
            &mut self.m,
            next,
            vec![it],
            end.failed,
            end.etype,
            end.evalue,
        );
        body(self, b, v);
        if b.is_open() {
            b.jump(head);
        }
        self.at_iteration_end(b, end, done);
    }

    /// Starts catching what calls of `next` raise in a helper being
    /// built: make it before the calls, pass its label and locals to
    /// [`FnBuilder::try_call`], and finish with
    /// [`Rtyper::at_iteration_end`].
    pub fn iteration_end(&mut self, b: &mut FnBuilder) -> IterationEnd {
        let root = Repr::Instance(self.root_exception_class());
        let root_ty = self.lltype(&root);
        let null_t = b.null(self.t.vtable_ptr);
        let null_v = b.null(root_ty);
        let etype = b.local(null_t);
        let evalue = b.local(null_v);
        IterationEnd {
            failed: b.label(),
            etype,
            evalue,
        }
    }

    /// Builds the place calls of `next` go when they raise: `done` (which
    /// must end its block) on `StopIteration`, else the exception goes on.
    pub fn at_iteration_end(
        &mut self,
        b: &mut FnBuilder,
        end: IterationEnd,
        done: impl FnOnce(&mut Self, &mut FnBuilder),
    ) {
        let matches = self.class_matcher();
        let stop = self
            .builtin_class("StopIteration")
            .expect("StopIteration is laid out by setup_classes");
        let stop_vt = Operand::Const(self.vtable_constant(stop));
        b.place(end.failed);
        let t = b.get(end.etype);
        let is_stop = self.call(b, matches, vec![t.clone(), stop_vt]);
        b.if_then(self, is_stop, done);
        let v = b.get(end.evalue);
        b.raise(t, v);
    }
}
