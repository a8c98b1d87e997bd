//! The dataset's vocabulary: ids, closed sets and records, exactly as stored in
//! `static/data/*.json` (see DATA.md). Pure data: no I/O, no validation beyond
//! what serde enforces (closed sets reject unknown values).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

pub mod gazetteer;
mod sets;

/// Ids are shared text (`Arc<str>`): every fact of a district holds the same one, so
/// 100,000 imported figures keep one copy of each district, indicator and source id
/// (`dataset::compact` shares them as it reads), not one each.
macro_rules! id_type {
    ($($(#[$m:meta])* $name:ident),* $(,)?) => {$(
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub Arc<str>);
        impl $name {
            pub fn as_str(&self) -> &str { &self.0 }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(&self.0) }
        }
        impl From<&str> for $name {
            fn from(s: &str) -> Self { Self(s.into()) }
        }
        impl From<String> for $name {
            fn from(s: String) -> Self { Self(s.into()) }
        }
        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map(Self::from)
            }
        }
    )*};
}

id_type!(
    /// A seed article's file name without `.txt`.
    SourceId,
    /// A GB/T 2260 administrative division code, e.g. `500155` for 梁平区.
    DistrictId,
    /// A stable snake_case concept id shared across districts.
    IndicatorId,
    /// `<source prefix>-<sequence>`, e.g. `004-017`.
    FactId,
);

pub use sets::*;

/// The English name of a rank's comparison group as printed (`rank_group`), for the
/// groups the articles use; `None` for any other (an import's own group is shown as given).
pub fn rank_group_en(zh: &str) -> Option<&'static str> {
    Some(match zh {
        "区县" => "Chongqing's districts and counties",
        "全市" => "Chongqing",
        "主城区" => "Chongqing's central districts",
        "渝东北" => "northeast Chongqing",
        "全国" => "China",
        "全球" => "the world",
        _ => return None,
    })
}

/// A calendar date, stored as `YYYY-MM-DD`. Ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("date {s:?} is not YYYY-MM-DD");
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let year: i32 = s[0..4].parse().map_err(|_| bad())?;
        let month: u8 = s[5..7].parse().map_err(|_| bad())?;
        let day: u8 = s[8..10].parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(format!("date {s:?} does not exist"));
        }
        Ok(Date { year, month, day })
    }
}

/// The number of days of a month (1–12) in a year of the Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// When a figure applies, and how we know.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub start: Date,
    pub end: Date,
    pub precision: Precision,
    /// The period words as printed (今年1—10月, 2022年, 截至目前), possibly empty.
    pub label: String,
    pub year: YearBasis,
    /// How the period was read, in Chinese and in English; both required when the year
    /// is inferred, and both or neither in the embedded data. An import may give one
    /// note in either language (it fills both).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_en: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Subject {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    #[serde(rename = "type")]
    pub kind: SubjectType,
}

/// One figure printed in one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: FactId,
    pub source: SourceId,
    pub district: DistrictId,
    #[serde(default)]
    pub subject: Option<Subject>,
    pub indicator: IndicatorId,
    pub value: f64,
    /// The figure as printed when it is not the plain digits of |value| (四分之一, 两, 1.2万).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_text: Option<String>,
    pub unit: Unit,
    pub kind: Kind,
    /// The comparison group of a rank (渝东北, 区县, 全市).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank_group: Option<String>,
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    pub period: Period,
    pub quote: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: IndicatorId,
    pub name_zh: String,
    pub name_en: String,
    pub category: Category,
    /// The unit of levels and counts; growth and shares are in %.
    pub unit: Unit,
    /// What the indicator counts, in Chinese (written for a Chinese reader) and in
    /// English (`definition`). An imported indicator's one definition serves both.
    #[serde(default)]
    pub definition_zh: String,
    pub definition: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaticFact {
    pub label_zh: String,
    pub label_en: String,
    pub value: f64,
    pub unit: Unit,
    pub source: SourceId,
    pub quote: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    pub id: DistrictId,
    pub name_zh: String,
    pub name_en: String,
    pub region: Region,
    #[serde(default)]
    pub static_facts: Vec<StaticFact>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedEstimate {
    pub from: Date,
    pub to: Date,
    pub label_zh: String,
    pub label_en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: SourceId,
    pub headline: String,
    pub district: DistrictId,
    pub published: PublishedEstimate,
    /// Why we date the article so, in Chinese and in English.
    pub date_evidence_zh: String,
    pub date_evidence_en: String,
    pub date_confidence: Confidence,
    /// A file the user imported (`crate::import`), not an article: `headline` is the
    /// file name, `published` the day of the import, and `district` the one district
    /// its figures are about, or empty when they cover several. Its facts may have an
    /// empty quote. Absent from the embedded JSON (false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub imported: bool,
}

/// A field of a [`Fact`] that a validation rule can find at fault (the importer shows
/// the error in that field's column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactField {
    Source,
    District,
    Indicator,
    Value,
    ValueText,
    Unit,
    RankGroup,
    PeriodEnd,
    PeriodNote,
    Quote,
}
