//! The district comparison chart: which bars to draw (a spec, pure data) and how they
//! look (SVG through plotters). One bar per district, all of one indicator, one kind
//! and one unit, so that a bar is never set beside a figure of another sort.
//!
//! plotters measures text through the DOM on wasm32 and estimates it natively, so
//! native tests check the structure of the SVG, not its exact bytes.

use crate::dataset::Dataset;
use crate::format;
use crate::model::*;
use crate::query::Filter;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::BTreeMap;

/// One bar: a district's figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub district: DistrictId,
    pub label: String,
    pub value: f64,
    /// Value with unit and hedge, then the period: `超100个 · 2022年`.
    pub value_label: String,
    /// Index into `Dataset::facts`.
    pub fact: usize,
}

/// What the comparison chart shows, before any drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub indicator: IndicatorId,
    pub title: String,
    pub kind: Kind,
    pub unit: Unit,
    pub bars: Vec<Bar>,
    /// Plain-language warnings a reader must see next to the chart.
    pub notes: Vec<String>,
    /// True when the reader chose no indicator and the chart picked the most widely reported one.
    pub auto_selected: bool,
}

impl Comparison {
    /// A sentence summarising the chart, used as its accessible name.
    pub fn summary(&self) -> String {
        let bars: Vec<String> = self
            .bars
            .iter()
            .map(|b| format!("{}：{}", b.label, b.value_label))
            .collect();
        format!("{}。{}", self.title, bars.join("；"))
    }
}

/// Chooses the indicator and kind to compare among the district-wide facts in `rows`,
/// and one bar per district: its latest figure.
pub fn comparison(ds: &Dataset, rows: &[usize], filter: &Filter) -> Option<Comparison> {
    let district_wide = || {
        rows.iter()
            .copied()
            .filter(|&i| ds.facts[i].subject.is_none())
    };
    // (indicator, kind) -> districts and fact count, to pick the most comparable series.
    let mut series: BTreeMap<(&IndicatorId, Kind), (Vec<&DistrictId>, usize)> = BTreeMap::new();
    for i in district_wide() {
        let f = &ds.facts[i];
        if filter
            .indicator
            .as_ref()
            .is_some_and(|id| *id != f.indicator)
        {
            continue;
        }
        if filter.kind.is_none() && f.kind == Kind::Rank {
            continue; // a rank's bar length means nothing; only drawn when asked for.
        }
        let e = series.entry((&f.indicator, f.kind)).or_default();
        if !e.0.contains(&&f.district) {
            e.0.push(&f.district);
        }
        e.1 += 1;
    }
    let (&(indicator, kind), _) = series.iter().max_by(|a, b| {
        (a.1 .0.len(), a.1 .1)
            .cmp(&(b.1 .0.len(), b.1 .1))
            .then(b.0.cmp(a.0))
    })?;
    let ind = ds.indicator(indicator)?;

    let mut latest: BTreeMap<usize, (usize, usize)> = BTreeMap::new(); // district pos -> (fact, count)
    for i in district_wide() {
        let f = &ds.facts[i];
        if f.indicator != *indicator || f.kind != kind {
            continue;
        }
        let e = latest.entry(ds.district_pos(&f.district)).or_insert((i, 0));
        e.1 += 1;
        if ds.facts[e.0].period.end < f.period.end {
            e.0 = i;
        }
    }
    let bars: Vec<Bar> = latest
        .values()
        .map(|&(i, _)| {
            let f = &ds.facts[i];
            Bar {
                district: f.district.clone(),
                label: ds
                    .district(&f.district)
                    .map_or_else(|| f.district.to_string(), |d| d.name_zh.clone()),
                value: f.value,
                value_label: format!("{} · {}", format::value(f), format::period(&f.period)),
                fact: i,
            }
        })
        .collect();
    let unit = ds.facts[bars.first()?.fact].unit;

    let mut notes = Vec::new();
    let mut periods: Vec<String> = bars
        .iter()
        .map(|b| format::period(&ds.facts[b.fact].period))
        .collect();
    periods.dedup();
    periods.sort();
    periods.dedup();
    if periods.len() > 1 {
        notes.push(format!(
            "注意：各区数据时期不同（{}），不宜直接比较。",
            periods.join(" 与 ")
        ));
    }
    if latest.values().any(|&(_, n)| n > 1) {
        notes.push("同一区有多期数据时，取最新一期。".into());
    }
    if bars.len() == 1 {
        notes.push(format!(
            "只有{}报道了此项数据，无可比较的区。",
            bars[0].label
        ));
    }
    if bars
        .iter()
        .any(|b| ds.facts[b.fact].period.year == YearBasis::Inferred)
    {
        notes.push("部分数据的年份系根据报道日期推断。".into());
    }
    Some(Comparison {
        indicator: indicator.clone(),
        title: format!("{}（{}，单位：{}）", ind.name_zh, kind.zh(), unit.zh()),
        kind,
        unit,
        bars,
        notes,
        auto_selected: filter.indicator.is_none(),
    })
}

