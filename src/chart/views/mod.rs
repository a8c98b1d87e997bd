//! What the profile, trend, targets and breakdown views draw. Each chart holds one
//! unit; a target or forecast is drawn outlined beside the latest actual figure,
//! never as if it were a result.

use super::{Bar, BarChart, BarStyle, BulletChart, BulletRow, Point, Series, TimeChart};
use crate::dataset::Dataset;
use crate::format;
use crate::i18n::{self, pick, Lang};
use crate::model::*;
use std::collections::{BTreeMap, HashMap};

fn is_plan(k: Kind) -> bool {
    matches!(k, Kind::Target | Kind::Forecast)
}

fn style(k: Kind) -> BarStyle {
    if is_plan(k) {
        BarStyle::Outline
    } else {
        BarStyle::Solid
    }
}

fn value_label(ds: &Dataset, i: usize, lang: Lang) -> String {
    let f = &ds.facts[i];
    format!(
        "{} · {}{}",
        format::value_in(f, lang),
        format::period_in(&f.period, lang),
        imported_mark(ds, i, lang)
    )
}

/// Imported figures say so wherever they are drawn.
pub fn imported_mark(ds: &Dataset, i: usize, lang: Lang) -> &'static str {
    if ds.is_imported(&ds.facts[i]) {
        pick(lang, "（导入）", " (imported)")
    } else {
        ""
    }
}

fn inferred_note(ds: &Dataset, facts: &[usize], lang: Lang) -> Option<String> {
    facts
        .iter()
        .any(|&i| ds.facts[i].period.year == YearBasis::Inferred)
        .then(|| {
            pick(
                lang,
                "部分数据的年份系根据报道日期推断。",
                "Some years are inferred from the article's date.",
            )
            .into()
        })
}

/// Notes for a chart of several figures: their periods when they differ, and whether
/// any year was inferred.
fn period_notes(ds: &Dataset, facts: &[usize], lang: Lang) -> Vec<String> {
    let mut periods: Vec<String> = facts
        .iter()
        .map(|&i| format::period_in(&ds.facts[i].period, lang))
        .collect();
    periods.sort();
    periods.dedup();
    let mut notes = Vec::new();
    if periods.len() > 1 {
        notes.push(match lang {
            Lang::Zh => format!("各项时期不同（{}）。", periods.join("、")),
            Lang::En => format!(
                "The figures are of different periods ({}).",
                periods.join(", ")
            ),
        });
    }
    notes.extend(inferred_note(ds, facts, lang));
    notes
}

/// One district's figures: headline numbers, then per category the small charts
/// (figures of one kind and unit side by side) and all its figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub district: DistrictId,
    pub headline: Vec<usize>,
    pub sections: Vec<CategorySection>,
    pub sources: Vec<SourceId>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CategorySection {
    pub category: Category,
    pub charts: Vec<BarChart>,
    pub facts: Vec<usize>,
}

