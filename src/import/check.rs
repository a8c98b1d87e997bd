//! Checking raw records into the model: a fact from a row (its cells parsed, its
//! district and indicator resolved, then the dataset's own per-fact rules), and the
//! districts and indicators a file defines. Everything here is per record and O(1)
//! amortised; rules that compare a row with the dataset it joins are in `finish`.

use super::cells::{
    check_text, fold, infer_precision, parse_closed, parse_date_span, parse_number, shown,
};
use super::fields::Field;
use super::gazetteer;
use super::raw::RawRow;
use super::report::{Defines, Location, Origin, Reason};
use super::{MAX_ID_CHARS, MAX_TEXT_CHARS};
use crate::dataset::{fact_problems, Dataset};
use crate::model::*;
use std::collections::HashMap;
use std::rc::Rc;

/// Problems of one record, by field.
pub type Problems = Vec<(Field, Reason)>;

const DISTRICT_DEF: &[Field] = &[
    Field::DistrictNameZh,
    Field::DistrictNameEn,
    Field::DistrictRegion,
];
const INDICATOR_DEF: &[Field] = &[
    Field::IndicatorNameZh,
    Field::IndicatorNameEn,
    Field::Category,
    Field::IndicatorUnit,
    Field::IndicatorDefinition,
];

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
        let given = self.raw.get(f).is_some_and(|t| !t.trim().is_empty());
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
}

/// What is known of a district or indicator, and where it comes from.
enum Known<T> {
    Data(T),
    File(T, Location),
    Gazetteer(T),
    No,
}

