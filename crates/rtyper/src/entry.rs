//! The program's real entry point: builds `argv`, calls the user's entry
//! point, flushes the output, and turns an uncaught exception into a
//! message on stderr and exit status 1, as CPython does.

use annotator::GraphId;
use lltype::{ConstValue, FuncId, LlOp, Operand};

use crate::cx::Rtyper;
use crate::repr::Repr;

impl Rtyper<'_, '_> {
    /// `rpy_main() -> Signed`.
    pub fn build_entry_wrapper(&mut self, entry: GraphId, entry_func: FuncId) -> FuncId {
        let argv_var = self.ann.graphs[entry].graph.args[0];
        let argv_repr = self.var_repr(entry, argv_var);
        let ret = self.ann.graphs[entry].return_value().clone();
        let ret_repr = self.repr_of(&ret);
        let (signed, address, sp, void) =
            (self.t.signed, self.t.address, self.t.str_ptr, self.t.void);
        let argv_ty = self.lltype(&argv_repr);
        let decode = self.utf8_decode();
        let flush = self.buffer_flush();
        let write = self.buffer_write_str();
        let argc_f = self.external("rpy_argc");
        let len_f = self.external("rpy_arg_len");
        let copy_f = self.external("rpy_arg_copy");
        let ty = self.m.types.func(Vec::new(), signed);
        let f = self.declare_helper("rpy_main", ty);
        let vt = self.t.vtable_ptr;
        let root = Repr::Instance(self.root_exception_class());
        let root_ty = self.lltype(&root);
        let graph = self.build(&[], |rt, b| {
            let argc = rt.call(b, argc_f, Vec::new());
            let argv = match &argv_repr {
                Repr::FixedList(_) => b.op(LlOp::MallocVarsize, vec![argc.clone()], argv_ty),
                Repr::List(_) => {
                    let array_ty = {
                        let s = rt.m.types.pointee(argv_ty).expect("a pointer");
                        rt.m.types.as_struct(s).expect("a struct").fields[1].ty
                    };
                    let l = b.op(LlOp::Malloc, Vec::new(), argv_ty);
                    let items = b.op(LlOp::MallocVarsize, vec![argc.clone()], array_ty);
                    b.setfield(l.clone(), "length", argc.clone());
                    b.setfield(l.clone(), "items", items);
                    l
                }
                _ => unreachable!("argv is a list of str"),
            };
            let zero = b.int(0);
            b.for_range(rt, zero, argc, |rt, b, i| {
                let n = rt.call(b, len_f, vec![i.clone()]);
                let one = b.int(1);
                let size = b.int_op(LlOp::IntAdd, n.clone(), one);
                let raw = b.op(LlOp::RawMalloc, vec![size], address);
                rt.call(b, copy_f, vec![i.clone(), raw.clone()]);
                let s = rt.call(b, decode, vec![raw.clone(), n]);
                b.effect(LlOp::RawFree, vec![raw]);
                match &argv_repr {
                    Repr::FixedList(_) => b.effect(LlOp::SetArrayItem, vec![argv.clone(), i, s]),
                    _ => {
                        let array_ty = {
                            let st = rt.m.types.pointee(argv_ty).expect("a pointer");
                            rt.m.types.as_struct(st).expect("a struct").fields[1].ty
                        };
                        let items = b.getfield(argv.clone(), "items", array_ty);
                        b.effect(LlOp::SetArrayItem, vec![items, i, s]);
                    }
                }
            });
            let null_t = b.null(vt);
            let null_v = b.null(root_ty);
            let etype = b.local(null_t);
            let evalue = b.local(null_v);
            let failed = b.label();
            let status = b.try_call(&mut rt.m, entry_func, vec![argv], failed, etype, evalue);
            let out = Operand::Const(rt.out_buffer(1));
            rt.call(b, flush, vec![out.clone()]);
            let code = match ret_repr {
                Repr::Int => status,
                Repr::Bool => b.op(LlOp::CastPrimitive, vec![status], signed),
                _ => b.int(0),
            };
            b.ret(code);
            // An exception escaped: `Name: message` on stderr, status 1.
            b.place(failed);
            rt.call(b, flush, vec![out]);
            let err = Operand::Const(rt.out_buffer(2));
            let t = b.get(etype);
            let name = b.getfield(t, "name", sp);
            rt.call(b, write, vec![err.clone(), name]);
            let v = b.get(evalue);
            let message = b.getfield(v, "rpy_message", sp);
            let has = b.op(LlOp::PtrNonZero, vec![message.clone()], rt.t.bool);
            b.if_then(rt, has, |rt, b| {
                let colon = Operand::Const(rt.str_constant(": "));
                rt.call(b, write, vec![err.clone(), colon]);
                rt.call(b, write, vec![err.clone(), message]);
            });
            let nl = Operand::Const(rt.str_constant("\n"));
            rt.call(b, write, vec![err.clone(), nl]);
            rt.call(b, flush, vec![err]);
            let one = b.int(1);
            b.ret(one);
            let _ = void;
        });
        self.m.functions[f].body = lltype::Body::Graph(graph);
        let _ = ConstValue::Void;
        f
    }

