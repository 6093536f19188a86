//! The verifier: the invariants every low-level module keeps.
//!
//! Every pass must leave its module valid, and nothing unverified reaches
//! a backend: [`verify`] returns the [`ModuleInfo`] each backend's entry
//! point takes. It checks that every global's initialiser fits its type,
//! every constant fits its type, every variable is defined once and used
//! only where its definition reaches (in its own block after its
//! definition, or on that block's exits), every link passes one value of
//! the right type per parameter, every exit is well formed, and every
//! operation is applied to operands of the types the operation table
//! expects, with the result type it produces. Its failures are bugs of the
//! translator (or of whoever built the module), never user diagnostics.

use std::collections::{HashMap, HashSet};
use std::fmt;

mod addresses;
pub use addresses::verify_gc_addresses;

use crate::module::{
    Block, Body, ConstValue, Constant, Exit, FuncId, Graph, Init, Link, Module, Op, Operand,
    Symbolic, Var,
};
use crate::ops::{Arity, LlOp};
use crate::print::constant_text;
use crate::types::{IntWidth, Prim, Type, TypeId};

/// What a verified module guarantees, for backends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleInfo {
    /// No graph contains [`Exit::Catch`] or [`Exit::Raise`]: exceptions
    /// are explicit data flow (after the exception transform), as the
    /// backends require.
    pub exceptions_lowered: bool,
    /// The functions reachable from the entry point (or every function
    /// when there is none), entry first, in discovery order.
    pub reachable: Vec<FuncId>,
}

/// One broken invariant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    /// Where: a function, global or type name, with a block and operation
    /// when it is inside a graph.
    pub place: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Checks the whole module; returns every broken invariant found.
