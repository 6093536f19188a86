//! The rpy driver: the library API behind the `rpy` command.
//!
//! It owns the pipeline: loading a target (import time, in the host
//! interpreter), building flow graphs, and (later) the salsa database that
//! makes all of it incremental.

use frontend::diag::Diagnostic;
use frontend::host::run::{self, RunError};
use frontend::source::SourceMap;
pub mod db;
pub mod lower;
pub use lower::{available_collectors, lower, LowerOptions, LowerReport};
pub mod translate;
pub use backend_c::Progress;
pub use translate::{translate, Backend, TranslateOptions, TranslateReport, DEFAULT_GC};

use std::path::{Path, PathBuf};

/// A rendered user-facing error: what the CLI prints before exiting 1.
#[derive(Debug)]
pub struct Failure {
    pub rendered: String,
    pub diagnostic: Diagnostic,
}

impl Failure {
    pub fn new(diagnostic: Diagnostic, sources: &SourceMap) -> Failure {
        Failure {
            rendered: diagnostic.render(sources),
            diagnostic,
        }
    }
}

/// The directories searched after the target's own: `$RPY_LIB` if set,
/// else the `lib/` directory of this source tree (the `rpython` package).
pub fn default_lib_dirs() -> Vec<PathBuf> {
    if let Ok(dirs) = std::env::var("RPY_LIB") {
        return std::env::split_paths(&dirs).collect();
    }
    vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lib")]
}

/// Runs `f` on a thread with a large stack: the host interpreter recurses
/// on the Rust stack for every Python call.
pub fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(f)
        .expect("cannot spawn the interpreter thread")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// `rpy run`: runs a program untranslated, returning its exit status.
pub fn run_untranslated(path: &Path, args: &[String]) -> Result<i32, Failure> {
    let path = path.to_path_buf();
    let mut argv = vec![path.display().to_string()];
    argv.extend(args.iter().cloned());
    with_big_stack(
        move || match run::run_program(&path, argv, &default_lib_dirs()) {
            Ok(status) => Ok(status),
            Err(failed) => {
                let (mut vm, err) = *failed;
                Err(run_failure(&mut vm, err))
            }
        },
    )
}

/// Output format of `rpy flowgraph`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    Text,
    Dot,
}

/// What `rpy flowgraph` prints.
#[derive(Clone, Debug)]
pub struct FlowgraphOptions {
    /// Only the functions with this name or qualified name.
    pub function: Option<String>,
    /// Every function the module defines, not only those reachable from
    /// the entry point.
    pub all: bool,
    pub format: GraphFormat,
    /// Show source positions in text dumps.
    pub positions: bool,
}

/// The outcome of `rpy flowgraph`: the dumps of the graphs that built, and
/// the rendered diagnostics of those that did not.
#[derive(Debug, Default)]
pub struct FlowgraphReport {
    pub output: String,
    pub graphs: usize,
    pub errors: Vec<String>,
    pub timings: Timings,
}

/// Wall time per pipeline phase, in order; each phase is also a tracing
/// span of the same name.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub phases: Vec<(&'static str, std::time::Duration)>,
}

impl Timings {
    /// Runs `f` as the phase `name`: inside a tracing span, timed.
    pub fn phase<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let _span = tracing::info_span!("phase", name).entered();
        let start = std::time::Instant::now();
        let result = f();
        self.record(name, start.elapsed());
        result
    }

    /// Adds time to a phase (a phase run in several pieces, such as the
    /// imports of the program and of its collector, is one line).
    pub fn record(&mut self, name: &'static str, elapsed: std::time::Duration) {
        match self.phases.iter_mut().find(|(n, _)| *n == name) {
            Some((_, d)) => *d += elapsed,
            None => self.phases.push((name, elapsed)),
        }
    }

    /// A summary table, one line per phase and a total.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let mut total = std::time::Duration::ZERO;
        for (name, d) in &self.phases {
            out.push_str(&format!("  {name:<10} {:>9.3} ms\n", d.as_secs_f64() * 1e3));
            total += *d;
        }
        out.push_str(&format!(
            "  {:<10} {:>9.3} ms\n",
            "total",
            total.as_secs_f64() * 1e3
        ));
        out
    }
}

