//! A disassembler and a verifier for host bytecode.
//!
//! [`disassemble`] prints a code object (and the code objects nested in its
//! constants) as stable text, for snapshot tests and debugging dumps.
//! [`verify`] checks the invariants the interpreter and the flow space rely
//! on: operands in range, jump targets in range, and a consistent stack
//! depth and handler stack at every instruction on every path. A failure is
//! a compiler bug, not a user error, so it is reported as a plain string.

use crate::bytecode::{CodeObject, Constant, Conversion, Instr};
use crate::source::SourceMap;
use std::collections::BTreeSet;
use std::fmt::Write;

/// A readable listing of `code` and, after it, of every nested code object.
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    write_code(&mut out, code, None);
    out
}

/// Like [`disassemble`], with the source line of each instruction where it
/// changes.
pub fn disassemble_with_lines(code: &CodeObject, sources: &SourceMap) -> String {
    let mut out = String::new();
    write_code(&mut out, code, Some(sources));
    out
}

fn write_code(out: &mut String, code: &CodeObject, sources: Option<&SourceMap>) {
    let _ = writeln!(
        out,
        "code {} ({:?}{})",
        code.qualname,
        code.kind,
        if code.is_generator { ", generator" } else { "" }
    );
    if code.total_args() > 0 {
        let _ = writeln!(
            out,
            "  args: {} (posonly {}, kwonly {}{}{})",
            code.argcount,
            code.posonlyargcount,
            code.kwonlyargcount,
            if code.varargs { ", *args" } else { "" },
            if code.varkw { ", **kwargs" } else { "" }
        );
    }
    let list = |v: &[std::sync::Arc<str>]| v.iter().map(|s| &**s).collect::<Vec<_>>().join(", ");
    if !code.varnames.is_empty() {
        let _ = writeln!(out, "  varnames: {}", list(&code.varnames));
    }
    if !code.cellvars.is_empty() {
        let cells: Vec<String> = code
            .cellvars
            .iter()
            .zip(&code.cell2arg)
            .map(|(c, a)| match a {
                Some(a) => format!("{c} (arg {a})"),
                None => c.to_string(),
            })
            .collect();
        let _ = writeln!(out, "  cellvars: {}", cells.join(", "));
    }
    if !code.freevars.is_empty() {
        let _ = writeln!(out, "  freevars: {}", list(&code.freevars));
    }
    let targets: BTreeSet<u32> = code.instrs.iter().filter_map(jump_target).collect();
    let mut last_line = None;
    for (i, instr) in code.instrs.iter().enumerate() {
        let mark = if targets.contains(&(i as u32)) {
            ">>"
        } else {
            "  "
        };
        let line = match (sources, code.spans.get(i)) {
            (Some(sm), Some(span)) => {
                let (line, _) = sm.get(span.file).line_col(span.start);
                if last_line == Some(line) {
                    "     ".to_string()
                } else {
                    last_line = Some(line);
                    format!("{line:>4} ")
                }
            }
            _ => String::new(),
        };
        let _ = writeln!(out, "{line}{mark}{i:>4} {}", describe(code, instr));
    }
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            out.push('\n');
            write_code(out, inner, sources);
        }
    }
}

/// The jump target of an instruction that may jump.
pub fn jump_target(instr: &Instr) -> Option<u32> {
    match *instr {
        Instr::Jump(l)
        | Instr::PopJumpIfFalse(l)
        | Instr::PopJumpIfTrue(l)
        | Instr::JumpIfFalseOrPop(l)
        | Instr::JumpIfTrueOrPop(l)
        | Instr::ForIter(l)
        | Instr::SetupExcept(l) => Some(l),
        _ => None,
    }
}

