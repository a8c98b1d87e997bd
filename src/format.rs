//! How figures and periods read on screen and in charts: the value with its unit and
//! the article's hedge, and the period resolved to calendar dates with the words as
//! printed. Pure text: the one spelling of a figure per language ([`value_in`]), used
//! by the table, the source panel, the charts, the CSV and the citation.

use crate::i18n::{t, Lang};
use crate::model::*;
use crate::numtext;

/// Below this magnitude (and not zero) a value is written in scientific notation,
/// which no article prints but which reads where 0.000…01 would run to hundreds of
/// digits.
pub const TINY: f64 = 1e-6;
/// From this magnitude on, scientific notation too (imports stop at 1e15).
pub const HUGE: f64 = 1e16;

/// |value| as `1.5×10⁻³⁰⁰` when it is extreme (non-zero below [`TINY`], or from
/// [`HUGE`] on): at most six significant digits, never hundreds.
fn scientific(value: f64) -> Option<String> {
    let a = value.abs();
    if a == 0.0 || !a.is_finite() || (TINY..HUGE).contains(&a) {
        return None;
    }
    let e = format!("{a:.5e}");
    let (mantissa, exponent) = e.split_once('e')?;
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    let sup: String = exponent
        .chars()
        .filter_map(|c| match c {
            '-' => Some('⁻'),
            d => "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().nth(d.to_digit(10)? as usize),
        })
        .collect();
    Some(format!("{mantissa}×10{sup}"))
}

/// A number as the article would print it, negatives with a minus sign; extreme
/// magnitudes in scientific notation.
pub fn number(value: f64) -> String {
    let s = scientific(value).unwrap_or_else(|| numtext::plain(value));
    if value < 0.0 {
        format!("−{s}")
    } else {
        s
    }
}

/// The value with unit and hedge, e.g. `超100个`, `1700余万元`, `5%以上`, `第1位（渝东北）`.
pub fn value(f: &Fact) -> String {
    if f.kind == Kind::Rank {
        let group = f.rank_group.as_deref().unwrap_or("");
        return format!("第{}位（{group}）", number(f.value));
    }
    let n = number(f.value);
    let unit = f.unit.zh();
    match f.qualifier {
        None => format!("{n}{unit}"),
        Some(q @ (Qualifier::Yu | Qualifier::Duo)) => format!("{n}{}{unit}", q.zh()),
        Some(q) if q.is_suffix() => format!("{n}{unit}{}", q.zh()),
        Some(q) => format!("{}{n}{unit}", q.zh()),
    }
}

/// The period in calendar terms: `2022年`, `2025年1—10月`, `截至2023年2月`.
pub fn period(p: &Period) -> String {
    let (s, e) = (p.start, p.end);
    match p.precision {
        Precision::Year if s.year == e.year => format!("{}年", s.year),
        Precision::Year | Precision::MultiYear if s.year != e.year => {
            format!("{}—{}年", s.year, e.year)
        }
        Precision::MultiYear => format!("{}年", s.year),
        Precision::Months | Precision::Quarter | Precision::HalfYear if s.year == e.year => {
            format!("{}年{}—{}月", s.year, s.month, e.month)
        }
        Precision::Month if s.year == e.year && s.month == e.month => {
            format!("{}年{}月", s.year, s.month)
        }
        Precision::Day if s == e => format!("{}年{}月{}日", s.year, s.month, s.day),
        Precision::AsOf => format!("截至{}年{}月", e.year, e.month),
        _ => format!("{s}—{e}"),
    }
}

/// A number with thousands separators (English): 12,000.5.
pub fn grouped(value: f64) -> String {
    if let Some(s) = scientific(value) {
        return if value < 0.0 { format!("−{s}") } else { s };
    }
    let s = numtext::plain(value);
    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    if value < 0.0 {
        format!("−{out}")
    } else {
        out
    }
}

/// English amount for Chinese money and count multipliers: 2471亿元 → 247.1 billion yuan.
fn english_amount(value: f64, unit: Unit) -> String {
    let scaled = |v: f64, word: &str, rest: &str| {
        let rounded = (v * 1000.0).round() / 1000.0;
        format!("{} {word}{rest}", grouped(rounded))
    };
    match unit {
        Unit::YiYuan => scaled(value / 10.0, "billion", " yuan"),
        Unit::WanYuan if value.abs() >= 100.0 => scaled(value / 100.0, "million", " yuan"),
        Unit::WanYuan => format!("{} yuan", grouped(value * 1e4)),
        Unit::Percent => format!("{}%", grouped(value)),
        u => {
            let name = unit_en(u, value);
            // A multiple ("10,000 tonnes") after a number would read as one number.
            let times = if name.starts_with(|c: char| c.is_ascii_digit()) { " ×" } else { "" };
            format!("{}{times} {name}", grouped(value))
        }
    }
}

