//! `cargo xtask bench`: performance and scale, measured (README "Benchmark").
//!
//! 1. A release build (`crate::build`) and the import fixtures, among them the
//!    deterministic synthetic files of 10,000 and 100,000 figures.
//! 2. Sizes, here in Rust: every file the served page loads, raw and as served (its
//!    `.gz` and `.br` siblings in `dist/`); the first-load transfer is the gzip of all of
//!    them; and `dist/offline.html`.
//! 3. The browser figures from `tests/e2e/bench.mjs` in headless Chromium: load times
//!    (median of fresh loads), interaction latency (p50/p95 of at least 30 changes of
//!    each kind at three data sizes) and memory (JS heap plus wasm linear memory): the
//!    peak seen, and the memory held after a full garbage collection (`memory.rs`),
//!    which the budget is judged on.
//! 4. `BENCHMARKS.md`: every figure with its budget and whether it is met, the date and
//!    the machine; the same text on stdout.
//!
//! A measurement that fails is reported as failed in the table; the command itself
//! fails only when there is nothing to measure (the build failed). No test asserts a
//! time: the budgets are reported, not enforced.

pub mod causes;
mod memory;

use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Budgets from issue #14 ("Lighter than any peer"). KB and MB are decimal (1,000 and
/// 1,000,000 bytes), the stricter reading.
const FIRST_LOAD_GZIP_MAX: u64 = 160_000;
const FIRST_LOAD_BROTLI_MAX: u64 = 130_000;
const OFFLINE_RAW_MAX: u64 = 600_000;
const FIRST_CHART_MEDIAN_MAX_MS: f64 = 150.0;
const P95_MAX_MS_10K: f64 = 16.0;
const P95_MAX_MS_100K: f64 = 33.0;
const MEMORY_MAX_EMBEDDED: f64 = 4_000_000.0;
const MEMORY_MAX_100K: f64 = 40_000_000.0;
/// Importing 100,000 CSV rows: file chosen → figures shown, and the longest gap between
/// two animation frames meanwhile.
const IMPORT_100K_MAX_MS: f64 = 1_000.0;
const IMPORT_FRAME_GAP_MAX_MS: f64 = 50.0;

/// The data sizes of the browser run, as bench.mjs names them.
const SIZES: [&str; 3] = ["embedded", "10000", "100000"];
const INTERACTIONS: [(&str, &str); 4] = [
    ("indicator", "change the indicator (`#f-indicator`)"),
    ("district", "toggle a district (`#district-…`)"),
    ("search", "type in the search box (`#f-search`), one key"),
    ("sort", "sort the table (`th button.sort`)"),
];
/// bench.mjs's own watchdog, and how much longer this side waits for it.
const BROWSER_TIMEOUT_S: u64 = 900;
const RESULT_PREFIX: &str = "BENCH_RESULT ";

pub fn run() -> Result<(), String> {
    let started = Instant::now();
    let load_before = read_trimmed("/proc/loadavg");
    crate::build()?;
    let built = started.elapsed();
    let fixtures = crate::fixtures_dir();
    let fixtures_error = crate::fixtures::write(&fixtures).err();
    let root = crate::root();
    let dist = root.join("dist");

    let sizes = measure_sizes(&dist);
    if let Err(e) = &sizes {
        eprintln!("bench: sizes: {e}");
    }
    // The build above left cargo's names-kept wasm, before wasm-bindgen and wasm-opt.
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or(root.join("target"), Into::into);
    let causes = causes::measure(
        &target.join("wasm32-unknown-unknown/release/cq-explorer.wasm"),
        &root.join("src"),
    );
    if let Err(e) = &causes {
        eprintln!("bench: wasm by cause: {e}");
    }
    let browser_started = Instant::now();
    let browser = run_browser(&root, &dist, &fixtures);
    if let Err(e) = &browser {
        eprintln!("bench: browser: {e}");
    }
    let report = Report {
        date: utc_now(),
        machine: machine(browser.as_ref().ok()),
        load_before,
        load_after: read_trimmed("/proc/loadavg"),
        sizes,
        causes,
        browser,
        fixtures_error,
        build_s: built.as_secs_f64(),
        browser_s: browser_started.elapsed().as_secs_f64(),
        total_s: started.elapsed().as_secs_f64(),
    };
    let md = report.markdown();
    let out = root.join("BENCHMARKS.md");
    std::fs::write(&out, &md).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("{md}");
    println!("wrote {}", out.display());
    Ok(())
}

// ---------------------------------------------------------------------------------
// Sizes

#[derive(Debug, Clone, PartialEq)]
struct FileSize {
    name: String,
    /// What the file is: "page", "loader", "glue", "wasm", "css", "other".
    role: &'static str,
    raw: u64,
    gzip: u64,
    brotli: u64,
}

#[derive(Debug)]
struct Sizes {
    /// Everything the served page loads, in the order index.html names it.
    first_load: Vec<FileSize>,
    /// The import worker's files, loaded when the reader first imports.
    on_import: Vec<FileSize>,
    offline: Result<FileSize, String>,
}

impl Sizes {
    fn total(&self, f: impl Fn(&FileSize) -> u64) -> u64 {
        self.first_load.iter().map(f).sum()
    }
    fn role(&self, role: &str) -> Option<&FileSize> {
        self.first_load.iter().find(|f| f.role == role)
    }
}

