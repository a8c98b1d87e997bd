//! Reading the data files' JSON record by record, so that one bad record names its own
//! file and id. Serde (the derives in `model.rs`) is the one schema: `build.rs` reads the
//! files with this module to write the compact form the app embeds (`compact.rs`), and
//! natively `Dataset::from_files` reads JSON with it. Nothing here validates beyond the
//! schema: the rules run on the records, whichever way they were read.
//!
//! `build.rs` compiles this file too (`#[path]`): it may use only `crate::model`,
//! `std`, serde and serde_json.

use crate::model::*;
use serde::de::DeserializeOwned;
use std::fmt;

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

/// The records of the data files, in file order, before validation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Records {
    pub sources: Vec<Source>,
    pub districts: Vec<District>,
    pub indicators: Vec<Indicator>,
    pub facts: Vec<Fact>,
    /// `fact_files[i]` is the file of `facts[i]` (`facts/….json`).
    pub fact_files: Vec<String>,
}

/// The catalogue files every dataset has.
pub const CATALOGUE: [&str; 3] = ["sources.json", "districts.json", "indicators.json"];

/// Parses `sources.json`, `districts.json`, `indicators.json` and every `facts/*.json`
/// among `files` (`(path under static/data, contents)`): the records that read, and an
/// error for each record, file or missing file that does not.
pub fn parse_files(files: &[(&str, &str)]) -> (Records, Vec<DataError>) {
    let mut errors = Vec::new();
    let mut r = Records::default();
    for (name, text) in files {
        match *name {
            "sources.json" => r.sources.extend(parse_records(name, text, &mut errors)),
            "districts.json" => r.districts.extend(parse_records(name, text, &mut errors)),
            "indicators.json" => r.indicators.extend(parse_records(name, text, &mut errors)),
            n if n.starts_with("facts/") => {
                for f in parse_records::<Fact>(name, text, &mut errors) {
                    r.facts.push(f);
                    r.fact_files.push(name.to_string());
                }
            }
            _ => errors.push(DataError {
                file: name.to_string(),
                record: "-".into(),
                reason: "not a known data file".into(),
            }),
        }
    }
    for required in CATALOGUE {
        if !files.iter().any(|(n, _)| *n == required) {
            errors.push(DataError {
                file: required.into(),
                record: "-".into(),
                reason: "missing".into(),
            });
        }
    }
    (r, errors)
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
            Err(e) => errors.push(DataError { file: file.into(), record, reason: e.to_string() }),
        }
    }
    out
}
