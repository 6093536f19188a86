//! The functions of the `rpython` support package the translator
//! implements itself: integer casts (`intmask`, `r_uint`), `ovfcheck`,
//! `we_are_translated`, the JIT hints (kept as `jit_marker` and
//! `jit_promote` operations for the JIT generator), debugging aids.

use std::collections::HashSet;

use annotator::{Desc, SomeValue};
use flowgraph::OpKind;
use frontend::host::{Object, Value};
use lltype::{ConstValue, Constant, FuncId, LlOp, Operand};

use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOperand = flowgraph::Operand<Value>;
type FlowBlock = flowgraph::Block;

impl Rtyper<'_, '_> {
    /// The support-package name of a callee, if it has a built-in rule:
    /// `intmask`, `JitDriver.jit_merge_point`, `r_uint`, ...
    pub fn special_name(&mut self, callee: &SomeValue) -> Option<String> {
        if let SomeValue::Builtin(name) = callee {
            return name.starts_with("rpython.").then(|| short(name));
        }
        let SomeValue::Pbc(p) = callee else {
            return None;
        };
        if p.descs.len() != 1 {
            return None;
        }
        let desc = self.ann.descs[*p.descs.iter().next()?].clone();
        match desc {
            Desc::Function(f)
            | Desc::FrozenMethod { func: f, .. }
            | Desc::Method { func: f, .. } => self.ann.special_function_name(f).map(|n| short(&n)),
            Desc::Class(c) => {
                let obj = self.ann.classes[c].obj;
                let vm = self.ann.vm();
                let Object::Class(cls) = vm.heap.get(obj) else {
                    return None;
                };
                let name = cls.name.to_string();
                let module = cls.module.to_string();
                drop(vm);
                let known = [
                    "r_uint",
                    "r_uint64",
                    "r_ulonglong",
                    "r_int",
                    "r_int64",
                    "r_longlong",
                ];
                (module == "rpython.rlib.rarithmetic" && known.contains(&name.as_str()))
                    .then_some(name)
            }
            _ => None,
        }
    }

