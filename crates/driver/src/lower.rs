//! The translation pipeline down to a verified low-level module:
//! import, flow graphs, annotation, rtyping, then the low-level passes
//! (stack checks, the exception transform), with the verifier after each.

use std::path::Path;

use frontend::diag::Diagnostic;
use frontend::host::run;

use crate::{default_lib_dirs, run_failure, with_big_stack, Failure, Timings};

/// Functions of at most this many operations are inlined.
const INLINE_MAX_OPS: usize = 30;

/// What `lower` should do.
#[derive(Clone, Debug, Default)]
pub struct LowerOptions {
    /// Stop after the rtyper: no stack checks, no exception transform.
    pub rtype_only: bool,
    /// The collector translated with the program (a module of
    /// `rpython.memory.gc`), or none: memory is then never reclaimed.
    pub gc: Option<String>,
}

/// The functions a collector module defines, with the annotations of
/// their arguments (`i` an int, `a` an address) and whether the module
/// must define them.
const COLLECTOR_FUNCTIONS: [(&str, &str, bool); 5] = [
    ("setup", "", true),
    ("malloc_fixed", "ii", true),
    ("malloc_varsize", "iiiii", true),
    ("collect", "", true),
    ("write_barrier", "a", false),
];

/// The collectors `--gc` can name: the modules of `rpython/memory/gc`.
pub fn available_collectors() -> Vec<String> {
    let mut names: Vec<String> = default_lib_dirs()
        .iter()
        .filter_map(|d| std::fs::read_dir(d.join("rpython/memory/gc")).ok())
        .flatten()
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".py")?;
            (!stem.starts_with('_')).then(|| stem.to_string())
        })
        .collect();
    names.sort();
    names
}

/// A function of a support module annotated as a root: the function and
/// the annotations of its arguments.
type RootFunction = (frontend::host::ObjRef, Vec<annotator::SomeValue>);

/// Imports the collector module and finds its functions.
fn load_collector(vm: &mut frontend::host::Vm, name: &str) -> Result<Vec<RootFunction>, Failure> {
    if !available_collectors().iter().any(|c| c == name) {
        let d = Diagnostic::error(format!("unknown garbage collector `{name}`")).with_note(
            format!("available: {}, none", available_collectors().join(", ")),
        );
        return Err(Failure::new(d, &vm.sources));
    }
    let module = format!("rpython.memory.gc.{name}");
    let mut roots = Vec::new();
    for (func, params, required) in COLLECTOR_FUNCTIONS {
        match load_function(vm, &module, func, params)? {
            Some(root) => roots.push(root),
            None if !required => {}
            None => {
                let d = Diagnostic::error(format!(
                    "the collector `{name}` defines no function `{func}`"
                ));
                return Err(Failure::new(d, &vm.sources));
            }
        }
    }
    Ok(roots)
}

/// Imports the modules of the helpers written in RPython and finds their
/// functions.
fn load_rpython_helpers(
    vm: &mut frontend::host::Vm,
) -> Result<Vec<(&'static str, RootFunction)>, Failure> {
    let mut roots = Vec::new();
    for h in rtyper::helpers::RPYTHON_HELPERS {
        let Some(root) = load_function(vm, h.module, h.function, h.args)? else {
            let d = Diagnostic::error(format!(
                "the support module `{}` defines no function `{}`",
                h.module, h.function
            ));
            return Err(Failure::new(d, &vm.sources));
        };
        roots.push((h.name, root));
    }
    Ok(roots)
}

/// A function of a module (imported if need be) with the annotations its
/// arguments get from their letters (`i` an int, `a` an address, `b` a
/// bytes, `s` a str, `S` a str or None, `f` a float), or `None` when the module has no such function.
fn load_function(
    vm: &mut frontend::host::Vm,
    module: &str,
    func: &str,
    params: &str,
) -> Result<Option<RootFunction>, Failure> {
    use frontend::host::{Object, Value};
    let module = frontend::host::import::import_module(vm, module)
        .map_err(|e| run_failure(vm, frontend::host::run::RunError::Exception(e)))?;
    let found = match vm.module_get(module, func) {
        Some(Value::Ref(r)) if matches!(vm.heap.get(r), Object::Function(_)) => Some(r),
        _ => None,
    };
    let args = params
        .chars()
        .map(|p| match p {
            'a' => annotator::SomeValue::Address,
            'b' => annotator::SomeValue::bytes(),
            'f' => annotator::SomeValue::Float,
            's' => annotator::SomeValue::str(),
            'S' => annotator::SomeValue::Str(annotator::SomeStr {
                can_be_none: true,
                ..annotator::SomeStr::ANY
            }),
            _ => annotator::SomeValue::int(),
        })
        .collect();
    Ok(found.map(|f| (f, args)))
}

/// A program in low-level form, or the reasons it could not be.
pub struct LowerReport {
    /// The module, verified, when there were no errors.
    pub module: Option<lltype::Module>,
    /// Rendered diagnostics.
    pub errors: Vec<String>,
    pub timings: Timings,
}

