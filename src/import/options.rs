//! What the caller tells an import (the file's format, the mode, which rows to keep,
//! the file's name and today's date) and how far it has come.

use crate::dataset::Dataset;
use crate::model::{Confidence, Date, DistrictId, PublishedEstimate, Source, SourceId};
use crate::text::is_invisible;

/// The file's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    /// By the file name's extension, else by the first character of the text.
    pub fn guess(file_name: &str, text: &str) -> Format {
        let json_text = text.trim_start_matches('\u{feff}').trim_start().starts_with(['{', '[']);
        match file_name.to_ascii_lowercase().rsplit_once('.').map(|n| n.1) {
            Some("json") => Format::Json,
            Some("csv" | "tsv" | "txt") => Format::Csv,
            _ if json_text => Format::Json,
            _ => Format::Csv,
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

/// The source of a file's figures: `import-N` with the first free N.
pub fn import_source(base: &Dataset, options: &ImportOptions) -> Source {
    let id = (1..)
        .map(|n| SourceId(format!("import-{n}").into()))
        .find(|id| base.source(id).is_none())
        .unwrap_or_else(|| SourceId("import".into()));
    let name: String = options.file_name.chars().filter(|c| !is_invisible(*c)).take(200).collect();
    let name = match name.trim() {
        "" => "导入的数据",
        n => n,
    };
    let today = options.today;
    let zh_date = format!("{}年{}月{}日", today.year, today.month, today.day);
    Source {
        id,
        headline: name.to_string(),
        district: DistrictId("".into()),
        published: PublishedEstimate {
            from: today,
            to: today,
            label_zh: format!("{zh_date}导入"),
            label_en: format!("imported {today}"),
        },
        date_evidence_zh: format!("由用户于{zh_date}从文件“{name}”导入，并非读自报道，日期即导入当天。"),
        date_evidence_en: format!(
            "Imported by the user from the file {name:?} on {today}; not read from an article, so the date is that of the import."
        ),
        date_confidence: Confidence::Low,
        imported: true,
    }
}
