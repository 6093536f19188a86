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
        let (signed, sp, void) = (self.t.signed, self.t.str_ptr, self.t.void);
        let argv_ty = self.lltype(&argv_repr);
        let decode = self.rpython_helper("utf8_decode");
        let flush = self.buffer_flush();
        let write = self.buffer_write_str();
        let or_empty = self.str_or_empty();
        let lost_text = self.rpython_helper("stdout_lost_text");
        let str_eq = self.str_eq();
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
                // The bytes go into a collected object, which the decoder
                // reads by index: nothing holds an address across its
                // allocations. Undecodable bytes become lone surrogates,
                // as in CPython's `sys.argv`.
                let n = rt.call(b, len_f, vec![i.clone()]);
                let bytes = b.op(LlOp::MallocVarsize, vec![n.clone()], rt.t.bytes_ptr);
                let at = rt.bytes_address(b, bytes.clone());
                rt.call(b, copy_f, vec![i.clone(), at]);
                let (start, errors) = (b.int(0), b.int(crate::helpers::SURROGATEESCAPE));
                let s = rt.call(b, decode, vec![bytes, start, n, errors]);
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
            let code = match ret_repr {
                Repr::Int => status,
                Repr::Bool => b.op(LlOp::CastPrimitive, vec![status], signed),
                _ => b.int(0),
            };
            let exit_status = b.local(code);
            let out = Operand::Const(rt.out_buffer(1));
            let err = Operand::Const(rt.out_buffer(2));
            let flushed = rt.call(b, flush, vec![out.clone()]);
            // stdout could not be written out: CPython reports it on
            // stderr and exits with status 120.
            let zero = b.int(0);
            let lost = b.int_op(LlOp::IntLt, flushed.clone(), zero);
            b.if_then(rt, lost, |rt, b| {
                let zero = b.int(0);
                let errno = b.int_op(LlOp::IntSub, zero, flushed.clone());
                let text = rt.call(b, lost_text, vec![errno]);
                rt.call(b, write, vec![err.clone(), text]);
                let status = b.int(120);
                b.set(exit_status, status);
            });
            rt.call(b, flush, vec![err]);
            let code = b.get(exit_status);
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
            // `Name: message`, or `Name` alone for no message or "".
            let empty = Operand::Const(rt.str_constant(""));
            let text = rt.call(b, or_empty, vec![message.clone()]);
            let same = rt.call(b, str_eq, vec![text, empty]);
            let has = b.op(LlOp::BoolNot, vec![same], rt.t.bool);
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

    /// The module's `on_fatal` function: writes out what `print` buffered
    /// on stdout and stderr, so a program dying of a fatal error loses no
    /// output.
    pub fn flush_before_fatal(&mut self) -> FuncId {
        let flush = self.buffer_flush();
        let void = self.t.void;
        self.helper("flush_before_fatal", &[], void, |rt, b| {
            for fd in [1, 2] {
                let buf = Operand::Const(rt.out_buffer(fd));
                rt.call(b, flush, vec![buf]);
            }
            b.ret_void();
        })
    }
}
