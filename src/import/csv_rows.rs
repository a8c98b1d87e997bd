//! Reading a CSV import row by row (RFC 4180 quoting), so that a large file is read
//! in slices. The header names the columns (`Field::from_header`); rows are numbered
//! as a spreadsheet shows them (an empty line is a blank row).
//!
//! The reader is strict about quotes, because a lenient one loses rows silently: a
//! quote never closed would swallow the rest of the file, and one closed lines later
//! swallows those lines. A quoted cell never holds a line break (no text field may),
//! so each case is an error on the row where the quote opened, naming its column and
//! the lines concerned; a quote never closed ends its cell at the line end and the
//! lines after it are read as rows of their own. Text after a closing quote (`"a"b`)
//! is an error too. Rows hold at most the header's columns (beyond, non-empty cells
//! are only counted).

use super::cells::shown;
use super::fields::{Field, MAX_ROWS, REQUIRED};
use super::raw::RawRow;
use super::report::{ImportError, Location, Reason};

/// What reading one more record gave.
pub enum Read {
    Row(Box<RawRow>),
    /// A row whose cells are all empty (spreadsheets leave them at the end).
    Blank,
    End,
}

/// How a cell ended.
#[derive(Clone, Copy, PartialEq)]
enum End {
    Delimiter,
    Line,
    File,
}

/// The cells of one record: the first `columns` stored, the rest only looked at.
struct Record {
    cells: Vec<String>,
    /// How many cells the record has.
    len: usize,
    /// The 1-based index of the last non-empty cell beyond the stored ones (0: none).
    extra: usize,
    /// Quote problems, by cell index.
    trouble: Vec<(usize, Reason)>,
}

pub struct CsvRows {
    text: String,
    pos: usize,
    delimiter: u8,
    record: Record,
    /// The field of each column; `None` for a column with a blank header.
    columns: Vec<Option<Field>>,
    /// The header cell of each column, as the file writes it.
    header: Vec<String>,
    /// The header cell of each field, as the file writes it.
    labels: Vec<Option<String>>,
    last_row: usize,
}

