//! Unit tests of the host object model, building values directly (no
//! compiler or interpreter loop involved).

use super::object::{Args, NativeFn, Object};
use super::value::{PyStr, Value};
use super::vm::{PyResult, Vm};
use crate::bytecode::{BinOp, CmpOp, UnaryOp};

fn vm() -> Vm {
    Vm::new(vec![])
}

fn s(text: &str) -> Value {
    Value::str(text)
}

fn repr(vm: &mut Vm, v: &Value) -> String {
    vm.repr(v).expect("repr").as_str().to_owned()
}

fn str_of(vm: &mut Vm, v: &Value) -> String {
    vm.str(v).expect("str").as_str().to_owned()
}

/// The `str()` of the exception raised by `r`, prefixed by its class name.
fn err<T: std::fmt::Debug>(vm: &mut Vm, r: PyResult<T>) -> String {
    let e = r.expect_err("expected an exception");
    let name = vm.type_name(e.value());
    let msg = str_of(vm, &e.value().clone());
    format!("{name}: {msg}")
}

fn builtin(vm: &mut Vm, name: &str) -> Value {
    let m = vm.builtins;
    vm.getattr(&Value::Ref(m), &PyStr::new(name))
        .expect("builtin exists")
}

fn call(vm: &mut Vm, name: &str, args: Vec<Value>) -> PyResult<Value> {
    let f = builtin(vm, name);
    vm.call(&f, Args::new(args))
}

fn method(vm: &mut Vm, obj: &Value, name: &str, args: Vec<Value>) -> PyResult<Value> {
    let f = vm.getattr(obj, &PyStr::new(name))?;
    vm.call(&f, Args::new(args))
}

fn bin(vm: &mut Vm, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
    vm.binary_op(op, a, b)
}

fn int(i: i64) -> Value {
    Value::Int(i)
}

#[test]
fn int_arithmetic_follows_python() {
    let mut vm = vm();
    assert_eq!(
        bin(&mut vm, BinOp::FloorDiv, int(-7), int(2)).unwrap(),
        int(-4)
    );
    assert_eq!(bin(&mut vm, BinOp::Mod, int(-7), int(2)).unwrap(), int(1));
    assert_eq!(bin(&mut vm, BinOp::Mod, int(7), int(-2)).unwrap(), int(-1));
    assert_eq!(
        bin(&mut vm, BinOp::FloorDiv, int(7), int(-2)).unwrap(),
        int(-4)
    );
    assert_eq!(
        bin(&mut vm, BinOp::Add, Value::Bool(true), Value::Bool(true)).unwrap(),
        int(2)
    );
    assert_eq!(
        bin(&mut vm, BinOp::And, Value::Bool(true), Value::Bool(false)).unwrap(),
        Value::Bool(false)
    );
    assert_eq!(
        bin(&mut vm, BinOp::LShift, int(1), int(10)).unwrap(),
        int(1024)
    );
    assert_eq!(
        bin(&mut vm, BinOp::RShift, int(-5), int(1)).unwrap(),
        int(-3)
    );
    assert_eq!(
        bin(&mut vm, BinOp::Pow, int(2), int(-1)).unwrap(),
        Value::Float(0.5)
    );
    assert_eq!(
        bin(&mut vm, BinOp::TrueDiv, int(7), int(2)).unwrap(),
        Value::Float(3.5)
    );
    assert_eq!(vm.unary_op(UnaryOp::Invert, int(5)).unwrap(), int(-6));
    assert_eq!(
        vm.unary_op(UnaryOp::Neg, Value::Bool(true)).unwrap(),
        int(-1)
    );
}

#[test]
fn int_overflow_promotes_to_bigint_and_back() {
    let mut vm = vm();
    let big = bin(&mut vm, BinOp::Mul, int(i64::MAX), int(2)).unwrap();
    assert!(matches!(big, Value::BigInt(_)));
    assert_eq!(repr(&mut vm, &big), "18446744073709551614");
    let back = bin(&mut vm, BinOp::FloorDiv, big, int(2)).unwrap();
    assert_eq!(back, int(i64::MAX));
    let p = bin(&mut vm, BinOp::Pow, int(2), int(100)).unwrap();
    assert_eq!(repr(&mut vm, &p), "1267650600228229401496703205376");
    let neg = vm.unary_op(UnaryOp::Neg, int(i64::MIN)).unwrap();
    assert_eq!(repr(&mut vm, &neg), "9223372036854775808");
    let shifted = bin(&mut vm, BinOp::LShift, int(1), int(64)).unwrap();
    assert_eq!(repr(&mut vm, &shifted), "18446744073709551616");
    assert_eq!(
        vm.compare(CmpOp::Gt, shifted.clone(), int(5)).unwrap(),
        Value::Bool(true)
    );
    assert_eq!(
        vm.compare(CmpOp::Eq, shifted, Value::Float(18446744073709551616.0))
            .unwrap(),
        Value::Bool(true)
    );
}

