//! Dict and set operations in translated graphs: the operations, methods
//! and built-ins of `dict` and `set`, each becoming a call of a helper
//! of `dicts.rs` or `sets.rs`.

use flowgraph::OpKind;
use frontend::host::Value;
use lltype::{ConstValue, Constant, LlOp, Operand};

use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::{IterRepr, Repr};
use crate::sets::SetOp;

type FlowOp = flowgraph::Operation<Value>;
type FlowOperand = flowgraph::Operand<Value>;

impl Rtyper<'_, '_> {
    /// `newdict(k1, v1, ...)` and `newset(items...)`.
    pub fn new_dict_op(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        if !matches!(result, Repr::Dict(..) | Repr::Set(_)) {
            return Err(cx.error("internal: a new dict without a dict representation"));
        }
        let new = self.dict_new(result);
        let d = self.call_in(cx, new, Vec::new());
        let chunk = if op.kind == OpKind::NewDict { 2 } else { 1 };
        for pair in op.args.chunks(chunk) {
            let mut args = vec![d.clone()];
            args.extend(self.key_value_args(cx, result, &pair[0], pair.get(1))?);
            let set = self.dict_setitem(result);
            self.call_in(cx, set, args);
        }
        Ok(d)
    }

    /// The key (and value, unless `Void`) arguments of a store.
    fn key_value_args(
        &mut self,
        cx: &mut GraphCx,
        r: &Repr,
        k: &FlowOperand,
        v: Option<&FlowOperand>,
    ) -> Result<Vec<Operand>, RtypeError> {
        let (key, value) = Self::dict_parts(r);
        let mut args = vec![self.operand_as(cx, k, &key)?];
        let value_ty = self.lltype(&value);
        if !self.is_void(value_ty) {
            let Some(v) = v else {
                return Err(cx.error("internal: a dict store without a value"));
            };
            args.push(self.operand_as(cx, v, &value)?);
        }
        Ok(args)
    }

