//! Chart specs compare honestly (one indicator, kind and unit per chart; differing
//! periods said; targets never drawn as results) and SVG never carries markup from
//! the data. Expectations are derived from the dataset, not typed in.
#![cfg(not(target_arch = "wasm32"))]

use cq_explorer::chart::render::{escape, hit_layer};
use cq_explorer::chart::{self, views, Bar, BarChart, BarStyle};
use cq_explorer::dataset::Dataset;
use cq_explorer::model::*;
use cq_explorer::query::{self, Filter};
use cq_explorer::state::{Lang, PeriodMode};
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
    Filter {
        indicator: Some(indicator.clone()),
        kind: Some(kind),
        ..Filter::default()
    }
}

#[test]
fn a_comparison_is_one_indicator_kind_and_unit_with_one_bar_per_district() {
    let ds = ds();
    let rows = all(&ds);
    let series = shared_series(&ds);
    assert!(
        !series.is_empty(),
        "the dataset has figures two districts share"
    );
    for (ind, kind) in series {
        let f = filter_for(&ind, kind);
        let c = chart::comparison(
            &ds,
            &query::filter(&ds, &f),
            &f,
            PeriodMode::Latest,
            Lang::Zh,
        )
        .unwrap();
        let chart = c.chart.expect("shared series are drawn");
        let facts: Vec<&Fact> = chart.bars.iter().map(|b| &ds.facts[b.fact]).collect();
        assert!(facts.iter().all(|x| x.indicator == ind
            && x.kind == kind
            && x.unit == c.unit
            && x.subject.is_none()));
        let districts: BTreeSet<_> = facts.iter().map(|x| &x.district).collect();
        assert_eq!(districts.len(), facts.len(), "{ind}: one bar per district");
        let periods: BTreeSet<_> = facts
            .iter()
            .map(|x| cq_explorer::format::period(&x.period))
            .collect();
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
        let bars: Vec<usize> = same.chart.as_ref().map_or_else(Vec::new, BarChart::facts);
        let periods: BTreeSet<_> = bars
            .iter()
            .map(|&i| cq_explorer::format::period(&ds.facts[i].period))
            .collect();
        assert!(
            periods.len() <= 1,
            "{ind}: same period only, got {periods:?}"
        );
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
    let c = chart::comparison(
        &ds,
        &query::filter(&ds, &f),
        &f,
        PeriodMode::Latest,
        Lang::Zh,
    )
    .unwrap();
    assert!(c.chart.is_none());
    let name = &ds.district(&lonely.district).unwrap().name_zh;
    assert!(c.message.unwrap().contains(name.as_str()));
}

#[test]
fn trends_put_two_or_more_periods_on_a_time_axis() {
    let ds = ds();
    let charts = views::trends(&ds, &all(&ds), Lang::Zh);
    assert!(
        !charts.is_empty(),
        "some district reports a figure in two periods"
    );
    for c in &charts {
        for s in &c.series {
            assert!(s.points.len() >= 2);
            assert!(
                s.points.windows(2).all(|w| w[0].x < w[1].x),
                "points in time order"
            );
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

#[test]
fn targets_stand_beside_actuals_and_are_never_drawn_as_results() {
    let ds = ds();
    let charts = views::targets(&ds, &all(&ds), Lang::Zh);
    let plans = ds
        .facts
        .iter()
        .filter(|f| matches!(f.kind, Kind::Target | Kind::Forecast))
        .count();
    assert_eq!(
        charts
            .iter()
            .flat_map(|c| &c.bars)
            .filter(|b| b.style == BarStyle::Outline)
            .count(),
        plans
    );
    let mut with_actual = 0;
    for c in &charts {
        let units: BTreeSet<_> = c.bars.iter().map(|b| ds.facts[b.fact].unit).collect();
        assert_eq!(units.len(), 1, "{}: one unit", c.title);
        for b in &c.bars {
            let planned = matches!(ds.facts[b.fact].kind, Kind::Target | Kind::Forecast);
            assert_eq!(planned, b.style == BarStyle::Outline, "{}", b.label);
        }
        if c.bars.iter().any(|b| b.style == BarStyle::Solid) {
            with_actual += 1;
        }
    }
    assert!(with_actual > 0, "some target has an actual beside it");
}

#[test]
fn breakdowns_compare_subjects_within_one_district_and_unit() {
    let ds = ds();
    let charts = views::breakdown(&ds, &all(&ds), Lang::Zh);
    assert!(!charts.is_empty());
    for c in &charts {
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
            let units: BTreeSet<_> = c
                .bars
                .iter()
                .map(|b| (ds.facts[b.fact].unit, ds.facts[b.fact].kind))
                .collect();
            assert_eq!(units.len(), 1, "{}", c.title);
        }
    }
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
        let r = chart::render_bars(&c, width, false);
        for out in [&r.svg, &hit_layer(&r)] {
            assert!(!out.contains("<script"), "{out}");
            assert!(!out.contains("<img"), "{out}");
            assert!(!out.contains("<b>"), "{out}");
        }
        assert!(
            r.svg.contains("&lt;script&gt;"),
            "the label is shown as text"
        );
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
    let c = chart::comparison(
        &ds,
        &all(&ds),
        &Filter::default(),
        PeriodMode::Latest,
        Lang::Zh,
    )
    .unwrap()
    .chart
    .unwrap();
    for (asked, got) in [(200, 320), (360, 360), (1280, 1280), (3000, 1440)] {
        let r = chart::render_bars(&c, asked, false);
        assert_eq!(r.width, got);
        assert!(r.svg.contains(&format!("width=\"{got}\"")));
        assert_eq!(r.hits.len(), c.bars.len(), "one hit area per bar");
        for b in &c.bars {
            assert!(
                r.svg.contains(&b.label),
                "label {} drawn at {asked}px",
                b.label
            );
        }
    }
    let t = &views::trends(&ds, &all(&ds), Lang::Zh)[0];
    let r = chart::render_time(t, 360, true);
    assert_eq!(
        r.hits.len(),
        t.series.iter().map(|s| s.points.len()).sum::<usize>()
    );
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
    let c = chart::comparison(
        &ds,
        &query::filter(&ds, &f),
        &f,
        PeriodMode::Latest,
        Lang::Zh,
    )
    .unwrap();
    assert!(c.chart.is_none());
    let msg = c.message.unwrap();
    assert!(
        msg.contains("另有") && !msg.starts_with("只有"),
        "not 'only X reports it': {msg}"
    );
}
