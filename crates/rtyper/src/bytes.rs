//! Bytes and the `os` module: prebuilt bytes, indexing, encoding and
//! decoding, and `os.read`/`os.write`/`os.open`/`os.close` through the
//! table of external functions.
//!
//! `os.write` to file descriptors 1 and 2 first flushes the buffers
//! `print` writes into, so output keeps its order.

use lltype::{ConstValue, Constant, FuncId, Global, Init, LlOp, Operand, Symbolic};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;

/// Linux's `open` flags, as the host's `os` module gives them.
const O_WRONLY: i64 = 0o1;
const O_RDWR: i64 = 0o2;
const O_APPEND: i64 = 0o2000;

impl Rtyper<'_, '_> {
    /// A pointer constant to prebuilt bytes.
    pub fn bytes_constant(&mut self, bytes: &[u8]) -> Constant {
        let key = (true, bytes.iter().map(|b| *b as u32).collect::<Vec<_>>());
        if let Some(&g) = self.strings.get(&key) {
            return Constant::new(ConstValue::Global(g), self.t.bytes_ptr);
        }
        let name = self
            .m
            .fresh_global_name(&format!("bytes_{}", self.strings.len()));
        let ty = self.m.types.pointee(self.t.bytes_ptr).expect("a pointer");
        let g = self
            .m
            .add_global(Global {
                name,
                ty,
                init: Init::Struct(vec![
                    Init::Value(Constant::new(ConstValue::Int(0), self.t.signed)),
                    Init::Bytes(bytes.to_vec()),
                ]),
                immutable: true,
            })
            .expect("a fresh name");
        self.strings.insert(key, g);
        Constant::new(ConstValue::Global(g), self.t.bytes_ptr)
    }

    /// The address of the first byte of a bytes object.
    fn bytes_address(&mut self, b: &mut FnBuilder, x: Operand) -> Operand {
        let (address, signed) = (self.t.address, self.t.signed);
        let ty = self.m.types.pointee(self.t.bytes_ptr).expect("a pointer");
        let base = b.op(LlOp::CastPtrToAdr, vec![x], address);
        let offset = b.konst(ConstValue::Symbolic(Symbolic::ItemsOffset(ty)), signed);
        b.op(LlOp::AdrAdd, vec![base, offset], address)
    }

    fn bytes_len(&mut self, b: &mut FnBuilder, x: Operand) -> Operand {
        let chars = b.name("chars");
        b.op(LlOp::GetInteriorSize, vec![x, chars], self.t.signed)
    }

    /// `b[i]`: an int, `IndexError` out of range.
    pub fn bytes_getitem(&mut self) -> FuncId {
        let (bp, s, ch) = (self.t.bytes_ptr, self.t.signed, self.t.char);
        self.helper("bytes_getitem", &[bp, s], s, |rt, b| {
            let (x, i) = (b.param(0), b.param(1));
            let len = rt.bytes_len(b, x.clone());
            let at = rt.checked_index(b, i, len, "index out of range");
            let chars = b.name("chars");
            let c = b.op(LlOp::GetInterior, vec![x, chars, at], ch);
            let v = b.op(LlOp::CastPrimitive, vec![c], s);
            b.ret(v);
        })
    }