fn measure_sizes(dist: &Path) -> Result<Sizes, String> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let mut names = vec![("index.html".to_string(), "page")];
    for name in local_refs(&html) {
        let role = role_of(&name);
        names.push((name, role));
    }
    // The loader names the glue and the wasm it starts (also preloaded by index.html).
    if let Some(loader) = crate::csp::external_loader_name(&html) {
        let js =
            std::fs::read_to_string(dist.join(loader)).map_err(|e| format!("{loader}: {e}"))?;
        let (glue, wasm) =
            crate::csp::asset_names(&js).ok_or(format!("{loader} names no glue or wasm"))?;
        for name in [glue, wasm] {
            let name = name.trim_start_matches("./").to_string();
            let role = role_of(&name);
            names.push((name, role));
        }
    } else {
        return Err("dist/index.html has no external loader: run `cargo xtask build`".into());
    }
    let mut seen = BTreeSet::new();
    names.retain(|(n, _)| seen.insert(n.clone()));
    let first_load = names
        .into_iter()
        .map(|(name, role)| {
            let bytes = std::fs::read(dist.join(&name)).map_err(|e| format!("dist/{name}: {e}"))?;
            Ok(file_size(dist, name, role, &bytes))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let on_import =
        [crate::offline::WORKER_LOADER, crate::offline::WORKER_GLUE, crate::offline::WORKER_WASM]
            .into_iter()
            .filter_map(|name| {
                let bytes = std::fs::read(dist.join(name)).ok()?;
                Some(file_size(dist, name.to_string(), role_of(name), &bytes))
            })
            .collect();
    let offline = std::fs::read(dist.join("offline.html"))
        .map(|b| file_size(dist, "offline.html".into(), "other", &b))
        .map_err(|e| format!("dist/offline.html: {e}"));
    Ok(Sizes { first_load, on_import, offline })
}

/// A file's bytes raw and as served: its `.gz` and `.br` siblings in `dist` (what
/// `cargo xtask build` wrote and a server sends), or compressed here where there is none.
fn file_size(dist: &Path, name: String, role: &'static str, bytes: &[u8]) -> FileSize {
    let sibling = |ext: &str| std::fs::metadata(dist.join(format!("{name}.{ext}"))).ok();
    FileSize {
        role,
        raw: bytes.len() as u64,
        gzip: sibling("gz").map_or_else(|| gzip_len(bytes), |m| m.len()),
        brotli: sibling("br").map_or_else(|| brotli_len(bytes), |m| m.len()),
        name,
    }
}

fn role_of(name: &str) -> &'static str {
    if name.starts_with("loader-") && name.ends_with(".js") {
        "loader"
    } else if name.ends_with(".wasm") {
        "wasm"
    } else if name.ends_with(".js") {
        "glue"
    } else if name.ends_with(".css") {
        "css"
    } else if name.ends_with(".html") {
        "page"
    } else {
        "other"
    }
}

/// The same-folder files a page loads: `src` of `<script>` and `href` of `<link>`
/// (not links the reader may follow, not `data:` or other URLs), without a leading
/// `./`, in order.
fn local_refs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        let attr = if tag.starts_with("script") {
            "src=\""
        } else if tag.starts_with("link") {
            "href=\""
        } else {
            continue;
        };
        let Some(j) = tag.find(attr) else { continue };
        let value = &tag[j + attr.len()..];
        let value = &value[..value.find('"').unwrap_or(value.len())];
        let name = value.trim_start_matches("./");
        if !name.is_empty()
            && !name.contains(':')
            && !name.starts_with('#')
            && !name.starts_with('/')
            && !name.contains("..")
        {
            out.push(name.to_string());
        }
    }
    out
}

fn gzip_len(bytes: &[u8]) -> u64 {
    crate::compress::gzip(bytes).len() as u64
}

fn brotli_len(bytes: &[u8]) -> u64 {
    crate::compress::brotli(bytes).len() as u64
}

// ---------------------------------------------------------------------------------
// The browser run

fn run_browser(root: &Path, dist: &Path, fixtures: &Path) -> Result<Value, String> {
    let dir = root.join("tests/e2e");
    let out_file = root.join("target/bench/browser.json");
    if let Some(parent) = out_file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    let _ = std::fs::remove_file(&out_file);
    println!("bench: running tests/e2e/bench.mjs in headless Chromium (a few minutes)");
    let mut child = Command::new("node")
        .arg("bench.mjs")
        .current_dir(&dir)
        .env("CQ_DIST", dist)
        .env("CQ_FIXTURES", fixtures)
        .env("BENCH_OUT", &out_file)
        .env("BENCH_TIMEOUT_S", BROWSER_TIMEOUT_S.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("could not start node: {e}"))?;
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    // bench.mjs bounds itself; this is the backstop if node itself hangs.
    let deadline = Instant::now() + Duration::from_secs(BROWSER_TIMEOUT_S + 120);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(200)),
            Err(e) => return Err(format!("waiting for node: {e}")),
        }
    };
    let stdout = reader.join().unwrap_or_default();
    let json = std::fs::read_to_string(&out_file)
        .ok()
        .or_else(|| result_line(&stdout).map(str::to_string));
    match (json, status) {
        (Some(json), _) => {
            serde_json::from_str(&json).map_err(|e| format!("bench.mjs printed bad JSON: {e}"))
        }
        (None, None) => Err("bench.mjs did not finish in time (killed)".into()),
        (None, Some(status)) => {
            Err(format!("bench.mjs gave no result ({status}); see its messages above"))
        }
    }
}

/// The JSON after the result prefix, from bench.mjs's stdout.
fn result_line(stdout: &str) -> Option<&str> {
    stdout.lines().rev().find_map(|l| l.strip_prefix(RESULT_PREFIX))
}

