//! Chart specs compare honestly (one indicator, kind and unit per chart; differing
//! periods said; targets never drawn as results) and SVG never carries markup from
//! the data. Expectations are derived from the dataset, not typed in.
#![cfg(not(target_arch = "wasm32"))]

use cq_explorer::chart::render::{escape, hit_layer};
use cq_explorer::chart::{self, estimate, views, Bar, BarChart, BarStyle, Frame};
use cq_explorer::dataset::Dataset;
use cq_explorer::i18n::Lang;
use cq_explorer::model::*;
use cq_explorer::query::{self, Filter};
use cq_explorer::state::PeriodMode;
use std::collections::BTreeSet;

fn ds() -> Dataset {
    Dataset::embedded().expect("valid dataset")
}

fn all(ds: &Dataset) -> Vec<usize> {
    query::filter(ds, &Filter::default())
}

/// Every (indicator, kind) whose district-wide figures come from two or more districts.
fn shared_series(ds: &Dataset) -> Vec<(IndicatorId, Kind)> {
    let mut out = BTreeSet::new();
    for f in &ds.facts {
        let districts: BTreeSet<_> = ds
            .facts
            .iter()
            .filter(|g| g.subject.is_none() && g.indicator == f.indicator && g.kind == f.kind)
            .map(|g| &g.district)
            .collect();
        if f.subject.is_none() && districts.len() > 1 && f.kind != Kind::Rank {
            out.insert((f.indicator.clone(), f.kind));
        }
    }
    out.into_iter().collect()
}

fn filter_for(indicator: &IndicatorId, kind: Kind) -> Filter {
    Filter { indicator: Some(indicator.clone()), kind: Some(kind), ..Filter::default() }
}

#[test]
fn a_comparison_is_one_indicator_kind_and_unit_with_one_bar_per_district() {
    let ds = ds();
    let rows = all(&ds);
    let series = shared_series(&ds);
    assert!(!series.is_empty(), "the dataset has figures two districts share");
    for (ind, kind) in series {
        let f = filter_for(&ind, kind);
        let c = chart::comparison(&ds, &query::filter(&ds, &f), &f, PeriodMode::Latest, Lang::Zh)
            .unwrap();
        let chart = c.chart.expect("shared series are drawn");
        let facts: Vec<&Fact> = chart.bars.iter().map(|b| &ds.facts[b.fact]).collect();
        assert!(facts.iter().all(|x| x.indicator == ind
            && x.kind == kind
            && x.unit == c.unit
            && x.subject.is_none()));
        let districts: BTreeSet<_> = facts.iter().map(|x| &x.district).collect();
        assert_eq!(districts.len(), facts.len(), "{ind}: one bar per district");
        let periods: BTreeSet<_> =
            facts.iter().map(|x| cq_explorer::format::period(&x.period)).collect();
        assert_eq!(
            periods.len() > 1,
            chart.notes.iter().any(|n| n.contains("时期不同")),
            "{ind}: the warning is there exactly when periods differ"
        );
    }
    // The default view compares something, and never ranks.
    let c =
        chart::comparison(&ds, &rows, &Filter::default(), PeriodMode::Latest, Lang::Zh).unwrap();
    assert!(c.auto_selected && c.kind != Kind::Rank && c.chart.is_some());
}

#[test]
fn same_period_mode_draws_only_one_period() {
    let ds = ds();
    let mut differing = 0;
    for (ind, kind) in shared_series(&ds) {
        let f = filter_for(&ind, kind);
        let rows = query::filter(&ds, &f);
        let latest = chart::comparison(&ds, &rows, &f, PeriodMode::Latest, Lang::En).unwrap();
        let same = chart::comparison(&ds, &rows, &f, PeriodMode::SamePeriod, Lang::En).unwrap();
        let bars: Vec<usize> = same.chart.as_ref().map_or_else(Vec::new, |c| c.facts());
        let periods: BTreeSet<_> =
            bars.iter().map(|&i| cq_explorer::format::period(&ds.facts[i].period)).collect();
        assert!(periods.len() <= 1, "{ind}: same period only, got {periods:?}");
        if latest.periods_differ {
            differing += 1;
            assert!(latest.chart.unwrap().notes[0].starts_with("Periods differ"));
        }
    }
    assert!(
        differing > 0,
        "the dataset has comparisons across periods: the test would prove nothing"
    );
}

