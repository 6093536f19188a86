//! Calling: native functions, Python functions, bound methods, classes
//! (instantiation through `__new__` and `__init__`) and callable instances.

use crate::host::object::{Args, BuiltinType, Object};
use crate::host::value::{ObjRef, Value};
use crate::host::vm::{PyResult, Vm};

impl Vm {
    /// `f(*args, **kwargs)` for every callable kind.
    pub fn call(&mut self, f: &Value, args: Args) -> PyResult<Value> {
        if let Value::Method(m) = f {
            let (func, receiver) = (m.func.clone(), m.receiver.clone());
            return self.call(&func, args.with_self(receiver));
        }
        let Value::Ref(r) = f else {
            return Err(self.not_callable(f));
        };
        let r = *r;
        match self.heap.get(r) {
            Object::Builtin(b) => {
                let func = b.func;
                let args = match &b.bound_self {
                    Some(s) => args.with_self(s.clone()),
                    None => args,
                };
                func(self, args)
            }
            Object::Function(_) => crate::host::interp::call_function(self, r, args),
            Object::Class(_) => self.instantiate(r, args),
            Object::StaticMethod(inner) => {
                let inner = inner.clone();
                self.call(&inner, args)
            }
            Object::Instance(i) => {
                let cls = i.class;
                let name = self.intern("__call__");
                match self.lookup_user(cls, &name) {
                    Some(callee) => match self.heap_kind_is_function(&callee) {
                        true => self.call(&callee, args.with_self(f.clone())),
                        false => {
                            let bound = self.getattr(f, &name)?;
                            self.call(&bound, args)
                        }
                    },
                    None => Err(self.not_callable(f)),
                }
            }
            _ => Err(self.not_callable(f)),
        }
    }

    fn heap_kind_is_function(&self, v: &Value) -> bool {
        matches!(v, Value::Ref(r) if matches!(self.heap.get(*r), Object::Function(_)))
    }

    fn not_callable(&mut self, f: &Value) -> crate::host::vm::Exc {
        let t = self.type_name(f);
        self.type_error(format!("'{t}' object is not callable"))
    }

    /// True if `v` can be called.
    pub fn is_callable(&mut self, v: &Value) -> bool {
        match v {
            Value::Ref(r) => match self.heap.get(*r) {
                Object::Builtin(_)
                | Object::Function(_)
                | Object::Class(_)
                | Object::StaticMethod(_) => true,
                Object::Instance(_) => self.has_special(v, "__call__"),
                _ => false,
            },
            Value::Method(_) => true,
            _ => false,
        }
    }

    /// `cls(*args, **kwargs)`: `__new__`, then `__init__` if the result
    /// is an instance of `cls`.
    fn instantiate(&mut self, cls: ObjRef, args: Args) -> PyResult<Value> {
        let new_name = self.intern("__new__");
        let new = self.lookup(cls, &new_name);
        let obj = match new {
            Some(new) => {
                let new = match &new {
                    Value::Ref(n) => match self.heap.get(*n) {
                        Object::StaticMethod(f) => f.clone(),
                        _ => new,
                    },
                    _ => new,
                };
                self.call(&new, args.clone().with_self(Value::Ref(cls)))?
            }
            None => self.new_instance(cls, &args.args),
        };
        // Built-in non-exception classes are fully built by `__new__`.
        if cls.0 < self.builtin_limit
            && self.class(cls).builtin != BuiltinType::BaseException
            && cls != self.types.object
        {
            return Ok(obj);
        }
        if !self.isinstance(&obj, cls) {
            return Ok(obj);
        }
        let init_name = self.intern("__init__");
        if let Some(init) = self.lookup(cls, &init_name) {
            let result = self.call(&init, args.with_self(obj.clone()))?;
            if !result.is_none() {
                let t = self.type_name(&result);
                return Err(self.type_error(format!("__init__() should return None, not '{t}'")));
            }
        }
        Ok(obj)
    }
}
