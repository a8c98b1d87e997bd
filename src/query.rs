//! Queries over the dataset: which facts match a filter, in which order, and what
//! choices the filter panel offers. Results are fact indices into `Dataset::facts`,
//! so nothing is cloned.

use crate::dataset::Dataset;
use crate::model::*;
use std::cmp::Ordering;
use std::collections::BTreeSet;

/// What the reader has narrowed the figures to. Empty / `None` means "all".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub districts: BTreeSet<DistrictId>,
    pub category: Option<Category>,
    pub indicator: Option<IndicatorId>,
    /// Facts whose period touches this calendar year.
    pub year: Option<i32>,
    pub kind: Option<Kind>,
    pub search: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    District,
    Indicator,
    Value,
    Period,
    Kind,
    Source,
}

impl SortKey {
    pub const ALL: &'static [SortKey] = &[
        SortKey::District,
        SortKey::Indicator,
        SortKey::Value,
        SortKey::Period,
        SortKey::Kind,
        SortKey::Source,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ascending,
    Descending,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub direction: Direction,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            key: SortKey::District,
            direction: Direction::Ascending,
        }
    }
}

/// Indices of the facts that pass `filter`, in dataset order.
pub fn filter(ds: &Dataset, filter: &Filter) -> Vec<usize> {
    let index = (!filter.search.trim().is_empty()).then(|| SearchIndex::new(ds));
    filter_with(ds, filter, index.as_ref())
}

/// As `filter`, with a search index built once per dataset (`None` is fine when the
/// filter has no search text).
pub fn filter_with(ds: &Dataset, filter: &Filter, index: Option<&SearchIndex>) -> Vec<usize> {
    let needle = filter.search.trim().to_lowercase();
    let built;
    let index = match (needle.is_empty(), index) {
        (true, _) => None,
        (false, Some(i)) => Some(i),
        (false, None) => {
            built = SearchIndex::new(ds);
            Some(&built)
        }
    };
    let category_ok: Vec<bool> = match filter.category {
        Some(c) => ds.indicators.iter().map(|i| i.category == c).collect(),
        None => Vec::new(),
    };
    ds.facts
        .iter()
        .enumerate()
        .filter(|(i, f)| {
            matches(ds, f, filter, &category_ok)
                && index.is_none_or(|ix| ix.text[*i].contains(needle.as_str()))
        })
        .map(|(i, _)| i)
        .collect()
}

fn matches(ds: &Dataset, f: &Fact, filter: &Filter, category_ok: &[bool]) -> bool {
    if !filter.districts.is_empty() && !filter.districts.contains(&f.district) {
        return false;
    }
    if filter.indicator.as_ref().is_some_and(|i| *i != f.indicator) {
        return false;
    }
    if filter.kind.is_some_and(|k| k != f.kind) {
        return false;
    }
    if filter
        .year
        .is_some_and(|y| y < f.period.start.year || y > f.period.end.year)
    {
        return false;
    }
    filter.category.is_none()
        || ds
            .indicator_pos(&f.indicator)
            .is_some_and(|p| category_ok[p])
}

/// Each fact's searchable text, lower-cased once: indicator names, subject names, the
/// quote and district names. Free-text search is a substring test on it.
#[derive(Debug, PartialEq)]
pub struct SearchIndex {
    text: Vec<String>,
}