/// A bare amount in `unit` (no hedge, no kind), spelled as [`value_in`] spells a
/// figure of that unit: `2471亿元` / `247.1 billion yuan`, `1.3个百分点` /
/// `1.3 percentage points`. For figures derived from facts (a gap between a target
/// and its actual), so that they read like the facts beside them.
pub fn amount(value: f64, unit: Unit, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}{}", number(value), unit.zh()),
        Lang::En => english_amount(value, unit),
    }
}

/// A unit's English name for `value` of it: singular for exactly one ("1 enterprise",
/// "1 percentage point", "1 person"), else as the model names it ("2 enterprises").
/// Units that are multiples ("10,000 tonnes") keep their plural.
pub fn unit_en(unit: Unit, value: f64) -> String {
    let plural = unit.en();
    if value.abs() != 1.0 || plural.starts_with(|c: char| c.is_ascii_digit()) {
        return plural.to_string();
    }
    // The noun that carries the plural: the first word ending in "s" ("tonnes of coal
    // equivalent", "percentage points", "person-times"), or "people".
    let words: Vec<&str> = plural.split(' ').collect();
    let Some(i) = words.iter().position(|w| *w == "people" || w.ends_with('s')) else {
        return plural.to_string();
    };
    let w = words[i];
    let one = if w == "people" {
        "person".to_string()
    } else if let Some(stem) = w.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = w.strip_suffix("ches") {
        format!("{stem}ch")
    } else {
        w[..w.len() - 1].to_string()
    };
    let mut out: Vec<&str> = words.clone();
    out[i] = &one;
    out.join(" ")
}

/// The one spelling of a figure (value, unit and hedge) in the chosen language:
/// Chinese as printed, English with its hedge in words and Chinese multipliers scaled
/// (`2471亿元` → `247.1 billion yuan`). The table, the source panel, chart labels, the
/// CSV's displayed value and the citation all spell a figure with this.
pub fn value_in(f: &Fact, lang: Lang) -> String {
    if lang == Lang::Zh {
        return value(f);
    }
    if f.kind == Kind::Rank {
        let group = f.rank_group.as_deref().unwrap_or("");
        let group = rank_group_en(group).unwrap_or(group);
        return format!("No. {} ({group})", number(f.value));
    }
    let amount = english_amount(f.value, f.unit);
    match f.qualifier {
        None => amount,
        Some(q) => format!("{} {amount}", q.en()),
    }
}

/// The period in English: 2022, Jan–Oct 2025, as of Feb 2023.
pub fn period_in(p: &Period, lang: Lang) -> String {
    if lang == Lang::Zh {
        return period(p);
    }
    const M: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let m = |d: Date| M[usize::from(d.month.clamp(1, 12)) - 1];
    let (s, e) = (p.start, p.end);
    match p.precision {
        Precision::Year if s.year == e.year => format!("{}", s.year),
        Precision::Year | Precision::MultiYear if s.year != e.year => {
            format!("{}–{}", s.year, e.year)
        }
        Precision::MultiYear => format!("{}", s.year),
        Precision::Months | Precision::Quarter | Precision::HalfYear if s.year == e.year => {
            format!("{}–{} {}", m(s), m(e), s.year)
        }
        Precision::Month if s.year == e.year && s.month == e.month => {
            format!("{} {}", m(s), s.year)
        }
        Precision::Day if s == e => format!("{} {} {}", s.day, m(s), s.year),
        Precision::AsOf => format!("as of {} {}", m(e), e.year),
        _ => format!("{s} – {e}"),
    }
}

/// The note on how a period was read, in the reader's language (an import's single
/// note serves both).
pub fn period_note(p: &Period, lang: Lang) -> Option<&str> {
    fn given(n: &Option<String>) -> Option<&str> {
        n.as_deref().filter(|t| !t.trim().is_empty())
    }
    let (zh, en) = (given(&p.note_zh), given(&p.note_en));
    match lang {
        Lang::Zh => zh.or(en),
        Lang::En => en.or(zh),
    }
}

