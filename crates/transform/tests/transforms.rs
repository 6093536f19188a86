//! The low-level passes, from textual modules: each transformed module
//! passes the verifier, and its printed form is snapshot-tested.

use std::path::Path;

fn load(name: &str) -> lltype::Module {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/ll")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let m = lltype::parse_module(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    if let Err(errors) = lltype::verify(&m) {
        panic!("{name} does not verify before the pass: {errors:?}");
    }
    m
}

fn verified(m: &lltype::Module) -> lltype::ModuleInfo {
    match lltype::verify(m) {
        Ok(info) => info,
        Err(errors) => panic!(
            "the pass broke the module:\n{}\n{}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
            lltype::print_module(m)
        ),
    }
}

fn exception_config(m: &mut lltype::Module) -> transform::ExceptionConfig {
    let vtable = m.types.struct_named("Vtable").unwrap();
    let object = m.types.struct_named("Object").unwrap();
    transform::ExceptionConfig {
        type_ptr: m.types.ptr(vtable).unwrap(),
        value_ptr: m.types.ptr(object).unwrap(),
        matches: m.function_named("matches").unwrap(),
    }
}

#[test]
fn exception_transform() {
    let mut m = load("exceptions.ll");
    let raising: Vec<String> = {
        let mut names: Vec<String> = transform::exceptions::raising_functions(&m)
            .into_iter()
            .map(|f| m.functions[f].name.clone())
            .collect();
        names.sort();
        names
    };
    assert_eq!(raising, ["may_raise", "propagates"]);
    let cfg = exception_config(&mut m);
    transform::transform_exceptions(&mut m, &cfg).unwrap();
    let info = verified(&m);
    assert!(info.exceptions_lowered);
    insta::assert_snapshot!(lltype::print_module(&m));
    assert!(matches!(
        transform::transform_exceptions(&mut m, &cfg),
        Err(transform::ExceptionError::AlreadyTransformed)
    ));
}

#[test]
fn stack_checks_only_on_cycles() {
    let mut m = load("recursion.ll");
    let names = |m: &lltype::Module, fs: Vec<lltype::FuncId>| -> Vec<String> {
        fs.into_iter()
            .map(|f| m.functions[f].name.clone())
            .collect()
    };
    let recursive = transform::recursive_functions(&m);
    assert_eq!(
        names(&m, recursive),
        ["fact", "even", "odd", "apply", "twice"]
    );
    let slow = m.function_named("stack_overflow").unwrap();
    let checked = transform::insert_stack_checks(&mut m, slow, None);
    assert_eq!(
        names(&m, checked),
        ["fact", "even", "odd", "apply", "twice"]
    );
    verified(&m);
    insta::assert_snapshot!(lltype::print_module(&m));
    // Then the exception transform lowers the slow path's raise.
    let cfg = exception_config(&mut m);
    transform::transform_exceptions(&mut m, &cfg).unwrap();
    assert!(verified(&m).exceptions_lowered);
}

#[test]
fn inlining_after_the_exception_transform() {
    let mut m = load("exceptions.ll");
    let cfg = exception_config(&mut m);
    transform::transform_exceptions(&mut m, &cfg).unwrap();
    // `pure` and `may_raise` are small; `catches` calls `propagates`,
    // which calls `may_raise` twice.
    let inlined = transform::inline_small_functions(&mut m, 30);
    assert!(inlined >= 4, "{inlined} call sites inlined");
    verified(&m);
    insta::assert_snapshot!(lltype::print_module(&m));
    // Nothing small is left to inline into itself, and running again
    // keeps the module valid.
    transform::inline_small_functions(&mut m, 30);
    verified(&m);
}

fn gc_config(m: &lltype::Module) -> transform::GcConfig {
    let f = |name: &str| m.function_named(name).unwrap();
    transform::GcConfig {
        setup: f("setup"),
        malloc_fixed: f("malloc_fixed"),
        malloc_varsize: f("malloc_varsize"),
        collect: f("collect"),
        write_barrier: None,
    }
}

#[test]
fn gc_transform() {
    let mut m = load("gc.ll");
    let config = gc_config(&m);
    let mut state = transform::transform_gc_allocations(&mut m, &config).unwrap();
    verified(&m);
    let collecting: Vec<String> = {
        let mut names: Vec<String> = transform::gc::collecting_functions(&m, &config)
            .into_iter()
            .map(|f| m.functions[f].name.clone())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        collecting,
        [
            "build",
            "collect",
            "cons",
            "main",
            "malloc_fixed",
            "malloc_varsize",
            "text"
        ]
    );
    let wrapped = transform::insert_gc_roots(&mut m, &mut state).unwrap();
    verified(&m);
    // `rest` is live across the collector's malloc in `cons`, `head`
    // across the first call of `cons` in `build` and `first` across the
    // second, `l` across the call of `text`.
    assert_eq!(wrapped, 4);
    transform::check_no_gc_operations(&m).expect("every gc_* operation was replaced");
    insta::assert_snapshot!(lltype::print_module(&m));
}

