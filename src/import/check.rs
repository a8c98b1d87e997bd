//! Checking raw records into the model: a fact from a row (its cells parsed, its
//! district and indicator resolved, then the dataset's own per-fact rules), and the
//! districts and indicators a file defines. Everything here is per record and O(1)
//! amortised; rules that compare a row with the dataset it joins are in `finish`.

use super::cells::{
    check_text, fold, infer_precision, parse_closed, parse_date_span, parse_number, shown,
};
use super::entry::{Catalogue, Def, Entry, Read};
use super::fields::Field;
use super::fields::{MAX_ID_CHARS, MAX_TEXT_CHARS};
use super::reader::RawRow;
use super::report::{Location, Origin, Reason};
use crate::dataset::fact_problems;
use crate::model::*;
use std::collections::HashMap;

/// Problems of one record, by field.
pub type Problems = Vec<(Field, Reason)>;

/// A record's cells, trimmed and checked as text on the way out.
struct Cells<'a> {
    raw: &'a RawRow,
    problems: Problems,
}

impl<'a> Cells<'a> {
    fn new(raw: &'a RawRow) -> Cells<'a> {
        let problems = Vec::new();
        Cells { raw, problems }
    }
    /// The trimmed text of a field: `None` when absent or blank, or when it cannot be
    /// stored (then the problem is recorded).
    fn opt(&mut self, f: Field) -> Option<&'a str> {
        let t = self.raw.get(f)?.trim();
        if t.is_empty() {
            return None;
        }
        let max = if f == Field::Id {
            MAX_ID_CHARS
        } else {
            MAX_TEXT_CHARS
        };
        match check_text(t, max) {
            Ok(()) => Some(t),
            Err(r) => {
                self.problems.push((f, r));
                None
            }
        }
    }
    /// Like `opt`, and records that the field is required when it is absent.
    fn req(&mut self, f: Field) -> Option<&'a str> {
        let given = self.raw.given(f);
        let t = self.opt(f);
        if !given {
            self.problems.push((f, Reason::Required));
        }
        t
    }
    fn parse<T>(
        &mut self,
        f: Field,
        t: Option<&str>,
        p: impl Fn(&str) -> Result<T, Reason>,
    ) -> Option<T> {
        match p(t?) {
            Ok(v) => Some(v),
            Err(r) => {
                self.problems.push((f, r));
                None
            }
        }
    }
    /// A required field, parsed.
    fn req_as<T>(&mut self, f: Field, p: impl Fn(&str) -> Result<T, Reason>) -> Option<T> {
        let t = self.req(f);
        self.parse(f, t, p)
    }
    /// An optional field, parsed.
    fn opt_as<T>(&mut self, f: Field, p: impl Fn(&str) -> Result<T, Reason>) -> Option<T> {
        let t = self.opt(f);
        self.parse(f, t, p)
    }
    fn problem(&mut self, f: Field, r: Reason) {
        self.problems.push((f, r));
    }
    /// A defining cell: its text, or a closed set's code.
    fn read(&mut self, d: &Def, required: bool) -> Option<&'a str> {
        let t = if required {
            self.req(d.field)
        } else {
            self.opt(d.field)
        };
        match d.read {
            Read::Code(p) => self.parse(d.field, t, p),
            _ => t,
        }
    }
}

/// Checks records against a catalogue and remembers the ids seen.
pub struct Checker {
    pub catalogue: Catalogue,
    /// The source every imported fact gets.
    pub source: Source,
    /// Where each fact id was first used in the file.
    pub ids: HashMap<FactId, Location>,
}

impl Checker {
    pub fn new(base: std::rc::Rc<crate::dataset::Dataset>, source: Source) -> Checker {
        let catalogue = Catalogue::new(base);
        Checker {
            catalogue,
            source,
            ids: HashMap::new(),
        }
    }

