//! The text codecs `str.encode` and `bytes.decode` support: UTF-8,
//! Latin-1 and ASCII, with CPython's error messages and the `strict`,
//! `ignore`, `replace` and `backslashreplace` error handlers.

use crate::host::value::{PyStr, Value};
use crate::host::vm::{Exc, PyResult, Vm};

/// The codecs we know, after normalising the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    Utf8,
    Latin1,
    Ascii,
}

impl Codec {
    /// Looks a codec up by any of its usual names (case and `_`/`-`
    /// insensitive).
    pub fn lookup(name: &str) -> Option<Codec> {
        let norm = name.trim().to_ascii_lowercase().replace('_', "-");
        match norm.as_str() {
            "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => Some(Codec::Utf8),
            "latin-1" | "latin1" | "latin" | "l1" | "iso-8859-1" | "iso8859-1" | "8859"
            | "cp819" | "iso-ir-100" => Some(Codec::Latin1),
            "ascii" | "us-ascii" | "646" | "us" => Some(Codec::Ascii),
            _ => None,
        }
    }

    /// The name CPython uses in messages.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Latin1 => "latin-1",
            Codec::Ascii => "ascii",
        }
    }

    /// The highest code point the codec encodes, as `range(n)` in messages.
    fn limit(self) -> u32 {
        match self {
            Codec::Utf8 => 0x110000,
            Codec::Latin1 => 0x100,
            Codec::Ascii => 0x80,
        }
    }
}

/// A codec failure: the message and the failing range, in code points
/// (encoding) or bytes (decoding).
#[derive(Debug, PartialEq, Eq)]
pub struct CodecError {
    pub start: usize,
    pub end: usize,
    pub message: String,
}

/// Escapes one character as CPython shows it in encoding errors.
fn char_escape(c: char) -> String {
    let n = c as u32;
    if n < 0x100 {
        format!("\\x{n:02x}")
    } else if n < 0x10000 {
        format!("\\u{n:04x}")
    } else {
        format!("\\U{n:08x}")
    }
}

/// Encodes `s`; `errors` is the handler name (already validated).
pub fn encode_text(s: &str, codec: Codec, errors: &str) -> Result<Vec<u8>, CodecError> {
    if codec == Codec::Utf8 {
        return Ok(s.as_bytes().to_vec());
    }
    let limit = codec.limit();
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() && chars[end] as u32 >= limit {
            end += 1;
        }
        match errors {
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', end - i)),
            "backslashreplace" => {
                for &ch in &chars[i..end] {
                    out.extend(char_escape(ch).bytes());
                }
            }
            "xmlcharrefreplace" => {
                for &ch in &chars[i..end] {
                    out.extend(format!("&#{};", ch as u32).bytes());
                }
            }
            _ => {
                let what = if end - i == 1 {
                    format!("character '{}' in position {i}", char_escape(c))
                } else {
                    format!("characters in position {i}-{}", end - 1)
                };
                let message = format!(
                    "'{}' codec can't encode {what}: ordinal not in range({limit})",
                    codec.name()
                );
                return Err(CodecError {
                    start: i,
                    end,
                    message,
                });
            }
        }
        i = end;
    }
    Ok(out)
}

/// Describes a bad byte range in a decoding error message.
fn byte_range(data: &[u8], start: usize, end: usize) -> String {
    if end - start == 1 {
        format!("byte 0x{:02x} in position {start}", data[start])
    } else {
        format!("bytes in position {start}-{}", end - 1)
    }
}

/// Decodes `data`; `errors` is the handler name (already validated).
pub fn decode_bytes(data: &[u8], codec: Codec, errors: &str) -> Result<String, CodecError> {
    match codec {
        Codec::Latin1 => Ok(data.iter().map(|&b| char::from(b)).collect()),
        Codec::Ascii => {
            let mut out = String::with_capacity(data.len());
            for (i, &b) in data.iter().enumerate() {
                if b < 0x80 {
                    out.push(char::from(b));
                    continue;
                }
                match errors {
                    "ignore" => {}
                    "replace" => out.push('\u{fffd}'),
                    "backslashreplace" => out.push_str(&format!("\\x{b:02x}")),
                    _ => {
                        let message = format!(
                            "'ascii' codec can't decode {}: ordinal not in range(128)",
                            byte_range(data, i, i + 1)
                        );
                        return Err(CodecError {
                            start: i,
                            end: i + 1,
                            message,
                        });
                    }
                }
            }
            Ok(out)
        }
        Codec::Utf8 => decode_utf8(data, errors),
    }
}

fn decode_utf8(data: &[u8], errors: &str) -> Result<String, CodecError> {
    let mut out = String::with_capacity(data.len());
    let mut pos = 0;
    loop {
        match std::str::from_utf8(&data[pos..]) {
            Ok(s) => {
                out.push_str(s);
                return Ok(out);
            }
            Err(e) => {
                let good = pos + e.valid_up_to();
                out.push_str(std::str::from_utf8(&data[pos..good]).unwrap_or_default());
                // Rust reports the maximal invalid subpart, as CPython does.
                let (end, reason) = match e.error_len() {
                    None => (data.len(), "unexpected end of data"),
                    Some(n) => {
                        let b = data[good];
                        let bad_start = (0x80..=0xc1).contains(&b) || b >= 0xf5;
                        let reason = if n == 1 && bad_start {
                            "invalid start byte"
                        } else {
                            "invalid continuation byte"
                        };
                        (good + n, reason)
                    }
                };
                match errors {
                    "ignore" => {}
                    "replace" => out.push('\u{fffd}'),
                    "backslashreplace" => {
                        for b in &data[good..end] {
                            out.push_str(&format!("\\x{b:02x}"));
                        }
                    }
                    _ => {
                        let message = format!(
                            "'utf-8' codec can't decode {}: {reason}",
                            byte_range(data, good, end)
                        );
                        return Err(CodecError {
                            start: good,
                            end,
                            message,
                        });
                    }
                }
                pos = end;
            }
        }
    }
}

