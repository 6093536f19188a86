//! `%` formatting, f-strings (the `format` and `buildstr` operations),
//! `format()`, `hex()`/`oct()`/`bin()`, and the dispatch of the built-ins
//! of the text modules (`str`, `repr`, `print`, `chr`, `float(s)`,
//! `int(s, base)`, `min`/`max`/`sum`, `math.*`), with CPython's output.
//!
//! Format strings and format specs are constants in RPython programs, so
//! they are parsed here, at translation time: a `%` expression becomes a
//! concatenation of its literal pieces and one call per conversion to a
//! helper taking the conversion's parameters (base, sign, width, fill,
//! alignment...) as arguments. The helpers are shared by `%` and
//! f-strings; the two only differ in their defaults (a `%5s` aligns
//! right, a `{:5s}` left). The numbers are laid out by `numfmt`.
//!
//! Known gaps: `%(name)s`, `#` with `g`, and zero padding
//! with grouping of floats (`{:010,.2f}`) are not done.

use frontend::host::Value;
use lltype::{ConstValue, Constant, LlOp, Operand};

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
    /// `%*d`: the width is the argument before the value.
    width_star: bool,
    /// `%.*f`: the precision is the argument before the value.
    precision_star: bool,
}

/// The width and precision of one conversion of a `%` format given as
/// arguments (`*`), as operands.
#[derive(Clone, Default)]
struct Stars {
    width: Option<Operand>,
    precision: Option<Operand>,
}

impl Spec {
    pub(crate) fn new() -> Spec {
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
            width_star: false,
            precision_star: false,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
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
    (start < *i).then(|| {
        chars[start..*i]
            .iter()
            .collect::<String>()
            .parse()
            .unwrap_or(0)
    })
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
        if i < chars.len() && chars[i] == '(' {
            return Err("`%(name)` keys in % formats".into());
        }
        if chars.get(i) == Some(&'*') {
            spec.width_star = true;
            i += 1;
        } else {
            spec.width = digits(&chars, &mut i).unwrap_or(0);
        }
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            if chars.get(i) == Some(&'*') {
                spec.precision_star = true;
                spec.precision = Some(0);
                i += 1;
            } else {
                spec.precision = Some(digits(&chars, &mut i).unwrap_or(0));
            }
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

impl Rtyper<'_, '_> {
    pub(crate) fn signed_const(&self, v: i64) -> Operand {
        Operand::Const(Constant::new(ConstValue::Int(v.into()), self.t.signed))
    }

    /// One conversion of a value of representation `r`.
    fn format_one(
        &mut self,
        cx: &mut GraphCx,
        v: Operand,
        r: &Repr,
        spec: &Spec,
        stars: &Stars,
        percent: bool,
    ) -> Result<Operand, RtypeError> {
        if let (Repr::Instance(_), false, false) = (r, spec.is_empty(), percent) {
            // CPython: object.__format__ refuses any spec (TypeError).
            return Err(cx.error(format!(
                "not supported by the translator: a format spec for {}, which CPython refuses with TypeError unless the class defines `__format__`",
                self.describe_repr(r)
            )));
        }
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
            return Ok(self.pad_text(cx, s, spec, stars, percent));
        }
        if stringy {
            let mut s = self.text_value(cx, v, r, matches!(ty, Some('r') | Some('a')))?;
            if let Some(p) = self.precision_operand(cx, spec, stars) {
                let f = self.str_slice();
                let (lo, hi) = (self.signed_const(0), p);
                s = self.call_in(cx, f, vec![s, lo, hi]);
            }
            return Ok(self.pad_text(cx, s, spec, stars, percent));
        }
        if !numeric {
            return Err(cx.error(format!(
                "not supported yet by the translator: the format `{}` of {r_desc}",
                ty.unwrap_or(' '),
                r_desc = self.describe_repr(&r),
            )));
        }
        let (fill, align) = match spec.align {
            Some(a) => (spec.fill, align_code(a)),
            None if spec.zero => ('0', 4),
            None => (spec.fill, 1),
        };
        let (width, fill, align) = self.layout(cx, spec, stars, fill, align);
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
            // `%.3d`: a minimum number of digits.
            let min_digits = match (percent, self.precision_operand(cx, spec, stars)) {
                (true, Some(p)) => p,
                _ => self.signed_const(0),
            };
            return Ok(self.call_in(
                cx,
                f,
                vec![
                    x, base, upper, sign, alt, group, width, fill, align, min_digits,
                ],
            ));
        }
        let x = self.convert(cx, v, r, &Repr::Float)?;
        let (conv, prec) = match (ty, spec.precision) {
            (None, None) => ('r', self.signed_const(0)),
            (None, Some(p)) => ('z', self.signed_const(p.max(1))),
            (Some(t), _) => (
                t,
                self.precision_operand(cx, spec, stars)
                    .unwrap_or_else(|| self.signed_const(6)),
            ),
        };
        let conv = Operand::Const(Constant::new(
            ConstValue::Int((conv as u32).into()),
            self.t.char,
        ));
        let f = self.fmt_float();
        Ok(self.call_in(cx, f, vec![x, conv, prec, sign, group, width, fill, align]))
    }

