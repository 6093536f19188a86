//! Integer and float arithmetic with Python's semantics: floor division
//! and modulo rounding towards minus infinity, `ZeroDivisionError`,
//! shifts by any count.

use lltype::{ConstValue, FuncId, LlOp, Operand};

use crate::builder::{FnBuilder, Local};
use crate::cx::Rtyper;

impl Rtyper<'_, '_> {
    /// `x // y` or `x % y` on `Signed`, as Python defines them.
    pub fn int_floordiv_mod(&mut self, modulo: bool) -> FuncId {
        self.int_division(modulo, true)
    }

    /// `x // c` or `x % c` for a constant `c` other than 0 and -1: the
    /// same rounding, but nothing to raise (so no exception test after the
    /// call, and nothing allocated: what the collectors' code needs).
    pub fn int_floordiv_mod_by_constant(&mut self, modulo: bool) -> FuncId {
        self.int_division(modulo, false)
    }

    fn int_division(&mut self, modulo: bool, checked: bool) -> FuncId {
        let s = self.t.signed;
        let key = match (modulo, checked) {
            (true, true) => "int_mod",
            (false, true) => "int_floordiv",
            (true, false) => "int_mod_nonzero",
            (false, false) => "int_floordiv_nonzero",
        };
        self.helper(key, &[s, s], s, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let zero = b.int(0);
            if checked {
                let by_zero = b.int_op(LlOp::IntEq, y.clone(), zero.clone());
                b.if_then(rt, by_zero, |rt, b| {
                    let message = if modulo {
                        "integer modulo by zero"
                    } else {
                        "integer division or modulo by zero"
                    };
                    rt.raise_builtin(b, "ZeroDivisionError", message);
                });
                // The one overflowing case: the minimum divided by -1.
                let minus_one = b.int(-1);
                let by_minus_one = b.int_op(LlOp::IntEq, y.clone(), minus_one);
                b.if_then(rt, by_minus_one, |_, b| {
                    if modulo {
                        let z = b.int(0);
                        b.ret(z);
                    } else {
                        let zero = b.int(0);
                        let n = b.int_op(LlOp::IntSub, zero, x.clone());
                        b.ret(n);
                    }
                });
            }
            let q = b.int_op(LlOp::IntFloorDiv, x.clone(), y.clone());
            let r = b.int_op(LlOp::IntMod, x, y.clone());
            // C truncates; Python floors: adjust when the remainder's sign
            // differs from the divisor's.
            let r_nonzero = b.int_op(LlOp::IntNe, r.clone(), zero.clone());
            let rx = b.int_op(LlOp::IntXor, r.clone(), y.clone());
            let signs_differ = b.int_op(LlOp::IntLt, rx, zero);
            let adjust = b.local(b.bool(false));
            b.if_then(rt, r_nonzero, |_, b| b.set(adjust, signs_differ));
            let adjust = b.get(adjust);
            let result = b.local(if modulo { r.clone() } else { q.clone() });
            b.if_then(rt, adjust, |_, b| {
                let one = b.int(1);
                let v = if modulo {
                    b.int_op(LlOp::IntAdd, r, y)
                } else {
                    b.int_op(LlOp::IntSub, q, one)
                };
                b.set(result, v);
            });
            let v = b.get(result);
            b.ret(v);
        })
    }

    /// `x << y` or `x >> y` on `Signed`: a negative count raises
    /// `ValueError`; counts of 64 or more shift everything out.
    pub fn int_shift(&mut self, left: bool) -> FuncId {
        let s = self.t.signed;
        let key = if left { "int_lshift" } else { "int_rshift" };
        self.helper(key, &[s, s], s, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let zero = b.int(0);
            let negative = b.int_op(LlOp::IntLt, y.clone(), zero.clone());
            b.if_then(rt, negative, |rt, b| {
                rt.raise_builtin(b, "ValueError", "negative shift count");
            });
            let wide = b.int(64);
            let out = b.int_op(LlOp::IntGe, y.clone(), wide);
            b.if_then(rt, out, |_, b| {
                if left {
                    let z = b.int(0);
                    b.ret(z);
                } else {
                    let sixty_three = b.int(63);
                    let v = b.int_op(LlOp::IntRshift, x.clone(), sixty_three);
                    b.ret(v);
                }
            });
            let op = if left {
                LlOp::IntLshift
            } else {
                LlOp::IntRshift
            };
            let v = b.int_op(op, x, y);
            b.ret(v);
        })
    }

    /// `x / y` on floats, raising `ZeroDivisionError`.
    pub fn float_truediv(&mut self) -> FuncId {
        let f = self.t.float;
        let boolean = self.t.bool;
        self.helper("float_truediv", &[f, f], f, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let zero = b.konst(ConstValue::Float(0f64.to_bits()), f);
            let by_zero = b.op(LlOp::FloatEq, vec![y.clone(), zero], boolean);
            b.if_then(rt, by_zero, |rt, b| {
                rt.raise_builtin(b, "ZeroDivisionError", "float division by zero");
            });
            let v = b.op(LlOp::FloatTrueDiv, vec![x, y], f);
            b.ret(v);
        })
    }

    /// `x << y` or `x >> y` on `Unsigned` (a `Signed` count): negative
    /// counts raise `ValueError`, counts of 64 or more give 0.
    pub fn uint_shift(&mut self, left: bool) -> FuncId {
        let (u, s) = (self.t.unsigned, self.t.signed);
        let key = if left { "uint_lshift" } else { "uint_rshift" };
        self.helper(key, &[u, s], u, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let zero = b.int(0);
            let negative = b.int_op(LlOp::IntLt, y.clone(), zero);
            b.if_then(rt, negative, |rt, b| {
                rt.raise_builtin(b, "ValueError", "negative shift count");
            });
            let wide = b.int(64);
            let out = b.int_op(LlOp::IntGe, y.clone(), wide);
            b.if_then(rt, out, |_, b| {
                let z = b.konst(ConstValue::Int(0), u);
                b.ret(z);
            });
            let op = if left {
                LlOp::UintLshift
            } else {
                LlOp::UintRshift
            };
            let v = b.op(op, vec![x, y], u);
            b.ret(v);
        })
    }

    /// `x // y` or `x % y` on `Unsigned`, raising `ZeroDivisionError`.
    pub fn uint_floordiv_mod(&mut self, modulo: bool) -> FuncId {
        let (u, boolean) = (self.t.unsigned, self.t.bool);
        let key = if modulo { "uint_mod" } else { "uint_floordiv" };
        self.helper(key, &[u, u], u, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let zero = b.konst(ConstValue::Int(0), u);
            let by_zero = b.op(LlOp::UintEq, vec![y.clone(), zero], boolean);
            b.if_then(rt, by_zero, |rt, b| {
                rt.raise_builtin(b, "ZeroDivisionError", "integer division or modulo by zero");
            });
            let op = if modulo {
                LlOp::UintMod
            } else {
                LlOp::UintFloorDiv
            };
            let v = b.op(op, vec![x, y], u);
            b.ret(v);
        })
    }

    /// `x ** y` on `Signed` with `y >= 0` (the annotator refuses an
    /// exponent that may be negative): by squaring, wrapping as every
    /// `Signed` operation does, or under `ovfcheck()` raising
    /// `OverflowError` when the result does not fit.
    pub fn int_pow(&mut self, checked: bool) -> FuncId {
        let (s, boolean) = (self.t.signed, self.t.bool);
        let key = if checked { "int_pow_ovf" } else { "int_pow" };
        self.helper(key, &[s, s], s, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let result = b.local(b.int(1));
            let base = b.local(x);
            let exp = b.local(y);
            let overflowed = b.local(b.bool(false));
            let mul = |b: &mut FnBuilder, p: Operand, q: Operand, ovf: Local| {
                if checked {
                    let o = b.op(LlOp::IntMulOverflows, vec![p.clone(), q.clone()], boolean);
                    let before = b.get(ovf);
                    let any = b.bool_or(before, o);
                    b.set(ovf, any);
                }
                b.int_op(LlOp::IntMul, p, q)
            };
            b.while_loop(
                rt,
                |_, b| {
                    let e = b.get(exp);
                    let zero = b.int(0);
                    b.int_op(LlOp::IntGt, e, zero)
                },
                |rt, b| {
                    let e = b.get(exp);
                    let one = b.int(1);
                    let odd = b.int_op(LlOp::IntAnd, e.clone(), one.clone());
                    let odd = b.op(LlOp::IntIsTrue, vec![odd], boolean);
                    b.if_then(rt, odd, |_, b| {
                        let (r, x) = (b.get(result), b.get(base));
                        let v = mul(b, r, x, overflowed);
                        b.set(result, v);
                    });
                    let rest = b.int_op(LlOp::IntRshift, e, one);
                    b.set(exp, rest.clone());
                    // Square only while more bits remain: the last square
                    // is not used, and may overflow when the result does not.
                    let zero = b.int(0);
                    let more = b.int_op(LlOp::IntGt, rest, zero);
                    b.if_then(rt, more, |_, b| {
                        let x = b.get(base);
                        let v = mul(b, x.clone(), x, overflowed);
                        b.set(base, v);
                    });
                },
            );
            if checked {
                let o = b.get(overflowed);
                b.if_then(rt, o, |rt, b| {
                    rt.raise_builtin(b, "OverflowError", "integer overflow")
                });
            }
            let r = b.get(result);
            b.ret(r);
        })
    }
}
