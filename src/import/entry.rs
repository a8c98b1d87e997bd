//! What a file may define, districts and indicators, through one generic path
//! (`Entry`): their defining cells, how each is read and built, and the catalogue a
//! fact's district and indicator are looked up in (the dataset's, Chongqing's 38, and
//! the file's own).

use super::cells::{fold, parse_closed, shown};
use super::fields::{Field, MAX_ID_CHARS};
use super::report::{Defines, Location, Origin, Reason};
use crate::dataset::Dataset;
use crate::model::gazetteer;
use crate::model::*;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::fmt;
use std::hash::Hash;
use std::rc::Rc;

/// How a defining cell is read and compared with what is known.
pub enum Read {
    Text,
    /// Text compared without regard to ASCII case (English names).
    TextAnyCase,
    /// A closed-set value, as its code.
    Code(fn(&str) -> Result<&'static str, Reason>),
}

/// A cell that defines a district or an indicator: its column, its name in a conflict
/// (and its key in a JSON record), how it is read, whether a new definition needs it.
pub struct Def {
    pub field: Field,
    pub name: &'static str,
    pub read: Read,
    pub required: bool,
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
    /// The id a cell gives.
    fn id_from(s: &str) -> Self::Id;
    /// The value of a defining field as known (a closed set's code).
    fn value(&self, f: Field) -> &str;
    /// The names it is found by: Chinese, and English in lower case.
    fn names(&self) -> [String; 2] {
        let [zh, en] = [0, 1].map(|i| self.value(Self::DEF[i].field));
        [zh.to_string(), en.to_lowercase()]
    }
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

#[rustfmt::skip]
impl Entry for District {
    type Id = DistrictId;
    const DEFINES: Defines = Defines::District;
    const FIELD: Field = Field::District;
    const DEF: &'static [Def] = &[
        Def { field: Field::DistrictNameZh, name: "name_zh", read: Read::Text, required: true },
        Def { field: Field::DistrictNameEn, name: "name_en", read: Read::TextAnyCase, required: false },
        Def { field: Field::DistrictRegion, name: "region", read: Read::Code(code::<Region>), required: false },
    ];
    fn id(&self) -> &DistrictId { &self.id }
    fn id_from(s: &str) -> DistrictId { DistrictId(fold(s).into()) }
    fn value(&self, f: Field) -> &str {
        match f {
            Field::DistrictNameZh => &self.name_zh,
            Field::DistrictNameEn => &self.name_en,
            _ => self.region.code(),
        }
    }
    fn in_data<'a>(data: &'a Dataset, id: &DistrictId) -> Option<&'a District> { data.district(id) }
    fn in_file(cat: &mut Catalogue) -> &mut Defined<District> { &mut cat.districts }
    fn in_file_ref(cat: &Catalogue) -> &Defined<District> { &cat.districts }
    fn gazetteer(id: &DistrictId) -> Option<District> { gazetteer::districts(Some(id.as_str())).next() }
    fn bad_id(id: &DistrictId) -> Option<Reason> { (!gazetteer::is_county_code(id.as_str())).then(|| Reason::BadDistrictCode(shown(id.as_str()))) }
    const BAD_ID_STOPS: bool = true;
    fn unknown(id: &DistrictId) -> Reason { Reason::UnknownDistrict(shown(id.as_str())) }
    fn failed_id(id: &DistrictId) -> String { id.to_string() }
    fn build(id: &DistrictId, v: &[Option<&str>], _: Option<Unit>) -> Result<District, bool> {
        let zh = v[0].ok_or(true)?;
        Ok(District {
            id: id.clone(),
            name_zh: zh.to_string(),
            name_en: v[1].unwrap_or(zh).to_string(),
            region: v[2].and_then(Region::from_code).unwrap_or(Region::Unspecified),
            static_facts: Vec::new(),
        })
    }
}