#[test]
fn an_indicator_of_one_district_is_said_not_drawn() {
    let ds = ds();
    let lonely = ds
        .facts
        .iter()
        .find(|f| {
            f.subject.is_none()
                && f.kind != Kind::Rank
                && ds
                    .facts
                    .iter()
                    .filter(|g| {
                        g.indicator == f.indicator && g.kind == f.kind && g.subject.is_none()
                    })
                    .all(|g| g.district == f.district)
        })
        .expect("some indicator is reported by one district");
    let f = filter_for(&lonely.indicator, lonely.kind);
    let c =
        chart::comparison(&ds, &query::filter(&ds, &f), &f, PeriodMode::Latest, Lang::Zh).unwrap();
    assert!(c.chart.is_none());
    let name = &ds.district(&lonely.district).unwrap().name_zh;
    assert!(c.message.unwrap().contains(name.as_str()));
}

#[test]
fn trends_put_two_or_more_periods_on_a_time_axis() {
    let ds = ds();
    let rows = all(&ds);
    let trends = views::trends(&ds, &rows, Lang::Zh);
    let charts = &trends.charts;
    assert!(!charts.is_empty(), "some district reports a figure in two periods");
    // Every district-wide figure that is not a rank is charted or listed, never both.
    let charted: BTreeSet<usize> = charts.iter().flat_map(|c| c.facts()).collect();
    let singles: BTreeSet<usize> = trends.singles.iter().copied().collect();
    assert!(charted.is_disjoint(&singles));
    let considered: BTreeSet<usize> = rows
        .iter()
        .copied()
        .filter(|&i| ds.facts[i].subject.is_none() && ds.facts[i].kind != Kind::Rank)
        .collect();
    assert_eq!(charted.union(&singles).copied().collect::<BTreeSet<_>>(), considered);
    for &i in &singles {
        let f = &ds.facts[i];
        let periods: BTreeSet<_> = considered
            .iter()
            .map(|&j| &ds.facts[j])
            .filter(|g| {
                g.district == f.district
                    && g.indicator == f.indicator
                    && g.kind == f.kind
                    && g.unit == f.unit
            })
            .map(|g| g.period.end)
            .collect();
        assert_eq!(periods.len(), 1, "{}: listed only when it has one period", f.id);
    }
    for c in charts {
        for s in &c.series {
            assert!(s.points.len() >= 2);
            assert!(s.points.windows(2).all(|w| w[0].x < w[1].x), "points in time order");
            let first = &ds.facts[s.points[0].fact];
            assert!(s.points.iter().all(|p| {
                let f = &ds.facts[p.fact];
                f.indicator == first.indicator
                    && f.kind == first.kind
                    && f.unit == first.unit
                    && f.district == first.district
            }));
            for p in &s.points {
                assert_eq!(
                    p.x.floor() as i32,
                    ds.facts[p.fact].period.end.year,
                    "x is the period's end"
                );
            }
        }
    }
}

/// Whether a plan's period is one year's span (an in-year goal), as the pairing reads it.
fn in_year(p: &Period) -> bool {
    p.start.year == p.end.year
        && !matches!(p.precision, Precision::AsOf | Precision::Day | Precision::MultiYear)
}

