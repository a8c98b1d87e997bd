//! The errors of an import as they are found (`ErrorLog`: a few of each kind kept, all
//! counted) and the report the dialog shows (`ImportReport`).

use super::report::{fill, ImportError, Reason};
use crate::i18n::{pick, Lang};

/// Errors kept of each kind (each `Reason` variant); the rest are only counted, so
/// that a file of millions of bad records holds a few hundred messages, not millions.
pub const ERRORS_PER_KIND: usize = 100;

/// The errors of an import as they are found: the first [`ERRORS_PER_KIND`] of each
/// kind, and a count of all.
#[derive(Clone, Debug, Default)]
pub struct ErrorLog {
    kept: Vec<ImportError>,
    per_kind: Vec<(std::mem::Discriminant<Reason>, usize)>,
    total: usize,
}

impl ErrorLog {
    pub fn push(&mut self, e: ImportError) {
        self.total += 1;
        let kind = std::mem::discriminant(&e.reason);
        let i = match self.per_kind.iter().position(|(k, _)| *k == kind) {
            Some(i) => i,
            None => {
                self.per_kind.push((kind, 0));
                self.per_kind.len() - 1
            }
        };
        self.per_kind[i].1 += 1;
        if self.per_kind[i].1 <= ERRORS_PER_KIND {
            self.kept.push(e);
        }
    }
    pub fn extend(&mut self, errors: impl IntoIterator<Item = ImportError>) {
        for e in errors {
            self.push(e);
        }
    }
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
    /// All errors, kept or not.
    pub fn total(&self) -> usize {
        self.total
    }
    /// The kept errors in file order, and the count of all.
    pub fn into_sorted(mut self) -> (Vec<ImportError>, usize) {
        self.kept.sort_by(|a, b| a.location.cmp(&b.location));
        (self.kept, self.total)
    }
}

/// Every error of an import, in file order, with the counts the UI shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// The errors kept: in file order, at most [`ERRORS_PER_KIND`] of each kind.
    pub errors: Vec<ImportError>,
    /// How many errors there are in all, kept or only counted.
    pub error_count: usize,
    /// Data rows (CSV) or facts (JSON) read, blank rows not counted.
    pub rows: usize,
    /// Rows without any error: those "import the valid rows" imports.
    pub valid_rows: usize,
    /// CSV rows with every cell empty, skipped.
    pub blank_rows: usize,
}

impl ImportReport {
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }
    /// The first `n` errors, to show at once.
    pub fn first(&self, n: usize) -> &[ImportError] {
        &self.errors[..n.min(self.errors.len())]
    }
    /// How many errors `first(n)` leaves out (kept or only counted).
    pub fn remaining(&self, n: usize) -> usize {
        self.error_count
            .max(self.errors.len())
            .saturating_sub(n.min(self.errors.len()))
    }
    /// Rows with at least one error: with the valid and the blank rows, every row read.
    pub fn invalid_rows(&self) -> usize {
        self.rows.saturating_sub(self.valid_rows)
    }
    /// Whether some error concerns the whole file, so nothing can be imported.
    pub fn has_fatal(&self) -> bool {
        self.errors.iter().any(ImportError::is_fatal)
    }
    /// Whether offering "import the valid rows" makes sense.
    pub fn can_import_valid_rows(&self) -> bool {
        !self.has_fatal() && self.valid_rows > 0
    }
    /// The first `n` messages, then one line counting the rest, in the UI's language.
    pub fn lines(&self, n: usize, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = self.first(n).iter().map(|e| e.message(lang)).collect();
        let rest = self.remaining(n);
        if rest > 0 {
            out.push(fill(
                pick(lang, "另有 {0} 个错误未列出", "and {0} more errors"),
                &[rest.to_string()],
            ));
        }
        out
    }
}
