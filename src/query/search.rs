//! Free-text search: the index built once per dataset, and whether a new search can
//! look only among the rows of the last one.

use super::Filter;
use crate::dataset::Dataset;

/// Whether every fact `next` keeps is among those `previous` kept: the same filter
/// with search text that contains the previous text (the reader typed on).
pub fn narrows(previous: &Filter, next: &Filter) -> bool {
    let (p, n) = (previous.search.trim(), next.search.trim());
    !p.is_empty()
        && n.to_lowercase().contains(&p.to_lowercase())
        && Filter { search: String::new(), ..previous.clone() }
            == Filter { search: String::new(), ..next.clone() }
}

/// The searchable text, lower-cased once: a fact is found by its indicator's names,
/// its district's names, its subject's names or its quote. The names of an indicator
/// or a district are held once, not in every fact's entry (at 100,000 figures they
/// were most of the index): a search tests each name once, then each fact's own text
/// (subject and quote), all of them in one string (`starts`: where each begins;
/// a fact with neither adds nothing).
#[derive(Debug, PartialEq)]
pub struct SearchIndex {
    text: String,
    starts: Vec<u32>,
    /// Each indicator's names, by catalogue position.
    indicators: Vec<String>,
    /// Each district's names, by catalogue position.
    districts: Vec<String>,
}

/// Fields of one entry, lower-cased, each followed by a separator no search matches
/// across.
fn push_field(text: &mut String, s: &str) {
    text.push_str(&s.to_lowercase());
    text.push('\u{1f}');
}

fn names(a: &str, b: &str) -> String {
    let mut s = String::new();
    push_field(&mut s, a);
    push_field(&mut s, b);
    s
}

impl SearchIndex {
    pub fn new(ds: &Dataset) -> SearchIndex {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(ds.facts.len() + 1);
        for f in &ds.facts {
            starts.push(text.len() as u32);
            if let Some(s) = &f.subject {
                push_field(&mut text, &s.name);
                push_field(&mut text, s.name_en.as_deref().unwrap_or(""));
            }
            if !f.quote.is_empty() {
                push_field(&mut text, &f.quote);
            }
        }
        starts.push(text.len() as u32);
        text.shrink_to_fit();
        SearchIndex {
            text,
            starts,
            indicators: ds.indicators.iter().map(|i| names(&i.name_zh, &i.name_en)).collect(),
            districts: ds.districts.iter().map(|d| names(&d.name_zh, &d.name_en)).collect(),
        }
    }

    /// Which indicators and districts (by catalogue position) `needle` (lower-cased)
    /// finds by name: each name tested once per search.
    pub(super) fn names_matching(&self, needle: &str) -> [Vec<bool>; 2] {
        [&self.indicators, &self.districts].map(|v| v.iter().map(|n| n.contains(needle)).collect())
    }

    /// The fact's own searchable text, its subject and quote (empty for a fact the
    /// index does not know).
    pub(super) fn text_of(&self, i: usize) -> &str {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.text.get(a as usize..b as usize).unwrap_or(""),
            _ => "",
        }
    }
}
