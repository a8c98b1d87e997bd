//! The map drawn as SVG: the districts in their classes' colours (hatched without a
//! figure, dotted for targets), the inset of the central districts, the legend, the
//! credit and the sources; the hit layer over it; the profile's locator.

use super::outlines::{boxes, in_inset};
use super::{map_data, Area, Choropleth, RAMP};
use crate::chart::render::{escape, wrap, Frame, FONT};
use crate::i18n::{pick, t, Lang};

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

fn text(out: &mut String, x: f64, y: f64, px: f64, fill: &str, bold: bool, s: &str) {
    out.push_str(&format!(
        "<text x=\"{x:.0}\" y=\"{y:.0}\" font-family=\"{FONT}\" font-size=\"{px}\"{} fill=\"{fill}\">{}</text>",
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
    name.strip_suffix(" District").or_else(|| name.strip_suffix('区')).unwrap_or(name)
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

/// Draws the map in `frame` (its width clamped to 300–1440, its text measured by the
/// frame's measure): title, the districts with their fills, the inset of the central
/// districts, the legend, the credit, and the sources when the frame has a footer
/// (exports). `prefix` keeps the SVG ids of two maps
/// on one page apart.
pub fn render_map(ch: &Choropleth, frame: Frame, lang: Lang, prefix: &str) -> RenderedMap {
    let Frame { width, dark, footer, measure } = frame;
    let map = map_data();
    let c = ink(dark);
    let w = width.clamp(300, 1440) as f64;
    let title_px = if w < 560.0 { 17.0 } else { 20.0 };
    let small = if w < 560.0 { 12.0 } else { 13.0 };
    let mut body = String::new();
    let mut y = 8.0;
    for line in wrap(measure, &ch.title, title_px, false, w - 2.0 * PAD) {
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
        let tw = measure.width(name, label_px, true);
        body.push_str(&format!(
            "<text x=\"{:.0}\" y=\"{:.0}\" font-family=\"{FONT}\" font-size=\"{label_px}\" font-weight=\"bold\" fill=\"{}\" stroke=\"{}\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\">{}</text>",
            (lx - tw / 2.0).max(ix + 2.0),
            ly + label_px / 2.0 - 1.0,
            c.ink,
            c.bg,
            escape(name)
        ));
    }
    let inset_caption = t::MAP_INSET_CAPTION.get(lang);
    let caption_y = if below { my + map_h + small + 2.0 } else { iy + ih + small + 4.0 };
    text(&mut body, ix, caption_y, small, c.muted, false, inset_caption);
    y = if below { iy + ih + 10.0 } else { my + map_h + 10.0 };

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
            let fill = if ch.plan { format!("url(#{prefix}-t{k}l)") } else { RAMP[k].to_string() };
            (fill, cl.label.clone())
        })
        .collect();
    let nodata = ch.no_data().len();
    if nodata > 0 {
        items.push((
            format!("url(#{prefix}-ndl)"),
            t::MAP_NO_DATA_KEY.fill(lang, &[&nodata.to_string()]),
        ));
    }
    let row_h = sw + 8.0;
    for (fill, label) in &items {
        let iw = sw + 6.0 + measure.width(label, small, false) + 16.0;
        if x + iw > w - PAD && x > PAD {
            x = PAD;
            y += row_h;
        }
        body.push_str(&format!(
            "<rect x=\"{x:.0}\" y=\"{y:.0}\" width=\"{sw}\" height=\"{sw}\" fill=\"{fill}\" stroke=\"{}\" stroke-width=\"1\"/>",
            c.muted
        ));
        text(&mut body, x + sw + 6.0, y + sw - 6.0, small, c.ink, false, label);
        x += iw;
    }
    y += row_h;
    if ch.plan {
        y += small;
        text(&mut body, PAD, y, small, c.ink, false, t::MAP_PLAN_KEY.get(lang));
        y += 6.0;
    }
    for line in wrap(measure, map.credit(lang), small, false, w - 2.0 * PAD) {
        y += small + 4.0;
        text(&mut body, PAD, y, small, c.muted, false, &line);
    }
    if let Some(f) = footer {
        y += 6.0;
        for line in wrap(measure, f, small, false, w - 2.0 * PAD) {
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
        let fact = a.fact.map_or(String::new(), |i| format!(" data-fact=\"{i}\""));
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
    RenderedMap { svg, hits, width: w as u32, height: h as u32 }
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
