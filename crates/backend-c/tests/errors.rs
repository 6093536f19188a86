//! What the backend refuses, and how build failures are reported.

mod common;

use backend_c::{BuildError, EmitError, Options};

fn emit_text(text: &str) -> Result<backend_c::CProgram, EmitError> {
    let m = lltype::parse_module(text).unwrap();
    let info = lltype::verify(&m).unwrap();
    backend_c::emit(&m, &info, &Options::default())
}

const MAIN: &str = "func main() -> Signed {\nstart:\n    return 0\n}\nentry main\n";

#[test]
fn exceptions_must_be_lowered() {
    let text = r#"
struct Vtable { id: Signed }
struct Exc gc { typeptr: *Vtable }
global @vt: Vtable = { id: 1 }
func main() -> Signed {
start:
    e: *Exc = malloc()
    raise @vt, e
}
entry main
"#;
    let err = emit_text(text).unwrap_err();
    assert!(matches!(err, EmitError::ExceptionsNotLowered), "{err}");
}

#[test]
fn externals_must_be_in_the_table_with_its_signature() {
    let unknown = format!("extern func puts(Address) -> Signed\n{MAIN}");
    let err = emit_text(&unknown).unwrap_err();
    assert!(
        matches!(&err, EmitError::BadExternal { name, .. } if name == "puts"),
        "{err}"
    );
    let wrong = format!("extern func rpy_write(Signed) -> Signed\n{MAIN}");
    let err = emit_text(&wrong).unwrap_err();
    assert!(
        err.to_string()
            .contains("func(Signed, Address, Signed) -> Signed"),
        "{err}"
    );
    let right = format!("extern func rpy_write(Signed, Address, Signed) -> Signed\n{MAIN}");
    assert!(emit_text(&right).is_ok());
}

#[test]
fn the_entry_takes_nothing_and_returns_signed() {
    let none = "func main() -> Signed {\nstart:\n    return 0\n}\n";
    assert!(matches!(emit_text(none), Err(EmitError::NoEntry)));
    let params = "func main(Signed) -> Signed {\nstart(n: Signed):\n    return n\n}\nentry main\n";
    let err = emit_text(params).unwrap_err();
    assert!(
        matches!(&err, EmitError::EntrySignature { found, .. } if found == "func(Signed) -> Signed"),
        "{err}"
    );
}

#[test]
fn compiler_failures_carry_the_compilers_message() {
    if !common::have_cc("compiler_failures_carry_the_compilers_message") {
        return;
    }
    let dir = common::scratch("errors");
    let options = common::build_options(&dir.join("cache"));
    let mut program = emit_text(MAIN).unwrap();
    let unit = program
        .files
        .iter_mut()
        .find(|f| f.name == "unit.c")
        .expect("the unit of functions without a unit");
    unit.text.push_str("\nthis is not C;\n");
    let err =
        backend_c::build(&program, &dir.join("work"), &dir.join("exe"), &options).unwrap_err();
    match err {
        BuildError::Compile { file, stderr } => {
            assert_eq!(file, "unit.c");
            assert!(stderr.contains("unit.c"), "{stderr}");
        }
        other => panic!("{other}"),
    }

    let missing = backend_c::BuildOptions {
        cc: Some("/nonexistent/rpy-cc".into()),
        ..options
    };
    let err =
        backend_c::build(&program, &dir.join("work"), &dir.join("exe"), &missing).unwrap_err();
    assert!(matches!(err, BuildError::CompilerNotFound { .. }), "{err}");
}