#[test]
fn division_by_zero_messages() {
    let mut vm = vm();
    let r = bin(&mut vm, BinOp::TrueDiv, int(1), int(0));
    assert_eq!(err(&mut vm, r), "ZeroDivisionError: division by zero");
    let r = bin(&mut vm, BinOp::FloorDiv, int(1), int(0));
    assert_eq!(
        err(&mut vm, r),
        "ZeroDivisionError: integer division or modulo by zero"
    );
    let r = bin(&mut vm, BinOp::Mod, int(1), int(0));
    assert_eq!(err(&mut vm, r), "ZeroDivisionError: integer modulo by zero");
    let r = bin(&mut vm, BinOp::TrueDiv, Value::Float(1.0), int(0));
    assert_eq!(err(&mut vm, r), "ZeroDivisionError: float division by zero");
    let r = bin(&mut vm, BinOp::Mod, Value::Float(1.0), Value::Float(0.0));
    assert_eq!(err(&mut vm, r), "ZeroDivisionError: float modulo");
}

#[test]
fn float_floor_division_and_modulo() {
    let mut vm = vm();
    assert_eq!(
        bin(&mut vm, BinOp::FloorDiv, Value::Float(-7.0), int(2)).unwrap(),
        Value::Float(-4.0)
    );
    assert_eq!(
        bin(&mut vm, BinOp::Mod, Value::Float(-7.5), int(2)).unwrap(),
        Value::Float(0.5)
    );
    assert_eq!(
        bin(&mut vm, BinOp::Mod, Value::Float(7.5), int(-2)).unwrap(),
        Value::Float(-0.5)
    );
    assert_eq!(
        bin(&mut vm, BinOp::Add, int(1), Value::Float(0.5)).unwrap(),
        Value::Float(1.5)
    );
}

#[test]
fn type_errors_name_both_operands() {
    let mut vm = vm();
    let r = bin(&mut vm, BinOp::Add, int(1), s("a"));
    assert_eq!(
        err(&mut vm, r),
        "TypeError: unsupported operand type(s) for +: 'int' and 'str'"
    );
    let r = vm.compare(CmpOp::Lt, int(1), s("a"));
    assert_eq!(
        err(&mut vm, r),
        "TypeError: '<' not supported between instances of 'int' and 'str'"
    );
    let r = bin(&mut vm, BinOp::Add, s("a"), int(1));
    assert_eq!(
        err(&mut vm, r),
        "TypeError: can only concatenate str (not \"int\") to str"
    );
    let r = vm.unary_op(UnaryOp::Neg, s("a"));
    assert_eq!(
        err(&mut vm, r),
        "TypeError: bad operand type for unary -: 'str'"
    );
}

#[test]
fn sequences_concatenate_and_repeat() {
    let mut vm = vm();
    assert_eq!(
        bin(&mut vm, BinOp::Mul, s("ab"), int(3)).unwrap(),
        s("ababab")
    );
    assert_eq!(bin(&mut vm, BinOp::Mul, int(2), s("x")).unwrap(), s("xx"));
    let t = bin(
        &mut vm,
        BinOp::Add,
        Value::tuple(vec![int(1)]),
        Value::tuple(vec![int(2)]),
    )
    .unwrap();
    assert_eq!(repr(&mut vm, &t), "(1, 2)");
    let l = vm.new_list(vec![int(0)]);
    let l3 = bin(&mut vm, BinOp::Mul, l.clone(), int(3)).unwrap();
    assert_eq!(repr(&mut vm, &l3), "[0, 0, 0]");
    let same = vm
        .inplace_op(BinOp::Add, l.clone(), Value::tuple(vec![int(5)]))
        .unwrap();
    assert!(same.is(&l));
    assert_eq!(repr(&mut vm, &l), "[0, 5]");
}