/// One instruction with its operand resolved (`LoadFast 0 (x)`).
fn describe(code: &CodeObject, instr: &Instr) -> String {
    let name = |i: u32| {
        code.names
            .get(i as usize)
            .map_or("?".to_string(), |s| s.to_string())
    };
    let local = |i: u32| {
        code.varnames
            .get(i as usize)
            .map_or("?".to_string(), |s| s.to_string())
    };
    let cell = |i: u32| {
        let n = code.cellvars.len() + code.freevars.len();
        if (i as usize) < n {
            code.cell_name(i).to_string()
        } else {
            "?".to_string()
        }
    };
    let konst = |i: u32| {
        code.consts
            .get(i as usize)
            .map_or("?".to_string(), |c| c.to_string())
    };
    match *instr {
        Instr::LoadConst(i) => format!("LoadConst {i} ({})", konst(i)),
        Instr::LoadFast(i) => format!("LoadFast {i} ({})", local(i)),
        Instr::StoreFast(i) => format!("StoreFast {i} ({})", local(i)),
        Instr::DeleteFast(i) => format!("DeleteFast {i} ({})", local(i)),
        Instr::LoadDeref(i) => format!("LoadDeref {i} ({})", cell(i)),
        Instr::StoreDeref(i) => format!("StoreDeref {i} ({})", cell(i)),
        Instr::DeleteDeref(i) => format!("DeleteDeref {i} ({})", cell(i)),
        Instr::LoadClosure(i) => format!("LoadClosure {i} ({})", cell(i)),
        Instr::LoadClassDeref(i) => format!("LoadClassDeref {i} ({})", cell(i)),
        Instr::LoadGlobal(i) => format!("LoadGlobal {i} ({})", name(i)),
        Instr::StoreGlobal(i) => format!("StoreGlobal {i} ({})", name(i)),
        Instr::DeleteGlobal(i) => format!("DeleteGlobal {i} ({})", name(i)),
        Instr::LoadName(i) => format!("LoadName {i} ({})", name(i)),
        Instr::StoreName(i) => format!("StoreName {i} ({})", name(i)),
        Instr::DeleteName(i) => format!("DeleteName {i} ({})", name(i)),
        Instr::LoadAttr(i) => format!("LoadAttr {i} ({})", name(i)),
        Instr::StoreAttr(i) => format!("StoreAttr {i} ({})", name(i)),
        Instr::DeleteAttr(i) => format!("DeleteAttr {i} ({})", name(i)),
        Instr::ImportFrom(i) => format!("ImportFrom {i} ({})", name(i)),
        Instr::ImportName { name: i, level } => {
            format!("ImportName {i} ({}) level {level}", name(i))
        }
        Instr::Unary(op) => format!("Unary {}", op.opname()),
        Instr::Binary(op) => format!("Binary {}", op.symbol()),
        Instr::InplaceBinary(op) => format!("InplaceBinary {}=", op.symbol()),
        Instr::Compare(op) => format!("Compare {}", op.symbol()),
        Instr::CallKw { argc, names } => format!("CallKw {argc} {}", konst(names)),
        Instr::CallEx { has_kwargs } => {
            format!("CallEx{}", if has_kwargs { " kwargs" } else { "" })
        }
        Instr::MakeFunction {
            code: i,
            defaults,
            kwdefaults,
            closure,
        } => {
            let mut s = format!("MakeFunction {}", konst(i));
            for (flag, word) in [
                (defaults, "defaults"),
                (kwdefaults, "kwdefaults"),
                (closure, "closure"),
            ] {
                if flag {
                    s.push(' ');
                    s.push_str(word);
                }
            }
            s
        }
        Instr::Raise { cause } => format!("Raise{}", if cause { " from" } else { "" }),
        Instr::FormatValue {
            conversion,
            has_spec,
        } => {
            let conv = match conversion {
                Conversion::None => "",
                Conversion::Str => " !s",
                Conversion::Repr => " !r",
                Conversion::Ascii => " !a",
            };
            format!("FormatValue{conv}{}", if has_spec { " spec" } else { "" })
        }
        Instr::UnpackEx { before, after } => format!("UnpackEx {before} {after}"),
        Instr::BuildClass { nbases } => format!("BuildClass {nbases}"),
        ref other => {
            if let Some(t) = jump_target(other) {
                let debug = format!("{other:?}");
                let op = debug.split('(').next().unwrap_or(&debug);
                return format!("{op} -> {t}");
            }
            // `Copy(1)` -> `Copy 1`, `Pop` -> `Pop`.
            format!("{other:?}").replace('(', " ").replace(')', "")
        }
    }
}

