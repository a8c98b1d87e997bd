//! The Yew shell (wasm32 only): mounts the app, turns DOM events into `state::Action`s
//! and renders what the core computes. No data logic lives here.

mod chart;
mod download;
mod filters;
mod import;
mod map;
mod modal;
mod more;
mod page;
pub use page::canvas_measure;
mod source;
mod table;
mod views;

pub use table::PAGE_ROWS;

use crate::dataset::{DataError, Dataset};
use crate::i18n::t;
use crate::query;
use crate::state::{Action, AppState, Lang, Theme, View};
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
    static DATASET: Result<Data, Rc<Vec<DataError>>> =
        Dataset::embedded().map(|d| Data(Rc::new(d))).map_err(Rc::new);
}

/// Yew's reducer wrapper around the pure `AppState::reduce`.
#[derive(Default, PartialEq)]
struct Store(AppState);

impl Reducible for Store {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Store(self.0.clone().reduce(action)))
    }
}

/// The size of the wasm linear memory in bytes, for the benchmark's memory figures
/// (`window.wasmBindings.wasm_memory_bytes()`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map_or(0.0, |m| {
            m.buffer()
                .dyn_into::<js_sys::ArrayBuffer>()
                .map_or(0.0, |b| f64::from(b.byte_length()))
        })
}

/// Panics on purpose, for the end-to-end test of the error panel
/// (`window.wasmBindings.test_panic()`). No input of the page reaches it: only script
/// run in the page can, and such script could break the page anyway.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn test_panic() {
    panic!("test_panic: a panic forced from script, to test the error panel");
}

/// Mounts the app into `#app`, replacing the loading message.
pub fn start() {
    // Through Yew: a hook set with `std::panic::set_hook` is replaced by Yew's own
    // when the renderer starts.
    yew::set_custom_panic_hook(Box::new(|info| show_error_panel(&info.to_string())));
    let Some(root) = gloo_root() else { return };
    root.set_inner_html("");
    yew::Renderer::<App>::with_root(root).render();
}

fn gloo_root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id("app")
}

