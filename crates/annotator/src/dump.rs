//! The text dump of `rpy annotate`: every annotated graph with the type of
//! each variable, then a summary of every class.

use crate::model::{External, IntKind, IterKind, SomeValue};
use crate::{Annotator, Desc};
use frontend::flowspace::describe_const;
use frontend::host::Value;
use std::fmt::Write;

/// What to print.
#[derive(Clone, Debug, Default)]
pub struct DumpOptions {
    /// Only graphs whose name (qualified, or its last part) is this.
    pub function: Option<String>,
}

/// The dump of an annotated program: graphs in the order they were first
/// reached, then classes.
pub fn dump_annotations(annotator: &Annotator<'_>, options: &DumpOptions) -> String {
    let mut out = String::new();
    for (g, info) in annotator.graphs.iter() {
        if let Some(f) = &options.function {
            let short = info.name.rsplit('.').next().unwrap_or(&info.name);
            let base = short.split('[').next().unwrap_or(short);
            if info.name != *f && short != f && base != f {
                continue;
            }
        }
        out.push_str(&dump_graph(annotator, g));
        out.push('\n');
    }
    if options.function.is_none() {
        out.push_str(&dump_classes(annotator));
    }
    out
}

/// The dump of one annotated graph.
pub fn dump_graph(annotator: &Annotator<'_>, g: crate::GraphId) -> String {
    let mut out = String::new();
    let info = &annotator.graphs[g];
    let note = |v: flowgraph::Var| Some(annotator.type_text(&info.bindings[v]));
    let konst = |v: &Value| describe_const(&annotator.vm(), v);
    let text = flowgraph::print_graph_with(
        &info.graph,
        &flowgraph::PrintOptions {
            konst: &konst,
            loc: None,
            note: Some(&note),
        },
    );
    let ret = annotator.type_text(info.return_value());
    let _ = writeln!(out, "graph {} -> {}", info.name, ret);
    if info.generator {
        let _ = writeln!(
            out,
            "    # generator yielding {}",
            annotator.type_text(&info.yields)
        );
    }
    for line in text.lines().skip(1) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn dump_classes(annotator: &Annotator<'_>) -> String {
    let mut out = String::new();
    for (id, cd) in annotator.classes.iter() {
        let base = cd
            .base
            .map(|b| format!("({})", annotator.classes[b].name))
            .unwrap_or_default();
        let _ = writeln!(out, "class {}{base}", cd.name);
        for (name, attr) in &cd.attrs {
            let ro = if attr.readonly {
                " (class-level constant)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "    attribute {name}: {}{ro}",
                annotator.type_text(&attr.value)
            );
        }
        let mut methods: Vec<String> = annotator
            .descs
            .values()
            .filter_map(|d| match d {
                Desc::Method { func, origin, .. } if *origin == id => {
                    Some(annotator.function_name(*func))
                }
                _ => None,
            })
            .collect();
        methods.sort();
        methods.dedup();
        for m in methods {
            let _ = writeln!(out, "    method {m}");
        }
        let subs: Vec<&str> = cd
            .subclasses
            .iter()
            .map(|&s| annotator.classes[s].name.as_str())
            .collect();
        if !subs.is_empty() {
            let _ = writeln!(out, "    subclasses {}", subs.join(", "));
        }
    }
    out
}

impl Annotator<'_> {
    /// The short qualified name of a function object.
    pub fn function_name(&self, f: frontend::host::ObjRef) -> String {
        match self.vm().heap.get(f) {
            frontend::host::Object::Function(func) => func.qualname.to_string(),
            _ => "?".into(),
        }
    }

    /// A compact, deterministic rendering of an annotation for dumps.
    pub fn type_text(&self, v: &SomeValue) -> String {
        self.type_text_at(v, 0)
    }

    fn type_text_at(&self, v: &SomeValue, depth: usize) -> String {
        if depth > 12 {
            // A type holding itself (refused elsewhere) or a very deep
            // one: the text stops here.
            return "...".into();
        }
        let nullable = |s: String, n: bool| if n { format!("{s}?") } else { s };
        match v {
            SomeValue::Impossible => "impossible".into(),
            SomeValue::Bool(Some(b)) => format!("bool={}", if *b { "True" } else { "False" }),
            SomeValue::Bool(None) => "bool".into(),
            SomeValue::Int(i) => {
                let base = if i.kind == IntKind::Unsigned {
                    "uint"
                } else if i.nonneg {
                    "int>=0"
                } else {
                    "int"
                };
                match i.konst {
                    Some(k) if i.kind == IntKind::Unsigned => format!("uint={k}"),
                    Some(k) => format!("int={k}"),
                    None => base.into(),
                }
            }
            SomeValue::Float => "float".into(),
            SomeValue::Str(s) | SomeValue::Bytes(s) => {
                let base = match (v, s.single_char) {
                    (SomeValue::Str(_), true) => "char",
                    (SomeValue::Str(_), false) => "str",
                    (_, true) => "byte",
                    _ => "bytes",
                };
                let base = match &s.konst {
                    Some(Value::Str(k)) if k.char_len() <= 20 => format!("{base}={:?}", k.as_str()),
                    _ => base.to_string(),
                };
                nullable(base, s.can_be_none)
            }
            SomeValue::None => "None".into(),
            SomeValue::Tuple(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|i| self.type_text_at(i, depth + 1))
                    .collect();
                format!("({})", parts.join(", "))
            }
            SomeValue::List(id, n) => {
                let id = self.list(*id);
                let def = &self.lists[id];
                let flags = match (def.resized, def.mutated) {
                    (true, _) => "",
                    (false, true) => " fixed-size",
                    (false, false) => " immutable",
                };
                nullable(
                    format!("list[{}]{flags}", self.type_text_at(&def.item, depth + 1)),
                    *n,
                )
            }
            SomeValue::Dict(id, n) => {
                let def = &self.dicts[self.dict(*id)];
                nullable(
                    format!(
                        "dict[{}, {}]",
                        self.type_text_at(&def.key, depth + 1),
                        self.type_text_at(&def.value, depth + 1)
                    ),
                    *n,
                )
            }
            SomeValue::Set(id, n) => {
                let def = &self.dicts[self.dict(*id)];
                nullable(
                    format!("set[{}]", self.type_text_at(&def.key, depth + 1)),
                    *n,
                )
            }
            SomeValue::Instance(c, n) => nullable(self.classes[*c].name.clone(), *n),
            SomeValue::Pbc(p) => {
                let names: Vec<String> = p
                    .descs
                    .iter()
                    .map(|d| match &self.descs[*d] {
                        Desc::Function(_) => format!("function {}", self.desc_name(*d)),
                        Desc::Class(_) => format!("class {}", self.desc_name(*d)),
                        Desc::Method { self_class, .. } => format!(
                            "method {} of {}",
                            self.desc_name(*d),
                            self.classes[*self_class].name
                        ),
                        Desc::Frozen(_) => format!("frozen {}", self.desc_name(*d)),
                        Desc::FrozenMethod { .. } => format!("method {}", self.desc_name(*d)),
                    })
                    .collect();
                nullable(format!("{{{}}}", names.join(", ")), p.can_be_none)
            }
            SomeValue::Builtin(name) => format!("builtin {name}"),
            SomeValue::BuiltinMethod(name, recv) => {
                format!("method {name} of {}", self.type_text_at(recv, depth + 1))
            }
            SomeValue::Iterator(kind, sources) => {
                let kind = match kind {
                    IterKind::Items => "iter",
                    IterKind::DictValues => "values",
                    IterKind::DictItems => "items",
                    IterKind::Enumerate => "enumerate",
                    IterKind::Zip => "zip",
                    IterKind::Reversed => "reversed",
                    IterKind::Generator(g) => return format!("generator {}", self.graphs[*g].name),
                };
                let parts: Vec<String> = sources
                    .iter()
                    .map(|s| self.type_text_at(s, depth + 1))
                    .collect();
                format!("{kind}({})", parts.join(", "))
            }
            SomeValue::Range { nonneg } => {
                if *nonneg {
                    "range>=0".into()
                } else {
                    "range".into()
                }
            }
            SomeValue::Slice => "slice".into(),
            SomeValue::Address => "address".into(),
            SomeValue::Super(c, s) => format!(
                "super({}, {})",
                self.classes[*c].name, self.classes[*s].name
            ),
            SomeValue::External(External::File { can_be_none }) => {
                nullable("file".into(), *can_be_none)
            }
            SomeValue::External(External::Module(m)) => match self.vm().heap.get(*m) {
                frontend::host::Object::Module(module) => {
                    format!("module {}", module.name.as_str())
                }
                _ => "module".into(),
            },
        }
    }
}
