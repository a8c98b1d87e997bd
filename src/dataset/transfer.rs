//! A validated dataset across the import worker's boundary, in the compact form of the
//! embedded data (`compact.rs`): the page sends the dataset an import joins, the worker
//! sends back the dataset it built. Both sides hold only datasets that passed
//! validation (the embedded data, or `Dataset::from_parts` in the importer), so reading
//! one back rebuilds the lookup indexes without validating it again: on the page that
//! keeps a 100,000-figure import from holding the main thread for the whole check.

use super::{compact, Dataset};

impl Dataset {
    /// The dataset's records as `(string table, byte stream)` for [`Dataset::from_compact`].
    pub fn to_compact(&self) -> (String, Vec<u8>) {
        compact::encode_parts(
            &self.sources,
            &self.districts,
            &self.indicators,
            &self.facts,
        )
    }

    /// Reads back a dataset written by [`Dataset::to_compact`] from a validated one;
    /// `None` when the bytes are not one (cut short, an index out of range, parse errors
    /// or fact files in the stream).
    pub fn from_compact(strings: &str, bytes: &[u8]) -> Option<Dataset> {
        let (r, errors) = compact::decode(strings, bytes)?;
        (errors.is_empty() && r.fact_files.is_empty())
            .then(|| Dataset::new(r.sources, r.districts, r.indicators, r.facts))
    }
}
