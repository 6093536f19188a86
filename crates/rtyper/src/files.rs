//! File objects: `open()`, `sys.stdin`/`sys.stdout`/`sys.stderr`, and
//! their methods, over the external functions.
//!
//! A file is a GC struct `{fd, closed, loaded, data, pos}`. Reading loads
//! everything the descriptor has left on first use and decodes it as
//! UTF-8; `read`, `readline` and iteration then slice the loaded text.
//! Writes to descriptors 1 and 2 go through `print`'s buffers (so output
//! keeps its order); other writes are encoded and written at once.

use frontend::host::{Object, Value};
use lltype::{ConstValue, Constant, Field, FuncId, Global, Init, LlOp, Operand, Symbolic, TypeId};

use crate::builder::FnBuilder;
use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::helpers::SURROGATEESCAPE;
use crate::repr::Repr;

type FlowOperand = flowgraph::Operand<Value>;

impl Rtyper<'_, '_> {
    /// The file struct.
    pub fn file_struct(&mut self) -> TypeId {
        if let Some(t) = self.m.types.struct_named("rpy_file") {
            return t;
        }
        let t = self
            .m
            .types
            .declare_struct("rpy_file", true)
            .expect("fresh");
        let field = |name: &str, ty| Field {
            name: name.into(),
            ty,
        };
        let fields = vec![
            field("fd", self.t.signed),
            field("closed", self.t.bool),
            field("loaded", self.t.bool),
            field("data", self.t.str_ptr),
            field("pos", self.t.signed),
            // The decoding error handler: strict for files, as CPython's
            // `open()`; surrogateescape for the standard streams, as
            // CPython's in a UTF-8 locale.
            field("errors", self.t.signed),
        ];
        self.m.types.define_struct(t, fields).expect("fields");
        t
    }

    /// A prebuilt file object (`sys.stdout` and friends), by descriptor.
    pub fn file_constant(&mut self, v: &Value) -> Result<Constant, String> {
        let fd = match v {
            Value::Ref(r) => match self.ann.vm().heap.get(*r) {
                Object::File(f) => f.fd as i64,
                _ => return Err("not a file".into()),
            },
            _ => return Err("not a file".into()),
        };
        let ty = self.file_struct();
        let ptr = self.m.types.ptr(ty).expect("struct");
        let name = format!("rpy_file_{fd}");
        let g = match self.m.global_named(&name) {
            Some(g) => g,
            None => self
                .m
                .add_global(Global {
                    name,
                    ty,
                    init: Init::Struct(vec![
                        Init::Value(Constant::new(ConstValue::Int(fd.into()), self.t.signed)),
                        Init::Value(Constant::new(ConstValue::Bool(false), self.t.bool)),
                        Init::Value(Constant::new(ConstValue::Bool(false), self.t.bool)),
                        Init::Value(Constant::new(ConstValue::Null, self.t.str_ptr)),
                        Init::Value(Constant::new(ConstValue::Int(0), self.t.signed)),
                        Init::Value(Constant::new(
                            ConstValue::Int(SURROGATEESCAPE.into()),
                            self.t.signed,
                        )),
                    ]),
                    immutable: false,
                })
                .expect("fresh"),
        };
        Ok(Constant::new(ConstValue::Global(g), ptr))
    }

