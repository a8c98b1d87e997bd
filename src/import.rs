//! Bringing your own data: a CSV or JSON file of figures, checked with the same rules
//! as the embedded dataset and added to it (or put in its place), in the browser.
//!
//! The import *core*, without I/O or UI: the encoding (`encoding`); the records, read a
//! slice at a time (`reader`: `csv_rows`, or `outline` then `json_rows`) into a
//! faithful raw form (`raw`, `fields`); each checked into the model (`check`, cells by
//! `cells`, districts and indicators by one generic path in `entry`, with Chongqing's
//! from `gazetteer`); errors in both languages (`report`, kept and counted by `log`);
//! templates (`samples`). The shell reads the file (see [`decode_hint`]), calls
//! [`Importer::step`] between frames, shows [`Progress`] and the [`ImportReport`], and
//! swaps in the [`Imported`] dataset.
//!
//! Per record ([`Importer::step`], O(1) amortised): cells parsed, districts and
//! indicators resolved or defined, ids unique within the file, then the dataset's own
//! per-fact rules (`dataset::fact_problems`). Against the dataset the file joins
//! ([`Importer::finish`], in a [`Mode`]): ids not already in the data, one unit per
//! (indicator, kind) across districts (`dataset::UnitUse`, first come first served, in
//! file order), and `Dataset::from_parts`, the full validation, as a safety net.
//! Imported facts belong to one new [`Source`] per file (`import-N`, `imported: true`).
//! Text is stored as given (trimmed) and shown as text; invisible control and
//! bidirectional characters are rejected. A file imported in slices gives the same
//! result as in one go. DATA.md, "Importing data", documents the formats.

mod cells;
mod check;
mod csv_rows;
mod encoding;
mod entry;
mod fields;
mod gazetteer;
mod json_rows;
mod log;
mod options;
mod outline;
mod raw;
mod reader;
mod report;
mod samples;

pub use cells::{display, escape_invisible};
pub use csv_rows::column_letter;
pub use encoding::{decode, decode_hint, sample, Decoded, Encoding};
pub use fields::{Field, MAX_ABS_VALUE, MAX_FILE_BYTES, MAX_ID_CHARS, MAX_ROWS, MAX_TEXT_CHARS};
pub use gazetteer::{is_county_code, CHONGQING};
pub use log::{ErrorLog, ImportReport, ERRORS_PER_KIND};
pub use options::{Format, ImportOptions, Keep, Mode, Progress};
pub use report::{Defines, ImportError, JsonArray, JsonShape, Location, Origin, Reason};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use samples::csv_string;
pub use samples::{csv_template, json_template};

