//! Text in charts: its width (the caller's [`TextMeasure`], or [`estimate`]) and
//! [`wrap`], the one line breaker of the charts and the map.

/// How wide a text is drawn, in CSS px, at font size `px`, bold or not. Any
/// `Fn(&str, f64, bool) -> f64` is one: the UI passes the canvas's `measureText`
/// (measuring a styled element would need a `style` attribute, which a strict CSP
/// forbids), native code and tests pass [`estimate`].
pub trait TextMeasure {
    fn width(&self, text: &str, px: f64, bold: bool) -> f64;
}

impl<F: Fn(&str, f64, bool) -> f64> TextMeasure for F {
    fn width(&self, text: &str, px: f64, bold: bool) -> f64 {
        self(text, px, bold)
    }
}

/// Characters every CJK face draws exactly one em wide, bold or not: ideographs, CJK
/// punctuation and full-width forms. Whichever CJK font the browser falls back to
/// (Noto Sans CJK, PingFang, Microsoft YaHei), their width is known without measuring.
pub fn is_one_em(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF01}'..='\u{FF60}')
}

/// The width of `text`: `em` (an ideograph's advance as the browser draws it, about the
/// font size) for each [`is_one_em`] character, and `measure` of each run of other
/// characters between them. Measuring Chinese text costs the browser a font fall-back
/// and shaping per new string (milliseconds for a bold title on a fresh page); most
/// chart text is Chinese, so most of it is counted.
pub fn width_by_runs(text: &str, em: f64, mut measure: impl FnMut(&str) -> f64) -> f64 {
    let ems = text.chars().filter(|c| is_one_em(*c)).count() as f64 * em;
    let runs = text.split(is_one_em).filter(|run| !run.is_empty());
    ems + runs.map(&mut measure).sum::<f64>()
}

/// A font-free estimate: CJK and full-width characters are one em, Latin about half.
pub fn estimate(text: &str, px: f64, bold: bool) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            c if is_one_em(c) => 1.0,
            'A'..='Z' | 'm' | 'w' | '%' => 0.68,
            ' ' | 'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '·' | '|' | '\'' => 0.3,
            _ => 0.56,
        })
        .sum();
    ems * px * if bold { 1.06 } else { 1.0 }
}