/// `rpy flowgraph`: imports the program and builds flow graphs.
pub fn flowgraphs(path: &Path, options: FlowgraphOptions) -> Result<FlowgraphReport, Failure> {
    use frontend::flowspace;
    let path = path.to_path_buf();
    with_big_stack(move || {
        let mut timings = Timings::default();
        let mut vm = frontend::host::Vm::new(vec![path.display().to_string()]);
        vm.translating = true;
        let loaded = timings.phase("import", || {
            run::load_program(&mut vm, &path, &default_lib_dirs())
        });
        let module = match loaded {
            Ok(m) => m,
            Err(err) => return Err(run_failure(&mut vm, err)),
        };
        let flow_span = tracing::info_span!("flow").entered();
        let flow_start = std::time::Instant::now();
        let built: Vec<flowspace::FunctionGraph> = if options.all {
            flowspace::all_functions(&vm, module)
                .into_iter()
                .map(|func| flowspace::FunctionGraph {
                    func,
                    graph: flowspace::build_flow_graph(&mut vm, func),
                })
                .collect()
        } else {
            let entry = match run::find_entry_function(&mut vm, module) {
                Ok(f) => f,
                Err(err) => return Err(run_failure(&mut vm, err)),
            };
            flowspace::reachable_graphs(&mut vm, entry)
        };
        timings.record("flow", flow_start.elapsed());
        drop(flow_span);
        let mut report = FlowgraphReport {
            timings,
            ..FlowgraphReport::default()
        };
        for fg in built {
            let (name, qualname) = match vm.heap.get(fg.func) {
                frontend::host::Object::Function(f) => (f.name.to_string(), f.qualname.to_string()),
                _ => continue,
            };
            if let Some(wanted) = &options.function {
                if *wanted != name && *wanted != qualname {
                    continue;
                }
            }
            match fg.graph {
                Ok(graph) => {
                    report.graphs += 1;
                    let text = match options.format {
                        GraphFormat::Text => {
                            flowspace::graph_to_text(&vm, fg.func, &graph, options.positions)
                        }
                        GraphFormat::Dot => flowspace::graph_to_dot(&vm, &graph),
                    };
                    report.output.push_str(&text);
                    report.output.push('\n');
                }
                Err(d) => report.errors.push(d.render(&vm.sources)),
            }
        }
        Ok(report)
    })
}

/// What `rpy annotate` prints.
#[derive(Clone, Debug, Default)]
pub struct AnnotateOptions {
    /// Only the graphs of the function with this name (or qualified name).
    pub function: Option<String>,
    /// Library mode, for modules without an entry point: annotate from
    /// `main` or `entry_point` if the module defines one (taking `argv` or
    /// nothing), or failing that from each module-level function that
    /// takes no arguments.
    pub library: bool,
}

/// The outcome of `rpy annotate`: the dump, and the rendered diagnostics
/// of what is not RPython.
#[derive(Debug, Default)]
pub struct AnnotateReport {
    pub output: String,
    pub graphs: usize,
    pub errors: Vec<String>,
    pub timings: Timings,
}

/// `rpy annotate`: imports the program, builds the flow graphs the
/// annotator asks for, and annotates everything reachable from the entry
/// point.
pub fn annotate(path: &Path, options: AnnotateOptions) -> Result<AnnotateReport, Failure> {
    let path = path.to_path_buf();
    with_big_stack(move || {
        let mut timings = Timings::default();
        let mut vm = frontend::host::Vm::new(vec![path.display().to_string()]);
        vm.translating = true;
        let loaded = timings.phase("import", || {
            run::load_program(&mut vm, &path, &default_lib_dirs())
        });
        let module = match loaded {
            Ok(m) => m,
            Err(err) => return Err(run_failure(&mut vm, err)),
        };
        let roots = if options.library {
            library_roots(&vm, module)
        } else {
            match run::find_entry_function(&mut vm, module) {
                Ok(f) => Roots::Entry(f),
                Err(err) => return Err(run_failure(&mut vm, err)),
            }
        };
        let result = annotate_timed(vm, roots, &mut timings);
        let ann = &result.annotator;
        let output = annotator::dump_annotations(
            ann,
            &annotator::DumpOptions {
                function: options.function.clone(),
            },
        );
        let errors = result
            .errors
            .iter()
            .map(|e| {
                let d = e.to_diagnostic(ann);
                let vm = ann.vm();
                d.render(&vm.sources)
            })
            .collect();
        Ok(AnnotateReport {
            output,
            graphs: ann.graphs.len(),
            errors,
            timings,
        })
    })
}

