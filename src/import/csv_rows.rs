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
use super::fields::{Field, MAX_ROWS};
use super::raw::{Next, RawRow};
use super::report::{ImportError, JsonArray, Location, Reason};

/// The widest header read.
const MAX_COLUMNS: usize = 4096;

#[derive(Default)]
pub struct CsvRows {
    text: String,
    pos: usize,
    delimiter: u8,
    /// The current record's first cells (as many as there are columns).
    cells: Vec<String>,
    /// The current record's cell count, the 1-based index of its last non-empty cell
    /// beyond the stored ones (0: none), and its quote problems by cell index.
    len: usize,
    extra: usize,
    trouble: Vec<(usize, Reason)>,
    /// The field of each column; `None` for a column with a blank header.
    columns: Vec<Option<Field>>,
    /// The header cell of each column, as the file writes it.
    header: Vec<String>,
    /// The header cell of each field, as the file writes it.
    pub labels: Vec<Option<String>>,
    last_row: usize,
    /// At most the data rows to come (a hint for reserving).
    pub lines: usize,
}

impl CsvRows {
    /// Reads the header. Errors here are about the whole file (row 1).
    pub fn new(text: String) -> Result<CsvRows, Vec<ImportError>> {
        if text.trim().is_empty() {
            return Err(vec![ImportError::file(Reason::EmptyFile)]);
        }
        let delimiter = sniff_delimiter(&text);
        let lines = data_lines(&text, delimiter);
        if lines > MAX_ROWS {
            let max = MAX_ROWS;
            return Err(vec![ImportError::file(Reason::TooManyRows { max })]);
        }
        let labels = vec![None; Field::COUNT];
        let mut rows =
            CsvRows { text, delimiter, labels, last_row: 1, lines, ..CsvRows::default() };
        let mut errors = Vec::new();
        let mut error =
            |column, reason| errors.push(ImportError::new(Location::Row(1), column, reason));
        rows.read_record(MAX_COLUMNS);
        if rows.extra > 0 {
            error(None, Reason::ExtraCells { cells: rows.extra, columns: MAX_COLUMNS });
        }
        for (i, reason) in std::mem::take(&mut rows.trouble) {
            error(Some(column_letter(i)), reason);
        }
        let cells = std::mem::take(&mut rows.cells);
        for cell in &cells[..rows.len.min(MAX_COLUMNS)] {
            let name = cell.trim().trim_start_matches('\u{feff}').trim();
            let column = match Field::from_header(name) {
                Some(f) if rows.labels[f.index()].is_none() => {
                    rows.labels[f.index()] = Some(name.to_string());
                    Some(f)
                }
                Some(_) => {
                    error(Some(shown(name)), Reason::DuplicateColumn(shown(name)));
                    None
                }
                None if !name.is_empty() => {
                    error(Some(shown(name)), Reason::UnknownColumn(shown(name)));
                    None
                }
                None => None,
            };
            rows.columns.push(column);
            rows.header.push(cell.trim().to_string());
        }
        for f in Field::all().filter(|f| f.required() && rows.labels[f.index()].is_none()) {
            error(None, Reason::MissingColumn(f.name()));
        }
        if errors.is_empty() {
            Ok(rows)
        } else {
            Err(errors)
        }
    }

    /// How far reading has come, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        self.pos as f64 / self.text.len().max(1) as f64
    }

    pub fn next(&mut self) -> Next {
        let width = self.columns.len();
        if !self.read_record(width) {
            return Next::End;
        }
        self.last_row += 1;
        let row = self.last_row;
        let cells = &self.cells[..self.len.min(width)];
        if self.trouble.is_empty() && self.extra == 0 && cells.iter().all(|c| c.trim().is_empty()) {
            return Next::Blank;
        }
        let mut raw = RawRow::new(Location::Row(row), row);
        raw.reserve(cells.iter().map(String::len).sum());
        for (i, cell) in cells.iter().enumerate() {
            match self.columns[i] {
                Some(f) => raw.set(f, cell),
                None if !cell.trim().is_empty() => {
                    raw.errors.push((Some(column_letter(i)), Reason::CellWithoutHeader))
                }
                None => {}
            }
        }
        for (i, reason) in &self.trouble {
            let column = match self.header.get(*i) {
                Some(h) if !h.is_empty() => h.clone(),
                _ => column_letter(*i),
            };
            raw.errors.push((Some(column), reason.clone()));
        }
        if self.extra > 0 {
            raw.errors.push((None, Reason::ExtraCells { cells: self.extra, columns: width }));
        }
        Next::Record(JsonArray::Facts, Box::new(raw))
    }

    /// Reads the next record, storing at most `width` cells. False at the end of the file.
    fn read_record(&mut self, width: usize) -> bool {
        if self.pos >= self.text.len() {
            return false;
        }
        (self.len, self.extra) = (0, 0);
        self.trouble.clear();
        let mut spare = String::new();
        loop {
            let i = self.len;
            if i < width && self.cells.len() <= i {
                self.cells.push(String::new());
            }
            let out = self.cells.get_mut(i).filter(|_| i < width).unwrap_or(&mut spare);
            out.clear();
            let (more, trouble) = cell(&self.text, &mut self.pos, self.delimiter, out);
            if i >= width && !out.trim().is_empty() {
                self.extra = i + 1;
            }
            if let Some(t) = trouble {
                self.trouble.push((i, t));
            }
            self.len += 1;
            if !more {
                return true;
            }
        }
    }
}

