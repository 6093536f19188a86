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
        let mut result = crate::annotate_timed(vm, crate::Roots::Entry(entry), &mut timings);
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
        let rtyped = timings.phase("rtype", || rtyper::rtype_program(ann));
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
                transform::insert_stack_checks(&mut m, rtyped.stack_overflow);
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
        let mut text = format!("internal error: the low-level module is invalid after {after}:\n");
        for p in problems.iter().take(20) {
            text.push_str(&format!("  {p}\n"));
        }
        errors.push(text);
    }
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
