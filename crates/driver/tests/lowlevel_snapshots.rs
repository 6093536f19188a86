//! Snapshot tests of the low-level form of the translator's test programs
//! (`crates/cli/tests/translate_programs`): the functions the rtyper made
//! from the program's own graphs, after the stack checks and the
//! exception transform, as `rpy lltype` prints them. The verifier runs
//! after every phase inside `driver::lower`; the helpers shared by all
//! programs are left out of the snapshots to keep them readable.

use std::path::Path;

fn user_functions(m: &lltype::Module) -> String {
    let mut out = String::new();
    for f in m.functions.values() {
        // The helpers and the collector's own functions are left out.
        if f.unit == "rpy_helpers" || f.unit.is_empty() || f.unit.starts_with("rpython_") {
            continue;
        }
        if let lltype::Body::Graph(g) = &f.body {
            let (params, result) = match m.types.get(f.ty) {
                lltype::Type::Func { params, result } => (params.clone(), *result),
                _ => continue,
            };
            let params: Vec<String> = params.iter().map(|p| m.types.display(*p)).collect();
            out.push_str(&format!(
                "func {}({}) -> {} {{\n",
                f.name,
                params.join(", "),
                m.types.display(result)
            ));
            out.push_str(&lltype::print_graph(m, g));
            out.push_str("}\n");
        }
    }
    out
}

#[test]
fn low_level_form_of_the_translator_programs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/translate_programs");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    names.sort();
    assert!(names.len() >= 14, "the test programs are there");
    for path in names {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let report = driver::lower(&path, driver::LowerOptions::default())
            .unwrap_or_else(|f| panic!("{name}: {}", f.rendered));
        assert!(
            report.errors.is_empty(),
            "{name}: {}",
            report.errors.join("")
        );
        let m = report.module.expect("a module without errors");
        insta::assert_snapshot!(name.clone(), user_functions(&m));
    }
}

/// The program's functions after the GC transform with the semispace
/// collector: allocation through the collector, roots on the shadow
/// stack around the calls that may collect, the stack checks bounding the
/// shadow stack too.
#[test]
fn low_level_form_with_a_collector() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gc_linked.py");
    let options = driver::LowerOptions {
        gc: Some("semispace".into()),
        ..Default::default()
    };
    let report = driver::lower(&path, options).unwrap_or_else(|f| panic!("{}", f.rendered));
    assert!(report.errors.is_empty(), "{}", report.errors.join(""));
    let m = report.module.expect("a module without errors");
    insta::assert_snapshot!(user_functions(&m));
}
