//! Drawing charts to SVG with plotters, at any width from 320 to 1440 px, one module
//! per chart type (`bars`, `bullets`, `time`); this one holds what they share: the
//! frame a chart is drawn in (width, theme, footer, text measure), text measurement
//! and wrapping, the title and footer, the bar shape, and the hit layer.
//!
//! Text is measured by the [`TextMeasure`] the caller passes: the UI passes the
//! browser's canvas `measureText`, native code and tests [`estimate`]. Labels are
//! never clipped: titles wrap, narrow charts put each label above its bar. A chart
//! returns the bars' boxes too, so the UI can lay focusable, labelled hit areas over
//! them.

mod bars;
mod bullets;
mod text;
mod time;

pub use bars::render_bars;
pub use bullets::render_bullets;
pub use text::{estimate, is_one_em, width_by_runs, wrap, TextMeasure};
pub use time::render_time;

use super::{BarStyle, PALETTE};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

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

/// What a chart is drawn into: `width` px wide (clamped to 320–1440), light or dark,
/// with the sources line inside the image (`footer`, for exports) or not, its text
/// measured by `measure`.
#[derive(Clone, Copy)]
pub struct Frame<'a> {
    pub width: u32,
    pub dark: bool,
    pub footer: Option<&'a str>,
    pub measure: &'a dyn TextMeasure,
}

impl<'a> Frame<'a> {
    /// A frame without footer, as charts are shown on the page.
    pub fn new(width: u32, dark: bool, measure: &'a dyn TextMeasure) -> Self {
        Frame { width, dark, footer: None, measure }
    }
    /// The same frame with `footer` (sources and link) wrapped below the plot.
    pub fn with_footer(self, footer: &'a str) -> Self {
        Frame { footer: Some(footer), ..self }
    }
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

/// The charts' typeface: the page's own (`static/style.css`), so a chart's text looks
/// like the page's, and the first text measured in a fresh page uses faces the browser
/// already resolved for the page (measuring in plain `sans-serif` made the browser find
/// a Chinese fallback first: 3–8 ms of the first chart). Unquoted: it goes into SVG
/// attributes as it is.
pub const FONT: &str =
    "system-ui, Noto Sans CJK SC, WenQuanYi Zen Hei, Microsoft YaHei, PingFang SC, sans-serif";
const PAD: i32 = 10;
const TEXT: f64 = 18.0;
/// Charts narrower than this put each label on its own line above the bar.
const STACK_BELOW: i32 = 440;
/// Charts at least this wide have larger titles.
const WIDE_TITLE: i32 = 560;
/// Line height of chart text, and the thickness of a bar (touch-friendly, ≥ 24 px).
const LINE: i32 = 23;
const BAR: i32 = 24;
/// The footer's font size and line height.
const FOOT: f64 = 15.0;
const FOOT_LINE: i32 = 20;

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

/// The measured text and the chart's width, as one chart type lays out its text.
struct Layout<'a> {
    measure: &'a dyn TextMeasure,
    width: i32,
}

impl Layout<'_> {
    fn of<'a>(frame: &Frame<'a>) -> Layout<'a> {
        Layout { measure: frame.measure, width: frame.width.clamp(320, 1440) as i32 }
    }

    /// Text width in pixels for a plotters font `size` (plotters writes `size / 1.24`
    /// into the SVG as the font's px).
    fn text_width(&self, text: &str, size: f64, bold: bool) -> i32 {
        self.measure.width(text, size / 1.24, bold).ceil() as i32
    }

    /// Splits `text` into lines no wider than `max` ([`wrap`] at plotters' `size`).
    fn wrap(&self, text: &str, size: f64, bold: bool, max: i32) -> Vec<String> {
        wrap(self.measure, text, size / 1.24, bold, max as f64)
    }

    fn title_size(&self) -> f64 {
        if self.width < WIDE_TITLE {
            18.0
        } else {
            21.0
        }
    }

    fn title_lines(&self, text: &str) -> Vec<String> {
        self.wrap(text, self.title_size(), true, self.width - 2 * PAD)
    }

    /// The height the title takes, to where the plot starts.
    fn title_height(&self, text: &str) -> i32 {
        8 + self.title_lines(text).len() as i32 * (self.title_size() * 1.45) as i32 + 8
    }

    /// Draws the title, wrapped.
    fn title(&self, root: &Area, text: &str, c: &Colours) -> Drawn {
        let size = self.title_size();
        let mut y = 8;
        for line in self.title_lines(text) {
            root.draw(&Text::new(line, (PAD, y), font(size, true).color(&c.ink)))?;
            y += (size * 1.45) as i32;
        }
        Ok(())
    }

    /// The footer's lines (the sources, for exported images), wrapped.
    fn footer_lines(&self, text: Option<&str>) -> Vec<String> {
        text.map_or_else(Vec::new, |t| self.wrap(t, FOOT, false, self.width - 2 * PAD))
    }
}

/// The height the footer's lines add under the plot.
fn footer_height(lines: &[String]) -> i32 {
    if lines.is_empty() {
        0
    } else {
        lines.len() as i32 * FOOT_LINE + 8
    }
}

fn draw_footer(root: &Area, lines: &[String], y: i32, c: &Colours) -> Drawn {
    for (i, line) in lines.iter().enumerate() {
        root.draw(&Text::new(
            line.clone(),
            (PAD, y + i as i32 * FOOT_LINE),
            font(FOOT, false).color(&c.muted),
        ))?;
    }
    Ok(())
}

/// Lines of text one under another from `(x, top)`, `LINE` apart.
fn draw_lines(root: &Area, lines: &[String], (x, top): (i32, i32), style: &TextStyle) -> Drawn {
    for (k, line) in lines.iter().enumerate() {
        root.draw(&Text::new(line.clone(), (x, top + k as i32 * LINE), style.clone()))?;
    }
    Ok(())
}

fn rendered(
    width: i32,
    height: i32,
    bg: RGBColor,
    draw: impl FnOnce(&Area, &mut Vec<Hit>) -> Drawn,
) -> Rendered {
    let mut svg = String::new();
    let mut hits = Vec::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (width as u32, height as u32)).into_drawing_area();
        // Drawing into a String cannot fail; an error would lose the chart, never the page.
        let _ = root.fill(&bg).and_then(|()| draw(&root, &mut hits));
        let _ = root.present();
    }
    Rendered { svg, width: width as u32, height: height as u32, hits }
}

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
            root.draw(&Rectangle::new([(a, top), (b, bottom)], c.ink.stroke_width(1)))
        }
        BarStyle::Outline => {
            root.draw(&Rectangle::new([(a, top), (b, bottom)], colour.mix(0.25).filled()))?;
            let outline = vec![(a, top), (b, top), (b, bottom), (a, bottom), (a, top)];
            root.draw(&DashedPathElement::new(outline, 6, 4, c.ink.stroke_width(2)))
        }
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
