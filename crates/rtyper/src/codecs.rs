//! `str.encode` and `bytes.decode`: UTF-8, ASCII and Latin-1, with
//! CPython's error handlers and exceptions.
//!
//! Decoding is written in RPython (`rpython.rtyper.helpers.text`), where
//! its tests compare it with CPython's decoder; what is here picks the
//! helper for a codec and error handler. Encoding is a graph built here:
//! a pass measuring the output (which raises `UnicodeEncodeError`, worded
//! by the RPython helper `encode_error`, before anything is allocated),
//! then a pass writing it.

use lltype::{FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;
use crate::helpers::{canonical_encoding, IGNORE, REPLACE, STRICT, SURROGATEESCAPE};

impl Rtyper<'_, '_> {
    /// `b.decode(encoding, errors)`, with an error handler of
    /// [`crate::helpers::error_handler`]; `None` for an encoding not
    /// supported.
    pub fn bytes_decode(&mut self, encoding: &str, errors: i64) -> Option<FuncId> {
        let (sp, bp, s, uc, ch) = (
            self.t.str_ptr,
            self.t.bytes_ptr,
            self.t.signed,
            self.t.unichar,
            self.t.char,
        );
        let encoding = canonical_encoding(encoding)?;
        let key = format!("bytes_decode_{encoding}_{errors}");
        let decoder = match encoding {
            "utf-8" => Some(self.rpython_helper("utf8_decode")),
            "ascii" => Some(self.rpython_helper("ascii_decode")),
            _ => None,
        };
        Some(self.helper(&key, &[bp], sp, |rt, b| {
            let x = b.param(0);
            let mode = b.int(errors);
            match decoder {
                Some(f) if encoding == "utf-8" => {
                    let zero = b.int(0);
                    let n = rt.bytes_len(b, x.clone());
                    let out = rt.call(b, f, vec![x, zero, n, mode]);
                    b.ret(out);
                }
                Some(f) => {
                    let out = rt.call(b, f, vec![x, mode]);
                    b.ret(out);
                }
                None => {
                    // Latin-1: every byte is the code point.
                    let n = rt.bytes_len(b, x.clone());
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
                }
            }
        }))
    }

    /// `s.encode(encoding, errors)`, with an error handler of
    /// [`crate::helpers::error_handler`]; `None` for an encoding not
    /// supported.
    pub fn str_encode(&mut self, encoding: &str, errors: i64) -> Option<FuncId> {
        let encoding = canonical_encoding(encoding)?;
        let (sp, bp, s, ch) = (self.t.str_ptr, self.t.bytes_ptr, self.t.signed, self.t.char);
        let raise = self.rpython_helper("encode_error");
        let key = format!("str_encode_{encoding}_{errors}");
        Some(self.helper(&key, &[sp], bp, |rt, b| {
            let x = b.param(0);
            let n = rt.str_len(b, x.clone());
            let codec = Codec { encoding, errors };
            // Measure, raising on the first character that cannot be
            // encoded under `strict`.
            let size = b.local(b.int(0));
            let zero = b.int(0);
            b.for_range(rt, zero.clone(), n.clone(), |rt, b, i| {
                let c = rt.str_get(b, x.clone(), i.clone());
                let code = b.op(LlOp::CastPrimitive, vec![c], s);
                let bad = codec.unencodable(b, code.clone());
                if let Some(raises) = codec.raises(b, code.clone(), bad.clone()) {
                    b.if_then(rt, raises, |rt, b| {
                        let name = Operand::Const(rt.str_constant(encoding));
                        let limit = b.int(codec.limit());
                        let reason = Operand::Const(rt.str_constant(codec.reason()));
                        rt.call(b, raise, vec![name, x.clone(), i, limit, reason]);
                    });
                }
                let w = codec.width(b, code, bad);
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
                let bad = codec.unencodable(b, code.clone());
                let put = |b: &mut FnBuilder, v: Operand| {
                    let byte = b.op(LlOp::CastPrimitive, vec![v], ch);
                    let p = b.get(at);
                    let chars = b.name("chars");
                    b.effect(LlOp::SetInterior, vec![out.clone(), chars, p.clone(), byte]);
                    let one = b.int(1);
                    let p1 = b.int_op(LlOp::IntAdd, p, one);
                    b.set(at, p1);
                };
                b.if_else(
                    &mut (),
                    bad,
                    |_, b| match errors {
                        REPLACE => put(b, b.int(b'?' as i64)),
                        SURROGATEESCAPE => {
                            // Only U+DC80..U+DCFF get here: their byte.
                            let base = b.int(0xDC00);
                            let byte = b.int_op(LlOp::IntSub, code.clone(), base);
                            put(b, byte);
                        }
                        _ => {}
                    },
                    |_, b| {
                        if encoding == "utf-8" {
                            put_utf8(b, code.clone(), &put);
                        } else {
                            put(b, code.clone());
                        }
                    },
                );
            });
            b.ret(out);
        }))
    }
}

/// An encoder and its error handler.
#[derive(Clone, Copy)]
struct Codec {
    encoding: &'static str,
    errors: i64,
}

impl Codec {
    /// The first code point the encoding cannot represent, or 0 for UTF-8
    /// (which cannot represent surrogates): the `limit` of the RPython
    /// helper `encode_error`.
    fn limit(self) -> i64 {
        match self.encoding {
            "ascii" => 128,
            "latin-1" => 256,
            _ => 0,
        }
    }

    fn reason(self) -> &'static str {
        match self.encoding {
            "ascii" => "ordinal not in range(128)",
            "latin-1" => "ordinal not in range(256)",
            _ => "surrogates not allowed",
        }
    }

    /// Whether the code point takes the error handler: out of range, or a
    /// surrogate in UTF-8.
    fn unencodable(self, b: &mut FnBuilder, code: Operand) -> Operand {
        if self.encoding != "utf-8" {
            let limit = b.int(self.limit());
            return b.int_op(LlOp::IntGe, code, limit);
        }
        in_range(b, code, 0xD800, 0xDFFF)
    }

    /// Whether an unencodable code point makes the encoder raise: always
    /// under `strict`, and under `surrogateescape` unless it is one of the
    /// surrogates U+DC80..U+DCFF standing for a byte.
    fn raises(self, b: &mut FnBuilder, code: Operand, bad: Operand) -> Option<Operand> {
        match self.errors {
            STRICT => Some(bad),
            SURROGATEESCAPE => {
                let escape = in_range(b, code, 0xDC80, 0xDCFF);
                let other = b.op(LlOp::BoolNot, vec![escape], b.bool_type());
                Some(b.bool_and(bad, other))
            }
            _ => None,
        }
    }

    /// The bytes a code point takes: the handler's for an unencodable one.
    fn width(self, b: &mut FnBuilder, code: Operand, bad: Operand) -> Operand {
        let w = b.local(b.int(1));
        if self.encoding == "utf-8" {
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
        }
        let handled = match self.errors {
            IGNORE => 0,
            _ => 1,
        };
        b.if_then(&mut (), bad, |_, b| {
            let v = b.int(handled);
            b.set(w, v);
        });
        b.get(w)
    }
}

