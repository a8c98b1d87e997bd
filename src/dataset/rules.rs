//! The rules one fact must pass, whoever gives it (the curated data or an import), and
//! the one-unit rule across districts: each written once, here.

use crate::i18n::{pick, t, Lang};
use crate::model::*;
use crate::numtext::{self, QuoteMismatch};

/// Longest quote accepted: a clause, not a passage.
pub const MAX_QUOTE_CHARS: usize = 80;

/// A rule one fact breaks. `validate` reports it in English for the data files
/// (`text(Lang::En)` is the message the loader has always given); the importer reports it per row
/// in both languages, in the column `field` names.
#[derive(Clone, Debug, PartialEq)]
pub enum FactProblem {
    UnknownSource(SourceId),
    UnknownDistrict(DistrictId),
    UnknownIndicator(IndicatorId),
    /// `unit_fits` failed.
    UnitDoesNotFit {
        unit: Unit,
        kind: Kind,
        indicator: IndicatorId,
        indicator_unit: Unit,
    },
    RankWithoutGroup,
    PeriodReversed {
        start: Date,
        end: Date,
    },
    InferredYearWithoutNote,
    QuoteEmpty,
    QuoteTooLong,
    /// `numtext::check_value_in_quote` failed.
    ValueNotInQuote(QuoteMismatch),
}

impl FactProblem {
    /// The fact field the problem is about.
    pub fn field(&self) -> FactField {
        match self {
            FactProblem::UnknownSource(_) => FactField::Source,
            FactProblem::UnknownDistrict(_) => FactField::District,
            FactProblem::UnknownIndicator(_) => FactField::Indicator,
            FactProblem::UnitDoesNotFit { .. } => FactField::Unit,
            FactProblem::RankWithoutGroup => FactField::RankGroup,
            FactProblem::PeriodReversed { .. } => FactField::PeriodEnd,
            FactProblem::InferredYearWithoutNote => FactField::PeriodNote,
            FactProblem::QuoteEmpty | FactProblem::QuoteTooLong => FactField::Quote,
            FactProblem::ValueNotInQuote(m) => m.field(),
        }
    }

    /// The reason in the reader's language; the data loader reports it in English.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            FactProblem::UnknownSource(s) => t::FACT_UNKNOWN_SOURCE.fill(lang, &[s.as_str()]),
            FactProblem::UnknownDistrict(d) => t::FACT_UNKNOWN_DISTRICT.fill(lang, &[d.as_str()]),
            FactProblem::UnknownIndicator(i) => t::FACT_UNKNOWN_INDICATOR.fill(lang, &[i.as_str()]),
            FactProblem::UnitDoesNotFit { unit, kind, indicator, indicator_unit } => {
                // Chinese names in Chinese, codes in English, in the Chinese order.
                let name = |zh: &'static str, code: &'static str| pick(lang, zh, code);
                t::FACT_UNIT_DOES_NOT_FIT.fill(
                    lang,
                    &[
                        name(unit.zh(), unit.code()),
                        indicator.as_str(),
                        name(indicator_unit.zh(), indicator_unit.code()),
                        name(kind.zh(), kind.code()),
                    ],
                )
            }
            FactProblem::RankWithoutGroup => t::FACT_RANK_WITHOUT_GROUP.get(lang).into(),
            FactProblem::PeriodReversed { start, end } => {
                t::FACT_PERIOD_REVERSED.fill(lang, &[&start.to_string(), &end.to_string()])
            }
            FactProblem::InferredYearWithoutNote => {
                t::FACT_INFERRED_YEAR_WITHOUT_NOTE.get(lang).into()
            }
            FactProblem::QuoteEmpty => t::FACT_QUOTE_EMPTY.get(lang).into(),
            FactProblem::QuoteTooLong => {
                t::FACT_QUOTE_TOO_LONG.fill(lang, &[&MAX_QUOTE_CHARS.to_string()])
            }
            FactProblem::ValueNotInQuote(m) => m.text(lang),
        }
    }
}

