//! Operations on lists and other sequences in translated graphs: item
//! and slice access, membership, and the methods of lists.

use frontend::host::Value;
use lltype::{ConstValue, Constant, LlOp, Operand};

use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOp = flowgraph::Operation<Value>;
type FlowOperand = flowgraph::Operand<Value>;

impl Rtyper<'_, '_> {
    /// The `Void` constant.
    pub fn void_const(&self) -> Operand {
        Operand::Const(Constant::new(ConstValue::Void, self.t.void))
    }

    /// A new list holding these values.
    pub fn new_list_in(&mut self, cx: &mut GraphCx, r: &Repr, values: Vec<Operand>) -> Operand {
        let s = self.t.signed;
        let n = Operand::Const(Constant::new(ConstValue::Int(values.len() as i128), s));
        let f = self.list_new(r);
        let l = self.call_in(cx, f, vec![n]);
        let item_ty = self.lltype(Self::list_item(r));
        if values.is_empty() || self.is_void(item_ty) {
            return l;
        }
        let array = match r {
            Repr::FixedList(_) => l.clone(),
            _ => {
                let ty = self.lltype(r);
                let st = self.m.types.pointee(ty).expect("a pointer");
                let array_ty = self.m.types.as_struct(st).expect("a struct").fields[1].ty;
                let name = self.name_const("items");
                cx.emit(LlOp::GetField, vec![l.clone(), name], array_ty)
            }
        };
        for (i, v) in values.into_iter().enumerate() {
            let index = Operand::Const(Constant::new(ConstValue::Int(i as i128), s));
            cx.emit(
                LlOp::SetArrayItem,
                vec![array.clone(), index, v],
                self.t.void,
            );
        }
        l
    }

    /// `new(n)`: a list of `n` zero items.
    pub fn list_new(&mut self, r: &Repr) -> lltype::FuncId {
        let ty = self.lltype(r);
        let key = format!("list_new_{}", ty.as_u32());
        let s = self.t.signed;
        let r = r.clone();
        self.helper(&key, &[s], ty, |rt, b| {
            let n = b.param(0);
            let l = rt.list_alloc(b, &r, n);
            b.ret(l);
        })
    }

    /// The bounds of a slice operand.
    fn slice_bounds(
        &mut self,
        cx: &mut GraphCx,
        o: &FlowOperand,
    ) -> Result<(Operand, Operand), RtypeError> {
        let slice = self.operand_as(cx, o, &Repr::Slice)?;
        let s = self.t.signed;
        let start = self.name_const("start");
        let stop = self.name_const("stop");
        let a = cx.emit(LlOp::GetField, vec![slice.clone(), start], s);
        let b = cx.emit(LlOp::GetField, vec![slice, stop], s);
        Ok((a, b))
    }

    /// `seq[slice]`.
    pub fn getslice(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        r: &Repr,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        if self.slice_has_step(cx, &op.args[1]) {
            return self.getslice_step(cx, &op.args[0], &op.args[1], r, result);
        }
        let (start, stop) = self.slice_bounds(cx, &op.args[1])?;
        let v = self.operand_as(cx, &op.args[0], r)?;
        match r {
            Repr::List(_) | Repr::FixedList(_) => {
                let f = self.list_slice(r, result);
                Ok(self.call_in(cx, f, vec![v, start, stop]))
            }
            Repr::Bytes => {
                let f = self.bytes_slice();
                let s = self.call_in(cx, f, vec![v, start, stop]);
                self.convert(cx, s, &Repr::Bytes, result)
            }
            Repr::Str => {
                let f = self.str_slice();
                let s = self.call_in(cx, f, vec![v, start, stop]);
                self.convert(cx, s, &Repr::Str, result)
            }
            _ => Err(cx.error(format!(
                "not supported yet by the translator: slicing {}",
                self.describe_repr(r)
            ))),
        }
    }

