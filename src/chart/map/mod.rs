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

use super::render::escape;
use crate::dataset::Dataset;
use crate::format;
use crate::i18n::{self, pick, Lang};
use crate::model::*;
use crate::query::Filter;
use crate::state::PeriodMode;
use serde_json::Value;
use std::sync::OnceLock;

/// The committed map file.
pub const MAP_JSON: &str = include_str!("../../static/map/chongqing.json");

#[derive(Clone, Debug, PartialEq)]
pub struct MapData {
    pub credit_zh: String,
    pub credit_en: String,
    /// The view box, in half pixels at 600 px wide.
    pub width: f64,
    pub height: f64,
    pub inset: Inset,
    pub districts: Vec<Shape>,
}

/// The enlarged central districts: the box `from` of the map drawn into `to`
/// (`[x, y, width, height]`, view-box units).
#[derive(Clone, Debug, PartialEq)]
pub struct Inset {
    pub from: [f64; 4],
    pub to: [f64; 4],
}

#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// GB/T 2260 code, the dataset's district id.
    pub code: String,
    pub zh: String,
    pub en: String,
    /// Small enough to be reached in the inset rather than on the map.
    pub inset: bool,
    pub label: [f64; 2],
    /// SVG path data in view-box units.
    pub path: String,
}

impl MapData {
    pub fn credit(&self, lang: Lang) -> &str {
        pick(lang, &self.credit_zh, &self.credit_en)
    }
    /// The inset's zoom factor.
    pub fn zoom(&self) -> f64 {
        self.inset.to[2] / self.inset.from[2]
    }
}

/// The embedded outlines, parsed once (through `serde_json::Value`, which the app
/// already has: no decoder is generated for these few records).
pub fn map_data() -> &'static MapData {
    static DATA: OnceLock<MapData> = OnceLock::new();
    // The file is generated and tested; an unreadable one draws an empty map.
    DATA.get_or_init(|| parse(MAP_JSON).unwrap_or_else(empty))
}

fn empty() -> MapData {
    MapData {
        credit_zh: String::new(),
        credit_en: String::new(),
        width: 1.0,
        height: 1.0,
        inset: Inset {
            from: [0.0, 0.0, 1.0, 1.0],
            to: [0.0, 0.0, 1.0, 1.0],
        },
        districts: Vec::new(),
    }
}

fn parse(text: &str) -> Option<MapData> {
    let v: Value = serde_json::from_str(text).ok()?;
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let nums =
        |v: &Value| -> Option<Vec<f64>> { v.as_array()?.iter().map(Value::as_f64).collect() };
    let four = |v: &Value| -> Option<[f64; 4]> { nums(v)?.try_into().ok() };
    let districts = v
        .get("districts")?
        .as_array()?
        .iter()
        .map(|d| {
            let label: [f64; 2] = nums(d.get("label")?)?.try_into().ok()?;
            Some(Shape {
                code: s(d, "code")?,
                zh: s(d, "zh")?,
                en: s(d, "en")?,
                inset: d.get("inset")?.as_bool()?,
                label,
                path: s(d, "path")?,
            })
        })
        .collect::<Option<Vec<Shape>>>()?;
    Some(MapData {
        credit_zh: s(&v, "credit_zh")?,
        credit_en: s(&v, "credit_en")?,
        width: v.get("width")?.as_f64()?,
        height: v.get("height")?.as_f64()?,
        inset: Inset {
            from: four(v.get("inset")?.get("from")?)?,
            to: four(v.get("inset")?.get("to")?)?,
        },
        districts,
    })
}

