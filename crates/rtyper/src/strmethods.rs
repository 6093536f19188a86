//! The methods of `str` (`split`, `join`, `strip`, `find`, `replace`,
//! the `is...` predicates, padding), `str * n`, ordering comparisons and
//! `chr`, as low-level helpers with CPython's semantics.
//!
//! Character classes and case mappings cover ASCII exactly; beyond it they
//! cover Latin-1, basic Greek and Cyrillic, and the main CJK, kana, Hangul,
//! Hebrew and Arabic letter blocks, with single-character mappings only
//! (`"ß".upper()` stays `"ß"`, where CPython gives `"SS"`; a final sigma
//! lowers to `σ`). A full Unicode table is not worth its size yet.
//!
//! Methods returning lists build a resizable list of strs and convert it
//! to the representation the annotator chose for the result.

use frontend::host::Value;
use lltype::{ConstValue, Constant, FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOperand = flowgraph::Operand<Value>;

/// Code point ranges of the character classes.
const SPACE: &[(u32, u32)] = &[
    (9, 13),
    (28, 32),
    (0x85, 0x85),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
];
const DIGIT: &[(u32, u32)] = &[
    (0x30, 0x39),
    (0xB2, 0xB3),
    (0xB9, 0xB9),
    (0x660, 0x669),
    (0x6F0, 0x6F9),
    (0x966, 0x96F),
    (0xFF10, 0xFF19),
];
const UPPER: &[(u32, u32)] = &[
    (0x41, 0x5A),
    (0xC0, 0xD6),
    (0xD8, 0xDE),
    (0x386, 0x386),
    (0x388, 0x38A),
    (0x38C, 0x38C),
    (0x38E, 0x38F),
    (0x391, 0x3A1),
    (0x3A3, 0x3AB),
    (0x400, 0x42F),
];
const LOWER: &[(u32, u32)] = &[
    (0x61, 0x7A),
    (0xB5, 0xB5),
    (0xDF, 0xF6),
    (0xF8, 0xFF),
    (0x390, 0x390),
    (0x3AC, 0x3CE),
    (0x430, 0x45F),
];
/// Letters without case.
const OTHER_ALPHA: &[(u32, u32)] = &[
    (0xAA, 0xAA),
    (0xBA, 0xBA),
    (0x5D0, 0x5EA),
    (0x620, 0x64A),
    (0x3041, 0x3096),
    (0x30A1, 0x30FA),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
];
/// `(first, last, delta)`: lower case to upper case.
const TO_UPPER: &[(u32, u32, i64)] = &[
    (0x61, 0x7A, -32),
    (0xB5, 0xB5, 0x39C - 0xB5),
    (0xE0, 0xF6, -32),
    (0xF8, 0xFE, -32),
    (0xFF, 0xFF, 0x178 - 0xFF),
    (0x3AC, 0x3AC, 0x386 - 0x3AC),
    (0x3AD, 0x3AF, -37),
    (0x3B1, 0x3C1, -32),
    (0x3C2, 0x3C2, 0x3A3 - 0x3C2),
    (0x3C3, 0x3CB, -32),
    (0x3CC, 0x3CC, 0x38C - 0x3CC),
    (0x3CD, 0x3CE, -63),
    (0x430, 0x44F, -32),
    (0x450, 0x45F, -80),
];
/// `(first, last, delta)`: upper case to lower case.
const TO_LOWER: &[(u32, u32, i64)] = &[
    (0x41, 0x5A, 32),
    (0xC0, 0xD6, 32),
    (0xD8, 0xDE, 32),
    (0x386, 0x386, 0x3AC - 0x386),
    (0x388, 0x38A, 37),
    (0x38C, 0x38C, 0x3CC - 0x38C),
    (0x38E, 0x38F, 63),
    (0x391, 0x3A1, 32),
    (0x3A3, 0x3AB, 32),
    (0x400, 0x40F, 80),
    (0x410, 0x42F, 32),
];

/// The `is...` predicates.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    Space,
    Digit,
    Alpha,
    Alnum,
    Upper,
    Lower,
}

