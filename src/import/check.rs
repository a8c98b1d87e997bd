//! Checking raw records into the model: a fact from a row (its cells parsed, its
//! district and indicator resolved, then the dataset's own per-fact rules), and the
//! districts and indicators a file defines. Everything here is per record and O(1)
//! amortised; rules that compare a row with the dataset it joins are in `finish`.

use super::cells::{
    check_text, fold, infer_precision, parse_closed, parse_date_span, parse_number, shown,
};
use super::fields::Field;
use super::fields::{MAX_ID_CHARS, MAX_TEXT_CHARS};
use super::gazetteer;
use super::raw::RawRow;
use super::report::{Defines, Location, Origin, Reason};
use crate::dataset::{fact_problems, Dataset};
use crate::model::Closed;
use crate::model::*;
use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::rc::Rc;

/// Problems of one record, by field.
pub type Problems = Vec<(Field, Reason)>;

/// A record's cells, trimmed and checked as text on the way out.
struct Cells<'a> {
    raw: &'a RawRow,
    problems: Problems,
}

impl<'a> Cells<'a> {
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

/// How a defining cell is read and compared with what is known.
pub enum Read {
    Text,
    /// Text compared without regard to ASCII case (English names).
    TextAnyCase,
    /// A closed-set value, as its code.
    Code(fn(&str) -> Result<&'static str, Reason>),
}

/// A cell that defines a district or an indicator: its column, the name a conflict
/// gives it, how it is read, and whether a new definition needs it.
pub struct Def {
    pub field: Field,
    /// Also the key of a JSON district or indicator record.
    pub name: &'static str,
    read: Read,
    required: bool,
}

impl Def {
    const fn new(field: Field, name: &'static str, read: Read, required: bool) -> Def {
        Def {
            field,
            name,
            read,
            required,
        }
    }
}

fn code<T: Closed>(s: &str) -> Result<&'static str, Reason> {
    parse_closed::<T>(s).map(T::code)
}

/// What a file may define: a district or an indicator. Both are looked up, checked
/// against a repeated definition and defined the same way.
pub trait Entry: Clone + Sized {
    type Id: Clone + Eq + Hash + fmt::Display;
    const DEFINES: Defines;
    /// The column naming it in a fact.
    const FIELD: Field;
    /// The defining cells; the first two are the Chinese and English names.
    const DEF: &'static [Def];
    fn id(&self) -> &Self::Id;
    /// The value of a defining field as known (a closed set's code).
    fn value(&self, f: Field) -> &str;
    fn in_data<'a>(data: &'a Dataset, id: &Self::Id) -> Option<&'a Self>;
    fn in_file(cat: &mut Catalogue) -> &mut Defined<Self>;
    fn in_file_ref(cat: &Catalogue) -> &Defined<Self>;
    /// Chongqing's own (districts only).
    fn gazetteer(id: &Self::Id) -> Option<Self>;
    /// Why an id cannot be defined, if it cannot.
    fn bad_id(id: &Self::Id) -> Option<Reason>;
    /// Whether a bad id stops the record before its definition is read.
    const BAD_ID_STOPS: bool;
    fn unknown(id: &Self::Id) -> Reason;
    /// The id as a failed-definition message names it.
    fn failed_id(id: &Self::Id) -> String;
    /// A new one from its defining cells (in `DEF` order, closed sets as codes);
    /// `Err(true)` when it fails, `Err(false)` when a later record may still define it.
    fn build(id: &Self::Id, v: &[Option<&str>], fact_unit: Option<Unit>) -> Result<Self, bool>;
}

impl Entry for District {
    type Id = DistrictId;
    const DEFINES: Defines = Defines::District;
    const FIELD: Field = Field::District;
    const DEF: &'static [Def] = &[
        Def::new(Field::DistrictNameZh, "name_zh", Read::Text, true),
        Def::new(Field::DistrictNameEn, "name_en", Read::TextAnyCase, false),
        Def::new(
            Field::DistrictRegion,
            "region",
            Read::Code(code::<Region>),
            false,
        ),
    ];
    fn id(&self) -> &DistrictId {
        &self.id
    }
    fn value(&self, f: Field) -> &str {
        match f {
            Field::DistrictNameZh => &self.name_zh,
            Field::DistrictNameEn => &self.name_en,
            _ => self.region.code(),
        }
    }
    fn in_data<'a>(data: &'a Dataset, id: &DistrictId) -> Option<&'a District> {
        data.district(id)
    }
    fn in_file(cat: &mut Catalogue) -> &mut Defined<District> {
        &mut cat.districts
    }
    fn in_file_ref(cat: &Catalogue) -> &Defined<District> {
        &cat.districts
    }
    fn gazetteer(id: &DistrictId) -> Option<District> {
        gazetteer::district(id.as_str())
    }
    fn bad_id(id: &DistrictId) -> Option<Reason> {
        (!gazetteer::is_county_code(id.as_str()))
            .then(|| Reason::BadDistrictCode(shown(id.as_str())))
    }
    const BAD_ID_STOPS: bool = true;
    fn unknown(id: &DistrictId) -> Reason {
        Reason::UnknownDistrict(shown(id.as_str()))
    }
    fn failed_id(id: &DistrictId) -> String {
        id.to_string()
    }
    fn build(id: &DistrictId, v: &[Option<&str>], _: Option<Unit>) -> Result<District, bool> {
        let zh = v[0].ok_or(true)?;
        Ok(District {
            id: id.clone(),
            name_zh: zh.to_string(),
            name_en: v[1].unwrap_or(zh).to_string(),
            region: v[2]
                .and_then(Region::from_code)
                .unwrap_or(Region::Unspecified),
            static_facts: Vec::new(),
        })
    }
}