    /// Calls a support-package function with a built-in rule.
    pub fn call_special(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let void = self.void_const();
        if let Some((params, ret)) = annotator::address_signature(name) {
            return self.call_address_function(cx, name, params, ret, args);
        }
        match name {
            "jit_merge_point" | "can_enter_jit" | "loop_header" => {
                let mut values = vec![self.name_const(name)];
                for a in args {
                    let r = self.operand_repr(cx, a);
                    values.push(self.operand_as(cx, a, &r)?);
                }
                cx.emit(LlOp::JitMarker, values, self.t.void);
                Ok(void)
            }
            "promote" | "promote_string" | "promote_unicode" => {
                let v = self.operand_as(cx, &args[0], result)?;
                let ty = self.lltype(result);
                Ok(cx.emit(LlOp::JitPromote, vec![v], ty))
            }
            "hint" | "likely" | "unlikely" | "widen" => self.operand_as(cx, &args[0], result),
            "we_are_translated" | "is_valid_int" => Ok(Operand::Const(Constant::new(
                ConstValue::Bool(true),
                self.t.bool,
            ))),
            "we_are_jitted" | "isconstant" | "isvirtual" => Ok(Operand::Const(Constant::new(
                ConstValue::Bool(false),
                self.t.bool,
            ))),
            "assert_green"
            | "record_exact_class"
            | "set_param"
            | "set_user_param"
            | "keepalive_until_here"
            | "make_sure_not_resized"
            | "debug_start"
            | "debug_stop"
            | "resizelist_hint" => Ok(void),
            "intmask" | "r_int" | "r_int64" | "r_longlong" => {
                let r = self.operand_repr(cx, &args[0]);
                let v = self.operand_as(cx, &args[0], &r)?;
                let v = match r {
                    Repr::Uint => cx.emit(LlOp::CastPrimitive, vec![v], self.t.signed),
                    Repr::Float => cx.emit(LlOp::CastFloatToInt, vec![v], self.t.signed),
                    other => self.convert(cx, v, &other, &Repr::Int)?,
                };
                self.convert(cx, v, &Repr::Int, result)
            }
            "r_uint" | "r_uint64" | "r_ulonglong" => {
                let r = self.operand_repr(cx, &args[0]);
                let v = self.operand_as(cx, &args[0], &r)?;
                let v = match r {
                    Repr::Int | Repr::Bool => {
                        cx.emit(LlOp::CastPrimitive, vec![v], self.t.unsigned)
                    }
                    Repr::Float => cx.emit(LlOp::CastFloatToUint, vec![v], self.t.unsigned),
                    other => self.convert(cx, v, &other, &Repr::Uint)?,
                };
                self.convert(cx, v, &Repr::Uint, result)
            }
            // The checked operation itself was emitted where the value was
            // computed (see `ovfcheck_sites`).
            "ovfcheck" => self.operand_as(cx, &args[0], result),
            "fma" => {
                let mut values = Vec::new();
                for a in args {
                    values.push(self.operand_as(cx, a, &Repr::Float)?);
                }
                let f = self.external("rpy_fma");
                let v = self.call_in(cx, f, values);
                self.convert(cx, v, &Repr::Float, result)
            }
            "env_size" => {
                let Some(FlowOperand::Const(Value::Str(var))) = args.first() else {
                    return Err(cx.error("env_size() needs a constant name"));
                };
                let (adr, len) = self.constant_bytes_at(cx, var.as_str());
                let default = self.operand_as(cx, &args[1], &Repr::Int)?;
                let f = self.external("rpy_getenv_size");
                Ok(self.call_in(cx, f, vec![adr, len, default]))
            }
            "fatalerror" => {
                let message = match args.first() {
                    Some(FlowOperand::Const(Value::Str(m))) => m.as_str().to_string(),
                    _ => "fatal error".into(),
                };
                let (adr, len) = self.constant_bytes_at(cx, &message);
                let f = self.external("rpy_fatal");
                self.call_in(cx, f, vec![adr, len]);
                Ok(void)
            }
            "ll_assert" => {
                let c = self.truth(cx, &args[0])?;
                let msg = match args.get(1) {
                    Some(FlowOperand::Const(Value::Str(s))) => s.as_str().to_string(),
                    _ => "assertion failed".into(),
                };
                let m = Operand::Const(Constant::new(ConstValue::Name(msg), self.t.void));
                cx.emit(LlOp::DebugAssert, vec![c, m], self.t.void);
                Ok(void)
            }
            _ => Err(cx.error(format!(
                "not supported yet by the translator: the support function `{name}`"
            ))),
        }
    }

    /// The address and length of the bytes of a constant text (a prebuilt
    /// bytes object, which never moves), for an external function.
    fn constant_bytes_at(&mut self, cx: &mut GraphCx, text: &str) -> (Operand, Operand) {
        let bytes = text.as_bytes().to_vec();
        let object = Operand::Const(self.bytes_constant(&bytes));
        let bytes_ty = self.m.types.pointee(self.t.bytes_ptr).expect("a pointer");
        let base = cx.emit(LlOp::CastPtrToAdr, vec![object], self.t.address);
        let offset = Operand::Const(Constant::new(
            ConstValue::Symbolic(lltype::Symbolic::ItemsOffset(bytes_ty)),
            self.t.signed,
        ));
        let adr = cx.emit(LlOp::AdrAdd, vec![base, offset], self.t.address);
        let len = Operand::Const(Constant::new(
            ConstValue::Int(bytes.len() as i128),
            self.t.signed,
        ));
        (adr, len)
    }

