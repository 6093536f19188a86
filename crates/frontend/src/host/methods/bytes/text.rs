//! Pure byte-string algorithms behind the `bytes` methods (splitting,
//! searching, hex, ASCII case), testable without a VM.

/// ASCII whitespace as `bytes.split()`/`strip()` see it.
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// The first index of `needle` in `hay` (`Some(0)` for an empty needle).
pub fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The last index of `needle` in `hay`.
pub fn rfind_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Non-overlapping occurrences of a non-empty `needle`, left to right.
pub fn occurrences(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = find_bytes(&hay[i..], needle) {
        out.push(i + p);
        i += p + needle.len();
    }
    out
}

/// `bytes.split(sep, maxsplit)` (`sep` None splits on whitespace runs).
pub fn split_bytes<'a>(data: &'a [u8], sep: Option<&[u8]>, maxsplit: i64) -> Vec<&'a [u8]> {
    let limit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut out = Vec::new();
    match sep {
        Some(sep) => {
            let mut start = 0;
            for p in occurrences(data, sep) {
                if out.len() >= limit {
                    break;
                }
                out.push(&data[start..p]);
                start = p + sep.len();
            }
            out.push(&data[start..]);
        }
        None => {
            let mut i = 0;
            loop {
                while i < data.len() && is_space(data[i]) {
                    i += 1;
                }
                if i >= data.len() {
                    break;
                }
                if out.len() >= limit {
                    out.push(&data[i..]);
                    break;
                }
                let start = i;
                while i < data.len() && !is_space(data[i]) {
                    i += 1;
                }
                out.push(&data[start..i]);
            }
        }
    }
    out
}

/// `bytes.rsplit(sep, maxsplit)`, in left-to-right order.
pub fn rsplit_bytes<'a>(data: &'a [u8], sep: Option<&[u8]>, maxsplit: i64) -> Vec<&'a [u8]> {
    let limit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut out = Vec::new();
    let mut end = data.len();
    match sep {
        Some(sep) => {
            while out.len() < limit {
                match rfind_bytes(&data[..end], sep) {
                    Some(p) => {
                        out.push(&data[p + sep.len()..end]);
                        end = p;
                    }
                    None => break,
                }
            }
            out.push(&data[..end]);
        }
        None => loop {
            while end > 0 && is_space(data[end - 1]) {
                end -= 1;
            }
            if end == 0 {
                break;
            }
            if out.len() >= limit {
                out.push(&data[..end]);
                break;
            }
            let stop = end;
            while end > 0 && !is_space(data[end - 1]) {
                end -= 1;
            }
            out.push(&data[end..stop]);
        },
    }
    out.reverse();
    out
}

/// `bytes.hex()`.
pub fn to_hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

/// `bytes.fromhex(s)`: pairs of hex digits, whitespace between pairs.
/// On error, the position of the offending character.
pub fn from_hex(s: &str) -> Result<Vec<u8>, usize> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16).ok_or(i)?;
        let lo = chars.get(i + 1).and_then(|c| c.to_digit(16)).ok_or(i + 1)?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    Ok(out)
}

/// `bytes.title()`: ASCII letters after a non-letter are uppercased, the
/// others lowercased.
pub fn title_bytes(b: &[u8]) -> Vec<u8> {
    let mut prev_cased = false;
    b.iter()
        .map(|&c| {
            let out = if prev_cased {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            prev_cased = c.is_ascii_alphabetic();
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting() {
        assert_eq!(
            split_bytes(b"a,b,,c", Some(b","), -1),
            [&b"a"[..], b"b", b"", b"c"]
        );
        assert_eq!(split_bytes(b"  a b  c ", None, -1), [&b"a"[..], b"b", b"c"]);
        assert_eq!(split_bytes(b"a b c", None, 1), [&b"a"[..], b"b c"]);
        assert_eq!(rsplit_bytes(b"a b c", None, 1), [&b"a b"[..], b"c"]);
        assert_eq!(rsplit_bytes(b"a,b,c", Some(b","), 1), [&b"a,b"[..], b"c"]);
        assert!(split_bytes(b"   ", None, -1).is_empty());
    }

    #[test]
    fn hex_round_trip() {
        assert_eq!(to_hex(b"\x00\xffA"), "00ff41");
        assert_eq!(from_hex("00 ff41").unwrap(), b"\x00\xffA");
        assert_eq!(from_hex("0g"), Err(1));
        assert_eq!(from_hex("abc"), Err(3));
        assert_eq!(title_bytes(b"hello wORLD 2x"), b"Hello World 2X");
    }

    #[test]
    fn searching() {
        assert_eq!(find_bytes(b"hello", b"ll"), Some(2));
        assert_eq!(rfind_bytes(b"hello", b"l"), Some(3));
        assert_eq!(rfind_bytes(b"abc", b""), Some(3));
        assert_eq!(occurrences(b"aaaa", b"aa"), [0, 2]);
    }
}
