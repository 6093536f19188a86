//! Tests of the bytecode compiler: every conformance program compiles and
//! verifies, disassembly snapshots of small snippets, and diagnostics for
//! unsupported constructs.

use frontend::bytecode::CodeObject;
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

fn compile_dir(kind: &str) -> Vec<(String, Result<(), String>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(conformance_dir(kind))
        .expect("conformance directory")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
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
    let failures: Vec<_> = compile_dir("run")
        .into_iter()
        .filter(|(_, r)| r.is_err())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn conformance_reject_programs_compile_and_verify() {
    for (path, r) in compile_dir("reject") {
        match r {
            Ok(()) => {}
            // Rejected by the compiler itself: only async, which is unsupported.
            Err(e) if path.ends_with("async_def.py") => {
                assert!(e.contains("`async def` is not supported"), "{e}")
            }
            Err(e) => panic!("{path}: {e}"),
        }
    }
}
