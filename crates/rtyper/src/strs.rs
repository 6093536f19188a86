//! Strings: prebuilt constants and the low-level helpers for `str`.
//!
//! A str is a pointer to `rpy_str`: a cached hash and the code points, so
//! indexing and slicing by code point are constant time, as CPython's
//! semantics require. Output is UTF-8, through a buffer per stream (a raw
//! global) flushed when full, before anything goes to stderr, and when the
//! program ends.

use lltype::{ConstValue, Constant, Field, FuncId, Global, GlobalId, Init, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;

/// The size of an output buffer.
const BUFFER: u32 = 8192;

impl Rtyper<'_, '_> {
    /// A pointer constant to a prebuilt str.
    pub fn str_constant(&mut self, text: &str) -> Constant {
        let points: Vec<u32> = text.chars().map(|c| c as u32).collect();
        let key = (false, points.clone());
        if let Some(&g) = self.strings.get(&key) {
            return Constant::new(ConstValue::Global(g), self.t.str_ptr);
        }
        let name = self
            .m
            .fresh_global_name(&format!("str_{}", self.strings.len()));
        let chars = points
            .iter()
            .map(|&p| Init::Value(Constant::new(ConstValue::Int(p.into()), self.t.unichar)))
            .collect();
        let g = self
            .m
            .add_global(Global {
                name,
                ty: self.t.str,
                init: Init::Struct(vec![
                    // The hash is computed now: the str may be read-only.
                    Init::Value(Constant::new(
                        ConstValue::Int(crate::dicthash::str_hash_value(text).into()),
                        self.t.signed,
                    )),
                    Init::Array(chars),
                ]),
                immutable: true,
            })
            .expect("a fresh name");
        self.strings.insert(key, g);
        Constant::new(ConstValue::Global(g), self.t.str_ptr)
    }

    /// The length of a str.
    pub fn str_len(&mut self, b: &mut FnBuilder, s: Operand) -> Operand {
        let chars = b.name("chars");
        b.op(LlOp::GetInteriorSize, vec![s, chars], self.t.signed)
    }

    /// A new str of this length, its code points zero.
    pub fn str_alloc(&mut self, b: &mut FnBuilder, len: Operand) -> Operand {
        b.op(LlOp::MallocVarsize, vec![len], self.t.str_ptr)
    }

    /// Reads code point `i` (in range).
    pub fn str_get(&mut self, b: &mut FnBuilder, s: Operand, i: Operand) -> Operand {
        let chars = b.name("chars");
        b.op(LlOp::GetInterior, vec![s, chars, i], self.t.unichar)
    }

    /// Writes code point `i` of a str being built.
    pub fn str_set(&mut self, b: &mut FnBuilder, s: Operand, i: Operand, c: Operand) {
        let chars = b.name("chars");
        b.effect(LlOp::SetInterior, vec![s, chars, i, c]);
    }

    /// A helper made once: `key` names it, `make` builds it.
    pub fn helper(
        &mut self,
        key: &str,
        params: &[lltype::TypeId],
        result: lltype::TypeId,
        make: impl FnOnce(&mut Self, &mut FnBuilder),
    ) -> FuncId {
        if let Some(&f) = self.helpers.get(key) {
            return f;
        }
        let ty = self.m.types.func(params.to_vec(), result);
        let f = self.declare_helper(&format!("rpy_{key}"), ty);
        self.helpers.insert(key.to_string(), f);
        let graph = self.build(params, make);
        self.m.functions[f].body = lltype::Body::Graph(graph);
        f
    }

    /// Calls a helper.
    pub fn call(&mut self, b: &mut FnBuilder, f: FuncId, args: Vec<Operand>) -> Operand {
        b.call(&mut self.m, f, args)
    }

    /// `str(c)` for a code point.
    pub fn char_to_str(&mut self) -> FuncId {
        let (uc, sp) = (self.t.unichar, self.t.str_ptr);
        self.helper("char_to_str", &[uc], sp, |rt, b| {
            let one = b.int(1);
            let s = rt.str_alloc(b, one);
            let (zero, c) = (b.int(0), b.param(0));
            rt.str_set(b, s.clone(), zero, c);
            b.ret(s);
        })
    }

    /// `str(x)` for a `Signed`.
    pub fn int_to_str(&mut self) -> FuncId {
        let (signed, unsigned, sp, uc) = (
            self.t.signed,
            self.t.unsigned,
            self.t.str_ptr,
            self.t.unichar,
        );
        self.helper("int_to_str", &[signed], sp, |rt, b| {
            let x = b.param(0);
            let zero = b.int(0);
            let negative = b.int_op(LlOp::IntLt, x.clone(), zero);
            // The magnitude as an unsigned word, so the minimum works.
            let ux = b.op(LlOp::CastPrimitive, vec![x.clone()], unsigned);
            let neg_u = b.op(
                LlOp::UintSub,
                vec![b.konst(ConstValue::Int(0), unsigned), ux.clone()],
                unsigned,
            );
            let magnitude = b.local(ux);
            b.if_then(rt, negative.clone(), |_rt, b| b.set(magnitude, neg_u));
            let ten = b.konst(ConstValue::Int(10), unsigned);
            let u = b.get(magnitude);
            let digits = b.local(b.int(1));
            let t = b.local(u.clone());
            b.while_loop(
                rt,
                |rt, b| {
                    let v = b.get(t);
                    b.op(LlOp::UintGe, vec![v, ten.clone()], rt.t.bool)
                },
                |_rt, b| {
                    let v = b.get(t);
                    let q = b.op(LlOp::UintFloorDiv, vec![v, ten.clone()], unsigned);
                    b.set(t, q);
                    let d = b.get(digits);
                    let one = b.int(1);
                    let d1 = b.int_op(LlOp::IntAdd, d, one);
                    b.set(digits, d1);
                },
            );
            let sign = b.op(LlOp::CastPrimitive, vec![negative.clone()], signed);
            let d = b.get(digits);
            let len = b.int_op(LlOp::IntAdd, d, sign.clone());
            let s = rt.str_alloc(b, len.clone());
            let one = b.int(1);
            let last = b.int_op(LlOp::IntSub, len, one);
            let i = b.local(last);
            let rest = b.local(u);
            b.while_loop(
                rt,
                |_rt, b| {
                    let v = b.get(i);
                    b.int_op(LlOp::IntGe, v, sign.clone())
                },
                |rt, b| {
                    let v = b.get(rest);
                    let digit = b.op(LlOp::UintMod, vec![v.clone(), ten.clone()], unsigned);
                    let q = b.op(LlOp::UintFloorDiv, vec![v, ten.clone()], unsigned);
                    b.set(rest, q);
                    let d = b.op(LlOp::CastPrimitive, vec![digit], signed);
                    let zero_char = b.int('0' as i64);
                    let code = b.int_op(LlOp::IntAdd, d, zero_char);
                    let c = b.op(LlOp::CastPrimitive, vec![code], uc);
                    let at = b.get(i);
                    rt.str_set(b, s.clone(), at.clone(), c);
                    let one = b.int(1);
                    let next = b.int_op(LlOp::IntSub, at, one);
                    b.set(i, next);
                },
            );
            b.if_then(rt, negative, |rt, b| {
                let zero = b.int(0);
                let minus = b.konst(ConstValue::Int('-' as i128), uc);
                rt.str_set(b, s.clone(), zero, minus);
            });
            b.ret(s);
        })
    }

    /// `a + b` for strs.
    pub fn str_concat(&mut self) -> FuncId {
        let sp = self.t.str_ptr;
        self.helper("str_concat", &[sp, sp], sp, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let lx = rt.str_len(b, x.clone());
            let ly = rt.str_len(b, y.clone());
            let total = b.int_op(LlOp::IntAdd, lx.clone(), ly.clone());
            let s = rt.str_alloc(b, total);
            let zero = b.int(0);
            b.for_range(rt, zero.clone(), lx.clone(), |rt, b, i| {
                let c = rt.str_get(b, x.clone(), i.clone());
                rt.str_set(b, s.clone(), i, c);
            });
            b.for_range(rt, zero, ly, |rt, b, i| {
                let c = rt.str_get(b, y.clone(), i.clone());
                let at = b.int_op(LlOp::IntAdd, i, lx.clone());
                rt.str_set(b, s.clone(), at, c);
            });
            b.ret(s);
        })
    }

    /// `a == b` for strs (either may be null: `None`).
    pub fn str_eq(&mut self) -> FuncId {
        let (sp, boolean) = (self.t.str_ptr, self.t.bool);
        self.helper("str_eq", &[sp, sp], boolean, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let same = b.op(LlOp::PtrEq, vec![x.clone(), y.clone()], boolean);
            b.if_then(rt, same, |_rt, b| {
                let t = b.bool(true);
                b.ret(t);
            });
            let xnull = b.op(LlOp::PtrIsZero, vec![x.clone()], boolean);
            let ynull = b.op(LlOp::PtrIsZero, vec![y.clone()], boolean);
            for null in [xnull, ynull] {
                b.if_then(rt, null, |_rt, b| {
                    let f = b.bool(false);
                    b.ret(f);
                });
            }
            let lx = rt.str_len(b, x.clone());
            let ly = rt.str_len(b, y.clone());
            let differ = b.int_op(LlOp::IntNe, lx.clone(), ly);
            b.if_then(rt, differ, |_rt, b| {
                let f = b.bool(false);
                b.ret(f);
            });
            let zero = b.int(0);
            b.for_range(rt, zero, lx, |rt, b, i| {
                let cx = rt.str_get(b, x.clone(), i.clone());
                let cy = rt.str_get(b, y.clone(), i);
                let ne = b.op(LlOp::UniCharNe, vec![cx, cy], boolean);
                b.if_then(rt, ne, |_rt, b| {
                    let f = b.bool(false);
                    b.ret(f);
                });
            });
            let t = b.bool(true);
            b.ret(t);
        })
    }

    /// The output buffer of a stream (1: stdout, 2: stderr).
    pub fn out_buffer(&mut self, fd: i64) -> Constant {
        let key = if fd == 1 { "rpy_stdout" } else { "rpy_stderr" };
        let ty = match self.m.types.struct_named("rpy_outbuf") {
            Some(t) => t,
            None => {
                let t = self
                    .m
                    .types
                    .declare_struct("rpy_outbuf", false)
                    .expect("fresh");
                let data = self
                    .m
                    .types
                    .fixed_array(self.t.char, BUFFER)
                    .expect("chars");
                let fields = vec![
                    Field {
                        name: "fd".into(),
                        ty: self.t.signed,
                    },
                    Field {
                        name: "length".into(),
                        ty: self.t.signed,
                    },
                    Field {
                        name: "data".into(),
                        ty: data,
                    },
                ];
                self.m.types.define_struct(t, fields).expect("fields");
                t
            }
        };
        let ptr = self.m.types.ptr(ty).expect("struct");
        let g: GlobalId = match self.m.global_named(key) {
            Some(g) => g,
            None => self
                .m
                .add_global(Global {
                    name: key.into(),
                    ty,
                    init: Init::Struct(vec![
                        Init::Value(Constant::new(ConstValue::Int(fd.into()), self.t.signed)),
                        Init::Value(Constant::new(ConstValue::Int(0), self.t.signed)),
                        Init::Zero,
                    ]),
                    immutable: false,
                })
                .expect("fresh"),
        };
        Constant::new(ConstValue::Global(g), ptr)
    }

    /// `flush(buffer) -> Signed`: writes out what a buffer holds; 0, or
    /// `-errno` when a write fails, the bytes not written kept at the
    /// start of the buffer (CPython keeps them too, and tries again at
    /// the next flush).
    pub fn buffer_flush(&mut self) -> FuncId {
        let buf = self.out_buffer(1);
        let (bp, signed, address, char) = (buf.ty, self.t.signed, self.t.address, self.t.char);
        self.helper("buffer_flush", &[bp], signed, |rt, b| {
            let p = b.param(0);
            let fd = b.getfield(p.clone(), "fd", signed);
            let len = b.getfield(p.clone(), "length", signed);
            let base = b.op(LlOp::CastPtrToAdr, vec![p.clone()], address);
            let offset = b.konst(
                ConstValue::Symbolic(lltype::Symbolic::OffsetOf(
                    rt.m.types.pointee(bp).expect("ptr"),
                    "data".into(),
                )),
                signed,
            );
            let start = b.op(LlOp::AdrAdd, vec![base, offset], address);
            let write = rt.external("rpy_write");
            let done = b.local(b.int(0));
            let error = b.local(b.int(0));
            b.while_loop(
                rt,
                |_, b| {
                    let d = b.get(done);
                    let more = b.int_op(LlOp::IntLt, d, len.clone());
                    let e = b.get(error);
                    let zero = b.int(0);
                    let ok = b.int_op(LlOp::IntEq, e, zero);
                    b.bool_and(more, ok)
                },
                |rt, b| {
                    let d = b.get(done);
                    let at = b.op(LlOp::AdrAdd, vec![start.clone(), d.clone()], address);
                    let left = b.int_op(LlOp::IntSub, len.clone(), d.clone());
                    let n = rt.call(b, write, vec![fd.clone(), at, left]);
                    let zero = b.int(0);
                    let failed = b.int_op(LlOp::IntLe, n.clone(), zero);
                    b.if_else(
                        rt,
                        failed,
                        |_, b| {
                            // 0 bytes written counts as EIO.
                            let zero = b.int(0);
                            let none = b.int_op(LlOp::IntEq, n.clone(), zero);
                            let eio = b.int(-5);
                            let e = b.local(n.clone());
                            b.if_then(&mut (), none, |_, b| b.set(e, eio));
                            let e = b.get(e);
                            b.set(error, e);
                        },
                        |_, b| {
                            let next = b.int_op(LlOp::IntAdd, d, n.clone());
                            b.set(done, next);
                        },
                    );
                },
            );
            // Keep what was not written, at the start.
            let d = b.get(done);
            let left = b.int_op(LlOp::IntSub, len, d.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, left.clone(), |_, b, i| {
                let from = b.int_op(LlOp::IntAdd, d.clone(), i.clone());
                let data = b.name("data");
                let c = b.op(LlOp::GetInterior, vec![p.clone(), data.clone(), from], char);
                b.effect(LlOp::SetInterior, vec![p.clone(), data, i, c]);
            });
            b.setfield(p, "length", left);
            let e = b.get(error);
            b.ret(e);
        })
    }

    /// `flush(buffer)` as a program's `print` and `sys.stdout.flush()`
    /// see it: a failure to write stdout raises the `OSError` CPython
    /// raises (`[Errno 28] No space left on device`, `BrokenPipeError`);
    /// one to write stderr is ignored, as there is nowhere to report it.
    pub fn buffer_flush_checked(&mut self) -> FuncId {
        let buf = self.out_buffer(1);
        let flush = self.buffer_flush();
        let (bp, void, signed) = (buf.ty, self.t.void, self.t.signed);
        self.helper("buffer_flush_checked", &[bp], void, |rt, b| {
            let p = b.param(0);
            let r = rt.call(b, flush, vec![p.clone()]);
            let fd = b.getfield(p.clone(), "fd", signed);
            let one = b.int(1);
            let stdout = b.int_op(LlOp::IntEq, fd, one);
            b.if_else(
                rt,
                stdout,
                |rt, b| rt.raise_if_os_error(b, r.clone(), None),
                |_, b| {
                    // stderr: what cannot be written is dropped.
                    let zero = b.int(0);
                    b.setfield(p.clone(), "length", zero);
                },
            );
            b.ret_void();
        })
    }

    /// `put(buffer, byte)`.
    pub fn buffer_put(&mut self) -> FuncId {
        let buf = self.out_buffer(1);
        let flush = self.buffer_flush();
        let (bp, void, signed, char) = (buf.ty, self.t.void, self.t.signed, self.t.char);
        self.helper("buffer_put", &[bp, char], void, |rt, b| {
            let (p, c) = (b.param(0), b.param(1));
            let len = b.getfield(p.clone(), "length", signed);
            let cap = b.int(BUFFER as i64);
            let full = b.int_op(LlOp::IntGe, len, cap);
            b.if_then(rt, full, |rt, b| {
                // A full buffer that cannot be written out is dropped (as
                // CPython's, which then takes more text), and on stdout
                // the print raises.
                let r = rt.call(b, flush, vec![p.clone()]);
                let zero = b.int(0);
                let failed = b.int_op(LlOp::IntLt, r.clone(), zero);
                b.if_then(rt, failed, |rt, b| {
                    let zero = b.int(0);
                    b.setfield(p.clone(), "length", zero);
                    let fd = b.getfield(p.clone(), "fd", signed);
                    let one = b.int(1);
                    let stdout = b.int_op(LlOp::IntEq, fd, one);
                    b.if_then(rt, stdout, |rt, b| rt.raise_if_os_error(b, r.clone(), None));
                });
            });
            let len = b.getfield(p.clone(), "length", signed);
            let data = b.name("data");
            b.effect(LlOp::SetInterior, vec![p.clone(), data, len.clone(), c]);
            let one = b.int(1);
            let next = b.int_op(LlOp::IntAdd, len, one);
            b.setfield(p, "length", next);
            b.ret_void();
        })
    }

    /// `write(buffer, s)`: the str encoded as UTF-8 with the error
    /// handler of CPython's standard streams: on stdout, surrogateescape
    /// (U+DC80..U+DCFF are the bytes they stand for; another surrogate
    /// raises `UnicodeEncodeError` before anything of the str is written);
    /// on stderr, backslashreplace (`\\udXXX`).
    pub fn buffer_write_str(&mut self) -> FuncId {
        let buf = self.out_buffer(1);
        let put = self.buffer_put();
        let raise = self.rpython_helper("encode_error");
        let (bp, void, sp, signed, char) = (
            buf.ty,
            self.t.void,
            self.t.str_ptr,
            self.t.signed,
            self.t.char,
        );
        self.helper("buffer_write_str", &[bp, sp], void, |rt, b| {
            let (p, s) = (b.param(0), b.param(1));
            let len = rt.str_len(b, s.clone());
            let fd = b.getfield(p.clone(), "fd", signed);
            let two = b.int(2);
            let to_stderr = b.int_op(LlOp::IntEq, fd, two);
            let is_surrogate = |b: &mut FnBuilder, code: &Operand| {
                let low = b.int(0xD800);
                let ge = b.int_op(LlOp::IntGe, code.clone(), low);
                let high = b.int(0xDFFF);
                let le = b.int_op(LlOp::IntLe, code.clone(), high);
                b.bool_and(ge, le)
            };
            let is_escape = |b: &mut FnBuilder, code: &Operand| {
                let low = b.int(0xDC80);
                let ge = b.int_op(LlOp::IntGe, code.clone(), low);
                let high = b.int(0xDCFF);
                let le = b.int_op(LlOp::IntLe, code.clone(), high);
                b.bool_and(ge, le)
            };
            // stdout: a surrogate that stands for no byte fails the write.
            let not_stderr = b.op(LlOp::BoolNot, vec![to_stderr.clone()], rt.t.bool);
            b.if_then(rt, not_stderr, |rt, b| {
                let zero = b.int(0);
                b.for_range(rt, zero, len.clone(), |rt, b, i| {
                    let c = rt.str_get(b, s.clone(), i.clone());
                    let code = b.op(LlOp::CastPrimitive, vec![c], signed);
                    let sur = is_surrogate(b, &code);
                    let esc = is_escape(b, &code);
                    let plain = b.op(LlOp::BoolNot, vec![esc], rt.t.bool);
                    let bad = b.bool_and(sur, plain);
                    b.if_then(rt, bad, |rt, b| {
                        let name = Operand::Const(rt.str_constant("utf-8"));
                        let limit = b.int(0);
                        let reason = Operand::Const(rt.str_constant("surrogates not allowed"));
                        rt.call(b, raise, vec![name, s.clone(), i, limit, reason]);
                    });
                });
            });
            let zero = b.int(0);
            b.for_range(rt, zero, len, |rt, b, i| {
                let c = rt.str_get(b, s.clone(), i);
                let code = b.op(LlOp::CastPrimitive, vec![c], signed);
                let byte = |b: &mut FnBuilder, v: Operand| b.op(LlOp::CastPrimitive, vec![v], char);
                let small = b.int(0x80);
                let ascii = b.int_op(LlOp::IntLt, code.clone(), small);
                b.if_else(
                    rt,
                    ascii,
                    |rt, b| {
                        let c = byte(b, code.clone());
                        rt.call(b, put, vec![p.clone(), c]);
                    },
                    |rt, b| {
                        let sur = is_surrogate(b, &code);
                        b.if_else(
                            rt,
                            sur,
                            |rt, b| {
                                b.if_else(
                                    rt,
                                    to_stderr.clone(),
                                    |rt, b| {
                                        // `\\udXXX`, in lowercase hex.
                                        for ch in [b'\\', b'u'] {
                                            let c = b.char(ch);
                                            rt.call(b, put, vec![p.clone(), c]);
                                        }
                                        for shift in [12, 8, 4, 0] {
                                            let sh = b.int(shift);
                                            let v = b.int_op(LlOp::IntRshift, code.clone(), sh);
                                            let m = b.int(15);
                                            let digit = b.int_op(LlOp::IntAnd, v, m);
                                            let ten = b.int(10);
                                            let letter = b.int_op(LlOp::IntGe, digit.clone(), ten);
                                            let base = b.local(b.int(b'0' as i64));
                                            b.if_then(rt, letter, |_, b| {
                                                let v = b.int(b'a' as i64 - 10);
                                                b.set(base, v);
                                            });
                                            let base = b.get(base);
                                            let v = b.int_op(LlOp::IntAdd, digit, base);
                                            let c = byte(b, v);
                                            rt.call(b, put, vec![p.clone(), c]);
                                        }
                                    },
                                    |rt, b| {
                                        // stdout: checked above, U+DC80..U+DCFF.
                                        let base = b.int(0xDC00);
                                        let v = b.int_op(LlOp::IntSub, code.clone(), base);
                                        let c = byte(b, v);
                                        rt.call(b, put, vec![p.clone(), c]);
                                    },
                                );
                            },
                            |rt, b| rt.put_utf8_multibyte(b, put, p.clone(), code.clone()),
                        );
                    },
                );
            });
            // stderr is written out at once, as CPython's (line-buffered).
            let flush = rt.buffer_flush_checked();
            b.if_then(rt, to_stderr, |rt, b| {
                rt.call(b, flush, vec![p.clone()]);
            });
            b.ret_void();
        })
    }

    /// Puts the UTF-8 bytes of a code point of 0x80 or more.
    fn put_utf8_multibyte(&mut self, b: &mut FnBuilder, put: FuncId, p: Operand, code: Operand) {
        let char = self.t.char;
        let byte = |b: &mut FnBuilder, v: Operand| b.op(LlOp::CastPrimitive, vec![v], char);
        // Lead byte, then continuation bytes of 6 bits.
        let limit2 = b.int(0x800);
        let two = b.int_op(LlOp::IntLt, code.clone(), limit2);
        let limit3 = b.int(0x10000);
        let three = b.int_op(LlOp::IntLt, code.clone(), limit3);
        let count = b.local(b.int(3));
        let lead = b.local(b.int(0xf0));
        b.if_then(self, three, |_rt, b| {
            let n = b.int(2);
            b.set(count, n);
            let l = b.int(0xe0);
            b.set(lead, l);
        });
        b.if_then(self, two, |_rt, b| {
            let n = b.int(1);
            b.set(count, n);
            let l = b.int(0xc0);
            b.set(lead, l);
        });
        let n = b.get(count);
        let six = b.int(6);
        let shift = b.int_op(LlOp::IntMul, n.clone(), six);
        let top = b.int_op(LlOp::IntRshift, code.clone(), shift);
        let l = b.get(lead);
        let first = b.int_op(LlOp::IntOr, top, l);
        let first = byte(b, first);
        self.call(b, put, vec![p.clone(), first]);
        let k = b.local(n);
        b.while_loop(
            self,
            |_rt, b| {
                let v = b.get(k);
                let zero = b.int(0);
                b.int_op(LlOp::IntGt, v, zero)
            },
            |rt, b| {
                let one = b.int(1);
                let v = b.get(k);
                let v1 = b.int_op(LlOp::IntSub, v, one);
                b.set(k, v1.clone());
                let six = b.int(6);
                let sh = b.int_op(LlOp::IntMul, v1, six);
                let bits = b.int_op(LlOp::IntRshift, code.clone(), sh);
                let mask = b.int(0x3f);
                let low = b.int_op(LlOp::IntAnd, bits, mask);
                let cont = b.int(0x80);
                let v = b.int_op(LlOp::IntOr, low, cont);
                let c = byte(b, v);
                rt.call(b, put, vec![p.clone(), c]);
            },
        );
    }
}

