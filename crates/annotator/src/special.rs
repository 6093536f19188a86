//! Special methods of user classes that operators call: comparisons
//! (`__eq__`, `__lt__` ...) and truth (`__bool__`, `__len__`).
//!
//! The annotator and the rtyper must agree on which method an operation
//! calls, so both ask [`Annotator::compare_via`] and
//! [`Annotator::truth_via`]. A method is called only where CPython's
//! choice is known statically: the receiver's class itself defines or
//! inherits it (so every possible run-time class has it). Where CPython
//! would choose at run time between the left and the right operand
//! (the reflected method of a subclass comes first), the program is
//! refused; so are containers that would compare instances with `__eq__`
//! (`in`, `index`, dict keys), which the translated program compares by
//! identity.

use flowgraph::OpKind;

use crate::classdef::is_function_like;
use crate::diag::{AnnotationError, Site};
use crate::model::{ClassId, SomeValue};
use crate::Annotator;

/// How a comparison with an instance operand runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareVia {
    /// Pointer identity (`==`/`!=` of instances without `__eq__`).
    Identity,
    /// `left.name(right)`, negated for `!=` through `__eq__`.
    Method { name: &'static str, negate: bool },
}

/// A comparison calling a method, checked once the whole program is
/// annotated (its classes and their instances are then known).
#[derive(Clone, Debug)]
pub(crate) struct SpecialCompare {
    site: Option<Site>,
    left: ClassId,
    right: ClassId,
    reflected: &'static str,
}

/// The method of an operator and its reflection.
fn compare_methods(kind: &OpKind) -> (&'static str, &'static str) {
    match kind {
        OpKind::Eq => ("__eq__", "__eq__"),
        OpKind::Ne => ("__ne__", "__ne__"),
        OpKind::Lt => ("__lt__", "__gt__"),
        OpKind::Le => ("__le__", "__ge__"),
        OpKind::Gt => ("__gt__", "__lt__"),
        _ => ("__ge__", "__le__"),
    }
}

