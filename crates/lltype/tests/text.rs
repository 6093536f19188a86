//! The text form: hand-written modules parse, print as their snapshots,
//! and survive another round; malformed text is reported at the right
//! line and column; and a module built through the API prints, parses
//! and prints again to the same text.

use std::path::Path;

use lltype::{
    parse_module, print_module, Block, Body, ConstValue, Constant, Exit, Field, Function, Global,
    Graph, Handler, Init, Link, LlOp, Module, Operand,
};

/// Parses `text`, prints it, and checks that parsing and printing the
/// print gives it back; returns the print.
fn round_trip(name: &str, text: &str) -> String {
    let module = parse_module(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let printed = print_module(&module);
    let again =
        parse_module(&printed).unwrap_or_else(|e| panic!("{name}, printed: {e}\n{printed}"));
    assert_eq!(
        print_module(&again),
        printed,
        "{name}: the print is not a fixpoint"
    );
    printed
}

/// Every `tests/text/*.ll` file, in name order.
#[test]
fn hand_written_modules_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/text");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/text exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ll"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 8,
        "expected the hand-written modules in {dir:?}"
    );
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let printed = round_trip(&name, &text);
        insta::assert_snapshot!(name, printed);
    }
}

/// The message of the error parsing `text` gives.
fn parse_error(text: &str) -> String {
    match parse_module(text) {
        Ok(m) => panic!("parsed, but should not have:\n{}", print_module(&m)),
        Err(e) => e.to_string(),
    }
}

#[test]
fn unknown_names_are_reported_where_they_are_used() {
    let unknown_variable = "func f(Signed) -> Signed {
block0(v0: Signed):
    v1: Signed = int_add(v0, 1)
    v2: Signed = int_add(v1, v9)
    return v2
}
";
    insta::assert_snapshot!(parse_error(unknown_variable), @"line 4, column 30: unknown variable `v9`");
    let unknown_type = "struct Node gc { next: *Nod }\n";
    insta::assert_snapshot!(parse_error(unknown_type), @"line 1, column 25: unknown type `Nod`");
    let unknown_op = "func f(Signed) -> Signed {\nblock0(x: Signed):\n    y: Signed = int_addd(x, x)\n    return y\n}\n";
    insta::assert_snapshot!(parse_error(unknown_op), @"line 3, column 17: unknown operation `int_addd`");
    let unknown_global =
        "func f() -> Void {\nblock0:\n    keepalive(@nowhere)\n    return void\n}\n";
    insta::assert_snapshot!(parse_error(unknown_global), @"line 3, column 15: unknown global `@nowhere`");
    let unknown_function =
        "func f() -> Void {\nblock0:\n    direct_call(&g)\n    return void\n}\nentry f\n";
    insta::assert_snapshot!(parse_error(unknown_function), @"line 3, column 17: unknown function `&g`");
    let unknown_entry = "entry main\n";
    insta::assert_snapshot!(parse_error(unknown_entry), @"line 1, column 7: unknown function `main`");
}

#[test]
fn blocks_must_be_defined_once_and_end_in_an_exit() {
    let undefined = "func f(Bool) -> Signed {
block0(c: Bool):
    if c then block1() else block7()
block1:
    return 1
}
";
    insta::assert_snapshot!(parse_error(undefined), @"line 3, column 29: block `block7` is used but never defined");
    let twice = "func f() -> Signed {\nblock0:\n    goto block0()\nblock0:\n    return 1\n}\n";
    insta::assert_snapshot!(parse_error(twice), @"line 4, column 1: block `block0` is defined twice");
    let no_exit =
        "func f() -> Signed {\nblock0:\n    v0: Signed = same_as(1)\nblock1:\n    return 1\n}\n";
    insta::assert_snapshot!(parse_error(no_exit), @"line 2, column 1: block `block0` has no exit");
    let after_exit =
        "func f() -> Signed {\nblock0:\n    return 1\n    v0: Signed = same_as(1)\n}\n";
    insta::assert_snapshot!(parse_error(after_exit), @"line 4, column 5: expected a block header after the exit of block `block0`, found `v0`");
    let entry_params = "func f(Signed, Signed) -> Signed {\nblock0(x: Signed):\n    return x\n}\n";
    insta::assert_snapshot!(parse_error(entry_params), @"line 2, column 1: the entry block takes (Signed) but function `f` takes (Signed, Signed)");
    let no_blocks = "func f() -> Void {\n}\n";
    insta::assert_snapshot!(parse_error(no_blocks), @"line 2, column 1: function `f` has no blocks");
    let unclosed = "func f() -> Void {\nblock0:\n    return void\nfunc g() -> Void {\nblock0:\n    return void\n}\n";
    insta::assert_snapshot!(parse_error(unclosed), @"line 3, column 16: expected `}` closing function `f`, found end of line");
}

