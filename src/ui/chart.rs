//! A chart on the page: the plotters SVG (`role="img"`, named by its summary), a hit
//! layer of focusable bars over it, its notes, and a live line that reads out the
//! focused bar. Activating a bar asks the parent to open its source.

use super::page::canvas_measure;
use crate::chart::render::hit_layer;
use crate::chart::{
    render_bars, render_bullets, render_time, BarChart, BulletChart, Frame, Rendered, TimeChart,
};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What to draw: a chart spec as the core shares it. Two specs are equal when they
/// are the same chart (`Rc::ptr_eq`), so a memo never compares their texts.
#[derive(Clone)]
pub enum Spec {
    Bars(Rc<BarChart>),
    Time(Rc<TimeChart>),
    Bullets(Rc<BulletChart>),
}

impl PartialEq for Spec {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Spec::Bars(a), Spec::Bars(b)) => Rc::ptr_eq(a, b),
            (Spec::Time(a), Spec::Time(b)) => Rc::ptr_eq(a, b),
            (Spec::Bullets(a), Spec::Bullets(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Spec {
    /// Draws the chart in `frame`, its text measured by the browser's canvas.
    fn render(&self, frame: Frame) -> Rendered {
        match self {
            Spec::Bars(c) => render_bars(c, frame),
            Spec::Time(c) => render_time(c, frame),
            Spec::Bullets(c) => render_bullets(c, frame),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartFigureProps {
    /// The file name (without extension) of the chart's downloads.
    pub export_name: AttrValue,
    /// The sources line printed inside downloaded images.
    pub footer: AttrValue,
    pub spec: Spec,
    pub width: u32,
    pub dark: bool,
    /// Receives the fact index of an activated bar or point.
    pub on_open: Callback<usize>,
    pub lang: crate::i18n::Lang,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// The fact index of the hit area an event came from.
fn fact_of(e: &Event) -> Option<usize> {
    let el: web_sys::Element = e.target()?.dyn_into().ok()?;
    el.closest("[data-fact]").ok()??.get_attribute("data-fact")?.parse().ok()
}

#[component]
pub fn ChartFigure(props: &ChartFigureProps) -> Html {
    let focused = use_state(String::new);
    // Drawn once per spec, width and theme; re-renders for other reasons reuse it.
    let svg = use_memo((props.spec.clone(), props.width, props.dark), |(spec, width, dark)| {
        let r = spec.render(Frame::new(*width, *dark, &canvas_measure));
        // The chart itself is an image with a name; the hit layer is separate from it.
        let named = r.svg.replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1);
        (AttrValue::from(named), AttrValue::from(hit_layer(&r)))
    });
    let export = |png: bool| {
        let spec = props.spec.clone();
        let footer = props.footer.clone();
        let name = format!("{}.{}", props.export_name, if png { "png" } else { "svg" });
        Callback::from(move |_: MouseEvent| {
            // Exported images are light, 960 px wide, with the sources inside.
            let r = spec.render(Frame::new(960, false, &canvas_measure).with_footer(&footer));
            if png {
                super::download::save_png(&name, &r.svg, r.width, r.height);
            } else {
                super::download::save_text(&name, "image/svg+xml", &r.svg);
            }
        })
    };
    let lang = props.lang;
    let (summary, notes) = match &props.spec {
        Spec::Bars(c) => (c.summary(), &c.notes),
        Spec::Time(c) => (c.summary(), &c.notes),
        Spec::Bullets(c) => (c.summary(), &c.notes),
    };
    let onclick = {
        let open = props.on_open.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(i) = fact_of(&e) {
                open.emit(i);
            }
        })
    };
    let onkeydown = {
        let open = props.on_open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                if let Some(i) = fact_of(&e) {
                    e.prevent_default();
                    open.emit(i);
                }
            }
        })
    };
    let onfocusin = {
        let focused = focused.clone();
        Callback::from(move |e: FocusEvent| {
            let label = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.get_attribute("aria-label"));
            focused.set(label.unwrap_or_default());
        })
    };
    html! {
        <div class="chart-block">
            <figure class="chart" data-testid={props.testid.clone()}>
                <div class="chart-stack" role="img" aria-label={summary}>
                    { Html::from_html_unchecked(svg.0.clone()) }
                </div>
                <div class="chart-hits" {onclick} {onkeydown} {onfocusin}>
                    { Html::from_html_unchecked(svg.1.clone()) }
                </div>
            </figure>
            <p class="chart-focus" aria-live="polite">
                if !focused.is_empty() { { crate::i18n::t::FOCUSED.fill(props.lang, &[focused.as_str()]) } }
            </p>
            <div class="chart-foot">
                if !notes.is_empty() {
                    <ul class="chart-notes">{ for notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                }
                <div class="chart-tools">
                    <button type="button" class="secondary small" data-testid="download-svg" aria-label={crate::i18n::t::DOWNLOAD_SVG.get(lang)} title={crate::i18n::t::DOWNLOAD_SVG.get(lang)} onclick={export(false)}>{ "↓ SVG" }</button>
                    <button type="button" class="secondary small" data-testid="download-png" aria-label={crate::i18n::t::DOWNLOAD_PNG.get(lang)} title={crate::i18n::t::DOWNLOAD_PNG.get(lang)} onclick={export(true)}>{ "↓ PNG" }</button>
                </div>
            </div>
        </div>
    }
}
