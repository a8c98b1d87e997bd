//! Drawing charts to SVG with plotters, at any width from 320 to 1440 px. Text is
//! measured (by the DOM on wasm32) so labels are never clipped: titles wrap, narrow
//! charts put each label above its bar. Returns the bars' boxes too, so the UI can
//! lay focusable, labelled hit areas over them.

use super::{BarChart, BarStyle, BulletChart, TimeChart, PALETTE};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A drawn chart: the SVG (escaped by plotters) and where each fact was drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Rendered {
    pub svg: String,
    pub width: u32,
    pub height: u32,
    pub hits: Vec<Hit>,
}

/// A bar's or point's box in SVG pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
    pub fact: usize,
    /// What the bar says: label and value.
    pub label: String,
}

struct Colours {
    bg: RGBColor,
    ink: RGBColor,
    muted: RGBColor,
    grid: RGBColor,
}

fn colours(dark: bool) -> Colours {
    if dark {
        Colours {
            bg: RGBColor(24, 26, 30),
            ink: RGBColor(236, 236, 236),
            muted: RGBColor(190, 190, 190),
            grid: RGBColor(80, 84, 90),
        }
    } else {
        Colours {
            bg: WHITE,
            ink: RGBColor(26, 26, 26),
            muted: RGBColor(80, 80, 80),
            grid: RGBColor(200, 200, 200),
        }
    }
}

fn palette(slot: usize) -> RGBColor {
    let (r, g, b) = PALETTE[slot % PALETTE.len()];
    RGBColor(r, g, b)
}

const FONT: &str = "sans-serif";
const PAD: i32 = 10;
const TEXT: f64 = 18.0;
/// Charts narrower than this put each label on its own line above the bar.
const STACK_BELOW: i32 = 440;
/// Charts at least this wide have larger titles.
const WIDE_TITLE: i32 = 560;

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Drawn = Result<(), DrawingAreaErrorKind<std::io::Error>>;

fn font(size: f64, bold: bool) -> FontDesc<'static> {
    let f = (FONT, size).into_font();
    if bold {
        f.style(FontStyle::Bold)
    } else {
        f
    }
}

/// Text width in pixels: measured by the browser on wasm32, estimated natively.
/// Measures a text's width in px given its font size as drawn (plotters writes
/// `size / 1.24` into the SVG) and weight.
pub type Measure = fn(text: &str, px: f64, bold: bool) -> f64;

thread_local! {
    static MEASURE: std::cell::Cell<Measure> = const { std::cell::Cell::new(estimate) };
}

/// Sets how text is measured. The UI installs the browser's canvas `measureText`
/// (plotters' own DOM measuring sets `style` attributes, which a strict CSP forbids);
/// natively the estimate below is used.
pub fn set_measure(m: Measure) {
    MEASURE.with(|c| c.set(m));
}

/// A font-free estimate: CJK and full-width characters are one em, Latin about half.
pub fn estimate(text: &str, px: f64, bold: bool) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' => 1.0,
            'A'..='Z' | 'm' | 'w' | '%' => 0.68,
            ' ' | 'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '·' | '|' | '\'' => 0.3,
            _ => 0.56,
        })
        .sum();
    ems * px * if bold { 1.06 } else { 1.0 }
}

/// Text width in pixels for a plotters font `size`.
fn text_width(_root: &Area, text: &str, size: f64, bold: bool) -> i32 {
    let px = size / 1.24;
    MEASURE.with(|m| m.get()(text, px, bold)).ceil() as i32
}