#[test]
fn reprs_of_builtin_values() {
    let mut vm = vm();
    assert_eq!(repr(&mut vm, &s("it's")), "\"it's\"");
    assert_eq!(repr(&mut vm, &s("a'b\"c\n")), "'a\\'b\"c\\n'");
    assert_eq!(repr(&mut vm, &Value::bytes(b"a\x00'")), "b\"a\\x00'\"");
    assert_eq!(repr(&mut vm, &Value::tuple(vec![int(1)])), "(1,)");
    assert_eq!(repr(&mut vm, &Value::tuple(vec![])), "()");
    assert_eq!(repr(&mut vm, &Value::None), "None");
    let set = vm.new_set(false);
    assert_eq!(repr(&mut vm, &set), "set()");
    let d = vm.new_dict();
    vm.dict_set(&d, s("a"), int(1)).unwrap();
    vm.dict_set(&d, int(2), Value::tuple(vec![s("x"), Value::Bool(true)]))
        .unwrap();
    assert_eq!(repr(&mut vm, &d), "{'a': 1, 2: ('x', True)}");
    let l = vm.new_list(vec![int(1)]);
    if let Value::Ref(r) = &l {
        if let Object::List(items) = vm.heap.get_mut(*r) {
            items.push(l.clone());
        }
    }
    assert_eq!(repr(&mut vm, &l), "[1, [...]]");
    let int_cls = Value::Ref(vm.types.int);
    assert_eq!(repr(&mut vm, &int_cls), "<class 'int'>");
    let r = call(&mut vm, "range", vec![int(0), int(10), int(2)]).unwrap();
    assert_eq!(repr(&mut vm, &r), "range(0, 10, 2)");
}

#[test]
fn exception_str_and_repr() {
    let mut vm = vm();
    let ve = Value::Ref(vm.types.value_error);
    let e = vm.call(&ve, Args::new(vec![s("bad")])).unwrap();
    assert_eq!(repr(&mut vm, &e), "ValueError('bad')");
    assert_eq!(str_of(&mut vm, &e), "bad");
    let e2 = vm.call(&ve, Args::new(vec![int(1), s("x")])).unwrap();
    assert_eq!(str_of(&mut vm, &e2), "(1, 'x')");
    assert_eq!(repr(&mut vm, &e2), "ValueError(1, 'x')");
    let ke = Value::Ref(vm.types.key_error);
    let k = vm.call(&ke, Args::new(vec![s("k")])).unwrap();
    assert_eq!(str_of(&mut vm, &k), "'k'");
    let empty = vm.call(&ve, Args::default()).unwrap();
    assert_eq!(str_of(&mut vm, &empty), "");
    let lookup = Value::Ref(vm.types.lookup_error);
    assert!(vm.exc_match(&k, &lookup).unwrap());
    assert!(!vm.exc_match(&e, &lookup).unwrap());
    let exc = vm.make_raisable(Value::Ref(vm.types.index_error));
    assert_eq!(vm.type_name(exc.value()), "IndexError");
    let exc = vm.make_raisable(int(3));
    assert_eq!(
        err::<()>(&mut vm, Err(exc)),
        "TypeError: exceptions must derive from BaseException"
    );
}

#[test]
fn dict_keys_collide_by_python_equality() {
    let mut vm = vm();
    let d = vm.new_dict();
    vm.dict_set(&d, int(1), s("int")).unwrap();
    vm.dict_set(&d, Value::Float(1.0), s("float")).unwrap();
    vm.dict_set(&d, Value::Bool(true), s("bool")).unwrap();
    assert_eq!(vm.len(&d).unwrap(), 1);
    assert_eq!(repr(&mut vm, &d), "{1: 'bool'}");
    let tuple_key = Value::tuple(vec![int(1), s("a")]);
    vm.dict_set(&d, tuple_key, int(7)).unwrap();
    let probe = Value::tuple(vec![Value::Float(1.0), s("a")]);
    assert_eq!(vm.dict_get(&d, &probe).unwrap(), Some(int(7)));
    let l = vm.new_list(vec![]);
    let r = vm.dict_set(&d, l, int(0));
    assert_eq!(err(&mut vm, r), "TypeError: unhashable type: 'list'");
    let r = vm.getitem(&d, &s("missing"));
    assert_eq!(err(&mut vm, r), "KeyError: 'missing'");
}

#[test]
fn dict_keeps_order_through_many_deletions() {
    let mut vm = vm();
    let d = vm.new_dict();
    for i in 0..1000 {
        vm.dict_set(&d, int(i), int(i * i)).unwrap();
    }
    for i in (0..1000).filter(|i| i % 3 != 0) {
        vm.delitem(&d, &int(i)).unwrap();
    }
    vm.dict_set(&d, int(1), s("again")).unwrap();
    let keys = vm.collect(&d).unwrap();
    assert_eq!(keys.len(), 335);
    assert_eq!(keys[0], int(0));
    assert_eq!(keys[1], int(3));
    assert_eq!(keys[333], int(999));
    assert_eq!(keys[334], int(1));
    assert_eq!(vm.dict_get(&d, &int(999)).unwrap(), Some(int(998001)));
    let pop = method(&mut vm, &d, "popitem", vec![]).unwrap();
    assert_eq!(repr(&mut vm, &pop), "(1, 'again')");
}

