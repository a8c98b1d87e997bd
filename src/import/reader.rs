//! The file's records one at a time, whatever its format: CSV rows, or the JSON's
//! outline first and then its districts, indicators and facts.

use super::csv_rows::CsvRows;
use super::json::{self, Outline};
use super::options::{Format, Progress};
use super::raw::Next;
use super::report::{ImportError, JsonArray};

/// How many JSON elements are outlined in the time one record is checked.
const OUTLINE_PER_ROW: usize = 16;

pub enum Reader {
    Csv(Box<CsvRows>),
    /// `done`: records of each array read so far (districts, indicators, facts).
    Json {
        text: String,
        outline: Outline,
        done: [usize; 3],
    },
    /// The file cannot be read further (a fatal error was recorded).
    Stopped,
}

impl Reader {
    /// A reader of `text`, the header's label of each field (CSV), and the errors of a
    /// file that cannot be read at all.
    pub fn new(text: String, format: Format) -> (Reader, Vec<Option<String>>, Vec<ImportError>) {
        match format {
            Format::Json => {
                (Reader::Json { text, outline: Outline::default(), done: [0; 3] }, vec![], vec![])
            }
            Format::Csv => match CsvRows::new(text) {
                Ok(rows) => {
                    let labels = rows.labels.clone();
                    (Reader::Csv(Box::new(rows)), labels, vec![])
                }
                Err(e) => (Reader::Stopped, vec![], e),
            },
        }
    }

    pub fn next(&mut self, budget: &mut usize) -> Next {
        let Reader::Json { text, outline, done } = self else {
            return match self {
                Reader::Csv(rows) => rows.next(),
                _ => Next::End,
            };
        };
        if !outline.is_done() {
            // Outlining an element costs a small part of checking one.
            let mut scan = budget.saturating_mul(OUTLINE_PER_ROW);
            let result = outline.advance(text, &mut scan);
            *budget = scan / OUTLINE_PER_ROW;
            return result.map_or_else(|e| Next::Fatal(*e), |_| Next::Working);
        }
        for array in JsonArray::ALL {
            let i = array as usize;
            if let Some(span) = outline.spans[i].get(done[i]) {
                let raw = json::element(text, *span, array, done[i]);
                done[i] += 1;
                return Next::Record(array, Box::new(raw));
            }
        }
        Next::End
    }

    /// At most how many facts there are, as far as can be told (for reserving).
    pub fn facts_hint(&self) -> usize {
        match self {
            Reader::Csv(csv) => csv.lines,
            Reader::Json { outline, .. } => outline.spans[JsonArray::Facts as usize].len(),
            Reader::Stopped => 0,
        }
    }

    /// How far reading has come, `rows` records read so far.
    pub fn progress(&self, rows: usize, finished: bool) -> Progress {
        let fraction = match self {
            _ if finished => 1.0,
            Reader::Csv(csv) => csv.fraction().min(0.999),
            Reader::Json { text, outline, .. } if !outline.is_done() => {
                0.5 * outline.pos as f64 / text.len().max(1) as f64
            }
            Reader::Json { outline, done, .. } => {
                let total: usize = outline.spans.iter().map(Vec::len).sum();
                let checked: usize = done.iter().sum();
                (0.5 + 0.5 * checked as f64 / total.max(1) as f64).min(0.999)
            }
            Reader::Stopped => 1.0,
        };
        let rows_estimate = match self {
            _ if finished => rows,
            Reader::Json { outline, .. } if outline.is_done() => outline.spans[2].len(),
            Reader::Csv(_) if fraction > 0.0 => rows.max((rows as f64 / fraction) as usize),
            _ => rows,
        };
        Progress { rows_done: rows, rows_estimate, fraction, finished }
    }
}
