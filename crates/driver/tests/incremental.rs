//! The incremental property of the database: editing one function body
//! re-builds that function's flow graph and no other.

use driver::db::{self, Database, FunctionId};
use salsa::Setter;
use std::sync::{Arc, Mutex};

const PROGRAM: &str = r#"
LIMIT = 10

def square(x):
    return x * x

def cube(x):
    return x * square(x)

def entry_point(argv):
    total = 0
    for i in range(LIMIT):
        total += cube(i) + 1
    return 0
"#;

/// Builds the graph of every function; returns how many `flow_graph`
/// queries executed while doing so.
fn build_all(db: &Database, program: db::Program, log: &Arc<Mutex<Vec<String>>>) -> usize {
    log.lock().unwrap().clear();
    let imported = db::import(db, program);
    assert!(imported.entry.is_ok(), "{:?}", imported.entry);
    for &f in &imported.functions {
        let id = FunctionId::new(db, program, f.0);
        let graph = db::flow_graph(db, id);
        assert!(graph.is_ok(), "{graph:?}");
    }
    log.lock()
        .unwrap()
        .iter()
        .filter(|e| e.contains("flow_graph"))
        .count()
}

#[test]
fn editing_one_function_rebuilds_only_its_graph() {
    let dir = std::env::temp_dir().join(format!("rpy-incremental-{}", std::process::id()));
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

    assert_eq!(build_all(&db, program, &log), 3, "first build: every graph");
    assert_eq!(
        build_all(&db, program, &log),
        0,
        "nothing changed: nothing rebuilt"
    );

    // Edit the body of `square` only (same length, so no position moves).
    let edited = PROGRAM.replace("return x * x", "return x + x");
    assert_ne!(edited, PROGRAM);
    program
        .main(&db)
        .set_text(&mut db)
        .to(Arc::from(edited.as_str()));
    assert_eq!(
        build_all(&db, program, &log),
        1,
        "only the graph of `square` is rebuilt"
    );

    // Moving text around (a new line at the top shifts every position)
    // rebuilds nothing: graphs locate operations by instruction index.
    let moved = format!("# a comment that moves everything down\n{edited}");
    program
        .main(&db)
        .set_text(&mut db)
        .to(Arc::from(moved.as_str()));
    assert_eq!(
        build_all(&db, program, &log),
        0,
        "moving text rebuilds no graph"
    );
    let edited = moved;

    // Changing a constant the entry point reads rebuilds the entry point.
    let edited2 = edited.replace("LIMIT = 10", "LIMIT = 20");
    program
        .main(&db)
        .set_text(&mut db)
        .to(Arc::from(edited2.as_str()));
    assert_eq!(
        build_all(&db, program, &log),
        1,
        "only the graph of `entry_point` is rebuilt"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