    /// An address-level function of `llmemory` or `gcdata`: one operation.
    fn call_address_function(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        params: &str,
        ret: char,
        args: &[FlowOperand],
    ) -> Result<Operand, RtypeError> {
        let mut values = Vec::with_capacity(args.len());
        for (p, a) in params.chars().zip(args) {
            let want = if p == 'a' { Repr::Address } else { Repr::Int };
            values.push(self.operand_as(cx, a, &want)?);
        }
        let result = match ret {
            'a' => self.t.address,
            'i' => self.t.signed,
            _ => self.t.void,
        };
        let op = match name {
            "raw_malloc" => LlOp::RawMalloc,
            "raw_free" => LlOp::RawFree,
            "raw_memclear" => LlOp::RawMemClear,
            "raw_memcopy" => LlOp::RawMemCopy,
            "load_word" | "load_adr" => LlOp::RawLoad,
            "store_word" | "store_adr" => LlOp::RawStore,
            "cast_adr_to_int" => LlOp::CastAdrToInt,
            "cast_int_to_adr" => LlOp::CastIntToAdr,
            "type_info_table" => LlOp::GcTypeInfoTable,
            "static_roots" => LlOp::GcStaticRoots,
            "root_stack_base_address" => LlOp::GcAdrOfRootStackBase,
            "root_stack_limit_address" => LlOp::GcAdrOfRootStackLimit,
            _ => LlOp::GcAdrOfRootStackTop,
        };
        Ok(cx.emit(op, values, result))
    }

    /// The arithmetic operations whose result reaches an `ovfcheck()`:
    /// they are translated as checked operations raising `OverflowError`.
    /// `ovfcheck()` must wrap the operation itself (`ovfcheck(x + y)`,
    /// `ovfcheck(-x)`, `ovfcheck(abs(x))`): of anything else (a variable
    /// computed earlier, a call, an operation it cannot check) the check
    /// would be wrong or missing, and the program is refused.
    pub fn ovfcheck_sites(
        &mut self,
        g: annotator::GraphId,
        function: &str,
    ) -> HashSet<(FlowBlock, usize)> {
        let fg = self.ann.graphs[g].graph.clone();
        let func = self.ann.graphs[g].func;
        let mut sites = HashSet::new();
        for b in fg.blocks_reachable() {
            for (call_at, op) in fg.blocks[b].ops.iter().enumerate() {
                if op.kind != OpKind::SimpleCall || op.args.len() != 2 {
                    continue;
                }
                let callee = match &op.args[0] {
                    FlowOperand::Const(_) => self.ann.operand(g, &op.args[0]),
                    FlowOperand::Var(v) => self.ann.graphs[g].bindings[*v].clone(),
                };
                if self.special_name(&callee).as_deref() != Some("ovfcheck") {
                    continue;
                }
                let refuse = |rt: &mut Self, what: &str| {
                    rt.errors.push(RtypeError {
                        message: format!(
                            "ovfcheck() must wrap the arithmetic operation itself, as in ovfcheck(x + y); here it wraps {what}"
                        ),
                        function: Some(function.to_string()),
                        site: op.loc.map(|l| annotator::Site { func, pc: l.start }),
                    });
                };
                let v = match &op.args[1] {
                    FlowOperand::Var(v) => *v,
                    // Folded when the program was imported, with Python's
                    // unbounded ints: a constant that fits did not
                    // overflow (`ovfcheck(0 + 7)`).
                    FlowOperand::Const(Value::Int(_)) => continue,
                    FlowOperand::Const(_) => {
                        refuse(self, "a constant that is not an int of 64 bits");
                        continue;
                    }
                };
                // The operation computing the value: just before the call
                // in its block, or (when it may raise, inside a `try`) the
                // last of the block leading to the call's block.
                let mut work = vec![(b, v)];
                let mut seen = HashSet::new();
                while let Some((blk, var)) = work.pop() {
                    if !seen.insert((blk, var)) {
                        continue;
                    }
                    if let Some(i) = fg.blocks[blk].ops.iter().position(|o| o.result == var) {
                        // Across blocks only from an operation that may
                        // raise (inside a `try`), ending its block.
                        let direct = if blk == b {
                            i + 1 == call_at
                        } else {
                            i + 1 == fg.blocks[blk].ops.len()
                                && call_at == 0
                                && fg.blocks[blk].exitswitch == flowgraph::ExitSwitch::LastException
                        };
                        let computing = &fg.blocks[blk].ops[i];
                        let checkable = match computing.kind {
                            OpKind::Add
                            | OpKind::Sub
                            | OpKind::Mul
                            | OpKind::LShift
                            | OpKind::Pow
                            | OpKind::Neg => true,
                            OpKind::SimpleCall => {
                                let c = match &computing.args[0] {
                                    FlowOperand::Const(_) => {
                                        self.ann.operand(g, &computing.args[0])
                                    }
                                    FlowOperand::Var(x) => self.ann.graphs[g].bindings[*x].clone(),
                                };
                                matches!(&c, annotator::SomeValue::Builtin(n) if &**n == "abs")
                            }
                            _ => false,
                        };
                        if !checkable {
                            let what = match &computing.kind {
                                OpKind::SimpleCall | OpKind::CallArgs(_) => {
                                    "the result of a call (an overflow inside the callee has already wrapped)".to_string()
                                }
                                k => format!("`{k}`, which it cannot check"),
                            };
                            refuse(self, &what);
                        } else if !direct {
                            refuse(self, "a value computed before the call (the overflow would be detected too late)");
                        } else {
                            sites.insert((blk, i));
                        }
                        continue;
                    }
                    let Some(k) = fg.blocks[blk].inputs.iter().position(|x| *x == var) else {
                        continue;
                    };
                    if blk == fg.startblock {
                        refuse(self, "a parameter of the function");
                        continue;
                    }
                    for pred in fg.blocks_reachable() {
                        for l in &fg.blocks[pred].exits {
                            if l.target == blk {
                                if let Some(FlowOperand::Var(a)) = l.args.get(k) {
                                    work.push((pred, *a));
                                }
                            }
                        }
                    }
                }
            }
        }
        sites
    }