#[test]
fn variables_are_defined_once() {
    let twice = "func f(Signed) -> Signed {\nblock0(x: Signed):\n    x: Signed = int_neg(x)\n    return x\n}\n";
    insta::assert_snapshot!(parse_error(twice), @"line 3, column 5: variable `x` is defined twice");
    let keyword = "func f(Signed) -> Signed {\nblock0(null: Signed):\n    return null\n}\n";
    insta::assert_snapshot!(parse_error(keyword), @"line 2, column 8: `null` is a constant and cannot name a variable");
    let self_use = "func f() -> Signed {\nblock0:\n    x: Signed = int_neg(x)\n    return x\n}\n";
    insta::assert_snapshot!(parse_error(self_use), @"line 3, column 25: unknown variable `x`");
}

#[test]
fn constants_and_initialisers_need_their_types() {
    let untyped_null = "struct N gc {}\nfunc f() -> *N {\nblock0:\n    return null\n}\n";
    insta::assert_snapshot!(parse_error(untyped_null), @"line 4, column 12: `null` needs its type here: write `null:T`");
    let wrong_field =
        "struct Node gc { next: *Node, value: Signed }\nglobal @n: Node = { next: null, val: 3 }\n";
    insta::assert_snapshot!(parse_error(wrong_field), @"line 2, column 33: expected field `value` of struct `Node`, found `val`");
    let missing_field =
        "struct Node gc { next: *Node, value: Signed }\nglobal @n: Node = { next: null }\n";
    insta::assert_snapshot!(parse_error(missing_field), @"line 2, column 32: missing field `value` of struct `Node`");
    let not_an_array = "struct P { x: Signed }\nglobal @p: P = { x: [1] }\n";
    insta::assert_snapshot!(parse_error(not_an_array), @"line 2, column 21: `[` starts an array, but the type here is `Signed`");
    let bad_offset =
        "struct P { x: Signed }\nfunc f() -> Signed {\nblock0:\n    return offsetof(P, y)\n}\n";
    insta::assert_snapshot!(parse_error(bad_offset), @"line 4, column 24: struct `P` has no field `y`");
    let bad_nan = "func f() -> Float {\nblock0:\n    return nan(0x1)\n}\n";
    insta::assert_snapshot!(parse_error(bad_nan), @"line 3, column 16: expected the bits of a NaN, `0x...`");
}

#[test]
fn types_are_checked_by_their_builders() {
    let ptr_to_prim = "struct S { p: *Signed }\n";
    insta::assert_snapshot!(parse_error(ptr_to_prim), @"line 1, column 15: cannot point to Signed: only to structs, arrays, functions and opaque types");
    let array_not_last = "struct S { items: array(Char), len: Signed }\n";
    insta::assert_snapshot!(parse_error(array_not_last), @"line 1, column 12: field `items` of struct `S`: an inlined array must be the last field");
    let duplicate_field = "struct S { x: Signed, x: Float }\n";
    insta::assert_snapshot!(parse_error(duplicate_field), @"line 1, column 23: struct `S` has two fields named `x`");
    let duplicate_struct = "struct S {}\nstruct S gc {}\n";
    insta::assert_snapshot!(parse_error(duplicate_struct), @"line 2, column 8: a struct named `S` already exists");
    let keyword_struct = "struct Signed {}\n";
    insta::assert_snapshot!(parse_error(keyword_struct), @"line 1, column 8: `Signed` names a type already and cannot name a struct");
    let array_of_void =
        "func f(*array(Void)) -> Void {\nblock0(x: *array(Void)):\n    return void\n}\n";
    insta::assert_snapshot!(parse_error(array_of_void), @"line 1, column 9: cannot make an array of Void");
    let duplicate_function = "extern func f() -> Void\nextern func f() -> Signed\n";
    insta::assert_snapshot!(parse_error(duplicate_function), @"line 2, column 13: a function named `f` already exists");
}

