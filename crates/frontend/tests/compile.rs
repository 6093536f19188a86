//! Tests of the bytecode compiler: every conformance program compiles and
//! verifies, disassembly snapshots of small snippets, and diagnostics for
//! unsupported constructs.

use frontend::bytecode::{CodeObject, Constant, Instr};
use frontend::compile::compile_module;
use frontend::diag::Diagnostic;
use frontend::dis::{disassemble, verify};
use frontend::parse::parse_module;
use frontend::source::SourceMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn compile_src(name: &str, src: &str) -> Result<Arc<CodeObject>, Diagnostic> {
    let mut sm = SourceMap::new();
    let file = sm.add(PathBuf::from(format!("{name}.py")), src.into());
    let module = parse_module(file, src)?;
    compile_module(file, name, &module)
}

/// Compiles `src`, verifies it and snapshots its disassembly.
fn check(name: &str, src: &str) {
    let code = compile_src(name, src).unwrap_or_else(|d| panic!("{name}: {d:?}"));
    verify(&code).unwrap_or_else(|e| panic!("{name}: verify failed: {e}\n{}", disassemble(&code)));
    insta::assert_snapshot!(name, disassemble(&code), src);
}

/// Asserts that `src` is rejected with a message containing `msg`.
fn reject(src: &str, msg: &str) {
    match compile_src("bad", src) {
        Ok(code) => panic!(
            "compiled but should fail with {msg:?}:\n{}",
            disassemble(&code)
        ),
        Err(d) => assert!(
            d.message.contains(msg),
            "expected {msg:?}, got {:?}",
            d.message
        ),
    }
}

fn conformance_dir(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/conformance")
        .join(kind)
}

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs")
}

/// Compiles and verifies every `.py` file of `dir`.
fn compile_dir(dir: PathBuf) -> Vec<(String, Result<(), String>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("conformance directory")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    // The parser and the compiler recurse once per level of nesting, and
    // some programs nest as deep as CPython allows: a large stack, as the
    // driver gives them.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || compile_paths(paths))
        .expect("a compiling thread")
        .join()
        .expect("the compiling thread")
}

fn compile_paths(paths: Vec<PathBuf>) -> Vec<(String, Result<(), String>)> {
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable source");
            let mut sm = SourceMap::new();
            let file = sm.add(p.clone(), text.as_str().into());
            let r = parse_module(file, &text)
                .and_then(|m| compile_module(file, "__main__", &m))
                .map_err(|d| d.render_plain(&sm))
                .and_then(|code| verify(&code));
            (p.display().to_string(), r)
        })
        .collect()
}

#[test]
fn conformance_run_programs_compile_and_verify() {
    let failures: Vec<_> = compile_dir(conformance_dir("run"))
        .into_iter()
        .filter(|(_, r)| r.is_err())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn conformance_reject_programs_compile_and_verify() {
    for (path, r) in compile_dir(conformance_dir("reject")) {
        let text = std::fs::read_to_string(&path).expect("readable source");
        let expected = text
            .lines()
            .find_map(|l| l.strip_prefix("# expect-error: "))
            .expect("an expect-error header");
        match r {
            Ok(()) => {}
            // Rejected by the parser or the compiler itself: async, which
            // is unsupported, and what CPython's compiler refuses.
            Err(e) if e.contains(expected) => {}
            Err(e) if path.ends_with("async_def.py") => {
                assert!(e.contains("`async def` is not supported"), "{e}")
            }
            Err(e) => panic!("{path}: {e}"),
        }
    }
}

#[test]
fn test_programs_compile_and_verify() {
    let failures: Vec<_> = compile_dir(programs_dir())
        .into_iter()
        .filter(|(_, r)| r.is_err())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Every `.py` file under `$RPY_STDLIB` (say, CPython's `lib/python3.11`)
/// either compiles to code that verifies or is rejected with a diagnostic;
/// skipped when the variable is not set.
#[test]
fn stdlib_compiles_and_verifies() {
    let Ok(root) = std::env::var("RPY_STDLIB") else {
        return;
    };
    let mut dirs = vec![PathBuf::from(root)];
    let mut failures = Vec::new();
    let mut compiled = 0;
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|x| x != "py") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let mut sm = SourceMap::new();
            let file = sm.add(path.clone(), text.as_str().into());
            let Ok(module) = parse_module(file, &text) else {
                continue;
            };
            match compile_module(file, "__main__", &module) {
                Ok(code) => {
                    compiled += 1;
                    if let Err(e) = verify(&code) {
                        failures.push(format!("{}: {e}", path.display()));
                    }
                }
                Err(d) if d.message.contains("internal") => {
                    failures.push(format!("{}: {}", path.display(), d.message));
                }
                Err(_) => {}
            }
        }
    }
    assert!(failures.is_empty(), "{compiled} compiled; {failures:#?}");
}