impl Rtyper<'_, '_> {
    /// A code point as a `Signed`.
    pub fn code(&mut self, b: &mut FnBuilder, c: Operand) -> Operand {
        b.op(LlOp::CastPrimitive, vec![c], self.t.signed)
    }

    /// A `Signed` as a code point.
    pub fn unichar_of(&mut self, b: &mut FnBuilder, code: Operand) -> Operand {
        b.op(LlOp::CastPrimitive, vec![code], self.t.unichar)
    }

    /// A `UniChar` constant.
    pub fn uc_const(&self, c: char) -> Operand {
        Operand::Const(Constant::new(
            ConstValue::Int((c as u32).into()),
            self.t.unichar,
        ))
    }

    /// Whether a `Signed` code lies in one of the ranges.
    pub(crate) fn in_ranges(b: &mut FnBuilder, code: &Operand, ranges: &[(u32, u32)]) -> Operand {
        let mut acc = b.bool(false);
        for &(lo, hi) in ranges {
            let test = if lo == hi {
                let l = b.int(lo.into());
                b.int_op(LlOp::IntEq, code.clone(), l)
            } else {
                let (l, h) = (b.int(lo.into()), b.int(hi.into()));
                let ge = b.int_op(LlOp::IntGe, code.clone(), l);
                let le = b.int_op(LlOp::IntLe, code.clone(), h);
                b.bool_and(ge, le)
            };
            acc = b.bool_or(acc, test);
        }
        acc
    }

    /// `class(code) -> Bool` for one character.
    pub fn char_class(&mut self, class: CharClass) -> FuncId {
        let (s, boolean) = (self.t.signed, self.t.bool);
        let key = match class {
            CharClass::Space => "char_isspace",
            CharClass::Digit => "char_isdigit",
            CharClass::Alpha => "char_isalpha",
            CharClass::Alnum => "char_isalnum",
            CharClass::Upper => "char_isupper",
            CharClass::Lower => "char_islower",
        };
        self.helper(key, &[s], boolean, |_, b| {
            let c = b.param(0);
            let alpha: Vec<(u32, u32)> = [UPPER, LOWER, OTHER_ALPHA].concat();
            let v = match class {
                CharClass::Space => Self::in_ranges(b, &c, SPACE),
                CharClass::Digit => Self::in_ranges(b, &c, DIGIT),
                CharClass::Alpha => Self::in_ranges(b, &c, &alpha),
                CharClass::Alnum => {
                    let a = Self::in_ranges(b, &c, &alpha);
                    let d = Self::in_ranges(b, &c, DIGIT);
                    b.bool_or(a, d)
                }
                CharClass::Upper => Self::in_ranges(b, &c, UPPER),
                CharClass::Lower => Self::in_ranges(b, &c, LOWER),
            };
            b.ret(v);
        })
    }

    /// `c.upper()` or `c.lower()` of one code point.
    pub fn char_case(&mut self, upper: bool) -> FuncId {
        let uc = self.t.unichar;
        let key = if upper { "char_upper" } else { "char_lower" };
        self.helper(key, &[uc], uc, |rt, b| {
            let c = b.param(0);
            let code = rt.code(b, c.clone());
            for &(lo, hi, delta) in if upper { TO_UPPER } else { TO_LOWER } {
                let inside = Self::in_ranges(b, &code, &[(lo, hi)]);
                b.if_then(rt, inside, |rt, b| {
                    let d = b.int(delta);
                    let v = b.int_op(LlOp::IntAdd, code.clone(), d);
                    let r = rt.unichar_of(b, v);
                    b.ret(r);
                });
            }
            b.ret(c);
        })
    }

    /// Copies all of `src` into `dst` at `at`; returns `at + len(src)`.
    pub fn str_copy_into(
        &mut self,
        b: &mut FnBuilder,
        src: Operand,
        dst: Operand,
        at: Operand,
    ) -> Operand {
        let n = self.str_len(b, src.clone());
        let zero = b.int(0);
        b.for_range(self, zero, n.clone(), |rt, b, i| {
            let c = rt.str_get(b, src.clone(), i.clone());
            let to = b.int_op(LlOp::IntAdd, at.clone(), i);
            rt.str_set(b, dst.clone(), to, c);
        });
        b.int_op(LlOp::IntAdd, at, n)
    }