/// Annotates from `roots`, building each flow graph when the annotator
/// first asks for it, and records the time of both (flow graphs are built
/// inside annotation, so their time is measured apart and subtracted).
fn annotate_timed(
    vm: frontend::host::Vm,
    roots: Roots,
    timings: &mut Timings,
) -> annotator::Annotations<'static> {
    use std::sync::{Arc, Mutex};
    let vm = Arc::new(Mutex::new(vm));
    let flow_time = Arc::new(Mutex::new(std::time::Duration::ZERO));
    let (vm2, flow_time2) = (vm.clone(), flow_time.clone());
    let source: annotator::GraphSource<'static> = Box::new(move |func| {
        let start = std::time::Instant::now();
        let mut vm = vm2.lock().expect("the import heap is not poisoned");
        let graph = frontend::flowspace::build_flow_graph_relocatable(&mut vm, func);
        *flow_time2.lock().expect("timer") += start.elapsed();
        graph.map(Arc::new)
    });
    let start = std::time::Instant::now();
    let result = match roots {
        Roots::Entry(entry) => annotator::annotate_program(vm, entry, source),
        Roots::EntryAnd(entry, extra) => {
            annotator::annotate_program_with_roots(vm, entry, &extra, source)
        }
        Roots::NoArguments(roots) => annotator::annotate_roots(vm, &roots, source),
    };
    let total = start.elapsed();
    let flow = *flow_time.lock().expect("timer");
    timings.record("flow", flow);
    timings.record("annotate", total.saturating_sub(flow));
    result
}

/// Where annotation starts.
enum Roots {
    /// An entry point called with `argv: list[str]`.
    Entry(frontend::host::ObjRef),
    /// An entry point, and functions called with the given arguments.
    EntryAnd(
        frontend::host::ObjRef,
        Vec<(frontend::host::ObjRef, Vec<annotator::SomeValue>)>,
    ),
    /// Functions called with no arguments.
    NoArguments(Vec<frontend::host::ObjRef>),
}

/// The roots of library mode: `main` or `entry_point` when the module
/// defines one as a function (as the entry point if it takes one argument,
/// else as a root taking none), or every module-level function taking no
/// arguments.
fn library_roots(vm: &frontend::host::Vm, module: frontend::host::ObjRef) -> Roots {
    use frontend::host::Object;
    if !matches!(vm.heap.get(module), Object::Module(_)) {
        return Roots::NoArguments(Vec::new());
    }
    let globals = vm.module_items(module);
    let function = |v: &frontend::host::Value| match v.as_ref() {
        Some(r) => match vm.heap.get(r) {
            Object::Function(f) if f.module == module => Some((r, f)),
            _ => None,
        },
        None => None,
    };
    let takes_nothing = |f: &frontend::host::object::Function| {
        let c = &f.code;
        c.argcount == 0 && c.kwonlyargcount == 0 && !c.varargs && !c.varkw
    };
    for name in ["main", "entry_point"] {
        if let Some((r, f)) = vm.module_get(module, name).as_ref().and_then(function) {
            return if takes_nothing(f) {
                Roots::NoArguments(vec![r])
            } else {
                Roots::Entry(r)
            };
        }
    }
    let roots = globals
        .iter()
        .filter_map(|(_, v)| function(v))
        .filter(|(_, f)| takes_nothing(f))
        .map(|(r, _)| r)
        .collect();
    Roots::NoArguments(roots)
}

fn run_failure(vm: &mut frontend::host::Vm, err: RunError) -> Failure {
    let diagnostic = run::run_error_diagnostic(vm, err);
    Failure::new(diagnostic, &vm.sources)
}

/// The invariant checker's verdict on one function's graph.
pub type GraphCheck = (String, Result<(), String>);

/// Builds the graphs of every function reachable from the entry point and
/// runs the invariant checker on each: `(qualname, Ok(()) | Err(problem))`.
pub fn check_reachable_graphs(path: &Path) -> Result<Vec<GraphCheck>, Failure> {
    let path = path.to_path_buf();
    with_big_stack(move || {
        let mut vm = frontend::host::Vm::new(vec![path.display().to_string()]);
        vm.translating = true;
        let module = run::load_program(&mut vm, &path, &default_lib_dirs())
            .map_err(|e| run_failure(&mut vm, e))?;
        let entry =
            run::find_entry_function(&mut vm, module).map_err(|e| run_failure(&mut vm, e))?;
        let mut out = Vec::new();
        for fg in frontend::flowspace::reachable_graphs(&mut vm, entry) {
            let name = match vm.heap.get(fg.func) {
                frontend::host::Object::Function(f) => f.qualname.to_string(),
                _ => "?".into(),
            };
            let outcome = match fg.graph {
                Ok(graph) => flowgraph::check_graph(&graph).map_err(|errors| errors.join("; ")),
                Err(d) => Err(d.render(&vm.sources)),
            };
            out.push((name, outcome));
        }
        Ok(out)
    })
}
