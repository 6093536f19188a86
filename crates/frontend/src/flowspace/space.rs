//! The flow space's answers to the instruction loop: fold what is known at
//! translation time, record an operation for everything else.

use super::builder::Builder;
use super::{FlowExc, FlowValue};
use crate::bytecode::{BinOp, CmpOp, CodeObject, Constant, Conversion, UnaryOp};
use crate::host::interp::{Frame, IterStep, Space, Truth};
use crate::host::object::Object;
use crate::host::space::constant_value;
use crate::host::{ObjRef, PyResult, PyStr, Value, Vm};
use flowgraph::{CallShape, OpKind};
use std::sync::Arc;

type R<T> = Result<T, FlowExc>;

/// True for values that no run-time code can change: operations on them
/// may be folded.
pub(super) fn is_immutable(v: &Value) -> bool {
    match v {
        Value::None
        | Value::Ellipsis
        | Value::NotImplemented
        | Value::Bool(_)
        | Value::Int(_)
        | Value::BigInt(_)
        | Value::Float(_)
        | Value::Str(_)
        | Value::Bytes(_) => true,
        Value::Tuple(items) => items.iter().all(is_immutable),
        Value::Ref(_) | Value::Method(_) => false,
    }
}

fn binop_kind(op: BinOp, inplace: bool) -> OpKind {
    use OpKind::*;
    match (op, inplace) {
        (BinOp::Add, false) => Add,
        (BinOp::Sub, false) => Sub,
        (BinOp::Mul, false) => Mul,
        (BinOp::MatMul, false) => MatMul,
        (BinOp::TrueDiv, false) => TrueDiv,
        (BinOp::FloorDiv, false) => FloorDiv,
        (BinOp::Mod, false) => Mod,
        (BinOp::Pow, false) => Pow,
        (BinOp::LShift, false) => LShift,
        (BinOp::RShift, false) => RShift,
        (BinOp::And, false) => And,
        (BinOp::Or, false) => Or,
        (BinOp::Xor, false) => Xor,
        (BinOp::Add, true) => InplaceAdd,
        (BinOp::Sub, true) => InplaceSub,
        (BinOp::Mul, true) => InplaceMul,
        (BinOp::MatMul, true) => InplaceMatMul,
        (BinOp::TrueDiv, true) => InplaceTrueDiv,
        (BinOp::FloorDiv, true) => InplaceFloorDiv,
        (BinOp::Mod, true) => InplaceMod,
        (BinOp::Pow, true) => InplacePow,
        (BinOp::LShift, true) => InplaceLShift,
        (BinOp::RShift, true) => InplaceRShift,
        (BinOp::And, true) => InplaceAnd,
        (BinOp::Or, true) => InplaceOr,
        (BinOp::Xor, true) => InplaceXor,
    }
}

fn cmp_kind(op: CmpOp) -> OpKind {
    match op {
        CmpOp::Lt => OpKind::Lt,
        CmpOp::Le => OpKind::Le,
        CmpOp::Eq => OpKind::Eq,
        CmpOp::Ne => OpKind::Ne,
        CmpOp::Gt => OpKind::Gt,
        CmpOp::Ge => OpKind::Ge,
        CmpOp::Is => OpKind::Is,
        CmpOp::IsNot => OpKind::IsNot,
        CmpOp::In => OpKind::Contains,
        CmpOp::NotIn => OpKind::NotContains,
    }
}

/// The hint on the result of `__exit__` called with an exception.
pub const WITH_EXIT_HINT: &str = "__exit__ with an exception";

/// Built-in functions that are pure: a call with immutable constant
/// arguments is folded at translation time.
const PURE_BUILTINS: &[&str] = &[
    "len", "ord", "chr", "abs", "min", "max", "int", "float", "str", "repr", "bool", "hex", "oct",
    "bin",
];