#[test]
fn a_collector_that_allocates_is_refused() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ll/gc.ll"),
    )
    .unwrap()
    .replace(
        "    p: Address = raw_malloc(size)\n",
        "    p: Address = raw_malloc(size)\n    again: *Node = direct_call(&cons, 1, null:*Node)\n",
    );
    let mut m = lltype::parse_module(&text).unwrap();
    let config = gc_config(&m);
    let err = transform::transform_gc_allocations(&mut m, &config).unwrap_err();
    assert_eq!(
        err,
        transform::GcError::CollectorAllocates("cons".into()),
        "{err}"
    );
}

/// With a collector that has a write barrier, it is called before each
/// store of a collected pointer into a collected object: `cons` stores
/// `rest` into the new node; `v` is a word, and `@holder` is not
/// collected.
#[test]
fn gc_write_barriers() {
    let mut m = load("gc.ll");
    let mut config = gc_config(&m);
    config.write_barrier = m.function_named("write_barrier");
    transform::transform_gc_allocations(&mut m, &config).unwrap();
    verified(&m);
    let barrier = config.write_barrier.unwrap();
    let mut calls: Vec<String> = Vec::new();
    for f in m.functions.values() {
        let lltype::Body::Graph(g) = &f.body else {
            continue;
        };
        for op in g.blocks.values().flat_map(|d| &d.ops) {
            let callee = op.args.first().and_then(|a| a.as_const()).map(|c| &c.value);
            if op.op == lltype::LlOp::DirectCall
                && callee == Some(&lltype::ConstValue::Func(barrier))
            {
                calls.push(f.name.clone());
            }
        }
    }
    assert_eq!(calls, ["cons"]);
}

/// `inline never` keeps a small function called; `inline always` inlines a
/// large one; the hints print and parse back.
#[test]
fn inlining_hints() {
    let mut body = String::new();
    for i in 0..40 {
        body.push_str(&format!("    x{}: Signed = int_add(x{i}, 1)\n", i + 1));
    }
    let text = format!(
        "func small(Signed) -> Signed inline never {{\n\
         block0(a: Signed):\n    b: Signed = int_add(a, 1)\n    return b\n}}\n\
         func large(Signed) -> Signed inline always {{\n\
         block0(x0: Signed):\n{body}    return x40\n}}\n\
         func caller(Signed) -> Signed {{\n\
         block0(v: Signed):\n    s: Signed = direct_call(&small, v)\n    l: Signed = direct_call(&large, s)\n    return l\n}}\n"
    );
    let mut m = lltype::parse_module(&text).unwrap_or_else(|e| panic!("{e}"));
    let printed = lltype::print_module(&m);
    assert!(printed.contains("func small(Signed) -> Signed inline never {"));
    assert!(printed.contains("func large(Signed) -> Signed inline always {"));
    assert_eq!(
        lltype::parse_module(&printed).map(|r| lltype::print_module(&r)),
        Ok(printed)
    );
    assert_eq!(transform::inline_small_functions(&mut m, 30), 1);
    verified(&m);
    let caller = m.function_named("caller").unwrap();
    let lltype::Body::Graph(g) = &m.functions[caller].body else {
        unreachable!()
    };
    let calls: Vec<&lltype::Op> = g
        .blocks
        .values()
        .flat_map(|d| &d.ops)
        .filter(|op| op.op == lltype::LlOp::DirectCall)
        .collect();
    assert_eq!(calls.len(), 1, "only the call to `small` is left");
}

/// The moving-collector check after the GC transform: the module of
/// `gc.ll` passes; a function reading a node through an address kept
/// across an allocating call, or passing such an address to one, is
/// refused; an address of a prebuilt (unmoving) object is not an error.
#[test]
fn addresses_across_collections_are_refused() {
    let extra = "\
func peek(*Node) -> Signed {
block0(n: *Node):
    a: Address = cast_ptr_to_adr(n)
    fresh: *Node = direct_call(&cons, 1, null:*Node)
    v: Signed = raw_load(a, 0)
    goto block1(a)
block1(again: Address):
    w: Signed = raw_load(again, 0)
    return w
}
func pass_on(*Node) -> Signed {
block0(n: *Node):
    a: Address = cast_ptr_to_adr(n)
    b: Address = adr_add(a, 8)
    v: Signed = direct_call(&read_after, b)
    return v
}
func read_after(Address) -> Signed {
block0(a: Address):
    fresh: *Node = direct_call(&cons, 1, null:*Node)
    v: Signed = raw_load(a, 0)
    return v
}
func prebuilt() -> Signed {
block0:
    a: Address = cast_ptr_to_adr(@fixed)
    fresh: *Node = direct_call(&cons, 1, null:*Node)
    v: Signed = raw_load(a, 0)
    return v
}
";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ll/gc.ll");
    let base = std::fs::read_to_string(path).unwrap();
    let check = |text: &str| {
        let mut m = lltype::parse_module(text).unwrap();
        let config = gc_config(&m);
        let mut state = transform::transform_gc_allocations(&mut m, &config).unwrap();
        transform::insert_gc_roots(&mut m, &mut state).unwrap();
        verified(&m);
        transform::verify_gc_addresses(&m, &state)
    };
    check(&base).expect("gc.ll keeps no address across a collection");
    let with_extra = base.replace("entry main", &format!("{extra}entry main"));
    let errors: Vec<String> = check(&with_extra)
        .unwrap_err()
        .iter()
        .map(|e| e.to_string())
        .collect();
    insta::assert_snapshot!(errors.join("\n"));
}
