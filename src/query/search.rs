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
        && Filter {
            search: String::new(),
            ..previous.clone()
        } == Filter {
            search: String::new(),
            ..next.clone()
        }
}

/// Each fact's searchable text, lower-cased once: indicator names, subject names, the
/// quote and district names. Free-text search is a substring test on it. One string
/// holds every fact's text, one after another (`starts`: where each begins).
#[derive(Debug, PartialEq)]
pub struct SearchIndex {
    text: String,
    starts: Vec<u32>,
}

impl SearchIndex {
    pub fn new(ds: &Dataset) -> SearchIndex {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(ds.facts.len() + 1);
        for f in &ds.facts {
            starts.push(text.len() as u32);
            let mut add = |s: &str| {
                text.push_str(&s.to_lowercase());
                text.push('\u{1f}');
            };
            if let Some(i) = ds.indicator(&f.indicator) {
                add(&i.name_zh);
                add(&i.name_en);
            }
            if let Some(s) = &f.subject {
                add(&s.name);
                add(s.name_en.as_deref().unwrap_or(""));
            }
            add(&f.quote);
            if let Some(d) = ds.district(&f.district) {
                add(&d.name_zh);
                add(&d.name_en);
            }
        }
        starts.push(text.len() as u32);
        text.shrink_to_fit();
        SearchIndex { text, starts }
    }

    /// The searchable text of fact `i` (empty for a fact the index does not know).
    pub(super) fn text_of(&self, i: usize) -> &str {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.text.get(a as usize..b as usize).unwrap_or(""),
            _ => "",
        }
    }
}
