//! The rtyper's state: the module being built, the core types, and the
//! map from annotated graphs to low-level functions.

use std::collections::{HashMap, VecDeque};

use annotator::{Annotator, ClassId, GraphId};
use lltype::{Field, FuncId, Function, GlobalId, Module, TypeId};

use crate::repr::Repr;

/// Something the rtyper cannot translate (yet), with where it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct RtypeError {
    /// What is not supported.
    pub message: String,
    /// The function it is in.
    pub function: Option<String>,
    /// The operation's place in the source, when known.
    pub site: Option<annotator::Site>,
}

impl RtypeError {
    /// An error without a position.
    pub fn new(message: impl Into<String>) -> RtypeError {
        RtypeError {
            message: message.into(),
            function: None,
            site: None,
        }
    }
}

/// The low-level types every program uses.
pub struct CoreTypes {
    pub void: TypeId,
    pub bool: TypeId,
    pub signed: TypeId,
    pub unsigned: TypeId,
    pub float: TypeId,
    pub char: TypeId,
    pub unichar: TypeId,
    pub address: TypeId,
    /// `rpy_str`: hash, then the code points.
    pub str: TypeId,
    pub str_ptr: TypeId,
    /// `rpy_bytes`: hash, then the bytes.
    pub bytes_ptr: TypeId,
    /// The root of every vtable: the class-id range and the name.
    pub vtable: TypeId,
    pub vtable_ptr: TypeId,
    /// The root of every instance: its vtable pointer.
    pub object: TypeId,
    pub object_ptr: TypeId,
}

impl CoreTypes {
    fn new(m: &mut Module) -> CoreTypes {
        let t = &mut m.types;
        let (void, bool, signed, unsigned, float, char, address) = (
            t.void(),
            t.bool(),
            t.signed(),
            t.unsigned(),
            t.float(),
            t.char(),
            t.address(),
        );
        let unichar = t.prim(lltype::Prim::UniChar);
        let field = |name: &str, ty| Field {
            name: name.into(),
            ty,
        };
        let str = t.declare_struct("rpy_str", true).expect("fresh module");
        let chars = t.array(unichar, false).expect("an array of code points");
        t.define_struct(str, vec![field("hash", signed), field("chars", chars)])
            .expect("a varsize struct");
        let bytes = t.declare_struct("rpy_bytes", true).expect("fresh module");
        let bchars = t.array(char, false).expect("an array of bytes");
        t.define_struct(bytes, vec![field("hash", signed), field("chars", bchars)])
            .expect("a varsize struct");
        let vtable = t.declare_struct("rpy_vtable", false).expect("fresh module");
        let str_ptr = t.ptr(str).expect("struct");
        t.define_struct(
            vtable,
            vec![
                field("subclassrange_min", signed),
                field("subclassrange_max", signed),
                field("name", str_ptr),
            ],
        )
        .expect("fields");
        let vtable_ptr = t.ptr(vtable).expect("struct");
        let object = t.declare_struct("rpy_object", true).expect("fresh module");
        // `rpy_hash`: the identity hash, 0 until first asked for (dicts.rs).
        t.define_struct(
            object,
            vec![field("typeptr", vtable_ptr), field("rpy_hash", signed)],
        )
        .expect("fields");
        CoreTypes {
            void,
            bool,
            signed,
            unsigned,
            float,
            char,
            unichar,
            address,
            str,
            str_ptr,
            bytes_ptr: t.ptr(bytes).expect("struct"),
            vtable,
            vtable_ptr,
            object,
            object_ptr: t.ptr(object).expect("struct"),
        }
    }
}

/// The layout of one class.
#[derive(Clone, Debug)]
pub struct ClassInfo {
    /// The instance struct.
    pub struct_ty: TypeId,
    /// A pointer to it.
    pub ptr: TypeId,
    /// The class's vtable global (of type `rpy_vtable`).
    pub vtable: GlobalId,
    /// The instance fields this class adds, with their representations.
    pub fields: Vec<(String, Repr)>,
    /// The fields an instance may lack when read (the annotator's
    /// `maybe_unset`): each has a `Bool` field `fs_NAME` after it, true
    /// once the attribute is assigned.
    pub flagged: std::collections::HashSet<String>,
}

