//! `repr()`, `str()` and f-string formatting of values, with CPython's
//! exact output for the built-in types.

use crate::bytecode::Conversion;
use crate::host::object::{IterState, Object};
use crate::host::value::{ObjRef, PyStr, Value};
use crate::host::vm::{PyResult, Vm};

/// A fake but stable address for `<... at 0x...>` reprs.
pub fn fake_address(r: ObjRef) -> String {
    format!("0x{:x}", 0x7f00_0000_0000u64 + (r.0 as u64) * 0x40)
}

impl Vm {
    pub fn repr(&mut self, v: &Value) -> PyResult<PyStr> {
        Ok(match v {
            Value::None => PyStr::new("None"),
            Value::Ellipsis => PyStr::new("Ellipsis"),
            Value::NotImplemented => PyStr::new("NotImplemented"),
            Value::Bool(true) => PyStr::new("True"),
            Value::Bool(false) => PyStr::new("False"),
            Value::Int(i) => PyStr::from_string(i.to_string()),
            Value::BigInt(b) => PyStr::from_string(b.to_string()),
            Value::Float(f) => PyStr::from_string(crate::host::format::float_repr(*f)),
            Value::Str(s) => PyStr::from_string(str_repr(s)),
            Value::Bytes(b) => PyStr::from_string(bytes_repr(b)),
            Value::Tuple(items) => {
                let items = items.clone();
                let mut out = String::from("(");
                self.join_reprs(&mut out, &items)?;
                if items.len() == 1 {
                    out.push(',');
                }
                out.push(')');
                PyStr::from_string(out)
            }
            Value::Method(m) => self.repr_method(&m.func.clone(), &m.receiver.clone())?,
            Value::Ref(r) => self.repr_object(*r)?,
        })
    }

    /// `<bound method C.f of ...>`, or `<built-in method f of T object>`.
    fn repr_method(&mut self, func: &Value, receiver: &Value) -> PyResult<PyStr> {
        if let Some(Object::Builtin(b)) = func.as_ref().map(|f| self.heap.get(f)) {
            let name = b.name.clone();
            let t = self.type_name(receiver);
            return Ok(PyStr::from_string(format!(
                "<built-in method {} of {t} object>",
                name.as_str()
            )));
        }
        let qualname = match func.as_ref().map(|f| self.heap.get(f)) {
            Some(Object::Function(f)) => f.qualname.as_str().to_owned(),
            _ => "?".to_owned(),
        };
        let recv = self.repr(receiver)?;
        Ok(PyStr::from_string(format!(
            "<bound method {qualname} of {}>",
            recv.as_str()
        )))
    }