/// Splits `text` into lines no wider than `max` (CJK breaks anywhere; Latin at spaces when it can).
fn wrap(root: &Area, text: &str, size: f64, bold: bool, max: i32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in text.chars() {
        line.push(c);
        if text_width(root, &line, size, bold) > max && line.chars().count() > 1 {
            let mut cut = line
                .rfind(' ')
                .filter(|&i| i > 0 && line.len() - i < 16)
                .unwrap_or_else(|| line.len() - c.len_utf8());
            // Closing punctuation never starts a line: it takes the character before it along.
            if "）)】」』”’、，。：；！？".contains(c) && line.len() - cut == c.len_utf8()
            {
                if let Some((i, _)) = line[..cut].char_indices().last().filter(|&(i, _)| i > 0) {
                    cut = i;
                }
            }
            let rest = line.split_off(cut);
            lines.push(line.trim_end().to_string());
            line = rest.trim_start().to_string();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn clamp_width(width: u32) -> i32 {
    width.clamp(320, 1440) as i32
}

/// Draws the title (wrapped) and returns the y where the plot starts.
fn title(
    root: &Area,
    text: &str,
    width: i32,
    c: &Colours,
) -> Result<i32, DrawingAreaErrorKind<std::io::Error>> {
    let size = if width < WIDE_TITLE { 18.0 } else { 21.0 };
    let mut y = 8;
    for line in wrap(root, text, size, true, width - 2 * PAD) {
        root.draw(&Text::new(line, (PAD, y), font(size, true).color(&c.ink)))?;
        y += (size * 1.45) as i32;
    }
    Ok(y + 8)
}

fn title_height(root: &Area, text: &str, width: i32) -> i32 {
    let size = if width < WIDE_TITLE { 18.0 } else { 21.0 };
    8 + wrap(root, text, size, true, width - 2 * PAD).len() as i32 * (size * 1.45) as i32 + 8
}

fn svg_of(width: i32, height: i32, draw: impl FnOnce(&Area) -> Drawn) -> String {
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (width as u32, height as u32)).into_drawing_area();
        // Drawing into a String cannot fail; an error would lose the chart, never the page.
        let _ = draw(&root);
        let _ = root.present();
    }
    svg
}

/// Measures with a throwaway backend (text measurement needs a drawing area).
fn measure<T>(f: impl FnOnce(&Area) -> T) -> T {
    let mut scratch = String::new();
    let root = SVGBackend::with_string(&mut scratch, (10, 10)).into_drawing_area();
    f(&root)
}

/// Horizontal bars, `width` px wide (clamped to 320–1440).
pub fn render_bars(chart: &BarChart, width: u32, dark: bool) -> Rendered {
    render_bars_with_footer(chart, width, dark, None)
}

/// Draws `footer` (the sources, for exported images) wrapped below the plot.
fn footer_lines(text: Option<&str>, width: i32) -> Vec<String> {
    text.map_or_else(Vec::new, |t| {
        measure(|root| wrap(root, t, 15.0, false, width - 2 * PAD))
    })
}

fn draw_footer(root: &Area, lines: &[String], y: i32, c: &Colours) -> Drawn {
    for (i, line) in lines.iter().enumerate() {
        root.draw(&Text::new(
            line.clone(),
            (PAD, y + i as i32 * 20),
            font(15.0, false).color(&c.muted),
        ))?;
    }
    Ok(())
}

/// As `render_bars`, with a footer line (sources and link) inside the image, for export.
pub fn render_bars_with_footer(
    chart: &BarChart,
    width: u32,
    dark: bool,
    footer: Option<&str>,
) -> Rendered {
    let width = clamp_width(width);
    let footer = footer_lines(footer, width);
    let c = colours(dark);
    let (title_h, label_w, value_w) = measure(|root| {
        let lw = chart
            .bars
            .iter()
            .map(|b| text_width(root, &b.label, TEXT, false))
            .max()
            .unwrap_or(0);
        let vw = chart
            .bars
            .iter()
            .map(|b| text_width(root, &b.value_label, TEXT, false))
            .max()
            .unwrap_or(0);
        (title_height(root, &chart.title, width), lw, vw)
    });
    // Wide: label | bar | value on one row. Narrow (or values too long to sit beside a
    // bar): label and value wrapped above a full-width bar. Text is wrapped, never
    // shrunk below 12 px or cut.
    let label_col = (label_w + PAD).min(width / 3);
    let stacked = width < STACK_BELOW || label_col + value_w + 4 * PAD + 100 > width;
    let x0 = if stacked { PAD } else { PAD + label_col + PAD };
    let x1 = if stacked {
        width - PAD
    } else {
        width - PAD - value_w - PAD
    };
    // Each bar's text lines and row height.
    let lines: Vec<Vec<String>> = measure(|root| {
        chart
            .bars
            .iter()
            .map(|b| {
                if stacked {
                    // "label  value" on one line when it fits; else each wrapped.
                    let one = format!("{}  {}", b.label, b.value_label);
                    if text_width(root, &one, TEXT, false) <= width - 2 * PAD {
                        return vec![one];
                    }
                    let mut l = wrap(root, &b.label, TEXT, false, width - 2 * PAD);
                    l.extend(wrap(root, &b.value_label, TEXT, false, width - 2 * PAD));
                    l
                } else {
                    wrap(root, &b.label, TEXT, false, label_col)
                }
            })
            .collect()
    });
    let row_h = |n: usize| -> i32 {
        let n = n as i32;
        if stacked {
            4 + n * LINE + BAR + 10
        } else {
            (n * LINE + 12).max(BAR + 20)
        }
    };
    let (lo, hi) = chart.bars.iter().fold((0.0f64, 0.0f64), |(lo, hi), b| {
        (lo.min(b.value), hi.max(b.value))
    });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let scale = |v: f64| x0 + ((v - lo) / span * f64::from(x1 - x0)).round() as i32;
    let zero = scale(0.0);
    let top = title_h;
    let plot_bottom = top + lines.iter().map(|l| row_h(l.len())).sum::<i32>();
    let height =
        plot_bottom + 12 + footer.len() as i32 * 20 + if footer.is_empty() { 0 } else { 8 };
    let mut hits = Vec::new();

    let svg = svg_of(width, height, |root| {
        root.fill(&c.bg)?;
        title(root, &chart.title, width, &c)?;
        let mut y = top;
        for (bar, text) in chart.bars.iter().zip(&lines) {
            let row = row_h(text.len());
            let colour = palette(bar.colour);
            let (bar_top, bar_bottom) = if stacked {
                let t = y + 4 + text.len() as i32 * LINE;
                (t, t + BAR)
            } else {
                (y + row / 2 - BAR / 2 - 2, y + row / 2 + BAR / 2 + 2)
            };
            let end = scale(bar.value);
            let (a, b) = if end >= zero {
                (zero, end.max(zero + 2))
            } else {
                (end, zero)
            };
            let ink = font(TEXT, false).color(&c.ink);
            if stacked {
                for (k, line) in text.iter().enumerate() {
                    root.draw(&Text::new(
                        line.clone(),
                        (PAD, y + 2 + k as i32 * LINE),
                        ink.clone(),
                    ))?;
                }
            } else {
                let first = y + row / 2 - (text.len() as i32 - 1) * LINE / 2;
                for (k, line) in text.iter().enumerate() {
                    let style = ink.clone().pos(Pos::new(HPos::Right, VPos::Center));
                    root.draw(&Text::new(
                        line.clone(),
                        (x0 - PAD, first + k as i32 * LINE),
                        style,
                    ))?;
                }
                let vx = if end >= zero { b + 6 } else { zero + 6 };
                root.draw(&Text::new(
                    bar.value_label.clone(),
                    (vx, y + row / 2),
                    ink.clone().pos(Pos::new(HPos::Left, VPos::Center)),
                ))?;
            }
            draw_bar(root, (a, bar_top), (b, bar_bottom), colour, bar.style, &c)?;
            hits.push(Hit {
                x: 0,
                y,
                w: width,
                h: row,
                fact: bar.fact,
                label: format!("{}: {}", bar.label, bar.value_label),
            });
            y += row;
        }
        root.draw(&PathElement::new(
            vec![(zero, top - 2), (zero, plot_bottom + 2)],
            c.muted,
        ))?;
        draw_footer(root, &footer, plot_bottom + 16, &c)?;
        Ok(())
    });
    Rendered {
        svg,
        width: width as u32,
        height: height as u32,
        hits,
    }
}

/// Line height of chart text, and the thickness of a bar (touch-friendly, ≥ 24 px).
const LINE: i32 = 23;
const BAR: i32 = 24;

/// A bar from `(a, top)` to `(b, bottom)`: filled with a dark edge for a result, pale
/// with a dashed outline for a target or forecast.
fn draw_bar(
    root: &Area,
    (a, top): (i32, i32),
    (b, bottom): (i32, i32),
    colour: RGBColor,
    style: BarStyle,
    c: &Colours,
) -> Drawn {
    match style {
        BarStyle::Solid => {
            root.draw(&Rectangle::new([(a, top), (b, bottom)], colour.filled()))?;
            root.draw(&Rectangle::new(
                [(a, top), (b, bottom)],
                c.ink.stroke_width(1),
            ))
        }
        BarStyle::Outline => {
            root.draw(&Rectangle::new(
                [(a, top), (b, bottom)],
                colour.mix(0.25).filled(),
            ))?;
            let outline = vec![(a, top), (b, top), (b, bottom), (a, bottom), (a, top)];
            root.draw(&DashedPathElement::new(
                outline,
                6,
                4,
                c.ink.stroke_width(2),
            ))
        }
    }
}

/// Bullet bars: per row, the target's dashed outline with the actual's solid bar inside
/// it on the row's own scale, then the actual and the target (with the gap) in words.
pub fn render_bullets(chart: &BulletChart, width: u32, dark: bool) -> Rendered {
    render_bullets_with_footer(chart, width, dark, None)
}

/// As `render_bullets`, with a footer line inside the image, for export.
pub fn render_bullets_with_footer(
    chart: &BulletChart,
    width: u32,
    dark: bool,
    footer: Option<&str>,
) -> Rendered {
    let width = clamp_width(width);
    let footer = footer_lines(footer, width);
    let c = colours(dark);
    let text_w = width - 2 * PAD;
    let title_h = measure(|root| title_height(root, &chart.title, width));
    // Per row: label lines, actual lines, target (and gap) lines.
    let rows: Vec<[Vec<String>; 3]> = measure(|root| {
        chart
            .rows
            .iter()
            .map(|r| {
                let plan = match &r.gap {
                    Some(g) => format!("{} · {g}", r.plan_label),
                    None => r.plan_label.clone(),
                };
                [
                    wrap(root, &r.label, TEXT, true, text_w),
                    wrap(root, &r.actual_label, TEXT, false, text_w),
                    wrap(root, &plan, TEXT, false, text_w),
                ]
            })
            .collect()
    });
    const BAND: i32 = 34;
    let heights: Vec<(i32, i32, i32)> = rows
        .iter()
        .map(|[label, actual, plan]| {
            let head = 6 + label.len() as i32 * LINE;
            let actual_h = BAND + actual.len() as i32 * LINE + 4;
            let plan_h = (plan.len() as i32 * LINE + 8).max(44);
            (head, actual_h, plan_h + 8)
        })
        .collect();
    let plot_bottom = title_h + heights.iter().map(|h| h.0 + h.1 + h.2).sum::<i32>();
    let height = plot_bottom + 8 + footer.len() as i32 * 20 + if footer.is_empty() { 0 } else { 8 };
    let mut hits = Vec::new();
    let svg = svg_of(width, height, |root| {
        root.fill(&c.bg)?;
        title(root, &chart.title, width, &c)?;
        let mut y = title_h;
        for ((r, [label, actual, plan]), &(head, actual_h, plan_h)) in
            chart.rows.iter().zip(&rows).zip(&heights)
        {
            let ink = font(TEXT, false).color(&c.ink);
            for (k, line) in label.iter().enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (PAD, y + 4 + k as i32 * LINE),
                    font(TEXT, true).color(&c.ink),
                ))?;
            }
            let band = y + head;
            let lo = r.plan_value.min(r.actual_value).min(0.0);
            let hi = r.plan_value.max(r.actual_value).max(0.0);
            let span = if hi > lo { hi - lo } else { 1.0 };
            let (x0, x1) = (PAD, width - PAD);
            let scale = |v: f64| x0 + ((v - lo) / span * f64::from(x1 - x0)).round() as i32;
            let zero = scale(0.0);
            let ends = |v: f64| {
                let e = scale(v);
                if e >= zero {
                    (zero, e.max(zero + 2))
                } else {
                    (e, zero)
                }
            };
            let colour = palette(r.colour);
            let (pa, pb) = ends(r.plan_value);
            draw_bar(
                root,
                (pa, band + 1),
                (pb, band + BAND - 1),
                colour,
                BarStyle::Outline,
                &c,
            )?;
            let (aa, ab) = ends(r.actual_value);
            draw_bar(
                root,
                (aa, band + 5),
                (ab, band + 5 + BAR),
                colour,
                BarStyle::Solid,
                &c,
            )?;
            root.draw(&PathElement::new(
                vec![(zero, band), (zero, band + BAND - 2)],
                c.muted,
            ))?;
            for (k, line) in actual.iter().enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (PAD, band + BAND + 2 + k as i32 * LINE),
                    ink.clone(),
                ))?;
            }
            let plan_top = band + actual_h;
            for (k, line) in plan.iter().enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (PAD, plan_top + 2 + k as i32 * LINE),
                    ink.clone(),
                ))?;
            }
            hits.push(Hit {
                x: 0,
                y: band,
                w: width,
                h: actual_h,
                fact: r.actual,
                label: format!("{}: {}", r.label, r.actual_label),
            });
            hits.push(Hit {
                x: 0,
                y: plan_top,
                w: width,
                h: plan_h - 8,
                fact: r.plan,
                label: format!(
                    "{}: {}{}",
                    r.label,
                    r.plan_label,
                    r.gap
                        .as_deref()
                        .map(|g| format!(" · {g}"))
                        .unwrap_or_default()
                ),
            });
            y += head + actual_h + plan_h;
        }
        draw_footer(root, &footer, plot_bottom + 12, &c)?;
        Ok(())
    });
    Rendered {
        svg,
        width: width as u32,
        height: height as u32,
        hits,
    }
}

