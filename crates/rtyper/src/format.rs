//! Text of values: `str()`, `repr()`, `%` formatting, f-strings (the
//! `format` and `buildstr` operations) and `print(..., sep=, end=,
//! file=)`, with CPython's output.
//!
//! Format strings and format specs are constants in RPython programs, so
//! they are parsed here, at translation time: a `%` expression becomes a
//! concatenation of its literal pieces and one call per conversion to a
//! helper taking the conversion's parameters (base, sign, width, fill,
//! alignment...) as arguments. The helpers are shared by `%` and
//! f-strings; the two only differ in their defaults (a `%5s` aligns
//! right, a `{:5s}` left).
//!
//! Known gaps: `*` widths, `%(name)s`, `#` with `g`, a precision on `%d`,
//! and zero padding with grouping (`{:010,}`) are not done; a float
//! format with a precision and no type is formatted as `g`.

use frontend::host::Value;
use lltype::{ConstValue, Constant, FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOp = flowgraph::Operation<Value>;
type FlowOperand = flowgraph::Operand<Value>;

/// A parsed conversion: a `%` directive or a format spec.
#[derive(Clone, Debug)]
struct Spec {
    fill: char,
    align: Option<char>,
    sign: char,
    alt: bool,
    zero: bool,
    width: i64,
    grouping: Option<char>,
    precision: Option<i64>,
    ty: Option<char>,
}

impl Spec {
    fn new() -> Spec {
        Spec {
            fill: ' ',
            align: None,
            sign: '-',
            alt: false,
            zero: false,
            width: 0,
            grouping: None,
            precision: None,
            ty: None,
        }
    }

    fn is_empty(&self) -> bool {
        self.align.is_none()
            && self.sign == '-'
            && !self.alt
            && !self.zero
            && self.width == 0
            && self.grouping.is_none()
            && self.precision.is_none()
            && self.ty.is_none()
    }
}

/// A piece of a `%` format string.
enum Piece {
    Text(String),
    Conv(Spec),
}

fn digits(chars: &[char], i: &mut usize) -> Option<i64> {
    let start = *i;
    while *i < chars.len() && chars[*i].is_ascii_digit() {
        *i += 1;
    }
    (start < *i).then(|| chars[start..*i].iter().collect::<String>().parse().unwrap_or(0))
}

/// Parses a `%` format string.
fn parse_percent(f: &str) -> Result<Vec<Piece>, String> {
    let chars: Vec<char> = f.chars().collect();
    let mut out = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            text.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        let mut spec = Spec::new();
        while i < chars.len() && "-+ 0#".contains(chars[i]) {
            match chars[i] {
                '-' => spec.align = Some('<'),
                '+' => spec.sign = '+',
                ' ' if spec.sign != '+' => spec.sign = ' ',
                '0' => spec.zero = true,
                '#' => spec.alt = true,
                _ => {}
            }
            i += 1;
        }
        if i < chars.len() && (chars[i] == '*' || chars[i] == '(') {
            return Err("`*` widths and `%(name)` keys in % formats".into());
        }
        spec.width = digits(&chars, &mut i).unwrap_or(0);
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            spec.precision = Some(digits(&chars, &mut i).unwrap_or(0));
        }
        let Some(&t) = chars.get(i) else {
            return Err("incomplete format".into());
        };
        i += 1;
        if t == '%' {
            text.push('%');
            continue;
        }
        if !"diouxXeEfFgGcrsa".contains(t) {
            return Err(format!("unsupported format character '{t}'"));
        }
        if spec.align == Some('<') {
            spec.zero = false;
        }
        spec.ty = Some(t);
        if !text.is_empty() {
            out.push(Piece::Text(std::mem::take(&mut text)));
        }
        out.push(Piece::Conv(spec));
    }
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    Ok(out)
}

/// Parses a format spec: `[[fill]align][sign][#][0][width][,|_][.prec][type]`.
fn parse_spec(s: &str) -> Result<Spec, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut spec = Spec::new();
    let mut i = 0;
    let is_align = |c: char| "<>^=".contains(c);
    if chars.len() >= 2 && is_align(chars[1]) {
        spec.fill = chars[0];
        spec.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        spec.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && "+- ".contains(chars[i]) {
        spec.sign = chars[i];
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        spec.alt = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        spec.zero = true;
        i += 1;
    }
    spec.width = digits(&chars, &mut i).unwrap_or(0);
    if i < chars.len() && (chars[i] == ',' || chars[i] == '_') {
        spec.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        spec.precision = Some(digits(&chars, &mut i).ok_or("format specifier missing precision")?);
    }
    if i < chars.len() {
        let t = chars[i];
        if !"bcdeEfFgGnosxX%".contains(t) || i + 1 != chars.len() {
            return Err(format!("invalid format specifier '{s}'"));
        }
        spec.ty = Some(t);
    }
    Ok(spec)
}

