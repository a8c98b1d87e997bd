//! The import worker (wasm32 only): its messages, and its side of them.
//!
//! The page starts a dedicated Web Worker (`src/bin/import_worker.rs`, a separate wasm
//! that holds the import core: `crate::import`, csv, the JSON reading) when the reader
//! first chooses a file, so the main wasm carries none of it and the check never holds
//! the main thread. The messages are plain objects whose `t` names them:
//!
//! - worker → page, once its wasm runs: `ready` (a message sent earlier would be lost);
//! - page → worker: `start` (`file`: the file's bytes, transferred; `name`; `today`:
//!   `[year, month, day]`; `parts`: the dataset the figures join, in compact parts,
//!   `Dataset::to_compact_parts`, see [`put_dataset`]), then `report`
//!   (`mode`) when the reader switches Add/Replace, `finish` (`mode`, `keep`);
//! - worker → page: `progress` (`done`, `estimate`), `report` (a [`ReportView`]: what
//!   the dialog shows, in both languages, so a language switch needs no message),
//!   `done` (`added`, and the new dataset as `parts`, transferred, which the page reads
//!   a part per frame), or
//!   `failed` (`zh`, `en`: the lines to show).
//!
//! Cancelling terminates the worker; the page's figures are never touched before `done`.

use crate::dataset::{Assembler, Dataset};
use crate::i18n::{t, Lang, Text};
use crate::import::{self, Format, ImportOptions, ImportReport, Importer, Keep, Mode};
use crate::model::Date;
use js_sys::{Array, Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Error lines shown at once; the rest are counted.
pub const SHOWN_ERRORS: usize = 8;
/// Rows checked between two looks at the clock.
const SLICE_ROWS: usize = 1000;
/// Milliseconds between two progress messages: each one redraws the dialog.
const PROGRESS_MS: f64 = 100.0;

/// What the dialog shows of a checked file, in both languages (`[zh, en]`).
#[derive(Clone, Debug, PartialEq)]
pub struct ReportView {
    pub mode: Mode,
    /// Rows read (blank ones included), valid, invalid, blank, errors.
    pub counts: [usize; 5],
    pub clean: bool,
    pub can_import_valid_rows: bool,
    pub lines: [Vec<String>; 2],
    pub encoding: [String; 2],
    pub bad_sequences: usize,
    pub sample: Vec<String>,
}

impl ReportView {
    /// Records read (blank rows not included).
    pub fn rows(&self) -> usize {
        self.counts[0] - self.counts[3].min(self.counts[0])
    }
    pub fn valid_rows(&self) -> usize {
        self.counts[1]
    }
}

/// The text of a `[zh, en]` pair in `lang`.
pub fn pick<T>(pair: &[T; 2], lang: Lang) -> &T {
    &pair[usize::from(lang == Lang::En)]
}

// --- plain objects ------------------------------------------------------------------

/// A message named `t`. It carries this wasm's linear memory in bytes (`memory`): the
/// page keeps the worker's peak for the benchmark (the worker's memory is its own, not
/// counted in the page's, and goes when the worker is terminated).
pub fn object(t: &str) -> Object {
    let o = Object::new();
    set(&o, "t", &t.into());
    let bytes = core::arch::wasm32::memory_size(0) as f64 * 65536.0;
    set(&o, "memory", &bytes.into());
    o
}
pub fn set(o: &Object, key: &str, v: &JsValue) {
    let _ = Reflect::set(o, &key.into(), v);
}
pub fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &key.into()).unwrap_or(JsValue::UNDEFINED)
}
pub fn get_str(o: &JsValue, key: &str) -> String {
    get(o, key).as_string().unwrap_or_default()
}
pub fn get_num(o: &JsValue, key: &str) -> usize {
    get(o, key).as_f64().map_or(0, |f| f.max(0.0) as usize)
}
pub fn get_bytes(o: &JsValue, key: &str) -> Vec<u8> {
    let v = get(o, key);
    if v.is_object() {
        Uint8Array::new(&v).to_vec()
    } else {
        Vec::new()
    }
}
pub fn strings(v: &[String]) -> JsValue {
    v.iter().map(|s| JsValue::from_str(s)).collect::<Array>().into()
}
pub fn get_strings(o: &JsValue, key: &str) -> Vec<String> {
    let v = get(o, key);
    if !Array::is_array(&v) {
        return Vec::new();
    }
    Array::from(&v).iter().filter_map(|s| s.as_string()).collect()
}
pub fn mode_code(m: Mode) -> u32 {
    u32::from(m == Mode::Replace)
}
pub fn mode_of(o: &JsValue) -> Mode {
    if get_num(o, "mode") == 1 {
        Mode::Replace
    } else {
        Mode::Add
    }
}
pub fn keep_code(k: Keep) -> u32 {
    u32::from(k == Keep::ValidRows)
}
pub fn keep_of(o: &JsValue) -> Keep {
    if get_num(o, "keep") == 1 {
        Keep::ValidRows
    } else {
        Keep::AllOrNothing
    }
}

