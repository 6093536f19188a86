//! Least upper bounds of annotations, and the merging of container and
//! method definitions that comes with them.

use crate::model::{External, IntKind, IterKind, SomeInt, SomePbc, SomeStr, SomeValue, UnionError};
use crate::{Annotator, Desc, DictId, ListId};
use std::collections::BTreeSet;

impl Annotator<'_> {
    /// The least annotation containing both, merging the definitions of
    /// lists and dicts that meet. Fails where RPython has no common
    /// representation.
    pub fn union(&mut self, a: &SomeValue, b: &SomeValue) -> Result<SomeValue, UnionError> {
        use SomeValue as S;
        if a == b {
            return Ok(a.clone());
        }
        let result = match (a, b) {
            (S::Impossible, x) | (x, S::Impossible) => x.clone(),
            (S::Bool(x), S::Bool(y)) => S::Bool(if x == y { *x } else { None }),
            // A value that is sometimes a bool and sometimes an int (or a
            // float) prints and behaves differently in each case: no one
            // representation keeps both, so it is refused, not converted.
            (S::Bool(_), S::Int(_)) | (S::Int(_), S::Bool(_)) => {
                return Err(UnionError {
                    left: self.describe(a),
                    right: self.describe(b),
                    reason: Some(
                        "a bool prints as True or False and an int as a number; convert with int(flag) where they meet".into(),
                    ),
                })
            }
            (S::Int(_), S::Int(_)) => {
                let (x, y) = (as_int(a), as_int(b));
                let kind = if x.kind == IntKind::Unsigned || y.kind == IntKind::Unsigned {
                    IntKind::Unsigned
                } else {
                    IntKind::Signed
                };
                S::Int(SomeInt {
                    kind,
                    nonneg: x.nonneg && y.nonneg,
                    konst: if x.konst == y.konst { x.konst } else { None },
                })
            }
            (S::Float, x) | (x, S::Float) if x.is_number() => {
                return Err(UnionError {
                    left: self.describe(a),
                    right: self.describe(b),
                    reason: Some(
                        "an int and a float print differently (1 and 1.0) and divide differently; write the int as a float (0.0) or convert with float() where they meet".into(),
                    ),
                })
            }
            (S::Str(x), S::Str(y)) => S::Str(union_str(x, y)),
            (S::Bytes(x), S::Bytes(y)) => S::Bytes(union_str(x, y)),
            (S::None, x) | (x, S::None) if nullable(x) => x.without_none().with_none(),
            (S::Tuple(x), S::Tuple(y)) if x.len() == y.len() => {
                let mut items = Vec::with_capacity(x.len());
                for (p, q) in x.iter().zip(y.iter()) {
                    items.push(self.union(p, q).map_err(|e| self.nested(a, b, e))?);
                }
                S::Tuple(items.into())
            }
            (S::List(x, n), S::List(y, m)) => {
                let id = self.merge_lists(*x, *y).map_err(|e| self.nested(a, b, e))?;
                S::List(id, *n || *m)
            }
            (S::Dict(x, n), S::Dict(y, m)) => {
                let id = self.merge_dicts(*x, *y).map_err(|e| self.nested(a, b, e))?;
                S::Dict(id, *n || *m)
            }
            (S::Set(x, n), S::Set(y, m)) => {
                let id = self.merge_dicts(*x, *y).map_err(|e| self.nested(a, b, e))?;
                S::Set(id, *n || *m)
            }
            (S::Instance(x, n), S::Instance(y, m)) => match self.common_base(*x, *y) {
                Some(c) => S::Instance(c, *n || *m),
                None => {
                    return Err(UnionError {
                        left: self.describe(a),
                        right: self.describe(b),
                        reason: Some("the two classes have no common base class".into()),
                    })
                }
            },
            (S::Pbc(x), S::Pbc(y)) => S::Pbc(self.union_pbc(x, y)),
            (S::Builtin(x), S::Builtin(y)) if x == y => a.clone(),
            (S::BuiltinMethod(x, r), S::BuiltinMethod(y, s)) if x == y => {
                let receiver = self.union(r, s)?;
                S::BuiltinMethod(x.clone(), Box::new(receiver))
            }
            (S::Iterator(k, x), S::Iterator(l, y)) if k == l && x.len() == y.len() => {
                let mut sources = Vec::with_capacity(x.len());
                for (p, q) in x.iter().zip(y.iter()) {
                    sources.push(self.union(p, q)?);
                }
                S::Iterator(k.clone(), sources.into())
            }
            (S::Range { nonneg: x }, S::Range { nonneg: y }) => S::Range { nonneg: *x && *y },
            (
                S::External(External::File { can_be_none: x }),
                S::External(External::File { can_be_none: y }),
            ) => S::External(External::File {
                can_be_none: *x || *y,
            }),
            _ => {
                return Err(UnionError {
                    left: self.describe(a),
                    right: self.describe(b),
                    reason: None,
                })
            }
        };
        Ok(result)
    }

    /// Wraps an error found inside two containers: the containers'
    /// descriptions stay, the inner reason explains.
    fn nested(&self, a: &SomeValue, b: &SomeValue, inner: UnionError) -> UnionError {
        let reason = match inner.reason {
            Some(r) => r,
            None => format!(
                "their items would be both {} and {}",
                inner.left, inner.right
            ),
        };
        UnionError {
            left: format!("{} ({})", self.describe(a), inner.left),
            right: format!("{} ({})", self.describe(b), inner.right),
            reason: Some(reason),
        }
    }

    /// Merges two list definitions into one; the readers of both are
    /// flowed again if the merged items are wider than theirs.
    pub fn merge_lists(&mut self, x: ListId, y: ListId) -> Result<ListId, UnionError> {
        let (x, y) = (self.list(x), self.list(y));
        if x == y {
            return Ok(x);
        }
        let (ix, iy) = (self.lists[x].item.clone(), self.lists[y].item.clone());
        let item = self.union(&ix, &iy)?;
        let (x, y) = (self.list(x), self.list(y));
        if x == y {
            return Ok(x);
        }
        let other = std::mem::take(&mut self.lists[y]);
        let readers_y = other.readers.clone();
        let readers_x = self.lists[x].readers.clone();
        let def = &mut self.lists[x];
        def.resized |= other.resized;
        def.mutated |= other.mutated;
        def.origin = def.origin.or(other.origin);
        def.readers.extend(other.readers);
        def.item = item.clone();
        self.lists[y].forward = Some(x);
        if item != ix {
            self.schedule_all(&readers_x);
        }
        if item != iy {
            self.schedule_all(&readers_y);
        }
        Ok(x)
    }

    /// Merges two dict definitions into one.
    pub fn merge_dicts(&mut self, x: DictId, y: DictId) -> Result<DictId, UnionError> {
        let (x, y) = (self.dict(x), self.dict(y));
        if x == y {
            return Ok(x);
        }
        let (kx, ky) = (self.dicts[x].key.clone(), self.dicts[y].key.clone());
        let (vx, vy) = (self.dicts[x].value.clone(), self.dicts[y].value.clone());
        let key = self.union(&kx, &ky)?;
        let value = self.union(&vx, &vy)?;
        let (x, y) = (self.dict(x), self.dict(y));
        if x == y {
            return Ok(x);
        }
        let other = std::mem::take(&mut self.dicts[y]);
        let readers_y = other.readers.clone();
        let readers_x = self.dicts[x].readers.clone();
        let def = &mut self.dicts[x];
        def.key_origin = def.key_origin.or(other.key_origin);
        def.value_origin = def.value_origin.or(other.value_origin);
        def.readers.extend(other.readers);
        def.key = key.clone();
        def.value = value.clone();
        self.dicts[y].forward = Some(x);
        if key != kx || value != vx {
            self.schedule_all(&readers_x);
        }
        if key != ky || value != vy {
            self.schedule_all(&readers_y);
        }
        Ok(x)
    }

    /// The union of two sets of callables. Methods of one function found
    /// in one class but bound to instances of different classes become one
    /// method bound to their common base.
    fn union_pbc(&mut self, x: &SomePbc, y: &SomePbc) -> SomePbc {
        let mut descs: BTreeSet<_> = x.descs.union(&y.descs).copied().collect();
        loop {
            let methods: Vec<_> = descs
                .iter()
                .filter_map(|&d| match self.descs[d] {
                    Desc::Method {
                        func,
                        origin,
                        self_class,
                    } => Some((d, func, origin, self_class)),
                    _ => None,
                })
                .collect();
            let mut merged = None;
            'outer: for (i, &(d1, f1, o1, s1)) in methods.iter().enumerate() {
                for &(d2, f2, o2, s2) in &methods[i + 1..] {
                    if f1 == f2 && o1 == o2 {
                        let base = self.common_base(s1, s2).unwrap_or(o1);
                        merged = Some((d1, d2, f1, o1, base));
                        break 'outer;
                    }
                }
            }
            let Some((d1, d2, func, origin, self_class)) = merged else {
                break;
            };
            descs.remove(&d1);
            descs.remove(&d2);
            let d = self.desc(Desc::Method {
                func,
                origin,
                self_class,
            });
            descs.insert(d);
        }
        SomePbc {
            descs,
            can_be_none: x.can_be_none || y.can_be_none,
        }
    }

    /// Whether `b` is contained in `a` (`a` is at least as general).
    pub fn contains(&mut self, a: &SomeValue, b: &SomeValue) -> bool {
        match self.union(a, b) {
            Ok(u) => self.same(&u, a),
            Err(_) => false,
        }
    }

    /// Equality of annotations, seeing through merged definitions.
    pub fn same(&self, a: &SomeValue, b: &SomeValue) -> bool {
        self.canonical(a) == self.canonical(b)
    }

    /// The annotation with every list and dict id replaced by its
    /// canonical id.
    pub fn canonical(&self, v: &SomeValue) -> SomeValue {
        match v {
            SomeValue::List(id, n) => SomeValue::List(self.list(*id), *n),
            SomeValue::Dict(id, n) => SomeValue::Dict(self.dict(*id), *n),
            SomeValue::Set(id, n) => SomeValue::Set(self.dict(*id), *n),
            SomeValue::Tuple(items) => {
                SomeValue::Tuple(items.iter().map(|i| self.canonical(i)).collect())
            }
            SomeValue::BuiltinMethod(name, recv) => {
                SomeValue::BuiltinMethod(name.clone(), Box::new(self.canonical(recv)))
            }
            SomeValue::Iterator(k, sources) => SomeValue::Iterator(
                k.clone(),
                sources.iter().map(|s| self.canonical(s)).collect(),
            ),
            other => other.clone(),
        }
    }

    /// How a user would name the annotation: "int", "str", "None",
    /// "an instance of Shape", "list of int".
    pub fn describe(&self, v: &SomeValue) -> String {
        match v {
            SomeValue::Instance(c, _) => format!("instance of {}", self.classes[*c].name),
            SomeValue::List(id, _) => {
                let item = &self.lists[self.list(*id)].item;
                if item.is_impossible() {
                    "list".into()
                } else {
                    format!("list of {}", self.describe(item))
                }
            }
            SomeValue::Dict(id, _) => {
                let def = &self.dicts[self.dict(*id)];
                format!(
                    "dict of {} to {}",
                    self.describe(&def.key),
                    self.describe(&def.value)
                )
            }
            SomeValue::Set(id, _) => {
                format!("set of {}", self.describe(&self.dicts[self.dict(*id)].key))
            }
            SomeValue::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(|i| self.describe(i)).collect();
                format!("tuple ({})", parts.join(", "))
            }
            SomeValue::Pbc(p) => {
                let names: Vec<String> = p.descs.iter().map(|d| self.desc_name(*d)).collect();
                names.join(" or ")
            }
            SomeValue::Iterator(IterKind::Generator(_), _) => "generator".into(),
            other => other.kind_name().into(),
        }
    }
}

