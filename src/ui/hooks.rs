//! The shell's effects on the page, one hook each: the state kept in step with the URL,
//! the `<html>` attributes (ready, language, theme and text size), the embed mode's
//! height messages, the window's width and the width of an element.

use super::{page, Data};
use crate::i18n::Lang;
use crate::state::{Action, AppState, Theme};
use crate::url::UrlWarning;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Yew's reducer wrapper around the pure `AppState::reduce`.
#[derive(Default, PartialEq)]
pub struct Store(pub AppState);

impl Reducible for Store {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Store(self.0.clone().reduce(action)))
    }
}

fn html_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// The app state kept in step with the address bar: read from the URL once, written
/// back on every change once the change is painted (`page::push_state_after_paint`),
/// reread on back/forward. Returns the store
/// and what the URL held that had to be ignored.
#[hook]
pub fn use_url_state(data: &Data) -> (UseReducerHandle<Store>, UseStateHandle<Vec<UrlWarning>>) {
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
    use_effect_with(page::query_for(&store.0), {
        let state = store.0.clone();
        move |_| page::push_state_after_paint(&state)
    });
    {
        let (store, warnings, data) = (store.clone(), warnings.clone(), data.clone());
        use_effect_with((), move |_| {
            let listener = page::on_window_event("popstate", move || {
                page::drop_url_queue();
                let (s, w) = page::state_from_location(&data.0);
                warnings.set(w);
                store.dispatch(Action::Replace(Box::new(s)));
            });
            move || drop(listener)
        });
    }
    (store, warnings)
}

/// False in a component's first render, true from the render after it, which Yew runs
/// in a later pass of its scheduler: when the first pass took its time slice (16 ms),
/// the browser paints the page before that pass. For what may wait a frame below the
/// first screen.
#[hook]
pub fn use_second_pass() -> bool {
    let second = use_state_eq(|| false);
    {
        let second = second.clone();
        use_effect_with((), move |_| second.set(true));
    }
    *second
}

/// Marks `<html data-ready>` once the first render is committed and its handlers
/// attached (the benchmark's "interactive" time).
#[hook]
pub fn use_ready_mark() {
    use_effect_with((), |_| {
        if let Some(html) = html_element() {
            let _ = html.set_attribute("data-ready", "");
        }
    });
}

/// `<html lang>` follows the language, so screen readers pronounce it right.
#[hook]
pub fn use_html_lang(lang: Lang) {
    use_effect_with(lang, |lang| {
        if let Some(html) = html_element() {
            let _ = html.set_attribute("lang", if *lang == Lang::Zh { "zh-CN" } else { "en" });
        }
    });
}

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The theme and text size style the whole page through classes on `<html>`. Returns
/// whether the page is dark (for the charts' colours).
#[hook]
pub fn use_theme(theme: Theme, large_text: bool) -> bool {
    let classes = format!(
        "theme-{}{}",
        match theme {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::HighContrast => "contrast",
        },
        if large_text { " large-text" } else { "" }
    );
    use_effect_with(classes, |classes| {
        if let Some(html) = html_element() {
            html.set_class_name(classes);
        }
    });
    match theme {
        Theme::Dark => true,
        Theme::Auto => prefers_dark(),
        Theme::Light | Theme::HighContrast => false,
    }
}

/// While the page is embedded, its height is posted to the host page.
#[hook]
pub fn use_embed_height(embed: bool) {
    use_effect_with(embed, |embed| {
        let reporter = if *embed { page::report_height() } else { None };
        move || drop(reporter)
    });
}

/// The window's width in CSS px, read again on every resize: the layout decisions
/// that follow the stylesheet's media queries (which count window pixels) start here.
#[hook]
pub fn use_window_width() -> f64 {
    let width = use_state_eq(page::window_width);
    {
        let width = width.clone();
        use_effect_with((), move |_| {
            let listener = page::on_window_event("resize", move || width.set(page::window_width()));
            move || drop(listener)
        });
    }
    *width
}

/// An element's size as laid out: its width and the root font size, both in CSS px.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measured {
    pub width: f64,
    pub rem: f64,
}

fn measure(el: &web_sys::Element) -> Measured {
    let rem = html_element()
        .and_then(|h| web_sys::window()?.get_computed_style(&h).ok().flatten())
        .and_then(|s| s.get_property_value("font-size").ok())
        // The browser's own parser: the page holds no float parser of its own.
        .map(|v| js_sys::parse_float(v.trim_end_matches("px")))
        .filter(|v| v.is_finite() && *v > 0.0)
        .unwrap_or(16.0);
    Measured { width: el.get_bounding_client_rect().width(), rem }
}

/// The laid-out width of the element `node` refers to, measured after the first render
/// and again whenever it changes (a `ResizeObserver`: window size, text size, layout);
/// `None` until measured. A browser without `ResizeObserver` gets the first measurement only.
#[hook]
pub fn use_measured(node: NodeRef) -> Option<Measured> {
    let measured = use_state_eq(|| None::<Measured>);
    {
        let measured = measured.clone();
        use_effect_with(node, move |node| {
            let el = node.cast::<web_sys::Element>();
            let observer = el.as_ref().and_then(|el| {
                measured.set(Some(measure(el)));
                let target = el.clone();
                let callback =
                    Closure::<dyn Fn()>::new(move || measured.set(Some(measure(&target))));
                let observer =
                    web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
                observer.observe(el);
                Some((observer, callback))
            });
            move || {
                if let Some((o, _callback)) = observer {
                    o.disconnect();
                }
            }
        });
    }
    *measured
}

/// A memo that keeps its last `keep` results, most recent first: a key seen lately
/// (a district toggled back, the search box cleared) gets its result again, the same
/// `Rc`, so memos keyed on it by pointer hold too. `f` computes a new result and sees
/// the most recent one (to narrow a search already made).
#[hook]
pub fn use_recent<K, V, F>(key: K, keep: usize, f: F) -> Rc<V>
where
    K: PartialEq + 'static,
    V: 'static,
    F: FnOnce(&K, Option<(&K, &Rc<V>)>) -> V,
{
    let cache = use_mut_ref(Vec::<(K, Rc<V>)>::new);
    let mut cache = cache.borrow_mut();
    if let Some(pos) = cache.iter().position(|(k, _)| *k == key) {
        let hit = cache.remove(pos);
        let value = hit.1.clone();
        cache.insert(0, hit);
        return value;
    }
    let value = Rc::new(f(&key, cache.first().map(|(k, v)| (k, v))));
    cache.insert(0, (key, value.clone()));
    cache.truncate(keep.max(1));
    value
}

/// Ranks every sort column of a new dataset ahead of time, one column per task a
/// little after the page settles, so the first click on a column header is as quick
/// as the next. Stops when the dataset is replaced.
#[hook]
pub fn use_ranks_ahead(data: &Data, keys: &super::Shared<crate::query::FactKeys>) {
    use_effect_with((data.clone(), keys.clone()), |(data, keys)| {
        rank_later(Rc::downgrade(&data.0), Rc::downgrade(&keys.0));
    });
}

fn rank_later(
    data: std::rc::Weak<crate::dataset::Dataset>,
    keys: std::rc::Weak<crate::query::FactKeys>,
) {
    let Some(w) = web_sys::window() else { return };
    let step = Closure::once_into_js(move || {
        if let (Some(d), Some(k)) = (data.upgrade(), keys.upgrade()) {
            if k.prepare(&d) {
                rank_later(data, keys);
            }
        }
    });
    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(step.unchecked_ref(), 100);
}
