//! In-browser tests (wasm-bindgen-test, headless Chromium): what only a real page can
//! show. A chart measured with the browser's canvas leaves each label the width it is
//! drawn at, the embedded dataset loads in wasm, the app mounts and renders its table
//! and chart, and the error panel that replaces a blank page after a panic is readable
//! and inert.
#![cfg(target_arch = "wasm32")]

use cq_explorer::chart;
use cq_explorer::dataset::Dataset;
use cq_explorer::i18n::Lang;
use cq_explorer::query::{self, Filter};
use cq_explorer::state::PeriodMode;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[wasm_bindgen_test]
fn embedded_dataset_validates_in_wasm() {
    let ds = Dataset::embedded().unwrap_or_else(|e| panic!("{} errors, first: {}", e.len(), e[0]));
    assert!(!ds.facts.is_empty());
}

#[wasm_bindgen_test]
fn chart_measures_labels_with_the_browsers_canvas() {
    use cq_explorer::chart::{estimate, Frame};
    use cq_explorer::ui::canvas_measure;
    let ds = Dataset::embedded().unwrap();
    let rows = query::filter(&ds, &Filter::default());
    let chart_in = |lang| {
        chart::comparison(&ds, &rows, &Filter::default(), PeriodMode::Latest, lang)
            .and_then(|c| c.chart)
            .expect("a comparable indicator")
    };
    let (zh, en) = (chart_in(Lang::Zh), chart_in(Lang::En));
    // What the UI passes: the canvas's `measureText`.
    let drawn = |c: &chart::BarChart, width| {
        chart::render_bars(c, Frame::new(width, false, &canvas_measure)).svg
    };
    let (narrow, wide) = (drawn(&zh, 360), drawn(&zh, 1200));
    for svg in [&narrow, &wide] {
        assert!(svg.starts_with("<svg"), "{svg}");
        for bar in &zh.bars {
            assert!(svg.contains(&bar.label), "label {} missing", bar.label);
        }
    }
    // Wider charts give the bars more room.
    assert_ne!(narrow, wide);
    // In the page, each English label is as wide as the canvas measured it, and the
    // label column is laid out from that width: the column is the widest label and a
    // padding, after the chart's padding, so the widest label starts at two paddings.
    // Laid out with the estimate instead, the column is as wide as the estimate says.
    const PAD: f64 = 10.0;
    let holder = document().create_element("div").unwrap();
    holder.set_inner_html(&drawn(&en, 1200));
    document().body().unwrap().append_child(&holder).unwrap();
    let svg_left = holder.query_selector("svg").unwrap().unwrap().get_bounding_client_rect().left();
    let texts = holder.query_selector_all("text").unwrap();
    let (mut labels, mut widest_estimate) = (Vec::new(), 0.0f64);
    for k in 0..texts.length() {
        let el: web_sys::Element = texts.item(k).unwrap().dyn_into().unwrap();
        let text = el.text_content().unwrap_or_default();
        let text = text.trim();
        if !en.bars.iter().any(|b| b.label == text) {
            continue;
        }
        let px: f64 = el.get_attribute("font-size").unwrap().parse().unwrap();
        let x: f64 = el.get_attribute("x").unwrap().parse().unwrap();
        let rect = el.get_bounding_client_rect();
        let measured = canvas_measure(text, px, false);
        assert!(
            (rect.width() - measured).abs() <= 1.5,
            "{text}: drawn {} px, measured {measured} px",
            rect.width()
        );
        widest_estimate = widest_estimate.max(estimate(text, px, false).ceil());
        labels.push((x, rect.left() - svg_left));
    }
    holder.remove();
    assert_eq!(labels.len(), en.bars.len(), "every label drawn whole on one line");
    let x = labels[0].0;
    let leftmost = labels.iter().map(|l| l.1).fold(f64::MAX, f64::min);
    assert!(
        (leftmost - 2.0 * PAD).abs() <= 1.5,
        "the widest label starts at {leftmost} px, not at two paddings: its column (ending at {x}) was not measured by the browser"
    );
    assert!(
        (x - (2.0 * PAD + widest_estimate)).abs() > 1.5,
        "the estimate gives the same column ({widest_estimate} px): this test could not tell them apart"
    );
}

