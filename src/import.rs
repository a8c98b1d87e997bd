//! Bringing your own data: a CSV or JSON file of figures, checked with the same rules
//! as the embedded dataset and added to it (or put in its place), in the browser.
//!
//! The import *core*, without I/O or UI: the encoding (`encoding`); the records, read a
//! slice at a time (`reader`: `csv_rows` or `json`) into a faithful raw form (`raw`); each
//! checked into the model (`check`, cells by `cells`, districts and indicators by one
//! generic path in `entry`, with Chongqing's from `model::gazetteer`); errors in both
//! languages (`report`); templates (`samples`). DATA.md, "Importing data", documents
//! the formats.
//!
//! Per record ([`Importer::step`], O(1) amortised): cells parsed, districts and
//! indicators resolved or defined, ids unique within the file, then the dataset's own
//! per-fact rules (`dataset::fact_problems`). Against the dataset the file joins
//! ([`Importer::finish`], in a [`Mode`]): ids not already in the data, one unit per
//! (indicator, kind) (`dataset::UnitUse`, first come first served, in file order), and
//! `Dataset::from_parts`, the full validation, as a safety net. Imported facts belong
//! to one new [`Source`] per file (`import-N`, `imported: true`). Text is stored as
//! given (trimmed) and shown as text; invisible control and bidirectional characters
//! are rejected. A file imported in slices gives the same result as in one go.

mod cells;
mod check;
mod csv_rows;
mod encoding;
mod entry;
mod fields;
mod json;
mod options;
mod raw;
mod reader;
mod report;
mod samples;

pub use csv_rows::column_letter;
pub use encoding::{decode, decode_hint, sample, Decoded, Encoding};
pub use fields::{Field, MAX_ABS_VALUE, MAX_FILE_BYTES, MAX_ID_CHARS, MAX_ROWS, MAX_TEXT_CHARS};
pub use options::{Format, ImportOptions, Keep, Mode, Progress};
pub use report::{Defines, ErrorLog, ImportError, ImportReport, ERRORS_PER_KIND};
pub use report::{JsonArray, JsonShape, Location, Origin, Reason};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use samples::csv_string;
pub use samples::{csv_template, json_template};

use crate::dataset::{Dataset, UnitUse};
use crate::model::*;
use check::{Checker, Problems};
use entry::Entry;
use raw::{Next, RawRow};
use reader::Reader;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::rc::Rc;

/// A successful import.
#[derive(Debug)]
pub struct Imported {
    /// The validated dataset to show.
    pub dataset: Dataset,
    /// The source that marks the imported facts.
    pub source: SourceId,
    /// What was read; with [`Keep::ValidRows`], the errors of the rows left out.
    pub report: ImportReport,
}

/// An import in progress: create it, call [`step`](Importer::step) until it reports
/// `finished` (between frames, so the page stays responsive), then
/// [`finish`](Importer::finish), which spends it. [`report`](Importer::report) may be
/// asked in either [`Mode`] as often as the user changes it.
pub struct Importer {
    base: Rc<Dataset>,
    reader: Reader,
    /// The header's label of each field (CSV only).
    csv_labels: Vec<Option<String>>,
    checker: Checker,
    checked: Vec<(Location, Fact)>,
    errors: ErrorLog,
    rows: usize,
    blank_rows: usize,
    finished: bool,
}

impl Importer {
    /// Prepares an import of `text` (a leading byte-order mark is ignored) into `base`.
    /// Cheap: reading starts with the first `step`.
    pub fn new(
        mut text: String,
        format: Format,
        base: Rc<Dataset>,
        options: ImportOptions,
    ) -> Importer {
        if text.starts_with('\u{feff}') {
            text.drain(..3);
        }
        let (reader, csv_labels, fatal) = Reader::new(text, format);
        let mut errors = ErrorLog::default();
        fatal.into_iter().for_each(|e| errors.push(e));
        let checker = Checker::new(base.clone(), options::import_source(&base, &options));
        let (checked, rows, blank_rows, finished) = (Vec::new(), 0, 0, false);
        Importer { base, reader, csv_labels, checker, checked, errors, rows, blank_rows, finished }
    }

