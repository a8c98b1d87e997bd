//! "Import data": a file picker and drop zone; the check runs in a Web Worker
//! (`crate::worker`, a separate wasm started when the reader first chooses a file), so
//! the page keeps painting and the main wasm carries no import code. The dialog shows
//! the worker's progress with a cancel, then its report (the encoding used, a sample
//! of the decoded text, the errors, in both languages) and the choice to add or
//! replace; on confirm the worker sends the new dataset in the compact form, which
//! replaces the one shown. Nothing leaves the browser. Every path ends in a report or
//! a message: a file too large is refused before it is read, a worker that does not
//! start or fails says so, and a cancelled check (the button, or closing the dialog)
//! terminates the worker and keeps the figures shown.

use super::modal::Modal;
use super::Data;
use crate::dataset::Assembler;
use crate::i18n::{t, Lang};
use crate::import::{self, Keep, Mode};
use crate::worker::{self as msg, ReportView};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// The worker's script when served (the offline page sets `cqImportWorker` to a blob
/// URL of its embedded copy instead).
const WORKER_URL: &str = "./import-worker_loader.js";

#[derive(Clone, PartialEq)]
enum Phase {
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
    fn failed(text: crate::i18n::Text, args: &[&str]) -> Phase {
        Phase::Failed(Rc::new([
            vec![text.fill(Lang::Zh, args)],
            vec![text.fill(Lang::En, args)],
        ]))
    }
}

/// A running worker and its handlers; dropping it terminates the worker.
struct Running {
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

type Slot = Rc<RefCell<Option<Running>>>;

/// Terminates the worker after the current event (a handler never drops itself).
fn stop_later(slot: &Slot) {
    let running = slot.borrow_mut().take();
    wasm_bindgen_futures::spawn_local(async move { drop(running) });
}

fn today() -> [u32; 3] {
    let d = js_sys::Date::new_0();
    [d.get_full_year(), d.get_month() + 1, d.get_date()]
}

fn worker_url() -> String {
    js_sys::Reflect::get(&js_sys::global(), &"cqImportWorker".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| WORKER_URL.to_string())
}

/// Lets the browser paint before the next step.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
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

/// What the worker's messages do to the dialog.
fn on_worker_message(
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
                // A part per task: reading 100,000 figures never holds the main thread.
                let mut assembler = Assembler::default();
                for i in 0..msg::part_count(&data) {
                    next_frame().await;
                    if msg::read_part(&data, i, &mut assembler).is_none() {
                        phase.set(Phase::failed(t::IMPORT_WORKER_FAILED, &["data"]));
                        return;
                    }
                }
                drop(data);
                let ds = assembler.finish();
                next_frame().await;
                on_loaded.emit(Data(Rc::new(ds)));
                phase.set(Phase::Done { added });
            });
        }
        _ => {}
    }
}