#[test]
fn list_methods() {
    let mut vm = vm();
    let l = vm.new_list(vec![int(3), int(1), int(2)]);
    method(&mut vm, &l, "append", vec![int(5)]).unwrap();
    method(&mut vm, &l, "insert", vec![int(0), int(9)]).unwrap();
    assert_eq!(repr(&mut vm, &l), "[9, 3, 1, 2, 5]");
    assert_eq!(method(&mut vm, &l, "pop", vec![]).unwrap(), int(5));
    assert_eq!(method(&mut vm, &l, "pop", vec![int(0)]).unwrap(), int(9));
    assert_eq!(method(&mut vm, &l, "index", vec![int(2)]).unwrap(), int(2));
    let r = method(&mut vm, &l, "index", vec![int(42)]);
    assert_eq!(err(&mut vm, r), "ValueError: 42 is not in list");
    method(&mut vm, &l, "sort", vec![]).unwrap();
    assert_eq!(repr(&mut vm, &l), "[1, 2, 3]");
    method(&mut vm, &l, "reverse", vec![]).unwrap();
    assert_eq!(repr(&mut vm, &l), "[3, 2, 1]");
    method(&mut vm, &l, "remove", vec![int(2)]).unwrap();
    assert_eq!(repr(&mut vm, &l), "[3, 1]");
    let r = vm.getitem(&l, &int(5));
    assert_eq!(err(&mut vm, r), "IndexError: list index out of range");
    let r = vm.setitem(&l, &int(-3), int(0));
    assert_eq!(
        err(&mut vm, r),
        "IndexError: list assignment index out of range"
    );
    let empty = vm.new_list(vec![]);
    let r = method(&mut vm, &empty, "pop", vec![]);
    assert_eq!(err(&mut vm, r), "IndexError: pop from empty list");
}

#[test]
fn sort_is_stable_with_key_and_reverse() {
    let mut vm = vm();
    let words: Vec<Value> = ["bb", "a", "ccc", "dd", "e", "fff", "gg"]
        .iter()
        .map(|w| s(w))
        .collect();
    let l = vm.new_list(words);
    let len = builtin(&mut vm, "len");
    let f = vm.getattr(&l, &PyStr::new("sort")).unwrap();
    let args = Args {
        args: vec![],
        kwargs: vec![(PyStr::new("key"), len.clone())],
    };
    vm.call(&f, args).unwrap();
    assert_eq!(
        repr(&mut vm, &l),
        "['a', 'e', 'bb', 'dd', 'gg', 'ccc', 'fff']"
    );
    let sorted = builtin(&mut vm, "sorted");
    let args = Args {
        args: vec![l.clone()],
        kwargs: vec![
            (PyStr::new("key"), len),
            (PyStr::new("reverse"), Value::Bool(true)),
        ],
    };
    let r = vm.call(&sorted, args).unwrap();
    assert_eq!(
        repr(&mut vm, &r),
        "['ccc', 'fff', 'bb', 'dd', 'gg', 'a', 'e']"
    );
    let mixed = vm.new_list(vec![int(1), s("a")]);
    let r = method(&mut vm, &mixed, "sort", vec![]);
    assert_eq!(
        err(&mut vm, r),
        "TypeError: '<' not supported between instances of 'str' and 'int'"
    );
}

#[test]
fn slices_of_sequences() {
    let mut vm = vm();
    let l = vm.new_list((0..10).map(int).collect());
    let sl = call(&mut vm, "slice", vec![int(1), int(8), int(3)]).unwrap();
    let r = vm.getitem(&l, &sl).unwrap();
    assert_eq!(repr(&mut vm, &r), "[1, 4, 7]");
    let rev = call(&mut vm, "slice", vec![Value::None, Value::None, int(-1)]).unwrap();
    assert_eq!(vm.getitem(&s("abc"), &rev).unwrap(), s("cba"));
    let tail = call(&mut vm, "slice", vec![int(-2), Value::None]).unwrap();
    let r = vm
        .getitem(&Value::tuple(vec![int(1), int(2), int(3)]), &tail)
        .unwrap();
    assert_eq!(repr(&mut vm, &r), "(2, 3)");
    let head = call(&mut vm, "slice", vec![int(2)]).unwrap();
    let repl = vm.new_list(vec![s("x")]);
    vm.setitem(&l, &head, repl).unwrap();
    vm.delitem(&l, &sl).unwrap();
    assert_eq!(repr(&mut vm, &l), "['x', 3, 4, 6, 7, 9]");
    let r = vm.getitem(&s("abc"), &int(3));
    assert_eq!(err(&mut vm, r), "IndexError: string index out of range");
}