pub fn profile(ds: &Dataset, district: &DistrictId, lang: Lang) -> Profile {
    let mine: Vec<usize> = (0..ds.facts.len())
        .filter(|&i| ds.facts[i].district == *district)
        .collect();
    let category_of = |i: usize| {
        ds.indicator(&ds.facts[i].indicator)
            .map_or(Category::Other, |x| x.category)
    };

    // Headline: the latest district-wide output and investment figures, then totals.
    let mut headline: Vec<usize> = Vec::new();
    let mut seen: Vec<(&IndicatorId, Kind)> = Vec::new();
    let mut ranked: Vec<usize> = mine
        .iter()
        .copied()
        .filter(|&i| {
            ds.facts[i].subject.is_none()
                && !is_plan(ds.facts[i].kind)
                && ds.facts[i].kind != Kind::Rank
        })
        .collect();
    let priority = |i: usize| match (category_of(i), ds.facts[i].kind) {
        (Category::Output, Kind::Level) => 0,
        (Category::Output, Kind::Growth) => 1,
        (Category::Investment, _) => 2,
        (_, Kind::CountTotal) => 3,
        _ => 4,
    };
    ranked.sort_by(|&a, &b| {
        priority(a)
            .cmp(&priority(b))
            .then(ds.facts[b].period.end.cmp(&ds.facts[a].period.end))
            .then(a.cmp(&b))
    });
    for i in ranked {
        let key = (&ds.facts[i].indicator, ds.facts[i].kind);
        if headline.len() < 6 && priority(i) < 4 && !seen.contains(&key) {
            seen.push(key);
            headline.push(i);
        }
    }

    let mut sections = Vec::new();
    for &category in Category::ALL {
        let facts: Vec<usize> = mine
            .iter()
            .copied()
            .filter(|&i| category_of(i) == category)
            .collect();
        if facts.is_empty() {
            continue;
        }
        // Small charts: district-wide figures of one kind and unit, latest per indicator.
        let mut groups: BTreeMap<(Kind, Unit), BTreeMap<&IndicatorId, usize>> = BTreeMap::new();
        for &i in &facts {
            let f = &ds.facts[i];
            if f.subject.is_some() || f.kind == Kind::Rank {
                continue;
            }
            let slot = groups
                .entry((f.kind, f.unit))
                .or_default()
                .entry(&f.indicator)
                .or_insert(i);
            if ds.facts[*slot].period.end < f.period.end {
                *slot = i;
            }
        }
        let charts = groups
            .into_iter()
            .filter(|(_, by_ind)| by_ind.len() >= 2)
            .map(|((kind, unit), by_ind)| {
                let chosen: Vec<usize> = by_ind.into_values().collect();
                let notes = period_notes(ds, &chosen, lang);
                BarChart {
                    title: match lang {
                        Lang::Zh => {
                            format!("{}：{}（单位：{}）", category.zh(), kind.zh(), unit.zh())
                        }
                        Lang::En => {
                            format!("{}: {} (unit: {})", category.en(), kind.en(), unit.en())
                        }
                    },
                    bars: chosen
                        .iter()
                        .map(|&i| Bar {
                            label: i18n::indicator_name(ds, &ds.facts[i].indicator, lang)
                                .to_string(),
                            value: ds.facts[i].value,
                            value_label: value_label(ds, i, lang),
                            fact: i,
                            colour: ds.district_pos(district),
                            style: style(kind),
                        })
                        .collect(),
                    notes,
                }
            })
            .collect();
        sections.push(CategorySection {
            category,
            charts,
            facts,
        });
    }
    let mut sources: Vec<SourceId> = mine.iter().map(|&i| ds.facts[i].source.clone()).collect();
    sources.sort();
    sources.dedup();
    Profile {
        district: district.clone(),
        headline,
        sections,
        sources,
    }
}

/// Decimal year of a date: 2022-12-31 → about 2022.997.
pub fn decimal_year(d: Date) -> f64 {
    let day_of_year = f64::from(d.month - 1) * 30.44 + f64::from(d.day - 1);
    f64::from(d.year) + day_of_year / 365.25
}

/// A view's charts, and the figures it considered but did not chart because a chart
/// of them would say nothing a line of text does not (one point, one bar): listed.
#[derive(Clone, Debug, PartialEq)]
pub struct Charted<C> {
    pub charts: Vec<C>,
    pub singles: Vec<usize>,
}

/// Time charts: per (indicator, kind, unit), the districts with the same figure in two
/// or more periods, each point at its period's end. A series of one point is not
/// drawn: its figure is in `singles`.
pub fn trends(ds: &Dataset, rows: &[usize], lang: Lang) -> Charted<TimeChart> {
    let mut groups: BTreeMap<(&IndicatorId, Kind, Unit), BTreeMap<usize, Vec<usize>>> =
        BTreeMap::new();
    for &i in rows {
        let f = &ds.facts[i];
        if f.subject.is_some() || f.kind == Kind::Rank {
            continue;
        }
        groups
            .entry((&f.indicator, f.kind, f.unit))
            .or_default()
            .entry(ds.district_pos(&f.district))
            .or_default()
            .push(i);
    }
    let mut charts = Vec::new();
    let mut singles = Vec::new();
    for ((indicator, kind, unit), by_district) in groups {
        let series: Vec<Series> = by_district
            .into_values()
            .filter_map(|mut facts| {
                facts.sort_by_key(|&i| (ds.facts[i].period.end, i));
                let all = facts.clone();
                facts.dedup_by_key(|i| ds.facts[*i].period.end);
                if facts.len() < 2 {
                    singles.extend(all);
                }
                (facts.len() >= 2).then(|| {
                    let d = &ds.facts[facts[0]].district;
                    Series {
                        label: i18n::district_name(ds, d, lang).to_string(),
                        colour: ds.district_pos(d),
                        points: facts
                            .iter()
                            .map(|&i| Point {
                                x: decimal_year(ds.facts[i].period.end),
                                value: ds.facts[i].value,
                                label: value_label(ds, i, lang),
                                fact: i,
                            })
                            .collect(),
                    }
                })
            })
            .collect();
        if series.is_empty() {
            continue;
        }
        let facts: Vec<usize> = series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.fact))
            .collect();
        let mut notes = vec![pick(
            lang,
            "各点位于其时期的截止日期。",
            "Each point stands at the end of its period.",
        )
        .to_string()];
        notes.extend(inferred_note(ds, &facts, lang));
        charts.push(TimeChart {
            title: match lang {
                Lang::Zh => format!(
                    "{}（{}，单位：{}）",
                    i18n::indicator_name(ds, indicator, lang),
                    kind.zh(),
                    unit.zh()
                ),
                Lang::En => format!(
                    "{} ({}, unit: {})",
                    i18n::indicator_name(ds, indicator, lang),
                    kind.en(),
                    unit.en()
                ),
            },
            series,
            notes,
        });
    }
    singles.sort_unstable();
    Charted { charts, singles }
}

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
        && !matches!(
            p.precision,
            Precision::AsOf | Precision::Day | Precision::MultiYear
        )
}