pub fn verify(m: &Module) -> Result<ModuleInfo, Vec<VerifyError>> {
    let mut errors = Vec::new();
    for (_, ty) in m.types.iter() {
        if let Type::Struct(s) = ty {
            if !s.defined {
                errors.push(VerifyError {
                    place: format!("struct {}", s.name),
                    message: "declared but never given its fields".into(),
                });
            }
        }
    }
    for g in m.globals.values() {
        let mut cx = Cx {
            m,
            errors: &mut errors,
            place: format!("global @{}", g.name),
        };
        match m.types.get(g.ty) {
            Type::Struct(_) | Type::Array { .. } | Type::FixedArray { .. } => {
                cx.check_init(g.ty, &g.init)
            }
            _ => cx.error(format!(
                "a global is a struct or an array, not {}",
                m.types.display(g.ty)
            )),
        }
    }
    if let Some(f) = m.on_fatal {
        let f = &m.functions[f];
        let nothing = match m.types.get(f.ty) {
            Type::Func { params, result } => {
                params.is_empty() && matches!(m.types.get(*result), Type::Prim(Prim::Void))
            }
            _ => false,
        };
        if !nothing {
            errors.push(VerifyError {
                place: format!("func {}", f.name),
                message: "the function run before a fatal error must take and return nothing"
                    .into(),
            });
        }
    }
    let mut exceptions_lowered = true;
    for f in m.functions.values() {
        let (params, result) = match m.types.get(f.ty) {
            Type::Func { params, result } => (params.clone(), *result),
            _ => {
                errors.push(VerifyError {
                    place: format!("func {}", f.name),
                    message: "its type is not a function type".into(),
                });
                continue;
            }
        };
        if let Body::Graph(g) = &f.body {
            let mut gcx = GraphCx::new(m, &mut errors, &f.name, g);
            gcx.check(&params, result);
            for b in g.reachable_blocks() {
                if matches!(g.blocks[b].exit, Exit::Catch { .. } | Exit::Raise { .. }) {
                    exceptions_lowered = false;
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(ModuleInfo {
            exceptions_lowered,
            reachable: reachable_functions(m),
        })
    } else {
        Err(errors)
    }
}

/// The functions a module's entry reaches through constant function
/// pointers anywhere in graphs and globals.
fn reachable_functions(m: &Module) -> Vec<FuncId> {
    let Some(entry) = m.entry else {
        return m.functions.keys().collect();
    };
    let mut from_globals = Vec::new();
    for g in m.globals.values() {
        collect_init_funcs(&g.init, &mut from_globals);
    }
    let mut seen = HashSet::new();
    let mut order = Vec::new();
    let mut stack: Vec<FuncId> = from_globals.into_iter().rev().collect();
    stack.extend(m.on_fatal);
    stack.push(entry);
    while let Some(f) = stack.pop() {
        if !seen.insert(f) {
            continue;
        }
        order.push(f);
        if let Body::Graph(g) = &m.functions[f].body {
            let mut found = Vec::new();
            for b in g.reachable_blocks() {
                let data = &g.blocks[b];
                let operands = data
                    .ops
                    .iter()
                    .flat_map(|op| op.args.iter())
                    .chain(data.exit.links().into_iter().flat_map(|l| l.args.iter()));
                for o in operands {
                    if let Some(Constant {
                        value: ConstValue::Func(callee),
                        ..
                    }) = o.as_const()
                    {
                        found.push(*callee);
                    }
                }
            }
            stack.extend(found.into_iter().rev());
        }
    }
    order
}

fn collect_init_funcs(init: &Init, out: &mut Vec<FuncId>) {
    match init {
        Init::Value(Constant {
            value: ConstValue::Func(f),
            ..
        }) => out.push(*f),
        Init::Struct(items) | Init::Array(items) => {
            items.iter().for_each(|i| collect_init_funcs(i, out))
        }
        _ => {}
    }
}

struct Cx<'a> {
    m: &'a Module,
    errors: &'a mut Vec<VerifyError>,
    place: String,
}

impl Cx<'_> {
    fn error(&mut self, message: String) {
        self.errors.push(VerifyError {
            place: self.place.clone(),
            message,
        });
    }

    fn ty(&self, t: TypeId) -> String {
        self.m.types.display(t)
    }

    /// Checks a constant against its own type.
    fn check_constant(&mut self, c: &Constant) {
        let types = &self.m.types;
        let ok = match (&c.value, types.get(c.ty)) {
            (ConstValue::Void | ConstValue::Name(_), Type::Prim(Prim::Void)) => true,
            (ConstValue::Bool(_), Type::Prim(Prim::Bool)) => true,
            (ConstValue::Int(i), Type::Prim(p)) => int_fits(*i, *p),
            (ConstValue::Float(_), Type::Prim(Prim::Float)) => true,
            (ConstValue::Symbolic(s), Type::Prim(Prim::Signed)) => {
                self.check_symbolic(s);
                true
            }
            (ConstValue::Null, Type::Ptr(_) | Type::Prim(Prim::Address)) => true,
            (ConstValue::Global(g), Type::Ptr(to)) => types.is_ancestor(*to, self.m.globals[*g].ty),
            (ConstValue::Global(_), Type::Prim(Prim::Address)) => true,
            (ConstValue::Func(f), Type::Ptr(to)) => *to == self.m.functions[*f].ty,
            _ => false,
        };
        if !ok {
            let text = constant_text(self.m, c);
            self.error(format!("the constant `{text}` does not fit its type"));
        }
    }

    fn check_symbolic(&mut self, s: &Symbolic) {
        let types = &self.m.types;
        let ok = match s {
            Symbolic::SizeOf(t) => matches!(
                types.get(*t),
                Type::Struct(_) | Type::Array { .. } | Type::FixedArray { .. }
            ),
            Symbolic::OffsetOf(t, f) => types
                .as_struct(*t)
                .is_some_and(|s| s.field_index(f).is_some()),
            Symbolic::ItemsOffset(t) | Symbolic::ItemSize(t) | Symbolic::LengthOffset(t) => {
                types.is_varsize(*t)
            }
        };
        if !ok {
            let text = format!("{s:?}");
            self.error(format!("the layout constant {text} names no such part"));
        }
    }

    /// Checks an initialiser against the type of the part it fills.
    fn check_init(&mut self, ty: TypeId, init: &Init) {
        let types = &self.m.types;
        match (init, types.get(ty)) {
            (Init::Zero, _) => {}
            (Init::Struct(items), Type::Struct(s)) => {
                if items.len() != s.fields.len() {
                    let n = s.fields.len();
                    self.error(format!(
                        "{} initialisers for the {n} fields of {}",
                        items.len(),
                        s.name
                    ));
                    return;
                }
                let fields: Vec<TypeId> = s.fields.iter().map(|f| f.ty).collect();
                for (f, i) in fields.into_iter().zip(items) {
                    self.check_init(f, i);
                }
            }
            (Init::Array(items), Type::Array { item, .. }) => {
                let item = *item;
                items.iter().for_each(|i| self.check_init(item, i));
            }
            (Init::Array(items), Type::FixedArray { item, len }) => {
                if items.len() != *len as usize {
                    self.error(format!("{} items for {}", items.len(), self.ty(ty)));
                }
                let item = *item;
                items.iter().for_each(|i| self.check_init(item, i));
            }
            (Init::Bytes(bytes), Type::Array { item, .. } | Type::FixedArray { item, .. })
                if types.as_prim(*item) == Some(Prim::Char) =>
            {
                if let Type::FixedArray { len, .. } = types.get(ty) {
                    if bytes.len() != *len as usize {
                        self.error(format!("{} bytes for {}", bytes.len(), self.ty(ty)));
                    }
                }
            }
            (Init::Value(c), _) => {
                self.check_constant(c);
                if !self.assignable(c.ty, ty) {
                    let text = constant_text(self.m, c);
                    self.error(format!("`{text}` cannot initialise a {}", self.ty(ty)));
                }
            }
            _ => self.error(format!("this initialiser does not fit a {}", self.ty(ty))),
        }
    }

    /// Whether a value of type `from` may be stored where `to` is
    /// expected in an initialiser: the same type, or a pointer to a child
    /// struct where a pointer to its ancestor is expected.
    fn assignable(&self, from: TypeId, to: TypeId) -> bool {
        if from == to {
            return true;
        }
        let types = &self.m.types;
        match (types.pointee(from), types.pointee(to)) {
            (Some(a), Some(b)) => types.is_ancestor(b, a),
            _ => false,
        }
    }
}

fn int_fits(i: i128, p: Prim) -> bool {
    let (lo, hi): (i128, i128) = match p {
        Prim::Signed | Prim::Int(IntWidth::W64, true) => (i64::MIN.into(), i64::MAX.into()),
        Prim::Unsigned | Prim::Int(IntWidth::W64, false) => (0, u64::MAX.into()),
        Prim::Int(w, true) => {
            let half = 1i128 << (w.bits() - 1);
            (-half, half - 1)
        }
        Prim::Int(w, false) => (0, (1i128 << w.bits()) - 1),
        Prim::Char => (0, 255),
        Prim::UniChar => (0, 0x10ffff),
        _ => return false,
    };
    (lo..=hi).contains(&i)
}

/// Checks one graph.
struct GraphCx<'a> {
    cx: Cx<'a>,
    func: &'a str,
    g: &'a Graph,
    /// Where each variable is defined.
    defined: HashMap<Var, Block>,
    block_names: HashMap<Block, usize>,
}