// ---------------------------------------------------------------------------------
// The machine

struct Machine {
    cpu: String,
    cores: String,
    memory: String,
    os: String,
    chromium: String,
    rustc: String,
    node: String,
}

fn machine(browser: Option<&Value>) -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or_else(|| "unknown".into(), |(_, v)| v.trim().to_string());
    let logical = cpuinfo.lines().filter(|l| l.starts_with("processor")).count();
    let usable = std::thread::available_parallelism().map_or(0, usize::from);
    let cores = if logical == usable || logical == 0 {
        format!("{usable}")
    } else {
        format!("{usable} usable ({logical} logical in /proc/cpuinfo)")
    };
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or_else(|| "unknown".into(), |kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0));
    let pretty = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                .map(|v| v.trim_matches('"').to_string())
        })
        .unwrap_or_else(|| std::env::consts::OS.to_string());
    let kernel = read_trimmed("/proc/sys/kernel/osrelease");
    let os = if kernel.is_empty() {
        pretty
    } else {
        format!("{pretty}, Linux {kernel} ({})", std::env::consts::ARCH)
    };
    let chromium = browser
        .and_then(|b| b["chromium"].as_str())
        .map(|v| format!("Chromium {v} (headless, via playwright-core)"))
        .or_else(|| first_line("chromium", &["--version"]))
        .unwrap_or_else(|| "unknown".into());
    Machine {
        cpu,
        cores,
        memory,
        os,
        chromium,
        rustc: first_line("rustc", &["--version"]).unwrap_or_else(|| "unknown".into()),
        node: first_line("node", &["--version"]).unwrap_or_else(|| "unknown".into()),
    }
}

fn first_line(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).current_dir(crate::root()).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| !l.trim().is_empty())?.trim();
    out.status.success().then(|| line.to_string())
}

fn read_trimmed(path: &str) -> String {
    std::fs::read_to_string(path).map(|s| s.trim().to_string()).unwrap_or_default()
}

/// Now in UTC as `YYYY-MM-DD HH:MM UTC`.
fn utc_now() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    utc_string(secs)
}

fn utc_string(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02} UTC", rem / 3600, (rem % 3600) / 60)
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

// ---------------------------------------------------------------------------------
// The report

struct Report {
    date: String,
    machine: Machine,
    load_before: String,
    load_after: String,
    sizes: Result<Sizes, String>,
    /// The names-kept wasm's bytes by cause (`causes.rs`).
    causes: Result<causes::Causes, String>,
    browser: Result<Value, String>,
    fixtures_error: Option<String>,
    build_s: f64,
    browser_s: f64,
    total_s: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Status {
    Met,
    Missed,
    Failed,
    NoBudget,
}

impl Status {
    fn of(ok: bool) -> Self {
        if ok {
            Status::Met
        } else {
            Status::Missed
        }
    }
    fn text(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Missed => "**missed**",
            Status::Failed => "**failed**",
            Status::NoBudget => "—",
        }
    }
}

/// One row of the main table.
struct Row {
    figure: String,
    measured: String,
    budget: String,
    status: Status,
}

fn row(
    figure: impl Into<String>,
    measured: impl Into<String>,
    budget: &str,
    status: Status,
) -> Row {
    Row { figure: figure.into(), measured: measured.into(), budget: budget.into(), status }
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

fn mb(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1e6)
}

fn ms(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn fmt_ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0} ms")
    } else {
        format!("{v:.1} ms")
    }
}

fn size_label(size: &str, figures: Option<u64>) -> String {
    let n = match size {
        "embedded" => "the embedded dataset".to_string(),
        s => format!("{} figures", group(s.parse().unwrap_or(0))),
    };
    match figures {
        Some(f) => format!("{n} ({} in all)", group(f)),
        None => n,
    }
}

/// 100000 → "100,000".
fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The error a JSON object carries (`{ "error": … }`), if it does.
/// The import of 100,000 rows, timed inside the page over several imports (medians):
/// file chosen → figures shown (the dialog's check, then the confirmation, made as soon
/// as the report is painted, then the figures in the table), and the longest gap
/// between two animation frames meanwhile (the median import's, and the worst seen).
fn import_rows(import: &Value, label: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let runs = import["runs"].as_u64().unwrap_or(1);
    let imports =
        if runs == 1 { "one import".to_string() } else { format!("median of {runs} imports") };
    match ms(&import["import_ms"]) {
        Some(total) => rows.push(row(
            format!("import at {label}: file chosen → figures shown, confirmed as soon as the report is painted ({imports}; the check alone; from the confirmation)"),
            format!(
                "{} ({}; {})",
                fmt_ms(total),
                ms(&import["check_ms"]).map_or("—".into(), fmt_ms),
                ms(&import["after_confirm_ms"]).map_or("—".into(), fmt_ms),
            ),
            "≤ 1.0 s",
            Status::of(total <= IMPORT_100K_MAX_MS),
        )),
        None => rows.push(row(
            format!("import at {label}"),
            "not measured",
            "≤ 1.0 s",
            Status::Failed,
        )),
    }
    if let Some(bytes) = import["worker_wasm_peak"].as_f64() {
        rows.push(row(
            format!("import at {label}: the import worker's wasm memory at its peak (its own thread, freed when the import ends; not in the page's memory)"),
            mb(bytes),
            "—",
            Status::NoBudget,
        ));
    }
    let worst = ms(&import["frame_gap_max_ms"])
        .filter(|_| runs > 1)
        .map_or(String::new(), |w| format!(" (worst of {runs}: {})", fmt_ms(w)));
    match ms(&import["frame_gap_ms"]) {
        Some(gap) => rows.push(row(
            format!("import at {label}: longest gap between animation frames ({imports})"),
            format!("{}{worst}", fmt_ms(gap)),
            "≤ 50 ms",
            Status::of(gap <= IMPORT_FRAME_GAP_MAX_MS),
        )),
        None => rows.push(row(
            format!("import at {label}: longest gap between animation frames"),
            "not measured",
            "≤ 50 ms",
            Status::Failed,
        )),
    }
    rows
}

