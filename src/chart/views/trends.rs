//! Trends (a district's figure over time) and breakdowns (figures of things narrower
//! than a district, side by side): charts of several figures, with the figures that
//! would make a chart of one point or bar listed instead.

use super::{decimal_year, inferred_note, period_notes, style, value_label, Charted};
use crate::chart::{series_title, Bar, BarChart, Point, Series, TimeChart};
use crate::dataset::Dataset;
use crate::i18n::{self, t, Lang};
use crate::model::*;
use std::collections::BTreeMap;
use std::rc::Rc;

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
                crate::order::by_key(&mut facts, |&i| (ds.facts[i].period.end, i));
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
        let facts: Vec<usize> =
            series.iter().flat_map(|s| s.points.iter().map(|p| p.fact)).collect();
        let mut notes = vec![t::POINT_AT_PERIOD_END.get(lang).to_string()];
        notes.extend(inferred_note(ds, &facts, lang));
        charts.push(Rc::new(TimeChart {
            title: series_title(i18n::indicator_name(ds, indicator, lang), kind, unit, lang),
            series,
            notes,
        }));
    }
    singles.sort_unstable();
    Charted { charts, singles }
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
    let mut singles: Vec<usize> =
        groups.values().filter(|facts| facts.len() < 2).flatten().copied().collect();
    singles.sort_unstable();
    let charts = groups
        .into_iter()
        .filter(|(_, facts)| facts.len() >= 2)
        .map(|((_, indicator, kind, unit), mut facts)| {
            crate::order::by(&mut facts, |&a, &b| {
                ds.facts[b]
                    .value
                    .partial_cmp(&ds.facts[a].value)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.cmp(&b))
            });
            let district = i18n::district_name(ds, &ds.facts[facts[0]].district, lang);
            let notes = period_notes(ds, &facts, lang);
            let name = format!("{district} · {}", i18n::indicator_name(ds, indicator, lang));
            Rc::new(BarChart {
                title: series_title(&name, kind, unit, lang),
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
            })
        })
        .collect();
    Charted { charts, singles }
}