    /// Checks one fact record. A record that fails still registers its id and any
    /// valid definition it makes, so later records are judged consistently.
    pub fn fact(&mut self, raw: &RawRow) -> Result<Fact, Problems> {
        let mut c = Cells::new(raw);
        let id = self.fact_id(&mut c);
        let unit = c.req_as(Field::Unit, parse_closed::<Unit>);
        let kind = c.req_as(Field::Kind, parse_closed::<Kind>);
        let qualifier = c.opt_as(Field::Qualifier, parse_closed::<Qualifier>);
        let district = self.resolve_district(&mut c);
        let indicator = self.resolve_indicator(&mut c, unit);
        let value = c.req_as(Field::Value, parse_number);
        let value_text = c.opt(Field::ValueText).map(str::to_string);
        let period = period(&mut c);
        let subject = subject(&mut c);
        let rank_group = c.opt(Field::RankGroup).map(str::to_string);
        let quote = c.opt(Field::Quote).unwrap_or("").to_string();
        let source = self.source.id.clone();
        let built = move || {
            Some(Fact {
                id: id?,
                source,
                district: district?,
                subject: subject?,
                indicator: indicator?,
                value: value?,
                value_text,
                unit: unit?,
                kind: kind?,
                rank_group,
                qualifier,
                period: period?,
                quote,
            })
        };
        // Any problem fails the record, including one in an optional field. Every part
        // that is missing has recorded why.
        let fact = match built() {
            Some(fact) if c.problems.is_empty() => fact,
            _ if c.problems.is_empty() => {
                return Err(vec![(
                    Field::Id,
                    Reason::Dataset("unchecked record".into()),
                )])
            }
            _ => return Err(c.problems),
        };
        let rules = fact_problems(
            &fact,
            Some(&self.source),
            true,
            self.catalogue.indicator_of(&fact.indicator),
        );
        if rules.is_empty() {
            Ok(fact)
        } else {
            Err(rules
                .into_iter()
                .map(|p| (Field::from(p.field()), Reason::Rule(p)))
                .collect())
        }
    }

    fn fact_id(&mut self, c: &mut Cells) -> Option<FactId> {
        let id = match c.opt(Field::Id) {
            Some(t) if t.chars().any(char::is_whitespace) => {
                c.problem(Field::Id, Reason::BadFactId(shown(t)));
                return None;
            }
            Some(t) => FactId::from(t),
            None if c.raw.given(Field::Id) => return None,
            None => FactId(format!("{}-{}", self.source.id, c.raw.number)),
        };
        match self.ids.get(&id) {
            Some(first) => {
                c.problem(
                    Field::Id,
                    Reason::DuplicateId {
                        id: shown(id.as_str()),
                        first: first.clone(),
                    },
                );
                None
            }
            None => {
                self.ids.insert(id.clone(), c.raw.location.clone());
                Some(id)
            }
        }
    }

    fn resolve_district(&mut self, c: &mut Cells) -> Option<DistrictId> {
        let r = c.req(Field::District)?;
        let code = fold(r).into_owned();
        let id = if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
            DistrictId(code)
        } else if let Some(id) = self.catalogue.districts.by_name(r) {
            id.clone()
        } else {
            c.problem(Field::District, Reason::UnknownDistrict(shown(r)));
            return None;
        };
        self.by_id::<District>(c, id, None)
    }

    fn resolve_indicator(&mut self, c: &mut Cells, unit: Option<Unit>) -> Option<IndicatorId> {
        let r = c.req(Field::Indicator)?;
        let id = IndicatorId::from(r);
        let id = match self.catalogue.indicator_of(&id) {
            None => self.catalogue.indicators.by_name(r).cloned().unwrap_or(id),
            Some(_) => id,
        };
        self.by_id::<Indicator>(c, id, unit)
    }

    /// A district or indicator by id: a known one (checked against what the record
    /// gives), or a new one the record defines. `fact_unit` is the unit of the fact
    /// the record gives, if any.
    fn by_id<T: Entry>(
        &mut self,
        c: &mut Cells,
        id: T::Id,
        fact_unit: Option<Unit>,
    ) -> Option<T::Id> {
        let defines = T::DEF.iter().any(|d| c.raw.given(d.field));
        // The common case, without copying the record: a known one, not redefined.
        if !defines
            && (T::in_data(&self.catalogue.base, &id).is_some()
                || T::in_file_ref(&self.catalogue).ix.contains_key(&id))
        {
            return Some(id);
        }
        let Some((known, at)) = self.catalogue.known::<T>(&id) else {
            if let Some(bad) = T::bad_id(&id).filter(|_| T::BAD_ID_STOPS) {
                c.problem(T::FIELD, bad);
                return None;
            }
            if !defines {
                let reason = match T::in_file(&mut self.catalogue).failed.get(&id) {
                    Some(at) => Reason::DefinitionFailed {
                        defines: T::DEFINES,
                        id: T::failed_id(&id),
                        at: at.clone(),
                    },
                    None => T::unknown(&id),
                };
                c.problem(T::FIELD, reason);
                return None;
            }
            return self.define::<T>(c, id, fact_unit);
        };
        if defines {
            let before = c.problems.len();
            let given: Vec<Option<&str>> = T::DEF.iter().map(|d| c.read(d, false)).collect();
            for (d, given) in T::DEF.iter().zip(given) {
                let (Some(given), value) = (given, known.value(d.field)) else {
                    continue;
                };
                let same = match d.read {
                    Read::TextAnyCase => given.eq_ignore_ascii_case(value),
                    _ => given == value,
                };
                if !same {
                    let reason = Reason::DefinitionConflict {
                        defines: T::DEFINES,
                        id: id.to_string(),
                        field: d.name,
                        known: shown(value),
                        given: shown(given),
                        at: at.clone(),
                    };
                    c.problem(d.field, reason);
                }
            }
            if c.problems.len() > before {
                return None;
            }
        }
        if matches!(at, Origin::Gazetteer) {
            let location = c.raw.location.clone();
            T::in_file(&mut self.catalogue).add(known, location);
        }
        Some(id)
    }

    fn define<T: Entry>(
        &mut self,
        c: &mut Cells,
        id: T::Id,
        fact_unit: Option<Unit>,
    ) -> Option<T::Id> {
        let before = c.problems.len();
        if let Some(bad) = T::bad_id(&id) {
            c.problem(T::FIELD, bad);
        }
        let given: Vec<Option<&str>> = T::DEF.iter().map(|d| c.read(d, d.required)).collect();
        // A JSON indicator has no fact to take its unit from.
        let unit_given = c.raw.given(Field::IndicatorUnit);
        if T::FIELD == Field::Indicator
            && !unit_given
            && fact_unit.is_none()
            && c.raw.location.is_json()
        {
            c.problem(Field::IndicatorUnit, Reason::Required);
        }
        for (d, name) in T::DEF.iter().zip(&given).take(2) {
            if let Some(other) = name.and_then(|n| self.catalogue.name_taken::<T>(n, &id)) {
                c.problem(
                    d.field,
                    Reason::NameTaken {
                        defines: T::DEFINES,
                        name: shown(name.unwrap_or_default()),
                        id: other.to_string(),
                    },
                );
            }
        }
        let fact_unit = if unit_given { None } else { fact_unit };
        let built = T::build(&id, &given, fact_unit);
        let location = c.raw.location.clone();
        let defined = T::in_file(&mut self.catalogue);
        match built {
            Ok(x) if c.problems.len() == before => {
                defined.add(x, location);
                Some(id)
            }
            Err(false) if c.problems.len() == before => None,
            _ => {
                defined.failed.entry(id).or_insert(location);
                None
            }
        }
    }

    /// A record of a JSON `districts` or `indicators` array.
    pub fn record<T: Entry>(&mut self, raw: &RawRow) -> Problems {
        let mut c = Cells::new(raw);
        if let Some(r) = c.req(T::FIELD) {
            self.by_id::<T>(&mut c, T::id_from(r), None);
        }
        c.problems
    }
}

