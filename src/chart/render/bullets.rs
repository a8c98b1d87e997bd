//! Bullet bars: per row, the target's dashed outline with the actual's solid bar
//! inside it, on the row's own scale.

use super::{
    colours, draw_bar, draw_footer, draw_lines, font, footer_height, palette, rendered, Frame, Hit,
    Layout, Rendered, BAR, LINE, PAD, TEXT,
};
use crate::chart::{BarStyle, BulletChart};
use plotters::prelude::*;

/// Bullet bars: per row, the target's dashed outline with the actual's solid bar inside
/// it on the row's own scale, then the actual and the target (with the gap) in words.
pub fn render_bullets(chart: &BulletChart, frame: Frame) -> Rendered {
    let l = Layout::of(&frame);
    let width = l.width;
    let footer = l.footer_lines(frame.footer);
    let c = colours(frame.dark);
    let text_w = width - 2 * PAD;
    let title_h = l.title_height(&chart.title);
    // Per row: label lines, actual lines, target (and gap) lines.
    let rows: Vec<[Vec<String>; 3]> = chart
        .rows
        .iter()
        .map(|r| {
            let plan = match &r.gap {
                Some(g) => format!("{} · {g}", r.plan_label),
                None => r.plan_label.clone(),
            };
            [
                l.wrap(&r.label, TEXT, true, text_w),
                l.wrap(&r.actual_label, TEXT, false, text_w),
                l.wrap(&plan, TEXT, false, text_w),
            ]
        })
        .collect();
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
    let height = plot_bottom + 8 + footer_height(&footer);
    rendered(width, height, c.bg, |root, hits| {
        l.title(root, &chart.title, &c)?;
        let mut y = title_h;
        for ((r, [label, actual, plan]), &(head, actual_h, plan_h)) in
            chart.rows.iter().zip(&rows).zip(&heights)
        {
            let ink = font(TEXT, false).color(&c.ink);
            draw_lines(root, label, (PAD, y + 4), &font(TEXT, true).color(&c.ink))?;
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
            draw_bar(root, (pa, band + 1), (pb, band + BAND - 1), colour, BarStyle::Outline, &c)?;
            let (aa, ab) = ends(r.actual_value);
            draw_bar(root, (aa, band + 5), (ab, band + 5 + BAR), colour, BarStyle::Solid, &c)?;
            root.draw(&PathElement::new(vec![(zero, band), (zero, band + BAND - 2)], c.muted))?;
            draw_lines(root, actual, (PAD, band + BAND + 2), &ink)?;
            let plan_top = band + actual_h;
            draw_lines(root, plan, (PAD, plan_top + 2), &ink)?;
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
                    r.gap.as_deref().map(|g| format!(" · {g}")).unwrap_or_default()
                ),
            });
            y += head + actual_h + plan_h;
        }
        draw_footer(root, &footer, plot_bottom + 12, &c)?;
        Ok(())
    })
}