#[test]
fn targets_pair_with_the_latest_actual_of_the_same_indicator_scope_and_unit() {
    let ds = ds();
    let plans: Vec<usize> = (0..ds.facts.len())
        .filter(|&i| matches!(ds.facts[i].kind, Kind::Target | Kind::Forecast))
        .collect();
    let (mut paired, mut other) = (0, 0);
    for &p in &plans {
        let plan = &ds.facts[p];
        let same = |f: &Fact| {
            f.district == plan.district
                && f.indicator == plan.indicator
                && f.unit == plan.unit
                && f.subject.as_ref().map(|s| &s.name) == plan.subject.as_ref().map(|s| &s.name)
        };
        match views::pair_target(&ds, p) {
            views::TargetPairing::Paired(a) => {
                paired += 1;
                let actual = &ds.facts[a];
                assert!(same(actual), "{} paired with {}", plan.id, actual.id);
                assert!(!matches!(actual.kind, Kind::Target | Kind::Forecast | Kind::Rank));
                // A cumulative total never stands beside an in-year goal, nor new
                // ones in a year beside a stock to reach.
                match actual.kind {
                    Kind::CountTotal => assert!(!in_year(&plan.period), "{}", plan.id),
                    Kind::CountNew => assert!(in_year(&plan.period), "{}", plan.id),
                    _ => {}
                }
                // The latest of its scope: no actual of the same kind is later.
                assert!(!ds
                    .facts
                    .iter()
                    .any(|g| same(g) && g.kind == actual.kind && g.period.end > actual.period.end));
            }
            views::TargetPairing::OtherScope(o) => {
                other += 1;
                assert!(same(&ds.facts[o]));
            }
            views::TargetPairing::Unpaired => assert!(!ds
                .facts
                .iter()
                .any(|g| same(g) && !matches!(g.kind, Kind::Target | Kind::Forecast | Kind::Rank))),
        }
    }
    assert!(paired > 0, "some target has an actual of its measure");
    assert!(
        other > 0,
        "the dataset has an in-year target beside a cumulative total: the rule is exercised"
    );

    // The view: every plan once, in its district's chart (beside its pair) or in the
    // list with the reason; a chart's row is never a plan beside another plan.
    let districts = views::targets(&ds, &all(&ds), Lang::Zh);
    let mut seen = Vec::new();
    for d in &districts {
        if let Some(c) = &d.chart {
            assert!(c.title.contains(cq_explorer::i18n::district_name(&ds, &d.district, Lang::Zh)));
            for r in &c.rows {
                assert_eq!(views::pair_target(&ds, r.plan), views::TargetPairing::Paired(r.actual));
                assert_eq!(ds.facts[r.plan].district, d.district);
                seen.push(r.plan);
            }
            let drawn = chart::render_bullets(c, Frame::new(360, false, &estimate));
            assert_eq!(drawn.hits.len(), 2 * c.rows.len(), "actual and target each reachable");
            assert!(drawn.hits.iter().all(|h| h.h >= 44), "touch-sized hit areas");
        }
        for u in &d.unpaired {
            match views::pair_target(&ds, u.plan) {
                views::TargetPairing::OtherScope(_) => {
                    assert!(u.reason.contains("口径不同"), "{}", u.reason)
                }
                views::TargetPairing::Unpaired => assert_eq!(u.reason, "没有实际数据"),
                views::TargetPairing::Paired(_) => panic!("a paired target listed as unpaired"),
            }
            seen.push(u.plan);
        }
    }
    seen.sort_unstable();
    assert_eq!(seen, plans, "every target and forecast shown once");
    assert!(districts.iter().filter(|d| d.chart.is_some()).count() <= ds.districts.len());
}

/// A small dataset of one imported file: `(district, indicator, kind, unit, value, start,
/// end, precision)` per fact.
type TinyFact<'a> = (&'a str, &'a str, Kind, Unit, f64, &'a str, &'a str, Precision);

