//! The filter panel: districts, category, indicator, year, kind and free-text search;
//! on small screens the button that opens it in a drawer and the active filters as chips.

use super::Data;
use crate::i18n::Lang;
use crate::i18n::{self, t, Text};
use crate::model::*;
use crate::query::{self, Filter};
use crate::state::Action;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilterPanelProps {
    pub data: Data,
    pub filter: Filter,
    pub dispatch: Callback<Action>,
    pub lang: Lang,
    /// Called when the search box gets focus, so the search index is ready by the first key.
    #[prop_or_default]
    pub on_search_focus: Callback<()>,
}

/// The selected option's value, or `None` for the "all" option (value "").
fn select_value(e: &Event) -> Option<String> {
    let v = e.target_dyn_into::<HtmlSelectElement>()?.value();
    (!v.is_empty()).then_some(v)
}

#[component]
pub fn FilterPanel(props: &FilterPanelProps) -> Html {
    let f = &props.filter;
    let d = &props.dispatch;
    let lang = props.lang;
    // The choices depend on the dataset only (and the category): computed once, not per render.
    let choices = use_memo(props.data.clone(), |d| {
        let ds = &d.0;
        (query::category_choices(ds), query::year_choices(ds), query::kind_choices(ds))
    });

    let on_category = d.reform(|e: Event| {
        Action::SetCategory(select_value(&e).and_then(|v| Category::from_code(&v)))
    });
    let on_year =
        d.reform(|e: Event| Action::SetYear(select_value(&e).and_then(|v| v.parse().ok())));
    let on_kind =
        d.reform(|e: Event| Action::SetKind(select_value(&e).and_then(|v| Kind::from_code(&v))));
    let on_search = d.reform(|e: InputEvent| {
        Action::SetSearch(
            e.target_dyn_into::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default(),
        )
    });
    let on_clear = d.reform(|_: MouseEvent| Action::ClearFilters);
    let every = super::hooks::use_second_pass();

    html! {
        <aside class="filters" aria-labelledby="filters-heading">
            <h2 id="filters-heading">{ t::FILTERS.get(lang) }</h2>
            <DistrictChecks data={props.data.clone()} selected={f.districts.clone()} dispatch={d.clone()} {lang} />
            { select("f-category", t::CATEGORY, t::ALL_CATEGORIES, on_category, choices.0.iter().map(|&c| (c.code().to_string(), f.category == Some(c), i18n::category(c, lang).to_string())).collect(), every, lang) }
            <IndicatorSelect data={props.data.clone()} category={f.category} indicator={f.indicator.clone()} dispatch={d.clone()} {every} {lang} />
            { select("f-year", t::YEAR, t::ALL_YEARS, on_year, choices.1.iter().map(|&y| (y.to_string(), f.year == Some(y), t::YEAR_VALUE.fill(lang, &[&y.to_string()]))).collect(), every, lang) }
            { select("f-kind", t::KIND, t::ALL_KINDS, on_kind, choices.2.iter().map(|&k| (k.code().to_string(), f.kind == Some(k), i18n::kind(k, lang).to_string())).collect(), every, lang) }
            <label for="f-search">{ t::SEARCH.get(lang) }</label>
            <input id="f-search" type="search" value={f.search.clone()} oninput={on_search} onfocus={props.on_search_focus.reform(|_: FocusEvent| ())}
                placeholder={t::SEARCH_PLACEHOLDER.get(lang)} maxlength="200" />
            <button type="button" class="secondary" onclick={on_clear} disabled={f.is_empty()}>{ t::CLEAR_FILTERS.get(lang) }</button>
        </aside>
    }
}

#[derive(Properties, PartialEq)]
struct DistrictChecksProps {
    data: Data,
    selected: std::collections::BTreeSet<DistrictId>,
    dispatch: Callback<Action>,
    lang: Lang,
}

