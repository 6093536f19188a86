//! A small constant type for graphs written as text.
//!
//! Later passes are tested from graphs written in the dump format, without
//! a frontend; [`TextConst`] gives those graphs constants with a printed
//! form that the parser can read back.

use std::fmt;

/// A constant of a graph written by hand.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TextConst {
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
    /// An integer such as `-12`.
    Int(i64),
    /// A string such as `'it\'s'`, with `\\`, `\'` and `\n` escapes.
    Str(String),
    /// A named global object such as `ValueError` or `os.path.join`.
    Name(String),
}

impl TextConst {
    /// Prints the constant (a function usable as a constant printer).
    pub fn print(&self) -> String {
        self.to_string()
    }

    /// Parses a constant at the start of `text`, returning it and the
    /// number of bytes it spans (a function usable as a constant parser).
    pub fn parse(text: &str) -> Option<(TextConst, usize)> {
        let first = text.chars().next()?;
        if first == '\'' {
            return parse_string(text);
        }
        if first.is_ascii_digit()
            || (first == '-' && text[1..].starts_with(|c: char| c.is_ascii_digit()))
        {
            let len = 1 + text[1..]
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(text.len() - 1);
            return Some((TextConst::Int(text[..len].parse().ok()?), len));
        }
        if first.is_alphabetic() || first == '_' {
            let len = text
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(text.len());
            let word = &text[..len];
            let konst = match word {
                "None" => TextConst::None,
                "True" => TextConst::Bool(true),
                "False" => TextConst::Bool(false),
                _ => TextConst::Name(word.to_string()),
            };
            return Some((konst, len));
        }
        None
    }
}

fn parse_string(text: &str) -> Option<(TextConst, usize)> {
    let mut value = String::new();
    let mut chars = text.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' => return Some((TextConst::Str(value), i + 1)),
            '\\' => match chars.next()?.1 {
                'n' => value.push('\n'),
                other => value.push(other),
            },
            _ => value.push(c),
        }
    }
    None
}

impl fmt::Display for TextConst {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextConst::None => f.write_str("None"),
            TextConst::Bool(true) => f.write_str("True"),
            TextConst::Bool(false) => f.write_str("False"),
            TextConst::Int(n) => write!(f, "{n}"),
            TextConst::Str(s) => {
                f.write_str("'")?;
                for c in s.chars() {
                    match c {
                        '\'' => f.write_str("\\'")?,
                        '\\' => f.write_str("\\\\")?,
                        '\n' => f.write_str("\\n")?,
                        _ => write!(f, "{c}")?,
                    }
                }
                f.write_str("'")
            }
            TextConst::Name(name) => f.write_str(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TextConst;

    #[test]
    fn round_trips() {
        for konst in [
            TextConst::None,
            TextConst::Bool(true),
            TextConst::Bool(false),
            TextConst::Int(-42),
            TextConst::Int(7),
            TextConst::Str("it's a \\ \n test".into()),
            TextConst::Name("os.path".into()),
        ] {
            let text = format!("{konst}, rest");
            let (parsed, len) = TextConst::parse(&text).expect("parses");
            assert_eq!(parsed, konst);
            assert_eq!(&text[len..], ", rest");
        }
        assert_eq!(TextConst::parse("'unterminated"), None);
        assert_eq!(TextConst::parse("-x"), None);
    }
}