/// The rtyper's state.
pub struct Rtyper<'r, 'a> {
    pub ann: &'r mut Annotator<'a>,
    pub m: Module,
    pub t: CoreTypes,
    pub errors: Vec<RtypeError>,
    graph_funcs: HashMap<GraphId, FuncId>,
    queue: VecDeque<GraphId>,
    /// Helpers by a key naming what they do and for which types.
    pub helpers: HashMap<String, FuncId>,
    /// Prebuilt str and bytes constants.
    pub strings: HashMap<(bool, Vec<u32>), GlobalId>,
    pub classes: HashMap<ClassId, ClassInfo>,
    /// Extern declarations already added.
    pub externs: HashMap<&'static str, FuncId>,
    /// Structs made per representation (lists, tuples).
    pub struct_memo: HashMap<String, TypeId>,
    /// Prebuilt dicts and sets: their global and pointer type.
    pub prebuilt_dicts: HashMap<frontend::host::ObjRef, (GlobalId, TypeId)>,
    /// Vtable structs and their method slots.
    pub vtables: crate::methods::Vtables,
    /// Globals made for prebuilt host objects.
    pub prebuilt: crate::prebuilt::Prebuilt,
    /// The layout of each generator's object.
    pub generators: HashMap<GraphId, crate::generators::GenLayout>,
    /// The resumable body (`next`) of each generator.
    pub generator_bodies: HashMap<GraphId, FuncId>,
    /// The annotated graphs of the helpers written in RPython.
    pub rpython_helpers: HashMap<&'static str, GraphId>,
}

impl<'r, 'a> Rtyper<'r, 'a> {
    pub fn new(ann: &'r mut Annotator<'a>) -> Rtyper<'r, 'a> {
        let mut m = Module::new();
        let t = CoreTypes::new(&mut m);
        Rtyper {
            ann,
            m,
            t,
            errors: Vec::new(),
            graph_funcs: HashMap::new(),
            queue: VecDeque::new(),
            helpers: HashMap::new(),
            strings: HashMap::new(),
            classes: HashMap::new(),
            externs: HashMap::new(),
            struct_memo: HashMap::new(),
            prebuilt_dicts: HashMap::new(),
            vtables: Default::default(),
            prebuilt: Default::default(),
            generators: HashMap::new(),
            generator_bodies: HashMap::new(),
            rpython_helpers: HashMap::new(),
        }
    }

    /// The low-level function of an annotated graph, declared on first
    /// request and translated later.
    pub fn function_for_graph(&mut self, g: GraphId) -> FuncId {
        if let Some(&f) = self.graph_funcs.get(&g) {
            return f;
        }
        let info = &self.ann.graphs[g];
        let graph = info.graph.clone();
        let name = sanitize(&info.name);
        let arg_annotations: Vec<_> = graph
            .args
            .iter()
            .map(|a| info.bindings[*a].clone())
            .collect();
        let ret = self.graph_result(g);
        let params: Vec<TypeId> = arg_annotations
            .iter()
            .map(|s| {
                let r = self.repr_of(s);
                self.lltype(&r)
            })
            .collect();
        let ret = self.repr_of(&ret);
        let result = self.lltype(&ret);
        let ty = self.m.types.func(params, result);
        let f = self.declare_graph_function(g, &name, ty);
        self.graph_funcs.insert(g, f);
        self.queue.push_back(g);
        f
    }

    /// Declares a function made from graph `g` (its body comes later),
    /// named `name` or a fresh variant, placed where `g`'s source is.
    pub(crate) fn declare_graph_function(&mut self, g: GraphId, name: &str, ty: TypeId) -> FuncId {
        let name = self.m.fresh_function_name(name);
        let (unit, origin) = self.origin_of(g);
        let inline = self.inline_hint(g);
        self.m
            .add_function(Function {
                name,
                ty,
                body: lltype::Body::External,
                unit,
                origin,
                inline,
            })
            .expect("a fresh name")
    }