    /// `obj[key] = value`.
    pub fn setitem(&mut self, cx: &mut GraphCx, op: &FlowOp) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, &op.args[0]);
        let key = self.operand_repr(cx, &op.args[1]);
        match (&r, key) {
            (Repr::List(_), Repr::Slice) if self.slice_has_step(cx, &op.args[1]) => {
                Err(cx
                    .error("not supported yet by the translator: assigning to a slice with a step"))
            }
            (Repr::List(_), Repr::Slice) => {
                let other = self.operand_repr(cx, &op.args[2]);
                if !matches!(other, Repr::List(_) | Repr::FixedList(_)) {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: assigning {} to a slice",
                        self.describe_repr(&other)
                    )));
                }
                let (start, stop) = self.slice_bounds(cx, &op.args[1])?;
                let l = self.operand_as(cx, &op.args[0], &r)?;
                let o = self.operand_as(cx, &op.args[2], &other)?;
                let f = self.list_setslice(&r, &other);
                self.call_in(cx, f, vec![l, start, stop, o]);
                Ok(self.void_const())
            }
            (Repr::List(item) | Repr::FixedList(item), _) => {
                let item = (**item).clone();
                let l = self.operand_as(cx, &op.args[0], &r)?;
                let i = self.operand_as(cx, &op.args[1], &Repr::Int)?;
                let v = self.operand_as(cx, &op.args[2], &item)?;
                let f = self.list_setitem(&r);
                self.call_raising(cx, f, vec![l, i, v]);
                Ok(self.void_const())
            }
            (Repr::Dict(..), _) => self.dict_setitem_op(cx, op, &r),
            _ => Err(cx.error(format!(
                "not supported yet by the translator: item assignment on {r_desc}",
                r_desc = self.describe_repr(&r)
            ))),
        }
    }

    /// `del obj[key]`.
    pub fn delitem(&mut self, cx: &mut GraphCx, op: &FlowOp) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, &op.args[0]);
        let key = self.operand_repr(cx, &op.args[1]);
        match (&r, key) {
            (Repr::List(_), Repr::Slice) if self.slice_has_step(cx, &op.args[1]) => {
                Err(cx.error("not supported yet by the translator: deleting a slice with a step"))
            }
            (Repr::List(_), Repr::Slice) => {
                let (start, stop) = self.slice_bounds(cx, &op.args[1])?;
                let l = self.operand_as(cx, &op.args[0], &r)?;
                let f = self.list_delslice(&r);
                self.call_in(cx, f, vec![l, start, stop]);
                Ok(self.void_const())
            }
            (Repr::Dict(..), _) => self.dict_delitem_op(cx, op, &r),
            (Repr::List(_), _) => {
                let l = self.operand_as(cx, &op.args[0], &r)?;
                let i = self.operand_as(cx, &op.args[1], &Repr::Int)?;
                let f = self.list_delitem(&r);
                self.call_raising(cx, f, vec![l, i]);
                Ok(self.void_const())
            }
            _ => Err(cx.error(format!(
                "not supported yet by the translator: deleting items of {r_desc}",
                r_desc = self.describe_repr(&r)
            ))),
        }
    }

    /// `x in container`.
    pub fn contains(
        &mut self,
        cx: &mut GraphCx,
        container: &FlowOperand,
        x: &FlowOperand,
    ) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, container);
        match &r {
            Repr::Dict(..) | Repr::Set(_) => self.dict_contains_op(cx, container, x, &r),
            Repr::List(item) | Repr::FixedList(item) => {
                let item = (**item).clone();
                let Some(f) = self.list_find(&r) else {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: `in` on a list of {item_desc}",
                        item_desc = self.describe_repr(&item)
                    )));
                };
                let l = self.operand_as(cx, container, &r)?;
                let v = self.compared_operand(cx, x, &item)?;
                let at = self.call_in(cx, f, vec![l, v]);
                let zero = Operand::Const(Constant::new(ConstValue::Int(0), self.t.signed));
                Ok(cx.emit(LlOp::IntGe, vec![at, zero], self.t.bool))
            }
            Repr::Tuple(_) => self.tuple_contains(cx, container, x),
            Repr::Str | Repr::UniChar | Repr::Bytes if self.operand_repr(cx, x) != Repr::Int => {
                let s = self.str_operand(cx, container)?;
                let sub = self.str_operand(cx, x)?;
                let f = self.str_find();
                let s0 = Operand::Const(Constant::new(ConstValue::Int(0), self.t.signed));
                let at = self.call_in(cx, f, vec![s, sub, s0]);
                let zero = Operand::Const(Constant::new(ConstValue::Int(0), self.t.signed));
                Ok(cx.emit(LlOp::IntGe, vec![at, zero], self.t.bool))
            }
            _ => Err(cx.error(format!(
                "not supported yet by the translator: `in` on {r_desc}",
                r_desc = self.describe_repr(&r)
            ))),
        }
    }

    /// `receiver.name(args)` for built-in types.
    pub fn call_method(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        this: Operand,
        receiver: &Repr,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let s = self.t.signed;
        let int = |i: i64| Operand::Const(Constant::new(ConstValue::Int(i.into()), s));
        match (receiver, name) {
            (Repr::Dict(..) | Repr::Set(_), _) => {
                self.dict_method_op(cx, name, this, receiver, args, result)
            }
            (Repr::List(item), _) | (Repr::FixedList(item), _) => {
                let item = (**item).clone();
                match name {
                    "append" => {
                        let v = self.operand_as(cx, &args[0], &item)?;
                        let f = self.list_append(receiver);
                        self.call_in(cx, f, vec![this, v]);
                        Ok(self.void_const())
                    }
                    "pop" => {
                        let i = match args.first() {
                            Some(a) => self.operand_as(cx, a, &Repr::Int)?,
                            None => int(-1),
                        };
                        let f = self.list_pop(receiver);
                        let v = self.call_raising(cx, f, vec![this, i]);
                        self.convert(cx, v, &item, result)
                    }
                    "insert" => {
                        let i = self.operand_as(cx, &args[0], &Repr::Int)?;
                        let v = self.operand_as(cx, &args[1], &item)?;
                        let f = self.list_insert(receiver);
                        self.call_in(cx, f, vec![this, i, v]);
                        Ok(self.void_const())
                    }
                    "extend" => {
                        let other = self.operand_repr(cx, &args[0]);
                        if !matches!(other, Repr::List(_) | Repr::FixedList(_)) {
                            return Err(cx.error(format!(
                                "not supported yet by the translator: extend() with {other_desc}",
                                other_desc = self.describe_repr(&other)
                            )));
                        }
                        let o = self.operand_as(cx, &args[0], &other)?;
                        let f = self.list_extend(receiver, &other);
                        self.call_in(cx, f, vec![this, o]);
                        Ok(self.void_const())
                    }
                    "sort" if args.is_empty() && Self::item_lt_supported(&item) => {
                        let f = self.list_sort(receiver);
                        self.call_in(cx, f, vec![this]);
                        Ok(self.void_const())
                    }
                    "reverse" => {
                        let f = self.list_reverse(receiver);
                        self.call_in(cx, f, vec![this]);
                        Ok(self.void_const())
                    }
                    "remove" | "count" | "index" if !self.item_eq_supported(&item) => Err(cx
                        .error(format!(
                            "not supported yet by the translator: {name}() on a list of {}",
                            self.describe_repr(&item)
                        ))),
                    "remove" => {
                        let v = self.compared_operand(cx, &args[0], &item)?;
                        let f = self.list_remove(receiver);
                        self.call_raising(cx, f, vec![this, v]);
                        Ok(self.void_const())
                    }
                    "count" => {
                        let v = self.compared_operand(cx, &args[0], &item)?;
                        let f = self.list_count(receiver);
                        Ok(self.call_in(cx, f, vec![this, v]))
                    }
                    "clear" => {
                        let f = self.list_resize(receiver);
                        self.call_in(cx, f, vec![this, int(0)]);
                        Ok(self.void_const())
                    }
                    "copy" => {
                        let f = self.list_slice(receiver, result);
                        let v = self.call_in(cx, f, vec![this, int(0), int(i64::MAX)]);
                        Ok(v)
                    }
                    "index" => {
                        let v = self.compared_operand(cx, &args[0], &item)?;
                        let start = match args.get(1) {
                            Some(a) => self.operand_as(cx, a, &Repr::Int)?,
                            None => int(0),
                        };
                        let stop = match args.get(2) {
                            Some(a) => self.operand_as(cx, a, &Repr::Int)?,
                            None => int(i64::MAX),
                        };
                        let g = self.list_index(receiver);
                        let at = self.call_raising(cx, g, vec![this, v, start, stop]);
                        Ok(at)
                    }
                    _ => Err(cx.error(format!(
                        "not supported yet by the translator: the list method `{name}`"
                    ))),
                }
            }
            (Repr::File, _) => self.call_file_method(cx, name, this, args, result),
            (Repr::Str | Repr::UniChar, "encode") | (Repr::Bytes, "decode") => {
                let constant = |i: usize, default: &str| match args.get(i) {
                    Some(FlowOperand::Const(Value::Str(e))) => Some(e.as_str().to_string()),
                    None => Some(default.to_string()),
                    _ => None,
                };
                let Some(encoding) = constant(0, "utf-8") else {
                    return Err(cx.error("the encoding must be a constant"));
                };
                let Some(errors) = constant(1, "strict") else {
                    return Err(cx.error("the error handler must be a constant"));
                };
                let Some(handler) = crate::helpers::error_handler(&errors) else {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: the error handler `{errors}` \
                         (supported: strict, replace, ignore, surrogateescape)"
                    )));
                };
                let f = if name == "encode" {
                    self.str_encode(&encoding, handler)
                } else {
                    self.bytes_decode(&encoding, handler)
                };
                let Some(f) = f else {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: the encoding `{encoding}` \
                         (supported: utf-8, ascii, latin-1)"
                    )));
                };
                let (from, to) = if name == "encode" {
                    (Repr::Str, Repr::Bytes)
                } else {
                    (Repr::Bytes, Repr::Str)
                };
                let this = self.convert(cx, this, receiver, &from)?;
                let v = self.call_raising(cx, f, vec![this]);
                self.convert(cx, v, &to, result)
            }
            (Repr::Str | Repr::UniChar, _) => {
                self.str_method(cx, name, this, receiver, args, result)
            }
            (Repr::Bytes | Repr::Char, _) => {
                self.bytes_method(cx, name, this, receiver, args, result)
            }
            _ => Err(cx.error(format!(
                "not supported yet by the translator: the method `{name}` of {receiver_desc}",
                receiver_desc = self.describe_repr(&receiver)
            ))),
        }
    }

    /// `l.index(v, start, stop)`: the first position of `v` between
    /// `start` and `stop` (clamped as slice bounds are), `ValueError`
    /// naming `repr(v)` when absent.
    fn list_index(&mut self, r: &Repr) -> lltype::FuncId {
        let ty = self.lltype(r);
        let item = Self::list_item(r).clone();
        let item_ty = self.lltype(&item);
        let key = format!("list_index_{}", ty.as_u32());
        let s = self.t.signed;
        let r = r.clone();
        self.helper(&key, &[ty, item_ty, s, s], s, |rt, b| {
            let (l, v, start, stop) = (b.param(0), b.param(1), b.param(2), b.param(3));
            let len = rt.sequence_len(b, &r, l.clone());
            let (start, stop) = rt.clamp_slice(b, start, stop, len);
            b.for_range(rt, start, stop, |rt, b, i| {
                let x = rt.list_get(b, &r, l.clone(), i.clone());
                let eq = rt.item_eq(b, &item, x, v.clone());
                b.if_then(rt, eq, |_, b| b.ret(i.clone()));
            });
            match rt.repr_in_helper(b, v.clone(), &item) {
                Some(text) => {
                    let tail = Operand::Const(rt.str_constant(" is not in list"));
                    let concat = rt.str_concat();
                    let message = rt.call(b, concat, vec![text, tail]);
                    rt.raise_builtin_with(b, "ValueError", message);
                }
                None => rt.raise_builtin(b, "ValueError", "list.index(x): x not in list"),
            }
        })
    }

    /// A value compared with a list's items, as an item: a list that is
    /// never resized and one that is (or the reverse) differ in
    /// representation only, and a copy compares the same.
    fn compared_operand(
        &mut self,
        cx: &mut GraphCx,
        x: &FlowOperand,
        item: &Repr,
    ) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, x);
        match (&r, item) {
            (Repr::List(a) | Repr::FixedList(a), Repr::List(b) | Repr::FixedList(b))
                if a == b && r != *item =>
            {
                let v = self.operand_as(cx, x, &r)?;
                let (from_ty, to_ty) = (self.lltype(&r), self.lltype(item));
                let key = format!("list_copy_or_none_{}_{}", from_ty.as_u32(), to_ty.as_u32());
                let copy = self.list_slice(&r, item);
                let boolean = self.t.bool;
                let f = self.helper(&key, &[from_ty], to_ty, |rt, b| {
                    let l = b.param(0);
                    let null = b.op(LlOp::PtrIsZero, vec![l.clone()], boolean);
                    b.if_then(rt, null, |_, b| {
                        let none = b.null(to_ty);
                        b.ret(none);
                    });
                    let (zero, all) = (
                        b.int(0),
                        b.konst(ConstValue::Int(i64::MAX.into()), rt.t.signed),
                    );
                    let v = rt.call(b, copy, vec![l, zero, all]);
                    b.ret(v);
                });
                Ok(self.call_in(cx, f, vec![v]))
            }
            _ => self.operand_as(cx, x, item),
        }
    }

    /// `l.remove(v)`: deletes the first item equal to `v`, `ValueError`
    /// when there is none.
    fn list_remove(&mut self, r: &Repr) -> lltype::FuncId {
        let ty = self.lltype(r);
        let item = Self::list_item(r).clone();
        let item_ty = self.lltype(&item);
        let key = format!("list_remove_{}", ty.as_u32());
        let delslice = self.list_delslice(r);
        let void = self.t.void;
        let r = r.clone();
        self.helper(&key, &[ty, item_ty], void, |rt, b| {
            let (l, v) = (b.param(0), b.param(1));
            let zero = b.int(0);
            let len = rt.sequence_len(b, &r, l.clone());
            b.for_range(rt, zero, len, |rt, b, i| {
                let x = rt.list_get(b, &r, l.clone(), i.clone());
                let eq = rt.item_eq(b, &item, x, v.clone());
                b.if_then(rt, eq, |rt, b| {
                    let one = b.int(1);
                    let next = b.int_op(LlOp::IntAdd, i.clone(), one);
                    rt.call(b, delslice, vec![l.clone(), i.clone(), next]);
                    b.ret_void();
                });
            });
            rt.raise_builtin(b, "ValueError", "list.remove(x): x not in list");
        })
    }

    /// `l.count(v)`: how many items equal `v`.
    fn list_count(&mut self, r: &Repr) -> lltype::FuncId {
        let ty = self.lltype(r);
        let item = Self::list_item(r).clone();
        let item_ty = self.lltype(&item);
        let key = format!("list_count_{}", ty.as_u32());
        let s = self.t.signed;
        let r = r.clone();
        self.helper(&key, &[ty, item_ty], s, |rt, b| {
            let (l, v) = (b.param(0), b.param(1));
            let count = b.local(b.int(0));
            let zero = b.int(0);
            let len = rt.sequence_len(b, &r, l.clone());
            b.for_range(rt, zero, len, |rt, b, i| {
                let x = rt.list_get(b, &r, l.clone(), i);
                let eq = rt.item_eq(b, &item, x, v.clone());
                b.if_then(rt, eq, |_, b| {
                    let c = b.get(count);
                    let one = b.int(1);
                    let next = b.int_op(LlOp::IntAdd, c, one);
                    b.set(count, next);
                });
            });
            let c = b.get(count);
            b.ret(c);
        })
    }

    /// `l[start:stop] = other`: the items between the clamped bounds
    /// replaced by a copy of `other`'s (taken first: `other` may be `l`).
    fn list_setslice(&mut self, r: &Repr, other: &Repr) -> lltype::FuncId {
        let ty = self.lltype(r);
        let other_ty = self.lltype(other);
        let key = format!("list_setslice_{}_{}", ty.as_u32(), other_ty.as_u32());
        let resize = self.list_resize(r);
        let (s, void) = (self.t.signed, self.t.void);
        let item = Self::list_item(r).clone();
        let other_item = Self::list_item(other).clone();
        let scratch = Repr::FixedList(Box::new(item.clone()));
        // Items without a run-time type where the list's have one: the
        // other list is an empty literal (the annotator unified the rest).
        let (item_ty, other_item_ty) = (self.lltype(&item), self.lltype(&other_item));
        let untyped =
            other_item_ty == void && item_ty != void && self.m.types.pointee(item_ty).is_none();
        let (r, other) = (r.clone(), other.clone());
        self.helper(&key, &[ty, s, s, other_ty], void, |rt, b| {
            let (l, start, stop, o) = (b.param(0), b.param(1), b.param(2), b.param(3));
            let zero = b.int(0);
            // The other's items, converted, in a list of their own.
            let n = if untyped {
                zero.clone()
            } else {
                rt.sequence_len(b, &other, o.clone())
            };
            let items = rt.list_alloc(b, &scratch, n.clone());
            if !untyped {
                b.for_range(rt, zero.clone(), n.clone(), |rt, b, k| {
                    let v = rt.list_get(b, &other, o.clone(), k.clone());
                    let v = rt
                        .convert_in_helper(b, v, &other_item, &item, false)
                        .expect("the annotator unified the items");
                    rt.list_set(b, &scratch, items.clone(), k, v);
                });
            }
            let len = rt.sequence_len(b, &r, l.clone());
            let (start, stop) = rt.clamp_slice(b, start, stop, len.clone());
            let removed = b.int_op(LlOp::IntSub, stop.clone(), start.clone());
            let tail = b.int_op(LlOp::IntSub, len.clone(), stop.clone());
            let grow = b.int_op(LlOp::IntSub, n.clone(), removed);
            let new_len = b.int_op(LlOp::IntAdd, len, grow.clone());
            let growing = b.int_op(LlOp::IntGt, grow.clone(), zero.clone());
            b.if_else(
                rt,
                growing,
                |rt, b| {
                    // Room first, then the tail moves right, last item first.
                    rt.call(b, resize, vec![l.clone(), new_len.clone()]);
                    b.for_range(rt, zero.clone(), tail.clone(), |rt, b, k| {
                        let one = b.int(1);
                        let back = b.int_op(LlOp::IntAdd, k, one);
                        let from = b.int_op(LlOp::IntSub, new_len.clone(), back.clone());
                        let from = b.int_op(LlOp::IntSub, from, grow.clone());
                        let to = b.int_op(LlOp::IntSub, new_len.clone(), back);
                        let v = rt.list_get(b, &r, l.clone(), from);
                        rt.list_set(b, &r, l.clone(), to, v);
                    });
                },
                |rt, b| {
                    // The tail moves left, first item first, then the
                    // list shrinks.
                    b.for_range(rt, zero.clone(), tail.clone(), |rt, b, k| {
                        let from = b.int_op(LlOp::IntAdd, stop.clone(), k);
                        let to = b.int_op(LlOp::IntAdd, from.clone(), grow.clone());
                        let v = rt.list_get(b, &r, l.clone(), from);
                        rt.list_set(b, &r, l.clone(), to, v);
                    });
                    rt.call(b, resize, vec![l.clone(), new_len.clone()]);
                },
            );
            b.for_range(rt, zero, n, |rt, b, k| {
                let v = rt.list_get(b, &scratch, items.clone(), k.clone());
                let to = b.int_op(LlOp::IntAdd, start.clone(), k);
                rt.list_set(b, &r, l.clone(), to, v);
            });
            b.ret_void();
        })
    }

    /// `del l[start:stop]`.
    pub fn list_delslice(&mut self, r: &Repr) -> lltype::FuncId {
        let ty = self.lltype(r);
        let key = format!("list_delslice_{}", ty.as_u32());
        let resize = self.list_resize(r);
        let (s, void) = (self.t.signed, self.t.void);
        let r = r.clone();
        self.helper(&key, &[ty, s, s], void, |rt, b| {
            let (l, start, stop) = (b.param(0), b.param(1), b.param(2));
            let len = b.getfield(l.clone(), "length", s);
            let (start, stop) = rt.clamp_slice(b, start, stop, len.clone());
            let gone = b.int_op(LlOp::IntSub, stop.clone(), start.clone());
            let tail = b.int_op(LlOp::IntSub, len.clone(), stop.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, tail, |rt, b, i| {
                let from = b.int_op(LlOp::IntAdd, stop.clone(), i.clone());
                let to = b.int_op(LlOp::IntAdd, start.clone(), i);
                let v = rt.list_get(b, &r, l.clone(), from);
                rt.list_set(b, &r, l.clone(), to, v);
            });
            let n = b.int_op(LlOp::IntSub, len, gone);
            rt.call(b, resize, vec![l, n]);
            b.ret_void();
        })
    }
}
