//! Raising and matching exceptions from native code.
//!
//! Exception instances are ordinary [`Object::Instance`]s of a class whose
//! layout is `BaseException`; their `args` tuple lives in the instance dict
//! under `args`. The helpers here build the exceptions native code raises,
//! with CPython's messages chosen at the call sites.

use super::object::{BuiltinType, Instance, Object};
use super::value::{ObjRef, PyStr, Value};
use super::vm::{Exc, PyResult, Vm};

impl Vm {
    /// Instantiates the exception class `cls` with one message argument.
    pub fn new_exception(&mut self, cls: ObjRef, msg: &str) -> Exc {
        let inst = self.new_exception_value(cls, vec![Value::str(msg)]);
        Exc::new(inst)
    }

    /// A new instance of the exception class `cls` with `args` (no Python
    /// `__init__` runs).
    pub fn new_exception_value(&mut self, cls: ObjRef, args: Vec<Value>) -> Value {
        let mut dict = super::object::AttrMap::default();
        dict.insert(self.intern("args"), Value::tuple(args));
        self.alloc(Object::Instance(Instance {
            class: cls,
            dict,
            base_value: None,
        }))
    }

    /// Turns the operand of `raise` into an exception (instantiating a
    /// class); a TypeError if it is neither.
    pub fn make_raisable(&mut self, v: Value) -> Exc {
        if let Value::Ref(r) = v {
            if let Object::Class(c) = self.heap.get(r) {
                if c.builtin == BuiltinType::BaseException {
                    return match self.call(&v, super::object::Args::default()) {
                        Ok(inst) if self.is_exception_instance(&inst) => Exc::new(inst),
                        Ok(inst) => {
                            let t = self.type_name(&inst);
                            let callee = self.repr_or(&v);
                            self.type_error(format!(
                                "calling {callee} should have returned an instance of BaseException, not {t}"
                            ))
                        }
                        Err(e) => e,
                    };
                }
            } else if self.is_exception_instance(&v) {
                return Exc::new(v);
            }
        }
        self.type_error("exceptions must derive from BaseException")
    }

    /// True for instances of BaseException subclasses.
    pub fn is_exception_instance(&self, v: &Value) -> bool {
        match v {
            Value::Ref(r) => match self.heap.get(*r) {
                Object::Instance(i) => self.class(i.class).builtin == BuiltinType::BaseException,
                _ => false,
            },
            _ => false,
        }
    }