/// A path's rings as absolute points (for tests and hit testing): `M x y l dx dy … z`.
pub fn rings(path: &str) -> Vec<Vec<[f64; 2]>> {
    let mut out: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut cmd = ' ';
    let mut nums: Vec<f64> = Vec::new();
    let mut num = String::new();
    let flush = |num: &mut String, nums: &mut Vec<f64>| {
        if !num.is_empty() {
            nums.push(num.parse().unwrap_or(0.0));
            num.clear();
        }
    };
    let apply = |cmd: char, nums: &mut Vec<f64>, out: &mut Vec<Vec<[f64; 2]>>| {
        match cmd {
            'M' => {
                for p in nums.chunks_exact(2) {
                    out.push(vec![[p[0], p[1]]]);
                }
            }
            'l' => {
                if let Some(r) = out.last_mut() {
                    for d in nums.chunks_exact(2) {
                        let last = r.last().copied().unwrap_or([0.0, 0.0]);
                        r.push([last[0] + d[0], last[1] + d[1]]);
                    }
                }
            }
            _ => {}
        }
        nums.clear();
    };
    for c in path.chars() {
        match c {
            'M' | 'l' | 'z' => {
                flush(&mut num, &mut nums);
                apply(cmd, &mut nums, &mut out);
                cmd = c;
            }
            '-' => {
                flush(&mut num, &mut nums);
                num.push(c);
            }
            ' ' | ',' => flush(&mut num, &mut nums),
            c => num.push(c),
        }
    }
    flush(&mut num, &mut nums);
    apply(cmd, &mut nums, &mut out);
    out
}

/// Whether `p` lies inside the rings (even-odd).
/// The bounding box `[xmin, ymin, xmax, ymax]` of a shape's rings.
pub fn bbox(rings: &[Vec<[f64; 2]>]) -> [f64; 4] {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for p in rings.iter().flatten() {
        b = [
            b[0].min(p[0]),
            b[1].min(p[1]),
            b[2].max(p[0]),
            b[3].max(p[1]),
        ];
    }
    b
}