/// Translates a program to a verified low-level module.
pub fn lower(path: &Path, options: LowerOptions) -> Result<LowerReport, Failure> {
    let path = path.to_path_buf();
    with_big_stack(move || {
        let mut timings = Timings::default();
        let mut vm = frontend::host::Vm::new(vec![path.display().to_string()]);
        vm.translating = true;
        let loaded = timings.phase("import", || {
            run::load_program(&mut vm, &path, &default_lib_dirs())
        });
        let module = loaded.map_err(|e| run_failure(&mut vm, e))?;
        let entry =
            run::find_entry_function(&mut vm, module).map_err(|e| run_failure(&mut vm, e))?;
        let collector = match &options.gc {
            Some(name) => timings.phase("import", || load_collector(&mut vm, name))?,
            None => Vec::new(),
        };
        let helpers = timings.phase("import", || load_rpython_helpers(&mut vm))?;
        let collector_funcs: Vec<_> = collector.iter().map(|(f, _)| *f).collect();
        let mut extra_roots = collector;
        extra_roots.extend(helpers.iter().map(|(_, root)| root.clone()));
        let roots = crate::Roots::EntryAnd(entry, extra_roots);
        let mut result = crate::annotate_timed(vm, roots, &mut timings);
        let ann = &mut result.annotator;
        if !result.errors.is_empty() {
            let errors = result
                .errors
                .iter()
                .map(|e| {
                    let d = e.to_diagnostic(ann);
                    let vm = ann.vm();
                    d.render(&vm.sources)
                })
                .collect();
            return Ok(LowerReport {
                module: None,
                errors,
                timings,
            });
        }
        let root_graphs: Vec<annotator::GraphId> = collector_funcs
            .iter()
            .filter_map(|&f| ann.root_graph(f))
            .collect();
        let helper_graphs = helpers
            .iter()
            .filter_map(|(name, (f, _))| Some((*name, ann.root_graph(*f)?)))
            .collect();
        let rtyped = timings.phase("rtype", || {
            rtyper::rtype_program_with_roots(ann, &root_graphs, helper_graphs)
        });
        let rtyped = match rtyped {
            Ok(r) => r,
            Err(errors) => {
                let vm = ann.vm();
                let errors = errors
                    .iter()
                    .map(|e| rtype_diagnostic(&vm, e).render(&vm.sources))
                    .collect();
                return Ok(LowerReport {
                    module: None,
                    errors,
                    timings,
                });
            }
        };
        let mut m = rtyped.module;
        let mut errors = Vec::new();
        check(&m, "the rtyper", &mut errors);
        if errors.is_empty() && !options.rtype_only {
            timings.phase("transform", || {
                let mut gc_state = match rtyped.roots[..] {
                    [setup, malloc_fixed, malloc_varsize, collect, ref barrier @ ..] => {
                        let config = transform::GcConfig {
                            setup,
                            malloc_fixed,
                            malloc_varsize,
                            collect,
                            write_barrier: barrier.first().copied(),
                        };
                        match transform::transform_gc_allocations(&mut m, &config) {
                            Ok(state) => Some(state),
                            Err(e) => {
                                errors.push(format!("error: {e}\n"));
                                None
                            }
                        }
                    }
                    _ => {
                        if let Err(e) = transform::check_no_gc_operations(&m) {
                            errors.push(format!("error: {e}\n"));
                        }
                        None
                    }
                };
                check(&m, "the GC transform (allocations)", &mut errors);
                let shadow = gc_state.as_ref().map(|s| s.shadow_stack());
                transform::insert_stack_checks(&mut m, rtyped.stack_overflow, shadow);
                check(&m, "the stack checks", &mut errors);
                let cfg = transform::ExceptionConfig {
                    type_ptr: rtyped.class_ptr,
                    value_ptr: rtyped.instance_ptr,
                    matches: rtyped.matches,
                };
                if let Err(e) = transform::transform_exceptions(&mut m, &cfg) {
                    errors.push(format!("internal error: {e}\n"));
                }
                check(&m, "the exception transform", &mut errors);
                if errors.is_empty() {
                    transform::inline_small_functions(&mut m, INLINE_MAX_OPS);
                    check(&m, "inlining", &mut errors);
                }
                // Roots go in last, so that only the calls left after
                // inlining (the slow paths, mostly) save and reload them.
                if let Some(state) = &mut gc_state {
                    if let Err(e) = transform::insert_gc_roots(&mut m, state) {
                        errors.push(format!("error: {e}\n"));
                    }
                    check(&m, "the GC transform (roots)", &mut errors);
                    if let Err(problems) = transform::verify_gc_addresses(&m, state) {
                        report_invalid(&problems, "the GC transform (roots)", &mut errors);
                    }
                }
                if errors.is_empty() {
                    transform::join_blocks(&mut m);
                    check(&m, "joining blocks", &mut errors);
                }
            });
        }
        Ok(LowerReport {
            module: errors.is_empty().then_some(m),
            errors,
            timings,
        })
    })
}

/// Runs the verifier; its failures are translator bugs.
fn check(m: &lltype::Module, after: &str, errors: &mut Vec<String>) {
    if let Err(problems) = lltype::verify(m) {
        report_invalid(&problems, after, errors);
    }
}

fn report_invalid(problems: &[lltype::VerifyError], after: &str, errors: &mut Vec<String>) {
    let mut text = format!("internal error: the low-level module is invalid after {after}:\n");
    for p in problems.iter().take(20) {
        text.push_str(&format!("  {p}\n"));
    }
    errors.push(text);
}

fn rtype_diagnostic(vm: &frontend::host::Vm, e: &rtyper::RtypeError) -> Diagnostic {
    let mut d = Diagnostic::error(e.message.clone());
    if let Some(span) = e.site.and_then(|site| annotator::site_span(vm, site)) {
        d = d.at(span, "here");
    }
    if let Some(f) = &e.function {
        d = d.with_note(format!("in the function `{f}`"));
    }
    d
}