impl Builder<'_> {
    /// The function object standing for a code object defined at run time
    /// (`newfunction`'s first operand): made once per code object. Its
    /// graph takes the captured values as leading arguments.
    fn function_template(&mut self, frame: &Frame<FlowValue>, code: &Arc<CodeObject>) -> ObjRef {
        let key = Arc::as_ptr(code) as usize;
        if let Some(&r) = self.vm.function_templates.get(&key) {
            return r;
        }
        let func = crate::host::object::Function {
            code: code.clone(),
            module: frame.module,
            name: PyStr::new(&code.name),
            qualname: PyStr::new(&code.qualname),
            defaults: Vec::new(),
            kwdefaults: Vec::new(),
            closure: Vec::new(),
            dict: Default::default(),
        };
        let r = self.vm.heap.alloc(Object::Function(func));
        self.vm.function_templates.insert(key, r);
        r
    }

    /// Runs a host computation for folding; `None` if it raised (the
    /// operation is then recorded and raises at run time).
    fn fold(&mut self, f: impl FnOnce(&mut Vm) -> PyResult<Value>) -> Option<Value> {
        f(self.vm).ok()
    }

    fn const_of<'v>(&self, v: &'v FlowValue) -> Option<&'v Value> {
        match v {
            FlowValue::Const(c) => Some(c),
            _ => None,
        }
    }

    fn immutable<'v>(&self, v: &'v FlowValue) -> Option<&'v Value> {
        self.const_of(v).filter(|c| is_immutable(c))
    }

    fn is_module_or_class(&self, v: &Value) -> bool {
        match v {
            Value::Ref(r) => matches!(self.vm.heap.get(*r), Object::Module(_) | Object::Class(_)),
            _ => false,
        }
    }

    /// Whether `f` is the built-in function `name` of the builtins module.
    fn builtin_named(&self, f: &Value) -> Option<PyStr> {
        let Value::Ref(r) = f else { return None };
        let Object::Builtin(b) = self.vm.heap.get(*r) else {
            return None;
        };
        if b.bound_self.is_some() {
            return None;
        }
        let name = b.name.clone();
        match self.vm.lookup_global(self.vm.builtins, &name) {
            Some(Value::Ref(same)) if same == *r => Some(name),
            _ => None,
        }
    }

    /// Whether `f` is a function of the `rpython` support package that the
    /// translator answers itself.
    fn special_function(&self, f: &Value) -> Option<&'static str> {
        let Value::Ref(r) = f else { return None };
        let Object::Function(func) = self.vm.heap.get(*r) else {
            return None;
        };
        let Object::Module(m) = self.vm.heap.get(func.module) else {
            return None;
        };
        match (m.name.as_str(), func.name.as_str()) {
            ("rpython.rlib.objectmodel", "we_are_translated") => Some("we_are_translated"),
            _ => None,
        }
    }

    fn sequence_items(&mut self, v: &Value) -> Option<Vec<Value>> {
        match v {
            Value::Tuple(items) => Some(items.to_vec()),
            _ if is_immutable(v) => self.vm.collect(v).ok(),
            _ => None,
        }
    }
}

