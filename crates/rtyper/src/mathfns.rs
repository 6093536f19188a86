//! The `math` module and float `//` and `%`, with CPython's results and
//! errors: the C library (through the external table) computes, these
//! helpers check domains (`ValueError: math domain error`) and give the
//! results Python defines where C differs (`%` takes the divisor's sign,
//! `//` rounds towards minus infinity, `floor` returns an int).

use frontend::host::Value;
use lltype::{FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOperand = flowgraph::Operand<Value>;

/// The one-argument functions of `math` the C library computes as CPython
/// does, with the external computing each and whether an infinite result
/// of a finite argument is an overflow (else a domain error), as in
/// CPython's `mathmodule.c`.
const LIBM_UNARY: &[(&str, &str, bool)] = &[
    ("exp", "rpy_exp", true),
    ("exp2", "rpy_exp2", true),
    ("expm1", "rpy_expm1", true),
    ("sinh", "rpy_sinh", true),
    ("cosh", "rpy_cosh", true),
    ("sqrt", "rpy_sqrt", false),
    ("sin", "rpy_sin", false),
    ("cos", "rpy_cos", false),
    ("tan", "rpy_tan", false),
    ("asin", "rpy_asin", false),
    ("acos", "rpy_acos", false),
    ("atan", "rpy_atan", false),
    ("tanh", "rpy_tanh", false),
    ("asinh", "rpy_asinh", false),
    ("acosh", "rpy_acosh", false),
    ("atanh", "rpy_atanh", false),
    ("log1p", "rpy_log1p", false),
    ("erf", "rpy_erf", false),
    ("erfc", "rpy_erfc", false),
    ("cbrt", "rpy_cbrt", false),
    ("log2", "rpy_log2", false),
];

impl Rtyper<'_, '_> {
    /// `math.copysign(x, y)`.
    fn float_copysign(&mut self) -> FuncId {
        self.external("rpy_copysign")
    }

    /// `x % y` (or `x // y`) on floats, as CPython's `float_divmod`.
    pub fn float_floordiv_mod(&mut self, modulo: bool) -> FuncId {
        let (f, boolean) = (self.t.float, self.t.bool);
        let fmod = self.external("rpy_fmod");
        let floor = self.external("rpy_floor");
        let copysign = self.float_copysign();
        let key = if modulo {
            "float_mod"
        } else {
            "float_floordiv"
        };
        self.helper(key, &[f, f], f, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let zero = rt.float_const(b, 0.0);
            let by_zero = b.op(LlOp::FloatEq, vec![y.clone(), zero.clone()], boolean);
            b.if_then(rt, by_zero, |rt, b| {
                let message = if modulo {
                    "float modulo by zero"
                } else {
                    "float floor division by zero"
                };
                rt.raise_builtin(b, "ZeroDivisionError", message);
            });
            let m = rt.call(b, fmod, vec![x.clone(), y.clone()]);
            let md = b.local(m.clone());
            let nonzero = b.op(LlOp::FloatNe, vec![m.clone(), zero.clone()], boolean);
            b.if_else(
                rt,
                nonzero,
                |rt, b| {
                    let yneg = b.op(LlOp::FloatLt, vec![y.clone(), zero.clone()], boolean);
                    let mneg = b.op(LlOp::FloatLt, vec![m.clone(), zero.clone()], boolean);
                    let s = rt.t.signed;
                    let a = b.op(LlOp::CastPrimitive, vec![yneg], s);
                    let c = b.op(LlOp::CastPrimitive, vec![mneg], s);
                    let differ = b.int_op(LlOp::IntNe, a, c);
                    b.if_then(rt, differ, |_, b| {
                        let v = b.op(LlOp::FloatAdd, vec![m.clone(), y.clone()], f);
                        b.set(md, v);
                    });
                },
                |rt, b| {
                    let v = rt.call(b, copysign, vec![zero.clone(), y.clone()]);
                    b.set(md, v);
                },
            );
            let md = b.get(md);
            if modulo {
                b.ret(md);
                return;
            }
            let diff = b.op(LlOp::FloatSub, vec![x.clone(), md], f);
            let div = b.op(LlOp::FloatTrueDiv, vec![diff, y.clone()], f);
            let out = b.local(div.clone());
            let nz = b.op(LlOp::FloatNe, vec![div.clone(), zero.clone()], boolean);
            b.if_else(
                rt,
                nz,
                |rt, b| {
                    let fl = rt.call(b, floor, vec![div.clone()]);
                    b.set(out, fl.clone());
                    let d = b.op(LlOp::FloatSub, vec![div.clone(), fl.clone()], f);
                    let half = rt.float_const(b, 0.5);
                    let up = b.op(LlOp::FloatGt, vec![d, half], boolean);
                    b.if_then(rt, up, |rt, b| {
                        let one = rt.float_const(b, 1.0);
                        let v = b.op(LlOp::FloatAdd, vec![fl.clone(), one], f);
                        b.set(out, v);
                    });
                },
                |rt, b| {
                    let q = b.op(LlOp::FloatTrueDiv, vec![x.clone(), y.clone()], f);
                    let v = rt.call(b, copysign, vec![zero.clone(), q]);
                    b.set(out, v);
                },
            );
            let v = b.get(out);
            b.ret(v);
        })
    }

    /// A one-argument libm function with a domain check: `bad(x)` raises
    /// `ValueError: math domain error`.
    fn math_unary(
        &mut self,
        ext: &'static str,
        bad: impl FnOnce(&mut Self, &mut FnBuilder, Operand) -> Option<Operand>,
    ) -> FuncId {
        let f = self.t.float;
        let e = self.external(ext);
        self.helper(&format!("math_{ext}"), &[f], f, |rt, b| {
            let x = b.param(0);
            if let Some(out) = bad(rt, b, x.clone()) {
                b.if_then(rt, out, |rt, b| {
                    rt.raise_builtin(b, "ValueError", "math domain error")
                });
            }
            let v = rt.call(b, e, vec![x]);
            b.ret(v);
        })
    }

    /// A one-argument function of the C library with CPython's checks
    /// (`math_1`): a NaN from a number is `ValueError: math domain error`;
    /// an infinity from a finite number is `OverflowError: math range
    /// error` where the function can overflow (`exp`), else a domain error
    /// (`log1p(-1)`).
    fn math_libm_unary(&mut self, ext: &'static str, can_overflow: bool) -> FuncId {
        let (f, boolean) = (self.t.float, self.t.bool);
        let e = self.external(ext);
        self.helper(&format!("math_{ext}"), &[f], f, |rt, b| {
            let x = b.param(0);
            let r = rt.call(b, e, vec![x.clone()]);
            let r_nan = b.op(LlOp::FloatNe, vec![r.clone(), r.clone()], boolean);
            let x_number = b.op(LlOp::FloatEq, vec![x.clone(), x.clone()], boolean);
            let domain = b.bool_and(r_nan, x_number);
            b.if_then(rt, domain, |rt, b| {
                rt.raise_builtin(b, "ValueError", "math domain error")
            });
            let r_inf = rt.float_is_inf(b, r.clone());
            let x_finite = rt.float_is_finite(b, x.clone());
            let blew_up = b.bool_and(r_inf, x_finite);
            b.if_then(rt, blew_up, |rt, b| {
                if can_overflow {
                    rt.raise_builtin(b, "OverflowError", "math range error")
                } else {
                    rt.raise_builtin(b, "ValueError", "math domain error")
                }
            });
            b.ret(r);
        })
    }

    /// Whether a float is finite (`x - x` is 0 only then).
    pub(crate) fn float_is_finite(&mut self, b: &mut FnBuilder, x: Operand) -> Operand {
        let (f, boolean) = (self.t.float, self.t.bool);
        let d = b.op(LlOp::FloatSub, vec![x.clone(), x], f);
        let zero = self.float_const(b, 0.0);
        b.op(LlOp::FloatEq, vec![d, zero], boolean)
    }

    /// Whether a float is an infinity.
    pub(crate) fn float_is_inf(&mut self, b: &mut FnBuilder, x: Operand) -> Operand {
        let boolean = self.t.bool;
        let number = b.op(LlOp::FloatEq, vec![x.clone(), x.clone()], boolean);
        let finite = self.float_is_finite(b, x);
        let infinite = b.op(LlOp::BoolNot, vec![finite], boolean);
        b.bool_and(number, infinite)
    }

    /// `math.pow(x, y)`: C `pow`, with CPython's errors for finite
    /// arguments: a NaN is a domain error, an infinity a domain error for
    /// `0 ** negative` and a range error otherwise.
    fn math_pow(&mut self) -> FuncId {
        let (f, boolean) = (self.t.float, self.t.bool);
        let pow = self.external("rpy_pow");
        self.helper("math_pow", &[f, f], f, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let r = rt.call(b, pow, vec![x.clone(), y.clone()]);
            let xf = rt.float_is_finite(b, x.clone());
            let yf = rt.float_is_finite(b, y.clone());
            let finite_args = b.bool_and(xf, yf);
            b.if_then(rt, finite_args, |rt, b| {
                let r_nan = b.op(LlOp::FloatNe, vec![r.clone(), r.clone()], boolean);
                b.if_then(rt, r_nan, |rt, b| {
                    rt.raise_builtin(b, "ValueError", "math domain error")
                });
                let r_inf = rt.float_is_inf(b, r.clone());
                b.if_then(rt, r_inf, |rt, b| {
                    let zero = rt.float_const(b, 0.0);
                    let x_zero = b.op(LlOp::FloatEq, vec![x.clone(), zero], boolean);
                    b.if_then(rt, x_zero, |rt, b| {
                        rt.raise_builtin(b, "ValueError", "math domain error")
                    });
                    rt.raise_builtin(b, "OverflowError", "math range error")
                });
            });
            b.ret(r);
        })
    }

    /// `math.fmod(x, y)`: `x` itself for an infinite `y`, a domain error
    /// for a NaN from numbers (`fmod(x, 0)`, `fmod(inf, y)`).
    fn math_fmod(&mut self) -> FuncId {
        let (f, boolean) = (self.t.float, self.t.bool);
        let fmod = self.external("rpy_fmod");
        self.helper("math_fmod", &[f, f], f, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let y_inf = rt.float_is_inf(b, y.clone());
            let x_finite = rt.float_is_finite(b, x.clone());
            let keep = b.bool_and(y_inf, x_finite);
            b.if_then(rt, keep, |_, b| b.ret(x.clone()));
            let r = rt.call(b, fmod, vec![x.clone(), y.clone()]);
            let r_nan = b.op(LlOp::FloatNe, vec![r.clone(), r.clone()], boolean);
            let xn = b.op(LlOp::FloatEq, vec![x.clone(), x.clone()], boolean);
            let yn = b.op(LlOp::FloatEq, vec![y.clone(), y.clone()], boolean);
            let numbers = b.bool_and(xn, yn);
            let domain = b.bool_and(r_nan, numbers);
            b.if_then(rt, domain, |rt, b| {
                rt.raise_builtin(b, "ValueError", "math domain error")
            });
            b.ret(r);
        })
    }

    /// `x ** y` on floats, as CPython's `float_pow`: `ZeroDivisionError`
    /// for `0.0 ** negative`, `OverflowError` for a result too large. A
    /// negative number to a fractional power is a complex number in
    /// CPython, which RPython has not: `ValueError` (as `rpy run`).
    pub fn float_pow(&mut self) -> FuncId {
        let (f, boolean) = (self.t.float, self.t.bool);
        let pow = self.external("rpy_pow");
        let floor = self.external("rpy_floor");
        self.helper("float_pow", &[f, f], f, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let zero = rt.float_const(b, 0.0);
            let x_zero = b.op(LlOp::FloatEq, vec![x.clone(), zero.clone()], boolean);
            let y_neg = b.op(LlOp::FloatLt, vec![y.clone(), zero.clone()], boolean);
            let yf = rt.float_is_finite(b, y.clone());
            let y_neg = b.bool_and(y_neg, yf.clone());
            let by_zero = b.bool_and(x_zero, y_neg);
            b.if_then(rt, by_zero, |rt, b| {
                rt.raise_builtin(
                    b,
                    "ZeroDivisionError",
                    "0.0 cannot be raised to a negative power",
                )
            });
            let x_neg = b.op(LlOp::FloatLt, vec![x.clone(), zero.clone()], boolean);
            let xf = rt.float_is_finite(b, x.clone());
            let x_neg = b.bool_and(x_neg, xf);
            let fl = rt.call(b, floor, vec![y.clone()]);
            let fractional = b.op(LlOp::FloatNe, vec![fl, y.clone()], boolean);
            let frac = b.bool_and(yf.clone(), fractional);
            let complex = b.bool_and(x_neg, frac);
            b.if_then(rt, complex, |rt, b| {
                rt.raise_builtin(
                    b,
                    "ValueError",
                    "math domain error: negative number raised to a fractional power",
                )
            });
            let r = rt.call(b, pow, vec![x.clone(), y.clone()]);
            let r_inf = rt.float_is_inf(b, r.clone());
            let xf = rt.float_is_finite(b, x.clone());
            let finite_args = b.bool_and(xf, yf);
            let overflow = b.bool_and(r_inf, finite_args);
            b.if_then(rt, overflow, |rt, b| {
                rt.raise_builtin(b, "OverflowError", "(34, 'Numerical result out of range')")
            });
            b.ret(r);
        })
    }

    /// `math.floor`/`math.ceil`/`math.trunc` to an int (`ValueError` for
    /// a NaN, `OverflowError` for an infinity or beyond a word).
    pub(crate) fn math_to_int(&mut self, which: &'static str) -> FuncId {
        let (f, s, boolean) = (self.t.float, self.t.signed, self.t.bool);
        let e = match which {
            "floor" => Some(self.external("rpy_floor")),
            "ceil" => Some(self.external("rpy_ceil")),
            _ => None,
        };
        self.helper(&format!("math_{which}_int"), &[f], s, |rt, b| {
            let x = b.param(0);
            let nan = b.op(LlOp::FloatNe, vec![x.clone(), x.clone()], boolean);
            b.if_then(rt, nan, |rt, b| {
                rt.raise_builtin(b, "ValueError", "cannot convert float NaN to integer")
            });
            let v = match e {
                Some(e) => rt.call(b, e, vec![x]),
                None => x,
            };
            let lo = rt.float_const(b, -9.223372036854775808e18);
            let hi = rt.float_const(b, 9.223372036854775808e18);
            let below = b.op(LlOp::FloatLt, vec![v.clone(), lo], boolean);
            let above = b.op(LlOp::FloatGe, vec![v.clone(), hi], boolean);
            let out = b.bool_or(below, above);
            b.if_then(rt, out, |rt, b| {
                rt.raise_builtin(
                    b,
                    "OverflowError",
                    "cannot convert float infinity to integer",
                )
            });
            let i = b.op(LlOp::CastFloatToInt, vec![v], s);
            b.ret(i);
        })
    }

    /// `math.name(args)`, if it is one of those done here.
    pub fn math_builtin(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Option<Operand>, RtypeError> {
        let Some(short) = name.strip_prefix("math.") else {
            return Ok(None);
        };
        let mut values = Vec::new();
        for a in args {
            values.push(self.operand_as(cx, a, &Repr::Float)?);
        }
        let (f, boolean) = (self.t.float, self.t.bool);
        let libm = LIBM_UNARY.iter().find(|(name, _, _)| *name == short);
        let (v, natural) = match (short, values.len()) {
            (_, 1) if libm.is_some() => {
                let &(_, ext, can_overflow) = libm.expect("checked");
                let h = self.math_libm_unary(ext, can_overflow);
                (self.call_raising(cx, h, values), Repr::Float)
            }
            ("hypot", 2) => {
                let h = self.rpython_helper("hypot");
                (self.call_in(cx, h, values), Repr::Float)
            }
            ("gamma" | "lgamma" | "hypot" | "dist" | "fsum", _) => {
                return Err(cx.error(format!(
                    "not supported yet by the translator: math.{short} (CPython computes it with an algorithm of its own, whose last digits the C library's does not match)"
                )))
            }
            ("log" | "log10", 1) => {
                let ext = if short == "log" {
                    "rpy_log"
                } else {
                    "rpy_log10"
                };
                let h = self.math_unary(ext, |rt, b, x| {
                    let z = rt.float_const(b, 0.0);
                    Some(b.op(LlOp::FloatLe, vec![x, z], boolean))
                });
                (self.call_raising(cx, h, values), Repr::Float)
            }
            ("atan2", 2) => {
                let e = self.external("rpy_atan2");
                (self.call_in(cx, e, values), Repr::Float)
            }
            ("pow", 2) => {
                let h = self.math_pow();
                (self.call_raising(cx, h, values), Repr::Float)
            }
            ("fmod", 2) => {
                let h = self.math_fmod();
                (self.call_raising(cx, h, values), Repr::Float)
            }
            ("radians" | "degrees", 1) => {
                let k = if short == "radians" {
                    std::f64::consts::PI / 180.0
                } else {
                    180.0 / std::f64::consts::PI
                };
                let c = Operand::Const(lltype::Constant::new(
                    lltype::ConstValue::Float(k.to_bits()),
                    f,
                ));
                (
                    cx.emit(LlOp::FloatMul, vec![values[0].clone(), c], f),
                    Repr::Float,
                )
            }
            ("modf" | "frexp", 1) => {
                let Repr::Tuple(items) = result else {
                    return Err(cx.error("internal: modf() without a tuple representation"));
                };
                let items = items.clone();
                let h = if short == "modf" {
                    self.math_modf()
                } else {
                    self.math_frexp()
                };
                let ty = self.lltype(result);
                let t = self.call_in(cx, h, values);
                let _ = (items, ty);
                return Ok(Some(t));
            }
            ("ldexp", 2) => {
                let e = self.convert(cx, values[1].clone(), &Repr::Float, &Repr::Float)?;
                let _ = e;
                let i = self.operand_as(cx, &args[1], &Repr::Int)?;
                let h = self.math_ldexp();
                (self.call_in(cx, h, vec![values[0].clone(), i]), Repr::Float)
            }
            ("fabs", 1) => (cx.emit(LlOp::FloatAbs, values, f), Repr::Float),
            ("copysign", 2) => {
                let h = self.float_copysign();
                (self.call_in(cx, h, values), Repr::Float)
            }
            ("floor" | "ceil" | "trunc", 1) => {
                let which = match short {
                    "floor" => "floor",
                    "ceil" => "ceil",
                    _ => "trunc",
                };
                let h = self.math_to_int(which);
                (self.call_raising(cx, h, values), Repr::Int)
            }
            ("isnan", 1) => {
                let x = values[0].clone();
                (
                    cx.emit(LlOp::FloatNe, vec![x.clone(), x], boolean),
                    Repr::Bool,
                )
            }
            ("isinf" | "isfinite", 1) => {
                let x = values[0].clone();
                let d = cx.emit(LlOp::FloatSub, vec![x.clone(), x.clone()], f);
                let zero = Operand::Const(lltype::Constant::new(
                    lltype::ConstValue::Float(0f64.to_bits()),
                    f,
                ));
                let finite = cx.emit(LlOp::FloatEq, vec![d, zero], boolean);
                if short == "isfinite" {
                    (finite, Repr::Bool)
                } else {
                    let nan = cx.emit(LlOp::FloatNe, vec![x.clone(), x], boolean);
                    let s = self.t.signed;
                    let a = cx.emit(LlOp::CastPrimitive, vec![finite], s);
                    let n = cx.emit(LlOp::CastPrimitive, vec![nan], s);
                    let either = cx.emit(LlOp::IntOr, vec![a, n], s);
                    let not_inf = cx.emit(LlOp::IntIsTrue, vec![either], boolean);
                    (cx.emit(LlOp::BoolNot, vec![not_inf], boolean), Repr::Bool)
                }
            }
            _ => return Ok(None),
        };
        self.convert(cx, v, &natural, result).map(Some)
    }

    /// The representation of `frexp`'s result.
    fn frexp_repr() -> Repr {
        Repr::Tuple(vec![Repr::Float, Repr::Int])
    }

    /// `math.frexp(x)` as a tuple `(mantissa, exponent)`.
    fn math_frexp_parts(&mut self) -> FuncId {
        let (f, boolean, s) = (self.t.float, self.t.bool, self.t.signed);
        let ty = self.lltype(&Self::frexp_repr());
        self.helper("math_frexp", &[f], ty, |rt, b| {
            let x = b.param(0);
            let t = b.op(LlOp::Malloc, Vec::new(), ty);
            b.setfield(t.clone(), "item0", x.clone());
            let zero = b.int(0);
            b.setfield(t.clone(), "item1", zero.clone());
            let z = rt.float_const(b, 0.0);
            let is_zero = b.op(LlOp::FloatEq, vec![x.clone(), z], boolean);
            let d = b.op(LlOp::FloatSub, vec![x.clone(), x.clone()], f);
            let z = rt.float_const(b, 0.0);
            let odd = b.op(LlOp::FloatNe, vec![d, z], boolean);
            let special = b.bool_or(is_zero, odd);
            b.if_then(rt, special, |_, b| b.ret(t.clone()));
            let m = b.local(x.clone());
            let e = b.local(zero);
            let step = |b: &mut FnBuilder, rt: &mut Self, grow: bool| {
                let (lim, k, de) = if grow { (0.5, 2.0, -1) } else { (1.0, 0.5, 1) };
                b.while_loop(
                    rt,
                    |rt, b| {
                        let mv = b.get(m);
                        let a = b.op(LlOp::FloatAbs, vec![mv], f);
                        let l = rt.float_const(b, lim);
                        if grow {
                            b.op(LlOp::FloatLt, vec![a, l], boolean)
                        } else {
                            b.op(LlOp::FloatGe, vec![a, l], boolean)
                        }
                    },
                    |rt, b| {
                        let mv = b.get(m);
                        let kk = rt.float_const(b, k);
                        let v = b.op(LlOp::FloatMul, vec![mv, kk], f);
                        b.set(m, v);
                        let ev = b.get(e);
                        let dd = b.int(de);
                        let v = b.int_op(LlOp::IntAdd, ev, dd);
                        b.set(e, v);
                    },
                );
            };
            step(b, rt, false);
            step(b, rt, true);
            let (mv, ev) = (b.get(m), b.get(e));
            let _ = s;
            b.setfield(t.clone(), "item0", mv);
            b.setfield(t.clone(), "item1", ev);
            b.ret(t);
        })
    }

    /// `math.frexp(x)`.
    fn math_frexp(&mut self) -> FuncId {
        self.math_frexp_parts()
    }

    /// `math.modf(x)`: `(fraction, whole)`, both with the sign of `x`.
    fn math_modf(&mut self) -> FuncId {
        let (f, s) = (self.t.float, self.t.signed);
        let ty = self.lltype(&Repr::Tuple(vec![Repr::Float, Repr::Float]));
        let to_int = self.math_to_int("trunc");
        let copysign = self.float_copysign();
        let _ = s;
        self.helper("math_modf", &[f], ty, |rt, b| {
            let x = b.param(0);
            let i = rt.call(b, to_int, vec![x.clone()]);
            let whole = b.op(LlOp::CastIntToFloat, vec![i], f);
            let whole = rt.call(b, copysign, vec![whole, x.clone()]);
            let frac = b.op(LlOp::FloatSub, vec![x.clone(), whole.clone()], f);
            let frac = rt.call(b, copysign, vec![frac, x]);
            let t = b.op(LlOp::Malloc, Vec::new(), ty);
            b.setfield(t.clone(), "item0", frac);
            b.setfield(t.clone(), "item1", whole);
            b.ret(t);
        })
    }

    /// `math.ldexp(m, e)`: `m * 2**e`, by exact halvings and doublings.
    fn math_ldexp(&mut self) -> FuncId {
        let (f, s) = (self.t.float, self.t.signed);
        self.helper("math_ldexp", &[f, s], f, |rt, b| {
            let (x, e) = (b.param(0), b.param(1));
            let v = b.local(x);
            let k = b.local(e);
            for up in [true, false] {
                b.while_loop(
                    rt,
                    |_, b| {
                        let kv = b.get(k);
                        let z = b.int(0);
                        b.int_op(if up { LlOp::IntGt } else { LlOp::IntLt }, kv, z)
                    },
                    |rt, b| {
                        let vv = b.get(v);
                        let m = rt.float_const(b, if up { 2.0 } else { 0.5 });
                        let n = b.op(LlOp::FloatMul, vec![vv, m], f);
                        b.set(v, n);
                        let kv = b.get(k);
                        let one = b.int(if up { -1 } else { 1 });
                        let kn = b.int_op(LlOp::IntAdd, kv, one);
                        b.set(k, kn);
                    },
                );
            }
            let r = b.get(v);
            b.ret(r);
        })
    }
}
