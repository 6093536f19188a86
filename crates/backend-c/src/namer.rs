//! The one namer of generated C identifiers.
//!
//! Names in a low-level module come from Python (`ll_str.concat`, a field
//! called `int`, a class called `NULL`), so none can be written into C as
//! is. Every identifier the backend invents passes through a [`Namer`]:
//! it turns the suggestion into a C identifier, keeps away from C's
//! keywords, from what the headers the generated code includes define
//! (`<stdint.h>`, `<stddef.h>`, `<stdbool.h>`), from the runtime's `rpy_`
//! prefix and from identifiers C reserves, and appends `_1`, `_2`, ... on
//! a collision. A function's locals are named in a child scope, so they
//! cannot shadow a global, a function or a type the function refers to.

use std::collections::HashSet;

/// C keywords, C23 included, and the macros and typedefs of the standard
/// headers the generated code includes.
const RESERVED: &[&str] = &[
    // C keywords.
    "auto",
    "break",
    "case",
    "char",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extern",
    "float",
    "for",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "register",
    "restrict",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "struct",
    "switch",
    "typedef",
    "union",
    "unsigned",
    "void",
    "volatile",
    "while",
    "alignas",
    "alignof",
    "bool",
    "constexpr",
    "false",
    "nullptr",
    "static_assert",
    "thread_local",
    "true",
    "typeof",
    "typeof_unqual",
    "asm",
    "main",
    // <stddef.h>, <stdbool.h>: macros and typedefs not caught by the
    // patterns in `is_reserved`.
    "NULL",
    "offsetof",
    "errno",
    "unreachable",
];

/// A scope of C identifiers: names handed out here and in its parent are
/// never handed out again.
#[derive(Debug, Default)]
pub struct Namer<'p> {
    parent: Option<&'p Namer<'p>>,
    used: HashSet<String>,
}

impl<'p> Namer<'p> {
    /// A top-level scope (file-scope identifiers, or the members of one
    /// struct).
    pub fn new() -> Namer<'static> {
        Namer {
            parent: None,
            used: HashSet::new(),
        }
    }

    /// A scope nested in this one: it avoids every name taken here.
    pub fn child(&'p self) -> Namer<'p> {
        Namer {
            parent: Some(self),
            used: HashSet::new(),
        }
    }

    /// Claims a name the runtime defines (an external function), so that
    /// nothing else gets it. Returns it unchanged.
    pub fn claim(&mut self, name: &str) -> String {
        self.used.insert(name.to_string());
        name.to_string()
    }

    /// A fresh identifier built from `suggestion`.
    pub fn fresh(&mut self, suggestion: &str) -> String {
        let mut base = sanitize(suggestion);
        if is_limit_macro(&base) {
            // `INT64_MAX_1` would be reserved too: leave the pattern.
            base.insert(0, 'u');
        }
        if !self.taken(&base) {
            self.used.insert(base.clone());
            return base;
        }
        let name = (1..)
            .map(|i| format!("{base}_{i}"))
            .find(|n| !self.taken(n))
            .expect("some suffix is free");
        self.used.insert(name.clone());
        name
    }

    fn taken(&self, name: &str) -> bool {
        is_reserved(name) || self.used.contains(name) || self.parent.is_some_and(|p| p.taken(name))
    }
}

/// Turns any text into a C identifier: every character that cannot
/// appear becomes `_`, and an identifier never starts with a digit.
fn sanitize(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'n');
    }
    // Leading underscores are reserved to the implementation in most
    // forms; never produce any.
    // The runtime's prefix is not for generated names either.
    if out.starts_with('_') || out.starts_with("rpy_") || out.starts_with("RPY_") {
        out.insert(0, 'u');
    }
    out
}

/// Whether C, the included headers or the runtime own this identifier.
fn is_reserved(name: &str) -> bool {
    if RESERVED.contains(&name) {
        return true;
    }
    // The runtime's namespace.
    if name.starts_with("rpy_") || name.starts_with("RPY_") {
        return true;
    }
    // POSIX reserves every name ending in `_t`; <stdint.h> defines many.
    if name.ends_with("_t") {
        return true;
    }
    is_limit_macro(name) || name.starts_with("__bool")
}

/// Whether a name has the shape of the limit and constant macros of
/// `<stdint.h>` and `<stddef.h>`: INT64_MAX, UINT8_C, SIZE_MAX, ...
fn is_limit_macro(name: &str) -> bool {
    let upper = name
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    let prefixes = [
        "INT",
        "UINT",
        "SIZE_",
        "PTRDIFF_",
        "SIG_ATOMIC_",
        "WCHAR_",
        "WINT_",
    ];
    upper && prefixes.iter().any(|p| name.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_macros_and_collisions_are_avoided() {
        let mut top = Namer::new();
        assert_eq!(top.fresh("Node"), "Node");
        assert_eq!(top.fresh("Node"), "Node_1");
        assert_eq!(top.fresh("int"), "int_1");
        assert_eq!(top.fresh("NULL"), "NULL_1");
        assert_eq!(top.fresh("INT64_MAX"), "uINT64_MAX");
        assert_eq!(top.fresh("INTERP"), "uINTERP");
        assert_eq!(top.fresh("size_t"), "size_t_1");
        assert_eq!(top.fresh("ll_str.concat"), "ll_str_concat");
        assert_eq!(top.fresh("2x"), "n2x");
        assert_eq!(top.fresh("_Bool"), "u_Bool");
        assert_eq!(top.fresh("OBJECT_VTABLE"), "OBJECT_VTABLE");
        assert_eq!(top.claim("rpy_write"), "rpy_write");
        assert_eq!(top.fresh("rpy_write"), "urpy_write");
        let mut local = top.child();
        assert_eq!(local.fresh("Node"), "Node_2");
        assert_eq!(local.fresh("x"), "x");
        assert_eq!(local.fresh("x"), "x_1");
    }
}
