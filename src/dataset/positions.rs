//! Each fact's catalogue positions and its series and period as small numbers
//! ([`FactPositions`]), made once per dataset: by the [`super::Assembler`] a part at a
//! time as the page reads an import, or when a dataset is built. The queries and the
//! comparison scan these columns (a few bytes a fact) rather than the facts.

use super::{pos_in, NO_POS};
use crate::model::{Date, DistrictId, Fact, IndicatorId, Kind, Precision, Unit};
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// Each fact's district's and indicator's catalogue position (`NO_POS` if unknown),
/// its series and its period: the queries filter, compare and rank by them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FactPositions {
    pub district: Arc<[u32]>,
    pub indicator: Arc<[u32]>,
    /// Each fact's series, a position in `series_keys`.
    pub series: Arc<[u32]>,
    pub series_keys: Arc<[SeriesKey]>,
    /// Each fact's period, a position in `periods`.
    pub period: Arc<[u32]>,
    pub periods: Arc<[PeriodKey]>,
}

impl FactPositions {
    /// Fact `i`'s series: its number in `series_keys`, and the key.
    pub fn series_of(&self, i: usize) -> Option<(usize, SeriesKey)> {
        let s = *self.series.get(i)? as usize;
        Some((s, *self.series_keys.get(s)?))
    }

    /// Fact `i`'s period: its number in `periods`, and the period.
    pub fn period_of(&self, i: usize) -> Option<(u32, PeriodKey)> {
        let p = *self.period.get(i)?;
        Some((p, *self.periods.get(p as usize)?))
    }

    /// Fact `i`'s district's catalogue position; an unknown district last, as
    /// `Dataset::district_pos` places it.
    pub fn district_rank(&self, i: usize) -> usize {
        match self.district.get(i) {
            Some(&d) if d != NO_POS => d as usize,
            _ => usize::MAX,
        }
    }
}

/// What a comparison is of: an indicator (by catalogue position), kind and unit, and
/// whether the figure is district-wide (no subject).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SeriesKey {
    pub indicator: u32,
    pub kind: Kind,
    pub unit: Unit,
    pub district_wide: bool,
}

/// A period as the comparison tells periods apart: start, end and precision.
pub type PeriodKey = (Date, Date, Precision);

/// Makes [`FactPositions`] a fact at a time.
#[derive(Default)]
pub(super) struct PositionsBuilder {
    district: Vec<u32>,
    indicator: Vec<u32>,
    series: Vec<u32>,
    period: Vec<u32>,
    series_keys: Vec<SeriesKey>,
    series_ix: HashMap<SeriesKey, u32>,
    periods: Vec<PeriodKey>,
    period_ix: HashMap<PeriodKey, u32>,
}

/// `key`'s number in `keys`, added if new.
fn number<K: Copy + Eq + std::hash::Hash>(
    keys: &mut Vec<K>,
    ix: &mut HashMap<K, u32>,
    key: K,
) -> u32 {
    if keys.last() == Some(&key) {
        return (keys.len() - 1) as u32;
    }
    *ix.entry(key).or_insert_with(|| {
        keys.push(key);
        u32::try_from(keys.len() - 1).unwrap_or(NO_POS)
    })
}

impl PositionsBuilder {
    /// Room for `n` facts, allocated once.
    pub(super) fn reserve_exact(&mut self, n: usize) {
        for v in [&mut self.district, &mut self.indicator, &mut self.series, &mut self.period] {
            v.reserve_exact(n);
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.district.is_empty()
    }

    /// Adds the next fact, placing its district and indicator by the catalogue's
    /// indexes.
    pub(super) fn push(
        &mut self,
        f: &Fact,
        district_ix: &HashMap<DistrictId, usize>,
        indicator_ix: &HashMap<IndicatorId, usize>,
    ) {
        let district = pos_in(district_ix, &f.district);
        let indicator = pos_in(indicator_ix, &f.indicator);
        let series =
            SeriesKey { indicator, kind: f.kind, unit: f.unit, district_wide: f.subject.is_none() };
        let period = (f.period.start, f.period.end, f.period.precision);
        let s = number(&mut self.series_keys, &mut self.series_ix, series);
        let p = number(&mut self.periods, &mut self.period_ix, period);
        self.district.push(district);
        self.indicator.push(indicator);
        self.series.push(s);
        self.period.push(p);
    }

    /// The positions of the facts pushed; `None` unless there are `facts` of them.
    pub(super) fn finish(self, facts: usize) -> Option<FactPositions> {
        (self.district.len() == facts).then(|| FactPositions {
            district: self.district.into(),
            indicator: self.indicator.into(),
            series: self.series.into(),
            series_keys: self.series_keys.into(),
            period: self.period.into(),
            periods: self.periods.into(),
        })
    }
}
