//! Loading and validating the dataset. The embedded JSON (compiled in from
//! `static/data/`) goes through the same checks as any other input: a dataset that
//! fails them is reported as a list of `DataError`s naming file, record and reason.

use crate::model::*;
use crate::numtext::{self, QuoteMismatch};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
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
        // The curated catalogue defines every indicator in both languages.
        for ind in &ds.indicators {
            for (field, text) in [
                ("definition_zh", &ind.definition_zh),
                ("definition", &ind.definition),
            ] {
                if text.trim().is_empty() {
                    errors.push(DataError {
                        file: "indicators.json".into(),
                        record: ind.id.to_string(),
                        reason: format!("{field} is missing or empty"),
                    });
                }
            }
        }
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
    /// Position of an indicator in the catalogue.
    pub fn indicator_pos(&self, id: &IndicatorId) -> Option<usize> {
        self.indicator_ix.get(id).copied()
    }
    /// Position of a source in the catalogue (unknown sources last).
    pub fn source_pos(&self, id: &SourceId) -> usize {
        self.source_ix.get(id).copied().unwrap_or(usize::MAX)
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
            // An import covering several districts names none (see `Source::imported`).
            let no_district = s.imported && s.district.as_str().is_empty();
            if !no_district && self.district(&s.district).is_none() {
                err(
                    "sources.json",
                    s.id.as_str(),
                    format!("unknown district {}", s.district),
                );
            }
            // The curated data speaks both languages: every note in Chinese and English.
            if !s.imported {
                for (field, text) in [
                    ("date_evidence_zh", &s.date_evidence_zh),
                    ("date_evidence_en", &s.date_evidence_en),
                ] {
                    if text.trim().is_empty() {
                        err(
                            "sources.json",
                            s.id.as_str(),
                            format!("{field} is missing or empty"),
                        );
                    }
                }
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
                    err("districts.json", d.id.as_str(), e.en());
                }
            }
        }
        for (i, f) in self.facts.iter().enumerate() {
            let file = fact_files.get(i).map_or("facts", String::as_str);
            for e in self.fact_errors(f) {
                err(file, f.id.as_str(), e.en());
            }
            if !self.source(&f.source).is_some_and(|s| s.imported) {
                for e in bilingual_problems(f) {
                    err(file, f.id.as_str(), e);
                }
            }
        }
        // Comparisons are never across units: one unit per (indicator, kind) across districts.
        let mut units: BTreeMap<(&str, Kind), UnitUse<()>> = BTreeMap::new();
        for f in &self.facts {
            units
                .entry((f.indicator.as_str(), f.kind))
                .or_default()
                .note(f.unit, &f.district, ());
        }
        for ((ind, kind), set) in units {
            if set.conflicts() {
                let mut codes: Vec<&str> = set.units.iter().map(|u| u.0.code()).collect();
                codes.sort_unstable();
                err(
                    "indicators.json",
                    ind,
                    format!(
                        "kind {} is used by several districts in different units: {}",
                        kind.code(),
                        codes.join(", ")
                    ),
                );
            }
        }
        errs
    }

    fn fact_errors(&self, f: &Fact) -> Vec<FactProblem> {
        fact_problems(
            f,
            self.source(&f.source),
            self.district(&f.district).is_some(),
            self.indicator(&f.indicator),
        )
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

/// A rule one fact breaks. `validate` reports it in English for the data files
/// (`en` is the message the loader has always given); the importer reports it per row
/// in both languages, in the column `field` names.
#[derive(Clone, Debug, PartialEq)]
pub enum FactProblem {
    UnknownSource(SourceId),
    UnknownDistrict(DistrictId),
    UnknownIndicator(IndicatorId),
    /// `unit_fits` failed.
    UnitDoesNotFit {
        unit: Unit,
        kind: Kind,
        indicator: IndicatorId,
        indicator_unit: Unit,
    },
    RankWithoutGroup,
    PeriodReversed {
        start: Date,
        end: Date,
    },
    InferredYearWithoutNote,
    QuoteEmpty,
    QuoteTooLong,
    /// `numtext::check_value_in_quote` failed.
    ValueNotInQuote(QuoteMismatch),
}

impl FactProblem {
    /// The fact field the problem is about.
    pub fn field(&self) -> FactField {
        match self {
            FactProblem::UnknownSource(_) => FactField::Source,
            FactProblem::UnknownDistrict(_) => FactField::District,
            FactProblem::UnknownIndicator(_) => FactField::Indicator,
            FactProblem::UnitDoesNotFit { .. } => FactField::Unit,
            FactProblem::RankWithoutGroup => FactField::RankGroup,
            FactProblem::PeriodReversed { .. } => FactField::PeriodEnd,
            FactProblem::InferredYearWithoutNote => FactField::PeriodNote,
            FactProblem::QuoteEmpty | FactProblem::QuoteTooLong => FactField::Quote,
            FactProblem::ValueNotInQuote(m) => m.field(),
        }
    }

    /// The reason in English, as the data loader reports it.
    pub fn en(&self) -> String {
        match self {
            FactProblem::UnknownSource(s) => format!("unknown source {s}"),
            FactProblem::UnknownDistrict(d) => format!("unknown district {d}"),
            FactProblem::UnknownIndicator(i) => format!("unknown indicator {i}"),
            FactProblem::UnitDoesNotFit {
                unit,
                kind,
                indicator,
                indicator_unit,
            } => format!(
                "unit {} does not fit kind {} of indicator {} (unit {})",
                unit.code(),
                kind.code(),
                indicator,
                indicator_unit.code()
            ),
            FactProblem::RankWithoutGroup => {
                "a rank needs rank_group, the group it is ranked in".into()
            }
            FactProblem::PeriodReversed { start, end } => {
                format!("period starts {start} after it ends {end}")
            }
            FactProblem::InferredYearWithoutNote => {
                "an inferred year needs period.note saying how it was read".into()
            }
            FactProblem::QuoteEmpty => "quote is empty".into(),
            FactProblem::QuoteTooLong => {
                format!("quote is longer than {MAX_QUOTE_CHARS} characters: quote the clause")
            }
            FactProblem::ValueNotInQuote(m) => m.en(),
        }
    }

    /// The reason in Chinese.
    pub fn zh(&self) -> String {
        match self {
            FactProblem::UnknownSource(s) => format!("未知的来源 {s}"),
            FactProblem::UnknownDistrict(d) => format!("未知的区县 {d}"),
            FactProblem::UnknownIndicator(i) => format!("未知的指标 {i}"),
            FactProblem::UnitDoesNotFit {
                unit,
                kind,
                indicator,
                indicator_unit,
            } => format!(
                "单位“{}”不适用于指标 {indicator}（单位“{}”）的“{}”类数据",
                unit.zh(),
                indicator_unit.zh(),
                kind.zh()
            ),
            FactProblem::RankWithoutGroup => "排名须填写排名范围（rank_group）".into(),
            FactProblem::PeriodReversed { start, end } => {
                format!("时期的起始日期 {start} 晚于截止日期 {end}")
            }
            FactProblem::InferredYearWithoutNote => {
                "年份系推断时须在时间说明（period.note）中写明如何推断".into()
            }
            FactProblem::QuoteEmpty => "引文为空".into(),
            FactProblem::QuoteTooLong => {
                format!("引文超过 {MAX_QUOTE_CHARS} 个字：只引含数字的分句")
            }
            FactProblem::ValueNotInQuote(m) => m.zh(),
        }
    }
}

/// The curated data's language rule for one fact: a period note in both languages or
/// in neither. (Rank groups are named in English by `model::rank_group_en`; a test
/// checks every curated one has a name.) Imports are exempt: a file may give one note in the language it has.
pub fn bilingual_problems(f: &Fact) -> Vec<String> {
    let mut e = Vec::new();
    let given = |n: &Option<String>| n.as_deref().is_some_and(|t| !t.trim().is_empty());
    let (zh, en) = (given(&f.period.note_zh), given(&f.period.note_en));
    if zh != en || f.period.note_zh.is_some() != zh || f.period.note_en.is_some() != en {
        e.push(format!(
            "period.note_zh and period.note_en must both be given and not empty (zh: {}, en: {})",
            if zh { "given" } else { "missing or empty" },
            if en { "given" } else { "missing or empty" }
        ));
    }
    e
}

/// Every rule one fact must pass that needs no other fact and no article text, given
/// what its references resolve to. A fact of an imported source may have an empty
/// quote: then no quote is checked, but a `value_text` must still read as the value.
pub fn fact_problems(
    f: &Fact,
    source: Option<&Source>,
    district_known: bool,
    indicator: Option<&Indicator>,
) -> Vec<FactProblem> {
    let mut e = Vec::new();
    if source.is_none() {
        e.push(FactProblem::UnknownSource(f.source.clone()));
    }
    if !district_known {
        e.push(FactProblem::UnknownDistrict(f.district.clone()));
    }
    match indicator {
        None => e.push(FactProblem::UnknownIndicator(f.indicator.clone())),
        Some(ind) => {
            if !unit_fits(f, ind) {
                e.push(FactProblem::UnitDoesNotFit {
                    unit: f.unit,
                    kind: f.kind,
                    indicator: ind.id.clone(),
                    indicator_unit: ind.unit,
                });
            }
        }
    }
    if f.kind == Kind::Rank && f.rank_group.as_deref().is_none_or(str::is_empty) {
        e.push(FactProblem::RankWithoutGroup);
    }
    if f.period.start > f.period.end {
        e.push(FactProblem::PeriodReversed {
            start: f.period.start,
            end: f.period.end,
        });
    }
    let no_note = |n: &Option<String>| n.as_deref().is_none_or(|t| t.trim().is_empty());
    if f.period.year == YearBasis::Inferred
        && no_note(&f.period.note_zh)
        && no_note(&f.period.note_en)
    {
        e.push(FactProblem::InferredYearWithoutNote);
    }
    let unquoted_import = source.is_some_and(|s| s.imported) && f.quote.trim().is_empty();
    let quote = if unquoted_import {
        // No quote to print the value: the value text stands in for it, so only the
        // value text's reading (or, without one, finiteness) is checked.
        match f.value_text.as_deref() {
            Some(text) => text,
            None if f.value.is_finite() => return e,
            None => "",
        }
    } else {
        if f.quote.trim().is_empty() {
            e.push(FactProblem::QuoteEmpty);
        } else if f.quote.chars().count() > MAX_QUOTE_CHARS {
            e.push(FactProblem::QuoteTooLong);
        }
        &f.quote
    };
    if let Err(m) = numtext::check_value_in_quote(f.value, f.value_text.as_deref(), quote) {
        e.push(FactProblem::ValueNotInQuote(m));
    }
    e
}

/// The unit rule: levels and counts are in a unit of the indicator's measure (the
/// article's own: 万元 under an 亿元 indicator), growth in % (or percentage points, or
/// x-fold), shares in %, ranks in 位, targets and forecasts in the indicator's measure
/// or % (a growth goal). Across districts, [`UnitUse`] also demands one unit.
pub fn unit_fits(f: &Fact, ind: &Indicator) -> bool {
    let same_measure = f.unit.measure().0 == ind.unit.measure().0;
    match f.kind {
        Kind::Level | Kind::CountNew | Kind::CountTotal => same_measure,
        Kind::Growth => matches!(f.unit, Unit::Percent | Unit::PercentagePoint | Unit::Bei),
        Kind::Share => f.unit == Unit::Percent,
        Kind::Rank => f.unit == Unit::Wei,
        Kind::Target | Kind::Forecast => {
            same_measure || matches!(f.unit, Unit::Percent | Unit::PercentagePoint)
        }
    }
}

/// The units one (indicator, kind) is given in, and by which districts. The rule:
/// comparisons are never across units, so several districts share one unit (one
/// district alone may use several). `validate` notes every fact and reports each
/// (indicator, kind) that [`conflicts`](UnitUse::conflicts); the importer
/// [`admit`](UnitUse::admit)s facts first come, first served.
#[derive(Debug)]
pub struct UnitUse<'a, O> {
    /// Each unit with the first district and place (`O`) that used it.
    pub units: Vec<(Unit, &'a DistrictId, O)>,
    several_districts: bool,
}

impl<O> Default for UnitUse<'_, O> {
    fn default() -> Self {
        UnitUse {
            units: Vec::new(),
            several_districts: false,
        }
    }
}