#[wasm_bindgen_test]
fn chinese_text_is_as_wide_as_counted() {
    // `canvas_measure` counts Chinese characters one em each instead of measuring
    // them: in the page, each Chinese label and title line is drawn as wide as counted.
    use cq_explorer::chart::Frame;
    use cq_explorer::ui::canvas_measure;
    let ds = Dataset::embedded().unwrap();
    let rows = query::filter(&ds, &Filter::default());
    let zh = chart::comparison(&ds, &rows, &Filter::default(), PeriodMode::Latest, Lang::Zh)
        .and_then(|c| c.chart)
        .expect("a comparable indicator");
    let holder = document().create_element("div").unwrap();
    let svg = chart::render_bars(&zh, Frame::new(360, false, &canvas_measure)).svg;
    holder.set_inner_html(&svg);
    document().body().unwrap().append_child(&holder).unwrap();
    let texts = holder.query_selector_all("text").unwrap();
    let mut chinese = 0;
    for k in 0..texts.length() {
        let el: web_sys::Element = texts.item(k).unwrap().dyn_into().unwrap();
        let text = el.text_content().unwrap_or_default();
        let text = text.trim();
        if !text.chars().any(chart::is_one_em) {
            continue;
        }
        chinese += 1;
        let px: f64 = el.get_attribute("font-size").unwrap().parse().unwrap();
        let bold = el.get_attribute("font-weight").is_some_and(|w| w == "bold");
        let (drawn, counted) =
            (el.get_bounding_client_rect().width(), canvas_measure(text, px, bold));
        assert!((drawn - counted).abs() <= 1.5, "{text}: drawn {drawn} px, counted {counted} px");
    }
    holder.remove();
    assert!(chinese >= zh.bars.len(), "only {chinese} Chinese texts in {svg}");
}

#[wasm_bindgen_test]
async fn app_mounts_and_renders_table_and_chart() {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<cq_explorer::ui::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let rows = root.query_selector_all("table.facts tbody tr.fact").unwrap().length();
    let ds = Dataset::embedded().unwrap();
    assert_eq!(
        rows as usize,
        ds.facts.len().min(cq_explorer::ui::PAGE_ROWS),
        "the first page of rows before any filter"
    );
    let caption =
        root.query_selector("table.facts caption").unwrap().unwrap().text_content().unwrap();
    assert!(caption.contains(&ds.facts.len().to_string()), "every fact is counted: {caption}");
    let chart = root.query_selector("figure.chart svg").unwrap();
    assert!(chart.is_some(), "the comparison chart is drawn");
    let label = root
        .query_selector("figure.chart [role=img]")
        .unwrap()
        .unwrap()
        .get_attribute("aria-label")
        .unwrap();
    // The page's language follows the browser's, so the name may be in either language;
    // it always names the districts drawn.
    assert!(
        ds.districts.iter().any(|d| label.contains(&d.name_zh) || label.contains(&d.name_en)),
        "the accessible name summarises the bars: {label}"
    );
    root.remove();
}

#[wasm_bindgen_test]
fn error_panel_shows_the_message_as_text() {
    cq_explorer::ui::show_error_panel("<img src=x onerror=alert(1)> boom");
    let panel = document().get_element_by_id("error-panel").expect("panel shown");
    assert!(panel.text_content().unwrap().contains("<img src=x onerror=alert(1)> boom"));
    assert!(panel.query_selector("img").unwrap().is_none(), "message is never markup");
    let reload = panel.query_selector("a.button").unwrap().expect("a reload link");
    assert!(reload.get_attribute("href").is_some());
    panel.remove();
}