impl CsvRows {
    /// Reads the header. Errors here are about the whole file (row 1).
    pub fn new(text: String) -> Result<CsvRows, Vec<ImportError>> {
        if text.trim().is_empty() {
            return Err(vec![ImportError::file(Reason::EmptyFile)]);
        }
        let delimiter = sniff_delimiter(&text);
        if data_lines(&text, delimiter) > MAX_ROWS {
            return Err(vec![ImportError::file(Reason::TooManyRows {
                max: MAX_ROWS,
            })]);
        }
        let mut rows = CsvRows {
            text,
            pos: 0,
            delimiter,
            record: Record {
                cells: Vec::new(),
                len: 0,
                extra: 0,
                trouble: Vec::new(),
            },
            columns: Vec::new(),
            header: Vec::new(),
            labels: vec![None; Field::COUNT],
            last_row: 1,
        };
        let header_error = |column, reason| ImportError::new(Location::Row(1), column, reason);
        // The header has as many columns as it has cells, within reason.
        if !rows.read_record(4096) {
            return Err(vec![header_error(None, Reason::EmptyFile)]);
        }
        let mut errors = Vec::new();
        if rows.record.extra > 0 {
            errors.push(header_error(
                None,
                Reason::ExtraCells {
                    cells: rows.record.extra,
                    columns: 4096,
                },
            ));
        }
        for (i, reason) in std::mem::take(&mut rows.record.trouble) {
            errors.push(header_error(Some(column_letter(i)), reason));
        }
        let cells = std::mem::take(&mut rows.record.cells);
        let mut columns = Vec::with_capacity(cells.len());
        for cell in &cells {
            let name = cell.trim().trim_start_matches('\u{feff}').trim();
            if name.is_empty() {
                columns.push(None);
                continue;
            }
            match Field::from_header(name) {
                Some(f) if rows.labels[f.index()].is_some() => {
                    errors.push(header_error(
                        Some(shown(name)),
                        Reason::DuplicateColumn(shown(name)),
                    ));
                    columns.push(None);
                }
                Some(f) => {
                    rows.labels[f.index()] = Some(name.to_string());
                    columns.push(Some(f));
                }
                None => {
                    errors.push(header_error(
                        Some(shown(name)),
                        Reason::UnknownColumn(shown(name)),
                    ));
                    columns.push(None);
                }
            }
        }
        for f in REQUIRED {
            if rows.labels[f.index()].is_none() {
                errors.push(header_error(None, Reason::MissingColumn(f.name())));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        rows.header = cells.iter().map(|c| c.trim().to_string()).collect();
        rows.columns = columns;
        Ok(rows)
    }

    /// The header cell naming a field, if the file has that column.
    pub fn label(&self, field: Field) -> Option<&str> {
        self.labels[field.index()].as_deref()
    }

    /// How far reading has come, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        self.pos as f64 / self.text.len().max(1) as f64
    }

    pub fn next(&mut self) -> Read {
        let width = self.columns.len();
        if !self.read_record(width) {
            return Read::End;
        }
        let row = self.last_row + 1;
        self.last_row = row;
        let r = &self.record;
        if r.trouble.is_empty()
            && r.extra == 0
            && r.cells[..r.len.min(width)]
                .iter()
                .all(|c| c.trim().is_empty())
        {
            return Read::Blank;
        }
        let mut raw = RawRow::new(Location::Row(row), row);
        for (i, cell) in r.cells[..r.len.min(width)].iter().enumerate() {
            match self.columns[i] {
                Some(f) => raw.set(f, cell),
                None if !cell.trim().is_empty() => raw
                    .errors
                    .push((Some(column_letter(i)), Reason::CellWithoutHeader)),
                None => {}
            }
        }
        for (i, reason) in &r.trouble {
            let column = match self.header.get(*i) {
                Some(h) if !h.is_empty() => h.clone(),
                _ => column_letter(*i),
            };
            raw.errors.push((Some(column), reason.clone()));
        }
        if r.extra > 0 {
            raw.errors.push((
                None,
                Reason::ExtraCells {
                    cells: r.extra,
                    columns: width,
                },
            ));
        }
        Read::Row(Box::new(raw))
    }

    /// Reads the next record into `self.record`, storing at most `width` cells.
    /// Returns false at the end of the file.
    fn read_record(&mut self, width: usize) -> bool {
        if self.pos >= self.text.len() {
            return false;
        }
        let r = &mut self.record;
        r.len = 0;
        r.extra = 0;
        r.trouble.clear();
        let mut spare = String::new();
        loop {
            let i = r.len;
            let stored = i < width;
            if stored && r.cells.len() <= i {
                r.cells.push(String::new());
            }
            let out = if stored { &mut r.cells[i] } else { &mut spare };
            out.clear();
            let (end, trouble) = cell(&self.text, &mut self.pos, self.delimiter, out);
            if !stored && !out.trim().is_empty() {
                r.extra = i + 1;
            }
            if let Some(t) = trouble {
                r.trouble.push((i, t));
            }
            r.len += 1;
            if end != End::Delimiter {
                return true;
            }
        }
    }
}

/// Reads one cell from `pos` into `out` (quotes removed, doubled quotes single), and
/// moves `pos` past its delimiter or line end.
fn cell(text: &str, pos: &mut usize, delimiter: u8, out: &mut String) -> (End, Option<Reason>) {
    let b = text.as_bytes();
    let ends = |c: u8| c == delimiter || c == b'\n' || c == b'\r';
    // Past the delimiter or line end at `p`, saying which it was.
    let finish = |p: &mut usize| -> End {
        match b.get(*p) {
            None => End::File,
            Some(&c) if c == delimiter => {
                *p += 1;
                End::Delimiter
            }
            Some(b'\r') => {
                *p += 1;
                if b.get(*p) == Some(&b'\n') {
                    *p += 1;
                }
                End::Line
            }
            Some(_) => {
                *p += 1;
                End::Line
            }
        }
    };
    if b.get(*pos) != Some(&b'"') {
        let start = *pos;
        while b.get(*pos).is_some_and(|&c| !ends(c)) {
            *pos += 1;
        }
        out.push_str(&text[start..*pos]);
        return (finish(pos), None);
    }
    *pos += 1;
    // Where the first line break inside the quote is: the cell, the text and the
    // position to go back to when the quote is never closed.
    let mut first_break: Option<(usize, usize)> = None;
    let mut breaks: usize = 0;
    loop {
        let start = *pos;
        while b
            .get(*pos)
            .is_some_and(|&c| c != b'"' && c != b'\n' && c != b'\r')
        {
            *pos += 1;
        }
        out.push_str(&text[start..*pos]);
        match b.get(*pos) {
            None => {
                // Never closed: the cell ends at its first line end, and reading goes
                // on from the next line.
                let trailing = usize::from(matches!(b.last(), Some(b'\n' | b'\r')));
                let lines = breaks.saturating_sub(trailing);
                return match first_break {
                    Some((len, next)) => {
                        out.truncate(len);
                        *pos = next;
                        (End::Line, Some(Reason::QuoteNeverClosed { lines }))
                    }
                    None => (End::File, Some(Reason::QuoteNeverClosed { lines: 0 })),
                };
            }
            Some(b'"') if b.get(*pos + 1) == Some(&b'"') => {
                out.push('"');
                *pos += 2;
            }
            Some(b'"') => {
                *pos += 1;
                let mut trouble = (breaks > 0).then_some(Reason::QuoteSpansLines { lines: breaks });
                if b.get(*pos).is_some_and(|&c| !ends(c)) {
                    let start = *pos;
                    while b.get(*pos).is_some_and(|&c| !ends(c)) {
                        *pos += 1;
                    }
                    let after = &text[start..*pos];
                    out.push_str(after);
                    trouble = trouble.or(Some(Reason::TextAfterQuote(shown(after))));
                }
                return (finish(pos), trouble);
            }
            Some(&c) => {
                // A line break inside the quote.
                let len = out.len();
                *pos += 1;
                if c == b'\r' && b.get(*pos) == Some(&b'\n') {
                    *pos += 1;
                }
                out.push('\n');
                breaks += 1;
                if first_break.is_none() {
                    first_break = Some((len, *pos));
                }
            }
        }
    }
}

/// Lines with something other than blanks and delimiters after the first (a quick
/// upper bound of the data rows, to refuse a file too large before reading it).
fn data_lines(text: &str, delimiter: u8) -> usize {
    text.split('\n')
        .skip(1)
        .filter(|l| {
            l.bytes()
                .any(|c| !matches!(c, b' ' | b'\t' | b'\r') && c != delimiter)
        })
        .count()
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