impl Annotator<'_> {
    /// Whether class `cd` has a method `name` of the program's own (not
    /// `object`'s): then every class below it has one too.
    pub fn resolves_user_method(&self, cd: ClassId, name: &str) -> bool {
        let obj = self.classes[cd].obj;
        self.lookup_class_attr(obj, name)
            .is_some_and(|(_, f)| is_function_like(&self.vm(), &f) && !self.is_builtin_value(&f))
    }

    /// The class below `cd` (or `cd`) first defining `name`, if only some
    /// of them do.
    pub(crate) fn partly_defined(&self, cd: ClassId, name: &str) -> Option<ClassId> {
        if self.resolves_user_method(cd, name) {
            return None;
        }
        self.subtree(cd)
            .into_iter()
            .find(|&c| self.resolves_user_method(c, name))
    }

    fn classdef_name(&self, cd: ClassId) -> String {
        self.classes[cd].name.to_string()
    }

    /// What `a OP b` calls when an operand is an instance, or why it is
    /// refused.
    pub fn compare_via(
        &self,
        kind: &OpKind,
        a: &SomeValue,
        b: &SomeValue,
    ) -> Result<CompareVia, String> {
        let eq = matches!(kind, OpKind::Eq | OpKind::Ne);
        let (method, _) = compare_methods(kind);
        let eq_methods = |v: &SomeValue| match v {
            SomeValue::Instance(cd, _) => ["__eq__", "__ne__"].into_iter().find(|m| {
                self.subtree(*cd)
                    .iter()
                    .any(|&c| self.resolves_user_method(c, m))
            }),
            _ => None,
        };
        let SomeValue::Instance(cd, nullable) = a else {
            if let (true, Some(m)) = (eq, eq_methods(b)) {
                return Err(format!(
                    "`{}` with an instance of class {} on the right: CPython calls its `{m}`, which the translator does not (put the instance on the left)",
                    crate::arith::op_symbol(kind),
                    self.describe(b)
                ));
            }
            return Ok(CompareVia::Identity);
        };
        let cd = *cd;
        let chosen = if self.resolves_user_method(cd, method) {
            Some((method, false))
        } else if *kind == OpKind::Ne
            && self.partly_defined(cd, "__ne__").is_none()
            && self.resolves_user_method(cd, "__eq__")
        {
            Some(("__eq__", true))
        } else {
            None
        };
        let Some((name, negate)) = chosen else {
            for m in [method, "__eq__"] {
                if m == "__eq__" && *kind != OpKind::Ne {
                    continue;
                }
                if let Some(sub) = self.partly_defined(cd, m) {
                    return Err(format!(
                        "`{m}` is defined by class {} but not by class {}: which method runs depends on the run-time class",
                        self.classdef_name(sub),
                        self.classdef_name(cd)
                    ));
                }
            }
            if eq {
                if let Some(m) = eq_methods(b) {
                    return Err(format!(
                        "`{}` between instances where only the right one's class defines `{m}`: CPython calls it, the translator would compare identities",
                        crate::arith::op_symbol(kind)
                    ));
                }
                return Ok(CompareVia::Identity);
            }
            return Err(format!(
                "`{}` of instances of class {}, which defines no `{method}`",
                crate::arith::op_symbol(kind),
                self.classdef_name(cd)
            ));
        };
        if *nullable {
            return Err(format!(
                "the left operand of `{}` may be None: CPython would then call the right operand's method",
                crate::arith::op_symbol(kind)
            ));
        }
        Ok(CompareVia::Method { name, negate })
    }

    /// "not supported by the translator: ...", at the current operation.
    pub(crate) fn unsupported_here(&self, what: impl std::fmt::Display) -> AnnotationError {
        let mut e = AnnotationError::new(format!("not supported by the translator: {what}"));
        if let Some(s) = self.current_site {
            e = e.at(s, "here");
        }
        e
    }

    /// Makes the current block flow again when a subclass of `cd` appears
    /// (what it decided from the classes below `cd` may change).
    pub(crate) fn watch_subclasses(&mut self, v: &SomeValue) {
        if let (SomeValue::Instance(cd, _), Some(pos)) = (v, self.current) {
            self.classes[*cd].method_readers.insert(pos);
        }
    }

    /// Annotates a comparison with an instance operand.
    pub(crate) fn compare_instances(
        &mut self,
        kind: &OpKind,
        a: &SomeValue,
        b: &SomeValue,
    ) -> Result<SomeValue, AnnotationError> {
        self.watch_subclasses(a);
        self.watch_subclasses(b);
        let via = self
            .compare_via(kind, a, b)
            .map_err(|m| self.unsupported_here(m))?;
        let CompareVia::Method { name, .. } = via else {
            return Ok(SomeValue::bool());
        };
        let result = self.call_special_method(a, name, vec![b.clone()])?;
        if !matches!(result, SomeValue::Bool(_) | SomeValue::Impossible) {
            return Err(self.type_error(&format!("`{name}` must return a bool, not"), &[&result]));
        }
        if let (SomeValue::Instance(left, _), SomeValue::Instance(right, _)) = (a, b) {
            let (_, reflected) = compare_methods(kind);
            self.special_compares.push(SpecialCompare {
                site: self.current_site,
                left: *left,
                right: *right,
                reflected,
            });
        }
        Ok(SomeValue::bool())
    }

    /// The method deciding the truth of an instance of class `cd`:
    /// `__bool__`, else `__len__`, else none (an instance is true).
    pub fn truth_via(&self, cd: ClassId) -> Result<Option<&'static str>, String> {
        for m in ["__bool__", "__len__"] {
            if self.resolves_user_method(cd, m) {
                return Ok(Some(m));
            }
            if let Some(sub) = self.partly_defined(cd, m) {
                return Err(format!(
                    "the truth of an instance of class {}: class {} defines `{m}` and it does not, so which method runs depends on the run-time class",
                    self.classdef_name(cd),
                    self.classdef_name(sub)
                ));
            }
        }
        Ok(None)
    }

    /// Annotates `bool(x)` of an instance.
    pub(crate) fn instance_truth(
        &mut self,
        v: &SomeValue,
        cd: ClassId,
        nullable: bool,
    ) -> Result<SomeValue, AnnotationError> {
        self.watch_subclasses(v);
        let via = self.truth_via(cd).map_err(|m| self.unsupported_here(m))?;
        match via {
            None if nullable => Ok(SomeValue::bool()),
            None => Ok(SomeValue::Bool(Some(true))),
            Some(m) if nullable => Err(self
                .unsupported_here(format_args!(
                    "the truth of a value that may be None or an instance of class {}, which defines `{m}`",
                    self.classdef_name(cd)
                ))
                .with_note("test `x is not None` first: then the truth test calls the method")),
            Some(m) => {
                let result = self.call_special_method(v, m, Vec::new())?;
                let ok = match m {
                    "__bool__" => matches!(result, SomeValue::Bool(_)),
                    _ => matches!(result, SomeValue::Int(_) | SomeValue::Bool(_)),
                };
                if !ok && !result.is_impossible() {
                    let want = if m == "__bool__" { "a bool" } else { "an int" };
                    return Err(
                        self.type_error(&format!("`{m}` must return {want}, not"), &[&result])
                    );
                }
                Ok(SomeValue::bool())
            }
        }
    }

    /// The class with a user `__eq__` whose instances `v` may hold (in a
    /// tuple or a list too): compared with `__eq__` by CPython.
    pub(crate) fn compares_with_user_eq(&self, v: &SomeValue) -> Option<ClassId> {
        match v {
            SomeValue::Instance(cd, _) => self
                .subtree(*cd)
                .into_iter()
                .find(|&c| self.resolves_user_method(c, "__eq__")),
            SomeValue::Tuple(items) => items.iter().find_map(|i| self.compares_with_user_eq(i)),
            SomeValue::List(id, _) => {
                let id = self.list(*id);
                self.compares_with_user_eq(&self.lists[id].item)
            }
            _ => None,
        }
    }

    /// Refuses an operation that compares items of `items` the way `what`
    /// does, when they are instances of a class with `__eq__`.
    pub(crate) fn refuse_item_eq(
        &self,
        items: &SomeValue,
        what: &str,
    ) -> Result<(), AnnotationError> {
        let Some(cd) = self.compares_with_user_eq(items) else {
            return Ok(());
        };
        Err(self
            .unsupported_here(format_args!(
                "{what} on instances of class {}, which defines `__eq__`",
                self.classdef_name(cd)
            ))
            .with_note(
                "CPython compares the items with `__eq__`; the translated program would compare identities",
            ))
    }

    /// The checks needing every class and instance known: comparisons
    /// where CPython would call the right operand's reflected method
    /// first, and dicts and sets keyed by instances with `__eq__`.
    pub(crate) fn check_special_uses(&mut self) {
        for c in std::mem::take(&mut self.special_compares) {
            let left_classes: Vec<ClassId> = self
                .subtree(c.left)
                .into_iter()
                .filter(|&k| self.has_instances(k))
                .collect();
            let found = self.subtree(c.right).into_iter().find_map(|y| {
                if !self.has_instances(y) || !self.resolves_user_method(y, c.reflected) {
                    return None;
                }
                left_classes
                    .iter()
                    .find(|&&x| x != y && self.is_subclass(y, x))
                    .map(|&x| (x, y))
            });
            if let Some((x, y)) = found {
                let mut e = AnnotationError::new(format!(
                    "not supported by the translator: a comparison where the right operand may be of class {}, a subclass of the left operand's class {}",
                    self.classdef_name(y),
                    self.classdef_name(x)
                ))
                .with_note(format!(
                    "CPython then calls the right operand's `{}` first; the translated program would call the left one's",
                    c.reflected
                ));
                if let Some(s) = c.site {
                    e = e.at(s, "here");
                }
                self.report(e);
            }
        }
        let dicts: Vec<_> = self.dicts.keys().collect();
        for id in dicts {
            if self.dicts[id].forward.is_some() {
                continue;
            }
            let key = self.dicts[id].key.clone();
            if let Some(cd) = self.compares_with_user_eq(&key) {
                let mut e = AnnotationError::new(format!(
                    "not supported by the translator: dict keys or set items that are instances of class {}, which defines `__eq__`",
                    self.classdef_name(cd)
                ))
                .with_note(
                    "CPython hashes and compares them with `__hash__` and `__eq__` (or refuses them as unhashable); the translated program would use identity",
                );
                if let Some(s) = self.dicts[id].key_origin {
                    e = e.at(s, "a key comes from here");
                }
                self.report(e);
            }
        }
    }
}