/// The change in stack depth of `instr`, on its jump edge if `jump`
/// (for `SetupExcept` the jump edge is the handler entry, measured from
/// the depth at setup).
pub fn stack_effect(instr: &Instr, jump: bool) -> i32 {
    use Instr::*;
    let n = |x: u32| x as i32;
    match *instr {
        Nop
        | Swap(_)
        | DeleteFast(_)
        | DeleteDeref(_)
        | DeleteGlobal(_)
        | DeleteName(_)
        | LoadAttr(_)
        | Unary(_)
        | ListToTuple
        | GetIter
        | YieldValue
        | PopBlock
        | ImportName { .. }
        | Jump(_) => 0,
        Pop | StoreFast(_) | StoreDeref(_) | StoreGlobal(_) | StoreName(_) | DeleteAttr(_)
        | BinarySubscr | Binary(_) | InplaceBinary(_) | Compare(_) | ExcMatch | ListAppend(_)
        | SetAdd(_) | ListExtend(_) | SetUpdate(_) | DictUpdate(_) | PopJumpIfFalse(_)
        | PopJumpIfTrue(_) | ReturnValue | WithExitNormal | ImportStar => -1,
        Copy(_) | LoadConst(_) | LoadFast(_) | LoadDeref(_) | LoadClosure(_)
        | LoadClassDeref(_) | LoadGlobal(_) | LoadName(_) | LoadAssertionError | BeforeWith
        | WithExceptStart | ImportFrom(_) => 1,
        StoreAttr(_) | DeleteSubscr | MapAdd(_) => -2,
        StoreSubscr => -3,
        BuildSlice(k) | BuildTuple(k) | BuildList(k) | BuildSet(k) | BuildString(k) => 1 - n(k),
        BuildMap(k) => 1 - 2 * n(k),
        FormatValue { has_spec, .. } => -(has_spec as i32),
        JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) => {
            if jump {
                0
            } else {
                -1
            }
        }
        ForIter(_) => {
            if jump {
                -1
            } else {
                1
            }
        }
        SetupExcept(_) => jump as i32,
        UnpackSequence(k) => n(k) - 1,
        UnpackEx { before, after } => n(before) + n(after),
        Raise { cause } => -1 - cause as i32,
        Call(k) => -n(k),
        CallKw { argc, .. } => -n(argc),
        CallEx { has_kwargs } => -1 - has_kwargs as i32,
        MakeFunction {
            defaults,
            kwdefaults,
            closure,
            ..
        } => 1 - (defaults as i32 + kwdefaults as i32 + closure as i32),
        BuildClass { nbases } => -n(nbases) - 1,
    }
}

/// The stack items an instruction reads below the top (so that `Swap(3)`
/// on a stack of two is caught).
fn stack_reach(instr: &Instr) -> i32 {
    match *instr {
        Instr::Copy(k) | Instr::Swap(k) => k as i32,
        Instr::ListAppend(k)
        | Instr::SetAdd(k)
        | Instr::ListExtend(k)
        | Instr::SetUpdate(k)
        | Instr::DictUpdate(k) => k as i32 + 1,
        Instr::MapAdd(k) => k as i32 + 2,
        _ => 0,
    }
}

/// Checks `code` and its nested code objects (see the module doc).
pub fn verify(code: &CodeObject) -> Result<(), String> {
    max_stack_depth(code).map(|_| ())
}

/// Verifies `code` (recursively) and returns its maximum stack depth.
pub fn max_stack_depth(code: &CodeObject) -> Result<u32, String> {
    let fail = |i: usize, msg: String| Err(format!("{}: instruction {i}: {msg}", code.qualname));
    if code.spans.len() != code.instrs.len() {
        return Err(format!(
            "{}: {} spans for {} instructions",
            code.qualname,
            code.spans.len(),
            code.instrs.len()
        ));
    }
    if code.cell2arg.len() != code.cellvars.len() {
        return Err(format!(
            "{}: cell2arg and cellvars differ in length",
            code.qualname
        ));
    }
    if code.varnames.len() < code.total_args() as usize {
        return Err(format!("{}: fewer varnames than parameters", code.qualname));
    }
    let ncells = code.cellvars.len() + code.freevars.len();
    for (i, instr) in code.instrs.iter().enumerate() {
        if let Err(msg) = check_operands(code, instr, ncells) {
            return fail(i, msg);
        }
    }
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            verify(inner)?;
        }
    }
    let depth = flow(code)?;
    Ok(depth)
}