pub fn inside(rings: &[Vec<[f64; 2]>], p: [f64; 2]) -> bool {
    let mut c = false;
    for r in rings {
        let n = r.len();
        for i in 0..n {
            let (a, b) = (r[i], r[(i + n - 1) % n]);
            if (a[1] > p[1]) != (b[1] > p[1])
                && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]
            {
                c = !c;
            }
        }
    }
    c
}

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
        self.areas
            .iter()
            .filter(|a| a.fact.is_none())
            .map(|a| a.name.as_str())
            .collect()
    }
    /// The facts coloured, for the data table.
    pub fn facts(&self) -> Vec<usize> {
        self.areas.iter().filter_map(|a| a.fact).collect()
    }
    /// The accessible name of the map: title, what is coloured, what has no data.
    pub fn summary(&self, lang: Lang) -> String {
        let with: Vec<&str> = self
            .areas
            .iter()
            .filter(|a| a.fact.is_some())
            .map(|a| a.label.as_str())
            .collect();
        let none = self.no_data().len();
        match lang {
            Lang::Zh => format!(
                "地图：{}。{}个区县有数据：{}。{}个区县无数据。",
                self.title,
                with.len(),
                with.join("；"),
                none
            ),
            Lang::En => format!(
                "Map: {}. {} districts with a figure: {}. {} without data.",
                self.title,
                with.len(),
                with.join("; "),
                none
            ),
        }
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
    v.sort_by(f64::total_cmp);
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
            format!(
                "{}{}{}",
                number_in(lo, lang),
                pick(lang, " 至 ", " to "),
                number_in(hi, lang)
            )
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
                ds.facts[a]
                    .period
                    .end
                    .cmp(&ds.facts[b].period.end)
                    .then(b.cmp(&a))
            });
            (latest.into_iter().collect(), Vec::new())
        }
    };
    let plan = matches!(cmp.kind, Kind::Target | Kind::Forecast);
    let on_map = |i: usize| {
        map.districts
            .iter()
            .position(|s| s.code == ds.facts[i].district.as_str())
    };
    let placed: Vec<(usize, usize)> = chosen
        .iter()
        .filter_map(|&i| on_map(i).map(|s| (s, i)))
        .collect();
    let unplaced = chosen.len() - placed.len();
    let values: Vec<f64> = placed.iter().map(|&(_, i)| ds.facts[i].value).collect();
    let classes = classes(&values, lang);

    let mut order: Vec<usize> = (0..map.districts.len()).collect();
    order.sort_by_key(|&s| (!map.districts[s].inset, map.districts[s].code.clone()));
    let areas: Vec<Area> = order
        .into_iter()
        .map(|s| {
            let shape = &map.districts[s];
            let id = DistrictId(shape.code.clone());
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
                    let mut l = format!(
                        "{name}{}{}{}{}",
                        pick(lang, "：", ": "),
                        format::value_in(f, lang),
                        pick(lang, "，", ", "),
                        format::period_in(&f.period, lang),
                    );
                    if plan {
                        l.push_str(&format!(
                            "{}{}{}",
                            pick(lang, "（", " ("),
                            i18n::kind(f.kind, lang),
                            pick(lang, "）", ")")
                        ));
                    }
                    if f.period.year == YearBasis::Inferred {
                        l.push_str(pick(lang, "（年份系推断）", " (year inferred)"));
                    }
                    l.push_str(super::views::imported_mark(ds, i, lang));
                    l
                }
                None => format!(
                    "{name}{}{}",
                    pick(lang, "：", ": "),
                    pick(lang, "无数据", "no data")
                ),
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
        notes.push(match lang {
            Lang::Zh => format!("另有{unplaced}个数据所属区县不在重庆市地图上，未能标注，见下表。"),
            Lang::En => format!("{unplaced} figures are for districts outside Chongqing's map and cannot be placed; they are in the table below."),
        });
    }
    if plan {
        notes.push(
            pick(
                lang,
                "所示为目标或预测值，不是实际结果，以网点图案标示。",
                "These are targets or forecasts, not results: they are drawn dotted.",
            )
            .into(),
        );
    }
    let title = match lang {
        Lang::Zh => format!(
            "{}（{}，单位：{}）",
            i18n::indicator_name(ds, &cmp.indicator, lang),
            cmp.kind.zh(),
            cmp.unit.zh()
        ),
        Lang::En => format!(
            "{} ({}, unit: {})",
            i18n::indicator_name(ds, &cmp.indicator, lang),
            cmp.kind.en(),
            cmp.unit.en()
        ),
    };
    Some(Choropleth {
        title,
        unit_label: match lang {
            Lang::Zh => format!("单位：{}", cmp.unit.zh()),
            Lang::En => format!("Unit: {}", cmp.unit.en()),
        },
        plan,
        areas,
        classes,
        notes,
        unplaced,
        chosen,
        auto_selected: cmp.auto_selected,
    })
}

/// A drawn map: the SVG and the hit layer over it, both `width`×`height` px.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderedMap {
    pub svg: String,
    pub hits: String,
    pub width: u32,
    pub height: u32,
}

struct Ink {
    bg: &'static str,
    ink: &'static str,
    muted: &'static str,
    border: &'static str,
    nodata: &'static str,
    hatch: &'static str,
}

fn ink(dark: bool) -> Ink {
    if dark {
        Ink {
            bg: "#181a1e",
            ink: "#ececec",
            muted: "#bebebe",
            border: "#181a1e",
            nodata: "#2a2d33",
            hatch: "#8a8f98",
        }
    } else {
        Ink {
            bg: "#ffffff",
            ink: "#1a1a1a",
            muted: "#505050",
            border: "#ffffff",
            nodata: "#f4f4f4",
            hatch: "#a8a8a8",
        }
    }
}

const PAD: f64 = 10.0;
/// Marks that never begin a line.
const CLOSING: &str = "）)」》。，、；：";

