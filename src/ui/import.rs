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
use crate::i18n::{t, Lang};
use crate::import::{self, Keep, Mode};
use crate::text::display;
use crate::worker as msg;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

mod link;

use link::{ask, spawn, today, Phase, Slot};

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
                phase.set(Phase::failed(t::IMPORT_TOO_LARGE, &[&mb(file.size()), &max]));
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
            if let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) {
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
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
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
                <p>{ t::IMPORT_READING.fill(lang, &[&display(name, 80)]) }</p>
                <button type="button" class="secondary" onclick={cancel.reform(|_: MouseEvent| ())} data-testid="import-cancel">{ t::IMPORT_CANCEL.get(lang) }</button>
            </div>
        },
        Phase::Checking { name, done, estimate } => html! {
            <div role="status" data-testid="import-progress">
                <p>{ t::IMPORT_CHECKING.fill(lang, &[&display(name, 80), &done.to_string(), &estimate.to_string()]) }</p>
                <progress max={estimate.max(&1).to_string()} value={done.to_string()}></progress>
                <button type="button" class="secondary" onclick={cancel.reform(|_: MouseEvent| ())} data-testid="import-cancel">{ t::IMPORT_CANCEL.get(lang) }</button>
            </div>
        },
        Phase::Cancelled => html! {
            <p role="status" data-testid="import-cancelled">{ t::IMPORT_CANCELLED.get(lang) }</p>
        },
        Phase::Ready { name, report } => {
            let ok = report.clean && report.rows() > 0;
            let counts = report.counts.map(|n| n.to_string());
            let lines = msg::pick(&report.lines, lang);
            html! {
                <div data-testid="import-report">
                    <p role="status">{ t::IMPORT_SUMMARY.fill(lang, &[&display(name, 80), &counts[0], &counts[1], &counts[2], &counts[3], &counts[4]]) }</p>
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
                        <button type="button" data-testid="import-valid-rows" onclick={finish(Keep::ValidRows)}>{ t::IMPORT_VALID_ROWS.fill(lang, &[&report.valid_rows().to_string()]) }</button>
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
    let busy = matches!(&*phase, Phase::Reading(_) | Phase::Checking { .. } | Phase::Finishing);
    html! {
        <Modal open={props.open} {on_close} labelled_by="import-title" class="import-dialog" close_label={t::CLOSE.get(lang)}>
            <h2 id="import-title">{ t::IMPORT_TITLE.get(lang) }</h2>
            <p>{ t::IMPORT_HELP.get(lang) }</p>
            <div class="drop-zone" ondragover={on_drag_over} ondrop={on_drop} data-testid="drop-zone">
                // The input lies, transparent, over its label drawn as a button: the
                // browser's own "No file chosen" (in the browser's language, not the
                // reader's) is never shown; the file's name is in the status below.
                <div class="file-pick">
                    <input id="import-file" type="file" accept=".csv,.json,.txt,.tsv,text/csv,application/json" onchange={on_pick} disabled={busy} />
                    <label for="import-file" class="button">{ t::IMPORT_CHOOSE.get(lang) }</label>
                </div>
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
