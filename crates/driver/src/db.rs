//! The incremental database: the frontend pipeline as salsa queries.
//!
//! Inputs are source files and the program (which files, which lib
//! directories). Queries: `parse(file)`, `bytecode(file)`, `import(program)`
//! (runs the module bodies in the host interpreter), `function_inputs`
//! (the firewall of one function) and `flow_graph` (one per function).
//!
//! Import must re-run after any edit, since module bodies may compute
//! anything; what keeps the rest incremental is the firewall query
//! [`function_inputs`]: its value is the function's code plus a
//! fingerprint of every constant the flow space may read for it. If an edit
//! leaves those equal, salsa keeps the old value and [`flow_graph`] is not
//! re-executed. The value also carries a handle to the import's heap,
//! deliberately left out of the comparison: graphs refer to heap objects
//! by id, and ids are stable across re-imports because module bodies
//! allocate deterministically (a change in allocation order changes the
//! ids the fingerprint records, so the affected graphs rebuild).

use frontend::bytecode::{CodeObject, Instr};
use frontend::diag::Diagnostic;
use frontend::flowspace::{self, FlowError, Graph};
use frontend::host::object::Object;
use frontend::host::{ObjRef, PreloadedModule, PyStr, Value, Vm};
use frontend::source::FileId;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// A source file, identified by the database's own numbering.
#[salsa::input]
pub struct SourceFile {
    pub id: u32,
    #[returns(ref)]
    pub path: PathBuf,
    #[returns(ref)]
    pub text: Arc<str>,
}

/// A program to translate: its main file and every file an import may read.
#[salsa::input]
pub struct Program {
    pub main: SourceFile,
    #[returns(ref)]
    pub files: Vec<SourceFile>,
    #[returns(ref)]
    pub lib_dirs: Vec<PathBuf>,
}

/// A function of a program, by its (stable) heap id.
#[salsa::interned]
pub struct FunctionId<'db> {
    pub program: Program,
    pub obj: u32,
}

/// The database.
#[salsa::db]
#[derive(Clone)]
pub struct Database {
    storage: salsa::Storage<Self>,
}

#[salsa::db]
impl salsa::Database for Database {}

impl Default for Database {
    fn default() -> Self {
        Database::new(None)
    }
}

/// Something that wants to hear about every query execution (tests).
pub type EventSink = Box<dyn Fn(salsa::Event) + Send + Sync + 'static>;

impl Database {
    pub fn new(events: Option<EventSink>) -> Database {
        Database {
            storage: salsa::Storage::new(events),
        }
    }
}

/// The parsed module of a file.
#[salsa::tracked(returns(ref))]
pub fn parse(
    db: &dyn salsa::Database,
    file: SourceFile,
) -> Result<Arc<frontend::ast::ModModule>, Diagnostic> {
    frontend::parse::parse_module(FileId(file.id(db)), file.text(db)).map(Arc::new)
}

/// The bytecode of a file's module body.
#[salsa::tracked(returns(ref))]
pub fn bytecode(db: &dyn salsa::Database, file: SourceFile) -> Result<Arc<CodeObject>, Diagnostic> {
    let ast = parse(db, file).as_ref().map_err(Clone::clone)?;
    let name = frontend::host::run::module_name_of(file.path(db));
    frontend::compile::compile_module(FileId(file.id(db)), &name, ast)
}

/// A shared handle to an import's heap. It compares equal to every other
/// handle: see the module documentation.
#[derive(Clone)]
pub struct VmHandle(pub Arc<Mutex<Vm>>);

impl PartialEq for VmHandle {
    fn eq(&self, _: &VmHandle) -> bool {
        true
    }
}

impl std::fmt::Debug for VmHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VmHandle")
    }
}

/// The result of importing a program.
#[derive(Clone, Debug)]
pub struct Imported {
    pub vm: VmHandle,
    /// The entry point function, or why there is none.
    pub entry: Result<ObjRef, Diagnostic>,
    /// Every function defined by the modules of the program.
    pub functions: Vec<ObjRef>,
}

/// A fresh import never equals an earlier one: module bodies may have
/// computed anything, so every reader re-checks (the firewall decides).
impl PartialEq for Imported {
    fn eq(&self, _: &Imported) -> bool {
        false
    }
}

