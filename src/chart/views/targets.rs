//! Targets and forecasts beside the latest actual of the same measure: the pairing
//! rule, the gap in words, one bullet chart per district and the rest listed with
//! the reason.

use super::{imported_mark, inferred_note, is_plan};
use crate::chart::{title_in, BulletChart, BulletRow};
use crate::dataset::Dataset;
use crate::format;
use crate::i18n::{self, t, Lang};
use crate::model::*;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

/// What a target or forecast is set beside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetPairing {
    /// The latest actual of the same indicator, subject, unit and kind scope.
    Paired(usize),
    /// No actual of the same scope; the latest of another scope (a cumulative total
    /// beside an in-year target, say), which is never drawn beside it.
    OtherScope(usize),
    /// No actual of the indicator, subject and unit at all.
    Unpaired,
}

/// Whether a plan's period is one year's span (an in-year goal: new ones in 2024),
/// rather than a date (a stock to reach).
fn in_year(p: &Period) -> bool {
    p.start.year == p.end.year
        && !matches!(p.precision, Precision::AsOf | Precision::Day | Precision::MultiYear)
}

/// Whether `actual` measures what `plan` aims at: growth for a % target of an indicator
/// not in %, a share for a % target of one in %, a level for a level, new ones in a year
/// for an in-year goal and a cumulative total for a stock to reach.
fn same_scope(ds: &Dataset, plan: &Fact, actual: &Fact) -> bool {
    let percent = matches!(plan.unit, Unit::Percent | Unit::PercentagePoint);
    let indicator_in_percent =
        ds.indicator(&plan.indicator).is_some_and(|i| i.unit == Unit::Percent);
    match actual.kind {
        Kind::Growth => percent && !indicator_in_percent,
        Kind::Share => percent,
        Kind::Level => !percent || indicator_in_percent,
        Kind::CountNew => in_year(&plan.period),
        Kind::CountTotal => !in_year(&plan.period),
        Kind::Target | Kind::Forecast | Kind::Rank => false,
    }
}

/// The actual a target or forecast (`plan`, a fact index) is set beside: the latest
/// actual of the same district, indicator, subject and unit whose kind measures what
/// the plan aims at (`same_scope`).
pub fn pair_target(ds: &Dataset, plan: usize) -> TargetPairing {
    pair_among(ds, plan, 0..ds.facts.len())
}

/// `pair_target` over the candidate actuals `among` (fact indices in file order).
fn pair_among(ds: &Dataset, plan: usize, among: impl Iterator<Item = usize>) -> TargetPairing {
    let p = &ds.facts[plan];
    fn subject(f: &Fact) -> Option<&str> {
        f.subject.as_ref().map(|s| s.name.as_str())
    }
    let (mut same, mut other): (Option<usize>, Option<usize>) = (None, None);
    for i in among {
        let f = &ds.facts[i];
        if f.district != p.district
            || f.indicator != p.indicator
            || subject(f) != subject(p)
            || f.unit != p.unit
            || is_plan(f.kind)
            || f.kind == Kind::Rank
        {
            continue;
        }
        // The latest; the earliest in file order on a tie.
        let slot = if same_scope(ds, p, f) { &mut same } else { &mut other };
        if slot.is_none_or(|s| ds.facts[s].period.end < f.period.end) {
            *slot = Some(i);
        }
    }
    match (same, other) {
        (Some(a), _) => TargetPairing::Paired(a),
        (None, Some(o)) => TargetPairing::OtherScope(o),
        (None, None) => TargetPairing::Unpaired,
    }
}

/// A target or forecast with no actual to draw beside it, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct UnpairedTarget {
    pub plan: usize,
    pub reason: String,
    /// An actual of another measure exists (the reason names it).
    pub other_scope: bool,
}

/// One district's targets and forecasts: one bullet chart of those with an actual,
/// and the others in a list.
#[derive(Clone, Debug, PartialEq)]
pub struct DistrictTargets {
    pub district: DistrictId,
    pub chart: Option<Rc<BulletChart>>,
    pub unpaired: Vec<UnpairedTarget>,
}

impl DistrictTargets {
    pub fn facts(&self) -> Vec<usize> {
        let mut v = self.chart.as_ref().map(|c| c.facts()).unwrap_or_default();
        v.extend(self.unpaired.iter().map(|u| u.plan));
        v
    }
}

fn plan_word(k: Kind, lang: Lang) -> &'static str {
    if k == Kind::Target {
        t::PLAN_TARGET.get(lang)
    } else {
        t::PLAN_FORECAST.get(lang)
    }
}

