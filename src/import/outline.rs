//! Reading a JSON import in slices: a byte scan (the *outline*) finds each element of
//! the top-level `districts`, `indicators` and `facts` arrays without building them, in
//! any key order; `json_rows` then parses each element on its own.

use super::cells::shown;
use super::fields::MAX_ROWS;
use super::report::{ImportError, JsonArray, JsonShape, Reason};

/// Where an element of a top-level array is in the file.
#[derive(Clone, Copy, Debug)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
    Begin,
    Key { first: bool },
    Elements { array: JsonArray, first: bool },
    AfterValue,
    End,
    Done,
}

/// The resumable scan of the file's top level.
pub struct Outline {
    pos: usize,
    line: usize,
    line_start: usize,
    state: State,
    bare: bool,
    seen: [bool; 3],
    /// The elements of `districts`, `indicators` and `facts`, in that order.
    pub spans: [Vec<Span>; 3],
}

impl Outline {
    pub fn new() -> Outline {
        Outline {
            pos: 0,
            line: 1,
            line_start: 0,
            state: State::Begin,
            bare: false,
            seen: [false; 3],
            spans: [Vec::new(), Vec::new(), Vec::new()],
        }
    }

    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Bytes scanned so far.
    pub fn pos(&self) -> usize {
        self.pos
    }

    fn error(&self, shape: JsonShape) -> Box<ImportError> {
        let (line, column) = (self.line, self.pos - self.line_start + 1);
        Box::new(ImportError::file(Reason::JsonShape {
            shape,
            line,
            column,
        }))
    }

    fn ws(&mut self, b: &[u8]) {
        while let Some(&c) = b.get(self.pos) {
            match c {
                b'\n' => {
                    self.line += 1;
                    self.line_start = self.pos + 1;
                }
                b' ' | b'\t' | b'\r' => {}
                _ => return,
            }
            self.pos += 1;
        }
    }

