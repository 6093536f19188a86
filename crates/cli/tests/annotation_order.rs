//! The annotation of a program does not depend on the order in which the
//! annotator flows its blocks: every conformance program is annotated with
//! the worklist in its usual order and in pseudo-random orders
//! (`RPY_ANNOTATION_ORDER=shuffle:SEED`), and the annotations must agree.
//!
//! Only the order of the dump may differ (graphs, the attributes of a
//! class, the members of a set of classes or methods are listed in the
//! order they were found), so the dumps are compared after sorting those.

use std::path::{Path, PathBuf};
use std::process::Command;

const SEEDS: &[u64] = &[1, 2];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Sorts what is listed in discovery order: the comma-separated members
/// of `{...}` sets and of `subclasses` lines, a class's lines, and the
/// sections of the dump.
fn normalize(dump: &str) -> String {
    let sort_members = |line: &str| -> String {
        if let Some(rest) = line.trim_start().strip_prefix("subclasses ") {
            let mut items: Vec<&str> = rest.split(", ").collect();
            items.sort();
            return format!("subclasses {}", items.join(", "));
        }
        let (Some(open), Some(close)) = (line.find("# {"), line.rfind('}')) else {
            return line.to_string();
        };
        if close < open {
            return line.to_string();
        }
        let inner = &line[open + 3..close];
        let mut items: Vec<&str> = inner.split(", ").collect();
        items.sort();
        format!(
            "{}# {{{}}}{}",
            &line[..open],
            items.join(", "),
            &line[close + 1..]
        )
    };
    let mut sections: Vec<String> = dump
        .split("\n\n")
        .map(|section| {
            let lines: Vec<String> = section.trim().lines().map(sort_members).collect();
            if !lines.first().is_some_and(|l| l.starts_with("class")) {
                return lines.join("\n");
            }
            // Classes, one after the other: each with its lines sorted,
            // then the classes sorted.
            let mut classes: Vec<Vec<String>> = Vec::new();
            for line in lines {
                match classes.last_mut() {
                    Some(class) if !line.starts_with("class") => class.push(line),
                    _ => classes.push(vec![line]),
                }
            }
            let mut classes: Vec<String> = classes
                .into_iter()
                .map(|mut class| {
                    class[1..].sort();
                    class.join("\n")
                })
                .collect();
            classes.sort();
            classes.join("\n")
        })
        .collect();
    sections.sort();
    sections.join("\n\n")
}

fn annotate(prog: &Path, order: Option<u64>) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rpy"));
    cmd.arg("annotate").arg(prog);
    match order {
        Some(seed) => cmd.env("RPY_ANNOTATION_ORDER", format!("shuffle:{seed}")),
        None => cmd.env_remove("RPY_ANNOTATION_ORDER"),
    };
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}: not annotated:\n{}",
        prog.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn normalize_sorts_what_comes_in_discovery_order() {
    let a = "class A\n    attribute y: int\n    attribute x: str\n\ngraph f -> int\n    v1 = type(v0)   # {class B, class A}";
    let b = "graph f -> int\n    v1 = type(v0)   # {class A, class B}\n\nclass A\n    attribute x: str\n    attribute y: int";
    assert_eq!(normalize(a), normalize(b));
    let c = "graph f -> int\n    v1 = type(v0)   # {class A}";
    assert_ne!(normalize(a), normalize(c));
}

#[test]
fn annotations_do_not_depend_on_the_order_blocks_are_flowed() {
    let dir = root().join("tests/conformance/run");
    let mut programs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        // Programs, not the helper modules they import.
        .filter(|p| p.with_extension("out").is_file())
        .collect();
    programs.sort();
    assert!(programs.len() > 50);
    let mut differ = Vec::new();
    for prog in &programs {
        let usual = normalize(&annotate(prog, None));
        for &seed in SEEDS {
            let shuffled = normalize(&annotate(prog, Some(seed)));
            if shuffled != usual {
                let first = usual
                    .lines()
                    .zip(shuffled.lines())
                    .find(|(a, b)| a != b)
                    .map(|(a, b)| format!("\n  usual:    {a}\n  shuffled: {b}"))
                    .unwrap_or_default();
                differ.push(format!("{} (seed {seed}){first}", prog.display()));
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