    /// What `objectmodel.always_inline`, `try_inline` or `dont_inline`
    /// asked of a graph's function.
    fn inline_hint(&self, g: GraphId) -> lltype::Inline {
        use frontend::host::{Object, PyStr, Value};
        let func = self.ann.graphs[g].func;
        let vm = self.ann.vm();
        let Object::Function(f) = vm.heap.get(func) else {
            return lltype::Inline::Auto;
        };
        let flag = |name: &str| match f.dict.get(&PyStr::new(name)) {
            Some(Value::Bool(b)) => *b,
            Some(Value::Str(_)) => true,
            _ => false,
        };
        if flag("_dont_inline_") {
            lltype::Inline::Never
        } else if flag("_always_inline_") {
            lltype::Inline::Always
        } else {
            lltype::Inline::Auto
        }
    }

    /// The compilation unit (the module's name) and `file:line` of a
    /// graph's function.
    fn origin_of(&self, g: GraphId) -> (String, Option<String>) {
        let func = self.ann.graphs[g].func;
        let vm = self.ann.vm();
        let frontend::host::Object::Function(f) = vm.heap.get(func) else {
            return ("main".into(), None);
        };
        let unit = match vm.heap.get(f.module) {
            frontend::host::Object::Module(m) => m.name.to_string(),
            _ => "main".into(),
        };
        let span = f.code.def_span;
        let file = vm.sources.get(span.file);
        let (line, _) = file.line_col(span.start);
        let name = file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let origin = Some(format!("{name}:{line}"));
        (sanitize(&unit), origin)
    }

    /// Translates every graph declared and not yet translated.
    pub fn translate_pending(&mut self) {
        while let Some(g) = self.queue.pop_front() {
            let f = self.graph_funcs[&g];
            // A generator's function makes the generator object; its body
            // is a function of its own.
            let f = if self.ann.graphs[g].generator {
                let constructor = self.generator_constructor(g);
                self.m.functions[f].body = lltype::Body::Graph(constructor);
                self.generator_next(g)
            } else {
                f
            };
            match self.translate_graph(g) {
                Ok(graph) => self.m.functions[f].body = lltype::Body::Graph(graph),
                Err(e) => self.errors.push(e),
            }
        }
    }

    /// An external function of the table, declared on first use.
    pub fn external(&mut self, name: &'static str) -> FuncId {
        if let Some(&f) = self.externs.get(name) {
            return f;
        }
        let ext = lltype::external(name).expect("an external of the table");
        let parsed = lltype::parse_module(&format!(
            "extern func {}{}\n",
            ext.name,
            &ext.signature[4..]
        ))
        .expect("the table's signatures parse");
        let (params, result) = {
            let f = parsed.function_named(name).expect("declared");
            let (p, r) = parsed.signature(f);
            (p.to_vec(), r)
        };
        let params: Vec<TypeId> = params
            .iter()
            .map(|t| self.import_prim(&parsed, *t))
            .collect();
        let result = self.import_prim(&parsed, result);
        let ty = self.m.types.func(params, result);
        let f = self
            .m
            .add_function(Function {
                name: name.into(),
                ty,
                body: lltype::Body::External,
                unit: String::new(),
                origin: None,
                inline: lltype::Inline::Auto,
            })
            .expect("externals are declared once");
        self.externs.insert(name, f);
        f
    }

    /// A primitive type of another module, in ours (external signatures
    /// use only primitives).
    fn import_prim(&mut self, other: &Module, t: TypeId) -> TypeId {
        let p = other
            .types
            .as_prim(t)
            .expect("external signatures use primitives");
        self.m.types.prim(p)
    }
}

/// A name usable in the low-level module: letters, digits and `_`.
pub fn sanitize(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}
