//! The host interpreter's Unicode tables and text algorithms against
//! CPython on every code point but the surrogates (which host strs do
//! not hold): `unicode_properties.py` prints what CPython's str methods
//! say of each, as runs of code points that agree, and this test prints
//! the same from `frontend::host::unicode` and compares line by line.
//! Skipped when no `python3` is installed.

use std::path::Path;
use std::process::Command;

use frontend::host::format::parse_int;
use frontend::host::ops::repr::str_repr;
use frontend::host::unicode as u;
use frontend::host::value::Value;

fn mapping(code: u32, text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => format!("{:+}", c as i64 - code as i64),
        _ => {
            let parts: Vec<String> = text.chars().map(|c| format!("{:x}", c as u32)).collect();
            format!("={}", parts.join("."))
        }
    }
}

fn flag(b: bool) -> char {
    if b {
        '1'
    } else {
        '0'
    }
}

fn all(s: &str, pred: fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(pred)
}

fn describe(c: char) -> String {
    let code = c as u32;
    let s = c.to_string();
    let predicates = [
        all(&s, u::is_alpha),
        all(&s, u::is_decimal),
        all(&s, u::is_digit),
        all(&s, u::is_numeric),
        all(&s, u::is_alnum),
        all(&s, u::is_space),
        u::is_upper(&s),
        u::is_lower(&s),
        u::is_titlecased(&s),
        s.chars().all(u::is_printable),
        u::is_identifier(&s),
        u::is_identifier(&format!("a{c}")),
    ];
    let mut bits: String = predicates.iter().map(|&b| flag(b)).collect();
    let cased = u::title(&format!("{c}a")).ends_with('a');
    bits.push(flag(cased));
    let ignorable = if cased {
        u::lower(&format!("A\u{3a3}{c}")).chars().nth(1) == Some('\u{3c2}')
    } else {
        u::lower(&format!("A{c}\u{3a3}")).ends_with('\u{3c2}')
    };
    bits.push(flag(ignorable));
    let maps: Vec<String> = [
        u::upper(&s),
        u::lower(&s),
        u::title(&s),
        u::capitalize(&s),
        u::swapcase(&s),
        u::casefold(&s),
    ]
    .iter()
    .map(|m| mapping(code, m))
    .collect();
    let r = str_repr(&s);
    let escape = if r.chars().count() == 3 {
        "p".to_string()
    } else {
        format!("{}{}", &r[1..3], r.chars().count())
    };
    let number = match parse_int(&u::decimal_and_space_to_ascii(&format!("1{c} ")), 10) {
        Some(Value::Int(n)) => n.to_string(),
        Some(_) => "big".to_string(),
        None => "-".to_string(),
    };
    format!("{bits} {} {escape} {number}", maps.join(" "))
}

fn host_listing() -> String {
    let mut out = String::new();
    let mut current: Option<(u32, String)> = None;
    for c in (0..0x110000).filter_map(char::from_u32) {
        let d = describe(c);
        match &current {
            Some((_, prev)) if *prev == d => {}
            _ => {
                if let Some((start, prev)) = current.take() {
                    out.push_str(&format!("{start:x} {prev}\n"));
                }
                current = Some((c as u32, d));
            }
        }
    }
    if let Some((start, prev)) = current {
        out.push_str(&format!("{start:x} {prev}\n"));
    }
    out
}

#[test]
fn host_unicode_agrees_with_cpython_on_every_code_point() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/unicode_properties.py");
    let Ok(output) = Command::new("python3").arg(&script).output() else {
        eprintln!("python3 not found: skipped");
        return;
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let expected = String::from_utf8(output.stdout).expect("UTF-8 listing");
    let actual = host_listing();
    let differences: Vec<String> = expected
        .lines()
        .zip(actual.lines())
        .filter(|(e, a)| e != a)
        .take(10)
        .map(|(e, a)| format!("CPython {e}\nhost    {a}"))
        .collect();
    assert!(
        differences.is_empty() && expected.lines().count() == actual.lines().count(),
        "{} CPython lines, {} host lines; first differences:\n{}",
        expected.lines().count(),
        actual.lines().count(),
        differences.join("\n")
    );
}
