//! The comparison: one indicator, one kind, one unit across districts, one bar per
//! district. When periods differ the chart says so and offers "same period only";
//! an indicator reported by one district is said in words, not drawn as a lonely bar.

use super::{Bar, BarChart, BarStyle};
use crate::dataset::{Dataset, PeriodKey, SeriesKey};
use crate::format;
use crate::i18n::{self, t, Lang};
use crate::model::*;
use crate::query::Filter;
use crate::state::PeriodMode;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub indicator: IndicatorId,
    pub kind: Kind,
    pub unit: Unit,
    /// `None` when fewer than two districts can be compared; `message` says why.
    /// Shared, so that a memo of it compares by pointer.
    pub chart: Option<Rc<BarChart>>,
    pub message: Option<String>,
    /// The reader chose no indicator; `default_series` chose this one.
    pub auto_selected: bool,
    /// Chosen so because two or more districts report it for one same period.
    pub auto_same_period: bool,
    /// The districts' latest figures are of different periods.
    pub periods_differ: bool,
    /// Every figure of this indicator, kind and unit among the rows, for the table.
    pub candidates: Vec<usize>,
}

/// Picks the series to compare among the district-wide facts in `rows` (the
/// reader's indicator and kind, or the most widely reported) and its bars.
pub fn comparison(
    ds: &Dataset,
    rows: &[usize],
    filter: &Filter,
    mode: PeriodMode,
    lang: Lang,
) -> Option<Comparison> {
    // The facts' series read from the dataset's columns, not from the facts.
    let p = ds.positions();
    let series = |i: usize| p.series_of(i).map(|(_, k)| k);
    let district_wide: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&i| series(i).is_some_and(|k| k.district_wide))
        .collect();
    let auto = filter
        .indicator
        .is_none()
        .then(|| default_series(ds, &district_wide, filter.kind));
    let (indicator, kind, unit) = match &auto {
        Some(d) => d.as_ref().map(|d| (d.indicator.clone(), d.kind, d.unit))?,
        None => choose_series(ds, &district_wide, filter)?,
    };
    // Every fact's indicator is in the catalogue (the dataset is validated), so the
    // series is matched by the indicator's position.
    let position = ds
        .indicator_pos(&indicator)
        .and_then(|x| u32::try_from(x).ok());
    let candidates: Vec<usize> = district_wide
        .iter()
        .copied()
        .filter(|&i| {
            series(i)
                .is_some_and(|k| Some(k.indicator) == position && k.kind == kind && k.unit == unit)
        })
        .collect();

    // Per district (in catalogue order): its facts, latest period first.
    let mut by_district: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &candidates {
        by_district.entry(p.district_rank(i)).or_default().push(i);
    }
    for facts in by_district.values_mut() {
        crate::order::by(facts, |&a, &b| {
            ds.facts[b]
                .period
                .end
                .cmp(&ds.facts[a].period.end)
                .then(a.cmp(&b))
        });
    }
    let period_of = |i: usize| format::period_in(&ds.facts[i].period, lang);
    let latest: Vec<usize> = by_district.values().map(|v| v[0]).collect();
    let mut latest_periods: Vec<String> = latest.iter().map(|&i| period_of(i)).collect();
    crate::order::unique(&mut latest_periods);
    let periods_differ = latest_periods.len() > 1;

    let mut notes = Vec::new();
    let chosen: Vec<usize> = match mode {
        PeriodMode::Latest => {
            if periods_differ {
                notes.push(t::COMPARE_PERIODS_DIFFER.fill(
                    lang,
                    &[&latest_periods.join(t::COMPARE_PERIODS_JOIN.get(lang))],
                ));
            }
            if by_district.values().any(|v| v.len() > 1) {
                notes.push(t::COMPARE_LATEST_NOTE.get(lang).into());
            }
            let mut l = latest;
            // Bars of one period stand together, newest period first.
            crate::order::by(&mut l, |&a, &b| {
                ds.facts[b].period.end.cmp(&ds.facts[a].period.end)
            });
            l
        }
        PeriodMode::SamePeriod => {
            let mut per_period: BTreeMap<String, (Date, Vec<usize>)> = BTreeMap::new();
            for facts in by_district.values() {
                let mut seen = Vec::new();
                for &i in facts {
                    let p = period_of(i);
                    if !seen.contains(&p) {
                        let e = per_period
                            .entry(p.clone())
                            .or_insert((ds.facts[i].period.end, Vec::new()));
                        e.1.push(i);
                        seen.push(p);
                    }
                }
            }
            let (period, (_, facts)) = per_period
                .into_iter()
                .max_by(|a, b| (a.1 .1.len(), a.1 .0).cmp(&(b.1 .1.len(), b.1 .0)))?;
            let left_out: Vec<String> = by_district
                .values()
                .filter(|v| !v.iter().any(|i| facts.contains(i)))
                .map(|v| i18n::district_name(ds, &ds.facts[v[0]].district, lang).to_string())
                .collect();
            notes.push(t::COMPARE_SAME_PERIOD.fill(lang, &[&period]));
            if !left_out.is_empty() {
                notes.push(t::COMPARE_LEFT_OUT.fill(lang, &[&i18n::join(lang, &left_out)]));
            }
            facts
        }
    };
    if chosen
        .iter()
        .any(|&i| ds.facts[i].period.year == YearBasis::Inferred)
    {
        notes.push(t::YEARS_INFERRED_NOTE.get(lang).into());
    }

    let bars: Vec<Bar> = chosen
        .iter()
        .map(|&i| {
            let f = &ds.facts[i];
            Bar {
                label: i18n::district_name(ds, &f.district, lang).to_string(),
                value: f.value,
                value_label: format!(
                    "{} · {}{}",
                    format::value_in(f, lang),
                    period_of(i),
                    super::views::imported_mark(ds, i, lang)
                ),
                fact: i,
                colour: ds.district_pos(&f.district),
                style: if matches!(kind, Kind::Target | Kind::Forecast) {
                    BarStyle::Outline
                } else {
                    BarStyle::Solid
                },
            }
        })
        .collect();
    let title = super::series_title(i18n::indicator_name(ds, &indicator, lang), kind, unit, lang);
    let (chart, message) = if bars.len() >= 2 {
        (Some(Rc::new(BarChart { title, bars, notes })), None)
    } else {
        let b = bars.first()?;
        let name = i18n::indicator_name(ds, &indicator, lang);
        // Other districts may report it but be filtered out: say which it is.
        let mut reporting = std::collections::BTreeSet::<&DistrictId>::new();
        reporting.extend(
            ds.facts
                .iter()
                .filter(|f| {
                    f.subject.is_none()
                        && f.indicator == indicator
                        && f.kind == kind
                        && f.unit == unit
                })
                .map(|f| &f.district),
        );
        let others = reporting.len().saturating_sub(1);
        let text = if others > 0 {
            t::COMPARE_ONLY_ONE_FILTERED
        } else {
            t::COMPARE_ONLY_ONE
        };
        let msg = text.fill(
            lang,
            &[
                &b.label,
                name,
                i18n::kind(kind, lang),
                &b.value_label,
                &others.to_string(),
            ],
        );
        (None, Some(msg))
    };
    Some(Comparison {
        indicator,
        kind,
        unit,
        chart,
        message,
        auto_selected: auto.is_some(),
        auto_same_period: auto.flatten().is_some_and(|d| d.same_period),
        periods_differ,
        candidates,
    })
}