fn tiny(facts: &[TinyFact]) -> Dataset {
    let date = |s: &str| Date::parse(s).unwrap();
    let source = Source {
        id: SourceId::from("import-1"),
        headline: "t.csv".into(),
        district: DistrictId::from(""),
        published: PublishedEstimate {
            from: date("2025-01-01"),
            to: date("2025-01-01"),
            label_zh: "导入".into(),
            label_en: "imported".into(),
        },
        date_evidence_zh: "导入".into(),
        date_evidence_en: "imported".into(),
        date_confidence: Confidence::Low,
        imported: true,
    };
    let mut districts: Vec<District> = Vec::new();
    let mut indicators: Vec<Indicator> = Vec::new();
    let mut out = Vec::new();
    for (n, &(d, ind, kind, unit, value, start, end, precision)) in facts.iter().enumerate() {
        if !districts.iter().any(|x| x.id.as_str() == d) {
            districts.push(District {
                id: DistrictId::from(d),
                name_zh: format!("区{d}"),
                name_en: format!("District {d}"),
                region: Region::Unspecified,
                static_facts: vec![],
            });
        }
        if !indicators.iter().any(|x| x.id.as_str() == ind) {
            indicators.push(Indicator {
                id: IndicatorId::from(ind),
                name_zh: format!("指标{ind}"),
                name_en: format!("Indicator {ind}"),
                category: Category::Other,
                unit: if unit == Unit::Percent { Unit::YiYuan } else { unit },
                definition_zh: "测试".into(),
                definition: "test".into(),
            });
        }
        out.push(Fact {
            id: FactId(format!("t-{n}").into()),
            source: source.id.clone(),
            district: DistrictId::from(d),
            subject: None,
            indicator: IndicatorId::from(ind),
            value,
            value_text: None,
            unit,
            kind,
            rank_group: None,
            qualifier: None,
            period: Period {
                start: date(start),
                end: date(end),
                precision,
                label: String::new(),
                year: YearBasis::Printed,
                note_zh: None,
                note_en: None,
            },
            quote: String::new(),
        });
    }
    Dataset::from_parts(vec![source], districts, indicators, out).expect("a valid tiny dataset")
}

#[test]
fn an_in_year_target_is_never_set_beside_a_cumulative_total() {
    use Precision::{AsOf, Year};
    let y = Year;
    // 1: target of new ones in 2024; only a cumulative total is known.
    let target: TinyFact =
        ("500101", "a", Kind::Target, Unit::Jia, 30.0, "2024-01-01", "2024-12-31", y);
    let total: TinyFact =
        ("500101", "a", Kind::CountTotal, Unit::Jia, 280.0, "2023-12-31", "2023-12-31", AsOf);
    let ds = tiny(&[target, total]);
    assert_eq!(views::pair_target(&ds, 0), views::TargetPairing::OtherScope(1));
    let t = views::targets(&ds, &[0, 1], Lang::En);
    assert!(t[0].chart.is_none(), "no chart pairs them");
    assert!(t[0].unpaired[0].reason.contains("cumulative total"), "{}", t[0].unpaired[0].reason);
    // 2: with new ones in a year known too, the target is set beside those.
    let ds = tiny(&[
        target,
        total,
        ("500101", "a", Kind::CountNew, Unit::Jia, 25.0, "2023-01-01", "2023-12-31", y),
        ("500101", "a", Kind::CountNew, Unit::Jia, 20.0, "2022-01-01", "2022-12-31", y),
    ]);
    assert_eq!(views::pair_target(&ds, 0), views::TargetPairing::Paired(2), "the latest");
    let t = views::targets(&ds, &[0, 1, 2, 3], Lang::Zh);
    let row = &t[0].chart.as_ref().unwrap().rows[0];
    assert_eq!((row.plan, row.actual), (0, 2));
    assert_eq!(row.gap.as_deref(), Some("目标比实际高5家"), "two years: the gap is said");
    // 3: a stock to reach pairs with the cumulative total; a growth target with growth,
    // not with the level of another unit; a partial year's level has no gap said.
    let ds = tiny(&[
        ("500101", "a", Kind::Target, Unit::Jia, 300.0, "2025-12-31", "2025-12-31", AsOf),
        ("500101", "a", Kind::CountTotal, Unit::Jia, 280.0, "2023-12-31", "2023-12-31", AsOf),
        ("500101", "b", Kind::Target, Unit::Percent, 10.0, "2024-01-01", "2024-12-31", y),
        ("500101", "b", Kind::Growth, Unit::Percent, 8.7, "2023-01-01", "2023-12-31", y),
        ("500101", "b", Kind::Level, Unit::YiYuan, 2471.0, "2023-01-01", "2023-12-31", y),
        ("500101", "b", Kind::Target, Unit::YiYuan, 2700.0, "2024-01-01", "2024-12-31", y),
        (
            "500101",
            "b",
            Kind::Level,
            Unit::YiYuan,
            2000.0,
            "2024-01-01",
            "2024-09-30",
            Precision::Months,
        ),
    ]);
    assert_eq!(views::pair_target(&ds, 0), views::TargetPairing::Paired(1));
    assert_eq!(views::pair_target(&ds, 2), views::TargetPairing::Paired(3));
    assert_eq!(views::pair_target(&ds, 5), views::TargetPairing::Paired(6));
    let t = views::targets(&ds, &(0..7).collect::<Vec<_>>(), Lang::En);
    let rows = &t[0].chart.as_ref().unwrap().rows;
    let gap_of = |plan: usize| rows.iter().find(|r| r.plan == plan).unwrap().gap.clone();
    assert_eq!(gap_of(2).as_deref(), Some("the target is 1.3 percentage points above the actual"));
    assert_eq!(gap_of(5), None, "Jan–Sep beside a year: no gap said");
}