/// Facts a part of a transferred dataset: a few milliseconds to read on the page.
pub const FACTS_PER_PART: usize = 2000;

/// A dataset's compact parts (`Dataset::to_compact_parts`) set on `o` as `parts`, an
/// array of `[strings, data]` byte arrays (the string table as UTF-8); returns their
/// buffers, to be transferred.
pub fn put_dataset(o: &Object, ds: &Dataset) -> Array {
    let parts = Array::new();
    let transfer = Array::new();
    for (table, bytes) in ds.to_compact_parts(FACTS_PER_PART) {
        let a = Uint8Array::from(table.as_bytes());
        let b = Uint8Array::from(&bytes[..]);
        transfer.push(&a.buffer());
        transfer.push(&b.buffer());
        parts.push(&Array::of2(&a, &b));
    }
    set(o, "parts", &parts);
    set(o, "facts", &(ds.facts.len() as f64).into());
    transfer
}

/// How many parts `put_dataset` set on `o`.
pub fn part_count(o: &JsValue) -> u32 {
    let parts = get(o, "parts");
    if Array::is_array(&parts) {
        Array::from(&parts).length()
    } else {
        0
    }
}

/// Reads part `i` of the dataset on `o` into `a`, then lets it go (its bytes can be
/// collected while the rest is read); `None` when it is not one.
pub fn read_part(o: &JsValue, i: u32, a: &mut Assembler) -> Option<()> {
    let parts = get(o, "parts");
    let part = Reflect::get_u32(&parts, i).ok()?;
    let _ = Reflect::set_u32(&parts, i, &JsValue::UNDEFINED);
    let table = Reflect::get_u32(&part, 0).ok()?;
    let bytes = Reflect::get_u32(&part, 1).ok()?;
    if !table.is_object() || !bytes.is_object() {
        return None;
    }
    let (table, bytes) = (Uint8Array::new(&table), Uint8Array::new(&bytes));
    let (text, data) = (table.to_vec(), bytes.to_vec());
    release(&table);
    release(&bytes);
    a.add(&String::from_utf8(text).ok()?, &data)
}

