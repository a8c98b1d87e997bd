//! Lines over a true time axis: year ticks, value ticks at round steps, a marker shape
//! per series and a legend.

use super::{
    colours, draw_footer, font, footer_height, palette, rendered, Area, Colours, Drawn, Frame, Hit,
    Layout, Rendered, PAD, STACK_BELOW, TEXT,
};
use crate::chart::TimeChart;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The value axis: from a round step at or below the lowest value (zero when none is
/// negative) to one at or above 1.15 times the highest, in about four steps.
struct ValueAxis {
    min: f64,
    max: f64,
    step: f64,
}

impl ValueAxis {
    fn of(lowest: f64, highest: f64) -> Self {
        let (lo, hi) = (lowest.min(0.0), highest.max(0.0));
        let step = nice_step((hi.max(lo + 1e-9) - lo) * 1.15 / 4.0);
        ValueAxis { min: (lo / step).floor() * step, max: ((hi * 1.15) / step).ceil() * step, step }
    }
    /// The ticks' values, bottom to top.
    fn ticks(&self) -> impl Iterator<Item = f64> + '_ {
        let n = ((self.max - self.min) / self.step).round() as i32;
        (0..=n).map(move |q| self.min + self.step * f64::from(q))
    }
}

/// Lines over a true time axis (decimal years), one series per district, each with
/// its own marker shape so that colour is not the only cue.
pub fn render_time(chart: &TimeChart, frame: Frame) -> Rendered {
    let l = Layout::of(&frame);
    let width = l.width;
    let footer = l.footer_lines(frame.footer);
    let c = colours(frame.dark);
    let points = chart.series.iter().flat_map(|s| s.points.iter());
    let (mut xmin, mut xmax, mut lowest, mut highest) = (f64::MAX, f64::MIN, 0.0f64, 0.0f64);
    for p in points {
        xmin = xmin.min(p.x);
        xmax = xmax.max(p.x);
        lowest = lowest.min(p.value);
        highest = highest.max(p.value);
    }
    if xmin > xmax {
        return rendered(width, 60, c.bg, |_, _| Ok(()));
    }
    let (xmin, xmax) = (xmin.floor(), xmax.ceil().max(xmin.floor() + 1.0));
    let axis = ValueAxis::of(lowest, highest);
    let title_h = l.title_height(&chart.title);
    let legend_h = 24 * chart.series.len() as i32;
    let plot_top = title_h + 14;
    let plot_h = if width < STACK_BELOW { 200 } else { 260 };
    let legend_bottom = plot_top + plot_h + 34 + legend_h;
    let height = legend_bottom + 8 + footer_height(&footer);
    // The value ticks sit left of the plot: it starts past the widest.
    let left = 16 + axis.ticks().map(|v| l.text_width(&tick(v), 16.0, false)).max().unwrap_or(0);
    let right = width - 24;
    let sx = |x: f64| left + ((x - xmin) / (xmax - xmin) * f64::from(right - left)).round() as i32;
    let sy = |v: f64| {
        plot_top + plot_h
            - ((v - axis.min) / (axis.max - axis.min) * f64::from(plot_h)).round() as i32
    };
    rendered(width, height, c.bg, |root, hits| {
        l.title(root, &chart.title, &c)?;
        let small = font(16.0, false).color(&c.muted);
        // Year ticks on the time axis; value ticks at round steps.
        let mut year = xmin as i32;
        while f64::from(year) <= xmax {
            let x = sx(f64::from(year));
            root.draw(&PathElement::new(vec![(x, plot_top), (x, plot_top + plot_h)], c.grid))?;
            root.draw(&Text::new(
                year.to_string(),
                (x, plot_top + plot_h + 6),
                small.clone().pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
            year += 1;
        }
        for v in axis.ticks() {
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
                let (anchor, lx) =
                    if x > width * 2 / 3 { (HPos::Right, x - 8) } else { (HPos::Left, x + 8) };
                root.draw(&Text::new(
                    p.label.clone(),
                    (lx, y - 12),
                    font(16.0, false).color(&c.ink).pos(Pos::new(anchor, VPos::Bottom)),
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
                font(TEXT, false).color(&c.ink).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        draw_footer(root, &footer, legend_bottom + 8, &c)?;
        Ok(())
    })
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
            .draw(&Rectangle::new([(x - r, y - r), (x + r, y + r)], colour.filled()))
            .and_then(|_| {
                root.draw(&Rectangle::new([(x - r, y - r), (x + r, y + r)], c.ink.stroke_width(1)))
            }),
        2 => root.draw(&Polygon::new(
            vec![(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)],
            colour.filled(),
        )),
        _ => root.draw(&Polygon::new(
            vec![(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)],
            colour.filled(),
        )),
    }
}