const HANDLERS: &[&str] = &[
    "strict",
    "ignore",
    "replace",
    "backslashreplace",
    "xmlcharrefreplace",
];

fn lookup(vm: &mut Vm, encoding: &str) -> PyResult<Codec> {
    let cls = vm.types.lookup_error;
    Codec::lookup(encoding)
        .ok_or_else(|| vm.new_exception(cls, &format!("unknown encoding: {encoding}")))
}

/// Like CPython, an unknown error handler is only noticed when an error
/// occurs (the codecs treat it as `strict`).
fn unknown_handler(vm: &mut Vm, errors: &str) -> Option<Exc> {
    if HANDLERS.contains(&errors) {
        return None;
    }
    let cls = vm.types.lookup_error;
    Some(vm.new_exception(cls, &format!("unknown error handler name '{errors}'")))
}

/// Raises a `UnicodeEncodeError`/`UnicodeDecodeError` with CPython's
/// message and its `encoding`, `start`, `end` and `reason` attributes.
fn codec_error(
    vm: &mut Vm,
    cls: crate::host::value::ObjRef,
    codec: Codec,
    e: CodecError,
    object: Value,
) -> Exc {
    let exc = vm.new_exception(cls, &e.message);
    let v = exc.value().clone();
    let reason = e
        .message
        .rsplit(": ")
        .next()
        .unwrap_or_default()
        .to_string();
    // The attributes are a convenience; failing to set them must not hide
    // the error itself.
    let _ = vm.setattr(&v, &PyStr::new("encoding"), Value::str(codec.name()));
    let _ = vm.setattr(&v, &PyStr::new("object"), object);
    let _ = vm.setattr(&v, &PyStr::new("start"), Value::Int(e.start as i64));
    let _ = vm.setattr(&v, &PyStr::new("end"), Value::Int(e.end as i64));
    let _ = vm.setattr(&v, &PyStr::new("reason"), Value::string(reason));
    exc
}

/// `s.encode(encoding, errors)`.
pub fn encode(vm: &mut Vm, s: &PyStr, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = lookup(vm, encoding)?;
    encode_text(s, codec, errors).map_err(|e| {
        if let Some(exc) = unknown_handler(vm, errors) {
            return exc;
        }
        let cls = vm.types.unicode_encode_error;
        codec_error(vm, cls, codec, e, Value::Str(s.clone()))
    })
}

/// `b.decode(encoding, errors)`.
pub fn decode(vm: &mut Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let codec = lookup(vm, encoding)?;
    decode_bytes(data, codec, errors).map_err(|e| {
        if let Some(exc) = unknown_handler(vm, errors) {
            return exc;
        }
        let cls = vm.types.unicode_decode_error;
        codec_error(vm, cls, codec, e, Value::bytes(data))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec_err(data: &[u8]) -> String {
        decode_bytes(data, Codec::Utf8, "strict")
            .unwrap_err()
            .message
    }

    #[test]
    fn utf8_errors() {
        assert_eq!(
            dec_err(b"a\xff"),
            "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte"
        );
        assert_eq!(
            dec_err(b"\xe2\x82"),
            "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"
        );
        assert_eq!(
            dec_err(b"\xe2"),
            "'utf-8' codec can't decode byte 0xe2 in position 0: unexpected end of data"
        );
        assert_eq!(
            dec_err(b"\xe2\x41"),
            "'utf-8' codec can't decode byte 0xe2 in position 0: invalid continuation byte"
        );
        assert_eq!(
            dec_err(b"\xe2\x82\x41"),
            "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"
        );
        assert_eq!(
            dec_err(b"\xed\xa0\x80"),
            "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"
        );
        assert_eq!(
            decode_bytes(b"a\xffb\xe2\x82", Codec::Utf8, "replace").unwrap(),
            "a\u{fffd}b\u{fffd}"
        );
        assert_eq!(
            decode_bytes(b"a\xffb", Codec::Utf8, "ignore").unwrap(),
            "ab"
        );
    }

    #[test]
    fn single_byte_codecs() {
        assert_eq!(decode_bytes(b"\xe9", Codec::Latin1, "strict").unwrap(), "é");
        assert_eq!(
            decode_bytes(b"a\xe9", Codec::Ascii, "strict")
                .unwrap_err()
                .message,
            "'ascii' codec can't decode byte 0xe9 in position 1: ordinal not in range(128)"
        );
        assert_eq!(encode_text("é", Codec::Latin1, "strict").unwrap(), b"\xe9");
        assert_eq!(
            encode_text("aé", Codec::Ascii, "strict")
                .unwrap_err()
                .message,
            "'ascii' codec can't encode character '\\xe9' in position 1: ordinal not in range(128)"
        );
        assert_eq!(
            encode_text("a€€", Codec::Latin1, "strict")
                .unwrap_err()
                .message,
            "'latin-1' codec can't encode characters in position 1-2: ordinal not in range(256)"
        );
        assert_eq!(encode_text("aé", Codec::Ascii, "replace").unwrap(), b"a?");
        assert_eq!(
            encode_text("aé", Codec::Ascii, "backslashreplace").unwrap(),
            b"a\\xe9"
        );
        assert_eq!(
            decode_bytes(b"a\xff", Codec::Utf8, "bogus")
                .unwrap_err()
                .start,
            1
        );
        assert_eq!(Codec::lookup("UTF_8"), Some(Codec::Utf8));
        assert_eq!(Codec::lookup("Latin-1"), Some(Codec::Latin1));
    }
}
