//! Which functions get graphs: those reachable from the entry point through
//! calls of constant callables, or every function a module defines.
//!
//! Full discovery (methods called on instances, functions passed as
//! values) needs types and arrives with the annotator. Until then a method
//! call `x.name(...)` on a variable conservatively reaches every method
//! called `name` of every class of the program.

use super::{build_flow_graph, Graph};
use crate::diag::Diagnostic;
use crate::host::object::Object;
use crate::host::{ObjRef, PyStr, Value, Vm};
use flowgraph::{OpKind, Operand};
use std::collections::{HashSet, VecDeque};

/// A function and the outcome of building its graph.
pub struct FunctionGraph {
    pub func: ObjRef,
    pub graph: Result<Graph, Diagnostic>,
}

/// Builds the graphs of `entry` and of every function reachable from it.
pub fn reachable_graphs(vm: &mut Vm, entry: ObjRef) -> Vec<FunctionGraph> {
    let methods = methods_by_name(vm);
    let mut seen: HashSet<ObjRef> = HashSet::from([entry]);
    let mut queue = VecDeque::from([entry]);
    let mut out = Vec::new();
    while let Some(func) = queue.pop_front() {
        let graph = build_flow_graph(vm, func);
        if let Ok(g) = &graph {
            for callee in callees(vm, g, &methods) {
                if seen.insert(callee) {
                    queue.push_back(callee);
                }
            }
        }
        out.push(FunctionGraph { func, graph });
    }
    out
}

/// Every function and method defined in `module` (including nested
/// classes), in definition order.
pub fn all_functions(vm: &Vm, module: ObjRef) -> Vec<ObjRef> {
    if !matches!(vm.heap.get(module), Object::Module(_)) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (_, v) in vm.module_items(module) {
        collect_defined(vm, &v, module, &mut out, &mut seen);
    }
    out
}

fn collect_defined(
    vm: &Vm,
    v: &Value,
    module: ObjRef,
    out: &mut Vec<ObjRef>,
    seen: &mut HashSet<ObjRef>,
) {
    let Some(r) = v.as_ref() else { return };
    if !seen.insert(r) {
        return;
    }
    match vm.heap.get(r) {
        Object::Function(f) if f.module == module => out.push(r),
        Object::StaticMethod(inner) | Object::ClassMethod(inner) => {
            collect_defined(vm, inner, module, out, seen)
        }
        Object::Property {
            fget, fset, fdel, ..
        } => {
            for f in [fget, fset, fdel] {
                collect_defined(vm, f, module, out, seen);
            }
        }
        Object::Class(c) if c.module.as_str() == module_name(vm, module) => {
            for v in c.dict.values() {
                collect_defined(vm, v, module, out, seen);
            }
        }
        _ => {}
    }
}

fn module_name(vm: &Vm, module: ObjRef) -> &str {
    match vm.heap.get(module) {
        Object::Module(m) => m.name.as_str(),
        _ => "",
    }
}

/// Methods of all user classes of the program, by name.
fn methods_by_name(vm: &Vm) -> Vec<(PyStr, ObjRef)> {
    let mut out = Vec::new();
    for &module in vm.modules.values() {
        for f in all_functions(vm, module) {
            if let Object::Function(func) = vm.heap.get(f) {
                if func.qualname.contains('.') {
                    out.push((func.name.clone(), f));
                }
            }
        }
    }
    out
}

/// The Python functions a graph calls: constant callees (functions,
/// classes' `__init__`, methods of constants) and, for method calls on
/// variables, every method of that name.
fn callees(vm: &Vm, graph: &Graph, methods: &[(PyStr, ObjRef)]) -> Vec<ObjRef> {
    let mut out = Vec::new();
    for block in graph.blocks_reachable() {
        for op in &graph.blocks[block].ops {
            match (&op.kind, op.args.first()) {
                (OpKind::NewFunction, Some(Operand::Const(Value::Ref(r)))) => out.push(*r),
                (OpKind::SimpleCall | OpKind::CallArgs(_), Some(Operand::Const(Value::Ref(r)))) => {
                    callable_functions(vm, *r, &mut out);
                }
                (
                    OpKind::SimpleCall | OpKind::CallArgs(_),
                    Some(Operand::Const(Value::Method(m))),
                ) => {
                    if let Value::Ref(r) = m.func {
                        callable_functions(vm, r, &mut out);
                    }
                }
                (OpKind::GetAttr, Some(Operand::Var(_))) => {
                    if let Some(Operand::Const(Value::Str(name))) = op.args.get(1) {
                        out.extend(methods.iter().filter(|(n, _)| n == name).map(|(_, f)| *f));
                    }
                }
                _ => {}
            }
            // Functions passed as arguments are reachable too.
            for arg in op.args.iter().skip(1) {
                if let Operand::Const(Value::Ref(r)) = arg {
                    if matches!(vm.heap.get(*r), Object::Function(_)) {
                        out.push(*r);
                    }
                }
            }
        }
    }
    out
}

fn callable_functions(vm: &Vm, r: ObjRef, out: &mut Vec<ObjRef>) {
    match vm.heap.get(r) {
        Object::Function(_) => out.push(r),
        Object::StaticMethod(func) | Object::ClassMethod(func) => {
            if let Some(f) = func.as_ref() {
                callable_functions(vm, f, out);
            }
        }
        Object::Class(c) => {
            for &k in &c.mro {
                if let Object::Class(kc) = vm.heap.get(k) {
                    if let Some(Value::Ref(init)) = kc.dict.get(&PyStr::new("__init__")) {
                        if matches!(vm.heap.get(*init), Object::Function(_)) {
                            out.push(*init);
                            return;
                        }
                    }
                }
            }
        }
        _ => {}
    }
}
