//! Which encoding a file's bytes are in, and decoding them (GBK is left to the
//! browser's `TextDecoder`); a sample of the decoded text to show before importing.

use crate::text::display;

/// Which encoding a file's bytes were read in; the report names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 with a byte-order mark (Excel's "Unicode text").
    Utf16Le,
    Utf16Be,
    /// UTF-16 without a byte-order mark, told by its zero bytes.
    Utf16LeNoBom,
    Utf16BeNoBom,
    /// GBK, as Excel in China saves CSV: the bytes read as GBK and not as UTF-8 with a
    /// few bad bytes.
    Gbk,
}

impl Encoding {
    /// The WHATWG encoding label for `TextDecoder`, and the name the report gives.
    #[rustfmt::skip]
    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Encoding::Utf8 => ("utf-8", "UTF-8", "UTF-8"),
            Encoding::Utf8Bom => ("utf-8", "UTF-8（带 BOM）", "UTF-8 with BOM"),
            Encoding::Utf16Le => ("utf-16le", "UTF-16LE（带 BOM）", "UTF-16LE with BOM"),
            Encoding::Utf16Be => ("utf-16be", "UTF-16BE（带 BOM）", "UTF-16BE with BOM"),
            Encoding::Utf16LeNoBom => ("utf-16le", "UTF-16LE（无 BOM）", "UTF-16LE without BOM"),
            Encoding::Utf16BeNoBom => ("utf-16be", "UTF-16BE（无 BOM）", "UTF-16BE without BOM"),
            Encoding::Gbk => ("gbk", "GBK", "GBK"),
        }
    }
    /// The WHATWG encoding label for `TextDecoder`.
    pub fn label(self) -> &'static str {
        self.names().0
    }
    /// The encoding's name as the report gives it.
    pub fn name(self, lang: crate::i18n::Lang) -> &'static str {
        let (_, zh, en) = self.names();
        crate::i18n::pick(lang, zh, en)
    }
}

/// A file's bytes decoded, or the decision to let the browser decode them.
#[derive(Debug, PartialEq)]
pub struct Decoded {
    pub encoding: Encoding,
    /// The text; for GBK the bytes, which the shell decodes with `TextDecoder` (its
    /// tables are the browser's, not in the download).
    pub text: Result<String, Vec<u8>>,
    /// Byte sequences that are not valid in the encoding, each decoded as U+FFFD: the
    /// rows holding them get an error each.
    pub bad_sequences: usize,
}

/// Which encoding a file's bytes are in, by byte-order mark, then by which reading
/// fits: valid UTF-8; UTF-16 told by its zero bytes; GBK only when the bytes read as
/// GBK and not as UTF-8 with a few bad bytes; else UTF-8 with its bad bytes marked.
pub fn decode_hint(bytes: &[u8]) -> Encoding {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => Encoding::Utf8Bom,
        [0xFF, 0xFE, ..] => Encoding::Utf16Le,
        [0xFE, 0xFF, ..] => Encoding::Utf16Be,
        // Before UTF-8: ASCII in UTF-16 is valid UTF-8 too (with a zero byte per letter).
        _ => utf16_without_bom(bytes).unwrap_or_else(|| {
            let (valid_multibyte, invalid) =
                std::str::from_utf8(bytes).map_or_else(|_| utf8_census(bytes), |_| (0, 0));
            match invalid > 0 && valid_multibyte <= invalid && reads_as_gbk(bytes) {
                true => Encoding::Gbk,
                false => Encoding::Utf8,
            }
        }),
    }
}

/// Decodes a file's bytes (see [`decode_hint`]); GBK is left to the shell.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    let encoding = decode_hint(&bytes);
    let le = encoding.label() == "utf-16le";
    let (text, bad_sequences) = match encoding {
        Encoding::Gbk => (Err(bytes), 0),
        Encoding::Utf8 | Encoding::Utf8Bom => match String::from_utf8(bytes) {
            Ok(t) => (Ok(t), 0),
            Err(e) => {
                let bad = utf8_census(e.as_bytes()).1;
                (Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()), bad)
            }
        },
        _ => {
            let units = bytes.chunks(2).map(|p| match p {
                [a, b] if le => u16::from_le_bytes([*a, *b]),
                [a, b] => u16::from_be_bytes([*a, *b]),
                _ => 0xFFFD,
            });
            let mut bad = usize::from(bytes.len() % 2 == 1);
            let mut text: String = char::decode_utf16(units)
                .map(|c| {
                    bad += usize::from(c.is_err());
                    c.unwrap_or('\u{FFFD}')
                })
                .collect();
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            (Ok(text), bad)
        }
    };
    Decoded { encoding, text, bad_sequences }
}

/// Valid multi-byte UTF-8 characters and invalid sequences in `bytes`.
fn utf8_census(bytes: &[u8]) -> (usize, usize) {
    let count = |(multibyte, invalid), chunk: std::str::Utf8Chunk| {
        let more = chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        (multibyte + more, invalid + usize::from(!chunk.invalid().is_empty()))
    };
    bytes.utf8_chunks().fold((0, 0), count)
}

/// UTF-16 without a byte-order mark: in the first 4 KB, most of the high bytes of the
/// (mostly ASCII) header are zero, on one side only.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros = |odd: usize| head.iter().skip(odd).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 >= pairs * 3 && even * 10 < pairs {
        Some(Encoding::Utf16LeNoBom)
    } else if even * 10 >= pairs * 3 && odd * 10 < pairs {
        Some(Encoding::Utf16BeNoBom)
    } else {
        None
    }
}

/// Whether `bytes` are well-formed GBK: ASCII, and lead bytes 0x81–0xFE each followed
/// by a trail byte 0x40–0xFE other than 0x7F (0x80 alone is the euro sign).
fn reads_as_gbk(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x00..=0x80 => i += 1,
            0xFF => return false,
            _ => match bytes.get(i + 1) {
                Some(0x40..=0x7E | 0x80..=0xFE) => i += 2,
                _ => return false,
            },
        }
    }
    true
}

/// A few decoded lines, to show before anything is imported: the first lines after
/// the header (the header itself when there are none), each cut at 80 characters,
/// with invisible characters escaped.
pub fn sample(text: &str) -> Vec<String> {
    let lines = text.trim_start_matches('\u{feff}').lines();
    let lines: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).take(3).collect();
    let header = usize::from(lines.len() > 1);
    lines[header..].iter().map(|l| display(l, 80)).collect()
}
