//! A validated dataset across the import worker's boundary, in the compact form of the
//! embedded data (`compact.rs`): the page sends the dataset an import joins, the worker
//! sends back the dataset it built. Both sides hold only datasets that passed
//! validation (the embedded data, or `Dataset::from_parts` in the importer), so reading
//! one back rebuilds the lookup indexes without validating it again. The dataset goes
//! in parts (the catalogue, then the facts a slice at a time), each a compact stream of
//! its own, so the page can read a 100,000-figure import a part per frame.

use super::positions::PositionsBuilder;
use super::{compact, index_of, Dataset, Records};
use crate::model::{DistrictId, IndicatorId};
use rustc_hash::FxHashMap as HashMap;

impl Dataset {
    /// The dataset's records as compact parts `(string table, byte stream)`: the
    /// catalogue (sources, districts, indicators), then at most `facts_per_part` facts
    /// a part. [`Assembler`] reads them back.
    pub fn to_compact_parts(&self, facts_per_part: usize) -> Vec<(String, Vec<u8>)> {
        let mut parts =
            vec![compact::encode_parts(&self.sources, &self.districts, &self.indicators, &[])];
        for facts in self.facts.chunks(facts_per_part.max(1)) {
            parts.push(compact::encode_parts(&[], &[], &[], facts));
        }
        parts
    }

    /// Reads back a dataset written by [`Dataset::to_compact_parts`] from a validated
    /// one, in one go; `None` when a part is not one.
    pub fn from_compact_parts<'a>(
        parts: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Option<Dataset> {
        let mut a = Assembler::default();
        for (strings, bytes) in parts {
            a.add(strings, bytes)?;
        }
        Some(a.finish())
    }
}

/// Reads a dataset's compact parts one at a time (the page, between frames), placing
/// each fact's district and indicator in the catalogue and numbering its series and
/// period as its part is read, so the finished dataset needs no pass over all the facts.
#[derive(Default)]
pub struct Assembler {
    records: Records,
    district_ix: HashMap<DistrictId, usize>,
    indicator_ix: HashMap<IndicatorId, usize>,
    positions: PositionsBuilder,
    /// Whether catalogue records came after facts were placed (then `finish` places
    /// them all again).
    stale: bool,
}

/// The most facts an [`Assembler`] reserves room for up front (more still fit; they
/// grow the list as usual).
const RESERVE_AT_MOST: usize = 1 << 21;

impl Assembler {
    /// An assembler with room for `facts` facts, the count the sender gives: the list
    /// is allocated once rather than doubled as parts arrive, which would leave the
    /// page's wasm memory at the peak of the last doubling (it never shrinks).
    pub fn for_facts(facts: usize) -> Assembler {
        let mut a = Assembler::default();
        let n = facts.min(RESERVE_AT_MOST);
        a.records.facts.reserve_exact(n);
        a.positions.reserve_exact(n);
        a
    }

    /// Adds one part; `None` when the bytes are not a part of a transferred dataset
    /// (cut short, an index out of range, parse errors or fact files in the stream).
    pub fn add(&mut self, strings: &str, bytes: &[u8]) -> Option<()> {
        let (r, errors) = compact::decode(strings, bytes)?;
        if !errors.is_empty() || !r.fact_files.is_empty() {
            return None;
        }
        let all = &mut self.records;
        let catalogue = !r.districts.is_empty() || !r.indicators.is_empty();
        self.stale |= catalogue && !self.positions.is_empty();
        all.sources.extend(r.sources);
        if !r.districts.is_empty() {
            all.districts.extend(r.districts);
            self.district_ix = index_of(&all.districts, |d| &d.id);
        }
        if !r.indicators.is_empty() {
            all.indicators.extend(r.indicators);
            self.indicator_ix = index_of(&all.indicators, |i| &i.id);
        }
        for f in &r.facts {
            self.positions.push(f, &self.district_ix, &self.indicator_ix);
        }
        all.facts.extend(r.facts);
        Some(())
    }

    /// The dataset of the parts added.
    pub fn finish(self) -> Dataset {
        let r = self.records;
        let positions = (!self.stale).then(|| self.positions.finish(r.facts.len())).flatten();
        Dataset::with_positions(r.sources, r.districts, r.indicators, r.facts, positions)
    }
}