#[test]
fn the_default_comparison_is_found_from_the_data() {
    use Precision::Year;
    let y = Year;
    // "a" is reported by three districts, each for another year; "b" by two for 2023.
    let ds = tiny(&[
        ("500101", "a", Kind::Level, Unit::YiYuan, 1.0, "2021-01-01", "2021-12-31", y),
        ("500102", "a", Kind::Level, Unit::YiYuan, 2.0, "2022-01-01", "2022-12-31", y),
        ("500103", "a", Kind::Level, Unit::YiYuan, 3.0, "2023-01-01", "2023-12-31", y),
        ("500101", "b", Kind::Level, Unit::YiYuan, 4.0, "2023-01-01", "2023-12-31", y),
        ("500102", "b", Kind::Level, Unit::YiYuan, 5.0, "2023-01-01", "2023-12-31", y),
    ]);
    let rows: Vec<usize> = (0..ds.facts.len()).collect();
    let d = chart::compare::default_series(&ds, &rows, None).unwrap();
    assert_eq!((d.indicator.as_str(), d.same_period), ("b", true));
    let c =
        chart::comparison(&ds, &rows, &Filter::default(), PeriodMode::Latest, Lang::Zh).unwrap();
    assert!(c.auto_selected && c.auto_same_period && !c.periods_differ);
    assert_eq!(c.chart.unwrap().bars.len(), 2);
    // Without "b", no two districts share a period: the most widely reported, warned.
    let d = chart::compare::default_series(&ds, &rows[..3], None).unwrap();
    assert_eq!((d.indicator.as_str(), d.same_period), ("a", false));
    let c = chart::comparison(&ds, &rows[..3], &Filter::default(), PeriodMode::Latest, Lang::Zh)
        .unwrap();
    assert!(c.periods_differ && !c.auto_same_period);

    // In the curated data: when some series is reported by two or more districts for
    // one period, the default is one shared by as many districts' latest figures as any
    // can be; else it is the most widely reported, and the chart warns of the periods.
    let ds = self::ds();
    let rows = all(&ds);
    let d = chart::compare::default_series(&ds, &rows, None).unwrap();
    assert_ne!(d.kind, Kind::Rank);
    type Key<'a> = (&'a IndicatorId, Kind, Unit);
    let mut series: std::collections::BTreeMap<
        Key,
        std::collections::BTreeMap<&DistrictId, Vec<&Period>>,
    > = Default::default();
    for f in ds.facts.iter().filter(|f| f.subject.is_none() && f.kind != Kind::Rank) {
        series
            .entry((&f.indicator, f.kind, f.unit))
            .or_default()
            .entry(&f.district)
            .or_default()
            .push(&f.period);
    }
    let span = |p: &Period| (p.start, p.end, p.precision);
    let most = |ps: Vec<(Date, Date, Precision)>| {
        let mut n: std::collections::BTreeMap<_, usize> = Default::default();
        for p in ps {
            *n.entry(p).or_default() += 1;
        }
        n.into_values().max().unwrap_or(0)
    };
    let latest_shared = |k: &Key| {
        most(
            series[k]
                .values()
                .map(|ps| span(ps.iter().max_by_key(|p| (p.end, p.start)).unwrap()))
                .collect(),
        )
    };
    let any_shared = |k: &Key| {
        most(
            series[k]
                .values()
                .flat_map(|ps| {
                    let mut v: Vec<_> = ps.iter().map(|p| span(p)).collect();
                    v.sort();
                    v.dedup();
                    v
                })
                .collect(),
        )
    };
    let key: Key = (&d.indicator, d.kind, d.unit);
    let c =
        chart::comparison(&ds, &rows, &Filter::default(), PeriodMode::Latest, Lang::Zh).unwrap();
    assert_eq!(c.indicator, d.indicator);
    if series.keys().any(|k| any_shared(k) >= 2) {
        assert!(d.same_period && c.auto_same_period);
        assert!(series.keys().all(|k| latest_shared(k) <= latest_shared(&key).max(1)));
    } else {
        assert!(!d.same_period && !c.auto_same_period && c.periods_differ);
        let widest = series.values().map(|v| v.len()).max().unwrap();
        assert_eq!(series[&key].len(), widest, "the most widely reported");
        assert!(c.chart.is_some(), "and drawn, with the period warning");
    }
}