    /// `s.encode(encoding)` for UTF-8 (`utf8`), Latin-1 and ASCII (the
    /// last two raise `ValueError` for characters they cannot encode).
    pub fn str_encode(&mut self, encoding: &str) -> Option<FuncId> {
        let utf8 = matches!(encoding, "utf-8" | "utf8" | "UTF-8");
        let limit = match encoding {
            "latin-1" | "latin1" | "iso-8859-1" => 256,
            "ascii" => 128,
            _ if utf8 => 0,
            _ => return None,
        };
        let (sp, bp, s, ch) = (self.t.str_ptr, self.t.bytes_ptr, self.t.signed, self.t.char);
        let key = format!("str_encode_{limit}");
        Some(self.helper(&key, &[sp], bp, |rt, b| {
            let x = b.param(0);
            let n = rt.str_len(b, x.clone());
            let chars = b.name("chars");
            if !utf8 {
                let out = b.op(LlOp::MallocVarsize, vec![n.clone()], bp);
                let zero = b.int(0);
                b.for_range(rt, zero, n, |rt, b, i| {
                    let c = rt.str_get(b, x.clone(), i.clone());
                    let code = b.op(LlOp::CastPrimitive, vec![c], s);
                    let lim = b.int(limit);
                    let bad = b.int_op(LlOp::IntGe, code.clone(), lim);
                    b.if_then(rt, bad, |rt, b| {
                        rt.raise_builtin(b, "ValueError", "character cannot be encoded")
                    });
                    let byte = b.op(LlOp::CastPrimitive, vec![code], ch);
                    b.effect(LlOp::SetInterior, vec![out.clone(), chars.clone(), i, byte]);
                });
                b.ret(out);
                return;
            }
            // UTF-8: count the bytes, then write them.
            let size = b.local(b.int(0));
            let zero = b.int(0);
            let width = |b: &mut FnBuilder, code: Operand| {
                let w = b.local(b.int(1));
                for limit in [0x80, 0x800, 0x10000] {
                    let l = b.int(limit);
                    let above = b.int_op(LlOp::IntGe, code.clone(), l);
                    b.if_then(&mut (), above, |_, b| {
                        let v = b.get(w);
                        let one = b.int(1);
                        let v = b.int_op(LlOp::IntAdd, v, one);
                        b.set(w, v);
                    });
                }
                b.get(w)
            };
            b.for_range(rt, zero.clone(), n.clone(), |rt, b, i| {
                let c = rt.str_get(b, x.clone(), i);
                let code = b.op(LlOp::CastPrimitive, vec![c], s);
                let w = width(b, code);
                let v = b.get(size);
                let v = b.int_op(LlOp::IntAdd, v, w);
                b.set(size, v);
            });
            let total = b.get(size);
            let out = b.op(LlOp::MallocVarsize, vec![total], bp);
            let at = b.local(zero.clone());
            b.for_range(rt, zero, n, |rt, b, i| {
                let c = rt.str_get(b, x.clone(), i);
                let code = b.op(LlOp::CastPrimitive, vec![c], s);
                let w = width(b, code.clone());
                let put = |b: &mut FnBuilder, v: Operand| {
                    let byte = b.op(LlOp::CastPrimitive, vec![v], ch);
                    let p = b.get(at);
                    b.effect(
                        LlOp::SetInterior,
                        vec![out.clone(), chars.clone(), p.clone(), byte],
                    );
                    let one = b.int(1);
                    let p1 = b.int_op(LlOp::IntAdd, p, one);
                    b.set(at, p1);
                };
                let one = b.int(1);
                let single = b.int_op(LlOp::IntEq, w.clone(), one);
                b.if_else(
                    &mut (),
                    single,
                    |_, b| put(b, code.clone()),
                    |_, b| {
                        // The lead byte carries the width's marker bits.
                        let one = b.int(1);
                        let extra = b.int_op(LlOp::IntSub, w.clone(), one);
                        let six = b.int(6);
                        let shift = b.int_op(LlOp::IntMul, extra.clone(), six);
                        let top = b.int_op(LlOp::IntRshift, code.clone(), shift);
                        let marker = b.local(b.int(0xc0));
                        for (k, m) in [(2, 0xe0), (3, 0xf0)] {
                            let kk = b.int(k);
                            let is = b.int_op(LlOp::IntEq, extra.clone(), kk);
                            b.if_then(&mut (), is, |_, b| {
                                let v = b.int(m);
                                b.set(marker, v);
                            });
                        }
                        let m = b.get(marker);
                        let lead = b.int_op(LlOp::IntOr, top, m);
                        put(b, lead);
                        let k = b.local(extra);
                        b.while_loop(
                            &mut (),
                            |_, b| {
                                let v = b.get(k);
                                let zero = b.int(0);
                                b.int_op(LlOp::IntGt, v, zero)
                            },
                            |_, b| {
                                let v = b.get(k);
                                let one = b.int(1);
                                let v1 = b.int_op(LlOp::IntSub, v, one);
                                b.set(k, v1.clone());
                                let six = b.int(6);
                                let sh = b.int_op(LlOp::IntMul, v1, six);
                                let bits = b.int_op(LlOp::IntRshift, code.clone(), sh);
                                let mask = b.int(0x3f);
                                let low = b.int_op(LlOp::IntAnd, bits, mask);
                                let cont = b.int(0x80);
                                let byte = b.int_op(LlOp::IntOr, low, cont);
                                put(b, byte);
                            },
                        );
                    },
                );
            });
            b.ret(out);
        }))
    }

