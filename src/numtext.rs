//! Numbers as the articles print them: Arabic digits, Chinese numerals (两, 十二),
//! multipliers (1.2万), fractions (四分之一 = 25 %), tenths (三成 = 30 %) and ordinals
//! (第一). Used to prove that a fact's value is the figure its quote prints.

use crate::i18n::{t, Lang};
use crate::model::FactField;

const DIGITS: &[(char, u64)] = &[
    ('零', 0),
    ('〇', 0),
    ('一', 1),
    ('二', 2),
    ('两', 2),
    ('三', 3),
    ('四', 4),
    ('五', 5),
    ('六', 6),
    ('七', 7),
    ('八', 8),
    ('九', 9),
];

fn digit(c: char) -> Option<u64> {
    DIGITS.iter().find(|(d, _)| *d == c).map(|(_, v)| *v)
}

fn big(c: char) -> Option<f64> {
    match c {
        '万' => Some(1e4),
        '亿' => Some(1e8),
        _ => None,
    }
}

/// An integer written in Chinese numerals: 十二, 二十三, 一百零五, 两万.
fn chinese_integer(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    let (mut total, mut section, mut num): (f64, f64, Option<u64>) = (0.0, 0.0, None);
    for c in s.chars() {
        if let Some(d) = digit(c) {
            num = Some(d);
        } else if let Some(m) = match c {
            '十' => Some(10.0),
            '百' => Some(100.0),
            '千' => Some(1000.0),
            _ => None,
        } {
            section += num.unwrap_or(1) as f64 * m;
            num = None;
        } else if let Some(m) = big(c) {
            section += num.unwrap_or(0) as f64;
            total += section * m;
            section = 0.0;
            num = None;
        } else {
            return None;
        }
    }
    Some(total + section + num.unwrap_or(0) as f64)
}

/// Parses a figure as printed. Returns `None` for anything that is not a number.
pub fn parse_printed(text: &str) -> Option<f64> {
    let t: String = text.trim().chars().filter(|c| *c != ',').collect();
    // 居全国首位, 蝉联榜首: first place.
    if matches!(t.as_str(), "首位" | "榜首" | "首") {
        return Some(1.0);
    }
    if let Some(rest) = t.strip_prefix('第') {
        return parse_printed(rest);
    }
    if let Some((den, num)) = t.split_once("分之") {
        let (d, n) = (parse_printed(den)?, parse_printed(num)?);
        return (d != 0.0).then(|| n / d * 100.0);
    }
    if let Some(tenths) = t.strip_suffix('成') {
        return parse_printed(tenths).map(|v| v * 10.0);
    }
    let digits_end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    if digits_end > 0 {
        let mut v: f64 = t[..digits_end].parse().ok()?;
        for c in t[digits_end..].chars() {
            v *= big(c)?;
        }
        return Some(v);
    }
    chinese_integer(&t)
}

/// The shortest decimal form of a value, as an article prints it (27, 10.7).
pub fn plain(value: f64) -> String {
    format!("{}", value.abs())
}

/// Why a quote does not print a fact's value: each case names the field at fault and
/// reads in both languages (the data loader reports [`en`](QuoteMismatch::en), the
/// importer both).
#[derive(Clone, Debug, PartialEq)]
pub enum QuoteMismatch {
    /// The value is not a finite number.
    NotFinite(f64),
    /// `value_text` is not in the quote.
    TextNotInQuote(String),
    /// `value_text` reads as another number than the value.
    TextReadsOtherwise { text: String, read: f64, value: f64 },
    /// `value_text` is not a number.
    TextNotANumber(String),
    /// Without `value_text`, the quote does not print the value's digits.
    NotPrinted(String),
}

impl QuoteMismatch {
    /// The fact field at fault.
    pub fn field(&self) -> FactField {
        match self {
            QuoteMismatch::NotFinite(_) => FactField::Value,
            QuoteMismatch::NotPrinted(_) => FactField::Quote,
            _ => FactField::ValueText,
        }
    }

