//! The Yew shell (wasm32 only): mounts the app, turns DOM events into `state::Action`s
//! and renders what the core computes. No data logic lives here.

mod chart;
mod download;
mod embed;
mod filters;
mod header;
mod hooks;
mod import;
mod map;
mod modal;
mod more;
mod page;
mod panic;
mod profile;
pub use page::canvas_measure;
mod source;
mod sources;
mod table;
mod views;

pub use panic::{show_error_panel, test_panic};
pub use table::PAGE_ROWS;

use crate::dataset::{DataError, Dataset};
use crate::i18n::t;
use crate::i18n::Lang;
use crate::query;
use crate::state::{Action, View};
use hooks::Measured;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The dataset, shared by pointer: props compare in O(1) and nothing clones it.
#[derive(Clone)]
pub struct Data(pub Rc<Dataset>);

impl PartialEq for Data {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A shared value whose props and memo keys compare by pointer, in O(1).
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

thread_local! {
    // As `cargo xtask build` validated it (see `Dataset::shipped`).
    static DATASET: Result<Data, Rc<Vec<DataError>>> =
        Dataset::shipped().map(|d| Data(Rc::new(d))).map_err(Rc::new);
}

/// The size of the wasm linear memory in bytes, for the benchmark's memory figures
/// (`window.wasmBindings.wasm_memory_bytes()`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory().dyn_into::<js_sys::WebAssembly::Memory>().map_or(0.0, |m| {
        m.buffer().dyn_into::<js_sys::ArrayBuffer>().map_or(0.0, |b| f64::from(b.byte_length()))
    })
}

/// Mounts the app into `#app`, replacing the loading message.
pub fn start() {
    panic::install();
    let Some(root) = gloo_root() else { return };
    root.set_inner_html("");
    yew::Renderer::<App>::with_root(root).render();
}

fn gloo_root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id("app")
}

#[component]
pub fn App() -> Html {
    match DATASET.with(Clone::clone) {
        Ok(data) => html! { <Explorer {data} /> },
        Err(errors) => html! {
            <main id="main" class="error-list" role="alert">
                <h1>{ t::DATA_INVALID.get(Lang::Zh) }<br /><span lang="en">{ t::DATA_INVALID.get(Lang::En) }</span></h1>
                <ul>{ for errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }</ul>
            </main>
        },
    }
}

#[derive(Properties, PartialEq)]
struct ExplorerProps {
    data: Data,
}

pub(crate) fn view_name(v: View, lang: Lang) -> &'static str {
    match v {
        View::Compare => t::VIEW_COMPARE,
        View::Profile => t::VIEW_PROFILE,
        View::Trend => t::VIEW_TREND,
        View::Targets => t::VIEW_TARGETS,
        View::Breakdown => t::VIEW_BREAKDOWN,
        View::Sources => t::VIEW_SOURCES,
        View::Map => t::VIEW_MAP,
    }
    .get(lang)
}

/// The widths charts are drawn at, from the results column as laid out (`measured`):
/// one chart across the column (within 300–1440 px), and each chart's where
/// `.chart-grid.two` sets them two to a row (the stylesheet: a window of at least
/// 1000 px, a 1.25rem gap). Following the real column, they stay right whatever the
/// text size. Before the first measurement, a guess for normal text.
fn chart_widths(measured: Option<Measured>, window_width: f64) -> (u32, Option<u32>) {
    let Measured { width, rem } =
        measured.unwrap_or(Measured { width: first_guess(window_width), rem: 16.0 });
    let full = width.floor().clamp(300.0, 1440.0);
    let half =
        (window_width >= 1000.0).then(|| ((full - 1.25 * rem) / 2.0).floor().max(1.0) as u32);
    (full as u32, half)
}

/// The results column's width at normal text size, for the first render only (the
/// column is measured once it is in the page; a wrong guess draws the first chart
/// twice): the window less an 18rem filter column and three 1.25rem gaps above 760 px,
/// less the layout's .75rem padding on each side below (the stylesheet's `.layout`).
fn first_guess(vw: f64) -> f64 {
    if vw > 760.0 {
        vw - 288.0 - 60.0
    } else {
        vw - 24.0
    }
}

