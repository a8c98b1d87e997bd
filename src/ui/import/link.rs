//! The page's side of the import worker (`crate::worker`): starting it (with the
//! `start` message it is sent once it says `ready`), what its messages do to the
//! dialog's [`Phase`], and terminating it (dropping [`Running`]).

use super::super::Data;
use crate::dataset::Assembler;
use crate::i18n::{t, Lang};
use crate::worker::{self as msg, ReportView};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The worker's script when served (the offline page sets `cqImportWorker` to a blob
/// URL of its embedded copy instead).
pub(super) const WORKER_URL: &str = "./import-worker_loader.js";

#[derive(Clone, PartialEq)]
pub(super) enum Phase {
    Idle,
    Reading(String),
    Checking {
        name: String,
        done: usize,
        estimate: usize,
    },
    Ready {
        name: String,
        report: Rc<ReportView>,
    },
    Finishing,
    Done {
        added: usize,
    },
    /// The lines to show, `[zh, en]`.
    Failed(Rc<[Vec<String>; 2]>),
    Cancelled,
}

impl Phase {
    pub(super) fn failed(text: crate::i18n::Text, args: &[&str]) -> Phase {
        Phase::Failed(Rc::new([vec![text.fill(Lang::Zh, args)], vec![text.fill(Lang::En, args)]]))
    }
}

/// A running worker and its handlers; dropping it terminates the worker.
pub(super) struct Running {
    worker: web_sys::Worker,
    /// The `start` message and its transfer list, posted once the worker says `ready`
    /// (a message sent before its wasm has started would be lost).
    pending: Option<(JsValue, js_sys::Array)>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

pub(super) type Slot = Rc<RefCell<Option<Running>>>;

/// Terminates the worker after the current event (a handler never drops itself).
pub(super) fn stop_later(slot: &Slot) {
    let running = slot.borrow_mut().take();
    wasm_bindgen_futures::spawn_local(async move { drop(running) });
}

pub(super) fn today() -> [u32; 3] {
    let d = js_sys::Date::new_0();
    [d.get_full_year(), d.get_month() + 1, d.get_date()]
}

pub(super) fn worker_url() -> String {
    js_sys::Reflect::get(&js_sys::global(), &"cqImportWorker".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| WORKER_URL.to_string())
}

thread_local! {
    /// The largest wasm memory an import worker has reported (its messages' `memory`).
    static WORKER_PEAK: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// The largest wasm memory of an import worker so far, in bytes, for the benchmark
/// (`window.wasmBindings.import_worker_memory_bytes()`); the page's own memory is
/// `wasm_memory_bytes()`.
#[wasm_bindgen]
pub fn import_worker_memory_bytes() -> f64 {
    WORKER_PEAK.with(|p| p.get())
}

/// How long the page reads the new dataset's parts before it lets the browser paint.
const PARTS_MS: f64 = 8.0;

/// What the worker's messages do to the dialog.
pub(super) fn on_worker_message(
    data: JsValue,
    name: &str,
    phase: &UseStateHandle<Phase>,
    slot: &Slot,
    on_loaded: &Callback<Data>,
) {
    let memory = msg::get(&data, "memory").as_f64().unwrap_or(0.0);
    WORKER_PEAK.with(|p| p.set(p.get().max(memory)));
    match msg::get_str(&data, "t").as_str() {
        "ready" => {
            if let Some(r) = slot.borrow_mut().as_mut() {
                if let Some((start, transfer)) = r.pending.take() {
                    if let Err(e) = r.worker.post_message_with_transfer(&start, &transfer) {
                        phase.set(Phase::failed(t::IMPORT_WORKER_FAILED, &[&format!("{e:?}")]));
                    }
                }
            }
        }
        "progress" => phase.set(Phase::Checking {
            name: name.to_string(),
            done: msg::get_num(&data, "done"),
            estimate: msg::get_num(&data, "estimate"),
        }),
        "report" => phase.set(Phase::Ready {
            name: name.to_string(),
            report: Rc::new(ReportView::from_js(&data)),
        }),
        // The worker's wasm did not start (its loader's message).
        "fault" => {
            let why = msg::get_str(&data, "why");
            phase.set(Phase::failed(t::IMPORT_WORKER_FAILED, &[&why]));
            stop_later(slot);
        }
        "failed" => {
            phase.set(Phase::Failed(Rc::new([
                msg::get_strings(&data, "zh"),
                msg::get_strings(&data, "en"),
            ])));
            stop_later(slot);
        }
        "done" => {
            stop_later(slot);
            let added = msg::get_num(&data, "added");
            let phase = phase.clone();
            let on_loaded = on_loaded.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Parts for at most `PARTS_MS` a task: reading 100,000 figures never
                // holds the main thread.
                let mut assembler = Assembler::for_facts(msg::get_num(&data, "facts"));
                let (mut i, parts) = (0, msg::part_count(&data));
                while i < parts {
                    crate::ui::page::next_task().await;
                    let began = js_sys::Date::now();
                    while i < parts && js_sys::Date::now() - began < PARTS_MS {
                        if msg::read_part(&data, i, &mut assembler).is_none() {
                            phase.set(Phase::failed(t::IMPORT_WORKER_FAILED, &["data"]));
                            return;
                        }
                        i += 1;
                    }
                }
                drop(data);
                let ds = assembler.finish();
                crate::ui::page::next_task().await;
                on_loaded.emit(Data(Rc::new(ds)));
                phase.set(Phase::Done { added });
            });
        }
        _ => {}
    }
}

/// Starts a worker with its handlers and the `start` message it is sent when ready,
/// or says why not.
pub(super) fn spawn(
    start: JsValue,
    transfer: js_sys::Array,
    name: &str,
    phase: &UseStateHandle<Phase>,
    slot: &Slot,
    on_loaded: &Callback<Data>,
) -> Result<(), String> {
    let worker = web_sys::Worker::new(&worker_url()).map_err(|e| {
        e.dyn_ref::<js_sys::Error>().map_or_else(|| format!("{e:?}"), |e| String::from(e.message()))
    })?;
    let on_message = {
        let (name, phase, slot, on_loaded) =
            (name.to_string(), phase.clone(), slot.clone(), on_loaded.clone());
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            on_worker_message(e.data(), &name, &phase, &slot, &on_loaded)
        })
    };
    let on_error = {
        let (phase, slot) = (phase.clone(), slot.clone());
        Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            let why = e
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "worker".to_string());
            phase.set(Phase::failed(t::IMPORT_WORKER_FAILED, &[&why]));
            stop_later(&slot);
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    *slot.borrow_mut() = Some(Running {
        worker,
        pending: Some((start, transfer)),
        _on_message: on_message,
        _on_error: on_error,
    });
    Ok(())
}

/// Asks the running worker something.
pub(super) fn ask(slot: &Slot, message: &JsValue) {
    if let Some(r) = slot.borrow().as_ref() {
        let _ = r.worker.post_message(message);
    }
}
