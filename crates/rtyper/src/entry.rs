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
}
