//! Checking raw records into the model: a fact from a row (its cells parsed, its
//! district and indicator resolved, then the dataset's own per-fact rules), and the
//! districts and indicators a file defines. Everything here is per record and O(1)
//! amortised; rules that compare a row with the dataset it joins are in `Importer`.

use super::cells::{check_text, fold, infer_precision, parse_closed, parse_date_span};
use super::cells::{parse_number, shown};
use super::entry::{Catalogue, Def, Entry, Read};
use super::fields::{Field, MAX_ID_CHARS, MAX_TEXT_CHARS};
use super::raw::RawRow;
use super::report::{Location, Origin, Reason};
use crate::dataset::{fact_problems, Dataset};
use crate::model::*;
use rustc_hash::FxHashMap as HashMap;
use std::collections::hash_map::Entry as Slot;
use std::rc::Rc;

/// Problems of one record, by field.
pub type Problems = Vec<(Field, Reason)>;

/// A record's cells, trimmed and checked as text on the way out, and their problems.
struct Cells<'a> {
    raw: &'a RawRow,
    problems: Problems,
    /// The fact's unit, once read: an indicator the record defines without a unit of
    /// its own takes it.
    unit: Option<Unit>,
}

impl<'a> Cells<'a> {
    fn of(raw: &'a RawRow) -> Cells<'a> {
        Cells { raw, problems: Vec::new(), unit: None }
    }

    /// The trimmed text of a field: `None` when absent or blank (a problem if
    /// `required`), or when it cannot be stored (a problem).
    fn text(&mut self, f: Field, required: bool) -> Option<&'a str> {
        let Some(t) = self.raw.get(f).map(str::trim).filter(|t| !t.is_empty()) else {
            if required {
                self.problem(f, Reason::Required);
            }
            return None;
        };
        let max = if f == Field::Id { MAX_ID_CHARS } else { MAX_TEXT_CHARS };
        self.check(f, check_text(t, max).map(|_| t))
    }
    fn opt(&mut self, f: Field) -> Option<&'a str> {
        self.text(f, false)
    }
    /// A field parsed by `p`.
    fn parse<T>(
        &mut self,
        f: Field,
        req: bool,
        p: impl Fn(&str) -> Result<T, Reason>,
    ) -> Option<T> {
        let t = self.text(f, req)?;
        self.check(f, p(t))
    }
    fn check<T>(&mut self, f: Field, r: Result<T, Reason>) -> Option<T> {
        r.map_err(|r| self.problem(f, r)).ok()
    }
    fn problem(&mut self, f: Field, r: Reason) {
        self.problems.push((f, r));
    }
    /// A defining cell: its text, or a closed set's code.
    fn read(&mut self, d: &Def, required: bool) -> Option<&'a str> {
        match d.read {
            Read::Code(p) => self.parse(d.field, required, p),
            _ => self.text(d.field, required),
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
    pub fn new(base: Rc<Dataset>, source: Source) -> Checker {
        Checker { catalogue: Catalogue::new(base), source, ids: HashMap::default() }
    }

    /// Checks one fact record. A record that fails still registers its id and any
    /// valid definition it makes, so later records are judged consistently.
    pub fn fact(&mut self, raw: &RawRow) -> Result<Fact, Problems> {
        let mut c = Cells::of(raw);
        let id = self.fact_id(&mut c);
        let unit = c.parse(Field::Unit, true, parse_closed::<Unit>);
        c.unit = unit;
        let kind = c.parse(Field::Kind, true, parse_closed::<Kind>);
        let qualifier = c.parse(Field::Qualifier, false, parse_closed::<Qualifier>);
        let district = self.resolve_district(&mut c);
        let indicator = self.resolve_indicator(&mut c);
        let value = c.parse(Field::Value, true, parse_number);
        let value_text = c.opt(Field::ValueText).map(str::to_string);
        let period = period(&mut c);
        let subject = subject(&mut c);
        let rank_group = c.opt(Field::RankGroup).map(str::to_string);
        let quote = c.opt(Field::Quote).unwrap_or("").to_string();
        let source = self.source.id.clone();
        #[rustfmt::skip]
        let built = (|| Some(Fact { id: id?, source, district: district?, subject: subject?,
            indicator: indicator?, value: value?, value_text, unit: unit?, kind: kind?, rank_group,
            qualifier, period: period?, quote }))();
        // Any problem fails the record, including one in an optional field; every part
        // that is missing has recorded why.
        let Some(fact) = built.filter(|_| c.problems.is_empty()) else {
            let mut problems = c.problems;
            if problems.is_empty() {
                problems.push((Field::Id, Reason::Dataset("unchecked record".into())));
            }
            return Err(problems);
        };
        let of = self.catalogue.indicator_of(&fact.indicator);
        let rules = fact_problems(&fact, Some(&self.source), true, of);
        if rules.is_empty() {
            return Ok(fact);
        }
        Err(rules.into_iter().map(|p| (Field::from(p.field()), Reason::Rule(p))).collect())
    }

    fn fact_id(&mut self, c: &mut Cells) -> Option<FactId> {
        let id = match c.opt(Field::Id) {
            Some(t) if t.chars().any(char::is_whitespace) => {
                c.problem(Field::Id, Reason::BadFactId(shown(t)));
                return None;
            }
            Some(t) => FactId::from(t),
            None if c.raw.given(Field::Id) => return None,
            None => FactId(format!("{}-{}", self.source.id, c.raw.number).into()),
        };
        match self.ids.entry(id) {
            Slot::Occupied(first) => {
                let id = shown(first.key().as_str());
                c.problem(Field::Id, Reason::DuplicateId { id, first: first.get().clone() });
                None
            }
            Slot::Vacant(new) => {
                let id = new.key().clone();
                new.insert(c.raw.location.clone());
                Some(id)
            }
        }
    }

    fn resolve_district(&mut self, c: &mut Cells) -> Option<DistrictId> {
        let r = c.text(Field::District, true)?;
        let code = fold(r).into_owned();
        let id = if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
            DistrictId(code.into())
        } else if let Some(id) = self.catalogue.districts.by_name(r) {
            id.clone()
        } else {
            c.problem(Field::District, Reason::UnknownDistrict(shown(r)));
            return None;
        };
        self.by_id::<District>(c, id)
    }

    fn resolve_indicator(&mut self, c: &mut Cells) -> Option<IndicatorId> {
        let r = c.text(Field::Indicator, true)?;
        let id = IndicatorId::from(r);
        let id = match self.catalogue.indicator_of(&id) {
            None => self.catalogue.indicators.by_name(r).cloned().unwrap_or(id),
            Some(_) => id,
        };
        self.by_id::<Indicator>(c, id)
    }

    /// A district or indicator by id: a known one (checked against what the record
    /// gives), or a new one the record defines.
    fn by_id<T: Entry>(&mut self, c: &mut Cells, id: T::Id) -> Option<T::Id> {
        let defines = T::DEF.iter().any(|d| c.raw.given(d.field));
        let Some((known, at)) = self.catalogue.known::<T>(&id) else {
            if let Some(bad) = T::bad_id(&id).filter(|_| T::BAD_ID_STOPS) {
                c.problem(T::FIELD, bad);
                return None;
            }
            if defines {
                return self.define::<T>(c, id);
            }
            let reason = match T::in_file(&mut self.catalogue).failed.get(&id) {
                Some(at) => {
                    let (defines, id, at) = (T::DEFINES, T::failed_id(&id), at.clone());
                    Reason::DefinitionFailed { defines, id, at }
                }
                None => T::unknown(&id),
            };
            c.problem(T::FIELD, reason);
            return None;
        };
        let before = c.problems.len();
        for d in T::DEF.iter().filter(|_| defines) {
            let (Some(given), value) = (c.read(d, false), known.value(d.field)) else {
                continue;
            };
            let same = match d.read {
                Read::TextAnyCase => given.eq_ignore_ascii_case(value),
                _ => given == value,
            };
            if !same {
                let (defines, id, field) = (T::DEFINES, id.to_string(), d.name);
                let (known, given, at) = (shown(value), shown(given), at.clone());
                let conflict = Reason::DefinitionConflict { defines, id, field, known, given, at };
                c.problem(d.field, conflict);
            }
        }
        if c.problems.len() > before {
            return None;
        }
        if matches!(at, Origin::Gazetteer) {
            let known = known.into_owned();
            T::in_file(&mut self.catalogue).add(known, c.raw.location.clone());
        }
        Some(id)
    }

    fn define<T: Entry>(&mut self, c: &mut Cells, id: T::Id) -> Option<T::Id> {
        let before = c.problems.len();
        if let Some(bad) = T::bad_id(&id) {
            c.problem(T::FIELD, bad);
        }
        let given: Vec<Option<&str>> = T::DEF.iter().map(|d| c.read(d, d.required)).collect();
        // A JSON indicator has no fact to take its unit from.
        let unit_given = c.raw.given(Field::IndicatorUnit);
        let json = c.raw.location.is_json();
        if T::FIELD == Field::Indicator && !unit_given && c.unit.is_none() && json {
            c.problem(Field::IndicatorUnit, Reason::Required);
        }
        for (d, name) in T::DEF.iter().zip(&given).take(2) {
            let Some(name) = name else { continue };
            if let Some(other) = self.catalogue.name_taken::<T>(name, &id) {
                let (defines, name, id) = (T::DEFINES, shown(name), other.to_string());
                c.problem(d.field, Reason::NameTaken { defines, name, id });
            }
        }
        let built = T::build(&id, &given, c.unit.filter(|_| !unit_given));
        let (location, clean) = (c.raw.location.clone(), c.problems.len() == before);
        let defined = T::in_file(&mut self.catalogue);
        match built {
            Ok(x) if clean => {
                defined.add(x, location);
                Some(id)
            }
            Err(false) if clean => None,
            _ => {
                defined.failed.entry(id).or_insert(location);
                None
            }
        }
    }

    /// A record of a JSON `districts` or `indicators` array.
    pub fn record<T: Entry>(&mut self, raw: &RawRow) -> Problems {
        let mut c = Cells::of(raw);
        if let Some(r) = c.text(T::FIELD, true) {
            self.by_id::<T>(&mut c, T::id_from(r));
        }
        c.problems
    }
}