/// Runs the module bodies: the host heap of the program.
#[salsa::tracked(returns(ref))]
pub fn import(db: &dyn salsa::Database, program: Program) -> Arc<Imported> {
    let mut vm = Vm::new(vec![program.main(db).path(db).display().to_string()]);
    vm.translating = true;
    for &file in program.files(db) {
        let module = PreloadedModule {
            file: FileId(file.id(db)),
            text: file.text(db).clone(),
            code: bytecode(db, file).clone(),
        };
        vm.preloaded.insert(file.path(db).clone(), module);
    }
    let main_path = program.main(db).path(db).clone();
    let loaded = frontend::host::run::load_program(&mut vm, &main_path, program.lib_dirs(db));
    let entry = loaded
        .and_then(|m| frontend::host::run::find_entry_function(&mut vm, m))
        .map_err(|e| frontend::host::run::run_error_diagnostic(&mut vm, e));
    let modules: Vec<ObjRef> = vm.modules.values().copied().collect();
    let functions = modules
        .into_iter()
        .flat_map(|m| flowspace::all_functions(&vm, m))
        .collect();
    Arc::new(Imported {
        vm: VmHandle(Arc::new(Mutex::new(vm))),
        entry,
        functions,
    })
}

/// A code object compared without its positions: moving text around a
/// function does not change what its graph depends on (graphs locate their
/// operations by instruction index, see `flowspace::describe_loc`).
#[derive(Clone, Debug)]
pub struct CodeShape(pub Arc<CodeObject>);

impl PartialEq for CodeShape {
    fn eq(&self, other: &CodeShape) -> bool {
        self.0.same_code(&other.0)
    }
}

/// The firewall of one function: everything its flow graph depends on.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionInputs {
    pub code: CodeShape,
    /// The constants the flow space may read: global names the code loads
    /// and the contents of its closure cells, fingerprinted.
    pub constants: Vec<(PyStr, Fingerprint)>,
    pub vm: VmHandle,
}

/// What the flow space can see of a constant: immutable values by value,
/// heap objects by id plus, for classes and modules (whose attributes are
/// folded), the fingerprints of their attributes.
#[derive(Clone, Debug, PartialEq)]
pub enum Fingerprint {
    Value(Value),
    Object(u32, Vec<(PyStr, Fingerprint)>),
}

fn fingerprint(vm: &Vm, v: &Value, depth: u32) -> Fingerprint {
    let Value::Ref(r) = v else {
        return Fingerprint::Value(v.clone());
    };
    let attrs = match vm.heap.get(*r) {
        Object::Class(c) if depth > 0 => c
            .dict
            .iter()
            .map(|(k, v)| (k.clone(), fingerprint(vm, v, depth - 1)))
            .collect(),
        Object::Module(_) if depth > 0 => vm
            .module_items(*r)
            .iter()
            .map(|(k, v)| (k.clone(), fingerprint(vm, v, depth - 1)))
            .collect(),
        _ => Vec::new(),
    };
    Fingerprint::Object(r.0, attrs)
}

/// The firewall query: see [`FunctionInputs`].
#[salsa::tracked(returns(ref))]
pub fn function_inputs<'db>(
    db: &'db dyn salsa::Database,
    func: FunctionId<'db>,
) -> Option<FunctionInputs> {
    let imported = import(db, func.program(db));
    let vm = imported
        .vm
        .0
        .lock()
        .expect("the import heap is not poisoned");
    let Object::Function(f) = vm.heap.get(ObjRef(func.obj(db))) else {
        return None;
    };
    let mut constants = Vec::new();
    for instr in &f.code.instrs {
        if let Instr::LoadGlobal(i) = instr {
            let name = PyStr::new(&f.code.names[*i as usize]);
            let value = vm.lookup_global(f.module, &name).unwrap_or(Value::None);
            constants.push((name, fingerprint(&vm, &value, 2)));
        }
    }
    for (name, &cell) in f.code.freevars.iter().zip(&f.closure) {
        if let Object::Cell(Some(content)) = vm.heap.get(cell) {
            constants.push((PyStr::new(name), fingerprint(&vm, content, 2)));
        }
    }
    Some(FunctionInputs {
        code: CodeShape(f.code.clone()),
        constants,
        vm: imported.vm.clone(),
    })
}

/// The flow graph of one function. Errors name instructions, not text
/// positions; [`flow_graph_diagnostic`] places them in the current text.
#[salsa::tracked(returns(ref))]
pub fn flow_graph<'db>(
    db: &'db dyn salsa::Database,
    func: FunctionId<'db>,
) -> Result<Arc<Graph>, FlowError> {
    let not_a_function = || FlowError {
        pc: None,
        message: "not a Python function".into(),
        function: String::new(),
    };
    let inputs = function_inputs(db, func)
        .as_ref()
        .ok_or_else(not_a_function)?;
    let mut vm = inputs.vm.0.lock().expect("the import heap is not poisoned");
    flowspace::build_flow_graph_relocatable(&mut vm, ObjRef(func.obj(db))).map(Arc::new)
}

