//! A district's profile: its headline figures and, per category, small charts of its
//! figures of one kind and unit.

use super::{is_plan, period_notes, style, value_label};
use crate::chart::{title_in, Bar, BarChart};
use crate::dataset::Dataset;
use crate::i18n::{self, t, Lang};
use crate::model::*;
use std::collections::BTreeMap;
use std::rc::Rc;

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
    pub charts: Vec<Rc<BarChart>>,
    pub facts: Vec<usize>,
}

pub fn profile(ds: &Dataset, district: &DistrictId, lang: Lang) -> Profile {
    let mine: Vec<usize> =
        (0..ds.facts.len()).filter(|&i| ds.facts[i].district == *district).collect();
    let category_of =
        |i: usize| ds.indicator(&ds.facts[i].indicator).map_or(Category::Other, |x| x.category);

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
    crate::order::by(&mut ranked, |&a, &b| {
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
        let facts: Vec<usize> =
            mine.iter().copied().filter(|&i| category_of(i) == category).collect();
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
            let slot = groups.entry((f.kind, f.unit)).or_default().entry(&f.indicator).or_insert(i);
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
                Rc::new(BarChart {
                    title: title_in(
                        t::PROFILE_CHART_TITLE.fill(
                            lang,
                            &[
                                i18n::category(category, lang),
                                i18n::kind(kind, lang),
                                i18n::unit(unit, lang),
                            ],
                        ),
                        lang,
                    ),
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
                })
            })
            .collect();
        sections.push(CategorySection { category, charts, facts });
    }
    let mut sources: Vec<SourceId> = mine.iter().map(|&i| ds.facts[i].source.clone()).collect();
    crate::order::unique(&mut sources);
    Profile { district: district.clone(), headline, sections, sources }
}