impl Rtyper<'_, '_> {
    /// `s[i]` with negative indexes and `IndexError`.
    pub fn str_getitem(&mut self) -> FuncId {
        let (sp, signed, uc) = (self.t.str_ptr, self.t.signed, self.t.unichar);
        self.helper("str_getitem", &[sp, signed], uc, |rt, b| {
            let (s, i) = (b.param(0), b.param(1));
            let len = rt.str_len(b, s.clone());
            let at = rt.checked_index(b, i, len, "string index out of range");
            let c = rt.str_get(b, s, at);
            b.ret(c);
        })
    }

    /// `str(s)` of a nullable str: `"None"` for null.
    pub fn str_or_none(&mut self) -> FuncId {
        let (sp, boolean) = (self.t.str_ptr, self.t.bool);
        self.helper("str_or_none", &[sp], sp, |rt, b| {
            let s = b.param(0);
            let null = b.op(LlOp::PtrIsZero, vec![s.clone()], boolean);
            b.if_then(rt, null, |rt, b| {
                let none = Operand::Const(rt.str_constant("None"));
                b.ret(none);
            });
            b.ret(s);
        })
    }

    /// `str(b)` for a bool.
    pub fn bool_to_str(&mut self) -> FuncId {
        let (sp, boolean) = (self.t.str_ptr, self.t.bool);
        self.helper("bool_to_str", &[boolean], sp, |rt, b| {
            let v = b.param(0);
            b.if_then(rt, v, |rt, b| {
                let t = Operand::Const(rt.str_constant("True"));
                b.ret(t);
            });
            let f = Operand::Const(rt.str_constant("False"));
            b.ret(f);
        })
    }
}