    /// Everything a descriptor has left, as bytes.
    fn fd_read_all(&mut self) -> FuncId {
        let (bp, s, ch, address) = (self.t.bytes_ptr, self.t.signed, self.t.char, self.t.address);
        let read = self.external("rpy_read");
        let bytes_ty = self.m.types.pointee(bp).expect("a pointer");
        self.helper("fd_read_all", &[s], bp, |rt, b| {
            let fd = b.param(0);
            let cap = b.int(65536);
            let first = b.op(LlOp::MallocVarsize, vec![cap], bp);
            let buf = b.local(first);
            let len = b.local(b.int(0));
            let done = b.local(b.bool(false));
            b.while_loop(
                rt,
                |_, b| {
                    let d = b.get(done);
                    b.op(LlOp::BoolNot, vec![d], rt_bool(b))
                },
                |rt, b| {
                    let cur = b.get(buf);
                    let chars = b.name("chars");
                    let size = b.op(LlOp::GetInteriorSize, vec![cur.clone(), chars.clone()], s);
                    let l = b.get(len);
                    let full = b.int_op(LlOp::IntGe, l.clone(), size.clone());
                    b.if_then(rt, full, |rt, b| {
                        let two = b.int(2);
                        let bigger = b.int_op(LlOp::IntMul, size.clone(), two);
                        let fresh = b.op(LlOp::MallocVarsize, vec![bigger], bp);
                        let zero = b.int(0);
                        b.for_range(rt, zero, l.clone(), |_, b, i| {
                            let c = b.op(
                                LlOp::GetInterior,
                                vec![cur.clone(), chars.clone(), i.clone()],
                                ch,
                            );
                            b.effect(LlOp::SetInterior, vec![fresh.clone(), chars.clone(), i, c]);
                        });
                        b.set(buf, fresh);
                    });
                    let cur = b.get(buf);
                    let size = b.op(LlOp::GetInteriorSize, vec![cur.clone(), chars], s);
                    let base = b.op(LlOp::CastPtrToAdr, vec![cur], address);
                    let off = b.konst(ConstValue::Symbolic(Symbolic::ItemsOffset(bytes_ty)), s);
                    let items = b.op(LlOp::AdrAdd, vec![base, off], address);
                    let l = b.get(len);
                    let at = b.op(LlOp::AdrAdd, vec![items, l.clone()], address);
                    let room = b.int_op(LlOp::IntSub, size, l.clone());
                    let got = rt.call(b, read, vec![fd.clone(), at, room]);
                    rt.raise_if_os_error(b, got.clone(), None);
                    let zero = b.int(0);
                    let end = b.int_op(LlOp::IntLe, got.clone(), zero);
                    b.if_else(
                        rt,
                        end,
                        |_, b| {
                            let t = b.bool(true);
                            b.set(done, t);
                        },
                        |_, b| {
                            let n = b.int_op(LlOp::IntAdd, l, got);
                            b.set(len, n);
                        },
                    );
                },
            );
            let cur = b.get(buf);
            let l = b.get(len);
            let out = b.op(LlOp::MallocVarsize, vec![l.clone()], bp);
            let zero = b.int(0);
            b.for_range(rt, zero, l, |_, b, i| {
                let chars = b.name("chars");
                let c = b.op(
                    LlOp::GetInterior,
                    vec![cur.clone(), chars.clone(), i.clone()],
                    ch,
                );
                b.effect(LlOp::SetInterior, vec![out.clone(), chars, i, c]);
            });
            b.ret(out);
        })
    }

    /// Loads a file's remaining contents once.
    fn file_load(&mut self) -> FuncId {
        let fp = {
            let t = self.file_struct();
            self.m.types.ptr(t).expect("struct")
        };
        let (void, boolean, sp) = (self.t.void, self.t.bool, self.t.str_ptr);
        let read_all = self.fd_read_all();
        let decode = self.rpython_helper("utf8_decode");
        self.helper("file_load", &[fp], void, |rt, b| {
            let f = b.param(0);
            let loaded = b.getfield(f.clone(), "loaded", boolean);
            b.if_then(rt, loaded, |_, b| b.ret_void());
            let closed = b.getfield(f.clone(), "closed", boolean);
            b.if_then(rt, closed, |rt, b| {
                rt.raise_builtin(b, "ValueError", "I/O operation on closed file.")
            });
            let fd = b.getfield(f.clone(), "fd", rt.t.signed);
            let bytes = rt.call(b, read_all, vec![fd]);
            let zero = b.int(0);
            let n = b.op(
                LlOp::GetInteriorSize,
                vec![bytes.clone(), b.name("chars")],
                rt.t.signed,
            );
            let errors = b.getfield(f.clone(), "errors", rt.t.signed);
            let text = rt.call(b, decode, vec![bytes, zero, n, errors]);
            let _ = sp;
            b.setfield(f.clone(), "data", text);
            let zero = b.int(0);
            b.setfield(f.clone(), "pos", zero);
            let t = b.bool(true);
            b.setfield(f, "loaded", t);
            b.ret_void();
        })
    }

