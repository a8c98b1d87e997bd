//! The map: the embedded outlines cover Chongqing's 38 districts and counties without
//! overlaps, and the colouring follows the comparison's rules (no data is not zero,
//! targets are not results, one period at a time, figures it cannot place counted).
#![cfg(not(target_arch = "wasm32"))]

use cq_explorer::chart::map::{
    self, bbox, choropleth, inside, map_data, render_map, rings, Choropleth,
};
use cq_explorer::chart::{estimate, Frame};
use cq_explorer::dataset::Dataset;
use cq_explorer::i18n::Lang;
use cq_explorer::import::{import, Format, ImportOptions, Keep, Mode};
use cq_explorer::model::gazetteer::CHONGQING;
use cq_explorer::model::*;
use cq_explorer::query::{self, Filter};
use cq_explorer::state::PeriodMode;
use std::rc::Rc;

type Rings = Vec<Vec<[f64; 2]>>;

fn shapes() -> Vec<Rings> {
    map_data().districts.iter().map(|d| rings(&d.path)).collect()
}

#[test]
fn every_one_of_the_38_codes_has_a_shape_and_a_name() {
    let m = map_data();
    let codes: Vec<&str> = m.districts.iter().map(|d| d.code.as_str()).collect();
    let expected: Vec<&str> = CHONGQING.iter().map(|d| d.0).collect();
    assert_eq!(codes, expected);
    for (d, g) in m.districts.iter().zip(CHONGQING.iter()) {
        assert_eq!((d.zh.as_str(), d.en.as_str()), (g.1, g.2));
        let r = rings(&d.path);
        assert!(!r.is_empty() && r.iter().all(|x| x.len() >= 3), "{}", d.code);
        // Whole units only: the page reads the outlines as integers.
        let numbers = d.path.split(|c: char| "Mlz ,".contains(c) || c == '-');
        assert!(
            numbers.filter(|n| !n.is_empty()).all(|n| n.parse::<u32>().is_ok()),
            "{}: a coordinate that is not a whole number",
            d.code
        );
    }
    assert!(m.credit_zh.contains("GS(2024)0650"));
    assert!(m.credit_en.contains("GS(2024)0650"));
}

#[test]
fn each_label_point_lies_in_exactly_its_own_shape() {
    let s = shapes();
    for (i, d) in map_data().districts.iter().enumerate() {
        let holders: Vec<&str> = s
            .iter()
            .enumerate()
            .filter(|(_, r)| inside(r, d.label))
            .map(|(j, _)| map_data().districts[j].code.as_str())
            .collect();
        assert_eq!(holders, [d.code.as_str()], "label of {} (#{i})", d.code);
    }
}

#[test]
fn no_two_shapes_overlap() {
    let s = shapes();
    let boxes: Vec<[f64; 4]> = s.iter().map(|r| bbox(r)).collect();
    let m = map_data();
    let (mut y, mut covered) = (0.37, 0usize);
    while y < m.height {
        let mut x = 0.61;
        while x < m.width {
            let holders: Vec<usize> = (0..s.len())
                .filter(|&i| {
                    let b = boxes[i];
                    x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3] && inside(&s[i], [x, y])
                })
                .collect();
            assert!(holders.len() <= 1, "({x}, {y}) lies in {holders:?}");
            covered += holders.len();
            x += 7.0;
        }
        y += 7.0;
    }
    assert!(covered > 10_000, "the sample falls on the map: {covered}");
}

#[test]
fn the_inset_enlarges_the_central_districts_into_empty_space() {
    let m = map_data();
    let inset: Vec<&str> =
        m.districts.iter().filter(|d| d.inset).map(|d| d.code.as_str()).collect();
    assert!(inset.contains(&"500103"), "渝中区 is in the inset");
    assert!(m.zoom() >= 2.5, "enlarged: {}", m.zoom());
    let to = m.inset.to;
    for d in &m.districts {
        for p in rings(&d.path).iter().flatten() {
            let out = p[0] < to[0] || p[0] > to[0] + to[2] || p[1] < to[1] || p[1] > to[1] + to[3];
            assert!(out, "{} reaches into the inset's frame", d.code);
        }
        if d.inset {
            let f = m.inset.from;
            let l = d.label;
            assert!(l[0] > f[0] && l[0] < f[0] + f[2] && l[1] > f[1] && l[1] < f[1] + f[3]);
        }
    }
}