/// The period: start (required), end (defaults to the end of the start's span),
/// precision (inferred from the dates when not given), label, year basis (printed
/// unless given), note.
fn period(c: &mut Cells) -> Option<Period> {
    let start = c.req_as(Field::PeriodStart, parse_date_span);
    let end = match c.raw.given(Field::PeriodEnd) {
        true => c.opt_as(Field::PeriodEnd, parse_date_span).map(|s| s.1),
        false => start.map(|s| s.1),
    };
    let precision = c.opt_as(Field::Precision, parse_closed::<Precision>);
    let year = c.opt_as(Field::YearBasis, parse_closed::<YearBasis>);
    let label = c.opt(Field::PeriodLabel).unwrap_or("").to_string();
    let note = c.opt(Field::PeriodNote).map(str::to_string);
    let given = |f: Field| c.raw.given(f);
    if (given(Field::Precision) && precision.is_none())
        || (given(Field::YearBasis) && year.is_none())
    {
        return None;
    }
    let (start, end) = (start?.0, end?);
    Some(Period {
        start,
        end,
        precision: precision.unwrap_or_else(|| infer_precision(start, end)),
        label,
        year: year.unwrap_or(YearBasis::Printed),
        // A file gives one note, in its own language: it serves both.
        note_zh: note.clone(),
        note_en: note,
    })
}

/// The subject: `Some(None)` for none, `None` when the fields are wrong.
fn subject(c: &mut Cells) -> Option<Option<Subject>> {
    let name = c.opt(Field::Subject);
    let name_en = c.opt(Field::SubjectEn);
    let kind = c.opt_as(Field::SubjectType, parse_closed::<SubjectType>);
    let given = |f: Field| c.raw.given(f);
    let (type_given, name_given, en_given) = (
        given(Field::SubjectType),
        given(Field::Subject),
        given(Field::SubjectEn),
    );
    if type_given && kind.is_none() {
        return None;
    }
    match name {
        None if name_given => None,
        None => {
            for (f, g) in [
                (Field::SubjectEn, en_given),
                (Field::SubjectType, type_given),
            ] {
                if g {
                    c.problem(f, Reason::WithoutMain("subject"));
                }
            }
            if en_given || type_given {
                None
            } else {
                Some(None)
            }
        }
        Some(name) => Some(Some(Subject {
            name: name.to_string(),
            name_en: name_en.map(str::to_string),
            kind: kind.unwrap_or(SubjectType::Other),
        })),
    }
}