use crate::dataset::{Dataset, UnitUse};
use crate::model::*;
use check::{Checker, Problems};
use entry::Catalogue;
use raw::RawRow;
use reader::{Next, Reader};
use std::collections::{HashMap, HashSet};
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
/// [`finish`](Importer::finish). `finish` may be called again with another [`Keep`]
/// after the user has seen the errors; a different [`Mode`] also needs only `finish`.
pub struct Importer {
    base: Rc<Dataset>,
    reader: Reader,
    format: Format,
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
        text: String,
        format: Format,
        base: Rc<Dataset>,
        options: ImportOptions,
    ) -> Importer {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let source = options::import_source(&base, &options);
        let (reader, csv_labels, errors) = Reader::new(text, format);
        let checker = Checker {
            catalogue: Catalogue::new(base.clone()),
            source,
            ids: HashMap::new(),
        };
        Importer {
            base,
            reader,
            format,
            csv_labels,
            checker,
            checked: Vec::new(),
            errors,
            rows: 0,
            blank_rows: 0,
            finished: false,
        }
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
                Next::Record(JsonArray::Facts, raw) => self.fact(raw),
                Next::Record(JsonArray::Districts, raw) => {
                    let problems = self.checker.record::<District>(&raw);
                    self.record(&raw, problems);
                }
                Next::Record(JsonArray::Indicators, raw) => {
                    let problems = self.checker.record::<Indicator>(&raw);
                    self.record(&raw, problems);
                }
                Next::Blank => self.blank_rows += 1,
                Next::Working => {}
                Next::End | Next::Fatal(_) => {
                    match next {
                        Next::Fatal(e) => self.errors.push(e),
                        _ if self.rows == 0 && self.errors.is_empty() => {
                            self.errors.push(ImportError::file(Reason::NoDataRows))
                        }
                        _ => {}
                    }
                    // Every row is read (or none can be): the text is no longer needed.
                    self.reader = Reader::Stopped;
                    self.finished = true;
                }
            }
        }
        self.progress()
    }

    fn fact(&mut self, raw: Box<RawRow>) {
        self.rows += 1;
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
        let problems = if unreadable {
            Vec::new()
        } else {
            match self.checker.fact(&raw) {
                Ok(fact) if raw.errors.is_empty() => {
                    self.checked.push((raw.location, fact));
                    return;
                }
                Ok(_) => Vec::new(),
                Err(problems) => problems,
            }
        };
        self.record(&raw, problems);
    }

    fn record(&mut self, raw: &RawRow, mut problems: Problems) {
        // In column order (the canonical one), so that a row's errors read left to right.
        problems.sort_by_key(|(field, _)| field.index());
        for (column, reason) in &raw.errors {
            let e = ImportError::new(raw.location.clone(), column.clone(), reason.clone());
            self.errors.push(e);
        }
        for (field, reason) in problems {
            let column = Some(self.label(&raw.location, field));
            self.errors
                .push(ImportError::new(raw.location.clone(), column, reason));
        }
    }

    /// The column as the file names it (CSV), or the field's path (JSON).
    fn label(&self, location: &Location, field: Field) -> String {
        match (self.format, location) {
            (Format::Json, Location::Json { array, .. }) => {
                json_rows::path(*array, field).to_string()
            }
            _ => self.csv_labels[field.index()]
                .clone()
                .unwrap_or_else(|| field.name().to_string()),
        }
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
    /// whole (its shape or header), nor from one without a valid row.
    pub fn finish(&mut self, mode: Mode, keep: Keep) -> Result<Imported, ImportReport> {
        self.finish_with(mode, keep, false)
    }

    /// As `finish`, but moves the checked figures into the new dataset instead of
    /// copying them, so a large import never holds two copies at once. The importer
    /// is spent either way.
    pub fn into_dataset(mut self, mode: Mode, keep: Keep) -> Result<Imported, ImportReport> {
        self.finish_with(mode, keep, true)
    }

    fn finish_with(
        &mut self,
        mode: Mode,
        keep: Keep,
        take: bool,
    ) -> Result<Imported, ImportReport> {
        self.step(usize::MAX);
        let (mut report, valid) = self.judge(mode);
        let refuse = report.has_fatal()
            || report.valid_rows == 0
            || (keep == Keep::AllOrNothing && !report.is_clean());
        if refuse {
            if report.errors.is_empty() {
                report.errors.push(ImportError::file(Reason::NoDataRows));
                report.error_count += 1;
            }
            return Err(report);
        }
        match self.build(mode, &valid, take) {
            Ok(dataset) => Ok(Imported {
                dataset,
                source: self.checker.source.id.clone(),
                report,
            }),
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
        let mut units: HashMap<(&IndicatorId, Kind), UnitUse<Origin>> = HashMap::new();
        let mut base_ids = HashSet::new();
        if mode == Mode::Add {
            for f in &self.base.facts {
                base_ids.insert(f.id.as_str());
                let _ = units.entry((&f.indicator, f.kind)).or_default().admit(
                    f.unit,
                    &f.district,
                    Origin::Data,
                );
            }
        }
        for (i, (location, f)) in self.checked.iter().enumerate() {
            let (field, reason) = if base_ids.contains(f.id.as_str()) {
                (Field::Id, Reason::IdInData(cells::shown(f.id.as_str())))
            } else {
                match units.entry((&f.indicator, f.kind)).or_default().admit(
                    f.unit,
                    &f.district,
                    Origin::At(location.clone()),
                ) {
                    Ok(()) => continue,
                    Err((known, district, at)) => (
                        Field::Unit,
                        Reason::UnitConflict {
                            indicator: f.indicator.to_string(),
                            kind: f.kind,
                            unit: f.unit,
                            known,
                            district: district.to_string(),
                            at,
                        },
                    ),
                }
            };
            valid[i] = false;
            let column = Some(self.label(location, field));
            errors.push(ImportError::new(location.clone(), column, reason));
        }
        let (errors, error_count) = errors.into_sorted();
        let report = ImportReport {
            errors,
            error_count,
            rows: self.rows,
            valid_rows: valid.iter().filter(|v| **v).count(),
            blank_rows: self.blank_rows,
        };
        (report, valid)
    }

    fn build(
        &mut self,
        mode: Mode,
        valid: &[bool],
        take: bool,
    ) -> Result<Dataset, Vec<ImportError>> {
        // Moved out when the importer is spent, copied when it may be asked again.
        let imported: Vec<Fact> = if take {
            std::mem::take(&mut self.checked)
                .into_iter()
                .zip(valid)
                .filter_map(|((_, f), v)| v.then_some(f))
                .collect()
        } else {
            self.checked
                .iter()
                .zip(valid)
                .filter(|(_, v)| **v)
                .map(|((_, f), _)| f.clone())
                .collect()
        };
        let used_districts: HashSet<&DistrictId> = imported.iter().map(|f| &f.district).collect();
        let used_indicators: HashSet<&IndicatorId> =
            imported.iter().map(|f| &f.indicator).collect();
        let mut source = self.checker.source.clone();
        if let (1, Some(d)) = (used_districts.len(), used_districts.iter().next()) {
            source.district = (*d).clone();
        }
        let base = &self.base;
        let (mut sources, mut districts, mut indicators, mut facts) = match mode {
            Mode::Add => (
                base.sources.clone(),
                base.districts.clone(),
                base.indicators.clone(),
                base.facts.clone(),
            ),
            Mode::Replace => (
                Vec::new(),
                base.districts
                    .iter()
                    .filter(|d| used_districts.contains(&d.id))
                    .map(|d| District {
                        static_facts: Vec::new(),
                        ..d.clone()
                    })
                    .collect(),
                base.indicators
                    .iter()
                    .filter(|i| used_indicators.contains(&i.id))
                    .cloned()
                    .collect(),
                Vec::new(),
            ),
        };
        let catalogue = &self.checker.catalogue;
        sources.push(source);
        districts.extend(
            (catalogue.districts.items.iter())
                .filter(|d| used_districts.contains(&d.id))
                .cloned(),
        );
        indicators.extend(
            (catalogue.indicators.items.iter())
                .filter(|i| used_indicators.contains(&i.id))
                .cloned(),
        );
        facts.extend(imported);
        Dataset::from_parts(sources, districts, indicators, facts).map_err(|errors| {
            errors
                .into_iter()
                .map(|e| ImportError {
                    location: self
                        .checker
                        .ids
                        .get(&FactId(e.record.clone()))
                        .cloned()
                        .unwrap_or(Location::File),
                    column: None,
                    reason: Reason::Dataset(e.to_string()),
                })
                .collect()
        })
    }
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