#[test]
fn builtin_functions() {
    let mut vm = vm();
    let l = vm.new_list(vec![int(3), int(7), int(5)]);
    assert_eq!(call(&mut vm, "max", vec![l.clone()]).unwrap(), int(7));
    assert_eq!(
        call(&mut vm, "min", vec![int(4), int(2), int(9)]).unwrap(),
        int(2)
    );
    assert_eq!(call(&mut vm, "sum", vec![l.clone()]).unwrap(), int(15));
    assert_eq!(call(&mut vm, "len", vec![s("héllo")]).unwrap(), int(5));
    assert_eq!(call(&mut vm, "ord", vec![s("A")]).unwrap(), int(65));
    assert_eq!(call(&mut vm, "chr", vec![int(233)]).unwrap(), s("é"));
    assert_eq!(call(&mut vm, "hex", vec![int(-255)]).unwrap(), s("-0xff"));
    assert_eq!(call(&mut vm, "bin", vec![int(5)]).unwrap(), s("0b101"));
    assert_eq!(call(&mut vm, "abs", vec![int(-4)]).unwrap(), int(4));
    let d = call(&mut vm, "divmod", vec![int(-7), int(2)]).unwrap();
    assert_eq!(repr(&mut vm, &d), "(-4, 1)");
    assert_eq!(
        call(&mut vm, "pow", vec![int(3), int(4), int(5)]).unwrap(),
        int(1)
    );
    assert_eq!(
        call(&mut vm, "round", vec![Value::Float(2.5)]).unwrap(),
        int(2)
    );
    assert_eq!(
        call(&mut vm, "round", vec![Value::Float(3.5)]).unwrap(),
        int(4)
    );
    assert_eq!(
        call(&mut vm, "round", vec![Value::Float(2.675), int(2)]).unwrap(),
        Value::Float(2.67)
    );
    let e = call(&mut vm, "enumerate", vec![s("ab")]).unwrap();
    let items = vm.collect(&e).unwrap();
    assert_eq!(repr(&mut vm, &Value::tuple(items)), "((0, 'a'), (1, 'b'))");
    let z = call(&mut vm, "zip", vec![l.clone(), s("xy")]).unwrap();
    let items = vm.collect(&z).unwrap();
    assert_eq!(repr(&mut vm, &Value::tuple(items)), "((3, 'x'), (7, 'y'))");
    let r = call(&mut vm, "reversed", vec![l.clone()]).unwrap();
    let items = vm.collect(&r).unwrap();
    assert_eq!(items, vec![int(5), int(7), int(3)]);
    let rng = call(&mut vm, "range", vec![int(10), int(0), int(-3)]).unwrap();
    assert_eq!(
        vm.collect(&rng).unwrap(),
        vec![int(10), int(7), int(4), int(1)]
    );
    assert_eq!(
        vm.compare(CmpOp::In, int(4), rng.clone()).unwrap(),
        Value::Bool(true)
    );
    assert_eq!(
        vm.compare(CmpOp::In, int(5), rng).unwrap(),
        Value::Bool(false)
    );
    let empty = vm.new_list(vec![]);
    let r = call(&mut vm, "max", vec![empty]);
    assert_eq!(
        err(&mut vm, r),
        "ValueError: max() arg is an empty sequence"
    );
    let int_cls = Value::Ref(vm.types.int);
    let bool_cls = Value::Ref(vm.types.bool_);
    assert_eq!(
        call(
            &mut vm,
            "isinstance",
            vec![Value::Bool(true), int_cls.clone()]
        )
        .unwrap(),
        Value::Bool(true)
    );
    assert_eq!(
        call(&mut vm, "issubclass", vec![bool_cls, int_cls.clone()]).unwrap(),
        Value::Bool(true)
    );
    assert_eq!(
        vm.call(&int_cls, Args::new(vec![Value::Float(-3.7)]))
            .unwrap(),
        int(-3)
    );
    let r = call(&mut vm, "len", vec![int(3)]);
    assert_eq!(
        err(&mut vm, r),
        "TypeError: object of type 'int' has no len()"
    );
}