#[test]
fn breakdowns_compare_subjects_within_one_district_and_unit() {
    let ds = ds();
    let b = views::breakdown(&ds, &all(&ds), Lang::Zh);
    let charts = &b.charts;
    assert!(!charts.is_empty());
    // A subject alone in its (district, indicator, kind, unit) is listed, not drawn.
    for &i in &b.singles {
        let f = &ds.facts[i];
        assert!(f.subject.is_some() && f.kind != Kind::Rank);
        assert!(!charts.iter().flat_map(|c| &c.bars).any(|x| x.fact == i));
        let alike = ds
            .facts
            .iter()
            .filter(|g| {
                g.subject.is_some()
                    && g.district == f.district
                    && g.indicator == f.indicator
                    && g.kind == f.kind
                    && g.unit == f.unit
            })
            .count();
        assert_eq!(alike, 1, "{}", f.id);
    }
    for c in charts {
        assert!(c.bars.len() >= 2);
        let keys: BTreeSet<_> = c
            .bars
            .iter()
            .map(|b| {
                let f = &ds.facts[b.fact];
                (&f.district, &f.indicator, f.kind, f.unit)
            })
            .collect();
        assert_eq!(keys.len(), 1, "{}", c.title);
        assert!(c.bars.iter().all(|b| ds.facts[b.fact].subject.is_some()));
    }
}

#[test]
fn a_profile_covers_every_figure_of_its_district() {
    let ds = ds();
    for d in &ds.districts {
        let p = views::profile(&ds, &d.id, Lang::Zh);
        let in_sections: usize = p.sections.iter().map(|s| s.facts.len()).sum();
        assert_eq!(
            in_sections,
            ds.facts.iter().filter(|f| f.district == d.id).count(),
            "{}",
            d.name_zh
        );
        assert!(!p.headline.is_empty(), "{} has headline numbers", d.name_zh);
        assert!(p
            .headline
            .iter()
            .all(|&i| ds.facts[i].district == d.id && ds.facts[i].subject.is_none()));
        for c in p.sections.iter().flat_map(|s| &s.charts) {
            let units: BTreeSet<_> =
                c.bars.iter().map(|b| (ds.facts[b.fact].unit, ds.facts[b.fact].kind)).collect();
            assert_eq!(units.len(), 1, "{}", c.title);
        }
    }
}

