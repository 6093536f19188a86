//! Snapshot tests of flow graphs: one small program per construct, every
//! function's graph dumped (after simplification) and checked by the
//! invariant checker.

use frontend::flowspace::{all_functions, build_flow_graph, graph_to_text};
use frontend::host::run::load_program;
use frontend::host::Vm;
use std::path::{Path, PathBuf};

/// Imports `src` as a module and dumps the graph of each function it
/// defines, in definition order.
fn dump(name: &str, src: &str) -> String {
    let dir = std::env::temp_dir().join(format!("rpy-flowgraph-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.py"));
    std::fs::write(&path, src).unwrap();
    let lib: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lib");
    let mut vm = Vm::new(vec![path.display().to_string()]);
    vm.translating = true;
    let module = load_program(&mut vm, &path, &[lib])
        .unwrap_or_else(|e| panic!("{name}: import failed: {e:?}"));
    let mut out = String::new();
    for func in all_functions(&vm, module) {
        let graph = build_flow_graph(&mut vm, func)
            .unwrap_or_else(|d| panic!("{name}: {}", d.render(&vm.sources)));
        if let Err(errors) = flowgraph::check_graph(&graph) {
            panic!(
                "{name}: invalid graph:\n{}\n{}",
                errors.join("\n"),
                graph_to_text(&vm, func, &graph, false)
            );
        }
        out.push_str(&graph_to_text(&vm, func, &graph, false));
        out.push('\n');
    }
    let _ = std::fs::remove_dir_all(&dir);
    out
}

macro_rules! flow_tests {
    ($($name:ident: $src:expr;)*) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(stringify!($name), dump(stringify!($name), $src));
            }
        )*
    };
}

flow_tests! {
    if_elif_else: "
def f(x):
    if x < 0:
        return -1
    elif x == 0:
        return 0
    else:
        return 1
";
    while_break_continue_else: "
def f(n):
    i = 0
    total = 0
    while i < n:
        i += 1
        if i % 2 == 0:
            continue
        if i > 10:
            break
        total += i
    else:
        total = -total
    return total
";
    for_range: "
def f(n):
    s = 0
    for i in range(n):
        s += i
    return s
";
    for_list: "
def f(xs):
    best = 0
    for x in xs:
        if x > best:
            best = x
    return best
";
    for_dict_items: "
def f(d):
    total = 0
    for k, v in d.items():
        total += k * v
    return total
";
    try_except_finally_reraise: "
def f(xs, i):
    try:
        return xs[i]
    except IndexError:
        raise
    finally:
        xs.append(i)
";
    nested_try: "
def f(a, b):
    try:
        try:
            r = a // b
        except ZeroDivisionError:
            r = 0
        r = r + a[0]
    except TypeError:
        r = -1
    return r
";
    with_statement: "
class Res:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        return False

def f(r):
    with r as x:
        x.use()
    return 1
";
    list_comprehension: "
def f(xs, k):
    return [x * k for x in xs if x > 0]
";
    dict_and_set_comprehension: "
def f(xs):
    d = {x: x * x for x in xs}
    s = {x % 3 for x in xs}
    return len(d) + len(s)
";
    call_defaults_keywords: "
def g(a, b=2, *, c=3):
    return a + b + c

def f(x):
    return g(x) + g(x, 5) + g(x, c=7) + g(a=x, b=1)
";
    method_calls: "
class Counter:
    def __init__(self, start):
        self.n = start
    def bump(self, k):
        self.n += k
        return self.n

def f():
    c = Counter(3)
    c.bump(2)
    return c.bump(1)
";
    we_are_translated_folds: "
from rpython.rlib.objectmodel import we_are_translated

def f(x):
    if we_are_translated():
        return x + 1
    else:
        return x - 1
";
    unrolled_constant_tuple: "
OPS = ('add', 'sub', 'mul')

def f(name, a, b):
    for op in OPS:
        if name == op:
            return len(op) + a
    return b
";
    unrolling_iterable_loop: "
from rpython.rlib.unroll import unrolling_iterable

FIELDS = unrolling_iterable(['x', 'y'])

def f(p):
    total = 0
    for name in FIELDS:
        total += len(name)
    return total
";
    chained_comparison: "
def f(a, b, c):
    return a < b < c
";
    boolean_short_circuit: "
def f(a, b, c):
    if a and b or c:
        return 1
    return 0
";
    conditional_expression: "
def f(x):
    return x if x > 0 else -x
";
    augmented_assignment: "
def f(obj, xs, i):
    n = 1
    n += 2
    n *= i
    obj.count += n
    xs[i] -= 1
    return n
";
    tuple_unpacking: "
def f(pair):
    a, b = pair
    (c, d), e = (1, 2), 3
    a, b = b, a
    return a + b + c + d + e
";
    generator_in_for: "
def gen(n):
    i = 0
    while i < n:
        yield i * i
        i += 1

def f(n):
    s = 0
    for v in gen(n):
        s += v
    return s
";
    raise_caught_same_function: "
def f(x):
    try:
        if x < 0:
            raise ValueError('negative')
        return x
    except ValueError:
        return 0
";
    raise_uncaught: "
class MyError(Exception):
    pass

def f(x):
    if x is None:
        raise MyError()
    return x
";
    constant_folding_globals: "
SIZE = 4 * 8
NAMES = ('a', 'b')

def f(x):
    return x + SIZE + len(NAMES) + len('abc')
";
    isinstance_dispatch: "
class A:
    pass

class B(A):
    pass

def f(o):
    if isinstance(o, B):
        return 2
    elif isinstance(o, A):
        return 1
    return 0
";
    string_formatting: "
def f(name, n):
    a = 'x=%d' % n
    b = f'{name}: {n:>5} {n!r}'
    return a + b
";
    slicing_and_subscripts: "
def f(s, xs):
    t = s[1:3]
    xs[0] = xs[-1]
    del xs[1]
    return t + s[::2]
";
    assert_statement: "
def f(x):
    assert x > 0, 'must be positive'
    assert x != 3
    return x
";
    global_constant_class_attribute: "
class Config:
    DEBUG = False
    LEVEL = 3

def f(x):
    if Config.DEBUG:
        return 0
    return x * Config.LEVEL
";
    nested_loops_break: "
def f(grid):
    found = -1
    for row in grid:
        for cell in row:
            if cell == 0:
                found = cell
                break
        if found >= 0:
            break
    return found
";
    return_in_finally_path: "
def f(xs):
    try:
        for x in xs:
            if x:
                return x
    finally:
        xs.append(1)
    return None
";
    exception_as_variable: "
def f(d, k):
    try:
        return d[k]
    except KeyError as e:
        return str(e)
";
    nested_function_closure: "
def outer(scale):
    offset = 10

    def inner(x):
        return x * scale + offset

    def twice(x):
        return inner(inner(x))

    return twice(1) + inner(2)
";
    star_args_call: "
def g(*args):
    return len(args)

def f(a, b):
    return g(a, b) + g(*(a, b))
";
}
