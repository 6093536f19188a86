//! Binary operators and comparisons.

use crate::diag::AnnotationError;
use crate::model::{IntKind, SomeInt, SomeValue};
use crate::ops::int_of;
use crate::Annotator;
use flowgraph::OpKind;

type OpResult = Result<SomeValue, AnnotationError>;

impl Annotator<'_> {
    /// `a op b` (or `a op= b` when `inplace`).
    pub(crate) fn binary(
        &mut self,
        kind: &OpKind,
        a: &SomeValue,
        b: &SomeValue,
        inplace: bool,
    ) -> OpResult {
        use OpKind as K;
        use SomeValue as S;
        if let S::Instance(..) = a {
            let (iname, name) = dunder(kind);
            if inplace && self.has_method(a, iname) {
                return self.call_special_method(a, iname, vec![b.clone()]);
            }
            return self.call_special_method(a, name, vec![b.clone()]);
        }
        if let S::Instance(..) = b {
            let (_, name) = dunder(kind);
            let rname = format!("__r{}", &name[2..]);
            return self.call_special_method(b, &rname, vec![a.clone()]);
        }
        let result = match (kind, a, b) {
            (K::TrueDiv, x, y) if x.is_number() && y.is_number() => S::Float,
            (K::Pow, x, y) if x.is_int_like() && y.is_int_like() && !int_of(y).nonneg => {
                let negative_constant = y.const_int().is_some_and(|k| k < 0);
                let what = if negative_constant {
                    "is negative"
                } else {
                    "may be negative"
                };
                return Err(self
                    .type_error(&format!("`**` of ints whose exponent {what}:"), &[a, b])
                    .with_note(
                        "CPython gives a float for a negative exponent; an RPython int ** int is an int: check the exponent (assert n >= 0) or compute with floats",
                    ));
            }
            (_, x, y) if x.is_int_like() && y.is_int_like() => {
                let (i, j) = (int_of(x), int_of(y));
                let unsigned = i.kind == IntKind::Unsigned || j.kind == IntKind::Unsigned;
                let bool_result = matches!(kind, K::And | K::Or | K::Xor)
                    && matches!(x, S::Bool(_))
                    && matches!(y, S::Bool(_));
                if bool_result {
                    return Ok(S::bool());
                }
                let nonneg = unsigned
                    || match kind {
                        K::Add | K::Mul | K::FloorDiv | K::Pow | K::RShift | K::Or | K::Xor => {
                            i.nonneg && j.nonneg
                        }
                        K::Mod => j.nonneg,
                        K::And => i.nonneg || j.nonneg,
                        K::LShift => false,
                        _ => false,
                    };
                if *kind == K::MatMul {
                    return Err(self.type_error("unsupported operand types for @", &[a, b]));
                }
                S::Int(SomeInt {
                    kind: if unsigned {
                        IntKind::Unsigned
                    } else {
                        IntKind::Signed
                    },
                    nonneg,
                    konst: None,
                })
            }
            (K::Add | K::Sub | K::Mul | K::FloorDiv | K::Mod | K::Pow, x, y)
                if x.is_number() && y.is_number() =>
            {
                S::Float
            }
            (K::Add | K::Sub, S::Address, n) if n.is_int_like() => S::Address,
            (K::Sub, S::Address, S::Address) => S::int(),
            (K::Add, S::Str(_), S::Str(_)) => S::str(),
            (K::Add, S::Bytes(_), S::Bytes(_)) => S::bytes(),
            (K::Mul, S::Str(_), n) | (K::Mul, n, S::Str(_)) if n.is_int_like() => S::str(),
            (K::Mul, S::Bytes(_), n) | (K::Mul, n, S::Bytes(_)) if n.is_int_like() => S::bytes(),
            (K::Mod, S::Str(_), _) => S::str(),
            (K::Mod, S::Bytes(_), _) => S::bytes(),
            (K::Add, S::List(x, _), S::List(y, _)) => {
                if inplace {
                    let item = self.read_list(*y);
                    self.list_add_item(a, &item, true)?;
                    a.without_none()
                } else {
                    let (ix, iy) = (self.read_list(*x), self.read_list(*y));
                    let item = self
                        .union(&ix, &iy)
                        .map_err(|e| self.container_conflict("list", "items", &e))?;
                    let site = self.current_site;
                    self.new_list(item, site)
                }
            }
            (K::Mul, S::List(x, _), n) | (K::Mul, n, S::List(x, _)) if n.is_int_like() => {
                if inplace {
                    let id = self.list(*x);
                    self.lists[id].resized = true;
                    a.without_none()
                } else {
                    let item = self.read_list(*x);
                    let site = self.current_site;
                    self.new_list(item, site)
                }
            }
            (K::Add, S::Tuple(x), S::Tuple(y)) => {
                S::Tuple(x.iter().chain(y.iter()).cloned().collect())
            }
            (K::Mul, S::Tuple(x), n) if n.const_int().is_some() => {
                let times = n.const_int().unwrap_or(0).max(0) as usize;
                let items: Vec<SomeValue> = (0..times).flat_map(|_| x.iter().cloned()).collect();
                S::Tuple(items.into())
            }
            (K::Or | K::And | K::Sub | K::Xor, S::Set(x, _), S::Set(y, _)) => {
                let id = if inplace {
                    self.merge_dicts(*x, *y)
                } else {
                    let (kx, _) = self.read_dict(*x);
                    let (ky, _) = self.read_dict(*y);
                    let key = self.union(&kx, &ky);
                    key.map(|k| self.new_dict(k, SomeValue::None))
                };
                let id = id.map_err(|e| self.container_conflict("set", "items", &e))?;
                S::Set(id, false)
            }
            _ => {
                return Err(self.type_error(
                    &format!("unsupported operand types for `{}`", op_symbol(kind)),
                    &[a, b],
                ))
            }
        };
        Ok(result)
    }

    /// `a < b` and friends.
    pub(crate) fn compare(&mut self, kind: &OpKind, a: &SomeValue, b: &SomeValue) -> OpResult {
        use SomeValue as S;
        let eq = matches!(kind, OpKind::Eq | OpKind::Ne);
        if matches!(a, S::Instance(..)) || matches!(b, S::Instance(..)) {
            return self.compare_instances(kind, a, b);
        }
        if eq {
            for v in [a, b] {
                if matches!(v, S::Tuple(_) | S::List(..)) {
                    self.refuse_item_eq(v, &format!("`{}` of sequences", op_symbol(kind)))?;
                }
            }
        }
        let ok = match (a, b) {
            _ if eq => true,
            (x, y) if x.is_number() && y.is_number() => true,
            (S::Str(_), S::Str(_)) | (S::Bytes(_), S::Bytes(_)) => true,
            (S::Tuple(_), S::Tuple(_)) | (S::List(..), S::List(..)) => true,
            (S::Set(..), S::Set(..)) => true,
            (S::Address, S::Address) => true,
            _ => false,
        };
        if !ok {
            return Err(self.type_error(
                &format!("`{}` is not supported between", op_symbol(kind)),
                &[a, b],
            ));
        }
        if let (S::List(x, _), S::List(y, _)) = (a, b) {
            self.read_list(*x);
            self.read_list(*y);
        }
        Ok(S::bool())
    }

    /// Whether an instance's class (or a subclass) defines a method.
    pub(crate) fn has_method(&self, v: &SomeValue, name: &str) -> bool {
        match v {
            SomeValue::Instance(cd, _) => self.subtree(*cd).into_iter().any(|c| {
                let obj = self.classes[c].obj;
                self.lookup_class_attr(obj, name)
                    .is_some_and(|(_, f)| !self.is_builtin_value(&f))
            }),
            _ => false,
        }
    }
}

