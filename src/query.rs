//! Queries over the dataset: which facts match a filter, in which order (`sort`), and
//! what choices the filter panel offers. Results are fact indices into `Dataset::facts`,
//! so nothing is cloned.

use crate::dataset::Dataset;
use crate::model::*;
use std::collections::BTreeSet;

mod keys;
mod search;
mod sort;
pub use keys::FactKeys;
pub use search::{narrows, SearchIndex};
pub use sort::{sort, Direction, Sort, SortKey};

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

/// Indices of the facts that pass `filter`, in dataset order.
pub fn filter(ds: &Dataset, filter: &Filter) -> Vec<usize> {
    let index = (!filter.search.trim().is_empty()).then(|| SearchIndex::new(ds));
    filter_with(ds, filter, index.as_ref())
}

/// As `filter`, with a search index built once per dataset (`None` is fine when the
/// filter has no search text).
pub fn filter_with(ds: &Dataset, filter: &Filter, index: Option<&SearchIndex>) -> Vec<usize> {
    filter_within(ds, filter, index, None)
}

/// As `filter_with`, looking only among `within` when given: the rows of a filter this
/// one `narrows`. Districts and indicators are compared by the dataset's positions.
pub fn filter_within(
    ds: &Dataset,
    filter: &Filter,
    index: Option<&SearchIndex>,
    within: Option<&[usize]>,
) -> Vec<usize> {
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
    let district_ok: Vec<bool> = if filter.districts.is_empty() {
        Vec::new()
    } else {
        let mut ok = vec![false; ds.districts.len()];
        for d in &filter.districts {
            if let Some(x) = ok.get_mut(ds.district_pos(d)) {
                *x = true;
            }
        }
        ok
    };
    let indicator =
        filter.indicator.as_ref().map(|id| ds.indicator_pos(id).map_or(NONE, |p| p as u32));
    let category_ok: Vec<bool> = match filter.category {
        Some(c) => ds.indicators.iter().map(|i| i.category == c).collect(),
        None => Vec::new(),
    };
    // Indicators and districts the search finds by name, each name tested once.
    let [ind_named, district_named] =
        index.map(|ix| ix.names_matching(&needle)).unwrap_or_default();
    let named = |v: &[bool], p: u32| v.get(p as usize).copied().unwrap_or(false);
    let keys = ds.positions();
    let keep = |i: usize| {
        let f = &ds.facts[i];
        let d = keys.district[i] as usize;
        let ind = keys.indicator[i];
        (filter.districts.is_empty() || district_ok.get(d).copied().unwrap_or(false))
            && indicator.is_none_or(|x| x != NONE && x == ind)
            && filter.kind.is_none_or(|k| k == f.kind)
            && filter.year.is_none_or(|y| f.period.start.year <= y && y <= f.period.end.year)
            && (filter.category.is_none()
                || category_ok.get(ind as usize).copied().unwrap_or(false))
            && index.is_none_or(|ix| {
                named(&ind_named, ind)
                    || named(&district_named, keys.district[i])
                    || ix.text_of(i).contains(needle.as_str())
            })
    };
    match within {
        Some(rows) => rows.iter().copied().filter(|&i| keep(i)).collect(),
        None => (0..ds.facts.len()).filter(|&i| keep(i)).collect(),
    }
}

/// No catalogue position (an id the catalogue lacks).
const NONE: u32 = crate::dataset::NO_POS;

/// Indicators offered by the filter panel: those with facts, within the category if
/// one is chosen, most widely reported first (then by name). One pass over the facts.
pub fn indicator_choices(ds: &Dataset, category: Option<Category>) -> Vec<&Indicator> {
    let mut districts: Vec<BTreeSet<u32>> = vec![BTreeSet::new(); ds.indicators.len()];
    let p = ds.positions();
    let mut last = None;
    for (&i, &d) in p.indicator.iter().zip(p.district.iter()) {
        // Facts come in runs: a pair just seen is not looked up again.
        if last == Some((i, d)) {
            continue;
        }
        last = Some((i, d));
        if let Some(set) = districts.get_mut(i as usize) {
            set.insert(d);
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
    crate::order::indices(&mut order, &mut |a, b| {
        (out[b].1.cmp(&out[a].1))
            .then_with(|| out[a].0.name_zh.cmp(&out[b].0.name_zh))
            .then(a.cmp(&b))
    });
    order.into_iter().map(|p| out[p].0).collect()
}

/// Categories that have at least one indicator with facts.
pub fn category_choices(ds: &Dataset) -> Vec<Category> {
    let mut with_facts = vec![false; ds.indicators.len()];
    for &i in ds.positions().indicator.iter() {
        if let Some(x) = with_facts.get_mut(i as usize) {
            *x = true;
        }
    }
    // Built by `extend`, not `collect`: collecting into a set sorts a buffer first,
    // and that sort would be another copy in the wasm (see `crate::order`).
    let mut used = BTreeSet::new();
    used.extend(
        ds.indicators.iter().zip(with_facts).filter_map(|(i, used)| used.then_some(i.category)),
    );
    Category::ALL.iter().copied().filter(|c| used.contains(c)).collect()
}

/// Calendar years touched by any fact's period, newest first.
pub fn year_choices(ds: &Dataset) -> Vec<i32> {
    // A flag per four-digit year (one pass, no set to insert 100,000 times into);
    // any other year in a set.
    let mut seen = vec![false; 10_000];
    let mut years = BTreeSet::new();
    // Each period the facts have, once (the dataset's table of them).
    for &(start, end, _) in ds.positions().periods.iter() {
        for y in start.year..=end.year {
            match usize::try_from(y).ok().and_then(|i| seen.get_mut(i)) {
                Some(s) => *s = true,
                None => {
                    years.insert(y);
                }
            }
        }
    }
    years.extend((0..10_000).filter(|&y| seen[y as usize]));
    years.into_iter().rev().collect()
}

/// Kinds present in the dataset, in their canonical order.
pub fn kind_choices(ds: &Dataset) -> Vec<Kind> {
    let mut used = [false; Kind::ALL.len()];
    // Each series the facts have, once (the dataset's table of them).
    for k in ds.positions().series_keys.iter() {
        if let Some(u) = used.get_mut(k.kind as usize) {
            *u = true;
        }
    }
    // `ALL` lists a set in its declared order, the order kinds compare in.
    Kind::ALL.iter().copied().filter(|&k| used.get(k as usize) == Some(&true)).collect()
}
