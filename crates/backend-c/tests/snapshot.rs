//! The C of a small module, for reviewers: every generated file (the
//! runtime aside) of a module with inheritance, a varsize string global,
//! a loop whose link swaps two values, a switch on characters, a call
//! through a function pointer, an allocation and a debug assertion.

mod common;

const MODULE: &str = r#"
extern func rpy_write(Signed, Address, Signed) -> Signed

struct Base gc { tag: Signed }
struct Str gc { super: Base, chars: array(Char) }

global @greeting: Str immutable = { super: { tag: 1 }, chars: "hi\n" }
global @hooks: [*func(Signed, Signed) -> Signed; 1] = [&gcd]

func gcd(Signed, Signed) -> Signed in "math" at "math.py:3" {
start(a: Signed, b: Signed):
    goto loop(a, b)
loop(x: Signed, y: Signed):
    done: Bool = int_eq(y, 0)
    if done then finish(x) else step(x, y)
step(x1: Signed, y1: Signed):
    swapped: Bool = int_lt(x1, y1)
    if swapped then step(y1, x1) else reduce(x1, y1)
reduce(x2: Signed, y2: Signed):
    r: Signed = int_mod(x2, y2)
    goto loop(y2, r)
finish(result: Signed):
    return result
}

func vowel(Char) -> Bool in "text" at "text.py:1" {
start(c: Char):
    switch c {
        97 => yes()
        101 => yes()
        default => no()
    }
yes:
    return true
no:
    return false
}

func main() -> Signed in "main" at "main.py:1" {
start:
    f: *func(Signed, Signed) -> Signed = getarrayitem(@hooks, 0)
    g: Signed = indirect_call(f, 12, 18)
    ok: Bool = int_eq(g, 6)
    debug_assert(ok, .gcd_is_six)
    s: *Str = malloc_varsize(2)
    setinterior(s, .chars, 0, 'o')
    base: *Base = cast_pointer(s)
    setfield(base, .tag, 2)
    adr: Address = cast_ptr_to_adr(@greeting)
    items: Address = adr_add(adr, itemsoffset(Str))
    n: Signed = getinteriorsize(@greeting, .chars)
    w: Signed = direct_call(&rpy_write, 1, items, n)
    v: Bool = direct_call(&vowel, 'e')
    r: Signed = cast_primitive(v)
    return r
}

entry main
"#;

#[test]
fn emitted_c_of_a_small_module() {
    let m = lltype::parse_module(MODULE).unwrap();
    let info = lltype::verify(&m).unwrap();
    let program = backend_c::emit(&m, &info, &backend_c::Options::default()).unwrap();
    let mut text = String::new();
    for file in program.generated() {
        text.push_str(&format!("//// {}\n{}\n", file.name, file.text));
    }
    insta::assert_snapshot!(text);

    if common::have_cc("emitted_c_of_a_small_module") {
        let dir = common::scratch("snapshot");
        let options = common::build_options(&dir.join("cache"));
        let (exe, _) = common::build("snapshot", &program, &dir, &options);
        let out = std::process::Command::new(exe).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "hi\n");
        assert_eq!(out.status.code(), Some(1));
    }
}