#[test]
fn truth_and_comparisons() {
    let mut vm = vm();
    for v in [
        Value::None,
        int(0),
        Value::Float(0.0),
        s(""),
        Value::tuple(vec![]),
        Value::bytes(b""),
    ] {
        assert!(!vm.is_true(&v).unwrap());
    }
    let empty = vm.new_list(vec![]);
    assert!(!vm.is_true(&empty).unwrap());
    let a = Value::tuple(vec![int(1), s("b")]);
    let b = Value::tuple(vec![int(1), s("c")]);
    assert_eq!(
        vm.compare(CmpOp::Lt, a.clone(), b).unwrap(),
        Value::Bool(true)
    );
    let l1 = vm.new_list(vec![int(1), int(2)]);
    let l2 = vm.new_list(vec![int(1), int(2), int(0)]);
    assert_eq!(
        vm.compare(CmpOp::Lt, l1.clone(), l2).unwrap(),
        Value::Bool(true)
    );
    assert_eq!(
        vm.compare(CmpOp::Eq, int(1), Value::Float(1.0)).unwrap(),
        Value::Bool(true)
    );
    assert_eq!(
        vm.compare(CmpOp::In, s("ell"), s("hello")).unwrap(),
        Value::Bool(true)
    );
    assert_eq!(
        vm.compare(CmpOp::In, int(2), l1.clone()).unwrap(),
        Value::Bool(true)
    );
    assert_eq!(
        vm.compare(CmpOp::Is, l1.clone(), l1).unwrap(),
        Value::Bool(true)
    );
    let s1 = vm.set_from(false, vec![int(1), int(2)]).unwrap();
    let s2 = vm.set_from(true, vec![int(2), int(1), int(3)]).unwrap();
    assert_eq!(
        vm.compare(CmpOp::Lt, s1.clone(), s2.clone()).unwrap(),
        Value::Bool(true)
    );
    let u = bin(&mut vm, BinOp::Sub, s2, s1).unwrap();
    assert_eq!(repr(&mut vm, &u), "frozenset({3})");
}

// ---- classes, attributes and descriptors ----

fn native_double(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = args.args[0].clone();
    let x = vm.getattr(&this, &PyStr::new("x"))?;
    vm.binary_op(BinOp::Mul, x, Value::Int(2))
}

fn native_set_x(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.generic_setattr(&args.args[0], &PyStr::new("_x"), args.args[1].clone())?;
    Ok(Value::None)
}

fn native_get_x(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.getattr(&args.args[0], &PyStr::new("_x"))
}

fn native_answer(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(42))
}

fn native_which_class(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = vm.getattr(&args.args[0], &PyStr::new("__name__"))?;
    Ok(name)
}

fn native_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.setattr(&args.args[0], &PyStr::new("x"), args.args[1].clone())?;
    Ok(Value::None)
}

fn native_repr(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::str("<Point>"))
}

fn namespace(vm: &mut Vm, entries: Vec<(&str, Value)>) -> Value {
    let d = vm.new_dict();
    for (k, v) in entries {
        vm.dict_set(&d, Value::str(k), v).unwrap();
    }
    d
}

fn native(vm: &mut Vm, name: &str, f: NativeFn) -> Value {
    vm.new_builtin(name, f)
}