    /// `a and b()`, evaluating `b` only when `a` holds.
    pub fn and_then(
        &mut self,
        b: &mut FnBuilder,
        first: Operand,
        second: impl FnOnce(&mut Self, &mut FnBuilder) -> Operand,
    ) -> Operand {
        let out = b.local(b.bool(false));
        b.if_then(self, first, |rt, b| {
            let v = second(rt, b);
            b.set(out, v);
        });
        b.get(out)
    }

    /// `s.upper()` / `s.lower()`.
    pub(crate) fn str_case(&mut self, upper: bool) -> FuncId {
        let sp = self.t.str_ptr;
        let map = self.char_case(upper);
        let key = if upper { "str_upper" } else { "str_lower" };
        self.helper(key, &[sp], sp, |rt, b| {
            let x = b.param(0);
            let n = rt.str_len(b, x.clone());
            let out = rt.str_alloc(b, n.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, n, |rt, b, i| {
                let c = rt.str_get(b, x.clone(), i.clone());
                let d = rt.call(b, map, vec![c]);
                rt.str_set(b, out.clone(), i, d);
            });
            b.ret(out);
        })
    }

    /// `s.isdigit()` and the other predicates: true when `s` is not
    /// empty and every character is of the class (`isupper`/`islower`:
    /// some character is cased, and none has the other case).
    pub(crate) fn str_is(&mut self, class: CharClass) -> FuncId {
        let (sp, boolean) = (self.t.str_ptr, self.t.bool);
        let test = self.char_class(class);
        let other = match class {
            CharClass::Upper => Some(self.char_class(CharClass::Lower)),
            CharClass::Lower => Some(self.char_class(CharClass::Upper)),
            _ => None,
        };
        let key = format!("str_is_{}", test.as_u32());
        self.helper(&key, &[sp], boolean, |rt, b| {
            let x = b.param(0);
            let n = rt.str_len(b, x.clone());
            let zero = b.int(0);
            let empty = b.int_op(LlOp::IntEq, n.clone(), zero.clone());
            b.if_then(rt, empty, |_, b| {
                let f = b.bool(false);
                b.ret(f);
            });
            let seen = b.local(b.bool(false));
            b.for_range(rt, zero, n, |rt, b, i| {
                let c = rt.str_get(b, x.clone(), i);
                let code = rt.code(b, c);
                let yes = rt.call(b, test, vec![code.clone()]);
                match other {
                    None => {
                        let no = b.op(LlOp::BoolNot, vec![yes], boolean);
                        b.if_then(rt, no, |_, b| {
                            let f = b.bool(false);
                            b.ret(f);
                        });
                    }
                    Some(other) => {
                        let bad = rt.call(b, other, vec![code]);
                        b.if_then(rt, bad, |_, b| {
                            let f = b.bool(false);
                            b.ret(f);
                        });
                        b.if_then(rt, yes, |_, b| {
                            let t = b.bool(true);
                            b.set(seen, t);
                        });
                    }
                }
            });
            let v = if other.is_some() {
                b.get(seen)
            } else {
                b.bool(true)
            };
            b.ret(v);
        })
    }