/// `width × height` of the viewport a series of loads was measured in (the bench's own
/// where the series does not say).
fn viewport(loads: &Value, browser: &Value) -> String {
    let v = Some(&loads["viewport"]).filter(|v| v.is_object()).unwrap_or(&browser["viewport"]);
    let px = |k: &str| v[k].as_u64().unwrap_or(0);
    format!("{} × {}", px("width"), px("height"))
}

fn error_of(v: &Value) -> Option<String> {
    v.get("error").and_then(Value::as_str).map(|e| e.replace('|', "\\|"))
}

impl Report {
    fn rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        match &self.sizes {
            Ok(s) => {
                for (role, label) in [
                    ("wasm", "wasm"),
                    ("glue", "JS glue (wasm-bindgen)"),
                    ("loader", "JS loader"),
                    ("css", "CSS"),
                    ("page", "index.html"),
                ] {
                    match s.role(role) {
                        Some(f) => rows.push(row(
                            format!("{label} `{}`: raw / gzip / brotli", f.name),
                            format!("{} / {} / {}", kb(f.raw), kb(f.gzip), kb(f.brotli)),
                            "",
                            Status::NoBudget,
                        )),
                        None => rows.push(row(label, "not found in dist/", "", Status::Failed)),
                    }
                }
                let js: Vec<&FileSize> = s
                    .first_load
                    .iter()
                    .filter(|f| f.role == "glue" || f.role == "loader")
                    .collect();
                rows.push(row(
                    "all JS (glue + loader): raw / gzip / brotli",
                    format!(
                        "{} / {} / {}",
                        kb(js.iter().map(|f| f.raw).sum()),
                        kb(js.iter().map(|f| f.gzip).sum()),
                        kb(js.iter().map(|f| f.brotli).sum())
                    ),
                    "",
                    Status::NoBudget,
                ));
                let gz = s.total(|f| f.gzip);
                rows.push(row(
                    format!(
                        "first-load transfer, gzip ({} files: {})",
                        s.first_load.len(),
                        s.first_load.iter().map(|f| f.role).collect::<Vec<_>>().join(" + ")
                    ),
                    format!("{} (raw {})", kb(gz), kb(s.total(|f| f.raw))),
                    "≤ 160 KB gzip",
                    Status::of(gz <= FIRST_LOAD_GZIP_MAX),
                ));
                let br = s.total(|f| f.brotli);
                rows.push(row(
                    "first-load transfer, brotli (the same files)",
                    kb(br),
                    "≤ 130 KB brotli",
                    Status::of(br <= FIRST_LOAD_BROTLI_MAX),
                ));
                match &s.offline {
                    Ok(f) => rows.push(row(
                        "`dist/offline.html`: raw (gzip / brotli)",
                        format!("{} ({} / {})", kb(f.raw), kb(f.gzip), kb(f.brotli)),
                        "≤ 600 KB raw",
                        Status::of(f.raw <= OFFLINE_RAW_MAX),
                    )),
                    Err(e) => rows.push(row(
                        "`dist/offline.html`",
                        e.clone(),
                        "≤ 600 KB raw",
                        Status::Failed,
                    )),
                }
            }
            Err(e) => rows.push(row(
                "sizes and first-load transfer",
                format!("failed: {e}"),
                "≤ 160 KB gzip",
                Status::Failed,
            )),
        }

        let browser = match &self.browser {
            Ok(b) => b,
            Err(e) => {
                rows.push(row(
                    "browser figures (loads, interactions, memory)",
                    format!("failed: {e}"),
                    "",
                    Status::Failed,
                ));
                return rows;
            }
        };
        // The page's loads at the desktop width the rest of the bench uses, then at a
        // phone's (absent from runs before it was measured).
        let mut series = vec![(&browser["loads"], String::new())];
        if let phone @ Value::Object(_) = &browser["loads_phone"] {
            series.push((phone, format!(" at {} px (a phone)", viewport(phone, browser))));
        }
        for (loads, at) in series {
            let n = loads["runs"].as_u64().unwrap_or(0);
            let first_chart_budget = format!("≤ {FIRST_CHART_MEDIAN_MAX_MS} ms");
            if let Some(e) = error_of(loads) {
                rows.push(row(
                    format!("first chart{at}, load times"),
                    e,
                    &first_chart_budget,
                    Status::Failed,
                ));
                continue;
            }
            for (stat, what, budget) in [
                ("first_chart_ms", "first chart drawn", Some(FIRST_CHART_MEDIAN_MAX_MS)),
                ("interactive_ms", "interactive (`html[data-ready]`)", None),
            ] {
                let stat = &loads[stat];
                let budget_text = budget.map_or("", |_| &first_chart_budget);
                let Some(m) = ms(&stat["median"]) else {
                    rows.push(row(
                        format!("{what}{at}"),
                        "no samples",
                        budget_text,
                        Status::Failed,
                    ));
                    continue;
                };
                rows.push(row(
                    format!("{what}{at}, median of {n} fresh loads (min–max)"),
                    format!(
                        "{} ({}–{})",
                        fmt_ms(m),
                        fmt_ms(ms(&stat["min"]).unwrap_or(f64::NAN)),
                        fmt_ms(ms(&stat["max"]).unwrap_or(f64::NAN))
                    ),
                    budget_text,
                    budget.map_or(Status::NoBudget, |b| Status::of(m <= b)),
                ));
            }
        }