impl Rtyper<'_, '_> {
    /// `s[start:stop]` (step 1; `i64::MIN`/`i64::MAX` for omitted bounds).
    pub fn str_slice(&mut self) -> FuncId {
        let (sp, s) = (self.t.str_ptr, self.t.signed);
        self.helper("str_slice", &[sp, s, s], sp, |rt, b| {
            let (x, start, stop) = (b.param(0), b.param(1), b.param(2));
            let len = rt.str_len(b, x.clone());
            let (start, stop) = rt.clamp_slice(b, start, stop, len);
            let n = b.int_op(LlOp::IntSub, stop, start.clone());
            let out = rt.str_alloc(b, n.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, n, |rt, b, i| {
                let from = b.int_op(LlOp::IntAdd, start.clone(), i.clone());
                let c = rt.str_get(b, x.clone(), from);
                rt.str_set(b, out.clone(), i, c);
            });
            b.ret(out);
        })
    }

    /// `s.find(sub, start)`: the first index at or after `start` where
    /// `sub` occurs, or -1.
    pub fn str_find(&mut self) -> FuncId {
        let (sp, s, boolean) = (self.t.str_ptr, self.t.signed, self.t.bool);
        self.helper("str_find", &[sp, sp, s], s, |rt, b| {
            let (x, sub, start) = (b.param(0), b.param(1), b.param(2));
            let n = rt.str_len(b, x.clone());
            let m = rt.str_len(b, sub.clone());
            let from = b.local(start.clone());
            let zero = b.int(0);
            let negative = b.int_op(LlOp::IntLt, start.clone(), zero.clone());
            b.if_then(rt, negative, |rt, b| {
                let w = b.int_op(LlOp::IntAdd, start.clone(), n.clone());
                b.set(from, w.clone());
                let still = b.int_op(LlOp::IntLt, w, zero.clone());
                b.if_then(rt, still, |_, b| b.set(from, zero.clone()));
            });
            let last = b.int_op(LlOp::IntSub, n, m.clone());
            let one = b.int(1);
            let stop = b.int_op(LlOp::IntAdd, last, one);
            let f = b.get(from);
            b.for_range(rt, f, stop, |rt, b, i| {
                let matched = b.local(b.bool(true));
                let zero = b.int(0);
                b.for_range(rt, zero, m.clone(), |rt, b, k| {
                    let at = b.int_op(LlOp::IntAdd, i.clone(), k.clone());
                    let c1 = rt.str_get(b, x.clone(), at);
                    let c2 = rt.str_get(b, sub.clone(), k);
                    let ne = b.op(LlOp::UniCharNe, vec![c1, c2], boolean);
                    b.if_then(rt, ne, |_, b| {
                        let f = b.bool(false);
                        b.set(matched, f);
                    });
                });
                let ok = b.get(matched);
                b.if_then(rt, ok, |_, b| b.ret(i.clone()));
            });
            let minus = b.int(-1);
            b.ret(minus);
        })
    }
}