#[test]
fn classes_with_descriptors() {
    let mut vm = vm();
    let double = native(&mut vm, "double", native_double);
    let answer = native(&mut vm, "answer", native_answer);
    let sm = vm.alloc(Object::StaticMethod(answer));
    let which = native(&mut vm, "which", native_which_class);
    let cm = vm.alloc(Object::ClassMethod(which));
    let init = native(&mut vm, "__init__", native_init);
    let getter = native(&mut vm, "get_x", native_get_x);
    let setter = native(&mut vm, "set_x", native_set_x);
    let prop_cls = Value::Ref(vm.types.property);
    let prop = vm.call(&prop_cls, Args::new(vec![getter])).unwrap();
    let prop = method(&mut vm, &prop, "setter", vec![setter]).unwrap();
    let ns = namespace(
        &mut vm,
        vec![
            ("__module__", s("__main__")),
            ("double", double),
            ("answer", sm),
            ("which", cm),
            ("__init__", init),
            ("value", prop),
            ("tag", s("base")),
        ],
    );
    let base = vm.make_class(PyStr::new("Base"), vec![], ns).unwrap();
    assert_eq!(repr(&mut vm, &base), "<class '__main__.Base'>");
    let ns2 = namespace(
        &mut vm,
        vec![("__module__", s("__main__")), ("tag", s("derived"))],
    );
    let derived = vm
        .make_class(PyStr::new("Derived"), vec![base.clone()], ns2)
        .unwrap();

    let obj = vm.call(&derived, Args::new(vec![int(21)])).unwrap();
    assert_eq!(vm.getattr(&obj, &PyStr::new("x")).unwrap(), int(21));
    assert_eq!(method(&mut vm, &obj, "double", vec![]).unwrap(), int(42));
    let before = vm.heap.len();
    assert_eq!(
        vm.call_method(&obj, &PyStr::new("double"), Args::default())
            .unwrap(),
        int(42)
    );
    assert_eq!(
        vm.heap.len(),
        before,
        "call_method allocates no bound method"
    );
    assert_eq!(method(&mut vm, &obj, "answer", vec![]).unwrap(), int(42));
    assert_eq!(
        method(&mut vm, &obj, "which", vec![]).unwrap(),
        s("Derived")
    );
    assert_eq!(method(&mut vm, &base, "which", vec![]).unwrap(), s("Base"));
    assert_eq!(vm.getattr(&obj, &PyStr::new("tag")).unwrap(), s("derived"));
    vm.setattr(&obj, &PyStr::new("value"), int(5)).unwrap();
    assert_eq!(vm.getattr(&obj, &PyStr::new("value")).unwrap(), int(5));
    assert_eq!(vm.getattr(&obj, &PyStr::new("_x")).unwrap(), int(5));
    let r = vm.getattr(&obj, &PyStr::new("nope"));
    assert_eq!(
        err(&mut vm, r),
        "AttributeError: 'Derived' object has no attribute 'nope'"
    );
    let r = vm.getattr(&derived, &PyStr::new("nope"));
    assert_eq!(
        err(&mut vm, r),
        "AttributeError: type object 'Derived' has no attribute 'nope'"
    );
    let mro = vm.getattr(&derived, &PyStr::new("__mro__")).unwrap();
    assert_eq!(
        repr(&mut vm, &mro),
        "(<class '__main__.Derived'>, <class '__main__.Base'>, <class 'object'>)"
    );
    let text = repr(&mut vm, &obj);
    assert!(text.starts_with("<__main__.Derived object at 0x"), "{text}");

    // super(Derived, obj).tag skips Derived's own attribute.
    let super_cls = Value::Ref(vm.types.super_);
    let sup = vm
        .call(&super_cls, Args::new(vec![derived.clone(), obj.clone()]))
        .unwrap();
    assert_eq!(vm.getattr(&sup, &PyStr::new("tag")).unwrap(), s("base"));

    // A user __repr__ is used by repr() and str().
    let rep = native(&mut vm, "__repr__", native_repr);
    let ns3 = namespace(&mut vm, vec![("__repr__", rep)]);
    let point = vm.make_class(PyStr::new("Point"), vec![], ns3).unwrap();
    let p = vm.call(&point, Args::default()).unwrap();
    assert_eq!(str_of(&mut vm, &p), "<Point>");
    let r = vm.call(&point, Args::new(vec![int(1)]));
    assert_eq!(err(&mut vm, r), "TypeError: Point() takes no arguments");
}

#[test]
fn user_exceptions_and_mro_errors() {
    let mut vm = vm();
    let exc = Value::Ref(vm.types.exception);
    let ns = namespace(&mut vm, vec![("__module__", s("__main__"))]);
    let app = vm
        .make_class(PyStr::new("AppError"), vec![exc.clone()], ns)
        .unwrap();
    let e = vm.call(&app, Args::new(vec![s("boom")])).unwrap();
    assert_eq!(repr(&mut vm, &e), "AppError('boom')");
    assert!(vm.exc_match(&e, &exc).unwrap());
    let args = vm.getattr(&e, &PyStr::new("args")).unwrap();
    assert_eq!(repr(&mut vm, &args), "('boom',)");
    let obj = Value::Ref(vm.types.object);
    let ns = namespace(&mut vm, vec![]);
    let r = vm.make_class(PyStr::new("Bad"), vec![obj, app.clone()], ns);
    assert!(err(&mut vm, r)
        .starts_with("TypeError: Cannot create a consistent method resolution order"));
    let list_cls = Value::Ref(vm.types.list);
    let ns = namespace(&mut vm, vec![]);
    let r = vm.make_class(PyStr::new("Both"), vec![list_cls, app], ns);
    assert_eq!(
        err(&mut vm, r),
        "TypeError: multiple bases have instance lay-out conflict"
    );
}

