//! The exception transform: exceptions become explicit data flow.
//!
//! Before it, a graph raises with [`Exit::Raise`] and catches with
//! [`Exit::Catch`] after a call. After it, neither appears, which is what
//! every backend consumes: the exception in flight lives in one raw global
//! struct (`rpy_exc_data`: its class pointer and its instance), a raising
//! function stores it there and returns a dummy value of its result type,
//! and every call that may raise is followed by a test of the stored class
//! — on to the handlers, or out to the caller — as in PyPy's
//! `exceptiontransform.py`. Calls to functions that cannot raise (found by
//! a fixpoint over the call graph; external functions never raise) get no
//! test.
//!
//! Matching a handler's class is the rtyper's business (class-id ranges in
//! the vtables), so the transform calls the matcher function the
//! configuration names. It leaves alone what it does not need to touch: no
//! block other than those with calls, raises or handlers changes.

use std::collections::HashSet;

use lltype::{
    Block, Body, ConstValue, Constant, Exit, Field, FuncId, Global, Graph, Handler, Init, Link,
    LlOp, Module, Operand, Prim, Type, TypeId,
};

use crate::split::split_block;

/// What the exception transform needs to know of the rtyper's choices.
#[derive(Clone, Debug)]
pub struct ExceptionConfig {
    /// The type of an exception's class pointer (a pointer to the root
    /// vtable).
    pub type_ptr: TypeId,
    /// The type of an exception instance pointer (a pointer to the root
    /// instance struct).
    pub value_ptr: TypeId,
    /// `matches(raised_class, handler_class) -> Bool`: whether a raised
    /// exception of the first class is caught by a handler of the second.
    /// It must not raise.
    pub matches: FuncId,
}

/// Why the transform could not run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExceptionError {
    /// A class or instance pointer that cannot be cast to the root types.
    #[error("in {0}: an exception class or instance of type {1} is not related to the root type")]
    Unrelated(String, String),
    /// The module already has the global.
    #[error("the module already has the exception state global")]
    AlreadyTransformed,
}

/// The name of the global holding the exception in flight.
pub const EXC_DATA: &str = "rpy_exc_data";

/// Rewrites every graph of the module so that no [`Exit::Raise`] or
/// [`Exit::Catch`] remains.
pub fn transform_exceptions(m: &mut Module, cfg: &ExceptionConfig) -> Result<(), ExceptionError> {
    if m.global_named(EXC_DATA).is_some() {
        return Err(ExceptionError::AlreadyTransformed);
    }
    let data_ty = m
        .types
        .declare_struct("rpy_ExcData", false)
        .map_err(|_| ExceptionError::AlreadyTransformed)?;
    m.types
        .define_struct(
            data_ty,
            vec![
                Field {
                    name: "exc_type".into(),
                    ty: cfg.type_ptr,
                },
                Field {
                    name: "exc_value".into(),
                    ty: cfg.value_ptr,
                },
            ],
        )
        .expect("pointer fields fit a raw struct");
    let data = m
        .add_global(Global {
            name: EXC_DATA.into(),
            ty: data_ty,
            init: Init::Zero,
            immutable: false,
        })
        .expect("checked above");
    let data_ptr = m.types.ptr(data_ty).expect("a struct");
    let raising = raising_functions(m);
    let ids: Vec<FuncId> = m.functions.keys().collect();
    for f in ids {
        let Body::Graph(mut g) = std::mem::replace(&mut m.functions[f].body, Body::External) else {
            continue;
        };
        let result = m.signature(f).1;
        let name = m.functions[f].name.clone();
        let mut cx = Cx {
            m,
            cfg,
            raising: &raising,
            exc_data: Constant::new(ConstValue::Global(data), data_ptr),
            result,
            error_block: None,
            name,
        };
        let outcome = cx.transform_graph(&mut g);
        m.functions[f].body = Body::Graph(g);
        outcome?;
    }
    Ok(())
}