impl Entry for Indicator {
    type Id = IndicatorId;
    const DEFINES: Defines = Defines::Indicator;
    const FIELD: Field = Field::Indicator;
    const DEF: &'static [Def] = &[
        Def::new(Field::IndicatorNameZh, "name_zh", Read::Text, true),
        Def::new(Field::IndicatorNameEn, "name_en", Read::TextAnyCase, false),
        Def::new(
            Field::Category,
            "category",
            Read::Code(code::<Category>),
            true,
        ),
        Def::new(
            Field::IndicatorUnit,
            "unit",
            Read::Code(code::<Unit>),
            false,
        ),
        Def::new(Field::IndicatorDefinition, "definition", Read::Text, false),
    ];
    fn id(&self) -> &IndicatorId {
        &self.id
    }
    fn value(&self, f: Field) -> &str {
        match f {
            Field::IndicatorNameZh => &self.name_zh,
            Field::IndicatorNameEn => &self.name_en,
            Field::Category => self.category.code(),
            Field::IndicatorUnit => self.unit.code(),
            _ => &self.definition,
        }
    }
    fn in_data<'a>(data: &'a Dataset, id: &IndicatorId) -> Option<&'a Indicator> {
        data.indicator(id)
    }
    fn in_file(cat: &mut Catalogue) -> &mut Defined<Indicator> {
        &mut cat.indicators
    }
    fn in_file_ref(cat: &Catalogue) -> &Defined<Indicator> {
        &cat.indicators
    }
    fn gazetteer(_: &IndicatorId) -> Option<Indicator> {
        None
    }
    fn bad_id(id: &IndicatorId) -> Option<Reason> {
        (!is_indicator_id(id.as_str())).then(|| Reason::BadIndicatorId(shown(id.as_str())))
    }
    const BAD_ID_STOPS: bool = false;
    fn unknown(id: &IndicatorId) -> Reason {
        Reason::UnknownIndicator(shown(id.as_str()))
    }
    fn failed_id(id: &IndicatorId) -> String {
        shown(id.as_str())
    }
    fn build(
        id: &IndicatorId,
        v: &[Option<&str>],
        fact_unit: Option<Unit>,
    ) -> Result<Indicator, bool> {
        // Without a unit of its own, the indicator takes the fact's; a fact unit that
        // failed leaves the definition open: a later row may make it.
        let (zh, category) = (
            v[0].ok_or(true)?,
            v[2].and_then(Category::from_code).ok_or(true)?,
        );
        let unit = match v[3] {
            Some(u) => Unit::from_code(u).ok_or(true)?,
            None => fact_unit.ok_or(false)?,
        };
        Ok(Indicator {
            id: id.clone(),
            name_zh: zh.to_string(),
            name_en: v[1].unwrap_or(zh).to_string(),
            category,
            unit,
            // One definition, in whichever language the file gives it, serves both.
            definition_zh: v[4].unwrap_or("").to_string(),
            definition: v[4].unwrap_or("").to_string(),
        })
    }
}

/// The districts or indicators a file defines (or, for districts, names from the
/// gazetteer), in order, with lookups by id and by name.
pub struct Defined<T: Entry> {
    pub items: Vec<T>,
    ix: HashMap<T::Id, (usize, Location)>,
    /// Chinese and lower-case English names, the dataset's (and the gazetteer's) too.
    names: HashMap<String, T::Id>,
    /// Where a definition that failed was first tried.
    failed: HashMap<T::Id, Location>,
}

impl<T: Entry> Defined<T> {
    fn new(names: HashMap<String, T::Id>) -> Defined<T> {
        Defined {
            items: Vec::new(),
            ix: HashMap::new(),
            names,
            failed: HashMap::new(),
        }
    }

    fn add(&mut self, x: T, at: Location) {
        let zh = x.value(T::DEF[0].field).to_string();
        let en = x.value(T::DEF[1].field).to_lowercase();
        for n in [zh, en] {
            self.names.entry(n).or_insert_with(|| x.id().clone());
        }
        self.ix.insert(x.id().clone(), (self.items.len(), at));
        self.items.push(x);
    }

    fn get(&self, id: &T::Id) -> Option<(&T, &Location)> {
        self.ix.get(id).map(|(i, at)| (&self.items[*i], at))
    }

    /// The id a name (Chinese, or English in any case) belongs to.
    fn by_name(&self, name: &str) -> Option<&T::Id> {
        self.names
            .get(name)
            .or_else(|| self.names.get(&name.to_lowercase()))
    }
}