    /// `f.read()` (everything left) or `f.readline()` (up to and with the
    /// next newline; empty at the end).
    pub fn file_read(&mut self, line: bool) -> FuncId {
        let fp = {
            let t = self.file_struct();
            self.m.types.ptr(t).expect("struct")
        };
        let (s, sp, uc) = (self.t.signed, self.t.str_ptr, self.t.unichar);
        let load = self.file_load();
        let slice = self.str_slice();
        let key = if line { "file_readline" } else { "file_read" };
        self.helper(key, &[fp], sp, |rt, b| {
            let f = b.param(0);
            rt.call(b, load, vec![f.clone()]);
            let data = b.getfield(f.clone(), "data", sp);
            let pos = b.getfield(f.clone(), "pos", s);
            let len = rt.str_len(b, data.clone());
            let end = b.local(len.clone());
            if line {
                let i = b.local(pos.clone());
                let found = b.local(b.bool(false));
                b.while_loop(
                    rt,
                    |_, b| {
                        let v = b.get(i);
                        let more = b.int_op(LlOp::IntLt, v, len.clone());
                        let f = b.get(found);
                        let not_found = b.op(LlOp::BoolNot, vec![f], rt_bool(b));
                        b.bool_and(more, not_found)
                    },
                    |rt, b| {
                        let v = b.get(i);
                        let c = rt.str_get(b, data.clone(), v.clone());
                        let nl = b.konst(ConstValue::Int('\n' as i128), uc);
                        let is_nl = b.op(LlOp::UniCharEq, vec![c, nl], rt.t.bool);
                        let one = b.int(1);
                        let next = b.int_op(LlOp::IntAdd, v, one);
                        b.set(i, next.clone());
                        b.if_then(rt, is_nl, |_, b| {
                            b.set(end, next);
                            let t = b.bool(true);
                            b.set(found, t);
                        });
                    },
                );
            }
            let e = b.get(end);
            let text = rt.call(b, slice, vec![data, pos, e.clone()]);
            b.setfield(f, "pos", e);
            b.ret(text);
        })
    }

    /// `f.write(s)`: the number of characters written.
    pub fn file_write(&mut self) -> FuncId {
        let fp = {
            let t = self.file_struct();
            self.m.types.ptr(t).expect("struct")
        };
        let (s, sp) = (self.t.signed, self.t.str_ptr);
        let write_str = self.buffer_write_str();
        let encode = self
            .str_encode("utf-8", crate::helpers::STRICT)
            .expect("utf-8");
        let os_write = self.os_write();
        self.helper("file_write", &[fp, sp], s, |rt, b| {
            let (f, text) = (b.param(0), b.param(1));
            let n = rt.str_len(b, text.clone());
            let fd = b.getfield(f, "fd", s);
            for k in [1, 2] {
                let kk = b.int(k);
                let is = b.int_op(LlOp::IntEq, fd.clone(), kk);
                b.if_then(rt, is, |rt, b| {
                    let buf = Operand::Const(rt.out_buffer(k));
                    rt.call(b, write_str, vec![buf, text.clone()]);
                    b.ret(n.clone());
                });
            }
            let bytes = rt.call(b, encode, vec![text]);
            rt.call(b, os_write, vec![fd, bytes]);
            b.ret(n);
        })
    }

    /// `open(path, mode)`: mode `r`, `w` or `a` (text).
    pub fn file_open(&mut self) -> FuncId {
        let t = self.file_struct();
        let fp = self.m.types.ptr(t).expect("struct");
        let (s, sp) = (self.t.signed, self.t.str_ptr);
        let os_open = self.os_open();
        let is_directory = self.external("rpy_fd_is_directory");
        let close = self.external("rpy_close");
        self.helper("file_open", &[sp, s], fp, |rt, b| {
            let (path, flags) = (b.param(0), b.param(1));
            let mode = b.int(0o666);
            let fd = rt.call(b, os_open, vec![path.clone(), flags, mode]);
            // As CPython's `open()`: a directory opens, then fails.
            let dir = rt.call(b, is_directory, vec![fd.clone()]);
            let one = b.int(1);
            let is_dir = b.int_op(LlOp::IntEq, dir, one);
            b.if_then(rt, is_dir, |rt, b| {
                rt.call(b, close, vec![fd.clone()]);
                let eisdir = b.int(-21);
                rt.raise_if_os_error(b, eisdir, Some(path.clone()));
            });
            let f = b.op(LlOp::Malloc, Vec::new(), fp);
            b.setfield(f.clone(), "fd", fd);
            b.ret(f);
        })
    }

