//! Every test program under valgrind's memcheck: no invalid read or
//! write, no use of uninitialised memory, no bad free. Leaks are allowed:
//! GC memory is never freed until the GC transform exists.

mod common;

use std::process::Command;

#[test]
fn programs_are_clean_under_memcheck() {
    let test = "programs_are_clean_under_memcheck";
    if !common::have_cc(test) {
        return;
    }
    let valgrind = Command::new("valgrind").arg("--version").output();
    if !valgrind.is_ok_and(|o| o.status.success()) {
        eprintln!("{test}: skipped, no valgrind on PATH");
        return;
    }
    let runner = [
        "valgrind",
        "--tool=memcheck",
        "--error-exitcode=1",
        "--leak-check=no",
        "--quiet",
    ];
    let failures = common::run_programs(
        "valgrind",
        &common::Run {
            runner: &runner,
            ..common::Run::default()
        },
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
