//! Arbitrary bytes through the front end: parse, bytecode compiler, host
//! import (the module body runs in the host interpreter) and the flow
//! graph of every function the module defines. Whatever the input, the
//! result is graphs or diagnostics, never a panic.
//!
//! Input that is not UTF-8 is fed as its lossy UTF-8 text, so that byte
//! mutations still reach the parser. Module bodies run at import time, so
//! an input whose module-level code loops forever hangs: run with
//! `-timeout=N` (libFuzzer reports it as a timeout, not a crash).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

/// One scratch file per fuzzing process: `driver::flowgraphs` takes a path
/// (the module's directory is the first import directory; an empty
/// directory keeps other files from being imported).
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rpy-fuzz-target-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir.join("prog.py")
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let path = scratch();
    std::fs::write(&path, text.as_bytes()).expect("scratch file");
    let options = driver::FlowgraphOptions {
        function: None,
        all: true,
        format: driver::GraphFormat::Text,
        positions: true,
    };
    // Ok (graphs and the diagnostics of functions that are not RPython)
    // or Err (a diagnostic for the whole program): both are fine.
    let _ = driver::flowgraphs(&path, options);
});
