//! In-browser tests (wasm-bindgen-test, headless Chromium): what only a real page can
//! show. Charts measure their labels with the browser's canvas here, the embedded dataset
//! loads in wasm, the app mounts and renders its table and chart, and the error panel
//! that replaces a blank page after a panic is readable and inert.
#![cfg(target_arch = "wasm32")]

use cq_explorer::chart;
use cq_explorer::dataset::Dataset;
use cq_explorer::i18n::Lang;
use cq_explorer::query::{self, Filter};
use cq_explorer::state::PeriodMode;
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
    use cq_explorer::chart::render::{estimate, set_measure};
    let ds = Dataset::embedded().unwrap();
    let rows = query::filter(&ds, &Filter::default());
    let chart_in = |lang| {
        chart::comparison(&ds, &rows, &Filter::default(), PeriodMode::Latest, lang)
            .and_then(|c| c.chart)
            .expect("a comparable indicator")
    };
    let (zh, en) = (chart_in(Lang::Zh), chart_in(Lang::En));
    set_measure(estimate);
    let estimated = chart::render_bars(&en, 360, false).svg;
    // What the app installs when it starts: the canvas's `measureText` (this page has
    // no `#app`, so nothing is mounted).
    cq_explorer::ui::start();
    let narrow = chart::render_bars(&zh, 360, false).svg;
    let wide = chart::render_bars(&zh, 1200, false).svg;
    for svg in [&narrow, &wide] {
        assert!(svg.starts_with("<svg"), "{svg}");
        for bar in &zh.bars {
            assert!(svg.contains(&bar.label), "label {} missing", bar.label);
        }
    }
    // Wider charts give the bars more room.
    assert_ne!(narrow, wide);
    // The browser measures Latin letters otherwise than the estimate (which gives CJK
    // one em, as fonts do), so the English chart shows which measure is in use.
    assert_ne!(chart::render_bars(&en, 360, false).svg, estimated);
}

#[wasm_bindgen_test]
async fn app_mounts_and_renders_table_and_chart() {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<cq_explorer::ui::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let rows = root
        .query_selector_all("table.facts tbody tr.fact")
        .unwrap()
        .length();
    let ds = Dataset::embedded().unwrap();
    assert_eq!(
        rows as usize,
        ds.facts.len().min(cq_explorer::ui::PAGE_ROWS),
        "the first page of rows before any filter"
    );
    let caption = root
        .query_selector("table.facts caption")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        caption.contains(&ds.facts.len().to_string()),
        "every fact is counted: {caption}"
    );
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
        ds.districts
            .iter()
            .any(|d| label.contains(&d.name_zh) || label.contains(&d.name_en)),
        "the accessible name summarises the bars: {label}"
    );
    root.remove();
}

#[wasm_bindgen_test]
fn error_panel_shows_the_message_as_text() {
    cq_explorer::ui::show_error_panel("<img src=x onerror=alert(1)> boom");
    let panel = document()
        .get_element_by_id("error-panel")
        .expect("panel shown");
    assert!(panel
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)> boom"));
    assert!(
        panel.query_selector("img").unwrap().is_none(),
        "message is never markup"
    );
    let reload = panel
        .query_selector("a.button")
        .unwrap()
        .expect("a reload link");
    assert!(reload.get_attribute("href").is_some());
    panel.remove();
}
