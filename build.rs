//! Embeds `static/data/` into the app: writes `$OUT_DIR/embedded_data.rs`, a slice of
//! `(path under static/data, include_str!(file))` for the catalogue files and every
//! `facts/*.json`, in a stable order. Validation happens in `dataset.rs`, not here.

use std::{env, fs, path::Path};

fn main() {
    // At run time, not compile time: a build script compiled in another checkout (a
    // copied target/) must still embed this checkout's data.
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("static/data");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files: Vec<String> = ["sources.json", "districts.json", "indicators.json"]
        .iter()
        .map(|s| s.to_string())
        .collect();
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
    for f in &files {
        let path = root.join(f);
        println!("cargo:rerun-if-changed={}", path.display());
        out.push_str(&format!(
            "    ({f:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push(']');
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("embedded_data.rs");
    fs::write(dest, out).unwrap();
}