/// The reader's indicator (and kind): its (kind, unit) reported by the most districts,
/// then the most figures. Ranks only when asked for: a rank's bar length means nothing.
fn choose_series(
    ds: &Dataset,
    rows: &[usize],
    filter: &Filter,
) -> Option<(IndicatorId, Kind, Unit)> {
    let mut series: BTreeMap<(&IndicatorId, Kind, Unit), (Vec<&DistrictId>, usize)> =
        BTreeMap::new();
    for &i in rows {
        let f = &ds.facts[i];
        if filter
            .indicator
            .as_ref()
            .is_some_and(|id| *id != f.indicator)
            || (filter.kind.is_none() && f.kind == Kind::Rank)
        {
            continue;
        }
        let e = series.entry((&f.indicator, f.kind, f.unit)).or_default();
        if !e.0.contains(&&f.district) {
            e.0.push(&f.district);
        }
        e.1 += 1;
    }
    let (&(indicator, kind, unit), _) = series.iter().max_by(|a, b| {
        (a.1 .0.len(), a.1 .1)
            .cmp(&(b.1 .0.len(), b.1 .1))
            .then(b.0.cmp(a.0))
    })?;
    Some((indicator.clone(), kind, unit))
}

/// The series compare shows when the reader chose no indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct DefaultSeries {
    pub indicator: IndicatorId,
    pub kind: Kind,
    pub unit: Unit,
    /// Two or more districts report it for one same period (else it is only the most
    /// widely reported, and its periods differ).
    pub same_period: bool,
}

