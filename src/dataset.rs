//! Loading and validating the dataset. The embedded JSON (compiled in from
//! `static/data/`) goes through the same checks as any other input: a dataset that
//! fails them is reported as a list of `DataError`s naming file, record and reason.

use crate::model::*;
use crate::numtext;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// The data files compiled into the app: `(path under static/data, contents)`.
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    include!(concat!(env!("OUT_DIR"), "/embedded_data.rs"))
}

/// One reason a dataset is rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    pub file: String,
    /// The record's id, or `-` for a whole-file problem.
    pub record: String,
    pub reason: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.record, self.reason)
    }
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
}

/// Longest quote accepted: a clause, not a passage.
pub const MAX_QUOTE_CHARS: usize = 80;

impl Dataset {
    /// Parses and validates the data compiled into the app.
    pub fn embedded() -> Result<Dataset, Vec<DataError>> {
        Dataset::from_files(embedded_files())
    }

    /// Parses `sources.json`, `districts.json`, `indicators.json` and every
    /// `facts/*.json` among `files`, then validates the whole.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Dataset, Vec<DataError>> {
        let mut errors = Vec::new();
        let mut sources = Vec::new();
        let mut districts = Vec::new();
        let mut indicators = Vec::new();
        let mut facts = Vec::new();
        for (name, text) in files {
            match *name {
                "sources.json" => sources.extend(parse_records(name, text, &mut errors)),
                "districts.json" => districts.extend(parse_records(name, text, &mut errors)),
                "indicators.json" => indicators.extend(parse_records(name, text, &mut errors)),
                n if n.starts_with("facts/") => facts.extend(
                    parse_records::<Fact>(name, text, &mut errors)
                        .into_iter()
                        .map(|f| (name.to_string(), f)),
                ),
                _ => errors.push(DataError {
                    file: name.to_string(),
                    record: "-".into(),
                    reason: "not a known data file".into(),
                }),
            }
        }
        for required in ["sources.json", "districts.json", "indicators.json"] {
            if !files.iter().any(|(n, _)| *n == required) {
                errors.push(DataError {
                    file: required.into(),
                    record: "-".into(),
                    reason: "missing".into(),
                });
            }
        }
        let ds = Dataset::new(sources, districts, indicators, Vec::new());
        let fact_files: Vec<String> = facts.iter().map(|(f, _)| f.clone()).collect();
        let ds = Dataset {
            facts: facts.into_iter().map(|(_, f)| f).collect(),
            ..ds
        };
        errors.extend(ds.validate(&fact_files));
        if errors.is_empty() {
            Ok(ds)
        } else {
            Err(errors)
        }
    }

    fn new(
        sources: Vec<Source>,
        districts: Vec<District>,
        indicators: Vec<Indicator>,
        facts: Vec<Fact>,
    ) -> Dataset {
        let source_ix = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let district_ix = districts
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        let indicator_ix = indicators
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        Dataset {
            sources,
            districts,
            indicators,
            facts,
            source_ix,
            district_ix,
            indicator_ix,
        }
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

    /// Every rule that needs no outside text. `fact_files[i]` names the file of `facts[i]`.
    fn validate(&self, fact_files: &[String]) -> Vec<DataError> {
        let mut errs = Vec::new();
        let mut err = |file: &str, record: &str, reason: String| {
            errs.push(DataError {
                file: file.to_string(),
                record: record.to_string(),
                reason,
            })
        };
        for (file, ids) in [
            (
                "sources.json",
                self.sources
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>(),
            ),
            (
                "districts.json",
                self.districts.iter().map(|s| s.id.as_str()).collect(),
            ),
            (
                "indicators.json",
                self.indicators.iter().map(|s| s.id.as_str()).collect(),
            ),
        ] {
            for id in duplicates(ids.iter().copied()) {
                err(file, id, "id is not unique".into());
            }
        }
        for id in duplicates(self.facts.iter().map(|f| f.id.as_str())) {
            err("facts", id, "id is not unique".into());
        }
        for s in &self.sources {
            if self.district(&s.district).is_none() {
                err(
                    "sources.json",
                    s.id.as_str(),
                    format!("unknown district {}", s.district),
                );
            }
            if s.published.from > s.published.to {
                err(
                    "sources.json",
                    s.id.as_str(),
                    "published.from is after published.to".into(),
                );
            }
        }
        for d in &self.districts {
            for sf in &d.static_facts {
                if self.source(&sf.source).is_none() {
                    err(
                        "districts.json",
                        d.id.as_str(),
                        format!("unknown source {}", sf.source),
                    );
                }
                if let Err(e) = numtext::check_value_in_quote(sf.value, None, &sf.quote) {
                    err("districts.json", d.id.as_str(), e);
                }
            }
        }
        for (i, f) in self.facts.iter().enumerate() {
            let file = fact_files.get(i).map_or("facts", String::as_str);
            for e in self.fact_errors(f) {
                err(file, f.id.as_str(), e);
            }
        }
        // Comparisons are never across units: one unit per (indicator, kind) across districts.
        let mut units: BTreeMap<(&str, Kind), BTreeSet<(&str, &str)>> = BTreeMap::new();
        for f in &self.facts {
            units
                .entry((f.indicator.as_str(), f.kind))
                .or_default()
                .insert((f.unit.code(), f.district.as_str()));
        }
        for ((ind, kind), set) in units {
            let unit_set: BTreeSet<&str> = set.iter().map(|(u, _)| *u).collect();
            let districts: BTreeSet<&str> = set.iter().map(|(_, d)| *d).collect();
            if districts.len() > 1 && unit_set.len() > 1 {
                err(
                    "indicators.json",
                    ind,
                    format!(
                        "kind {} is used by several districts in different units: {}",
                        kind.code(),
                        unit_set.into_iter().collect::<Vec<_>>().join(", ")
                    ),
                );
            }
        }
        errs
    }

    fn fact_errors(&self, f: &Fact) -> Vec<String> {
        let mut e = Vec::new();
        let source = self.source(&f.source);
        if source.is_none() {
            e.push(format!("unknown source {}", f.source));
        }
        if self.district(&f.district).is_none() {
            e.push(format!("unknown district {}", f.district));
        }
        match self.indicator(&f.indicator) {
            None => e.push(format!("unknown indicator {}", f.indicator)),
            Some(ind) => {
                if let Err(m) = unit_fits(f, ind) {
                    e.push(m);
                }
            }
        }
        if f.kind == Kind::Rank && f.rank_group.as_deref().is_none_or(str::is_empty) {
            e.push("a rank needs rank_group, the group it is ranked in".into());
        }
        if f.period.start > f.period.end {
            e.push(format!(
                "period starts {} after it ends {}",
                f.period.start, f.period.end
            ));
        }
        if f.period.year == YearBasis::Inferred
            && f.period.note.as_deref().is_none_or(str::is_empty)
        {
            e.push("an inferred year needs period.note saying how it was read".into());
        }
        if f.quote.trim().is_empty() {
            e.push("quote is empty".into());
        } else if f.quote.chars().count() > MAX_QUOTE_CHARS {
            e.push(format!(
                "quote is longer than {MAX_QUOTE_CHARS} characters: quote the clause"
            ));
        }
        if let Err(m) = numtext::check_value_in_quote(f.value, f.value_text.as_deref(), &f.quote) {
            e.push(m);
        }
        e
    }

    /// Checks every quote against its article. `article` gives an article's text by
    /// source id (line breaks are removed here), or `None` when it is not available.
    pub fn check_quotes(&self, article: &dyn Fn(&SourceId) -> Option<String>) -> Vec<DataError> {
        let mut texts: HashMap<&SourceId, Option<String>> = HashMap::new();
        let mut errs = Vec::new();
        let quotes = self
            .facts
            .iter()
            .map(|f| (&f.source, f.id.as_str(), &f.quote, "facts"))
            .chain(self.districts.iter().flat_map(|d| {
                d.static_facts
                    .iter()
                    .map(move |s| (&s.source, d.id.as_str(), &s.quote, "districts.json"))
            }));
        for (source, record, quote, file) in quotes {
            let text = texts
                .entry(source)
                .or_insert_with(|| article(source).map(|t| t.replace('\n', "")));
            let reason = match text {
                None => format!("article {source} is not available"),
                Some(t) if t.contains(quote.as_str()) => continue,
                Some(_) => format!("quote {quote:?} is not in article {source}"),
            };
            errs.push(DataError {
                file: file.into(),
                record: record.into(),
                reason,
            });
        }
        errs
    }
}