/// The functions of `tests/programs/comprehensions.py` run their
/// comprehensions inline: no nested code, no cells (except where a lambda
/// really captures a variable).
#[test]
fn comprehensions_program_inlines_in_functions() {
    let path = programs_dir().join("comprehensions.py");
    let src = std::fs::read_to_string(&path).expect("readable source");
    let module = compile_src("comprehensions", &src).expect("compiles");
    let mut checked = 0;
    for c in &module.consts {
        let Constant::Code(f) = c else { continue };
        if matches!(&*f.name, "make_adders" | "captured_var" | "entry_point") {
            continue;
        }
        checked += 1;
        assert!(f.cellvars.is_empty(), "{}: cells {:?}", f.name, f.cellvars);
        assert!(
            !f.instrs
                .iter()
                .any(|i| matches!(i, Instr::MakeFunction { .. })),
            "{}: nested code\n{}",
            f.name,
            disassemble(f)
        );
    }
    assert!(checked >= 12, "only {checked} functions checked");
}

// ---- disassembly snapshots ----

#[test]
fn snap_assignments() {
    check(
        "assignments",
        "x = 1\na = b = x + 2\na, (b, c) = 1, (2, 3)\nfirst, *rest = [1, 2, 3]\no.attr = x[1:2]\nx[0] = -x\nx: int = 5\ny: int\n",
    );
}

#[test]
fn snap_aug_assign_and_del() {
    check(
        "aug_assign",
        "x += 1\no.a *= 2\nd[k] -= 3\ndel x, o.a, d[k]\n",
    );
}

#[test]
fn snap_if_while_for() {
    check(
        "control_flow",
        "if a and not b:\n    x = 1\nelif c or d:\n    x = 2\nelse:\n    x = 3\nwhile x:\n    if x > 10:\n        break\n    x -= 1\nelse:\n    y = 0\nfor i in range(3):\n    if i:\n        continue\n    print(i)\nelse:\n    z = 1\n",
    );
}

#[test]
fn snap_expressions() {
    check(
        "expressions",
        "r = a if c else b\nr = a < b < c\nr = a and b or c\nr = (n := 10) + n\nr = not a\nr = [1, *xs, 2]\nr = (1, 2, 'three')\nr = (a, b)\nr = {1, 2}\nr = {'a': 1, **d}\nr = ...\nr = 10 ** 40\nr = 0x_ffff_ffff_ffff_ffff_ff\nr = b'abc' + 'x' 'y'\n",
    );
}

#[test]
fn snap_function_defaults_kwonly() {
    check(
        "function_params",
        "def f(a, b=2, /, c=3, *args, d, e=5, **kw):\n    \"\"\"doc\"\"\"\n    return a + b\n",
    );
}

#[test]
fn snap_closures_nonlocal_global() {
    check(
        "closures",
        "counter = 0\ndef outer(n):\n    total = 0\n    def inner(x):\n        nonlocal total\n        global counter\n        counter += 1\n        total += x + n\n        return total\n    return inner\n",
    );
}