/// Replaces the page with a readable error and a reload link. Uses only text nodes for
/// the message, so nothing in it is interpreted as markup.
pub fn show_error_panel(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    let build = || -> Option<web_sys::Element> {
        let panel = doc.create_element("div").ok()?;
        panel.set_id("error-panel");
        panel.set_attribute("role", "alert").ok()?;
        let h = doc.create_element("h2").ok()?;
        h.set_text_content(Some("页面出错了 · Something went wrong"));
        let p = doc.create_element("p").ok()?;
        p.set_text_content(Some("浏览器中的程序遇到意外错误。请重新加载页面；如果问题反复出现，请把下面的信息告诉我们。"));
        let pre = doc.create_element("pre").ok()?;
        pre.set_text_content(Some(message));
        let a = doc.create_element("a").ok()?;
        a.set_attribute("class", "button").ok()?;
        let href = web_sys::window()?
            .location()
            .href()
            .unwrap_or_else(|_| "./".into());
        a.set_attribute("href", &href).ok()?;
        a.set_text_content(Some("重新加载 · Reload"));
        for child in [&h, &p, &pre, &a] {
            panel.append_child(child).ok()?;
        }
        Some(panel)
    };
    if let Some(panel) = build() {
        if let Some(old) = doc.get_element_by_id("error-panel") {
            old.remove();
        }
        let _ = body.prepend_with_node_1(&panel);
        // Wherever the reader had scrolled to, the panel is what they see.
        panel.scroll_into_view();
    }
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

/// The chart width for a window `vw` px wide: the main column's width, within 300–1440.
fn chart_width(vw: f64) -> u32 {
    let vw = vw as i32;
    // Mirrors the CSS grid: an 18rem filter column beside the results above 760px.
    let main = if vw > 760 {
        vw - 288 - 20 * 3
    } else {
        vw - 20 * 2
    };
    main.clamp(300, 1440) as u32
}

/// Small screens (the filter column would sit above the results): filters in a
/// drawer, settings behind "More". Mirrors the CSS breakpoint of `.layout` (760 px).
fn is_narrow(vw: f64) -> bool {
    vw <= 760.0
}

/// The active filters as removable chips: a label and the action that removes it.
fn filter_chips(ds: &Dataset, f: &query::Filter, lang: Lang) -> Vec<(String, Action)> {
    let mut chips: Vec<(String, Action)> = f
        .districts
        .iter()
        .map(|d| {
            (
                crate::i18n::district_name(ds, d, lang).to_string(),
                Action::ToggleDistrict(d.clone()),
            )
        })
        .collect();
    if let Some(c) = f.category {
        chips.push((
            crate::i18n::category(c, lang).into(),
            Action::SetCategory(None),
        ));
    }
    if let Some(i) = &f.indicator {
        chips.push((
            crate::i18n::indicator_name(ds, i, lang).to_string(),
            Action::SetIndicator(None),
        ));
    }
    if let Some(y) = f.year {
        chips.push((
            t::YEAR_VALUE.fill(lang, &[&y.to_string()]),
            Action::SetYear(None),
        ));
    }
    if let Some(k) = f.kind {
        chips.push((crate::i18n::kind(k, lang).into(), Action::SetKind(None)));
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
fn filter_bar(
    ds: &Dataset,
    f: &query::Filter,
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

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

fn view_body(view: View, props: views::ViewProps) -> Html {
    match view {
        View::Compare => html! { <views::CompareView ..props /> },
        View::Profile => html! { <views::ProfileView ..props /> },
        View::Trend => html! { <views::TrendView ..props /> },
        View::Targets => html! { <views::TargetsView ..props /> },
        View::Breakdown => html! { <views::BreakdownView ..props /> },
        View::Sources => html! { <views::SourcesView ..props /> },
        View::Map => html! { <map::MapView ..props /> },
    }
}

#[component]
fn Explorer(props: &ExplorerProps) -> Html {
    // The embedded dataset, or it with imported figures (or replaced by them).
    let dataset = use_state(|| props.data.clone());
    let data = (*dataset).clone();
    // The URL is read once here; afterwards the state writes it (and back/forward reread it).
    let boot = use_memo((), {
        let data = data.clone();
        move |_| page::state_from_location(&data.0)
    });
    let store = use_reducer({
        let initial = boot.0.clone();
        move || Store(initial)
    });
    let warnings = use_state({
        let w = boot.1.clone();
        move || w
    });
    let dispatch = {
        let store = store.clone();
        Callback::from(move |a: Action| store.dispatch(a))
    };
    let state = Rc::new(store.0.clone());
    // Marks the page as interactive once the first render is committed and its
    // handlers attached (the benchmark's "interactive" time).
    use_effect_with((), |_| {
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("data-ready", "");
        }
    });
    let lang = state.lang;
    let switch_lang = dispatch.reform(move |_: MouseEvent| {
        Action::SetLang(if lang == Lang::Zh { Lang::En } else { Lang::Zh })
    });
    {
        // <html lang> follows the language so screen readers pronounce it right.
        use_effect_with(lang, |lang| {
            if let Some(html) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = html.set_attribute("lang", if *lang == Lang::Zh { "zh-CN" } else { "en" });
            }
        });
    }
    use_effect_with(page::query_for(&state), {
        let state = state.clone();
        move |_| page::push_state(&state)
    });
    {
        let dispatch = dispatch.clone();
        let warnings = warnings.clone();
        let data = data.clone();
        use_effect_with((), move |_| {
            let listener = page::on_window_event("popstate", move || {
                let (s, w) = page::state_from_location(&data.0);
                warnings.set(w);
                dispatch.emit(Action::Replace(Box::new(s)));
            });
            move || drop(listener)
        });
    }
    use_effect_with(state.embed, |embed| {
        let reporter = if *embed { page::report_height() } else { None };
        move || drop(reporter)
    });
    let embed_open = use_state(|| false);
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
    let import_open = use_state(|| false);
    let on_loaded = {
        let dataset = dataset.clone();
        Callback::from(move |d: Data| dataset.set(d))
    };
    let remove_imported = {
        let dataset = dataset.clone();
        let original = props.data.clone();
        Callback::from(move |_: MouseEvent| dataset.set(original.clone()))
    };
    let open_import = {
        let import_open = import_open.clone();
        Callback::from(move |_: MouseEvent| import_open.set(true))
    };
    let close_import = {
        let import_open = import_open.clone();
        Callback::from(move |()| import_open.set(false))
    };
    let has_imported = data.0.has_imported();
    // The window's width, read on resize; the chart width and the narrow layout follow.
    let window_width = use_state(page::window_width);
    {
        let window_width = window_width.clone();
        use_effect_with((), move |_| {
            let listener =
                page::on_window_event("resize", move || window_width.set(page::window_width()));
            move || drop(listener)
        });
    }
    let dark = match state.theme {
        Theme::Dark => true,
        Theme::Auto => prefers_dark(),
        Theme::Light | Theme::HighContrast => false,
    };
    {
        // The theme and text size style the whole page through classes on <html>.
        let classes = format!(
            "theme-{}{}",
            match state.theme {
                Theme::Auto => "auto",
                Theme::Light => "light",
                Theme::Dark => "dark",
                Theme::HighContrast => "contrast",
            },
            if state.large_text { " large-text" } else { "" }
        );
        use_effect_with(classes, |classes| {
            if let Some(html) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                html.set_class_name(classes);
            }
        });
    }
    let open_fact = use_state(|| None::<usize>);
    let open = {
        let open_fact = open_fact.clone();
        Callback::from(move |i: usize| open_fact.set(Some(i)))
    };
    let close = {
        let open_fact = open_fact.clone();
        Callback::from(move |()| open_fact.set(None))
    };
    // Built once per dataset, and only once someone searches.
    let searching = !state.filter.search.trim().is_empty() || *search_wanted;
    let index = use_memo((data.clone(), searching), |(d, on)| {
        Shared(Rc::new(on.then(|| query::SearchIndex::new(&d.0))))
    });
    let rows = use_memo(
        (data.clone(), state.filter.clone(), (*index).clone()),
        |(d, f, ix)| query::filter_with(&d.0, f, ix.0.as_ref().as_ref()),
    );
    let ds = &data.0;
    let view = state.view;
    let view_props = views::ViewProps {
        data: data.clone(),
        state: state.clone(),
        rows: rows.clone(),
        width: chart_width(*window_width),
        dark,
        dispatch: dispatch.clone(),
        open,
    };
    let on_theme = dispatch.reform(|e: Event| {
        let v = e
            .target_dyn_into::<web_sys::HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default();
        Action::SetTheme(match v.as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            "contrast" => Theme::HighContrast,
            _ => Theme::Auto,
        })
    });
    let large = state.large_text;
    let on_large = dispatch.reform(move |_: MouseEvent| Action::SetLargeText(!large));
    let with_filters = !matches!(view, View::Profile | View::Sources);
    // On a small screen the filters live in a drawer; the sidebar is for wide screens.
    let narrow = is_narrow(*window_width);
    let sidebar = with_filters && !narrow;
    let drawer_open = use_state(|| false);
    let open_drawer = {
        let drawer_open = drawer_open.clone();
        Callback::from(move |_: MouseEvent| drawer_open.set(true))
    };
    let close_drawer = {
        let drawer_open = drawer_open.clone();
        Callback::from(move |()| drawer_open.set(false))
    };
    let bar = if with_filters && narrow {
        filter_bar(ds, &state.filter, lang, &dispatch, open_drawer.clone())
    } else {
        Html::default()
    };
    let drawer = html! {
        if with_filters && narrow {
            <modal::Modal open={*drawer_open} on_close={close_drawer} labelled_by="filters-heading" class="filter-drawer" close_label={t::CLOSE.get(lang)}>
                <filters::FilterPanel data={data.clone()} filter={state.filter.clone()} dispatch={dispatch.clone()} {lang} on_search_focus={on_search_focus.clone()} />
            </modal::Modal>
        }
    };
    let menu_open = use_state(|| false);
    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| menu_open.set(!*menu_open))
    };
    let menu_keydown = {
        let menu_open = menu_open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *menu_open {
                menu_open.set(false);
                if let Some(b) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("more-button"))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = b.focus();
                }
            }
        })
    };

    let notice = crate::url::notice(&warnings, state.lang).map(|text| {
        let warnings = warnings.clone();
        let dismiss = Callback::from(move |_: MouseEvent| warnings.set(Vec::new()));
        html! {
            <div class="notice" role="status" data-testid="url-notice">
                <p>{ text }</p>
                <button type="button" class="secondary" onclick={dismiss}>{ t::DISMISS.get(lang) }</button>
            </div>
        }
    });
    let full_url = page::url_for(&AppState {
        embed: false,
        ..(*state).clone()
    });
    let embed_code = {
        let src = page::url_for(&AppState {
            embed: true,
            ..(*state).clone()
        });
        let src = crate::chart::render::escape(&src);
        format!(
            "<iframe src=\"{src}\" title=\"{}\" width=\"100%\" height=\"640\" frameborder=\"0\" loading=\"lazy\" id=\"cq-explorer\"></iframe>\n\
             <script>\n\
             window.addEventListener(\"message\", function (event) {{\n\
             \x20 var frame = document.getElementById(\"cq-explorer\");\n\
             \x20 if (event.source === frame.contentWindow && event.data && event.data.type === \"{}\") {{\n\
             \x20   frame.style.height = event.data.height + \"px\";\n\
             \x20 }}\n\
             }});\n\
             </script>",
            t::APP_TITLE.get(lang),
            page::HEIGHT_MESSAGE_TYPE
        )
    };
    let open_embed = {
        let embed_open = embed_open.clone();
        Callback::from(move |_: MouseEvent| embed_open.set(true))
    };
    let close_embed = {
        let embed_open = embed_open.clone();
        Callback::from(move |()| embed_open.set(false))
    };
    if state.embed {
        return html! {
            <>
            <div class="embed-bar">
                <a class="open-full" href={full_url} target="_blank" rel="noopener">{ t::OPEN_FULL.get(lang) }</a>
            </div>
            { notice.unwrap_or_default() }
            <main id="main" class={classes!("layout", "embedded", (!sidebar).then_some("no-filters"))}>
                if sidebar {
                    <filters::FilterPanel data={data.clone()} filter={state.filter.clone()} dispatch={dispatch.clone()} {lang} on_search_focus={on_search_focus.clone()} />
                }
                <section class="results" aria-label={view_name(view, lang)}>
                    { bar }
                    { view_body(view, view_props) }
                </section>
            </main>
            { drawer }
            <source::SourceDialog data={data.clone()} fact={*open_fact} on_close={close.clone()} {lang} state={state.clone()} />
            </>
        };
    }

    html! {
        <>
        <a class="skip-link" href="#main">{ t::SKIP.get(lang) }</a>
        <header class="site-header">
            <div class="title-row">
                <h1><span class="title-long">{ t::APP_TITLE.get(lang) }</span><span class="title-short">{ t::APP_TITLE_SHORT.get(lang) }</span></h1>
                <button type="button" id="more-button" class="secondary more-toggle" aria-expanded={menu_open.to_string()} aria-controls="settings" onclick={toggle_menu} data-testid="more-button">{ t::MORE.get(lang) }</button>
                <div id="settings" class={classes!("settings", menu_open.then_some("open"))} role="group" aria-label={t::SETTINGS.get(lang)} onkeydown={menu_keydown}>
                    <label for="theme">{ t::THEME.get(lang) }</label>
                    <select id="theme" onchange={on_theme}>
                        <option value="auto" selected={state.theme == Theme::Auto}>{ t::THEME_AUTO.get(lang) }</option>
                        <option value="light" selected={state.theme == Theme::Light}>{ t::THEME_LIGHT.get(lang) }</option>
                        <option value="dark" selected={state.theme == Theme::Dark}>{ t::THEME_DARK.get(lang) }</option>
                        <option value="contrast" selected={state.theme == Theme::HighContrast}>{ t::THEME_CONTRAST.get(lang) }</option>
                    </select>
                    <button type="button" class="secondary" aria-pressed={large.to_string()} onclick={on_large}>{ t::LARGE_TEXT.get(lang) }</button>
                    <button type="button" class="secondary" onclick={open_import} data-testid="import-button">{ t::IMPORT.get(lang) }</button>
                    <button type="button" class="secondary" onclick={open_embed} data-testid="embed-button">{ t::EMBED.get(lang) }</button>
                    <button type="button" class="secondary" onclick={switch_lang} data-testid="lang-switch" lang={if lang == Lang::Zh { "en" } else { "zh-CN" }}>{ t::LANG_SWITCH.get(lang) }</button>
                    <p class="menu-lede">
                        { t::LEDE.fill(lang, &[&ds.districts.len().to_string(), &ds.facts.len().to_string(), &ds.sources.len().to_string()]) }
                    </p>
                </div>
            </div>
            <p class="lede">
                { t::LEDE.fill(lang, &[&ds.districts.len().to_string(), &ds.facts.len().to_string(), &ds.sources.len().to_string()]) }
            </p>
            <nav class="views" aria-label={t::VIEWS.get(lang)}>
                <ul>
                    { for View::ALL.iter().map(|&v| {
                        let onclick = dispatch.reform(move |_: MouseEvent| Action::SetView(v));
                        html! {
                            <li><button type="button" class="view-tab" data-view={v.code()}
                                aria-current={(v == view).then_some("page")} {onclick}>{ view_name(v, lang) }</button></li>
                        }
                    }) }
                </ul>
            </nav>
        </header>
        { notice.unwrap_or_default() }
        if has_imported {
            <div class="notice imported-notice" role="status" data-testid="imported-notice">
                <p>{ t::IMPORTED_NOTE.get(lang) }</p>
                <button type="button" class="secondary" onclick={remove_imported} data-testid="remove-imported">{ t::REMOVE_IMPORTED.get(lang) }</button>
            </div>
        }
        <import::ImportDialog open={*import_open} on_close={close_import} current={data.clone()} {on_loaded} {lang} />
        <main id="main" class={classes!("layout", (!sidebar).then_some("no-filters"))} tabindex="-1">
            if sidebar {
                <filters::FilterPanel data={data.clone()} filter={state.filter.clone()} dispatch={dispatch.clone()} {lang} on_search_focus={on_search_focus.clone()} />
            }
            <section class="results" aria-label={view_name(view, lang)}>
                { bar }
                if view != View::Sources {
                    <p class="hint how-to">{ t::HOW_TO.get(lang) }</p>
                }
                { view_body(view, view_props) }
            </section>
        </main>
        { drawer }
        <source::SourceDialog data={data.clone()} fact={*open_fact} on_close={close.clone()} {lang} state={state.clone()} />
        <modal::Modal open={*embed_open} on_close={close_embed} labelled_by="embed-title" class="embed-dialog" close_label={t::CLOSE.get(lang)}>
            <h2 id="embed-title">{ t::EMBED_TITLE.get(lang) }</h2>
            <p>{ t::EMBED_HELP.get(lang) }</p>
            <label for="embed-code">{ t::EMBED_CODE.get(lang) }</label>
            <textarea id="embed-code" readonly=true rows="10" value={embed_code} />
        </modal::Modal>
        <section class="print-only print-sources" aria-hidden="true">
            <h2>{ t::PRINT_SOURCES.get(lang) }</h2>
            <ul>
                { for ds.sources.iter().map(|s| html! {
                    <li><span lang="zh-CN">{ format!("《{}》", s.headline) }</span>{ format!(" — {}", crate::i18n::pick(lang, &s.published.label_zh, &s.published.label_en)) }</li>
                }) }
            </ul>
            <p>{ page::url_for(&state) }</p>
        </section>
        <footer class="site-footer">
            <p>{ t::FOOTER.get(lang) }</p>
            if page::is_served() {
                if let Some(href) = page::offline_url() {
                    <p><a id="offline-link" href={href} download="">{ t::OFFLINE_LINK.get(lang) }</a></p>
                }
            }
        </footer>
        </>
    }
}