    /// Decodes `n` bytes of UTF-8 at an address into a str (invalid
    /// sequences become U+FFFD).
    pub fn utf8_decode(&mut self) -> FuncId {
        let (address, signed, sp, uc, char_ty, _boolean) = (
            self.t.address,
            self.t.signed,
            self.t.str_ptr,
            self.t.unichar,
            self.t.char,
            self.t.bool,
        );
        self.helper("utf8_decode", &[address, signed], sp, |rt, b| {
            let (p, n) = (b.param(0), b.param(1));
            let byte = |b: &mut crate::builder::FnBuilder, at: Operand| {
                let c = b.op(LlOp::RawLoad, vec![p.clone(), at], char_ty);
                b.op(LlOp::CastPrimitive, vec![c], signed)
            };
            // Count code points: every byte that is not a continuation.
            let count = b.local(b.int(0));
            let zero = b.int(0);
            b.for_range(rt, zero.clone(), n.clone(), |_, b, i| {
                let c = byte(b, i);
                let mask = b.int(0xc0);
                let top = b.int_op(LlOp::IntAnd, c, mask);
                let cont = b.int(0x80);
                let is_start = b.int_op(LlOp::IntNe, top, cont);
                let add = b.op(LlOp::CastPrimitive, vec![is_start], signed);
                let k = b.get(count);
                let k1 = b.int_op(LlOp::IntAdd, k, add);
                b.set(count, k1);
            });
            let total = b.get(count);
            let s = rt.str_alloc(b, total.clone());
            let i = b.local(zero.clone());
            let out = b.local(zero);
            b.while_loop(
                rt,
                |_, b| {
                    let (v, o) = (b.get(i), b.get(out));
                    let in_bytes = b.int_op(LlOp::IntLt, v, n.clone());
                    let in_str = b.int_op(LlOp::IntLt, o, total.clone());
                    b.bool_and(in_bytes, in_str)
                },
                |rt, b| {
                    let at = b.get(i);
                    let c = byte(b, at.clone());
                    let one = b.int(1);
                    let next = b.int_op(LlOp::IntAdd, at, one);
                    b.set(i, next);
                    let code = b.local(c.clone());
                    let extra = b.local(b.int(0));
                    let classify =
                        |b: &mut crate::builder::FnBuilder, lo: i64, mask: i64, k: i64| {
                            let lo = b.int(lo);
                            let is = b.int_op(LlOp::IntGe, c.clone(), lo);
                            (is, mask, k)
                        };
                    for (lo, mask, k) in [(0xc0, 0x1f, 1), (0xe0, 0x0f, 2), (0xf0, 0x07, 3)] {
                        let (is, mask, k) = classify(b, lo, mask, k);
                        b.if_then(&mut (), is, |_, b| {
                            let m = b.int(mask);
                            let v = b.int_op(LlOp::IntAnd, c.clone(), m);
                            b.set(code, v);
                            let kk = b.int(k);
                            b.set(extra, kk);
                        });
                    }
                    let k = b.get(extra);
                    b.for_range(&mut (), b.int(0), k, |_, b, _| {
                        let at = b.get(i);
                        let inside = b.int_op(LlOp::IntLt, at.clone(), n.clone());
                        b.if_then(&mut (), inside, |_, b| {
                            let c = byte(b, at.clone());
                            let m = b.int(0x3f);
                            let low = b.int_op(LlOp::IntAnd, c, m);
                            let v = b.get(code);
                            let six = b.int(6);
                            let shifted = b.int_op(LlOp::IntLshift, v, six);
                            let v = b.int_op(LlOp::IntOr, shifted, low);
                            b.set(code, v);
                            let one = b.int(1);
                            let next = b.int_op(LlOp::IntAdd, at, one);
                            b.set(i, next);
                        });
                    });
                    let v = b.get(code);
                    let ch = b.op(LlOp::CastPrimitive, vec![v], uc);
                    let o = b.get(out);
                    rt.str_set(b, s.clone(), o.clone(), ch);
                    let one = b.int(1);
                    let o1 = b.int_op(LlOp::IntAdd, o, one);
                    b.set(out, o1);
                },
            );
            b.ret(s);
        })
    }
}