/// The districts and indicators a fact may refer to: the dataset's, Chongqing's 38
/// (districts only), and those the file defines, with lookups by name.
pub struct Catalogue {
    base: Rc<Dataset>,
    pub districts: Defined<District>,
    pub indicators: Defined<Indicator>,
}

impl Catalogue {
    pub fn new(base: Rc<Dataset>) -> Catalogue {
        let mut district_names = HashMap::new();
        for &(id, zh, en, _) in &gazetteer::CHONGQING {
            district_names.insert(zh.to_string(), DistrictId::from(id));
            district_names.insert(en.to_lowercase(), DistrictId::from(id));
        }
        for d in &base.districts {
            district_names.insert(d.name_zh.clone(), d.id.clone());
            district_names.insert(d.name_en.to_lowercase(), d.id.clone());
        }
        let mut indicator_names = HashMap::new();
        for i in &base.indicators {
            indicator_names.insert(i.name_zh.clone(), i.id.clone());
            indicator_names.insert(i.name_en.to_lowercase(), i.id.clone());
        }
        Catalogue {
            base,
            districts: Defined::new(district_names),
            indicators: Defined::new(indicator_names),
        }
    }

    /// The indicator a checked fact refers to.
    pub fn indicator_of(&self, id: &IndicatorId) -> Option<&Indicator> {
        Indicator::in_data(&self.base, id).or_else(|| self.indicators.get(id).map(|x| x.0))
    }

    /// A known one (a copy) and where it is known from.
    fn known<T: Entry>(&self, id: &T::Id) -> Option<(T, Origin)> {
        if let Some(x) = T::in_data(&self.base, id) {
            Some((x.clone(), Origin::Data))
        } else if let Some((x, at)) = T::in_file_ref(self).get(id) {
            Some((x.clone(), Origin::At(at.clone())))
        } else {
            T::gazetteer(id).map(|x| (x, Origin::Gazetteer))
        }
    }

    /// Another one's id that a new one's name would take.
    fn name_taken<T: Entry>(&self, name: &str, id: &T::Id) -> Option<T::Id> {
        [name.to_string(), name.to_lowercase()]
            .iter()
            .find_map(|n| T::in_file_ref(self).names.get(n))
            .filter(|other| *other != id)
            .cloned()
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
    /// Checks one fact record. A record that fails still registers its id and any
    /// valid definition it makes, so later records are judged consistently.
    pub fn fact(&mut self, raw: &RawRow) -> Result<Fact, Problems> {
        let mut c = Cells {
            raw,
            problems: Vec::new(),
        };
        let id = self.fact_id(&mut c);
        let unit_text = c.req(Field::Unit);
        let unit = c.parse(Field::Unit, unit_text, parse_closed::<Unit>);
        let kind_text = c.req(Field::Kind);
        let kind = c.parse(Field::Kind, kind_text, parse_closed::<Kind>);
        let q = c.opt(Field::Qualifier);
        let qualifier = c.parse(Field::Qualifier, q, parse_closed::<Qualifier>);
        let district = self.resolve_district(&mut c);
        let indicator = self.resolve_indicator(&mut c, unit);
        let v = c.req(Field::Value);
        let value = c.parse(Field::Value, v, parse_number);
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

    /// A district record of a JSON `districts` array.
    pub fn district_record(&mut self, raw: &RawRow) -> Problems {
        let mut c = Cells {
            raw,
            problems: Vec::new(),
        };
        if let Some(r) = c.req(Field::District) {
            let id = DistrictId(fold(r).into_owned());
            self.by_id::<District>(&mut c, id, None);
        }
        c.problems
    }

    /// An indicator record of a JSON `indicators` array.
    pub fn indicator_record(&mut self, raw: &RawRow) -> Problems {
        let mut c = Cells {
            raw,
            problems: Vec::new(),
        };
        if let Some(r) = c.req(Field::Indicator) {
            self.by_id::<Indicator>(&mut c, IndicatorId::from(r), None);
        }
        c.problems
    }
}

/// `lower_snake_case`, starting with a letter, at most `MAX_ID_CHARS`.
fn is_indicator_id(s: &str) -> bool {
    s.len() <= MAX_ID_CHARS
        && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The period: start (required), end (defaults to the end of the start's span),
/// precision (inferred from the dates when not given), label, year basis (printed
/// unless given), note.
fn period(c: &mut Cells) -> Option<Period> {
    let s = c.req(Field::PeriodStart);
    let start = c.parse(Field::PeriodStart, s, parse_date_span);
    let e = c.opt(Field::PeriodEnd);
    let end = match e {
        Some(_) => c.parse(Field::PeriodEnd, e, parse_date_span).map(|s| s.1),
        None => start.map(|s| s.1),
    };
    let p = c.opt(Field::Precision);
    let precision = c.parse(Field::Precision, p, parse_closed::<Precision>);
    let y = c.opt(Field::YearBasis);
    let year = c.parse(Field::YearBasis, y, parse_closed::<YearBasis>);
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
    let t = c.opt(Field::SubjectType);
    let kind = c.parse(Field::SubjectType, t, parse_closed::<SubjectType>);
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