    /// `b.decode(encoding)` for UTF-8 and Latin-1/ASCII.
    pub fn bytes_decode(&mut self, encoding: &str) -> Option<FuncId> {
        let utf8 = matches!(encoding, "utf-8" | "utf8" | "UTF-8");
        let latin = matches!(encoding, "latin-1" | "latin1" | "iso-8859-1" | "ascii");
        if !utf8 && !latin {
            return None;
        }
        let (sp, bp, s, uc, ch) = (
            self.t.str_ptr,
            self.t.bytes_ptr,
            self.t.signed,
            self.t.unichar,
            self.t.char,
        );
        let decode = self.utf8_decode();
        let key = if utf8 {
            "bytes_decode_utf8"
        } else {
            "bytes_decode_latin1"
        };
        Some(self.helper(key, &[bp], sp, |rt, b| {
            let x = b.param(0);
            let n = rt.bytes_len(b, x.clone());
            if utf8 {
                let adr = rt.bytes_address(b, x);
                let out = rt.call(b, decode, vec![adr, n]);
                b.ret(out);
                return;
            }
            let out = rt.str_alloc(b, n.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, n, |rt, b, i| {
                let chars = b.name("chars");
                let c = b.op(LlOp::GetInterior, vec![x.clone(), chars, i.clone()], ch);
                let code = b.op(LlOp::CastPrimitive, vec![c], s);
                let u = b.op(LlOp::CastPrimitive, vec![code], uc);
                rt.str_set(b, out.clone(), i, u);
            });
            b.ret(out);
        }))
    }

    /// Flushes the output buffers of `print` before a direct write.
    fn flush_print_buffers(&mut self, b: &mut FnBuilder) {
        let flush = self.buffer_flush();
        for fd in [1, 2] {
            let buf = Operand::Const(self.out_buffer(fd));
            self.call(b, flush, vec![buf]);
        }
    }

    /// `os.write(fd, data)`: the count written; `OSError` on failure.
    pub fn os_write(&mut self) -> FuncId {
        let (bp, s) = (self.t.bytes_ptr, self.t.signed);
        let write = self.external("rpy_write");
        self.helper("os_write", &[s, bp], s, |rt, b| {
            let (fd, x) = (b.param(0), b.param(1));
            rt.flush_print_buffers(b);
            let n = rt.bytes_len(b, x.clone());
            let adr = rt.bytes_address(b, x);
            let r = rt.call(b, write, vec![fd, adr, n]);
            let zero = b.int(0);
            let failed = b.int_op(LlOp::IntLt, r.clone(), zero);
            b.if_then(rt, failed, |rt, b| {
                rt.raise_builtin(b, "OSError", "write failed")
            });
            b.ret(r);
        })
    }

