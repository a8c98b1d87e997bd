//! The map view: the compared figure on Chongqing's 38 districts and counties
//! (`crate::chart::map` decides everything), a hit layer of focusable districts with
//! a live line reading out the one hovered or focused, the notes, the exports, and
//! the figures' table. Also the profile's small locator map.

use super::page::canvas_measure;
use super::table::FactTable;
use super::views::ViewProps;
use crate::chart::map::{choropleth, locator, render_map};
use crate::chart::Frame;
use crate::export;
use crate::i18n::t;
use crate::i18n::Lang;
use crate::model::DistrictId;
use crate::state::{Action, PeriodMode, View};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The district (code) and fact of the hit shape an event came from.
fn target_of(e: &Event) -> Option<(String, Option<usize>, String)> {
    let el: web_sys::Element = e.target()?.dyn_into().ok()?;
    let el = el.closest("[data-district]").ok()??;
    Some((
        el.get_attribute("data-district")?,
        el.get_attribute("data-fact").and_then(|f| f.parse().ok()),
        el.get_attribute("aria-label").or_else(|| el.text_content()).unwrap_or_default(),
    ))
}

#[component]
pub fn MapView(p: &ViewProps) -> Html {
    let lang = p.state.lang;
    let ch = super::views::use_compared(p, |d, rows, f, mode, lang| {
        choropleth(d, rows, f, mode, lang).map(Rc::new)
    });
    let drawn = use_memo(((*ch).clone(), p.width, p.dark, lang), |(ch, width, dark, lang)| {
        ch.as_ref().map(|c| {
            let r = render_map(c, Frame::new(*width, *dark, &canvas_measure), *lang, "map");
            let svg = r.svg.replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1);
            (AttrValue::from(svg), AttrValue::from(r.hits))
        })
    });
    let keys = p.keys.clone();
    let rows = use_memo(((*ch).clone(), p.data.clone(), p.state.sort), move |(ch, d, sort)| {
        // Every figure of the series, the ones the map cannot place too.
        let mut v = ch.as_ref().map_or_else(Vec::new, |c| c.chosen.clone());
        keys.0.sort(&d.0, &mut v, *sort);
        Rc::new(v)
    });
    let said = use_state(String::new);
    let mode = p.state.period_mode;
    let set_mode = |m: PeriodMode| p.dispatch.reform(move |_: Event| Action::SetPeriodMode(m));
    let activate = {
        let open = p.open.clone();
        let dispatch = p.dispatch.clone();
        let said = said.clone();
        let data = p.data.clone();
        move |code: String, fact: Option<usize>, label: String| {
            if let Some(i) = fact {
                open.emit(i);
            } else if data.0.district(&DistrictId(code.as_str().into())).is_some() {
                dispatch.emit(Action::SetProfile(Some(DistrictId(code.into()))));
                dispatch.emit(Action::SetView(View::Profile));
            } else {
                said.set(t::MAP_NO_PROFILE.fill(lang, &[&label]));
            }
        }
    };
    let onclick = {
        let activate = activate.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((code, fact, label)) = target_of(&e) {
                activate(code, fact, label);
            }
        })
    };
    let onkeydown = {
        let activate = activate.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                if let Some((code, fact, label)) = target_of(&e) {
                    e.prevent_default();
                    activate(code, fact, label);
                }
            }
        })
    };
    let read_out = {
        let said = said.clone();
        move |e: &Event| {
            if let Some((_, fact, label)) = target_of(e) {
                let text = if fact.is_some() { t::FOCUSED } else { t::MAP_SELECTED };
                said.set(text.fill(lang, &[&label]));
            }
        }
    };
    let onfocusin = {
        let read_out = read_out.clone();
        Callback::from(move |e: FocusEvent| read_out(&e))
    };
    let onmouseover = Callback::from(move |e: MouseEvent| read_out(&e));

    let export = |png: bool| {
        let ch = (*ch).clone();
        let state = p.state.clone();
        let data = p.data.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(c) = &ch else { return };
            let ds = &data.0;
            let name = export::file_name("map", &state, ds, if png { "png" } else { "svg" });
            let footer =
                export::source_line(ds, &c.facts(), &super::page::url_for(&state), state.lang);
            // Exported images are light, 960 px wide, with the sources inside.
            let r = render_map(
                c,
                Frame::new(960, false, &canvas_measure).with_footer(&footer),
                state.lang,
                "map",
            );
            if png {
                super::download::save_png(&name, &r.svg, r.width, r.height);
            } else {
                super::download::save_text(&name, "image/svg+xml", &r.svg);
            }
        })
    };

    html! {
        <>
        <section class="chart-panel map-panel" aria-labelledby="map-heading">
            <h2 id="map-heading">{ t::MAP_HEADING.get(lang) }</h2>
            { match (&*ch, &*drawn) {
                (Some(c), Some((svg, hits))) => html! {
                    <>
                    if c.auto_selected {
                        <p class="hint">{ t::AUTO_SELECTED.get(lang) }</p>
                    }
                    <fieldset class="period-mode">
                        <legend>{ t::PERIOD_MODE.get(lang) }</legend>
                        <label><input type="radio" name="period-mode" checked={mode == PeriodMode::Latest} onchange={set_mode(PeriodMode::Latest)} />{ t::LATEST.get(lang) }</label>
                        <label><input type="radio" name="period-mode" checked={mode == PeriodMode::SamePeriod} onchange={set_mode(PeriodMode::SamePeriod)} />{ t::SAME_PERIOD.get(lang) }</label>
                    </fieldset>
                    <p class="hint">{ t::MAP_HOW_TO.get(lang) }</p>
                    <div class="chart-block map-block">
                        <figure class="map-figure" data-testid="map" data-coloured={c.coloured().to_string()}>
                            <div class="map-drawing" role="img" aria-label={c.summary(lang)}>
                                { Html::from_html_unchecked(svg.clone()) }
                            </div>
                            <div class="map-hits" {onclick} {onkeydown} {onfocusin} {onmouseover}>
                                { Html::from_html_unchecked(hits.clone()) }
                            </div>
                        </figure>
                        <p class="chart-focus map-said" aria-live="polite" data-testid="map-said">{ (*said).clone() }</p>
                        if !c.notes.is_empty() {
                            <ul class="chart-notes">{ for c.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                        }
                        if !c.no_data().is_empty() {
                            // Each district without a figure as a 44 px button doing what its
                            // shape does (the shapes of small districts are smaller than a
                            // finger; those with a figure have their row in the table below).
                            <details class="map-nodata">
                                <summary>{ t::MAP_NO_DATA_LIST.fill(lang, &[&c.no_data().len().to_string()]) }</summary>
                                <ul>
                                    { for c.areas.iter().filter(|a| a.fact.is_none()).map(|a| {
                                        let code = crate::chart::map::map_data().districts[a.shape].code.clone();
                                        let (c2, name, activate) = (code.clone(), a.name.clone(), activate.clone());
                                        let click = Callback::from(move |_: MouseEvent| activate(c2.clone(), None, name.clone()));
                                        html! { <li><button type="button" class="secondary" data-district={code} onclick={click}>{ a.name.clone() }</button></li> }
                                    }) }
                                </ul>
                            </details>
                        }
                        <div class="chart-tools">
                            <button type="button" class="secondary small" data-testid="map-download-svg" onclick={export(false)}>{ t::DOWNLOAD_SVG.get(lang) }</button>
                            <button type="button" class="secondary small" data-testid="map-download-png" onclick={export(true)}>{ t::DOWNLOAD_PNG.get(lang) }</button>
                        </div>
                    </div>
                    </>
                },
                _ => html! { <p class="hint">{ t::NOTHING_TO_COMPARE.get(lang) }</p> },
            } }
        </section>
        <section id="results" class="table-panel" aria-labelledby="table-heading" tabindex="-1">
            <h2 id="table-heading">{ t::CHART_DATA.get(lang) }</h2>
            if !rows.is_empty() {
                <FactTable data={p.data.clone()} rows={(*rows).clone()} sort={p.state.sort} expanded={p.state.expanded.clone()} dispatch={p.dispatch.clone()} {lang} state={p.state.clone()} />
            }
        </section>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct LocatorProps {
    pub code: AttrValue,
    pub name: AttrValue,
    pub dark: bool,
    pub lang: Lang,
}

/// The profile's locator: Chongqing with the district highlighted.
#[component]
pub fn Locator(p: &LocatorProps) -> Html {
    let svg = use_memo((p.code.clone(), p.dark), |(code, dark)| {
        locator(code, 180, *dark).map(AttrValue::from)
    });
    match &*svg {
        Some(svg) => html! {
            <figure class="map-locator" data-testid="map-locator">
                <div role="img" aria-label={t::MAP_LOCATOR.fill(p.lang, &[&p.name])}>
                    { Html::from_html_unchecked(svg.clone()) }
                </div>
            </figure>
        },
        None => html! {},
    }
}
