//! Floats to text and back, exactly as CPython does it.
//!
//! `repr(x)` (and `str(x)`) is the shortest decimal string that reads
//! back as `x`: the helper formats with C's `%.*e` at precisions 1 to 17
//! through the external `rpy_float_format`, parses each result back with
//! `rpy_float_parse` (`strtod`), keeps the first that round-trips (at a
//! power of two, where the round-trip interval is lopsided, the text one
//! unit above the correctly rounded one is tried too, as David Gay's
//! shortest-digits algorithm would find it), and lays its digits out as CPython's `float_repr` does: positional between
//! `1e-4` and `1e16`, with a `.0` when there is no fraction, exponent form
//! (`1e+16`, `1.5e-05`) outside. `%f`, `%e`, `%g` and the format-spec
//! types go straight to `rpy_float_format`. `float(s)` checks the text
//! itself (C `strtod` accepts hex floats, which Python does not, and
//! Python accepts underscores between digits, which C does not) and
//! raises `ValueError` with CPython's message.

use lltype::{ConstValue, FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;

impl Rtyper<'_, '_> {
    /// A `Float` constant.
    pub fn float_const(&self, b: &FnBuilder, x: f64) -> Operand {
        b.konst(ConstValue::Float(x.to_bits()), self.t.float)
    }

    /// Reads byte `i` of raw memory as a `Signed`.
    fn raw_byte(&mut self, b: &mut FnBuilder, buf: Operand, i: Operand) -> Operand {
        let c = b.op(LlOp::RawLoad, vec![buf, i], self.t.char);
        b.op(LlOp::CastPrimitive, vec![c], self.t.signed)
    }

    /// `c_format(x, conv, precision) -> Str`: C's `%.*e`, `%.*f` or
    /// `%.*g` (`conv` is the letter).
    pub fn float_c_format(&mut self) -> FuncId {
        let (f, ch, s, sp, addr) = (
            self.t.float,
            self.t.char,
            self.t.signed,
            self.t.str_ptr,
            self.t.address,
        );
        let ext = self.external("rpy_float_format");
        self.helper("float_c_format", &[f, ch, s], sp, |rt, b| {
            let (x, conv, prec) = (b.param(0), b.param(1), b.param(2));
            // Enough for the 309 digits of the largest float, fixed.
            let extra = b.int(400);
            let size = b.int_op(LlOp::IntAdd, prec.clone(), extra);
            let buf = b.op(LlOp::RawMalloc, vec![size.clone()], addr);
            let n = rt.call(b, ext, vec![x, conv, prec, buf.clone(), size]);
            let out = rt.str_alloc(b, n.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, n, |rt, b, i| {
                let code = rt.raw_byte(b, buf.clone(), i.clone());
                let c = rt.unichar_of(b, code);
                rt.str_set(b, out.clone(), i, c);
            });
            b.effect(LlOp::RawFree, vec![buf]);
            b.ret(out);
        })
    }

    /// Whether a float is a NaN or infinite (`x - x != 0`).
    fn float_not_finite(&mut self, b: &mut FnBuilder, x: Operand) -> Operand {
        let d = b.op(LlOp::FloatSub, vec![x.clone(), x], self.t.float);
        let zero = self.float_const(b, 0.0);
        b.op(LlOp::FloatNe, vec![d, zero], self.t.bool)
    }

    /// `repr(x)` of a float.
    pub fn float_repr(&mut self) -> FuncId {
        let (f, sp, boolean, addr, s) = (
            self.t.float,
            self.t.str_ptr,
            self.t.bool,
            self.t.address,
            self.t.signed,
        );
        let format = self.external("rpy_float_format");
        let parse = self.external("rpy_float_parse");
        let slice = self.str_slice();
        let bump = self.float_text_bump();
        self.helper("float_repr", &[f], sp, |rt, b| {
            let x = b.param(0);
            let konst = |rt: &mut Self, b: &mut FnBuilder, text: &str| {
                let c = Operand::Const(rt.str_constant(text));
                b.ret(c);
            };
            let nan = b.op(LlOp::FloatNe, vec![x.clone(), x.clone()], boolean);
            b.if_then(rt, nan, |rt, b| konst(rt, b, "nan"));
            let odd = rt.float_not_finite(b, x.clone());
            b.if_then(rt, odd, |rt, b| {
                let zero = rt.float_const(b, 0.0);
                let neg = b.op(LlOp::FloatLt, vec![x.clone(), zero], boolean);
                b.if_then(rt, neg, |rt, b| konst(rt, b, "-inf"));
                konst(rt, b, "inf");
            });
            let zero = rt.float_const(b, 0.0);
            let is_zero = b.op(LlOp::FloatEq, vec![x.clone(), zero.clone()], boolean);
            b.if_then(rt, is_zero, |rt, b| {
                let one = rt.float_const(b, 1.0);
                let inv = b.op(LlOp::FloatTrueDiv, vec![one, x.clone()], f);
                let neg = b.op(LlOp::FloatLt, vec![inv, zero.clone()], boolean);
                b.if_then(rt, neg, |rt, b| konst(rt, b, "-0.0"));
                konst(rt, b, "0.0");
            });
            // The shortest precision that round-trips.
            let size = b.int(64);
            let buf = b.op(LlOp::RawMalloc, vec![size.clone()], addr);
            let eight = b.int(8);
            let used = b.op(LlOp::RawMalloc, vec![eight], addr);
            let conv = b.char(b'e');
            let digits_after = b.local(b.int(0));
            let len = b.local(b.int(0));
            let done = b.local(b.bool(false));
            b.while_loop(
                rt,
                |_, b| {
                    let d = b.get(done);
                    b.op(LlOp::BoolNot, vec![d], boolean)
                },
                |rt, b| {
                    let p = b.get(digits_after);
                    let n = rt.call(
                        b,
                        format,
                        vec![
                            x.clone(),
                            conv.clone(),
                            p.clone(),
                            buf.clone(),
                            size.clone(),
                        ],
                    );
                    b.set(len, n.clone());
                    let y = rt.call(b, parse, vec![buf.clone(), n.clone(), used.clone()]);
                    let first = b.op(LlOp::FloatEq, vec![y, x.clone()], boolean);
                    let same = b.local(first.clone());
                    // At a power of two the floats above are twice as far
                    // apart as those below, so the shortest text may be
                    // the correctly rounded one plus a unit in its last
                    // digit.
                    let missed = b.op(LlOp::BoolNot, vec![first], boolean);
                    b.if_then(rt, missed, |rt, b| {
                        let bumped = rt.call(b, bump, vec![buf.clone(), n.clone()]);
                        b.if_then(rt, bumped, |rt, b| {
                            let y = rt.call(b, parse, vec![buf.clone(), n.clone(), used.clone()]);
                            let eq = b.op(LlOp::FloatEq, vec![y, x.clone()], boolean);
                            b.set(same, eq);
                        });
                    });
                    let same = b.get(same);
                    let sixteen = b.int(16);
                    let last = b.int_op(LlOp::IntGe, p.clone(), sixteen);
                    let stop = b.bool_or(same, last);
                    b.set(done, stop);
                    let one = b.int(1);
                    let p1 = b.int_op(LlOp::IntAdd, p, one);
                    b.set(digits_after, p1);
                },
            );
            let _ = s;
            let n = b.get(len);
            rt.float_repr_layout(b, buf, n, used, slice);
        })
    }

    /// `bump(buf, n) -> Bool`: adds one to the last digit of the
    /// mantissa of C's `%.*e` text in place; false (text unchanged) when
    /// every digit is a 9.
    fn float_text_bump(&mut self) -> FuncId {
        let (addr, s, boolean, ch) = (self.t.address, self.t.signed, self.t.bool, self.t.char);
        self.helper("float_text_bump", &[addr, s], boolean, |rt, b| {
            let (buf, n) = (b.param(0), b.param(1));
            // The last mantissa digit is just before the `e`.
            let e_at = b.local(b.int(0));
            let zero = b.int(0);
            b.for_range(rt, zero, n.clone(), |rt, b, k| {
                let c = rt.raw_byte(b, buf.clone(), k.clone());
                let e = b.int('e' as i64);
                let is_e = b.int_op(LlOp::IntEq, c, e);
                b.if_then(rt, is_e, |_, b| b.set(e_at, k.clone()));
            });
            let ev = b.get(e_at);
            let one = b.int(1);
            let last = b.int_op(LlOp::IntSub, ev, one);
            // Find the rightmost digit that is not a 9 (skipping the
            // point); the 9s after it become 0s.
            let k = b.local(last.clone());
            b.while_loop(
                rt,
                |rt, b| {
                    let kv = b.get(k);
                    let z = b.int(0);
                    let inside = b.int_op(LlOp::IntGe, kv.clone(), z);
                    rt.and_then(b, inside, |rt, b| {
                        let c = rt.raw_byte(b, buf.clone(), kv);
                        let nine = b.int('9' as i64);
                        let dot = b.int('.' as i64);
                        let is9 = b.int_op(LlOp::IntEq, c.clone(), nine);
                        let isdot = b.int_op(LlOp::IntEq, c, dot);
                        b.bool_or(is9, isdot)
                    })
                },
                |_, b| {
                    let kv = b.get(k);
                    let one = b.int(1);
                    let v = b.int_op(LlOp::IntSub, kv, one);
                    b.set(k, v);
                },
            );
            let kv = b.get(k);
            let z = b.int(0);
            let outside = b.int_op(LlOp::IntLt, kv.clone(), z.clone());
            b.if_then(rt, outside, |_, b| {
                let f = b.bool(false);
                b.ret(f);
            });
            let c = rt.raw_byte(b, buf.clone(), kv.clone());
            let minus = b.int('-' as i64);
            let is_sign = b.int_op(LlOp::IntEq, c.clone(), minus);
            b.if_then(rt, is_sign, |_, b| {
                let f = b.bool(false);
                b.ret(f);
            });
            let one = b.int(1);
            let up = b.int_op(LlOp::IntAdd, c, one.clone());
            let byte = b.op(LlOp::CastPrimitive, vec![up], ch);
            b.effect(LlOp::RawStore, vec![buf.clone(), kv.clone(), byte]);
            let from = b.int_op(LlOp::IntAdd, kv, one.clone());
            let stop = b.int_op(LlOp::IntAdd, last, one);
            b.for_range(rt, from, stop, |rt, b, j| {
                let c = rt.raw_byte(b, buf.clone(), j.clone());
                let nine = b.int('9' as i64);
                let is9 = b.int_op(LlOp::IntEq, c, nine);
                b.if_then(rt, is9, |_, b| {
                    let zc = b.char(b'0');
                    b.effect(LlOp::RawStore, vec![buf.clone(), j.clone(), zc]);
                });
            });
            let _ = s;
            let t = b.bool(true);
            b.ret(t);
        })
    }

    /// Lays out the digits of C's `%.*e` text (in `buf`, `n` bytes) as
    /// CPython's repr, frees the buffers, and returns the str.
    fn float_repr_layout(
        &mut self,
        b: &mut FnBuilder,
        buf: Operand,
        n: Operand,
        used: Operand,
        slice: FuncId,
    ) {
        let minus = b.int('-' as i64);
        let zero = b.int(0);
        let first = self.raw_byte(b, buf.clone(), zero.clone());
        let negative = b.int_op(LlOp::IntEq, first, minus.clone());
        let i = b.local(zero.clone());
        b.if_then(self, negative.clone(), |_, b| {
            let one = b.int(1);
            b.set(i, one);
        });
        // The digits, without the point, into a scratch str.
        let seventeen = b.int(20);
        let digits = self.str_alloc(b, seventeen);
        let nd = b.local(zero.clone());
        let exp_sign = b.local(b.int(1));
        let exp = b.local(zero.clone());
        let in_exp = b.local(b.bool(false));
        let start = b.get(i);
        b.for_range(self, start, n, |rt, b, k| {
            let c = rt.raw_byte(b, buf.clone(), k);
            let e = b.int('e' as i64);
            let is_e = b.int_op(LlOp::IntEq, c.clone(), e);
            b.if_then(rt, is_e, |_, b| {
                let t = b.bool(true);
                b.set(in_exp, t);
            });
            let ie = b.get(in_exp);
            let zc = b.int('0' as i64);
            let d = b.int_op(LlOp::IntSub, c.clone(), zc);
            let lo = b.int(0);
            let hi = b.int(9);
            let ge = b.int_op(LlOp::IntGe, d.clone(), lo);
            let le = b.int_op(LlOp::IntLe, d.clone(), hi);
            let is_digit = b.bool_and(ge, le);
            b.if_then(rt, is_digit, |rt, b| {
                b.if_else(
                    rt,
                    ie.clone(),
                    |_, b| {
                        let ev = b.get(exp);
                        let ten = b.int(10);
                        let m = b.int_op(LlOp::IntMul, ev, ten);
                        let v = b.int_op(LlOp::IntAdd, m, d.clone());
                        b.set(exp, v);
                    },
                    |rt, b| {
                        let at = b.get(nd);
                        let ch = rt.unichar_of(b, c.clone());
                        rt.str_set(b, digits.clone(), at.clone(), ch);
                        let one = b.int(1);
                        let v = b.int_op(LlOp::IntAdd, at, one);
                        b.set(nd, v);
                    },
                );
            });
            let is_minus = b.int_op(LlOp::IntEq, c, minus.clone());
            let neg_exp = b.bool_and(ie, is_minus);
            b.if_then(rt, neg_exp, |_, b| {
                let m = b.int(-1);
                b.set(exp_sign, m);
            });
        });
        b.effect(LlOp::RawFree, vec![buf]);
        b.effect(LlOp::RawFree, vec![used]);
        // Drop trailing zeros.
        let boolean = self.t.bool;
        let zero_char = self.uc_const('0');
        b.while_loop(
            self,
            |rt, b| {
                let d = b.get(nd);
                let one = b.int(1);
                let more = b.int_op(LlOp::IntGt, d.clone(), one.clone());
                rt.and_then(b, more, |rt, b| {
                    let last = b.int_op(LlOp::IntSub, d, one);
                    let c = rt.str_get(b, digits.clone(), last);
                    b.op(LlOp::UniCharEq, vec![c, zero_char.clone()], boolean)
                })
            },
            |_, b| {
                let d = b.get(nd);
                let one = b.int(1);
                let v = b.int_op(LlOp::IntSub, d, one);
                b.set(nd, v);
            },
        );
        let (ev, es) = (b.get(exp), b.get(exp_sign));
        let e = b.int_op(LlOp::IntMul, ev, es);
        let d = b.get(nd);
        // The text, written into a scratch str, then cut to length.
        let cap = b.int(40);
        let out = self.str_alloc(b, cap);
        let pos = b.local(zero.clone());
        let put = |rt: &mut Self, b: &mut FnBuilder, c: Operand| {
            let p = b.get(pos);
            rt.str_set(b, out.clone(), p.clone(), c);
            let one = b.int(1);
            let p1 = b.int_op(LlOp::IntAdd, p, one);
            b.set(pos, p1);
        };
        let put_digit = |rt: &mut Self, b: &mut FnBuilder, k: Operand| {
            let c = rt.str_get(b, digits.clone(), k);
            put(rt, b, c);
        };
        b.if_then(self, negative, |rt, b| {
            let m = rt.uc_const('-');
            put(rt, b, m);
        });
        let minus_five = b.int(-5);
        let small = b.int_op(LlOp::IntLe, e.clone(), minus_five);
        let sixteen = b.int(16);
        let large = b.int_op(LlOp::IntGe, e.clone(), sixteen);
        let exponent_form = b.bool_or(small, large);
        let one = b.int(1);
        let decpt = b.int_op(LlOp::IntAdd, e.clone(), one.clone());
        b.if_else(
            self,
            exponent_form,
            |rt, b| {
                let z = b.int(0);
                put_digit(rt, b, z);
                let more = b.int_op(LlOp::IntGt, d.clone(), one.clone());
                b.if_then(rt, more, |rt, b| {
                    let dot = rt.uc_const('.');
                    put(rt, b, dot);
                    b.for_range(rt, one.clone(), d.clone(), |rt, b, k| put_digit(rt, b, k));
                });
                let ec = rt.uc_const('e');
                put(rt, b, ec);
                let z = b.int(0);
                let neg = b.int_op(LlOp::IntLt, e.clone(), z.clone());
                let mag = b.local(e.clone());
                b.if_else(
                    rt,
                    neg,
                    |rt, b| {
                        let m = rt.uc_const('-');
                        put(rt, b, m);
                        let v = b.int_op(LlOp::IntSub, z.clone(), e.clone());
                        b.set(mag, v);
                    },
                    |rt, b| {
                        let p = rt.uc_const('+');
                        put(rt, b, p);
                    },
                );
                let m = b.get(mag);
                let hundred = b.int(100);
                let three = b.int_op(LlOp::IntGe, m.clone(), hundred.clone());
                let digit = |rt: &mut Self, b: &mut FnBuilder, v: Operand| {
                    let zc = b.int('0' as i64);
                    let code = b.int_op(LlOp::IntAdd, v, zc);
                    let c = rt.unichar_of(b, code);
                    put(rt, b, c);
                };
                b.if_then(rt, three, |rt, b| {
                    let h = b.int_op(LlOp::IntFloorDiv, m.clone(), hundred.clone());
                    digit(rt, b, h);
                });
                let ten = b.int(10);
                let r = b.int_op(LlOp::IntMod, m.clone(), hundred);
                let t = b.int_op(LlOp::IntFloorDiv, r.clone(), ten.clone());
                digit(rt, b, t);
                let u = b.int_op(LlOp::IntMod, r, ten);
                digit(rt, b, u);
            },
            |rt, b| {
                let z = b.int(0);
                let below_one = b.int_op(LlOp::IntLe, decpt.clone(), z.clone());
                b.if_else(
                    rt,
                    below_one,
                    |rt, b| {
                        let (zc, dot) = (rt.uc_const('0'), rt.uc_const('.'));
                        put(rt, b, zc.clone());
                        put(rt, b, dot);
                        let lead = b.int_op(LlOp::IntSub, z.clone(), decpt.clone());
                        b.for_range(rt, z.clone(), lead, |rt, b, _| put(rt, b, zc.clone()));
                        b.for_range(rt, z.clone(), d.clone(), |rt, b, k| put_digit(rt, b, k));
                    },
                    |rt, b| {
                        let whole = b.int_op(LlOp::IntGe, decpt.clone(), d.clone());
                        let (zc, dot) = (rt.uc_const('0'), rt.uc_const('.'));
                        b.if_else(
                            rt,
                            whole,
                            |rt, b| {
                                b.for_range(rt, z.clone(), d.clone(), |rt, b, k| {
                                    put_digit(rt, b, k)
                                });
                                b.for_range(rt, d.clone(), decpt.clone(), |rt, b, _| {
                                    put(rt, b, zc.clone())
                                });
                                put(rt, b, dot.clone());
                                put(rt, b, zc.clone());
                            },
                            |rt, b| {
                                b.for_range(rt, z.clone(), decpt.clone(), |rt, b, k| {
                                    put_digit(rt, b, k)
                                });
                                put(rt, b, dot.clone());
                                b.for_range(rt, decpt.clone(), d.clone(), |rt, b, k| {
                                    put_digit(rt, b, k)
                                });
                            },
                        );
                    },
                );
            },
        );
        let z = b.int(0);
        let p = b.get(pos);
        let v = self.call(b, slice, vec![out, z, p]);
        b.ret(v);
    }

    /// `float(s)`: decimal digits of any script and Unicode whitespace
    /// made ASCII first (as CPython does), surrounding whitespace, then
    /// what C `strtod` reads
    /// entirely, minus hex floats and `nan(...)`; else `ValueError`.
    pub fn str_to_float(&mut self) -> FuncId {
        let (sp, f, addr, s) = (self.t.str_ptr, self.t.float, self.t.address, self.t.signed);
        let parse = self.external("rpy_float_parse");
        let space = self.char_ascii_space();
        let to_ascii = self.rpython_helper("unicode_decimal_and_space_to_ascii");
        let repr = self.str_repr();
        let concat = self.str_concat();
        self.helper("str_to_float", &[sp], f, |rt, b| {
            let text = b.param(0);
            let x = rt.call(b, to_ascii, vec![text.clone()]);
            let n = rt.str_len(b, x.clone());
            let i = b.local(b.int(0));
            let j = b.local(n.clone());
            let space_at = |rt: &mut Self, b: &mut FnBuilder, at: Operand| {
                let c = rt.str_get(b, x.clone(), at);
                let code = rt.code(b, c);
                rt.call(b, space, vec![code])
            };
            b.while_loop(
                rt,
                |rt, b| {
                    let (iv, jv) = (b.get(i), b.get(j));
                    let more = b.int_op(LlOp::IntLt, iv.clone(), jv);
                    rt.and_then(b, more, |rt, b| space_at(rt, b, iv))
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
                        space_at(rt, b, p)
                    })
                },
                |_, b| {
                    let jv = b.get(j);
                    let one = b.int(1);
                    let v = b.int_op(LlOp::IntSub, jv, one);
                    b.set(j, v);
                },
            );
            let (iv, jv) = (b.get(i), b.get(j));
            let len = b.int_op(LlOp::IntSub, jv, iv.clone());
            let fail = b.label();
            let zero = b.int(0);
            let empty = b.int_op(LlOp::IntLe, len.clone(), zero.clone());
            b.if_then(rt, empty, |_, b| b.jump(fail));
            let one = b.int(1);
            let size = b.int_op(LlOp::IntAdd, len.clone(), one);
            let buf = b.op(LlOp::RawMalloc, vec![size], addr);
            let ok = b.local(b.bool(true));
            // `out` counts the bytes copied: underscores between digits
            // are dropped, any other underscore is an error.
            let out = b.local(zero.clone());
            let is_digit_at = |rt: &mut Self, b: &mut FnBuilder, at: Operand| {
                let c = rt.str_get(b, x.clone(), at);
                let code = rt.code(b, c);
                let (lo, hi) = (b.int('0' as i64), b.int('9' as i64));
                let ge = b.int_op(LlOp::IntGe, code.clone(), lo);
                let le = b.int_op(LlOp::IntLe, code, hi);
                b.bool_and(ge, le)
            };
            b.for_range(rt, zero.clone(), len.clone(), |rt, b, k| {
                let at = b.int_op(LlOp::IntAdd, iv.clone(), k.clone());
                let c = rt.str_get(b, x.clone(), at.clone());
                let code = rt.code(b, c);
                let us = b.int('_' as i64);
                let is_us = b.int_op(LlOp::IntEq, code.clone(), us);
                b.if_else(
                    rt,
                    is_us,
                    |rt, b| {
                        // Between two digits of the text.
                        let z = b.int(0);
                        let inner = b.int_op(LlOp::IntGt, k.clone(), z);
                        let one = b.int(1);
                        let next = b.int_op(LlOp::IntAdd, k.clone(), one.clone());
                        let before_end = b.int_op(LlOp::IntLt, next, len.clone());
                        let inner = b.bool_and(inner, before_end);
                        let good = rt.and_then(b, inner, |rt, b| {
                            let prev = b.int_op(LlOp::IntSub, at.clone(), one.clone());
                            let p = is_digit_at(rt, b, prev);
                            let after = b.int_op(LlOp::IntAdd, at.clone(), one.clone());
                            let q = is_digit_at(rt, b, after);
                            b.bool_and(p, q)
                        });
                        let bad = b.op(LlOp::BoolNot, vec![good], rt.t.bool);
                        b.if_then(rt, bad, |_, b| {
                            let f = b.bool(false);
                            b.set(ok, f);
                        });
                    },
                    |rt, b| {
                        let top = b.int(127);
                        let mut bad = b.int_op(LlOp::IntGt, code.clone(), top);
                        for ch in ['x', 'X', '('] {
                            let cc = b.int(ch as i64);
                            let eq = b.int_op(LlOp::IntEq, code.clone(), cc);
                            bad = b.bool_or(bad, eq);
                        }
                        b.if_then(rt, bad, |_, b| {
                            let f = b.bool(false);
                            b.set(ok, f);
                        });
                        let byte = b.op(LlOp::CastPrimitive, vec![code.clone()], rt.t.char);
                        let o = b.get(out);
                        b.effect(LlOp::RawStore, vec![buf.clone(), o.clone(), byte]);
                        let one = b.int(1);
                        let o1 = b.int_op(LlOp::IntAdd, o, one);
                        b.set(out, o1);
                    },
                );
            });
            let len = b.get(out);
            let eight = b.int(8);
            let used = b.op(LlOp::RawMalloc, vec![eight], addr);
            let z = b.int(0);
            b.effect(LlOp::RawStore, vec![used.clone(), z.clone(), z.clone()]);
            let y = rt.call(b, parse, vec![buf.clone(), len.clone(), used.clone()]);
            let consumed = b.op(LlOp::RawLoad, vec![used.clone(), z], s);
            b.effect(LlOp::RawFree, vec![buf]);
            b.effect(LlOp::RawFree, vec![used]);
            let whole = b.int_op(LlOp::IntEq, consumed, len);
            let okv = b.get(ok);
            let good = b.bool_and(whole, okv);
            b.if_then(rt, good, |_, b| b.ret(y.clone()));
            b.jump(fail);
            b.place(fail);
            let prefix = Operand::Const(rt.str_constant("could not convert string to float: "));
            let r = rt.call(b, repr, vec![text.clone()]);
            let msg = rt.call(b, concat, vec![prefix, r]);
            rt.raise_builtin_with(b, "ValueError", msg);
        })
    }
}
