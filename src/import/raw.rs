//! A record as read, before any checking (`Next`): the text of each field as the file
//! gives it (untrimmed), and the problems found reading it.

use super::fields::Field;
use super::report::{ImportError, JsonArray, Location, Reason};

/// One record of the file: a CSV row, or a JSON fact, district or indicator.
#[derive(Clone, Debug)]
pub struct RawRow {
    pub location: Location,
    /// The record's number for generated ids: the spreadsheet row (CSV) or the
    /// 1-based position in its array (JSON).
    pub number: usize,
    /// The cells' text one after the other (one allocation per record), and where.
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
            errors: vec![],
        }
    }
    pub fn reserve(&mut self, bytes: usize) {
        self.text.reserve(bytes);
    }
    pub fn set(&mut self, field: Field, text: &str) {
        let start = self.text.len() as u32;
        self.text.push_str(text);
        self.cells[field.index()] = Some((start, self.text.len() as u32));
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

/// One more thing the reader produced.
pub enum Next {
    Record(JsonArray, Box<RawRow>),
    /// A CSV row whose cells are all empty (spreadsheets leave them at the end).
    Blank,
    Working,
    End,
    Fatal(ImportError),
}