#[test]
fn malformed_text_is_reported_where_it_goes_wrong() {
    let garbage = "struct S {}\nbogus line\n";
    insta::assert_snapshot!(parse_error(garbage), @"line 2, column 1: expected `struct`, `global`, `extern func`, `func`, `entry` or `on_fatal`, found `bogus`");
    let missing_paren = "func f(Signed) -> Signed {\nblock0(x: Signed):\n    y: Signed = int_neg(x\n    return y\n}\n";
    insta::assert_snapshot!(parse_error(missing_paren), @"line 3, column 26: expected `,` or `)`, found end of line");
    let no_brace = "func f() -> Signed\nblock0:\n    return 1\n}\n";
    insta::assert_snapshot!(parse_error(no_brace), @"line 1, column 19: expected `{` starting the function's body, found end of line");
    let trailing = "func f() -> Signed {\nblock0:\n    return 1 2\n}\n";
    insta::assert_snapshot!(parse_error(trailing), @"line 3, column 14: expected end of line, found `2`");
    let string = "extern func f() -> Void in \"posix\n";
    insta::assert_snapshot!(parse_error(string), @"line 1, column 28: unterminated string");
    let escape = "extern func f() -> Void in \"a\\qb\"\n";
    insta::assert_snapshot!(parse_error(escape), @"line 1, column 30: unknown escape `\\q`");
    let character =
        "func f() -> Bool {\nblock0:\n    v0: Bool = char_eq('ab', 'c')\n    return v0\n}\n";
    insta::assert_snapshot!(parse_error(character), @"line 3, column 24: unterminated character literal");
    let big =
        "func f() -> Signed {\nblock0:\n    return 340282366920938463463374607431768211456\n}\n";
    insta::assert_snapshot!(parse_error(big), @"line 3, column 12: integer literal out of range");
    let switch = "func f(Signed) -> Void {\nblock0(x: Signed):\n    switch x {\n        one => block0(x)\n    }\n}\n";
    insta::assert_snapshot!(parse_error(switch), @"line 4, column 9: expected a case value or `default`, found `one`");
    let handler = "extern func g() -> Void\nfunc f() -> Void {\nblock0:\n    direct_call(&g)\n    catch goto block1()\n      except * (e: Signed) goto block1()\nblock1:\n    return void\n}\n";
    insta::assert_snapshot!(parse_error(handler), @"line 6, column 26: expected `,`, found `)`");
}

