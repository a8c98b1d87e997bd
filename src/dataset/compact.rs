//! The embedded dataset in a compact form, read at start without serde_json.
//!
//! `build.rs` parses `static/data/*.json` with `load.rs` (the one schema: the serde
//! derives of `model.rs`) and writes the records with [`encode`]: a string table (each
//! distinct string once, concatenated) and a byte stream of unsigned LEB128 numbers.
//! A string is its index in the table, a number its shortest decimal text (a string), a
//! closed set its position in `ALL`, an `Option` 0 or 1 before the value, a list its
//! length before the items. [`decode`] reads them back into the same records; a
//! native test holds that the two paths give the same records in the same order.
//! Parse errors of the JSON travel in the stream too, so the app (and `cargo xtask
//! build`) reports them exactly as a JSON parse would.
//!
//! `build.rs` compiles this file too (`#[path]`): it may use only `crate::model`,
//! `super::load` and `std`.

use super::load::{DataError, Records};
use crate::model::*;
use std::sync::Arc;

/// Reads the compact form: the records and the JSON's parse errors, or `None` when the
/// bytes are not a compact dataset (cut short, an index out of range).
pub fn decode(strings: &str, bytes: &[u8]) -> Option<(Records, Vec<DataError>)> {
    let mut d = Decoder { bytes, pos: 0, table: Vec::new(), shared: Vec::new() };
    let n = d.number()?;
    let mut start = 0;
    d.table.reserve(n.min(bytes.len()));
    for _ in 0..n {
        let end = start + d.number()?;
        d.table.push(strings.get(start..end)?);
        start = end;
    }
    d.shared.resize(d.table.len(), None);
    let records = Records::take(&mut d)?;
    let errors = Vec::<DataError>::take(&mut d)?;
    (d.pos == bytes.len()).then_some((records, errors))
}

/// Writes the compact form: `(string table, byte stream)` for [`decode`].
pub fn encode(records: &Records, errors: &[DataError]) -> (String, Vec<u8>) {
    let mut e = Encoder::default();
    records.put(&mut e);
    put_slice(errors, &mut e);
    finish(e)
}

/// Writes a dataset's records as [`encode`] writes `Records` (no fact files, no
/// errors), from borrowed slices: the import worker's transfer both ways, in one format
/// with the embedded data and without a copy of the records.
pub fn encode_parts(
    sources: &[Source],
    districts: &[District],
    indicators: &[Indicator],
    facts: &[Fact],
) -> (String, Vec<u8>) {
    let mut e = Encoder::default();
    put_slice(sources, &mut e);
    put_slice(districts, &mut e);
    put_slice(indicators, &mut e);
    put_slice(facts, &mut e);
    e.number(0); // fact_files
    e.number(0); // errors
    finish(e)
}

fn finish(e: Encoder) -> (String, Vec<u8>) {
    let mut head = Vec::with_capacity(e.bytes.len() + 2 * e.table.len() + 4);
    leb128(&mut head, e.table.len());
    for s in &e.table {
        leb128(&mut head, s.len());
    }
    head.extend_from_slice(&e.bytes);
    (e.table.concat(), head)
}

fn put_slice<T: Wire>(items: &[T], e: &mut Encoder) {
    e.number(items.len());
    for v in items {
        v.put(e);
    }
}

struct Decoder<'a> {
    bytes: &'a [u8],
    pos: usize,
    table: Vec<&'a str>,
    /// The table's strings made shared text when first read as one: each id is one
    /// allocation however many records hold it.
    shared: Vec<Option<Arc<str>>>,
}

impl<'a> Decoder<'a> {
    fn number(&mut self) -> Option<usize> {
        let mut n: usize = 0;
        for shift in (0..usize::BITS).step_by(7) {
            let b = *self.bytes.get(self.pos)?;
            self.pos += 1;
            n |= usize::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }
    fn str(&mut self) -> Option<&'a str> {
        let i = self.number()?;
        self.table.get(i).copied()
    }
    fn shared(&mut self) -> Option<Arc<str>> {
        let i = self.number()?;
        let s = self.table.get(i)?;
        Some(self.shared.get_mut(i)?.get_or_insert_with(|| Arc::from(*s)).clone())
    }
}

#[derive(Default)]
struct Encoder {
    table: Vec<String>,
    index: std::collections::HashMap<String, usize>,
    bytes: Vec<u8>,
}

impl Encoder {
    fn number(&mut self, n: usize) {
        leb128(&mut self.bytes, n);
    }
    fn str(&mut self, s: &str) {
        let next = self.table.len();
        let i = *self.index.entry(s.to_string()).or_insert(next);
        if i == next {
            self.table.push(s.to_string());
        }
        self.number(i);
    }
}

