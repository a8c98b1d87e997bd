//! Reading a JSON import in slices: a byte scan (the *outline*) finds each element of
//! the top-level `districts`, `indicators` and `facts` arrays without building them, in
//! any key order; each element is then parsed on its own with serde_json, so that a
//! broken record names its own path and the others are still read.

use super::cells::shown;
use super::entry::Entry;
use super::fields::{Field, MAX_ROWS};
use super::raw::RawRow;
use super::report::{ImportError, JsonArray, JsonShape, Location, Reason};
use crate::model::{District, Indicator};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Where an element of a top-level array is in the file (line and column 1-based).
#[derive(Clone, Copy, Debug)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Default)]
enum State {
    #[default]
    Begin,
    /// Whether no key has been read yet.
    Key(bool),
    /// The elements of an array; whether none has been read yet.
    Elements(JsonArray, bool),
    AfterValue,
    End,
    Done,
}

/// The resumable scan of the file's top level.
#[derive(Default)]
pub struct Outline {
    /// Bytes scanned so far.
    pub pos: usize,
    /// Line breaks counted up to a position, and where the last one ends.
    lines: (usize, usize, usize),
    state: State,
    /// The file is an array of facts, not an object.
    bare: bool,
    seen: [bool; 3],
    /// The elements of `districts`, `indicators` and `facts`, in that order.
    pub spans: [Vec<Span>; 3],
}

impl From<JsonShape> for Reason {
    /// Its line and column are filled in by `Outline::advance`.
    fn from(shape: JsonShape) -> Reason {
        Reason::JsonShape { shape, line: 0, column: 0 }
    }
}

impl Outline {
    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// The line and column of `pos`.
    fn here(&mut self, b: &[u8]) -> (usize, usize) {
        let (from, mut breaks, mut start) = self.lines;
        let to = self.pos.min(b.len()).max(from);
        for (i, _) in b[from..to].iter().enumerate().filter(|c| *c.1 == b'\n') {
            (breaks, start) = (breaks + 1, from + i + 1);
        }
        self.lines = (to, breaks, start);
        (breaks + 1, self.pos - start + 1)
    }

    fn ws(&mut self, b: &[u8]) {
        while matches!(b.get(self.pos), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.pos += 1;
        }
    }

    /// Moves past a string starting at `pos` (on its opening quote).
    fn skip_string(&mut self, b: &[u8]) -> Result<(), Reason> {
        self.pos += 1;
        loop {
            match b.get(self.pos) {
                None => Err(JsonShape::EndsInsideValue)?,
                Some(b'\\') => self.pos += 2,
                Some(b'"') => break,
                Some(_) => self.pos += 1,
            }
        }
        self.pos += 1;
        Ok(())
    }

