//! The verifier, from textual modules: the hand-written modules of
//! `tests/text/` that are meant to be well typed verify cleanly, and each
//! broken module is refused with the invariant it breaks.

use std::path::Path;

fn parse(text: &str) -> lltype::Module {
    lltype::parse_module(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn errors(text: &str) -> String {
    match lltype::verify(&parse(text)) {
        Ok(_) => "ok".into(),
        Err(errors) => errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The text modules that are well typed (the others exercise the parser
/// with deliberately ill-typed constants).
const WELL_TYPED: &[&str] = &[
    "exceptions.ll",
    "externs.ll",
    "globals.ll",
    "handwritten.ll",
    "linked_list.ll",
    "loop.ll",
    "strings.ll",
    "switch.ll",
    "types.ll",
];

#[test]
fn well_typed_text_modules_verify() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/text");
    let mut failures = Vec::new();
    for name in WELL_TYPED {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let verdict = errors(&text);
        if verdict != "ok" {
            failures.push(format!("{name}:\n{verdict}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn exceptions_lowered_is_reported() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/text");
    let text = std::fs::read_to_string(dir.join("exceptions.ll")).unwrap();
    let info = lltype::verify(&parse(&text)).unwrap();
    assert!(!info.exceptions_lowered);
    let text = std::fs::read_to_string(dir.join("loop.ll")).unwrap();
    let info = lltype::verify(&parse(&text)).unwrap();
    assert!(info.exceptions_lowered);
}

/// Each broken module and the first line of what the verifier says.
#[test]
fn broken_modules_are_refused() {
    let cases: &[(&str, &str)] = &[
        (
            "func f(Signed) -> Signed {\nblock0(x: Signed):\n    y: Float = int_add(x, 1)\n    return x\n}\n",
            "func f, block0, op 0 `int_add`: operand types (Signed, Signed) with result Float do not fit the operation",
        ),
        (
            "func f(Signed) -> Float {\nblock0(x: Signed):\n    return x\n}\n",
            "func f, block0, exit: returns a Signed from a function returning Float",
        ),
        (
            "func f(Signed) -> Signed {\nblock0(x: Signed):\n    goto block1(x, x)\nblock1(y: Signed):\n    return y\n}\n",
            "func f, block0, exit: a link passes 2 values to a block taking 1",
        ),
        (
            "func f(Signed) -> Signed {\nblock0(x: Signed):\n    goto block1(1.5)\nblock1(y: Signed):\n    return y\n}\n",
            "func f, block0, exit: link argument 0 is a Float, the parameter a Signed",
        ),
        (
            "func f(Signed) -> Signed {\nblock0(x: Signed):\n    if x then block1() else block1()\nblock1:\n    return 0\n}\n",
            "func f, block0, exit: branches on something other than a Bool",
        ),
        (
            "struct P gc { a: Signed }\nfunc f(*P) -> Signed {\nblock0(p: *P):\n    v: Signed = getfield(p, .b)\n    return v\n}\n",
            "func f, block0, op 0 `getfield`: struct P has no field `b`",
        ),
        (
            "struct P gc { a: Signed }\nfunc f(*P) -> Void {\nblock0(p: *P):\n    setfield(p, .a, 1.0)\n    return void\n}\n",
            "func f, block0, op 0 `setfield`: operand types (*P, Void, Float) with result Void do not fit the operation",
        ),
        (
            "func g(Signed) -> Signed {\nblock0(x: Signed):\n    return x\n}\nfunc f() -> Signed {\nblock0:\n    v: Signed = direct_call(&g, 1.0)\n    return v\n}\n",
            "func f, block0, op 0 `direct_call`: operand types (*func(Signed) -> Signed, Float) with result Signed do not fit the operation",
        ),
        (
            "func f(Signed) -> Signed {\nblock0(x: Signed):\n    v: Signed = int_add(x, 1)\n    catch goto block1(v)\nblock1(y: Signed):\n    return y\n}\n",
            "func f, block0, exit: catches exceptions after an operation that cannot raise",
        ),
        (
            "func f(Signed) -> Signed {\nblock0(x: Signed):\n    switch x {\n        1 => block1()\n        1 => block1()\n        default => block1()\n    }\nblock1:\n    return 0\n}\n",
            "func f, block0, exit: case 1 appears twice",
        ),
        (
            "struct A gc { a: Signed }\nstruct B gc { b: Signed }\nfunc f(*A) -> *B {\nblock0(p: *A):\n    q: *B = cast_pointer(p)\n    return q\n}\n",
            "func f, block0, op 0 `cast_pointer`: operand types (*A) with result *B do not fit the operation",
        ),
        (
            "struct P { a: Signed, b: Signed }\nglobal @g: P = { a: 1, b: 2.5 }\n",
            "global @g: the constant `2.5:Signed` does not fit its type",
        ),
        (
            "func f() -> u8 {\nblock0:\n    return 300:u8\n}\n",
            "func f, block0, exit: the constant `300:u8` does not fit its type",
        ),
        (
            "struct S gc { n: Signed, items: array(Char) }\nfunc f() -> *S {\nblock0:\n    p: *S = malloc()\n    return p\n}\n",
            "func f, block0, op 0 `malloc`: operand types () with result *S do not fit the operation",
        ),
    ];
    let mut failures = Vec::new();
    for (text, expected) in cases {
        let got = errors(text);
        let first = got.lines().next().unwrap_or_default();
        if first != *expected {
            failures.push(format!("{text}\nexpected: {expected}\n     got: {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