/// The comparison chart of every figure, as the page first shows it.
fn default_chart(ds: &Dataset, lang: Lang) -> std::rc::Rc<BarChart> {
    chart::comparison(ds, &all(ds), &Filter::default(), PeriodMode::Latest, lang)
        .and_then(|c| c.chart)
        .expect("a comparable indicator")
}

fn hostile_chart() -> BarChart {
    let bar = |label: &str, value: f64| Bar {
        label: label.into(),
        value,
        value_label: format!("{value} <b>亿元</b> & \"quoted\""),
        fact: 0,
        colour: 0,
        style: BarStyle::Solid,
    };
    BarChart {
        title: "<script>alert('title')</script> 标题".into(),
        bars: vec![
            bar("<script>alert(1)</script>", 3.0),
            bar("梁平区<img src=x onerror=alert(2)>", -1.5),
        ],
        notes: vec![],
    }
}

#[test]
fn text_from_data_is_escaped_in_the_svg_and_the_hit_layer() {
    let c = hostile_chart();
    for width in [320, 760, 1440] {
        let r = chart::render_bars(&c, Frame::new(width, false, &estimate));
        for out in [&r.svg, &hit_layer(&r)] {
            assert!(!out.contains("<script"), "{out}");
            assert!(!out.contains("<img"), "{out}");
            assert!(!out.contains("<b>"), "{out}");
        }
        assert!(r.svg.contains("&lt;script&gt;"), "the label is shown as text");
        assert!(hit_layer(&r).contains(&escape("<script>alert(1)</script>")));
    }
    assert_eq!(
        escape("<a href=\"x\">'&'</a>"),
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
    );
}

#[test]
fn charts_take_the_width_they_are_given_within_bounds() {
    let ds = ds();
    let c = default_chart(&ds, Lang::Zh);
    for (asked, got) in [(200, 320), (360, 360), (1280, 1280), (3000, 1440)] {
        let r = chart::render_bars(&c, Frame::new(asked, false, &estimate));
        assert_eq!(r.width, got);
        assert!(r.svg.contains(&format!("width=\"{got}\"")));
        assert_eq!(r.hits.len(), c.bars.len(), "one hit area per bar");
        for b in &c.bars {
            assert!(r.svg.contains(&b.label), "label {} drawn at {asked}px", b.label);
        }
    }
    let t = &views::trends(&ds, &all(&ds), Lang::Zh).charts[0];
    let r = chart::render_time(t, Frame::new(360, true, &estimate));
    assert_eq!(r.hits.len(), t.series.iter().map(|s| s.points.len()).sum::<usize>());
}

#[test]
fn a_district_alone_by_filter_is_told_others_report_it() {
    let ds = ds();
    let (ind, kind) = shared_series(&ds).into_iter().next().unwrap();
    let one = ds
        .facts
        .iter()
        .find(|f| f.indicator == ind && f.kind == kind && f.subject.is_none())
        .unwrap();
    let f = Filter {
        districts: [one.district.clone()].into_iter().collect(),
        ..filter_for(&ind, kind)
    };
    let c =
        chart::comparison(&ds, &query::filter(&ds, &f), &f, PeriodMode::Latest, Lang::Zh).unwrap();
    assert!(c.chart.is_none());
    let msg = c.message.unwrap();
    assert!(msg.contains("另有") && !msg.starts_with("只有"), "not 'only X reports it': {msg}");
}

#[test]
fn charts_are_laid_out_with_the_measure_they_are_given() {
    let ds = ds();
    let c = default_chart(&ds, Lang::En);
    let at = |width, measure: &dyn chart::TextMeasure| {
        chart::render_bars(&c, Frame::new(width, false, measure))
    };
    // Text measured twice as wide wraps onto more lines on a phone, and takes a wider
    // label column on a wide screen.
    let wide_text = |t: &str, px: f64, bold: bool| 2.0 * estimate(t, px, bold);
    let (plain, doubled) = (at(360, &estimate), at(360, &wide_text));
    assert!(doubled.height > plain.height, "{} then {}", plain.height, doubled.height);
    assert_ne!(at(1280, &estimate).svg, at(1280, &wide_text).svg);
    // The footer is an option of the one render function: drawn inside, below the bars.
    let footer = "Sources: 《重庆日报》 https://example.org/?x=1";
    let with = chart::render_bars(&c, Frame::new(960, false, &estimate).with_footer(footer));
    let without = at(960, &estimate);
    assert!(with.height > without.height);
    assert!(with.svg.contains("https://example.org"));
    assert!(!without.svg.contains("https://example.org"));
}

