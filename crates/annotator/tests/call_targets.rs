//! The annotator records, for each call operation, the graphs it may
//! call: one for a plain call, each member of a family for a call through
//! a variable holding one of several functions, each specialisation for a
//! specialised function, each override for a method call.

use std::path::Path;
use std::sync::{Arc, Mutex};

fn targets_of(source: &str) -> Vec<(String, Vec<String>)> {
    let dir = std::env::temp_dir().join(format!("rpy-call-targets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("prog.py");
    std::fs::write(&path, source).unwrap();
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lib");
    let out = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut vm = frontend::host::Vm::new(vec![path.display().to_string()]);
            vm.translating = true;
            let module = frontend::host::run::load_program(&mut vm, &path, &[lib])
                .unwrap_or_else(|_| panic!("the program imports"));
            let entry = frontend::host::run::find_entry_function(&mut vm, module)
                .unwrap_or_else(|_| panic!("an entry point"));
            let vm = Arc::new(Mutex::new(vm));
            let vm2 = vm.clone();
            let source: annotator::GraphSource = Box::new(move |func| {
                let mut vm = vm2.lock().unwrap();
                frontend::flowspace::build_flow_graph_relocatable(&mut vm, func).map(Arc::new)
            });
            let result = annotator::annotate_program(vm, entry, source);
            assert!(result.errors.is_empty(), "the program annotates");
            let ann = &result.annotator;
            let mut out = Vec::new();
            for (_, info) in ann.graphs.iter() {
                let mut sites: Vec<_> = info.call_targets.iter().collect();
                sites.sort_by_key(|((b, i), _)| (*b, *i));
                for (_, targets) in sites {
                    let names = targets
                        .iter()
                        .map(|g| ann.graphs[*g].name.clone())
                        .collect();
                    out.push((info.name.clone(), names));
                }
            }
            out
        })
        .unwrap()
        .join()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    out
}

#[test]
fn call_sites_know_their_targets() {
    let targets = targets_of(
        r#"
class Shape:
    def area(self):
        return 0
class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s

def double(x):
    return x * 2
def triple(x):
    return x * 3

def main(argv):
    f = double
    if len(argv) > 1:
        f = triple
    shape = Shape()
    if len(argv) > 2:
        shape = Square(3)
    return f(len(argv)) + shape.area()
"#,
    );
    let main: Vec<&Vec<String>> = targets
        .iter()
        .filter(|(caller, _)| caller == "main")
        .map(|(_, t)| t)
        .collect();
    let has = |want: &[&str]| {
        main.iter()
            .any(|t| t.iter().map(String::as_str).collect::<Vec<_>>() == want)
    };
    assert!(has(&["double", "triple"]), "{targets:?}");
    assert!(has(&["Square.__init__"]), "{targets:?}");
    assert!(has(&["Shape.area", "Square.area"]), "{targets:?}");
}
