//! Binding call arguments to a code object's parameters, CPython's way.
//!
//! Shared by the host interpreter (`exec.rs`) and, later, by anything that
//! needs to map a call site onto a function's parameters.

use super::value::PyStr;
use crate::bytecode::CodeObject;

/// Arguments bound to a code object's parameters (see [`bind_arguments`]).
pub struct Bound<V> {
    /// One slot per local; parameters filled in, `*args`/`**kwargs` slots
    /// left for the caller (who knows how to build a tuple and a dict).
    pub locals: Vec<Option<V>>,
    /// Surplus positional arguments, for `*args`.
    pub varargs: Vec<V>,
    /// Surplus keyword arguments, for `**kwargs`.
    pub varkw: Vec<(PyStr, V)>,
}

/// Binds call arguments to a code object's parameters, CPython's way:
/// positional, then keywords by name, then defaults; surplus positional
/// arguments go to `*args`, surplus keywords to `**kwargs`. Errors are
/// `TypeError` messages in CPython's wording.
pub fn bind_arguments<V: Clone>(
    code: &CodeObject,
    func_name: &str,
    mut args: Vec<V>,
    kwargs: Vec<(PyStr, V)>,
    defaults: &[V],
    kwdefaults: &[(PyStr, V)],
) -> Result<Bound<V>, String> {
    let argcount = code.argcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let mut locals: Vec<Option<V>> = vec![None; code.varnames.len()];
    let varargs: Vec<V> = if args.len() > argcount {
        args.split_off(argcount)
    } else {
        Vec::new()
    };
    if !varargs.is_empty() && !code.varargs {
        let given = argcount + varargs.len();
        return Err(if defaults.is_empty() {
            format!(
                "{func_name}() takes {argcount} positional argument{} but {given} {} given",
                if argcount == 1 { "" } else { "s" },
                if given == 1 { "was" } else { "were" }
            )
        } else {
            format!(
                "{func_name}() takes from {} to {argcount} positional arguments but {given} were given",
                argcount - defaults.len()
            )
        });
    }
    let npos = args.len();
    for (i, a) in args.into_iter().enumerate() {
        locals[i] = Some(a);
    }
    let mut varkw = Vec::new();
    for (name, v) in kwargs {
        let pos = code.varnames[code.posonlyargcount as usize..argcount + kwonly]
            .iter()
            .position(|n| **n == *name.as_str())
            .map(|p| p + code.posonlyargcount as usize);
        match pos {
            Some(p) => {
                if locals[p].is_some() {
                    return Err(format!(
                        "{func_name}() got multiple values for argument '{}'",
                        name.as_str()
                    ));
                }
                locals[p] = Some(v);
            }
            None if code.varkw => varkw.push((name, v)),
            None => {
                return Err(format!(
                    "{func_name}() got an unexpected keyword argument '{}'",
                    name.as_str()
                ));
            }
        }
    }
    // Defaults for the missing positional parameters.
    let first_default = argcount - defaults.len();
    let mut missing = Vec::new();
    for (i, local) in locals.iter_mut().enumerate().take(argcount).skip(npos) {
        if local.is_none() {
            if i >= first_default {
                *local = Some(defaults[i - first_default].clone());
            } else {
                missing.push(code.varnames[i].to_string());
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_message(func_name, "positional", &missing));
    }
    let mut missing_kw = Vec::new();
    for (i, local) in locals
        .iter_mut()
        .enumerate()
        .take(argcount + kwonly)
        .skip(argcount)
    {
        if local.is_none() {
            let name = &code.varnames[i];
            match kwdefaults.iter().find(|(k, _)| k.as_str() == &**name) {
                Some((_, v)) => *local = Some(v.clone()),
                None => missing_kw.push(name.to_string()),
            }
        }
    }
    if !missing_kw.is_empty() {
        return Err(missing_message(func_name, "keyword-only", &missing_kw));
    }
    Ok(Bound {
        locals,
        varargs,
        varkw,
    })
}

fn missing_message(func_name: &str, kind: &str, names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!(
            "{}, and {}",
            quoted[..quoted.len() - 1].join(", "),
            quoted[quoted.len() - 1]
        ),
    };
    format!(
        "{func_name}() missing {} required {kind} argument{}: {list}",
        names.len(),
        if names.len() == 1 { "" } else { "s" }
    )
}