    /// The message in a language (the table's `QUOTE_*` texts); the English quotes the
    /// text as Rust writes a string, the Chinese in “”.
    pub fn text(&self, lang: Lang) -> String {
        let quoted = |s: &str| match lang {
            Lang::Zh => s.to_string(),
            Lang::En => format!("{s:?}"),
        };
        match self {
            QuoteMismatch::NotFinite(v) => t::QUOTE_NOT_FINITE.fill(lang, &[&v.to_string()]),
            QuoteMismatch::TextNotInQuote(s) => t::QUOTE_TEXT_ABSENT.fill(lang, &[&quoted(s)]),
            QuoteMismatch::TextReadsOtherwise { text, read, value } => t::QUOTE_TEXT_READS
                .fill(lang, &[&quoted(text), &read.to_string(), &value.to_string()]),
            QuoteMismatch::TextNotANumber(s) => t::QUOTE_TEXT_NOT_NUMBER.fill(lang, &[&quoted(s)]),
            QuoteMismatch::NotPrinted(digits) => t::QUOTE_NOT_PRINTED.fill(lang, &[digits]),
        }
    }
}

/// Checks that `quote` prints `value`: either `value_text` (which must parse to |value|)
/// or the plain digits of |value|, not as part of a longer number.
pub fn check_value_in_quote(
    value: f64,
    value_text: Option<&str>,
    quote: &str,
) -> Result<(), QuoteMismatch> {
    if !value.is_finite() {
        return Err(QuoteMismatch::NotFinite(value));
    }
    match value_text {
        Some(text) => {
            if !quote.contains(text) {
                return Err(QuoteMismatch::TextNotInQuote(text.to_string()));
            }
            match parse_printed(text) {
                Some(p) if (p - value.abs()).abs() <= 1e-9 * value.abs().max(1.0) => Ok(()),
                Some(read) => {
                    Err(QuoteMismatch::TextReadsOtherwise { text: text.to_string(), read, value })
                }
                None => Err(QuoteMismatch::TextNotANumber(text.to_string())),
            }
        }
        None => {
            let digits = plain(value);
            if contains_standalone_number(quote, &digits) {
                Ok(())
            } else {
                Err(QuoteMismatch::NotPrinted(digits))
            }
        }
    }
}

/// True when `digits` occurs in `text` not glued to other digits (so 27 is not found in 127 or 2.7).
fn contains_standalone_number(text: &str, digits: &str) -> bool {
    let is_num = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
    text.match_indices(digits).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + digits.len()..].chars().next();
        // A full stop not followed by a digit ends a sentence; it is not a decimal point.
        let rest = &text[i + digits.len()..];
        let after_is_num = match after {
            Some('.') => is_num(rest[1..].chars().next()),
            other => is_num(other),
        };
        !is_num(before) && !after_is_num
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Option<f64>) {
        assert_eq!(parse_printed(text), expected, "{text}");
    }

    #[test]
    fn parses_what_articles_print() {
        check("27", Some(27.0));
        check("10.7", Some(10.7));
        check("1.2万", Some(12000.0));
        check("3万", Some(30000.0));
        check("两", Some(2.0));
        check("十二", Some(12.0));
        check("二十三", Some(23.0));
        check("一百零五", Some(105.0));
        check("第一", Some(1.0));
        check("首位", Some(1.0));
        check("榜首", Some(1.0));
        check("四分之一", Some(25.0));
        check("三成", Some(30.0));
        check("两万", Some(20000.0));
        check("abc", None);
        check("", None);
        check("一分之", None);
    }

    #[test]
    fn value_must_be_printed_in_quote() {
        assert!(check_value_in_quote(27.0, None, "新获批认定国家高新技术企业27家").is_ok());
        assert!(check_value_in_quote(-5.0, None, "能耗下降5%").is_ok());
        assert!(check_value_in_quote(2.0, None, "新增127家").is_err());
        assert!(check_value_in_quote(2.0, None, "增长2.5%").is_err());
        assert!(check_value_in_quote(2.0, None, "增长2.").is_ok());
        assert!(check_value_in_quote(25.0, Some("四分之一"), "占全球四分之一").is_ok());
        assert!(check_value_in_quote(20.0, Some("四分之一"), "占全球四分之一").is_err());
        assert!(check_value_in_quote(1.0, Some("第一"), "居全市第二").is_err());
        assert!(check_value_in_quote(f64::NAN, None, "NaN").is_err());
    }
}