/// The special method names of an operator: in-place, then plain.
fn dunder(kind: &OpKind) -> (&'static str, &'static str) {
    use OpKind as K;
    match kind {
        K::Add => ("__iadd__", "__add__"),
        K::Sub => ("__isub__", "__sub__"),
        K::Mul => ("__imul__", "__mul__"),
        K::MatMul => ("__imatmul__", "__matmul__"),
        K::TrueDiv => ("__itruediv__", "__truediv__"),
        K::FloorDiv => ("__ifloordiv__", "__floordiv__"),
        K::Mod => ("__imod__", "__mod__"),
        K::Pow => ("__ipow__", "__pow__"),
        K::LShift => ("__ilshift__", "__lshift__"),
        K::RShift => ("__irshift__", "__rshift__"),
        K::And => ("__iand__", "__and__"),
        K::Or => ("__ior__", "__or__"),
        _ => ("__ixor__", "__xor__"),
    }
}

/// The Python spelling of an operator, for messages.
pub(crate) fn op_symbol(kind: &OpKind) -> &'static str {
    use OpKind as K;
    match kind {
        K::Add => "+",
        K::Sub => "-",
        K::Mul => "*",
        K::MatMul => "@",
        K::TrueDiv => "/",
        K::FloorDiv => "//",
        K::Mod => "%",
        K::Pow => "**",
        K::LShift => "<<",
        K::RShift => ">>",
        K::And => "&",
        K::Or => "|",
        K::Xor => "^",
        K::Lt => "<",
        K::Le => "<=",
        K::Gt => ">",
        K::Ge => ">=",
        K::Eq => "==",
        K::Ne => "!=",
        other => other.name(),
    }
}