    /// `f.close()`.
    pub fn file_close(&mut self) -> FuncId {
        let fp = {
            let t = self.file_struct();
            self.m.types.ptr(t).expect("struct")
        };
        let (void, boolean, s) = (self.t.void, self.t.bool, self.t.signed);
        let close = self.os_close();
        let flush = self.buffer_flush_checked();
        self.helper("file_close", &[fp], void, |rt, b| {
            let f = b.param(0);
            let closed = b.getfield(f.clone(), "closed", boolean);
            b.if_then(rt, closed, |_, b| b.ret_void());
            let t = b.bool(true);
            b.setfield(f.clone(), "closed", t);
            let fd = b.getfield(f, "fd", s);
            let two = b.int(2);
            let standard = b.int_op(LlOp::IntLe, fd.clone(), two);
            b.if_else(
                rt,
                standard,
                |rt, b| {
                    for k in [1, 2] {
                        let buf = Operand::Const(rt.out_buffer(k));
                        rt.call(b, flush, vec![buf]);
                    }
                },
                |rt, b| {
                    rt.call(b, close, vec![fd.clone()]);
                },
            );
            b.ret_void();
        })
    }

    /// `open(path[, mode])` in a graph.
    pub fn call_open(
        &mut self,
        cx: &mut GraphCx,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let mode = match args.get(1) {
            None => "r".to_string(),
            Some(FlowOperand::Const(Value::Str(m))) => m.as_str().to_string(),
            Some(_) => {
                return Err(cx.error(
                    "not supported yet by the translator: a file mode that is not a constant",
                ))
            }
        };
        // The flags the host's `os` module uses for each mode (Linux).
        let flags: i64 = match mode.as_str() {
            "r" | "rt" => 0,
            "w" | "wt" => 0o1 | 0o100 | 0o1000,
            "a" | "at" => 0o1 | 0o100 | 0o2000,
            "r+" => 0o2,
            _ => {
                return Err(cx.error(format!(
                    "not supported yet by the translator: the file mode `{mode}`"
                )))
            }
        };
        let path = self.operand_as(cx, &args[0], &Repr::Str)?;
        let flags = Operand::Const(Constant::new(ConstValue::Int(flags.into()), self.t.signed));
        let f = self.file_open();
        let v = self.call_raising(cx, f, vec![path, flags]);
        self.convert(cx, v, &Repr::File, result)
    }

    /// The methods of file objects.
    pub fn call_file_method(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        this: Operand,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        match name {
            "read" | "readline" => {
                if !args.is_empty() {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: {name}() with a size"
                    )));
                }
                let f = self.file_read(name == "readline");
                let v = self.call_raising(cx, f, vec![this]);
                self.convert(cx, v, &Repr::Str, result)
            }
            "write" => {
                let text = self.operand_as(cx, &args[0], &Repr::Str)?;
                let f = self.file_write();
                Ok(self.call_raising(cx, f, vec![this, text]))
            }
            "close" | "__exit__" => {
                let f = self.file_close();
                self.call_raising(cx, f, vec![this]);
                if name == "__exit__" {
                    Ok(Operand::Const(Constant::new(
                        ConstValue::Bool(false),
                        self.t.bool,
                    )))
                } else {
                    Ok(self.void_const())
                }
            }
            "__enter__" => self.convert(cx, this, &Repr::File, result),
            "flush" => {
                let flush = self.buffer_flush_checked();
                for k in [1, 2] {
                    let buf = Operand::Const(self.out_buffer(k));
                    self.call_raising(cx, flush, vec![buf]);
                }
                Ok(self.void_const())
            }
            _ => Err(cx.error(format!(
                "not supported yet by the translator: the file method `{name}`"
            ))),
        }
    }
}

fn rt_bool(b: &FnBuilder) -> TypeId {
    b.bool_type()
}
