//! Items of lists, dicts, sets, tuples and strings: indexing, storing,
//! and widening the shared definitions with what the program puts in.

use crate::diag::AnnotationError;
use crate::model::{SomeStr, SomeValue};
use crate::Annotator;
use crate::{DictId, ListId};
use std::sync::Arc;

type OpResult = Result<SomeValue, AnnotationError>;

impl Annotator<'_> {
    /// `obj[key]`.
    pub(crate) fn getitem(&mut self, obj: &SomeValue, key: &SomeValue) -> OpResult {
        use SomeValue as S;
        Ok(match (obj, key) {
            (S::List(id, _), k) if k.is_int_like() => self.read_list(*id),
            (S::List(id, _), S::Slice) => {
                let item = self.read_list(*id);
                let site = self.current_site;
                self.new_list(item, site)
            }
            (S::Str(_), k) if k.is_int_like() => S::Str(SomeStr::CHAR),
            (S::Str(_), S::Slice) => S::str(),
            (S::Bytes(_), k) if k.is_int_like() => S::nonneg(),
            (S::Bytes(_), S::Slice) => S::bytes(),
            (S::Tuple(items), k) if k.is_int_like() => match k.const_int() {
                Some(i) => {
                    let n = items.len() as i64;
                    let index = if i < 0 { i + n } else { i };
                    match usize::try_from(index).ok().and_then(|i| items.get(i)) {
                        Some(item) => item.clone(),
                        None => {
                            return Err(self.type_error(
                                &format!("tuple index {i} out of range for a tuple of {n} items"),
                                &[obj],
                            ))
                        }
                    }
                }
                None => {
                    let mut item = S::Impossible;
                    for i in items.iter() {
                        item = self.union(&item, i).map_err(|e| {
                            self.type_error(
                                &format!(
                                    "indexing a tuple with a variable index needs items of one type, not {} and {}",
                                    e.left, e.right
                                ),
                                &[obj],
                            )
                        })?;
                    }
                    item
                }
            },
            (S::Range { nonneg }, k) if k.is_int_like() => S::Int(crate::SomeInt {
                nonneg: *nonneg,
                ..crate::SomeInt::SIGNED
            }),
            (S::Dict(..), _) => {
                self.dict_add(obj, Some(key), None)?;
                let S::Dict(id, _) = obj else { unreachable!() };
                self.read_dict(*id).1
            }
            (S::Instance(..), _) => {
                self.call_special_method(obj, "__getitem__", vec![key.clone()])?
            }
            _ => return Err(self.type_error("cannot index", &[obj, key])),
        })
    }

    /// `obj[key] = value`.
    pub(crate) fn setitem(
        &mut self,
        obj: &SomeValue,
        key: &SomeValue,
        value: &SomeValue,
    ) -> Result<(), AnnotationError> {
        use SomeValue as S;
        match (obj, key) {
            (S::List(..), k) if k.is_int_like() => self.list_add_item(obj, value, false),
            (S::List(x, _), S::Slice) => match value {
                S::List(y, _) => {
                    let item = self.read_list(*y);
                    self.list_add_item(obj, &item, true)?;
                    let _ = x;
                    Ok(())
                }
                _ => Err(self.type_error("slice assignment needs a list", &[value])),
            },
            (S::Dict(..), _) => self.dict_add(obj, Some(key), Some(value)),
            (S::Instance(..), _) => self
                .call_special_method(obj, "__setitem__", vec![key.clone(), value.clone()])
                .map(|_| ()),
            _ => Err(self.type_error("cannot assign to an item of", &[obj])),
        }
    }

    /// `del obj[key]`.
    pub(crate) fn delitem(
        &mut self,
        obj: &SomeValue,
        key: &SomeValue,
    ) -> Result<(), AnnotationError> {
        match obj {
            SomeValue::List(id, _) => {
                let id = self.list(*id);
                self.lists[id].resized = true;
                Ok(())
            }
            SomeValue::Dict(..) => self.dict_add(obj, Some(key), None),
            SomeValue::Instance(..) => self
                .call_special_method(obj, "__delitem__", vec![key.clone()])
                .map(|_| ()),
            _ => Err(self.type_error("cannot delete an item of", &[obj])),
        }
    }

    /// Widens a list's items with `item`; `resize` if the length changes.
    pub(crate) fn list_add_item(
        &mut self,
        list: &SomeValue,
        item: &SomeValue,
        resize: bool,
    ) -> Result<(), AnnotationError> {
        let SomeValue::List(id, _) = list else {
            return Err(self.type_error("expected a list", &[list]));
        };
        let id = self.list(*id);
        if resize {
            self.lists[id].resized = true;
        } else {
            self.lists[id].mutated = true;
        }
        if item.is_impossible() {
            return Ok(());
        }
        if self.reaches_list(item, id) {
            let mut err = AnnotationError::new(
                "a list that contains itself (directly or through other lists, dicts or tuples) has no RPython type",
            )
            .with_note("its item type would be a list of lists of lists ... without end; put the list in an instance's attribute instead");
            if let Some(s) = self.current_site {
                err = err.at(s, "added here");
            }
            return Err(err);
        }
        let old = self.lists[id].item.clone();
        let site = self.current_site;
        match self.union(&old, &item.generalized()) {
            Ok(new) => {
                let id = self.list(id);
                if !self.same(&new, &old) {
                    self.lists[id].item = new;
                    if old.is_impossible() {
                        self.lists[id].origin = site;
                    }
                    let readers = self.lists[id].readers.clone();
                    self.schedule_all(&readers);
                }
                Ok(())
            }
            Err(e) => {
                let mut err = AnnotationError::new(format!(
                    "the items of a list would be both {} and {}",
                    e.left, e.right
                ));
                if let Some(s) = site {
                    err = err.at(s, format!("{} added here", e.right));
                }
                if let Some(o) = self.lists[id].origin {
                    err = err.with_site(o, format!("{} here", e.left));
                }
                err = err.with_note("a list holds items of one type");
                // Reported here so the code after it is still annotated
                // (and independent errors found).
                self.report(err);
                Ok(())
            }
        }
    }

    /// Widens a dict's (or set's) keys and values.
    pub(crate) fn dict_add(
        &mut self,
        dict: &SomeValue,
        key: Option<&SomeValue>,
        value: Option<&SomeValue>,
    ) -> Result<(), AnnotationError> {
        let (SomeValue::Dict(id, _) | SomeValue::Set(id, _)) = dict else {
            return Err(self.type_error("expected a dict", &[dict]));
        };
        let site = self.current_site;
        for (part, new) in [("keys", key), ("values", value)] {
            let Some(new) = new else { continue };
            if new.is_impossible() {
                continue;
            }
            let id = self.dict(*id);
            if self.reaches(new, Container::Dict(id)) {
                let mut err = AnnotationError::new(
                    "a dict or set that contains itself (directly or through other lists, dicts or tuples) has no RPython type",
                )
                .with_note("its type would be a dict of dicts of dicts ... without end; put the dict in an instance's attribute instead");
                if let Some(s) = site {
                    err = err.at(s, "added here");
                }
                return Err(err);
            }
            let def = &self.dicts[id];
            let (old, origin) = if part == "keys" {
                (def.key.clone(), def.key_origin)
            } else {
                (def.value.clone(), def.value_origin)
            };
            match self.union(&old, &new.generalized()) {
                Ok(u) => {
                    let id = self.dict(id);
                    if !self.same(&u, &old) {
                        let def = &mut self.dicts[id];
                        if part == "keys" {
                            def.key = u;
                            if old.is_impossible() {
                                def.key_origin = site;
                            }
                        } else {
                            def.value = u;
                            if old.is_impossible() {
                                def.value_origin = site;
                            }
                        }
                        let readers = def.readers.clone();
                        self.schedule_all(&readers);
                    }
                }
                Err(e) => {
                    let what = if matches!(dict, SomeValue::Set(..)) {
                        "set"
                    } else {
                        "dict"
                    };
                    let part = if what == "set" { "items" } else { part };
                    let mut err = AnnotationError::new(format!(
                        "the {part} of a {what} would be both {} and {}",
                        e.left, e.right
                    ));
                    if let Some(s) = site {
                        err = err.at(s, format!("{} stored here", e.right));
                    }
                    if let Some(o) = origin {
                        err = err.with_site(o, format!("{} here", e.left));
                    }
                    self.report(err.with_note(format!("a {what} holds {part} of one type")));
                }
            }
        }
        Ok(())
    }

    /// A tuple of two annotations.
    pub(crate) fn pair(a: SomeValue, b: SomeValue) -> SomeValue {
        SomeValue::Tuple(Arc::from([a, b]))
    }
}