/// Lines over a true time axis (decimal years), one series per district, each with
/// its own marker shape so that colour is not the only cue.
pub fn render_time(chart: &TimeChart, width: u32, dark: bool) -> Rendered {
    render_time_with_footer(chart, width, dark, None)
}

/// As `render_time`, with a footer line inside the image, for export.
pub fn render_time_with_footer(
    chart: &TimeChart,
    width: u32,
    dark: bool,
    footer: Option<&str>,
) -> Rendered {
    let width = clamp_width(width);
    let footer = footer_lines(footer, width);
    let c = colours(dark);
    let points = chart.series.iter().flat_map(|s| s.points.iter());
    let (mut xmin, mut xmax, mut ymin, mut ymax) = (f64::MAX, f64::MIN, 0.0f64, 0.0f64);
    for p in points {
        xmin = xmin.min(p.x);
        xmax = xmax.max(p.x);
        ymin = ymin.min(p.value);
        ymax = ymax.max(p.value);
    }
    if xmin > xmax {
        return Rendered {
            svg: svg_of(width, 60, |root| root.fill(&c.bg)),
            width: width as u32,
            height: 60,
            hits: Vec::new(),
        };
    }
    let (xmin, xmax) = (xmin.floor(), xmax.ceil().max(xmin.floor() + 1.0));
    let step = nice_step((ymax.max(ymin + 1e-9) - ymin) * 1.15 / 4.0);
    let (ymin, ymax) = (
        (ymin / step).floor() * step,
        ((ymax * 1.15) / step).ceil() * step,
    );
    let ticks = ((ymax - ymin) / step).round() as i32;
    let title_h = measure(|root| title_height(root, &chart.title, width));
    let legend_h = 24 * chart.series.len() as i32;
    let plot_top = title_h + 14;
    let plot_h = if width < STACK_BELOW { 200 } else { 260 };
    let legend_bottom = plot_top + plot_h + 34 + legend_h;
    let height =
        legend_bottom + 8 + footer.len() as i32 * 20 + if footer.is_empty() { 0 } else { 8 };
    let left = 16
        + measure(|root| text_width(root, &tick(ymax), 16.0, false))
            .max(text_width_est(&tick(ymin)));
    let right = width - 24;
    let sx = |x: f64| left + ((x - xmin) / (xmax - xmin) * f64::from(right - left)).round() as i32;
    let sy = |v: f64| {
        plot_top + plot_h - ((v - ymin) / (ymax - ymin) * f64::from(plot_h)).round() as i32
    };
    let mut hits = Vec::new();
    let svg = svg_of(width, height, |root| {
        root.fill(&c.bg)?;
        title(root, &chart.title, width, &c)?;
        let small = font(16.0, false).color(&c.muted);
        // Year ticks on the time axis; value ticks at quarters.
        let mut year = xmin as i32;
        while f64::from(year) <= xmax {
            let x = sx(f64::from(year));
            root.draw(&PathElement::new(
                vec![(x, plot_top), (x, plot_top + plot_h)],
                c.grid,
            ))?;
            root.draw(&Text::new(
                year.to_string(),
                (x, plot_top + plot_h + 6),
                small.clone().pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
            year += 1;
        }
        for q in 0..=ticks {
            let v = ymin + step * f64::from(q);
            let y = sy(v);
            root.draw(&PathElement::new(vec![(left, y), (right, y)], c.grid))?;
            root.draw(&Text::new(
                tick(v),
                (left - 6, y),
                small.clone().pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
        }
        for (n, s) in chart.series.iter().enumerate() {
            let colour = palette(s.colour);
            let pts: Vec<(i32, i32)> = s.points.iter().map(|p| (sx(p.x), sy(p.value))).collect();
            root.draw(&PathElement::new(pts.clone(), colour.stroke_width(3)))?;
            for (p, &(x, y)) in s.points.iter().zip(&pts) {
                marker(root, n, (x, y), colour, &c)?;
                let (anchor, lx) = if x > width * 2 / 3 {
                    (HPos::Right, x - 8)
                } else {
                    (HPos::Left, x + 8)
                };
                root.draw(&Text::new(
                    p.label.clone(),
                    (lx, y - 12),
                    font(16.0, false)
                        .color(&c.ink)
                        .pos(Pos::new(anchor, VPos::Bottom)),
                ))?;
                hits.push(Hit {
                    x: x - 22,
                    y: y - 22,
                    w: 44,
                    h: 44,
                    fact: p.fact,
                    label: format!("{}: {}", s.label, p.label),
                });
            }
            let ly = plot_top + plot_h + 34 + 24 * n as i32;
            marker(root, n, (PAD + 8, ly + 8), colour, &c)?;
            root.draw(&Text::new(
                s.label.clone(),
                (PAD + 24, ly + 8),
                font(TEXT, false)
                    .color(&c.ink)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        draw_footer(root, &footer, legend_bottom + 8, &c)?;
        Ok(())
    });
    Rendered {
        svg,
        width: width as u32,
        height: height as u32,
        hits,
    }
}

/// A round axis step near `raw`: 1, 2, 2.5 or 5 times a power of ten.
fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

fn text_width_est(s: &str) -> i32 {
    s.chars().count() as i32 * 8
}

/// Axis numbers: integers plainly, others to one decimal.
fn tick(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round())
    } else {
        format!("{v:.1}")
    }
}

/// Circle, square, triangle, diamond…: a shape per series.
fn marker(root: &Area, n: usize, (x, y): (i32, i32), colour: RGBColor, c: &Colours) -> Drawn {
    let r = 6;
    match n % 4 {
        0 => root
            .draw(&Circle::new((x, y), r, colour.filled()))
            .and_then(|_| root.draw(&Circle::new((x, y), r, c.ink.stroke_width(1)))),
        1 => root
            .draw(&Rectangle::new(
                [(x - r, y - r), (x + r, y + r)],
                colour.filled(),
            ))
            .and_then(|_| {
                root.draw(&Rectangle::new(
                    [(x - r, y - r), (x + r, y + r)],
                    c.ink.stroke_width(1),
                ))
            }),
        2 => root.draw(&Polygon::new(
            vec![(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)],
            colour.filled(),
        )),
        _ => root.draw(&Polygon::new(
            vec![
                (x, y - r - 1),
                (x + r + 1, y),
                (x, y + r + 1),
                (x - r - 1, y),
            ],
            colour.filled(),
        )),
    }
}

/// The hit layer laid over a chart: one focusable, labelled rectangle per fact.
/// Every text is escaped here; the layer is separate from the `role="img"` chart.
pub fn hit_layer(r: &Rendered) -> String {
    let mut out = format!(
        "<svg class=\"hits\" viewBox=\"0 0 {} {}\" preserveAspectRatio=\"xMinYMin meet\">",
        r.width, r.height
    );
    for h in &r.hits {
        out.push_str(&format!(
            "<rect class=\"hit\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" tabindex=\"0\" role=\"button\" data-fact=\"{}\" aria-label=\"{}\"><title>{}</title></rect>",
            h.x,
            h.y,
            h.w,
            h.h,
            h.fact,
            escape(&h.label),
            escape(&h.label)
        ));
    }
    out.push_str("</svg>");
    out
}

/// Escapes text for SVG/HTML text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