#[test]
fn english_chart_titles_begin_with_a_capital_and_chinese_ones_are_unchanged() {
    let ds = ds();
    let rows = all(&ds);
    let titles = |lang| {
        let mut t: Vec<String> = Vec::new();
        let cmp = chart::comparison(&ds, &rows, &Filter::default(), PeriodMode::Latest, lang);
        t.extend(cmp.and_then(|c| c.chart).map(|c| c.title.clone()));
        t.extend(views::trends(&ds, &rows, lang).charts.iter().map(|c| c.title.clone()));
        t.extend(views::breakdown(&ds, &rows, lang).charts.iter().map(|c| c.title.clone()));
        t.extend(
            views::targets(&ds, &rows, lang)
                .iter()
                .filter_map(|d| d.chart.as_ref().map(|c| c.title.clone())),
        );
        for d in &ds.districts {
            let p = views::profile(&ds, &d.id, lang);
            t.extend(p.sections.iter().flat_map(|s| s.charts.iter().map(|c| c.title.clone())));
        }
        t.extend(
            chart::map::choropleth(&ds, &rows, &Filter::default(), PeriodMode::Latest, lang)
                .map(|m| m.title),
        );
        t
    };
    let en = titles(Lang::En);
    assert!(en.len() > 10, "charts of every view: {}", en.len());
    for t in &en {
        assert!(!t.starts_with(char::is_lowercase), "{t}");
    }
    // A profile's chart is titled by its category, lower case in English names.
    assert!(en.iter().any(|t| t.starts_with("Smart manufacturing: ")), "{en:?}");
    assert!(titles(Lang::Zh).iter().any(|t| t.starts_with("智能制造：")));
}

/// The first chart is the one a reader gets by choosing its indicator and kind: the
/// default's own figures (`DefaultSeries::facts`) are every figure of that series, in
/// the embedded data and in 3,000 imported ones spread over 38 districts and ten years.
#[test]
fn the_default_chart_is_the_chart_of_its_indicator_chosen() {
    let embedded = ds();
    let imported =
        cq_explorer::synthetic::with_embedded(3000, 7).expect("the synthetic file imports");
    for ds in [&embedded, &imported] {
        let rows = all(ds);
        for mode in [PeriodMode::Latest, PeriodMode::SamePeriod] {
            let auto = chart::comparison(ds, &rows, &Filter::default(), mode, Lang::Zh)
                .expect("a default chart");
            assert!(auto.auto_selected);
            let chosen = chart::comparison(
                ds,
                &rows,
                &filter_for(&auto.indicator, auto.kind),
                mode,
                Lang::Zh,
            )
            .expect("the chart of the default's indicator");
            assert!(!chosen.auto_selected);
            assert_eq!(
                (&chosen.indicator, chosen.kind, chosen.unit),
                (&auto.indicator, auto.kind, auto.unit)
            );
            assert_eq!(chosen.candidates, auto.candidates, "{}", auto.indicator);
            assert_eq!(chosen.chart, auto.chart, "{}", auto.indicator);
            assert!(auto.candidates.len() >= 2);
        }
    }
}

/// Charts are drawn and measured in the page's own typeface: `chart::render::FONT` is
/// the stylesheet's font stack (a change to one that misses the other fails here).
#[test]
fn charts_use_the_pages_typeface() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/style.css"))
        .expect("the stylesheet");
    let page = css
        .lines()
        .find_map(|l| l.trim().strip_prefix("font-family:"))
        .expect("the page's font-family")
        .trim()
        .trim_end_matches(';')
        .replace('"', "");
    assert_eq!(page, chart::render::FONT);
}