#[rustfmt::skip]
impl Entry for Indicator {
    type Id = IndicatorId;
    const DEFINES: Defines = Defines::Indicator;
    const FIELD: Field = Field::Indicator;
    const DEF: &'static [Def] = &[
        Def { field: Field::IndicatorNameZh, name: "name_zh", read: Read::Text, required: true },
        Def { field: Field::IndicatorNameEn, name: "name_en", read: Read::TextAnyCase, required: false },
        Def { field: Field::Category, name: "category", read: Read::Code(code::<Category>), required: true },
        Def { field: Field::IndicatorUnit, name: "unit", read: Read::Code(code::<Unit>), required: false },
        Def { field: Field::IndicatorDefinition, name: "definition", read: Read::Text, required: false },
    ];
    fn id(&self) -> &IndicatorId { &self.id }
    fn id_from(s: &str) -> IndicatorId { IndicatorId::from(s) }
    fn value(&self, f: Field) -> &str {
        match f {
            Field::IndicatorNameZh => &self.name_zh,
            Field::IndicatorNameEn => &self.name_en,
            Field::Category => self.category.code(),
            Field::IndicatorUnit => self.unit.code(),
            _ => &self.definition,
        }
    }
    fn in_data<'a>(data: &'a Dataset, id: &IndicatorId) -> Option<&'a Indicator> { data.indicator(id) }
    fn in_file(cat: &mut Catalogue) -> &mut Defined<Indicator> { &mut cat.indicators }
    fn in_file_ref(cat: &Catalogue) -> &Defined<Indicator> { &cat.indicators }
    fn gazetteer(_: &IndicatorId) -> Option<Indicator> { None }
    fn bad_id(id: &IndicatorId) -> Option<Reason> { (!is_indicator_id(id.as_str())).then(|| Reason::BadIndicatorId(shown(id.as_str()))) }
    const BAD_ID_STOPS: bool = false;
    fn unknown(id: &IndicatorId) -> Reason { Reason::UnknownIndicator(shown(id.as_str())) }
    fn failed_id(id: &IndicatorId) -> String { shown(id.as_str()) }
    fn build(id: &IndicatorId, v: &[Option<&str>], fact_unit: Option<Unit>) -> Result<Indicator, bool> {
        // Without a unit of its own, the indicator takes the fact's; a fact unit that
        // failed leaves the definition open: a later row may make it.
        let (zh, category) = (v[0].ok_or(true)?, v[2].and_then(Category::from_code).ok_or(true)?);
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
    pub ix: HashMap<T::Id, (usize, Location)>,
    /// Chinese and lower-case English names, the dataset's (and the gazetteer's) too.
    pub names: HashMap<String, T::Id>,
    /// Where a definition that failed was first tried.
    pub failed: HashMap<T::Id, Location>,
}

impl<T: Entry> Defined<T> {
    fn new(names: HashMap<String, T::Id>) -> Defined<T> {
        Defined { items: Vec::new(), ix: HashMap::default(), names, failed: HashMap::default() }
    }

    pub fn add(&mut self, x: T, at: Location) {
        for n in x.names() {
            self.names.entry(n).or_insert_with(|| x.id().clone());
        }
        self.ix.insert(x.id().clone(), (self.items.len(), at));
        self.items.push(x);
    }

    pub fn get(&self, id: &T::Id) -> Option<(&T, &Location)> {
        self.ix.get(id).map(|(i, at)| (&self.items[*i], at))
    }

    /// The id a name (Chinese, or English in any case) belongs to.
    pub fn by_name(&self, name: &str) -> Option<&T::Id> {
        (self.names.get(name)).or_else(|| self.names.get(&name.to_lowercase()))
    }
}

/// The districts and indicators a fact may refer to: the dataset's, Chongqing's 38
/// (districts only), and those the file defines, with lookups by name.
pub struct Catalogue {
    pub base: Rc<Dataset>,
    pub districts: Defined<District>,
    pub indicators: Defined<Indicator>,
}

impl Catalogue {
    pub fn new(base: Rc<Dataset>) -> Catalogue {
        let chongqing: Vec<District> = gazetteer::districts(None).collect();
        Catalogue {
            districts: Defined::new(names(chongqing.iter().chain(&base.districts))),
            indicators: Defined::new(names(&base.indicators)),
            base,
        }
    }

    /// The indicator a checked fact refers to.
    pub fn indicator_of(&self, id: &IndicatorId) -> Option<&Indicator> {
        Indicator::in_data(&self.base, id).or_else(|| self.indicators.get(id).map(|x| x.0))
    }

    /// A known one and where it is known from.
    pub fn known<T: Entry>(&self, id: &T::Id) -> Option<(Cow<'_, T>, Origin)> {
        if let Some(x) = T::in_data(&self.base, id) {
            Some((Cow::Borrowed(x), Origin::Data))
        } else if let Some((x, at)) = T::in_file_ref(self).get(id) {
            Some((Cow::Borrowed(x), Origin::At(at.clone())))
        } else {
            T::gazetteer(id).map(|x| (Cow::Owned(x), Origin::Gazetteer))
        }
    }

    /// Another one's id that a new one's name would take.
    pub fn name_taken<T: Entry>(&self, name: &str, id: &T::Id) -> Option<T::Id> {
        T::in_file_ref(self).by_name(name).filter(|other| *other != id).cloned()
    }
}

/// The names of `items` (`Entry::names`), a later one's winning.
fn names<'a, T: Entry + 'a>(items: impl IntoIterator<Item = &'a T>) -> HashMap<String, T::Id> {
    let names = items.into_iter().flat_map(|x| x.names().map(|n| (n, x.id().clone())));
    names.collect()
}

/// `lower_snake_case`, starting with a letter, at most `MAX_ID_CHARS`.
fn is_indicator_id(s: &str) -> bool {
    s.len() <= MAX_ID_CHARS
        && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}