    /// Pads a str by a spec's width and alignment (`%` aligns right by
    /// default, a format spec left).
    fn pad_text(
        &mut self,
        cx: &mut GraphCx,
        s: Operand,
        spec: &Spec,
        stars: &Stars,
        percent: bool,
    ) -> Operand {
        if spec.width == 0 && stars.width.is_none() {
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
        let (width, fill, align) = self.layout(cx, spec, stars, spec.fill, align);
        self.call_in(cx, f, vec![s, width, fill, align])
    }

    /// The width, fill and alignment of a conversion. A `*` width is an
    /// argument: a negative one left-aligns with spaces (its absolute
    /// value is the width), as in CPython.
    fn layout(
        &mut self,
        cx: &mut GraphCx,
        spec: &Spec,
        stars: &Stars,
        fill: char,
        align: i64,
    ) -> (Operand, Operand, Operand) {
        let (fill, align) = (self.uc_const(fill), self.signed_const(align));
        let Some(w) = stars.width.clone() else {
            return (self.signed_const(spec.width), fill, align);
        };
        let (s, uc, boolean) = (self.t.signed, self.t.unichar, self.t.bool);
        let zero = self.signed_const(0);
        let negative = cx.emit(LlOp::IntLt, vec![w.clone(), zero.clone()], boolean);
        let minus = cx.emit(LlOp::IntSub, vec![zero.clone(), w.clone()], s);
        let pick = self.select_helper(s);
        let width = self.call_in(cx, pick, vec![negative.clone(), minus, w]);
        let left = self.signed_const(align_code('<'));
        let align = self.call_in(cx, pick, vec![negative.clone(), left, align]);
        let pick_uc = self.select_helper(uc);
        let space = self.uc_const(' ');
        let fill = self.call_in(cx, pick_uc, vec![negative, space, fill]);
        (width, fill, align)
    }

    /// A conversion's precision, if it has one: a `*` precision is an
    /// argument, and a negative one counts as 0, as in CPython.
    fn precision_operand(
        &mut self,
        cx: &mut GraphCx,
        spec: &Spec,
        stars: &Stars,
    ) -> Option<Operand> {
        let Some(p) = stars.precision.clone() else {
            return spec.precision.map(|p| self.signed_const(p));
        };
        let (s, boolean) = (self.t.signed, self.t.bool);
        let zero = self.signed_const(0);
        let negative = cx.emit(LlOp::IntLt, vec![p.clone(), zero.clone()], boolean);
        let pick = self.select_helper(s);
        Some(self.call_in(cx, pick, vec![negative, zero, p]))
    }

    /// `select(c, a, b)`: `a` if `c` else `b`, for values of type `ty`.
    fn select_helper(&mut self, ty: lltype::TypeId) -> lltype::FuncId {
        let key = format!("select_{}", ty.as_u32());
        let boolean = self.t.bool;
        self.helper(&key, &[boolean, ty, ty], ty, |rt, b| {
            let (c, x, y) = (b.param(0), b.param(1), b.param(2));
            b.if_then(rt, c, |_, b| b.ret(x));
            b.ret(y);
        })
    }

    /// A value and its representation for each item of an operand that
    /// is a tuple, or the operand alone.
    pub(crate) fn format_args(
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
            return Err(
                cx.error("not supported yet by the translator: a % format that is not a constant")
            );
        };
        let pieces = parse_percent(f.as_str())
            .map_err(|e| cx.error(format!("not supported yet by the translator: {e}")))?;
        let args = self.format_args(cx, &op.args[1])?;
        let wanted: usize = pieces
            .iter()
            .map(|p| match p {
                Piece::Conv(spec) => 1 + spec.width_star as usize + spec.precision_star as usize,
                Piece::Text(_) => 0,
            })
            .sum();
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
                    let mut stars = Stars::default();
                    for (given, star) in [
                        (spec.width_star, &mut stars.width),
                        (spec.precision_star, &mut stars.precision),
                    ] {
                        if given {
                            let (v, r) = args.next().expect("counted");
                            if !matches!(r, Repr::Int | Repr::Bool) {
                                return Err(cx.error(format!(
                                    "`*` in a % format takes an int, not {} \
                                     (CPython raises TypeError: * wants int)",
                                    self.describe_repr(&r)
                                )));
                            }
                            *star = Some(self.convert(cx, v, &r, &Repr::Int)?);
                        }
                    }
                    let (v, r) = args.next().expect("counted");
                    self.format_one(cx, v, &r, spec, &stars, true)?
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
        let s = self.format_one(cx, v, &r, &spec, &Stars::default(), false)?;
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
        if let ("int", [a]) = (name, args) {
            if self.operand_repr(cx, a) == Repr::Float {
                // Truncation, with CPython's errors for NaN, infinities
                // and (RPython ints being words) values beyond a word.
                let x = self.operand_as(cx, a, &Repr::Float)?;
                let f = self.math_to_int("trunc");
                let v = self.call_raising(cx, f, vec![x]);
                return self.convert(cx, v, &Repr::Int, result).map(Some);
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
                self.format_one(cx, x, &Repr::Int, &spec, &Stars::default(), false)?
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
                self.format_one(cx, v, &r, &spec, &Stars::default(), false)?
            }
            ("ord", [a]) if self.operand_repr(cx, a) != Repr::UniChar => {
                let r = self.operand_repr(cx, a);
                let v = self.operand_as(cx, a, &r)?;
                let code = match r {
                    Repr::Char => cx.emit(LlOp::CastPrimitive, vec![v], self.t.signed),
                    Repr::Str | Repr::Bytes => {
                        let s = self.convert(cx, v, &r, &Repr::Str)?;
                        let f = self.ord_of_str();
                        self.call_raising(cx, f, vec![s])
                    }
                    _ => return Ok(None),
                };
                return self.convert(cx, code, &Repr::Int, result).map(Some);
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