    /// Moves past one value (balanced brackets, strings with escapes); its syntax
    /// inside is left to serde_json.
    fn skip_value(&mut self, b: &[u8]) -> Result<(), Reason> {
        let mut open: Vec<u8> = Vec::new();
        loop {
            match b.get(self.pos) {
                None => Err(JsonShape::EndsInsideValue)?,
                Some(b'"') => self.skip_string(b)?,
                Some(&c) if open.is_empty() && c != b'{' && c != b'[' => {
                    // A scalar: up to the next delimiter.
                    let ends = |c: &u8| b",]} \t\r\n".contains(c);
                    let len = b[self.pos..].iter().position(ends).unwrap_or(b.len() - self.pos);
                    if len == 0 {
                        Err(JsonShape::UnexpectedChar(c as char))?;
                    }
                    self.pos += len;
                    return Ok(());
                }
                Some(&c) => {
                    match c {
                        b'{' => open.push(b'}'),
                        b'[' => open.push(b']'),
                        b'}' | b']' if open.pop() != Some(c) => {
                            Err(JsonShape::UnexpectedChar(c as char))?
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            if open.is_empty() {
                return Ok(());
            }
        }
    }

    /// Scans on over at most `budget` array elements (decremented). Returns whether
    /// the outline is complete.
    pub fn advance(&mut self, text: &str, budget: &mut usize) -> Result<bool, Box<ImportError>> {
        let mut result = self.scan(text, budget);
        if let Err(Reason::JsonShape { line, column, .. }) = &mut result {
            (*line, *column) = self.here(text.as_bytes());
        }
        result.map_err(|r| Box::new(ImportError::file(r)))
    }

    fn scan(&mut self, text: &str, budget: &mut usize) -> Result<bool, Reason> {
        use JsonShape::*;
        let b = text.as_bytes();
        while *budget > 0 && self.state != State::Done {
            self.ws(b);
            match (self.state, b.get(self.pos)) {
                (State::Begin, None) => Err(Reason::EmptyFile)?,
                (State::Begin, Some(b'{')) => self.state = State::Key(true),
                (State::Begin, Some(b'[')) => {
                    self.bare = true;
                    self.seen[JsonArray::Facts as usize] = true;
                    self.state = State::Elements(JsonArray::Facts, true);
                }
                (State::Begin, _) => Err(NotObjectOrArray)?,
                (State::Key(true) | State::AfterValue, Some(b'}')) => self.state = State::End,
                (State::Key(_), Some(b'"')) => {
                    let start = self.pos;
                    self.skip_string(b)?;
                    let key: String =
                        serde_json::from_str(&text[start..self.pos]).map_err(|_| BadKey)?;
                    self.ws(b);
                    if b.get(self.pos) != Some(&b':') {
                        Err(ExpectedColon)?;
                    }
                    self.pos += 1;
                    self.ws(b);
                    let Some(&array) = JsonArray::ALL.iter().find(|a| a.key() == key) else {
                        Err(UnknownKey(shown(&key)))?
                    };
                    if std::mem::replace(&mut self.seen[array as usize], true) {
                        Err(DuplicateKey(key))?
                    } else if b.get(self.pos) != Some(&b'[') {
                        Err(NotAnArray(key))?
                    }
                    self.state = State::Elements(array, true);
                }
                (State::Elements(..) | State::AfterValue | State::Key(_), None) => {
                    Err(EndsInsideValue)?
                }
                (State::Key(_), _) => Err(BadKey)?,
                (State::Elements(..), Some(b']')) if self.bare => self.state = State::End,
                (State::Elements(..), Some(b']')) => self.state = State::AfterValue,
                (State::Elements(array, first), Some(b',')) if !first => {
                    self.pos += 1;
                    self.ws(b);
                    if matches!(b.get(self.pos), Some(b']') | None) {
                        Err(UnexpectedChar(']'))?
                    }
                    self.element(b, array, budget)?;
                    continue;
                }
                (State::Elements(array, true), _) => {
                    self.element(b, array, budget)?;
                    continue;
                }
                (State::AfterValue, Some(b',')) => self.state = State::Key(false),
                (State::Elements(..) | State::AfterValue, _) => Err(ExpectedCommaOrEnd)?,
                (State::End, Some(_)) => Err(TextAfterEnd)?,
                (State::End, None) if !self.seen[JsonArray::Facts as usize] => Err(NoFacts)?,
                (State::End | State::Done, _) => {
                    self.state = State::Done;
                    continue;
                }
            }
            // Every state change above consumes the one punctuation character seen.
            self.pos += 1;
        }
        Ok(self.state == State::Done)
    }

    fn element(&mut self, b: &[u8], array: JsonArray, budget: &mut usize) -> Result<(), Reason> {
        let (start, (line, column)) = (self.pos, self.here(b));
        self.skip_value(b)?;
        if self.spans.iter().map(Vec::len).sum::<usize>() >= MAX_ROWS {
            Err(Reason::TooManyRows { max: MAX_ROWS })?
        }
        let end = self.pos;
        self.spans[array as usize].push(Span { start, end, line, column });
        self.state = State::Elements(array, false);
        *budget -= 1;
        Ok(())
    }
}

/// A JSON value as a record needs it: objects keep their keys in order and with
/// repeats (so that a key given twice is reported, not dropped); scalars are text
/// (numbers as digits), borrowed from the file when unescaped; the rest is `Other`.
#[derive(Debug)]
enum J<'a> {
    Null,
    Str(Cow<'a, str>),
    Obj(Vec<(Cow<'a, str>, J<'a>)>),
    Other { empty_array: bool },
}

impl<'de> Deserialize<'de> for J<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<J<'de>, D::Error> {
        struct V;
        fn num<'a>(x: f64) -> J<'a> {
            let exact = x.fract() == 0.0 && x.abs() < 1e15;
            J::Str(Cow::Owned(if exact { format!("{}", x as i64) } else { format!("{x:?}") }))
        }
        impl<'de> Visitor<'de> for V {
            type Value = J<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<J<'de>, E> {
                Ok(J::Null)
            }
            fn visit_bool<E>(self, _: bool) -> Result<J<'de>, E> {
                Ok(J::Other { empty_array: false })
            }
            fn visit_i64<E>(self, v: i64) -> Result<J<'de>, E> {
                Ok(num(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<J<'de>, E> {
                Ok(num(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<J<'de>, E> {
                Ok(num(v))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<J<'de>, E> {
                Ok(J::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<J<'de>, E> {
                Ok(J::Str(Cow::Owned(v.to_string())))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J<'de>, A::Error> {
                let mut empty_array = true;
                while seq.next_element::<J<'de>>()?.is_some() {
                    empty_array = false;
                }
                Ok(J::Other { empty_array })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J<'de>, A::Error> {
                let mut out = Vec::new();
                // A key is read as a value, to be borrowed when it can be.
                while let Some((k, v)) = map.next_entry::<J<'de>, J<'de>>()? {
                    if let J::Str(k) = k {
                        out.push((k, v));
                    }
                }
                Ok(J::Obj(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// The keys of a district's or an indicator's JSON record: `id`, then the names its
/// definition gives its fields (`Entry::DEF`).
fn keys(array: JsonArray) -> impl Iterator<Item = (&'static str, Field)> {
    let (id, def) = match array {
        JsonArray::Districts => (District::FIELD, District::DEF),
        _ => (Indicator::FIELD, Indicator::DEF),
    };
    std::iter::once(("id", id)).chain(def.iter().map(|d| (d.name, d.field)))
}

/// The path of a field inside an element of `array`.
pub fn path(array: JsonArray, field: Field) -> &'static str {
    let key = match array {
        JsonArray::Facts => field.json_path(),
        _ => keys(array).find(|(_, f)| *f == field).map(|(k, _)| k),
    };
    key.unwrap_or_else(|| field.name())
}

/// Parses one element into its raw record.
pub fn element(text: &str, span: Span, array: JsonArray, index: usize) -> RawRow {
    let mut raw = RawRow::new(Location::Json { array, index }, index + 1);
    match serde_json::from_str(&text[span.start..span.end]) {
        Ok(J::Obj(pairs)) => fill(&mut raw, &pairs, "", array),
        Ok(_) => raw.errors.push((None, Reason::NotAnObject)),
        Err(e) => {
            let (line, column) = match e.line() {
                0 | 1 => (span.line, span.column + e.column().saturating_sub(1)),
                n => (span.line + n - 1, e.column()),
            };
            // serde_json ends its message with the position relative to the element.
            let message = e.to_string();
            let message = message.rsplit_once(" at line ").map_or(&*message, |m| m.0).to_string();
            raw.errors.push((None, Reason::JsonSyntax { message, line, column }));
        }
    }
    raw
}

/// The field at `prefix` + `key` in an element of `array` (a fact's by its JSON path,
/// `period.` + `start`).
fn field_at(array: JsonArray, prefix: &str, key: &str) -> Option<Field> {
    match array {
        JsonArray::Facts if key.contains('.') => None,
        JsonArray::Facts => {
            Field::all().find(|f| f.json_path().and_then(|p| p.strip_prefix(prefix)) == Some(key))
        }
        _ => keys(array).find(|(k, _)| *k == key).map(|(_, f)| f),
    }
}

fn fill(raw: &mut RawRow, pairs: &[(Cow<str>, J)], prefix: &str, array: JsonArray) {
    let top = prefix.is_empty() && array == JsonArray::Facts;
    let districts = array == JsonArray::Districts;
    for (i, (k, v)) in pairs.iter().enumerate() {
        let k: &str = k;
        // The key's path, for messages only.
        let at = || format!("{prefix}{}", shown(k).trim_matches('"'));
        let nested = match (top, k) {
            (true, "period") => Some("period."),
            (true, "subject") => Some("subject."),
            _ => None,
        };
        let reason = match (field_at(array, prefix, k), nested, v) {
            _ if pairs[..i].iter().any(|p| p.0 == k) => Reason::DuplicateKey(shown(k)),
            (Some(field), _, J::Str(t)) => {
                raw.set(field, t);
                continue;
            }
            (_, Some(prefix), J::Obj(inner)) => {
                fill(raw, inner, prefix, array);
                continue;
            }
            (Some(_), _, J::Null) | (_, Some(_), J::Null) => continue,
            (Some(_), ..) => Reason::NotScalar,
            (_, Some(_), _) => Reason::NotAnObject,
            _ if top && k == "source" => Reason::SourceGiven,
            (.., J::Null | J::Other { empty_array: true }) if districts && k == "static_facts" => {
                continue
            }
            _ if districts && k == "static_facts" => Reason::StaticFacts,
            _ => {
                raw.errors.push((None, Reason::UnknownKey(shown(&at()))));
                continue;
            }
        };
        raw.errors.push((Some(at()), reason));
    }
}