    /// Moves past a string starting at `pos` (on its opening quote).
    fn skip_string(&mut self, b: &[u8]) -> Result<(), Box<ImportError>> {
        self.pos += 1;
        loop {
            match b.get(self.pos) {
                None => return Err(self.error(JsonShape::EndsInsideValue)),
                Some(b'\\') => self.pos += 2,
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\n') => {
                    self.line += 1;
                    self.pos += 1;
                    self.line_start = self.pos;
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// Moves past one value (balanced brackets, strings with escapes); its syntax
    /// inside is left to serde_json.
    fn skip_value(&mut self, b: &[u8]) -> Result<(), Box<ImportError>> {
        let mut open: Vec<u8> = Vec::new();
        loop {
            match b.get(self.pos) {
                None => return Err(self.error(JsonShape::EndsInsideValue)),
                Some(b'"') => self.skip_string(b)?,
                Some(b'{') => {
                    open.push(b'}');
                    self.pos += 1;
                }
                Some(b'[') => {
                    open.push(b']');
                    self.pos += 1;
                }
                Some(&c @ (b'}' | b']')) => {
                    if open.pop() != Some(c) {
                        return Err(self.error(JsonShape::UnexpectedChar(c as char)));
                    }
                    self.pos += 1;
                }
                Some(b'\n') => {
                    self.line += 1;
                    self.pos += 1;
                    self.line_start = self.pos;
                }
                Some(_) if open.is_empty() => {
                    // A scalar: up to the next delimiter.
                    let start = self.pos;
                    while let Some(&c) = b.get(self.pos) {
                        if matches!(c, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                            break;
                        }
                        self.pos += 1;
                    }
                    if self.pos == start {
                        return Err(self.error(JsonShape::UnexpectedChar(b[start] as char)));
                    }
                    return Ok(());
                }
                Some(_) => self.pos += 1,
            }
            if open.is_empty() {
                return Ok(());
            }
        }
    }

    /// Scans on over at most `budget` array elements (decremented). Returns whether
    /// the outline is complete.
    pub fn advance(&mut self, text: &str, budget: &mut usize) -> Result<bool, Box<ImportError>> {
        let b = text.as_bytes();
        while *budget > 0 {
            self.ws(b);
            let c = b.get(self.pos).copied();
            match self.state {
                State::Done => return Ok(true),
                State::Begin => match c {
                    None => return Err(Box::new(ImportError::file(Reason::EmptyFile))),
                    Some(b'{') => {
                        self.pos += 1;
                        self.state = State::Key { first: true };
                    }
                    Some(b'[') => {
                        self.pos += 1;
                        self.bare = true;
                        self.seen[JsonArray::Facts as usize] = true;
                        self.state = State::Elements {
                            array: JsonArray::Facts,
                            first: true,
                        };
                    }
                    Some(_) => return Err(self.error(JsonShape::NotObjectOrArray)),
                },
                State::Key { first } => match c {
                    Some(b'}') if first => {
                        self.pos += 1;
                        self.state = State::End;
                    }
                    Some(b'"') => {
                        let start = self.pos;
                        self.skip_string(b)?;
                        let key: String = serde_json::from_str(&text[start..self.pos])
                            .map_err(|_| self.error(JsonShape::BadKey))?;
                        self.ws(b);
                        if b.get(self.pos) != Some(&b':') {
                            return Err(self.error(JsonShape::ExpectedColon));
                        }
                        self.pos += 1;
                        self.ws(b);
                        let array = match key.as_str() {
                            "districts" => JsonArray::Districts,
                            "indicators" => JsonArray::Indicators,
                            "facts" => JsonArray::Facts,
                            _ => return Err(self.error(JsonShape::UnknownKey(shown(&key)))),
                        };
                        if std::mem::replace(&mut self.seen[array as usize], true) {
                            return Err(self.error(JsonShape::DuplicateKey(key)));
                        }
                        if b.get(self.pos) != Some(&b'[') {
                            return Err(self.error(JsonShape::NotAnArray(key)));
                        }
                        self.pos += 1;
                        self.state = State::Elements { array, first: true };
                    }
                    None => return Err(self.error(JsonShape::EndsInsideValue)),
                    Some(_) => return Err(self.error(JsonShape::BadKey)),
                },
                State::Elements { array, first } => match c {
                    None => return Err(self.error(JsonShape::EndsInsideValue)),
                    Some(b']') => {
                        self.pos += 1;
                        self.state = if self.bare {
                            State::End
                        } else {
                            State::AfterValue
                        };
                    }
                    Some(b',') if !first => {
                        self.pos += 1;
                        self.ws(b);
                        if matches!(b.get(self.pos), Some(b']') | None) {
                            return Err(self.error(JsonShape::UnexpectedChar(']')));
                        }
                        self.element(b, array, budget)?;
                    }
                    Some(_) if first => self.element(b, array, budget)?,
                    Some(_) => return Err(self.error(JsonShape::ExpectedCommaOrEnd)),
                },
                State::AfterValue => match c {
                    Some(b',') => {
                        self.pos += 1;
                        self.state = State::Key { first: false };
                    }
                    Some(b'}') => {
                        self.pos += 1;
                        self.state = State::End;
                    }
                    None => return Err(self.error(JsonShape::EndsInsideValue)),
                    Some(_) => return Err(self.error(JsonShape::ExpectedCommaOrEnd)),
                },
                State::End => {
                    if c.is_some() {
                        return Err(self.error(JsonShape::TextAfterEnd));
                    }
                    if !self.seen[JsonArray::Facts as usize] {
                        return Err(self.error(JsonShape::NoFacts));
                    }
                    self.state = State::Done;
                    return Ok(true);
                }
            }
        }
        Ok(self.state == State::Done)
    }

    fn element(
        &mut self,
        b: &[u8],
        array: JsonArray,
        budget: &mut usize,
    ) -> Result<(), Box<ImportError>> {
        let (start, line, column) = (self.pos, self.line, self.pos - self.line_start + 1);
        self.skip_value(b)?;
        if self.spans.iter().map(Vec::len).sum::<usize>() >= MAX_ROWS {
            let max = MAX_ROWS;
            return Err(Box::new(ImportError::file(Reason::TooManyRows { max })));
        }
        self.spans[array as usize].push(Span {
            start,
            end: self.pos,
            line,
            column,
        });
        self.state = State::Elements {
            array,
            first: false,
        };
        *budget -= 1;
        Ok(())
    }
}