impl<'a> GraphCx<'a> {
    fn new(
        m: &'a Module,
        errors: &'a mut Vec<VerifyError>,
        func: &'a str,
        g: &'a Graph,
    ) -> GraphCx<'a> {
        let block_names = g
            .reachable_blocks()
            .into_iter()
            .enumerate()
            .map(|(i, b)| (b, i))
            .collect();
        GraphCx {
            cx: Cx {
                m,
                errors,
                place: format!("func {func}"),
            },
            func,
            g,
            defined: HashMap::new(),
            block_names,
        }
    }

    fn at(&mut self, b: Block, what: &str) {
        self.cx.place = format!("func {}, block{}{what}", self.func, self.block_names[&b]);
    }

    fn error(&mut self, message: String) {
        self.cx.error(message)
    }

    fn ty(&self, t: TypeId) -> String {
        self.cx.ty(t)
    }

    fn prim(&self, t: TypeId) -> Option<Prim> {
        self.cx.m.types.as_prim(t)
    }

    fn define(&mut self, v: Var, b: Block) {
        if self.defined.insert(v, b).is_some() {
            self.error(format!("variable {v} is defined twice"));
        }
    }

    fn check(&mut self, params: &[TypeId], result: TypeId) {
        let g = self.g;
        let entry_params: Vec<TypeId> = g.blocks[g.entry]
            .params
            .iter()
            .map(|v| g.vars[*v].ty)
            .collect();
        if entry_params != params {
            self.at(g.entry, "");
            self.error("the entry block's parameters differ from the function's".into());
        }
        let blocks = g.reachable_blocks();
        for &b in &blocks {
            self.check_block(b, result);
        }
    }

    fn check_block(&mut self, b: Block, result: TypeId) {
        let g = self.g;
        let data = &g.blocks[b];
        let mut live: HashSet<Var> = HashSet::new();
        self.at(b, "");
        for &p in &data.params {
            self.define(p, b);
            live.insert(p);
        }
        for (i, op) in data.ops.iter().enumerate() {
            self.at(b, &format!(", op {i} `{}`", op.op));
            for a in &op.args {
                self.check_operand(a, &live);
            }
            self.check_op(op);
            self.define(op.result, b);
            live.insert(op.result);
        }
        self.at(b, ", exit");
        let last_result = data.ops.last().map(|op| op.result);
        match &data.exit {
            Exit::Return(o) => {
                self.check_operand(o, &live);
                let t = self.g.operand_type(o);
                if t != result {
                    let (a, r) = (self.ty(t), self.ty(result));
                    self.error(format!("returns a {a} from a function returning {r}"));
                }
            }
            Exit::Raise { etype, evalue } => {
                self.check_operand(etype, &live);
                self.check_operand(evalue, &live);
                let types = &self.cx.m.types;
                if types.pointee(g.operand_type(etype)).is_none()
                    || !types.is_gc_ptr(g.operand_type(evalue))
                {
                    self.error(
                        "raises something other than a class pointer and an instance".into(),
                    );
                }
            }
            Exit::Goto(l) => self.check_link(l, &live),
            Exit::Branch {
                cond,
                if_true,
                if_false,
            } => {
                self.check_operand(cond, &live);
                if self.prim(g.operand_type(cond)) != Some(Prim::Bool) {
                    self.error("branches on something other than a Bool".into());
                }
                self.check_link(if_true, &live);
                self.check_link(if_false, &live);
            }
            Exit::Switch {
                value,
                cases,
                default,
            } => {
                self.check_operand(value, &live);
                let p = self.prim(g.operand_type(value));
                match p {
                    Some(p) if p.is_integer() || matches!(p, Prim::Char | Prim::UniChar) => {
                        for (case, _) in cases {
                            if !int_fits(*case, p) {
                                self.error(format!("case {case} is not a {}", p.name()));
                            }
                        }
                    }
                    _ => self
                        .error("switches on something other than an integer or character".into()),
                }
                let mut seen = HashSet::new();
                for (case, l) in cases {
                    if !seen.insert(*case) {
                        self.error(format!("case {case} appears twice"));
                    }
                    self.check_link(l, &live);
                }
                self.check_link(default, &live);
            }
            Exit::Catch { normal, handlers } => {
                let raising = data.ops.last().is_some_and(|op| op.op.can_raise());
                if !raising {
                    self.error("catches exceptions after an operation that cannot raise".into());
                }
                self.check_link(normal, &live);
                let mut handler_live = live.clone();
                if let Some(r) = last_result {
                    handler_live.remove(&r);
                }
                for h in handlers {
                    if let Some(c) = &h.class {
                        self.cx.check_constant(c);
                        if self.cx.m.types.pointee(c.ty).is_none() {
                            self.error("a handler's class is not a class pointer".into());
                        }
                    }
                    self.define(h.etype, b);
                    self.define(h.evalue, b);
                    let mut l2 = handler_live.clone();
                    l2.insert(h.etype);
                    l2.insert(h.evalue);
                    self.check_link(&h.link, &l2);
                }
            }
            Exit::Unreachable => {}
        }
    }

    fn check_operand(&mut self, o: &Operand, live: &HashSet<Var>) {
        match o {
            Operand::Var(v) => {
                if !live.contains(v) {
                    self.error(format!("variable {v} is used where it is not defined"));
                }
            }
            Operand::Const(c) => self.cx.check_constant(c),
        }
    }

    fn check_link(&mut self, l: &Link, live: &HashSet<Var>) {
        let g = self.g;
        for a in &l.args {
            self.check_operand(a, live);
        }
        let params = &g.blocks[l.target].params;
        if params.len() != l.args.len() {
            self.error(format!(
                "a link passes {} values to a block taking {}",
                l.args.len(),
                params.len()
            ));
            return;
        }
        for (i, (a, p)) in l.args.iter().zip(params).enumerate() {
            let (at, pt) = (g.operand_type(a), g.vars[*p].ty);
            if at != pt {
                let (at, pt) = (self.ty(at), self.ty(pt));
                self.error(format!("link argument {i} is a {at}, the parameter a {pt}"));
            }
        }
    }

    /// Checks one operation's operand and result types.
    fn check_op(&mut self, op: &Op) {
        if !op.op.arity().accepts(op.args.len()) {
            let want = match op.op.arity() {
                Arity::Exact(n) => format!("{n}"),
                Arity::AtLeast(n) => format!("at least {n}"),
            };
            self.error(format!("takes {want} operands, not {}", op.args.len()));
            return;
        }
        let g = self.g;
        let args: Vec<TypeId> = op.args.iter().map(|a| g.operand_type(a)).collect();
        let result = g.vars[op.result].ty;
        let p = |t: TypeId| self.prim(t);
        use LlOp::*;
        use Prim::{
            Address as A, Bool as B, Char as C, Float as F, Signed as S, UniChar as U,
            Unsigned as W,
        };
        let sig = |want: &[Prim], res: Prim| -> bool {
            args.iter().zip(want).all(|(a, w)| p(*a) == Some(*w)) && p(result) == Some(res)
        };
        let ok = match op.op {
            SameAs | JitPromote => args[0] == result,
            CastPrimitive => {
                let int_like = |t| p(t).is_some_and(|q| q.is_integer() || matches!(q, B | C | U));
                int_like(args[0]) && int_like(result) && p(result) != Some(B)
            }
            CastIntToFloat => sig(&[S], F),
            CastUintToFloat => sig(&[W], F),
            CastFloatToInt => sig(&[F], S),
            CastFloatToUint => sig(&[F], W),
            BoolNot => sig(&[B], B),
            IntAdd | IntSub | IntMul | IntFloorDiv | IntMod | IntAnd | IntOr | IntXor
            | IntLshift | IntRshift => sig(&[S, S], S),
            IntLt | IntLe | IntEq | IntNe | IntGt | IntGe | IntAddOverflows | IntSubOverflows
            | IntMulOverflows | IntLshiftOverflows => sig(&[S, S], B),
            IntNeg | IntAbs | IntInvert => sig(&[S], S),
            IntIsTrue => sig(&[S], B),
            UintAdd | UintSub | UintMul | UintFloorDiv | UintMod | UintAnd | UintOr | UintXor => {
                sig(&[W, W], W)
            }
            UintLshift | UintRshift => sig(&[W, S], W),
            UintLt | UintLe | UintEq | UintNe | UintGt | UintGe => sig(&[W, W], B),
            UintInvert => sig(&[W], W),
            UintIsTrue => sig(&[W], B),
            FloatAdd | FloatSub | FloatMul | FloatTrueDiv => sig(&[F, F], F),
            FloatNeg | FloatAbs => sig(&[F], F),
            FloatLt | FloatLe | FloatEq | FloatNe | FloatGt | FloatGe => sig(&[F, F], B),
            FloatIsTrue => sig(&[F], B),
            CharLt | CharLe | CharEq | CharNe | CharGt | CharGe => sig(&[C, C], B),
            UniCharEq | UniCharNe | UniCharLt => sig(&[U, U], B),
            Malloc | MallocVarsize => return self.check_malloc(op.op, &args, result),
            Free => {
                let types = &self.cx.m.types;
                types
                    .pointee(args[0])
                    .is_some_and(|t| !types.is_gc_container(t))
                    && p(result) == Some(Prim::Void)
            }
            GetField | SetField | GetArrayItem | SetArrayItem | GetInterior | SetInterior
            | GetInteriorSize | GetArraySize => return self.check_access(op, &args, result),
            PtrEq | PtrNe => {
                self.cx.m.types.pointee(args[0]).is_some()
                    && args[0] == args[1]
                    && p(result) == Some(B)
            }
            PtrIsZero | PtrNonZero => {
                self.cx.m.types.pointee(args[0]).is_some() && p(result) == Some(B)
            }
            CastPointer => {
                let types = &self.cx.m.types;
                match (types.pointee(args[0]), types.pointee(result)) {
                    (Some(a), Some(b)) => {
                        types.castable(a, b) && types.is_gc_container(a) == types.is_gc_container(b)
                    }
                    _ => false,
                }
            }
            RawMalloc => sig(&[S], A),
            RawFree => sig(&[A], Prim::Void),
            RawMemClear => sig(&[A, S], Prim::Void),
            RawMemCopy => sig(&[A, A, S], Prim::Void),
            RawLoad => p(args[0]) == Some(A) && p(args[1]) == Some(S) && self.is_value_type(result),
            RawStore => {
                p(args[0]) == Some(A)
                    && p(args[1]) == Some(S)
                    && self.is_value_type(args[2])
                    && p(result) == Some(Prim::Void)
            }
            AdrAdd | AdrSub => sig(&[A, S], A),
            AdrDelta => sig(&[A, A], S),
            AdrEq | AdrNe | AdrLt | AdrLe | AdrGt | AdrGe => sig(&[A, A], B),
            CastPtrToAdr => self.is_ptr(args[0]) && p(result) == Some(A),
            CastAdrToPtr => p(args[0]) == Some(A) && self.is_ptr(result),
            CastAdrToInt => sig(&[A], S),
            CastIntToAdr => sig(&[S], A),
            DirectCall | IndirectCall => return self.check_call(op, &args, result),
            KeepAlive => p(result) == Some(Prim::Void),
            StackCurrent
            | GcTypeInfoTable
            | GcStaticRoots
            | GcAdrOfRootStackBase
            | GcAdrOfRootStackTop
            | GcAdrOfRootStackLimit => p(result) == Some(A),
            JitMarker => {
                matches!(
                    op.args[0].as_const(),
                    Some(Constant {
                        value: ConstValue::Name(_),
                        ..
                    })
                ) && p(result) == Some(Prim::Void)
            }
            DebugAssert => {
                p(args[0]) == Some(B)
                    && matches!(
                        op.args[1].as_const(),
                        Some(Constant {
                            value: ConstValue::Name(_),
                            ..
                        })
                    )
                    && p(result) == Some(Prim::Void)
            }
        };
        if !ok {
            self.type_mismatch(&args, result);
        }
    }

    fn type_mismatch(&mut self, args: &[TypeId], result: TypeId) {
        let args: Vec<String> = args.iter().map(|t| self.ty(*t)).collect();
        let result = self.ty(result);
        self.error(format!(
            "operand types ({}) with result {result} do not fit the operation",
            args.join(", ")
        ));
    }

    fn is_ptr(&self, t: TypeId) -> bool {
        self.cx.m.types.pointee(t).is_some()
    }

    /// A type a variable can hold: a primitive other than `Void`, or a
    /// pointer.
    fn is_value_type(&self, t: TypeId) -> bool {
        match self.cx.m.types.get(t) {
            Type::Prim(Prim::Void) => false,
            Type::Prim(_) | Type::Ptr(_) => true,
            _ => false,
        }
    }

    fn check_malloc(&mut self, op: LlOp, args: &[TypeId], result: TypeId) {
        let types = &self.cx.m.types;
        let container = types.pointee(result).filter(|t| {
            matches!(
                types.get(*t),
                Type::Struct(_) | Type::Array { .. } | Type::FixedArray { .. }
            )
        });
        let ok = match (op, container) {
            (LlOp::Malloc, Some(t)) => !types.is_varsize(t),
            (LlOp::MallocVarsize, Some(t)) => {
                types.is_varsize(t) && types.as_prim(args[0]) == Some(Prim::Signed)
            }
            _ => false,
        };
        if !ok {
            self.type_mismatch(args, result);
        }
    }

    /// Field, item and interior accesses: walks the path from the pointed
    /// container to the part read or written.
    fn check_access(&mut self, op: &Op, args: &[TypeId], result: TypeId) {
        let types = &self.cx.m.types;
        let Some(mut here) = types.pointee(args[0]) else {
            return self.type_mismatch(args, result);
        };
        let (path_end, value) = match op.op {
            LlOp::SetField | LlOp::SetArrayItem | LlOp::SetInterior => {
                (op.args.len() - 1, Some(args[args.len() - 1]))
            }
            _ => (op.args.len(), None),
        };
        let path = &op.args[1..path_end];
        let kinds_ok = match op.op {
            LlOp::GetField | LlOp::SetField => {
                path.len() == 1
                    && path[0]
                        .as_const()
                        .is_some_and(|c| matches!(c.value, ConstValue::Name(_)))
            }
            LlOp::GetArrayItem | LlOp::SetArrayItem => {
                path.len() == 1 && !matches!(types.get(here), Type::Struct(_))
            }
            LlOp::GetArraySize => path.is_empty(),
            _ => !path.is_empty() || op.op == LlOp::GetInteriorSize,
        };
        if !kinds_ok {
            return self.type_mismatch(args, result);
        }
        for (step, arg) in path.iter().zip(&args[1..]) {
            let next = match (step.as_const().map(|c| &c.value), types.get(here)) {
                (Some(ConstValue::Name(name)), Type::Struct(s)) => match s.field_index(name) {
                    Some(i) => Some(s.fields[i].ty),
                    None => {
                        let (n, sname) = (name.clone(), s.name.clone());
                        self.error(format!("struct {sname} has no field `{n}`"));
                        return;
                    }
                },
                (_, Type::Array { item, .. } | Type::FixedArray { item, .. })
                    if types.as_prim(*arg) == Some(Prim::Signed) =>
                {
                    Some(*item)
                }
                _ => None,
            };
            match next {
                Some(t) => here = t,
                None => return self.type_mismatch(args, result),
            }
        }
        let void = types.as_prim(result) == Some(Prim::Void);
        let ok = match op.op {
            LlOp::GetArraySize | LlOp::GetInteriorSize => {
                matches!(
                    types.get(here),
                    Type::Array { .. } | Type::FixedArray { .. }
                ) && types.as_prim(result) == Some(Prim::Signed)
            }
            _ => match value {
                Some(v) => void && v == here && self.is_value_type(here),
                None => result == here && self.is_value_type(here),
            },
        };
        if !ok {
            self.type_mismatch(args, result);
        }
    }

    fn check_call(&mut self, op: &Op, args: &[TypeId], result: TypeId) {
        let types = &self.cx.m.types;
        if op.op == LlOp::DirectCall
            && !matches!(
                op.args[0].as_const(),
                Some(Constant {
                    value: ConstValue::Func(_),
                    ..
                })
            )
        {
            self.error("direct_call of something other than a function constant".into());
            return;
        }
        let Some(Type::Func { params, result: r }) = types.pointee(args[0]).map(|t| types.get(t))
        else {
            return self.type_mismatch(args, result);
        };
        if params[..] != args[1..] || *r != result {
            self.type_mismatch(args, result);
        }
    }
}
