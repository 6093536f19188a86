//! The rtyper: from annotated flow graphs to low-level graphs.
//!
//! For every annotation the rtyper chooses a low-level representation
//! (a [`Repr`]: an int is a `Signed`, a str a pointer to a GC struct of
//! code points, an instance a pointer to its class's struct), and rewrites
//! every high-level operation of every annotated graph into low-level
//! operations on those representations, in the manner of PyPy's
//! `rpython/rtyper`. What cannot be a single operation — a division that
//! raises `ZeroDivisionError`, a bounds-checked index, `int(s)`, printing —
//! becomes a call to a low-level helper graph, built once per type with
//! [`builder::FnBuilder`] and shared by every backend.
//!
//! The result is an [`lltype::Module`] with exceptions still structured
//! (`raise`, `catch`): the exception transform runs next, configured with
//! the root class and instance types and the class matcher the rtyper
//! provides ([`Rtyped`]).

pub mod builder;
mod bytes;
mod bytestext;
mod calls;
mod classes;
mod classval;
mod codecs;
mod constants;
mod cx;
mod dictfns;
mod dicthash;
mod dictops;
mod dicts;
mod dicttable;
mod entry;
mod files;
mod floatrepr;
mod format;
mod generators;
mod graph;
pub mod helpers;
mod instops;
mod intparse;
mod ints;
mod iterconsume;
mod iters;
mod lists;
mod mathfns;
mod methods;
mod minmax;
mod numfmt;
mod ops;
mod pbc;
mod prebuilt;
mod reduce;
mod repr;
mod seqcmp;
mod seqops;
mod sets;
mod slices;
mod sorting;
mod specials;
mod strmethods;
mod strs;
mod strsearch;
mod strsplit;
mod textrepr;
mod tuples;

pub use cx::RtypeError;
pub use repr::{IterRepr, Repr};

use annotator::Annotator;
use lltype::{FuncId, Module, TypeId};

/// A program in low-level form, with what the later passes need to know.
pub struct Rtyped {
    /// The module; its entry function takes nothing and returns the exit
    /// status.
    pub module: Module,
    /// The type of a class pointer (pointer to the root vtable).
    pub class_ptr: TypeId,
    /// The type of an instance pointer (pointer to the root struct).
    pub instance_ptr: TypeId,
    /// `matches(raised_class, handler_class) -> Bool`.
    pub matches: FuncId,
    /// A function raising `RecursionError`, for stack checks.
    pub stack_overflow: FuncId,
    /// The functions of the extra roots, in the order given.
    pub roots: Vec<FuncId>,
}

/// Rtypes everything the annotator reached from the entry point and from
/// the extra root graphs (the collector's functions); `helpers` are the
/// graphs of [`helpers::RPYTHON_HELPERS`], by name, rtyped when first
/// called.
pub fn rtype_program_with_roots(
    ann: &mut Annotator,
    roots: &[annotator::GraphId],
    helpers: std::collections::HashMap<&'static str, annotator::GraphId>,
) -> Result<Rtyped, Vec<RtypeError>> {
    let _span = tracing::info_span!("rtype").entered();
    let Some(entry) = ann.entry_graph() else {
        return Err(vec![RtypeError::new(
            "the program has no annotated entry point",
        )]);
    };
    let mut cx = cx::Rtyper::new(ann);
    cx.rpython_helpers = helpers;
    cx.setup_classes();
    let entry_func = cx.function_for_graph(entry);
    let roots: Vec<FuncId> = roots.iter().map(|&g| cx.function_for_graph(g)).collect();
    cx.translate_pending();
    let main = cx.build_entry_wrapper(entry, entry_func);
    cx.translate_pending();
    let matches = cx.class_matcher();
    let stack_overflow = cx.stack_overflow_helper();
    cx.translate_pending();
    cx.finish_vtables();
    if !cx.errors.is_empty() {
        if std::env::var_os("RPY_ALL_ERRORS").is_some() {
            // Survey mode: the placeholders keep the module well typed,
            // so the verifier still checks everything translated.
            if let Err(es) = lltype::verify(&cx.m) {
                for e in es.iter().take(5) {
                    eprintln!("internal (partial module): {e:?}");
                }
            }
        }
        return Err(std::mem::take(&mut cx.errors));
    }
    cx.m.entry = Some(main);
    cx.m.on_fatal = Some(cx.flush_before_fatal());
    let class_ptr = cx.t.vtable_ptr;
    let instance_ptr = cx.t.object_ptr;
    Ok(Rtyped {
        module: cx.m,
        class_ptr,
        instance_ptr,
        matches,
        stack_overflow,
        roots,
    })
}