    /// `set_add(s, item)` (set comprehensions).
    pub fn set_add_op(&mut self, cx: &mut GraphCx, op: &FlowOp) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, &op.args[0]);
        if !matches!(r, Repr::Set(_)) {
            return Err(cx.error(format!(
                "not supported yet by the translator: set_add on {r_desc}",
                r_desc = self.describe_repr(&r)
            )));
        }
        let s = self.operand_as(cx, &op.args[0], &r)?;
        let mut args = vec![s];
        args.extend(self.key_value_args(cx, &r, &op.args[1], None)?);
        let f = self.dict_setitem(&r);
        self.call_in(cx, f, args);
        Ok(self.void_const())
    }

    /// `d[k]`.
    pub fn dict_getitem_op(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        r: &Repr,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let (key, value) = Self::dict_parts(r);
        let d = self.operand_as(cx, &op.args[0], r)?;
        let k = self.operand_as(cx, &op.args[1], &key)?;
        let f = self.dict_getitem(r);
        let v = self.call_raising(cx, f, vec![d, k]);
        self.convert(cx, v, &value, result)
    }

    /// `d[k] = v`.
    pub fn dict_setitem_op(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        r: &Repr,
    ) -> Result<Operand, RtypeError> {
        let d = self.operand_as(cx, &op.args[0], r)?;
        let mut args = vec![d];
        args.extend(self.key_value_args(cx, r, &op.args[1], Some(&op.args[2]))?);
        let f = self.dict_setitem(r);
        self.call_in(cx, f, args);
        Ok(self.void_const())
    }

    /// `del d[k]`.
    pub fn dict_delitem_op(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        r: &Repr,
    ) -> Result<Operand, RtypeError> {
        let (key, _) = Self::dict_parts(r);
        let d = self.operand_as(cx, &op.args[0], r)?;
        let k = self.operand_as(cx, &op.args[1], &key)?;
        let f = self.dict_pop(r);
        self.call_raising(cx, f, vec![d, k]);
        Ok(self.void_const())
    }

    /// `k in d`.
    pub fn dict_contains_op(
        &mut self,
        cx: &mut GraphCx,
        container: &FlowOperand,
        x: &FlowOperand,
        r: &Repr,
    ) -> Result<Operand, RtypeError> {
        let (key, _) = Self::dict_parts(r);
        let d = self.operand_as(cx, container, r)?;
        if key == Repr::UniChar && self.operand_repr(cx, x) == Repr::Str {
            // A str probed in a dict of single characters (`in` does not
            // widen the keys as a store would).
            let s = self.operand_as(cx, x, &Repr::Str)?;
            let f = self.dict_contains_str(r);
            return Ok(self.call_in(cx, f, vec![d, s]));
        }
        let k = self.operand_as(cx, x, &key)?;
        let f = self.dict_contains(r);
        Ok(self.call_in(cx, f, vec![d, k]))
    }

    /// `len(d)`.
    pub fn dict_len(&mut self, cx: &mut GraphCx, d: Operand) -> Operand {
        let name = self.name_const("num_items");
        cx.emit(LlOp::GetField, vec![d, name], self.t.signed)
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` on sets, and their in-place
    /// forms (which change `a`).
    pub fn set_binary_op(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        kind: &OpKind,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let ra = self.operand_repr(cx, &op.args[0]);
        let rb = self.operand_repr(cx, &op.args[1]);
        if !matches!(
            (&ra, &rb, result),
            (Repr::Set(_), Repr::Set(_), Repr::Set(_))
        ) {
            return Err(cx.error(format!(
                "not supported yet by the translator: `{kind}` between {ra_desc} and {rb_desc}",
                ra_desc = self.describe_repr(&ra),
                rb_desc = self.describe_repr(&rb)
            )));
        }
        let setop = match kind {
            OpKind::Or => SetOp::Union,
            OpKind::And => SetOp::Intersection,
            OpKind::Sub => SetOp::Difference,
            _ => SetOp::SymmetricDifference,
        };
        let inplace = !matches!(
            op.kind,
            OpKind::Or | OpKind::And | OpKind::Sub | OpKind::Xor
        ) && self.lltype(&ra) == self.lltype(result);
        self.check_set_op(cx, setop, inplace, &ra, &rb, result)?;
        let a = self.operand_as(cx, &op.args[0], &ra)?;
        let b = self.operand_as(cx, &op.args[1], &rb)?;
        if inplace {
            let f = match kind {
                OpKind::Or => self.dict_update(&ra, &rb),
                OpKind::And => self.set_retain(&ra, &rb, true),
                OpKind::Sub => self.set_retain(&ra, &rb, false),
                _ => self.set_toggle(&ra, &rb),
            };
            self.call_in(cx, f, vec![a.clone(), b]);
            return Ok(a);
        }
        let f = self.set_binary(setop, &ra, &rb, result);
        Ok(self.call_in(cx, f, vec![a, b]))
    }

    /// The methods of dicts and sets.
    pub fn dict_method_op(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        this: Operand,
        receiver: &Repr,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let r = receiver;
        let (key, value) = Self::dict_parts(r);
        let is_set = matches!(r, Repr::Set(_));
        let none = FlowOperand::Const(Value::None);
        let arg = |i: usize| args.get(i).unwrap_or(&none).clone();
        match (is_set, name) {
            (false, "get") | (false, "setdefault") | (false, "pop") => {
                let k = self.operand_as(cx, &arg(0), &key)?;
                if name == "pop" && args.len() == 1 {
                    let f = self.dict_pop(r);
                    let v = self.call_raising(cx, f, vec![this, k]);
                    return self.convert(cx, v, &value, result);
                }
                let default = self.operand_as(cx, &arg(1), &value)?;
                let f = match name {
                    "get" => self.dict_get(r, false),
                    "pop" => self.dict_get(r, true),
                    _ => self.dict_setdefault(r),
                };
                let v = self.call_in(cx, f, vec![this, k, default]);
                self.convert(cx, v, &value, result)
            }
            (false, "keys") | (false, "values") | (false, "items") => {
                let Repr::Iter(i) = result else {
                    return Err(cx.error(format!(
                        "internal: {name}() without an iterator representation"
                    )));
                };
                let f = self.iter_make(i, r);
                Ok(self.call_in(cx, f, vec![this]))
            }
            (false, "update") | (true, "update") => {
                let other = self.operand_repr(cx, &arg(0));
                let o = self.operand_as(cx, &arg(0), &other)?;
                let f = match &other {
                    Repr::Dict(..) | Repr::Set(_) => {
                        self.keys_convert(cx, &other, r)?;
                        self.dict_update(r, &other)
                    }
                    Repr::List(_) | Repr::FixedList(_) | Repr::Str
                        if is_set
                            && self.item_convertible(&Self::set_source_item(&other), &key) =>
                    {
                        self.set_add_seq(r, &other)
                    }
                    Repr::Iter(it) if is_set && self.can_fill_from_iter(r, it) => {
                        let it = it.clone();
                        self.fill_from_iter(r, &it)
                    }
                    _ => {
                        return Err(cx.error(format!(
                            "not supported yet by the translator: update() with {other_desc}",
                            other_desc = self.describe_repr(&other)
                        )))
                    }
                };
                self.call_in(cx, f, vec![this, o]);
                Ok(self.void_const())
            }
            (_, "clear") => {
                let f = self.dict_clear(r);
                self.call_in(cx, f, vec![this]);
                Ok(self.void_const())
            }
            (_, "copy") => {
                let f = self.dict_copy(r);
                let c = self.call_in(cx, f, vec![this]);
                self.convert(cx, c, r, result)
            }
            (false, "popitem") | (true, "pop") => {
                let f = self.dict_pop_any(r, !is_set);
                let v = self.call_raising(cx, f, vec![this]);
                let have = if is_set {
                    key
                } else {
                    Repr::Tuple(vec![key, value])
                };
                self.convert(cx, v, &have, result)
            }
            (true, "add") => {
                let k = self.operand_as(cx, &arg(0), &key)?;
                let f = self.dict_setitem(r);
                self.call_in(cx, f, vec![this, k]);
                Ok(self.void_const())
            }
            (true, "discard") => {
                let k = self.operand_as(cx, &arg(0), &key)?;
                let f = self.dict_discard(r);
                self.call_in(cx, f, vec![this, k]);
                Ok(self.void_const())
            }
            (true, "remove") => {
                let k = self.operand_as(cx, &arg(0), &key)?;
                let f = self.set_remove(r);
                self.call_raising(cx, f, vec![this, k]);
                Ok(self.void_const())
            }
            (true, "union" | "intersection" | "difference" | "symmetric_difference") => {
                let other = self.operand_repr(cx, &arg(0));
                if !matches!(other, Repr::Set(_)) {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: {name}() with {other_desc}",
                        other_desc = self.describe_repr(&other)
                    )));
                }
                let setop = match name {
                    "union" => SetOp::Union,
                    "intersection" => SetOp::Intersection,
                    "difference" => SetOp::Difference,
                    _ => SetOp::SymmetricDifference,
                };
                self.check_set_op(cx, setop, false, r, &other, result)?;
                let o = self.operand_as(cx, &arg(0), &other)?;
                let f = self.set_binary(setop, r, &other, result);
                Ok(self.call_in(cx, f, vec![this, o]))
            }
            (true, "issubset" | "issuperset" | "isdisjoint") => {
                let other = self.operand_repr(cx, &arg(0));
                if !matches!(other, Repr::Set(_)) {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: {name}() with {other_desc}",
                        other_desc = self.describe_repr(&other)
                    )));
                }
                if name == "issuperset" {
                    self.keys_convert(cx, &other, r)?;
                } else {
                    self.keys_convert(cx, r, &other)?;
                }
                let o = self.operand_as(cx, &arg(0), &other)?;
                let (f, args) = match name {
                    "issubset" => (self.set_all_in(r, &other, false), vec![this, o]),
                    "issuperset" => (self.set_all_in(&other, r, false), vec![o, this]),
                    _ => (self.set_all_in(r, &other, true), vec![this, o]),
                };
                Ok(self.call_in(cx, f, args))
            }
            _ => Err(cx.error(format!(
                "not supported yet by the translator: the method `{name}` of {r_desc}",
                r_desc = self.describe_repr(&r)
            ))),
        }
    }

    /// Checks that the keys (and values, between two dicts) of `from`
    /// convert to those of `to` inside helpers.
    fn keys_convert(&mut self, cx: &GraphCx, from: &Repr, to: &Repr) -> Result<(), RtypeError> {
        let (kf, vf) = Self::dict_parts(from);
        let (kt, vt) = Self::dict_parts(to);
        let values_ok = !matches!(to, Repr::Dict(..)) || self.item_convertible(&vf, &vt);
        if !self.item_convertible(&kf, &kt) || !values_ok {
            return Err(cx.error(format!(
                "not supported yet by the translator: mixing {from_desc} and {to_desc}",
                from_desc = self.describe_repr(&from),
                to_desc = self.describe_repr(&to)
            )));
        }
        Ok(())
    }

    /// Checks the key conversions a set operation makes: into the result
    /// (or `a` in place), and between the operands where one is probed
    /// for the other's keys.
    fn check_set_op(
        &mut self,
        cx: &GraphCx,
        op: SetOp,
        inplace: bool,
        a: &Repr,
        b: &Repr,
        result: &Repr,
    ) -> Result<(), RtypeError> {
        match (op, inplace) {
            (SetOp::Union, true) => self.keys_convert(cx, b, a),
            (SetOp::Union, false) => {
                self.keys_convert(cx, a, result)?;
                self.keys_convert(cx, b, result)
            }
            (SetOp::Intersection | SetOp::Difference, true) => self.keys_convert(cx, a, b),
            (SetOp::Intersection | SetOp::Difference, false) => {
                self.keys_convert(cx, a, result)?;
                self.keys_convert(cx, a, b)
            }
            (SetOp::SymmetricDifference, true) => self.keys_convert(cx, b, a),
            (SetOp::SymmetricDifference, false) => {
                self.keys_convert(cx, a, result)?;
                self.keys_convert(cx, b, result)?;
                self.keys_convert(cx, a, b)?;
                self.keys_convert(cx, b, a)
            }
        }
    }

    /// `dict(...)`, `set(...)`, and `list(...)` of a dict, set or dict
    /// view; `None` when the call is not one of these.
    pub fn dict_builtin(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Option<Result<Operand, RtypeError>> {
        match name {
            "dict" | "set" | "frozenset" if matches!(result, Repr::Dict(..) | Repr::Set(_)) => {
                Some(self.new_from(cx, args, result))
            }
            "sorted" if args.len() == 1 => Some(self.sorted(cx, &args[0], result)),
            "list" if args.len() == 1 => {
                let r = self.operand_repr(cx, &args[0]);
                if !matches!(
                    r,
                    Repr::Dict(..)
                        | Repr::Set(_)
                        | Repr::Iter(
                            IterRepr::DictKeys(_)
                                | IterRepr::DictValues(_)
                                | IterRepr::DictItems(_)
                        )
                ) {
                    return None;
                }
                Some(self.list_of_dict(cx, &args[0], &r, result))
            }
            _ => None,
        }
    }

    /// `sorted(x)` for a list, dict, set or dict view of sortable items.
    fn sorted(
        &mut self,
        cx: &mut GraphCx,
        a: &FlowOperand,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, a);
        let item_ok = match result {
            Repr::List(item) | Repr::FixedList(item) => Self::item_lt_supported(item),
            _ => false,
        };
        if !item_ok {
            return Err(cx.error(format!(
                "not supported yet by the translator: sorted() giving {result_desc}",
                result_desc = self.describe_repr(&result)
            )));
        }
        let l = match &r {
            Repr::List(_) | Repr::FixedList(_) => {
                let v = self.operand_as(cx, a, &r)?;
                self.list_copy_in(cx, v, &r, result)
            }
            Repr::Dict(..)
            | Repr::Set(_)
            | Repr::Iter(
                IterRepr::DictKeys(_) | IterRepr::DictValues(_) | IterRepr::DictItems(_),
            ) => self.list_of_dict(cx, a, &r, result)?,
            Repr::Iter(_) => {
                // The items collected into a new list, sorted in place
                // when it has the result's representation.
                let (l, r) = self.seq_operand(cx, a)?;
                if self.lltype(&r) == self.lltype(result) {
                    l
                } else {
                    self.list_copy_in(cx, l, &r, result)
                }
            }
            _ => {
                return Err(cx.error(format!(
                    "not supported yet by the translator: sorted() of {r_desc}",
                    r_desc = self.describe_repr(&r)
                )))
            }
        };
        let f = self.list_sort(result);
        self.call_in(cx, f, vec![l.clone()]);
        Ok(l)
    }

    /// `dict(x)` or `set(x)` as a new dict or set.
    fn new_from(
        &mut self,
        cx: &mut GraphCx,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let new = self.dict_new(result);
        let d = self.call_in(cx, new, Vec::new());
        let Some(a) = args.first() else {
            return Ok(d);
        };
        let r = self.operand_repr(cx, a);
        let v = self.operand_as(cx, a, &r)?;
        let f = match (&r, result) {
            (Repr::Dict(..), Repr::Dict(..)) | (Repr::Set(_) | Repr::Dict(..), Repr::Set(_)) => {
                self.keys_convert(cx, &r, result)?;
                self.dict_update(result, &r)
            }
            (Repr::List(_) | Repr::FixedList(_) | Repr::Str, Repr::Set(k))
                if self.item_convertible(&Self::set_source_item(&r), k) =>
            {
                self.set_add_seq(result, &r)
            }
            (Repr::Iter(it), _) if self.can_fill_from_iter(result, it) => {
                let it = it.clone();
                self.fill_from_iter(result, &it)
            }
            (Repr::List(item) | Repr::FixedList(item), Repr::Dict(k, val))
                if matches!(&**item, Repr::Tuple(t) if t.len() == 2
                    && t[0] == **k && t[1] == **val) =>
            {
                self.dict_add_pairs(result, &r)
            }
            _ => {
                return Err(cx.error(format!(
                    "not supported yet by the translator: {result_desc} built from {r_desc}",
                    result_desc = self.describe_repr(&result),
                    r_desc = self.describe_repr(&r)
                )))
            }
        };
        self.call_in(cx, f, vec![d.clone(), v]);
        Ok(d)
    }

    /// `list(d)`, `list(s)`, `list(d.keys())` and friends.
    fn list_of_dict(
        &mut self,
        cx: &mut GraphCx,
        a: &FlowOperand,
        r: &Repr,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        if !matches!(result, Repr::List(_) | Repr::FixedList(_)) {
            return Err(cx.error("internal: list() without a list representation"));
        }
        let v = self.operand_as(cx, a, r)?;
        let (d_repr, what, d, start) = match r {
            Repr::Iter(i) => {
                let (d_repr, what) = match i {
                    IterRepr::DictKeys(d) => (d, 0),
                    IterRepr::DictValues(d) => (d, 1),
                    IterRepr::DictItems(d) => (d, 2),
                    _ => unreachable!("checked by dict_builtin"),
                };
                let d_ty = self.lltype(d_repr);
                let name = self.name_const("dict");
                let d = cx.emit(LlOp::GetField, vec![v.clone(), name], d_ty);
                let name = self.name_const("index");
                let start = cx.emit(LlOp::GetField, vec![v, name], self.t.signed);
                ((**d_repr).clone(), what, d, start)
            }
            _ => {
                let zero = Operand::Const(Constant::new(ConstValue::Int(0), self.t.signed));
                (r.clone(), 0, v, zero)
            }
        };
        let (key, value) = Self::dict_parts(&d_repr);
        let item = match what {
            0 => key,
            1 => value,
            _ => Repr::Tuple(vec![key, value]),
        };
        let want = Self::list_item(result).clone();
        if !self.item_convertible(&item, &want) {
            return Err(cx.error(format!(
                "not supported yet by the translator: a list of {want_desc} from {item_desc}",
                want_desc = self.describe_repr(&want),
                item_desc = self.describe_repr(&item)
            )));
        }
        let f = self.dict_to_list(&d_repr, what, result);
        Ok(self.call_in(cx, f, vec![d, start]))
    }
}
