//! Annotation errors: what is not RPython, where, and why.
//!
//! Errors are collected while the fixpoint runs and positioned by
//! [`Site`]s (a function and an instruction index), so they stay valid
//! when text moves; [`AnnotationError::to_diagnostic`] resolves them to
//! source spans and adds the call chain from the entry point.

use crate::model::GraphId;
use crate::Annotator;
use frontend::diag::Diagnostic;
use frontend::host::object::Object;
use frontend::host::{ObjRef, Vm};
use frontend::source::Span;

/// A place in the program: an instruction of a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Site {
    pub func: ObjRef,
    pub pc: u32,
}

/// A location an error points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Where {
    Site(Site),
    /// A span known directly (a class statement).
    Span(Span),
    /// The definition of a function.
    Def(ObjRef),
}

/// A program that is not RPython, found by the annotator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotationError {
    pub message: String,
    labels: Vec<(Where, String, bool)>,
    notes: Vec<String>,
    /// The graph being annotated, for the call chain.
    pub(crate) graph: Option<GraphId>,
}

impl AnnotationError {
    pub fn new(message: impl Into<String>) -> AnnotationError {
        AnnotationError {
            message: message.into(),
            labels: Vec::new(),
            notes: Vec::new(),
            graph: None,
        }
    }

    /// The primary location.
    pub fn at(mut self, site: Site, label: impl Into<String>) -> AnnotationError {
        self.labels.push((Where::Site(site), label.into(), true));
        self
    }

    /// The primary location, as a span.
    pub fn at_span(mut self, span: Span, label: impl Into<String>) -> AnnotationError {
        self.labels.push((Where::Span(span), label.into(), true));
        self
    }

    /// The primary location: a function's definition.
    pub fn at_def(mut self, func: ObjRef, label: impl Into<String>) -> AnnotationError {
        self.labels.push((Where::Def(func), label.into(), true));
        self
    }

    /// A secondary location.
    pub fn with_site(mut self, site: Site, label: impl Into<String>) -> AnnotationError {
        if !self.labels.iter().any(|(w, _, _)| *w == Where::Site(site)) {
            self.labels.push((Where::Site(site), label.into(), false));
        }
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> AnnotationError {
        self.notes.push(note.into());
        self
    }

    /// The first site cited, used to tell errors apart.
    fn key_site(&self) -> Option<Site> {
        self.labels.iter().find_map(|(w, _, _)| match w {
            Where::Site(s) => Some(*s),
            _ => None,
        })
    }

    /// The diagnostic as the user sees it, positioned in the current text.
    pub fn to_diagnostic(&self, annotator: &Annotator<'_>) -> Diagnostic {
        let vm = annotator.vm();
        let mut d = Diagnostic::error(self.message.clone());
        let mut have_primary = false;
        for (w, label, primary) in &self.labels {
            let Some(span) = where_span(&vm, *w) else {
                continue;
            };
            if *primary && !have_primary {
                d = d.at(span, label.clone());
                have_primary = true;
            } else {
                d = d.with_label(span, label.clone());
            }
        }
        for n in &self.notes {
            d = d.with_note(n.clone());
        }
        if let Some(g) = self.graph {
            d = d.with_note(annotator.call_chain(&vm, g));
        }
        d
    }
}

fn where_span(vm: &Vm, w: Where) -> Option<Span> {
    match w {
        Where::Span(s) => Some(s),
        Where::Site(site) => site_span(vm, site),
        Where::Def(func) => match vm.heap.get(func) {
            Object::Function(f) => Some(f.code.def_span),
            _ => None,
        },
    }
}

/// The source span of a site.
pub fn site_span(vm: &Vm, site: Site) -> Option<Span> {
    match vm.heap.get(site.func) {
        Object::Function(f) => f
            .code
            .spans
            .get(site.pc as usize)
            .copied()
            .or(Some(f.code.def_span)),
        _ => None,
    }
}

impl Annotator<'_> {
    /// Records an error (once per message and site), tagged with the graph
    /// being annotated.
    pub fn report(&mut self, mut err: AnnotationError) {
        if err.graph.is_none() {
            err.graph = self.current.map(|(g, _)| g);
        }
        let key = (err.message.clone(), err.key_site());
        if self.error_keys.insert(key) {
            self.errors.push(err);
        }
    }

    /// The site of an operation of the current graph.
    pub fn site_at(&self, graph: GraphId, loc: Option<flowgraph::Loc>) -> Option<Site> {
        loc.map(|l| Site {
            func: self.graphs[graph].func,
            pc: l.start,
        })
    }

    /// The definition of a function, as a site-less location for errors.
    pub fn def_site(&self, func: ObjRef) -> Site {
        Site { func, pc: u32::MAX }
    }

    /// "while annotating `f`, called from `g` (file:line), called from
    /// `entry_point` (file:line)".
    fn call_chain(&self, vm: &Vm, graph: GraphId) -> String {
        let mut text = format!("while annotating `{}`", self.graphs[graph].name);
        let mut g = graph;
        let mut seen = vec![g];
        while let Some((caller, site)) = self.graphs[g].first_caller {
            let place = site_span(vm, site)
                .map(|s| format!(" ({})", vm.sources.describe(s)))
                .unwrap_or_default();
            text.push_str(&format!(
                ", called from `{}`{place}",
                self.graphs[caller].name
            ));
            if seen.contains(&caller) || seen.len() > 12 {
                break;
            }
            seen.push(caller);
            g = caller;
        }
        text
    }

    /// The errors found so far.
    pub fn errors(&self) -> &[AnnotationError] {
        &self.errors
    }

    /// Reports a prebuilt container whose items have no common type.
    /// A prebuilt list or dict holding itself: a type without end.
    pub(crate) fn report_self_containing_prebuilt(&mut self, what: &str) {
        let mut err = AnnotationError::new(format!(
            "a prebuilt {what} that contains itself (directly or through other lists, dicts or tuples) has no RPython type"
        ))
        .with_note(format!(
            "its type would be a {what} of {what}s of {what}s ... without end; hold it in an instance's attribute instead"
        ));
        if let Some(site) = self.current_site {
            err = err.at(site, "the prebuilt object is used here");
        }
        self.report(err);
    }

    pub(crate) fn report_prebuilt_conflict(&mut self, what: &str, e: &crate::UnionError) {
        let mut err = AnnotationError::new(format!(
            "a prebuilt {what} would hold both {} and {}",
            e.left, e.right
        ));
        if let Some(site) = self.current_site {
            err = err.at(site, "the prebuilt object is used here");
        }
        self.report(err);
    }
}