/// Splits `text` into lines no wider than `max` px at font size `px`, as `measure`
/// measures them: CJK breaks anywhere, Latin at spaces when it can, a number is never
/// cut and closing punctuation never starts a line. Every chart and the map wrap by it.
pub fn wrap(measure: &dyn TextMeasure, text: &str, px: f64, bold: bool, max: f64) -> Vec<String> {
    // The line breaks after the longest run of characters that fits, as if each
    // character were added and the line measured again; since a line only widens as it
    // grows, the break is found by one measurement when the rest fits and by halving
    // otherwise: a handful of measurements rather than one per character.
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut next = 0;
    let too_wide = |line: &str, add: &[char]| {
        let mut l = String::with_capacity(line.len() + add.len() * 4);
        l.push_str(line);
        l.extend(add);
        !surely_fits(&l, px, max)
            && measure.width(&l, px, bold).ceil() > max
            && l.chars().count() > 1
    };
    while next < chars.len() {
        let rest = &chars[next..];
        // The fewest characters that make the line too wide, if any do.
        if !too_wide(&line, rest) {
            line.extend(rest);
            break;
        }
        let (mut lo, mut hi) = (1, rest.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if too_wide(&line, &rest[..mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        line.extend(&rest[..lo]);
        next += lo;
        let c = rest[lo - 1];
        let cut = break_at(&line, c);
        let rest = line.split_off(cut);
        lines.push(line.trim_end().to_string());
        line = rest.trim_start().to_string();
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Where a line that grew too wide with `c`, its last character, breaks: at its last
/// space when that is near, else before `c`; a number is never cut and closing
/// punctuation never starts a line.
fn break_at(line: &str, c: char) -> usize {
    let mut cut = line
        .rfind(' ')
        .filter(|&i| i > 0 && line.len() - i < 16)
        .unwrap_or_else(|| line.len() - c.len_utf8());
    // A number is never cut: "229亿元" breaks before "229", not inside it.
    let in_number = |ch: char| ch.is_ascii_digit() || ".,%".contains(ch);
    if line[cut..].starts_with(in_number) {
        let start = line[..cut]
            .char_indices()
            .rev()
            .take_while(|&(_, ch)| in_number(ch))
            .last()
            .map_or(cut, |(i, _)| i);
        if start > 0 {
            cut = start;
        }
    }
    // Closing punctuation never starts a line: it takes the character before it along.
    if "）)】」』》”’、，。：；！？".contains(c) && line.len() - cut == c.len_utf8()
    {
        if let Some((i, _)) = line[..cut].char_indices().last().filter(|&(i, _)| i > 0) {
            cut = i;
        }
    }
    cut
}

/// Whether `text` at `px` is certainly no wider than `max` without measuring it: every
/// character is one whose advance is at most an em in any sans-serif face (Chinese
/// characters and punctuation, full-width forms, printable ASCII), and even at 1.25 em
/// each, bold included, the text fits. Measuring new text costs the browser a font
/// look-up and shaping (milliseconds for a bold Chinese title), so a title that fits
/// by far is not measured.
fn surely_fits(text: &str, px: f64, max: f64) -> bool {
    let mut n = 0usize;
    for c in text.chars() {
        let narrow = matches!(c,
            ' '..='~'
            | '\u{3000}'..='\u{303F}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{FF01}'..='\u{FF5E}'
            | '·' | '–' | '—' | '‘' | '’' | '“' | '”' | '…' | '−');
        if !narrow {
            return false;
        }
        n += 1;
    }
    n as f64 * px * 1.25 <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_never_cut_across_lines() {
        // At 16 px the sentence runs past 120 px inside "229".
        let lines = wrap(&estimate, "目标比实际高229亿元", 16.0, false, 120.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().any(|x| x.contains("229")), "{lines:?}");
        assert_eq!(lines.concat(), "目标比实际高229亿元");
    }

    /// Wrapping as it was written first: the line measured again after every character.
    fn wrap_one_char_at_a_time(text: &str, px: f64, max: f64) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for c in text.chars() {
            line.push(c);
            if estimate(&line, px, false).ceil() > max && line.chars().count() > 1 {
                let rest = line.split_off(break_at(&line, c));
                lines.push(line.trim_end().to_string());
                line = rest.trim_start().to_string();
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    #[test]
    fn chinese_is_counted_and_only_the_rest_measured() {
        let mut measured = Vec::new();
        let mut measure = |run: &str| {
            measured.push(run.to_string());
            10.0 * run.chars().count() as f64
        };
        let w = width_by_runs("涪陵区2023年GDP（亿元）", 18.0, &mut measure);
        // 涪陵区 年 （亿元） are 8 one-em characters; "2023" and "GDP" are measured.
        assert_eq!(w, 8.0 * 18.0 + 40.0 + 30.0);
        assert_eq!(measured, ["2023", "GDP"]);
        assert_eq!(width_by_runs("Hello, world", 14.0, |r: &str| r.len() as f64), 12.0);
        assert_eq!(width_by_runs("", 14.0, |_: &str| unreachable!()), 0.0);
        // Curly quotes are narrow in Latin faces: measured, never counted.
        assert!(!is_one_em('“') && !is_one_em('ｱ') && is_one_em('，'));
    }

    #[test]
    fn text_that_surely_fits_fits_by_the_estimate_too() {
        for text in ["专精特新企业（增速，单位：%）", "GDP growth, 2024 (%) — “WWW”…", "  "]
        {
            for px in [10.0, 14.5, 16.9, 30.0] {
                for max in [50.0, 200.0, 400.0, 900.0] {
                    if surely_fits(text, px, max) {
                        assert!(estimate(text, px, true) <= max, "{text:?} {px} {max}");
                    }
                }
            }
        }
        assert!(surely_fits("专精特新企业（增速，单位：%）", 16.9, 900.0));
        assert!(!surely_fits("专精特新企业（增速，单位：%）", 16.9, 200.0), "too long to be sure");
        assert!(!surely_fits("﷽", 1.0, 900.0), "an unknown character is measured");
    }

    #[test]
    fn wrapping_by_halving_breaks_where_measuring_each_character_did() {
        let texts = [
            "目标比实际高229亿元，完成率为87.5%（预计），较上年提高2.3个百分点。",
            "Gross industrial output value of enterprises above designated size (100 million yuan), 2019–2024",
            "涪陵区、綦江区、璧山区、梁平区 规模以上工业增加值增速（%）",
            "a",
            "",
            "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
            "一二三四五六七八九十一二三四五六七八九十。。。。。。）））",
        ];
        for text in texts {
            for max in [1.0, 20.0, 45.0, 120.0, 200.0, 333.0, 1000.0] {
                for size in [12.0, 16.0, 21.0] {
                    assert_eq!(
                        wrap(&estimate, text, size, false, max),
                        wrap_one_char_at_a_time(text, size, max),
                        "{text:?} at {max} px, size {size}"
                    );
                }
            }
        }
    }
}
