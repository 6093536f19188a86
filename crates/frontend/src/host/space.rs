//! The host object space: the interpreter loop over real values.
//!
//! Each method delegates to the value operations of [`Vm`]; this file is
//! only the glue between the generic loop and the object model.

use super::exec;
use super::interp::{Frame, IterStep, Namespace, Space, Truth};
use super::object::{Args, Function, Object};
use super::value::{ObjRef, PyStr, Value};
use super::vm::{Exc, PyResult, Vm};
use crate::bytecode::{BinOp, CmpOp, CodeObject, Constant, Conversion, UnaryOp};
use std::sync::Arc;

/// Converts a code constant to a host value.
pub fn constant_value(c: &Constant) -> Value {
    match c {
        Constant::None => Value::None,
        Constant::Ellipsis => Value::Ellipsis,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Int(i) => Value::Int(*i),
        Constant::BigInt(i) => Value::BigInt(i.clone()),
        Constant::Float(f) => Value::Float(*f),
        Constant::Str(s) => Value::Str(s.clone()),
        Constant::Bytes(b) => Value::Bytes(b.clone()),
        Constant::Tuple(items) => Value::Tuple(items.iter().map(constant_value).collect()),
        Constant::Code(_) => unreachable!("code constants are only operands of MakeFunction"),
    }
}

impl Vm {
    /// A global or builtin name, as `LoadGlobal` sees it.
    pub fn lookup_global(&self, module: ObjRef, name: &PyStr) -> Option<Value> {
        let hash = super::ops::dictops::str_hash(name);
        self.module_get_hashed(module, name, hash)
            .or_else(|| self.module_get_hashed(self.builtins, name, hash))
    }

    fn raise_new(&mut self, cls: ObjRef, msg: &str) -> Exc {
        self.new_exception(cls, msg)
    }

    /// Reads a class-body namespace (an `Object::Dict` with str keys).
    fn class_ns_get(&mut self, ns: ObjRef, name: &PyStr) -> PyResult<Option<Value>> {
        self.dict_get(&Value::Ref(ns), &Value::Str(name.clone()))
    }

    /// The items of a `**` mapping as keyword arguments.
    fn dict_pairs(&mut self, mapping: &Value) -> PyResult<Vec<(PyStr, Value)>> {
        let dict = Vm::new_dict(self);
        Vm::dict_update(self, &dict, mapping)?;
        let mut pairs = Vec::new();
        for (k, v) in self.dict_items(&dict) {
            match k {
                Value::Str(s) => pairs.push((s, v)),
                _ => {
                    let cls = self.types.type_error;
                    return Err(self.new_exception(cls, "keywords must be strings"));
                }
            }
        }
        Ok(pairs)
    }
}

impl Space for Vm {
    type V = Value;
    type E = Exc;

    fn constant(&mut self, c: &Constant) -> Value {
        constant_value(c)
    }

    fn exception_value(&mut self, e: &Exc) -> Value {
        e.value().clone()
    }