    /// Pads `s` to `width` with `fill`. `mode`: 0 on the right (`ljust`,
    /// `<`), 1 on the left (`rjust`, `>`), 2 both as `str.center` does,
    /// 3 both as the format `^` does.
    pub fn str_pad(&mut self) -> FuncId {
        let (sp, s, uc) = (self.t.str_ptr, self.t.signed, self.t.unichar);
        self.helper("str_pad", &[sp, s, uc, s], sp, |rt, b| {
            let (x, width, fill, mode) = (b.param(0), b.param(1), b.param(2), b.param(3));
            let n = rt.str_len(b, x.clone());
            let marg = b.int_op(LlOp::IntSub, width.clone(), n.clone());
            let zero = b.int(0);
            let none = b.int_op(LlOp::IntLe, marg.clone(), zero.clone());
            b.if_then(rt, none, |_, b| b.ret(x.clone()));
            let left = b.local(zero.clone());
            let one = b.int(1);
            let is = |b: &mut FnBuilder, k: i64| {
                let kk = b.int(k);
                b.int_op(LlOp::IntEq, mode.clone(), kk)
            };
            let m1 = is(b, 1);
            b.if_then(rt, m1, |_, b| b.set(left, marg.clone()));
            let half = b.int_op(LlOp::IntRshift, marg.clone(), one.clone());
            let m2 = is(b, 2);
            b.if_then(rt, m2, |_, b| {
                let odd = b.int_op(LlOp::IntAnd, marg.clone(), width.clone());
                let odd = b.int_op(LlOp::IntAnd, odd, one.clone());
                let v = b.int_op(LlOp::IntAdd, half.clone(), odd);
                b.set(left, v);
            });
            let m3 = is(b, 3);
            b.if_then(rt, m3, |_, b| b.set(left, half.clone()));
            let l = b.get(left);
            let out = rt.str_alloc(b, width.clone());
            b.for_range(rt, zero.clone(), l.clone(), |rt, b, i| {
                rt.str_set(b, out.clone(), i, fill.clone());
            });
            let end = rt.str_copy_into(b, x.clone(), out.clone(), l);
            b.for_range(rt, end, width, |rt, b, i| {
                rt.str_set(b, out.clone(), i, fill.clone());
            });
            b.ret(out);
        })
    }

    /// `s.zfill(width)`.
    pub(crate) fn str_zfill(&mut self) -> FuncId {
        let (sp, s, boolean) = (self.t.str_ptr, self.t.signed, self.t.bool);
        self.helper("str_zfill", &[sp, s], sp, |rt, b| {
            let (x, width) = (b.param(0), b.param(1));
            let n = rt.str_len(b, x.clone());
            let marg = b.int_op(LlOp::IntSub, width.clone(), n.clone());
            let zero = b.int(0);
            let none = b.int_op(LlOp::IntLe, marg.clone(), zero.clone());
            b.if_then(rt, none, |_, b| b.ret(x.clone()));
            let out = rt.str_alloc(b, width.clone());
            let end = rt.str_copy_into(b, x.clone(), out.clone(), marg.clone());
            let _ = end;
            let z = rt.uc_const('0');
            b.for_range(rt, zero.clone(), marg.clone(), |rt, b, i| {
                rt.str_set(b, out.clone(), i, z.clone());
            });
            let nonempty = b.int_op(LlOp::IntGt, n, zero.clone());
            b.if_then(rt, nonempty, |rt, b| {
                let first = rt.str_get(b, x.clone(), zero.clone());
                let plus = rt.uc_const('+');
                let minus = rt.uc_const('-');
                let p = b.op(LlOp::UniCharEq, vec![first.clone(), plus], boolean);
                let m = b.op(LlOp::UniCharEq, vec![first.clone(), minus], boolean);
                let sign = b.bool_or(p, m);
                b.if_then(rt, sign, |rt, b| {
                    rt.str_set(b, out.clone(), zero.clone(), first.clone());
                    rt.str_set(b, out.clone(), marg.clone(), z.clone());
                });
            });
            b.ret(out);
        })
    }

    /// `s * n`.
    pub fn str_repeat(&mut self) -> FuncId {
        let (sp, s) = (self.t.str_ptr, self.t.signed);
        self.helper("str_repeat", &[sp, s], sp, |rt, b| {
            let (x, times) = (b.param(0), b.param(1));
            let n = rt.str_len(b, x.clone());
            let count = b.local(times.clone());
            let zero = b.int(0);
            let negative = b.int_op(LlOp::IntLt, times, zero.clone());
            b.if_then(rt, negative, |_, b| b.set(count, zero.clone()));
            let c = b.get(count);
            let total = b.int_op(LlOp::IntMul, n.clone(), c.clone());
            let out = rt.str_alloc(b, total);
            b.for_range(rt, zero, c, |rt, b, k| {
                let at = b.int_op(LlOp::IntMul, k, n.clone());
                rt.str_copy_into(b, x.clone(), out.clone(), at);
            });
            b.ret(out);
        })
    }

