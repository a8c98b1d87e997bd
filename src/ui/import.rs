//! "Import data": a file picker and drop zone, decoding (the core decides the
//! encoding and decodes UTF-8 and UTF-16; GBK goes through the browser's TextDecoder),
//! the check in slices between frames with progress and a cancel, the report (with
//! the encoding used and a sample of the decoded text), and the choice to add or
//! replace. Parsing and validation are the core's (`crate::import`); nothing leaves
//! the browser. Every path ends in a report or a message: a file too large is refused
//! before it is read, a cancelled check (the button, or closing the dialog) keeps the
//! figures shown.

use super::modal::Modal;
use super::Data;
use crate::i18n::{t, Lang};
use crate::import::{self, Encoding, Format, ImportOptions, ImportReport, Importer, Keep, Mode};
use crate::model::Date;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// Rows checked per slice: a few milliseconds of work between frames.
const SLICE_ROWS: usize = 1000;
/// Error lines shown at once; the rest are counted.
const SHOWN_ERRORS: usize = 8;

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
        report: Rc<ImportReport>,
        read: Rc<ReadAs>,
    },
    Finishing,
    Done {
        added: usize,
    },
    Failed(Vec<String>),
    Cancelled,
}

/// How the file was decoded, shown before anything is imported.
#[derive(PartialEq)]
struct ReadAs {
    encoding: Encoding,
    bad_sequences: usize,
    sample: Vec<String>,
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

fn today() -> Date {
    let d = js_sys::Date::new_0();
    Date {
        year: d.get_full_year() as i32,
        month: d.get_month() as u8 + 1,
        day: d.get_date() as u8,
    }
}

/// Lets the browser paint and handle input before the next slice.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Reads a file and decodes it in the encoding the core chooses (GBK through the
/// browser's TextDecoder).
async fn read_text(file: &web_sys::File) -> Result<(String, Encoding, usize), String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    drop(buffer);
    let decoded = import::decode(bytes);
    match decoded.text {
        Ok(text) => Ok((text, decoded.encoding, decoded.bad_sequences)),
        Err(bytes) => {
            let decoder = web_sys::TextDecoder::new_with_label(decoded.encoding.label())
                .map_err(|e| format!("{e:?}"))?;
            let text = decoder
                .decode_with_u8_array(&bytes)
                .map_err(|e| format!("{e:?}"))?;
            let bad = text.chars().filter(|c| *c == '\u{FFFD}').count();
            Ok((text, decoded.encoding, bad))
        }
    }
}