    /// `isinstance(exc, cls)` for an except clause (`cls` a class or tuple).
    pub fn exc_match(&mut self, exc: &Value, cls: &Value) -> PyResult<bool> {
        match cls {
            Value::Tuple(items) => {
                for c in items.iter() {
                    if self.exc_match(exc, c)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Ref(r) if matches!(self.heap.get(*r), Object::Class(c) if c.builtin == BuiltinType::BaseException) =>
            {
                let t = self.type_of(exc);
                Ok(self.is_subclass(t, *r))
            }
            _ => Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// The `args` tuple of an exception instance (empty if missing).
    pub fn exception_args(&self, exc: &Value) -> Vec<Value> {
        if let Value::Ref(r) = exc {
            if let Object::Instance(i) = self.heap.get(*r) {
                if let Some((_, Value::Tuple(t))) =
                    i.dict.iter().find(|(k, _)| k.as_str() == "args")
                {
                    return t.to_vec();
                }
            }
        }
        Vec::new()
    }

    /// `repr(v)` for use inside error messages (never fails).
    pub fn repr_or(&mut self, v: &Value) -> String {
        self.repr(v)
            .map(|s| s.as_str().to_owned())
            .unwrap_or_else(|_| "<object>".to_owned())
    }

    /// The name of the type of `v`, as error messages show it (`'int'`
    /// without quotes).
    pub fn type_name(&self, v: &Value) -> String {
        let t = self.type_of(v);
        self.class(t).name.as_str().to_owned()
    }

    fn raise_with(&mut self, cls: ObjRef, msg: impl Into<String>) -> Exc {
        let msg: String = msg.into();
        self.new_exception(cls, &msg)
    }

    pub fn type_error(&mut self, msg: impl Into<String>) -> Exc {
        self.raise_with(self.types.type_error, msg)
    }

    pub fn value_error(&mut self, msg: impl Into<String>) -> Exc {
        self.raise_with(self.types.value_error, msg)
    }

    pub fn index_error(&mut self, msg: impl Into<String>) -> Exc {
        self.raise_with(self.types.index_error, msg)
    }

    pub fn attribute_error(&mut self, msg: impl Into<String>) -> Exc {
        self.raise_with(self.types.attribute_error, msg)
    }

    pub fn runtime_error(&mut self, msg: impl Into<String>) -> Exc {
        self.raise_with(self.types.runtime_error, msg)
    }

    pub fn overflow_error(&mut self, msg: impl Into<String>) -> Exc {
        self.raise_with(self.types.overflow_error, msg)
    }

    pub fn zero_division(&mut self, msg: impl Into<String>) -> Exc {
        self.raise_with(self.types.zero_division_error, msg)
    }

    pub fn name_error(&mut self, msg: impl Into<String>) -> Exc {
        self.raise_with(self.types.name_error, msg)
    }

    /// `KeyError(key)`: its message is the repr of the key.
    pub fn key_error(&mut self, key: Value) -> Exc {
        let cls = self.types.key_error;
        Exc::new(self.new_exception_value(cls, vec![key]))
    }

    /// `StopIteration` with no value.
    pub fn stop_iteration(&mut self) -> Exc {
        let cls = self.types.stop_iteration;
        Exc::new(self.new_exception_value(cls, Vec::new()))
    }

    /// True if the exception in flight is an instance of `cls`.
    pub fn exc_is(&self, exc: &Exc, cls: ObjRef) -> bool {
        let t = self.type_of(exc.value());
        self.is_subclass(t, cls)
    }

    /// `str(exc)`: '' for no args, `str(arg)` for one (`repr` for
    /// KeyError), `str(args)` otherwise.
    pub(crate) fn exception_str(&mut self, exc: &Value) -> PyResult<PyStr> {
        let args = self.exception_args(exc);
        let t = self.type_of(exc);
        if self.is_subclass(t, self.types.os_error) && (2..=3).contains(&args.len()) {
            // `[Errno 2] No such file or directory: 'name'`.
            let errno = self.str(&args[0])?;
            let strerror = self.str(&args[1])?;
            let mut text = format!("[Errno {}] {}", errno.as_str(), strerror.as_str());
            if let Some(name) = args.get(2) {
                text.push_str(": ");
                text.push_str(&self.repr(name)?);
            }
            return Ok(PyStr::from_string(text));
        }
        match args.len() {
            0 => Ok(PyStr::new("")),
            1 => {
                let t = self.type_of(exc);
                if self.is_subclass(t, self.types.key_error) {
                    self.repr(&args[0])
                } else {
                    self.str(&args[0])
                }
            }
            _ => self.str(&Value::tuple(args)),
        }
    }

    /// Attributes derived from the args of some exception classes:
    /// `SystemExit.code`, `StopIteration.value`, `OSError.errno` ...
    pub(crate) fn exception_attr(&self, exc: &Value, name: &str) -> Option<Value> {
        let t = self.type_of(exc);
        let args = self.exception_args(exc);
        let first = || args.first().cloned().unwrap_or(Value::None);
        match name {
            "code" if self.is_subclass(t, self.types.system_exit) => Some(if args.len() > 1 {
                Value::tuple(args.clone())
            } else {
                first()
            }),
            "value" if self.is_subclass(t, self.types.stop_iteration) => Some(first()),
            "errno" | "strerror" | "filename" if self.is_subclass(t, self.types.os_error) => {
                let i = match name {
                    "errno" => 0,
                    "strerror" => 1,
                    _ => 2,
                };
                Some(if args.len() >= 2 {
                    args.get(i).cloned().unwrap_or(Value::None)
                } else {
                    Value::None
                })
            }
            "__traceback__" | "__cause__" | "__context__" => Some(Value::None),
            _ => None,
        }
    }

    /// `repr(exc)`: `ValueError('x')`, `KeyError(1, 2)`, `Foo()`.
    pub(crate) fn exception_repr(&mut self, exc: &Value) -> PyResult<PyStr> {
        let args = self.exception_args(exc);
        let name = self.type_name(exc);
        let inner = if args.len() == 1 {
            self.repr(&args[0])?.as_str().to_owned()
        } else {
            let r = self.repr(&Value::tuple(args))?;
            r.as_str()[1..r.len() - 1].to_owned()
        };
        Ok(PyStr::from_string(format!("{name}({inner})")))
    }
}