// ---- colouring ----

const TODAY: Date = Date { year: 2025, month: 1, day: 2 };

/// A dataset of only `rows` (CSV after the header below).
fn data(rows: &[String]) -> Rc<Dataset> {
    let text = format!(
        "id,district,district_name_zh,district_name_en,indicator,indicator_name_zh,category,indicator_unit,value,unit,kind,period_start,period_end\n{}\n",
        rows.join("\n")
    );
    let base = Rc::new(Dataset::embedded().unwrap());
    let opts = ImportOptions { file_name: "t.csv".into(), today: TODAY };
    match import(text, Format::Csv, base, opts, Mode::Replace, Keep::AllOrNothing) {
        Ok(imp) => Rc::new(imp.dataset),
        Err(r) => panic!("{}", r.lines(20, Lang::En).join("\n")),
    }
}

fn row(id: &str, district: &str, value: &str, kind: &str, year: i32) -> String {
    format!(
        "{id},{district},,,widgets,部件产量,other,件,{value},件,{kind},{year}-01-01,{year}-12-31"
    )
}

fn map_of(ds: &Dataset, kind: Option<Kind>, mode: PeriodMode) -> Choropleth {
    let f = Filter { kind, ..Filter::default() };
    choropleth(ds, &query::filter(ds, &f), &f, mode, Lang::Zh).expect("a series")
}

fn area<'a>(c: &'a Choropleth, code: &str) -> &'a map::Area {
    c.areas.iter().find(|a| map_data().districts[a.shape].code == code).unwrap()
}

#[test]
fn no_data_is_hatched_and_named_never_coloured_as_zero() {
    let ds = data(&[
        row("a", "500101", "0", "level", 2023),
        row("b", "500102", "50", "level", 2023),
        row("c", "500103", "100", "level", 2023),
    ]);
    let c = map_of(&ds, None, PeriodMode::Latest);
    assert_eq!(c.areas.len(), 38);
    assert_eq!(c.coloured(), 3);
    let zero = area(&c, "500101");
    assert_eq!(zero.class, Some(0), "zero is a value, in the lowest class");
    assert!(zero.label.contains('0') && zero.label.contains("2023"), "{}", zero.label);
    let none = area(&c, "500104");
    assert_eq!((none.fact, none.class), (None, None));
    assert!(none.label.ends_with("无数据"), "{}", none.label);
    assert_eq!(c.no_data().len(), 35);
    let svg = render_map(&c, Frame::new(600, false, &estimate), Lang::Zh, "m").svg;
    assert!(svg.contains("无数据（35个）"), "the legend counts no data");
    assert_eq!(svg.matches("fill=\"url(#m-nd)\"").count(), 35, "no data is hatched");
    assert!(svg.contains("底图来源：天地图 审图号：GS(2024)0650号"));
    let en = choropleth(
        &ds,
        &query::filter(&ds, &Filter::default()),
        &Filter::default(),
        PeriodMode::Latest,
        Lang::En,
    )
    .unwrap();
    let svg =
        render_map(&en, Frame::new(600, false, &estimate).with_footer("Sources: x"), Lang::En, "m")
            .svg;
    assert!(
        svg.contains("no data (35)") && svg.contains("GS(2024)0650") && svg.contains("Sources: x")
    );
}

#[test]
fn classes_run_light_to_dark_with_the_values() {
    let rows: Vec<String> = CHONGQING
        .iter()
        .enumerate()
        .map(|(i, d)| row(&format!("r{i}"), d.0, &(i * 10).to_string(), "level", 2023))
        .collect();
    let ds = data(&rows);
    let c = map_of(&ds, None, PeriodMode::Latest);
    assert_eq!(c.coloured(), 38);
    assert_eq!(c.classes.len(), map::RAMP.len());
    let mut by_value: Vec<(f64, usize)> =
        c.areas.iter().map(|a| (ds.facts[a.fact.unwrap()].value, a.class.unwrap())).collect();
    by_value.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(by_value.windows(2).all(|w| w[0].1 <= w[1].1), "classes follow values");
    assert_eq!((by_value[0].1, by_value[37].1), (0, 4));
    assert_eq!(c.classes[0].label, "0 至 70");
}

