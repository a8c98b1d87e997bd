//! Charts: what each view draws (specs, pure data: `compare`, `views`) and how it
//! looks (`render`, SVG through plotters). A chart never mixes units: every bar chart
//! has one unit, and a comparison is one indicator and one kind.
//!
//! Text is measured by what the caller passes in the [`Frame`]: the browser's canvas
//! in the UI, [`estimate`] natively, so native tests check the structure of the SVG,
//! not its exact bytes.

pub mod compare;
pub mod map;
pub mod render;
pub mod views;

pub use compare::{comparison, Comparison};
pub use render::{
    estimate, is_one_em, render_bars, render_bullets, render_time, width_by_runs, Frame, Rendered,
    TextMeasure,
};

use crate::i18n::{self, t, Lang};
use crate::model::{Kind, Unit};

/// A chart's title: English titles begin with a capital (names of indicators and
/// categories are lower case inside a sentence); Chinese ones are as given.
pub fn title_in(text: String, lang: Lang) -> String {
    match lang {
        Lang::Zh => text,
        Lang::En => {
            let mut chars = text.chars();
            match chars.next() {
                Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
                _ => text,
            }
        }
    }
}

/// The title of a chart of one series: `name（kind，单位：unit）`, `Name (kind, unit: unit)`.
pub fn series_title(name: &str, kind: Kind, unit: Unit, lang: Lang) -> String {
    let (kind, unit) = (i18n::kind(kind, lang), i18n::unit(unit, lang));
    title_in(t::SERIES_TITLE.fill(lang, &[name, kind, unit]), lang)
}

/// How a bar is drawn: filled for results, outlined and dashed for targets and
/// forecasts, so that colour is never the only cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BarStyle {
    Solid,
    Outline,
}

/// One bar: one fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Value with unit and hedge, then the period: `超100个 · 2022年`.
    pub value_label: String,
    /// Index into `Dataset::facts`.
    pub fact: usize,
    /// Palette slot (a district's catalogue position), so colours agree across charts.
    pub colour: usize,
    pub style: BarStyle,
}

/// A horizontal bar chart in one unit.
#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    pub title: String,
    pub bars: Vec<Bar>,
    /// Plain-language warnings to show beside the chart.
    pub notes: Vec<String>,
}

impl BarChart {
    /// A sentence summarising the chart, used as its accessible name.
    pub fn summary(&self) -> String {
        let bars: Vec<String> =
            self.bars.iter().map(|b| format!("{} {}", b.label, b.value_label)).collect();
        format!("{}: {}", self.title, bars.join("; "))
    }
    /// The facts drawn, for the data table beside the chart.
    pub fn facts(&self) -> Vec<usize> {
        self.bars.iter().map(|b| b.fact).collect()
    }
}

/// A point of a time series, at its period's end on a true time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// Decimal year of the period's end (2022-12-31 → 2023.0 minus a day).
    pub x: f64,
    pub value: f64,
    pub label: String,
    pub fact: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    pub colour: usize,
    pub points: Vec<Point>,
}

/// A line chart over time in one unit.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeChart {
    pub title: String,
    pub series: Vec<Series>,
    pub notes: Vec<String>,
}

impl TimeChart {
    pub fn summary(&self) -> String {
        let series: Vec<String> = self
            .series
            .iter()
            .map(|s| {
                let pts: Vec<&str> = s.points.iter().map(|p| p.label.as_str()).collect();
                format!("{}: {}", s.label, pts.join(" → "))
            })
            .collect();
        format!("{}: {}", self.title, series.join("; "))
    }
    pub fn facts(&self) -> Vec<usize> {
        self.series.iter().flat_map(|s| s.points.iter().map(|p| p.fact)).collect()
    }
}

/// One target or forecast with the latest actual of the same indicator, subject, unit
/// and kind scope: a bullet bar on the row's own scale (rows of one chart may differ in
/// unit, so no two rows share an axis).
#[derive(Clone, Debug, PartialEq)]
pub struct BulletRow {
    /// Indicator (and subject).
    pub label: String,
    pub plan: usize,
    pub plan_value: f64,
    /// `目标 2700亿元 · 2024年`.
    pub plan_label: String,
    pub actual: usize,
    pub actual_value: f64,
    /// `实际 2471亿元 · 2023年`.
    pub actual_label: String,
    /// The difference, said only when the two are of the same span of time.
    pub gap: Option<String>,
    pub colour: usize,
}

/// A district's targets beside their actuals.
#[derive(Clone, Debug, PartialEq)]
pub struct BulletChart {
    pub title: String,
    pub rows: Vec<BulletRow>,
    pub notes: Vec<String>,
}

impl BulletChart {
    pub fn summary(&self) -> String {
        let rows: Vec<String> = self
            .rows
            .iter()
            .map(|r| {
                let gap = r.gap.as_deref().map(|g| format!(", {g}")).unwrap_or_default();
                format!("{}: {}, {}{gap}", r.label, r.actual_label, r.plan_label)
            })
            .collect();
        format!("{}: {}", self.title, rows.join("; "))
    }
    pub fn facts(&self) -> Vec<usize> {
        self.rows.iter().flat_map(|r| [r.actual, r.plan]).collect()
    }
}

/// Okabe–Ito colours: distinguishable with colour-blindness. Bars also carry labels
/// and a dark outline, so colour is never the only cue.
pub const PALETTE: [(u8, u8, u8); 6] =
    [(0, 114, 178), (213, 94, 0), (0, 158, 115), (204, 121, 167), (86, 180, 233), (230, 159, 0)];