/// Reads one cell from `pos` into `out` (quotes removed, doubled quotes single), and
/// moves `pos` past its delimiter or line end. True when a delimiter ended it.
fn cell(text: &str, pos: &mut usize, delimiter: u8, out: &mut String) -> (bool, Option<Reason>) {
    let b = text.as_bytes();
    // Moves `p` to the next of `stops` (or the end); pushes what it passed.
    let scan = |p: &mut usize, out: &mut String, [x, y, z]: [u8; 3]| {
        let start = *p;
        let stop = b[start..].iter().position(|&c| c == x || c == y || c == z);
        *p += stop.unwrap_or(b.len() - start);
        out.push_str(&text[start..*p]);
    };
    let ends = [delimiter, b'\n', b'\r'];
    // Past the delimiter or line end at `p`: whether it was a delimiter.
    let finish = |p: &mut usize| -> bool {
        let c = b.get(*p).copied();
        *p += usize::from(c.is_some())
            + usize::from(c == Some(b'\r') && b.get(*p + 1) == Some(&b'\n'));
        c == Some(delimiter)
    };
    if b.get(*pos) != Some(&b'"') {
        scan(pos, out, ends);
        return (finish(pos), None);
    }
    *pos += 1;
    // Where the first line break inside the quote is: the cell's length there and the
    // position to go back to when the quote is never closed.
    let mut first_break: Option<(usize, usize)> = None;
    let mut breaks: usize = 0;
    loop {
        scan(pos, out, [b'"', b'\n', b'\r']);
        match b.get(*pos) {
            None => {
                // Never closed: the cell ends at its first line end, and reading goes
                // on from the next line.
                let trailing = usize::from(matches!(b.last(), Some(b'\n' | b'\r')));
                let lines = breaks.saturating_sub(trailing);
                let Some((len, next)) = first_break else {
                    return (false, Some(Reason::QuoteNeverClosed { lines: 0 }));
                };
                out.truncate(len);
                *pos = next;
                return (false, Some(Reason::QuoteNeverClosed { lines }));
            }
            Some(b'"') if b.get(*pos + 1) == Some(&b'"') => {
                out.push('"');
                *pos += 2;
            }
            Some(b'"') => {
                *pos += 1;
                let spans = (breaks > 0).then_some(Reason::QuoteSpansLines { lines: breaks });
                let before = out.len();
                scan(pos, out, ends);
                let after =
                    (out.len() > before).then(|| Reason::TextAfterQuote(shown(&out[before..])));
                return (finish(pos), spans.or(after));
            }
            Some(_) => {
                // A line break inside the quote.
                let len = out.len();
                finish(pos);
                out.push('\n');
                breaks += 1;
                first_break = first_break.or(Some((len, *pos)));
            }
        }
    }
}

/// Lines with something other than blanks and delimiters after the first (a quick
/// upper bound of the data rows, to refuse a file too large before reading it).
fn data_lines(text: &str, delimiter: u8) -> usize {
    let blank = |c: u8| matches!(c, b' ' | b'\t' | b'\r') || c == delimiter;
    text.split('\n').skip(1).filter(|l| !l.bytes().all(blank)).count()
}

/// A column as a spreadsheet names it: A, B, …, Z, AA, AB, ….
pub fn column_letter(i: usize) -> String {
    let mut n = i + 1;
    let mut s = String::new();
    while n > 0 {
        s.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

/// Comma, unless the header reads better split by tab (Excel's "Unicode text") or
/// semicolon (Excel where the decimal mark is a comma).
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let known = |d: char| {
        let h = header.split(d);
        h.filter(|h| Field::from_header(h.trim().trim_matches('"')).is_some()).count()
    };
    let comma = known(',');
    [b'\t', b';']
        .into_iter()
        .map(|b| (known(b as char), b))
        .filter(|(n, _)| *n > comma)
        .max_by_key(|(n, _)| *n)
        .map_or(b',', |(_, b)| b)
}