/// A module built through the API: a loop summing `0..n` with a branch,
/// a switch, a call caught by two handlers, and `Void` operations whose
/// results are unused (printed bare) or used (named and passed on).
fn built_module() -> Module {
    let mut m = Module::new();
    let t = &mut m.types;
    let (signed, boolean, void) = (t.signed(), t.bool(), t.void());
    let vtable = t.declare_struct("Vtable", false).unwrap();
    t.define_struct(
        vtable,
        vec![Field {
            name: "id".into(),
            ty: signed,
        }],
    )
    .unwrap();
    let vtable_ptr = t.ptr(vtable).unwrap();
    let object = t.declare_struct("Object", true).unwrap();
    t.define_struct(
        object,
        vec![Field {
            name: "typeptr".into(),
            ty: vtable_ptr,
        }],
    )
    .unwrap();
    let object_ptr = t.ptr(object).unwrap();
    let counter = t.declare_struct("Counter", true).unwrap();
    t.define_struct(
        counter,
        vec![Field {
            name: "hits".into(),
            ty: signed,
        }],
    )
    .unwrap();
    let counter_ptr = t.ptr(counter).unwrap();
    let sum_ty = t.func(vec![signed], signed);
    let main_ty = t.func(vec![signed, counter_ptr], signed);

    let vt_error = m
        .add_global(Global {
            name: "vt_Error".into(),
            ty: vtable,
            init: Init::Struct(vec![Init::Value(Constant::new(ConstValue::Int(1), signed))]),
            immutable: true,
        })
        .unwrap();
    let hits = m
        .add_global(Global {
            name: "hits".into(),
            ty: counter,
            init: Init::Zero,
            immutable: false,
        })
        .unwrap();

    // sum(n): block0(n) -> block1(n, 0, 0); block1 loops through block2
    // while i < n, then returns the total from block3.
    let mut g = Graph::new(&[signed]);
    let n = g.blocks[g.entry].params[0];
    g.vars[n].name = Some("n".into());
    let head = g.new_block(&[signed, signed, signed]);
    let body = g.new_block(&[signed, signed, signed]);
    let done = g.new_block(&[signed]);
    let int = |i: i128| Operand::Const(Constant::new(ConstValue::Int(i), signed));
    g.blocks[g.entry].exit = Exit::Goto(Link {
        target: head,
        args: vec![n.into(), int(0), int(0)],
    });
    let [hn, hi, ht] = g.blocks[head].params[..] else {
        unreachable!()
    };
    g.vars[ht].name = Some("total".into());
    let more = g.push_op(head, LlOp::IntLt, vec![hi.into(), hn.into()], boolean);
    g.blocks[head].exit = Exit::Branch {
        cond: more.into(),
        if_true: Link {
            target: body,
            args: vec![hn.into(), hi.into(), ht.into()],
        },
        if_false: Link {
            target: done,
            args: vec![ht.into()],
        },
    };
    let [bn, bi, bt] = g.blocks[body].params[..] else {
        unreachable!()
    };
    let total = g.push_op(body, LlOp::IntAdd, vec![bt.into(), bi.into()], signed);
    let next = g.push_op(body, LlOp::IntAdd, vec![bi.into(), int(1)], signed);
    g.blocks[body].exit = Exit::Goto(Link {
        target: head,
        args: vec![bn.into(), next.into(), total.into()],
    });
    let result = g.blocks[done].params[0];
    g.blocks[done].exit = Exit::Return(result.into());
    let sum = m
        .add_function(Function {
            name: "sum".into(),
            ty: sum_ty,
            body: Body::Graph(g),
            unit: "demo".into(),
            origin: Some("demo.py:1".into()),
            inline: lltype::Inline::Auto,
        })
        .unwrap();

    // main(x, counter): switch on x; case 0 calls sum under a catch with
    // a handler for vt_Error and a catch-all; the others count a hit.
    let mut g = Graph::new(&[signed, counter_ptr]);
    let [x, c] = g.blocks[g.entry].params[..] else {
        unreachable!()
    };
    let call = g.new_block(&[signed]);
    let count = g.new_block(&[counter_ptr]);
    let ret = g.new_block(&[signed]);
    let caught = g.new_block(&[object_ptr]);
    let reraise = g.new_block(&[vtable_ptr, object_ptr]);
    let ret_void = g.new_block(&[void]);
    g.blocks[g.entry].exit = Exit::Switch {
        value: x.into(),
        cases: vec![
            (
                0,
                Link {
                    target: call,
                    args: vec![x.into()],
                },
            ),
            (
                -1,
                Link {
                    target: count,
                    args: vec![c.into()],
                },
            ),
        ],
        default: Link {
            target: ret,
            args: vec![int(7)],
        },
    };
    let arg = g.blocks[call].params[0];
    let sum_ptr = m.types.ptr(sum_ty).unwrap();
    let callee = Operand::Const(Constant::new(ConstValue::Func(sum), sum_ptr));
    let r = g.push_op(call, LlOp::DirectCall, vec![callee, arg.into()], signed);
    let (et1, ev1) = (
        g.new_var(vtable_ptr, Some("etype")),
        g.new_var(object_ptr, Some("evalue")),
    );
    let (et2, ev2) = (g.new_var(vtable_ptr, None), g.new_var(object_ptr, None));
    let error_ptr = m.types.ptr(vtable).unwrap();
    g.blocks[call].exit = Exit::Catch {
        normal: Link {
            target: ret,
            args: vec![r.into()],
        },
        handlers: vec![
            Handler {
                class: Some(Constant::new(ConstValue::Global(vt_error), error_ptr)),
                etype: et1,
                evalue: ev1,
                link: Link {
                    target: caught,
                    args: vec![ev1.into()],
                },
            },
            Handler {
                class: None,
                etype: et2,
                evalue: ev2,
                link: Link {
                    target: reraise,
                    args: vec![et2.into(), ev2.into()],
                },
            },
        ],
    };
    let name = |n: &str| Operand::Const(Constant::new(ConstValue::Name(n.into()), void));
    let cp = g.blocks[count].params[0];
    let old = g.push_op(count, LlOp::GetField, vec![cp.into(), name("hits")], signed);
    let new = g.push_op(count, LlOp::IntAdd, vec![old.into(), int(1)], signed);
    g.push_op(
        count,
        LlOp::SetField,
        vec![cp.into(), name("hits"), new.into()],
        void,
    );
    let hits_ptr = m.types.ptr(counter).unwrap();
    let global = Operand::Const(Constant::new(ConstValue::Global(hits), hits_ptr));
    let kept = g.push_op(count, LlOp::KeepAlive, vec![global], void);
    g.blocks[count].exit = Exit::Goto(Link {
        target: ret_void,
        args: vec![kept.into()],
    });
    let rv = g.blocks[ret].params[0];
    g.blocks[ret].exit = Exit::Return(rv.into());
    g.blocks[caught].exit = Exit::Return(int(-1));
    let [rt, rvv] = g.blocks[reraise].params[..] else {
        unreachable!()
    };
    g.blocks[reraise].exit = Exit::Raise {
        etype: rt.into(),
        evalue: rvv.into(),
    };
    g.blocks[ret_void].exit = Exit::Return(int(0));
    let main = m
        .add_function(Function {
            name: "main".into(),
            ty: main_ty,
            body: Body::Graph(g),
            unit: "demo".into(),
            origin: None,
            inline: lltype::Inline::Auto,
        })
        .unwrap();
    m.entry = Some(main);
    m
}

