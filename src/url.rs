//! The URL-state codec: `AppState` <-> the page's query string, so that a link reopens
//! the same view. It owns the parameter names, their encoding (flat params in a fixed
//! order, defaults left out) and the reading of any link back into a valid state.
//!
//! Reading goes in two steps, like ripgrep's low and high args: the query is first
//! decoded faithfully into `(key, value)` pairs (bounded in length and number), then
//! each known parameter is checked against the dataset. A bad value is dropped with a
//! `UrlWarning` while every valid part applies; unknown keys (old or future
//! parameters) are ignored silently. A repeated `d` combines its lists; any other
//! repeated key keeps its last value and names the earlier ones in a warning. Values
//! quoted in warnings have invisible characters escaped. Reading never fails and never
//! panics.
//! `expanded` rows are not part of the URL.
//!
//! The parts: this file owns the parameter names, their code tables and writing a
//! state ([`to_query`]); `raw` decodes a query into pairs; `read` turns the pairs into
//! a state ([`from_query`], [`gives_lang`]); `warning` says what was not used
//! ([`UrlWarning`], [`notice`]) in both languages.

use crate::i18n::Lang;
use crate::query::{Direction, Sort, SortKey};
use crate::state::{AppState, PeriodMode, Theme, View};
use std::ops::RangeInclusive;

mod raw;
mod read;
mod warning;

pub use read::{from_query, gives_lang};
pub use warning::{notice, UrlProblem, UrlWarning};

/// Longest value read, in characters; a longer one is dropped with a warning.
pub const MAX_VALUE_CHARS: usize = 200;
/// Longest district list (`d`) read: room for all 38 of Chongqing's districts.
pub const MAX_DISTRICT_LIST_CHARS: usize = 1000;
/// Longest query read, in bytes (characters of an encoded query); the rest is cut.
pub const MAX_QUERY_BYTES: usize = 4000;
/// Most parameters read; the rest are dropped.
pub const MAX_PARAMS: usize = 64;
/// Years a link may filter on.
pub const YEARS: RangeInclusive<i32> = 1949..=2100;
/// The known parameters, in the order `to_query` writes them.
const KEYS: [&str; 14] = [
    "view", "ind", "d", "cat", "year", "kind", "q", "pm", "sort", "p", "lang", "theme", "lt",
    "embed",
];

const PERIOD_MODES: &[(&str, PeriodMode)] =
    &[("latest", PeriodMode::Latest), ("same", PeriodMode::SamePeriod)];
const LANGS: &[(&str, Lang)] = &[("zh", Lang::Zh), ("en", Lang::En)];
const THEMES: &[(&str, Theme)] = &[
    ("auto", Theme::Auto),
    ("light", Theme::Light),
    ("dark", Theme::Dark),
    ("contrast", Theme::HighContrast),
];
const SORT_KEYS: &[(&str, SortKey)] = &[
    ("district", SortKey::District),
    ("indicator", SortKey::Indicator),
    ("value", SortKey::Value),
    ("period", SortKey::Period),
    ("kind", SortKey::Kind),
    ("source", SortKey::Source),
];

/// The query for `state`, without a leading `?`; empty for the default state.
pub fn to_query(state: &AppState) -> String {
    let (s, f) = (state, &state.filter);
    let mut w = QueryWriter::default();
    if s.view != View::default() {
        w.put("view", [s.view.code()]);
    }
    if let Some(i) = &f.indicator {
        w.put("ind", [i.as_str()]);
    }
    if !f.districts.is_empty() {
        w.put("d", f.districts.iter().map(|d| d.as_str()));
    }
    if let Some(c) = f.category {
        w.put("cat", [c.code()]);
    }
    if let Some(y) = f.year {
        w.put("year", [y.to_string().as_str()]);
    }
    if let Some(k) = f.kind {
        w.put("kind", [k.code()]);
    }
    if !f.search.trim().is_empty() {
        w.put("q", [f.search.trim()]);
    }
    if s.period_mode != PeriodMode::default() {
        w.put("pm", [code(PERIOD_MODES, s.period_mode)]);
    }
    if s.sort != Sort::default() {
        let key = code(SORT_KEYS, s.sort.key);
        let sort = match s.sort.direction {
            Direction::Ascending => key.to_string(),
            Direction::Descending => format!("-{key}"),
        };
        w.put("sort", [sort.as_str()]);
    }
    if let Some(p) = &s.profile {
        w.put("p", [p.as_str()]);
    }
    if s.lang != Lang::default() {
        w.put("lang", [code(LANGS, s.lang)]);
    }
    if s.theme != Theme::default() {
        w.put("theme", [code(THEMES, s.theme)]);
    }
    if s.large_text {
        w.put("lt", ["1"]);
    }
    if s.embed {
        w.put("embed", ["1"]);
    }
    w.0
}

#[derive(Default)]
struct QueryWriter(String);

impl QueryWriter {
    /// Appends `key=v1,v2,…`: each value form-encoded, the commas left readable.
    fn put<'a>(&mut self, key: &str, values: impl IntoIterator<Item = &'a str>) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(key);
        self.0.push('=');
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            self.0.extend(form_urlencoded::byte_serialize(v.as_bytes()));
        }
    }
}

fn lookup<T: Copy>(table: &[(&str, T)], code: &str) -> Option<T> {
    table.iter().find(|(c, _)| *c == code).map(|&(_, v)| v)
}

fn code<T: Copy + PartialEq>(table: &[(&'static str, T)], value: T) -> &'static str {
    table.iter().find(|(_, v)| *v == value).map_or("", |&(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_tables_read_back_what_they_write() {
        for &(c, t) in THEMES {
            assert_eq!(lookup(THEMES, code(THEMES, t)), Some(t), "{c}");
        }
        for &(c, k) in SORT_KEYS {
            assert_eq!(code(SORT_KEYS, k), c);
        }
        assert_eq!(SORT_KEYS.len(), SortKey::ALL.len());
    }
}
