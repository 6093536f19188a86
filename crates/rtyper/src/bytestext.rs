//! The text operations of `bytes` (`+`, `*`, slices, comparisons, the
//! str-like methods, `repr`), done by the str helpers on the bytes read
//! as Latin-1: every byte becomes the code point of the same value, the
//! str helper runs, and a bytes result is made back from code points
//! below 256. The methods whose meaning differs for bytes are adapted:
//! `upper`/`lower` and the `is...` predicates only know ASCII, and
//! `strip()` strips ASCII whitespace only. (`split()` without a separator
//! still also splits at the bytes 0x1c-0x1f, 0x85 and 0xa0, which CPython
//! does for str only.)

use frontend::host::Value;
use lltype::{ConstValue, Constant, FuncId, LlOp, Operand};

use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOperand = flowgraph::Operand<Value>;

/// The whitespace `bytes.strip()` removes.
const BYTES_SPACE: &str = " \t\n\r\x0b\x0c";

impl Rtyper<'_, '_> {
    /// An operand as a `Str`; a bytes one (constant or not) as its
    /// Latin-1 text.
    pub fn str_operand(
        &mut self,
        cx: &mut GraphCx,
        a: &FlowOperand,
    ) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, a);
        if matches!(r, Repr::Bytes | Repr::Char) {
            let v = self.operand_as(cx, a, &r)?;
            return self.convert(cx, v, &r, &Repr::Str);
        }
        self.operand_as(cx, a, &Repr::Str)
    }

    /// Byte `i` (in range) of a bytes, as a `Signed`.
    pub fn bytes_item(
        &mut self,
        b: &mut crate::builder::FnBuilder,
        x: Operand,
        i: Operand,
    ) -> Operand {
        let chars = b.name("chars");
        let c = b.op(LlOp::GetInterior, vec![x, chars, i], self.t.char);
        b.op(LlOp::CastPrimitive, vec![c], self.t.signed)
    }

    /// `latin1(b)`: a bytes as a str of the same code points (null stays
    /// null).
    pub fn bytes_to_str(&mut self) -> FuncId {
        let (bp, sp, boolean, ch) = (self.t.bytes_ptr, self.t.str_ptr, self.t.bool, self.t.char);
        self.helper("bytes_to_str", &[bp], sp, |rt, b| {
            let x = b.param(0);
            let null = b.op(LlOp::PtrIsZero, vec![x.clone()], boolean);
            b.if_then(rt, null, |rt, b| {
                let n = b.null(rt.t.str_ptr);
                b.ret(n);
            });
            let chars = b.name("chars");
            let n = b.op(
                LlOp::GetInteriorSize,
                vec![x.clone(), chars.clone()],
                rt.t.signed,
            );
            let out = rt.str_alloc(b, n.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, n, |rt, b, i| {
                let c = b.op(
                    LlOp::GetInterior,
                    vec![x.clone(), chars.clone(), i.clone()],
                    ch,
                );
                let code = rt.code(b, c);
                let u = rt.unichar_of(b, code);
                rt.str_set(b, out.clone(), i, u);
            });
            b.ret(out);
        })
    }

    /// `bytes_of(s)`: a str of code points below 256 as bytes.
    pub fn str_to_bytes(&mut self) -> FuncId {
        let (bp, sp, boolean, ch) = (self.t.bytes_ptr, self.t.str_ptr, self.t.bool, self.t.char);
        self.helper("str_to_bytes", &[sp], bp, |rt, b| {
            let x = b.param(0);
            let null = b.op(LlOp::PtrIsZero, vec![x.clone()], boolean);
            b.if_then(rt, null, |rt, b| {
                let n = b.null(rt.t.bytes_ptr);
                b.ret(n);
            });
            let n = rt.str_len(b, x.clone());
            let out = b.op(LlOp::MallocVarsize, vec![n.clone()], rt.t.bytes_ptr);
            let zero = b.int(0);
            let chars = b.name("chars");
            b.for_range(rt, zero, n, |rt, b, i| {
                let c = rt.str_get(b, x.clone(), i.clone());
                let code = rt.code(b, c);
                let byte = b.op(LlOp::CastPrimitive, vec![code], ch);
                b.effect(LlOp::SetInterior, vec![out.clone(), chars.clone(), i, byte]);
            });
            b.ret(out);
        })
    }

    /// Conversions between bytes and str for the helpers here (and of a
    /// single byte to either).
    pub fn text_convert(
        &mut self,
        cx: &mut GraphCx,
        value: Operand,
        from: &Repr,
        to: &Repr,
    ) -> Option<Operand> {
        let (s, uc) = (self.t.signed, self.t.unichar);
        Some(match (from, to) {
            (Repr::Bytes, Repr::Str) => {
                let f = self.bytes_to_str();
                self.call_in(cx, f, vec![value])
            }
            (Repr::Str, Repr::Bytes) => {
                let f = self.str_to_bytes();
                self.call_in(cx, f, vec![value])
            }
            (Repr::Char, Repr::Str | Repr::Bytes) => {
                let code = cx.emit(LlOp::CastPrimitive, vec![value], s);
                let c = cx.emit(LlOp::CastPrimitive, vec![code], uc);
                let f = self.char_to_str();
                let st = self.call_in(cx, f, vec![c]);
                if *to == Repr::Str {
                    st
                } else {
                    let f = self.str_to_bytes();
                    self.call_in(cx, f, vec![st])
                }
            }
            _ => return None,
        })
    }

    /// `repr(b)`: `b'...'` with `\xhh` for bytes outside printable ASCII.
    pub fn bytes_repr(&mut self) -> FuncId {
        let (bp, sp) = (self.t.bytes_ptr, self.t.str_ptr);
        let to_str = self.bytes_to_str();
        let quote = self.bytes_quote();
        let concat = self.str_concat();
        self.helper("bytes_repr", &[bp], sp, |rt, b| {
            let x = b.param(0);
            let s = rt.call(b, to_str, vec![x]);
            let q = rt.call(b, quote, vec![s]);
            let p = Operand::Const(rt.str_constant("b"));
            let v = rt.call(b, concat, vec![p, q]);
            b.ret(v);
        })
    }

    /// Code points of 128 and above as 0, so the str predicates answer
    /// as the ASCII-only bytes ones do.
    fn ascii_mask(&mut self) -> FuncId {
        let sp = self.t.str_ptr;
        self.helper("ascii_mask", &[sp], sp, |rt, b| {
            let x = b.param(0);
            let n = rt.str_len(b, x.clone());
            let out = rt.str_alloc(b, n.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, n, |rt, b, i| {
                let c = rt.str_get(b, x.clone(), i.clone());
                let code = rt.code(b, c.clone());
                let top = b.int(128);
                let ascii = b.int_op(LlOp::IntLt, code, top);
                b.if_then(rt, ascii, |rt, b| {
                    rt.str_set(b, out.clone(), i.clone(), c.clone())
                });
            });
            b.ret(out);
        })
    }

    /// `upper()`/`lower()` of ASCII letters only.
    fn ascii_case(&mut self, upper: bool) -> FuncId {
        let sp = self.t.str_ptr;
        let key = if upper { "ascii_upper" } else { "ascii_lower" };
        self.helper(key, &[sp], sp, |rt, b| {
            let x = b.param(0);
            let n = rt.str_len(b, x.clone());
            let out = rt.str_alloc(b, n.clone());
            let zero = b.int(0);
            let (lo, hi, delta) = if upper {
                ('a', 'z', -32)
            } else {
                ('A', 'Z', 32)
            };
            b.for_range(rt, zero, n, |rt, b, i| {
                let c = rt.str_get(b, x.clone(), i.clone());
                let code = rt.code(b, c.clone());
                rt.str_set(b, out.clone(), i.clone(), c);
                let (l, h) = (b.int(lo as i64), b.int(hi as i64));
                let ge = b.int_op(LlOp::IntGe, code.clone(), l);
                let le = b.int_op(LlOp::IntLe, code.clone(), h);
                let letter = b.bool_and(ge, le);
                b.if_then(rt, letter, |rt, b| {
                    let d = b.int(delta);
                    let v = b.int_op(LlOp::IntAdd, code.clone(), d);
                    let u = rt.unichar_of(b, v);
                    rt.str_set(b, out.clone(), i.clone(), u);
                });
            });
            b.ret(out);
        })
    }

    /// A new list of representation `dst` holding the items of a list of
    /// strs as bytes.
    pub fn str_list_to_bytes(&mut self, dst: &Repr) -> FuncId {
        let src = Self::str_list_repr();
        let (ts, td) = (self.lltype(&src), self.lltype(dst));
        let key = format!("str_list_to_bytes_{}", td.as_u32());
        let conv = self.str_to_bytes();
        let dst = dst.clone();
        self.helper(&key, &[ts], td, |rt, b| {
            let l = b.param(0);
            let n = rt.sequence_len(b, &src, l.clone());
            let out = rt.list_alloc(b, &dst, n.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, n, |rt, b, i| {
                let s = rt.list_get(b, &src, l.clone(), i.clone());
                let v = rt.call(b, conv, vec![s]);
                rt.list_set(b, &dst, out.clone(), i, v);
            });
            b.ret(out);
        })
    }

    /// `receiver.name(args)` for a bytes receiver.
    pub fn bytes_method(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        this: Operand,
        receiver: &Repr,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let text = self.convert(cx, this, receiver, &Repr::Str)?;
        match name {
            "upper" | "lower" => {
                let f = self.ascii_case(name == "upper");
                let s = self.call_in(cx, f, vec![text]);
                self.convert(cx, s, &Repr::Str, result)
            }
            "title" | "capitalize" | "swapcase" | "casefold" | "istitle" | "isprintable"
            | "isidentifier" | "isascii" | "isdecimal" | "isnumeric" => Err(cx.error(format!(
                "not supported yet by the translator: the bytes method `{name}`"
            ))),
            "isdigit" | "isalpha" | "isalnum" | "isspace" | "isupper" | "islower" => {
                let f = self.ascii_mask();
                let masked = self.call_in(cx, f, vec![text]);
                self.str_method(cx, name, masked, &Repr::Str, args, result)
            }
            "strip" | "lstrip" | "rstrip" if args.is_empty() => {
                let chars = FlowOperand::Const(Value::str(BYTES_SPACE));
                self.str_method(cx, name, text, &Repr::Str, &[chars], result)
            }
            "split" | "rsplit" => {
                let lr = Self::str_list_repr();
                let list = self.str_method(cx, name, text, &Repr::Str, args, &lr)?;
                let f = self.str_list_to_bytes(result);
                Ok(self.call_in(cx, f, vec![list]))
            }
            _ => self.str_method(cx, name, text, &Repr::Str, args, result),
        }
    }

    /// `a + b`, `a * n`, and comparisons of bytes, if the operation is one.
    pub fn bytes_binary(
        &mut self,
        cx: &mut GraphCx,
        kind: &flowgraph::OpKind,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Option<Operand>, RtypeError> {
        use flowgraph::OpKind as K;
        let ra = self.operand_repr(cx, &args[0]);
        let rb = self.operand_repr(cx, &args[1]);
        let is_bytes = |r: &Repr| matches!(r, Repr::Bytes | Repr::Char);
        let v = match kind {
            K::Add | K::InplaceAdd if is_bytes(&ra) && is_bytes(&rb) => {
                let x = self.str_operand(cx, &args[0])?;
                let y = self.str_operand(cx, &args[1])?;
                let f = self.str_concat();
                self.call_in(cx, f, vec![x, y])
            }
            K::Mul | K::InplaceMul if is_bytes(&ra) || is_bytes(&rb) => {
                let (s, n) = if is_bytes(&ra) { (0, 1) } else { (1, 0) };
                let x = self.str_operand(cx, &args[s])?;
                let k = self.operand_as(cx, &args[n], &Repr::Int)?;
                let f = self.str_repeat();
                self.call_in(cx, f, vec![x, k])
            }
            K::Eq | K::Ne | K::Lt | K::Le | K::Gt | K::Ge if is_bytes(&ra) && is_bytes(&rb) => {
                let x = self.str_operand(cx, &args[0])?;
                let y = self.str_operand(cx, &args[1])?;
                let f = self.str_cmp();
                let c = self.call_in(cx, f, vec![x, y]);
                let zero = Operand::Const(Constant::new(ConstValue::Int(0), self.t.signed));
                let op = match kind {
                    K::Eq => LlOp::IntEq,
                    K::Ne => LlOp::IntNe,
                    K::Lt => LlOp::IntLt,
                    K::Le => LlOp::IntLe,
                    K::Gt => LlOp::IntGt,
                    _ => LlOp::IntGe,
                };
                return Ok(Some(cx.emit(op, vec![c, zero], self.t.bool)));
            }
            _ => return Ok(None),
        };
        self.convert(cx, v, &Repr::Str, result).map(Some)
    }
}