#[test]
fn snap_decorators_and_lambda() {
    check(
        "decorators",
        "@dec1\n@dec2(3)\ndef f(x):\n    return lambda y, z=1: x + y + z\n",
    );
}

#[test]
fn snap_class_and_super() {
    check(
        "class_super",
        "class A:\n    X = 1\n    def m(self):\n        return self.X\nclass B(A):\n    def m(self):\n        return super().m() + 1\n    def n(self):\n        return __class__\n",
    );
}

#[test]
fn snap_class_free_var() {
    check("class_free", "def f():\n    x = 1\n    class C:\n        y = x\n        def g(self):\n            return x\n    return C\n");
}

#[test]
fn snap_comprehensions() {
    check(
        "comprehensions",
        "def f(xs, ys):\n    a = [x * y for x in xs if x for y in ys]\n    b = {x for x in xs}\n    c = {x: y for x, y in xs}\n    d = (x + 1 for x in xs)\n    return a, b, c, d\n",
    );
}

#[test]
fn snap_generator() {
    check(
        "generator",
        "def gen(n):\n    i = 0\n    while i < n:\n        got = yield i\n        i += 1\n",
    );
}

#[test]
fn snap_try_except() {
    check(
        "try_except",
        "try:\n    f()\nexcept (ValueError, KeyError) as e:\n    print(e)\nexcept IndexError:\n    raise\nexcept:\n    g()\nelse:\n    h()\n",
    );
}

#[test]
fn snap_try_finally() {
    check(
        "try_finally",
        "try:\n    f()\nexcept ValueError:\n    g()\nfinally:\n    cleanup()\n",
    );
}

#[test]
fn snap_return_through_finally() {
    check(
        "return_finally",
        "def f(xs):\n    for x in xs:\n        try:\n            if x:\n                return x\n            if x is None:\n                break\n            continue\n        finally:\n            done()\n    return 0\n",
    );
}

#[test]
fn snap_with() {
    check("with", "with open(p) as f, lock:\n    data = f.read()\n");
}

#[test]
fn snap_return_from_with() {
    check(
        "return_with",
        "def f(p):\n    with open(p) as fh:\n        return fh.read()\n",
    );
}

#[test]
fn snap_raise_and_assert() {
    check(
        "raise_assert",
        "def f(x):\n    assert x, 'x must be set'\n    assert x > 0\n    if x:\n        raise ValueError('bad') from None\n    raise\n",
    );
}

#[test]
fn snap_calls() {
    check(
        "calls",
        "f(1, 2)\nf(1, key=2)\nf(*args)\nf(1, *args, k=3, **kw)\no.m(x)\n",
    );
}

#[test]
fn snap_fstrings() {
    check(
        "fstrings",
        "s = f'a{x}b{y!r:>{w}}c{z:.2f}'\nt = f'{x}'\nu = 'lit' f'{x!s}'\n",
    );
}

#[test]
fn snap_imports() {
    check(
        "imports",
        "import os\nimport os.path\nimport a.b.c as m\nfrom sys import argv, exit as ex\nfrom . import sib\nfrom ..pkg import thing\nfrom math import *\n",
    );
}

#[test]
fn snap_unbound_and_cell_params() {
    check(
        "cell_params",
        "def f(a, b):\n    def g():\n        return a\n    del b\n    return g\n",
    );
}

#[test]
fn snap_bare_raise_outside_handler() {
    check("bare_raise", "def f():\n    raise\n");
}

#[test]
fn snap_nested_try_in_handler() {
    check(
        "nested_handlers",
        "try:\n    a()\nexcept E as e:\n    try:\n        b()\n    except F:\n        raise\n    raise\n",
    );
}

#[test]
fn snap_private_names_are_mangled() {
    check(
        "mangling",
        "class _Box:\n    __slots = 1\n    def __init__(self, __v):\n        self.__v = __v\n        self.__dunder__ = 0\n",
    );
}