fn in_range(b: &mut FnBuilder, code: Operand, low: i64, high: i64) -> Operand {
    let l = b.int(low);
    let ge = b.int_op(LlOp::IntGe, code.clone(), l);
    let h = b.int(high);
    let le = b.int_op(LlOp::IntLe, code, h);
    b.bool_and(ge, le)
}

/// Writes the UTF-8 bytes of a code point that is not a surrogate.
fn put_utf8(b: &mut FnBuilder, code: Operand, put: &dyn Fn(&mut FnBuilder, Operand)) {
    let rest = |b: &mut FnBuilder, shift: i64| {
        let sh = b.int(shift);
        let bits = b.int_op(LlOp::IntRshift, code.clone(), sh);
        let mask = b.int(0x3f);
        let low = b.int_op(LlOp::IntAnd, bits, mask);
        let cont = b.int(0x80);
        b.int_op(LlOp::IntOr, low, cont)
    };
    let lead = |b: &mut FnBuilder, shift: i64, marker: i64| {
        let sh = b.int(shift);
        let top = b.int_op(LlOp::IntRshift, code.clone(), sh);
        let m = b.int(marker);
        b.int_op(LlOp::IntOr, top, m)
    };
    let below = |b: &mut FnBuilder, limit: i64| {
        let l = b.int(limit);
        b.int_op(LlOp::IntLt, code.clone(), l)
    };
    let one = below(b, 0x80);
    b.if_else(
        &mut (),
        one,
        |_, b| put(b, code.clone()),
        |_, b| {
            let two = below(b, 0x800);
            b.if_else(
                &mut (),
                two,
                |_, b| {
                    let v = lead(b, 6, 0xc0);
                    put(b, v);
                    let v = rest(b, 0);
                    put(b, v);
                },
                |_, b| {
                    let three = below(b, 0x10000);
                    b.if_else(
                        &mut (),
                        three,
                        |_, b| {
                            let v = lead(b, 12, 0xe0);
                            put(b, v);
                            for shift in [6, 0] {
                                let v = rest(b, shift);
                                put(b, v);
                            }
                        },
                        |_, b| {
                            let v = lead(b, 18, 0xf0);
                            put(b, v);
                            for shift in [12, 6, 0] {
                                let v = rest(b, shift);
                                put(b, v);
                            }
                        },
                    );
                },
            );
        },
    );
}