/// Whether `actual` measures what `plan` aims at: growth for a % target of an indicator
/// not in %, a share for a % target of one in %, a level for a level, new ones in a year
/// for an in-year goal and a cumulative total for a stock to reach.
fn same_scope(ds: &Dataset, plan: &Fact, actual: &Fact) -> bool {
    let percent = matches!(plan.unit, Unit::Percent | Unit::PercentagePoint);
    let indicator_in_percent = ds
        .indicator(&plan.indicator)
        .is_some_and(|i| i.unit == Unit::Percent);
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
        let slot = if same_scope(ds, p, f) {
            &mut same
        } else {
            &mut other
        };
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
    pub chart: Option<BulletChart>,
    pub unpaired: Vec<UnpairedTarget>,
}

impl DistrictTargets {
    pub fn facts(&self) -> Vec<usize> {
        let mut v = self
            .chart
            .as_ref()
            .map(BulletChart::facts)
            .unwrap_or_default();
        v.extend(self.unpaired.iter().map(|u| u.plan));
        v
    }
}

fn plan_word(k: Kind, lang: Lang) -> &'static str {
    if k == Kind::Target {
        pick(lang, "目标", "target")
    } else {
        pick(lang, "预计", "forecast")
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
    let amount = match (plan.unit, lang) {
        (Unit::Percent | Unit::PercentagePoint, Lang::Zh) => {
            format!("{}个百分点", format::number(d))
        }
        (Unit::Percent | Unit::PercentagePoint, Lang::En) => {
            format!("{} percentage points", format::grouped(d))
        }
        (u, Lang::Zh) => format!("{}{}", format::number(d), u.zh()),
        (u, Lang::En) => format!("{} {}", format::grouped(d), u.en()),
    };
    let word = plan_word(plan.kind, lang);
    Some(if d == 0.0 {
        pick(lang, "实际与目标持平", "the actual equals the target").to_string()
    } else if plan.value > actual.value {
        match lang {
            Lang::Zh => format!("{word}比实际高{amount}"),
            Lang::En => format!("the {word} is {amount} above the actual"),
        }
    } else {
        match lang {
            Lang::Zh => format!("实际已比{word}高{amount}"),
            Lang::En => format!("the actual is already {amount} above the {word}"),
        }
    })
}

