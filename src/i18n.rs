//! The two languages of the UI: Chinese first, English second. Core text that reaches
//! the screen (chart titles, notes, labels) is chosen here by `Lang`.

use crate::dataset::Dataset;
use crate::model::*;
pub use crate::state::Lang;

/// The Chinese or English of a pair.
pub fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

pub fn district_name<'a>(ds: &'a Dataset, id: &'a DistrictId, lang: Lang) -> &'a str {
    ds.district(id)
        .map_or(id.as_str(), |d| pick(lang, &d.name_zh, &d.name_en))
}

pub fn indicator_name<'a>(ds: &'a Dataset, id: &'a IndicatorId, lang: Lang) -> &'a str {
    ds.indicator(id)
        .map_or(id.as_str(), |i| pick(lang, &i.name_zh, &i.name_en))
}

pub fn kind(k: Kind, lang: Lang) -> &'static str {
    pick(lang, k.zh(), k.en())
}

pub fn unit(u: Unit, lang: Lang) -> &'static str {
    pick(lang, u.zh(), u.en())
}

pub fn category(c: Category, lang: Lang) -> &'static str {
    pick(lang, c.zh(), c.en())
}

/// A subject's name in the language, falling back to the Chinese as printed.
pub fn subject_name(s: &Subject, lang: Lang) -> &str {
    match (lang, &s.name_en) {
        (Lang::En, Some(en)) if !en.is_empty() => en,
        _ => &s.name,
    }
}

/// Joins a list the way each language does (、 or ", ").
pub fn join(lang: Lang, items: &[String]) -> String {
    items.join(pick(lang, "、", ", "))
}
