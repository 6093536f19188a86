//! High-level operations, rewritten by the representations of their
//! operands and result.

use annotator::{Desc, SomeValue};
use flowgraph::OpKind;
use frontend::host::Value;
use lltype::{ConstValue, Constant, LlOp, Operand};

use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::{IterRepr, Repr};

type FlowOp = flowgraph::Operation<Value>;
type FlowOperand = flowgraph::Operand<Value>;

impl Rtyper<'_, '_> {
    /// Translates one operation; returns the value of its result.
    pub fn translate_op(&mut self, cx: &mut GraphCx, op: &FlowOp) -> Result<Operand, RtypeError> {
        let result = self.var_repr(cx.g, op.result);
        if let Repr::Unsupported(what) = &result {
            return Err(cx.error(format!(
                "not supported yet by the translator: a value of type {what}"
            )));
        }
        use crate::repr::Repr;
        use OpKind::*;
        self.check_not_none(cx, op)?;
        match &op.kind {
            SameAs => self.operand_as(cx, &op.args[0], &result),
            Hint => self.operand_as(cx, &op.args[0], &result),
            Add | Sub | Mul | FloorDiv | Mod | TrueDiv | And | Or | Xor | LShift | RShift | Pow
            | InplaceAdd | InplaceSub | InplaceMul | InplaceFloorDiv | InplaceMod
            | InplaceTrueDiv | InplaceAnd | InplaceOr | InplaceXor | InplaceLShift
            | InplaceRShift | InplacePow => self.binary(cx, op, &result),
            Neg | Pos | Invert | Abs => self.unary(cx, op, &result),
            Lt | Le | Eq | Ne | Gt | Ge => self.compare(cx, op),
            Is | IsNot => self.identity(cx, op),
            IsTrue => self.truth(cx, &op.args[0]),
            BoolNot => {
                let v = self.truth(cx, &op.args[0])?;
                Ok(cx.emit(LlOp::BoolNot, vec![v], self.t.bool))
            }
            SimpleCall => self.simple_call(cx, op, &result),
            Format => self.format_op(cx, op, &result),
            BuildStr => self.buildstr_op(cx, op, &result),
            Str | Repr => {
                let s = self.text_of(cx, &op.args[0], op.kind == Repr)?;
                self.convert(cx, s, &crate::repr::Repr::Str, &result)
            }
            CallArgs(shape) if self.is_print_call(cx, op, shape) => {
                self.print_call_args(cx, op, shape)
            }
            CallArgs(shape) => self.call_args(cx, op, shape, &result),
            NewTuple => {
                let Repr::Tuple(items) = &result else {
                    return Err(cx.error("internal: a tuple without a tuple representation"));
                };
                let ty = self.lltype(&result);
                let t = cx.emit(LlOp::Malloc, Vec::new(), ty);
                for (i, (a, r)) in op.args.iter().zip(items.clone()).enumerate() {
                    let v = self.operand_as(cx, a, &r)?;
                    let item_ty = self.lltype(&r);
                    if !self.is_void(item_ty) {
                        let name = self.name_const(&format!("item{i}"));
                        cx.emit(LlOp::SetField, vec![t.clone(), name, v], self.t.void);
                    }
                }
                Ok(t)
            }
            GetItem => self.getitem(cx, op, &result),
            Len => self.len(cx, &op.args[0]),
            Type => {
                let r = self.operand_repr(cx, &op.args[0]);
                let Repr::Instance(_) = r else {
                    return Err(
                        cx.error("not supported yet by the translator: type() of a non-instance")
                    );
                };
                let v = self.operand_as(cx, &op.args[0], &r)?;
                let obj = cx.emit(LlOp::CastPointer, vec![v], self.t.object_ptr);
                let name = self.name_const("typeptr");
                Ok(cx.emit(LlOp::GetField, vec![obj, name], self.t.vtable_ptr))
            }
            GetAttr => self.getattr(cx, op, &result),
            Iter => {
                let Repr::Iter(i) = &result else {
                    return Err(cx.error("internal: iter() without an iterator representation"));
                };
                let r = self.operand_repr(cx, &op.args[0]);
                // A one-character str is iterated over as a str.
                let r = if r == Repr::UniChar { Repr::Str } else { r };
                let v = self.operand_as(cx, &op.args[0], &r)?;
                if r == result {
                    return Ok(v);
                }
                self.check_iter_source(cx, i, &r)?;
                let f = self.iter_make(i, &r);
                Ok(self.call_in(cx, f, vec![v]))
            }
            Next => {
                let r = self.operand_repr(cx, &op.args[0]);
                let Repr::Iter(i) = &r else {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: next() of {r_desc}",
                        r_desc = self.describe_repr(&r)
                    )));
                };
                let item = self.iter_item(i);
                let it = self.operand_as(cx, &op.args[0], &r)?;
                let f = self.iter_next(i);
                let v = self.call_raising(cx, f, vec![it]);
                self.convert(cx, v, &item, &result)
            }
            NewList => {
                let values = op
                    .args
                    .iter()
                    .map(|a| self.operand_as(cx, a, Self::list_item(&result)))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(self.new_list_in(cx, &result, values))
            }
            ListAppend => {
                let r = self.operand_repr(cx, &op.args[0]);
                let l = self.operand_as(cx, &op.args[0], &r)?;
                let v = self.operand_as(cx, &op.args[1], Self::list_item(&r))?;
                let f = self.list_append(&r);
                self.call_in(cx, f, vec![l, v]);
                Ok(self.void_const())
            }
            SetItem => self.setitem(cx, op),
            DelItem => self.delitem(cx, op),
            Contains | NotContains => {
                let v = self.contains(cx, &op.args[0], &op.args[1])?;
                Ok(if op.kind == NotContains {
                    cx.emit(LlOp::BoolNot, vec![v], self.t.bool)
                } else {
                    v
                })
            }
            NewSlice => {
                let s = self.t.signed;
                let ty = self.lltype(&Repr::Slice);
                let slice = cx.emit(LlOp::Malloc, Vec::new(), ty);
                for (k, (field, none)) in [("start", i64::MIN), ("stop", i64::MAX), ("step", 1)]
                    .into_iter()
                    .enumerate()
                {
                    let a = &op.args[k];
                    let v = match a {
                        FlowOperand::Const(Value::None) => {
                            Operand::Const(Constant::new(ConstValue::Int(none.into()), s))
                        }
                        _ if field == "step" => self.operand_as(cx, a, &Repr::Int)?,
                        _ => {
                            // A given start or stop equal to the omitted
                            // one's stand-in moves by one, to a value that
                            // clamps the same: with a negative step, an
                            // omitted start and `-sys.maxsize - 1` differ.
                            let v = self.operand_as(cx, a, &Repr::Int)?;
                            let sentinel =
                                Operand::Const(Constant::new(ConstValue::Int(none.into()), s));
                            let same = cx.emit(LlOp::IntEq, vec![v.clone(), sentinel], self.t.bool);
                            let one = cx.emit(LlOp::CastPrimitive, vec![same], s);
                            let op = if field == "start" {
                                LlOp::IntAdd
                            } else {
                                LlOp::IntSub
                            };
                            cx.emit(op, vec![v, one], s)
                        }
                    };
                    let name = self.name_const(field);
                    cx.emit(LlOp::SetField, vec![slice.clone(), name, v], self.t.void);
                }
                Ok(slice)
            }
            SetAttr => self.setattr(cx, op),
            NewDict | NewSet => self.new_dict_op(cx, op, &result),
            SetAdd => self.set_add_op(cx, op),
            NewFunction => self.new_function(cx, op, &result),
            ExceptionMatch => {
                let t = self.operand_as(cx, &op.args[0], &Repr::Class)?;
                let f = self.class_matcher();
                let FlowOperand::Const(Value::Tuple(classes)) = &op.args[1] else {
                    let c = self.operand_as(cx, &op.args[1], &Repr::Class)?;
                    return Ok(self.call_in(cx, f, vec![t, c]));
                };
                // `except (A, B)`: caught by any of the classes.
                let mut any: Option<Operand> = None;
                for class in classes.iter() {
                    let handler = FlowOperand::Const(class.clone());
                    let c = self.operand_as(cx, &handler, &Repr::Class)?;
                    let m = self.call_in(cx, f, vec![t.clone(), c]);
                    any = Some(match any {
                        None => m,
                        Some(a) => self.bool_or_in(cx, a, m),
                    });
                }
                Ok(any.unwrap_or_else(|| self.bool_const(false)))
            }
            other => Err(cx.error(format!(
                "not supported yet by the translator: the operation `{other}`"
            ))),
        }
    }

    /// `obj.attr` on an instance: its field, or the instance itself as
    /// the receiver of a method.
    fn getattr(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, &op.args[0]);
        let FlowOperand::Const(Value::Str(attr)) = &op.args[1] else {
            return Err(cx.error("an attribute name must be a constant"));
        };
        let attr = attr.as_str().to_string();
        // Reading an attribute has no effect: a value without a run-time
        // representation (a constant method, a JIT hint) needs nothing.
        let result_ty = self.lltype(result);
        if self.is_void(result_ty) {
            return Ok(self.void_const());
        }
        let binding = self.ann.graphs[cx.g].bindings[op.result].clone();
        if let SomeValue::BuiltinMethod(..) = binding {
            // A method of a built-in type: represented by its receiver.
            let v = self.operand_as(cx, &op.args[0], &r)?;
            return self.convert(cx, v, &r, result);
        }
        if let SomeValue::Builtin(_) = binding {
            // `super().__init__` reaching `object` or a built-in exception.
            return Ok(self.void_const());
        }
        if r == Repr::Class {
            return self.class_getattr(cx, op, &attr, result);
        }
        let Repr::Instance(c) = r else {
            return Err(cx.error(format!(
                "not supported yet by the translator: attributes of {r_desc}",
                r_desc = self.describe_repr(&r)
            )));
        };
        let this = self.operand_as(cx, &op.args[0], &r)?;
        if let Some((owner, field)) = self.field_repr(c, &attr) {
            let p = self.convert(cx, this, &Repr::Instance(c), &Repr::Instance(owner))?;
            self.check_attribute_set(cx, owner, p.clone(), &attr);
            let ty = self.lltype(&field);
            let v = if self.is_void(ty) {
                Operand::Const(Constant::new(ConstValue::Void, ty))
            } else {
                let name = self.name_const(&format!("f_{}", crate::cx::sanitize(&attr)));
                cx.emit(LlOp::GetField, vec![p, name], ty)
            };
            return self.convert(cx, v, &field, result);
        }
        // A method: the bound method is represented by its receiver.
        if let Repr::Instance(_) = result {
            return self.convert(cx, this, &Repr::Instance(c), result);
        }
        // A class-level constant.
        let s = self.ann.graphs[cx.g].bindings[op.result].clone();
        if let Some(v) = konst_of(&s) {
            return self.constant(cx, &v, result);
        }
        Err(cx.error(format!(
            "not supported yet by the translator: the attribute `{attr}` of this class"
        )))
    }

    /// Raises what CPython raises where an operation meets None: the
    /// annotator allows instances, strs, lists and dicts that may be None,
    /// and reading through a null pointer must not be what happens.
    fn check_not_none(&mut self, cx: &mut GraphCx, op: &FlowOp) -> Result<(), RtypeError> {
        use OpKind::*;
        let attr = |op: &FlowOp| match op.args.get(1) {
            Some(FlowOperand::Const(Value::Str(a))) => a.as_str().to_string(),
            _ => "?".into(),
        };
        let (class, message) = match op.kind {
            GetAttr | SetAttr => (
                "AttributeError",
                format!("'NoneType' object has no attribute '{}'", attr(op)),
            ),
            GetItem => ("TypeError", "'NoneType' object is not subscriptable".into()),
            SetItem => (
                "TypeError",
                "'NoneType' object does not support item assignment".into(),
            ),
            DelItem => (
                "TypeError",
                "'NoneType' object does not support item deletion".into(),
            ),
            Iter => ("TypeError", "'NoneType' object is not iterable".into()),
            Contains | NotContains => (
                "TypeError",
                "argument of type 'NoneType' is not iterable".into(),
            ),
            SimpleCall | CallArgs(_) => ("TypeError", "'NoneType' object is not callable".into()),
            _ => return Ok(()),
        };
        match op.args.first() {
            Some(o) => self.raise_if_none(cx, o, class, &message),
            None => Ok(()),
        }
    }

    /// Raises `class(message)` where the operand, which the annotator says
    /// may be None, is None.
    pub(crate) fn raise_if_none(
        &mut self,
        cx: &mut GraphCx,
        o: &FlowOperand,
        class: &'static str,
        message: &str,
    ) -> Result<(), RtypeError> {
        let FlowOperand::Var(v) = o else {
            return Ok(());
        };
        let nullable = match &self.ann.graphs[cx.g].bindings[*v] {
            SomeValue::Instance(_, n)
            | SomeValue::List(_, n)
            | SomeValue::Dict(_, n)
            | SomeValue::Set(_, n) => *n,
            SomeValue::Str(s) | SomeValue::Bytes(s) => s.can_be_none,
            SomeValue::Pbc(p) => p.can_be_none,
            _ => false,
        };
        if !nullable {
            return Ok(());
        }
        let r = self.operand_repr(cx, o);
        let ty = self.lltype(&r);
        if self.m.types.pointee(ty).is_none() {
            return Ok(());
        }
        let this = self.operand_as(cx, o, &r)?;
        let address = self.t.address;
        let sp = self.t.str_ptr;
        let key = format!("raise_if_none_{class}");
        let f = self.helper(&key, &[address, sp], self.t.void, |rt, b| {
            let p = b.param(0);
            let null = b.konst(ConstValue::Null, address);
            let is_none = b.op(LlOp::AdrEq, vec![p, null], rt.t.bool);
            b.if_then(rt, is_none, |rt, b| {
                let message = b.param(1);
                rt.raise_builtin_with(b, class, message);
            });
            let v = b.konst(ConstValue::Void, rt.t.void);
            b.ret(v);
        });
        let adr = cx.emit(LlOp::CastPtrToAdr, vec![this], address);
        let message = Operand::Const(self.str_constant(message));
        self.call_raising(cx, f, vec![adr, message]);
        Ok(())
    }

    /// `obj.attr = value` on an instance.
    fn setattr(&mut self, cx: &mut GraphCx, op: &FlowOp) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, &op.args[0]);
        let FlowOperand::Const(Value::Str(attr)) = &op.args[1] else {
            return Err(cx.error("an attribute name must be a constant"));
        };
        let attr = attr.as_str().to_string();
        let Repr::Instance(c) = r else {
            return Err(cx.error(format!(
                "not supported yet by the translator: setting attributes of {r_desc}",
                r_desc = self.describe_repr(&r)
            )));
        };
        let Some((owner, field)) = self.field_repr(c, &attr) else {
            return Err(cx.error(format!("internal: no field for the attribute `{attr}`")));
        };
        let this = self.operand_as(cx, &op.args[0], &r)?;
        let p = self.convert(cx, this, &Repr::Instance(c), &Repr::Instance(owner))?;
        let v = self.operand_as(cx, &op.args[2], &field)?;
        let ty = self.lltype(&field);
        if !self.is_void(ty) {
            let name = self.name_const(&format!("f_{}", crate::cx::sanitize(&attr)));
            cx.emit(LlOp::SetField, vec![p.clone(), name, v], self.t.void);
        }
        self.mark_attribute_set(cx, owner, p, &attr);
        Ok(Operand::Const(Constant::new(ConstValue::Void, self.t.void)))
    }

    /// A field-name constant.
    pub fn name_const(&mut self, n: &str) -> Operand {
        Operand::Const(Constant::new(ConstValue::Name(n.into()), self.t.void))
    }

    fn binary(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        use crate::repr::Repr;
        use OpKind::*;
        let kind = match &op.kind {
            InplaceAdd => Add,
            InplaceSub => Sub,
            InplaceMul => Mul,
            InplaceFloorDiv => FloorDiv,
            InplaceMod => Mod,
            InplaceTrueDiv => TrueDiv,
            InplaceAnd => And,
            InplaceOr => Or,
            InplaceXor => Xor,
            InplacePow => Pow,
            InplaceLShift => LShift,
            InplaceRShift => RShift,
            k => k.clone(),
        };
        if let Some(v) = self.bytes_binary(cx, &kind, &op.args, result)? {
            return Ok(v);
        }
        if self.operand_repr(cx, &op.args[0]) == Repr::Address {
            return self.address_binary(cx, &kind, op);
        }
        match result {
            Repr::Int | Repr::Bool if kind != TrueDiv => {
                let want = if *result == Repr::Bool {
                    Repr::Bool
                } else {
                    Repr::Int
                };
                if want == Repr::Bool {
                    // `&`, `|`, `^` on bools.
                    let a = self.operand_as(cx, &op.args[0], &Repr::Int)?;
                    let b = self.operand_as(cx, &op.args[1], &Repr::Int)?;
                    let llop = match kind {
                        And => LlOp::IntAnd,
                        Or => LlOp::IntOr,
                        Xor => LlOp::IntXor,
                        _ => {
                            return Err(cx.error(format!(
                                "not supported yet by the translator: `{kind}` on bools"
                            )))
                        }
                    };
                    let v = cx.emit(llop, vec![a, b], self.t.signed);
                    return Ok(cx.emit(LlOp::IntIsTrue, vec![v], self.t.bool));
                }
                let a = self.operand_as(cx, &op.args[0], &Repr::Int)?;
                let b = self.operand_as(cx, &op.args[1], &Repr::Int)?;
                let s = self.t.signed;
                if kind == Pow {
                    let f = self.int_pow(cx.ovf_sites.contains(&cx.at));
                    return Ok(self.call_raising(cx, f, vec![a, b]));
                }
                if cx.ovf_sites.contains(&cx.at) {
                    let llop = match kind {
                        Add => LlOp::IntAdd,
                        Sub => LlOp::IntSub,
                        Mul => LlOp::IntMul,
                        LShift => LlOp::IntLshift,
                        _ => {
                            return Err(cx.error(format!(
                                "not supported yet by the translator: ovfcheck() of `{kind}`"
                            )))
                        }
                    };
                    let f = self.int_ovf(llop);
                    return Ok(self.call_raising(cx, f, vec![a, b]));
                }
                // A constant right operand leaves nothing to check.
                let constant = match b.as_const().map(|c| &c.value) {
                    Some(ConstValue::Int(c)) => Some(*c),
                    _ => None,
                };
                Ok(match kind {
                    Add => cx.emit(LlOp::IntAdd, vec![a, b], s),
                    Sub => cx.emit(LlOp::IntSub, vec![a, b], s),
                    Mul => cx.emit(LlOp::IntMul, vec![a, b], s),
                    And => cx.emit(LlOp::IntAnd, vec![a, b], s),
                    Or => cx.emit(LlOp::IntOr, vec![a, b], s),
                    Xor => cx.emit(LlOp::IntXor, vec![a, b], s),
                    FloorDiv | Mod if constant.is_some_and(|c| c != 0 && c != -1) => {
                        let f = self.int_floordiv_mod_by_constant(kind == Mod);
                        self.call_in(cx, f, vec![a, b])
                    }
                    FloorDiv | Mod => {
                        let f = self.int_floordiv_mod(kind == Mod);
                        self.call_raising(cx, f, vec![a, b])
                    }
                    LShift if constant.is_some_and(|c| (0..64).contains(&c)) => {
                        cx.emit(LlOp::IntLshift, vec![a, b], s)
                    }
                    RShift if constant.is_some_and(|c| (0..64).contains(&c)) => {
                        cx.emit(LlOp::IntRshift, vec![a, b], s)
                    }
                    LShift | RShift => {
                        let f = self.int_shift(kind == LShift);
                        self.call_raising(cx, f, vec![a, b])
                    }
                    _ => {
                        return Err(cx.error(format!(
                            "not supported yet by the translator: `{kind}` on ints"
                        )))
                    }
                })
            }
            Repr::Float => {
                let int_like = |r: Repr| matches!(r, Repr::Int | Repr::Bool);
                if kind == TrueDiv
                    && int_like(self.operand_repr(cx, &op.args[0]))
                    && int_like(self.operand_repr(cx, &op.args[1]))
                {
                    // Correctly rounded, as CPython divides ints.
                    let a = self.operand_as(cx, &op.args[0], &Repr::Int)?;
                    let b = self.operand_as(cx, &op.args[1], &Repr::Int)?;
                    let h = self.rpython_helper("int_truediv");
                    return Ok(self.call_raising(cx, h, vec![a, b]));
                }
                let a = self.operand_as(cx, &op.args[0], &Repr::Float)?;
                let b = self.operand_as(cx, &op.args[1], &Repr::Float)?;
                let f = self.t.float;
                if kind == Pow {
                    let h = self.float_pow();
                    return Ok(self.call_raising(cx, h, vec![a, b]));
                }
                Ok(match kind {
                    Add => cx.emit(LlOp::FloatAdd, vec![a, b], f),
                    Sub => cx.emit(LlOp::FloatSub, vec![a, b], f),
                    Mul => cx.emit(LlOp::FloatMul, vec![a, b], f),
                    TrueDiv => {
                        let h = self.float_truediv();
                        self.call_raising(cx, h, vec![a, b])
                    }
                    FloorDiv | Mod => {
                        let h = self.float_floordiv_mod(kind == Mod);
                        self.call_raising(cx, h, vec![a, b])
                    }
                    _ => {
                        return Err(cx.error(format!(
                            "not supported yet by the translator: `{kind}` on floats"
                        )))
                    }
                })
            }
            Repr::Uint if matches!(kind, LShift | RShift) => {
                let a = self.operand_as(cx, &op.args[0], &Repr::Uint)?;
                let b = self.operand_as(cx, &op.args[1], &Repr::Int)?;
                let f = self.uint_shift(kind == LShift);
                Ok(self.call_raising(cx, f, vec![a, b]))
            }
            Repr::Uint if matches!(kind, FloorDiv | Mod) => {
                let a = self.operand_as(cx, &op.args[0], &Repr::Uint)?;
                let b = self.operand_as(cx, &op.args[1], &Repr::Uint)?;
                let f = self.uint_floordiv_mod(kind == Mod);
                Ok(self.call_raising(cx, f, vec![a, b]))
            }
            Repr::Uint => {
                let a = self.operand_as(cx, &op.args[0], &Repr::Uint)?;
                let b = self.operand_as(cx, &op.args[1], &Repr::Uint)?;
                let u = self.t.unsigned;
                Ok(match kind {
                    Add => cx.emit(LlOp::UintAdd, vec![a, b], u),
                    Sub => cx.emit(LlOp::UintSub, vec![a, b], u),
                    Mul => cx.emit(LlOp::UintMul, vec![a, b], u),
                    And => cx.emit(LlOp::UintAnd, vec![a, b], u),
                    Or => cx.emit(LlOp::UintOr, vec![a, b], u),
                    Xor => cx.emit(LlOp::UintXor, vec![a, b], u),
                    _ => {
                        return Err(cx.error(format!(
                            "not supported yet by the translator: `{kind}` on unsigned ints"
                        )))
                    }
                })
            }
            Repr::List(_) | Repr::FixedList(_) => {
                let ra = self.operand_repr(cx, &op.args[0]);
                let rb = self.operand_repr(cx, &op.args[1]);
                match kind {
                    Mul => {
                        let (list, times, lr) = if matches!(ra, Repr::List(_) | Repr::FixedList(_))
                        {
                            (&op.args[0], &op.args[1], ra)
                        } else {
                            (&op.args[1], &op.args[0], rb)
                        };
                        let l = self.operand_as(cx, list, &lr)?;
                        let n = self.operand_as(cx, times, &Repr::Int)?;
                        let f = self.list_repeat(&lr, result);
                        Ok(self.call_in(cx, f, vec![l, n]))
                    }
                    Add if op.kind == InplaceAdd
                        && ra == *result
                        && matches!(ra, Repr::List(_)) =>
                    {
                        // `l += other` extends `l` in place.
                        let l = self.operand_as(cx, &op.args[0], &ra)?;
                        let o = self.operand_as(cx, &op.args[1], &rb)?;
                        let f = self.list_extend(&ra, &rb);
                        self.call_in(cx, f, vec![l.clone(), o]);
                        Ok(l)
                    }
                    Add => {
                        let a = self.operand_as(cx, &op.args[0], &ra)?;
                        let b = self.operand_as(cx, &op.args[1], &rb)?;
                        let f = self.list_concat(&ra, &rb, result);
                        Ok(self.call_in(cx, f, vec![a, b]))
                    }
                    _ => Err(cx.error(format!(
                        "not supported yet by the translator: `{kind}` on lists"
                    ))),
                }
            }
            Repr::Str | Repr::UniChar if kind == Mod => self.percent_format(cx, op, result),
            Repr::Str if kind == Mul => {
                let ra = self.operand_repr(cx, &op.args[0]);
                let (s, n) = if matches!(ra, Repr::Str | Repr::UniChar) {
                    (&op.args[0], &op.args[1])
                } else {
                    (&op.args[1], &op.args[0])
                };
                let s = self.operand_as(cx, s, &Repr::Str)?;
                let n = self.operand_as(cx, n, &Repr::Int)?;
                let f = self.str_repeat();
                Ok(self.call_in(cx, f, vec![s, n]))
            }
            Repr::Set(_) => self.set_binary_op(cx, op, &kind, result),
            Repr::Str if kind == Add => {
                let a = self.operand_as(cx, &op.args[0], &Repr::Str)?;
                let b = self.operand_as(cx, &op.args[1], &Repr::Str)?;
                let f = self.str_concat();
                Ok(self.call_in(cx, f, vec![a, b]))
            }
            _ => Err(cx.error(format!(
                "not supported yet by the translator: `{kind}` giving {result_desc}",
                result_desc = self.describe_repr(&result)
            ))),
        }
    }

    /// `adr + n`, `adr - n` and `adr1 - adr2`.
    fn address_binary(
        &mut self,
        cx: &mut GraphCx,
        kind: &OpKind,
        op: &FlowOp,
    ) -> Result<Operand, RtypeError> {
        use crate::repr::Repr;
        let a = self.operand_as(cx, &op.args[0], &Repr::Address)?;
        if self.operand_repr(cx, &op.args[1]) == Repr::Address {
            let b = self.operand_as(cx, &op.args[1], &Repr::Address)?;
            return Ok(cx.emit(LlOp::AdrDelta, vec![a, b], self.t.signed));
        }
        let n = self.operand_as(cx, &op.args[1], &Repr::Int)?;
        let llop = match kind {
            OpKind::Add => LlOp::AdrAdd,
            _ => LlOp::AdrSub,
        };
        Ok(cx.emit(llop, vec![a, n], self.t.address))
    }

    fn unary(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        use crate::repr::Repr;
        use OpKind::*;
        match result {
            Repr::Int => {
                let a = self.operand_as(cx, &op.args[0], &Repr::Int)?;
                let s = self.t.signed;
                if op.kind == Neg && cx.ovf_sites.contains(&cx.at) {
                    let f = self.int_neg_ovf(false);
                    return Ok(self.call_raising(cx, f, vec![a]));
                }
                Ok(match op.kind {
                    Neg => cx.emit(LlOp::IntNeg, vec![a], s),
                    Pos => a,
                    Invert => cx.emit(LlOp::IntInvert, vec![a], s),
                    Abs => cx.emit(LlOp::IntAbs, vec![a], s),
                    _ => unreachable!("unary operations"),
                })
            }
            Repr::Float => {
                let a = self.operand_as(cx, &op.args[0], &Repr::Float)?;
                let f = self.t.float;
                Ok(match op.kind {
                    Neg => cx.emit(LlOp::FloatNeg, vec![a], f),
                    Pos => a,
                    Abs => cx.emit(LlOp::FloatAbs, vec![a], f),
                    _ => {
                        return Err(cx.error("not supported yet by the translator: `~` on a float"))
                    }
                })
            }
            _ => Err(cx.error(format!(
                "not supported yet by the translator: `{}` giving {result_desc}",
                op.kind,
                result_desc = self.describe_repr(&result),
            ))),
        }
    }

    fn compare(&mut self, cx: &mut GraphCx, op: &FlowOp) -> Result<Operand, RtypeError> {
        use crate::repr::Repr;
        use OpKind::*;
        let ra = self.operand_repr(cx, &op.args[0]);
        let rb = self.operand_repr(cx, &op.args[1]);
        let boolean = self.t.bool;
        if let Some(v) = self.bytes_binary(cx, &op.kind, &op.args, &Repr::Bool)? {
            return Ok(v);
        }
        if ra == Repr::Address && rb == Repr::Address {
            let llop = match op.kind {
                Lt => LlOp::AdrLt,
                Le => LlOp::AdrLe,
                Eq => LlOp::AdrEq,
                Ne => LlOp::AdrNe,
                Gt => LlOp::AdrGt,
                _ => LlOp::AdrGe,
            };
            let a = self.operand_as(cx, &op.args[0], &ra)?;
            let b = self.operand_as(cx, &op.args[1], &rb)?;
            return Ok(cx.emit(llop, vec![a, b], boolean));
        }
        let numeric = |r: &Repr| matches!(r, Repr::Int | Repr::Bool | Repr::Uint | Repr::Float);
        if numeric(&ra) && numeric(&rb) {
            let (want, ops) = if ra == Repr::Float || rb == Repr::Float {
                (
                    Repr::Float,
                    [
                        LlOp::FloatLt,
                        LlOp::FloatLe,
                        LlOp::FloatEq,
                        LlOp::FloatNe,
                        LlOp::FloatGt,
                        LlOp::FloatGe,
                    ],
                )
            } else if ra == Repr::Uint || rb == Repr::Uint {
                (
                    Repr::Uint,
                    [
                        LlOp::UintLt,
                        LlOp::UintLe,
                        LlOp::UintEq,
                        LlOp::UintNe,
                        LlOp::UintGt,
                        LlOp::UintGe,
                    ],
                )
            } else {
                (
                    Repr::Int,
                    [
                        LlOp::IntLt,
                        LlOp::IntLe,
                        LlOp::IntEq,
                        LlOp::IntNe,
                        LlOp::IntGt,
                        LlOp::IntGe,
                    ],
                )
            };
            let a = self.operand_as(cx, &op.args[0], &want)?;
            let b = self.operand_as(cx, &op.args[1], &want)?;
            let i = match op.kind {
                Lt => 0,
                Le => 1,
                Eq => 2,
                Ne => 3,
                Gt => 4,
                _ => 5,
            };
            return Ok(cx.emit(ops[i], vec![a, b], boolean));
        }
        match (&ra, &rb, &op.kind) {
            (Repr::UniChar, Repr::UniChar, Eq | Ne | Lt | Gt) => {
                let a = self.operand_as(cx, &op.args[0], &Repr::UniChar)?;
                let b = self.operand_as(cx, &op.args[1], &Repr::UniChar)?;
                Ok(match op.kind {
                    Eq => cx.emit(LlOp::UniCharEq, vec![a, b], boolean),
                    Ne => cx.emit(LlOp::UniCharNe, vec![a, b], boolean),
                    Lt => cx.emit(LlOp::UniCharLt, vec![a, b], boolean),
                    _ => cx.emit(LlOp::UniCharLt, vec![b, a], boolean),
                })
            }
            (
                Repr::Str | Repr::UniChar | Repr::Void,
                Repr::Str | Repr::UniChar | Repr::Void,
                Eq | Ne,
            ) => {
                let a = self.operand_as(cx, &op.args[0], &Repr::Str)?;
                let b = self.operand_as(cx, &op.args[1], &Repr::Str)?;
                let f = self.str_eq();
                let eq = self.call_in(cx, f, vec![a, b]);
                Ok(if op.kind == Ne {
                    cx.emit(LlOp::BoolNot, vec![eq], boolean)
                } else {
                    eq
                })
            }
            (Repr::Str | Repr::UniChar, Repr::Str | Repr::UniChar, Lt | Le | Gt | Ge) => {
                self.str_order(cx, &op.kind, &op.args[0], &op.args[1])
            }
            (
                Repr::List(_) | Repr::FixedList(_) | Repr::Tuple(_),
                Repr::List(_) | Repr::FixedList(_) | Repr::Tuple(_),
                Eq | Ne,
            ) => match self.seq_equality(cx, &op.args[0], &op.args[1], op.kind == Ne)? {
                Some(v) => Ok(v),
                None => Err(cx.error(format!(
                    "not supported yet by the translator: `{}` between {ra_desc} and {rb_desc}",
                    op.kind,
                    ra_desc = self.describe_repr(&ra),
                    rb_desc = self.describe_repr(&rb),
                ))),
            },
            (Repr::Instance(_), _, _) | (_, Repr::Instance(_), _) => self.instance_compare(cx, op),
            _ => Err(cx.error(format!(
                "not supported yet by the translator: `{}` between {ra_desc} and {rb_desc}",
                op.kind,
                ra_desc = self.describe_repr(&ra),
                rb_desc = self.describe_repr(&rb),
            ))),
        }
    }

    /// `is`, `is not` (and `==` on instances): pointer identity.
    pub(crate) fn identity(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
    ) -> Result<Operand, RtypeError> {
        let ra = self.operand_repr(cx, &op.args[0]);
        let rb = self.operand_repr(cx, &op.args[1]);
        let negate = matches!(op.kind, OpKind::IsNot | OpKind::Ne);
        let boolean = self.t.bool;
        // Compare in the representation of the pointer side.
        let want = if ra != Repr::Void {
            ra.clone()
        } else {
            rb.clone()
        };
        let want_ty = self.lltype(&want);
        if self.is_void(want_ty) {
            // `None is None`.
            return Ok(Operand::Const(Constant::new(
                ConstValue::Bool(!negate),
                boolean,
            )));
        }
        if self.m.types.pointee(want_ty).is_none() {
            return Err(cx.error(format!(
                "not supported yet by the translator: `is` between {ra_desc} and {rb_desc}",
                ra_desc = self.describe_repr(&ra),
                rb_desc = self.describe_repr(&rb)
            )));
        }
        let common = match (&ra, &rb) {
            (Repr::Instance(a), Repr::Instance(b)) => match self.ann.common_base(*a, *b) {
                Some(c) => Repr::Instance(c),
                None => want,
            },
            _ => want,
        };
        let a = self.operand_as(cx, &op.args[0], &common)?;
        let b = self.operand_as(cx, &op.args[1], &common)?;
        let llop = if negate { LlOp::PtrNe } else { LlOp::PtrEq };
        Ok(cx.emit(llop, vec![a, b], boolean))
    }

    /// The truth value of an operand, as a `Bool`.
    pub fn truth(&mut self, cx: &mut GraphCx, o: &FlowOperand) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, o);
        let boolean = self.t.bool;
        let v = self.operand_as(cx, o, &r)?;
        Ok(match r {
            Repr::Bool => v,
            Repr::Int => cx.emit(LlOp::IntIsTrue, vec![v], boolean),
            Repr::Uint => cx.emit(LlOp::UintIsTrue, vec![v], boolean),
            Repr::Float => cx.emit(LlOp::FloatIsTrue, vec![v], boolean),
            Repr::Address => {
                let null = Operand::Const(Constant::new(ConstValue::Null, self.t.address));
                cx.emit(LlOp::AdrNe, vec![v, null], boolean)
            }
            Repr::Void => Operand::Const(Constant::new(ConstValue::Bool(false), boolean)),
            Repr::Instance(c) => return self.instance_truth(cx, o, c),
            Repr::Class | Repr::Funcs(_) => cx.emit(LlOp::PtrNonZero, vec![v], boolean),
            Repr::UniChar | Repr::Char => {
                Operand::Const(Constant::new(ConstValue::Bool(true), boolean))
            }
            Repr::Tuple(items) => {
                Operand::Const(Constant::new(ConstValue::Bool(!items.is_empty()), boolean))
            }
            Repr::Str
            | Repr::Bytes
            | Repr::List(_)
            | Repr::FixedList(_)
            | Repr::Dict(..)
            | Repr::Set(_) => {
                let f = self.truth_helper(&r);
                self.call_in(cx, f, vec![v])
            }
            _ => {
                return Err(cx.error(format!(
                    "not supported yet by the translator: the truth of {}",
                    self.describe_repr(&r)
                )))
            }
        })
    }

    /// `bool(x)` for a nullable sequence: not null and not empty.
    fn truth_helper(&mut self, r: &Repr) -> lltype::FuncId {
        let ty = self.lltype(r);
        let boolean = self.t.bool;
        let key = format!("truth_{}", ty.as_u32());
        let r = r.clone();
        self.helper(&key, &[ty], boolean, |rt, b| {
            let p = b.param(0);
            let null = b.op(LlOp::PtrIsZero, vec![p.clone()], boolean);
            b.if_then(rt, null, |_, b| {
                let f = b.bool(false);
                b.ret(f);
            });
            let len = rt.sequence_len(b, &r, p);
            let zero = b.int(0);
            let v = b.int_op(LlOp::IntNe, len, zero);
            b.ret(v);
        })
    }

    /// The length of a str or list in a helper.
    pub fn sequence_len(
        &mut self,
        b: &mut crate::builder::FnBuilder,
        r: &Repr,
        p: Operand,
    ) -> Operand {
        match r {
            Repr::Str | Repr::Bytes => self.str_len(b, p),
            Repr::List(_) => b.getfield(p, "length", self.t.signed),
            Repr::FixedList(_) => b.op(LlOp::GetArraySize, vec![p], self.t.signed),
            Repr::Dict(..) | Repr::Set(_) => b.getfield(p, "num_items", self.t.signed),
            _ => unreachable!("sequence_len of a sequence"),
        }
    }

    fn len(&mut self, cx: &mut GraphCx, o: &FlowOperand) -> Result<Operand, RtypeError> {
        self.raise_if_none(cx, o, "TypeError", "object of type 'NoneType' has no len()")?;
        let r = self.operand_repr(cx, o);
        let v = self.operand_as(cx, o, &r)?;
        let s = self.t.signed;
        Ok(match &r {
            Repr::Str | Repr::Bytes => {
                let chars = self.name_const("chars");
                cx.emit(LlOp::GetInteriorSize, vec![v, chars], s)
            }
            Repr::UniChar | Repr::Char => Operand::Const(Constant::new(ConstValue::Int(1), s)),
            Repr::List(_) => {
                let name = self.name_const("length");
                cx.emit(LlOp::GetField, vec![v, name], s)
            }
            Repr::FixedList(_) => cx.emit(LlOp::GetArraySize, vec![v], s),
            Repr::Dict(..) | Repr::Set(_) => self.dict_len(cx, v),
            Repr::Range => {
                let f = self.range_len();
                self.call_in(cx, f, vec![v])
            }
            Repr::Tuple(items) => {
                Operand::Const(Constant::new(ConstValue::Int(items.len() as i128), s))
            }
            Repr::Instance(c) => return self.instance_len(cx, o, *c),
            _ => {
                return Err(cx.error(format!(
                    "not supported yet by the translator: len() of {}",
                    self.describe_repr(&r)
                )))
            }
        })
    }

    fn getitem(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, &op.args[0]);
        if self.operand_repr(cx, &op.args[1]) == Repr::Slice {
            // A one-character str is sliced as a str.
            let r = if r == Repr::UniChar { Repr::Str } else { r };
            return self.getslice(cx, op, &r, result);
        }
        match &r {
            Repr::Tuple(items) => {
                let FlowOperand::Const(Value::Int(i)) = &op.args[1] else {
                    return Err(cx.error("a tuple index must be a constant"));
                };
                let n = items.len() as i64;
                let i = if *i < 0 { *i + n } else { *i };
                if !(0..n).contains(&i) {
                    return Err(cx.error("tuple index out of range"));
                }
                let t = self.operand_as(cx, &op.args[0], &r)?;
                let item = items[i as usize].clone();
                let item_ty = self.lltype(&item);
                let v = if self.is_void(item_ty) {
                    Operand::Const(Constant::new(ConstValue::Void, item_ty))
                } else {
                    let name = self.name_const(&format!("item{i}"));
                    cx.emit(LlOp::GetField, vec![t, name], item_ty)
                };
                self.convert(cx, v, &item, result)
            }
            Repr::List(item) | Repr::FixedList(item) => {
                let item = (**item).clone();
                let l = self.operand_as(cx, &op.args[0], &r)?;
                let i = self.operand_as(cx, &op.args[1], &Repr::Int)?;
                let f = self.list_getitem(&r);
                let v = self.call_raising(cx, f, vec![l, i]);
                self.convert(cx, v, &item, result)
            }
            Repr::Dict(..) => self.dict_getitem_op(cx, op, &r, result),
            Repr::Bytes => {
                let s = self.operand_as(cx, &op.args[0], &r)?;
                let i = self.operand_as(cx, &op.args[1], &Repr::Int)?;
                let f = self.bytes_getitem();
                let v = self.call_raising(cx, f, vec![s, i]);
                self.convert(cx, v, &Repr::Int, result)
            }
            Repr::Str | Repr::UniChar => {
                // (A one-character str is indexed as a str.)
                let s = self.operand_as(cx, &op.args[0], &Repr::Str)?;
                let i = self.operand_as(cx, &op.args[1], &Repr::Int)?;
                let f = self.str_getitem();
                let c = self.call_raising(cx, f, vec![s, i]);
                if *result == Repr::UniChar {
                    Ok(c)
                } else {
                    self.convert(cx, c, &Repr::UniChar, result)
                }
            }
            _ => Err(cx.error(format!(
                "not supported yet by the translator: indexing {r_desc}",
                r_desc = self.describe_repr(&r)
            ))),
        }
    }

    fn simple_call(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let callee = self.binding(cx, &op.args[0]);
        if let Some(name) = self.special_name(&callee) {
            return self.call_special(cx, &name, &op.args[1..], result);
        }
        match &callee {
            SomeValue::Builtin(name) if name.starts_with("rpython.") => {
                let short = name.rsplit('.').next().unwrap_or(name).to_string();
                self.call_special(cx, &short, &op.args[1..], result)
            }
            SomeValue::Builtin(name) => {
                let name = name.to_string();
                self.call_builtin(cx, &name, &op.args[1..], result)
            }
            SomeValue::BuiltinMethod(name, receiver) => {
                let name = name.to_string();
                let receiver = self.repr_of(receiver);
                let this = self.operand_as(cx, &op.args[0], &receiver)?;
                self.call_method(cx, &name, this, &receiver, &op.args[1..], result)
            }
            SomeValue::Pbc(p) if p.descs.len() == 1 => {
                let desc = self.ann.descs[*p.descs.iter().next().expect("one")].clone();
                match desc {
                    Desc::Function(_) => {
                        let targets = self.targets(cx)?;
                        let [g] = targets[..] else {
                            return Err(cx.error("not supported yet by the translator: a call with several specialisations"));
                        };
                        let closure = self.closure_value(cx, &op.args[0])?;
                        self.call_graph(cx, g, &op.args[1..], closure, result)
                    }
                    Desc::Class(c) => self.instantiate(cx, c, &op.args[1..], result),
                    Desc::Method { .. } => {
                        let targets = self.targets(cx)?;
                        let [g] = targets[..] else {
                            return self.dispatch_call(cx, &op.args[0], &op.args[1..], result);
                        };
                        let receiver = self.operand_repr(cx, &op.args[0]);
                        let this = self.operand_as(cx, &op.args[0], &receiver)?;
                        self.call_graph(cx, g, &op.args[1..], Some((this, receiver)), result)
                    }
                    _ => Err(cx.error("not supported yet by the translator: calling this object")),
                }
            }
            SomeValue::Pbc(_) => self.call_pbc(cx, op, result),
            _ => Err(cx.error(format!(
                "not supported yet by the translator: calling {}",
                self.ann.describe(&callee)
            ))),
        }
    }

    /// The graphs the annotator found for the call being translated.
    pub(crate) fn targets(&mut self, cx: &GraphCx) -> Result<Vec<annotator::GraphId>, RtypeError> {
        let targets = self.ann.graphs[cx.g]
            .call_targets
            .get(&cx.at)
            .cloned()
            .unwrap_or_default();
        if targets.is_empty() {
            return Err(cx.error("internal: a call without annotated targets"));
        }
        Ok(targets)
    }

    /// A direct call of an annotated graph, with positional arguments
    /// (and the defaults of the parameters not given).
    pub(crate) fn call_graph(
        &mut self,
        cx: &mut GraphCx,
        g: annotator::GraphId,
        args: &[FlowOperand],
        receiver: Option<(Operand, Repr)>,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let positional: Vec<crate::calls::ArgSource> = args
            .iter()
            .map(|a| crate::calls::ArgSource::Flow(a.clone()))
            .collect();
        self.call_graph_kw(cx, g, &positional, &[], receiver, result)
    }

    /// `C(args)`: a new instance, initialised by `__init__` if the class
    /// has one.
    pub(crate) fn instantiate(
        &mut self,
        cx: &mut GraphCx,
        c: annotator::ClassId,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let positional: Vec<crate::calls::ArgSource> = args
            .iter()
            .map(|a| crate::calls::ArgSource::Flow(a.clone()))
            .collect();
        self.instantiate_kw(cx, c, &positional, &[], result)
    }

    /// Built-in functions.
    pub(crate) fn call_builtin(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        if let Some(v) = self.format_builtin(cx, name, args, result)? {
            return Ok(v);
        }
        if let Some(r) = self.dict_builtin(cx, name, args, result) {
            return r;
        }
        match name {
            "print" => {
                let out = Operand::Const(self.out_buffer(1));
                let write = self.buffer_write_str();
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        let sep = Operand::Const(self.str_constant(" "));
                        self.call_in(cx, write, vec![out.clone(), sep]);
                    }
                    let s = self.to_str(cx, a)?;
                    self.call_in(cx, write, vec![out.clone(), s]);
                }
                let nl = Operand::Const(self.str_constant("\n"));
                self.call_in(cx, write, vec![out, nl]);
                Ok(Operand::Const(Constant::new(ConstValue::Void, self.t.void)))
            }
            "len" => self.len(cx, &args[0]),
            "next" if !args.is_empty() => self.call_next(cx, args, result),
            "range" => {
                let mut v = Vec::new();
                for a in args {
                    v.push(self.operand_as(cx, a, &Repr::Int)?);
                }
                let s = self.t.signed;
                let int = |i: i64| Operand::Const(Constant::new(ConstValue::Int(i.into()), s));
                let (start, stop, step) = match v.len() {
                    1 => (int(0), v[0].clone(), int(1)),
                    2 => (v[0].clone(), v[1].clone(), int(1)),
                    _ => (v[0].clone(), v[1].clone(), v[2].clone()),
                };
                let f = self.range_new();
                let r = self.call_raising(cx, f, vec![start, stop, step]);
                self.convert(cx, r, &Repr::Range, result)
            }
            "enumerate" | "reversed" | "iter" if args.len() == 1 => {
                let Repr::Iter(i) = result else {
                    return Err(cx.error(format!(
                        "internal: {name}() without an iterator representation"
                    )));
                };
                let r = self.operand_repr(cx, &args[0]);
                let v = self.operand_as(cx, &args[0], &r)?;
                if r == *result {
                    return Ok(v);
                }
                self.check_iter_source(cx, i, &r)?;
                let f = self.iter_make(i, &r);
                Ok(self.call_in(cx, f, vec![v]))
            }
            "enumerate" if args.len() == 2 => {
                // `enumerate(seq, start)`: the count starts at `start`.
                let it = self.call_builtin(cx, name, &args[..1], result)?;
                let start = self.operand_as(cx, &args[1], &Repr::Int)?;
                let count = self.name_const("count");
                cx.emit(LlOp::SetField, vec![it.clone(), count, start], self.t.void);
                Ok(it)
            }
            "zip" => {
                let Repr::Iter(i) = result else {
                    return Err(cx.error("internal: zip() without an iterator representation"));
                };
                let mut reprs = Vec::new();
                let mut values = Vec::new();
                let IterRepr::Zip(inner) = i else {
                    return Err(cx.error("internal: zip() without a zip iterator"));
                };
                for (a, x) in args.iter().zip(inner) {
                    let r = self.operand_repr(cx, a);
                    self.check_iter_source(cx, x, &r)?;
                    values.push(self.operand_as(cx, a, &r)?);
                    reprs.push(r);
                }
                let f = self.zip_make(i, &reprs);
                Ok(self.call_in(cx, f, values))
            }
            "list" if args.len() == 1 => {
                let r = self.operand_repr(cx, &args[0]);
                match r {
                    Repr::List(_) | Repr::FixedList(_) => {
                        let v = self.operand_as(cx, &args[0], &r)?;
                        Ok(self.list_copy_in(cx, v, &r, result))
                    }
                    Repr::Tuple(_) => self.tuple_to_list(cx, &args[0], result),
                    Repr::Range if matches!(result, Repr::List(_) | Repr::FixedList(_)) => {
                        let v = self.operand_as(cx, &args[0], &r)?;
                        let f = self.range_to_list(result);
                        Ok(self.call_in(cx, f, vec![v]))
                    }
                    Repr::Iter(_) if matches!(result, Repr::List(_) | Repr::FixedList(_)) => {
                        let (l, r) = self.seq_operand(cx, &args[0])?;
                        if self.lltype(&r) == self.lltype(result) {
                            return Ok(l);
                        }
                        Ok(self.list_copy_in(cx, l, &r, result))
                    }
                    _ => Err(cx.error(format!(
                        "not supported yet by the translator: list() of {r_desc}",
                        r_desc = self.describe_repr(&r)
                    ))),
                }
            }
            "bytes" => self.call_bytes(cx, args, result),
            "str" if args.len() == 1 => {
                let s = self.to_str(cx, &args[0])?;
                self.convert(cx, s, &Repr::Str, result)
            }
            "int" if args.len() == 1 => {
                let r = self.operand_repr(cx, &args[0]);
                match r {
                    Repr::Int | Repr::Bool => self.operand_as(cx, &args[0], &Repr::Int),
                    Repr::Str => {
                        let s = self.operand_as(cx, &args[0], &Repr::Str)?;
                        let ten = Operand::Const(Constant::new(ConstValue::Int(10), self.t.signed));
                        let f = self.str_to_int_base();
                        Ok(self.call_raising(cx, f, vec![s, ten]))
                    }
                    Repr::Float => {
                        let v = self.operand_as(cx, &args[0], &Repr::Float)?;
                        Ok(cx.emit(LlOp::CastFloatToInt, vec![v], self.t.signed))
                    }
                    _ => Err(cx.error(format!(
                        "not supported yet by the translator: int() of {r_desc}",
                        r_desc = self.describe_repr(&r)
                    ))),
                }
            }
            "float" if args.len() == 1 => self.operand_as(cx, &args[0], &Repr::Float),
            "open" => self.call_open(cx, args, result),
            "os.getpid" => {
                let f = self.external("rpy_getpid");
                Ok(self.call_in(cx, f, Vec::new()))
            }
            "os.write" => {
                let fd = self.operand_as(cx, &args[0], &Repr::Int)?;
                let data = self.operand_as(cx, &args[1], &Repr::Bytes)?;
                let f = self.os_write();
                Ok(self.call_raising(cx, f, vec![fd, data]))
            }
            "os.read" => {
                let fd = self.operand_as(cx, &args[0], &Repr::Int)?;
                let n = self.operand_as(cx, &args[1], &Repr::Int)?;
                let f = self.os_read();
                let v = self.call_raising(cx, f, vec![fd, n]);
                self.convert(cx, v, &Repr::Bytes, result)
            }
            "os.open" => {
                let path = self.operand_as(cx, &args[0], &Repr::Str)?;
                let flags = self.operand_as(cx, &args[1], &Repr::Int)?;
                let mode = match args.get(2) {
                    Some(a) => self.operand_as(cx, a, &Repr::Int)?,
                    None => Operand::Const(Constant::new(ConstValue::Int(0o777), self.t.signed)),
                };
                let f = self.os_open();
                Ok(self.call_raising(cx, f, vec![path, flags, mode]))
            }
            "os.close" => {
                let fd = self.operand_as(cx, &args[0], &Repr::Int)?;
                let f = self.os_close();
                self.call_raising(cx, f, vec![fd]);
                Ok(self.void_const())
            }
            "abs" if args.len() == 1 => {
                let r = self.operand_repr(cx, &args[0]);
                if r == Repr::Float {
                    let v = self.operand_as(cx, &args[0], &Repr::Float)?;
                    Ok(cx.emit(LlOp::FloatAbs, vec![v], self.t.float))
                } else {
                    let v = self.operand_as(cx, &args[0], &Repr::Int)?;
                    if cx.ovf_sites.contains(&cx.at) {
                        let f = self.int_neg_ovf(true);
                        return Ok(self.call_raising(cx, f, vec![v]));
                    }
                    Ok(cx.emit(LlOp::IntAbs, vec![v], self.t.signed))
                }
            }
            "hash" if args.len() == 1 => {
                let r = self.operand_repr(cx, &args[0]);
                let Some(f) = self.hash_function(&r) else {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: hash() of {}",
                        self.describe_repr(&r)
                    )));
                };
                let as_repr = match r {
                    Repr::Bool => Repr::Int,
                    Repr::UniChar => Repr::Str,
                    r => r,
                };
                let v = self.operand_as(cx, &args[0], &as_repr)?;
                let h = self.call_in(cx, f, vec![v]);
                self.convert(cx, h, &Repr::Int, result)
            }
            "divmod" if args.len() == 2 => {
                let reprs = [
                    self.operand_repr(cx, &args[0]),
                    self.operand_repr(cx, &args[1]),
                ];
                let int = |r: &Repr| matches!(r, Repr::Int | Repr::Bool);
                let (helper, operands) = if reprs.iter().all(int) {
                    ("int_divmod", Repr::Int)
                } else if reprs.iter().all(|r| int(r) || *r == Repr::Float) {
                    ("float_divmod", Repr::Float)
                } else {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: divmod() of {} and {}",
                        self.describe_repr(&reprs[0]),
                        self.describe_repr(&reprs[1])
                    )));
                };
                let a = self.operand_as(cx, &args[0], &operands)?;
                let b = self.operand_as(cx, &args[1], &operands)?;
                let h = self.rpython_helper(helper);
                let v = self.call_raising(cx, h, vec![a, b]);
                let pair = Repr::Tuple(vec![operands.clone(), operands]);
                self.convert(cx, v, &pair, result)
            }
            "round" if !args.is_empty() && args.len() <= 2 => {
                let r = self.operand_repr(cx, &args[0]);
                let ndigits = match args.get(1) {
                    None | Some(FlowOperand::Const(Value::None)) => None,
                    Some(a) => Some(self.operand_as(cx, a, &Repr::Int)?),
                };
                // round(float, n) is a float, the other forms ints.
                let (v, from) = match (&r, ndigits) {
                    (Repr::Int | Repr::Bool, None) => {
                        (self.operand_as(cx, &args[0], &Repr::Int)?, Repr::Int)
                    }
                    (Repr::Int | Repr::Bool, Some(n)) => {
                        let x = self.operand_as(cx, &args[0], &Repr::Int)?;
                        let h = self.rpython_helper("int_round");
                        (self.call_raising(cx, h, vec![x, n]), Repr::Int)
                    }
                    (Repr::Float, None) => {
                        let x = self.operand_as(cx, &args[0], &Repr::Float)?;
                        let h = self.rpython_helper("float_round_to_int");
                        (self.call_raising(cx, h, vec![x]), Repr::Int)
                    }
                    (Repr::Float, Some(n)) => {
                        let x = self.operand_as(cx, &args[0], &Repr::Float)?;
                        let h = self.rpython_helper("float_round");
                        (self.call_raising(cx, h, vec![x, n]), Repr::Float)
                    }
                    _ => {
                        return Err(cx.error(format!(
                            "not supported yet by the translator: round() of {}",
                            self.describe_repr(&r)
                        )))
                    }
                };
                self.convert(cx, v, &from, result)
            }
            "ord" if args.len() == 1 => {
                let v = self.operand_as(cx, &args[0], &Repr::UniChar)?;
                Ok(cx.emit(LlOp::CastPrimitive, vec![v], self.t.signed))
            }
            _ => self.call_class_builtin(cx, name, args, result),
        }
    }

    /// `str(x)` of an operand, as a `Str`.
    pub(crate) fn to_str(
        &mut self,
        cx: &mut GraphCx,
        a: &FlowOperand,
    ) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, a);
        Ok(match r {
            Repr::Str => {
                let v = self.operand_as(cx, a, &Repr::Str)?;
                let f = self.str_or_none();
                self.call_in(cx, f, vec![v])
            }
            Repr::UniChar => {
                let v = self.operand_as(cx, a, &Repr::UniChar)?;
                let f = self.char_to_str();
                self.call_in(cx, f, vec![v])
            }
            Repr::Int => {
                let v = self.operand_as(cx, a, &Repr::Int)?;
                let f = self.int_to_str();
                self.call_in(cx, f, vec![v])
            }
            Repr::Bool => {
                let v = self.operand_as(cx, a, &Repr::Bool)?;
                let f = self.bool_to_str();
                self.call_in(cx, f, vec![v])
            }
            Repr::Void => Operand::Const(self.str_constant("None")),
            Repr::Instance(c) => match self.instance_stringify(cx, a, c, true)? {
                Some(s) => s,
                None => self.instance_to_str(cx, a, c)?,
            },
            _ => {
                return Err(cx.error(format!(
                    "not supported yet by the translator: str() of {r_desc}",
                    r_desc = self.describe_repr(&r)
                )))
            }
        })
    }
}

/// The constant an annotation stands for, if it is one.
fn konst_of(s: &SomeValue) -> Option<Value> {
    match s {
        SomeValue::Bool(Some(b)) => Some(Value::Bool(*b)),
        SomeValue::Int(i) => i.konst.map(Value::Int),
        SomeValue::Str(s) => s.konst.clone(),
        SomeValue::None => Some(Value::None),
        _ => None,
    }
}