#[test]
fn snap_constant_tests_fold() {
    check(
        "constant_tests",
        "def f(q):\n    while True:\n        if q.empty():\n            break\n        q.pop()\n    while 0:\n        q.never()\n    return q\n",
    );
}

#[test]
fn snap_walrus_in_comprehension() {
    check(
        "walrus_comprehension",
        "def f(xs):\n    ys = [last := x for x in xs if x]\n    return last, ys\n",
    );
}

/// PEP 709 inlining: comprehensions inside functions run in the
/// function's own code, over hidden `$compN.` locals, with no cells.
#[test]
fn snap_inlined_comprehensions() {
    let cases = [
        (
            "inline_nested_fors_filters",
            "def f(xs, ys):\n    return [(x, y) for x in xs if x > 0 for y in ys if y != x if y]\n",
        ),
        (
            "inline_shadowing",
            "def f(xs):\n    x = 5\n    ys = [x for x in xs]\n    return x, ys\n",
        ),
        (
            "inline_nested_walrus",
            "def f(xss):\n    total = 0\n    r = [[total := total + x for x in xs] for xs in xss]\n    return total, r\n",
        ),
        (
            "inline_in_try",
            "def f(xs):\n    try:\n        r = [10 // x for x in xs]\n    except ZeroDivisionError:\n        r = []\n    return r\n",
        ),
        (
            "inline_reads_param",
            "def f(xs, k):\n    return [x * k for x in xs if x > 0]\n",
        ),
        (
            "inline_nested_comprehensions",
            "def f(xss):\n    return {i: {x * i for x in xs} for i, xs in enumerate(xss)}\n",
        ),
        (
            "inline_in_lambda",
            "g = lambda xs, k: [x + k for x in xs]\n",
        ),
        (
            // The lambda captures the comprehension's own variable: the
            // comprehension stays a nested function with a cell.
            "inline_not_when_captured",
            "def f(xs):\n    return [lambda: x for x in xs]\n",
        ),
        (
            // The lambda captures only `k`: the comprehension is inlined and
            // `k` is a cell of `f` because of the lambda alone.
            "inline_lambda_captures_outer",
            "def f(xs, k):\n    return [(lambda y: y + k)(x) for x in xs]\n",
        ),
        (
            // Module level: still a nested function; the comprehension
            // inside it is inlined into it.
            "inline_not_at_module_level",
            "xs = [1, 2]\nys = [[x * y for y in xs] for x in xs]\n",
        ),
        (
            // `super()` in an inlined comprehension: the method's own
            // `self`, not the comprehension's variable of the same name.
            "inline_super_in_method",
            "class A(B):\n    def m(self, xs):\n        return [super().f(self) for self in xs]\n",
        ),
        (
            "inline_not_in_class_body",
            "class C:\n    xs = [1, 2]\n    ys = [x for x in range(3)]\n",
        ),
    ];
    for (name, src) in cases {
        check(name, src);
    }
}

#[test]
fn snap_with_line_numbers() {
    let src = "def f(a,\n      b):\n    x = a + \\\n        b\n    return x\n";
    let mut sm = SourceMap::new();
    let file = sm.add(PathBuf::from("lines.py"), src.into());
    let module = parse_module(file, src).expect("parses");
    let code = compile_module(file, "lines", &module).expect("compiles");
    verify(&code).expect("verifies");
    insta::assert_snapshot!(
        "lines",
        frontend::dis::disassemble_with_lines(&code, &sm),
        src
    );
}

