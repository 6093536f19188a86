//! Writing low-level helper graphs in Rust, readably.
//!
//! The helpers behind strings, lists, dicts and the rest are low-level
//! graphs the rtyper builds (ARCHITECTURE.md, "Written once, for every
//! backend"). Writing SSA blocks with explicit parameters by hand would
//! bury what each helper does, so [`FnBuilder`] offers mutable locals and
//! structured control flow (`if`, `while`) and does the SSA plumbing
//! itself: every block it creates takes the current value of every value
//! defined so far and of every local as parameters, every jump passes
//! them, and an operand naming a value defined in an earlier block is
//! translated to the current block's copy. So Rust variables holding
//! operands stay usable across control flow. [`FnBuilder::finish`] then
//! drops the parameters nothing reads.
//!
//! A label takes the values and locals that exist when it is made, so
//! make labels after what they must carry (the structured helpers do).
//!
//! The builder does not hold the module: the few operations that need it
//! (calls, function pointers) take it as an argument, so the code building
//! a helper can go on using the rtyper (for constants, classes, other
//! helpers) between operations.

use std::collections::{HashMap, HashSet};

use lltype::{
    Block, ConstValue, Constant, Exit, FuncId, Graph, Link, LlOp, Module, Operand, TypeId, Var,
};

/// A mutable local of a helper being built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Local(usize);

/// A block to jump to, taking the values and locals that existed when it
/// was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    block: Block,
    values: usize,
    locals: usize,
}

/// Builds one low-level graph.
pub struct FnBuilder {
    g: Graph,
    void: TypeId,
    boolean: TypeId,
    signed: TypeId,
    char: TypeId,
    current: Option<Block>,
    locals: Vec<(TypeId, Operand)>,
    params: Vec<Operand>,
    /// Every variable defined so far, in order: their copies travel
    /// through every block.
    values: Vec<Var>,
    /// The current block's copy of each value.
    copies: HashMap<Var, Var>,
}

impl FnBuilder {
    /// Starts a graph taking parameters of these types.
    pub fn new(m: &mut Module, params: &[TypeId]) -> FnBuilder {
        let g = Graph::new(params);
        let entry = g.entry;
        let params = g.blocks[entry]
            .params
            .iter()
            .map(|v| Operand::Var(*v))
            .collect();
        let values: Vec<Var> = g.blocks[entry].params.clone();
        let copies = values.iter().map(|v| (*v, *v)).collect();
        FnBuilder {
            values,
            copies,
            void: m.types.void(),
            boolean: m.types.bool(),
            signed: m.types.signed(),
            char: m.types.char(),
            g,
            current: Some(entry),
            locals: Vec::new(),
            params,
        }
    }

    /// The i-th parameter.
    pub fn param(&self, i: usize) -> Operand {
        self.params[i].clone()
    }

    /// Names a parameter (a hint for dumps).
    pub fn name_param(&mut self, i: usize, name: &str) {
        if let Operand::Var(v) = self.params[i] {
            self.g.vars[v].name = Some(name.into());
        }
    }

    fn block(&self) -> Block {
        self.current
            .expect("an operation after a terminator: place a label first")
    }

    /// The current block's copy of an operand.
    fn resolve(&self, o: Operand) -> Operand {
        match o {
            Operand::Var(v) => Operand::Var(*self.copies.get(&v).unwrap_or(&v)),
            c => c,
        }
    }

    /// Appends an operation and returns its result.
    pub fn op(&mut self, op: LlOp, args: Vec<Operand>, ty: TypeId) -> Operand {
        let b = self.block();
        let args = args.into_iter().map(|a| self.resolve(a)).collect();
        let r = self.g.push_op(b, op, args, ty);
        if ty == self.void {
            // A void result is not a value carried between blocks: its
            // uses (a Void item appended to a list) take the constant.
            return Operand::Const(Constant::new(ConstValue::Void, ty));
        }
        self.values.push(r);
        self.copies.insert(r, r);
        Operand::Var(r)
    }

    /// Appends an operation without a value.
    pub fn effect(&mut self, op: LlOp, args: Vec<Operand>) {
        self.op(op, args, self.void);
    }

    /// Calls a function of the module.
    pub fn call(&mut self, m: &mut Module, f: FuncId, args: Vec<Operand>) -> Operand {
        let result = m.signature(f).1;
        let callee = func_ptr(m, f);
        let mut all = vec![callee];
        all.extend(args);
        self.op(LlOp::DirectCall, all, result)
    }

