//! The methods of `str` (`split`, `join`, `strip`, `find`, `replace`,
//! the `is...` predicates, padding), `str * n`, ordering comparisons and
//! `chr`, as low-level helpers with CPython's semantics.
//!
//! Case mappings and the `is...` predicates are calls of the RPython
//! helpers of `lib/rpython/rtyper/helpers/unicodetext.py`, which follow
//! CPython 3.11 (Unicode 14.0.0) on every code point.
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

/// The methods done by the RPython helpers of `unicodetext.py` (each
/// `unicode_NAME`, taking the str), with CPython's Unicode tables.
const UNICODE_METHODS: &[&str] = &[
    "upper",
    "lower",
    "title",
    "capitalize",
    "swapcase",
    "casefold",
    "isalpha",
    "isdecimal",
    "isdigit",
    "isnumeric",
    "isalnum",
    "isspace",
    "isascii",
    "isupper",
    "islower",
    "istitle",
    "isprintable",
    "isidentifier",
];

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

    /// `chr(code).isspace()`, `(Signed) -> Bool`, by the Unicode tables.
    pub fn char_isspace(&mut self) -> FuncId {
        self.rpython_helper("unicode_char_isspace")
    }

    /// Whether a code is ASCII whitespace as `int()` and `float()` strip
    /// it (after non-ASCII spaces became `' '`): `\t \n \v \f \r` and the
    /// space, not `\x1c`..`\x1f`.
    pub fn char_ascii_space(&mut self) -> FuncId {
        let (s, boolean) = (self.t.signed, self.t.bool);
        self.helper("char_ascii_space", &[s], boolean, |_, b| {
            let c = b.param(0);
            let v = Self::in_ranges(b, &c, &[(9, 13), (32, 32)]);
            b.ret(v);
        })
    }

    /// The uppercase of an ASCII letter; any other code point unchanged.
    pub fn char_ascii_upper(&mut self) -> FuncId {
        let uc = self.t.unichar;
        self.helper("char_ascii_upper", &[uc], uc, |rt, b| {
            let c = b.param(0);
            let code = rt.code(b, c.clone());
            let lower = Self::in_ranges(b, &code, &[(0x61, 0x7A)]);
            b.if_then(rt, lower, |rt, b| {
                let d = b.int(-32);
                let v = b.int_op(LlOp::IntAdd, code.clone(), d);
                let r = rt.unichar_of(b, v);
                b.ret(r);
            });
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
            _ if UNICODE_METHODS.contains(&name) => {
                let f = self.rpython_helper(&format!("unicode_{name}"));
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
            "startswith" | "endswith" => Repr::Bool,
            _ if name.starts_with("is") => Repr::Bool,
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