    fn unbound_local(&mut self, name: &str) -> Exc {
        let cls = self.types.unbound_local_error;
        self.raise_new(
            cls,
            &format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }

    fn unbound_free(&mut self, name: &str) -> Exc {
        let cls = self.types.name_error;
        self.raise_new(
            cls,
            &format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
        )
    }

    fn name_error(&mut self, name: &str) -> Exc {
        let cls = self.types.name_error;
        self.raise_new(cls, &format!("name '{name}' is not defined"))
    }

    fn load_global(&mut self, module: ObjRef, name: &PyStr) -> PyResult<Value> {
        match self.lookup_global(module, name) {
            Some(v) => Ok(v),
            None => Err(Space::name_error(self, name)),
        }
    }

    fn store_global(&mut self, module: ObjRef, name: &PyStr, v: Value) -> PyResult<()> {
        self.module_set(module, name, v);
        Ok(())
    }

    fn delete_global(&mut self, module: ObjRef, name: &PyStr) -> PyResult<()> {
        if self.module_remove(module, name).is_some() {
            Ok(())
        } else {
            Err(Space::name_error(self, name))
        }
    }

    fn load_name(&mut self, frame: &Frame<Value>, name: &PyStr) -> PyResult<Value> {
        if let Namespace::ClassBody(ns) = frame.namespace {
            if let Some(v) = self.class_ns_get(ns, name)? {
                return Ok(v);
            }
        }
        self.load_global(frame.module, name)
    }

    fn load_class_local(&mut self, frame: &Frame<Value>, name: &PyStr) -> PyResult<Option<Value>> {
        match frame.namespace {
            Namespace::ClassBody(ns) => self.class_ns_get(ns, name),
            _ => Ok(None),
        }
    }

    fn store_name(&mut self, frame: &Frame<Value>, name: &PyStr, v: Value) -> PyResult<()> {
        match frame.namespace {
            Namespace::ClassBody(ns) => self.setitem(&Value::Ref(ns), &Value::Str(name.clone()), v),
            Namespace::Module(m) => self.store_global(m, name, v),
            Namespace::None => self.store_global(frame.module, name, v),
        }
    }

    fn delete_name(&mut self, frame: &Frame<Value>, name: &PyStr) -> PyResult<()> {
        match frame.namespace {
            Namespace::ClassBody(ns) => self.delitem(&Value::Ref(ns), &Value::Str(name.clone())),
            Namespace::Module(m) => self.delete_global(m, name),
            Namespace::None => self.delete_global(frame.module, name),
        }
    }

    fn load_cell(&mut self, frame: &Frame<Value>, i: u32) -> PyResult<Option<Value>> {
        match frame.cells[i as usize].as_ref().map(|r| self.heap.get(r)) {
            Some(Object::Cell(content)) => Ok(content.clone()),
            _ => unreachable!("host cells are cell objects"),
        }
    }

    fn store_cell(&mut self, frame: &mut Frame<Value>, i: u32, v: Option<Value>) -> PyResult<()> {
        let cell = frame.cells[i as usize].as_ref();
        if v.is_none() && matches!(cell.map(|r| self.heap.get(r)), Some(Object::Cell(None))) {
            let name = frame.code.cell_name(i).clone();
            return Err(self.unbound_local(&name));
        }
        match cell.map(|r| self.heap.get_mut(r)) {
            Some(Object::Cell(content)) => {
                *content = v;
                Ok(())
            }
            _ => unreachable!("host cells are cell objects"),
        }
    }

    fn getattr(&mut self, obj: Value, name: &PyStr) -> PyResult<Value> {
        Vm::getattr(self, &obj, name)
    }

    fn setattr(&mut self, obj: Value, name: &PyStr, v: Value) -> PyResult<()> {
        Vm::setattr(self, &obj, name, v)
    }

    fn delattr(&mut self, obj: Value, name: &PyStr) -> PyResult<()> {
        Vm::delattr(self, &obj, name)
    }

    fn getitem(&mut self, obj: Value, index: Value) -> PyResult<Value> {
        Vm::getitem(self, &obj, &index)
    }

    fn setitem(&mut self, obj: Value, index: Value, v: Value) -> PyResult<()> {
        Vm::setitem(self, &obj, &index, v)
    }

    fn delitem(&mut self, obj: Value, index: Value) -> PyResult<()> {
        Vm::delitem(self, &obj, &index)
    }

    fn new_slice(&mut self, start: Value, stop: Value, step: Value) -> PyResult<Value> {
        Ok(self.alloc(Object::Slice { start, stop, step }))
    }

    fn unary(&mut self, op: UnaryOp, v: Value) -> PyResult<Value> {
        self.unary_op(op, v)
    }

    fn binary(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        self.binary_op(op, a, b)
    }

    fn inplace(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        self.inplace_op(op, a, b)
    }

    fn compare(&mut self, op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
        Vm::compare(self, op, a, b)
    }

    fn exc_match(&mut self, exc: Value, cls: Value) -> PyResult<Value> {
        Ok(Value::Bool(Vm::exc_match(self, &exc, &cls)?))
    }

    fn truth(&mut self, v: &Value) -> PyResult<Truth<Value>> {
        let b = match v {
            Value::Bool(b) => *b,
            Value::None => false,
            Value::Int(i) => *i != 0,
            _ => self.is_true(v)?,
        };
        Ok(Truth::Known(b))
    }

    fn new_tuple(&mut self, items: Vec<Value>) -> PyResult<Value> {
        Ok(Value::tuple(items))
    }

    fn new_list(&mut self, items: Vec<Value>) -> PyResult<Value> {
        Ok(Vm::new_list(self, items))
    }

    fn new_set(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let set = Vm::new_set(self, false);
        for item in items {
            Vm::set_add(self, &set, item)?;
        }
        Ok(set)
    }

    fn new_dict(&mut self, items: Vec<(Value, Value)>) -> PyResult<Value> {
        let dict = Vm::new_dict(self);
        for (k, v) in items {
            Vm::setitem(self, &dict, &k, v)?;
        }
        Ok(dict)
    }

    fn build_string(&mut self, parts: Vec<Value>) -> PyResult<Value> {
        let mut s = String::new();
        for p in &parts {
            match p {
                Value::Str(p) => s.push_str(p),
                other => s.push_str(&self.str(other)?),
            }
        }
        Ok(Value::string(s))
    }

    fn list_append(&mut self, list: &Value, item: Value) -> PyResult<()> {
        match list.as_ref().map(|r| self.heap.get_mut(r)) {
            Some(Object::List(items)) => {
                items.push(item);
                Ok(())
            }
            _ => unreachable!("ListAppend targets a list"),
        }
    }

    fn list_extend(&mut self, list: &Value, items: Value) -> PyResult<()> {
        let new_items = self.collect(&items)?;
        match list.as_ref().map(|r| self.heap.get_mut(r)) {
            Some(Object::List(items)) => {
                items.extend(new_items);
                Ok(())
            }
            _ => unreachable!("ListExtend targets a list"),
        }
    }

    fn set_add(&mut self, set: &Value, item: Value) -> PyResult<()> {
        Vm::set_add(self, set, item)
    }

    fn set_update(&mut self, set: &Value, items: Value) -> PyResult<()> {
        for item in self.collect(&items)? {
            Vm::set_add(self, set, item)?;
        }
        Ok(())
    }

    fn dict_update(&mut self, dict: &Value, other: Value) -> PyResult<()> {
        Vm::dict_update(self, dict, &other)
    }

    fn list_to_tuple(&mut self, list: Value) -> PyResult<Value> {
        Ok(Value::tuple(self.collect(&list)?))
    }

    fn format_value(&mut self, v: Value, conv: Conversion, spec: Option<Value>) -> PyResult<Value> {
        let spec = match spec {
            Some(Value::Str(s)) => Some(s),
            Some(other) => Some(self.str(&other)?),
            None => None,
        };
        Ok(Value::Str(Vm::format_value(self, &v, conv, spec.as_ref())?))
    }

    fn get_iter(&mut self, v: Value) -> PyResult<Value> {
        self.iter(&v)
    }

    fn next(&mut self, it: &mut Value) -> PyResult<IterStep<Value>> {
        Ok(match Vm::next(self, it)? {
            Some(v) => IterStep::Item(v),
            None => IterStep::Exhausted,
        })
    }

    fn unpack(&mut self, seq: Value, n: u32) -> PyResult<Vec<Value>> {
        let items = self.collect(&seq)?;
        if items.len() == n as usize {
            return Ok(items);
        }
        let cls = self.types.value_error;
        let msg = if items.len() > n as usize {
            format!("too many values to unpack (expected {n})")
        } else {
            format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )
        };
        Err(self.new_exception(cls, &msg))
    }

