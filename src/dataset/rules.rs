//! The rules one fact must pass, whoever gives it (the curated data or an import), and
//! the one-unit rule across districts: each written once, here.

use crate::i18n::{pick_owned, Lang};
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
        let (zh, en) = match self {
            FactProblem::UnknownSource(s) => {
                (format!("未知的来源 {s}"), format!("unknown source {s}"))
            }
            FactProblem::UnknownDistrict(d) => {
                (format!("未知的区县 {d}"), format!("unknown district {d}"))
            }
            FactProblem::UnknownIndicator(i) => {
                (format!("未知的指标 {i}"), format!("unknown indicator {i}"))
            }
            FactProblem::UnitDoesNotFit {
                unit,
                kind,
                indicator,
                indicator_unit,
            } => (
                format!(
                    "单位“{}”不适用于指标 {indicator}（单位“{}”）的“{}”类数据",
                    unit.zh(),
                    indicator_unit.zh(),
                    kind.zh()
                ),
                format!(
                    "unit {} does not fit kind {} of indicator {} (unit {})",
                    unit.code(),
                    kind.code(),
                    indicator,
                    indicator_unit.code()
                ),
            ),
            FactProblem::RankWithoutGroup => (
                "排名须填写排名范围（rank_group）".into(),
                "a rank needs rank_group, the group it is ranked in".into(),
            ),
            FactProblem::PeriodReversed { start, end } => (
                format!("时期的起始日期 {start} 晚于截止日期 {end}"),
                format!("period starts {start} after it ends {end}"),
            ),
            FactProblem::InferredYearWithoutNote => (
                "年份系推断时须在时间说明（period.note）中写明如何推断".into(),
                "an inferred year needs period.note saying how it was read".into(),
            ),
            FactProblem::QuoteEmpty => ("引文为空".into(), "quote is empty".into()),
            FactProblem::QuoteTooLong => (
                format!("引文超过 {MAX_QUOTE_CHARS} 个字：只引含数字的分句"),
                format!("quote is longer than {MAX_QUOTE_CHARS} characters: quote the clause"),
            ),
            FactProblem::ValueNotInQuote(m) => return m.text(lang),
        };
        pick_owned(lang, zh, en)
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
        e.push(FactProblem::PeriodReversed {
            start: f.period.start,
            end: f.period.end,
        });
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
        UnitUse {
            units: Vec::new(),
            several_districts: false,
        }
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
