//! The faithful low-level form of a record, before any checking: the text of each
//! field as the file gives it (untrimmed), and the problems found while reading it
//! (a JSON value of the wrong type, a cell under no header).

use super::fields::Field;
use super::report::{Location, Reason};

/// One record of the file: a CSV row, or a JSON fact, district or indicator.
#[derive(Clone, Debug)]
pub struct RawRow {
    pub location: Location,
    /// The record's number for generated ids: the spreadsheet row (CSV) or the
    /// 1-based position in its array (JSON).
    pub number: usize,
    /// The cells' text, one after the other (one allocation per record), and where
    /// each field's text is in it.
    text: String,
    cells: [Option<(u32, u32)>; Field::COUNT],
    /// Problems found while reading, with the column or path they concern.
    pub errors: Vec<(Option<String>, Reason)>,
}

impl RawRow {
    pub fn new(location: Location, number: usize) -> RawRow {
        RawRow {
            location,
            number,
            text: String::new(),
            cells: [None; Field::COUNT],
            errors: Vec::new(),
        }
    }
    pub fn set(&mut self, field: Field, text: &str) {
        let start = self.text.len();
        self.text.push_str(text);
        self.cells[field.index()] = Some((start as u32, self.text.len() as u32));
    }
    /// The field's text as given, `None` when absent.
    pub fn get(&self, field: Field) -> Option<&str> {
        let (start, end) = self.cells[field.index()]?;
        self.text.get(start as usize..end as usize)
    }
    /// Whether the field has a non-blank value.
    pub fn given(&self, field: Field) -> bool {
        self.get(field).is_some_and(|t| !t.trim().is_empty())
    }
}
