//! Pure text algorithms behind the `str` methods, over `&str` and `char`,
//! so they can be unit tested without a VM.
//!
//! Character classes follow CPython where Rust's `char` predicates agree
//! with it (all of ASCII and most of Unicode). Known differences:
//! `isalpha` and `isidentifier` use Unicode's Alphabetic property, which
//! also counts some combining marks (Mn, Mc) and symbols (So) that
//! CPython's letter categories exclude; titlecasing falls back to the
//! uppercase mapping except for `ß`, the Latin ligatures and digraphs;
//! `casefold` only folds what full lowercasing does plus `ß`; and Rust's
//! Unicode version may be newer than CPython 3.11's (14.0).

/// `str.isspace()` for one character: Unicode White_Space plus the ASCII
/// information separators `\x1c`-`\x1f`, as CPython counts them.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Whether `c` ends a line for `splitlines()`.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `str.isdecimal()` for one character (Unicode category Nd).
pub fn is_decimal(c: char) -> bool {
    c.is_ascii_digit()
        || (!c.is_ascii() && c.is_numeric() && !is_digit_only(c) && !is_numeric_only(c))
}

/// Characters with Numeric_Type=Digit that are not decimal (superscripts,
/// circled and parenthesised digits ...).
fn is_digit_only(c: char) -> bool {
    matches!(c as u32,
        0xb2 | 0xb3 | 0xb9 | 0x1369..=0x1371 | 0x19da | 0x2070 | 0x2074..=0x2079 | 0x2080..=0x2089
        | 0x2460..=0x2468 | 0x2474..=0x247c | 0x2488..=0x2490 | 0x24ea | 0x24f5..=0x24fd | 0x24ff
        | 0x2776..=0x277e | 0x2780..=0x2788 | 0x278a..=0x2792 | 0x10a40..=0x10a43 | 0x1f100..=0x1f10a)
}

/// Numeric characters that are neither decimal nor digits (fractions,
/// Roman numerals, numbers above nine ...).
fn is_numeric_only(c: char) -> bool {
    matches!(c as u32,
        0xbc..=0xbe | 0x2150..=0x2189 | 0x2469..=0x2473 | 0x247d..=0x2487 | 0x2491..=0x249b
        | 0x24eb..=0x24f4 | 0x24fe | 0x277f | 0x2789 | 0x2793 | 0x2cfd | 0x3007 | 0x3021..=0x3029
        | 0x3038..=0x303a | 0x3192..=0x3195 | 0x3220..=0x3229 | 0x3248..=0x324f | 0x3251..=0x325f
        | 0x3280..=0x3289 | 0x32b1..=0x32bf | 0x16ee..=0x16f0 | 0xf2a..=0xf3c | 0x9f4..=0x9f9
        | 0xbf0..=0xbf2 | 0x10107..=0x10133 | 0xb72..=0xb77 | 0xc78..=0xc7e | 0xd58..=0xd5e
        | 0xd70..=0xd78 | 0x1372..=0x137c | 0x17f0..=0x17f9 | 0xa6e6..=0xa6ef | 0xa830..=0xa835)
}

/// `str.isdigit()` for one character.
pub fn is_digit(c: char) -> bool {
    is_decimal(c) || is_digit_only(c)
}

/// CJK ideographs (category Lo) that have a numeric value, which
/// `isnumeric()` accepts.
const CJK_NUMERALS: &[u32] = &[
    0x3405, 0x3483, 0x382a, 0x3b4d, 0x4e00, 0x4e03, 0x4e07, 0x4e09, 0x4e5d, 0x4e8c, 0x4e94, 0x4e96,
    0x4ebf, 0x4ec0, 0x4edf, 0x4ee8, 0x4f0d, 0x4f70, 0x5104, 0x5146, 0x5169, 0x516b, 0x516d, 0x5341,
    0x5343, 0x5344, 0x5345, 0x534c, 0x53c1, 0x53c2, 0x53c3, 0x53c4, 0x56db, 0x58f1, 0x58f9, 0x5e7a,
    0x5efe, 0x5eff, 0x5f0c, 0x5f0d, 0x5f0e, 0x5f10, 0x62fe, 0x634c, 0x67d2, 0x6f06, 0x7396, 0x767e,
    0x8086, 0x842c, 0x8cae, 0x8cb3, 0x8d30, 0x9621, 0x9646, 0x964c, 0x9678, 0x96f6, 0xf96b, 0xf973,
    0xf978, 0xf9b2, 0xf9d1, 0xf9d3, 0xf9fd,
];

