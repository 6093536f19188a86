//! The C backend end to end: every `tests/programs/*.ll` (prefixed with
//! `prelude.ll`, which supplies printing helpers) is verified, emitted,
//! built with the system C compiler and run; its standard output and exit
//! status must be what its `# expect-stdout:` and `# expect-exit:` lines
//! say, given the arguments of its `# args:` line.

mod common;

#[test]
fn programs_print_what_they_expect() {
    if !common::have_cc("programs_print_what_they_expect") {
        return;
    }
    let failures = common::run_programs("programs", &common::Run::default());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(common::programs().len() >= 12, "test programs are missing");
}

/// The same programs built with the undefined-behaviour and address
/// sanitizers, which abort at the first signed overflow, misaligned or
/// out-of-bounds access: the generated C wraps, shifts and copies only in
/// defined ways.
#[test]
fn programs_have_no_undefined_behaviour() {
    let test = "programs_have_no_undefined_behaviour";
    if !common::have_cc(test) {
        return;
    }
    let flags = ["-fsanitize=undefined,address", "-fno-sanitize-recover=all"];
    if !common::sanitizers_work(&flags) {
        eprintln!("{test}: skipped, the C compiler cannot build with {flags:?}");
        return;
    }
    // GC memory is never freed until the GC transform exists.
    let run = common::Run {
        flags: &flags,
        env: &[("ASAN_OPTIONS", "detect_leaks=0")],
        ..common::Run::default()
    };
    let failures = common::run_programs("sanitizers", &run);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
