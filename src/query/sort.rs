//! The order of a table's rows: by column (`SortKey`) and direction, ties in dataset
//! order. `sort` compares each row's key; `keys::FactKeys` ranks every fact by the same
//! keys once per column and dataset, so that sorting a large import is an integer sort.

use crate::dataset::Dataset;
use crate::model::*;
use std::cmp::Ordering;

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
        Sort { key: SortKey::District, direction: Direction::Ascending }
    }
}

/// Sorts fact indices in place. Ties keep dataset order, so sorting is stable and
/// deterministic. Keys are computed once per row, not once per comparison.
pub fn sort(ds: &Dataset, rows: &mut [usize], sort: Sort) {
    let key = sort_key(ds, sort.key);
    let keys: Vec<Key> = rows.iter().map(|&i| key(i)).collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    crate::order::indices(&mut order, &mut |a, b| {
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

/// What a fact sorts by in a column.
#[derive(PartialEq, PartialOrd)]
pub(super) enum Key {
    Pos(usize),
    Value(f64),
    Period(Date, Date),
    Kind(Kind),
}

impl Key {
    /// The key as an integer that orders as the key does (equal keys equal).
    pub(super) fn packed(&self) -> u64 {
        fn date(d: Date) -> u64 {
            let year = (i64::from(d.year) + (1 << 15)).clamp(0, 0xffff) as u64;
            (year << 16) | (u64::from(d.month) << 8) | u64::from(d.day)
        }
        match *self {
            Key::Pos(p) => p as u64,
            Key::Value(v) => {
                // -0 and 0 are equal; the sign bit flipped orders positive floats,
                // all bits flipped negative ones.
                let bits = if v == 0.0 { 0.0f64 } else { v }.to_bits();
                if bits >> 63 == 1 {
                    !bits
                } else {
                    bits | (1 << 63)
                }
            }
            Key::Period(end, start) => (date(end) << 32) | date(start),
            Key::Kind(k) => k as u64,
        }
    }
}

/// Each indicator's place (by catalogue position) in the order of their Chinese names.
pub(super) fn indicator_name_ranks(ds: &Dataset) -> Vec<usize> {
    let mut order: Vec<usize> = (0..ds.indicators.len()).collect();
    crate::order::indices(&mut order, &mut |a, b| {
        ds.indicators[a].name_zh.cmp(&ds.indicators[b].name_zh).then(a.cmp(&b))
    });
    let mut rank = vec![0; order.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    rank
}

/// The sort key of a fact (by index) in column `key`.
pub(super) fn sort_key(ds: &Dataset, key: SortKey) -> Box<dyn Fn(usize) -> Key + '_> {
    let name_rank: Vec<usize> =
        if key == SortKey::Indicator { indicator_name_ranks(ds) } else { Vec::new() };
    Box::new(move |i: usize| {
        let f = &ds.facts[i];
        match key {
            SortKey::District => Key::Pos(ds.district_pos(&f.district)),
            SortKey::Indicator => {
                Key::Pos(ds.indicator_pos(&f.indicator).map_or(usize::MAX, |p| name_rank[p]))
            }
            SortKey::Value => Key::Value(f.value),
            SortKey::Period => Key::Period(f.period.end, f.period.start),
            SortKey::Kind => Key::Kind(f.kind),
            SortKey::Source => Key::Pos(ds.source_pos(&f.source)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_keys_order_as_the_keys_do() {
        let d = |year, month, day| Date { year, month, day };
        let keys = [
            Key::Value(f64::NEG_INFINITY),
            Key::Value(-1e9),
            Key::Value(-2.5),
            Key::Value(-0.0),
            Key::Value(0.0),
            Key::Value(1e-9),
            Key::Value(3.0),
            Key::Value(f64::INFINITY),
        ];
        for a in &keys {
            for b in &keys {
                assert_eq!(a.packed().cmp(&b.packed()), a.partial_cmp(b).unwrap());
            }
        }
        let periods = [
            Key::Period(d(1999, 12, 31), d(1999, 1, 1)),
            Key::Period(d(2023, 1, 1), d(2022, 1, 1)),
            Key::Period(d(2023, 1, 1), d(2023, 1, 1)),
            Key::Period(d(2023, 12, 31), d(2023, 1, 1)),
            Key::Period(d(2024, 3, 31), d(2024, 1, 1)),
        ];
        for a in &periods {
            for b in &periods {
                assert_eq!(a.packed().cmp(&b.packed()), a.partial_cmp(b).unwrap());
            }
        }
    }
}
