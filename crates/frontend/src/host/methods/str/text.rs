//! Pure text algorithms behind the str methods, on `&str`, testable
//! without a VM.

/// `s.split()` / `s.split(None, maxsplit)`: runs of whitespace separate,
/// leading and trailing whitespace is ignored.
pub fn split_whitespace(s: &str, maxsplit: Option<usize>) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        if maxsplit.is_some_and(|m| out.len() >= m) {
            out.push(rest.to_string());
            break;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        out.push(rest[..end].to_string());
        rest = rest[end..].trim_start();
    }
    out
}

/// `s.rsplit()` / `s.rsplit(None, maxsplit)`.
pub fn rsplit_whitespace(s: &str, maxsplit: Option<usize>) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s.trim_end();
    while !rest.is_empty() {
        if maxsplit.is_some_and(|m| out.len() >= m) {
            out.push(rest.to_string());
            break;
        }
        let start = rest.rfind(char::is_whitespace).map_or(0, |i| {
            i + rest[i..].chars().next().map_or(1, char::len_utf8)
        });
        out.push(rest[start..].to_string());
        rest = rest[..start].trim_end();
    }
    out.reverse();
    out
}

/// `s.split(sep, maxsplit)` with a non-empty separator.
pub fn split_sep(s: &str, sep: &str, maxsplit: Option<usize>) -> Vec<String> {
    match maxsplit {
        Some(m) => s.splitn(m + 1, sep).map(String::from).collect(),
        None => s.split(sep).map(String::from).collect(),
    }
}

/// `s.rsplit(sep, maxsplit)` with a non-empty separator.
pub fn rsplit_sep(s: &str, sep: &str, maxsplit: Option<usize>) -> Vec<String> {
    let mut out: Vec<String> = match maxsplit {
        Some(m) => s.rsplitn(m + 1, sep).map(String::from).collect(),
        None => s.rsplit(sep).map(String::from).collect(),
    };
    out.reverse();
    out
}

/// `s.splitlines(keepends)`: `\n`, `\r\n`, `\r` and the other Unicode
/// line boundaries.
pub fn splitlines(s: &str, keepends: bool) -> Vec<String> {
    let is_break = |c: char| {
        matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        )
    };
    let mut out = Vec::new();
    let mut line = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if is_break(c) {
            if keepends {
                line.push(c);
            }
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
                if keepends {
                    line.push('\n');
                }
            }
            out.push(std::mem::take(&mut line));
        } else {
            line.push(c);
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// `s.capitalize()`: first character title-cased, the rest lower-cased.
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// `s.title()`: every word (run of cased letters) starts upper case.
pub fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    out
}

/// `s.swapcase()`.
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

/// `s.expandtabs(tabsize)`.
pub fn expandtabs(s: &str, tabsize: usize) -> String {
    let mut out = String::with_capacity(s.len());
    let mut col = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    out.push_str(&" ".repeat(n));
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

/// `s.zfill(width)`: zeros after a leading sign.
pub fn zfill(s: &str, width: usize) -> String {
    let len = s.chars().count();
    if len >= width {
        return s.to_string();
    }
    let zeros = "0".repeat(width - len);
    match s.chars().next() {
        Some(c @ ('+' | '-')) => format!("{c}{zeros}{}", &s[1..]),
        _ => format!("{zeros}{s}"),
    }
}

/// `s.center(width, fill)`, with CPython's choice of the odd extra
/// character (on the left when the total padding and width are odd).
pub fn center(s: &str, width: usize, fill: char) -> String {
    let len = s.chars().count();
    if len >= width {
        return s.to_string();
    }
    let marg = width - len;
    let left = marg / 2 + (marg & width & 1);
    let f = fill.to_string();
    format!("{}{s}{}", f.repeat(left), f.repeat(marg - left))
}

/// `s.isidentifier()` (ASCII and alphabetic Unicode letters).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => chars.all(|c| c == '_' || c.is_alphanumeric()),
        _ => false,
    }
}

/// `str.isdigit()` for one character: decimal digits plus superscripts
/// and other digit characters Rust knows as numeric digits.
pub fn is_digit_char(c: char) -> bool {
    c.is_ascii_digit()
        || (!c.is_ascii() && c.to_digit(10).is_none() && is_unicode_decimal(c))
        || matches!(c, '²' | '³' | '¹')
}

/// Decimal digits of the main Unicode scripts (Nd), recognised by their
/// block ranges of ten.
pub fn is_unicode_decimal(c: char) -> bool {
    const ZEROS: &[u32] = &[
        0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
        0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0xff10,
    ];
    let n = c as u32;
    ZEROS.iter().any(|&z| (z..z + 10).contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn splitting() {
        let text = "  The quick brown fox  ";
        assert_eq!(
            split_whitespace(text, None),
            v(&["The", "quick", "brown", "fox"])
        );
        assert_eq!(
            split_whitespace(text, Some(1)),
            v(&["The", "quick brown fox  "])
        );
        assert_eq!(rsplit_whitespace(" x  y z ", None), v(&["x", "y", "z"]));
        assert_eq!(rsplit_whitespace(" x  y z ", Some(1)), v(&[" x  y", "z"]));
        assert_eq!(split_sep("a,b,,c,", ",", None), v(&["a", "b", "", "c", ""]));
        assert_eq!(split_sep("a o b o c", "o", Some(1)), v(&["a ", " b o c"]));
        assert_eq!(rsplit_sep("a o b o c", "o", Some(1)), v(&["a o b ", " c"]));
        assert!(split_whitespace("   ", None).is_empty());
        assert_eq!(splitlines("a\nb\r\nc\rd", false), v(&["a", "b", "c", "d"]));
        assert_eq!(splitlines("a\n\nb\n", true), v(&["a\n", "\n", "b\n"]));
    }

    #[test]
    fn cases_and_padding() {
        assert_eq!(capitalize("hELLO world"), "Hello world");
        assert_eq!(title("hello wORLD it's"), "Hello World It'S");
        assert_eq!(swapcase("aBc1"), "AbC1");
        assert_eq!(expandtabs("a\tbc\td", 4), "a   bc  d");
        assert_eq!(zfill("-42", 6), "-00042");
        assert_eq!(zfill("42", 1), "42");
        assert_eq!(center("abc", 8, '*'), "**abc***");
        assert_eq!(center("ab", 7, '-'), "---ab--");
        assert_eq!(center("abc", 6, ' '), " abc  ");
        assert!(is_identifier("_x1"));
        assert!(!is_identifier("1x"));
        assert!(is_digit_char('٣'));
        assert!(!is_digit_char('a'));
    }
}
