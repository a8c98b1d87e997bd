//! The page around the app: the state in the URL (read on load and on back/forward,
//! written on every change), the embed mode's height messages to a host page, and
//! the links that depend on where the page is served from.

use crate::dataset::Dataset;
use crate::state::AppState;
use crate::url;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// The message an embedded explorer posts to its parent whenever its height changes.
pub const HEIGHT_MESSAGE_TYPE: &str = "cq-explorer:height";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The current query string, without '?'.
pub fn current_query() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .map(|s| s.trim_start_matches('?').to_string())
        .unwrap_or_default()
}

/// The state the current URL describes, with what had to be ignored. Without a
/// valid `lang` in the URL, a browser whose first language is English gets English.
pub fn state_from_location(ds: &Dataset) -> (AppState, Vec<url::UrlWarning>) {
    let query = current_query();
    let (mut state, warnings) = url::from_query(&query, ds);
    let lang_in_url = url::gives_lang(&query);
    if !lang_in_url && browser_prefers_english() {
        state.lang = crate::i18n::Lang::En;
    }
    (state, warnings)
}

/// Lets the browser paint and handle input (a new task) before the caller goes on:
/// long work in slices, between frames.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The query for a state as this page writes it: Chinese is the default, so it is left
/// out, except for a browser that would otherwise open the link in English.
pub fn query_for(state: &AppState) -> String {
    let query = url::to_query(state);
    if state.lang == crate::i18n::Lang::Zh && browser_prefers_english() {
        if query.is_empty() {
            "lang=zh".to_string()
        } else {
            format!("{query}&lang=zh")
        }
    } else {
        query
    }
}

fn browser_prefers_english() -> bool {
    window()
        .and_then(|w| w.navigator().language())
        .is_some_and(|l| l.to_ascii_lowercase().starts_with("en"))
}

/// The query without its search text, to tell typing from other changes.
fn without_search(query: &str) -> String {
    query.split('&').filter(|kv| !kv.starts_with("q=")).collect::<Vec<_>>().join("&")
}

/// The states waiting to be written into the address bar, oldest first.
type Queue = std::rc::Rc<std::cell::RefCell<Vec<AppState>>>;

thread_local! {
    static URL_QUEUE: Queue = Queue::default();
}

/// Writes the state into the address bar as `push_state` does, but after the page has
/// painted the change: `history.pushState` costs the browser a few milliseconds (more
/// under load), and it would otherwise delay the frame that shows what the reader
/// asked for. Every state is written in order, so the history holds the same entries as
/// when each was written at once; a timer writes them too where no frame comes (a
/// hidden page).
pub fn push_state_after_paint(state: &AppState) {
    let queue = URL_QUEUE.with(Clone::clone);
    let first = {
        let mut q = queue.borrow_mut();
        q.push(state.clone());
        q.len() == 1
    };
    if !first {
        return;
    }
    thread_local! {
        static FLUSH: Closure<dyn Fn()> = Closure::new(flush_url_queue);
        // After the next frame is drawn: a task queued from the frame's callback.
        static AFTER_FRAME: Closure<dyn Fn()> = Closure::new(|| {
            if let Some(w) = window() {
                FLUSH.with(|f| {
                    let _ = w.set_timeout_with_callback(f.as_ref().unchecked_ref());
                });
            }
        });
    }
    let Some(w) = window() else {
        flush_url_queue();
        return;
    };
    AFTER_FRAME.with(|f| {
        let _ = w.request_animation_frame(f.as_ref().unchecked_ref());
    });
    FLUSH.with(|f| {
        let _ = w
            .set_timeout_with_callback_and_timeout_and_arguments_0(f.as_ref().unchecked_ref(), 200);
    });
}

/// Writes the queued states (each once; a second call finds the queue empty).
fn flush_url_queue() {
    let states = URL_QUEUE.with(|q| std::mem::take(&mut *q.borrow_mut()));
    for s in &states {
        push_state(s);
    }
}

/// Forgets the states not yet written (back/forward has just set the address).
pub fn drop_url_queue() {
    URL_QUEUE.with(|q| q.borrow_mut().clear());
}

/// Writes the state into the address bar, unless it is already there: a new history
/// entry for every change, except typing in the search box, which updates the current
/// entry (so Back does not walk back one keystroke at a time).
pub fn push_state(state: &AppState) {
    let query = query_for(state);
    let current = current_query();
    if query == current {
        return;
    }
    let Some(w) = window() else { return };
    let path = w.location().pathname().unwrap_or_default();
    let target = if query.is_empty() { path } else { format!("{path}?{query}") };
    if let Ok(h) = w.history() {
        let _ = if without_search(&query) == without_search(&current) {
            h.replace_state_with_url(&JsValue::NULL, "", Some(&target))
        } else {
            h.push_state_with_url(&JsValue::NULL, "", Some(&target))
        };
    }
}

/// The page URL for a state, absolute (for citations, the embed code and "open in full").
pub fn url_for(state: &AppState) -> String {
    let Some(w) = window() else {
        return String::new();
    };
    let loc = w.location();
    let base =
        format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default());
    let query = query_for(state);
    if query.is_empty() {
        base
    } else {
        format!("{base}?{query}")
    }
}

/// True when served over HTTP(S), not opened from a file.
pub fn is_served() -> bool {
    window().and_then(|w| w.location().protocol().ok()).is_some_and(|p| p.starts_with("http"))
}

/// The absolute URL of the single-file offline copy next to this page.
pub fn offline_url() -> Option<String> {
    let href = window()?.location().href().ok()?;
    web_sys::Url::new_with_base("offline.html", &href).ok().map(|u| u.href())
}

