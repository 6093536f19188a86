//! Methods of the built-in types: str, bytes, list, dict, set, files, and
//! the few of int and float RPython knows.

use crate::diag::AnnotationError;
use crate::model::{External, IterKind, SomeValue};
use crate::Annotator;
use std::sync::Arc;

type OpResult = Result<SomeValue, AnnotationError>;

const STR_METHODS: &[&str] = &[
    "split",
    "rsplit",
    "join",
    "strip",
    "lstrip",
    "rstrip",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "rindex",
    "replace",
    "upper",
    "lower",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "count",
    "encode",
    "decode",
    "ljust",
    "rjust",
    "center",
    "zfill",
    "splitlines",
    "format",
    "title",
    "capitalize",
    "swapcase",
    "partition",
    "rpartition",
    "isdecimal",
    "isnumeric",
    "isidentifier",
    "casefold",
    "istitle",
    "isprintable",
    "isascii",
    "expandtabs",
    "hex",
];
const LIST_METHODS: &[&str] = &[
    "append", "pop", "insert", "extend", "remove", "index", "count", "reverse", "sort", "clear",
    "copy",
];
const DICT_METHODS: &[&str] = &[
    "get",
    "keys",
    "values",
    "items",
    "pop",
    "setdefault",
    "update",
    "clear",
    "copy",
    "popitem",
];
const SET_METHODS: &[&str] = &[
    "add",
    "discard",
    "remove",
    "pop",
    "clear",
    "update",
    "union",
    "intersection",
    "difference",
    "issubset",
    "issuperset",
    "copy",
    "isdisjoint",
    "symmetric_difference",
];
const FILE_METHODS: &[&str] = &[
    "write",
    "read",
    "readline",
    "readlines",
    "close",
    "flush",
    "__enter__",
    "__exit__",
];

/// Whether `obj` has a built-in method `name`.
pub fn has_builtin_method(obj: &SomeValue, name: &str) -> bool {
    let table: &[&str] = match obj {
        SomeValue::Str(_) | SomeValue::Bytes(_) => STR_METHODS,
        SomeValue::List(..) => LIST_METHODS,
        SomeValue::Dict(..) => DICT_METHODS,
        SomeValue::Set(..) => SET_METHODS,
        SomeValue::External(External::File { .. }) => FILE_METHODS,
        SomeValue::Int(_) | SomeValue::Bool(_) => &["bit_length", "to_bytes"],
        SomeValue::Float => &["is_integer", "hex"],
        SomeValue::Tuple(_) => &["index", "count"],
        _ => &[],
    };
    table.contains(&name)
}