    /// Reads and checks at most `max_rows` more records (at least one).
    pub fn step(&mut self, max_rows: usize) -> Progress {
        let mut budget = max_rows.max(1);
        while budget > 0 && !self.finished {
            let next = self.reader.next(&mut budget);
            if matches!(next, Next::Record(..) | Next::Blank) {
                budget -= 1;
            }
            match next {
                Next::Record(array, raw) => {
                    let problems = match array {
                        JsonArray::Facts => self.fact(&raw),
                        JsonArray::Districts => Some(self.checker.record::<District>(&raw)),
                        JsonArray::Indicators => Some(self.checker.record::<Indicator>(&raw)),
                    };
                    if let Some(problems) = problems {
                        self.record(&raw, problems);
                    }
                }
                Next::Blank => self.blank_rows += 1,
                Next::Working => {}
                Next::Fatal(e) => self.stop(Some(e)),
                Next::End => self.stop(None),
            }
        }
        self.progress()
    }

    /// Every row is read (or none can be): the text is no longer needed.
    fn stop(&mut self, fatal: Option<ImportError>) {
        match fatal {
            Some(e) => self.errors.push(e),
            None if self.rows == 0 && self.errors.is_empty() => {
                self.errors.push(ImportError::file(Reason::NoDataRows))
            }
            None => {}
        }
        self.reader = Reader::Stopped;
        self.finished = true;
    }

    /// Checks a fact record: `None` when it is valid (then it is kept), else its problems.
    fn fact(&mut self, raw: &RawRow) -> Option<Problems> {
        self.rows += 1;
        if self.rows == 1 {
            self.checker.ids.reserve(self.reader.facts_hint());
        }
        // A record that could not be read as such gets that error alone.
        let unreadable = raw.errors.iter().any(|(_, r)| {
            matches!(
                r,
                Reason::JsonSyntax { .. }
                    | Reason::NotAnObject
                    | Reason::QuoteNeverClosed { .. }
                    | Reason::QuoteSpansLines { .. }
                    | Reason::TextAfterQuote(_)
            )
        });
        match (!unreadable).then(|| self.checker.fact(raw)) {
            Some(Ok(fact)) if raw.errors.is_empty() => {
                if self.checked.capacity() == 0 {
                    self.checked.reserve(self.reader.facts_hint());
                }
                self.checked.push((raw.location.clone(), fact));
                None
            }
            Some(Err(problems)) => Some(problems),
            _ => Some(Vec::new()),
        }
    }

    fn record(&mut self, raw: &RawRow, mut problems: Problems) {
        // In column order (the canonical one), so that a row's errors read left to right.
        crate::order::by_key(&mut problems, |(field, _)| field.index());
        for (column, reason) in &raw.errors {
            let e = ImportError::new(raw.location.clone(), column.clone(), reason.clone());
            self.errors.push(e);
        }
        for (field, reason) in problems {
            self.errors.push(self.error(&raw.location, field, reason));
        }
    }

    /// An error in a field of a record, named as the file names the column (CSV) or by
    /// the field's path (JSON).
    fn error(&self, location: &Location, field: Field, reason: Reason) -> ImportError {
        let column = match location {
            Location::Json { array, .. } => json::path(*array, field).to_string(),
            _ => (self.csv_labels.get(field.index()).cloned().flatten())
                .unwrap_or_else(|| field.name().to_string()),
        };
        ImportError::new(location.clone(), Some(column), reason)
    }

    pub fn progress(&self) -> Progress {
        self.reader.progress(self.rows, self.finished)
    }

    /// Reads whatever is left, then checks the file against `base` in `mode`.
    pub fn report(&mut self, mode: Mode) -> ImportReport {
        self.step(usize::MAX);
        self.judge(mode).0
    }

    /// Reads whatever is left, checks the file against `base` in `mode`, and builds the
    /// dataset with the imported facts: all of them, or with [`Keep::ValidRows`] the
    /// valid ones. Nothing is imported from a file with an error about the file as a
    /// whole (its shape or header), nor from one without a valid row. The checked
    /// figures move into the new dataset, so a large import never holds two copies;
    /// ask [`report`](Importer::report) first to see the errors in either mode.
    pub fn finish(mut self, mode: Mode, keep: Keep) -> Result<Imported, ImportReport> {
        self.step(usize::MAX);
        let (mut report, valid) = self.judge(mode);
        if report.has_fatal()
            || report.valid_rows == 0
            || (keep == Keep::AllOrNothing && !report.is_clean())
        {
            if report.errors.is_empty() {
                report.errors.push(ImportError::file(Reason::NoDataRows));
                report.error_count += 1;
            }
            return Err(report);
        }
        let facts = std::mem::take(&mut self.checked).into_iter().zip(valid);
        let facts = facts.filter_map(|((_, f), v)| v.then_some(f)).collect();
        match self.build(mode, facts) {
            Ok(dataset) => Ok(Imported { dataset, source: self.checker.source.id.clone(), report }),
            Err(errors) => {
                report.error_count += errors.len();
                report.errors.extend(errors);
                Err(report)
            }
        }
    }