fn check_operands(code: &CodeObject, instr: &Instr, ncells: usize) -> Result<(), String> {
    let in_range = |i: u32, len: usize, what: &str| {
        if (i as usize) < len {
            Ok(())
        } else {
            Err(format!("{what} index {i} out of range ({len})"))
        }
    };
    if let Some(t) = jump_target(instr) {
        in_range(t, code.instrs.len(), "jump target")?;
    }
    match *instr {
        Instr::LoadConst(i) => in_range(i, code.consts.len(), "const"),
        Instr::CallKw { names, argc } => {
            in_range(names, code.consts.len(), "const")?;
            match &code.consts[names as usize] {
                Constant::Tuple(t) if t.len() <= argc as usize => Ok(()),
                _ => Err("CallKw names must be a tuple no longer than argc".into()),
            }
        }
        Instr::MakeFunction { code: i, .. } => {
            in_range(i, code.consts.len(), "const")?;
            match &code.consts[i as usize] {
                Constant::Code(_) => Ok(()),
                _ => Err("MakeFunction of a non-code constant".into()),
            }
        }
        Instr::LoadFast(i) | Instr::StoreFast(i) | Instr::DeleteFast(i) => {
            in_range(i, code.varnames.len(), "local")
        }
        Instr::LoadDeref(i)
        | Instr::StoreDeref(i)
        | Instr::DeleteDeref(i)
        | Instr::LoadClosure(i)
        | Instr::LoadClassDeref(i) => in_range(i, ncells, "cell"),
        Instr::LoadGlobal(i)
        | Instr::StoreGlobal(i)
        | Instr::DeleteGlobal(i)
        | Instr::LoadName(i)
        | Instr::StoreName(i)
        | Instr::DeleteName(i)
        | Instr::LoadAttr(i)
        | Instr::StoreAttr(i)
        | Instr::DeleteAttr(i)
        | Instr::ImportFrom(i)
        | Instr::ImportName { name: i, .. } => in_range(i, code.names.len(), "name"),
        Instr::Copy(0) | Instr::Swap(0) => Err("Copy/Swap take a 1-based operand".into()),
        Instr::BuildSlice(k) if k != 2 && k != 3 => Err("BuildSlice takes 2 or 3".into()),
        _ => Ok(()),
    }
}

/// The abstract state at an instruction boundary: stack depth and the
/// stack depths at which the active handlers were set up.
#[derive(Clone, PartialEq, Eq, Debug)]
struct State {
    depth: i32,
    handlers: Vec<(u32, i32)>,
}

/// Propagates [`State`]s over the control flow graph; returns the maximum
/// depth.
fn flow(code: &CodeObject) -> Result<u32, String> {
    let n = code.instrs.len();
    let mut states: Vec<Option<State>> = vec![None; n];
    let mut work = vec![0usize];
    if n == 0 {
        return Err(format!("{}: empty code", code.qualname));
    }
    states[0] = Some(State {
        depth: 0,
        handlers: Vec::new(),
    });
    let mut max = 0;
    let fail = |i: usize, msg: String| Err(format!("{}: instruction {i}: {msg}", code.qualname));
    while let Some(i) = work.pop() {
        let st = states[i].clone().expect("queued instructions have a state");
        let instr = &code.instrs[i];
        if st.depth < stack_reach(instr) {
            return fail(
                i,
                format!("{instr:?} reaches below the stack (depth {})", st.depth),
            );
        }
        let mut succ: Vec<(usize, State)> = Vec::new();
        let fall = st.depth + stack_effect(instr, false);
        let terminal = matches!(
            instr,
            Instr::Jump(_) | Instr::ReturnValue | Instr::Raise { .. }
        );
        if matches!(instr, Instr::ReturnValue) && !st.handlers.is_empty() {
            return fail(
                i,
                format!("return with {} active handler(s)", st.handlers.len()),
            );
        }
        match *instr {
            Instr::SetupExcept(h) => {
                succ.push((
                    h as usize,
                    State {
                        depth: st.depth + 1,
                        handlers: st.handlers.clone(),
                    },
                ));
                let mut handlers = st.handlers.clone();
                handlers.push((h, st.depth));
                succ.push((
                    i + 1,
                    State {
                        depth: fall,
                        handlers,
                    },
                ));
            }
            Instr::PopBlock => {
                let mut handlers = st.handlers.clone();
                if handlers.pop().is_none() {
                    return fail(i, "PopBlock with no active handler".into());
                }
                succ.push((
                    i + 1,
                    State {
                        depth: fall,
                        handlers,
                    },
                ));
            }
            _ => {
                if let Some(t) = jump_target(instr) {
                    let d = st.depth + stack_effect(instr, true);
                    succ.push((
                        t as usize,
                        State {
                            depth: d,
                            handlers: st.handlers.clone(),
                        },
                    ));
                }
                if !terminal {
                    succ.push((
                        i + 1,
                        State {
                            depth: fall,
                            handlers: st.handlers.clone(),
                        },
                    ));
                }
            }
        }
        if fall < 0 {
            return fail(
                i,
                format!("stack underflow ({instr:?} at depth {})", st.depth),
            );
        }
        for (t, s) in succ {
            if s.depth < 0 {
                return fail(i, "stack underflow on a jump".into());
            }
            if t >= n {
                return fail(i, "execution falls off the end of the code".into());
            }
            max = max.max(s.depth);
            match &states[t] {
                Some(old) if *old == s => {}
                Some(old) => {
                    return fail(
                        t,
                        format!("inconsistent state: {old:?} vs {s:?} (from instruction {i})"),
                    );
                }
                None => {
                    states[t] = Some(s);
                    work.push(t);
                }
            }
        }
    }
    Ok(max as u32)
}