/// `str.isnumeric()` for one character.
pub fn is_numeric(c: char) -> bool {
    c.is_numeric() || CJK_NUMERALS.binary_search(&(c as u32)).is_ok()
}

/// `str.isalpha()` for one character. Letter numbers (Roman numerals)
/// are Alphabetic in Unicode but not letters for CPython.
pub fn is_alpha(c: char) -> bool {
    c.is_alphabetic() && !c.is_numeric()
}

/// `str.isalnum()` for one character.
pub fn is_alnum(c: char) -> bool {
    is_alpha(c) || is_numeric(c)
}

/// Whether `c` has case (upper, lower or title).
pub fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase() || is_title(c)
}

/// The few titlecase letters (category Lt).
fn is_title(c: char) -> bool {
    matches!(c as u32, 0x1c5 | 0x1c8 | 0x1cb | 0x1f2 | 0x1f88..=0x1f8f | 0x1f98..=0x1f9f | 0x1fa8..=0x1faf | 0x1fbc | 0x1fcc | 0x1ffc)
}

/// A predicate that must hold for every character of a non-empty string.
pub fn all_chars(s: &str, pred: fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(pred)
}

/// `str.isupper()`: some cased character and no lowercase one.
pub fn is_upper(s: &str) -> bool {
    s.chars().any(is_cased) && !s.chars().any(|c| c.is_lowercase() || is_title(c))
}

/// `str.islower()`: some cased character and no uppercase one.
pub fn is_lower(s: &str) -> bool {
    s.chars().any(is_cased) && !s.chars().any(|c| c.is_uppercase() || is_title(c))
}

/// `str.istitle()`: uppercase letters only start words, lowercase ones
/// only follow cased characters, and there is at least one cased letter.
pub fn is_titlecased(s: &str) -> bool {
    let mut prev_cased = false;
    let mut cased = false;
    for c in s.chars() {
        if c.is_uppercase() || is_title(c) {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

/// `str.isidentifier()` (approximating XID_Start/XID_Continue with the
/// Alphabetic and Numeric properties).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    chars.all(|c| c == '_' || c.is_alphanumeric() || c == '\u{b7}')
}

/// The titlecase mapping of `c`: the uppercase one except for the
/// Latin digraphs, which have their own titlecase letters.
fn push_title(out: &mut String, c: char) {
    match c {
        '\u{1c4}'..='\u{1c6}' => out.push('\u{1c5}'),
        '\u{1c7}'..='\u{1c9}' => out.push('\u{1c8}'),
        '\u{1ca}'..='\u{1cc}' => out.push('\u{1cb}'),
        '\u{1f1}'..='\u{1f3}' => out.push('\u{1f2}'),
        'ß' => out.push_str("Ss"),
        '\u{fb00}' => out.push_str("Ff"),
        '\u{fb01}' => out.push_str("Fi"),
        '\u{fb02}' => out.push_str("Fl"),
        '\u{fb03}' => out.push_str("Ffi"),
        '\u{fb04}' => out.push_str("Ffl"),
        '\u{fb05}' | '\u{fb06}' => out.push_str("St"),
        _ => out.extend(c.to_uppercase()),
    }
}

/// `str.title()`.
pub fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    }
    out
}

/// `str.capitalize()`: the first character upper, the rest lower.
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        None => String::new(),
        Some(first) => {
            let mut out = String::with_capacity(s.len());
            push_title(&mut out, first);
            out.push_str(&chars.as_str().to_lowercase());
            out
        }
    }
}