/// The alignment code the padding helpers take.
fn align_code(c: char) -> i64 {
    match c {
        '<' => 0,
        '>' => 1,
        '^' => 3,
        _ => 4,
    }
}

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
    /// does for printable text.
    pub fn str_repr(&mut self) -> FuncId {
        self.str_repr_kind(false)
    }

    /// The quoted text of a str, or (`bytes`) of the Latin-1 text of a
    /// bytes, whose escapes differ: `\xhh` for everything outside
    /// printable ASCII.
    pub fn str_repr_kind(&mut self, bytes: bool) -> FuncId {
        let (sp, boolean) = (self.t.str_ptr, self.t.bool);
        let slice = self.str_slice();
        let key = if bytes { "bytes_quote" } else { "str_repr" };
        self.helper(key, &[sp], sp, |rt, b| {
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
                let ctrl = if bytes {
                    Self::ranges_test(b, &code, &[(0, 0x1F), (0x7F, 0xFF)])
                } else {
                    Self::ranges_test(b, &code, &[(0, 0x1F), (0x7F, 0xA0), (0xAD, 0xAD)])
                };
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
                let wide = Self::ranges_test(b, &code, &[(0x2028, 0x2029), (0xD800, 0xDFFF)]);
                let hit = b.bool_and(not_done, wide);
                b.if_then(rt, hit, |rt, b| {
                    put(rt, b, backslash.clone());
                    let l = rt.uc_const('u');
                    put(rt, b, l);
                    put_hex(rt, b, code.clone(), 4);
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
    fn ranges_test(b: &mut FnBuilder, code: &Operand, ranges: &[(i64, i64)]) -> Operand {
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
            _ => return None,
        })
    }

    /// `repr()` of a list or tuple: the reprs of the items between
    /// brackets (a one-tuple gets its comma).
    fn seq_repr(&mut self, r: &Repr) -> Option<FuncId> {
        let ty = self.lltype(r);
        let key = format!("seq_repr_{}", ty.as_u32());
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
        match self.text_of_repr(r, repr) {
            Some(Text::Func(f)) => Ok(self.call_in(cx, f, vec![v])),
            Some(Text::Const(s)) => Ok(Operand::Const(self.str_constant(s))),
            None => Err(cx.error(format!(
                "not supported yet by the translator: {}() of {r:?}",
                if repr { "repr" } else { "str" }
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

    fn signed_const(&self, v: i64) -> Operand {
        Operand::Const(Constant::new(ConstValue::Int(v.into()), self.t.signed))
    }

    /// `fmt_int(x, base, upper, sign, alt, group, width, fill, align)`.
    fn fmt_int(&mut self) -> FuncId {
        let (s, u, boolean, uc, sp) = (
            self.t.signed,
            self.t.unsigned,
            self.t.bool,
            self.t.unichar,
            self.t.str_ptr,
        );
        let pad = self.pad_number();
        let params = [s, s, boolean, uc, boolean, s, s, uc, s];
        self.helper("fmt_int", &params, sp, |rt, b| {
            let x = b.param(0);
            let base = b.param(1);
            let upper = b.param(2);
            let sign = b.param(3);
            let alt = b.param(4);
            let group = b.param(5);
            let (width, fill, align) = (b.param(6), b.param(7), b.param(8));
            let zero = b.int(0);
            let negative = b.int_op(LlOp::IntLt, x.clone(), zero.clone());
            let ux = b.op(LlOp::CastPrimitive, vec![x.clone()], u);
            let uzero = b.konst(ConstValue::Int(0), u);
            let neg_u = b.op(LlOp::UintSub, vec![uzero.clone(), ux.clone()], u);
            let mag = b.local(ux);
            b.if_then(rt, negative.clone(), |_, b| b.set(mag, neg_u));
            let m = b.get(mag);
            let ubase = b.op(LlOp::CastPrimitive, vec![base.clone()], u);
            // Count the digits.
            let nd = b.local(b.int(1));
            let t = b.local(m.clone());
            b.while_loop(
                rt,
                |rt, b| {
                    let v = b.get(t);
                    b.op(LlOp::UintGe, vec![v, ubase.clone()], rt.t.bool)
                },
                |_, b| {
                    let v = b.get(t);
                    let q = b.op(LlOp::UintFloorDiv, vec![v, ubase.clone()], u);
                    b.set(t, q);
                    let d = b.get(nd);
                    let one = b.int(1);
                    let d1 = b.int_op(LlOp::IntAdd, d, one);
                    b.set(nd, d1);
                },
            );
            let ten = b.int(10);
            let is_ten = b.int_op(LlOp::IntEq, base.clone(), ten);
            let gsize = b.local(b.int(4));
            b.if_then(rt, is_ten, |_, b| {
                let three = b.int(3);
                b.set(gsize, three);
            });
            let g = b.get(gsize);
            let grouped = b.int_op(LlOp::IntNe, group.clone(), zero.clone());
            let seps = b.local(zero.clone());
            let d = b.get(nd);
            b.if_then(rt, grouped.clone(), |_, b| {
                let one = b.int(1);
                let dm = b.int_op(LlOp::IntSub, d.clone(), one);
                let v = b.int_op(LlOp::IntFloorDiv, dm, g.clone());
                b.set(seps, v);
            });
            let sv = b.get(seps);
            let total = b.int_op(LlOp::IntAdd, d, sv);
            let body = rt.str_alloc(b, total.clone());
            let one = b.int(1);
            let last = b.int_op(LlOp::IntSub, total, one);
            let pos = b.local(last);
            let rest = b.local(m);
            let count = b.local(zero.clone());
            let sep_char = rt.unichar_of(b, group.clone());
            b.while_loop(
                rt,
                |_, b| {
                    let p = b.get(pos);
                    let z = b.int(0);
                    b.int_op(LlOp::IntGe, p, z)
                },
                |rt, b| {
                    let c = b.get(count);
                    let z = b.int(0);
                    let cm = b.int_op(LlOp::IntMod, c.clone(), g.clone());
                    let at_group = b.int_op(LlOp::IntEq, cm, z.clone());
                    let started = b.int_op(LlOp::IntGt, c, z);
                    let put_sep = b.bool_and(at_group, started);
                    let put_sep = b.bool_and(put_sep, grouped.clone());
                    let sep_done = b.local(b.bool(false));
                    b.if_then(rt, put_sep, |rt, b| {
                        let done = b.get(sep_done);
                        let _ = done;
                        let p = b.get(pos);
                        rt.str_set(b, body.clone(), p.clone(), sep_char.clone());
                        let one = b.int(1);
                        let p1 = b.int_op(LlOp::IntSub, p, one);
                        b.set(pos, p1);
                    });
                    let v = b.get(rest);
                    let digit = b.op(LlOp::UintMod, vec![v.clone(), ubase.clone()], u);
                    let q = b.op(LlOp::UintFloorDiv, vec![v, ubase.clone()], u);
                    b.set(rest, q);
                    let dv = b.op(LlOp::CastPrimitive, vec![digit], rt.t.signed);
                    let ten = b.int(10);
                    let small = b.int_op(LlOp::IntLt, dv.clone(), ten);
                    let code = b.local(b.int(0));
                    b.if_else(
                        rt,
                        small,
                        |_, b| {
                            let zc = b.int('0' as i64);
                            let v = b.int_op(LlOp::IntAdd, dv.clone(), zc);
                            b.set(code, v);
                        },
                        |rt, b| {
                            let lc = b.int('a' as i64 - 10);
                            let v = b.int_op(LlOp::IntAdd, dv.clone(), lc);
                            b.set(code, v);
                            b.if_then(rt, upper.clone(), |_, b| {
                                let uc = b.int('A' as i64 - 10);
                                let v = b.int_op(LlOp::IntAdd, dv.clone(), uc);
                                b.set(code, v);
                            });
                        },
                    );
                    let cv = b.get(code);
                    let ch = rt.unichar_of(b, cv);
                    let p = b.get(pos);
                    rt.str_set(b, body.clone(), p.clone(), ch);
                    let one = b.int(1);
                    let p1 = b.int_op(LlOp::IntSub, p, one.clone());
                    b.set(pos, p1);
                    let c = b.get(count);
                    let c1 = b.int_op(LlOp::IntAdd, c, one);
                    b.set(count, c1);
                },
            );
            // The prefix: sign, then `0x` and the like.
            let prefix = rt.sign_prefix(b, negative, sign);
            let with_alt = b.local(prefix.clone());
            b.if_then(rt, alt, |rt, b| {
                let letter = b.local(b.int('x' as i64));
                for (k, l) in [(8, 'o'), (2, 'b')] {
                    let kk = b.int(k);
                    let eq = b.int_op(LlOp::IntEq, base.clone(), kk);
                    b.if_then(rt, eq, |_, b| {
                        let lv = b.int(l as i64);
                        b.set(letter, lv);
                    });
                }
                b.if_then(rt, upper.clone(), |_, b| {
                    let xv = b.int('X' as i64);
                    b.set(letter, xv);
                });
                let pn = rt.str_len(b, prefix.clone());
                let two = b.int(2);
                let n2 = b.int_op(LlOp::IntAdd, pn.clone(), two);
                let s2 = rt.str_alloc(b, n2);
                let z = b.int(0);
                rt.str_copy_into(b, prefix.clone(), s2.clone(), z);
                let zc = rt.uc_const('0');
                rt.str_set(b, s2.clone(), pn.clone(), zc);
                let one = b.int(1);
                let at = b.int_op(LlOp::IntAdd, pn, one);
                let lv = b.get(letter);
                let lc = rt.unichar_of(b, lv);
                rt.str_set(b, s2.clone(), at, lc);
                b.set(with_alt, s2);
            });
            let pre = b.get(with_alt);
            let v = rt.call(b, pad, vec![pre, body, width, fill, align]);
            b.ret(v);
        })
    }

    /// The sign prefix of a number: `-` when negative, else the sign
    /// option (`+`, a space, or nothing for `-`).
    fn sign_prefix(&mut self, b: &mut FnBuilder, negative: Operand, sign: Operand) -> Operand {
        let boolean = self.t.bool;
        let out = b.local(Operand::Const(self.str_constant("")));
        let minus = Operand::Const(self.str_constant("-"));
        let plus = Operand::Const(self.str_constant("+"));
        let space = Operand::Const(self.str_constant(" "));
        b.if_else(
            self,
            negative,
            |_, b| b.set(out, minus),
            |rt, b| {
                for (c, s) in [('+', plus), (' ', space)] {
                    let k = rt.uc_const(c);
                    let eq = b.op(LlOp::UniCharEq, vec![sign.clone(), k], boolean);
                    b.if_then(rt, eq, |_, b| b.set(out, s));
                }
            },
        );
        b.get(out)
    }

    /// `pad_number(prefix, body, width, fill, align)`: alignment `=`
    /// (code 4) pads between the sign and the digits.
    fn pad_number(&mut self) -> FuncId {
        let (s, uc, sp) = (self.t.signed, self.t.unichar, self.t.str_ptr);
        let pad = self.str_pad();
        let concat = self.str_concat();
        self.helper("pad_number", &[sp, sp, s, uc, s], sp, |rt, b| {
            let (prefix, body, width, fill, align) =
                (b.param(0), b.param(1), b.param(2), b.param(3), b.param(4));
            let four = b.int(4);
            let inner = b.int_op(LlOp::IntEq, align.clone(), four);
            b.if_then(rt, inner, |rt, b| {
                let pn = rt.str_len(b, prefix.clone());
                let w = b.int_op(LlOp::IntSub, width.clone(), pn);
                let one = b.int(1);
                let padded = rt.call(b, pad, vec![body.clone(), w, fill.clone(), one]);
                let v = rt.call(b, concat, vec![prefix.clone(), padded]);
                b.ret(v);
            });
            let whole = rt.call(b, concat, vec![prefix, body]);
            let v = rt.call(b, pad, vec![whole, width, fill, align]);
            b.ret(v);
        })
    }

    /// `fmt_float(x, conv, precision, sign, group, width, fill, align)`;
    /// `conv` is one of `f F e E g G %`, or `r` for the repr.
    fn fmt_float(&mut self) -> FuncId {
        let (f, ch, s, uc, sp, boolean) = (
            self.t.float,
            self.t.char,
            self.t.signed,
            self.t.unichar,
            self.t.str_ptr,
            self.t.bool,
        );
        let cfmt = self.float_c_format();
        let repr = self.float_repr();
        let pad = self.pad_number();
        let slice = self.str_slice();
        let upper_case = self.char_case(true);
        let concat = self.str_concat();
        let params = [f, ch, s, uc, s, s, uc, s];
        self.helper("fmt_float", &params, sp, |rt, b| {
            let (x, conv, prec, sign) = (b.param(0), b.param(1), b.param(2), b.param(3));
            let group = b.param(4);
            let (width, fill, align) = (b.param(5), b.param(6), b.param(7));
            let conv_code = b.op(LlOp::CastPrimitive, vec![conv.clone()], s);
            let is = |b: &mut FnBuilder, c: char| {
                let k = b.int(c as i64);
                b.int_op(LlOp::IntEq, conv_code.clone(), k)
            };
            let big_f = is(b, 'F');
            let big_e = is(b, 'E');
            let big_g = is(b, 'G');
            let upper = b.bool_or(big_f, big_e);
            let upper = b.bool_or(upper, big_g);
            let text = b.local(Operand::Const(rt.str_constant("")));
            let zero = rt.float_const(b, 0.0);
            let nan = b.op(LlOp::FloatNe, vec![x.clone(), x.clone()], boolean);
            let d = b.op(LlOp::FloatSub, vec![x.clone(), x.clone()], f);
            let odd = b.op(LlOp::FloatNe, vec![d, zero.clone()], boolean);
            let negative = b.local(b.bool(false));
            b.if_else(
                rt,
                odd,
                |rt, b| {
                    let inf = Operand::Const(rt.str_constant("inf"));
                    let nan_s = Operand::Const(rt.str_constant("nan"));
                    b.set(text, inf);
                    b.if_then(rt, nan.clone(), |_, b| b.set(text, nan_s));
                    let not_nan = b.op(LlOp::BoolNot, vec![nan.clone()], boolean);
                    let below = b.op(LlOp::FloatLt, vec![x.clone(), zero.clone()], boolean);
                    let neg = b.bool_and(not_nan, below);
                    b.set(negative, neg);
                    let pct = is(b, '%');
                    b.if_then(rt, pct, |rt, b| {
                        let t = b.get(text);
                        let p = Operand::Const(rt.str_constant("%"));
                        let v = rt.call(b, concat, vec![t, p]);
                        b.set(text, v);
                    });
                },
                |rt, b| {
                    let is_r = is(b, 'r');
                    let is_pct = is(b, '%');
                    b.if_else(
                        rt,
                        is_r,
                        |rt, b| {
                            let v = rt.call(b, repr, vec![x.clone()]);
                            b.set(text, v);
                        },
                        |rt, b| {
                            let value = b.local(x.clone());
                            let c = b.local(conv.clone());
                            b.if_then(rt, is_pct.clone(), |rt, b| {
                                let hundred = rt.float_const(b, 100.0);
                                let v = b.op(LlOp::FloatMul, vec![x.clone(), hundred], f);
                                b.set(value, v);
                                let fc = b.char(b'f');
                                b.set(c, fc);
                            });
                            // C takes the lower-case letters.
                            for (big, small) in [(b'F', b'f'), (b'E', b'e'), (b'G', b'g')] {
                                let cv = b.get(c);
                                let k = b.char(big);
                                let eq = b.op(LlOp::CharEq, vec![cv, k], boolean);
                                b.if_then(rt, eq, |_, b| {
                                    let sc = b.char(small);
                                    b.set(c, sc);
                                });
                            }
                            let (vv, cv) = (b.get(value), b.get(c));
                            let t = rt.call(b, cfmt, vec![vv, cv, prec.clone()]);
                            b.set(text, t.clone());
                            b.if_then(rt, is_pct, |rt, b| {
                                let p = Operand::Const(rt.str_constant("%"));
                                let v = rt.call(b, concat, vec![t.clone(), p]);
                                b.set(text, v);
                            });
                        },
                    );
                    // The sign comes out of the text, -0.0 included.
                    let t = b.get(text);
                    let z = b.int(0);
                    let first = rt.str_get(b, t.clone(), z);
                    let m = rt.uc_const('-');
                    let neg = b.op(LlOp::UniCharEq, vec![first, m], boolean);
                    b.set(negative, neg.clone());
                    b.if_then(rt, neg, |rt, b| {
                        let one = b.int(1);
                        let n = rt.str_len(b, t.clone());
                        let v = rt.call(b, slice, vec![t.clone(), one, n]);
                        b.set(text, v);
                    });
                },
            );
            b.if_then(rt, upper, |rt, b| {
                let t = b.get(text);
                let n = rt.str_len(b, t.clone());
                let out = rt.str_alloc(b, n.clone());
                let z = b.int(0);
                b.for_range(rt, z, n, |rt, b, i| {
                    let c = rt.str_get(b, t.clone(), i.clone());
                    let u = rt.call(b, upper_case, vec![c]);
                    rt.str_set(b, out.clone(), i, u);
                });
                b.set(text, out);
            });
            let z = b.int(0);
            let grouped = b.int_op(LlOp::IntNe, group.clone(), z);
            b.if_then(rt, grouped, |rt, b| {
                let t = b.get(text);
                let v = rt.group_integer_part(b, t, group.clone());
                b.set(text, v);
            });
            let neg = b.get(negative);
            let prefix = rt.sign_prefix(b, neg, sign);
            let t = b.get(text);
            let v = rt.call(b, pad, vec![prefix, t, width, fill, align]);
            b.ret(v);
        })
    }

    /// Inserts a separator every three digits of the leading digits.
    fn group_integer_part(&mut self, b: &mut FnBuilder, t: Operand, group: Operand) -> Operand {
        let n = self.str_len(b, t.clone());
        let digits = b.local(b.int(0));
        b.while_loop(
            self,
            |rt, b| {
                let d = b.get(digits);
                let more = b.int_op(LlOp::IntLt, d.clone(), n.clone());
                rt.and_then(b, more, |rt, b| {
                    let c = rt.str_get(b, t.clone(), d);
                    let code = rt.code(b, c);
                    Self::ranges_test(b, &code, &[('0' as i64, '9' as i64)])
                })
            },
            |_, b| {
                let d = b.get(digits);
                let one = b.int(1);
                let v = b.int_op(LlOp::IntAdd, d, one);
                b.set(digits, v);
            },
        );
        let d = b.get(digits);
        let one = b.int(1);
        let three = b.int(3);
        let dm = b.int_op(LlOp::IntSub, d.clone(), one);
        let seps = b.int_op(LlOp::IntFloorDiv, dm, three.clone());
        let zero = b.int(0);
        let none = b.int_op(LlOp::IntLe, seps.clone(), zero.clone());
        let out = b.local(t.clone());
        let not_none = b.op(LlOp::BoolNot, vec![none], self.t.bool);
        b.if_then(self, not_none, |rt, b| {
            let total = b.int_op(LlOp::IntAdd, n.clone(), seps.clone());
            let s = rt.str_alloc(b, total);
            let sep = rt.unichar_of(b, group.clone());
            let pos = b.local(b.int(0));
            let z = b.int(0);
            b.for_range(rt, z.clone(), n.clone(), |rt, b, i| {
                let left = b.int_op(LlOp::IntSub, d.clone(), i.clone());
                let m = b.int_op(LlOp::IntMod, left.clone(), three.clone());
                let at_group = b.int_op(LlOp::IntEq, m, z.clone());
                let inside = b.int_op(LlOp::IntLt, i.clone(), d.clone());
                let not_first = b.int_op(LlOp::IntGt, i.clone(), z.clone());
                let put_sep = b.bool_and(at_group, inside);
                let put_sep = b.bool_and(put_sep, not_first);
                b.if_then(rt, put_sep, |rt, b| {
                    let p = b.get(pos);
                    rt.str_set(b, s.clone(), p.clone(), sep.clone());
                    let one = b.int(1);
                    let p1 = b.int_op(LlOp::IntAdd, p, one);
                    b.set(pos, p1);
                });
                let c = rt.str_get(b, t.clone(), i);
                let p = b.get(pos);
                rt.str_set(b, s.clone(), p.clone(), c);
                let one = b.int(1);
                let p1 = b.int_op(LlOp::IntAdd, p, one);
                b.set(pos, p1);
            });
            b.set(out, s);
        });
        b.get(out)
    }

    /// One conversion of a value of representation `r`.
    fn format_one(
        &mut self,
        cx: &mut GraphCx,
        v: Operand,
        r: &Repr,
        spec: &Spec,
        percent: bool,
    ) -> Result<Operand, RtypeError> {
        let numeric = matches!(r, Repr::Int | Repr::Bool | Repr::Float);
        let ty = spec.ty;
        let stringy = match ty {
            Some('s') | Some('r') | Some('a') => true,
            None => !numeric || (*r == Repr::Bool && spec.is_empty()),
            _ => false,
        };
        if ty == Some('c') {
            let c = match r {
                Repr::UniChar => v,
                Repr::Int | Repr::Bool => {
                    let i = self.convert(cx, v, r, &Repr::Int)?;
                    let f = self.chr_helper();
                    self.call_raising(cx, f, vec![i])
                }
                _ => return Err(cx.error("not supported yet by the translator: %c of this value")),
            };
            let f = self.char_to_str();
            let s = self.call_in(cx, f, vec![c]);
            return Ok(self.pad_text(cx, s, spec, percent));
        }
        if stringy {
            let mut s = self.text_value(cx, v, r, matches!(ty, Some('r') | Some('a')))?;
            if let Some(p) = spec.precision {
                let f = self.str_slice();
                let (lo, hi) = (self.signed_const(0), self.signed_const(p));
                s = self.call_in(cx, f, vec![s, lo, hi]);
            }
            return Ok(self.pad_text(cx, s, spec, percent));
        }
        if !numeric {
            return Err(cx.error(format!(
                "not supported yet by the translator: the format `{}` of {r:?}",
                ty.unwrap_or(' ')
            )));
        }
        let (fill, align) = match spec.align {
            Some(a) => (spec.fill, align_code(a)),
            None if spec.zero => ('0', 4),
            None => (spec.fill, 1),
        };
        let fill = self.uc_const(fill);
        let align = self.signed_const(align);
        let width = self.signed_const(spec.width);
        let sign = self.uc_const(spec.sign);
        let group = self.signed_const(spec.grouping.map_or(0, |c| c as i64));
        let int_ty = match ty {
            None if *r != Repr::Float => Some(10),
            Some('d') | Some('i') | Some('u') | Some('n') => Some(10),
            Some('x') | Some('X') => Some(16),
            Some('o') => Some(8),
            Some('b') => Some(2),
            _ => None,
        };
        if let Some(base) = int_ty {
            let x = if *r == Repr::Float {
                if !percent || base != 10 {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: the integer format `{}` of a float",
                        ty.unwrap_or(' ')
                    )));
                }
                cx.emit(LlOp::CastFloatToInt, vec![v], self.t.signed)
            } else {
                self.convert(cx, v, r, &Repr::Int)?
            };
            let f = self.fmt_int();
            let upper = Operand::Const(Constant::new(
                ConstValue::Bool(ty == Some('X')),
                self.t.bool,
            ));
            let alt = Operand::Const(Constant::new(ConstValue::Bool(spec.alt), self.t.bool));
            let base = self.signed_const(base);
            return Ok(self.call_in(
                cx,
                f,
                vec![x, base, upper, sign, alt, group, width, fill, align],
            ));
        }
        let x = self.convert(cx, v, r, &Repr::Float)?;
        let (conv, prec) = match (ty, spec.precision) {
            (None, None) => ('r', 0),
            (None, Some(p)) => ('g', p.max(1)),
            (Some(t), p) => (t, p.unwrap_or(6)),
        };
        let conv = Operand::Const(Constant::new(ConstValue::Int((conv as u32).into()), self.t.char));
        let prec = self.signed_const(prec);
        let f = self.fmt_float();
        Ok(self.call_in(
            cx,
            f,
            vec![x, conv, prec, sign, group, width, fill, align],
        ))
    }

    /// Pads a str by a spec's width and alignment (`%` aligns right by
    /// default, a format spec left).
    fn pad_text(&mut self, cx: &mut GraphCx, s: Operand, spec: &Spec, percent: bool) -> Operand {
        if spec.width == 0 {
            return s;
        }
        let align = match spec.align {
            Some('=') | None => {
                if percent {
                    1
                } else {
                    0
                }
            }
            Some(a) => align_code(a),
        };
        let f = self.str_pad();
        let width = self.signed_const(spec.width);
        let fill = self.uc_const(spec.fill);
        let align = self.signed_const(align);
        self.call_in(cx, f, vec![s, width, fill, align])
    }

    /// A value and its representation for each item of an operand that
    /// is a tuple, or the operand alone.
    fn format_args(
        &mut self,
        cx: &mut GraphCx,
        a: &FlowOperand,
    ) -> Result<Vec<(Operand, Repr)>, RtypeError> {
        let one = |rt: &mut Self, cx: &mut GraphCx, a: &FlowOperand| {
            let r = rt.operand_repr(cx, a);
            let v = if r == Repr::Void {
                rt.void_const()
            } else {
                rt.operand_as(cx, a, &r)?
            };
            Ok::<_, RtypeError>((v, r))
        };
        if let FlowOperand::Const(Value::Tuple(items)) = a {
            let mut out = Vec::new();
            for item in items.iter() {
                out.push(one(self, cx, &FlowOperand::Const(item.clone()))?);
            }
            return Ok(out);
        }
        let r = self.operand_repr(cx, a);
        if let Repr::Tuple(items) = &r {
            let t = self.operand_as(cx, a, &r)?;
            let mut out = Vec::new();
            for (i, item) in items.clone().into_iter().enumerate() {
                let ty = self.lltype(&item);
                let v = if self.is_void(ty) {
                    self.void_const()
                } else {
                    let name = self.name_const(&format!("item{i}"));
                    cx.emit(LlOp::GetField, vec![t.clone(), name], ty)
                };
                out.push((v, item));
            }
            return Ok(out);
        }
        Ok(vec![one(self, cx, a)?])
    }

    /// `fmt % args` with a constant format.
    pub fn percent_format(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let FlowOperand::Const(Value::Str(f)) = &op.args[0] else {
            return Err(cx.error(
                "not supported yet by the translator: a % format that is not a constant",
            ));
        };
        let pieces = parse_percent(f.as_str())
            .map_err(|e| cx.error(format!("not supported yet by the translator: {e}")))?;
        let args = self.format_args(cx, &op.args[1])?;
        let wanted = pieces
            .iter()
            .filter(|p| matches!(p, Piece::Conv(_)))
            .count();
        if wanted != args.len() {
            return Err(cx.error(if wanted > args.len() {
                "not enough arguments for format string"
            } else {
                "not all arguments converted during string formatting"
            }));
        }
        let mut args = args.into_iter();
        let mut parts = Vec::new();
        for p in &pieces {
            parts.push(match p {
                Piece::Text(t) => Operand::Const(self.str_constant(t)),
                Piece::Conv(spec) => {
                    let (v, r) = args.next().expect("counted");
                    self.format_one(cx, v, &r, spec, true)?
                }
            });
        }
        let s = self.concat_parts(cx, parts);
        self.convert(cx, s, &Repr::Str, result)
    }

    /// The `format(value, spec)` operation of f-strings.
    pub fn format_op(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let FlowOperand::Const(Value::Str(spec)) = &op.args[1] else {
            return Err(cx.error(
                "not supported yet by the translator: a format spec that is not a constant",
            ));
        };
        let spec = parse_spec(spec.as_str()).map_err(|e| cx.error(e))?;
        let r = self.operand_repr(cx, &op.args[0]);
        let v = if r == Repr::Void {
            self.void_const()
        } else {
            self.operand_as(cx, &op.args[0], &r)?
        };
        let s = self.format_one(cx, v, &r, &spec, false)?;
        self.convert(cx, s, &Repr::Str, result)
    }

    /// `buildstr(parts...)`: the concatenation of an f-string's parts.
    pub fn buildstr_op(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let mut parts = Vec::new();
        for a in &op.args {
            parts.push(self.operand_as(cx, a, &Repr::Str)?);
        }
        let s = self.concat_parts(cx, parts);
        self.convert(cx, s, &Repr::Str, result)
    }

    /// The output buffer a `file=` argument names (stdout or stderr).
    fn print_target(&mut self, cx: &mut GraphCx, a: Option<&FlowOperand>) -> Result<Operand, RtypeError> {
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
            return Err(cx.error(
                "not supported yet by the translator: print() to a file other than sys.stdout or sys.stderr",
            ));
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
        let text = |rt: &mut Self, cx: &mut GraphCx, a: Option<&FlowOperand>, default: &str| {
            match a {
                None | Some(FlowOperand::Const(Value::None)) => {
                    Ok(Operand::Const(rt.str_constant(default)))
                }
                Some(a) => rt.operand_as(cx, a, &Repr::Str),
            }
        };
        let sep = text(self, cx, sep, " ")?;
        let end = text(self, cx, end, "\n")?;
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

    /// The built-ins of this module: `repr`, `chr`, `float(str)`, and
    /// `str` of anything with a text.
    pub fn format_builtin(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Option<Operand>, RtypeError> {
        if let Some(v) = self.math_builtin(cx, name, args, result)? {
            return Ok(Some(v));
        }
        if let Some(v) = self.reduce_builtin(cx, name, args, result)? {
            return Ok(Some(v));
        }
        if let ("list", [a]) = (name, args) {
            if let Some(v) = self.list_of(cx, a, result)? {
                return Ok(Some(v));
            }
        }
        if name == "int" {
            if let Some(v) = self.int_of_str(cx, args)? {
                return self.convert(cx, v, &Repr::Int, result).map(Some);
            }
        }
        let v = match (name, args) {
            ("repr", [a]) => self.text_of(cx, a, true)?,
            ("str", [a]) => self.text_of(cx, a, false)?,
            ("print", _) => return self.print_call(cx, args, &[]).map(Some),
            ("hex" | "oct" | "bin", [a]) => {
                let r = self.operand_repr(cx, a);
                let x = self.operand_as(cx, a, &Repr::Int)?;
                let mut spec = Spec::new();
                spec.alt = true;
                spec.ty = Some(match name {
                    "hex" => 'x',
                    "oct" => 'o',
                    _ => 'b',
                });
                let _ = r;
                self.format_one(cx, x, &Repr::Int, &spec, false)?
            }
            ("format", [a]) => self.text_of(cx, a, false)?,
            ("format", [a, FlowOperand::Const(Value::Str(spec))]) => {
                let spec = parse_spec(spec.as_str()).map_err(|e| cx.error(e))?;
                let r = self.operand_repr(cx, a);
                let v = if r == Repr::Void {
                    self.void_const()
                } else {
                    self.operand_as(cx, a, &r)?
                };
                self.format_one(cx, v, &r, &spec, false)?
            }
            ("chr", [a]) => {
                let i = self.operand_as(cx, a, &Repr::Int)?;
                let f = self.chr_helper();
                let c = self.call_raising(cx, f, vec![i]);
                return self.convert(cx, c, &Repr::UniChar, result).map(Some);
            }
            ("float", [a]) if matches!(self.operand_repr(cx, a), Repr::Str | Repr::UniChar) => {
                let s = self.operand_as(cx, a, &Repr::Str)?;
                let f = self.str_to_float();
                let x = self.call_raising(cx, f, vec![s]);
                return self.convert(cx, x, &Repr::Float, result).map(Some);
            }
            _ => return Ok(None),
        };
        self.convert(cx, v, &Repr::Str, result).map(Some)
    }
}