#[test]
fn targets_are_patterned_and_said_never_drawn_as_results() {
    let ds = data(&[
        row("a", "500101", "10", "target", 2025),
        row("b", "500102", "20", "target", 2025),
        row("c", "500101", "5", "level", 2023),
        row("d", "500102", "6", "level", 2023),
    ]);
    let c = map_of(&ds, Some(Kind::Target), PeriodMode::Latest);
    assert!(c.plan);
    assert!(c.areas.iter().filter_map(|a| a.fact).all(|i| ds.facts[i].kind == Kind::Target));
    assert!(c.notes.iter().any(|n| n.contains("不是实际结果")));
    assert!(area(&c, "500101").label.contains("目标"));
    let svg = render_map(&c, Frame::new(600, false, &estimate), Lang::Zh, "m").svg;
    let filled: Vec<&str> = svg
        .split("<path d=\"")
        .skip(1)
        .filter_map(|p| p.split("fill=\"").nth(1)?.split('"').next())
        .collect();
    assert!(
        filled.iter().all(|f| f.starts_with("url(#")),
        "no plain result colour on a target map: {filled:?}"
    );
    assert!(svg.contains("非实际结果"));
    // The results of the same indicator are coloured plainly.
    let r = map_of(&ds, Some(Kind::Level), PeriodMode::Latest);
    assert!(!r.plan);
    let svg = render_map(&r, Frame::new(600, false, &estimate), Lang::Zh, "m").svg;
    assert!(svg.contains(&format!("fill=\"{}\"", map::RAMP[0])));
}

#[test]
fn mixed_periods_are_said_or_only_one_period_is_coloured() {
    let ds = data(&[
        row("a", "500101", "10", "level", 2022),
        row("b", "500101", "11", "level", 2023),
        row("c", "500102", "20", "level", 2022),
        row("d", "500103", "30", "level", 2022),
    ]);
    let latest = map_of(&ds, None, PeriodMode::Latest);
    assert_eq!(latest.coloured(), 3);
    assert!(latest.notes.iter().any(|n| n.contains("时期不同")), "{:?}", latest.notes);
    assert!(area(&latest, "500101").label.contains("2023"));
    let same = map_of(&ds, None, PeriodMode::SamePeriod);
    assert_eq!(same.coloured(), 3);
    assert!(same
        .areas
        .iter()
        .filter_map(|a| a.fact)
        .all(|i| ds.facts[i].period.start.year == 2022));
    assert!(area(&same, "500101").label.contains("2022"));
}

#[test]
fn figures_outside_chongqing_are_counted_and_kept_for_the_table() {
    let ds = data(&[
        row("a", "500101", "10", "level", 2023),
        "b,510104,锦江区,Jinjiang District,widgets,部件产量,other,件,20,件,level,2023-01-01,2023-12-31".to_string(),
    ]);
    let c = map_of(&ds, None, PeriodMode::Latest);
    assert_eq!((c.coloured(), c.unplaced, c.chosen.len()), (1, 1, 2));
    assert!(c.notes.iter().any(|n| n.contains("1个数据")), "{:?}", c.notes);
}

#[test]
fn text_from_the_data_is_escaped() {
    let ds = data(&[
        "a,500101,,,evil,<script>&\"',other,件,1,件,level,2023-01-01,2023-12-31".to_string(),
        "b,500102,,,evil,,,,2,件,level,2023-01-01,2023-12-31".to_string(),
    ]);
    let c = map_of(&ds, None, PeriodMode::Latest);
    let r = render_map(&c, Frame::new(400, true, &estimate).with_footer("<b>"), Lang::Zh, "m");
    for s in [&r.svg, &r.hits] {
        assert!(!s.contains("<script") && !s.contains("<b>"), "{s}");
    }
    assert!(r.svg.contains("&lt;script&gt;"));
    assert_eq!(r.hits.matches("tabindex=\"0\"").count(), 38, "every district focusable once");
}

#[test]
fn the_embedded_data_colours_the_districts_it_covers() {
    let ds = Dataset::embedded().unwrap();
    let c = map_of(&ds, None, PeriodMode::Latest);
    assert_eq!(c.areas.len(), 38);
    assert!(c.coloured() >= 2 && c.coloured() <= ds.districts.len());
    assert!(map::locator("500103", 180, false).is_some());
    assert!(map::locator("510104", 180, false).is_none());
}