/// The functions that may raise: those with a `raise` exit, an indirect
/// call, or a call to such a function whose exception is not caught by a
/// catch-all handler.
pub fn raising_functions(m: &Module) -> HashSet<FuncId> {
    let mut raising = HashSet::new();
    loop {
        let mut changed = false;
        for (id, f) in m.functions.iter() {
            if raising.contains(&id) {
                continue;
            }
            let Body::Graph(g) = &f.body else { continue };
            if graph_may_raise(g, &raising) {
                raising.insert(id);
                changed = true;
            }
        }
        if !changed {
            return raising;
        }
    }
}

fn graph_may_raise(g: &Graph, raising: &HashSet<FuncId>) -> bool {
    for b in g.reachable_blocks() {
        let data = &g.blocks[b];
        if matches!(data.exit, Exit::Raise { .. }) {
            return true;
        }
        let catch_all = match &data.exit {
            Exit::Catch { handlers, .. } => handlers.iter().any(|h| h.class.is_none()),
            _ => false,
        };
        for (i, op) in data.ops.iter().enumerate() {
            let last = i + 1 == data.ops.len();
            if call_may_raise(op, raising) && !(last && catch_all) {
                return true;
            }
        }
    }
    false
}

/// Whether an operation is a call that may raise.
fn call_may_raise(op: &lltype::Op, raising: &HashSet<FuncId>) -> bool {
    match op.op {
        LlOp::IndirectCall => true,
        LlOp::DirectCall => match op.args[0].as_const().map(|c| &c.value) {
            Some(ConstValue::Func(f)) => raising.contains(f),
            _ => true,
        },
        _ => false,
    }
}

struct Cx<'a> {
    m: &'a mut Module,
    cfg: &'a ExceptionConfig,
    raising: &'a HashSet<FuncId>,
    exc_data: Constant,
    result: TypeId,
    /// The block returning the dummy value, made on first need.
    error_block: Option<Block>,
    name: String,
}

