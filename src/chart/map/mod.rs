//! The map: Chongqing's 38 districts and counties coloured by the compared figure.
//!
//! The outlines are `static/map/chongqing.json` (written by `cargo xtask map` from
//! 天地图's 2024 county boundaries, embedded here). What is coloured follows the
//! comparison's rules exactly ([`super::comparison`]: one indicator, kind and unit;
//! latest figure or same period only; its period and inferred-year notes): the map
//! only decides the classes. A district without a figure is hatched and counted as
//! "no data", never coloured as zero; targets and forecasts are drawn with a dotted
//! pattern over the class colour and their legend says they are not results.
//! Figures of districts that are not on the map are counted, never dropped silently.
//!
//! `outlines` holds the districts' shapes, this module what is coloured (the classes
//! and the choropleth's spec), `svg` how it is drawn (the map, its hit layer, the
//! profile's locator).

mod outlines;
mod svg;

pub use outlines::{bbox, inside, map_data, rings, Inset, MapData, Shape};
pub use svg::{locator, render_map, RenderedMap};

use crate::dataset::Dataset;
use crate::format;
use crate::i18n::{self, pick, t, Lang};
use crate::model::*;
use crate::query::Filter;
use crate::state::PeriodMode;

/// A sequential palette, light to dark (ColorBrewer YlGnBu, colour-blind safe).
pub const RAMP: [&str; 5] = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];

/// One district on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    /// Position in `MapData::districts`.
    pub shape: usize,
    pub name: String,
    /// The figure coloured, if any (index into `Dataset::facts`).
    pub fact: Option<usize>,
    /// Its class in the legend (index into `RAMP`).
    pub class: Option<usize>,
    /// What a reader hears and sees on hover: name, value, unit, period.
    pub label: String,
    /// The district is in the dataset's catalogue (it has a profile).
    pub has_profile: bool,
}

/// A legend class: values from `lo` to `hi`, labelled in the unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Class {
    pub lo: f64,
    pub hi: f64,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Choropleth {
    pub title: String,
    /// The legend's heading: the unit.
    pub unit_label: String,
    /// Targets or forecasts: patterned, and the legend says they are not results.
    pub plan: bool,
    /// Every district of the map, in focus order: the inset's first, then by code.
    pub areas: Vec<Area>,
    pub classes: Vec<Class>,
    /// The comparison's notes (periods differ, latest per district, inferred years)
    /// and the map's own (figures it cannot place).
    pub notes: Vec<String>,
    /// Figures of the chosen series for districts that are not on the map.
    pub unplaced: usize,
    /// Every figure of the series shown, placed or not, for the table.
    pub chosen: Vec<usize>,
    pub auto_selected: bool,
}

impl Choropleth {
    pub fn coloured(&self) -> usize {
        self.areas.iter().filter(|a| a.fact.is_some()).count()
    }
    /// The districts with no figure, by name.
    pub fn no_data(&self) -> Vec<&str> {
        self.areas.iter().filter(|a| a.fact.is_none()).map(|a| a.name.as_str()).collect()
    }
    /// The facts coloured, for the data table.
    pub fn facts(&self) -> Vec<usize> {
        self.areas.iter().filter_map(|a| a.fact).collect()
    }
    /// The accessible name of the map: title, what is coloured, what has no data.
    pub fn summary(&self, lang: Lang) -> String {
        let with: Vec<&str> =
            self.areas.iter().filter(|a| a.fact.is_some()).map(|a| a.label.as_str()).collect();
        let none = self.no_data().len();
        t::MAP_SUMMARY.fill(
            lang,
            &[
                &self.title,
                &with.len().to_string(),
                &with.join(t::LIST_SEP.get(lang)),
                &none.to_string(),
            ],
        )
    }
}

fn number_in(v: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format::number(v),
        Lang::En => format::grouped(v),
    }
}

/// Up to five classes of about equal counts (quantiles) over the values; fewer when
/// there are fewer distinct values. Each class is `[lo, hi]` of values it holds.
pub fn classes(values: &[f64], lang: Lang) -> Vec<Class> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    crate::order::by(&mut v, f64::total_cmp);
    let mut distinct = v.clone();
    distinct.dedup();
    let k = distinct.len().min(RAMP.len());
    if k == 0 {
        return Vec::new();
    }
    let mut out: Vec<Class> = Vec::new();
    let n = v.len();
    let mut start = 0;
    for c in 0..k {
        let mut end = ((c + 1) * n).div_ceil(k).max(start + 1).min(n);
        // Equal values stay in one class.
        while end < n && v[end] == v[end - 1] {
            end += 1;
        }
        if start >= n {
            break;
        }
        let (lo, hi) = (v[start], v[end - 1]);
        let label = if lo == hi {
            number_in(lo, lang)
        } else {
            t::MAP_CLASS_RANGE.fill(lang, &[&number_in(lo, lang), &number_in(hi, lang)])
        };
        out.push(Class { lo, hi, label });
        start = end;
    }
    out
}