    pub fn str(&mut self, v: &Value) -> PyResult<PyStr> {
        match v {
            Value::Str(s) => Ok(s.clone()),
            Value::Ref(r) if matches!(self.heap.get(*r), Object::Instance(_)) => {
                if let Some(s) = self.call_special(v, "__str__", Vec::new())? {
                    return self.expect_str_result(s, "__str__");
                }
                // `str` and `bytes` define `__str__`; the other built-in
                // types leave `str()` to `__repr__`, which a subclass may
                // override.
                if let Some(base @ (Value::Str(_) | Value::Bytes(_))) = self.base_value(v) {
                    return self.str(&base);
                }
                if self.is_exception_instance(v) {
                    return self.exception_str(v);
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    fn expect_str_result(&mut self, s: Value, method: &str) -> PyResult<PyStr> {
        match s {
            Value::Str(s) => Ok(s),
            other => {
                let t = self.type_name(&other);
                Err(self.type_error(format!("{method} returned non-string (type {t})")))
            }
        }
    }

    /// `format(conv(v), spec)` for f-strings.
    pub fn format_value(
        &mut self,
        v: &Value,
        conv: Conversion,
        spec: Option<&PyStr>,
    ) -> PyResult<PyStr> {
        let converted = match conv {
            Conversion::None => v.clone(),
            Conversion::Str => Value::Str(self.str(v)?),
            Conversion::Repr | Conversion::Ascii => Value::Str(self.repr(v)?),
        };
        let empty = PyStr::new("");
        let spec = spec.unwrap_or(&empty);
        match spec {
            // `format(x, '')` is `str(x)` unless the class defines `__format__`.
            s if s.is_empty() && !self.is_instance_value(&converted) => self.str(&converted),
            s => {
                if self.is_instance_value(&converted) {
                    if let Some(r) =
                        self.call_special(&converted, "__format__", vec![Value::Str(s.clone())])?
                    {
                        return self.expect_str_result(r, "__format__");
                    }
                }
                crate::host::format::format_with_spec(self, &converted, s)
            }
        }
    }

    /// Appends `repr(x)` of each item, comma separated.
    fn join_reprs(&mut self, out: &mut String, items: &[Value]) -> PyResult<()> {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&self.repr(item)?);
        }
        Ok(())
    }

    fn repr_object(&mut self, r: ObjRef) -> PyResult<PyStr> {
        let v = Value::Ref(r);
        let text = match self.heap.get(r) {
            Object::DictView { kind, .. } => {
                // `dict_keys(['a', 'b'])`: the items as a list.
                let name = kind.type_name();
                let items = self.collect(&v)?;
                let list = self.new_list(items);
                let inner = self.repr(&list)?;
                format!("{name}({})", inner.as_str())
            }
            Object::List(_) | Object::Dict(_) | Object::Set { .. } => {
                return self.repr_container(r)
            }
            Object::Instance(_) => {
                if let Some(s) = self.call_special(&v, "__repr__", Vec::new())? {
                    return self.expect_str_result(s, "__repr__");
                }
                if let Some(base) = self.base_value(&v) {
                    return self.repr(&base);
                }
                if self.is_exception_instance(&v) {
                    return self.exception_repr(&v);
                }
                self.object_default_repr(&v)
            }
            Object::Function(f) => {
                format!("<function {} at {}>", f.qualname.as_str(), fake_address(r))
            }
            Object::Builtin(b) => match &b.bound_self {
                None => format!("<built-in function {}>", b.name.as_str()),
                Some(s) => {
                    let t = self.type_name(s);
                    let addr = s
                        .as_ref()
                        .map(fake_address)
                        .unwrap_or_else(|| fake_address(r));
                    format!(
                        "<built-in method {} of {t} object at {addr}>",
                        b.name.as_str()
                    )
                }
            },
            Object::Class(c) => {
                if c.module.as_str() == "builtins" {
                    format!("<class '{}'>", c.qualname.as_str())
                } else {
                    format!("<class '{}.{}'>", c.module.as_str(), c.qualname.as_str())
                }
            }
            Object::Module(m) => match self.module_get(r, "__file__") {
                Some(Value::Str(file)) => {
                    format!("<module '{}' from '{}'>", m.name.as_str(), file.as_str())
                }
                _ if m.file.is_none() && matches!(m.name.as_str(), "sys" | "builtins" | "time") => {
                    format!("<module '{}' (built-in)>", m.name.as_str())
                }
                _ => format!("<module '{}'>", m.name.as_str()),
            },
            Object::Cell(_) => format!("<cell at {}>", fake_address(r)),
            Object::Generator(g) => format!(
                "<generator object {} at {}>",
                g.name.as_str(),
                fake_address(r)
            ),
            Object::Iterator(state) => {
                let kind = match state {
                    IterState::List { .. } => "list_iterator",
                    IterState::Seq { .. } => "iterator",
                    IterState::DictKeys { .. } => "dict_keyiterator",
                    IterState::Range { .. } => "range_iterator",
                    IterState::Enumerate { .. } => "enumerate",
                    IterState::Zip { .. } => "zip",
                    IterState::Map { .. } | IterState::StarMap { .. } => "map",
                    IterState::Filter { .. } => "filter",
                    IterState::Reversed { .. } => "list_reverseiterator",
                };
                format!("<{kind} object at {}>", fake_address(r))
            }
            Object::StaticMethod(f) => {
                let f = f.clone();
                format!("<staticmethod({})>", self.repr(&f)?.as_str())
            }
            Object::ClassMethod(f) => {
                let f = f.clone();
                format!("<classmethod({})>", self.repr(&f)?.as_str())
            }
            Object::Property { .. } => format!("<property object at {}>", fake_address(r)),
            Object::Super { class, obj } => {
                let (class, obj) = (*class, obj.clone());
                let c = self.repr(&Value::Ref(class))?;
                let t = self.type_of(&obj);
                let t = self.repr(&Value::Ref(t))?;
                format!("<super: {}, <{} object>>", c.as_str(), &t[8..t.len() - 2])
            }
            Object::Range { start, stop, step } => {
                if *step == 1 {
                    format!("range({start}, {stop})")
                } else {
                    format!("range({start}, {stop}, {step})")
                }
            }
            Object::Slice { start, stop, step } => {
                let (a, b, c) = (start.clone(), stop.clone(), step.clone());
                format!(
                    "slice({}, {}, {})",
                    self.repr(&a)?.as_str(),
                    self.repr(&b)?.as_str(),
                    self.repr(&c)?.as_str()
                )
            }
            Object::Frame(frame) => self.frame_repr(r, frame),
            Object::Code(code) => self.code_repr(r, code),
            Object::File(f) => {
                if f.binary {
                    format!("<_io.BufferedReader name='{}'>", f.name.as_str())
                } else {
                    format!(
                        "<_io.TextIOWrapper name='{}' mode='{}' encoding='UTF-8'>",
                        f.name.as_str(),
                        f.mode.as_str()
                    )
                }
            }
        };
        Ok(PyStr::from_string(text))
    }

    /// `object.__repr__`: `<__main__.Foo object at 0x...>`.
    pub(crate) fn object_default_repr(&self, v: &Value) -> String {
        let t = self.type_of(v);
        let c = self.class(t);
        let addr = v.as_ref().map(fake_address).unwrap_or_default();
        if c.module.as_str() == "builtins" {
            format!("<{} object at {addr}>", c.qualname.as_str())
        } else {
            format!(
                "<{}.{} object at {addr}>",
                c.module.as_str(),
                c.qualname.as_str()
            )
        }
    }

    /// Lists, dicts and sets, printing `[...]` for a container already
    /// being printed.
    fn repr_container(&mut self, r: ObjRef) -> PyResult<PyStr> {
        let (open_close, recursive) = match self.heap.get(r) {
            Object::List(_) => (("[", "]"), "[...]"),
            Object::Dict(_) => (("{", "}"), "{...}"),
            Object::Set { .. } => (("{", "}"), "{...}"),
            _ => unreachable!("not a container"),
        };
        if self.repr_active.contains(&r) {
            return Ok(PyStr::new(recursive));
        }
        self.repr_active.push(r);
        let result = self.repr_container_items(r, open_close);
        self.repr_active.pop();
        result.map(PyStr::from_string)
    }

    fn repr_container_items(&mut self, r: ObjRef, (open, close): (&str, &str)) -> PyResult<String> {
        let mut out = String::new();
        match self.heap.get(r) {
            Object::List(l) => {
                let items = l.clone();
                out.push_str(open);
                self.join_reprs(&mut out, &items)?;
            }
            Object::Dict(d) => {
                let items = d.items();
                out.push_str(open);
                for (i, (k, v)) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&self.repr(k)?);
                    out.push_str(": ");
                    out.push_str(&self.repr(v)?);
                }
            }
            Object::Set { items, frozen } => {
                let (items, frozen) = (items.keys(), *frozen);
                let name = if frozen { "frozenset" } else { "set" };
                if items.is_empty() {
                    return Ok(format!("{name}()"));
                }
                if frozen {
                    out.push_str("frozenset(");
                }
                out.push_str(open);
                self.join_reprs(&mut out, &items)?;
                out.push_str(close);
                if frozen {
                    out.push(')');
                }
                return Ok(out);
            }
            _ => {}
        }
        out.push_str(close);
        Ok(out)
    }

    /// True if the class `cls` is one of the built-in classes.
    pub fn is_builtin_class(&self, cls: ObjRef) -> bool {
        cls.0 < self.builtin_limit && matches!(self.heap.get(cls), Object::Class(_))
    }
}

/// `repr(s)` of a str with CPython's quoting and escapes.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_ascii() || crate::host::unicode::is_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// `repr(b)` of bytes.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}