impl Annotator<'_> {
    /// `receiver.name(args...)` for a built-in type.
    pub(crate) fn call_method(
        &mut self,
        receiver: &SomeValue,
        name: &str,
        args: Vec<SomeValue>,
        keywords: Vec<(String, SomeValue)>,
    ) -> OpResult {
        match receiver {
            SomeValue::Str(_) => self.str_method(receiver, name, &args, false),
            SomeValue::Bytes(_) => self.str_method(receiver, name, &args, true),
            SomeValue::List(..) => self.list_method(receiver, name, &args, &keywords),
            SomeValue::Dict(..) => self.dict_method(receiver, name, &args),
            SomeValue::Set(..) => self.set_method(receiver, name, &args),
            SomeValue::External(External::File { .. }) => Ok(match name {
                "write" => SomeValue::nonneg(),
                "read" | "readline" => SomeValue::str(),
                "readlines" => {
                    let site = self.current_site;
                    self.new_list(SomeValue::str(), site)
                }
                "__enter__" => receiver.clone(),
                // A file never suppresses the exception of a `with` body.
                "__exit__" => SomeValue::Bool(Some(false)),
                _ => SomeValue::None,
            }),
            SomeValue::Int(_) | SomeValue::Bool(_) => Ok(match name {
                "to_bytes" => SomeValue::bytes(),
                _ => SomeValue::nonneg(),
            }),
            SomeValue::Float => Ok(match name {
                "hex" => SomeValue::str(),
                _ => SomeValue::bool(),
            }),
            SomeValue::Tuple(items) => {
                for i in items.iter() {
                    self.refuse_item_eq(i, &format!("`tuple.{name}`"))?;
                }
                Ok(SomeValue::nonneg())
            }
            _ => Err(self.type_error(&format!("no method `{name}` on"), &[receiver])),
        }
    }

    fn str_method(
        &mut self,
        recv: &SomeValue,
        name: &str,
        args: &[SomeValue],
        bytes: bool,
    ) -> OpResult {
        let same = || {
            if bytes {
                SomeValue::bytes()
            } else {
                SomeValue::str()
            }
        };
        let other_kind = |v: &SomeValue| -> bool {
            match v {
                SomeValue::Str(_) => bytes,
                SomeValue::Bytes(_) => !bytes,
                _ => false,
            }
        };
        let takes_names = matches!(name, "encode" | "decode");
        if let Some(bad) = args.iter().find(|a| !takes_names && other_kind(a)) {
            return Err(self.type_error(&format!("`{name}` mixes str and bytes"), &[recv, bad]));
        }
        Ok(match name {
            "split" | "rsplit" | "splitlines" => {
                let site = self.current_site;
                self.new_list(same(), site)
            }
            "join" => {
                let item = self.item_of_iterable(args.first().unwrap_or(&SomeValue::Impossible))?;
                if !item.is_impossible() && !matches!(item, SomeValue::Str(_) | SomeValue::Bytes(_))
                {
                    return Err(
                        self.type_error("join() of a list whose items are not strings:", &[&item])
                    );
                }
                same()
            }
            "strip" | "lstrip" | "rstrip" | "replace" | "upper" | "lower" | "ljust" | "rjust"
            | "center" | "zfill" | "format" | "title" | "capitalize" | "swapcase" | "casefold"
            | "expandtabs" => same(),
            "startswith" | "endswith" | "isdigit" | "isalpha" | "isalnum" | "isspace"
            | "isupper" | "islower" | "isdecimal" | "isnumeric" | "isidentifier" | "istitle"
            | "isprintable" | "isascii" => SomeValue::bool(),
            "find" | "rfind" => SomeValue::int(),
            "index" | "rindex" | "count" => SomeValue::nonneg(),
            "encode" => SomeValue::bytes(),
            "decode" => SomeValue::str(),
            "hex" => SomeValue::str(),
            "partition" | "rpartition" => SomeValue::Tuple(Arc::from([same(), same(), same()])),
            _ => return Err(self.type_error(&format!("no method `{name}` on"), &[recv])),
        })
    }

    fn list_method(
        &mut self,
        recv: &SomeValue,
        name: &str,
        args: &[SomeValue],
        keywords: &[(String, SomeValue)],
    ) -> OpResult {
        let SomeValue::List(id, _) = recv else {
            unreachable!()
        };
        let id = *id;
        let arg = |i: usize| args.get(i).cloned().unwrap_or(SomeValue::Impossible);
        Ok(match name {
            "append" => {
                self.list_add_item(recv, &arg(0), true)?;
                SomeValue::None
            }
            "insert" => {
                self.list_add_item(recv, &arg(1), true)?;
                SomeValue::None
            }
            "extend" => {
                let item = self.item_of_iterable(&arg(0))?;
                self.list_add_item(recv, &item, true)?;
                SomeValue::None
            }
            "pop" => {
                let l = self.list(id);
                self.lists[l].resized = true;
                self.read_list(id)
            }
            "remove" | "clear" => {
                if name == "remove" {
                    let items = self.read_list(id);
                    self.refuse_item_eq(&items, "`list.remove`")?;
                }
                let l = self.list(id);
                self.lists[l].resized = true;
                SomeValue::None
            }
            "reverse" | "sort" => {
                let l = self.list(id);
                self.lists[l].mutated = true;
                if let Some((_, key)) = keywords.iter().find(|(k, _)| k == "key") {
                    let item = self.read_list(id);
                    self.call_value(key, vec![item], Vec::new(), None)?;
                }
                SomeValue::None
            }
            "index" | "count" => {
                let items = self.read_list(id);
                self.refuse_item_eq(&items, &format!("`list.{name}`"))?;
                SomeValue::nonneg()
            }
            "copy" => {
                let item = self.read_list(id);
                let site = self.current_site;
                self.new_list(item, site)
            }
            _ => return Err(self.type_error(&format!("no method `{name}` on"), &[recv])),
        })
    }

    fn dict_method(&mut self, recv: &SomeValue, name: &str, args: &[SomeValue]) -> OpResult {
        let SomeValue::Dict(id, _) = recv else {
            unreachable!()
        };
        let id = *id;
        let arg = |i: usize| args.get(i).cloned().unwrap_or(SomeValue::Impossible);
        Ok(match name {
            "get" | "pop" | "setdefault" => {
                self.dict_add(recv, Some(&arg(0)), None)?;
                if args.len() > 1 {
                    if name == "setdefault" {
                        self.dict_add(recv, None, Some(&arg(1)))?;
                    }
                    let (_, v) = self.read_dict(id);
                    self.union(&v, &arg(1)).map_err(|e| {
                        self.type_error(
                            &format!(
                                "the default of `{name}` is {}, but the dict's values are {}",
                                e.right, e.left
                            ),
                            &[],
                        )
                    })?
                } else if name == "get" {
                    let (_, v) = self.read_dict(id);
                    self.union(&v, &SomeValue::None).map_err(|e| {
                        self.type_error(
                            &format!("`get` without a default may return None, but the dict's values are {}", e.left),
                            &[],
                        )
                        .with_note("pass a default of the values' type")
                    })?
                } else {
                    self.read_dict(id).1
                }
            }
            "keys" => SomeValue::Iterator(IterKind::Items, Arc::from([recv.without_none()])),
            "values" => SomeValue::Iterator(IterKind::DictValues, Arc::from([recv.without_none()])),
            "items" => SomeValue::Iterator(IterKind::DictItems, Arc::from([recv.without_none()])),
            "update" => {
                if let SomeValue::Dict(other, _) = arg(0) {
                    self.merge_dicts(id, other)
                        .map_err(|e| self.container_conflict("dict", "entries", &e))?;
                }
                SomeValue::None
            }
            "clear" => SomeValue::None,
            "copy" => {
                let (k, v) = self.read_dict(id);
                let new = self.new_dict(k, v);
                SomeValue::Dict(new, false)
            }
            "popitem" => {
                let (k, v) = self.read_dict(id);
                Self::pair(k, v)
            }
            _ => return Err(self.type_error(&format!("no method `{name}` on"), &[recv])),
        })
    }

    fn set_method(&mut self, recv: &SomeValue, name: &str, args: &[SomeValue]) -> OpResult {
        let SomeValue::Set(id, _) = recv else {
            unreachable!()
        };
        let id = *id;
        let arg = |i: usize| args.get(i).cloned().unwrap_or(SomeValue::Impossible);
        Ok(match name {
            "add" | "discard" | "remove" => {
                self.dict_add(recv, Some(&arg(0)), None)?;
                SomeValue::None
            }
            "pop" => self.read_dict(id).0,
            "clear" => SomeValue::None,
            "update" => {
                let item = self.item_of_iterable(&arg(0))?;
                self.dict_add(recv, Some(&item), None)?;
                SomeValue::None
            }
            "union" | "intersection" | "difference" | "symmetric_difference" | "copy" => {
                let (k, _) = self.read_dict(id);
                let mut key = k;
                if let Some(other) = args.first() {
                    let item = self.item_of_iterable(other)?;
                    key = self
                        .union(&key, &item)
                        .map_err(|e| self.container_conflict("set", "items", &e))?;
                }
                let new = self.new_dict(key, SomeValue::None);
                SomeValue::Set(new, false)
            }
            "issubset" | "issuperset" | "isdisjoint" => SomeValue::bool(),
            _ => return Err(self.type_error(&format!("no method `{name}` on"), &[recv])),
        })
    }
}
