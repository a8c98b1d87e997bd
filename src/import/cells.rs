//! One cell at a time: text that may be stored (no invisible control characters,
//! not too long), numbers as spreadsheets write them, dates, and closed-set values
//! given by code or label. Values quoted back in messages go through [`shown`].

use super::fields::MAX_ABS_VALUE;
use super::report::Reason;
use crate::model::*;
use crate::model::{Closed, Set};
use crate::text::{escape_invisible, is_invisible, isolated};
use std::borrow::Cow;

/// Longest excerpt of a cell quoted back in a message, in characters.
const SHOWN_CHARS: usize = 40;

/// A value from the file as a message shows it: at most 40 characters, in quotes,
/// with invisible characters escaped (`"\u{202e}"`, `"\u{200b}"`) and, when it holds
/// right-to-left letters, isolated (U+2068 … U+2069), so that it can neither flood nor
/// reorder the message.
pub fn shown(s: &str) -> String {
    let cut = s.char_indices().nth(SHOWN_CHARS).map_or(s, |(i, _)| &s[..i]);
    let more = if cut.len() < s.len() { "…" } else { "" };
    format!("\"{}{more}\"", isolated(&escape_invisible(cut)))
}

/// Checks that a cell's text can be stored as is: no invisible character, no
/// decoding loss (U+FFFD), at most `max` characters.
pub fn check_text(s: &str, max: usize) -> Result<(), Reason> {
    let ascii = s.is_ascii();
    let chars = if ascii { s.len() } else { s.chars().count() };
    if chars > max {
        return Err(Reason::TooLong { chars, max });
    }
    let found = match ascii {
        true => s.bytes().find(u8::is_ascii_control).map(char::from),
        false => s.chars().find(|&c| is_invisible(c) || c == '\u{FFFD}'),
    };
    match found {
        Some('\u{FFFD}') => Err(Reason::Undecodable),
        Some(c) => Err(Reason::InvisibleCharacter(c)),
        None => Ok(()),
    }
}

/// Full-width ASCII (１２３，％) as Chinese input methods type it, folded to ASCII, for
/// cells that are codes, numbers or dates (never for names or quotes).
pub fn fold(s: &str) -> Cow<'_, str> {
    let wide = |c| matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}');
    if s.is_ascii() || !s.chars().any(wide) {
        return Cow::Borrowed(s.trim());
    }
    let folded = s.chars().map(|c| match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    });
    Cow::Owned(folded.collect::<String>().trim().to_string())
}

/// A number as a spreadsheet writes it: an optional sign (`-`, `+`, `−`), digits with
/// optional thousands separators every three digits (`12,345.6`), an optional
/// decimal part and exponent (`1.5E+11`). NaN, infinities, overflow and magnitudes
/// above [`MAX_ABS_VALUE`] are rejected.
pub fn parse_number(s: &str) -> Result<f64, Reason> {
    let t = fold(s);
    let (negative, body) = match t.chars().next() {
        Some(c @ ('-' | '+' | '−')) => (c != '+', &t[c.len_utf8()..]),
        _ => (false, &t[..]),
    };
    if ["nan", "inf", "infinity"].iter().any(|w| body.eq_ignore_ascii_case(w)) {
        return Err(Reason::NotFinite(shown(s)));
    }
    let digits = |b: &str| match b.contains(',') {
        true => b.replace(',', "").parse::<f64>().ok(),
        false => b.parse::<f64>().ok(),
    };
    let v = (number_grammar(body).then(|| digits(body)))
        .flatten()
        .ok_or_else(|| Reason::NotANumber(shown(s)))?;
    if !v.is_finite() || v > MAX_ABS_VALUE {
        return Err(Reason::NumberTooLarge(shown(s)));
    }
    Ok(if negative { -v } else { v })
}

/// Whether an unsigned number follows the grammar (Rust's `f64` parser then reads it
/// once the separators are gone).
fn number_grammar(s: &str) -> bool {
    let (mantissa, exponent) = s.split_once(['e', 'E']).map_or((s, None), |(m, e)| (m, Some(e)));
    let (int, frac) = mantissa.split_once('.').map_or((mantissa, None), |(i, f)| (i, Some(f)));
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    let int_ok = match int.contains(',') {
        true => first.len() <= 3 && digits(first) && groups.all(|g| g.len() == 3 && digits(g)),
        false => int.is_empty() || digits(int),
    };
    let exp_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    int_ok && frac.is_none_or(digits) && exp_ok && !(int.is_empty() && frac.is_none())
}

