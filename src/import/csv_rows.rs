//! Reading a CSV import row by row with the `csv` crate (RFC 4180 quoting, cells
//! with line breaks), so that a large file is read in slices. The header names the
//! columns (`Field::from_header`); rows are numbered as a spreadsheet shows them.

use super::cells::shown;
use super::fields::{Field, REQUIRED};
use super::raw::RawRow;
use super::report::{ImportError, Location, Reason};
use std::io::Cursor;

/// What reading one more record gave.
pub enum Read {
    Row(Box<RawRow>),
    /// A row whose cells are all empty (spreadsheets leave them at the end).
    Blank,
    End,
}

pub struct CsvRows {
    reader: csv::Reader<Cursor<String>>,
    record: csv::StringRecord,
    /// The field of each column; `None` for a column with a blank header.
    columns: Vec<Option<Field>>,
    /// The header cell of each field, as the file writes it.
    labels: Vec<Option<String>>,
    len: usize,
    last_row: usize,
}

impl CsvRows {
    /// Reads the header. Errors here are about the whole file (row 1).
    pub fn new(text: String) -> Result<CsvRows, Vec<ImportError>> {
        if text.trim().is_empty() {
            return Err(vec![ImportError {
                location: Location::File,
                column: None,
                reason: Reason::EmptyFile,
            }]);
        }
        let delimiter = sniff_delimiter(&text);
        let len = text.len();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(Cursor::new(text));
        let mut header = csv::StringRecord::new();
        let header_error = |reason| ImportError {
            location: Location::Row(1),
            column: None,
            reason,
        };
        match reader.read_record(&mut header) {
            Ok(true) => {}
            Ok(false) => return Err(vec![header_error(Reason::EmptyFile)]),
            Err(e) => return Err(vec![header_error(Reason::Unreadable(e.to_string()))]),
        }
        let mut errors = Vec::new();
        let mut columns = Vec::with_capacity(header.len());
        let mut labels: Vec<Option<String>> = vec![None; Field::COUNT];
        for cell in header.iter() {
            let name = cell.trim().trim_start_matches('\u{feff}').trim();
            if name.is_empty() {
                columns.push(None);
                continue;
            }
            match Field::from_header(name) {
                Some(f) if labels[f.index()].is_some() => {
                    errors.push(ImportError {
                        location: Location::Row(1),
                        column: Some(shown(name)),
                        reason: Reason::DuplicateColumn(shown(name)),
                    });
                    columns.push(None);
                }
                Some(f) => {
                    labels[f.index()] = Some(name.to_string());
                    columns.push(Some(f));
                }
                None => {
                    errors.push(ImportError {
                        location: Location::Row(1),
                        column: Some(shown(name)),
                        reason: Reason::UnknownColumn(shown(name)),
                    });
                    columns.push(None);
                }
            }
        }
        for f in REQUIRED {
            if labels[f.index()].is_none() {
                errors.push(header_error(Reason::MissingColumn(f.name())));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CsvRows {
            reader,
            record: csv::StringRecord::new(),
            columns,
            labels,
            len,
            last_row: 1,
        })
    }

    /// The header cell naming a field, if the file has that column.
    pub fn label(&self, field: Field) -> Option<&str> {
        self.labels[field.index()].as_deref()
    }

    /// How far reading has come, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        self.reader.position().byte() as f64 / self.len.max(1) as f64
    }

    pub fn next(&mut self) -> Result<Read, Box<ImportError>> {
        match self.reader.read_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => return Ok(Read::End),
            Err(e) => {
                return Err(Box::new(ImportError {
                    location: Location::Row(self.last_row + 1),
                    column: None,
                    reason: Reason::Unreadable(e.to_string()),
                }))
            }
        }
        // The csv reader skips empty lines (a spreadsheet shows them as rows) while
        // reading the next record: the lines read beyond the record's own are those.
        let before = self.record.position().map_or(0, |p| p.line());
        let after = self.reader.position().line();
        let skipped = (after - before).saturating_sub(1 + newlines(&self.record)) as usize;
        let row = self.last_row + 1 + skipped;
        self.last_row = row;
        if self.record.iter().all(|c| c.trim().is_empty()) {
            return Ok(Read::Blank);
        }
        let mut raw = RawRow::new(Location::Row(row), row);
        let mut extra = 0;
        for (i, cell) in self.record.iter().enumerate() {
            match self.columns.get(i) {
                Some(Some(f)) => raw.set(*f, cell),
                Some(None) if !cell.trim().is_empty() => raw
                    .errors
                    .push((Some(column_letter(i)), Reason::CellWithoutHeader)),
                Some(None) => {}
                None if !cell.trim().is_empty() => extra = i + 1,
                None => {}
            }
        }
        if extra > 0 {
            raw.errors.push((
                None,
                Reason::ExtraCells {
                    cells: extra,
                    columns: self.columns.len(),
                },
            ));
        }
        Ok(Read::Row(Box::new(raw)))
    }
}

fn newlines(record: &csv::StringRecord) -> u64 {
    record
        .iter()
        .map(|c| c.bytes().filter(|&b| b == b'\n').count() as u64)
        .sum()
}

/// A column as a spreadsheet names it: A, B, …, Z, AA, AB, ….
pub fn column_letter(i: usize) -> String {
    let mut n = i + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Comma, unless the header reads better split by tab (Excel's "Unicode text") or
/// semicolon (Excel where the decimal mark is a comma).
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let known = |d: char| {
        header
            .split(d)
            .filter(|h| Field::from_header(h.trim().trim_matches('"')).is_some())
            .count()
    };
    let comma = known(',');
    [('\t', b'\t'), (';', b';')]
        .into_iter()
        .map(|(c, b)| (known(c), b))
        .filter(|(n, _)| *n > comma)
        .max_by_key(|(n, _)| *n)
        .map_or(b',', |(_, b)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_in_a_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27 * 26), "AAA");
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let text = "district,indicator,value,unit,kind,period_start\n\
                    a,b,1,个,level,2020\n\n\
                    c,\"two\nlines\",2,个,level,2020\n\
                    e,f,3,个,level,2020\n"
            .to_string();
        let mut rows = CsvRows::new(text).unwrap_or_else(|_| panic!("header"));
        let mut seen = Vec::new();
        loop {
            match rows.next() {
                Ok(Read::Row(r)) => seen.push(r.number),
                Ok(Read::Blank) => {}
                _ => break,
            }
        }
        assert_eq!(seen, vec![2, 4, 5]);
    }
}
