//! Horizontal bars: label | bar | value on one row when the chart is wide enough,
//! else label and value above a full-width bar.

use super::{
    colours, draw_bar, draw_footer, draw_lines, font, footer_height, palette, rendered, Frame, Hit,
    Layout, Rendered, BAR, LINE, PAD, STACK_BELOW, TEXT,
};
use crate::chart::BarChart;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Horizontal bars, one per fact, on one scale from the lowest value (or zero) to the
/// highest.
pub fn render_bars(chart: &BarChart, frame: Frame) -> Rendered {
    let l = Layout::of(&frame);
    let width = l.width;
    let footer = l.footer_lines(frame.footer);
    let c = colours(frame.dark);
    let title_h = l.title_height(&chart.title);
    let widest = |text: fn(&crate::chart::Bar) -> &str| {
        chart.bars.iter().map(|b| l.text_width(text(b), TEXT, false)).max().unwrap_or(0)
    };
    let (label_w, value_w) = (widest(|b| &b.label), widest(|b| &b.value_label));
    // Wide: label | bar | value on one row. Narrow (or values too long to sit beside a
    // bar): label and value wrapped above a full-width bar. Text is wrapped, never
    // shrunk below 12 px or cut.
    let label_col = (label_w + PAD).min(width / 3);
    let stacked = width < STACK_BELOW || label_col + value_w + 4 * PAD + 100 > width;
    let x0 = if stacked { PAD } else { PAD + label_col + PAD };
    let x1 = if stacked { width - PAD } else { width - PAD - value_w - PAD };
    // Each bar's text lines and row height.
    let lines: Vec<Vec<String>> = chart
        .bars
        .iter()
        .map(|b| {
            if stacked {
                // "label  value" on one line when it fits; else each wrapped. The gap
                // is an en space: SVG would collapse two spaces into one.
                let one = format!("{}\u{2002}{}", b.label, b.value_label);
                if l.text_width(&one, TEXT, false) <= width - 2 * PAD {
                    return vec![one];
                }
                let mut lines = l.wrap(&b.label, TEXT, false, width - 2 * PAD);
                lines.extend(l.wrap(&b.value_label, TEXT, false, width - 2 * PAD));
                lines
            } else {
                l.wrap(&b.label, TEXT, false, label_col)
            }
        })
        .collect();
    let row_h = |n: usize| -> i32 {
        let n = n as i32;
        if stacked {
            4 + n * LINE + BAR + 10
        } else {
            (n * LINE + 12).max(BAR + 20)
        }
    };
    let (lo, hi) =
        chart.bars.iter().fold((0.0f64, 0.0f64), |(lo, hi), b| (lo.min(b.value), hi.max(b.value)));
    let span = if hi > lo { hi - lo } else { 1.0 };
    let scale = |v: f64| x0 + ((v - lo) / span * f64::from(x1 - x0)).round() as i32;
    let zero = scale(0.0);
    let top = title_h;
    let plot_bottom = top + lines.iter().map(|l| row_h(l.len())).sum::<i32>();
    let height = plot_bottom + 12 + footer_height(&footer);
    rendered(width, height, c.bg, |root, hits| {
        l.title(root, &chart.title, &c)?;
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
            let (a, b) = if end >= zero { (zero, end.max(zero + 2)) } else { (end, zero) };
            let ink = font(TEXT, false).color(&c.ink);
            if stacked {
                draw_lines(root, text, (PAD, y + 2), &ink)?;
            } else {
                let first = y + row / 2 - (text.len() as i32 - 1) * LINE / 2;
                let style = ink.clone().pos(Pos::new(HPos::Right, VPos::Center));
                draw_lines(root, text, (x0 - PAD, first), &style)?;
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
        root.draw(&PathElement::new(vec![(zero, top - 2), (zero, plot_bottom + 2)], c.muted))?;
        draw_footer(root, &footer, plot_bottom + 16, &c)?;
        Ok(())
    })
}
