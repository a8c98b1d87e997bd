//! Automation for the explorer, run as `cargo xtask <command>` (see README.md).
//!
//! - `setup`: installs whatever the build and tests need and is missing (idempotent).
//! - `build`: validates the dataset, builds a release into `dist/` with Trunk, writes
//!   the single-file `dist/offline.html`, then moves Trunk's inline loader into
//!   `dist/loader-<hash>.js` so the page passes a strict CSP (see `csp.rs`), and writes
//!   the `.gz` and `.br` of every text and wasm file for serving (see `compress.rs`).
//! - `serve`: `build`, then serves `dist/` on http://127.0.0.1:8080.
//! - `test`: every test layer, ending with a line `N passed, M failed`.
//! - `fixtures DIR`: the import test files (see `fixtures.rs`).
//! - `map`: `static/map/chongqing.json`, the district outlines (see `map.rs`; it runs
//!   xtask again with the feature `map`, which alone compiles the boundary crate).
//! - `bench`: `build`, then sizes, load times, interaction latency and memory in
//!   headless Chromium, written to BENCHMARKS.md (see `bench.rs`).

mod bench;
mod compress;
mod csp;
mod fixtures;
#[cfg(feature = "map")]
mod map;
mod offline;
mod serve;
mod testrun;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => tools::setup(tools::Need::Test),
        Some("build") => build(),
        Some("serve") => build().and_then(|()| serve::serve(&root().join("dist"), port(&args))),
        Some("serve-only") => serve::serve(&root().join("dist"), port(&args)),
        Some("offline") => offline::write_offline(&dist_arg(&args)).map(|_| ()),
        Some("loader") => csp::externalize_loader(&dist_arg(&args)).map(|_| ()),
        Some("test") => testrun::run_all(),
        Some("bench") if args.get(1).is_some_and(|a| a == "record-before") => match args.get(2) {
            Some(wasm) => bench::causes::record_before(std::path::Path::new(wasm), &root()),
            None => Err("usage: cargo xtask bench record-before PATH.wasm".to_string()),
        },
        Some("bench") => bench::run(),
        #[cfg(feature = "map")]
        Some("map") => map::run(),
        #[cfg(not(feature = "map"))]
        Some("map") => tools::run(
            tools::cmd(&std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                .args(["run", "--quiet", "-p", "xtask", "--features", "map", "--", "map"])
                .current_dir(root()),
        ),
        Some("fixtures") => fixtures::write(&args.get(1).map_or_else(fixtures_dir, PathBuf::from)),
        _ => {
            eprintln!("usage: cargo xtask <setup | build | serve [--port N] | test | bench | fixtures [DIR] | map>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the explorer's crate). `cargo run` tells xtask where its
/// manifest is at run time; the compile-time path is only a fallback, since a binary
/// built in one checkout may run in another (a copied `target/`).
pub fn root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest.parent().expect("xtask lives in the workspace").to_path_buf()
}

/// Where the end-to-end tests find the import fixtures.
pub fn fixtures_dir() -> PathBuf {
    root().join("tests/e2e/artifacts/fixtures")
}

/// The folder given after the command, else `dist/`.
fn dist_arg(args: &[String]) -> PathBuf {
    args.get(1).map_or_else(|| root().join("dist"), PathBuf::from)
}

fn port(args: &[String]) -> u16 {
    args.iter()
        .position(|a| a == "--port")
        .and_then(|i| args.get(i + 1))
        .and_then(|p| p.parse().ok())
        .or_else(|| std::env::var("PORT").ok().and_then(|p| p.parse().ok()))
        .unwrap_or(8080)
}

/// Fails with every problem when the embedded dataset does not validate, or when a
/// quote is not in its article (checked whenever the articles are there; said loudly
/// when they are not), so a bad dataset never ships.
pub fn validate() -> Result<(), String> {
    use cq_explorer::dataset::{check_article_quotes, Dataset, QuoteCheck};
    let ds = match Dataset::embedded() {
        Ok(ds) => ds,
        Err(errors) => {
            for e in &errors {
                eprintln!("  {e}");
            }
            return Err(format!(
                "the dataset has {} errors (file: record: reason above); fix static/data/",
                errors.len()
            ));
        }
    };
    println!(
        "dataset: {} facts, {} indicators, {} districts, {} sources: valid",
        ds.facts.len(),
        ds.indicators.len(),
        ds.districts.len(),
        ds.sources.len()
    );
    let check = check_article_quotes(&ds, &root());
    if let QuoteCheck::Checked { errors, .. } = &check {
        for e in errors {
            eprintln!("  {e}");
        }
    }
    if check.failed() {
        return Err(check.summary());
    }
    match check {
        QuoteCheck::Skipped { .. } => eprintln!("\n*** {} ***\n", check.summary()),
        _ => println!("{}", check.summary()),
    }
    Ok(())
}

/// Release build: dataset check, `trunk build`, `dist/offline.html`, then the external
/// loader (after offline.html, which is made from Trunk's inline loader).
pub fn build() -> Result<(), String> {
    tools::setup(tools::Need::Build)?;
    validate()?;
    tools::run(tools::cmd("trunk").args(["build", "--release"]).current_dir(root()))?;
    offline::write_worker_loader(&root().join("dist"))?;
    let offline = offline::write_offline(&root().join("dist"))?;
    println!(
        "wrote {} ({} bytes)",
        offline.display(),
        std::fs::metadata(&offline).map(|m| m.len()).unwrap_or(0)
    );
    let loader = csp::externalize_loader(&root().join("dist"))?;
    println!("wrote {} (dist/index.html has no inline script or style)", loader.display());
    // Last: every file above is final now.
    for (name, raw, gz, br) in compress::write_siblings(&root().join("dist"))? {
        println!("compressed {name}: {raw} bytes, {gz} gzip, {br} brotli (.gz and .br beside it)");
    }
    Ok(())
}