/// Every rule one fact must pass that needs no other fact and no article text, given
/// what its references resolve to. A fact of an imported source may have an empty
/// quote: then no quote is checked, but a `value_text` must still read as the value.
pub fn fact_problems(
    f: &Fact,
    source: Option<&Source>,
    district_known: bool,
    indicator: Option<&Indicator>,
) -> Vec<FactProblem> {
    let mut e = Vec::new();
    if source.is_none() {
        e.push(FactProblem::UnknownSource(f.source.clone()));
    }
    if !district_known {
        e.push(FactProblem::UnknownDistrict(f.district.clone()));
    }
    match indicator {
        None => e.push(FactProblem::UnknownIndicator(f.indicator.clone())),
        Some(ind) => {
            if !unit_fits(f, ind) {
                e.push(FactProblem::UnitDoesNotFit {
                    unit: f.unit,
                    kind: f.kind,
                    indicator: ind.id.clone(),
                    indicator_unit: ind.unit,
                });
            }
        }
    }
    if f.kind == Kind::Rank && f.rank_group.as_deref().is_none_or(str::is_empty) {
        e.push(FactProblem::RankWithoutGroup);
    }
    if f.period.start > f.period.end {
        e.push(FactProblem::PeriodReversed { start: f.period.start, end: f.period.end });
    }
    let no_note = |n: &Option<String>| n.as_deref().is_none_or(|t| t.trim().is_empty());
    if f.period.year == YearBasis::Inferred
        && no_note(&f.period.note_zh)
        && no_note(&f.period.note_en)
    {
        e.push(FactProblem::InferredYearWithoutNote);
    }
    let unquoted_import = source.is_some_and(|s| s.imported) && f.quote.trim().is_empty();
    let quote = if unquoted_import {
        // No quote to print the value: the value text stands in for it, so only the
        // value text's reading (or, without one, finiteness) is checked.
        match f.value_text.as_deref() {
            Some(text) => text,
            None if f.value.is_finite() => return e,
            None => "",
        }
    } else {
        if f.quote.trim().is_empty() {
            e.push(FactProblem::QuoteEmpty);
        } else if f.quote.chars().count() > MAX_QUOTE_CHARS {
            e.push(FactProblem::QuoteTooLong);
        }
        &f.quote
    };
    if let Err(m) = numtext::check_value_in_quote(f.value, f.value_text.as_deref(), quote) {
        e.push(FactProblem::ValueNotInQuote(m));
    }
    e
}

/// The unit rule: levels and counts are in a unit of the indicator's measure (the
/// article's own: 万元 under an 亿元 indicator), growth in % (or percentage points, or
/// x-fold), shares in %, ranks in 位, targets and forecasts in the indicator's measure
/// or % (a growth goal). Across districts, [`UnitUse`] also demands one unit.
pub fn unit_fits(f: &Fact, ind: &Indicator) -> bool {
    let same_measure = f.unit.measure().0 == ind.unit.measure().0;
    match f.kind {
        Kind::Level | Kind::CountNew | Kind::CountTotal => same_measure,
        Kind::Growth => matches!(f.unit, Unit::Percent | Unit::PercentagePoint | Unit::Bei),
        Kind::Share => f.unit == Unit::Percent,
        Kind::Rank => f.unit == Unit::Wei,
        Kind::Target | Kind::Forecast => {
            same_measure || matches!(f.unit, Unit::Percent | Unit::PercentagePoint)
        }
    }
}

/// The units one (indicator, kind) is given in, and by which districts. The rule:
/// comparisons are never across units, so several districts share one unit (one
/// district alone may use several). `validate` notes every fact and reports each
/// (indicator, kind) that [`conflicts`](UnitUse::conflicts); the importer
/// [`admit`](UnitUse::admit)s facts first come, first served.
#[derive(Debug)]
pub struct UnitUse<'a, O> {
    /// Each unit with the first district and place (`O`) that used it.
    pub units: Vec<(Unit, &'a DistrictId, O)>,
    several_districts: bool,
}

impl<O> Default for UnitUse<'_, O> {
    fn default() -> Self {
        UnitUse { units: Vec::new(), several_districts: false }
    }
}

impl<'a, O: Clone> UnitUse<'a, O> {
    /// Notes one more use, whether or not it breaks the rule.
    pub fn note(&mut self, unit: Unit, district: &'a DistrictId, at: O) {
        self.several_districts =
            self.several_districts || self.units.iter().any(|u| u.1 != district);
        if !self.units.iter().any(|u| u.0 == unit) {
            self.units.push((unit, district, at));
        }
    }

    /// Whether the uses noted break the rule.
    pub fn conflicts(&self) -> bool {
        self.several_districts && self.units.len() > 1
    }

    /// Notes one more use if it keeps the rule, or says which earlier use it conflicts
    /// with (and notes nothing).
    pub fn admit(
        &mut self,
        unit: Unit,
        district: &'a DistrictId,
        at: O,
    ) -> Result<(), (Unit, &'a DistrictId, O)> {
        let several = self.several_districts || self.units.iter().any(|u| u.1 != district);
        let new_unit = !self.units.iter().any(|u| u.0 == unit);
        if several && self.units.len() + usize::from(new_unit) > 1 {
            let other = self.units.iter().find(|u| u.0 != unit);
            if let Some((u, d, o)) = other.or(self.units.first()) {
                return Err((*u, *d, o.clone()));
            }
        }
        self.note(unit, district, at);
        Ok(())
    }
}