    fn unpack_ex(&mut self, seq: Value, before: u32, after: u32) -> PyResult<Vec<Value>> {
        let mut items = self.collect(&seq)?;
        let (before, after) = (before as usize, after as usize);
        if items.len() < before + after {
            let cls = self.types.value_error;
            let msg = format!(
                "not enough values to unpack (expected at least {}, got {})",
                before + after,
                items.len()
            );
            return Err(self.new_exception(cls, &msg));
        }
        let tail = items.split_off(items.len() - after);
        let middle = items.split_off(before);
        let middle = Vm::new_list(self, middle);
        items.push(middle);
        items.extend(tail);
        Ok(items)
    }

    fn call(&mut self, f: Value, args: Vec<Value>, kwargs: Vec<(PyStr, Value)>) -> PyResult<Value> {
        Vm::call(self, &f, Args { args, kwargs })
    }

    fn call_ex(&mut self, f: Value, args: Value, kwargs: Option<Value>) -> PyResult<Value> {
        let args = self.collect(&args)?;
        let kwargs = match kwargs {
            Some(d) => self.dict_pairs(&d)?,
            None => Vec::new(),
        };
        Vm::call(self, &f, Args { args, kwargs })
    }

    fn make_function(
        &mut self,
        frame: &Frame<Value>,
        code: &Arc<CodeObject>,
        defaults: Option<Value>,
        kwdefaults: Option<Value>,
        closure: Option<Value>,
    ) -> PyResult<Value> {
        let defaults = match defaults {
            Some(d) => self.collect(&d)?,
            None => Vec::new(),
        };
        let kwdefaults = match kwdefaults {
            Some(d) => self.dict_pairs(&d)?,
            None => Vec::new(),
        };
        let closure = match closure {
            Some(c) => self.collect(&c)?.iter().filter_map(Value::as_ref).collect(),
            None => Vec::new(),
        };
        let func = Function {
            code: code.clone(),
            module: frame.module,
            name: PyStr::new(&code.name),
            qualname: PyStr::new(&code.qualname),
            defaults,
            kwdefaults,
            closure,
            dict: Default::default(),
        };
        Ok(self.alloc(Object::Function(func)))
    }

