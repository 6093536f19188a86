//! `str()` and `repr()` of values (CPython's quoting and escapes for
//! strs and bytes, brackets for lists and tuples, a comma for
//! one-tuples), concatenation of formatted pieces, and `print(...,
//! sep=, end=, file=)`.

use frontend::host::Value;
use lltype::{ConstValue, FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOp = flowgraph::Operation<Value>;
type FlowOperand = flowgraph::Operand<Value>;

/// How a representation's text is made.
enum Text {
    Func(FuncId),
    Const(&'static str),
}

impl Rtyper<'_, '_> {
    /// Raises a built-in exception whose message is a str value.
    pub fn raise_builtin_with(&mut self, b: &mut FnBuilder, class: &str, message: Operand) {
        let Some(c) = self.builtin_class(class) else {
            panic!("the built-in exception {class} is laid out by setup_classes");
        };
        let info = self.classes[&c].clone();
        let inst = b.op(LlOp::Malloc, Vec::new(), info.ptr);
        let object = b.op(LlOp::CastPointer, vec![inst], self.t.object_ptr);
        let vt = Operand::Const(self.vtable_constant(c));
        b.setfield(object.clone(), "typeptr", vt.clone());
        let root = self.exception_root_ptr(c);
        let as_root = b.op(LlOp::CastPointer, vec![object.clone()], root);
        b.setfield(as_root, "rpy_message", message);
        b.raise(vt, object);
    }

    /// `repr(s)` of a str (null: `None`), quoted and escaped as CPython
    /// does, non-printable characters by the Unicode tables
    /// (`unicodetext.str_repr`).
    pub fn str_repr(&mut self) -> FuncId {
        self.rpython_helper("unicode_str_repr")
    }

    /// The quoted Latin-1 text of a bytes, as `repr()` of a bytes quotes
    /// it: `\xhh` for everything outside printable ASCII.
    pub fn bytes_quote(&mut self) -> FuncId {
        let (sp, boolean) = (self.t.str_ptr, self.t.bool);
        let slice = self.str_slice();
        self.helper("bytes_quote", &[sp], sp, |rt, b| {
            let x = b.param(0);
            let null = b.op(LlOp::PtrIsZero, vec![x.clone()], boolean);
            b.if_then(rt, null, |rt, b| {
                let none = Operand::Const(rt.str_constant("None"));
                b.ret(none);
            });
            let n = rt.str_len(b, x.clone());
            let zero = b.int(0);
            let (has_sq, has_dq) = (b.local(b.bool(false)), b.local(b.bool(false)));
            b.for_range(rt, zero.clone(), n.clone(), |rt, b, i| {
                let c = rt.str_get(b, x.clone(), i);
                for (q, flag) in [('\'', has_sq), ('"', has_dq)] {
                    let qc = rt.uc_const(q);
                    let eq = b.op(LlOp::UniCharEq, vec![c.clone(), qc], boolean);
                    b.if_then(rt, eq, |_, b| {
                        let t = b.bool(true);
                        b.set(flag, t);
                    });
                }
            });
            let (sq, dq) = (b.get(has_sq), b.get(has_dq));
            let no_dq = b.op(LlOp::BoolNot, vec![dq], boolean);
            let use_dq = b.bool_and(sq, no_dq);
            let quote = b.local(rt.uc_const('\''));
            let dqc = rt.uc_const('"');
            b.if_then(rt, use_dq, |_, b| b.set(quote, dqc.clone()));
            let q = b.get(quote);
            let six = b.int(10);
            let cap = b.int_op(LlOp::IntMul, n.clone(), six);
            let two = b.int(2);
            let cap = b.int_op(LlOp::IntAdd, cap, two);
            let out = rt.str_alloc(b, cap);
            let pos = b.local(zero.clone());
            let put = |rt: &mut Self, b: &mut FnBuilder, c: Operand| {
                let p = b.get(pos);
                rt.str_set(b, out.clone(), p.clone(), c);
                let one = b.int(1);
                let p1 = b.int_op(LlOp::IntAdd, p, one);
                b.set(pos, p1);
            };
            let put_hex = |rt: &mut Self, b: &mut FnBuilder, code: Operand, ndig: i64| {
                for k in (0..ndig).rev() {
                    let sh = b.int(4 * k);
                    let v = b.int_op(LlOp::IntRshift, code.clone(), sh);
                    let mask = b.int(15);
                    let v = b.int_op(LlOp::IntAnd, v, mask);
                    let ten = b.int(10);
                    let small = b.int_op(LlOp::IntLt, v.clone(), ten.clone());
                    let d = b.local(b.int(0));
                    b.if_else(
                        rt,
                        small,
                        |_, b| {
                            let zc = b.int('0' as i64);
                            let c = b.int_op(LlOp::IntAdd, v.clone(), zc);
                            b.set(d, c);
                        },
                        |_, b| {
                            let ac = b.int('a' as i64 - 10);
                            let c = b.int_op(LlOp::IntAdd, v.clone(), ac);
                            b.set(d, c);
                        },
                    );
                    let dv = b.get(d);
                    let c = rt.unichar_of(b, dv);
                    put(rt, b, c);
                }
            };
            put(rt, b, q.clone());
            b.for_range(rt, zero, n, |rt, b, i| {
                let c = rt.str_get(b, x.clone(), i);
                let code = rt.code(b, c.clone());
                let backslash = rt.uc_const('\\');
                let is_q = b.op(LlOp::UniCharEq, vec![c.clone(), q.clone()], boolean);
                let is_bs = b.op(LlOp::UniCharEq, vec![c.clone(), backslash.clone()], boolean);
                let plain_escape = b.bool_or(is_q, is_bs);
                let done = b.local(b.bool(false));
                b.if_then(rt, plain_escape, |rt, b| {
                    put(rt, b, backslash.clone());
                    put(rt, b, c.clone());
                    let t = b.bool(true);
                    b.set(done, t);
                });
                for (ch, letter) in [('\t', 't'), ('\n', 'n'), ('\r', 'r')] {
                    let d = b.get(done);
                    let not_done = b.op(LlOp::BoolNot, vec![d], boolean);
                    let k = rt.uc_const(ch);
                    let eq = b.op(LlOp::UniCharEq, vec![c.clone(), k], boolean);
                    let hit = b.bool_and(not_done, eq);
                    b.if_then(rt, hit, |rt, b| {
                        put(rt, b, backslash.clone());
                        let l = rt.uc_const(letter);
                        put(rt, b, l);
                        let t = b.bool(true);
                        b.set(done, t);
                    });
                }
                let d = b.get(done);
                let not_done = b.op(LlOp::BoolNot, vec![d], boolean);
                let ctrl = Self::ranges_test(b, &code, &[(0, 0x1F), (0x7F, 0xFF)]);
                let hit = b.bool_and(not_done.clone(), ctrl);
                b.if_then(rt, hit, |rt, b| {
                    put(rt, b, backslash.clone());
                    let l = rt.uc_const('x');
                    put(rt, b, l);
                    put_hex(rt, b, code.clone(), 2);
                    let t = b.bool(true);
                    b.set(done, t);
                });
                let d = b.get(done);
                let not_done = b.op(LlOp::BoolNot, vec![d], boolean);
                b.if_then(rt, not_done, |rt, b| put(rt, b, c.clone()));
            });
            put(rt, b, q);
            let z = b.int(0);
            let p = b.get(pos);
            let v = rt.call(b, slice, vec![out, z, p]);
            b.ret(v);
        })
    }

    /// Whether a `Signed` code lies in one of the ranges.
    pub(crate) fn ranges_test(b: &mut FnBuilder, code: &Operand, ranges: &[(i64, i64)]) -> Operand {
        let mut acc = b.bool(false);
        for &(lo, hi) in ranges {
            let (l, h) = (b.int(lo), b.int(hi));
            let ge = b.int_op(LlOp::IntGe, code.clone(), l);
            let le = b.int_op(LlOp::IntLe, code.clone(), h);
            let t = b.bool_and(ge, le);
            acc = b.bool_or(acc, t);
        }
        acc
    }

    /// `repr(v)` inside a helper, when the representation has one.
    pub(crate) fn repr_in_helper(
        &mut self,
        b: &mut FnBuilder,
        v: Operand,
        r: &Repr,
    ) -> Option<Operand> {
        Some(match self.text_of_repr(r, true)? {
            Text::Func(f) => self.call(b, f, vec![v]),
            Text::Const(s) => Operand::Const(self.str_constant(s)),
        })
    }

    /// How `str()` (or `repr()`) of a representation is made.
    fn text_of_repr(&mut self, r: &Repr, repr: bool) -> Option<Text> {
        Some(match r {
            Repr::Void => Text::Const("None"),
            Repr::Int => Text::Func(self.int_to_str()),
            Repr::Bool => Text::Func(self.bool_to_str()),
            Repr::Float => Text::Func(self.float_repr()),
            Repr::Str if repr => Text::Func(self.str_repr()),
            Repr::Str => Text::Func(self.str_or_none()),
            Repr::UniChar if repr => {
                let (uc, sp) = (self.t.unichar, self.t.str_ptr);
                let to_str = self.char_to_str();
                let quote = self.str_repr();
                Text::Func(self.helper("char_repr", &[uc], sp, |rt, b| {
                    let c = b.param(0);
                    let s = rt.call(b, to_str, vec![c]);
                    let v = rt.call(b, quote, vec![s]);
                    b.ret(v);
                }))
            }
            Repr::UniChar => Text::Func(self.char_to_str()),
            Repr::Bytes => Text::Func(self.bytes_repr()),
            Repr::List(_) | Repr::FixedList(_) | Repr::Tuple(_) => Text::Func(self.seq_repr(r)?),
            Repr::Dict(..) | Repr::Set(_) => Text::Func(self.dict_text(r)?),
            _ => return None,
        })
    }

    /// What tells apart, in a text helper's name, representations of one
    /// type that print differently: a set and a dict of the same keys to
    /// None share a type. Empty when no set is involved.
    fn set_tag(r: &Repr) -> String {
        use std::hash::{Hash, Hasher};
        let text = format!("{r:?}");
        if !text.contains("Set(") {
            return String::new();
        }
        let mut h = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut h);
        format!("_s{:08x}", h.finish() as u32)
    }

    /// `repr()` of a dict (`{k: v, ...}`) or a set (`{k, ...}`, `set()`
    /// when empty), in insertion order; `None` for a null one.
    fn dict_text(&mut self, r: &Repr) -> Option<FuncId> {
        let l = self.dict_layout(r);
        // (A set and a dict of the same keys to None share a layout.)
        let is_set = matches!(r, Repr::Set(_));
        let key = format!("dict_text_{}{}", l.ptr.as_u32(), Self::set_tag(r));
        if let Some(&f) = self.helpers.get(&key) {
            return Some(f);
        }
        let key_text = self.text_of_repr(&l.key, true)?;
        let value_text = if is_set {
            None
        } else {
            Some(self.text_of_repr(&l.value, true)?)
        };
        let lr = Self::str_list_repr();
        let append = self.list_append(&lr);
        let join = self.str_join(&lr);
        let concat = self.str_concat();
        let (s, sp, boolean) = (self.t.signed, self.t.str_ptr, self.t.bool);
        Some(self.helper(&key, &[l.ptr], sp, |rt, b| {
            let d = b.param(0);
            let null = b.op(LlOp::PtrIsZero, vec![d.clone()], boolean);
            b.if_then(rt, null, |rt, b| {
                let none = Operand::Const(rt.str_constant("None"));
                b.ret(none);
            });
            let text = |rt: &mut Self, b: &mut FnBuilder, t: &Text, x: Operand| match t {
                Text::Func(f) => rt.call(b, *f, vec![x]),
                Text::Const(s) => Operand::Const(rt.str_constant(s)),
            };
            let zero = b.int(0);
            let parts = rt.list_alloc(b, &lr, zero.clone());
            let used = b.getfield(d.clone(), "num_used", s);
            let entries = b.getfield(d, "entries", l.entries);
            b.for_range(rt, zero.clone(), used, |rt, b, e| {
                let live = rt.entry_get(b, entries.clone(), e.clone(), "live", boolean);
                b.if_then(rt, live, |rt, b| {
                    let k = rt.entry_item(b, &l, 0, entries.clone(), e.clone());
                    let mut part = text(rt, b, &key_text, k);
                    if let Some(vt) = &value_text {
                        let v = rt.entry_item(b, &l, 1, entries.clone(), e.clone());
                        let v = text(rt, b, vt, v);
                        let colon = Operand::Const(rt.str_constant(": "));
                        part = rt.call(b, concat, vec![part, colon]);
                        part = rt.call(b, concat, vec![part, v]);
                    }
                    rt.call(b, append, vec![parts.clone(), part]);
                });
            });
            if is_set {
                let n = rt.sequence_len(b, &lr, parts.clone());
                let empty = b.int_op(LlOp::IntEq, n, zero);
                b.if_then(rt, empty, |rt, b| {
                    let e = Operand::Const(rt.str_constant("set()"));
                    b.ret(e);
                });
            }
            let sep = Operand::Const(rt.str_constant(", "));
            let body = rt.call(b, join, vec![sep, parts]);
            let o = Operand::Const(rt.str_constant("{"));
            let c = Operand::Const(rt.str_constant("}"));
            let s = rt.call(b, concat, vec![o, body]);
            let s = rt.call(b, concat, vec![s, c]);
            b.ret(s);
        }))
    }

    /// `repr()` of a list or tuple: the reprs of the items between
    /// brackets (a one-tuple gets its comma).
    pub(crate) fn seq_repr(&mut self, r: &Repr) -> Option<FuncId> {
        let ty = self.lltype(r);
        // Keyed by the representation, not the type: a set and a dict of
        // None values share a type, not a text.
        let key = format!("seq_repr_{}{}", ty.as_u32(), Self::set_tag(r));
        if let Some(&f) = self.helpers.get(&key) {
            return Some(f);
        }
        let items: Vec<Repr> = match r {
            Repr::Tuple(items) => items.clone(),
            _ => vec![Self::list_item(r).clone()],
        };
        let mut texts = Vec::new();
        for item in &items {
            texts.push(self.text_of_repr(item, true)?);
        }
        let lr = Self::str_list_repr();
        let append = self.list_append(&lr);
        let join = self.str_join(&lr);
        let concat = self.str_concat();
        let sp = self.t.str_ptr;
        let r = r.clone();
        Some(self.helper(&key, &[ty], sp, |rt, b| {
            let v = b.param(0);
            let zero = b.int(0);
            let parts = rt.list_alloc(b, &lr, zero.clone());
            let text = |rt: &mut Self, b: &mut FnBuilder, t: &Text, x: Operand| match t {
                Text::Func(f) => rt.call(b, *f, vec![x]),
                Text::Const(s) => Operand::Const(rt.str_constant(s)),
            };
            let (open, close) = match &r {
                Repr::Tuple(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let ity = rt.lltype(item);
                        let x = if rt.is_void(ity) {
                            b.konst(ConstValue::Void, ity)
                        } else {
                            b.getfield(v.clone(), &format!("item{i}"), ity)
                        };
                        let s = text(rt, b, &texts[i], x);
                        rt.call(b, append, vec![parts.clone(), s]);
                    }
                    ("(", if items.len() == 1 { ",)" } else { ")" })
                }
                _ => {
                    let n = rt.sequence_len(b, &r, v.clone());
                    b.for_range(rt, zero, n, |rt, b, i| {
                        let x = rt.list_get(b, &r, v.clone(), i);
                        let s = text(rt, b, &texts[0], x);
                        rt.call(b, append, vec![parts.clone(), s]);
                    });
                    ("[", "]")
                }
            };
            let sep = Operand::Const(rt.str_constant(", "));
            let body = rt.call(b, join, vec![sep, parts]);
            let o = Operand::Const(rt.str_constant(open));
            let c = Operand::Const(rt.str_constant(close));
            let s = rt.call(b, concat, vec![o, body]);
            let s = rt.call(b, concat, vec![s, c]);
            b.ret(s);
        }))
    }

    /// `str(v)` or `repr(v)` of a value of representation `r`.
    pub fn text_value(
        &mut self,
        cx: &mut GraphCx,
        v: Operand,
        r: &Repr,
        repr: bool,
    ) -> Result<Operand, RtypeError> {
        if let Repr::Instance(c) = r {
            if let Some(s) = self.instance_text(cx, v.clone(), *c, repr)? {
                return Ok(s);
            }
        }
        match self.text_of_repr(r, repr) {
            Some(Text::Func(f)) => Ok(self.call_in(cx, f, vec![v])),
            Some(Text::Const(s)) => Ok(Operand::Const(self.str_constant(s))),
            None => Err(cx.error(format!(
                "not supported yet by the translator: {}() of {r_desc}",
                if repr { "repr" } else { "str" },
                r_desc = self.describe_repr(&r),
            ))),
        }
    }

    /// `str(x)` or `repr(x)` of an operand, as a `Str`.
    pub fn text_of(
        &mut self,
        cx: &mut GraphCx,
        a: &FlowOperand,
        repr: bool,
    ) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, a);
        if let (Repr::Instance(c), true) = (&r, repr) {
            if let Some(s) = self.instance_stringify(cx, a, *c, false)? {
                return Ok(s);
            }
        }
        if !repr && self.text_of_repr(&r, false).is_none() {
            // What is not done here (instances) is `to_str`'s.
            return self.to_str(cx, a);
        }
        let v = if r == Repr::Void {
            self.void_const()
        } else {
            self.operand_as(cx, a, &r)?
        };
        self.text_value(cx, v, &r, repr)
    }

    /// The concatenation of strs.
    pub fn concat_parts(&mut self, cx: &mut GraphCx, parts: Vec<Operand>) -> Operand {
        match parts.len() {
            0 => Operand::Const(self.str_constant("")),
            1 => parts.into_iter().next().expect("one"),
            2 => {
                let f = self.str_concat();
                self.call_in(cx, f, parts)
            }
            _ => {
                let lr = Repr::FixedList(Box::new(Repr::Str));
                let l = self.new_list_in(cx, &lr, parts);
                let f = self.str_join(&lr);
                let empty = Operand::Const(self.str_constant(""));
                self.call_in(cx, f, vec![empty, l])
            }
        }
    }

    /// The output buffer a `file=` argument names (stdout or stderr).
    pub(crate) fn print_target(
        &mut self,
        cx: &mut GraphCx,
        a: Option<&FlowOperand>,
    ) -> Result<Operand, RtypeError> {
        let fd = match a {
            None | Some(FlowOperand::Const(Value::None)) => 1,
            Some(FlowOperand::Const(Value::Ref(r))) => {
                let vm = self.ann.vm();
                match vm.heap.get(*r) {
                    frontend::host::Object::File(f) if f.fd == 1 || f.fd == 2 => f.fd as i64,
                    _ => 0,
                }
            }
            _ => 0,
        };
        if fd == 0 {
            return Err(cx.error("not supported yet by the translator: print() to this file"));
        }
        Ok(Operand::Const(self.out_buffer(fd)))
    }

    /// `print(args..., sep=, end=, file=)`.
    pub fn print_call(
        &mut self,
        cx: &mut GraphCx,
        positional: &[FlowOperand],
        keywords: &[(String, FlowOperand)],
    ) -> Result<Operand, RtypeError> {
        let mut sep = None;
        let mut end = None;
        let mut file = None;
        for (k, v) in keywords {
            match k.as_str() {
                "sep" => sep = Some(v),
                "end" => end = Some(v),
                "file" => file = Some(v),
                "flush" => {}
                _ => return Err(cx.error(format!("print() got an unexpected keyword `{k}`"))),
            }
        }
        let text = |rt: &mut Self, cx: &mut GraphCx, a: Option<&FlowOperand>, default: &str| match a
        {
            None | Some(FlowOperand::Const(Value::None)) => {
                Ok(Operand::Const(rt.str_constant(default)))
            }
            Some(a) => rt.operand_as(cx, a, &Repr::Str),
        };
        let sep = text(self, cx, sep, " ")?;
        let end = text(self, cx, end, "\n")?;
        if let Some(f) = file {
            let r = self.operand_repr(cx, f);
            let standard = matches!(self.print_target(cx, Some(f)), Ok(_));
            if r == Repr::File && !standard {
                // Another file: the whole line through its `write`.
                let mut parts = Vec::new();
                for (i, a) in positional.iter().enumerate() {
                    if i > 0 {
                        parts.push(sep.clone());
                    }
                    parts.push(self.text_of(cx, a, false)?);
                }
                parts.push(end);
                let line = self.concat_parts(cx, parts);
                let fv = self.operand_as(cx, f, &r)?;
                let w = self.file_write();
                self.call_raising(cx, w, vec![fv, line]);
                return Ok(self.void_const());
            }
        }
        let out = self.print_target(cx, file)?;
        let write = self.buffer_write_str();
        for (i, a) in positional.iter().enumerate() {
            if i > 0 {
                self.call_in(cx, write, vec![out.clone(), sep.clone()]);
            }
            let s = self.text_of(cx, a, false)?;
            self.call_in(cx, write, vec![out.clone(), s]);
        }
        self.call_in(cx, write, vec![out, end]);
        Ok(self.void_const())
    }

    /// Whether a `call_args` operation calls `print` with keywords only.
    pub fn is_print_call(
        &mut self,
        cx: &GraphCx,
        op: &FlowOp,
        shape: &flowgraph::CallShape,
    ) -> bool {
        let callee = self.binding(cx, &op.args[0]);
        let annotator::SomeValue::Builtin(name) = &callee else {
            return false;
        };
        &**name == "print" && !shape.star && !shape.starstar
    }

    /// `print(..., sep=, end=, file=)` from a `call_args` operation.
    pub fn print_call_args(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        shape: &flowgraph::CallShape,
    ) -> Result<Operand, RtypeError> {
        let npos = shape.npos as usize;
        let positional = &op.args[1..1 + npos];
        let keywords: Vec<(String, FlowOperand)> = shape
            .keywords
            .iter()
            .zip(&op.args[1 + npos..])
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        self.print_call(cx, positional, &keywords)
    }
}
