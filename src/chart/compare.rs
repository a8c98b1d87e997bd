//! The comparison: one indicator, one kind, one unit across districts, one bar per
//! district. When periods differ the chart says so and offers "same period only";
//! an indicator reported by one district is said in words, not drawn as a lonely bar.

use super::{Bar, BarChart, BarStyle};
use crate::dataset::{Dataset, SeriesKey};
use crate::format;
use crate::i18n::{self, t, Lang};
use crate::model::*;
use crate::query::Filter;
use crate::state::PeriodMode;
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
    // Only district-wide figures are compared (default_series keeps to them itself).
    let auto = filter.indicator.is_none().then(|| default_series(ds, rows, filter.kind));
    let (indicator, kind, unit, candidates) = match &auto {
        // The default series and its own figures, as it found them.
        Some(d) => {
            let d = d.as_ref()?;
            (d.indicator.clone(), d.kind, d.unit, d.facts.clone())
        }
        None => {
            let wide = |i: &usize| series(*i).is_some_and(|k| k.district_wide);
            let district_wide: Vec<usize> = rows.iter().copied().filter(wide).collect();
            let (indicator, kind, unit) = choose_series(ds, &district_wide, filter)?;
            // Every fact's indicator is in the catalogue (the dataset is validated),
            // so the series is matched by the indicator's position.
            let position = ds.indicator_pos(&indicator).and_then(|x| u32::try_from(x).ok());
            let candidates = district_wide
                .into_iter()
                .filter(|&i| {
                    series(i).is_some_and(|k| {
                        Some(k.indicator) == position && k.kind == kind && k.unit == unit
                    })
                })
                .collect();
            (indicator, kind, unit, candidates)
        }
    };

    // Per district (in catalogue order): its facts, latest period first.
    let mut by_district: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &candidates {
        by_district.entry(p.district_rank(i)).or_default().push(i);
    }
    for facts in by_district.values_mut() {
        crate::order::by(facts, |&a, &b| {
            ds.facts[b].period.end.cmp(&ds.facts[a].period.end).then(a.cmp(&b))
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
                notes.push(
                    t::COMPARE_PERIODS_DIFFER
                        .fill(lang, &[&latest_periods.join(t::COMPARE_PERIODS_JOIN.get(lang))]),
                );
            }
            if by_district.values().any(|v| v.len() > 1) {
                notes.push(t::COMPARE_LATEST_NOTE.get(lang).into());
            }
            let mut l = latest;
            // Bars of one period stand together, newest period first.
            crate::order::by(&mut l, |&a, &b| ds.facts[b].period.end.cmp(&ds.facts[a].period.end));
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
    if chosen.iter().any(|&i| ds.facts[i].period.year == YearBasis::Inferred) {
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
        let text = if others > 0 { t::COMPARE_ONLY_ONE_FILTERED } else { t::COMPARE_ONLY_ONE };
        let msg = text.fill(
            lang,
            &[&b.label, name, i18n::kind(kind, lang), &b.value_label, &others.to_string()],
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
        if filter.indicator.as_ref().is_some_and(|id| *id != f.indicator)
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
    let (&(indicator, kind, unit), _) = series
        .iter()
        .max_by(|a, b| (a.1 .0.len(), a.1 .1).cmp(&(b.1 .0.len(), b.1 .1)).then(b.0.cmp(a.0)))?;
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
    /// Its figures among the rows it was chosen from, in their order.
    pub facts: Vec<usize>,
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
        // Its facts' (district's catalogue position, period's number in `p.periods`),
        // as `district << 32 | period`, repeats included: pushing is cheaper than a set
        // per district at 100,000 rows.
        pairs: Vec<u64>,
        // Its figures, in row order (the first for its indicator's id).
        facts: Vec<usize>,
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
            series.push((key, Tally::default()));
        }
        let t = &mut series[slot_of[s]].1;
        t.facts.push(i);
        if let Some((number, _)) = p.period_of(i) {
            t.pairs.push(u64::from(p.district[i]) << 32 | u64::from(number));
        }
    }
    let mut spread = Spread::new(ds.districts.len() + 1, p.periods.len());
    // Each period's rank as "latest": by (end, start), the first numbered first on a
    // tie; ranked once, so a district's latest is found by comparing numbers.
    let mut by_end: Vec<u32> = (0..p.periods.len() as u32).collect();
    crate::order::by(&mut by_end, |&a, &b| {
        let (x, y) = (p.periods[a as usize], p.periods[b as usize]);
        (x.1, x.0, b).cmp(&(y.1, y.0, a))
    });
    let mut rank = vec![0u32; by_end.len()];
    for (r, &q) in by_end.iter().enumerate() {
        rank[q as usize] = r as u32;
    }
    let later = |q: u32| rank[q as usize];
    // Each series scored once: (districts sharing the latest period, districts sharing
    // any one period, districts, facts).
    type Score = (usize, usize, usize, usize);
    let scored: Vec<Score> = series
        .iter()
        .map(|(_, t)| {
            let (latest, any, districts) = spread.of(&t.pairs, later);
            let shared = |n: usize| if n >= 2 { n } else { 0 };
            (shared(latest), shared(any), districts, t.facts.len())
        })
        .collect();
    // Ties go to the smallest (indicator id, kind, unit).
    let id = |t: &Tally| &ds.facts[t.facts[0]].indicator;
    let best = (0..series.len()).max_by(|&a, &b| {
        let ((ka, ta), (kb, tb)) = (&series[a], &series[b]);
        scored[a]
            .cmp(&scored[b])
            .then_with(|| (id(tb), kb.kind, kb.unit).cmp(&(id(ta), ka.kind, ka.unit)))
    })?;
    let same_period = scored[best].1 >= 2;
    let (key, t) = series.swap_remove(best);
    Some(DefaultSeries {
        indicator: id(&t).clone(),
        kind: key.kind,
        unit: key.unit,
        same_period,
        facts: t.facts,
    })
}

/// How one series' figures spread over districts and periods, counted in arrays by
/// district and by period number (no sort, no set), reused from series to series.
struct Spread {
    /// Per district (an unknown one last), where its periods start in `grouped`.
    start: Vec<usize>,
    at: Vec<usize>,
    /// The series' period numbers, grouped by district.
    grouped: Vec<u32>,
    /// Per period: the district group that last saw it, and how many districts have it
    /// (any of theirs; their latest).
    seen_in: Vec<u32>,
    any: Vec<u32>,
    latest: Vec<u32>,
    group: u32,
}

impl Spread {
    fn new(districts: usize, periods: usize) -> Spread {
        Spread {
            start: vec![0; districts + 1],
            at: vec![0; districts],
            grouped: Vec::new(),
            seen_in: vec![u32::MAX; periods],
            any: vec![0; periods],
            latest: vec![0; periods],
            group: 0,
        }
    }

    /// For `pairs` (`district << 32 | period`): the most districts whose latest period
    /// (by `later`) is one same period, the most districts having one same period, and
    /// the number of districts.
    fn of<K: Ord>(&mut self, pairs: &[u64], later: impl Fn(u32) -> K) -> (usize, usize, usize) {
        let last = self.at.len() - 1;
        let district = |x: u64| ((x >> 32) as usize).min(last);
        self.start.fill(0);
        for &x in pairs {
            self.start[district(x) + 1] += 1;
        }
        for d in 0..=last {
            self.start[d + 1] += self.start[d];
            self.at[d] = self.start[d];
        }
        self.grouped.resize(pairs.len(), 0);
        for &x in pairs {
            let d = district(x);
            self.grouped[self.at[d]] = x as u32;
            self.at[d] += 1;
        }
        let (mut latest, mut any, mut districts) = (0, 0, 0);
        for d in 0..=last {
            let periods = &self.grouped[self.start[d]..self.start[d + 1]];
            let Some(&first) = periods.first() else {
                continue;
            };
            districts += 1;
            self.group += 1;
            let mut newest = first;
            for &q in periods {
                let q_ = q as usize;
                if self.seen_in[q_] != self.group {
                    self.seen_in[q_] = self.group;
                    self.any[q_] += 1;
                    any = any.max(self.any[q_]);
                }
                if later(q) > later(newest) {
                    newest = q;
                }
            }
            self.latest[newest as usize] += 1;
            latest = latest.max(self.latest[newest as usize]);
        }
        for &q in &self.grouped {
            self.any[q as usize] = 0;
            self.latest[q as usize] = 0;
        }
        (latest as usize, any as usize, districts)
    }
}
