//! Embeds `static/data/` into the app. Reads the catalogue files and every
//! `facts/*.json` (in a stable order) with the crate's own loader (`src/dataset/load.rs`,
//! the serde schema of `src/model/`) and writes, in `$OUT_DIR`:
//! - `embedded_strings.txt` and `embedded_records.bin`: the compact form the app decodes
//!   at start without serde_json (`src/dataset/compact.rs`), parse errors included;
//! - `embedded_data.rs`: the JSON files as a slice of `(path under static/data,
//!   include_str!(file))`, which only native tests and tools compile;
//! - `map_data.rs`: the map's outlines (`static/map/chongqing.json`, written by `cargo
//!   xtask map`) as one Rust constant, so the app holds no JSON parser for them
//!   (`src/chart/map/outlines.rs`).
//!
//! Validation happens in `src/dataset/`, on the decoded records, not here.

use std::{env, fs, path::Path};

// The crate's own schema and loader, compiled into the build script.
#[allow(dead_code)]
#[path = "src/dataset/compact.rs"]
mod compact;
#[allow(dead_code)]
#[path = "src/dataset/load.rs"]
mod load;
#[allow(dead_code, unused_imports)]
#[path = "src/model/mod.rs"]
mod model;

/// The page's wasm stack (the shadow stack in linear memory, below the data; LLVM's
/// default is 1 MiB). The deepest the page goes is about 12 KiB (load, every view, an
/// import of 10,000 figures shown, a long URL), so 128 KiB leaves ten times that, and
/// the page's memory is 896 KiB smaller (issue #14). The import worker keeps the default.
const PAGE_STACK_BYTES: u32 = 128 * 1024;

fn main() {
    if env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32") {
        println!("cargo:rustc-link-arg-bin=cq-explorer=-zstack-size={PAGE_STACK_BYTES}");
    }
    // At run time, not compile time: a build script compiled in another checkout (a
    // copied target/) must still embed this checkout's data.
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    for src in [
        "src/model/mod.rs",
        "src/model/sets.rs",
        "src/model/gazetteer.rs",
        "src/dataset/load.rs",
        "src/dataset/compact.rs",
    ] {
        println!("cargo:rerun-if-changed={}", Path::new(&manifest).join(src).display());
    }
    let root = Path::new(&manifest).join("static/data");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files: Vec<String> = load::CATALOGUE.iter().map(|s| s.to_string()).collect();
    let facts_dir = root.join("facts");
    println!("cargo:rerun-if-changed={}", facts_dir.display());
    let mut facts: Vec<String> = fs::read_dir(&facts_dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".json"))
                .map(|n| format!("facts/{n}"))
                .collect()
        })
        .unwrap_or_default();
    facts.sort();
    files.extend(facts);
    let mut out = String::from("&[\n");
    let mut texts = Vec::new();
    for f in &files {
        let path = root.join(f);
        println!("cargo:rerun-if-changed={}", path.display());
        out.push_str(&format!("    ({f:?}, include_str!({:?})),\n", path.display().to_string()));
        // A file that cannot be read is missing: the loader reports the catalogue's.
        if let Ok(text) = fs::read_to_string(&path) {
            texts.push((f.as_str(), text));
        }
    }
    out.push(']');
    let dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let dir = Path::new(&dir);
    fs::write(dir.join("embedded_data.rs"), out).expect("OUT_DIR is writable");
    let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let (records, errors) = load::parse_files(&refs);
    let (strings, bytes) = compact::encode(&records, &errors);
    fs::write(dir.join("embedded_strings.txt"), strings).expect("OUT_DIR is writable");
    fs::write(dir.join("embedded_records.bin"), bytes).expect("OUT_DIR is writable");

    let map = Path::new(&manifest).join("static/map/chongqing.json");
    println!("cargo:rerun-if-changed={}", map.display());
    let text = fs::read_to_string(&map).expect("static/map/chongqing.json is readable");
    let literal = map_literal(&text)
        .expect("static/map/chongqing.json has its fields: write it again with `cargo xtask map`");
    fs::write(dir.join("map_data.rs"), literal).expect("OUT_DIR is writable");
}

/// The map file as the constant `outlines::RawMap`: `(credit_zh, credit_en, width,
/// height, inset from, inset to, [(code, zh, en, inset, label, path)])`.
fn map_literal(text: &str) -> Option<String> {
    use serde_json::Value;
    let v: Value = serde_json::from_str(text).ok()?;
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(|s| format!("{s:?}"));
    let nums = |v: &Value, n: usize| -> Option<String> {
        let a: Vec<f64> = v.as_array()?.iter().map(Value::as_f64).collect::<Option<_>>()?;
        (a.len() == n).then(|| format!("{a:?}"))
    };
    let mut districts = String::new();
    for d in v.get("districts")?.as_array()? {
        districts.push_str(&format!(
            "    ({}, {}, {}, {}, {}, {}),\n",
            s(d, "code")?,
            s(d, "zh")?,
            s(d, "en")?,
            d.get("inset")?.as_bool()?,
            nums(d.get("label")?, 2)?,
            s(d, "path")?
        ));
    }
    let f = |k: &str| v.get(k).and_then(Value::as_f64).map(|x| format!("{x:?}"));
    let inset = v.get("inset")?;
    Some(format!(
        "(\n    {},\n    {},\n    {},\n    {},\n    {},\n    {},\n    &[\n{districts}    ],\n)\n",
        s(&v, "credit_zh")?,
        s(&v, "credit_en")?,
        f("width")?,
        f("height")?,
        nums(inset.get("from")?, 4)?,
        nums(inset.get("to")?, 4)?
    ))
}