/// Targets and forecasts per district: one bullet chart pairing each with the latest
/// actual of the same indicator, subject, unit and kind scope (`pair_target`); those
/// without one in a list that says why (never drawn beside another scope's actual).
pub fn targets(ds: &Dataset, rows: &[usize], lang: Lang) -> Vec<DistrictTargets> {
    let mut by_district: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in rows {
        if is_plan(ds.facts[i].kind) {
            by_district
                .entry(ds.district_pos(&ds.facts[i].district))
                .or_default()
                .push(i);
        }
    }
    // The candidate actuals of each (district, indicator), in one pass over the facts,
    // so that pairing costs one short list per plan, not a pass per plan.
    let mut candidates: HashMap<(&DistrictId, &IndicatorId), Vec<usize>> = HashMap::new();
    if !by_district.is_empty() {
        for (i, f) in ds.facts.iter().enumerate() {
            if !is_plan(f.kind) && f.kind != Kind::Rank {
                candidates
                    .entry((&f.district, &f.indicator))
                    .or_default()
                    .push(i);
            }
        }
    }
    by_district
        .into_values()
        .map(|mut plans| {
            plans.sort_by_key(|&i| {
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
                let among = candidates
                    .get(&(&f.district, &f.indicator))
                    .map_or(&[][..], Vec::as_slice);
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
                                pick(lang, "实际", "actual"),
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
                        let reason = match lang {
                            Lang::Zh => format!(
                                "只有{what}{}（{}），与{}口径不同，不作对照",
                                format::value_in(of, lang),
                                format::period_in(&of.period, lang),
                                plan_word(f.kind, lang)
                            ),
                            Lang::En => format!(
                                "only a {what} is known, {} ({}): not the same measure as the {}, so not set beside it",
                                format::value_in(of, lang),
                                format::period_in(&of.period, lang),
                                plan_word(f.kind, lang)
                            ),
                        };
                        unpaired.push(UnpairedTarget {
                            plan: p,
                            reason,
                            other_scope: true,
                        });
                    }
                    TargetPairing::Unpaired => unpaired.push(UnpairedTarget {
                        plan: p,
                        reason: pick(lang, "没有实际数据", "no actual figure")
                            .to_string(),
                        other_scope: false,
                    }),
                }
            }
            let chart = (!bullets.is_empty()).then(|| {
                let all: Vec<usize> = bullets.iter().flat_map(|r| [r.actual, r.plan]).collect();
                let mut notes = Vec::new();
                notes.extend(inferred_note(ds, &all, lang));
                BulletChart {
                    title: match lang {
                        Lang::Zh => format!("{name}：目标与最新实际"),
                        Lang::En => format!("{name}: targets and the latest actuals"),
                    },
                    rows: bullets,
                    notes,
                }
            });
            DistrictTargets {
                district,
                chart,
                unpaired,
            }
        })
        .collect()
}

/// Figures about something narrower than the district (companies, industries,
/// projects, parks), as bars within their district: one chart per district,
/// indicator, kind and unit with two or more subjects; a lone one is in `singles`.
pub fn breakdown(ds: &Dataset, rows: &[usize], lang: Lang) -> Charted<BarChart> {
    let mut groups: BTreeMap<(usize, &IndicatorId, Kind, Unit), Vec<usize>> = BTreeMap::new();
    for &i in rows {
        let f = &ds.facts[i];
        if f.subject.is_some() && f.kind != Kind::Rank {
            groups
                .entry((ds.district_pos(&f.district), &f.indicator, f.kind, f.unit))
                .or_default()
                .push(i);
        }
    }
    let mut singles: Vec<usize> = groups
        .values()
        .filter(|facts| facts.len() < 2)
        .flatten()
        .copied()
        .collect();
    singles.sort_unstable();
    let charts = groups
        .into_iter()
        .filter(|(_, facts)| facts.len() >= 2)
        .map(|((_, indicator, kind, unit), mut facts)| {
            facts.sort_by(|&a, &b| {
                ds.facts[b]
                    .value
                    .partial_cmp(&ds.facts[a].value)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.cmp(&b))
            });
            let district = i18n::district_name(ds, &ds.facts[facts[0]].district, lang);
            let notes = period_notes(ds, &facts, lang);
            BarChart {
                title: match lang {
                    Lang::Zh => format!(
                        "{district} · {}（{}，单位：{}）",
                        i18n::indicator_name(ds, indicator, lang),
                        kind.zh(),
                        unit.zh()
                    ),
                    Lang::En => format!(
                        "{district} · {} ({}, unit: {})",
                        i18n::indicator_name(ds, indicator, lang),
                        kind.en(),
                        unit.en()
                    ),
                },
                bars: facts
                    .iter()
                    .map(|&i| Bar {
                        label: ds.facts[i]
                            .subject
                            .as_ref()
                            .map_or(String::new(), |s| i18n::subject_name(s, lang).to_string()),
                        value: ds.facts[i].value,
                        value_label: value_label(ds, i, lang),
                        fact: i,
                        colour: ds.district_pos(&ds.facts[i].district),
                        style: style(kind),
                    })
                    .collect(),
                notes,
            }
        })
        .collect();
    Charted { charts, singles }
}