    /// `a op b` on `Signed`, raising `OverflowError` when the result does
    /// not fit.
    pub fn int_ovf(&mut self, op: LlOp) -> FuncId {
        let s = self.t.signed;
        let boolean = self.t.bool;
        let (check, key) = match op {
            LlOp::IntAdd => (LlOp::IntAddOverflows, "int_add_ovf"),
            LlOp::IntSub => (LlOp::IntSubOverflows, "int_sub_ovf"),
            LlOp::IntMul => (LlOp::IntMulOverflows, "int_mul_ovf"),
            _ => (LlOp::IntLshiftOverflows, "int_lshift_ovf"),
        };
        self.helper(key, &[s, s], s, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            if op == LlOp::IntLshift {
                // The count first: negative is CPython's ValueError; 64 or
                // more loses every bit of a nonzero value.
                let zero = b.int(0);
                let negative = b.int_op(LlOp::IntLt, y.clone(), zero.clone());
                b.if_then(rt, negative, |rt, b| {
                    rt.raise_builtin(b, "ValueError", "negative shift count")
                });
                let wide = b.int(64);
                let out = b.int_op(LlOp::IntGe, y.clone(), wide);
                b.if_then(rt, out, |rt, b| {
                    let nothing = b.int_op(LlOp::IntEq, x.clone(), zero.clone());
                    b.if_then(rt, nothing, |_, b| b.ret(zero.clone()));
                    rt.raise_builtin(b, "OverflowError", "integer overflow")
                });
            }
            let ovf = b.op(check, vec![x.clone(), y.clone()], boolean);
            b.if_then(rt, ovf, |rt, b| {
                rt.raise_builtin(b, "OverflowError", "integer overflow")
            });
            let v = b.int_op(op, x, y);
            b.ret(v);
        })
    }
}

impl Rtyper<'_, '_> {
    /// `-x` or `abs(x)` under `ovfcheck()`: `OverflowError` for the most
    /// negative word, whose negation does not fit.
    pub fn int_neg_ovf(&mut self, abs: bool) -> FuncId {
        let s = self.t.signed;
        let key = if abs { "int_abs_ovf" } else { "int_neg_ovf" };
        self.helper(key, &[s], s, |rt, b| {
            let x = b.param(0);
            let min = b.int(i64::MIN);
            let ovf = b.int_op(LlOp::IntEq, x.clone(), min);
            b.if_then(rt, ovf, |rt, b| {
                rt.raise_builtin(b, "OverflowError", "integer overflow")
            });
            let v = b.op(if abs { LlOp::IntAbs } else { LlOp::IntNeg }, vec![x], s);
            b.ret(v);
        })
    }
}

fn short(full: &str) -> String {
    full.rsplit('.').next().unwrap_or(full).to_string()
}
