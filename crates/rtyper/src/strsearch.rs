//! Searching in strs: `find`/`rfind`/`index`/`rindex` with CPython's
//! treatment of `start`/`end`, `count` (non-overlapping), `replace`
//! (with a count, and the empty pattern), `startswith`/`endswith`.

use lltype::{FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;

impl Rtyper<'_, '_> {
    /// `match_at(s, at, sub)`: whether `sub` occurs in `s` at `at`
    /// (`at + len(sub) <= len(s)` is the caller's to check).
    pub fn str_match_at(&mut self) -> FuncId {
        let (sp, s, boolean) = (self.t.str_ptr, self.t.signed, self.t.bool);
        self.helper("str_match_at", &[sp, s, sp], boolean, |rt, b| {
            let (x, at, sub) = (b.param(0), b.param(1), b.param(2));
            let m = rt.str_len(b, sub.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, m, |rt, b, k| {
                let i = b.int_op(LlOp::IntAdd, at.clone(), k.clone());
                let c1 = rt.str_get(b, x.clone(), i);
                let c2 = rt.str_get(b, sub.clone(), k);
                let ne = b.op(LlOp::UniCharNe, vec![c1, c2], boolean);
                b.if_then(rt, ne, |_, b| {
                    let f = b.bool(false);
                    b.ret(f);
                });
            });
            let t = b.bool(true);
            b.ret(t);
        })
    }

    /// Normalises `start`/`end` arguments of `find` and `count` (omitted:
    /// `i64::MIN`/`i64::MAX`) as slice bounds, without making `end >=
    /// start`.
    pub(crate) fn search_bounds(
        &mut self,
        b: &mut FnBuilder,
        start: Operand,
        end: Operand,
        n: Operand,
    ) -> (Operand, Operand) {
        let norm = |rt: &mut Self, b: &mut FnBuilder, v: Operand| {
            let out = b.local(v.clone());
            let zero = b.int(0);
            let negative = b.int_op(LlOp::IntLt, v.clone(), zero.clone());
            b.if_then(rt, negative, |rt, b| {
                let w = b.int_op(LlOp::IntAdd, v.clone(), n.clone());
                b.set(out, w.clone());
                let still = b.int_op(LlOp::IntLt, w, zero.clone());
                b.if_then(rt, still, |_, b| b.set(out, zero.clone()));
            });
            let o = b.get(out);
            let over = b.int_op(LlOp::IntGt, o, n.clone());
            b.if_then(rt, over, |_, b| b.set(out, n.clone()));
            b.get(out)
        };
        // A start beyond the end stays beyond it: nothing is found there.
        let big = b.int_op(LlOp::IntGt, start.clone(), n.clone());
        let st = norm(self, b, start);
        let st_local = b.local(st);
        b.if_then(self, big, |_, b| {
            let one = b.int(1);
            let v = b.int_op(LlOp::IntAdd, n.clone(), one);
            b.set(st_local, v);
        });
        let st = b.get(st_local);
        let en = norm(self, b, end);
        (st, en)
    }

    /// `s.find(sub, start, end)` (or `rfind`): an index or -1.
    pub fn str_search(&mut self, reverse: bool) -> FuncId {
        let (sp, s) = (self.t.str_ptr, self.t.signed);
        let match_at = self.str_match_at();
        let key = if reverse {
            "str_rfind"
        } else {
            "str_find_range"
        };
        self.helper(key, &[sp, sp, s, s], s, |rt, b| {
            let (x, sub, start, end) = (b.param(0), b.param(1), b.param(2), b.param(3));
            let n = rt.str_len(b, x.clone());
            let m = rt.str_len(b, sub.clone());
            let (st, en) = rt.search_bounds(b, start, end, n);
            let last = b.int_op(LlOp::IntSub, en, m);
            if reverse {
                let i = b.local(last);
                b.while_loop(
                    rt,
                    |_, b| {
                        let iv = b.get(i);
                        b.int_op(LlOp::IntGe, iv, st.clone())
                    },
                    |rt, b| {
                        let iv = b.get(i);
                        let hit = rt.call(b, match_at, vec![x.clone(), iv.clone(), sub.clone()]);
                        b.if_then(rt, hit, |_, b| b.ret(iv.clone()));
                        let one = b.int(1);
                        let v = b.int_op(LlOp::IntSub, iv, one);
                        b.set(i, v);
                    },
                );
            } else {
                let one = b.int(1);
                let stop = b.int_op(LlOp::IntAdd, last, one);
                b.for_range(rt, st, stop, |rt, b, i| {
                    let hit = rt.call(b, match_at, vec![x.clone(), i.clone(), sub.clone()]);
                    b.if_then(rt, hit, |_, b| b.ret(i.clone()));
                });
            }
            let minus = b.int(-1);
            b.ret(minus);
        })
    }

    /// `s.count(sub, start, end)`: non-overlapping occurrences.
    pub(crate) fn str_count(&mut self) -> FuncId {
        let (sp, s) = (self.t.str_ptr, self.t.signed);
        let match_at = self.str_match_at();
        self.helper("str_count", &[sp, sp, s, s], s, |rt, b| {
            let (x, sub, start, end) = (b.param(0), b.param(1), b.param(2), b.param(3));
            let n = rt.str_len(b, x.clone());
            let m = rt.str_len(b, sub.clone());
            let (st, en) = rt.search_bounds(b, start, end, n.clone());
            let beyond = b.int_op(LlOp::IntGt, st.clone(), n);
            b.if_then(rt, beyond, |_, b| {
                let z = b.int(0);
                b.ret(z);
            });
            let zero = b.int(0);
            let empty = b.int_op(LlOp::IntEq, m.clone(), zero.clone());
            b.if_then(rt, empty, |rt, b| {
                let d = b.int_op(LlOp::IntSub, en.clone(), st.clone());
                let neg = b.int_op(LlOp::IntLt, d.clone(), zero.clone());
                b.if_then(rt, neg, |_, b| {
                    let z = b.int(0);
                    b.ret(z);
                });
                let one = b.int(1);
                let v = b.int_op(LlOp::IntAdd, d, one);
                b.ret(v);
            });
            let last = b.int_op(LlOp::IntSub, en, m.clone());
            let count = b.local(zero);
            let i = b.local(st);
            b.while_loop(
                rt,
                |_, b| {
                    let iv = b.get(i);
                    b.int_op(LlOp::IntLe, iv, last.clone())
                },
                |rt, b| {
                    let iv = b.get(i);
                    let hit = rt.call(b, match_at, vec![x.clone(), iv.clone(), sub.clone()]);
                    b.if_else(
                        rt,
                        hit,
                        |_, b| {
                            let c = b.get(count);
                            let one = b.int(1);
                            let c1 = b.int_op(LlOp::IntAdd, c, one);
                            b.set(count, c1);
                            let v = b.int_op(LlOp::IntAdd, iv.clone(), m.clone());
                            b.set(i, v);
                        },
                        |_, b| {
                            let one = b.int(1);
                            let v = b.int_op(LlOp::IntAdd, iv.clone(), one);
                            b.set(i, v);
                        },
                    );
                },
            );
            let c = b.get(count);
            b.ret(c);
        })
    }

    /// `s.replace(old, new, count)` (negative count: all).
    pub(crate) fn str_replace(&mut self) -> FuncId {
        let (sp, s) = (self.t.str_ptr, self.t.signed);
        let match_at = self.str_match_at();
        let counter = self.str_count();
        self.helper("str_replace", &[sp, sp, sp, s], sp, |rt, b| {
            let (x, old, new, limit) = (b.param(0), b.param(1), b.param(2), b.param(3));
            let n = rt.str_len(b, x.clone());
            let m = rt.str_len(b, old.clone());
            let k = rt.str_len(b, new.clone());
            let (lo, hi) = (b.int(i64::MIN), b.int(i64::MAX));
            let found = rt.call(b, counter, vec![x.clone(), old.clone(), lo, hi]);
            let cnt = b.local(found);
            let zero = b.int(0);
            let limited = b.int_op(LlOp::IntGe, limit.clone(), zero.clone());
            let c = b.get(cnt);
            let fewer = b.int_op(LlOp::IntLt, limit.clone(), c);
            let cap = b.bool_and(limited, fewer);
            b.if_then(rt, cap, |_, b| b.set(cnt, limit.clone()));
            let c = b.get(cnt);
            let none = b.int_op(LlOp::IntEq, c.clone(), zero.clone());
            b.if_then(rt, none, |_, b| b.ret(x.clone()));
            let delta = b.int_op(LlOp::IntSub, k.clone(), m.clone());
            let grow = b.int_op(LlOp::IntMul, c.clone(), delta);
            let total = b.int_op(LlOp::IntAdd, n.clone(), grow);
            let out = rt.str_alloc(b, total);
            let pos = b.local(zero.clone());
            let done = b.local(zero.clone());
            let i = b.local(zero.clone());
            let empty_old = b.int_op(LlOp::IntEq, m.clone(), zero.clone());
            b.if_then(rt, empty_old, |rt, b| {
                // `new` before each character (and at the end), `c` times.
                let one = b.int(1);
                let stop = b.int_op(LlOp::IntAdd, n.clone(), one);
                let z = b.int(0);
                b.for_range(rt, z, stop, |rt, b, i| {
                    let before = b.int_op(LlOp::IntLt, i.clone(), c.clone());
                    b.if_then(rt, before, |rt, b| {
                        let p = b.get(pos);
                        let p1 = rt.str_copy_into(b, new.clone(), out.clone(), p);
                        b.set(pos, p1);
                    });
                    let inside = b.int_op(LlOp::IntLt, i.clone(), n.clone());
                    b.if_then(rt, inside, |rt, b| {
                        let ch = rt.str_get(b, x.clone(), i.clone());
                        let p = b.get(pos);
                        rt.str_set(b, out.clone(), p.clone(), ch);
                        let one = b.int(1);
                        let p1 = b.int_op(LlOp::IntAdd, p, one);
                        b.set(pos, p1);
                    });
                });
                b.ret(out.clone());
            });
            let last = b.int_op(LlOp::IntSub, n.clone(), m.clone());
            b.while_loop(
                rt,
                |_, b| {
                    let iv = b.get(i);
                    b.int_op(LlOp::IntLt, iv, n.clone())
                },
                |rt, b| {
                    let iv = b.get(i);
                    let d = b.get(done);
                    let more = b.int_op(LlOp::IntLt, d.clone(), c.clone());
                    let fits = b.int_op(LlOp::IntLe, iv.clone(), last.clone());
                    let possible = b.bool_and(more, fits);
                    let hit = rt.and_then(b, possible, |rt, b| {
                        rt.call(b, match_at, vec![x.clone(), iv.clone(), old.clone()])
                    });
                    b.if_else(
                        rt,
                        hit,
                        |rt, b| {
                            let p = b.get(pos);
                            let p1 = rt.str_copy_into(b, new.clone(), out.clone(), p);
                            b.set(pos, p1);
                            let v = b.int_op(LlOp::IntAdd, iv.clone(), m.clone());
                            b.set(i, v);
                            let one = b.int(1);
                            let d1 = b.int_op(LlOp::IntAdd, d.clone(), one);
                            b.set(done, d1);
                        },
                        |rt, b| {
                            let ch = rt.str_get(b, x.clone(), iv.clone());
                            let p = b.get(pos);
                            rt.str_set(b, out.clone(), p.clone(), ch);
                            let one = b.int(1);
                            let p1 = b.int_op(LlOp::IntAdd, p, one.clone());
                            b.set(pos, p1);
                            let v = b.int_op(LlOp::IntAdd, iv.clone(), one);
                            b.set(i, v);
                        },
                    );
                },
            );
            b.ret(out);
        })
    }

    /// `s.index(sub)` / `s.rindex(sub)`: `find`, or `ValueError`.
    pub(crate) fn str_index(&mut self, reverse: bool) -> FuncId {
        let (sp, s) = (self.t.str_ptr, self.t.signed);
        let find = self.str_search(reverse);
        let key = if reverse { "str_rindex" } else { "str_index" };
        self.helper(key, &[sp, sp, s, s], s, |rt, b| {
            let args = (0..4).map(|i| b.param(i)).collect();
            let at = rt.call(b, find, args);
            let zero = b.int(0);
            let missing = b.int_op(LlOp::IntLt, at.clone(), zero);
            b.if_then(rt, missing, |rt, b| {
                rt.raise_builtin(b, "ValueError", "substring not found")
            });
            b.ret(at);
        })
    }

    /// `s.startswith(p)` / `s.endswith(p)`.
    pub(crate) fn str_affix(&mut self, end: bool) -> FuncId {
        let (sp, boolean) = (self.t.str_ptr, self.t.bool);
        let match_at = self.str_match_at();
        let key = if end {
            "str_endswith"
        } else {
            "str_startswith"
        };
        self.helper(key, &[sp, sp], boolean, |rt, b| {
            let (x, p) = (b.param(0), b.param(1));
            let n = rt.str_len(b, x.clone());
            let m = rt.str_len(b, p.clone());
            let short = b.int_op(LlOp::IntLt, n.clone(), m.clone());
            b.if_then(rt, short, |_, b| {
                let f = b.bool(false);
                b.ret(f);
            });
            let at = if end {
                b.int_op(LlOp::IntSub, n, m)
            } else {
                b.int(0)
            };
            let v = rt.call(b, match_at, vec![x, at, p]);
            b.ret(v);
        })
    }
}
