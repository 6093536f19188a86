//! The object cache: a second build of the same program compiles nothing,
//! an edited function body recompiles its own unit only, an edited
//! global recompiles the globals' unit only, and other flags miss the
//! cache entirely.

mod common;

use std::process::Command;

fn first_line(exe: &std::path::Path) -> String {
    let out = Command::new(exe).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn unchanged_units_are_never_recompiled() {
    if !common::have_cc("unchanged_units_are_never_recompiled") {
        return;
    }
    let dir = common::scratch("cache");
    let options = common::build_options(&dir.join("cache"));
    let text = std::fs::read_to_string(common::programs_dir().join("fibonacci.ll")).unwrap();

    let program = common::emit("fibonacci", &text);
    let sources: Vec<String> = program.sources().map(|f| f.name.clone()).collect();
    let (exe, first) = common::build("fibonacci", &program, &dir, &options);
    assert_eq!(first.compiled, sources);
    assert!(first.reused.is_empty());
    assert_eq!(first_line(&exe), "55");

    let (_, second) = common::build("fibonacci", &program, &dir, &options);
    eprintln!(
        "cold: {} units in {:?} + link {:?}; warm: link {:?}",
        first.compiled.len(),
        first.compile_time,
        first.link_time,
        second.link_time
    );
    assert!(second.compiled.is_empty(), "{:?}", second.compiled);
    assert_eq!(second.reused, sources);
    assert_eq!(second.compile_time, std::time::Duration::ZERO);

    // Fibonacci from (1, 1) instead of (0, 1): one body of unit "fib".
    let edited = text.replace("goto head(n, 0, 1)", "goto head(n, 1, 1)");
    assert_ne!(edited, text);
    let program = common::emit("fibonacci", &edited);
    let (exe, third) = common::build("fibonacci", &program, &dir, &options);
    assert_eq!(third.compiled, ["fib.c"]);
    assert_eq!(third.reused.len(), sources.len() - 1);
    assert_eq!(first_line(&exe), "89");

    // Back to the original: every object is still in the cache.
    let program = common::emit("fibonacci", &text);
    let (exe, fourth) = common::build("fibonacci", &program, &dir, &options);
    assert!(fourth.compiled.is_empty());
    assert_eq!(first_line(&exe), "55");

    // A prebuilt global changes: only the globals' unit is recompiled.
    let globals = std::fs::read_to_string(common::programs_dir().join("globals.ll")).unwrap();
    let program = common::emit("globals", &globals);
    common::build("globals", &program, &dir, &options);
    let edited = globals.replace("chars: \"prebuilt\"", "chars: \"prebuild\"");
    let program = common::emit("globals", &edited);
    let (exe, report) = common::build("globals", &program, &dir, &options);
    assert_eq!(report.compiled, ["globals.c"]);
    assert_eq!(first_line(&exe), "prebuild");

    // Other flags are other objects.
    let program = common::emit("fibonacci", &text);
    let o0 = backend_c::BuildOptions {
        opt_flags: vec!["-O0".into()],
        ..options.clone()
    };
    let (_, report) = common::build("fibonacci", &program, &dir, &o0);
    assert_eq!(report.compiled, sources);
}