/// `str.swapcase()`.
pub fn swapcase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `str.casefold()` (lowercasing plus the folding of `ß`).
pub fn casefold(s: &str) -> String {
    s.to_lowercase().replace('ß', "ss")
}

/// `str.split()` without a separator: runs of whitespace separate, and
/// leading and trailing whitespace is dropped. `maxsplit < 0` means no
/// limit; once it is reached, the remainder (with its trailing
/// whitespace) is the last piece.
pub fn split_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(is_space);
    while !rest.is_empty() {
        if maxsplit >= 0 && out.len() as i64 >= maxsplit {
            out.push(rest);
            return out;
        }
        let end = rest.find(is_space).unwrap_or(rest.len());
        out.push(&rest[..end]);
        rest = rest[end..].trim_start_matches(is_space);
    }
    out
}

/// `str.rsplit()` without a separator, in left-to-right order.
pub fn rsplit_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_end_matches(is_space);
    while !rest.is_empty() {
        if maxsplit >= 0 && out.len() as i64 >= maxsplit {
            out.push(rest);
            break;
        }
        let start = rest.rfind(is_space).map_or(0, |i| {
            i + rest[i..].chars().next().map_or(1, char::len_utf8)
        });
        out.push(&rest[start..]);
        rest = rest[..start].trim_end_matches(is_space);
    }
    out.reverse();
    out
}

/// `str.split(sep, maxsplit)` with a non-empty separator.
pub fn split_sep<'a>(s: &'a str, sep: &str, maxsplit: i64) -> Vec<&'a str> {
    if maxsplit < 0 {
        s.split(sep).collect()
    } else {
        s.splitn(maxsplit as usize + 1, sep).collect()
    }
}

/// `str.rsplit(sep, maxsplit)` with a non-empty separator.
pub fn rsplit_sep<'a>(s: &'a str, sep: &str, maxsplit: i64) -> Vec<&'a str> {
    let mut out: Vec<&str> = if maxsplit < 0 {
        s.rsplit(sep).collect()
    } else {
        s.rsplitn(maxsplit as usize + 1, sep).collect()
    };
    out.reverse();
    out
}

/// `str.splitlines(keepends)`.
pub fn splitlines(s: &str, keepends: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !is_line_break(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(_, '\n')) = iter.peek() {
                iter.next();
                end += 1;
            }
        }
        out.push(if keepends {
            &s[start..end]
        } else {
            &s[start..i]
        });
        start = end;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// `str.expandtabs(tabsize)`: tabs become spaces up to the next multiple