/// A date or a span written as a date: `2022-03-05` (also `2022/3/5`, `2022.3.5`,
/// `2022年3月5日`), a month `2022-03` or a year `2022`. Returns its first and last day.
pub fn parse_date_span(s: &str) -> Result<(Date, Date), Reason> {
    // 年 and 月 read as "-" (a trailing one trimmed like one).
    let t = fold(s);
    let t = t.trim_end_matches('日').trim_end_matches(['-', '年', '月']);
    let mut parts = t.split(['-', '/', '.', '年', '月']);
    let bad = || Reason::NotADate(shown(s));
    let number = |p: &str, len: std::ops::RangeInclusive<usize>| {
        let ok = len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| p.parse::<u32>().ok()).flatten().ok_or_else(bad)
    };
    let [first, month, day] = [parts.next(), parts.next(), parts.next()];
    if parts.next().is_some() {
        return Err(bad());
    }
    let year = number(first.unwrap_or(""), 4..=4)? as i32;
    // The years the explorer draws and links filter on: beyond them an axis would
    // need thousands of ticks.
    if !crate::url::YEARS.contains(&year) {
        return Err(Reason::YearOutOfRange(shown(s)));
    }
    let month = month.map(|p| number(p, 1..=2)).transpose()?;
    let day = day.map(|p| number(p, 1..=2)).transpose()?;
    let date = |m: u32, d: u32| Date { year, month: m as u8, day: d as u8 };
    let last = |m: u32| days_in_month(year, m as u8) as u32;
    match (month, day) {
        (None, _) => Ok((date(1, 1), date(12, 31))),
        (Some(m), _) if !(1..=12).contains(&m) => Err(Reason::NoSuchDate(shown(s))),
        (Some(m), None) => Ok((date(m, 1), date(m, last(m)))),
        (Some(m), Some(d)) if d == 0 || d > last(m) => Err(Reason::NoSuchDate(shown(s))),
        (Some(m), Some(d)) => Ok((date(m, d), date(m, d))),
    }
}

/// How finely a period is known, read from its dates when the file does not say.
pub fn infer_precision(start: Date, end: Date) -> Precision {
    let first_of_year = start.month == 1 && start.day == 1;
    let last_of_year = end.month == 12 && end.day == 31;
    let last_of_month = end.day == days_in_month(end.year, end.month);
    if start == end {
        Precision::AsOf
    } else if first_of_year && last_of_year && start.year == end.year {
        Precision::Year
    } else if first_of_year && last_of_year {
        Precision::MultiYear
    } else if start.day != 1 || !last_of_month || start.year != end.year {
        Precision::Months
    } else if start.month == end.month {
        Precision::Month
    } else if start.month % 3 == 1 && end.month == start.month + 2 {
        Precision::Quarter
    } else if start.month % 6 == 1 && end.month == start.month + 5 {
        Precision::HalfYear
    } else {
        Precision::Months
    }
}

/// A closed-set value by its code (`count_new`), or, except for units, by its
/// Chinese or English label (`新增数`, `new in period`). ASCII case is ignored.
pub fn parse_closed<T: Closed>(s: &str) -> Result<T, Reason> {
    let t = fold(s);
    let by_code = |v: &&T| v.code().eq_ignore_ascii_case(&t);
    let by_label = |v: &&T| T::SET != Set::Unit && (v.zh() == t || v.en().eq_ignore_ascii_case(&t));
    if let Some(v) = T::all().iter().find(by_code) {
        return Ok(*v);
    } else if let Some(v) = T::all().iter().find(by_label) {
        return Ok(*v);
    }
    let year = t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit());
    Err(match T::SET {
        Set::YearBasis if year => Reason::YearInYearBasis(shown(s)),
        set => Reason::NotInSet { set, value: shown(s) },
    })
}