/// Splits text into lines of at most `max` px (estimated widths; CJK anywhere, Latin
/// at spaces when it can).
fn wrap(text: &str, px: f64, max: f64) -> Vec<String> {
    let w = |s: &str| super::render::estimate(s, px, false);
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in text.chars() {
        line.push(c);
        // A closing mark stays with what it closes, even a little past the edge.
        if w(&line) > max && line.chars().count() > 1 && !CLOSING.contains(c) {
            let cut = line
                .rfind(' ')
                .filter(|&i| i > 0 && line.len() - i < 16)
                .unwrap_or_else(|| line.len() - c.len_utf8());
            let rest = line.split_off(cut);
            lines.push(line.trim_end().to_string());
            line = rest.trim_start().to_string();
        }
    }
    // A closing mark never starts a line alone.
    if line.chars().all(|c| CLOSING.contains(c)) && !lines.is_empty() {
        if let Some(last) = lines.last_mut() {
            last.push_str(&line);
        }
    } else if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn text(out: &mut String, x: f64, y: f64, px: f64, fill: &str, bold: bool, s: &str) {
    out.push_str(&format!(
        "<text x=\"{x:.0}\" y=\"{y:.0}\" font-family=\"sans-serif\" font-size=\"{px}\"{} fill=\"{fill}\">{}</text>",
        if bold { " font-weight=\"bold\"" } else { "" },
        escape(s)
    ));
}

fn fill_of(prefix: &str, area: &Area, plan: bool, tag: &str) -> String {
    match (area.class, plan) {
        (Some(c), false) => RAMP[c].to_string(),
        (Some(c), true) => format!("url(#{prefix}-t{c}{tag})"),
        (None, _) => format!("url(#{prefix}-nd{tag})"),
    }
}

/// A district's name without "区"/"县"/" District" when it is short enough to label
/// the inset (渝中区 → 渝中, Yuzhong District → Yuzhong).
fn short_name(name: &str) -> &str {
    name.strip_suffix(" District")
        .or_else(|| name.strip_suffix('区'))
        .unwrap_or(name)
}

/// Each district's box `[x0, y0, x1, y1]` and whether it reaches into the inset.
fn boxes() -> &'static [([f64; 4], bool)] {
    static BOXES: OnceLock<Vec<([f64; 4], bool)>> = OnceLock::new();
    BOXES.get_or_init(|| {
        let map = map_data();
        let f = map.inset.from;
        map.districts
            .iter()
            .map(|d| {
                let b = bbox(&rings(&d.path));
                let reaches =
                    b[0] <= f[0] + f[2] && b[2] >= f[0] && b[1] <= f[1] + f[3] && b[3] >= f[1];
                (b, reaches)
            })
            .collect()
    })
}

/// Whether a district's outline may reach into the inset's box.
fn in_inset(shape: usize) -> bool {
    boxes().get(shape).is_some_and(|b| b.1)
}

/// Patterns: hatching for no data, dots over the class colour for targets. `unit`
/// is one pixel in the coordinates of the shapes that use them.
fn patterns(out: &mut String, prefix: &str, unit: f64, c: &Ink, tag: &str) {
    let s = 6.0 * unit;
    out.push_str(&format!(
        "<pattern id=\"{prefix}-nd{tag}\" patternUnits=\"userSpaceOnUse\" width=\"{s:.2}\" height=\"{s:.2}\" patternTransform=\"rotate(45)\"><rect width=\"{s:.2}\" height=\"{s:.2}\" fill=\"{}\"/><rect width=\"{:.2}\" height=\"{s:.2}\" fill=\"{}\"/></pattern>",
        c.nodata,
        1.2 * unit,
        c.hatch
    ));
    for (k, colour) in RAMP.iter().enumerate() {
        out.push_str(&format!(
            "<pattern id=\"{prefix}-t{k}{tag}\" patternUnits=\"userSpaceOnUse\" width=\"{s:.2}\" height=\"{s:.2}\"><rect width=\"{s:.2}\" height=\"{s:.2}\" fill=\"{colour}\"/><circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"{:.2}\" fill=\"{}\"/></pattern>",
            s / 2.0,
            s / 2.0,
            1.3 * unit,
            if k < 2 { "#1a1a1a" } else { "#ffffff" }
        ));
    }
}

