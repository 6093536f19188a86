//! What import-time code builds with the standard modules (`inspect`,
//! `functools`, `collections`, `operator`, `globals()` ...) either
//! translates or is refused with a diagnostic: never translated wrongly.
//! The programs that translate are in `translate_programs_large`
//! (`stdlib_interp.py`); here, each program uses at run time a product
//! the translator does not support yet, and `rpy lltype` must refuse it
//! at the line that uses it, saying why.

use std::process::Command;

/// A program (its entry point's body uses the product on `line`) and a
/// phrase the diagnostic must contain.
struct Case {
    name: &'static str,
    source: &'static str,
    line: u32,
    expected: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "namedtuple_field",
        source: "from collections import namedtuple\n\
                 Point = namedtuple('Point', 'x y')\n\
                 def entry_point(argv):\n\
                 \x20   p = Point(len(argv), 2)\n\
                 \x20   print(p.x)\n\
                 \x20   return 0\n",
        line: 5,
        expected: "not supported yet by the translator: reading `x` on an instance of \
                   `Point`, which calls a property getter",
    },
    Case {
        name: "prebuilt_namedtuple",
        source: "from collections import namedtuple\n\
                 Point = namedtuple('Point', 'x y')\n\
                 ORIGIN = Point(0, 0)\n\
                 def entry_point(argv):\n\
                 \x20   print(ORIGIN[0])\n\
                 \x20   return 0\n",
        line: 5,
        expected: "not supported yet by the translator: the constant a prebuilt \
                   `prog.Point` instance (a subclass of tuple)",
    },
    Case {
        name: "prebuilt_defaultdict",
        source: "from collections import defaultdict\n\
                 COUNTS = defaultdict(int)\n\
                 COUNTS['a'] += 1\n\
                 def entry_point(argv):\n\
                 \x20   print(COUNTS['a'])\n\
                 \x20   return 0\n",
        line: 5,
        expected: "not supported yet by the translator: the constant a prebuilt \
                   `collections.defaultdict` instance (a subclass of dict)",
    },
    Case {
        name: "cached_property",
        source: "import functools\n\
                 class A:\n\
                 \x20   def __init__(self, n):\n\
                 \x20       self.n = n\n\
                 \x20   @functools.cached_property\n\
                 \x20   def double(self):\n\
                 \x20       return self.n * 2\n\
                 def entry_point(argv):\n\
                 \x20   print(A(len(argv)).double)\n\
                 \x20   return 0\n",
        line: 9,
        expected: "not supported yet by the translator: reading `double` on an instance \
                   of `A`, which calls `cached_property.__get__`",
    },
    Case {
        name: "property_setter",
        source: "class A:\n\
                 \x20   def __init__(self):\n\
                 \x20       self._v = 0\n\
                 \x20   def _set(self, v):\n\
                 \x20       self._v = v * 2\n\
                 \x20   v = property(None, _set)\n\
                 def entry_point(argv):\n\
                 \x20   a = A()\n\
                 \x20   a.v = len(argv)\n\
                 \x20   return 0\n",
        line: 9,
        expected: "not supported yet by the translator: setting `v` on an instance of `A`",
    },
    Case {
        name: "globals_at_run_time",
        source: "def entry_point(argv):\n\
                 \x20   print(len(globals()))\n\
                 \x20   return 0\n",
        line: 2,
        expected: "the built-in `globals` is not supported at run time",
    },
    Case {
        name: "partial_called",
        source: "import functools\n\
                 def add(a, b):\n\
                 \x20   return a + b\n\
                 INC = functools.partial(add, 1)\n\
                 def entry_point(argv):\n\
                 \x20   print(INC(len(argv)))\n\
                 \x20   return 0\n",
        line: 6,
        expected: "`partial.__call__` takes `**kwargs`, which is not RPython at run time",
    },
    Case {
        name: "lru_cache_called",
        source: "import functools\n\
                 @functools.lru_cache(maxsize=None)\n\
                 def fib(n):\n\
                 \x20   return n if n < 2 else fib(n - 1) + fib(n - 2)\n\
                 def entry_point(argv):\n\
                 \x20   print(fib(len(argv)))\n\
                 \x20   return 0\n",
        line: 6,
        expected: "takes `**kwargs`, which is not RPython at run time",
    },
    Case {
        name: "itemgetter_called",
        source: "import operator\n\
                 SECOND = operator.itemgetter(1)\n\
                 def entry_point(argv):\n\
                 \x20   print(SECOND(argv))\n\
                 \x20   return 0\n",
        line: 4,
        expected: "not supported yet by the translator: calling instance of itemgetter",
    },
];

/// Runs `rpy lltype` on the case's program in a scratch directory and
/// returns the problem, if any.
fn check(case: &Case) -> Option<String> {
    let dir =
        std::env::temp_dir().join(format!("rpy-products-{}-{}", std::process::id(), case.name));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("prog.py"), case.source).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rpy"))
        .arg("lltype")
        .arg("prog.py")
        .current_dir(&dir)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let location = format!("prog.py:{}:", case.line);
    if out.status.code() != Some(1) || stderr.contains("panicked") {
        return Some(format!(
            "{}: expected a refusal (status 1), got {:?}:\n{stderr}",
            case.name,
            out.status.code()
        ));
    }
    if !stderr.contains(case.expected) || !stderr.contains(&location) {
        return Some(format!(
            "{}: expected `{}` at {location}, got:\n{stderr}",
            case.name, case.expected
        ));
    }
    None
}

#[test]
fn unsupported_products_are_refused_at_their_use() {
    let problems: Vec<String> = CASES.iter().filter_map(check).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