impl Cx<'_> {
    fn transform_graph(&mut self, g: &mut Graph) -> Result<(), ExceptionError> {
        let mut work: Vec<Block> = g.reachable_blocks();
        while let Some(b) = work.pop() {
            // A call that may raise and is not the block's last operation
            // before a `catch`: test after it and propagate.
            let is_catch = matches!(g.blocks[b].exit, Exit::Catch { .. });
            let n = g.blocks[b].ops.len();
            let position =
                g.blocks[b].ops.iter().enumerate().position(|(i, op)| {
                    call_may_raise(op, self.raising) && !(is_catch && i + 1 == n)
                });
            if let Some(i) = position {
                let rest = split_block(g, b, i);
                let Exit::Goto(normal) =
                    std::mem::replace(&mut g.blocks[b].exit, Exit::Unreachable)
                else {
                    unreachable!("split_block ends in goto")
                };
                let error = self.error_block(g);
                let raised = self.load_exc_type(g, b);
                let cond = g.push_op(b, LlOp::PtrNonZero, vec![raised.into()], self.bool());
                g.blocks[b].exit = Exit::Branch {
                    cond: cond.into(),
                    if_true: Link {
                        target: error,
                        args: Vec::new(),
                    },
                    if_false: normal,
                };
                work.push(rest);
                continue;
            }
            match std::mem::replace(&mut g.blocks[b].exit, Exit::Unreachable) {
                Exit::Raise { etype, evalue } => {
                    let etype = self.coerce(g, b, etype, self.cfg.type_ptr)?;
                    let evalue = self.coerce(g, b, evalue, self.cfg.value_ptr)?;
                    self.store(g, b, etype, evalue);
                    let error = self.error_block(g);
                    g.blocks[b].exit = Exit::Goto(Link {
                        target: error,
                        args: Vec::new(),
                    });
                }
                Exit::Catch { normal, handlers } => {
                    let call = g.blocks[b].ops.last().expect("catch follows a call");
                    if !call_may_raise(call, self.raising) {
                        g.blocks[b].exit = Exit::Goto(normal);
                    } else {
                        self.lower_catch(g, b, normal, handlers)?;
                    }
                }
                other => g.blocks[b].exit = other,
            }
        }
        Ok(())
    }

    fn bool(&mut self) -> TypeId {
        self.m.types.bool()
    }

    fn load_exc_type(&mut self, g: &mut Graph, b: Block) -> lltype::Var {
        let name = self.name_const("exc_type");
        g.push_op(
            b,
            LlOp::GetField,
            vec![Operand::Const(self.exc_data.clone()), name],
            self.cfg.type_ptr,
        )
    }

    fn name_const(&mut self, name: &str) -> Operand {
        let void = self.m.types.void();
        Operand::Const(Constant::new(ConstValue::Name(name.into()), void))
    }

    fn store(&mut self, g: &mut Graph, b: Block, etype: Operand, evalue: Operand) {
        let void = self.m.types.void();
        for (field, value) in [("exc_type", etype), ("exc_value", evalue)] {
            let name = self.name_const(field);
            g.push_op(
                b,
                LlOp::SetField,
                vec![Operand::Const(self.exc_data.clone()), name, value],
                void,
            );
        }
    }

    fn clear(&mut self, g: &mut Graph, b: Block) {
        let null_type = Operand::Const(Constant::new(ConstValue::Null, self.cfg.type_ptr));
        let null_value = Operand::Const(Constant::new(ConstValue::Null, self.cfg.value_ptr));
        self.store(g, b, null_type, null_value);
    }

    /// The operand as a pointer of type `to`, cast if it is a pointer to a
    /// related struct.
    fn coerce(
        &mut self,
        g: &mut Graph,
        b: Block,
        o: Operand,
        to: TypeId,
    ) -> Result<Operand, ExceptionError> {
        let from = g.operand_type(&o);
        if from == to {
            return Ok(o);
        }
        let types = &self.m.types;
        let related = match (types.pointee(from), types.pointee(to)) {
            (Some(a), Some(b)) => types.castable(a, b),
            _ => false,
        };
        if !related {
            return Err(ExceptionError::Unrelated(
                self.name.clone(),
                types.display(from),
            ));
        }
        if let Operand::Const(c) = &o {
            // A constant pointer to a global (or null) is simply retyped
            // when it is upcast.
            let retypable = types.pointee(to).is_some_and(|t| match c.value {
                ConstValue::Global(gl) => types.is_ancestor(t, self.m.globals[gl].ty),
                ConstValue::Null => true,
                _ => false,
            });
            if retypable {
                return Ok(Operand::Const(Constant::new(c.value.clone(), to)));
            }
        }
        Ok(g.push_op(b, LlOp::CastPointer, vec![o], to).into())
    }

    /// The block returning a dummy value of the function's result type.
    fn error_block(&mut self, g: &mut Graph) -> Block {
        if let Some(b) = self.error_block {
            return b;
        }
        let value = dummy_value(self.m, self.result);
        let b = g.new_block(&[]);
        g.blocks[b].exit = Exit::Return(Operand::Const(value));
        self.error_block = Some(b);
        b
    }

    /// Replaces a `catch` by a test of the exception state after the call
    /// and a chain of blocks trying each handler in turn.
    fn lower_catch(
        &mut self,
        g: &mut Graph,
        b: Block,
        normal: Link,
        handlers: Vec<Handler>,
    ) -> Result<(), ExceptionError> {
        // The values the handlers' links use from the block travel through
        // the dispatch chain as parameters.
        let call_result = g.blocks[b].ops.last().map(|op| op.result);
        let mut carried: Vec<lltype::Var> = Vec::new();
        for h in &handlers {
            for a in &h.link.args {
                if let Operand::Var(v) = a {
                    if *v != h.etype
                        && *v != h.evalue
                        && Some(*v) != call_result
                        && !carried.contains(v)
                    {
                        carried.push(*v);
                    }
                }
            }
        }
        let raised = self.load_exc_type(g, b);
        let cond = g.push_op(b, LlOp::PtrNonZero, vec![raised.into()], self.bool());
        let first = self.dispatch(g, &carried, handlers)?;
        let mut args: Vec<Operand> = carried.iter().map(|v| Operand::Var(*v)).collect();
        args.push(raised.into());
        g.blocks[b].exit = Exit::Branch {
            cond: cond.into(),
            if_true: Link {
                target: first,
                args,
            },
            if_false: normal,
        };
        Ok(())
    }

    /// Builds the dispatch chain; returns its first block, whose
    /// parameters are the carried values and the raised class.
    fn dispatch(
        &mut self,
        g: &mut Graph,
        carried: &[lltype::Var],
        handlers: Vec<Handler>,
    ) -> Result<Block, ExceptionError> {
        let mut param_types: Vec<TypeId> = carried.iter().map(|v| g.var_type(*v)).collect();
        param_types.push(self.cfg.type_ptr);
        // Built from the last handler backwards: each test falls through
        // to the next, and the last to propagation.
        let mut next = self.error_block(g);
        let mut next_takes_args = false;
        for h in handlers.into_iter().rev() {
            let test = g.new_block(&param_types);
            let params = g.blocks[test].params.clone();
            let raised = *params.last().expect("the raised class");
            // The handler's own block: clears the state and jumps.
            let take = g.new_block(&param_types);
            let take_params = g.blocks[take].params.clone();
            let raised_in_take = *take_params.last().expect("the raised class");
            let name = self.name_const("exc_value");
            let value = g.push_op(
                take,
                LlOp::GetField,
                vec![Operand::Const(self.exc_data.clone()), name],
                self.cfg.value_ptr,
            );
            self.clear(g, take);
            let etype = self.coerce(g, take, raised_in_take.into(), g.var_type(h.etype))?;
            let evalue = self.coerce(g, take, value.into(), g.var_type(h.evalue))?;
            let args = h
                .link
                .args
                .iter()
                .map(|a| match a {
                    Operand::Var(v) if *v == h.etype => etype.clone(),
                    Operand::Var(v) if *v == h.evalue => evalue.clone(),
                    Operand::Var(v) => match carried.iter().position(|c| c == v) {
                        Some(i) => Operand::Var(take_params[i]),
                        None => a.clone(),
                    },
                    Operand::Const(_) => a.clone(),
                })
                .collect();
            g.blocks[take].exit = Exit::Goto(Link {
                target: h.link.target,
                args,
            });
            let all: Vec<Operand> = params.iter().map(|v| Operand::Var(*v)).collect();
            let to_next = Link {
                target: next,
                args: if next_takes_args {
                    all.clone()
                } else {
                    Vec::new()
                },
            };
            match h.class {
                None => {
                    g.blocks[test].exit = Exit::Goto(Link {
                        target: take,
                        args: all,
                    });
                }
                Some(class) => {
                    let class = self.coerce(g, test, Operand::Const(class), self.cfg.type_ptr)?;
                    let func_ty = self.m.functions[self.cfg.matches].ty;
                    let fptr = self.m.types.ptr(func_ty).expect("a function type");
                    let callee =
                        Operand::Const(Constant::new(ConstValue::Func(self.cfg.matches), fptr));
                    let bool_ty = self.bool();
                    let hit = g.push_op(
                        test,
                        LlOp::DirectCall,
                        vec![callee, raised.into(), class],
                        bool_ty,
                    );
                    g.blocks[test].exit = Exit::Branch {
                        cond: hit.into(),
                        if_true: Link {
                            target: take,
                            args: all,
                        },
                        if_false: to_next,
                    };
                }
            }
            next = test;
            next_takes_args = true;
        }
        if !next_takes_args {
            // No handlers at all: a block with the right parameters that
            // propagates.
            let b = g.new_block(&param_types);
            let error = self.error_block(g);
            g.blocks[b].exit = Exit::Goto(Link {
                target: error,
                args: Vec::new(),
            });
            return Ok(b);
        }
        Ok(next)
    }
}

/// A value of a type, returned by a function that raised (the caller
/// ignores it).
pub fn dummy_value(m: &mut Module, ty: TypeId) -> Constant {
    let value = match m.types.get(ty) {
        Type::Prim(Prim::Void) => ConstValue::Void,
        Type::Prim(Prim::Bool) => ConstValue::Bool(false),
        Type::Prim(Prim::Float) => ConstValue::Float(0),
        Type::Prim(Prim::Address) | Type::Ptr(_) => ConstValue::Null,
        Type::Prim(_) => ConstValue::Int(0),
        _ => ConstValue::Void,
    };
    Constant::new(value, ty)
}
