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
    let needle = filter.search.trim().to_lowercase();
    ds.facts
        .iter()
        .enumerate()
        .filter(|(_, f)| matches(ds, f, filter, &needle))
        .map(|(i, _)| i)
        .collect()
}

fn matches(ds: &Dataset, f: &Fact, filter: &Filter, needle: &str) -> bool {
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
    let indicator = ds.indicator(&f.indicator);
    if let Some(c) = filter.category {
        if indicator.is_none_or(|i| i.category != c) {
            return false;
        }
    }
    needle.is_empty() || search_hit(ds, f, indicator, needle)
}

/// Free-text search over indicator names, subjects, quotes and district names.
fn search_hit(ds: &Dataset, f: &Fact, indicator: Option<&Indicator>, needle: &str) -> bool {
    let hit = |s: &str| s.to_lowercase().contains(needle);
    indicator.is_some_and(|i| hit(&i.name_zh) || hit(&i.name_en))
        || f.subject
            .as_ref()
            .is_some_and(|s| hit(&s.name) || s.name_en.as_deref().is_some_and(hit))
        || hit(&f.quote)
        || ds
            .district(&f.district)
            .is_some_and(|d| hit(&d.name_zh) || hit(&d.name_en))
}

/// Sorts fact indices in place. Ties keep dataset order, so sorting is stable and
/// deterministic.
pub fn sort(ds: &Dataset, rows: &mut [usize], sort: Sort) {
    rows.sort_by(|&a, &b| {
        let (fa, fb) = (&ds.facts[a], &ds.facts[b]);
        let ord = match sort.key {
            SortKey::District => ds
                .district_pos(&fa.district)
                .cmp(&ds.district_pos(&fb.district)),
            SortKey::Indicator => indicator_name(ds, fa).cmp(indicator_name(ds, fb)),
            SortKey::Value => fa.value.partial_cmp(&fb.value).unwrap_or(Ordering::Equal),
            SortKey::Period => {
                (fa.period.end, fa.period.start).cmp(&(fb.period.end, fb.period.start))
            }
            SortKey::Kind => fa.kind.cmp(&fb.kind),
            SortKey::Source => fa.source.cmp(&fb.source),
        };
        let ord = match sort.direction {
            Direction::Ascending => ord,
            Direction::Descending => ord.reverse(),
        };
        ord.then(a.cmp(&b))
    });
}

fn indicator_name<'a>(ds: &'a Dataset, f: &Fact) -> &'a str {
    ds.indicator(&f.indicator)
        .map_or("", |i| i.name_zh.as_str())
}

/// Indicators offered by the filter panel: those with facts, within the category if
/// one is chosen, most widely reported first (then by name).
pub fn indicator_choices(ds: &Dataset, category: Option<Category>) -> Vec<&Indicator> {
    let mut out: Vec<(&Indicator, usize)> = ds
        .indicators
        .iter()
        .filter(|i| category.is_none_or(|c| i.category == c))
        .map(|i| {
            let districts: BTreeSet<&DistrictId> = ds
                .facts
                .iter()
                .filter(|f| f.indicator == i.id)
                .map(|f| &f.district)
                .collect();
            (i, districts.len())
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name_zh.cmp(&b.0.name_zh)));
    out.into_iter().map(|(i, _)| i).collect()
}

/// Categories that have at least one indicator with facts.
pub fn category_choices(ds: &Dataset) -> Vec<Category> {
    Category::ALL
        .iter()
        .copied()
        .filter(|c| {
            ds.facts
                .iter()
                .any(|f| ds.indicator(&f.indicator).is_some_and(|i| i.category == *c))
        })
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
    Kind::ALL
        .iter()
        .copied()
        .filter(|k| ds.facts.iter().any(|f| f.kind == *k))
        .collect()
}
