//! Numbers as text for `%` and format specs: integers in any base with
//! sign, `#` prefix and grouping, floats through C's conversions with
//! CPython's treatment of the sign, `nan`/`inf`, `%` and grouping, and
//! the padding shared by both (`=` pads between sign and digits).

use lltype::{ConstValue, FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;

impl Rtyper<'_, '_> {
    /// `fmt_int(x, base, upper, sign, alt, group, width, fill, align)`.
    pub(crate) fn fmt_int(&mut self) -> FuncId {
        let (s, u, boolean, uc, sp) = (
            self.t.signed,
            self.t.unsigned,
            self.t.bool,
            self.t.unichar,
            self.t.str_ptr,
        );
        let pad = self.pad_number();
        let params = [s, s, boolean, uc, boolean, s, s, uc, s, s];
        self.helper("fmt_int", &params, sp, |rt, b| {
            let x = b.param(0);
            let base = b.param(1);
            let upper = b.param(2);
            let sign = b.param(3);
            let alt = b.param(4);
            let group = b.param(5);
            let (width, fill, align) = (b.param(6), b.param(7), b.param(8));
            let min_digits = b.param(9);
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
            // A precision (`%.3d`) asks for at least that many digits.
            let d = b.get(nd);
            let more = b.int_op(LlOp::IntGt, min_digits.clone(), d);
            b.if_then(rt, more, |_, b| b.set(nd, min_digits.clone()));
            // Zero padding with grouping pads with grouped zeros: as many
            // digits as make the width with their separators (one more
            // than the width when a separator would come first).
            let four = b.int(4);
            let inner = b.int_op(LlOp::IntEq, align.clone(), four);
            let zc = rt.uc_const('0');
            let zero_fill = b.op(LlOp::UniCharEq, vec![fill.clone(), zc], boolean);
            let zero_pad = b.bool_and(inner, zero_fill);
            let zero_pad = b.bool_and(zero_pad, grouped.clone());
            b.if_then(rt, zero_pad, |rt, b| {
                let signed_len = b.op(LlOp::CastPrimitive, vec![negative.clone()], s);
                let m = rt.uc_const('-');
                let has_sign = b.op(LlOp::UniCharNe, vec![sign.clone(), m], boolean);
                let has_sign = b.op(LlOp::CastPrimitive, vec![has_sign], s);
                let sign_len = b.int_op(LlOp::IntOr, signed_len, has_sign);
                let ten = b.int(10);
                let prefixed = b.int_op(LlOp::IntNe, base.clone(), ten);
                let prefixed = b.bool_and(prefixed, alt.clone());
                let pl = b.op(LlOp::CastPrimitive, vec![prefixed], s);
                let pl = b.int_op(LlOp::IntMul, pl, b.int(2));
                let prefix_len = b.int_op(LlOp::IntAdd, sign_len, pl);
                let target = b.int_op(LlOp::IntSub, width.clone(), prefix_len);
                b.while_loop(
                    rt,
                    |_, b| {
                        let d = b.get(nd);
                        let one = b.int(1);
                        let dm = b.int_op(LlOp::IntSub, d.clone(), one);
                        let sp = b.int_op(LlOp::IntFloorDiv, dm, g.clone());
                        let total = b.int_op(LlOp::IntAdd, d, sp);
                        b.int_op(LlOp::IntLt, total, target.clone())
                    },
                    |_, b| {
                        let d = b.get(nd);
                        let one = b.int(1);
                        let v = b.int_op(LlOp::IntAdd, d, one);
                        b.set(nd, v);
                    },
                );
            });
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
            // `#` gives base 10 no prefix.
            let ten = b.int(10);
            let not_ten = b.int_op(LlOp::IntNe, base.clone(), ten);
            let alt = b.bool_and(alt, not_ten);
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
    pub(crate) fn sign_prefix(
        &mut self,
        b: &mut FnBuilder,
        negative: Operand,
        sign: Operand,
    ) -> Operand {
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
    pub(crate) fn pad_number(&mut self) -> FuncId {
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
    pub(crate) fn fmt_float(&mut self) -> FuncId {
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
        let short = self.float_text_precision();
        let pad = self.pad_number();
        let slice = self.str_slice();
        let upper_case = self.char_ascii_upper();
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
                    let is_z = is(b, 'z');
                    let is_pct = is(b, '%');
                    b.if_then(rt, is_z.clone(), |rt, b| {
                        let v = rt.call(b, short, vec![x.clone(), prec.clone()]);
                        b.set(text, v);
                    });
                    let not_z = b.op(LlOp::BoolNot, vec![is_z], boolean);
                    b.if_then(rt, not_z, |rt, b| {
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
                        )
                    });
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
    pub(crate) fn group_integer_part(
        &mut self,
        b: &mut FnBuilder,
        t: Operand,
        group: Operand,
    ) -> Operand {
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

    /// A float formatted with a precision and no type: like `g`, but
    /// exponent form from `precision - 1` digits before the point on,
    /// and `.0` after an integer in fixed form (CPython's `'r'`-style
    /// `g` with `Py_DTSF_ADD_DOT_0`).
    pub(crate) fn float_text_precision(&mut self) -> FuncId {
        let (f, s, sp, boolean) = (self.t.float, self.t.signed, self.t.str_ptr, self.t.bool);
        let cfmt = self.float_c_format();
        let slice = self.str_slice();
        let concat = self.str_concat();
        self.helper("float_text_precision", &[f, s], sp, |rt, b| {
            let (x, prec) = (b.param(0), b.param(1));
            let one = b.int(1);
            let p1 = b.int_op(LlOp::IntSub, prec.clone(), one.clone());
            let ec = b.char(b'e');
            let et = rt.call(b, cfmt, vec![x.clone(), ec, p1.clone()]);
            let n = rt.str_len(b, et.clone());
            // The exponent, after the `e`.
            let e_at = b.local(n.clone());
            let zero = b.int(0);
            b.for_range(rt, zero.clone(), n.clone(), |rt, b, k| {
                let c = rt.str_get(b, et.clone(), k.clone());
                let e = rt.uc_const('e');
                let is_e = b.op(LlOp::UniCharEq, vec![c, e], boolean);
                b.if_then(rt, is_e, |_, b| b.set(e_at, k.clone()));
            });
            let ea = b.get(e_at);
            let exp = b.local(zero.clone());
            let two = b.int(2);
            let digits_from = b.int_op(LlOp::IntAdd, ea.clone(), two);
            b.for_range(rt, digits_from, n.clone(), |rt, b, k| {
                let c = rt.str_get(b, et.clone(), k);
                let code = rt.code(b, c);
                let zc = b.int('0' as i64);
                let d = b.int_op(LlOp::IntSub, code, zc);
                let ev = b.get(exp);
                let ten = b.int(10);
                let m = b.int_op(LlOp::IntMul, ev, ten);
                let v = b.int_op(LlOp::IntAdd, m, d);
                b.set(exp, v);
            });
            let sign_at = b.int_op(LlOp::IntAdd, ea.clone(), one.clone());
            let sign = rt.str_get(b, et.clone(), sign_at);
            let minus = rt.uc_const('-');
            let neg = b.op(LlOp::UniCharEq, vec![sign, minus], boolean);
            b.if_then(rt, neg, |_, b| {
                let ev = b.get(exp);
                let z = b.int(0);
                let v = b.int_op(LlOp::IntSub, z, ev);
                b.set(exp, v);
            });
            let e = b.get(exp);
            let z0_outer = b.int(0);
            let m4 = b.int(-4);
            let small = b.int_op(LlOp::IntLt, e.clone(), m4);
            let large = b.int_op(LlOp::IntGe, e, p1.clone());
            let exponent_form = b.bool_or(small, large);
            b.if_then(rt, exponent_form, |rt, b| {
                // Without the mantissa's trailing zeros (and point), if
                // it has a point.
                let j = b.local(ea.clone());
                let has_point = b.int_op(LlOp::IntGt, p1.clone(), z0_outer.clone());
                let z = rt.uc_const('0');
                b.while_loop(
                    rt,
                    |rt, b| {
                        let jv = b.get(j);
                        rt.and_then(b, has_point.clone(), |rt, b| {
                            let one = b.int(1);
                            let prev = b.int_op(LlOp::IntSub, jv, one);
                            let c = rt.str_get(b, et.clone(), prev);
                            b.op(LlOp::UniCharEq, vec![c, z.clone()], boolean)
                        })
                    },
                    |_, b| {
                        let jv = b.get(j);
                        let one = b.int(1);
                        let v = b.int_op(LlOp::IntSub, jv, one);
                        b.set(j, v);
                    },
                );
                let jv = b.get(j);
                let one = b.int(1);
                let prev = b.int_op(LlOp::IntSub, jv.clone(), one);
                let c = rt.str_get(b, et.clone(), prev.clone());
                let dot = rt.uc_const('.');
                let is_dot = b.op(LlOp::UniCharEq, vec![c, dot], boolean);
                b.if_then(rt, is_dot, |_, b| b.set(j, prev.clone()));
                let jv = b.get(j);
                let z0 = b.int(0);
                let head = rt.call(b, slice, vec![et.clone(), z0, jv]);
                let tail = rt.call(b, slice, vec![et.clone(), ea.clone(), n.clone()]);
                let v = rt.call(b, concat, vec![head, tail]);
                b.ret(v);
            });
            let gc = b.char(b'g');
            let gt = rt.call(b, cfmt, vec![x, gc, prec]);
            let gn = rt.str_len(b, gt.clone());
            let has_dot = b.local(b.bool(false));
            b.for_range(rt, zero, gn, |rt, b, k| {
                let c = rt.str_get(b, gt.clone(), k);
                let dot = rt.uc_const('.');
                let is_dot = b.op(LlOp::UniCharEq, vec![c, dot], boolean);
                b.if_then(rt, is_dot, |_, b| {
                    let t = b.bool(true);
                    b.set(has_dot, t);
                });
            });
            let hd = b.get(has_dot);
            b.if_then(rt, hd, |_, b| b.ret(gt.clone()));
            let dz = Operand::Const(rt.str_constant(".0"));
            let v = rt.call(b, concat, vec![gt, dz]);
            b.ret(v);
        })
    }
}