fn as_int(v: &SomeValue) -> SomeInt {
    match v {
        SomeValue::Int(i) => *i,
        SomeValue::Bool(b) => SomeInt {
            kind: IntKind::Signed,
            nonneg: true,
            konst: b.map(i64::from),
        },
        _ => SomeInt::SIGNED,
    }
}

fn union_str(x: &SomeStr, y: &SomeStr) -> SomeStr {
    SomeStr {
        can_be_none: x.can_be_none || y.can_be_none,
        single_char: x.single_char && y.single_char,
        konst: if x.konst == y.konst {
            x.konst.clone()
        } else {
            None
        },
    }
}

/// Whether the kind of `v` may also hold `None`.
fn nullable(v: &SomeValue) -> bool {
    matches!(
        v,
        SomeValue::Str(_)
            | SomeValue::Bytes(_)
            | SomeValue::List(..)
            | SomeValue::Dict(..)
            | SomeValue::Set(..)
            | SomeValue::Instance(..)
            | SomeValue::Pbc(_)
            | SomeValue::External(External::File { .. })
            | SomeValue::None
    )
}

impl SomeValue {
    /// The same annotation, allowing `None` (for nullable kinds).
    pub fn with_none(&self) -> SomeValue {
        let mut v = self.clone();
        match &mut v {
            SomeValue::Str(s) | SomeValue::Bytes(s) => {
                s.can_be_none = true;
                s.konst = None;
            }
            SomeValue::List(_, n)
            | SomeValue::Dict(_, n)
            | SomeValue::Set(_, n)
            | SomeValue::Instance(_, n) => *n = true,
            SomeValue::Pbc(p) => p.can_be_none = true,
            SomeValue::External(External::File { can_be_none }) => *can_be_none = true,
            SomeValue::Impossible => return SomeValue::None,
            _ => {}
        }
        v
    }
}
