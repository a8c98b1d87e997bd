//! The quote check against the articles on disk, natively only: the one place that
//! finds the articles and decides whether their absence is an error, for the test
//! (`tests/dataset.rs`) and for `cargo xtask build`.

use super::{DataError, Dataset};
use crate::model::SourceId;
use std::path::{Path, PathBuf};

/// What the quote check found.
#[derive(Debug)]
pub enum QuoteCheck {
    /// The articles were read: every quote not found in its article, as
    /// `file: record: reason` (empty when all are found).
    Checked { dir: PathBuf, errors: Vec<DataError> },
    /// No articles at `dir`, outside CI: nothing was checked.
    Skipped { dir: PathBuf },
    /// No articles at `dir` and `CI=true`: the check is required.
    Missing { dir: PathBuf },
}

impl QuoteCheck {
    /// One line for a person: what was checked or skipped, or why it fails.
    pub fn summary(&self) -> String {
        match self {
            QuoteCheck::Checked { dir, errors } if errors.is_empty() => {
                format!("quotes: every quote is in its article ({})", dir.display())
            }
            QuoteCheck::Checked { dir, errors } => format!(
                "quotes: {} not found in their articles ({}): file: record: reason above",
                errors.len(),
                dir.display()
            ),
            QuoteCheck::Skipped { dir } => format!(
                "SKIPPED: quote check: no source articles at {} (put shared/seeds beside the project or set CQ_SEEDS_DIR to run it)",
                dir.display()
            ),
            QuoteCheck::Missing { dir } => format!(
                "CI=true and the source articles are not at {}: put shared/seeds beside the project or set CQ_SEEDS_DIR",
                dir.display()
            ),
        }
    }

    /// Whether the build or test must fail.
    pub fn failed(&self) -> bool {
        match self {
            QuoteCheck::Checked { errors, .. } => !errors.is_empty(),
            QuoteCheck::Skipped { .. } => false,
            QuoteCheck::Missing { .. } => true,
        }
    }
}

/// Where the articles are: `$CQ_SEEDS_DIR`, else `shared/seeds` beside the project.
pub fn seeds_dir(project: &Path) -> PathBuf {
    std::env::var_os("CQ_SEEDS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| project.parent().unwrap_or(project).join("shared/seeds"))
}

/// Checks every quote of `ds` against its article (`<source id>.txt` in
/// [`seeds_dir`]`(project)`), when the articles are there; under `CI=true` they must be.
pub fn check_article_quotes(ds: &Dataset, project: &Path) -> QuoteCheck {
    let dir = seeds_dir(project);
    if !dir.is_dir() {
        return if std::env::var("CI").as_deref() == Ok("true") {
            QuoteCheck::Missing { dir }
        } else {
            QuoteCheck::Skipped { dir }
        };
    }
    let errors = ds
        .check_quotes(&|id: &SourceId| std::fs::read_to_string(dir.join(format!("{id}.txt"))).ok());
    QuoteCheck::Checked { dir, errors }
}
