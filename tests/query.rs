//! Filtering and sorting: the indexed search finds exactly what a plain scan finds,
//! every filter keeps only matching facts, and sorting orders by the column's meaning.
#![cfg(not(target_arch = "wasm32"))]

use cq_explorer::dataset::Dataset;
use cq_explorer::model::*;
use cq_explorer::query::{self, Direction, Filter, SearchIndex, Sort, SortKey};

fn ds() -> Dataset {
    Dataset::embedded().expect("valid dataset")
}

/// The plain definition of a search hit, field by field.
fn hits(ds: &Dataset, f: &Fact, needle: &str) -> bool {
    let n = needle.to_lowercase();
    let has = |s: &str| s.to_lowercase().contains(&n);
    let i = ds.indicator(&f.indicator).unwrap();
    let d = ds.district(&f.district).unwrap();
    has(&i.name_zh)
        || has(&i.name_en)
        || has(&f.quote)
        || has(&d.name_zh)
        || has(&d.name_en)
        || f.subject.as_ref().is_some_and(|s| has(&s.name) || s.name_en.as_deref().is_some_and(has))
}

#[test]
fn indexed_search_finds_what_a_plain_scan_finds() {
    let ds = ds();
    let index = SearchIndex::new(&ds);
    for needle in ["高新", "HIGH-TECH", "Fuling", "绿色工厂", "华峰", "2471", "zzz-nothing", "家"]
    {
        let f = Filter { search: needle.into(), ..Filter::default() };
        let expected: Vec<usize> =
            (0..ds.facts.len()).filter(|&i| hits(&ds, &ds.facts[i], needle)).collect();
        assert_eq!(query::filter_with(&ds, &f, Some(&index)), expected, "{needle}");
        assert_eq!(query::filter(&ds, &f), expected, "{needle} without a prebuilt index");
    }
}

#[test]
fn every_filter_keeps_only_matching_facts() {
    let ds = ds();
    let c = Category::Innovation;
    let f = Filter {
        category: Some(c),
        kind: Some(Kind::CountTotal),
        year: Some(2022),
        ..Filter::default()
    };
    let rows = query::filter(&ds, &f);
    assert!(!rows.is_empty());
    for &i in &rows {
        let fact = &ds.facts[i];
        assert_eq!(ds.indicator(&fact.indicator).unwrap().category, c);
        assert_eq!(fact.kind, Kind::CountTotal);
        assert!(fact.period.start.year <= 2022 && 2022 <= fact.period.end.year);
    }
    let all = query::filter(&ds, &Filter::default());
    let expected = all
        .iter()
        .filter(|&&i| {
            let fact = &ds.facts[i];
            ds.indicator(&fact.indicator).unwrap().category == c
                && fact.kind == Kind::CountTotal
                && fact.period.start.year <= 2022
                && 2022 <= fact.period.end.year
        })
        .count();
    assert_eq!(rows.len(), expected, "and drops none that match");
}

#[test]
fn sorting_orders_by_the_column() {
    let ds = ds();
    let mut rows = query::filter(&ds, &Filter::default());
    query::sort(&ds, &mut rows, Sort { key: SortKey::Value, direction: Direction::Descending });
    assert!(rows.windows(2).all(|w| ds.facts[w[0]].value >= ds.facts[w[1]].value));
    query::sort(&ds, &mut rows, Sort { key: SortKey::Indicator, direction: Direction::Ascending });
    let names: Vec<&str> = rows
        .iter()
        .map(|&i| ds.indicator(&ds.facts[i].indicator).unwrap().name_zh.as_str())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]));
    query::sort(&ds, &mut rows, Sort { key: SortKey::Period, direction: Direction::Ascending });
    assert!(rows.windows(2).all(|w| ds.facts[w[0]].period.end <= ds.facts[w[1]].period.end));
    query::sort(&ds, &mut rows, Sort { key: SortKey::District, direction: Direction::Ascending });
    assert!(rows
        .windows(2)
        .all(|w| ds.district_pos(&ds.facts[w[0]].district)
            <= ds.district_pos(&ds.facts[w[1]].district)));
    // Ties keep dataset order: sorting is deterministic.
    assert!(rows
        .windows(2)
        .all(|w| ds.facts[w[0]].district != ds.facts[w[1]].district || w[0] < w[1]));
}

#[test]
fn choices_list_what_the_data_has() {
    let ds = ds();
    let inds = query::indicator_choices(&ds, None);
    assert!(inds.iter().all(|i| ds.facts.iter().any(|f| f.indicator == i.id)));
    assert_eq!(
        inds.len(),
        ds.indicators.iter().filter(|i| ds.facts.iter().any(|f| f.indicator == i.id)).count()
    );
    let widest = |i: &Indicator| {
        ds.facts
            .iter()
            .filter(|f| f.indicator == i.id)
            .map(|f| &f.district)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    assert!(inds.windows(2).all(|w| widest(w[0]) >= widest(w[1])), "most widely reported first");
    for c in query::category_choices(&ds) {
        assert!(query::indicator_choices(&ds, Some(c)).iter().all(|i| i.category == c));
    }
    assert!(query::kind_choices(&ds).windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn sorting_by_rank_orders_as_sorting_by_the_fields() {
    let ds = ds();
    let keys = query::FactKeys::new();
    let all = query::filter(&ds, &Filter::default());
    let some: Vec<usize> = all.iter().copied().filter(|i| i % 3 != 1).collect();
    for rows in [all, some] {
        for &key in SortKey::ALL {
            for direction in [Direction::Ascending, Direction::Descending] {
                let sort = Sort { key, direction };
                let mut by_fields = rows.clone();
                query::sort(&ds, &mut by_fields, sort);
                // Rows in dataset order (sorted by counting when ranks are few) and not.
                for reversed in [false, true] {
                    let mut by_rank = rows.clone();
                    if reversed {
                        by_rank.reverse();
                    }
                    keys.sort(&ds, &mut by_rank, sort);
                    assert_eq!(by_rank, by_fields, "{key:?} {direction:?} {reversed}");
                }
            }
        }
    }
    while keys.prepare(&ds) {}
}

#[test]
fn typing_on_looks_only_among_the_rows_already_found() {
    let ds = ds();
    let index = SearchIndex::new(&ds);
    let at = |q: &str, kind: Option<Kind>| Filter { search: q.into(), kind, ..Filter::default() };
    let before = at("高", None);
    let rows = query::filter_within(&ds, &before, Some(&index), None);
    for next in ["高新", " 高新技术", "最高"] {
        let next = at(next, None);
        assert!(query::narrows(&before, &next), "{next:?}");
        assert_eq!(
            query::filter_within(&ds, &next, Some(&index), Some(&rows)),
            query::filter(&ds, &next),
            "{next:?}"
        );
    }
    assert!(!query::narrows(&before, &at("新", None)), "other text");
    assert!(!query::narrows(&before, &at("高新", Some(Kind::Growth))), "another filter too");
    assert!(!query::narrows(&at("", None), &at("高", None)), "from no text at all");
}
