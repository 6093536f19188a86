//! Text and DOT dumps of the frontend's flow graphs: constants shown as a
//! person reads them, positions as `file.py:line:col`.

use super::Graph;
use crate::bytecode::CodeObject;
use crate::host::object::Object;
use crate::host::{ObjRef, Value, Vm};
use flowgraph::Loc;

/// How a constant reads in a dump: Python literals for immutable values,
/// `<kind name>` for heap objects.
pub fn describe_const(vm: &Vm, v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Ellipsis => "Ellipsis".into(),
        Value::NotImplemented => "NotImplemented".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(i) => i.to_string(),
        Value::Float(f) => format!("{f:?}"),
        Value::Str(s) => quote(s),
        Value::Bytes(b) => format!("b{}", quote(&String::from_utf8_lossy(b))),
        Value::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(|i| describe_const(vm, i)).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Value::Method(m) => format!(
            "<method {} of {}>",
            describe_const(vm, &m.func),
            describe_const(vm, &m.receiver)
        ),
        Value::Ref(r) => match vm.heap.get(*r) {
            Object::Function(f) => format!("<function {}>", f.qualname.as_str()),
            Object::Class(c) => format!("<class {}>", c.name.as_str()),
            Object::Module(m) => format!("<module {}>", m.name.as_str()),
            Object::Builtin(b) => format!("<builtin {}>", b.name.as_str()),
            Object::Instance(i) => match (vm.heap.get(i.class), &i.base_value) {
                // An instance of a subclass of a built-in type shows the
                // value it wraps: `<r_uint 255 #587>`.
                (Object::Class(c), Some(base)) => format!(
                    "<{} {} #{}>",
                    c.name.as_str(),
                    describe_const(vm, base),
                    r.0
                ),
                (Object::Class(c), None) => format!("<{} instance #{}>", c.name.as_str(), r.0),
                _ => format!("<instance #{}>", r.0),
            },
            Object::List(_) => format!("<list #{}>", r.0),
            Object::Dict(_) => format!("<dict #{}>", r.0),
            Object::Set { .. } => format!("<set #{}>", r.0),
            Object::Cell(_) => format!("<cell #{}>", r.0),
            other => format!("<{} #{}>", kind_name(other), r.0),
        },
    }
}

fn kind_name(o: &Object) -> &'static str {
    match o {
        Object::Generator(_) => "generator",
        Object::Iterator(_) => "iterator",
        Object::StaticMethod(_) => "staticmethod",
        Object::ClassMethod(_) => "classmethod",
        Object::Property { .. } => "property",
        Object::Super { .. } => "super",
        Object::Range { .. } => "range",
        Object::Slice { .. } => "slice",
        Object::File(_) => "file",
        _ => "object",
    }
}

/// A single-quoted Python-style string literal.
fn quote(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// `name.py:line:col` of a position (the file name only, so dumps do not
/// depend on where the sources live).
///
/// A graph's locations are instruction indexes into the code object of the
/// function the graph was built from (`code`): positions live beside the
/// instructions, not in the graph, so a graph stays valid when only the
/// text around its function moves.
pub fn describe_loc(vm: &Vm, code: &CodeObject, loc: Loc) -> String {
    let span = code
        .spans
        .get(loc.start as usize)
        .copied()
        .unwrap_or(code.def_span);
    let file = vm.sources.get(span.file);
    let (line, col) = file.line_col(span.start);
    let name = file.path.file_name().map_or_else(
        || file.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!("{name}:{line}:{col}")
}

/// The text dump of the graph of function `func`, with positions if
/// `with_locs`.
pub fn graph_to_text(vm: &Vm, func: ObjRef, graph: &Graph, with_locs: bool) -> String {
    let konst = |v: &Value| describe_const(vm, v);
    let code = match vm.heap.get(func) {
        Object::Function(f) => Some(f.code.clone()),
        _ => None,
    };
    let loc = |l: Loc| match &code {
        Some(code) => describe_loc(vm, code, l),
        None => String::new(),
    };
    flowgraph::print_graph(graph, &konst, if with_locs { Some(&loc) } else { None })
}

/// The DOT export of a graph.
pub fn graph_to_dot(vm: &Vm, graph: &Graph) -> String {
    let konst = |v: &Value| describe_const(vm, v);
    flowgraph::graph_to_dot(graph, &konst)
}