impl SearchIndex {
    pub fn new(ds: &Dataset) -> SearchIndex {
        let text = ds
            .facts
            .iter()
            .map(|f| {
                let mut t = String::new();
                let mut add = |s: &str| {
                    t.push_str(&s.to_lowercase());
                    t.push('\u{1f}');
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
                t
            })
            .collect();
        SearchIndex { text }
    }
}

/// Sorts fact indices in place. Ties keep dataset order, so sorting is stable and
/// deterministic. Keys are computed once per row, not once per comparison.
pub fn sort(ds: &Dataset, rows: &mut [usize], sort: Sort) {
    #[derive(PartialEq, PartialOrd)]
    enum Key {
        Pos(usize),
        Value(f64),
        Period(Date, Date),
        Kind(Kind),
    }
    let name_rank: Vec<usize> = if sort.key == SortKey::Indicator {
        let mut order: Vec<usize> = (0..ds.indicators.len()).collect();
        sort_indices(&mut order, &mut |a, b| {
            ds.indicators[a]
                .name_zh
                .cmp(&ds.indicators[b].name_zh)
                .then(a.cmp(&b))
        });
        let mut rank = vec![0; order.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        rank
    } else {
        Vec::new()
    };
    let key = |i: usize| {
        let f = &ds.facts[i];
        match sort.key {
            SortKey::District => Key::Pos(ds.district_pos(&f.district)),
            SortKey::Indicator => Key::Pos(
                ds.indicator_pos(&f.indicator)
                    .map_or(usize::MAX, |p| name_rank[p]),
            ),
            SortKey::Value => Key::Value(f.value),
            SortKey::Period => Key::Period(f.period.end, f.period.start),
            SortKey::Kind => Key::Kind(f.kind),
            SortKey::Source => Key::Pos(ds.source_pos(&f.source)),
        }
    };
    let keys: Vec<Key> = rows.iter().map(|&i| key(i)).collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    sort_indices(&mut order, &mut |a, b| {
        let ord = keys[a].partial_cmp(&keys[b]).unwrap_or(Ordering::Equal);
        let ord = match sort.direction {
            Direction::Ascending => ord,
            Direction::Descending => ord.reverse(),
        };
        ord.then(rows[a].cmp(&rows[b]))
    });
    let sorted: Vec<usize> = order.iter().map(|&p| rows[p]).collect();
    rows.copy_from_slice(&sorted);
}

/// Sorts indices by `cmp`, a total order (ties broken by index, so an unstable sort is
/// deterministic). Every sort here goes through this one function with a `dyn` comparer,
/// so the wasm holds one copy of the slice sort instead of one per closure and element
/// type (each copy is a few KB).
fn sort_indices(v: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    v.sort_unstable_by(|&a, &b| cmp(a, b));
}

/// Indicators offered by the filter panel: those with facts, within the category if
/// one is chosen, most widely reported first (then by name). One pass over the facts.
pub fn indicator_choices(ds: &Dataset, category: Option<Category>) -> Vec<&Indicator> {
    let mut districts: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); ds.indicators.len()];
    for f in &ds.facts {
        if let Some(p) = ds.indicator_pos(&f.indicator) {
            districts[p].insert(ds.district_pos(&f.district));
        }
    }
    let out: Vec<(&Indicator, usize)> = ds
        .indicators
        .iter()
        .zip(&districts)
        .filter(|(i, d)| !d.is_empty() && category.is_none_or(|c| i.category == c))
        .map(|(i, d)| (i, d.len()))
        .collect();
    let mut order: Vec<usize> = (0..out.len()).collect();
    sort_indices(&mut order, &mut |a, b| {
        (out[b].1.cmp(&out[a].1))
            .then_with(|| out[a].0.name_zh.cmp(&out[b].0.name_zh))
            .then(a.cmp(&b))
    });
    order.into_iter().map(|p| out[p].0).collect()
}

/// Categories that have at least one indicator with facts.
pub fn category_choices(ds: &Dataset) -> Vec<Category> {
    let used: BTreeSet<Category> = ds
        .facts
        .iter()
        .filter_map(|f| ds.indicator(&f.indicator).map(|i| i.category))
        .collect();
    Category::ALL
        .iter()
        .copied()
        .filter(|c| used.contains(c))
        .collect()
}

/// Calendar years touched by any fact's period, newest first.
pub fn year_choices(ds: &Dataset) -> Vec<i32> {
    let years: BTreeSet<i32> = ds
        .facts
        .iter()
        .flat_map(|f| f.period.start.year..=f.period.end.year)
        .collect();
    years.into_iter().rev().collect()
}

/// Kinds present in the dataset, in their canonical order.
pub fn kind_choices(ds: &Dataset) -> Vec<Kind> {
    let used: BTreeSet<Kind> = ds.facts.iter().map(|f| f.kind).collect();
    used.into_iter().collect()
}