/// of `tabsize` columns; newlines reset the column.
pub fn expandtabs(s: &str, tabsize: i64) -> String {
    let mut out = String::with_capacity(s.len());
    let mut col: i64 = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

/// Padding for `center`: (left, right) fill counts for a string of `len`
/// characters centred in `width`, placing the odd one as CPython does.
pub fn center_padding(len: usize, width: usize) -> (usize, usize) {
    let marg = width.saturating_sub(len);
    let left = marg / 2 + (marg & width & 1);
    (left, marg - left)
}

/// `str.zfill(width)`: zeros after any sign.
pub fn zfill(s: &str, width: usize) -> String {
    let len = s.chars().count();
    if len >= width {
        return s.to_string();
    }
    let zeros = "0".repeat(width - len);
    match s.chars().next() {
        Some(sign @ ('+' | '-')) => format!("{sign}{zeros}{}", &s[1..]),
        _ => format!("{zeros}{s}"),
    }
}

/// Resolves `start`/`end` for the search methods as CPython does: end is
/// clamped to the length, negatives count from the end, and `None` is
/// returned when `start` lies beyond `end` (so even `""` is not found).
pub fn search_bounds(len: usize, start: Option<i64>, end: Option<i64>) -> Option<(usize, usize)> {
    let len = len as i64;
    let fix = |i: i64| if i < 0 { (i + len).max(0) } else { i };
    let s = start.map_or(0, fix);
    let e = end.map_or(len, fix).min(len);
    (s <= e).then_some((s as usize, e as usize))
}

/// The number of non-overlapping occurrences of `sub` in `hay` (`""`
/// occurs between every pair of characters and at both ends).
pub fn count(hay: &str, sub: &str) -> usize {
    if sub.is_empty() {
        hay.chars().count() + 1
    } else {
        hay.matches(sub).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_split() {
        assert_eq!(split_whitespace("  a b\t\nc  ", -1), ["a", "b", "c"]);
        assert_eq!(split_whitespace("  a b  c  ", 1), ["a", "b  c  "]);
        assert_eq!(split_whitespace("   ", -1), Vec::<&str>::new());
        assert_eq!(rsplit_whitespace(" x  y z ", -1), ["x", "y", "z"]);
        assert_eq!(rsplit_whitespace("  a b  c  ", 1), ["  a b", "c"]);
        assert_eq!(split_whitespace("a\u{1f}b\u{3000}c", -1), ["a", "b", "c"]);
    }

    #[test]
    fn separator_split() {
        assert_eq!(split_sep("a,b,,c,", ",", -1), ["a", "b", "", "c", ""]);
        assert_eq!(split_sep("a,b,c", ",", 1), ["a", "b,c"]);
        assert_eq!(rsplit_sep("a,b,c", ",", 1), ["a,b", "c"]);
        assert_eq!(split_sep("a,b,c", ",", 0), ["a,b,c"]);
    }

    #[test]
    fn lines() {
        assert_eq!(splitlines("a\nb\r\nc\rd", false), ["a", "b", "c", "d"]);
        assert_eq!(splitlines("a\nb\r\n", true), ["a\n", "b\r\n"]);
        assert_eq!(splitlines("", false), Vec::<&str>::new());
        assert_eq!(splitlines("\n\n", false), ["", ""]);
        assert_eq!(splitlines("x\u{2028}y\x0cz", false), ["x", "y", "z"]);
    }

    #[test]
    fn tabs_and_padding() {
        assert_eq!(expandtabs("a\tbc\td", 4), "a   bc  d");
        assert_eq!(expandtabs("ab\n\tc", 8), "ab\n        c");
        assert_eq!(expandtabs("a\tb", 0), "ab");
        assert_eq!(center_padding(3, 6), (1, 2));
        assert_eq!(center_padding(2, 5), (2, 1));
        assert_eq!(center_padding(1, 4), (1, 2));
        assert_eq!(zfill("-42", 6), "-00042");
        assert_eq!(zfill("42", 1), "42");
    }

    #[test]
    fn predicates() {
        assert!(is_titlecased("Hello World"));
        assert!(!is_titlecased("Hello world"));
        assert!(is_upper("ABC1"));
        assert!(!is_upper("123"));
        assert!(is_lower("abc!"));
        assert!(is_identifier("_a1"));
        assert!(!is_identifier("1a"));
        assert!(is_digit('²') && !is_decimal('²') && is_numeric('½') && !is_digit('½'));
        assert!(is_decimal('٣'));
        assert!(is_numeric('四') && !is_alpha('Ⅻ') && is_numeric('Ⅻ'));
        assert!(!is_digit('௰') && is_numeric('௰'));
    }

    #[test]
    fn cases() {
        assert_eq!(title("they're bill's friends"), "They'Re Bill'S Friends");
        assert_eq!(capitalize("hELLO"), "Hello");
        assert_eq!(title("ǆx"), "ǅx");
        assert_eq!(title("ßa ﬁx"), "Ssa Fix");
        assert_eq!(swapcase("Hello"), "hELLO");
        assert_eq!(casefold("Straße"), "strasse");
    }

    #[test]
    fn bounds_and_count() {
        assert_eq!(search_bounds(3, Some(5), None), None);
        assert_eq!(search_bounds(3, Some(3), None), Some((3, 3)));
        assert_eq!(search_bounds(3, Some(-1), Some(100)), Some((2, 3)));
        assert_eq!(count("aaaa", "aa"), 2);
        assert_eq!(count("abc", ""), 4);
    }
}