#[test]
fn a_built_module_prints_parses_and_prints_the_same() {
    let m = built_module();
    let printed = print_module(&m);
    let parsed = parse_module(&printed).unwrap_or_else(|e| panic!("{e}\n{printed}"));
    assert_eq!(print_module(&parsed), printed);
    let Body::Graph(g) = &parsed.functions[parsed.function_named("main").unwrap()].body else {
        panic!("main has a body");
    };
    assert_eq!(g.reachable_blocks().len(), 7);
    let _: Block = g.entry;
    insta::assert_snapshot!(printed);
}

/// Names the printer must adapt so they read back: a message as a name
/// constant, naming hints that are not identifiers, and a `Void` result
/// whose only use is in a block that is not printed.
#[test]
fn awkward_names_print_so_they_read_back() {
    let mut m = Module::new();
    let (signed, void, boolean) = (m.types.signed(), m.types.void(), m.types.bool());
    let fty = m.types.func(vec![signed], signed);
    let mut g = Graph::new(&[signed]);
    let x = g.blocks[g.entry].params[0];
    g.vars[x].name = Some("self.x".into());
    let name = |n: &str| Operand::Const(Constant::new(ConstValue::Name(n.into()), void));
    let yes = Operand::Const(Constant::new(ConstValue::Bool(true), boolean));
    let checked = g.push_op(
        g.entry,
        LlOp::DebugAssert,
        vec![yes, name("index out of range")],
        void,
    );
    g.push_op(
        g.entry,
        LlOp::JitMarker,
        vec![name(""), name("ok"), x.into()],
        void,
    );
    let second = g.push_op(g.entry, LlOp::IntNeg, vec![x.into()], signed);
    g.vars[second].name = Some("2nd".into());
    let unnamed = g.push_op(g.entry, LlOp::IntNeg, vec![second.into()], signed);
    g.vars[unnamed].name = Some(String::new());
    let dead = g.new_block(&[]);
    g.blocks[dead].exit = Exit::Return(checked.into());
    g.blocks[g.entry].exit = Exit::Return(unnamed.into());
    let f = Function {
        name: "f".into(),
        ty: fty,
        body: Body::Graph(g),
        unit: String::new(),
        origin: None,
        inline: lltype::Inline::Auto,
    };
    m.add_function(f).unwrap();
    let printed = print_module(&m);
    assert_eq!(round_trip("awkward names", &printed), printed);
    insta::assert_snapshot!(printed, @r#"
    func f(Signed) -> Signed {
    block0(self_x_0: Signed):
        debug_assert(true, ."index out of range")
        jit_marker(."", .ok, self_x_0)
        _2nd_1: Signed = int_neg(self_x_0)
        _2: Signed = int_neg(_2nd_1)
        return _2
    }
    "#);
}

/// Cutting a module anywhere gives a module or an error, never a panic.
#[test]
fn every_prefix_of_a_module_parses_or_fails_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/text");
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (cut, _) in text.char_indices() {
            if let Err(e) = parse_module(&text[..cut]) {
                assert!(e.line >= 1 && e.column >= 1, "{e}");
            }
        }
    }
}