/// The difference between a plan and its actual, said only when both cover the same
/// span of time (two years, two in-year figures, two dates): a partial year beside an
/// annual goal has no meaningful gap.
fn gap(plan: &Fact, actual: &Fact, lang: Lang) -> Option<String> {
    let span = |p: &Period| (p.precision, in_year(p));
    if span(&plan.period) != span(&actual.period) {
        return None;
    }
    let d = ((plan.value - actual.value).abs() * 1e4).round() / 1e4;
    // Two percentages differ by percentage points.
    let unit = match plan.unit {
        Unit::Percent => Unit::PercentagePoint,
        u => u,
    };
    let amount = format::amount(d, unit, lang);
    let word = plan_word(plan.kind, lang);
    Some(if d == 0.0 {
        t::ACTUAL_EQUALS_TARGET.get(lang).to_string()
    } else if plan.value > actual.value {
        t::PLAN_ABOVE.fill(lang, &[word, &amount])
    } else {
        t::ACTUAL_ABOVE.fill(lang, &[word, &amount])
    })
}

/// Targets and forecasts per district: one bullet chart pairing each with the latest
/// actual of the same indicator, subject, unit and kind scope (`pair_target`); those
/// without one in a list that says why (never drawn beside another scope's actual).
pub fn targets(ds: &Dataset, rows: &[usize], lang: Lang) -> Vec<DistrictTargets> {
    let mut by_district: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in rows {
        if is_plan(ds.facts[i].kind) {
            by_district.entry(ds.district_pos(&ds.facts[i].district)).or_default().push(i);
        }
    }
    // The candidate actuals of each (district, indicator), in one pass over the facts,
    // so that pairing costs one short list per plan, not a pass per plan.
    let mut candidates: HashMap<(&DistrictId, &IndicatorId), Vec<usize>> = HashMap::new();
    if !by_district.is_empty() {
        for (i, f) in ds.facts.iter().enumerate() {
            if !is_plan(f.kind) && f.kind != Kind::Rank {
                candidates.entry((&f.district, &f.indicator)).or_default().push(i);
            }
        }
    }
    by_district
        .into_values()
        .map(|mut plans| {
            crate::order::by_key(&mut plans, |&i| {
                let f = &ds.facts[i];
                (ds.indicator_pos(&f.indicator), f.period.end, i)
            });
            let district = ds.facts[plans[0]].district.clone();
            let name = i18n::district_name(ds, &district, lang);
            let mut bullets = Vec::new();
            let mut unpaired = Vec::new();
            for &p in &plans {
                let f = &ds.facts[p];
                let label = match &f.subject {
                    Some(s) => format!(
                        "{} · {}",
                        i18n::indicator_name(ds, &f.indicator, lang),
                        i18n::subject_name(s, lang)
                    ),
                    None => i18n::indicator_name(ds, &f.indicator, lang).to_string(),
                };
                let among =
                    candidates.get(&(&f.district, &f.indicator)).map_or(&[][..], Vec::as_slice);
                match pair_among(ds, p, among.iter().copied()) {
                    TargetPairing::Paired(a) => {
                        let af = &ds.facts[a];
                        bullets.push(BulletRow {
                            label,
                            plan: p,
                            plan_value: f.value,
                            plan_label: format!(
                                "{} {} · {}{}",
                                plan_word(f.kind, lang),
                                format::value_in(f, lang),
                                format::period_in(&f.period, lang),
                                imported_mark(ds, p, lang)
                            ),
                            actual: a,
                            actual_value: af.value,
                            actual_label: format!(
                                "{} {} · {}{}",
                                t::ACTUAL.get(lang),
                                format::value_in(af, lang),
                                format::period_in(&af.period, lang),
                                imported_mark(ds, a, lang)
                            ),
                            gap: gap(f, af, lang),
                            colour: ds.district_pos(&district),
                        });
                    }
                    TargetPairing::OtherScope(o) => {
                        let of = &ds.facts[o];
                        let what = i18n::kind(of.kind, lang);
                        let reason = t::OTHER_SCOPE.fill(
                            lang,
                            &[
                                what,
                                &format::value_in(of, lang),
                                &format::period_in(&of.period, lang),
                                plan_word(f.kind, lang),
                            ],
                        );
                        unpaired.push(UnpairedTarget { plan: p, reason, other_scope: true });
                    }
                    TargetPairing::Unpaired => unpaired.push(UnpairedTarget {
                        plan: p,
                        reason: t::NO_ACTUAL.get(lang).to_string(),
                        other_scope: false,
                    }),
                }
            }
            let chart = (!bullets.is_empty()).then(|| {
                let all: Vec<usize> = bullets.iter().flat_map(|r| [r.actual, r.plan]).collect();
                let mut notes = Vec::new();
                notes.extend(inferred_note(ds, &all, lang));
                Rc::new(BulletChart {
                    title: title_in(t::TARGETS_TITLE.fill(lang, &[name]), lang),
                    rows: bullets,
                    notes,
                })
            });
            DistrictTargets { district, chart, unpaired }
        })
        .collect()
}
