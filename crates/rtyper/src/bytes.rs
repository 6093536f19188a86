//! Bytes and the `os` module: prebuilt bytes, indexing, and `os.read`/`os.write`/`os.open`/`os.close` through the
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
    pub(crate) fn bytes_address(&mut self, b: &mut FnBuilder, x: Operand) -> Operand {
        let (address, signed) = (self.t.address, self.t.signed);
        let ty = self.m.types.pointee(self.t.bytes_ptr).expect("a pointer");
        let base = b.op(LlOp::CastPtrToAdr, vec![x], address);
        let offset = b.konst(ConstValue::Symbolic(Symbolic::ItemsOffset(ty)), signed);
        b.op(LlOp::AdrAdd, vec![base, offset], address)
    }

    pub(crate) fn bytes_len(&mut self, b: &mut FnBuilder, x: Operand) -> Operand {
        let chars = b.name("chars");
        b.op(LlOp::GetInteriorSize, vec![x, chars], self.t.signed)
    }

    /// `b[start:stop]`, the bounds clamped as for str.
    pub fn bytes_slice(&mut self) -> FuncId {
        let (bp, s, ch) = (self.t.bytes_ptr, self.t.signed, self.t.char);
        self.helper("bytes_slice", &[bp, s, s], bp, |rt, b| {
            let (x, start, stop) = (b.param(0), b.param(1), b.param(2));
            let len = rt.bytes_len(b, x.clone());
            let (start, stop) = rt.clamp_slice(b, start, stop, len);
            let n = b.int_op(LlOp::IntSub, stop, start.clone());
            let out = b.op(LlOp::MallocVarsize, vec![n.clone()], bp);
            let zero = b.int(0);
            b.for_range(rt, zero, n, |_, b, i| {
                let from = b.int_op(LlOp::IntAdd, start.clone(), i.clone());
                let chars = b.name("chars");
                let c = b.op(LlOp::GetInterior, vec![x.clone(), chars.clone(), from], ch);
                b.effect(LlOp::SetInterior, vec![out.clone(), chars, i, c]);
            });
            b.ret(out);
        })
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
        // File names are encoded as CPython's `os.fsencode` does.
        let encode = self
            .str_encode("utf-8", crate::helpers::SURROGATEESCAPE)
            .expect("utf-8 is supported");
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