impl Space for Builder<'_> {
    type V = FlowValue;
    type E = FlowExc;

    fn constant(&mut self, c: &Constant) -> FlowValue {
        FlowValue::Const(constant_value(c))
    }

    fn exception_value(&mut self, e: &FlowExc) -> FlowValue {
        match e {
            FlowExc::Raise { value, .. } => value.clone(),
            FlowExc::Error(_) => FlowValue::Const(Value::None),
        }
    }

    fn unbound_local(&mut self, name: &str) -> FlowExc {
        self.error(&format!(
            "local variable `{name}` may be used before it is assigned"
        ))
    }

    fn unbound_free(&mut self, name: &str) -> FlowExc {
        self.error(&format!(
            "free variable `{name}` is not assigned in the enclosing function"
        ))
    }

    fn name_error(&mut self, name: &str) -> FlowExc {
        self.error(&format!("global name `{name}` is not defined"))
    }

    fn load_global(&mut self, module: ObjRef, name: &PyStr) -> R<FlowValue> {
        match self.vm.lookup_global(module, name) {
            Some(v) => Ok(FlowValue::Const(v)),
            None => Err(self.name_error(name)),
        }
    }

    fn store_global(&mut self, _: ObjRef, name: &PyStr, _: FlowValue) -> R<()> {
        Err(self.error(&format!(
            "the module global `{}` is rebound at run time; globals are constants after import",
            name.as_str()
        )))
    }

    fn delete_global(&mut self, _: ObjRef, name: &PyStr) -> R<()> {
        Err(self.error(&format!(
            "the module global `{}` is deleted at run time",
            name.as_str()
        )))
    }

    fn load_name(&mut self, frame: &Frame<FlowValue>, name: &PyStr) -> R<FlowValue> {
        self.load_global(frame.module, name)
    }

    fn load_class_local(&mut self, _: &Frame<FlowValue>, _: &PyStr) -> R<Option<FlowValue>> {
        Ok(None)
    }

    fn store_name(&mut self, _: &Frame<FlowValue>, name: &PyStr, _: FlowValue) -> R<()> {
        Err(self.error(&format!(
            "`{}` is bound in a module or class body at run time",
            name.as_str()
        )))
    }

    fn delete_name(&mut self, _: &Frame<FlowValue>, name: &PyStr) -> R<()> {
        Err(self.error(&format!(
            "`{}` is deleted in a module or class body at run time",
            name.as_str()
        )))
    }

    fn load_cell(&mut self, frame: &Frame<FlowValue>, i: u32) -> R<Option<FlowValue>> {
        let slot = &frame.cells[i as usize];
        if (i as usize) < frame.code.cellvars.len() {
            return Ok(match slot {
                FlowValue::Unbound => None,
                v => Some(v.clone()),
            });
        }
        // A free variable: a cell made at import time (its content is a
        // constant), or a value the closure captured at run time.
        match slot {
            FlowValue::Const(Value::Ref(r)) if matches!(self.vm.heap.get(*r), Object::Cell(_)) => {
                match self.vm.heap.get(*r) {
                    Object::Cell(content) => Ok(content.clone().map(FlowValue::Const)),
                    _ => unreachable!(),
                }
            }
            v => Ok(Some(v.clone())),
        }
    }

    fn store_cell(&mut self, frame: &mut Frame<FlowValue>, i: u32, v: Option<FlowValue>) -> R<()> {
        if (i as usize) < frame.code.cellvars.len() {
            frame.cells[i as usize] = v.unwrap_or(FlowValue::Unbound);
            return Ok(());
        }
        let name = frame.code.cell_name(i).clone();
        Err(self.error(&format!(
            "`{name}` belongs to an enclosing function and is rebound here; RPython forbids that"
        )))
    }

    fn getattr(&mut self, obj: FlowValue, name: &PyStr) -> R<FlowValue> {
        if let Some(c) = self
            .const_of(&obj)
            .filter(|c| self.is_module_or_class(c))
            .cloned()
        {
            if let Some(v) = self.fold(|vm| vm.getattr(&c, name)) {
                return Ok(FlowValue::Const(v));
            }
        }
        if name.as_str() == "__class__" && self.const_of(&obj).is_none() {
            // `x.__class__` is `type(x)`, which the annotator understands.
            let type_ = FlowValue::Const(Value::Ref(self.vm.types.type_));
            return self.record(OpKind::SimpleCall, vec![type_, obj]);
        }
        self.record(
            OpKind::GetAttr,
            vec![obj, FlowValue::Const(Value::Str(name.clone()))],
        )
    }

    fn setattr(&mut self, obj: FlowValue, name: &PyStr, v: FlowValue) -> R<()> {
        self.record(
            OpKind::SetAttr,
            vec![obj, FlowValue::Const(Value::Str(name.clone())), v],
        )?;
        Ok(())
    }

    fn delattr(&mut self, obj: FlowValue, name: &PyStr) -> R<()> {
        self.record(
            OpKind::DelAttr,
            vec![obj, FlowValue::Const(Value::Str(name.clone()))],
        )?;
        Ok(())
    }

    fn getitem(&mut self, obj: FlowValue, index: FlowValue) -> R<FlowValue> {
        if let (Some(a), Some(b)) = (
            self.immutable(&obj).cloned(),
            self.immutable(&index).cloned(),
        ) {
            if let Some(v) = self.fold(|vm| vm.getitem(&a, &b)) {
                return Ok(FlowValue::Const(v));
            }
        }
        self.record(OpKind::GetItem, vec![obj, index])
    }

    fn setitem(&mut self, obj: FlowValue, index: FlowValue, v: FlowValue) -> R<()> {
        self.record(OpKind::SetItem, vec![obj, index, v])?;
        Ok(())
    }

    fn delitem(&mut self, obj: FlowValue, index: FlowValue) -> R<()> {
        self.record(OpKind::DelItem, vec![obj, index])?;
        Ok(())
    }

    fn new_slice(&mut self, start: FlowValue, stop: FlowValue, step: FlowValue) -> R<FlowValue> {
        self.record(OpKind::NewSlice, vec![start, stop, step])
    }

    fn unary(&mut self, op: UnaryOp, v: FlowValue) -> R<FlowValue> {
        if let Some(c) = self.immutable(&v).cloned() {
            if let Some(r) = self.fold(|vm| vm.unary_op(op, c)) {
                return Ok(FlowValue::Const(r));
            }
        }
        let kind = match op {
            UnaryOp::Neg => OpKind::Neg,
            UnaryOp::Pos => OpKind::Pos,
            UnaryOp::Invert => OpKind::Invert,
            UnaryOp::Not => OpKind::BoolNot,
        };
        self.record(kind, vec![v])
    }

    fn binary(&mut self, op: BinOp, a: FlowValue, b: FlowValue) -> R<FlowValue> {
        if let (Some(x), Some(y)) = (self.immutable(&a).cloned(), self.immutable(&b).cloned()) {
            if let Some(r) = self.fold(|vm| vm.binary_op(op, x, y)) {
                return Ok(FlowValue::Const(r));
            }
        }
        self.record(binop_kind(op, false), vec![a, b])
    }

    fn inplace(&mut self, op: BinOp, a: FlowValue, b: FlowValue) -> R<FlowValue> {
        if let (Some(x), Some(y)) = (self.immutable(&a).cloned(), self.immutable(&b).cloned()) {
            if let Some(r) = self.fold(|vm| vm.inplace_op(op, x, y)) {
                return Ok(FlowValue::Const(r));
            }
        }
        self.record(binop_kind(op, true), vec![a, b])
    }

    fn compare(&mut self, op: CmpOp, a: FlowValue, b: FlowValue) -> R<FlowValue> {
        if let (Some(x), Some(y)) = (self.const_of(&a).cloned(), self.const_of(&b).cloned()) {
            match op {
                CmpOp::Is => return Ok(FlowValue::Const(Value::Bool(x.is(&y)))),
                CmpOp::IsNot => return Ok(FlowValue::Const(Value::Bool(!x.is(&y)))),
                _ if is_immutable(&x) && is_immutable(&y) => {
                    if let Some(r) = self.fold(|vm| vm.compare(op, x, y)) {
                        return Ok(FlowValue::Const(r));
                    }
                }
                _ => {}
            }
        }
        match op {
            CmpOp::In | CmpOp::NotIn => self.record(cmp_kind(op), vec![b, a]),
            _ => self.record(cmp_kind(op), vec![a, b]),
        }
    }

    fn exc_match(&mut self, exc: FlowValue, cls: FlowValue) -> R<FlowValue> {
        if let (Some(e), Some(c)) = (self.const_of(&exc).cloned(), self.const_of(&cls).cloned()) {
            if let Ok(b) = self.vm.exc_match(&e, &c) {
                return Ok(FlowValue::Const(Value::Bool(b)));
            }
        }
        let etype = self.record(OpKind::Type, vec![exc])?;
        self.record(OpKind::ExceptionMatch, vec![etype, cls])
    }

    fn truth(&mut self, v: &FlowValue) -> R<Truth<FlowValue>> {
        if let Some(c) = self.const_of(v).cloned() {
            if is_immutable(&c) {
                if let Ok(b) = self.vm.is_true(&c) {
                    return Ok(Truth::Known(b));
                }
            } else if self.is_module_or_class(&c) || self.special_function(&c).is_some() {
                return Ok(Truth::Known(true));
            } else if let Value::Ref(r) = &c {
                if matches!(
                    self.vm.heap.get(*r),
                    Object::Function(_) | Object::Builtin(_)
                ) {
                    return Ok(Truth::Known(true));
                }
            }
        }
        let b = self.record(OpKind::IsTrue, vec![v.clone()])?;
        Ok(Truth::Unknown(b))
    }

    fn new_tuple(&mut self, items: Vec<FlowValue>) -> R<FlowValue> {
        if items.iter().all(|i| matches!(i, FlowValue::Const(_))) {
            let values = items.into_iter().filter_map(|i| match i {
                FlowValue::Const(c) => Some(c),
                _ => None,
            });
            return Ok(FlowValue::Const(Value::tuple(values.collect())));
        }
        self.record(OpKind::NewTuple, items)
    }

    fn new_list(&mut self, items: Vec<FlowValue>) -> R<FlowValue> {
        self.record(OpKind::NewList, items)
    }

    fn new_set(&mut self, items: Vec<FlowValue>) -> R<FlowValue> {
        self.record(OpKind::NewSet, items)
    }

    fn new_dict(&mut self, items: Vec<(FlowValue, FlowValue)>) -> R<FlowValue> {
        self.record(
            OpKind::NewDict,
            items.into_iter().flat_map(|(k, v)| [k, v]).collect(),
        )
    }

    fn build_string(&mut self, parts: Vec<FlowValue>) -> R<FlowValue> {
        let consts: Option<String> = parts
            .iter()
            .map(|p| match p {
                FlowValue::Const(Value::Str(s)) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        match consts {
            Some(s) => Ok(FlowValue::Const(Value::string(s))),
            None => self.record(OpKind::BuildStr, parts),
        }
    }

    fn list_append(&mut self, list: &FlowValue, item: FlowValue) -> R<()> {
        self.record(OpKind::ListAppend, vec![list.clone(), item])?;
        Ok(())
    }

    fn list_extend(&mut self, list: &FlowValue, items: FlowValue) -> R<()> {
        self.record(OpKind::ListExtend, vec![list.clone(), items])?;
        Ok(())
    }

    fn set_add(&mut self, set: &FlowValue, item: FlowValue) -> R<()> {
        self.record(OpKind::SetAdd, vec![set.clone(), item])?;
        Ok(())
    }

    fn set_update(&mut self, set: &FlowValue, items: FlowValue) -> R<()> {
        let method = self.getattr(set.clone(), &PyStr::new("update"))?;
        self.record(OpKind::SimpleCall, vec![method, items])?;
        Ok(())
    }

    fn dict_update(&mut self, dict: &FlowValue, other: FlowValue) -> R<()> {
        let method = self.getattr(dict.clone(), &PyStr::new("update"))?;
        self.record(OpKind::SimpleCall, vec![method, other])?;
        Ok(())
    }

    fn list_to_tuple(&mut self, list: FlowValue) -> R<FlowValue> {
        let tuple = FlowValue::Const(Value::Ref(self.vm.types.tuple));
        self.record(OpKind::SimpleCall, vec![tuple, list])
    }

    fn format_value(
        &mut self,
        v: FlowValue,
        conv: Conversion,
        spec: Option<FlowValue>,
    ) -> R<FlowValue> {
        let spec_const = match &spec {
            None => Some(None),
            Some(FlowValue::Const(Value::Str(s))) => Some(Some(s.clone())),
            Some(_) => None,
        };
        if let (Some(c), Some(spec)) = (self.immutable(&v).cloned(), spec_const) {
            if let Some(r) =
                self.fold(|vm| vm.format_value(&c, conv, spec.as_ref()).map(Value::Str))
            {
                return Ok(FlowValue::Const(r));
            }
        }
        let converted = match conv {
            Conversion::None => v,
            Conversion::Str => self.record(OpKind::Str, vec![v])?,
            Conversion::Repr | Conversion::Ascii => self.record(OpKind::Repr, vec![v])?,
        };
        let spec = spec.unwrap_or_else(|| FlowValue::Const(Value::str("")));
        self.record(OpKind::Format, vec![converted, spec])
    }

    fn get_iter(&mut self, v: FlowValue) -> R<FlowValue> {
        if let FlowValue::Const(Value::Tuple(items)) = &v {
            return Ok(FlowValue::ConstIter(items.clone(), 0));
        }
        if let Some(items) = self.unrolling_items(&v) {
            return Ok(FlowValue::ConstIter(items, 0));
        }
        self.record(OpKind::Iter, vec![v])
    }

    fn next(&mut self, it: &mut FlowValue) -> R<IterStep<FlowValue>> {
        if let FlowValue::ConstIter(items, pos) = it {
            return Ok(match items.get(*pos).cloned() {
                Some(item) => {
                    *pos += 1;
                    IterStep::Item(FlowValue::Const(item))
                }
                None => IterStep::Exhausted,
            });
        }
        let item = self.record(OpKind::Next, vec![it.clone()])?;
        Ok(IterStep::Unknown(item))
    }

    fn unpack(&mut self, seq: FlowValue, n: u32) -> R<Vec<FlowValue>> {
        if let Some(c) = self.immutable(&seq).cloned() {
            if let Some(items) = self.sequence_items(&c).filter(|i| i.len() == n as usize) {
                return Ok(items.into_iter().map(FlowValue::Const).collect());
            }
        }
        (0..n)
            .map(|i| {
                self.record(
                    OpKind::GetItem,
                    vec![seq.clone(), FlowValue::Const(Value::Int(i as i64))],
                )
            })
            .collect()
    }

    fn unpack_ex(&mut self, _: FlowValue, _: u32, _: u32) -> R<Vec<FlowValue>> {
        Err(self.error("starred assignment targets are not supported at run time"))
    }

    fn call(
        &mut self,
        f: FlowValue,
        args: Vec<FlowValue>,
        kwargs: Vec<(PyStr, FlowValue)>,
    ) -> R<FlowValue> {
        if let Some(fv) = self.const_of(&f).cloned() {
            if self.special_function(&fv) == Some("we_are_translated") && args.is_empty() {
                return Ok(FlowValue::Const(Value::Bool(true)));
            }
            let all_const = args.iter().all(|a| self.immutable(a).is_some()) && kwargs.is_empty();
            if let Some(name) = self.builtin_named(&fv) {
                let foldable = PURE_BUILTINS.contains(&name.as_str()) && all_const
                    || matches!(name.as_str(), "isinstance" | "issubclass")
                        && kwargs.is_empty()
                        && args.iter().all(|a| self.const_of(a).is_some());
                if foldable {
                    let values: Vec<Value> = args
                        .iter()
                        .filter_map(|a| self.const_of(a).cloned())
                        .collect();
                    let args_host = crate::host::Args::new(values);
                    if let Some(r) = self.fold(|vm| vm.call(&fv, args_host)) {
                        if is_immutable(&r) {
                            return Ok(FlowValue::Const(r));
                        }
                    }
                }
            }
        }
        if kwargs.is_empty() {
            let mut all = vec![f];
            all.extend(args);
            return self.record(OpKind::SimpleCall, all);
        }
        let shape = CallShape {
            npos: args.len() as u32,
            keywords: kwargs.iter().map(|(k, _)| k.to_string()).collect(),
            star: false,
            starstar: false,
        };
        let mut all = vec![f];
        all.extend(args);
        all.extend(kwargs.into_iter().map(|(_, v)| v));
        self.record(OpKind::CallArgs(shape), all)
    }

    fn call_ex(
        &mut self,
        f: FlowValue,
        args: FlowValue,
        kwargs: Option<FlowValue>,
    ) -> R<FlowValue> {
        let shape = CallShape {
            npos: 0,
            keywords: Vec::new(),
            star: true,
            starstar: kwargs.is_some(),
        };
        let mut all = vec![f, args];
        all.extend(kwargs);
        self.record(OpKind::CallArgs(shape), all)
    }

    fn make_function(
        &mut self,
        frame: &Frame<FlowValue>,
        code: &Arc<CodeObject>,
        defaults: Option<FlowValue>,
        kwdefaults: Option<FlowValue>,
        closure: Option<FlowValue>,
    ) -> R<FlowValue> {
        if kwdefaults.is_some() {
            return Err(self.error(&format!(
                "the nested function `{}` has keyword-only defaults; not supported at run time",
                code.name
            )));
        }
        let template = self.function_template(frame, code);
        let none = FlowValue::Const(Value::None);
        let defaults = defaults.unwrap_or_else(|| none.clone());
        let closure = closure.unwrap_or(none);
        self.record(
            OpKind::NewFunction,
            vec![FlowValue::Const(Value::Ref(template)), defaults, closure],
        )
    }

    fn build_class(&mut self, _: FlowValue, _: FlowValue, _: Vec<FlowValue>) -> R<FlowValue> {
        Err(self
            .error("a class statement runs at run time; classes must be created at import time"))
    }

    fn import_name(
        &mut self,
        _: &Frame<FlowValue>,
        name: &PyStr,
        level: u32,
        fromlist: FlowValue,
    ) -> R<FlowValue> {
        let loaded = (level == 0)
            .then(|| self.vm.modules.get(name).copied())
            .flatten();
        match loaded {
            Some(m) => {
                let top = match fromlist {
                    FlowValue::Const(Value::None) => {
                        let top = name.split('.').next().unwrap_or(name);
                        self.vm.modules.get(&PyStr::new(top)).copied().unwrap_or(m)
                    }
                    _ => m,
                };
                Ok(FlowValue::Const(Value::Ref(top)))
            }
            None => Err(self.error(&format!(
                "`import {}` runs at run time and the module was not imported at import time",
                name.as_str()
            ))),
        }
    }

    fn import_from(&mut self, module: &FlowValue, name: &PyStr) -> R<FlowValue> {
        self.getattr(module.clone(), name)
    }

    fn import_star(&mut self, _: &Frame<FlowValue>, _: FlowValue) -> R<()> {
        Err(self.error("`from ... import *` at run time"))
    }

    fn raise(&mut self, v: FlowValue, _cause: Option<FlowValue>) -> FlowExc {
        let outcome = match self.const_of(&v).cloned() {
            Some(c @ Value::Ref(_))
                if matches!(self.vm.heap.get(c.as_ref().unwrap()), Object::Class(_)) =>
            {
                self.record(OpKind::SimpleCall, vec![v.clone()])
                    .map(|value| (FlowValue::Const(c), value))
            }
            Some(c) => Ok((FlowValue::Const(Value::Ref(self.vm.type_of(&c))), v.clone())),
            None => self
                .record(OpKind::Type, vec![v.clone()])
                .map(|t| (t, v.clone())),
        };
        match outcome {
            Ok((etype, value)) => FlowExc::Raise { etype, value },
            Err(e) => e,
        }
    }

    fn assertion_error(&mut self) -> FlowValue {
        FlowValue::Const(Value::Ref(self.vm.types.assertion_error))
    }

    fn before_with(&mut self, cm: FlowValue) -> R<(FlowValue, FlowValue)> {
        let exit = self.getattr(cm.clone(), &PyStr::new("__exit__"))?;
        let enter = self.getattr(cm, &PyStr::new("__enter__"))?;
        let entered = self.record(OpKind::SimpleCall, vec![enter])?;
        Ok((exit, entered))
    }

    fn with_exit_normal(&mut self, exit: FlowValue) -> R<()> {
        let none = FlowValue::Const(Value::None);
        self.record(
            OpKind::SimpleCall,
            vec![exit, none.clone(), none.clone(), none],
        )?;
        Ok(())
    }

    /// `__exit__(type, value, None)` on an exception, which propagates:
    /// a context manager suppressing it (a true result, in CPython) is not
    /// supported, and the annotator refuses an `__exit__` that may return
    /// one, through the hint on its result (a result the flow space would
    /// branch on would leave the `with` body's variables maybe unassigned
    /// after it).
    fn with_except_start(&mut self, exit: &FlowValue, exc: &FlowValue) -> R<FlowValue> {
        let etype = self.record(OpKind::Type, vec![exc.clone()])?;
        let none = FlowValue::Const(Value::None);
        let result = self.record(
            OpKind::SimpleCall,
            vec![exit.clone(), etype, exc.clone(), none],
        )?;
        let hint = FlowValue::Const(Value::Str(PyStr::new(WITH_EXIT_HINT)));
        self.record(OpKind::Hint, vec![result, hint])?;
        Ok(FlowValue::Const(Value::Bool(false)))
    }
}