#[test]
fn dict_iteration_detects_changes() {
    let mut vm = vm();
    let d = vm.new_dict();
    for i in 0..5 {
        vm.dict_set(&d, int(i), Value::None).unwrap();
    }
    let it = vm.iter(&d).unwrap();
    assert_eq!(vm.next(&it).unwrap(), Some(int(0)));
    vm.dict_set(&d, int(0), int(1)).unwrap();
    assert_eq!(vm.next(&it).unwrap(), Some(int(1)));
    vm.delitem(&d, &int(4)).unwrap();
    let r = vm.next(&it);
    assert_eq!(
        err(&mut vm, r),
        "RuntimeError: dictionary changed size during iteration"
    );
    let s1 = vm.set_from(false, vec![int(1), int(2)]).unwrap();
    assert_eq!(vm.collect(&s1).unwrap(), vec![int(1), int(2)]);
    let it = vm.iter(&s1).unwrap();
    vm.set_add(&s1, int(3)).unwrap();
    let r = vm.next(&it);
    assert_eq!(
        err(&mut vm, r),
        "RuntimeError: Set changed size during iteration"
    );
}

#[test]
fn os_error_and_system_exit_attributes() {
    let mut vm = vm();
    let fnf = Value::Ref(vm.types.file_not_found_error);
    let e = vm
        .call(
            &fnf,
            Args::new(vec![int(2), s("No such file or directory"), s("x.txt")]),
        )
        .unwrap();
    assert_eq!(
        str_of(&mut vm, &e),
        "[Errno 2] No such file or directory: 'x.txt'"
    );
    assert_eq!(vm.getattr(&e, &PyStr::new("errno")).unwrap(), int(2));
    let os_error = Value::Ref(vm.types.os_error);
    assert!(vm.exc_match(&e, &os_error).unwrap());
    let se = Value::Ref(vm.types.system_exit);
    let e = vm.call(&se, Args::new(vec![int(3)])).unwrap();
    assert_eq!(vm.getattr(&e, &PyStr::new("code")).unwrap(), int(3));
    let e = vm.call(&se, Args::default()).unwrap();
    assert_eq!(vm.getattr(&e, &PyStr::new("code")).unwrap(), Value::None);
}

#[test]
fn user_errors_do_not_panic() {
    let mut vm = vm();
    let r = bin(&mut vm, BinOp::Mul, s("ab"), int(1 << 40));
    assert_eq!(err(&mut vm, r), "MemoryError: ");
    let object = Value::Ref(vm.types.object);
    let init = vm.getattr(&object, &PyStr::new("__init__")).unwrap();
    let r = vm.call(&init, Args::default());
    assert!(err(&mut vm, r).starts_with("TypeError"));
    let big = call(
        &mut vm,
        "range",
        vec![int(i64::MIN + 1), int(i64::MAX), int(i64::MAX)],
    )
    .unwrap();
    let rev = call(&mut vm, "reversed", vec![big]).unwrap();
    assert_eq!(vm.collect(&rev).unwrap(), vec![int(0), int(i64::MIN + 1)]);
    let r = vm.getitem(&int(3), &int(0));
    assert_eq!(
        err(&mut vm, r),
        "TypeError: 'int' object is not subscriptable"
    );
    let r = vm.call(&int(3), Args::default());
    assert_eq!(err(&mut vm, r), "TypeError: 'int' object is not callable");
    let r = vm.iter(&int(3));
    assert_eq!(err(&mut vm, r), "TypeError: 'int' object is not iterable");
}

#[test]
fn hashes_match_cpython_for_ints() {
    let mut vm = vm();
    for (v, h) in [
        (int(-1), -2),
        (int(-2), -2),
        (int(5), 5),
        (Value::Float(3.0), 3),
        (Value::Bool(true), 1),
    ] {
        assert_eq!(call(&mut vm, "hash", vec![v]).unwrap(), int(h));
    }
}

#[test]
fn bound_methods_compare_by_function_and_receiver() {
    let mut vm = vm();
    let l = vm.new_list(vec![]);
    let m1 = vm.getattr(&l, &PyStr::new("append")).unwrap();
    let m2 = vm.getattr(&l, &PyStr::new("append")).unwrap();
    assert!(vm.eq(&m1, &m2).unwrap());
    assert_eq!(vm.hash(&m1).unwrap(), vm.hash(&m2).unwrap());
    let other = vm.new_list(vec![]);
    let m3 = vm.getattr(&other, &PyStr::new("append")).unwrap();
    assert!(!vm.eq(&m1, &m3).unwrap());
}