impl<'a, O: Clone> UnitUse<'a, O> {
    /// Notes one more use, whether or not it breaks the rule.
    pub fn note(&mut self, unit: Unit, district: &'a DistrictId, at: O) {
        self.several_districts =
            self.several_districts || self.units.iter().any(|u| u.1 != district);
        if !self.units.iter().any(|u| u.0 == unit) {
            self.units.push((unit, district, at));
        }
    }

    /// Whether the uses noted break the rule.
    pub fn conflicts(&self) -> bool {
        self.several_districts && self.units.len() > 1
    }

    /// Notes one more use if it keeps the rule, or says which earlier use it conflicts
    /// with (and notes nothing).
    pub fn admit(
        &mut self,
        unit: Unit,
        district: &'a DistrictId,
        at: O,
    ) -> Result<(), (Unit, &'a DistrictId, O)> {
        let several = self.several_districts || self.units.iter().any(|u| u.1 != district);
        let new_unit = !self.units.iter().any(|u| u.0 == unit);
        if several && self.units.len() + usize::from(new_unit) > 1 {
            let other = self.units.iter().find(|u| u.0 != unit);
            if let Some((u, d, o)) = other.or(self.units.first()) {
                return Err((*u, *d, o.clone()));
            }
        }
        self.note(unit, district, at);
        Ok(())
    }
}

/// The ids that occur more than once, sorted. Hashing keeps this linear in the number
/// of ids (100,000 imported facts included).
fn duplicates<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
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