/// The period with how it was read (printed or not, year printed or inferred and why),
/// in the chosen language: the expanded row and the source panel.
pub fn period_reading_in(p: &Period, lang: Lang) -> String {
    let printed = if p.label.is_empty() {
        t::PERIOD_UNPRINTED.get(lang).to_string()
    } else {
        t::PERIOD_PRINTED_AS.fill(lang, &[&p.label])
    };
    let basis = match (p.year, period_note(p, lang)) {
        (YearBasis::Printed, None) => t::YEAR_PRINTED.get(lang).to_string(),
        (YearBasis::Printed, Some(n)) => t::YEAR_PRINTED_NOTE.fill(lang, &[n]),
        (YearBasis::Inferred, n) => {
            t::YEAR_INFERRED.fill(lang, &[n.unwrap_or(t::NO_REASON_GIVEN.get(lang))])
        }
    };
    t::PERIOD_READING.fill(lang, &[&period_in(p, lang), &printed, &basis])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(value: f64, unit: Unit, kind: Kind, qualifier: Option<Qualifier>) -> Fact {
        Fact {
            id: "t-1".into(),
            source: "s".into(),
            district: "d".into(),
            subject: None,
            indicator: "i".into(),
            value,
            value_text: None,
            unit,
            kind,
            rank_group: (kind == Kind::Rank).then(|| "渝东北".to_string()),
            qualifier,
            period: period_of(Precision::Year, "2022-01-01", "2022-12-31"),
            quote: String::new(),
        }
    }

    fn period_of(precision: Precision, start: &str, end: &str) -> Period {
        Period {
            start: Date::parse(start).unwrap(),
            end: Date::parse(end).unwrap(),
            precision,
            label: String::new(),
            year: YearBasis::Printed,
            note_zh: None,
            note_en: None,
        }
    }

    #[test]
    fn a_period_says_how_it_was_read_in_each_language() {
        let mut p = period_of(Precision::AsOf, "2023-01-01", "2023-02-28");
        p.label = "截至目前".into();
        p.year = YearBasis::Inferred;
        assert_eq!(
            period_reading_in(&p, Lang::Zh),
            "截至2023年2月。原文：“截至目前”；年份系推断：未说明依据"
        );
        assert_eq!(
            period_reading_in(&p, Lang::En),
            "as of Feb 2023. printed as “截至目前”; year inferred: no reason given"
        );
        p.label.clear();
        p.year = YearBasis::Printed;
        p.note_en = Some("from the headline".into());
        assert_eq!(
            period_reading_in(&p, Lang::Zh),
            "截至2023年2月。原文未写明时间；年份见原文；from the headline"
        );
    }

    #[test]
    fn values_keep_the_articles_hedge_in_place() {
        assert_eq!(
            value(&fact(100.0, Unit::Ge, Kind::CountTotal, Some(Qualifier::Chao))),
            "超100个"
        );
        assert_eq!(
            value(&fact(1700.0, Unit::WanYuan, Kind::Level, Some(Qualifier::Yu))),
            "1700余万元"
        );
        assert_eq!(
            value(&fact(5.0, Unit::Percent, Kind::Forecast, Some(Qualifier::YiShang))),
            "5%以上"
        );
        assert_eq!(value(&fact(-5.0, Unit::Percent, Kind::Growth, None)), "−5%");
        assert_eq!(value(&fact(1.0, Unit::Wei, Kind::Rank, None)), "第1位（渝东北）");
    }

    #[test]
    fn english_values_scale_chinese_units() {
        assert_eq!(
            value_in(&fact(322.0, Unit::YiYuan, Kind::Level, None), Lang::En),
            "32.2 billion yuan"
        );
        assert_eq!(
            value_in(&fact(1700.0, Unit::WanYuan, Kind::Level, Some(Qualifier::Yu)), Lang::En),
            "more than 17 million yuan"
        );
        assert_eq!(
            value_in(&fact(12000.0, Unit::Jia, Kind::CountTotal, None), Lang::En),
            "12,000 enterprises"
        );
        assert_eq!(
            value_in(&fact(1.0, Unit::Jia, Kind::CountTotal, None), Lang::En),
            "1 enterprise"
        );
        assert_eq!(unit_en(Unit::PercentagePoint, -1.0), "percentage point");
        assert_eq!(unit_en(Unit::Ren, 1.0), "person");
        assert_eq!(unit_en(Unit::Zuo, 1.0), "facility");
        assert_eq!(unit_en(Unit::Pi, 1.0), "batch");
        assert_eq!(unit_en(Unit::Tce, 1.0), "tonne of coal equivalent");
        assert_eq!(unit_en(Unit::WanDun, 1.0), "10,000 tonnes");
        assert_eq!(unit_en(Unit::Jia, 1.5), "enterprises");
        assert_eq!(
            value_in(&fact(5.0, Unit::WanDun, Kind::Level, None), Lang::En),
            "5 × 10,000 tonnes"
        );
        assert_eq!(amount(2471.0, Unit::YiYuan, Lang::En), "247.1 billion yuan");
        assert_eq!(amount(2471.0, Unit::YiYuan, Lang::Zh), "2471亿元");
        assert_eq!(amount(1.0, Unit::PercentagePoint, Lang::En), "1 percentage point");
        assert_eq!(amount(1.3, Unit::PercentagePoint, Lang::Zh), "1.3个百分点");
        assert_eq!(value_in(&fact(322.0, Unit::YiYuan, Kind::Level, None), Lang::Zh), "322亿元");
    }

    #[test]
    fn periods_read_as_calendar_text() {
        assert_eq!(period(&period_of(Precision::Year, "2022-01-01", "2022-12-31")), "2022年");
        assert_eq!(
            period(&period_of(Precision::Months, "2025-01-01", "2025-10-31")),
            "2025年1—10月"
        );
        assert_eq!(
            period(&period_of(Precision::MultiYear, "2020-01-01", "2022-12-31")),
            "2020—2022年"
        );
        assert_eq!(
            period(&period_of(Precision::AsOf, "2023-02-28", "2023-02-28")),
            "截至2023年2月"
        );
    }
}