    /// `cmp(a, b)`: -1, 0 or 1 in code point order.
    pub fn str_cmp(&mut self) -> FuncId {
        let (sp, s) = (self.t.str_ptr, self.t.signed);
        self.helper("str_cmp", &[sp, sp], s, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let lx = rt.str_len(b, x.clone());
            let ly = rt.str_len(b, y.clone());
            let shorter = b.int_op(LlOp::IntLt, ly.clone(), lx.clone());
            let n = b.local(lx.clone());
            b.if_then(rt, shorter, |_, b| b.set(n, ly.clone()));
            let nv = b.get(n);
            let zero = b.int(0);
            b.for_range(rt, zero, nv, |rt, b, i| {
                let c1 = rt.str_get(b, x.clone(), i.clone());
                let c2 = rt.str_get(b, y.clone(), i);
                let (a, d) = (rt.code(b, c1), rt.code(b, c2));
                let lt = b.int_op(LlOp::IntLt, a.clone(), d.clone());
                b.if_then(rt, lt, |_, b| {
                    let m = b.int(-1);
                    b.ret(m);
                });
                let gt = b.int_op(LlOp::IntGt, a, d);
                b.if_then(rt, gt, |_, b| {
                    let one = b.int(1);
                    b.ret(one);
                });
            });
            let lt = b.int_op(LlOp::IntLt, lx.clone(), ly.clone());
            b.if_then(rt, lt, |_, b| {
                let m = b.int(-1);
                b.ret(m);
            });
            let gt = b.int_op(LlOp::IntGt, lx, ly);
            let v = b.op(LlOp::CastPrimitive, vec![gt], rt.t.signed);
            b.ret(v);
        })
    }

    /// `ord(s)` of a str: its one character's code point, or
    /// `TypeError`.
    pub(crate) fn ord_of_str(&mut self) -> FuncId {
        let (sp, s) = (self.t.str_ptr, self.t.signed);
        let to_str = self.int_to_str();
        let concat = self.str_concat();
        self.helper("ord_of_str", &[sp], s, |rt, b| {
            let x = b.param(0);
            let n = rt.str_len(b, x.clone());
            let one = b.int(1);
            let bad = b.int_op(LlOp::IntNe, n.clone(), one);
            b.if_then(rt, bad, |rt, b| {
                let head = Operand::Const(
                    rt.str_constant("ord() expected a character, but string of length "),
                );
                let k = rt.call(b, to_str, vec![n.clone()]);
                let m = rt.call(b, concat, vec![head, k]);
                let tail = Operand::Const(rt.str_constant(" found"));
                let m = rt.call(b, concat, vec![m, tail]);
                rt.raise_builtin_with(b, "TypeError", m);
            });
            let z = b.int(0);
            let c = rt.str_get(b, x, z);
            let v = rt.code(b, c);
            b.ret(v);
        })
    }

    /// `chr(i)`: `ValueError` outside `range(0x110000)`.
    pub fn chr_helper(&mut self) -> FuncId {
        let (s, uc) = (self.t.signed, self.t.unichar);
        self.helper("chr", &[s], uc, |rt, b| {
            let i = b.param(0);
            let zero = b.int(0);
            let low = b.int_op(LlOp::IntLt, i.clone(), zero);
            let top = b.int(0x110000);
            let high = b.int_op(LlOp::IntGe, i.clone(), top);
            let bad = b.bool_or(low, high);
            b.if_then(rt, bad, |rt, b| {
                rt.raise_builtin(b, "ValueError", "chr() arg not in range(0x110000)")
            });
            let c = rt.unichar_of(b, i);
            b.ret(c);
        })
    }
}

impl Rtyper<'_, '_> {
    /// An optional `Str` argument: null when absent or `None`.
    pub(crate) fn opt_str_arg(
        &mut self,
        cx: &mut GraphCx,
        a: Option<&FlowOperand>,
    ) -> Result<Operand, RtypeError> {
        match a {
            None | Some(FlowOperand::Const(Value::None)) => Ok(Operand::Const(Constant::new(
                ConstValue::Null,
                self.t.str_ptr,
            ))),
            Some(a) => self.str_operand(cx, a),
        }
    }

