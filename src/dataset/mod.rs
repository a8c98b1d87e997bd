//! The dataset: loading (`load.rs`, JSON record by record; `compact.rs`, the form the
//! app embeds) and validating (`validate.rs` for a whole dataset, `rules.rs` for one
//! fact and the one-unit rule). The embedded data goes through the same checks as any
//! other input: a dataset that fails them is reported as a list of `DataError`s naming
//! file, record and reason.

pub mod compact;
mod load;
mod positions;
#[cfg(not(target_arch = "wasm32"))]
mod quotes;
mod rules;
mod transfer;
mod validate;

pub use load::{parse_files, DataError, Records};
pub use positions::{FactPositions, PeriodKey, SeriesKey};
#[cfg(not(target_arch = "wasm32"))]
pub use quotes::{check_article_quotes, seeds_dir, QuoteCheck};
pub use rules::{fact_problems, unit_fits, FactProblem, UnitUse, MAX_QUOTE_CHARS};
pub use transfer::Assembler;
pub use validate::bilingual_problems;

use crate::model::*;
use rustc_hash::FxHashMap as HashMap;

/// The data files as JSON: `(path under static/data, contents)`. Native only (tests and
/// tools); the app embeds the compact form instead ([`embedded_records`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    include!(concat!(env!("OUT_DIR"), "/embedded_data.rs"))
}

/// The records compiled into the app, decoded from the compact form `build.rs` wrote
/// from `static/data/`, with the JSON's parse errors.
pub fn embedded_records() -> (Records, Vec<DataError>) {
    let strings = include_str!(concat!(env!("OUT_DIR"), "/embedded_strings.txt"));
    let bytes = include_bytes!(concat!(env!("OUT_DIR"), "/embedded_records.bin"));
    compact::decode(strings, bytes).unwrap_or_else(|| {
        let error = DataError {
            file: "static/data".into(),
            record: "-".into(),
            reason: "the embedded compact data does not decode: rebuild".into(),
        };
        (Records::default(), vec![error])
    })
}

/// A validated dataset with lookup indexes. Immutable once built.
#[derive(Debug, PartialEq)]
pub struct Dataset {
    pub sources: Vec<Source>,
    pub districts: Vec<District>,
    pub indicators: Vec<Indicator>,
    pub facts: Vec<Fact>,
    source_ix: HashMap<SourceId, usize>,
    district_ix: HashMap<DistrictId, usize>,
    indicator_ix: HashMap<IndicatorId, usize>,
    /// Each fact's district's and indicator's catalogue positions (`NO_POS` if
    /// unknown), made once: the queries compare integers, not ids.
    positions: FactPositions,
}

/// No catalogue position (an id the catalogue lacks).
pub const NO_POS: u32 = u32::MAX;

/// Each record's position by its id (a repeated id: its last).
fn index_of<T, K: std::hash::Hash + Eq + Clone>(
    items: &[T],
    id: impl Fn(&T) -> &K,
) -> HashMap<K, usize> {
    items.iter().enumerate().map(|(i, x)| (id(x).clone(), i)).collect()
}

/// A map's position of `id` as a `u32` (`NO_POS` if absent).
fn pos_in<K: std::hash::Hash + Eq>(ix: &HashMap<K, usize>, id: &K) -> u32 {
    ix.get(id).and_then(|&p| u32::try_from(p).ok()).unwrap_or(NO_POS)
}

impl Dataset {
    /// Decodes and validates the data compiled into the app.
    pub fn embedded() -> Result<Dataset, Vec<DataError>> {
        let (records, errors) = embedded_records();
        Dataset::curated(records, errors)
    }

    /// The data compiled into the app as the app reads it: decoded and indexed, not
    /// validated again. `cargo xtask build` ships nothing that [`Dataset::embedded`]
    /// does not validate (quotes against their articles included), and the tests hold
    /// the two equal, so the page carries none of the validation's code and spends none
    /// of its start on it. `Err` only for what the build recorded as unreadable.
    pub fn shipped() -> Result<Dataset, Vec<DataError>> {
        let (r, errors) = embedded_records();
        if errors.is_empty() {
            Ok(Dataset::new(r.sources, r.districts, r.indicators, r.facts))
        } else {
            Err(errors)
        }
    }