/// Calls `f` on back/forward navigation. Returns the listener to keep it alive; dropping
/// the returned guard removes it.
pub struct Listener {
    event: &'static str,
    closure: Closure<dyn Fn()>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(w) = window() {
            let _ = w.remove_event_listener_with_callback(
                self.event,
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}

/// The window's width in CSS px (1024 where there is no window), the one reading the
/// layout decisions mirroring CSS breakpoints start from.
pub fn window_width() -> f64 {
    window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).unwrap_or(1024.0)
}

pub fn on_window_event(event: &'static str, f: impl Fn() + 'static) -> Listener {
    let closure = Closure::<dyn Fn()>::new(f);
    if let Some(w) = window() {
        let _ = w.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    }
    Listener { event, closure }
}

/// Posts the document's height to the parent page whenever it changes, while alive:
/// told by a `ResizeObserver`, or, in a browser without one (iOS before 13.4, old
/// Android WebViews), by a check four times a second. `<html data-embed-height>` says
/// which (`observer` or `timer`).
pub struct HeightReporter {
    observer: Option<web_sys::ResizeObserver>,
    timer: Option<i32>,
    _callback: Closure<dyn Fn()>,
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        if let Some(o) = &self.observer {
            o.disconnect();
        }
        if let (Some(id), Some(w)) = (self.timer, window()) {
            w.clear_interval_with_handle(id);
        }
    }
}

pub fn report_height() -> Option<HeightReporter> {
    let w = window()?;
    let parent = w.parent().ok()??;
    let last = std::rc::Rc::new(std::cell::Cell::new(-1i32));
    let post = move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(root) = doc.document_element() else {
            return;
        };
        // The content's own height: scrollHeight never drops below the frame's, so a
        // frame that grew could never shrink again.
        let height = root.get_bounding_client_rect().height().ceil() as i32;
        if height != last.get() {
            last.set(height);
            let msg =
                format!("{{\"type\":\"{HEIGHT_MESSAGE_TYPE}\",\"version\":1,\"height\":{height}}}");
            if let Ok(value) = js_sys::JSON::parse(&msg) {
                let _ = parent.post_message(&value, "*");
            }
        }
    };
    post();
    let callback = Closure::<dyn Fn()>::new(post);
    let doc = w.document()?;
    let root = doc.document_element()?;
    let mut reporter = HeightReporter { observer: None, timer: None, _callback: callback };
    let f: &js_sys::Function = reporter._callback.as_ref().unchecked_ref();
    if let Ok(observer) = web_sys::ResizeObserver::new(f) {
        observer.observe(&root);
        if let Some(body) = doc.body() {
            observer.observe(&body);
        }
        reporter.observer = Some(observer);
        let _ = root.set_attribute("data-embed-height", "observer");
    } else {
        reporter.timer = w.set_interval_with_callback_and_timeout_and_arguments_0(f, 250).ok();
        let _ = root.set_attribute("data-embed-height", "timer");
    }
    Some(reporter)
}

/// Text width by the browser's canvas `measureText`: the [`crate::chart::TextMeasure`]
/// the UI passes when it draws a chart. Unlike measuring a styled element, this needs
/// no `style` attribute, so it passes a strict CSP. Without a canvas, the estimate.
/// Chinese characters are counted ([`crate::chart::width_by_runs`]), each as wide as an
/// ideograph measured once per font (WebKit draws 14.5 px text with 15 px ideographs);
/// the runs between them are measured. Widths are remembered per font (a chart drawn
/// again measures the same labels), and the canvas's font is set only when it changes.
pub fn canvas_measure(text: &str, px: f64, bold: bool) -> f64 {
    const IDEOGRAPHS: &str = "国国国国国国国国国国";
    let em = measure_run(IDEOGRAPHS, px, bold) / 10.0;
    crate::chart::width_by_runs(text, em, |run| measure_run(run, px, bold))
}

fn measure_run(text: &str, px: f64, bold: bool) -> f64 {
    use std::collections::HashMap;
    /// Widths kept before the memory is cleared (a few charts' worth of labels).
    const KEPT: usize = 4096;
    struct Measurer {
        ctx: Option<web_sys::CanvasRenderingContext2d>,
        /// The canvas's font as last set: (px bits, bold).
        font: Option<(u64, bool)>,
        widths: HashMap<(u64, bool), HashMap<Box<str>, f64>>,
        kept: usize,
    }
    thread_local! {
        static MEASURER: std::cell::RefCell<Measurer> = std::cell::RefCell::new(Measurer {
            ctx: web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
                .and_then(|c| c.get_context("2d").ok().flatten())
                .and_then(|c| c.dyn_into().ok()),
            font: None,
            widths: HashMap::new(),
            kept: 0,
        });
    }
    MEASURER.with(|m| {
        let mut m = m.borrow_mut();
        let font = (px.to_bits(), bold);
        if let Some(w) = m.widths.get(&font).and_then(|w| w.get(text)) {
            return *w;
        }
        let Some(ctx) = m.ctx.clone() else {
            return crate::chart::estimate(text, px, bold);
        };
        if m.font != Some(font) {
            ctx.set_font(&format!(
                "{}{px}px {}",
                if bold { "bold " } else { "" },
                crate::chart::render::FONT
            ));
            m.font = Some(font);
        }
        let width = ctx
            .measure_text(text)
            .map_or_else(|_| crate::chart::estimate(text, px, bold), |t| t.width());
        if m.kept >= KEPT {
            m.widths.clear();
            m.kept = 0;
        }
        m.kept += 1;
        m.widths.entry(font).or_default().insert(text.into(), width);
        width
    })
}