fn leb128(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A value the compact form holds: written by `put`, read back by `take`.
trait Wire: Sized {
    fn put(&self, e: &mut Encoder);
    fn take(d: &mut Decoder) -> Option<Self>;
}

impl Wire for String {
    fn put(&self, e: &mut Encoder) {
        e.str(self);
    }
    fn take(d: &mut Decoder) -> Option<Self> {
        d.str().map(str::to_string)
    }
}

/// A number as its bits, two 32-bit numbers: exactly the same `f64` back, and no
/// decimal text, so the page holds no float parser.
impl Wire for f64 {
    fn put(&self, e: &mut Encoder) {
        let bits = self.to_bits();
        e.number((bits >> 32) as usize);
        e.number((bits & 0xffff_ffff) as usize);
    }
    fn take(d: &mut Decoder) -> Option<Self> {
        let mut half = || u32::try_from(d.number()?).ok().map(u64::from);
        let (high, low) = (half()?, half()?);
        Some(f64::from_bits(high << 32 | low))
    }
}

impl Wire for bool {
    fn put(&self, e: &mut Encoder) {
        e.number(usize::from(*self));
    }
    fn take(d: &mut Decoder) -> Option<Self> {
        match d.number()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Wire for Date {
    fn put(&self, e: &mut Encoder) {
        // Zigzag: a year before 1 stays itself.
        e.number(((self.year << 1) ^ (self.year >> 31)) as u32 as usize);
        e.number(usize::from(self.month));
        e.number(usize::from(self.day));
    }
    fn take(d: &mut Decoder) -> Option<Self> {
        Some(Date {
            year: {
                let z = u32::try_from(d.number()?).ok()?;
                (z >> 1) as i32 ^ -((z & 1) as i32)
            },
            month: u8::try_from(d.number()?).ok()?,
            day: u8::try_from(d.number()?).ok()?,
        })
    }
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, e: &mut Encoder) {
        match self {
            None => e.number(0),
            Some(v) => {
                e.number(1);
                v.put(e);
            }
        }
    }
    fn take(d: &mut Decoder) -> Option<Self> {
        match d.number()? {
            0 => Some(None),
            1 => T::take(d).map(Some),
            _ => None,
        }
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, e: &mut Encoder) {
        put_slice(self, e);
    }
    fn take(d: &mut Decoder) -> Option<Self> {
        let n = d.number()?;
        // Each item takes at least one byte: a corrupt length cannot reserve much.
        let mut out = Vec::with_capacity(n.min(d.bytes.len() - d.pos));
        for _ in 0..n {
            out.push(T::take(d)?);
        }
        Some(out)
    }
}

/// Ids are their text.
macro_rules! wire_id {
    ($($t:ident),*) => {$(
        impl Wire for $t {
            fn put(&self, e: &mut Encoder) { e.str(&self.0) }
            fn take(d: &mut Decoder) -> Option<Self> { d.shared().map($t) }
        }
    )*};
}
wire_id!(SourceId, DistrictId, IndicatorId, FactId);

/// A closed set is its position in `ALL`.
macro_rules! wire_set {
    ($($t:ident),*) => {$(
        impl Wire for $t {
            fn put(&self, e: &mut Encoder) {
                e.number($t::ALL.iter().position(|v| v == self).unwrap_or(usize::MAX));
            }
            fn take(d: &mut Decoder) -> Option<Self> { $t::ALL.get(d.number()?).copied() }
        }
    )*};
}
wire_set!(Kind, Qualifier, Category, Unit, SubjectType, Precision, YearBasis, Region, Confidence);

/// A record is its fields in the order listed. The struct literal names every field, so
/// a field added to the model and not here does not compile.
macro_rules! wire_record {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl Wire for $t {
            fn put(&self, e: &mut Encoder) { $(self.$f.put(e);)* }
            fn take(d: &mut Decoder) -> Option<Self> { Some($t { $($f: Wire::take(d)?,)* }) }
        }
    )*};
}
wire_record! {
    Records { sources, districts, indicators, facts, fact_files }
    DataError { file, record, reason }
    Source { id, headline, district, published, date_evidence_zh, date_evidence_en, date_confidence, imported }
    PublishedEstimate { from, to, label_zh, label_en }
    District { id, name_zh, name_en, region, static_facts }
    StaticFact { label_zh, label_en, value, unit, source, quote }
    Indicator { id, name_zh, name_en, category, unit, definition_zh, definition }
    Fact { id, source, district, subject, indicator, value, value_text, unit, kind, rank_group, qualifier, period, quote }
    Subject { name, name_en, kind }
    Period { start, end, precision, label, year, note_zh, note_en }
}