        for size in SIZES {
            let s = &browser["sizes"][size];
            let figures = s["figures"].as_u64();
            let label = size_label(size, figures);
            let (budget, limit) = match size {
                "10000" => ("p95 ≤ 16 ms", Some(P95_MAX_MS_10K)),
                "100000" => ("p95 ≤ 33 ms", Some(P95_MAX_MS_100K)),
                _ => ("", None),
            };
            if s.is_null() {
                rows.push(row(format!("at {label}"), "not measured", budget, Status::Failed));
                continue;
            }
            if let Some(e) = error_of(s) {
                rows.push(row(format!("at {label}"), e, budget, Status::Failed));
                continue;
            }
            if let (Some(f), Some(x)) = (figures, s["expected_figures"].as_u64()) {
                if f != x {
                    rows.push(row(
                        format!("figures loaded at {label}"),
                        format!("{f}, expected {x}"),
                        "",
                        Status::Failed,
                    ));
                }
            }
            if size == "100000" {
                rows.extend(import_rows(&s["import"], &label));
            }
            for (name, what) in INTERACTIONS {
                let i = &s["interactions"][name];
                let figure = format!("{what} at {label}: p50 / p95");
                if let Some(e) = error_of(i) {
                    rows.push(row(figure, e, budget, Status::Failed));
                    continue;
                }
                match (ms(&i["latency_ms"]["p50"]), ms(&i["latency_ms"]["p95"])) {
                    (Some(p50), Some(p95)) => rows.push(row(
                        format!(
                            "{what} at {label}, {} changes: p50 / p95",
                            i["changes"].as_u64().unwrap_or(0)
                        ),
                        format!("{} / {}", fmt_ms(p50), fmt_ms(p95)),
                        budget,
                        limit.map_or(Status::NoBudget, |l| Status::of(p95 <= l)),
                    )),
                    _ => rows.push(row(figure, "no samples", budget, Status::Failed)),
                }
            }
            rows.extend(memory::rows(size, &s["memory"], &label));
        }
        rows
    }

    fn markdown(&self) -> String {
        let mut md = String::new();
        let m = &self.machine;
        let _ = writeln!(md, "# Benchmarks\n");
        let _ = writeln!(
            md,
            "Written by `cargo xtask bench` (README \"Benchmark\") on {}; the command took {:.0} s \
             ({:.0} s build, {:.0} s in the browser). Do not edit by hand: run it again. No test \
             asserts a time; the budgets below are reported, not enforced.\n",
            self.date, self.total_s, self.build_s, self.browser_s
        );
        let _ = writeln!(md, "## Machine\n");
        let _ = writeln!(md, "| | |\n|---|---|");
        for (k, v) in [
            ("CPU", m.cpu.as_str()),
            ("cores", m.cores.as_str()),
            ("memory", m.memory.as_str()),
            ("OS", m.os.as_str()),
            ("browser", m.chromium.as_str()),
            ("rustc", m.rustc.as_str()),
            ("Node.js", m.node.as_str()),
            ("load average before / after", &format!("{} / {}", self.load_before, self.load_after)),
        ] {
            let _ = writeln!(md, "| {k} | {v} |");
        }
        let _ = writeln!(md, "\n## Results\n");
        let _ = writeln!(md, "| figure | measured | budget | status |\n|---|---|---|---|");
        for r in self.rows() {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                r.figure,
                r.measured,
                if r.budget.is_empty() { "—" } else { &r.budget },
                r.status.text()
            );
        }
        self.details(&mut md);
        md
    }

    /// The wasm by cause, now and before issue #14's cuts.
    fn causes_table(&self, md: &mut String) {
        let _ = writeln!(md, "\n### The wasm by cause\n");
        let now = match &self.causes {
            Ok(c) => c,
            Err(e) => {
                let _ = writeln!(md, "Not measured: {e}");
                return;
            }
        };
        let before = causes::before();
        let _ = writeln!(
            md,
            "What the bytes of the release wasm are, as cargo writes it with its \"name\" section \
             (`target/wasm32-unknown-unknown/release/cq-explorer.wasm`, before wasm-bindgen and \
             wasm-opt shrink it to the served file): each function body by its name's module or \
             crate, each data segment by its name; shallow bytes (a function counts once, where it \
             is defined). *Before*: main's HEAD build before the cuts of issue #14, recorded in \
             `xtask/src/bench/causes-before.tsv` (committed, not re-measured).\n"
        );
        let _ = writeln!(md, "| cause | before | now | change |\n|---|---:|---:|---:|");
        // (cause, before, now)
        type CauseRow<'a> = (&'a str, Option<u64>, Option<u64>);
        let mut rows: Vec<CauseRow> = now
            .iter()
            .map(|(c, b)| (c.as_str(), before.iter().find(|x| &x.0 == c).map(|x| x.1), Some(*b)))
            .collect();
        for (c, b) in &before {
            if !now.iter().any(|x| &x.0 == c) {
                rows.push((c, Some(*b), None));
            }
        }
        let cell = |v: Option<u64>| v.map_or("—".to_string(), group);
        let total = |shipped: bool, pick: fn(&CauseRow) -> Option<u64>| {
            rows.iter().filter(|r| causes::shipped(r.0) == shipped).filter_map(pick).sum::<u64>()
        };
        for shipped in [true, false] {
            for r in rows.iter().filter(|r| causes::shipped(r.0) == shipped) {
                let change = r.2.unwrap_or(0) as i64 - r.1.unwrap_or(0) as i64;
                let _ = writeln!(md, "| {} | {} | {} | {change:+} |", r.0, cell(r.1), cell(r.2));
            }
            let (b, n) = (total(shipped, |r| r.1), total(shipped, |r| r.2));
            let _ = writeln!(
                md,
                "| **{}** | **{}** | **{}** | **{:+}** |",
                if shipped { "shipped (before wasm-bindgen and wasm-opt)" } else { "not shipped" },
                group(b),
                group(n),
                n as i64 - b as i64
            );
        }
        let _ = writeln!(
            md,
            "\nBytes. \"ours: …\" is a module of `src/`; generic code of core, alloc or a \
             dependency instantiated for our types counts where its name's path starts (the \
             slice sorts, float formatting and drop glue apart). `.rodata` holds the embedded \
             data files, the map's outlines, string literals and constant tables."
        );
    }

    fn details(&self, md: &mut String) {
        if let Ok(s) = &self.sizes {
            let _ = writeln!(md, "\n### Files\n");
            let _ = writeln!(
                md,
                "| file | raw | gzip (as served) | brotli (as served) |\n|---|---:|---:|---:|"
            );
            for f in s.first_load.iter().chain(s.offline.as_ref().ok()) {
                let _ = writeln!(
                    md,
                    "| `{}` | {} | {} | {} |",
                    f.name,
                    group(f.raw),
                    group(f.gzip),
                    group(f.brotli)
                );
            }
            let _ = writeln!(
                md,
                "| first load (all but offline.html) | {} | {} | {} |",
                group(s.total(|f| f.raw)),
                group(s.total(|f| f.gzip)),
                group(s.total(|f| f.brotli))
            );
            for f in &s.on_import {
                let _ = writeln!(
                    md,
                    "| `{}` (the import worker, loaded on the first import) | {} | {} | {} |",
                    f.name,
                    group(f.raw),
                    group(f.gzip),
                    group(f.brotli)
                );
            }
            let _ = writeln!(
                md,
                "\nBytes. Each file compressed on its own, as a server sends it: the `.gz` (zopfli, \
                 or flate2 level 9 for `offline.html`) and `.br` (quality 11, 4 MiB window) \
                 siblings `cargo xtask build` writes in `dist/`."
            );
        }
        self.causes_table(md);
        let Ok(b) = &self.browser else { return };
        let loads = &b["loads"];
        if error_of(loads).is_none() && !loads.is_null() {
            // The phone's column where it was measured.
            let phone = Some(&b["loads_phone"]).filter(|p| !p.is_null() && error_of(p).is_none());
            let _ = writeln!(md, "\n### Loads\n");
            let _ = writeln!(
                md,
                "{} fresh loads at each width, after one uncounted warm-up load; {}. Milliseconds \
                 from navigation start (`performance.timeOrigin`).\n",
                loads["runs"].as_u64().unwrap_or(0),
                loads["cache"].as_str().unwrap_or("")
            );
            let _ = match phone {
                Some(p) => writeln!(
                    md,
                    "| moment | {}: median | min | max | {}: median | min | max |\n\
                     |---|---:|---:|---:|---:|---:|---:|",
                    viewport(loads, b),
                    viewport(p, b)
                ),
                None => writeln!(md, "| moment | median | min | max |\n|---|---:|---:|---:|"),
            };
            for (key, label) in [
                ("first_contentful_paint_ms", "first contentful paint"),
                ("dom_content_loaded_ms", "DOMContentLoaded done"),
                ("load_event_ms", "load event done"),
                ("wasm_loaded_ms", "wasm downloaded (resource `responseEnd`)"),
                ("app_started_ms", "wasm instantiated and started (`TrunkApplicationStarted`)"),
                ("first_chart_ms", "first `figure.chart svg` in the DOM"),
                ("first_chart_frame_ms", "the animation frame after it (drawn)"),
                ("interactive_ms", "`html[data-ready]` (interactive)"),
            ] {
                let cells = |loads: &Value| {
                    let st = &loads[key];
                    let f = |k: &str| ms(&st[k]).map_or("—".into(), |v| format!("{v:.1}"));
                    format!("{} | {} | {}", f("median"), f("min"), f("max"))
                };
                let _ = match phone {
                    Some(p) => writeln!(md, "| {label} | {} | {} |", cells(loads), cells(p)),
                    None => writeln!(md, "| {label} | {} |", cells(loads)),
                };
            }
            if let Some(req) = loads["requested"].as_array() {
                let names: Vec<&str> = req.iter().filter_map(Value::as_str).collect();
                let _ = writeln!(md, "\nRequests of a load: {}.", names.join(", "));
                if let Ok(s) = &self.sizes {
                    let counted: BTreeSet<&str> =
                        s.first_load.iter().map(|f| f.name.as_str()).collect();
                    let requested: BTreeSet<&str> = names.iter().copied().collect();
                    if counted != requested {
                        let _ = writeln!(
                            md,
                            "\n**Note:** the page requested {requested:?} but the first-load \
                             transfer counts {counted:?}."
                        );
                    }
                }
            }
        }
        let _ = writeln!(md, "\n### Interactions\n");
        let _ = writeln!(
            md,
            "In the {} view (the default), {}×{} viewport. Each change is dispatched in the page \
             (`dispatchEvent` / `click()`) in a task of its own just after a frame was painted, as \
             a click or a key press arrives; t0 is taken just before it. *Settled*: the last DOM \
             mutation (a MutationObserver on `<body>`) once two animation frames pass with no new \
             one, minus t0 (the first frame if nothing changed). *Next paint*: the first task after \
             the frame that shows the last mutation, minus t0: it adds the style, layout and paint \
             of that frame and any script that runs after the last mutation, so when it is much \
             larger than *settled* the time goes to rendering, not to the app's own update. \
             Budgets apply to *settled* p95 (nearest rank). Search: the box is focused first (not \
             counted), then words are typed a character at a time, each keystroke and each \
             clearing of the box one change.\n",
            b["view"].as_str().unwrap_or("compare"),
            b["viewport"]["width"].as_u64().unwrap_or(0),
            b["viewport"]["height"].as_u64().unwrap_or(0),
        );
        let _ = writeln!(
            md,
            "| data | import (check / total; longest frame gap) | interaction | changes | settled p50 | settled p95 | settled max | next paint p50 | next paint p95 |\n|---|---:|---|---:|---:|---:|---:|---:|---:|"
        );
        for size in SIZES {
            let s = &b["sizes"][size];
            if s.is_null() || error_of(s).is_some() {
                continue;
            }
            let import = if s["import"].is_object() {
                let f = |k: &str| ms(&s["import"][k]).map_or("—".into(), |v| format!("{v:.0}"));
                format!(
                    "{} / {} ms; {}",
                    f("check_ms"),
                    f("import_ms"),
                    ms(&s["import"]["frame_gap_ms"]).map_or("—".into(), fmt_ms)
                )
            } else {
                "—".into()
            };
            for (name, _) in INTERACTIONS {
                let i = &s["interactions"][name];
                let f = |a: &str, k: &str| ms(&i[a][k]).map_or("—".into(), |v| format!("{v:.1}"));
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    group(s["figures"].as_u64().unwrap_or(0)),
                    import,
                    name,
                    i["changes"].as_u64().map_or("failed".into(), |n| n.to_string()),
                    f("latency_ms", "p50"),
                    f("latency_ms", "p95"),
                    f("latency_ms", "max"),
                    f("next_paint_ms", "p50"),
                    f("next_paint_ms", "p95"),
                );
            }
        }
        let focus: Vec<String> = SIZES
            .iter()
            .filter_map(|size| {
                let s = &b["sizes"][size];
                let f = s["interactions"]["search"]["focus_ms"].as_f64()?;
                Some(format!("{} at {}", fmt_ms(f), group(s["figures"].as_u64().unwrap_or(0))))
            })
            .collect();
        if !focus.is_empty() {
            let _ = writeln!(
                md,
                "\nFocusing the search box before typing (settled, not counted above): {}.",
                focus.join(", ")
            );
        }
        memory::section(md, b);
        let mut notes = Vec::new();
        if let Some(e) = &self.fixtures_error {
            notes.push(format!("import fixtures: {e}"));
        }
        for e in b["errors"].as_array().into_iter().flatten() {
            notes.push(e.as_str().unwrap_or("").replace('\n', " "));
        }
        for size in SIZES {
            for e in b["sizes"][size]["page_errors"].as_array().into_iter().flatten() {
                notes.push(format!("page error at {size}: {}", e.as_str().unwrap_or("")));
            }
        }
        if !notes.is_empty() {
            let _ = writeln!(md, "\n### Problems\n");
            for n in notes {
                let _ = writeln!(md, "- {n}");
            }
        }
        let _ = writeln!(
            md,
            "\nThe 10,000 and 100,000 figures are `synthetic-10000.csv` and `synthetic-100000.csv` \
             from `cargo xtask fixtures` (the core's `synthetic::synthetic_csv`: all 38 districts and \
             counties of Chongqing, many indicators, ten years), added to the embedded figures \
             through the app's import dialog (mode \"add\")."
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_files_a_page_loads() {
        let html = r##"<link rel="icon" href="data:," /><script src="./loader-1.js" defer></script>
<link rel="stylesheet" href="./style-2.css" integrity="x"/><link rel="modulepreload" href="./app-3.js">
<a href="https://example.org/">x</a><a href="#main">y</a><a href="../up.html">z</a><a href="offline.html">o</a>"##;
        assert_eq!(local_refs(html), vec!["loader-1.js", "style-2.css", "app-3.js"]);
        assert_eq!(role_of("loader-1.js"), "loader");
        assert_eq!(role_of("app-3.js"), "glue");
        assert_eq!(role_of("app-3_bg.wasm"), "wasm");
        assert_eq!(role_of("style-2.css"), "css");
    }

    #[test]
    fn compressed_sizes_are_smaller_for_repetitive_text() {
        let text = "重庆区县工业发展数据浏览器 ".repeat(500);
        let raw = text.len() as u64;
        let (gz, br) = (gzip_len(text.as_bytes()), brotli_len(text.as_bytes()));
        assert!(gz < raw / 10 && br < raw / 10, "{raw} {gz} {br}");
        // A gzip stream has at least its 18 bytes of header and trailer.
        assert!(gzip_len(b"") >= 18);
    }

    #[test]
    fn finds_the_result_line() {
        let out = "noise\nBENCH_RESULT {\"a\":1}\n";
        assert_eq!(result_line(out), Some("{\"a\":1}"));
        assert_eq!(result_line("nothing"), None);
    }

    #[test]
    fn dates_and_numbers_read_right() {
        assert_eq!(utc_string(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_string(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc_string(1_795_320_000), "2026-11-22 04:00 UTC");
        assert_eq!(group(100_000), "100,000");
        assert_eq!(group(231), "231");
        assert_eq!(group(1_000), "1,000");
    }

    fn report(browser: Result<Value, String>) -> Report {
        Report {
            date: "2026-01-01 00:00 UTC".into(),
            machine: Machine {
                cpu: "cpu".into(),
                cores: "2".into(),
                memory: "1 GiB".into(),
                os: "os".into(),
                chromium: "c".into(),
                rustc: "r".into(),
                node: "n".into(),
            },
            load_before: String::new(),
            load_after: String::new(),
            causes: Err("not built".into()),
            sizes: Ok(Sizes {
                first_load: vec![
                    file_size(Path::new("/nonexistent"), "index.html".into(), "page", b"<html>"),
                    FileSize {
                        name: "a_bg.wasm".into(),
                        role: "wasm",
                        raw: 900_000,
                        gzip: 300_000,
                        brotli: 250_000,
                    },
                ],
                on_import: Vec::new(),
                offline: Err("dist/offline.html: missing".into()),
            }),
            browser,
            fixtures_error: None,
            build_s: 1.0,
            browser_s: 1.0,
            total_s: 2.0,
        }
    }

    #[test]
    fn the_import_is_judged_by_its_time_and_its_longest_frame_gap() {
        let rows = import_rows(
            &serde_json::json!({"runs": 5, "check_ms": 700, "import_ms": 950, "after_confirm_ms": 230.4, "frame_gap_ms": 61.5, "frame_gap_max_ms": 80}),
            "100,000 figures",
        );
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].status, Status::Met, "950 ms is within 1.0 s");
        assert_eq!(rows[0].measured, "950 ms (700 ms; 230 ms)");
        assert!(rows[0].figure.contains("median of 5 imports"), "{}", rows[0].figure);
        assert_eq!(rows[1].measured, "61.5 ms (worst of 5: 80.0 ms)");
        assert_eq!(rows[1].status, Status::Missed, "a 61.5 ms gap is over 50 ms");
        let rows = import_rows(&Value::Null, "100,000 figures");
        assert!(rows.iter().all(|r| r.status == Status::Failed));
    }

    #[test]
    fn budgets_are_judged_and_failures_reported_not_fatal() {
        let r = report(Err("node missing".into()));
        let md = r.markdown();
        assert!(md.contains("| **missed** |"), "300 KB gzip is over 160 KB:\n{md}");
        assert!(md.contains("failed: node missing"), "{md}");
        assert!(md.contains("`dist/offline.html` | dist/offline.html: missing"), "{md}");

        let browser = serde_json::json!({
            "chromium": "1", "view": "compare", "viewport": {"width": 1280, "height": 900},
            "loads": {"runs": 7, "first_chart_ms": {"median": 140.0, "min": 120.0, "max": 300.0},
                      "interactive_ms": {"median": 280.0, "min": 1.0, "max": 2.0}},
            "loads_phone": {"viewport": {"width": 360, "height": 740}, "runs": 7, "first_chart_ms": {"median": 160.0, "min": 130.0, "max": 310.0},
                      "interactive_ms": {"median": 290.0, "min": 1.0, "max": 2.0}},
            "sizes": {
                "embedded": {"figures": 231, "expected_figures": 231, "interactions": {}, "memory": {}},
                "10000": {"figures": 10231, "expected_figures": 10231,
                    "interactions": {"indicator": {"changes": 32, "latency_ms": {"p50": 5.0, "p95": 15.0}},
                                     "sort": {"error": "10000 sort: boom"}},
                    "memory": {"peak": {"total": 2e7, "js": 1e7, "wasm": 1e7, "when": "after sort"}}},
                "100000": {"error": "size 100000: import failed"}
            },
            "errors": ["10000 sort: boom"]
        });
        let md = report(Ok(browser.clone())).markdown();
        assert!(
            md.contains("| moment | 1280 × 900: median | min | max | 360 × 740: median |"),
            "{md}"
        );
        assert!(md.contains("| first `figure.chart svg` in the DOM | 140.0 | 120.0 | 300.0 | 160.0 | 130.0 | 310.0 |"), "{md}");
        let rows = report(Ok(browser)).rows();
        let find = |s: &str| {
            rows.iter().find(|r| r.figure.contains(s)).unwrap_or_else(|| panic!("no row {s}"))
        };
        assert_eq!(find("first chart").status, Status::Met);
        let phone = find("first chart drawn at 360 × 740 px");
        assert_eq!(phone.status, Status::Missed, "160 ms at a phone's width is over 150");
        assert_eq!(phone.measured, "160 ms (130 ms–310 ms)");
        assert_eq!(find("indicator (`#f-indicator`) at 10,000").status, Status::Met);
        assert_eq!(find("sort the table (`th button.sort`) at 10,000").status, Status::Failed);
        assert_eq!(find("at 100,000").status, Status::Failed);
        assert_eq!(find("peak memory at 10,000").status, Status::NoBudget);
        assert_eq!(
            find("type in the search box (`#f-search`), one key at 10,000").status,
            Status::Failed
        );
    }
}
