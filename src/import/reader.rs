//! The file's records one at a time, whatever its format: CSV rows, or the JSON's
//! outline first and then its districts, indicators and facts, in slices.

use super::csv_rows::{CsvRows, Read};
use super::fields::Field;
use super::json_rows;
use super::log::ErrorLog;
use super::options::{Format, Progress};
use super::outline::Outline;
use super::raw::RawRow;
use super::report::{ImportError, JsonArray};

/// How many JSON elements are outlined in the time one record is checked.
const OUTLINE_PER_ROW: usize = 16;

pub enum Reader {
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
pub enum Next {
    Record(JsonArray, Box<RawRow>),
    Blank,
    Working,
    End,
    Fatal(ImportError),
}

impl Reader {
    /// A reader of `text`, the header's label of each field (CSV), and the errors of a
    /// file that cannot be read at all.
    pub fn new(text: String, format: Format) -> (Reader, Vec<Option<String>>, ErrorLog) {
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
        (reader, csv_labels, errors)
    }

    pub fn next(&mut self, budget: &mut usize) -> Next {
        match self {
            Reader::Stopped => Next::End,
            Reader::Csv(rows) => match rows.next() {
                Read::Row(raw) => Next::Record(JsonArray::Facts, raw),
                Read::Blank => Next::Blank,
                Read::End => Next::End,
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
                        Err(e) => Next::Fatal(*e),
                    };
                }
                for array in JsonArray::ALL {
                    let slot = array as usize;
                    if let Some(span) = outline.spans[slot].get(done[slot]) {
                        let raw = json_rows::element(text, *span, array, done[slot]);
                        done[slot] += 1;
                        return Next::Record(array, Box::new(raw));
                    }
                }
                Next::End
            }
        }
    }

    /// How far reading has come, `rows` records read so far.
    pub fn progress(&self, rows: usize, finished: bool) -> Progress {
        let fraction = if finished {
            1.0
        } else {
            match self {
                Reader::Csv(csv) => csv.fraction().min(0.999),
                Reader::Json { text, outline, .. } if !outline.is_done() => {
                    0.5 * outline.pos() as f64 / text.len().max(1) as f64
                }
                Reader::Json { outline, done, .. } => {
                    let total: usize = outline.spans.iter().map(Vec::len).sum();
                    let checked: usize = done.iter().sum();
                    (0.5 + 0.5 * checked as f64 / total.max(1) as f64).min(0.999)
                }
                Reader::Stopped => 1.0,
            }
        };
        let rows_estimate = match self {
            _ if finished => rows,
            Reader::Json { outline, .. } if outline.is_done() => outline.spans[2].len(),
            Reader::Csv(_) if fraction > 0.0 => rows.max((rows as f64 / fraction) as usize),
            _ => rows,
        };
        Progress {
            rows_done: rows,
            rows_estimate,
            fraction,
            finished,
        }
    }
}
