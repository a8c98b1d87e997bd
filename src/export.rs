//! Exports of the current rows: CSV, JSON, a one-line citation and a download file
//! name. Pure functions from the dataset and fact indices to strings, so they are
//! tested natively on the returned text (the UI only hands the string to a download).
//! Each part owns one kind of output:
//!
//! - [`mod@csv`]: the table as CSV (BOM, RFC 4180, formula-safe), [`csv()`];
//! - [`mod@json`]: the facts as stored with names beside them, [`json()`];
//! - [`cite`]: a figure's citation, a view's citation and the sources line printed in
//!   an exported chart, naming the app as `i18n::t::APP_TITLE` does;
//! - [`mod@file_name`]: a download's name, safe on every common file system.
//!
//! A figure reads in every reader-facing text as [`crate::format::value_in`] spells it;
//! the raw value and unit stay as stored in the machine-readable columns and fields.
//! Fact indices that are not in `ds.facts` are skipped (they can only come from a bug,
//! and an export must not bring the page down).

pub mod cite;
pub mod csv;
pub mod file_name;
pub mod json;

pub use self::cite::{citation, source_line, view_citation};
pub use self::csv::{csv, neutralise, HEADERS_EN, HEADERS_ZH, QUOTE_COLUMN, VALUE_COLUMN};
pub use self::file_name::{file_name, MAX_FILE_NAME_BYTES, MAX_FILE_NAME_CHARS};
pub use self::json::{generated_by, json};
