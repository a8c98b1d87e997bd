//! Bringing your own data: a CSV or JSON file of figures, checked with the same rules
//! as the embedded dataset and added to it (or put in its place), in the browser.
//!
//! This module owns the import *core*: telling the encoding (`encoding`), reading the
//! file (`csv_rows`, `json_rows`) into a faithful raw form (`raw`, `fields`), checking
//! each record into the model (`check`, `cells`, `sets`, with Chongqing's districts
//! from `gazetteer`), the errors and their report (`report`), templates (`samples`)
//! and, natively only, synthetic files (`synthetic`). It does no I/O and knows no UI:
//! the shell reads the file (with `TextDecoder`, see [`decode_hint`]), calls
//! [`Importer::step`] between frames, shows [`Progress`] and the [`ImportReport`], and
//! swaps in the [`Imported`] dataset.
//!
//! Shape (after ripgrep's lowargs → hiargs): raw records → checked facts plus errors,
//! each error naming its row (or JSON path), column and reason in Chinese and English.
//! - Per record (in [`Importer::step`], O(1) amortised): cells parsed, districts and
//!   indicators resolved or defined, ids unique within the file, then the dataset's own
//!   per-fact rules (`dataset::fact_problems`).
//! - Against the dataset the file joins (in [`Importer::finish`], which needs the
//!   [`Mode`]): ids not already in the data, one unit per (indicator, kind) across
//!   districts (first come, first served, in file order), and finally
//!   `Dataset::from_parts`, the full validation, as a safety net.
//!
//! Imported facts belong to one new [`Source`] per file (`import-N`, `imported: true`),
//! which marks them everywhere. Text is stored as given (trimmed): markup and
//! formula-like cells are inert text here and are rendered as text by the UI; invisible
//! control and bidirectional characters are rejected. The result of a file imported in
//! slices is the same as in one go, since records are checked strictly in file order.
//! DATA.md, "Importing data", documents the formats for users.

mod cells;
mod check;
mod csv_rows;
mod encoding;
mod fields;
mod gazetteer;
mod json_rows;
mod log;
mod raw;
mod report;
mod samples;

pub use cells::{display, escape_invisible};
pub use csv_rows::column_letter;
pub use encoding::{decode, decode_hint, sample, Decoded, Encoding};
pub use fields::{Field, MAX_ABS_VALUE, MAX_FILE_BYTES, MAX_ID_CHARS, MAX_ROWS, MAX_TEXT_CHARS};
pub use gazetteer::{is_county_code, CHONGQING};
pub use log::{ErrorLog, ImportReport, ERRORS_PER_KIND};
pub use report::{Defines, ImportError, JsonArray, JsonShape, Location, Origin, Reason};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use samples::csv_string;
pub use samples::{csv_template, json_template};

use crate::dataset::{Dataset, UnitUse};
use crate::model::*;
use check::{Catalogue, Checker, Problems};
use csv_rows::{CsvRows, Read};
use json_rows::Outline;
use raw::RawRow;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// The file's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    /// By the file name's extension, else by the first character of the text.
    pub fn guess(file_name: &str, text: &str) -> Format {
        let lower = file_name.to_ascii_lowercase();
        if lower.ends_with(".json") {
            Format::Json
        } else if lower.ends_with(".csv") || lower.ends_with(".tsv") || lower.ends_with(".txt") {
            Format::Csv
        } else if matches!(
            text.trim_start_matches('\u{feff}')
                .trim_start()
                .chars()
                .next(),
            Some('{' | '[')
        ) {
            Format::Json
        } else {
            Format::Csv
        }
    }
}

/// What the imported figures do to the dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Join the dataset's figures: ids must be new, units must agree with its own.
    Add,
    /// Stand alone: only the file's figures, with the dataset's districts and
    /// indicators they use (without the articles' static facts).
    Replace,
}

/// Which rows to import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// Nothing unless every row is valid.
    AllOrNothing,
    /// The valid rows, leaving out those with errors ("import the valid rows").
    ValidRows,
}

/// What the caller knows about the file.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOptions {
    /// The file's name: the imported source's headline.
    pub file_name: String,
    /// Today's date: the imported source's date.
    pub today: Date,
}

/// How far an import has come.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    /// Records read (CSV data rows or JSON facts; blank rows not counted).
    pub rows_done: usize,
    /// How many there will be, as far as can be told yet.
    pub rows_estimate: usize,
    /// From 0 to 1, for a progress bar.
    pub fraction: f64,
    pub finished: bool,
}

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

/// How many JSON elements are outlined in the time one record is checked.
const OUTLINE_PER_ROW: usize = 16;

enum Reader {
    Csv(Box<CsvRows>),
    Json {
        text: String,
        outline: Outline,
        /// Records of each array checked so far (districts, indicators, facts).
        done: [usize; 3],
    },
    /// The file cannot be read further (a fatal error was recorded).
    Stopped,
}