/// The districts and indicators a fact may refer to: the dataset's, Chongqing's 38
/// (districts only), and those the file defines, with lookups by name.
pub struct Catalogue {
    base: Rc<Dataset>,
    /// Districts the file adds (defined, or named from the gazetteer), in order.
    pub districts: Vec<District>,
    district_ix: HashMap<DistrictId, (usize, Location)>,
    district_names: HashMap<String, DistrictId>,
    failed_districts: HashMap<DistrictId, Location>,
    pub indicators: Vec<Indicator>,
    indicator_ix: HashMap<IndicatorId, (usize, Location)>,
    indicator_names: HashMap<String, IndicatorId>,
    failed_indicators: HashMap<IndicatorId, Location>,
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
            districts: Vec::new(),
            district_ix: HashMap::new(),
            district_names,
            failed_districts: HashMap::new(),
            indicators: Vec::new(),
            indicator_ix: HashMap::new(),
            indicator_names,
            failed_indicators: HashMap::new(),
        }
    }

    fn district(&self, id: &DistrictId) -> Known<District> {
        if let Some(d) = self.base.district(id) {
            Known::Data(d.clone())
        } else if let Some((i, at)) = self.district_ix.get(id) {
            Known::File(self.districts[*i].clone(), at.clone())
        } else if let Some(d) = gazetteer::district(id.as_str()) {
            Known::Gazetteer(d)
        } else {
            Known::No
        }
    }

    fn indicator(&self, id: &IndicatorId) -> Known<&Indicator> {
        if let Some(i) = self.base.indicator(id) {
            Known::Data(i)
        } else if let Some((i, at)) = self.indicator_ix.get(id) {
            Known::File(&self.indicators[*i], at.clone())
        } else {
            Known::No
        }
    }

    /// The indicator a checked fact refers to.
    pub fn indicator_of(&self, id: &IndicatorId) -> Option<&Indicator> {
        match self.indicator(id) {
            Known::Data(i) | Known::File(i, _) | Known::Gazetteer(i) => Some(i),
            Known::No => None,
        }
    }

    fn add_district(&mut self, d: District, at: Location) {
        self.district_names
            .entry(d.name_zh.clone())
            .or_insert_with(|| d.id.clone());
        self.district_names
            .entry(d.name_en.to_lowercase())
            .or_insert_with(|| d.id.clone());
        self.district_ix
            .insert(d.id.clone(), (self.districts.len(), at));
        self.districts.push(d);
    }

    fn add_indicator(&mut self, i: Indicator, at: Location) {
        self.indicator_names
            .entry(i.name_zh.clone())
            .or_insert_with(|| i.id.clone());
        self.indicator_names
            .entry(i.name_en.to_lowercase())
            .or_insert_with(|| i.id.clone());
        self.indicator_ix
            .insert(i.id.clone(), (self.indicators.len(), at));
        self.indicators.push(i);
    }

    fn district_name_taken(&self, name: &str, id: &DistrictId) -> Option<DistrictId> {
        [name.to_string(), name.to_lowercase()]
            .iter()
            .find_map(|n| self.district_names.get(n))
            .filter(|other| *other != id)
            .cloned()
    }

    fn indicator_name_taken(&self, name: &str, id: &IndicatorId) -> Option<IndicatorId> {
        [name.to_string(), name.to_lowercase()]
            .iter()
            .find_map(|n| self.indicator_names.get(n))
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
            None if c.raw.get(Field::Id).is_some_and(|t| !t.trim().is_empty()) => return None,
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
        let defines = c.raw.any(DISTRICT_DEF);
        let code = fold(r).into_owned();
        let id = if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
            DistrictId(code)
        } else if let Some(id) = self
            .catalogue
            .district_names
            .get(r)
            .or_else(|| self.catalogue.district_names.get(&r.to_lowercase()))
        {
            id.clone()
        } else {
            c.problem(Field::District, Reason::UnknownDistrict(shown(r)));
            return None;
        };
        self.district_by_id(c, id, defines)
    }

    /// A district by code: a known one (checked against what the record gives), or a
    /// new one the record defines.
    fn district_by_id(
        &mut self,
        c: &mut Cells,
        id: DistrictId,
        defines: bool,
    ) -> Option<DistrictId> {
        // The common case, without copying the record: a known district, not redefined.
        if !defines
            && (self.catalogue.base.district(&id).is_some()
                || self.catalogue.district_ix.contains_key(&id))
        {
            return Some(id);
        }
        let known = self.catalogue.district(&id);
        let (d, at) = match known {
            Known::Data(d) => (d, Origin::Data),
            Known::File(d, at) => (d, Origin::At(at)),
            Known::Gazetteer(d) => (d, Origin::Gazetteer),
            Known::No => {
                if !gazetteer::is_county_code(id.as_str()) {
                    c.problem(Field::District, Reason::BadDistrictCode(shown(id.as_str())));
                    return None;
                }
                if !defines {
                    let reason = match self.catalogue.failed_districts.get(&id) {
                        Some(at) => Reason::DefinitionFailed {
                            defines: Defines::District,
                            id: id.to_string(),
                            at: at.clone(),
                        },
                        None => Reason::UnknownDistrict(shown(id.as_str())),
                    };
                    c.problem(Field::District, reason);
                    return None;
                }
                return self.define_district(c, id);
            }
        };
        if defines {
            let before = c.problems.len();
            let zh = c.opt(Field::DistrictNameZh);
            let en = c.opt(Field::DistrictNameEn);
            let rg = c.opt(Field::DistrictRegion);
            let region = c.parse(Field::DistrictRegion, rg, parse_closed::<Region>);
            let conflict = |field, known: &str, given: &str| Reason::DefinitionConflict {
                defines: Defines::District,
                id: id.to_string(),
                field,
                known: shown(known),
                given: shown(given),
                at: at.clone(),
            };
            if let Some(zh) = zh.filter(|z| *z != d.name_zh) {
                c.problem(Field::DistrictNameZh, conflict("name_zh", &d.name_zh, zh));
            }
            if let Some(en) = en.filter(|e| !e.eq_ignore_ascii_case(&d.name_en)) {
                c.problem(Field::DistrictNameEn, conflict("name_en", &d.name_en, en));
            }
            if let Some(r) = region.filter(|r| *r != d.region) {
                c.problem(
                    Field::DistrictRegion,
                    conflict("region", d.region.code(), r.code()),
                );
            }
            if c.problems.len() > before {
                return None;
            }
        }
        if matches!(at, Origin::Gazetteer) {
            self.catalogue.add_district(d, c.raw.location.clone());
        }
        Some(id)
    }

    fn define_district(&mut self, c: &mut Cells, id: DistrictId) -> Option<DistrictId> {
        let before = c.problems.len();
        let zh = c.req(Field::DistrictNameZh);
        let en = c.opt(Field::DistrictNameEn);
        let rg = c.opt(Field::DistrictRegion);
        let region = c.parse(Field::DistrictRegion, rg, parse_closed::<Region>);
        for (f, name) in [(Field::DistrictNameZh, zh), (Field::DistrictNameEn, en)] {
            if let Some(other) = name.and_then(|n| self.catalogue.district_name_taken(n, &id)) {
                c.problem(
                    f,
                    Reason::NameTaken {
                        defines: Defines::District,
                        name: shown(name.unwrap_or_default()),
                        id: other.to_string(),
                    },
                );
            }
        }
        match zh {
            Some(zh) if c.problems.len() == before => {
                let d = District {
                    id: id.clone(),
                    name_zh: zh.to_string(),
                    name_en: en.unwrap_or(zh).to_string(),
                    region: region.unwrap_or(Region::Unspecified),
                    static_facts: Vec::new(),
                };
                self.catalogue.add_district(d, c.raw.location.clone());
                Some(id)
            }
            _ => {
                self.catalogue
                    .failed_districts
                    .entry(id)
                    .or_insert_with(|| c.raw.location.clone());
                None
            }
        }
    }

    fn resolve_indicator(&mut self, c: &mut Cells, unit: Option<Unit>) -> Option<IndicatorId> {
        let r = c.req(Field::Indicator)?;
        let defines = c.raw.any(INDICATOR_DEF);
        let id = IndicatorId::from(r);
        let by_name = || {
            self.catalogue
                .indicator_names
                .get(r)
                .or_else(|| self.catalogue.indicator_names.get(&r.to_lowercase()))
                .cloned()
        };
        let id = match self.catalogue.indicator(&id) {
            Known::No => by_name().unwrap_or(id),
            _ => id,
        };
        self.indicator_by_id(c, id, defines, unit)
    }

    fn indicator_by_id(
        &mut self,
        c: &mut Cells,
        id: IndicatorId,
        defines: bool,
        unit: Option<Unit>,
    ) -> Option<IndicatorId> {
        if !defines && self.catalogue.indicator_of(&id).is_some() {
            return Some(id);
        }
        let (ind, at) = match self.catalogue.indicator(&id) {
            Known::Data(i) => (i.clone(), Origin::Data),
            Known::File(i, at) => (i.clone(), Origin::At(at)),
            Known::Gazetteer(_) | Known::No => {
                if !defines {
                    let reason = match self.catalogue.failed_indicators.get(&id) {
                        Some(at) => Reason::DefinitionFailed {
                            defines: Defines::Indicator,
                            id: shown(id.as_str()),
                            at: at.clone(),
                        },
                        None => Reason::UnknownIndicator(shown(id.as_str())),
                    };
                    c.problem(Field::Indicator, reason);
                    return None;
                }
                return self.define_indicator(c, id, unit);
            }
        };
        if defines {
            let before = c.problems.len();
            let zh = c.opt(Field::IndicatorNameZh);
            let en = c.opt(Field::IndicatorNameEn);
            let cat = c.opt(Field::Category);
            let category = c.parse(Field::Category, cat, parse_closed::<Category>);
            let u = c.opt(Field::IndicatorUnit);
            let ind_unit = c.parse(Field::IndicatorUnit, u, parse_closed::<Unit>);
            let def = c.opt(Field::IndicatorDefinition);
            let conflict = |field, known: &str, given: &str| Reason::DefinitionConflict {
                defines: Defines::Indicator,
                id: id.to_string(),
                field,
                known: shown(known),
                given: shown(given),
                at: at.clone(),
            };
            if let Some(zh) = zh.filter(|z| *z != ind.name_zh) {
                c.problem(
                    Field::IndicatorNameZh,
                    conflict("name_zh", &ind.name_zh, zh),
                );
            }
            if let Some(en) = en.filter(|e| !e.eq_ignore_ascii_case(&ind.name_en)) {
                c.problem(
                    Field::IndicatorNameEn,
                    conflict("name_en", &ind.name_en, en),
                );
            }
            if let Some(k) = category.filter(|k| *k != ind.category) {
                c.problem(
                    Field::Category,
                    conflict("category", ind.category.code(), k.code()),
                );
            }
            if let Some(u) = ind_unit.filter(|u| *u != ind.unit) {
                c.problem(
                    Field::IndicatorUnit,
                    conflict("unit", ind.unit.code(), u.code()),
                );
            }
            if let Some(d) = def.filter(|d| *d != ind.definition) {
                c.problem(
                    Field::IndicatorDefinition,
                    conflict("definition", &ind.definition, d),
                );
            }
            if c.problems.len() > before {
                return None;
            }
        }
        Some(id)
    }

    fn define_indicator(
        &mut self,
        c: &mut Cells,
        id: IndicatorId,
        unit: Option<Unit>,
    ) -> Option<IndicatorId> {
        let before = c.problems.len();
        if !is_indicator_id(id.as_str()) {
            c.problem(Field::Indicator, Reason::BadIndicatorId(shown(id.as_str())));
        }
        let zh = c.req(Field::IndicatorNameZh);
        let en = c.opt(Field::IndicatorNameEn);
        let cat = c.req(Field::Category);
        let category = c.parse(Field::Category, cat, parse_closed::<Category>);
        let u = c.opt(Field::IndicatorUnit);
        let ind_unit = c.parse(Field::IndicatorUnit, u, parse_closed::<Unit>);
        let given_unit = c
            .raw
            .get(Field::IndicatorUnit)
            .is_some_and(|t| !t.trim().is_empty());
        let definition = c.opt(Field::IndicatorDefinition).unwrap_or("");
        if !given_unit && unit.is_none() && c.raw.location.is_json() {
            c.problem(Field::IndicatorUnit, Reason::Required);
        }
        for (f, name) in [(Field::IndicatorNameZh, zh), (Field::IndicatorNameEn, en)] {
            if let Some(other) = name.and_then(|n| self.catalogue.indicator_name_taken(n, &id)) {
                c.problem(
                    f,
                    Reason::NameTaken {
                        defines: Defines::Indicator,
                        name: shown(name.unwrap_or_default()),
                        id: other.to_string(),
                    },
                );
            }
        }
        match (
            zh,
            category,
            ind_unit.or(if given_unit { None } else { unit }),
        ) {
            (Some(zh), Some(category), Some(unit)) if c.problems.len() == before => {
                let ind = Indicator {
                    id: id.clone(),
                    name_zh: zh.to_string(),
                    name_en: en.unwrap_or(zh).to_string(),
                    category,
                    unit,
                    definition: definition.to_string(),
                };
                self.catalogue.add_indicator(ind, c.raw.location.clone());
                Some(id)
            }
            // A fact unit that failed leaves the definition open: a later row may make it.
            (Some(_), Some(_), None) if c.problems.len() == before => None,
            _ => {
                self.catalogue
                    .failed_indicators
                    .entry(id)
                    .or_insert_with(|| c.raw.location.clone());
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
            self.district_by_id(&mut c, DistrictId(fold(r).into_owned()), true);
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
            self.indicator_by_id(&mut c, IndicatorId::from(r), true, None);
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
    let given = |f: Field| c.raw.get(f).is_some_and(|t| !t.trim().is_empty());
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
        note,
    })
}

/// The subject: `Some(None)` for none, `None` when the fields are wrong.
fn subject(c: &mut Cells) -> Option<Option<Subject>> {
    let name = c.opt(Field::Subject);
    let name_en = c.opt(Field::SubjectEn);
    let t = c.opt(Field::SubjectType);
    let kind = c.parse(Field::SubjectType, t, parse_closed::<SubjectType>);
    let given = |f: Field| c.raw.get(f).is_some_and(|t| !t.trim().is_empty());
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