    /// Parses `sources.json`, `districts.json`, `indicators.json` and every
    /// `facts/*.json` among `files`, then validates the whole.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Dataset, Vec<DataError>> {
        let (records, errors) = parse_files(files);
        Dataset::curated(records, errors)
    }

    /// Validates the curated data's records (`errors`: those that did not read) with
    /// every rule, the curated data's own included.
    fn curated(r: Records, mut errors: Vec<DataError>) -> Result<Dataset, Vec<DataError>> {
        let ds = Dataset::new(r.sources, r.districts, r.indicators, r.facts);
        errors.extend(ds.validate(&r.fact_files));
        errors.extend(ds.curated_problems());
        if errors.is_empty() {
            Ok(ds)
        } else {
            Err(errors)
        }
    }

    /// Builds a dataset from records already parsed (the importer's result) and
    /// validates it with the same rules as the embedded data.
    pub fn from_parts(
        sources: Vec<Source>,
        districts: Vec<District>,
        indicators: Vec<Indicator>,
        facts: Vec<Fact>,
    ) -> Result<Dataset, Vec<DataError>> {
        let ds = Dataset::new(sources, districts, indicators, facts);
        let errors = ds.validate(&[]);
        if errors.is_empty() {
            Ok(ds)
        } else {
            Err(errors)
        }
    }

    /// Whether a fact was imported by the user rather than read from an article.
    pub fn is_imported(&self, f: &Fact) -> bool {
        self.source(&f.source).is_some_and(|s| s.imported)
    }

    /// Whether any source is an import.
    pub fn has_imported(&self) -> bool {
        self.sources.iter().any(|s| s.imported)
    }

    fn new(
        sources: Vec<Source>,
        districts: Vec<District>,
        indicators: Vec<Indicator>,
        facts: Vec<Fact>,
    ) -> Dataset {
        Dataset::with_positions(sources, districts, indicators, facts, None)
    }

    /// As `new`, with the facts' positions when the caller made them already (the
    /// [`Assembler`], a part at a time).
    fn with_positions(
        sources: Vec<Source>,
        districts: Vec<District>,
        indicators: Vec<Indicator>,
        facts: Vec<Fact>,
        positions: Option<FactPositions>,
    ) -> Dataset {
        let source_ix = index_of(&sources, |s| &s.id);
        let district_ix = index_of(&districts, |d| &d.id);
        let indicator_ix = index_of(&indicators, |i| &i.id);
        let positions =
            positions.filter(|p| p.district.len() == facts.len()).unwrap_or_else(|| {
                let mut b = positions::PositionsBuilder::default();
                b.reserve_exact(facts.len());
                for f in &facts {
                    b.push(f, &district_ix, &indicator_ix);
                }
                b.finish(facts.len()).unwrap_or_default()
            });
        Dataset {
            sources,
            districts,
            indicators,
            facts,
            source_ix,
            district_ix,
            indicator_ix,
            positions,
        }
    }

    /// Each fact's district's and indicator's catalogue positions.
    pub fn positions(&self) -> &FactPositions {
        &self.positions
    }

    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.source_ix.get(id).map(|&i| &self.sources[i])
    }
    pub fn district(&self, id: &DistrictId) -> Option<&District> {
        self.district_ix.get(id).map(|&i| &self.districts[i])
    }
    pub fn indicator(&self, id: &IndicatorId) -> Option<&Indicator> {
        self.indicator_ix.get(id).map(|&i| &self.indicators[i])
    }
    /// Position of a district in the catalogue: a stable order for charts and sorting.
    pub fn district_pos(&self, id: &DistrictId) -> usize {
        self.district_ix.get(id).copied().unwrap_or(usize::MAX)
    }
    /// Position of an indicator in the catalogue.
    pub fn indicator_pos(&self, id: &IndicatorId) -> Option<usize> {
        self.indicator_ix.get(id).copied()
    }
    /// Position of a source in the catalogue (unknown sources last).
    pub fn source_pos(&self, id: &SourceId) -> usize {
        self.source_ix.get(id).copied().unwrap_or(usize::MAX)
    }
}