/// One more thing the reader produced.
enum Next {
    Fact(Box<RawRow>),
    District(Box<RawRow>),
    Indicator(Box<RawRow>),
    Blank,
    Working,
    End,
    Fatal(Vec<ImportError>),
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
        let source = import_source(&base, &options);
        let checker = Checker {
            catalogue: Catalogue::new(base.clone()),
            source,
            ids: HashMap::new(),
        };
        let mut errors = ErrorLog::default();
        let mut csv_labels = vec![None; Field::COUNT];
        let reader = match format {
            Format::Csv => match CsvRows::new(text) {
                Ok(rows) => {
                    for f in Field::all() {
                        csv_labels[f.index()] = rows.label(f).map(str::to_string);
                    }
                    Reader::Csv(Box::new(rows))
                }
                Err(e) => {
                    errors.extend(e);
                    Reader::Stopped
                }
            },
            Format::Json => Reader::Json {
                text,
                outline: Outline::new(),
                done: [0; 3],
            },
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
            match self.next(&mut budget) {
                Next::Fact(raw) => {
                    budget -= 1;
                    self.fact(raw);
                }
                Next::District(raw) => {
                    budget -= 1;
                    let problems = self.checker.district_record(&raw);
                    self.record(&raw, problems);
                }
                Next::Indicator(raw) => {
                    budget -= 1;
                    let problems = self.checker.indicator_record(&raw);
                    self.record(&raw, problems);
                }
                Next::Blank => {
                    budget -= 1;
                    self.blank_rows += 1;
                }
                Next::Working => {}
                Next::End => {
                    if self.rows == 0 && self.errors.is_empty() {
                        self.errors.push(ImportError {
                            location: Location::File,
                            column: None,
                            reason: Reason::NoDataRows,
                        });
                    }
                    // Every row is read: the file's text is no longer needed.
                    self.reader = Reader::Stopped;
                    self.finished = true;
                }
                Next::Fatal(e) => {
                    self.errors.extend(e);
                    self.reader = Reader::Stopped;
                    self.finished = true;
                }
            }
        }
        self.progress()
    }

    fn next(&mut self, budget: &mut usize) -> Next {
        match &mut self.reader {
            Reader::Stopped => Next::End,
            Reader::Csv(rows) => match rows.next() {
                Ok(Read::Row(raw)) => Next::Fact(raw),
                Ok(Read::Blank) => Next::Blank,
                Ok(Read::End) => Next::End,
                Err(e) => Next::Fatal(vec![*e]),
            },
            Reader::Json {
                text,
                outline,
                done,
            } => {
                if !outline.is_done() {
                    // Outlining an element costs a small part of checking one.
                    let mut scan = budget.saturating_mul(OUTLINE_PER_ROW);
                    let result = outline.advance(text, &mut scan);
                    *budget = scan / OUTLINE_PER_ROW;
                    return match result {
                        Ok(_) => Next::Working,
                        Err(e) => Next::Fatal(vec![*e]),
                    };
                }
                for (slot, array) in [
                    JsonArray::Districts,
                    JsonArray::Indicators,
                    JsonArray::Facts,
                ]
                .into_iter()
                .enumerate()
                {
                    if let Some(span) = outline.spans[slot].get(done[slot]) {
                        let raw = Box::new(json_rows::element(text, *span, array, done[slot]));
                        done[slot] += 1;
                        return match array {
                            JsonArray::Districts => Next::District(raw),
                            JsonArray::Indicators => Next::Indicator(raw),
                            JsonArray::Facts => Next::Fact(raw),
                        };
                    }
                }
                Next::End
            }
        }
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
            self.errors.push(ImportError {
                location: raw.location.clone(),
                column: column.clone(),
                reason: reason.clone(),
            });
        }
        for (field, reason) in problems {
            self.errors.push(ImportError {
                location: raw.location.clone(),
                column: Some(self.label(&raw.location, field)),
                reason,
            });
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
        let fraction = if self.finished {
            1.0
        } else {
            match &self.reader {
                Reader::Csv(rows) => rows.fraction().min(0.999),
                Reader::Json {
                    text,
                    outline,
                    done,
                } if !outline.is_done() => 0.5 * outline.pos() as f64 / text.len().max(1) as f64,
                Reader::Json { outline, done, .. } => {
                    let total: usize = outline.spans.iter().map(Vec::len).sum();
                    let checked: usize = done.iter().sum();
                    (0.5 + 0.5 * checked as f64 / total.max(1) as f64).min(0.999)
                }
                Reader::Stopped => 1.0,
            }
        };
        let rows_estimate = match &self.reader {
            _ if self.finished => self.rows,
            Reader::Json { outline, .. } if outline.is_done() => outline.spans[2].len(),
            Reader::Csv(_) if fraction > 0.0 => {
                self.rows.max((self.rows as f64 / fraction) as usize)
            }
            _ => self.rows,
        };
        Progress {
            rows_done: self.rows,
            rows_estimate,
            fraction,
            finished: self.finished,
        }
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
                report.errors.push(ImportError {
                    location: Location::File,
                    column: None,
                    reason: Reason::NoDataRows,
                });
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
            errors.push(ImportError {
                location: location.clone(),
                column: Some(self.label(location, field)),
                reason,
            });
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

/// The source of a file's figures: `import-N` with the first free N.
fn import_source(base: &Dataset, options: &ImportOptions) -> Source {
    let id = (1..)
        .map(|n| SourceId(format!("import-{n}")))
        .find(|id| base.source(id).is_none())
        .unwrap_or_else(|| SourceId("import".into()));
    let name: String = options
        .file_name
        .chars()
        .filter(|c| !cells::is_invisible(*c))
        .take(200)
        .collect();
    let name = match name.trim() {
        "" => "导入的数据".to_string(),
        n => n.to_string(),
    };
    let today = options.today;
    Source {
        id,
        headline: name.clone(),
        district: DistrictId(String::new()),
        published: PublishedEstimate {
            from: today,
            to: today,
            label_zh: format!("{}年{}月{}日导入", today.year, today.month, today.day),
            label_en: format!("imported {today}"),
        },
        date_evidence_zh: format!(
            "由用户于{}年{}月{}日从文件“{name}”导入，并非读自报道，日期即导入当天。",
            today.year, today.month, today.day
        ),
        date_evidence_en: format!(
            "Imported by the user from the file {name:?} on {today}; not read from an article, so the date is that of the import."
        ),
        date_confidence: Confidence::Low,
        imported: true,
    }
}