    fn build_class(&mut self, body: Value, name: Value, bases: Vec<Value>) -> PyResult<Value> {
        exec::build_class(self, &body, &name, bases)
    }

    fn import_name(
        &mut self,
        frame: &Frame<Value>,
        name: &PyStr,
        level: u32,
        fromlist: Value,
    ) -> PyResult<Value> {
        super::import::import_name(self, frame.module, name, level, &fromlist)
    }

    fn import_from(&mut self, module: &Value, name: &PyStr) -> PyResult<Value> {
        super::import::import_from(self, module, name)
    }

    fn import_star(&mut self, frame: &Frame<Value>, module: Value) -> PyResult<()> {
        let target = match frame.namespace {
            Namespace::Module(m) => m,
            _ => frame.module,
        };
        super::import::import_star(self, target, &module)
    }

    fn raise(&mut self, v: Value, cause: Option<Value>) -> Exc {
        let e = self.make_raisable(v);
        if let Some(cause) = cause {
            let value = e.value().clone();
            let _ = Vm::setattr(self, &value, &PyStr::new("__cause__"), cause);
        }
        e
    }

    fn assertion_error(&mut self) -> Value {
        Value::Ref(self.types.assertion_error)
    }

    fn before_with(&mut self, cm: Value) -> PyResult<(Value, Value)> {
        let enter = Vm::getattr(self, &cm, &PyStr::new("__enter__"))?;
        let exit = Vm::getattr(self, &cm, &PyStr::new("__exit__"))?;
        let entered = Vm::call(self, &enter, Args::default())?;
        Ok((exit, entered))
    }

    fn with_exit_normal(&mut self, exit: Value) -> PyResult<()> {
        Vm::call(
            self,
            &exit,
            Args::new(vec![Value::None, Value::None, Value::None]),
        )?;
        Ok(())
    }

    fn with_except_start(&mut self, exit: &Value, exc: &Value) -> PyResult<Value> {
        let cls = Value::Ref(self.type_of(exc));
        Vm::call(self, exit, Args::new(vec![cls, exc.clone(), Value::None]))
    }
}