    /// An optional `Signed` argument, `default` when absent or `None`.
    pub(crate) fn opt_int_arg(
        &mut self,
        cx: &mut GraphCx,
        a: Option<&FlowOperand>,
        default: i64,
    ) -> Result<Operand, RtypeError> {
        match a {
            None | Some(FlowOperand::Const(Value::None)) => Ok(Operand::Const(Constant::new(
                ConstValue::Int(default.into()),
                self.t.signed,
            ))),
            Some(a) => self.operand_as(cx, a, &Repr::Int),
        }
    }

    /// `receiver.name(args)` for a str receiver.
    pub fn str_method(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        this: Operand,
        receiver: &Repr,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let this = self.convert(cx, this, receiver, &Repr::Str)?;
        let v = match name {
            "split" | "rsplit" => {
                let reverse = name == "rsplit";
                let max = self.opt_int_arg(cx, args.get(1), -1)?;
                let list = match args.first() {
                    None | Some(FlowOperand::Const(Value::None)) => {
                        let f = self.str_split_ws(reverse);
                        self.call_in(cx, f, vec![this, max])
                    }
                    Some(sep) => {
                        let sep = self.str_operand(cx, sep)?;
                        let f = self.str_split_sep(reverse);
                        self.call_raising(cx, f, vec![this, sep, max])
                    }
                };
                let lr = Self::str_list_repr();
                if *result == lr {
                    return Ok(list);
                }
                if !matches!(result, Repr::FixedList(_) | Repr::List(_)) {
                    return Err(cx.error("internal: split() without a list representation"));
                }
                return Ok(self.list_copy_in(cx, list, &lr, result));
            }
            "join" => {
                let Some(a) = args.first() else {
                    return Err(cx.error("join() takes exactly one argument"));
                };
                let (l, r) = self.seq_operand(cx, a)?;
                let ok = match &r {
                    Repr::Str => true,
                    Repr::List(i) | Repr::FixedList(i) => {
                        matches!(**i, Repr::Str | Repr::UniChar | Repr::Bytes)
                    }
                    _ => false,
                };
                if !ok {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: join() of {r_desc}",
                        r_desc = self.describe_repr(&r)
                    )));
                }
                let f = self.str_join(&r);
                self.call_in(cx, f, vec![this, l])
            }
            "strip" | "lstrip" | "rstrip" => {
                let chars = self.opt_str_arg(cx, args.first())?;
                let f = self.str_strip(name != "rstrip", name != "lstrip");
                self.call_in(cx, f, vec![this, chars])
            }
            "startswith" | "endswith" => {
                if args.len() != 1 {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: {name}() with start or end"
                    )));
                }
                let r = self.operand_repr(cx, &args[0]);
                if let Repr::Tuple(items) = &r {
                    // Any of the tuple's strs.
                    let t = self.operand_as(cx, &args[0], &r)?;
                    let f = self.str_affix(name == "endswith");
                    let mut acc: Option<Operand> = None;
                    for (i, item) in items.clone().iter().enumerate() {
                        let ty = self.lltype(item);
                        let fname = self.name_const(&format!("item{i}"));
                        let v = cx.emit(LlOp::GetField, vec![t.clone(), fname], ty);
                        let v = self.convert(cx, v, item, &Repr::Str)?;
                        let hit = self.call_in(cx, f, vec![this.clone(), v]);
                        acc = Some(match acc {
                            None => hit,
                            Some(a) => {
                                let s = self.t.signed;
                                let a = cx.emit(LlOp::CastPrimitive, vec![a], s);
                                let h = cx.emit(LlOp::CastPrimitive, vec![hit], s);
                                let o = cx.emit(LlOp::IntOr, vec![a, h], s);
                                cx.emit(LlOp::IntIsTrue, vec![o], self.t.bool)
                            }
                        });
                    }
                    return Ok(acc.unwrap_or_else(|| {
                        Operand::Const(Constant::new(ConstValue::Bool(false), self.t.bool))
                    }));
                }
                let p = self.str_operand(cx, &args[0])?;
                let f = self.str_affix(name == "endswith");
                self.call_in(cx, f, vec![this, p])
            }
            "find" | "rfind" | "index" | "rindex" | "count" => {
                let Some(a) = args.first() else {
                    return Err(cx.error(format!("{name}() takes at least one argument")));
                };
                let sub = self.str_operand(cx, a)?;
                let start = self.opt_int_arg(cx, args.get(1), i64::MIN)?;
                let end = self.opt_int_arg(cx, args.get(2), i64::MAX)?;
                let all = vec![this, sub, start, end];
                match name {
                    "find" | "rfind" => {
                        let f = self.str_search(name == "rfind");
                        self.call_in(cx, f, all)
                    }
                    "count" => {
                        let f = self.str_count();
                        self.call_in(cx, f, all)
                    }
                    _ => {
                        let f = self.str_index(name == "rindex");
                        self.call_raising(cx, f, all)
                    }
                }
            }
            "replace" => {
                if args.len() < 2 {
                    return Err(cx.error("replace() takes at least two arguments"));
                }
                let old = self.str_operand(cx, &args[0])?;
                let new = self.str_operand(cx, &args[1])?;
                let count = self.opt_int_arg(cx, args.get(2), -1)?;
                let f = self.str_replace();
                self.call_in(cx, f, vec![this, old, new, count])
            }
            "upper" | "lower" => {
                let f = self.str_case(name == "upper");
                self.call_in(cx, f, vec![this])
            }
            "isdigit" | "isdecimal" | "isnumeric" | "isalpha" | "isalnum" | "isspace"
            | "isupper" | "islower" => {
                let class = match name {
                    "isalpha" => CharClass::Alpha,
                    "isalnum" => CharClass::Alnum,
                    "isspace" => CharClass::Space,
                    "isupper" => CharClass::Upper,
                    "islower" => CharClass::Lower,
                    _ => CharClass::Digit,
                };
                let f = self.str_is(class);
                self.call_in(cx, f, vec![this])
            }
            "ljust" | "rjust" | "center" => {
                let Some(w) = args.first() else {
                    return Err(cx.error(format!("{name}() takes at least one argument")));
                };
                let width = self.operand_as(cx, w, &Repr::Int)?;
                let fill = match args.get(1) {
                    Some(a) => self.operand_as(cx, a, &Repr::UniChar)?,
                    None => self.uc_const(' '),
                };
                let mode = match name {
                    "ljust" => 0,
                    "rjust" => 1,
                    _ => 2,
                };
                let mode = Operand::Const(Constant::new(ConstValue::Int(mode), self.t.signed));
                let f = self.str_pad();
                self.call_in(cx, f, vec![this, width, fill, mode])
            }
            "zfill" => {
                let Some(w) = args.first() else {
                    return Err(cx.error("zfill() takes exactly one argument"));
                };
                let width = self.operand_as(cx, w, &Repr::Int)?;
                let f = self.str_zfill();
                self.call_in(cx, f, vec![this, width])
            }
            _ => {
                return Err(cx.error(format!(
                    "not supported yet by the translator: the str method `{name}`"
                )))
            }
        };
        let natural = match name {
            "find" | "rfind" | "index" | "rindex" | "count" => Repr::Int,
            "startswith" | "endswith" | "isdigit" | "isdecimal" | "isnumeric" | "isalpha"
            | "isalnum" | "isspace" | "isupper" | "islower" => Repr::Bool,
            _ => Repr::Str,
        };
        self.convert(cx, v, &natural, result)
    }

    /// `a < b` and the other orderings of strs.
    pub fn str_order(
        &mut self,
        cx: &mut GraphCx,
        kind: &flowgraph::OpKind,
        a: &FlowOperand,
        b: &FlowOperand,
    ) -> Result<Operand, RtypeError> {
        use flowgraph::OpKind::{Gt, Le, Lt};
        let x = self.str_operand(cx, a)?;
        let y = self.str_operand(cx, b)?;
        let f = self.str_cmp();
        let c = self.call_in(cx, f, vec![x, y]);
        let zero = Operand::Const(Constant::new(ConstValue::Int(0), self.t.signed));
        let op = match kind {
            Lt => LlOp::IntLt,
            Le => LlOp::IntLe,
            Gt => LlOp::IntGt,
            _ => LlOp::IntGe,
        };
        Ok(cx.emit(op, vec![c, zero], self.t.bool))
    }
}