    /// `os.read(fd, n)`: up to `n` bytes, empty at the end.
    pub fn os_read(&mut self) -> FuncId {
        let (bp, s, ch) = (self.t.bytes_ptr, self.t.signed, self.t.char);
        let read = self.external("rpy_read");
        self.helper("os_read", &[s, s], bp, |rt, b| {
            let (fd, n) = (b.param(0), b.param(1));
            rt.flush_print_buffers(b);
            let buf = b.op(LlOp::MallocVarsize, vec![n.clone()], bp);
            let adr = rt.bytes_address(b, buf.clone());
            let got = rt.call(b, read, vec![fd, adr, n.clone()]);
            let zero = b.int(0);
            let failed = b.int_op(LlOp::IntLt, got.clone(), zero.clone());
            b.if_then(rt, failed, |rt, b| {
                rt.raise_builtin(b, "OSError", "read failed")
            });
            let full = b.int_op(LlOp::IntEq, got.clone(), n);
            b.if_then(rt, full, |_, b| b.ret(buf.clone()));
            let out = b.op(LlOp::MallocVarsize, vec![got.clone()], bp);
            b.for_range(rt, zero, got, |_, b, i| {
                let chars = b.name("chars");
                let c = b.op(
                    LlOp::GetInterior,
                    vec![buf.clone(), chars.clone(), i.clone()],
                    ch,
                );
                b.effect(LlOp::SetInterior, vec![out.clone(), chars, i, c]);
            });
            b.ret(out);
        })
    }

    /// `os.open(path, flags, mode)`: a descriptor; `OSError` on failure.
    pub fn os_open(&mut self) -> FuncId {
        let (sp, s) = (self.t.str_ptr, self.t.signed);
        let encode = self.str_encode("utf-8").expect("utf-8 is supported");
        let open = self.external("rpy_open");
        self.helper("os_open", &[sp, s, s], s, |rt, b| {
            let (path, flags, mode) = (b.param(0), b.param(1), b.param(2));
            let bytes = rt.call(b, encode, vec![path]);
            let n = rt.bytes_len(b, bytes.clone());
            let adr = rt.bytes_address(b, bytes);
            // The table's access codes: 0 read, 1 write-create-truncate,
            // 2 append-create, 3 read-write.
            let how = b.local(b.int(0));
            let bits = |b: &mut FnBuilder, mask: i64| {
                let m = b.int(mask);
                let v = b.int_op(LlOp::IntAnd, flags.clone(), m);
                let zero = b.int(0);
                b.int_op(LlOp::IntNe, v, zero)
            };
            let w = bits(b, O_WRONLY);
            b.if_then(rt, w, |_, b| {
                let v = b.int(1);
                b.set(how, v);
            });
            let a = bits(b, O_APPEND);
            b.if_then(rt, a, |_, b| {
                let v = b.int(2);
                b.set(how, v);
            });
            let rw = bits(b, O_RDWR);
            b.if_then(rt, rw, |_, b| {
                let v = b.int(3);
                b.set(how, v);
            });
            let h = b.get(how);
            let fd = rt.call(b, open, vec![adr, n, h, mode]);
            let zero = b.int(0);
            let failed = b.int_op(LlOp::IntLt, fd.clone(), zero);
            b.if_then(rt, failed, |rt, b| {
                rt.raise_builtin(b, "OSError", "No such file or directory")
            });
            b.ret(fd);
        })
    }

    /// `os.close(fd)`.
    pub fn os_close(&mut self) -> FuncId {
        let (s, void) = (self.t.signed, self.t.void);
        let close = self.external("rpy_close");
        self.helper("os_close", &[s], void, |rt, b| {
            let fd = b.param(0);
            let r = rt.call(b, close, vec![fd]);
            let zero = b.int(0);
            let failed = b.int_op(LlOp::IntLt, r, zero);
            b.if_then(rt, failed, |rt, b| {
                rt.raise_builtin(b, "OSError", "close failed")
            });
            b.ret_void();
        })
    }
}