/// A container definition a value may reach.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    List(ListId),
    Dict(DictId),
}

impl Annotator<'_> {
    /// Whether values of `s` may hold list `target` inside.
    pub(crate) fn reaches_list(&self, s: &SomeValue, target: ListId) -> bool {
        self.reaches(s, Container::List(self.list(target)))
    }

    /// Whether values of `s` may hold the container `target` inside
    /// (through lists, dicts, sets and tuples, not through instances,
    /// whose attributes are typed by their class).
    pub(crate) fn reaches(&self, s: &SomeValue, target: Container) -> bool {
        let mut seen_lists = std::collections::HashSet::new();
        let mut seen_dicts = std::collections::HashSet::new();
        let mut stack = vec![s.clone()];
        while let Some(v) = stack.pop() {
            match v {
                SomeValue::List(id, _) => {
                    let id = self.list(id);
                    if target == Container::List(id) {
                        return true;
                    }
                    if seen_lists.insert(id) {
                        stack.push(self.lists[id].item.clone());
                    }
                }
                SomeValue::Dict(id, _) | SomeValue::Set(id, _) => {
                    let id = self.dict(id);
                    if target == Container::Dict(id) {
                        return true;
                    }
                    if seen_dicts.insert(id) {
                        stack.push(self.dicts[id].key.clone());
                        stack.push(self.dicts[id].value.clone());
                    }
                }
                SomeValue::Tuple(items) => stack.extend(items.iter().cloned()),
                _ => {}
            }
        }
        false
    }
}