/// The unit rule: levels and counts are in a unit of the indicator's measure (the
/// article's own: 万元 under an 亿元 indicator), growth in % (or percentage points, or
/// x-fold), shares in %, ranks in 位, targets and forecasts in the indicator's measure
/// or % (a growth goal). Across districts, `validate` also demands one unit.
pub fn unit_fits(f: &Fact, ind: &Indicator) -> Result<(), String> {
    let same_measure = f.unit.measure().0 == ind.unit.measure().0;
    let ok = match f.kind {
        Kind::Level | Kind::CountNew | Kind::CountTotal => same_measure,
        Kind::Growth => matches!(f.unit, Unit::Percent | Unit::PercentagePoint | Unit::Bei),
        Kind::Share => f.unit == Unit::Percent,
        Kind::Rank => f.unit == Unit::Wei,
        Kind::Target | Kind::Forecast => {
            same_measure || matches!(f.unit, Unit::Percent | Unit::PercentagePoint)
        }
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "unit {} does not fit kind {} of indicator {} (unit {})",
            f.unit.code(),
            f.kind.code(),
            ind.id,
            ind.unit.code()
        ))
    }
}

fn duplicates<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = BTreeSet::new();
    let mut dup = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            dup.insert(id);
        }
    }
    dup.into_iter().collect()
}

/// Parses a JSON array record by record, so that one bad record names its own id.
fn parse_records<T: DeserializeOwned>(
    file: &str,
    text: &str,
    errors: &mut Vec<DataError>,
) -> Vec<T> {
    let values: Vec<serde_json::Value> = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            errors.push(DataError {
                file: file.into(),
                record: "-".into(),
                reason: format!("not a JSON array of records: {e}"),
            });
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(values.len());
    for (i, v) in values.into_iter().enumerate() {
        let record = match v.get("id").and_then(|id| id.as_str()) {
            Some(id) => id.to_string(),
            None => format!("#{}", i + 1),
        };
        match serde_json::from_value(v) {
            Ok(r) => out.push(r),
            Err(e) => errors.push(DataError {
                file: file.into(),
                record,
                reason: e.to_string(),
            }),
        }
    }
    out
}