#[component]
pub fn ImportDialog(props: &ImportDialogProps) -> Html {
    let lang = props.lang;
    let phase = use_state(|| Phase::Idle);
    let mode = use_state(|| Mode::Add);
    let importer: Rc<RefCell<Option<Importer>>> = use_mut_ref(|| None);
    // Bumped for every new file, so a superseded check stops.
    let generation = use_mut_ref(|| 0u32);

    let start = {
        let phase = phase.clone();
        let importer = importer.clone();
        let generation = generation.clone();
        let current = props.current.clone();
        let mode = mode.clone();
        Callback::from(move |file: web_sys::File| {
            let phase = phase.clone();
            let importer = importer.clone();
            let base = current.0.clone();
            let mode = *mode;
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            let generation = generation.clone();
            let name = file.name();
            let mb = |bytes: f64| format!("{:.0}", (bytes / 1024.0 / 1024.0).ceil());
            if file.size() > import::MAX_FILE_BYTES {
                let max = mb(import::MAX_FILE_BYTES);
                phase.set(Phase::Failed(vec![
                    t::IMPORT_TOO_LARGE.fill(lang, &[&mb(file.size()), &max])
                ]));
                return;
            }
            phase.set(Phase::Reading(name.clone()));
            wasm_bindgen_futures::spawn_local(async move {
                let read = read_text(&file).await;
                if *generation.borrow() != mine {
                    return;
                }
                let (text, encoding, bad_sequences) = match read {
                    Ok(t) => t,
                    Err(e) => {
                        phase.set(Phase::Failed(vec![t::IMPORT_UNREADABLE.fill(lang, &[&e])]));
                        return;
                    }
                };
                let read = Rc::new(ReadAs {
                    encoding,
                    bad_sequences,
                    sample: import::sample(&text),
                });
                let format = Format::guess(&name, &text);
                *importer.borrow_mut() = Some(Importer::new(
                    text,
                    format,
                    base,
                    ImportOptions {
                        file_name: name.clone(),
                        today: today(),
                    },
                ));
                loop {
                    if *generation.borrow() != mine {
                        return;
                    }
                    let progress = match importer.borrow_mut().as_mut() {
                        Some(i) => i.step(SLICE_ROWS),
                        None => return,
                    };
                    if progress.finished {
                        break;
                    }
                    phase.set(Phase::Checking {
                        name: name.clone(),
                        done: progress.rows_done,
                        estimate: progress.rows_estimate,
                    });
                    next_frame().await;
                }
                let report = importer
                    .borrow_mut()
                    .as_mut()
                    .map(|i| i.report(mode))
                    .unwrap_or_default();
                phase.set(Phase::Ready {
                    name,
                    report: Rc::new(report),
                    read,
                });
            });
        })
    };
    // Stops a check under way: the next slice sees another generation and returns,
    // the importer (and the file's text) is dropped, the figures shown stay.
    let cancel = {
        let phase = phase.clone();
        let importer = importer.clone();
        let generation = generation.clone();
        Callback::from(move |()| {
            if matches!(*phase, Phase::Reading(_) | Phase::Checking { .. }) {
                *generation.borrow_mut() += 1;
                importer.borrow_mut().take();
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
        let importer = importer.clone();
        Callback::from(move |_: Event| {
            mode.set(m);
            // Some checks depend on the mode (ids already in the data): report again.
            if let Phase::Ready { name, read, .. } = &*phase {
                if let Some(report) = importer.borrow_mut().as_mut().map(|i| i.report(m)) {
                    phase.set(Phase::Ready {
                        name: name.clone(),
                        report: Rc::new(report),
                        read: read.clone(),
                    });
                }
            }
        })
    };
    let finish = |keep: Keep| {
        let phase = phase.clone();
        let importer = importer.clone();
        let on_loaded = props.on_loaded.clone();
        let mode = *mode;
        Callback::from(move |_: MouseEvent| {
            let phase = phase.clone();
            let importer = importer.clone();
            let on_loaded = on_loaded.clone();
            phase.set(Phase::Finishing);
            wasm_bindgen_futures::spawn_local(async move {
                next_frame().await;
                // The importer is spent: its rows move into the new dataset, not copied.
                let result = importer
                    .borrow_mut()
                    .take()
                    .map(|i| i.into_dataset(mode, keep));
                match result {
                    Some(Ok(imported)) => {
                        let added = imported
                            .dataset
                            .facts
                            .iter()
                            .filter(|f| imported.dataset.is_imported(f))
                            .count();
                        // Building the dataset and redrawing the page with it are two
                        // tasks, not one long one.
                        next_frame().await;
                        on_loaded.emit(Data(Rc::new(imported.dataset)));
                        phase.set(Phase::Done { added });
                    }
                    Some(Err(report)) => phase.set(Phase::Failed(report.lines(SHOWN_ERRORS, lang))),
                    None => phase.set(Phase::Idle),
                }
            });
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
        Phase::Ready { name, report, read } => {
            let ok = report.is_clean() && report.rows > 0;
            let counts = [
                report.rows + report.blank_rows,
                report.valid_rows,
                report.invalid_rows(),
                report.blank_rows,
                report.error_count,
            ]
            .map(|n| n.to_string());
            html! {
                <div data-testid="import-report">
                    <p role="status">{ t::IMPORT_SUMMARY.fill(lang, &[&import::display(name, 80), &counts[0], &counts[1], &counts[2], &counts[3], &counts[4]]) }</p>
                    <p data-testid="import-encoding">
                        { t::IMPORT_ENCODING.fill(lang, &[read.encoding.name(lang)]) }
                        if read.bad_sequences > 0 {
                            { " " }{ t::IMPORT_BAD_BYTES.fill(lang, &[&read.bad_sequences.to_string()]) }
                        }
                    </p>
                    if !read.sample.is_empty() {
                        <p class="hint">{ t::IMPORT_SAMPLE.get(lang) }</p>
                        <ul class="import-sample citation" data-testid="import-sample">
                            { for read.sample.iter().map(|l| html! { <li><bdi>{ l }</bdi></li> }) }
                        </ul>
                    }
                    if !report.is_clean() {
                        <ul class="import-errors" data-testid="import-errors">
                            { for report.lines(SHOWN_ERRORS, lang).into_iter().map(|l| html! { <li>{ l }</li> }) }
                        </ul>
                    }
                    <fieldset class="import-mode">
                        <legend>{ t::IMPORT_MODE.get(lang) }</legend>
                        <label><input type="radio" name="import-mode" checked={*mode == Mode::Add} onchange={set_mode(Mode::Add)} />{ t::IMPORT_ADD.get(lang) }</label>
                        <label><input type="radio" name="import-mode" checked={*mode == Mode::Replace} onchange={set_mode(Mode::Replace)} />{ t::IMPORT_REPLACE.get(lang) }</label>
                    </fieldset>
                    if ok {
                        <button type="button" data-testid="import-confirm" onclick={finish(Keep::AllOrNothing)}>{ t::IMPORT_CONFIRM.get(lang) }</button>
                    } else if report.can_import_valid_rows() {
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
            <ul class="import-errors" role="alert" data-testid="import-errors">{ for lines.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
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
