//! Pure text algorithms behind the `str` methods, over `&str` and `char`,
//! so they can be unit tested without a VM.
//!
//! Character classes and case mappings are CPython 3.11's (Unicode
//! 14.0.0), from [`crate::host::unicode`].

pub use crate::host::unicode::{
    capitalize, casefold, is_alnum, is_alpha, is_decimal, is_digit, is_identifier, is_lower,
    is_numeric, is_space, is_titlecased, is_upper, lower, swapcase, title, upper,
};

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

/// A predicate that must hold for every character of a non-empty string.
pub fn all_chars(s: &str, pred: fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(pred)
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
