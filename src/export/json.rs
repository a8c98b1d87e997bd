//! JSON: the facts exactly as the dataset stores them (same field names and values),
//! plus the district and indicator names in both languages, the article headline and
//! its estimated publication date. Text is never altered: markup in the data stays
//! plain text in a JSON string.

use crate::dataset::Dataset;
use crate::i18n::t;
use crate::model::*;
use serde::Serialize;

/// What the JSON export says produced it: the crate and version, and the app's name
/// in both languages (`t::APP_TITLE`).
pub fn generated_by() -> String {
    format!("cq-explorer {} ({} · {})", env!("CARGO_PKG_VERSION"), t::APP_TITLE.zh, t::APP_TITLE.en)
}

#[derive(Serialize)]
struct JsonExport<'a> {
    generated_by: String,
    facts: Vec<JsonFact<'a>>,
}

/// A fact as the dataset stores it, with the names a reader needs beside it.
#[derive(Serialize)]
struct JsonFact<'a> {
    #[serde(flatten)]
    fact: &'a Fact,
    district_name_zh: Option<&'a str>,
    district_name_en: Option<&'a str>,
    indicator_name_zh: Option<&'a str>,
    indicator_name_en: Option<&'a str>,
    source_headline: Option<&'a str>,
    source_published: Option<&'a PublishedEstimate>,
}

/// The facts at `rows` as a pretty-printed JSON document:
/// `{"generated_by": …, "facts": [{<fact as stored>, "district_name_zh", …}]}`.
pub fn json(ds: &Dataset, rows: &[usize]) -> String {
    let facts = rows
        .iter()
        .filter_map(|&i| ds.facts.get(i))
        .map(|f| {
            let district = ds.district(&f.district);
            let indicator = ds.indicator(&f.indicator);
            let source = ds.source(&f.source);
            JsonFact {
                fact: f,
                district_name_zh: district.map(|d| d.name_zh.as_str()),
                district_name_en: district.map(|d| d.name_en.as_str()),
                indicator_name_zh: indicator.map(|i| i.name_zh.as_str()),
                indicator_name_en: indicator.map(|i| i.name_en.as_str()),
                source_headline: source.map(|s| s.headline.as_str()),
                source_published: source.map(|s| &s.published),
            }
        })
        .collect();
    let doc = JsonExport { generated_by: generated_by(), facts };
    // Only string keys, strings, numbers and options: serialization cannot fail.
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| unreachable!("facts serialize to JSON"))
}