    /// The report in `mode`, and which checked facts are valid in it.
    fn judge(&self, mode: Mode) -> (ImportReport, Vec<bool>) {
        let mut errors = self.errors.clone();
        let mut valid = vec![true; self.checked.len()];
        let mut units: HashMap<(&IndicatorId, Kind), UnitUse<Origin>> = HashMap::default();
        let mut base_ids = HashSet::default();
        for f in self.base.facts.iter().filter(|_| mode == Mode::Add) {
            base_ids.insert(f.id.as_str());
            let unit = units.entry((&f.indicator, f.kind)).or_default();
            let _ = unit.admit(f.unit, &f.district, Origin::Data);
        }
        for (i, (location, f)) in self.checked.iter().enumerate() {
            let unit = units.entry((&f.indicator, f.kind)).or_default();
            let (field, reason) = if base_ids.contains(f.id.as_str()) {
                (Field::Id, Reason::IdInData(cells::shown(f.id.as_str())))
            } else {
                let Err((known, district, at)) =
                    unit.admit(f.unit, &f.district, Origin::At(location.clone()))
                else {
                    continue;
                };
                let indicator = f.indicator.to_string();
                let (district, kind, unit) = (district.to_string(), f.kind, f.unit);
                let conflict = Reason::UnitConflict { indicator, kind, unit, known, district, at };
                (Field::Unit, conflict)
            };
            valid[i] = false;
            errors.push(self.error(location, field, reason));
        }
        let (errors, error_count) = errors.into_sorted();
        let valid_rows = valid.iter().filter(|v| **v).count();
        let (rows, blank_rows) = (self.rows, self.blank_rows);
        let report = ImportReport { errors, error_count, rows, valid_rows, blank_rows };
        (report, valid)
    }

    /// The dataset with `imported`: `base`'s, or in [`Mode::Replace`] only the
    /// districts and indicators the file uses; then the file's own definitions.
    fn build(&self, mode: Mode, imported: Vec<Fact>) -> Result<Dataset, Vec<ImportError>> {
        let districts: HashSet<&DistrictId> = imported.iter().map(|f| &f.district).collect();
        let indicators: HashSet<&IndicatorId> = imported.iter().map(|f| &f.indicator).collect();
        let mut source = self.checker.source.clone();
        if let (1, Some(d)) = (districts.len(), districts.iter().next()) {
            source.district = (*d).clone();
        }
        let (base, catalogue) = (&self.base, &self.checker.catalogue);
        let (mut ds, mut is, mut facts, mut sources) = match mode {
            Mode::Add => (
                base.districts.clone(),
                base.indicators.clone(),
                base.facts.clone(),
                base.sources.clone(),
            ),
            Mode::Replace => {
                let ds = used(&base.districts, &districts)
                    .map(|d| District { static_facts: Vec::new(), ..d });
                let is = used(&base.indicators, &indicators).collect();
                (ds.collect(), is, Vec::new(), Vec::new())
            }
        };
        ds.extend(used(&catalogue.districts.items, &districts));
        is.extend(used(&catalogue.indicators.items, &indicators));
        facts.extend(imported);
        sources.push(source);
        Dataset::from_parts(sources, ds, is, facts).map_err(|errors| {
            let ids = &self.checker.ids;
            let at =
                |record: String| ids.get(&FactId(record.into())).cloned().unwrap_or(Location::File);
            let errors = errors.into_iter().map(|e| {
                let reason = Reason::Dataset(e.to_string());
                ImportError::new(at(e.record), None, reason)
            });
            errors.collect()
        })
    }
}

/// The districts or indicators of `items` with an id in `ids`.
fn used<'a, T: Entry>(items: &'a [T], ids: &'a HashSet<&T::Id>) -> impl Iterator<Item = T> + 'a {
    items.iter().filter(|x| ids.contains(x.id())).cloned()
}

/// Imports `text` in one go: `Importer::new(…).finish(mode, keep)`.
pub fn import(
    text: String,
    format: Format,
    base: Rc<Dataset>,
    options: ImportOptions,
    mode: Mode,
    keep: Keep,
) -> Result<Imported, ImportReport> {
    Importer::new(text, format, base, options).finish(mode, keep)
}