/// The period: start (required), end (defaults to the end of the start's span),
/// precision (inferred from the dates when not given), label, year basis (printed
/// unless given), note.
fn period(c: &mut Cells) -> Option<Period> {
    let start = c.parse(Field::PeriodStart, true, parse_date_span);
    let end = match c.raw.given(Field::PeriodEnd) {
        true => c.parse(Field::PeriodEnd, false, parse_date_span),
        false => start,
    };
    let precision = c.parse(Field::Precision, false, parse_closed::<Precision>);
    let year = c.parse(Field::YearBasis, false, parse_closed::<YearBasis>);
    let label = c.opt(Field::PeriodLabel).unwrap_or("").to_string();
    let note = c.opt(Field::PeriodNote).map(str::to_string);
    let given = |f: Field| c.raw.given(f);
    if (given(Field::Precision) && precision.is_none())
        || (given(Field::YearBasis) && year.is_none())
    {
        return None;
    }
    let (start, end) = (start?.0, end?.1);
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
    let kind = c.parse(Field::SubjectType, false, parse_closed::<SubjectType>);
    let [name_given, en_given, type_given] =
        [Field::Subject, Field::SubjectEn, Field::SubjectType].map(|f| c.raw.given(f));
    if (type_given && kind.is_none()) || (name_given && name.is_none()) {
        return None;
    }
    let Some(name) = name else {
        for (f, given) in [(Field::SubjectEn, en_given), (Field::SubjectType, type_given)] {
            if given {
                c.problem(f, Reason::WithoutMain("subject"));
            }
        }
        return (!en_given && !type_given).then_some(None);
    };
    let (name, name_en) = (name.to_string(), name_en.map(str::to_string));
    let kind = kind.unwrap_or(SubjectType::Other);
    Some(Some(Subject { name, name_en, kind }))
}