/// Starts a worker with its handlers and the `start` message it is sent when ready,
/// or says why not.
fn spawn(
    start: JsValue,
    transfer: js_sys::Array,
    name: &str,
    phase: &UseStateHandle<Phase>,
    slot: &Slot,
    on_loaded: &Callback<Data>,
) -> Result<(), String> {
    let worker = web_sys::Worker::new(&worker_url()).map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map_or_else(|| format!("{e:?}"), |e| String::from(e.message()))
    })?;
    let on_message = {
        let (name, phase, slot, on_loaded) = (
            name.to_string(),
            phase.clone(),
            slot.clone(),
            on_loaded.clone(),
        );
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
fn ask(slot: &Slot, message: &JsValue) {
    if let Some(r) = slot.borrow().as_ref() {
        let _ = r.worker.post_message(message);
    }
}

#[derive(Properties, PartialEq)]
pub struct ImportDialogProps {
    pub open: bool,
    pub on_close: Callback<()>,
    /// The dataset the figures are added to (or replaced in).
    pub current: Data,
    pub on_loaded: Callback<Data>,
    pub lang: Lang,
}

#[component]
pub fn ImportDialog(props: &ImportDialogProps) -> Html {
    let lang = props.lang;
    let phase = use_state(|| Phase::Idle);
    let mode = use_state(|| Mode::Add);
    let slot: Slot = use_mut_ref(|| None);
    // Bumped for every new file and every cancel, so a file still being read is dropped.
    let generation = use_mut_ref(|| 0u32);

    let start = {
        let phase = phase.clone();
        let slot = slot.clone();
        let generation = generation.clone();
        let current = props.current.clone();
        let on_loaded = props.on_loaded.clone();
        let mode = mode.clone();
        Callback::from(move |file: web_sys::File| {
            let phase = phase.clone();
            let slot = slot.clone();
            let base = current.0.clone();
            let on_loaded = on_loaded.clone();
            let mode = *mode;
            slot.borrow_mut().take();
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            let generation = generation.clone();
            let name = file.name();
            let mb = |bytes: f64| format!("{:.0}", (bytes / 1024.0 / 1024.0).ceil());
            if file.size() > import::MAX_FILE_BYTES {
                let max = mb(import::MAX_FILE_BYTES);
                phase.set(Phase::failed(
                    t::IMPORT_TOO_LARGE,
                    &[&mb(file.size()), &max],
                ));
                return;
            }
            phase.set(Phase::Reading(name.clone()));
            wasm_bindgen_futures::spawn_local(async move {
                let buffer = JsFuture::from(file.array_buffer()).await;
                if *generation.borrow() != mine {
                    return;
                }
                let buffer = match buffer {
                    Ok(b) => b,
                    Err(e) => {
                        let e = format!("{e:?}");
                        phase.set(Phase::failed(t::IMPORT_UNREADABLE, &[&e]));
                        return;
                    }
                };
                let o = msg::object("start");
                msg::set(&o, "file", &buffer);
                msg::set(&o, "name", &name.as_str().into());
                let today: js_sys::Array = today().iter().map(|&n| JsValue::from(n)).collect();
                msg::set(&o, "today", &today);
                msg::set(&o, "mode", &msg::mode_code(mode).into());
                let transfer = msg::put_dataset(&o, &base);
                transfer.push(&buffer);
                if let Err(e) = spawn(o.into(), transfer, &name, &phase, &slot, &on_loaded) {
                    phase.set(Phase::failed(t::IMPORT_WORKER_FAILED, &[&e]));
                }
            });
        })
    };
    // Stops a check under way: the worker is terminated (with the file's text and
    // everything it built), the figures shown stay.
    let cancel = {
        let phase = phase.clone();
        let slot = slot.clone();
        let generation = generation.clone();
        Callback::from(move |()| {
            if matches!(*phase, Phase::Reading(_) | Phase::Checking { .. }) {
                *generation.borrow_mut() += 1;
                slot.borrow_mut().take();
                phase.set(Phase::Cancelled);
            }
        })
    };
    let on_close = {
        let cancel = cancel.clone();
        let on_close = props.on_close.clone();
        Callback::from(move |()| {
            cancel.emit(());
            on_close.emit(());
        })
    };

    let on_pick = {
        let start = start.clone();
        Callback::from(move |e: Event| {
            let input: Option<web_sys::HtmlInputElement> = e.target_dyn_into();
            if let Some(file) = input
                .as_ref()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            {
                start.emit(file);
            }
            if let Some(i) = input {
                i.set_value("");
            }
        })
    };
    let on_drop = {
        let start = start.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                start.emit(file);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());

    let set_mode = |m: Mode| {
        let mode = mode.clone();
        let phase = phase.clone();
        let slot = slot.clone();
        Callback::from(move |_: Event| {
            mode.set(m);
            // Some checks depend on the mode (ids already in the data): report again.
            if matches!(*phase, Phase::Ready { .. }) {
                let o = msg::object("report");
                msg::set(&o, "mode", &msg::mode_code(m).into());
                ask(&slot, &o);
            }
        })
    };
    let finish = |keep: Keep| {
        let phase = phase.clone();
        let slot = slot.clone();
        let mode = *mode;
        Callback::from(move |_: MouseEvent| {
            phase.set(Phase::Finishing);
            let o = msg::object("finish");
            msg::set(&o, "mode", &msg::mode_code(mode).into());
            msg::set(&o, "keep", &msg::keep_code(keep).into());
            ask(&slot, &o);
        })
    };
    let template = |csv: bool| {
        Callback::from(move |_: MouseEvent| {
            if csv {
                super::download::save_text(
                    &format!(
                        "cq-industry_template_{}.csv",
                        if lang == Lang::Zh { "zh" } else { "en" }
                    ),
                    "text/csv;charset=utf-8",
                    &import::csv_template(lang),
                );
            } else {
                super::download::save_text(
                    "cq-industry_template.json",
                    "application/json",
                    &import::json_template(),
                );
            }
        })
    };

    let status = match &*phase {
        Phase::Idle => html! {},
        Phase::Reading(name) => html! {
            <div role="status" data-testid="import-progress">
                <p>{ t::IMPORT_READING.fill(lang, &[&import::display(name, 80)]) }</p>
                <button type="button" class="secondary" onclick={cancel.reform(|_: MouseEvent| ())} data-testid="import-cancel">{ t::IMPORT_CANCEL.get(lang) }</button>
            </div>
        },
        Phase::Checking {
            name,
            done,
            estimate,
        } => html! {
            <div role="status" data-testid="import-progress">
                <p>{ t::IMPORT_CHECKING.fill(lang, &[&import::display(name, 80), &done.to_string(), &estimate.to_string()]) }</p>
                <progress max={estimate.max(&1).to_string()} value={done.to_string()}></progress>
                <button type="button" class="secondary" onclick={cancel.reform(|_: MouseEvent| ())} data-testid="import-cancel">{ t::IMPORT_CANCEL.get(lang) }</button>
            </div>
        },
        Phase::Cancelled => html! {
            <p role="status" data-testid="import-cancelled">{ t::IMPORT_CANCELLED.get(lang) }</p>
        },
        Phase::Ready { name, report } => {
            let ok = report.clean && report.rows > 0;
            let counts = report.counts.map(|n| n.to_string());
            let lines = msg::pick(&report.lines, lang);
            html! {
                <div data-testid="import-report">
                    <p role="status">{ t::IMPORT_SUMMARY.fill(lang, &[&import::display(name, 80), &counts[0], &counts[1], &counts[2], &counts[3], &counts[4]]) }</p>
                    <p data-testid="import-encoding">
                        { t::IMPORT_ENCODING.fill(lang, &[msg::pick(&report.encoding, lang).as_str()]) }
                        if report.bad_sequences > 0 {
                            { " " }{ t::IMPORT_BAD_BYTES.fill(lang, &[&report.bad_sequences.to_string()]) }
                        }
                    </p>
                    if !report.sample.is_empty() {
                        <p class="hint">{ t::IMPORT_SAMPLE.get(lang) }</p>
                        <ul class="import-sample citation" data-testid="import-sample">
                            { for report.sample.iter().map(|l| html! { <li><bdi>{ l }</bdi></li> }) }
                        </ul>
                    }
                    if !report.clean {
                        <ul class="import-errors" data-testid="import-errors">
                            { for lines.iter().map(|l| html! { <li>{ l }</li> }) }
                        </ul>
                    }
                    <fieldset class="import-mode">
                        <legend>{ t::IMPORT_MODE.get(lang) }</legend>
                        <label><input type="radio" name="import-mode" checked={*mode == Mode::Add} onchange={set_mode(Mode::Add)} />{ t::IMPORT_ADD.get(lang) }</label>
                        <label><input type="radio" name="import-mode" checked={*mode == Mode::Replace} onchange={set_mode(Mode::Replace)} />{ t::IMPORT_REPLACE.get(lang) }</label>
                    </fieldset>
                    if ok {
                        <button type="button" data-testid="import-confirm" onclick={finish(Keep::AllOrNothing)}>{ t::IMPORT_CONFIRM.get(lang) }</button>
                    } else if report.can_import_valid_rows {
                        <button type="button" data-testid="import-valid-rows" onclick={finish(Keep::ValidRows)}>{ t::IMPORT_VALID_ROWS.fill(lang, &[&report.valid_rows.to_string()]) }</button>
                    } else {
                        <p>{ t::IMPORT_NOTHING.get(lang) }</p>
                    }
                </div>
            }
        }
        Phase::Finishing => html! { <p role="status">{ t::IMPORT_FINISHING.get(lang) }</p> },
        Phase::Done { added } => {
            html! { <p role="status" data-testid="import-done">{ t::IMPORT_DONE.fill(lang, &[&added.to_string()]) }</p> }
        }
        Phase::Failed(lines) => html! {
            <ul class="import-errors" role="alert" data-testid="import-errors">{ for msg::pick(lines, lang).iter().map(|l| html! { <li>{ l }</li> }) }</ul>
        },
    };
    let busy = matches!(
        &*phase,
        Phase::Reading(_) | Phase::Checking { .. } | Phase::Finishing
    );
    html! {
        <Modal open={props.open} {on_close} labelled_by="import-title" class="import-dialog" close_label={t::CLOSE.get(lang)}>
            <h2 id="import-title">{ t::IMPORT_TITLE.get(lang) }</h2>
            <p>{ t::IMPORT_HELP.get(lang) }</p>
            <div class="drop-zone" ondragover={on_drag_over} ondrop={on_drop} data-testid="drop-zone">
                <label for="import-file">{ t::IMPORT_CHOOSE.get(lang) }</label>
                <input id="import-file" type="file" accept=".csv,.json,.txt,.tsv,text/csv,application/json" onchange={on_pick} disabled={busy} />
                <p class="hint">{ t::IMPORT_DROP.get(lang) }</p>
            </div>
            <p class="template-links">
                <button type="button" class="secondary small" onclick={template(true)} data-testid="template-csv">{ t::IMPORT_TEMPLATE_CSV.get(lang) }</button>
                <button type="button" class="secondary small" onclick={template(false)} data-testid="template-json">{ t::IMPORT_TEMPLATE_JSON.get(lang) }</button>
            </p>
            { status }
        </Modal>
    }
}