/// Programs mixing the exits of nested blocks: each must compile and
/// pass the verifier (stack depths and handler stacks on every path).
#[test]
fn tricky_unwinding_verifies() {
    let programs = [
        "def f(xs):\n    for x in xs:\n        with a() as b:\n            try:\n                if x: return x\n                if b: break\n                continue\n            except E as e:\n                return e\n            finally:\n                for y in xs:\n                    if y: break\n    else:\n        return 1\n",
        "def f():\n    try:\n        return 1\n    finally:\n        try:\n            g()\n        finally:\n            return 2\n",
        "def f():\n    while 1:\n        try:\n            pass\n        finally:\n            continue\n",
        "def f(x):\n    try:\n        pass\n    except:\n        try:\n            raise\n        except E:\n            raise\n        finally:\n            return x\n",
        "def g():\n    for i in range(3):\n        try:\n            yield i\n        finally:\n            print(i)\n",
        "class A:\n    class B:\n        def m(self):\n            return super().m()\n    def n(self, *a, **k):\n        return [__class__ for _ in a]\n",
        "def f():\n    x = 1\n    def g():\n        def h():\n            return x\n        return h\n    return g\n",
        "x = [[(i, j) for j in range(i) if j % 2] for i in range(5)]\n",
        "def f(a, *, b, c=1, **kw):\n    return f(*a, b=b, **kw) if a else {**kw, 'c': c}\n",
        "with a as (x, y), b as z[0]:\n    pass\n",
        "try:\n    pass\nexcept E:\n    pass\nelse:\n    x = 1\nfinally:\n    y = 2\n",
        "def f(n):\n    global g\n    g = n\n    del g\n    lambda: (yield)\n",
        "a = b = c = [1, 2][0:1:2]\nx, *y, z = 1, 2, 3, 4\n[p, q] = r\n",
        // Inlined comprehensions under handlers, in loops, in `finally`
        // bodies and in generators: the handler depth cuts their stack.
        "def f(xss):\n    for xs in xss:\n        try:\n            r = [1 // x for x in xs if (t := x)]\n        except E:\n            r = {x: [y for y in xs] for x in xs}\n            continue\n        finally:\n            s = {x for x in xs}\n        with m() as c:\n            return [c(x) for x in xs if x]\n",
        "def g(xs):\n    while xs:\n        try:\n            yield [x for x in xs]\n        except E as e:\n            yield {e: [x for x in xs] for _ in xs}\n",
        "def f(xs):\n    try:\n        return [x for x in xs]\n    finally:\n        print([x for x in xs])\n",
    ];
    for src in programs {
        let code = compile_src("tricky", src).unwrap_or_else(|d| panic!("{src}\n{d:?}"));
        verify(&code).unwrap_or_else(|e| panic!("{src}\n{e}\n{}", disassemble(&code)));
    }
}

// ---- diagnostics ----

#[test]
fn unsupported_constructs_are_diagnostics() {
    reject("async def f():\n    pass\n", "`async def` is not supported");
    reject("def f():\n    await g()\n", "`await` is not supported");
    reject("await g()\n", "`await` is not supported");
    reject(
        "match x:\n    case 1:\n        pass\n",
        "`match` is not supported",
    );
    reject(
        "def f():\n    yield from g()\n",
        "`yield from` is not supported",
    );
    reject("x = 1j\n", "a complex number is not supported");
    reject(
        "def f():\n    x = 1\n    global x\n",
        "used prior to global declaration",
    );
    reject("return 1\n", "'return' outside function");
    reject("yield 1\n", "'yield' outside function");
    reject("break\n", "'break' outside loop");
    reject("def f():\n    continue\n", "'continue' outside loop");
    reject(
        "nonlocal x\n",
        "nonlocal declaration not allowed at module level",
    );
    reject(
        "def f():\n    nonlocal x\n",
        "no binding for nonlocal 'x' found",
    );
    reject("*a, *b = x\n", "multiple starred expressions");
    reject(
        "class A(metaclass=M):\n    pass\n",
        "metaclasses are not supported",
    );
    reject(
        "def f():\n    from m import *\n",
        "import * only allowed at module level",
    );
    reject(
        "try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n",
        "default 'except:' must be last",
    );
    reject("s = f'{x=}'\n", "`=` specifier");
    reject(
        "x = [(yield) for y in z]\n",
        "'yield' inside a comprehension",
    );
    reject("def f(a):\n    global a\n", "is parameter and global");
    reject(
        "*a = x\n",
        "starred assignment target must be in a list or tuple",
    );
}

