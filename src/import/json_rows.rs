//! Reading one element of a JSON import (found by `outline`) on its own with
//! serde_json, so that a broken record names its own path: its keys in order and with
//! repeats, each field's text as a scalar gives it.

use super::cells::shown;
use super::entry::Entry;
use super::fields::Field;
use super::outline::Span;
use super::raw::RawRow;
use super::report::{JsonArray, Location, Reason};
use crate::model::{District, Indicator};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A JSON value that keeps its object keys in order and with repeats, so that a key
/// given twice is reported instead of silently dropped. Strings without escapes are
/// borrowed from the file.
#[derive(Clone, Debug, PartialEq)]
pub enum J<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Str(Cow<'a, str>),
    Arr(Vec<J<'a>>),
    Obj(Vec<(Cow<'a, str>, J<'a>)>),
}

impl<'de> Deserialize<'de> for J<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<J<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = J<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<J<'de>, E> {
                Ok(J::Null)
            }
            fn visit_none<E>(self) -> Result<J<'de>, E> {
                Ok(J::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<J<'de>, E> {
                Ok(J::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<J<'de>, E> {
                Ok(J::Num(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<J<'de>, E> {
                Ok(J::Num(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<J<'de>, E> {
                Ok(J::Num(v))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<J<'de>, E> {
                Ok(J::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<J<'de>, E> {
                Ok(J::Str(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<J<'de>, E> {
                Ok(J::Str(Cow::Owned(v)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element()? {
                    out.push(v);
                }
                Ok(J::Arr(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J<'de>, A::Error> {
                let mut out = Vec::new();
                // JSON keys are strings: a key is read as a value, borrowed when it can be.
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

/// The text a scalar stands for: strings as they are, numbers as digits.
fn scalar<'a>(v: &'a J) -> Result<Option<Cow<'a, str>>, Reason> {
    match v {
        J::Null => Ok(None),
        J::Str(s) => Ok(Some(Cow::Borrowed(s.as_ref()))),
        J::Num(x) if x.fract() == 0.0 && x.abs() < 1e15 => {
            Ok(Some(Cow::Owned(format!("{}", *x as i64))))
        }
        J::Num(x) => Ok(Some(Cow::Owned(format!("{x:?}")))),
        J::Bool(_) | J::Arr(_) | J::Obj(_) => Err(Reason::NotScalar),
    }
}

/// The keys of a district's or an indicator's JSON record: `id`, then the names its
/// definition gives its fields (`check::Entry::DEF`).
fn keys(array: JsonArray) -> impl Iterator<Item = (&'static str, Field)> {
    let (id, def) = match array {
        JsonArray::Districts => (District::FIELD, District::DEF),
        _ => (Indicator::FIELD, Indicator::DEF),
    };
    std::iter::once(("id", id)).chain(def.iter().map(|d| (d.name, d.field)))
}

/// The path of a field inside an element of `array`.
pub fn path(array: JsonArray, field: Field) -> &'static str {
    match array {
        JsonArray::Facts => field.json_path().unwrap_or_else(|| field.name()),
        _ => keys(array)
            .find(|(_, f)| *f == field)
            .map_or_else(|| field.name(), |(k, _)| k),
    }
}

/// Parses one element into its raw record.
pub fn element(text: &str, span: Span, array: JsonArray, index: usize) -> RawRow {
    let mut raw = RawRow::new(Location::Json { array, index }, index + 1);
    let value: J = match serde_json::from_str(&text[span.start..span.end]) {
        Ok(v) => v,
        Err(e) => {
            let (line, column) = if e.line() <= 1 {
                (span.line, span.column + e.column().saturating_sub(1))
            } else {
                (span.line + e.line() - 1, e.column())
            };
            let message = e.to_string();
            // serde_json ends its message with the position relative to the element.
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m)
                .to_string();
            raw.errors.push((
                None,
                Reason::JsonSyntax {
                    message,
                    line,
                    column,
                },
            ));
            return raw;
        }
    };
    let J::Obj(pairs) = value else {
        raw.errors.push((None, Reason::NotAnObject));
        return raw;
    };
    fill(&mut raw, &pairs, "", array);
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
    let mut seen: Vec<&str> = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        let k: &str = k;
        // The key's path, for messages only.
        let at = || format!("{prefix}{}", shown(k).trim_matches('"'));
        if seen.contains(&k) {
            raw.errors
                .push((Some(at()), Reason::DuplicateKey(shown(k))));
            continue;
        }
        seen.push(k);
        if let Some(field) = field_at(array, prefix, k) {
            match scalar(v) {
                Ok(Some(t)) => raw.set(field, &t),
                Ok(None) => {}
                Err(reason) => raw.errors.push((Some(at()), reason)),
            }
            continue;
        }
        let nested = match (array, prefix, k) {
            (JsonArray::Facts, "", "period") => Some("period."),
            (JsonArray::Facts, "", "subject") => Some("subject."),
            _ => None,
        };
        match (nested, v) {
            (Some(_), J::Null) => {}
            (Some(prefix), J::Obj(inner)) => fill(raw, inner, prefix, array),
            (Some(_), _) => raw.errors.push((Some(at()), Reason::NotAnObject)),
            (None, _) if array == JsonArray::Facts && prefix.is_empty() && k == "source" => {
                raw.errors.push((Some(at()), Reason::SourceGiven))
            }
            (None, _) if array == JsonArray::Districts && k == "static_facts" => {
                if !is_empty(v) {
                    raw.errors.push((Some(at()), Reason::StaticFacts))
                }
            }
            (None, _) => raw.errors.push((None, Reason::UnknownKey(shown(&at())))),
        }
    }
}

fn is_empty(v: &J) -> bool {
    match v {
        J::Null => true,
        J::Arr(a) => a.is_empty(),
        _ => false,
    }
}
