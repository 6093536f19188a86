//! Bytes and the `os` module: prebuilt bytes, indexing, and `os.read`/`os.write`/`os.open`/`os.close` through the
//! table of external functions.
//!
//! `os.write` to file descriptors 1 and 2 first flushes the buffers
//! `print` writes into, so output keeps its order.

use lltype::{ConstValue, Constant, FuncId, Global, Init, LlOp, Operand, Symbolic};

use frontend::host::Value;

use crate::builder::FnBuilder;
use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOperand = flowgraph::Operand<Value>;

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

    /// `bytes()`, `bytes(n)` (zeros), `bytes(b)`, `bytes(ints)` (a list,
    /// tuple, range or iterator of ints, each in `range(0, 256)`) and
    /// `bytes(s, encoding[, errors])`.
    pub fn call_bytes(
        &mut self,
        cx: &mut GraphCx,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let r = args.first().map(|a| self.operand_repr(cx, a));
        let v = match r {
            None => Operand::Const(self.bytes_constant(b"")),
            Some(Repr::Int | Repr::Bool) => {
                let n = self.operand_as(cx, &args[0], &Repr::Int)?;
                let f = self.bytes_zeros();
                self.call_raising(cx, f, vec![n])
            }
            Some(Repr::Bytes | Repr::Char) => self.operand_as(cx, &args[0], &Repr::Bytes)?,
            Some(Repr::Str | Repr::UniChar) if args.len() > 1 => {
                let text = |i: usize| match args.get(i) {
                    Some(FlowOperand::Const(Value::Str(s))) => Some(s.as_str().to_string()),
                    _ => None,
                };
                let (Some(encoding), errors) = (text(1), text(2)) else {
                    return Err(cx.error("the encoding must be a constant"));
                };
                let errors = errors.unwrap_or_else(|| "strict".into());
                let Some(handler) = crate::helpers::error_handler(&errors) else {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: the error handler `{errors}`"
                    )));
                };
                let Some(f) = self.str_encode(&encoding, handler) else {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: the encoding `{encoding}`"
                    )));
                };
                let s = self.operand_as(cx, &args[0], &Repr::Str)?;
                self.call_raising(cx, f, vec![s])
            }
            Some(Repr::Tuple(items)) => {
                let mut values = Vec::new();
                for (k, item) in items.iter().enumerate() {
                    let t = self.operand_as(cx, &args[0], &Repr::Tuple(items.clone()))?;
                    let name = self.name_const(&format!("item{k}"));
                    let lt = self.lltype(item);
                    let x = cx.emit(LlOp::GetField, vec![t, name], lt);
                    values.push(self.convert(cx, x, item, &Repr::Int)?);
                }
                let list = Repr::FixedList(Box::new(Repr::Int));
                let lt = self.lltype(&list);
                let n = Operand::Const(Constant::new(
                    ConstValue::Int(values.len() as i128),
                    self.t.signed,
                ));
                let l = cx.emit(LlOp::MallocVarsize, vec![n], lt);
                for (k, x) in values.into_iter().enumerate() {
                    let i =
                        Operand::Const(Constant::new(ConstValue::Int(k as i128), self.t.signed));
                    cx.emit(LlOp::SetArrayItem, vec![l.clone(), i, x], self.t.void);
                }
                let f = self.bytes_from_list(&list);
                self.call_raising(cx, f, vec![l])
            }
            Some(_) => {
                let (l, lr) = self.seq_operand(cx, &args[0])?;
                let l = match lr {
                    Repr::List(_) | Repr::FixedList(_) => l,
                    Repr::Range => {
                        let list = Repr::List(Box::new(Repr::Int));
                        let f = self.range_to_list(&list);
                        let l = self.call_in(cx, f, vec![l]);
                        let f = self.bytes_from_list(&list);
                        let b = self.call_raising(cx, f, vec![l]);
                        return self.convert(cx, b, &Repr::Bytes, result);
                    }
                    other => {
                        return Err(cx.error(format!(
                            "not supported yet by the translator: bytes() of {}",
                            self.describe_repr(&other)
                        )))
                    }
                };
                let f = self.bytes_from_list(&lr);
                self.call_raising(cx, f, vec![l])
            }
        };
        self.convert(cx, v, &Repr::Bytes, result)
    }

    /// `bytes(n)`: `n` zero bytes; `ValueError` if `n` is negative.
    fn bytes_zeros(&mut self) -> FuncId {
        let (bp, s) = (self.t.bytes_ptr, self.t.signed);
        self.helper("bytes_zeros", &[s], bp, |rt, b| {
            let n = b.param(0);
            let zero = b.int(0);
            let negative = b.int_op(LlOp::IntLt, n.clone(), zero);
            b.if_then(rt, negative, |rt, b| {
                rt.raise_builtin(b, "ValueError", "negative count")
            });
            let out = b.op(LlOp::MallocVarsize, vec![n], bp);
            b.ret(out);
        })
    }

    /// `bytes(list)` of a list of ints: `ValueError` for an item outside
    /// `range(0, 256)`.
    fn bytes_from_list(&mut self, list: &Repr) -> FuncId {
        let (bp, s, ch) = (self.t.bytes_ptr, self.t.signed, self.t.char);
        let lt = self.lltype(list);
        let key = format!("bytes_from_list_{}", lt.as_u32());
        let list = list.clone();
        self.helper(&key, &[lt], bp, |rt, b| {
            let l = b.param(0);
            let n = rt.sequence_len(b, &list, l.clone());
            let out = b.op(LlOp::MallocVarsize, vec![n.clone()], bp);
            let zero = b.int(0);
            b.for_range(rt, zero, n, |rt, b, i| {
                let x = rt.list_get(b, &list, l.clone(), i.clone());
                let x = b.op(LlOp::CastPrimitive, vec![x], s);
                // One unsigned comparison rejects negative items too.
                let unsigned = b.op(LlOp::CastPrimitive, vec![x.clone()], rt.t.unsigned);
                let limit = b.konst(ConstValue::Int(256), rt.t.unsigned);
                let out_of_range = b.op(LlOp::UintGe, vec![unsigned, limit], rt.t.bool);
                b.if_then(rt, out_of_range, |rt, b| {
                    rt.raise_builtin(b, "ValueError", "bytes must be in range(0, 256)")
                });
                let byte = b.op(LlOp::CastPrimitive, vec![x], ch);
                let chars = b.name("chars");
                b.effect(LlOp::SetInterior, vec![out.clone(), chars, i, byte]);
            });
            b.ret(out);
        })
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

    /// Raises the `OSError` of a failed external call, whose result is
    /// `-errno` when negative; `filename` is the path it was about.
    pub fn raise_if_os_error(
        &mut self,
        b: &mut FnBuilder,
        result: Operand,
        filename: Option<Operand>,
    ) {
        let raise = self.rpython_helper("raise_os_error");
        let zero = b.int(0);
        let failed = b.int_op(LlOp::IntLt, result.clone(), zero);
        b.if_then(self, failed, |rt, b| {
            let zero = b.int(0);
            let errno = b.int_op(LlOp::IntSub, zero, result);
            let name = filename.unwrap_or_else(|| b.null(rt.t.str_ptr));
            rt.call(b, raise, vec![errno, name]);
        });
    }

    /// Flushes the output buffers of `print` before a direct write.
    fn flush_print_buffers(&mut self, b: &mut FnBuilder) {
        let flush = self.buffer_flush_checked();
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
            rt.raise_if_os_error(b, r.clone(), None);
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
            // A negative count is EINVAL, before the descriptor is looked at.
            let zero = b.int(0);
            let negative = b.int_op(LlOp::IntLt, n.clone(), zero);
            b.if_then(rt, negative, |rt, b| {
                let einval = b.int(-22);
                rt.raise_if_os_error(b, einval, None);
            });
            let buf = b.op(LlOp::MallocVarsize, vec![n.clone()], bp);
            let adr = rt.bytes_address(b, buf.clone());
            let got = rt.call(b, read, vec![fd, adr, n.clone()]);
            rt.raise_if_os_error(b, got.clone(), None);
            let zero = b.int(0);
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
            let bytes = rt.call(b, encode, vec![path.clone()]);
            let n = rt.bytes_len(b, bytes.clone());
            let adr = rt.bytes_address(b, bytes);
            let fd = rt.call(b, open, vec![adr, n, flags, mode]);
            rt.raise_if_os_error(b, fd.clone(), Some(path));
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
            rt.raise_if_os_error(b, r, None);
            b.ret_void();
        })
    }
}