/// Small screens (the filter column would sit above the results): filters in a
/// drawer, settings behind "More". Mirrors the CSS breakpoint of `.layout` (760 px).
fn is_narrow(vw: f64) -> bool {
    vw <= 760.0
}

fn view_body(view: View, props: views::ViewProps) -> Html {
    match view {
        View::Compare => html! { <views::CompareView ..props /> },
        View::Profile => html! { <profile::ProfileView ..props /> },
        View::Trend => html! { <views::TrendView ..props /> },
        View::Targets => html! { <views::TargetsView ..props /> },
        View::Breakdown => html! { <views::BreakdownView ..props /> },
        View::Sources => html! { <sources::SourcesView ..props /> },
        View::Map => html! { <map::MapView ..props /> },
    }
}

/// A flag held in state, with the callbacks that set and clear it (dialogs, drawer).
#[hook]
fn use_flag() -> (bool, Callback<MouseEvent>, Callback<()>) {
    let flag = use_state(|| false);
    let set = {
        let flag = flag.clone();
        Callback::from(move |_: MouseEvent| flag.set(true))
    };
    let clear = {
        let flag = flag.clone();
        Callback::from(move |()| flag.set(false))
    };
    (*flag, set, clear)
}

/// The app: the dataset (embedded, or with imported figures), the state kept in the
/// URL, the page's effects, and one layout for the full page and the embedded one.
#[component]
fn Explorer(props: &ExplorerProps) -> Html {
    // The embedded dataset, or it with imported figures (or replaced by them).
    let dataset = use_state(|| props.data.clone());
    let data = (*dataset).clone();
    let (store, warnings) = hooks::use_url_state(&data);
    // One callback for the app's life, so props holding it compare equal and a child
    // whose other props did not change is not drawn again.
    let dispatch = {
        let dispatcher = store.dispatcher();
        (*use_memo((), move |_| Callback::from(move |a: Action| dispatcher.dispatch(a)))).clone()
    };
    let state = Rc::new(store.0.clone());
    let lang = state.lang;
    let embed = state.embed;
    hooks::use_ready_mark();
    hooks::use_html_lang(lang);
    hooks::use_embed_height(embed);
    let dark = hooks::use_theme(state.theme, state.large_text);
    let window_width = hooks::use_window_width();
    let results = use_node_ref();
    let (width, grid_width) = chart_widths(hooks::use_measured(results.clone()), window_width);

    let (embed_open, open_embed, close_embed) = use_flag();
    let (import_open, open_import, close_import) = use_flag();
    let (drawer_open, open_drawer, close_drawer) = use_flag();
    let on_loaded = {
        let dataset = dataset.clone();
        Callback::from(move |d: Data| dataset.set(d))
    };
    let remove_imported = {
        let dataset = dataset.clone();
        let original = props.data.clone();
        Callback::from(move |_: MouseEvent| dataset.set(original.clone()))
    };
    let open_fact = use_state(|| None::<usize>);
    let open = {
        let open_fact = open_fact.clone();
        Callback::from(move |i: usize| open_fact.set(Some(i)))
    };
    let close = {
        let open_fact = open_fact.clone();
        Callback::from(move |()| open_fact.set(None))
    };
    // Set when the search box is focused: the index is built before the first key.
    let search_wanted = use_state(|| false);
    let on_search_focus = {
        let search_wanted = search_wanted.clone();
        Callback::from(move |()| {
            if !*search_wanted {
                search_wanted.set(true);
            }
        })
    };
    // Built once per dataset, and only once someone searches.
    let searching = !state.filter.search.trim().is_empty() || *search_wanted;
    let index = use_memo((data.clone(), searching), |(d, on)| {
        Shared(Rc::new(on.then(|| query::SearchIndex::new(&d.0))))
    });
    // Sort ranks of the facts, made once per dataset (filters compare the dataset's positions).
    let keys = use_memo(data.clone(), |_| Shared(Rc::new(query::FactKeys::new())));
    let keys = (*keys).clone();
    hooks::use_ranks_ahead(&data, &keys);
    // The rows of the last few filters are kept (a district toggled back, the search
    // box cleared); typing on searches only the rows the shorter text found.
    let rows = hooks::use_recent::<_, Vec<usize>, _>((data.clone(), state.filter.clone()), 4, {
        let index = index.clone();
        move |(d, f), last| {
            let within = last
                .filter(|((ld, lf), _)| ld == d && query::narrows(lf, f))
                .map(|(_, rows)| rows.as_slice());
            query::filter_within(&d.0, f, index.0.as_ref().as_ref(), within)
        }
    });
    let view = state.view;
    let view_props = views::ViewProps {
        data: data.clone(),
        state: state.clone(),
        rows: rows.clone(),
        keys,
        width,
        grid_width,
        dark,
        dispatch: dispatch.clone(),
        open,
    };
    let with_filters = !matches!(view, View::Profile | View::Sources);
    // On a small screen the filters live in a drawer; the sidebar is for wide screens.
    let narrow = is_narrow(window_width);
    let sidebar = with_filters && !narrow;
    let filter_panel = html! {
        <filters::FilterPanel data={data.clone()} filter={state.filter.clone()} dispatch={dispatch.clone()} {lang} {on_search_focus} />
    };
    let notice = crate::url::notice(&warnings, lang).map(|text| {
        let warnings = warnings.clone();
        let dismiss = Callback::from(move |_: MouseEvent| warnings.set(Vec::new()));
        html! {
            <div class="notice" role="status" data-testid="url-notice">
                <p>{ text }</p>
                <button type="button" class="secondary" onclick={dismiss}>{ t::DISMISS.get(lang) }</button>
            </div>
        }
    });

    html! {
        <>
        if embed {
            { embed::open_full_bar(&state) }
        } else {
            <a class="skip-link" href="#main">{ t::SKIP.get(lang) }</a>
            <header::Header data={data.clone()} {lang} theme={state.theme} large_text={state.large_text} {view} dispatch={dispatch.clone()} on_import={open_import} on_embed={open_embed} />
        }
        { notice.unwrap_or_default() }
        if !embed {
            if data.0.has_imported() {
                <div class="notice imported-notice" role="status" data-testid="imported-notice">
                    <p>{ t::IMPORTED_NOTE.get(lang) }</p>
                    <button type="button" class="secondary" onclick={remove_imported} data-testid="remove-imported">{ t::REMOVE_IMPORTED.get(lang) }</button>
                </div>
            }
            <import::ImportDialog open={import_open} on_close={close_import} current={data.clone()} {on_loaded} {lang} />
        }
        <main id="main" class={classes!("layout", embed.then_some("embedded"), (!sidebar).then_some("no-filters"))} tabindex={(!embed).then_some("-1")}>
            if sidebar {
                { filter_panel.clone() }
            }
            <section class="results" aria-label={view_name(view, lang)} ref={results}>
                if with_filters && narrow {
                    { filters::filter_bar(&data.0, &state.filter, lang, &dispatch, open_drawer) }
                }
                if !embed && view != View::Sources {
                    <p class="hint how-to">{ t::HOW_TO.get(lang) }</p>
                }
                { view_body(view, view_props) }
            </section>
        </main>
        if with_filters && narrow {
            <modal::Modal open={drawer_open} on_close={close_drawer} labelled_by="filters-heading" class="filter-drawer" close_label={t::CLOSE.get(lang)}>
                { filter_panel }
            </modal::Modal>
        }
        <source::SourceDialog data={data.clone()} fact={*open_fact} on_close={close} {lang} state={state.clone()} />
        if !embed {
            <embed::EmbedDialog open={embed_open} on_close={close_embed} state={state.clone()} />
            <header::Footer data={data.clone()} state={state.clone()} />
        }
        </>
    }
}