/// The diagnostic of a function whose graph failed, positioned in the
/// current text of the program.
pub fn flow_graph_diagnostic(db: &dyn salsa::Database, func: FunctionId<'_>) -> Option<Diagnostic> {
    let error = flow_graph(db, func).as_ref().err()?.clone();
    let imported = import(db, func.program(db));
    let vm = imported
        .vm
        .0
        .lock()
        .expect("the import heap is not poisoned");
    match vm.heap.get(ObjRef(func.obj(db))) {
        Object::Function(f) => Some(error.to_diagnostic(&f.code)),
        _ => Some(Diagnostic::error(error.message)),
    }
}

/// What the annotator inferred for one function: the dump of each of its
/// annotated graphs (one per specialisation), in the order they were
/// reached. Equal values mean equal annotations, so a caller whose
/// annotations did not change is backdated and its dependents stay valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionAnnotation {
    pub graphs: Vec<String>,
}

/// The annotation of the whole program: one fixpoint over every function
/// reachable from the entry point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramAnnotation {
    /// By function heap id.
    pub functions: std::collections::BTreeMap<u32, Arc<FunctionAnnotation>>,
    /// What is not RPython, positioned in the current text.
    pub errors: Vec<Diagnostic>,
}

/// The annotator's fixpoint over the program, reading the graphs through
/// [`flow_graph`].
#[salsa::tracked(returns(ref))]
pub fn annotate_program(
    db: &dyn salsa::Database,
    program: Program,
) -> Result<Arc<ProgramAnnotation>, Diagnostic> {
    let imported = import(db, program);
    let entry = imported.entry.clone()?;
    let source: annotator::GraphSource = Box::new(move |func| {
        let id = FunctionId::new(db, program, func.0);
        flow_graph(db, id).clone()
    });
    let result = annotator::annotate_program(imported.vm.0.clone(), entry, source);
    let ann = &result.annotator;
    let mut functions: std::collections::BTreeMap<u32, FunctionAnnotation> = Default::default();
    for (g, info) in ann.graphs.iter() {
        functions
            .entry(info.func.0)
            .or_insert_with(|| FunctionAnnotation { graphs: Vec::new() })
            .graphs
            .push(annotator::dump_graph(ann, g));
    }
    let errors = result.errors.iter().map(|e| e.to_diagnostic(ann)).collect();
    Ok(Arc::new(ProgramAnnotation {
        functions: functions
            .into_iter()
            .map(|(k, v)| (k, Arc::new(v)))
            .collect(),
        errors,
    }))
}

/// The annotations of one function, extracted from the program's
/// fixpoint. Re-executed after every edit, but backdated when equal: what
/// depends on it (the rtyper, dumps) re-runs only if it changed.
#[salsa::tracked(returns(ref))]
pub fn function_annotation<'db>(
    db: &'db dyn salsa::Database,
    func: FunctionId<'db>,
) -> Option<Arc<FunctionAnnotation>> {
    let program = annotate_program(db, func.program(db)).as_ref().ok()?;
    program.functions.get(&func.obj(db)).cloned()
}

/// The annotated text of one function: a consumer of
/// [`function_annotation`], as the rtyper will be.
#[salsa::tracked(returns(ref))]
pub fn function_annotation_text<'db>(
    db: &'db dyn salsa::Database,
    func: FunctionId<'db>,
) -> String {
    match function_annotation(db, func) {
        Some(a) => a.graphs.join("\n"),
        None => String::new(),
    }
}

/// Creates the inputs for a program: the main file, every `.py` file in
/// its directory and (recursively) in the lib directories.
pub fn load_program_inputs(
    db: &Database,
    main: &std::path::Path,
    lib_dirs: Vec<PathBuf>,
) -> std::io::Result<Program> {
    let dir = main
        .parent()
        .map(PathBuf::from)
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| ".".into());
    let mut paths = vec![main.to_path_buf()];
    collect_py(&dir, false, &mut paths)?;
    for lib in &lib_dirs {
        if lib.is_dir() {
            collect_py(lib, true, &mut paths)?;
        }
    }
    let mut seen = HashMap::new();
    let mut files = Vec::new();
    for path in paths {
        if seen.contains_key(&path) {
            continue;
        }
        let text: Arc<str> = std::fs::read_to_string(&path)?.into();
        let file = SourceFile::new(db, files.len() as u32, path.clone(), text);
        seen.insert(path, file);
        files.push(file);
    }
    Ok(Program::new(db, files[0], files, lib_dirs))
}

fn collect_py(
    dir: &std::path::Path,
    recursive: bool,
    out: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() && recursive {
            collect_py(&p, true, out)?;
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
    Ok(())
}