/// The first chart with no indicator chosen, found from the data among the
/// district-wide figures in `rows` (no indicator is named in code): the (indicator,
/// kind, unit) whose districts' latest figures share one period for the most districts;
/// else the one with the most districts reporting one same period at all; else the
/// one reported by the most districts (then the most figures). Ranks are left out
/// unless `kind` asks for them; `kind` limits the kind.
pub fn default_series(ds: &Dataset, rows: &[usize], kind: Option<Kind>) -> Option<DefaultSeries> {
    let p = ds.positions();
    #[derive(Default)]
    struct Tally {
        // Per district (by catalogue position): its facts' periods (by number in
        // `p.periods`), each once, and its latest fact's period.
        periods: HashMap<u32, (HashSet<u32>, Option<PeriodKey>)>,
        facts: usize,
        // A fact of the series, for its indicator's id.
        first: usize,
    }
    // Each district-wide series' tally, by the series' number in `p.series_keys`.
    let mut slot_of: Vec<usize> = vec![usize::MAX; p.series_keys.len()];
    let mut series: Vec<(SeriesKey, Tally)> = Vec::new();
    for &i in rows {
        let Some((s, key)) = p.series_of(i) else {
            continue;
        };
        if !key.district_wide
            || kind.is_some_and(|k| k != key.kind)
            || (kind.is_none() && key.kind == Kind::Rank)
        {
            continue;
        }
        if slot_of[s] == usize::MAX {
            slot_of[s] = series.len();
            series.push((
                key,
                Tally {
                    first: i,
                    ..Tally::default()
                },
            ));
        }
        let t = &mut series[slot_of[s]].1;
        t.facts += 1;
        let Some((number, period)) = p.period_of(i) else {
            continue;
        };
        let d = t.periods.entry(p.district[i]).or_default();
        d.0.insert(number);
        if d.1.is_none_or(|q| (q.1, q.0) < (period.1, period.0)) {
            d.1 = Some(period);
        }
    }
    fn most_of<K: Eq + std::hash::Hash>(keys: &mut dyn Iterator<Item = K>) -> usize {
        let mut n: HashMap<K, usize> = HashMap::default();
        for k in keys {
            *n.entry(k).or_default() += 1;
        }
        n.into_values().max().unwrap_or(0)
    }
    // Each series scored once.
    type Score = (usize, usize, usize, usize);
    let scored: Vec<(Score, &SeriesKey, &Tally)> = series
        .iter()
        .map(|(k, t)| {
            let latest = most_of(&mut t.periods.values().filter_map(|d| d.1));
            let any = most_of(&mut t.periods.values().flat_map(|d| d.0.iter().copied()));
            let shared = |n: usize| if n >= 2 { n } else { 0 };
            (
                (shared(latest), shared(any), t.periods.len(), t.facts),
                k,
                t,
            )
        })
        .collect();
    // Ties go to the smallest (indicator id, kind, unit).
    let id = |t: &Tally| &ds.facts[t.first].indicator;
    let &(score, key, t) = scored.iter().max_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| (id(b.2), b.1.kind, b.1.unit).cmp(&(id(a.2), a.1.kind, a.1.unit)))
    })?;
    Some(DefaultSeries {
        indicator: id(t).clone(),
        kind: key.kind,
        unit: key.unit,
        same_period: score.1 >= 2,
    })
}
