//! Hashing and equality of dict keys (see `dicts.rs` for why hashes only
//! need to agree with equality): ints hash to themselves, strs cache a
//! hash computed once, floats mix their integral and fractional parts,
//! tuples combine their items', classes use their
//! static vtable's address, and instances a number handed out from a
//! global counter the first time they are hashed.

use lltype::{ConstValue, Field, FuncId, Global, Init, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;
use crate::repr::Repr;

/// The hash of a prebuilt str, as the run-time helper computes it.
pub fn str_hash_value(text: &str) -> i64 {
    let points: Vec<u64> = text.chars().map(|c| c as u64).collect();
    let mut x: u64 = match points.first() {
        Some(c) => c << 7,
        None => 0,
    };
    for c in &points {
        x = x.wrapping_mul(1_000_003) ^ c;
    }
    x ^= points.len() as u64;
    if x == 0 {
        1
    } else {
        x as i64
    }
}

impl Rtyper<'_, '_> {
    /// The hash of a key, as a `Signed`.
    pub fn key_hash(&mut self, b: &mut FnBuilder, r: &Repr, k: Operand) -> Operand {
        let (s, u) = (self.t.signed, self.t.unsigned);
        match r {
            Repr::Int => k,
            Repr::Bool | Repr::Uint | Repr::UniChar | Repr::Char => {
                b.op(LlOp::CastPrimitive, vec![k], s)
            }
            Repr::Void => b.int(0),
            Repr::Float => {
                let f = self.float_hash();
                self.call(b, f, vec![k])
            }
            Repr::Str => {
                let f = self.str_hash();
                self.call(b, f, vec![k])
            }
            Repr::Instance(_) => {
                let obj = b.op(LlOp::CastPointer, vec![k], self.t.object_ptr);
                let f = self.instance_hash();
                self.call(b, f, vec![obj])
            }
            Repr::Class => {
                let a = b.op(LlOp::CastPtrToAdr, vec![k], self.t.address);
                b.op(LlOp::CastAdrToInt, vec![a], s)
            }
            Repr::Tuple(items) => {
                // CPython's tuple hash before 3.8, on unsigned words.
                let uk = |b: &mut FnBuilder, x: i64| b.konst(ConstValue::Int(x.into()), u);
                let mut x = uk(b, 0x345678);
                let mut mult = uk(b, 1_000_003);
                let step = uk(b, 82520 + 2 * items.len() as i64);
                for (i, item) in items.iter().enumerate() {
                    let ty = self.lltype(item);
                    let v = if self.is_void(ty) {
                        b.konst(ConstValue::Void, ty)
                    } else {
                        b.getfield(k.clone(), &format!("item{i}"), ty)
                    };
                    let h = self.key_hash(b, item, v);
                    let h = b.op(LlOp::CastPrimitive, vec![h], u);
                    let mixed = b.op(LlOp::UintXor, vec![x, h], u);
                    x = b.op(LlOp::UintMul, vec![mixed, mult.clone()], u);
                    mult = b.op(LlOp::UintAdd, vec![mult, step.clone()], u);
                }
                let tail = uk(b, 97531);
                let x = b.op(LlOp::UintAdd, vec![x, tail], u);
                b.op(LlOp::CastPrimitive, vec![x], s)
            }
            _ => unreachable!("hashable keys only"),
        }
    }

    /// `x == y` for two keys of one representation.
    pub fn key_eq(&mut self, b: &mut FnBuilder, r: &Repr, x: Operand, y: Operand) -> Operand {
        let boolean = self.t.bool;
        match r {
            Repr::Void => b.bool(true),
            Repr::Class => b.op(LlOp::PtrEq, vec![x, y], boolean),
            Repr::Tuple(items) => {
                let mut all = b.bool(true);
                for (i, item) in items.iter().enumerate() {
                    let ty = self.lltype(item);
                    if self.is_void(ty) {
                        continue;
                    }
                    let name = format!("item{i}");
                    let a = b.getfield(x.clone(), &name, ty);
                    let c = b.getfield(y.clone(), &name, ty);
                    let eq = self.key_eq(b, item, a, c);
                    all = b.bool_and(all, eq);
                }
                all
            }
            _ => self.item_eq(b, r, x, y),
        }
    }

    /// The function computing `hash(x)` for values of representation `r`
    /// as CPython does (bools as ints, a one-character str as a str), or
    /// `None` where that is not supported yet. A str's hash is the one
    /// its dicts use: CPython's differs in every run anyway.
    pub fn hash_function(&mut self, r: &Repr) -> Option<FuncId> {
        Some(match r {
            Repr::Int | Repr::Bool => self.rpython_helper("int_hash"),
            Repr::Float => self.rpython_helper("float_hash"),
            Repr::Str | Repr::UniChar => self.str_hash(),
            Repr::Tuple(items) => {
                let items = items.clone();
                let mut lanes = Vec::new();
                for item in &items {
                    lanes.push(match item {
                        Repr::Void => None,
                        Repr::UniChar => Some(self.str_hash()),
                        other => Some(self.hash_function(other)?),
                    });
                }
                let ty = self.lltype(r);
                let key = format!("tuple_hash_{}", ty.as_u32());
                let (s, u) = (self.t.signed, self.t.unsigned);
                let to_str = self.char_to_str();
                self.helper(&key, &[ty], s, |rt, b| {
                    // CPython's tuplehash (xxHash's round over the items'
                    // hashes).
                    let t = b.param(0);
                    let uconst = |b: &mut FnBuilder, v: u64| b.konst(ConstValue::Int(v.into()), u);
                    let (p1, p2, p5) = (
                        11400714785074694791u64,
                        14029467366897019727u64,
                        2870177450012600261u64,
                    );
                    let start = uconst(b, p5);
                    let acc = b.local(start);
                    for (i, (item, lane)) in items.iter().zip(&lanes).enumerate() {
                        let h = match lane {
                            // None: CPython 3.11 hashes it by identity.
                            None => b.int(0),
                            Some(f) => {
                                let item_ty = rt.lltype(item);
                                let mut v = b.getfield(t.clone(), &format!("item{i}"), item_ty);
                                if *item == Repr::UniChar {
                                    v = rt.call(b, to_str, vec![v]);
                                } else if *item == Repr::Bool {
                                    v = b.op(LlOp::CastPrimitive, vec![v], s);
                                }
                                rt.call(b, *f, vec![v])
                            }
                        };
                        let lane = b.op(LlOp::CastPrimitive, vec![h], u);
                        let k2 = uconst(b, p2);
                        let m = b.op(LlOp::UintMul, vec![lane, k2], u);
                        let a = b.get(acc);
                        let a = b.op(LlOp::UintAdd, vec![a, m], u);
                        let (l31, r33) = (b.int(31), b.int(33));
                        let hi = b.op(LlOp::UintLshift, vec![a.clone(), l31], u);
                        let lo = b.op(LlOp::UintRshift, vec![a, r33], u);
                        let a = b.op(LlOp::UintOr, vec![hi, lo], u);
                        let k1 = uconst(b, p1);
                        let a = b.op(LlOp::UintMul, vec![a, k1], u);
                        b.set(acc, a);
                    }
                    let len = uconst(b, items.len() as u64 ^ (p5 ^ 3527539));
                    let a = b.get(acc);
                    let a = b.op(LlOp::UintAdd, vec![a, len], u);
                    let h = b.op(LlOp::CastPrimitive, vec![a], s);
                    let minus_one = b.int(-1);
                    let bad = b.int_op(LlOp::IntEq, h.clone(), minus_one);
                    b.if_then(rt, bad, |_, b| {
                        let v = b.int(1546275796);
                        b.ret(v);
                    });
                    b.ret(h);
                })
            }
            _ => return None,
        })
    }

    /// `hash(s)` for a str, cached in the str (null hashes to 0).
    pub fn str_hash(&mut self) -> FuncId {
        let (sp, s, u, boolean) = (self.t.str_ptr, self.t.signed, self.t.unsigned, self.t.bool);
        self.helper("str_hash", &[sp], s, |rt, b| {
            let p = b.param(0);
            let null = b.op(LlOp::PtrIsZero, vec![p.clone()], boolean);
            b.if_then(rt, null, |_, b| {
                let zero = b.int(0);
                b.ret(zero);
            });
            let cached = b.getfield(p.clone(), "hash", s);
            let zero = b.int(0);
            let known = b.int_op(LlOp::IntNe, cached.clone(), zero.clone());
            b.if_then(rt, known, |_, b| b.ret(cached));
            let n = rt.str_len(b, p.clone());
            let x = b.local(b.konst(ConstValue::Int(0), u));
            let empty = b.int_op(LlOp::IntEq, n.clone(), zero.clone());
            let not_empty = b.op(LlOp::BoolNot, vec![empty], boolean);
            b.if_then(rt, not_empty, |rt, b| {
                let zero = b.int(0);
                let c = rt.str_get(b, p.clone(), zero);
                let c = b.op(LlOp::CastPrimitive, vec![c], u);
                let seven = b.int(7);
                let v = b.op(LlOp::UintLshift, vec![c, seven], u);
                b.set(x, v);
            });
            b.for_range(rt, zero, n.clone(), |rt, b, i| {
                let c = rt.str_get(b, p.clone(), i);
                let c = b.op(LlOp::CastPrimitive, vec![c], u);
                let m = b.konst(ConstValue::Int(1_000_003), u);
                let xv = b.get(x);
                let v = b.op(LlOp::UintMul, vec![xv, m], u);
                let v = b.op(LlOp::UintXor, vec![v, c], u);
                b.set(x, v);
            });
            let un = b.op(LlOp::CastPrimitive, vec![n], u);
            let xv = b.get(x);
            let v = b.op(LlOp::UintXor, vec![xv, un], u);
            let h = b.op(LlOp::CastPrimitive, vec![v], s);
            let result = b.local(h.clone());
            let zero = b.int(0);
            let is_zero = b.int_op(LlOp::IntEq, h, zero);
            b.if_then(rt, is_zero, |_, b| {
                let one = b.int(1);
                b.set(result, one);
            });
            let h = b.get(result);
            b.setfield(p, "hash", h.clone());
            b.ret(h);
        })
    }

    /// The identity hash of an object (null hashes to 0): a number from a
    /// global counter, stored in the object when first asked for.
    pub fn instance_hash(&mut self) -> FuncId {
        let (op, s, boolean) = (self.t.object_ptr, self.t.signed, self.t.bool);
        let counter = self.hash_counter();
        self.helper("instance_hash", &[op], s, |rt, b| {
            let p = b.param(0);
            let null = b.op(LlOp::PtrIsZero, vec![p.clone()], boolean);
            b.if_then(rt, null, |_, b| {
                let zero = b.int(0);
                b.ret(zero);
            });
            let h = b.getfield(p.clone(), "rpy_hash", s);
            let zero = b.int(0);
            let known = b.int_op(LlOp::IntNe, h.clone(), zero);
            b.if_then(rt, known, |_, b| b.ret(h));
            let last = b.getfield(counter.clone(), "last", s);
            let one = b.int(1);
            let next = b.int_op(LlOp::IntAdd, last, one);
            b.setfield(counter, "last", next.clone());
            b.setfield(p, "rpy_hash", next.clone());
            b.ret(next);
        })
    }

    /// The global counter of identity hashes handed out.
    pub(crate) fn hash_counter(&mut self) -> Operand {
        let ty = match self.m.types.struct_named("rpy_hash_counter") {
            Some(t) => t,
            None => {
                let t = self
                    .m
                    .types
                    .declare_struct("rpy_hash_counter", false)
                    .expect("fresh");
                let field = Field {
                    name: "last".into(),
                    ty: self.t.signed,
                };
                self.m.types.define_struct(t, vec![field]).expect("a field");
                t
            }
        };
        let ptr = self.m.types.ptr(ty).expect("a struct");
        let g = match self.m.global_named("rpy_hash_counter") {
            Some(g) => g,
            None => self
                .m
                .add_global(Global {
                    name: "rpy_hash_counter".into(),
                    ty,
                    init: Init::Zero,
                    immutable: false,
                })
                .expect("a fresh name"),
        };
        Operand::Const(lltype::Constant::new(ConstValue::Global(g), ptr))
    }

    /// `hash(x)` for a float, equal for equal floats (`-0.0` and `0.0`
    /// included): the integral part mixed with the fractional part's
    /// first 31 bits. NaNs, infinities and magnitudes beyond a word
    /// (where converting to an int is undefined in C) hash to 0.
    pub fn float_hash(&mut self) -> FuncId {
        let (f, s, boolean) = (self.t.float, self.t.signed, self.t.bool);
        self.helper("float_hash", &[f], s, |rt, b| {
            let x = b.param(0);
            let not_nan = b.op(LlOp::FloatEq, vec![x.clone(), x.clone()], boolean);
            let magnitude = b.op(LlOp::FloatAbs, vec![x.clone()], f);
            let limit = b.konst(ConstValue::Float(9.0e18f64.to_bits()), f);
            let small = b.op(LlOp::FloatLt, vec![magnitude, limit], boolean);
            let ok = b.bool_and(not_nan, small);
            let bad = b.op(LlOp::BoolNot, vec![ok], boolean);
            b.if_then(rt, bad, |_, b| {
                let zero = b.int(0);
                b.ret(zero);
            });
            let whole = b.op(LlOp::CastFloatToInt, vec![x.clone()], s);
            let back = b.op(LlOp::CastIntToFloat, vec![whole.clone()], f);
            let frac = b.op(LlOp::FloatSub, vec![x, back], f);
            let scale = b.konst(ConstValue::Float(2147483648.0f64.to_bits()), f);
            let bits = b.op(LlOp::FloatMul, vec![frac, scale], f);
            let bits = b.op(LlOp::CastFloatToInt, vec![bits], s);
            let h = b.int_op(LlOp::IntXor, whole, bits);
            b.ret(h);
        })
    }
}
