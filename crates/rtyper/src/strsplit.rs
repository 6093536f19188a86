//! Splitting, joining and stripping strs: `split`/`rsplit` (on
//! whitespace or a separator, with `maxsplit`), `join` (of strs, of
//! characters, of bytes) and `strip`/`lstrip`/`rstrip`, with CPython's
//! results, empty pieces included.

use lltype::{FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;
use crate::repr::Repr;

impl Rtyper<'_, '_> {
    /// The representation of the lists the helpers here build.
    pub fn str_list_repr() -> Repr {
        Repr::List(Box::new(Repr::Str))
    }

    /// `s.split()` / `s.rsplit()` on whitespace, at most `maxsplit`
    /// times (negative: no limit).
    pub(crate) fn str_split_ws(&mut self, reverse: bool) -> FuncId {
        let lr = Self::str_list_repr();
        let (sp, s, lt) = (self.t.str_ptr, self.t.signed, self.lltype(&lr));
        let append = self.list_append(&lr);
        let reverse_list = self.list_reverse(&lr);
        let slice = self.str_slice();
        let space = self.char_isspace();
        let key = if reverse {
            "str_rsplit_ws"
        } else {
            "str_split_ws"
        };
        self.helper(key, &[sp, s], lt, |rt, b| {
            let (x, maxsplit) = (b.param(0), b.param(1));
            let n = rt.str_len(b, x.clone());
            let zero = b.int(0);
            let out = rt.list_alloc(b, &lr, zero.clone());
            let is_space = |rt: &mut Self, b: &mut FnBuilder, i: Operand| {
                let c = rt.str_get(b, x.clone(), i);
                let code = rt.code(b, c);
                rt.call(b, space, vec![code])
            };
            let count = b.local(zero.clone());
            // `i` is the scanning position: from the left, the start of
            // what is left; from the right, its end.
            let i = b.local(if reverse { n.clone() } else { zero.clone() });
            let finish = |rt: &mut Self, b: &mut FnBuilder| {
                if reverse {
                    rt.call(b, reverse_list, vec![out.clone()]);
                }
                b.ret(out.clone());
            };
            b.while_loop(
                rt,
                |_, b| b.bool(true),
                |rt, b| {
                    // Skip whitespace.
                    b.while_loop(
                        rt,
                        |rt, b| {
                            let iv = b.get(i);
                            if reverse {
                                let z = b.int(0);
                                let more = b.int_op(LlOp::IntGt, iv.clone(), z);
                                rt.and_then(b, more, |rt, b| {
                                    let one = b.int(1);
                                    let p = b.int_op(LlOp::IntSub, iv, one);
                                    is_space(rt, b, p)
                                })
                            } else {
                                let more = b.int_op(LlOp::IntLt, iv.clone(), n.clone());
                                rt.and_then(b, more, |rt, b| is_space(rt, b, iv))
                            }
                        },
                        |_, b| {
                            let iv = b.get(i);
                            let one = b.int(1);
                            let op = if reverse { LlOp::IntSub } else { LlOp::IntAdd };
                            let next = b.int_op(op, iv, one);
                            b.set(i, next);
                        },
                    );
                    let iv = b.get(i);
                    let done = if reverse {
                        let z = b.int(0);
                        b.int_op(LlOp::IntLe, iv.clone(), z)
                    } else {
                        b.int_op(LlOp::IntGe, iv.clone(), n.clone())
                    };
                    b.if_then(rt, done, |rt, b| finish(rt, b));
                    let c = b.get(count);
                    let z = b.int(0);
                    let limited = b.int_op(LlOp::IntGe, maxsplit.clone(), z);
                    let reached = b.int_op(LlOp::IntGe, c, maxsplit.clone());
                    let last = b.bool_and(limited, reached);
                    b.if_then(rt, last, |rt, b| {
                        // The rest, as it is (CPython keeps the whitespace
                        // at its other end).
                        let piece = if reverse {
                            let z = b.int(0);
                            rt.call(b, slice, vec![x.clone(), z, iv.clone()])
                        } else {
                            rt.call(b, slice, vec![x.clone(), iv.clone(), n.clone()])
                        };
                        rt.call(b, append, vec![out.clone(), piece]);
                        finish(rt, b);
                    });
                    // One word.
                    let j = b.local(iv.clone());
                    b.while_loop(
                        rt,
                        |rt, b| {
                            let jv = b.get(j);
                            let (more, at) = if reverse {
                                let z = b.int(0);
                                let more = b.int_op(LlOp::IntGt, jv.clone(), z);
                                (more, None)
                            } else {
                                let more = b.int_op(LlOp::IntLt, jv.clone(), n.clone());
                                (more, Some(jv.clone()))
                            };
                            rt.and_then(b, more, |rt, b| {
                                let at = match at {
                                    Some(a) => a,
                                    None => {
                                        let one = b.int(1);
                                        b.int_op(LlOp::IntSub, jv, one)
                                    }
                                };
                                let sp = is_space(rt, b, at);
                                b.op(LlOp::BoolNot, vec![sp], rt.t.bool)
                            })
                        },
                        |_, b| {
                            let jv = b.get(j);
                            let one = b.int(1);
                            let op = if reverse { LlOp::IntSub } else { LlOp::IntAdd };
                            let next = b.int_op(op, jv, one);
                            b.set(j, next);
                        },
                    );
                    let jv = b.get(j);
                    let piece = if reverse {
                        rt.call(b, slice, vec![x.clone(), jv.clone(), iv.clone()])
                    } else {
                        rt.call(b, slice, vec![x.clone(), iv.clone(), jv.clone()])
                    };
                    rt.call(b, append, vec![out.clone(), piece]);
                    let c = b.get(count);
                    let one = b.int(1);
                    let c1 = b.int_op(LlOp::IntAdd, c, one);
                    b.set(count, c1);
                    b.set(i, jv);
                },
            );
            finish(rt, b);
        })
    }

    /// `s.split(sep, maxsplit)` / `s.rsplit(...)` with a separator.
    pub(crate) fn str_split_sep(&mut self, reverse: bool) -> FuncId {
        let lr = Self::str_list_repr();
        let (sp, s, lt) = (self.t.str_ptr, self.t.signed, self.lltype(&lr));
        let append = self.list_append(&lr);
        let reverse_list = self.list_reverse(&lr);
        let slice = self.str_slice();
        let match_at = self.str_match_at();
        let key = if reverse {
            "str_rsplit_sep"
        } else {
            "str_split_sep"
        };
        self.helper(key, &[sp, sp, s], lt, |rt, b| {
            let (x, sep, maxsplit) = (b.param(0), b.param(1), b.param(2));
            let n = rt.str_len(b, x.clone());
            let m = rt.str_len(b, sep.clone());
            let zero = b.int(0);
            let empty = b.int_op(LlOp::IntEq, m.clone(), zero.clone());
            b.if_then(rt, empty, |rt, b| {
                rt.raise_builtin(b, "ValueError", "empty separator")
            });
            let out = rt.list_alloc(b, &lr, zero.clone());
            let count = b.local(zero.clone());
            // From the left: `edge` is where the current piece starts and
            // `j` the candidate position; from the right, `edge` is where
            // it ends.
            let last = b.int_op(LlOp::IntSub, n.clone(), m.clone());
            let edge = b.local(if reverse { n.clone() } else { zero.clone() });
            let j = b.local(if reverse { last.clone() } else { zero.clone() });
            b.while_loop(
                rt,
                |_, b| {
                    let jv = b.get(j);
                    let inside = if reverse {
                        let z = b.int(0);
                        b.int_op(LlOp::IntGe, jv, z)
                    } else {
                        b.int_op(LlOp::IntLe, jv, last.clone())
                    };
                    let c = b.get(count);
                    let z = b.int(0);
                    let unlimited = b.int_op(LlOp::IntLt, maxsplit.clone(), z);
                    let below = b.int_op(LlOp::IntLt, c, maxsplit.clone());
                    let allowed = b.bool_or(unlimited, below);
                    b.bool_and(inside, allowed)
                },
                |rt, b| {
                    let jv = b.get(j);
                    let hit = rt.call(b, match_at, vec![x.clone(), jv.clone(), sep.clone()]);
                    b.if_else(
                        rt,
                        hit,
                        |rt, b| {
                            let e = b.get(edge);
                            let after = b.int_op(LlOp::IntAdd, jv.clone(), m.clone());
                            let piece = if reverse {
                                rt.call(b, slice, vec![x.clone(), after.clone(), e])
                            } else {
                                rt.call(b, slice, vec![x.clone(), e, jv.clone()])
                            };
                            rt.call(b, append, vec![out.clone(), piece]);
                            let c = b.get(count);
                            let one = b.int(1);
                            let c1 = b.int_op(LlOp::IntAdd, c, one);
                            b.set(count, c1);
                            if reverse {
                                b.set(edge, jv.clone());
                                let next = b.int_op(LlOp::IntSub, jv.clone(), m.clone());
                                b.set(j, next);
                            } else {
                                b.set(edge, after.clone());
                                b.set(j, after);
                            }
                        },
                        |_, b| {
                            let one = b.int(1);
                            let op = if reverse { LlOp::IntSub } else { LlOp::IntAdd };
                            let next = b.int_op(op, jv.clone(), one);
                            b.set(j, next);
                        },
                    );
                },
            );
            let e = b.get(edge);
            let piece = if reverse {
                let z = b.int(0);
                rt.call(b, slice, vec![x.clone(), z, e])
            } else {
                rt.call(b, slice, vec![x.clone(), e, n.clone()])
            };
            rt.call(b, append, vec![out.clone(), piece]);
            if reverse {
                rt.call(b, reverse_list, vec![out.clone()]);
            }
            b.ret(out);
        })
    }

    /// `sep.join(seq)` for a list (or str) of strs or characters.
    pub fn str_join(&mut self, seq: &Repr) -> FuncId {
        let sp = self.t.str_ptr;
        let seq_ty = self.lltype(seq);
        let key = format!("str_join_{}", seq_ty.as_u32());
        let seq = seq.clone();
        let item = match &seq {
            Repr::Str => Repr::UniChar,
            r => Self::list_item(r).clone(),
        };
        self.helper(&key, &[sp, seq_ty], sp, |rt, b| {
            let (sep, l) = (b.param(0), b.param(1));
            let n = rt.sequence_len(b, &seq, l.clone());
            let to_str = rt.bytes_to_str();
            let get = |rt: &mut Self, b: &mut FnBuilder, i: Operand| match &seq {
                Repr::Str => rt.str_get(b, l.clone(), i),
                _ if item == Repr::Bytes => {
                    let v = rt.list_get(b, &seq, l.clone(), i);
                    rt.call(b, to_str, vec![v])
                }
                _ => rt.list_get(b, &seq, l.clone(), i),
            };
            let lsep = rt.str_len(b, sep.clone());
            let total = b.local(b.int(0));
            let zero = b.int(0);
            b.for_range(rt, zero.clone(), n.clone(), |rt, b, i| {
                let len = if item == Repr::UniChar {
                    b.int(1)
                } else {
                    let v = get(rt, b, i);
                    rt.str_len(b, v)
                };
                let t = b.get(total);
                let t1 = b.int_op(LlOp::IntAdd, t, len);
                b.set(total, t1);
            });
            let nonempty = b.int_op(LlOp::IntGt, n.clone(), zero.clone());
            b.if_then(rt, nonempty, |_, b| {
                let one = b.int(1);
                let gaps = b.int_op(LlOp::IntSub, n.clone(), one);
                let extra = b.int_op(LlOp::IntMul, gaps, lsep.clone());
                let t = b.get(total);
                let t1 = b.int_op(LlOp::IntAdd, t, extra);
                b.set(total, t1);
            });
            let t = b.get(total);
            let out = rt.str_alloc(b, t);
            let pos = b.local(zero.clone());
            b.for_range(rt, zero, n, |rt, b, i| {
                let z = b.int(0);
                let later = b.int_op(LlOp::IntGt, i.clone(), z);
                b.if_then(rt, later, |rt, b| {
                    let p = b.get(pos);
                    let p1 = rt.str_copy_into(b, sep.clone(), out.clone(), p);
                    b.set(pos, p1);
                });
                let v = get(rt, b, i);
                let p = b.get(pos);
                let p1 = if item == Repr::UniChar {
                    rt.str_set(b, out.clone(), p.clone(), v);
                    let one = b.int(1);
                    b.int_op(LlOp::IntAdd, p, one)
                } else {
                    rt.str_copy_into(b, v, out.clone(), p)
                };
                b.set(pos, p1);
            });
            b.ret(out);
        })
    }

    /// `s.strip(chars)` and friends; `chars` null strips whitespace.
    pub(crate) fn str_strip(&mut self, left: bool, right: bool) -> FuncId {
        let (sp, boolean, s) = (self.t.str_ptr, self.t.bool, self.t.signed);
        let space = self.char_isspace();
        let slice = self.str_slice();
        let key = format!("str_strip_{}{}", left as u8, right as u8);
        self.helper(&key, &[sp, sp], sp, |rt, b| {
            let (x, chars) = (b.param(0), b.param(1));
            let n = rt.str_len(b, x.clone());
            let strip_at = |rt: &mut Self, b: &mut FnBuilder, at: Operand| -> Operand {
                let c = rt.str_get(b, x.clone(), at);
                let out = b.local(b.bool(false));
                let null = b.op(LlOp::PtrIsZero, vec![chars.clone()], boolean);
                b.if_else(
                    rt,
                    null,
                    |rt, b| {
                        let code = rt.code(b, c.clone());
                        let v = rt.call(b, space, vec![code]);
                        b.set(out, v);
                    },
                    |rt, b| {
                        let m = rt.str_len(b, chars.clone());
                        let zero = b.int(0);
                        b.for_range(rt, zero, m, |rt, b, k| {
                            let d = rt.str_get(b, chars.clone(), k);
                            let eq = b.op(LlOp::UniCharEq, vec![c.clone(), d], boolean);
                            b.if_then(rt, eq, |_, b| {
                                let t = b.bool(true);
                                b.set(out, t);
                            });
                        });
                    },
                );
                b.get(out)
            };
            let i = b.local(b.int(0));
            let j = b.local(n);
            if left {
                b.while_loop(
                    rt,
                    |rt, b| {
                        let (iv, jv) = (b.get(i), b.get(j));
                        let more = b.int_op(LlOp::IntLt, iv.clone(), jv);
                        rt.and_then(b, more, |rt, b| strip_at(rt, b, iv))
                    },
                    |_, b| {
                        let iv = b.get(i);
                        let one = b.int(1);
                        let v = b.int_op(LlOp::IntAdd, iv, one);
                        b.set(i, v);
                    },
                );
            }
            if right {
                b.while_loop(
                    rt,
                    |rt, b| {
                        let (iv, jv) = (b.get(i), b.get(j));
                        let more = b.int_op(LlOp::IntGt, jv.clone(), iv);
                        rt.and_then(b, more, |rt, b| {
                            let one = b.int(1);
                            let p = b.int_op(LlOp::IntSub, jv, one);
                            strip_at(rt, b, p)
                        })
                    },
                    |_, b| {
                        let jv = b.get(j);
                        let one = b.int(1);
                        let v = b.int_op(LlOp::IntSub, jv, one);
                        b.set(j, v);
                    },
                );
            }
            let _ = s;
            let (iv, jv) = (b.get(i), b.get(j));
            let v = rt.call(b, slice, vec![x, iv, jv]);
            b.ret(v);
        })
    }
}