/// Okabe–Ito colours: distinguishable with colour-blindness; bars are labelled too.
const PALETTE: [RGBColor; 6] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(230, 159, 0),
];

/// The colour of a district, stable across charts (by catalogue position).
pub fn district_colour(ds: &Dataset, id: &DistrictId) -> RGBColor {
    PALETTE[ds.district_pos(id) % PALETTE.len()]
}

const FONT: &str = "sans-serif";
const ROW: i32 = 44;
const TOP: i32 = 48;
const BOTTOM: i32 = 28;
const PAD: i32 = 10;

/// Renders the comparison as horizontal bars, `width` pixels wide. Text from the data
/// is escaped by the SVG backend, never interpreted as markup.
pub fn render_svg(ds: &Dataset, c: &Comparison, width: u32) -> String {
    let height = (TOP + ROW * c.bars.len() as i32 + BOTTOM) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        // Drawing into a String cannot fail; an error would only lose the chart, never the page.
        let _ = draw(ds, c, &root, width as i32);
        let _ = root.present();
    }
    svg
}

fn draw(
    ds: &Dataset,
    c: &Comparison,
    root: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    width: i32,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    root.fill(&WHITE)?;
    let ink = RGBColor(26, 26, 26);
    let font = (FONT, 15).into_font().color(&ink);
    let small = (FONT, 13).into_font().color(&RGBColor(80, 80, 80));

    // The title shrinks rather than overflow.
    let mut title_size = 17.0;
    while title_size > 11.0 && text_width(root, &c.title, title_size, true) > width - 2 * PAD {
        title_size -= 1.0;
    }
    let title_font = (FONT, title_size)
        .into_font()
        .style(FontStyle::Bold)
        .color(&ink);
    root.draw(&Text::new(c.title.as_str(), (PAD, 14), title_font))?;

    let label_w = c
        .bars
        .iter()
        .map(|b| text_width(root, &b.label, 15.0, false))
        .max()
        .unwrap_or(0);
    let value_w = c
        .bars
        .iter()
        .map(|b| text_width(root, &b.value_label, 15.0, false))
        .max()
        .unwrap_or(0);
    let x0 = PAD + label_w + PAD;
    let x1 = (width - PAD - value_w - PAD).max(x0 + 40);
    let (lo, hi) = c.bars.iter().fold((0.0f64, 0.0f64), |(lo, hi), b| {
        (lo.min(b.value), hi.max(b.value))
    });
    let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
    let scale = |v: f64| x0 + ((v - lo) / span * f64::from(x1 - x0)).round() as i32;
    let zero = scale(0.0);

    for (row, bar) in c.bars.iter().enumerate() {
        let y = TOP + ROW * row as i32;
        let colour = district_colour(ds, &bar.district);
        let label_style = font.clone().pos(Pos::new(HPos::Right, VPos::Center));
        root.draw(&Text::new(
            bar.label.as_str(),
            (x0 - PAD, y + ROW / 2),
            label_style,
        ))?;
        let end = scale(bar.value);
        let (a, b) = if end >= zero {
            (zero, end.max(zero + 2))
        } else {
            (end, zero)
        };
        root.draw(&Rectangle::new(
            [(a, y + 8), (b, y + ROW - 8)],
            colour.filled(),
        ))?;
        let value_style = font.clone().pos(Pos::new(HPos::Left, VPos::Center));
        let vx = if end >= zero { b + 6 } else { zero + 6 };
        root.draw(&Text::new(
            bar.value_label.as_str(),
            (vx, y + ROW / 2),
            value_style,
        ))?;
    }
    // The zero line, so negative growth reads as below zero.
    let axis_bottom = TOP + ROW * c.bars.len() as i32;
    root.draw(&PathElement::new(
        vec![(zero, TOP - 4), (zero, axis_bottom + 4)],
        ink,
    ))?;
    let foot = "数据来源：区县新闻报道原文（见下表“来源”）";
    root.draw(&Text::new(foot, (PAD, axis_bottom + 8), small))?;
    Ok(())
}

fn text_width(
    root: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    text: &str,
    size: f64,
    bold: bool,
) -> i32 {
    let font = (FONT, size).into_font();
    let font = if bold {
        font.style(FontStyle::Bold)
    } else {
        font
    };
    root.estimate_text_size(text, &TextStyle::from(font))
        .map_or((text.chars().count() as f64 * size) as i32, |(w, _)| {
            w as i32
        })
}