    /// A `Signed` constant.
    pub fn int(&self, i: i64) -> Operand {
        Operand::Const(Constant::new(ConstValue::Int(i.into()), self.signed))
    }

    /// A `Char` constant.
    pub fn char(&self, c: u8) -> Operand {
        Operand::Const(Constant::new(ConstValue::Int(c.into()), self.char))
    }

    /// A `Bool` constant.
    pub fn bool(&self, b: bool) -> Operand {
        Operand::Const(Constant::new(ConstValue::Bool(b), self.boolean))
    }

    /// A constant of any type.
    pub fn konst(&self, value: ConstValue, ty: TypeId) -> Operand {
        Operand::Const(Constant::new(value, ty))
    }

    /// A null pointer of this type.
    pub fn null(&self, ty: TypeId) -> Operand {
        Operand::Const(Constant::new(ConstValue::Null, ty))
    }

    /// A field name, for `getfield` and interior paths.
    pub fn name(&self, n: &str) -> Operand {
        Operand::Const(Constant::new(ConstValue::Name(n.into()), self.void))
    }

    /// Reads a field.
    pub fn getfield(&mut self, p: Operand, field: &str, ty: TypeId) -> Operand {
        let name = self.name(field);
        self.op(LlOp::GetField, vec![p, name], ty)
    }

    /// Writes a field.
    pub fn setfield(&mut self, p: Operand, field: &str, value: Operand) {
        let name = self.name(field);
        self.effect(LlOp::SetField, vec![p, name, value]);
    }

    /// A binary `Signed` operation.
    pub fn int_op(&mut self, op: LlOp, a: Operand, b: Operand) -> Operand {
        let ty = if matches!(
            op,
            LlOp::IntLt | LlOp::IntLe | LlOp::IntEq | LlOp::IntNe | LlOp::IntGt | LlOp::IntGe
        ) {
            self.boolean
        } else {
            self.signed
        };
        self.op(op, vec![a, b], ty)
    }

    /// `a or b` on two `Bool`s (both evaluated).
    pub fn bool_or(&mut self, a: Operand, b: Operand) -> Operand {
        self.bool_combine(LlOp::IntOr, a, b)
    }

    /// `a and b` on two `Bool`s (both evaluated).
    pub fn bool_and(&mut self, a: Operand, b: Operand) -> Operand {
        self.bool_combine(LlOp::IntAnd, a, b)
    }

    fn bool_combine(&mut self, op: LlOp, a: Operand, b: Operand) -> Operand {
        let a = self.op(LlOp::CastPrimitive, vec![a], self.signed);
        let b = self.op(LlOp::CastPrimitive, vec![b], self.signed);
        let v = self.op(op, vec![a, b], self.signed);
        self.op(LlOp::IntIsTrue, vec![v], self.boolean)
    }

    /// Declares a mutable local with an initial value.
    pub fn local(&mut self, init: Operand) -> Local {
        let init = self.resolve(init);
        let ty = self.g.operand_type(&init);
        self.locals.push((ty, init));
        Local(self.locals.len() - 1)
    }

    /// The current value of a local. The value stays usable after
    /// control flow, like any other (later assignments to the local do
    /// not change it).
    pub fn get(&mut self, l: Local) -> Operand {
        let v = self.locals[l.0].1.clone();
        if let Operand::Var(x) = v {
            if !self.copies.contains_key(&x) && self.g.var_type(x) != self.void {
                self.values.push(x);
                self.copies.insert(x, x);
            }
        }
        v
    }

    /// Assigns a local.
    pub fn set(&mut self, l: Local, v: Operand) {
        let v = self.resolve(v);
        debug_assert_eq!(self.g.operand_type(&v), self.locals[l.0].0);
        self.locals[l.0].1 = v;
    }

    /// A new label, taking the values and locals that exist now.
    pub fn label(&mut self) -> Label {
        let mut types: Vec<TypeId> = self.values.iter().map(|v| self.g.var_type(*v)).collect();
        types.extend(self.locals.iter().map(|(t, _)| *t));
        let block = self.g.new_block(&types);
        Label {
            block,
            values: self.values.len(),
            locals: self.locals.len(),
        }
    }

    fn link(&self, to: Label) -> Link {
        let mut args: Vec<Operand> = self.values[..to.values]
            .iter()
            .map(|v| Operand::Var(self.copies[v]))
            .collect();
        args.extend(self.locals[..to.locals].iter().map(|(_, v)| v.clone()));
        Link {
            target: to.block,
            args,
        }
    }

    fn terminate(&mut self, exit: Exit) {
        let b = self.block();
        self.g.blocks[b].exit = exit;
        self.current = None;
    }