fn class_of(classes: &[Class], v: f64) -> Option<usize> {
    classes.iter().position(|c| v >= c.lo && v <= c.hi)
}

/// The map's spec for the filtered `rows`: the comparison's figures, one per district.
pub fn choropleth(
    ds: &Dataset,
    rows: &[usize],
    filter: &Filter,
    mode: PeriodMode,
    lang: Lang,
) -> Option<Choropleth> {
    let map = map_data();
    let cmp = super::comparison(ds, rows, filter, mode, lang)?;
    let (chosen, notes): (Vec<usize>, Vec<String>) = match &cmp.chart {
        Some(c) => (c.facts(), c.notes.clone()),
        // One district only: the comparison says so in words; the map shows it.
        None => {
            let latest = cmp.candidates.iter().copied().max_by(|&a, &b| {
                ds.facts[a].period.end.cmp(&ds.facts[b].period.end).then(b.cmp(&a))
            });
            (latest.into_iter().collect(), Vec::new())
        }
    };
    let plan = matches!(cmp.kind, Kind::Target | Kind::Forecast);
    let on_map =
        |i: usize| map.districts.iter().position(|s| s.code == ds.facts[i].district.as_str());
    let placed: Vec<(usize, usize)> =
        chosen.iter().filter_map(|&i| on_map(i).map(|s| (s, i))).collect();
    let unplaced = chosen.len() - placed.len();
    let values: Vec<f64> = placed.iter().map(|&(_, i)| ds.facts[i].value).collect();
    let classes = classes(&values, lang);

    let mut order: Vec<usize> = (0..map.districts.len()).collect();
    crate::order::by_key(&mut order, |&s| (!map.districts[s].inset, map.districts[s].code.clone()));
    let areas: Vec<Area> = order
        .into_iter()
        .map(|s| {
            let shape = &map.districts[s];
            let id = DistrictId(shape.code.as_str().into());
            let name = ds
                .district(&id)
                .map_or_else(
                    || pick(lang, &shape.zh, &shape.en),
                    |d| pick(lang, &d.name_zh, &d.name_en),
                )
                .to_string();
            let fact = placed.iter().find(|p| p.0 == s).map(|p| p.1);
            let label = match fact {
                Some(i) => {
                    let f = &ds.facts[i];
                    let mut l = t::MAP_FIGURE.fill(
                        lang,
                        &[&name, &format::value_in(f, lang), &format::period_in(&f.period, lang)],
                    );
                    if plan {
                        l.push_str(&t::PAREN.fill(lang, &[i18n::kind(f.kind, lang)]));
                    }
                    if f.period.year == YearBasis::Inferred {
                        l.push_str(t::YEAR_INFERRED_MARK.get(lang));
                    }
                    l.push_str(super::views::imported_mark(ds, i, lang));
                    l
                }
                None => t::LABELLED.fill(lang, &[&name, t::NO_DATA.get(lang)]),
            };
            Area {
                shape: s,
                class: fact.and_then(|i| class_of(&classes, ds.facts[i].value)),
                fact,
                label,
                name,
                has_profile: ds.district(&id).is_some(),
            }
        })
        .collect();
    let mut notes = notes;
    if unplaced > 0 {
        notes.push(t::MAP_UNPLACED.fill(lang, &[&unplaced.to_string()]));
    }
    if plan {
        notes.push(t::MAP_PLAN_NOTE.get(lang).into());
    }
    let title = super::series_title(
        i18n::indicator_name(ds, &cmp.indicator, lang),
        cmp.kind,
        cmp.unit,
        lang,
    );
    Some(Choropleth {
        title,
        unit_label: t::UNIT_LABEL.fill(lang, &[i18n::unit(cmp.unit, lang)]),
        plan,
        areas,
        classes,
        notes,
        unplaced,
        chosen,
        auto_selected: cmp.auto_selected,
    })
}
