//! `FactKeys`: each fact's rank per sort column, so sorting a table is an integer
//! sort (a counting sort when it can be).

use super::sort::{indicator_name_ranks, sort_key};
use super::{Direction, Sort, SortKey, NONE};
use crate::dataset::Dataset;
use crate::model::*;

/// Each fact's rank per sort column, made once per dataset, so sorting a table is an
/// integer sort instead of comparing fields. Ranks are made when a column is first
/// sorted by (or ahead of time, `prepare`); the catalogue positions they start from
/// are the dataset's own (`Dataset::positions`).
#[derive(Debug)]
pub struct FactKeys {
    ranks: std::cell::RefCell<Vec<Option<std::rc::Rc<[u32]>>>>,
}

impl Default for FactKeys {
    fn default() -> Self {
        FactKeys::new()
    }
}

impl FactKeys {
    /// No ranks yet.
    pub fn new() -> FactKeys {
        FactKeys { ranks: std::cell::RefCell::new(vec![None; SortKey::ALL.len()]) }
    }

    /// Makes the rank of the first sort column that has none yet; false when all have one.
    pub fn prepare(&self, ds: &Dataset) -> bool {
        match (0..SortKey::ALL.len()).find(|&k| self.ranks.borrow()[k].is_none()) {
            Some(k) => {
                self.rank(ds, SortKey::ALL[k]);
                true
            }
            None => false,
        }
    }

    /// Each fact's rank by `key`: equal fields share a rank, and ranks follow the order
    /// `sort` gives.
    fn rank(&self, ds: &Dataset, key: SortKey) -> std::rc::Rc<[u32]> {
        let slot = SortKey::ALL.iter().position(|k| *k == key).unwrap_or(0);
        if let Some(r) = &self.ranks.borrow()[slot] {
            return r.clone();
        }
        let rank: std::rc::Rc<[u32]> = match key {
            // Catalogue positions order as the column does: they are ranks already.
            SortKey::District => ds.positions().district.iter().copied().collect(),
            SortKey::Indicator => {
                let by_name = indicator_name_ranks(ds);
                let rank = |p: u32| by_name.get(p as usize).map_or(NONE, |&r| r as u32);
                ds.positions().indicator.iter().map(|&p| rank(p)).collect()
            }
            SortKey::Kind => ds.facts.iter().map(|f| f.kind as u32).collect(),
            SortKey::Source => {
                // Facts of one source come together: its id is looked up once a run.
                let mut last: Option<(&SourceId, u32)> = None;
                let mut ranks = Vec::with_capacity(ds.facts.len());
                for f in &ds.facts {
                    let p = match last {
                        Some((l, p)) if std::sync::Arc::ptr_eq(&l.0, &f.source.0) => p,
                        _ => u32::try_from(ds.source_pos(&f.source)).unwrap_or(NONE),
                    };
                    last = Some((&f.source, p));
                    ranks.push(p);
                }
                ranks.into()
            }
            SortKey::Value | SortKey::Period => {
                // Each key as an integer in the same order, then its place among the
                // distinct ones.
                let keyer = sort_key(ds, key);
                let keys: Vec<u64> = (0..ds.facts.len()).map(|i| keyer(i).packed()).collect();
                let mut distinct = keys.clone();
                distinct.sort_unstable();
                distinct.dedup();
                keys.iter().map(|k| distinct.binary_search(k).map_or(NONE, |r| r as u32)).collect()
            }
        };
        self.ranks.borrow_mut()[slot] = Some(rank.clone());
        rank
    }

    /// Sorts fact indices as `sort` does (ties in dataset order), by rank.
    pub fn sort(&self, ds: &Dataset, rows: &mut [usize], sort: Sort) {
        let rank = self.rank(ds, sort.key);
        let keys: Vec<u32> = rows
            .iter()
            .map(|&i| {
                let r = rank.get(i).copied().unwrap_or(NONE);
                match sort.direction {
                    Direction::Ascending => r,
                    Direction::Descending => NONE - r,
                }
            })
            .collect();
        let most = keys.iter().copied().max().unwrap_or(0) as usize;
        if most <= 2 * rows.len() + 1024 && rows.windows(2).all(|w| w[0] < w[1]) {
            // Rows in dataset order and ranks few: a counting sort, stable, so ties
            // keep dataset order as below, in two passes instead of a sort.
            let mut next = vec![0usize; most + 2];
            for &k in &keys {
                next[k as usize + 1] += 1;
            }
            for b in 1..next.len() {
                next[b] += next[b - 1];
            }
            let order = rows.to_vec();
            for (&i, &k) in order.iter().zip(&keys) {
                rows[next[k as usize]] = i;
                next[k as usize] += 1;
            }
            return;
        }
        let mut packed: Vec<u64> =
            rows.iter().zip(&keys).map(|(&i, &r)| (u64::from(r) << 32) | i as u64).collect();
        packed.sort_unstable();
        for (row, p) in rows.iter_mut().zip(&packed) {
            *row = (p & u64::from(u32::MAX)) as usize;
        }
    }
}