    /// Jumps to a label.
    pub fn jump(&mut self, to: Label) {
        let link = self.link(to);
        self.terminate(Exit::Goto(link));
    }

    /// Branches on a `Bool`.
    pub fn branch(&mut self, cond: Operand, if_true: Label, if_false: Label) {
        let cond = self.resolve(cond);
        let (t, f) = (self.link(if_true), self.link(if_false));
        self.terminate(Exit::Branch {
            cond,
            if_true: t,
            if_false: f,
        });
    }

    /// Continues building at a label: the locals it takes are its
    /// parameters from now on.
    pub fn place(&mut self, label: Label) {
        assert!(
            self.current.is_none(),
            "the current block is not terminated"
        );
        let params = self.g.blocks[label.block].params.clone();
        let (values, locals) = params.split_at(label.values);
        // Values made after the label do not reach it.
        self.values.truncate(label.values);
        self.copies.clear();
        for (v, p) in self.values.iter().zip(values) {
            self.copies.insert(*v, *p);
        }
        for (i, p) in locals.iter().enumerate() {
            self.locals[i].1 = Operand::Var(*p);
        }
        self.locals.truncate(label.locals);
        self.current = Some(label.block);
    }

    /// Returns a value.
    pub fn ret(&mut self, v: Operand) {
        let v = self.resolve(v);
        self.terminate(Exit::Return(v));
    }

    /// Returns nothing (from a function whose result is `Void`).
    pub fn ret_void(&mut self) {
        let void = Operand::Const(Constant::new(ConstValue::Void, self.void));
        self.terminate(Exit::Return(void));
    }

    /// Raises an exception: its class pointer and instance.
    pub fn raise(&mut self, etype: Operand, evalue: Operand) {
        let (etype, evalue) = (self.resolve(etype), self.resolve(evalue));
        self.terminate(Exit::Raise { etype, evalue });
    }

    /// Runs `then` when `cond` holds, then carries on. The context `cx`
    /// (usually the rtyper) is handed to each closure in turn, so every
    /// branch may use it.
    pub fn if_then<C: ?Sized>(
        &mut self,
        cx: &mut C,
        cond: Operand,
        then: impl FnOnce(&mut C, &mut Self),
    ) {
        let (yes, join) = (self.label(), self.label());
        self.branch(cond, yes, join);
        self.place(yes);
        then(cx, self);
        if self.current.is_some() {
            self.jump(join);
        }
        self.place(join);
    }

    /// Runs one of two branches, then carries on (if either falls
    /// through).
    pub fn if_else<C: ?Sized>(
        &mut self,
        cx: &mut C,
        cond: Operand,
        then: impl FnOnce(&mut C, &mut Self),
        otherwise: impl FnOnce(&mut C, &mut Self),
    ) {
        let (yes, no, join) = (self.label(), self.label(), self.label());
        self.branch(cond, yes, no);
        self.place(yes);
        then(cx, self);
        let mut joined = false;
        if self.current.is_some() {
            self.jump(join);
            joined = true;
        }
        self.place(no);
        otherwise(cx, self);
        if self.current.is_some() {
            self.jump(join);
            joined = true;
        }
        if joined {
            self.place(join);
        }
    }

    /// `while cond: body`.
    pub fn while_loop<C: ?Sized>(
        &mut self,
        cx: &mut C,
        cond: impl FnOnce(&mut C, &mut Self) -> Operand,
        body: impl FnOnce(&mut C, &mut Self),
    ) {
        let (head, inside, after) = (self.label(), self.label(), self.label());
        self.jump(head);
        self.place(head);
        let c = cond(cx, self);
        self.branch(c, inside, after);
        self.place(inside);
        body(cx, self);
        if self.current.is_some() {
            self.jump(head);
        }
        self.place(after);
    }

    /// `for i in range(start, stop): body(i)`, counting up by one.
    pub fn for_range<C: ?Sized>(
        &mut self,
        cx: &mut C,
        start: Operand,
        stop: Operand,
        body: impl FnOnce(&mut C, &mut Self, Operand),
    ) {
        let i = self.local(start);
        self.while_loop(
            cx,
            |_, b| {
                let v = b.get(i);
                b.int_op(LlOp::IntLt, v, stop)
            },
            |cx, b| {
                let v = b.get(i);
                body(cx, b, v);
                if b.is_open() {
                    let v = b.get(i);
                    let one = b.int(1);
                    let next = b.int_op(LlOp::IntAdd, v, one);
                    b.set(i, next);
                }
            },
        );
    }