/// Frees a byte array's memory now, not at the next garbage collection: its buffer is
/// detached (`ArrayBuffer.prototype.transfer(0)`, where the browser has it). A 100,000
/// figure dataset's parts are about 12 MB of the page's JS heap.
fn release(bytes: &Uint8Array) {
    let buffer = bytes.buffer();
    let transfer = Reflect::get(&buffer, &"transfer".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(transfer) = transfer {
        let _ = transfer.call1(&buffer, &JsValue::from(0));
    }
}

/// The dataset `put_dataset` set on `o`, read in one go.
pub fn take_dataset(o: &JsValue) -> Option<Dataset> {
    let mut a = Assembler::for_facts(get_num(o, "facts"));
    for i in 0..part_count(o) {
        read_part(o, i, &mut a)?;
    }
    Some(a.finish())
}

impl ReportView {
    pub fn to_js(&self) -> JsValue {
        let o = object("report");
        set(&o, "mode", &mode_code(self.mode).into());
        let counts: Array = self.counts.iter().map(|&n| JsValue::from(n as f64)).collect();
        set(&o, "counts", &counts);
        set(&o, "clean", &self.clean.into());
        set(&o, "canValid", &self.can_import_valid_rows.into());
        set(&o, "zh", &strings(&self.lines[0]));
        set(&o, "en", &strings(&self.lines[1]));
        set(&o, "encoding", &strings(&self.encoding));
        set(&o, "bad", &(self.bad_sequences as f64).into());
        set(&o, "sample", &strings(&self.sample));
        o.into()
    }
    pub fn from_js(o: &JsValue) -> ReportView {
        let counts = get(o, "counts");
        let count = |i: u32| {
            Reflect::get_u32(&counts, i)
                .ok()
                .and_then(|v| v.as_f64())
                .map_or(0, |f| f.max(0.0) as usize)
        };
        let mut encoding = get_strings(o, "encoding").into_iter();
        ReportView {
            mode: mode_of(o),
            counts: [count(0), count(1), count(2), count(3), count(4)],
            clean: get(o, "clean").as_bool().unwrap_or(false),
            can_import_valid_rows: get(o, "canValid").as_bool().unwrap_or(false),
            lines: [get_strings(o, "zh"), get_strings(o, "en")],
            encoding: [encoding.next().unwrap_or_default(), encoding.next().unwrap_or_default()],
            bad_sequences: get_num(o, "bad"),
            sample: get_strings(o, "sample"),
        }
    }
}

/// A `failed` message with both languages' lines.
pub fn failed(zh: Vec<String>, en: Vec<String>) -> JsValue {
    let o = object("failed");
    set(&o, "zh", &strings(&zh));
    set(&o, "en", &strings(&en));
    o.into()
}

// --- the worker's side --------------------------------------------------------------

/// How the file was decoded.
struct ReadAs {
    encoding: import::Encoding,
    bad_sequences: usize,
    sample: Vec<String>,
}

struct Check {
    importer: Importer,
    read: ReadAs,
}

fn view(report: &ImportReport, read: &ReadAs, mode: Mode) -> ReportView {
    ReportView {
        mode,
        counts: [
            report.rows + report.blank_rows,
            report.valid_rows,
            report.invalid_rows(),
            report.blank_rows,
            report.error_count,
        ],
        clean: report.is_clean(),
        can_import_valid_rows: report.can_import_valid_rows(),
        lines: [report.lines(SHOWN_ERRORS, Lang::Zh), report.lines(SHOWN_ERRORS, Lang::En)],
        encoding: [
            read.encoding.name(Lang::Zh).to_string(),
            read.encoding.name(Lang::En).to_string(),
        ],
        bad_sequences: read.bad_sequences,
        sample: read.sample.clone(),
    }
}

fn both(text: Text, args: &[&str]) -> (Vec<String>, Vec<String>) {
    (vec![text.fill(Lang::Zh, args)], vec![text.fill(Lang::En, args)])
}

/// Decodes the file in the encoding the core chooses (GBK through the TextDecoder,
/// which workers have too).
fn read_text(bytes: Vec<u8>) -> Result<(String, ReadAs), String> {
    let decoded = import::decode(bytes);
    let (text, bad_sequences) = match decoded.text {
        Ok(text) => (text, decoded.bad_sequences),
        Err(bytes) => {
            let decoder = web_sys::TextDecoder::new_with_label(decoded.encoding.label())
                .map_err(|e| format!("{e:?}"))?;
            let text = decoder.decode_with_u8_array(&bytes).map_err(|e| format!("{e:?}"))?;
            let bad = text.chars().filter(|c| *c == '\u{FFFD}').count();
            (text, bad)
        }
    };
    let sample = import::sample(&text);
    Ok((text, ReadAs { encoding: decoded.encoding, bad_sequences, sample }))
}

/// The worker's entry: answers the page's messages until it is terminated.
pub fn run() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let check: Rc<RefCell<Option<Check>>> = Rc::new(RefCell::new(None));
    let post_scope = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let post = |v: &JsValue| {
                let _ = post_scope.post_message(v);
            };
            let msg = e.data();
            match get_str(&msg, "t").as_str() {
                "start" => {
                    check.borrow_mut().take();
                    match start(&msg, &post) {
                        Ok(mut c) => {
                            let mode = mode_of(&msg);
                            let report = view(&c.importer.report(mode), &c.read, mode);
                            *check.borrow_mut() = Some(c);
                            post(&report.to_js());
                        }
                        Err((zh, en)) => post(&failed(zh, en)),
                    }
                }
                "report" => {
                    if let Some(c) = check.borrow_mut().as_mut() {
                        let mode = mode_of(&msg);
                        post(&view(&c.importer.report(mode), &c.read, mode).to_js());
                    }
                }
                "finish" => {
                    let Some(c) = check.borrow_mut().take() else {
                        return;
                    };
                    match c.importer.finish(mode_of(&msg), keep_of(&msg)) {
                        Ok(imported) => {
                            let ds = imported.dataset;
                            let added = ds.facts.iter().filter(|f| ds.is_imported(f)).count();
                            let o = object("done");
                            set(&o, "added", &(added as f64).into());
                            let transfer = put_dataset(&o, &ds);
                            drop(ds);
                            let _ = post_scope.post_message_with_transfer(&o, &transfer);
                        }
                        Err(report) => post(&failed(
                            report.lines(SHOWN_ERRORS, Lang::Zh),
                            report.lines(SHOWN_ERRORS, Lang::En),
                        )),
                    }
                }
                _ => {}
            }
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&object("ready"));
}

/// Reads the file and checks every row, posting progress between slices.
fn start(msg: &JsValue, post: &dyn Fn(&JsValue)) -> Result<Check, (Vec<String>, Vec<String>)> {
    let name = get_str(msg, "name");
    let base = take_dataset(msg).ok_or_else(|| both(t::IMPORT_WORKER_FAILED, &["dataset"]))?;
    let today = get(msg, "today");
    let part = |i: u32| Reflect::get_u32(&today, i).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let today = Date { year: part(0) as i32, month: part(1) as u8, day: part(2) as u8 };
    let (text, read) =
        read_text(get_bytes(msg, "file")).map_err(|e| both(t::IMPORT_UNREADABLE, &[&e]))?;
    let format = Format::guess(&name, &text);
    let mut importer =
        Importer::new(text, format, Rc::new(base), ImportOptions { file_name: name, today });
    let mut said = f64::NEG_INFINITY;
    loop {
        let progress = importer.step(SLICE_ROWS);
        if progress.finished {
            break;
        }
        let now = js_sys::Date::now();
        if now - said < PROGRESS_MS {
            continue;
        }
        said = now;
        let o = object("progress");
        set(&o, "done", &(progress.rows_done as f64).into());
        set(&o, "estimate", &(progress.rows_estimate as f64).into());
        post(&o);
    }
    Ok(Check { importer, read })
}