/// The districts' checkboxes: drawn again only when the choice of districts, the data
/// or the language changes, not on every key typed in the search box.
#[component]
fn DistrictChecks(props: &DistrictChecksProps) -> Html {
    let ds = &props.data.0;
    let d = &props.dispatch;
    let lang = props.lang;
    html! {
        <fieldset class="districts">
            <legend>{ t::DISTRICTS_LEGEND.get(lang) }</legend>
            { for ds.districts.iter().map(|dist| {
                let id = dist.id.clone();
                let onchange = d.reform(move |_: Event| Action::ToggleDistrict(id.clone()));
                let input_id = format!("district-{}", dist.id);
                html! {
                    <div class="check">
                        <input type="checkbox" id={input_id.clone()} value={dist.id.to_string()}
                            checked={props.selected.contains(&dist.id)} {onchange} />
                        <label for={input_id}>
                            <span class={classes!("swatch", format!("d{}", ds.district_pos(&dist.id) % 6))} aria-hidden="true"></span>
                            { i18n::district_name(ds, &dist.id, lang) }
                        </label>
                    </div>
                }
            }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct IndicatorSelectProps {
    data: Data,
    category: Option<Category>,
    indicator: Option<IndicatorId>,
    dispatch: Callback<Action>,
    /// Every option, or only the chosen one (the panel's first pass).
    every: bool,
    lang: Lang,
}

/// The indicator select (as many options as the data has indicators): drawn again only
/// when its choices, its value, the panel's pass or the language change.
#[component]
fn IndicatorSelect(props: &IndicatorSelectProps) -> Html {
    let ds = &props.data.0;
    let lang = props.lang;
    // The choices depend on the dataset and the category: computed once, not per render.
    let indicators = use_memo((props.data.clone(), props.category), |(d, c)| {
        query::indicator_choices(&d.0, *c)
            .into_iter()
            .filter_map(|i| d.0.indicator_pos(&i.id))
            .collect::<Vec<usize>>()
    });
    let on_indicator = props
        .dispatch
        .reform(|e: Event| Action::SetIndicator(select_value(&e).map(IndicatorId::from)));
    select(
        "f-indicator",
        t::INDICATOR,
        t::ALL_INDICATORS,
        on_indicator,
        indicators
            .iter()
            .map(|&p| &ds.indicators[p])
            .map(|i| {
                (
                    i.id.to_string(),
                    props.indicator.as_ref() == Some(&i.id),
                    i18n::pick(lang, &i.name_zh, &i.name_en).to_string(),
                )
            })
            .collect(),
        props.every,
        lang,
    )
}

/// The active filters as removable chips: a label and the action that removes it.
fn filter_chips(ds: &crate::dataset::Dataset, f: &Filter, lang: Lang) -> Vec<(String, Action)> {
    let mut chips: Vec<(String, Action)> = f
        .districts
        .iter()
        .map(|d| (i18n::district_name(ds, d, lang).to_string(), Action::ToggleDistrict(d.clone())))
        .collect();
    if let Some(c) = f.category {
        chips.push((i18n::category(c, lang).into(), Action::SetCategory(None)));
    }
    if let Some(i) = &f.indicator {
        chips.push((i18n::indicator_name(ds, i, lang).to_string(), Action::SetIndicator(None)));
    }
    if let Some(y) = f.year {
        chips.push((t::YEAR_VALUE.fill(lang, &[&y.to_string()]), Action::SetYear(None)));
    }
    if let Some(k) = f.kind {
        chips.push((i18n::kind(k, lang).into(), Action::SetKind(None)));
    }
    if !f.search.trim().is_empty() {
        chips.push((
            t::SEARCH_CHIP.fill(lang, &[f.search.trim()]),
            Action::SetSearch(String::new()),
        ));
    }
    chips
}

/// On a small screen: the "Filters (n)" button that opens the drawer, and the active
/// filters as chips that remove themselves (focus then goes to the button).
pub fn filter_bar(
    ds: &crate::dataset::Dataset,
    f: &Filter,
    lang: Lang,
    dispatch: &Callback<Action>,
    open: Callback<MouseEvent>,
) -> Html {
    let chips = filter_chips(ds, f, lang);
    let label = if chips.is_empty() {
        t::FILTERS.get(lang).to_string()
    } else {
        t::FILTERS_COUNT.fill(lang, &[&chips.len().to_string()])
    };
    html! {
        <div class="filter-bar">
            <button type="button" id="filter-button" class="filter-button" aria-haspopup="dialog" data-testid="filter-button" onclick={open}>{ label }</button>
            if !chips.is_empty() {
                <ul class="chips" aria-label={t::ACTIVE_FILTERS.get(lang)}>
                    { for chips.into_iter().map(|(text, action)| {
                        let onclick = dispatch.reform(move |_: MouseEvent| {
                            if let Some(b) = web_sys::window()
                                .and_then(|w| w.document())
                                .and_then(|d| d.get_element_by_id("filter-button"))
                                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                            {
                                let _ = b.focus();
                            }
                            action.clone()
                        });
                        html! {
                            <li><button type="button" class="chip" aria-label={t::REMOVE_FILTER.fill(lang, &[&text])} {onclick}>
                                <span>{ text }</span><span class="chip-x" aria-hidden="true">{ "×" }</span>
                            </button></li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}

/// A labelled filter select: "all" first (selected when no option is), then each
/// `(value, selected, text)`, given as a `Vec` so that one copy of this code serves every
/// select. Its options are drawn in the pass after the first (`every`), once the chart
/// is painted: until then the select holds only the option it shows.
fn select(
    id: &'static str,
    label: Text,
    all: Text,
    onchange: Callback<Event>,
    mut options: Vec<(String, bool, String)>,
    every: bool,
    lang: Lang,
) -> Html {
    options.retain(|o| every || o.1);
    let none = !options.iter().any(|o| o.1);
    html! {
        <>
            <label for={id}>{ label.get(lang) }</label>
            <select {id} {onchange}>
                <option value="" selected={none}>{ all.get(lang) }</option>
                { for options.into_iter().map(|(value, selected, text)| html! {
                    <option {value} {selected}>{ text }</option>
                }) }
            </select>
        </>
    }
}