/// Prints the disassembly of the program named by `RPY_DIS` (a debugging
/// aid: `RPY_DIS=path.py cargo test -p frontend --test compile dump -- --nocapture`).
#[test]
fn dump() {
    let Ok(path) = std::env::var("RPY_DIS") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("readable source");
    let mut sm = SourceMap::new();
    let file = sm.add(PathBuf::from(&path), text.as_str().into());
    let module = parse_module(file, &text).expect("parses");
    match compile_module(file, "__main__", &module) {
        Ok(code) => println!("{}", frontend::dis::disassemble_with_lines(&code, &sm)),
        Err(d) => println!("{}", d.render(&sm)),
    }
}

/// Diagnostics exactly as a user sees them.
#[test]
fn rendered_diagnostics() {
    let cases = [
        ("metaclass", "class A(object, metaclass=Meta):\n    pass\n"),
        (
            "break_outside_loop",
            "def f(x):\n    if x:\n        break\n",
        ),
        ("global_after_use", "def f():\n    print(x)\n    global x\n"),
        (
            "nonlocal_unbound",
            "def f():\n    def g():\n        nonlocal y\n",
        ),
    ];
    for (name, src) in cases {
        let mut sm = SourceMap::new();
        let file = sm.add(PathBuf::from(format!("{name}.py")), src.into());
        let module = parse_module(file, src).expect("parses");
        let d = compile_module(file, name, &module).expect_err("rejected");
        insta::assert_snapshot!(format!("diag_{name}"), d.render(&sm), src);
    }
}

#[test]
fn more_diagnostics() {
    reject("def f(a, a):\n    pass\n", "duplicate argument 'a'");
    reject(
        "class C:\n    [y := 1 for x in z]\n",
        "cannot be used in a class body",
    );
    reject(
        "def f[T](x):\n    pass\n",
        "Cannot use type parameter lists on Python 3.11",
    );
    reject(
        "def f():\n    async with x:\n        pass\n",
        "not supported",
    );
    reject(
        "def f():\n    async for x in y:\n        pass\n",
        "not supported",
    );
    reject(
        "type X = int\n",
        "Cannot use `type` alias statement on Python 3.11",
    );
    reject("x = t'{y}'\n", "Cannot use t-strings on Python 3.11");
    // Syntax of later Pythons that CPython 3.11 refuses.
    reject(
        "try:\n    pass\nexcept A, B:\n    pass\n",
        "Multiple exception types must be parenthesized on Python 3.11",
    );
    reject(
        "x = f\"{\"a\"}\"\n",
        "Cannot reuse outer quote character in f-strings",
    );
    reject(
        "x = f\"{'\\\\n'}\"\n",
        "backslash) in f-strings on Python 3.11",
    );
    reject(
        "try:\n    pass\nexcept* E:\n    pass\n",
        "`except*` is not supported",
    );
    reject(
        "class A(*bases):\n    pass\n",
        "starred base class list is not supported",
    );
    // Errors deep inside nested units and blocks leave no half-built code.
    reject(
        "def f(y):\n    for x in y:\n        try:\n            pass\n        finally:\n            z = 1j\n",
        "complex number",
    );
    reject(
        "class A:\n    def m(self):\n        with a:\n            while x:\n                match y:\n                    case 1:\n                        pass\n",
        "`match`",
    );
    reject("f = lambda: [x for x in (yield from y)]\n", "`yield from`");
    reject(
        "def f(xs):\n    return [x := 1 for x in xs]\n",
        "cannot rebind comprehension iteration variable 'x'",
    );
    reject(
        "def f(xss):\n    return [[x := 1 for y in xs] for x in xss]\n",
        "cannot rebind comprehension iteration variable 'x'",
    );
}
