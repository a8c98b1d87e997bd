//! What the profile, trend, targets and breakdown views draw. Each chart holds one
//! unit; a target or forecast is drawn outlined beside the latest actual figure,
//! never as if it were a result.

use super::{Bar, BarChart, BarStyle, Point, Series, TimeChart};
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

/// Time charts: per (indicator, kind, unit), the districts with the same figure in two
/// or more periods, each point at its period's end.
pub fn trends(ds: &Dataset, rows: &[usize], lang: Lang) -> Vec<TimeChart> {
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
    for ((indicator, kind, unit), by_district) in groups {
        let series: Vec<Series> = by_district
            .into_values()
            .filter_map(|mut facts| {
                facts.sort_by_key(|&i| (ds.facts[i].period.end, i));
                facts.dedup_by_key(|i| ds.facts[*i].period.end);
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
    charts
}

/// Targets and forecasts beside the latest actual figure of the same indicator,
/// subject and unit in the same district.
pub fn targets(ds: &Dataset, rows: &[usize], lang: Lang) -> Vec<BarChart> {
    type Key<'a> = (usize, &'a IndicatorId, Option<&'a str>, Unit);
    let mut plans: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for &i in rows {
        let f = &ds.facts[i];
        if is_plan(f.kind) {
            let key = (
                ds.district_pos(&f.district),
                &f.indicator,
                f.subject.as_ref().map(|s| s.name.as_str()),
                f.unit,
            );
            plans.entry(key).or_default().push(i);
        }
    }
    // The latest actual of each (district, indicator, subject, unit), in one pass over
    // the facts (earliest in file order on a tie), not one pass per plan.
    type Actual<'a> = (&'a DistrictId, &'a IndicatorId, Option<&'a str>, Unit);
    let mut actuals: HashMap<Actual, usize> = HashMap::new();
    if !plans.is_empty() {
        for (i, f) in ds.facts.iter().enumerate() {
            if is_plan(f.kind) || f.kind == Kind::Rank {
                continue;
            }
            let key = (
                &f.district,
                &f.indicator,
                f.subject.as_ref().map(|s| s.name.as_str()),
                f.unit,
            );
            let slot = actuals.entry(key).or_insert(i);
            if ds.facts[*slot].period.end < f.period.end {
                *slot = i;
            }
        }
    }
    plans
        .into_iter()
        .map(|((_, indicator, subject, unit), mut plan)| {
            let first = &ds.facts[plan[0]];
            let actual = actuals
                .get(&(&first.district, indicator, subject, unit))
                .copied();
            plan.sort_by_key(|&i| (ds.facts[i].period.end, i));
            let mut bars = Vec::new();
            let mut notes = Vec::new();
            match actual {
                Some(a) => {
                    bars.push(bar(ds, a, pick(lang, "实际", "actual"), lang));
                    if ds.facts[a].kind == Kind::CountTotal {
                        notes.push(pick(lang, "实际数为累计总数，目标可能是当年新增数：请看原文。", "The actual is a cumulative total; the target may count new ones in its year: see the quote.").to_string());
                    }
                }
                None => notes.push(
                    pick(
                        lang,
                        "没有同一指标的实际数据可对照。",
                        "No actual figure of this indicator to set beside it.",
                    )
                    .to_string(),
                ),
            }
            for &p in &plan {
                let word = if ds.facts[p].kind == Kind::Target {
                    pick(lang, "目标", "target")
                } else {
                    pick(lang, "预计", "forecast")
                };
                bars.push(bar(ds, p, word, lang));
            }
            notes.push(
                pick(
                    lang,
                    "虚线框为目标或预计，不是实际结果。",
                    "Dashed outlines are targets or forecasts, not results.",
                )
                .to_string(),
            );
            let all: Vec<usize> = bars.iter().map(|b| b.fact).collect();
            notes.extend(inferred_note(ds, &all, lang));
            let district = i18n::district_name(ds, &first.district, lang);
            let subject = first
                .subject
                .as_ref()
                .map(|s| format!(" · {}", i18n::subject_name(s, lang)))
                .unwrap_or_default();
            BarChart {
                title: match lang {
                    Lang::Zh => format!(
                        "{district} · {}{subject}（单位：{}）",
                        i18n::indicator_name(ds, indicator, lang),
                        unit.zh()
                    ),
                    Lang::En => format!(
                        "{district} · {}{subject} (unit: {})",
                        i18n::indicator_name(ds, indicator, lang),
                        unit.en()
                    ),
                },
                bars,
                notes,
            }
        })
        .collect()
}

fn bar(ds: &Dataset, i: usize, word: &str, lang: Lang) -> Bar {
    let f = &ds.facts[i];
    Bar {
        label: format!("{word} {}", format::period_in(&f.period, lang)),
        value: f.value,
        value_label: format!(
            "{} · {}{}",
            format::value_in(f, lang),
            i18n::kind(f.kind, lang),
            imported_mark(ds, i, lang)
        ),
        fact: i,
        colour: ds.district_pos(&f.district),
        style: style(f.kind),
    }
}

/// Figures about something narrower than the district (companies, industries,
/// projects, parks), as bars within their district: one chart per district,
/// indicator, kind and unit with two or more subjects.
pub fn breakdown(ds: &Dataset, rows: &[usize], lang: Lang) -> Vec<BarChart> {
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
    groups
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
        .collect()
}
