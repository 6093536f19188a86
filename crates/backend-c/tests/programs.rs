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
    let failures = common::run_programs("programs", &[]);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(common::programs().len() >= 12, "test programs are missing");
}