    /// Calls a function that may raise: if it returns, building goes on
    /// with its result; if it raises, control goes to `on_error` with the
    /// exception's class and instance in the locals `etype` and `evalue`.
    #[allow(clippy::too_many_arguments)]
    pub fn try_call(
        &mut self,
        m: &mut Module,
        f: FuncId,
        args: Vec<Operand>,
        on_error: Label,
        etype: Local,
        evalue: Local,
    ) -> Operand {
        let r = self.call(m, f, args);
        let cont = self.label();
        let normal = self.link(cont);
        let et = self.g.new_var(self.locals[etype.0].0, Some("etype"));
        let ev = self.g.new_var(self.locals[evalue.0].0, Some("evalue"));
        let mut handler = self.link(on_error);
        assert!(etype.0 < on_error.locals && evalue.0 < on_error.locals);
        handler.args[on_error.values + etype.0] = Operand::Var(et);
        handler.args[on_error.values + evalue.0] = Operand::Var(ev);
        self.terminate(Exit::Catch {
            normal,
            handlers: vec![lltype::Handler {
                class: None,
                etype: et,
                evalue: ev,
                link: handler,
            }],
        });
        self.place(cont);
        self.resolve(r)
    }

    /// Whether the builder is in a block (no terminator yet).
    pub fn is_open(&self) -> bool {
        self.current.is_some()
    }

    /// The finished graph, without the parameters nothing reads.
    pub fn finish(self) -> Graph {
        assert!(self.current.is_none(), "the last block is not terminated");
        let mut g = self.g;
        remove_unread_params(&mut g);
        g
    }

    /// The type of an operand.
    pub fn type_of(&self, o: &Operand) -> TypeId {
        let o = self.resolve(o.clone());
        self.g.operand_type(&o)
    }

    /// The `Bool` type.
    pub fn bool_type(&self) -> TypeId {
        self.boolean
    }

    /// Whether a type is `Void`.
    pub fn is_void(&self, t: TypeId) -> bool {
        t == self.void
    }
}

/// A pointer constant to a function of the module.
pub fn func_ptr(m: &mut Module, f: FuncId) -> Operand {
    let ty = m.types.ptr(m.functions[f].ty).expect("a function type");
    Operand::Const(Constant::new(ConstValue::Func(f), ty))
}

/// Removes block parameters (and the matching link arguments) that no
/// operation, exit or needed parameter reads. The entry block keeps its
/// parameters: they are the function's.
pub fn remove_unread_params(g: &mut Graph) {
    let blocks = g.reachable_blocks();
    // A parameter is needed if its block reads it directly, or passes it
    // to a needed parameter.
    let mut needed: HashSet<Var> = HashSet::new();
    for &b in &blocks {
        let data = &g.blocks[b];
        let mut read = |o: &Operand| {
            if let Operand::Var(v) = o {
                needed.insert(*v);
            }
        };
        for op in &data.ops {
            op.args.iter().for_each(&mut read);
        }
        match &data.exit {
            Exit::Return(o) => read(o),
            Exit::Raise { etype, evalue } => {
                read(etype);
                read(evalue);
            }
            Exit::Branch { cond, .. } => read(cond),
            Exit::Switch { value, .. } => read(value),
            _ => {}
        }
    }
    needed.extend(g.blocks[g.entry].params.iter().copied());
    loop {
        let mut changed = false;
        for &b in &blocks {
            for l in g.blocks[b].exit.links() {
                let params = &g.blocks[l.target].params;
                for (a, p) in l.args.iter().zip(params) {
                    if let Operand::Var(v) = a {
                        if needed.contains(p) && needed.insert(*v) {
                            changed = true;
                        }
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    let keep: HashMap<Block, Vec<bool>> = blocks
        .iter()
        .map(|&b| {
            let flags = g.blocks[b]
                .params
                .iter()
                .map(|p| b == g.entry || needed.contains(p))
                .collect();
            (b, flags)
        })
        .collect();
    for &b in &blocks {
        let flags = &keep[&b];
        let params = std::mem::take(&mut g.blocks[b].params);
        g.blocks[b].params = params
            .into_iter()
            .zip(flags)
            .filter(|(_, k)| **k)
            .map(|(p, _)| p)
            .collect();
        for l in g.blocks[b].exit.links_mut() {
            let Some(flags) = keep.get(&l.target) else {
                continue;
            };
            let args = std::mem::take(&mut l.args);
            l.args = args
                .into_iter()
                .zip(flags)
                .filter(|(_, k)| **k)
                .map(|(a, _)| a)
                .collect();
        }
    }
}