/// Draws the map `width` px wide (clamped to 300–1440): title, the districts with
/// their fills, the inset of the central districts, the legend, the credit, and the
/// sources when `footer` is given (exports). `prefix` keeps the SVG ids of two maps
/// on one page apart.
pub fn render_map(
    ch: &Choropleth,
    width: u32,
    dark: bool,
    footer: Option<&str>,
    lang: Lang,
    prefix: &str,
) -> RenderedMap {
    let map = map_data();
    let c = ink(dark);
    let w = width.clamp(300, 1440) as f64;
    let title_px = if w < 560.0 { 17.0 } else { 20.0 };
    let small = if w < 560.0 { 12.0 } else { 13.0 };
    let mut body = String::new();
    let mut y = 8.0;
    for line in wrap(&ch.title, title_px, w - 2.0 * PAD) {
        y += title_px * 1.3;
        text(&mut body, PAD, y, title_px, c.ink, true, &line);
    }
    y += 8.0;
    // The map, never wider than 760 px. The inset of the central districts sits in
    // the empty north-west corner on wide maps, and below the map, full width, on
    // narrow ones, where the corner would be too small to tap.
    let map_w = (w - 2.0 * PAD).min(760.0);
    let s = map_w / map.width;
    let map_h = map.height * s;
    let (mx, my) = (PAD, y);
    let inset = &map.inset;
    let below = map_w < 540.0;
    let (ix, iy, iw) = if below {
        (mx, my + map_h + small + 10.0, map_w)
    } else {
        (mx + inset.to[0] * s, my + inset.to[1] * s, inset.to[2] * s)
    };
    let zi = iw / inset.from[2];
    let ih = inset.from[3] * zi;
    let transform = format!("translate({mx:.1} {my:.1}) scale({s:.5})");
    let inset_transform = format!(
        "translate({ix:.1} {iy:.1}) scale({zi:.5}) translate({:.1} {:.1})",
        -inset.from[0], -inset.from[1]
    );
    let mut defs = String::new();
    patterns(&mut defs, prefix, 1.0 / s, &c, "");
    patterns(&mut defs, prefix, 1.0 / zi, &c, "i");
    patterns(&mut defs, prefix, 1.0, &c, "l");
    defs.push_str(&format!(
        "<clipPath id=\"{prefix}-clip\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>",
        inset.from[0], inset.from[1], inset.from[2], inset.from[3]
    ));
    let shape_path = |a: &Area, tag: &str| {
        format!(
            "<path d=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1\" vector-effect=\"non-scaling-stroke\" stroke-linejoin=\"round\"/>",
            map.districts[a.shape].path,
            fill_of(prefix, a, ch.plan, tag),
            c.border
        )
    };
    body.push_str(&format!("<g transform=\"{transform}\">"));
    for a in &ch.areas {
        body.push_str(&shape_path(a, ""));
    }
    // The inset's box on the map.
    body.push_str(&format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" vector-effect=\"non-scaling-stroke\"/></g>",
        inset.from[0], inset.from[1], inset.from[2], inset.from[3], c.ink
    ));
    // The inset: its frame, the districts that reach into it, the central ones named.
    body.push_str(&format!(
        "<rect x=\"{ix:.1}\" y=\"{iy:.1}\" width=\"{iw:.1}\" height=\"{ih:.1}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>",
        c.bg, c.ink
    ));
    body.push_str(&format!(
        "<g clip-path=\"url(#{prefix}-clip)\" transform=\"{inset_transform}\">"
    ));
    for a in ch.areas.iter().filter(|a| in_inset(a.shape)) {
        body.push_str(&shape_path(a, "i"));
    }
    body.push_str("</g>");
    let label_px = if below { 11.0 } else { 12.0 };
    for a in ch.areas.iter().filter(|a| map.districts[a.shape].inset) {
        let d = &map.districts[a.shape];
        let name = short_name(pick(lang, &d.zh, &d.en));
        let lx = ix + (d.label[0] - inset.from[0]) * zi;
        let ly = iy + (d.label[1] - inset.from[1]) * zi;
        let tw = super::render::estimate(name, label_px, true);
        body.push_str(&format!(
            "<text x=\"{:.0}\" y=\"{:.0}\" font-family=\"sans-serif\" font-size=\"{label_px}\" font-weight=\"bold\" fill=\"{}\" stroke=\"{}\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\">{}</text>",
            (lx - tw / 2.0).max(ix + 2.0),
            ly + label_px / 2.0 - 1.0,
            c.ink,
            c.bg,
            escape(name)
        ));
    }
    let inset_caption = pick(lang, "中心城区（放大）", "Central districts (enlarged)");
    let caption_y = if below {
        my + map_h + small + 2.0
    } else {
        iy + ih + small + 4.0
    };
    text(
        &mut body,
        ix,
        caption_y,
        small,
        c.muted,
        false,
        inset_caption,
    );
    y = if below {
        iy + ih + 10.0
    } else {
        my + map_h + 10.0
    };

    // Legend: the unit, the classes, "no data".
    y += small + 4.0;
    text(&mut body, PAD, y, small, c.ink, true, &ch.unit_label);
    y += 8.0;
    let mut x = PAD;
    let sw = 22.0;
    let mut items: Vec<(String, String)> = ch
        .classes
        .iter()
        .enumerate()
        .map(|(k, cl)| {
            let fill = if ch.plan {
                format!("url(#{prefix}-t{k}l)")
            } else {
                RAMP[k].to_string()
            };
            (fill, cl.label.clone())
        })
        .collect();
    let nodata = ch.no_data().len();
    if nodata > 0 {
        items.push((
            format!("url(#{prefix}-ndl)"),
            match lang {
                Lang::Zh => format!("无数据（{nodata}个）"),
                Lang::En => format!("no data ({nodata})"),
            },
        ));
    }
    let row_h = sw + 8.0;
    for (fill, label) in &items {
        let iw = sw + 6.0 + super::render::estimate(label, small, false) + 16.0;
        if x + iw > w - PAD && x > PAD {
            x = PAD;
            y += row_h;
        }
        body.push_str(&format!(
            "<rect x=\"{x:.0}\" y=\"{y:.0}\" width=\"{sw}\" height=\"{sw}\" fill=\"{fill}\" stroke=\"{}\" stroke-width=\"1\"/>",
            c.muted
        ));
        text(
            &mut body,
            x + sw + 6.0,
            y + sw - 6.0,
            small,
            c.ink,
            false,
            label,
        );
        x += iw;
    }
    y += row_h;
    if ch.plan {
        y += small;
        text(
            &mut body,
            PAD,
            y,
            small,
            c.ink,
            false,
            pick(
                lang,
                "网点：目标或预测值，非实际结果",
                "Dotted: targets or forecasts, not results",
            ),
        );
        y += 6.0;
    }
    for line in wrap(map.credit(lang), small, w - 2.0 * PAD) {
        y += small + 4.0;
        text(&mut body, PAD, y, small, c.muted, false, &line);
    }
    if let Some(f) = footer {
        y += 6.0;
        for line in wrap(f, small, w - 2.0 * PAD) {
            y += small + 5.0;
            text(&mut body, PAD, y, small, c.muted, false, &line);
        }
    }
    let h = (y + 10.0).ceil();
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\"><defs>{defs}</defs><rect width=\"{w:.0}\" height=\"{h:.0}\" fill=\"{}\"/>{body}</svg>",
        c.bg
    );

    // The hit layer: one focusable, labelled shape per district, the inset's first.
    let mut hits = format!(
        "<svg class=\"map-hits-svg\" viewBox=\"0 0 {w:.0} {h:.0}\" preserveAspectRatio=\"xMinYMin meet\"><defs><clipPath id=\"{prefix}-hclip\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath></defs>",
        inset.from[0], inset.from[1], inset.from[2], inset.from[3]
    );
    let hit = |a: &Area, focusable: bool| {
        let shape = &map.districts[a.shape];
        let fact = a
            .fact
            .map_or(String::new(), |i| format!(" data-fact=\"{i}\""));
        if focusable {
            format!(
                "<path class=\"hit\" d=\"{}\" tabindex=\"0\" role=\"button\" data-district=\"{}\"{fact} aria-label=\"{}\"><title>{}</title></path>",
                shape.path,
                escape(&shape.code),
                escape(&a.label),
                escape(&a.label)
            )
        } else {
            format!(
                "<path class=\"hit\" d=\"{}\" data-district=\"{}\"{fact} aria-hidden=\"true\"><title>{}</title></path>",
                shape.path,
                escape(&shape.code),
                escape(&a.label)
            )
        }
    };
    hits.push_str(&format!(
        "<g class=\"map-inset-hits\" clip-path=\"url(#{prefix}-hclip)\" transform=\"{inset_transform}\">"
    ));
    for a in ch.areas.iter().filter(|a| map.districts[a.shape].inset) {
        hits.push_str(&hit(a, true));
    }
    // A district drawn narrower than a finger (44 px) gets a round pad at its label
    // that takes taps and clicks for it (on top; not focusable: its shape is).
    for a in ch.areas.iter().filter(|a| map.districts[a.shape].inset) {
        let d = &map.districts[a.shape];
        let b = boxes().get(a.shape).map_or([0.0; 4], |b| b.0);
        if ((b[2] - b[0]).min(b[3] - b[1])) * zi < 44.0 {
            hits.push_str(&format!(
                "<circle class=\"hit-pad\" cx=\"{}\" cy=\"{}\" r=\"{:.1}\" data-district=\"{}\"{} aria-hidden=\"true\"><title>{}</title></circle>",
                d.label[0],
                d.label[1],
                22.0 / zi,
                escape(&d.code),
                a.fact.map_or(String::new(), |i| format!(" data-fact=\"{i}\"")),
                escape(&a.label)
            ));
        }
    }
    hits.push_str(&format!("</g><g transform=\"{transform}\">"));
    for a in &ch.areas {
        hits.push_str(&hit(a, !map.districts[a.shape].inset));
    }
    hits.push_str("</g></svg>");
    RenderedMap {
        svg,
        hits,
        width: w as u32,
        height: h as u32,
    }
}

/// A small map of Chongqing with one district highlighted, for the district profile.
/// Returns `None` when the district is not on the map.
pub fn locator(code: &str, width: u32, dark: bool) -> Option<String> {
    let map = map_data();
    map.districts.iter().find(|d| d.code == code)?;
    let c = ink(dark);
    let w = width as f64;
    let s = w / map.width;
    let h = (map.height * s).ceil();
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" aria-hidden=\"true\" focusable=\"false\"><g transform=\"scale({s:.5})\">"
    );
    for d in &map.districts {
        let on = d.code == code;
        out.push_str(&format!(
            "<path d=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\" vector-effect=\"non-scaling-stroke\"/>",
            d.path,
            if on { "#d55e00" } else { c.nodata },
            if on { c.ink } else { c.hatch },
            if on { 2 } else { 1 }
        ));
    }
    // A ring around small districts so they can be found.
    if let Some(d) = map.districts.iter().find(|d| d.code == code && d.inset) {
        out.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{:.1}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" vector-effect=\"non-scaling-stroke\"/>",
            d.label[0],
            d.label[1],
            12.0 / s,
            c.ink
        ));
    }
    out.push_str("</g></svg>");
    Some(out)
}
