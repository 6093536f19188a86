//! The incremental property of annotation results: editing a function's
//! body without changing its inferred signature re-runs the program's
//! fixpoint, but the annotations of its callers are backdated, so what
//! depends on them does not re-run.

use driver::db::{self, Database, FunctionId};
use salsa::Setter;
use std::sync::{Arc, Mutex};

const PROGRAM: &str = r#"
def square(x):
    return x * x

def cube(x):
    return x * square(x)

def entry_point(argv):
    total = 0.0
    for i in range(10):
        total += cube(i) + 1
    print(total)
    return 0
"#;

/// Computes the annotated text of every function, with a fresh event log.
fn annotate_all(db: &Database, program: db::Program, log: &Arc<Mutex<Vec<String>>>) {
    log.lock().unwrap().clear();
    let result = db::annotate_program(db, program);
    assert!(
        result.as_ref().is_ok_and(|r| r.errors.is_empty()),
        "{result:?}"
    );
    let imported = db::import(db, program);
    for &f in &imported.functions {
        let id = FunctionId::new(db, program, f.0);
        assert!(!db::function_annotation_text(db, id).is_empty());
    }
}

/// How many `function_annotation_text` queries executed since the log
/// was cleared.
fn count_text_queries(log: &Arc<Mutex<Vec<String>>>) -> usize {
    log.lock()
        .unwrap()
        .iter()
        .filter(|e| e.contains("function_annotation_text"))
        .count()
}

#[test]
fn editing_a_body_without_changing_its_signature_keeps_callers_valid() {
    let dir = std::env::temp_dir().join(format!("rpy-incr-ann-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let main = dir.join("prog.py");
    std::fs::write(&main, PROGRAM).unwrap();

    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = log.clone();
    let mut db = Database::new(Some(Box::new(move |event: salsa::Event| {
        if let salsa::EventKind::WillExecute { database_key } = event.kind {
            sink.lock().unwrap().push(format!("{database_key:?}"));
        }
    })));
    let program = db::load_program_inputs(&db, &main, vec![]).unwrap();

    annotate_all(&db, program, &log);
    assert_eq!(count_text_queries(&log), 3, "first run: every function");
    annotate_all(&db, program, &log);
    assert_eq!(count_text_queries(&log), 0, "no change: nothing re-runs");

    // Same signature (int -> int): only square's own annotations change.
    let file = program.main(&db);
    file.set_text(&mut db)
        .to(PROGRAM.replace("return x * x", "return x * x + 1").into());
    annotate_all(&db, program, &log);
    let executed = log.lock().unwrap().clone();
    assert!(
        executed.iter().any(|e| e.contains("annotate_program")),
        "the fixpoint re-runs: {executed:?}"
    );
    assert_eq!(
        count_text_queries(&log),
        1,
        "only the edited function: {executed:?}"
    );

    // A new signature (int -> float) reaches the caller, whose result type
    // changes, and its caller in turn.
    file.set_text(&mut db)
        .to(PROGRAM.replace("return x * x", "return x * 0.5").into());
    annotate_all(&db, program, &log);
    assert_eq!(count_text_queries(&log), 3, "square, cube and entry_point");
    std::fs::remove_dir_all(&dir).ok();
}
