//! `int(s)` and `int(s, base)` (bases 2 to 36; base 0 is not done):
//! CPython's syntax (decimal digits of any script and Unicode whitespace
//! made ASCII first, as CPython does; then surrounding whitespace,
//! a sign, the base's `0x`/`0o`/`0b` prefix, single underscores between
//! digits) and its `ValueError` message, which quotes the text.
//! A value beyond a machine word raises `ValueError` too: RPython ints do
//! not grow.

use frontend::host::Value;
use lltype::{FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOperand = flowgraph::Operand<Value>;

impl Rtyper<'_, '_> {
    /// `int(s, base)` for bases 2 to 36.
    pub fn str_to_int_base(&mut self) -> FuncId {
        let (sp, s, boolean) = (self.t.str_ptr, self.t.signed, self.t.bool);
        let space = self.char_ascii_space();
        let to_ascii = self.rpython_helper("unicode_decimal_and_space_to_ascii");
        let repr = self.str_repr();
        let to_str = self.int_to_str();
        let concat = self.str_concat();
        self.helper("str_to_int_base", &[sp, s], s, |rt, b| {
            let (text, base) = (b.param(0), b.param(1));
            let two = b.int(2);
            let low = b.int_op(LlOp::IntLt, base.clone(), two);
            let top = b.int(36);
            let high = b.int_op(LlOp::IntGt, base.clone(), top);
            let bad_base = b.bool_or(low, high);
            b.if_then(rt, bad_base, |rt, b| {
                rt.raise_builtin(b, "ValueError", "int() base must be >= 2 and <= 36, or 0")
            });
            let x = rt.call(b, to_ascii, vec![text.clone()]);
            let n = rt.str_len(b, x.clone());
            let code_at = |rt: &mut Self, b: &mut FnBuilder, at: Operand| {
                let c = rt.str_get(b, x.clone(), at);
                rt.code(b, c)
            };
            let i = b.local(b.int(0));
            let j = b.local(n.clone());
            b.while_loop(
                rt,
                |rt, b| {
                    let (iv, jv) = (b.get(i), b.get(j));
                    let more = b.int_op(LlOp::IntLt, iv.clone(), jv);
                    rt.and_then(b, more, |rt, b| {
                        let c = code_at(rt, b, iv);
                        rt.call(b, space, vec![c])
                    })
                },
                |_, b| {
                    let iv = b.get(i);
                    let one = b.int(1);
                    let v = b.int_op(LlOp::IntAdd, iv, one);
                    b.set(i, v);
                },
            );
            b.while_loop(
                rt,
                |rt, b| {
                    let (iv, jv) = (b.get(i), b.get(j));
                    let more = b.int_op(LlOp::IntGt, jv.clone(), iv);
                    rt.and_then(b, more, |rt, b| {
                        let one = b.int(1);
                        let p = b.int_op(LlOp::IntSub, jv, one);
                        let c = code_at(rt, b, p);
                        rt.call(b, space, vec![c])
                    })
                },
                |_, b| {
                    let jv = b.get(j);
                    let one = b.int(1);
                    let v = b.int_op(LlOp::IntSub, jv, one);
                    b.set(j, v);
                },
            );
            let fail = b.label();
            let end = b.get(j);
            let at_end = |b: &mut FnBuilder| {
                let iv = b.get(i);
                b.int_op(LlOp::IntGe, iv, end.clone())
            };
            let empty = at_end(b);
            b.if_then(rt, empty, |_, b| b.jump(fail));
            // The sign.
            let negative = b.local(b.bool(false));
            let iv = b.get(i);
            let first = code_at(rt, b, iv.clone());
            let minus = b.int('-' as i64);
            let plus = b.int('+' as i64);
            let is_minus = b.int_op(LlOp::IntEq, first.clone(), minus);
            let is_plus = b.int_op(LlOp::IntEq, first, plus);
            let signed_text = b.bool_or(is_minus.clone(), is_plus);
            b.if_then(rt, signed_text, |_, b| {
                b.set(negative, is_minus);
                let one = b.int(1);
                let v = b.int_op(LlOp::IntAdd, iv.clone(), one);
                b.set(i, v);
            });
            // The prefix of the base, if any.
            for (k, letter) in [(16, 'x'), (8, 'o'), (2, 'b')] {
                let kk = b.int(k);
                let this_base = b.int_op(LlOp::IntEq, base.clone(), kk);
                let iv = b.get(i);
                let two = b.int(2);
                let room = b.int_op(LlOp::IntAdd, iv.clone(), two);
                let fits = b.int_op(LlOp::IntLe, room, end.clone());
                let possible = b.bool_and(this_base, fits);
                let has = rt.and_then(b, possible, |rt, b| {
                    let c0 = code_at(rt, b, iv.clone());
                    let one = b.int(1);
                    let p1 = b.int_op(LlOp::IntAdd, iv.clone(), one);
                    let c1 = code_at(rt, b, p1);
                    let zero = b.int('0' as i64);
                    let z = b.int_op(LlOp::IntEq, c0, zero);
                    let lower = b.int(letter as i64);
                    let upper = b.int(letter.to_ascii_uppercase() as i64);
                    let l = b.int_op(LlOp::IntEq, c1.clone(), lower);
                    let u = b.int_op(LlOp::IntEq, c1, upper);
                    let lu = b.bool_or(l, u);
                    b.bool_and(z, lu)
                });
                b.if_then(rt, has, |_, b| {
                    let two = b.int(2);
                    let v = b.int_op(LlOp::IntAdd, iv.clone(), two);
                    b.set(i, v);
                });
            }
            let empty = at_end(b);
            b.if_then(rt, empty, |_, b| b.jump(fail));
            // Digits, accumulated as a negative number so the minimum fits.
            let acc = b.local(b.int(0));
            let after_digit = b.local(b.bool(false));
            let start = b.get(i);
            b.for_range(rt, start, end.clone(), |rt, b, k| {
                let c = code_at(rt, b, k.clone());
                let underscore = b.int('_' as i64);
                let is_us = b.int_op(LlOp::IntEq, c.clone(), underscore);
                let ad = b.get(after_digit);
                b.if_else(
                    rt,
                    is_us,
                    |_, b| {
                        let bad = b.op(LlOp::BoolNot, vec![ad.clone()], boolean);
                        b.if_then(&mut (), bad, |_, b| b.jump(fail));
                        let one = b.int(1);
                        let next = b.int_op(LlOp::IntAdd, k.clone(), one);
                        let last = b.int_op(LlOp::IntGe, next, end.clone());
                        b.if_then(&mut (), last, |_, b| b.jump(fail));
                        let f = b.bool(false);
                        b.set(after_digit, f);
                    },
                    |rt, b| {
                        let d = b.local(b.int(99));
                        for (lo, hi, off) in [
                            ('0', '9', '0' as i64),
                            ('a', 'z', 'a' as i64 - 10),
                            ('A', 'Z', 'A' as i64 - 10),
                        ] {
                            let l = b.int(lo as i64);
                            let h = b.int(hi as i64);
                            let ge = b.int_op(LlOp::IntGe, c.clone(), l);
                            let le = b.int_op(LlOp::IntLe, c.clone(), h);
                            let inside = b.bool_and(ge, le);
                            b.if_then(rt, inside, |_, b| {
                                let o = b.int(off);
                                let v = b.int_op(LlOp::IntSub, c.clone(), o);
                                b.set(d, v);
                            });
                        }
                        let dv = b.get(d);
                        let too_big = b.int_op(LlOp::IntGe, dv.clone(), base.clone());
                        b.if_then(rt, too_big, |_, b| b.jump(fail));
                        let a = b.get(acc);
                        let ovf1 = b.op(
                            LlOp::IntMulOverflows,
                            vec![a.clone(), base.clone()],
                            boolean,
                        );
                        let m = b.int_op(LlOp::IntMul, a, base.clone());
                        let ovf2 =
                            b.op(LlOp::IntSubOverflows, vec![m.clone(), dv.clone()], boolean);
                        let v = b.int_op(LlOp::IntSub, m, dv);
                        let ovf = b.bool_or(ovf1, ovf2);
                        b.if_then(rt, ovf, |_, b| b.jump(fail));
                        b.set(acc, v);
                        let t = b.bool(true);
                        b.set(after_digit, t);
                    },
                );
            });
            let a = b.get(acc);
            let neg = b.get(negative);
            b.if_then(rt, neg, |_, b| b.ret(a.clone()));
            let min = b.int(i64::MIN);
            let is_min = b.int_op(LlOp::IntEq, a.clone(), min);
            b.if_then(rt, is_min, |_, b| b.jump(fail));
            let zero = b.int(0);
            let v = b.int_op(LlOp::IntSub, zero, a);
            b.ret(v);
            b.place(fail);
            let p = Operand::Const(rt.str_constant("invalid literal for int() with base "));
            let bs = rt.call(b, to_str, vec![base.clone()]);
            let m = rt.call(b, concat, vec![p, bs]);
            let colon = Operand::Const(rt.str_constant(": "));
            let m = rt.call(b, concat, vec![m, colon]);
            let r = rt.call(b, repr, vec![text.clone()]);
            let m = rt.call(b, concat, vec![m, r]);
            rt.raise_builtin_with(b, "ValueError", m);
        })
    }

    /// `int(s)` and `int(s, base)` of a str.
    pub fn int_of_str(
        &mut self,
        cx: &mut GraphCx,
        args: &[FlowOperand],
    ) -> Result<Option<Operand>, RtypeError> {
        let (text, base) = match args {
            [a] => (a, None),
            [a, b] => (a, Some(b)),
            _ => return Ok(None),
        };
        if !matches!(self.operand_repr(cx, text), Repr::Str | Repr::UniChar) {
            return Ok(None);
        }
        let base = match base {
            None => Operand::Const(lltype::Constant::new(
                lltype::ConstValue::Int(10),
                self.t.signed,
            )),
            Some(b) => self.operand_as(cx, b, &Repr::Int)?,
        };
        let s = self.operand_as(cx, text, &Repr::Str)?;
        let f = self.str_to_int_base();
        Ok(Some(self.call_raising(cx, f, vec![s, base])))
    }
}
