//! What the wasm's bytes are, by cause: the release build as cargo writes it
//! (`target/wasm32-unknown-unknown/release/cq-explorer.wasm`, before wasm-bindgen and
//! wasm-opt), which keeps the "name" section, so every function body is attributed by
//! its (demangled) name to one of our modules, a dependency or a kind of generic code,
//! and every data segment by its name. Shallow bytes: a function counts once, where it
//! is defined, whatever calls it. The code and data sections are read here (no
//! dependency); the custom sections (names, wasm-bindgen's description) are listed
//! apart, as nothing ships them.
//!
//! `BEFORE` is the breakdown of main's HEAD build before the cuts of issue #14 (bytes
//! by cause, tab-separated), written by `cargo xtask bench record-before WASM` (`record_before`).

use std::collections::BTreeMap;
use std::path::Path;

/// Writes `causes-before.tsv` from a names-kept release wasm (main's HEAD build at the
/// time): `cargo xtask bench record-before PATH.wasm`.
pub fn record_before(wasm: &Path, root: &Path) -> Result<(), String> {
    let causes = measure(wasm, &root.join("src"))?;
    let tsv: String = causes.iter().map(|(c, b)| format!("{c}\t{b}\n")).collect();
    let out = root.join("xtask/src/bench/causes-before.tsv");
    std::fs::write(&out, tsv).map_err(|e| format!("{}: {e}", out.display()))
}

/// The breakdown before issue #14's cuts: `cause<TAB>bytes` lines.
pub const BEFORE: &str = include_str!("causes-before.tsv");

/// Bytes by cause, largest first.
pub type Causes = Vec<(String, u64)>;

/// Reads the names-kept wasm at `wasm` and sums its bytes by cause; `src` is the crate's
/// `src/` folder, whose files name our modules.
pub fn measure(wasm: &Path, src: &Path) -> Result<Causes, String> {
    let bytes = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let modules = our_modules(src);
    let parsed = parse(&bytes).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let mut sums: BTreeMap<String, u64> = BTreeMap::new();
    for (i, size) in parsed.bodies.iter().enumerate() {
        let index = parsed.imported_functions + i as u32;
        let cause = match parsed.function_names.get(&index) {
            Some(name) => cause_of(&format!("{:#}", rustc_demangle::demangle(name)), &modules),
            None => "code without a name".to_string(),
        };
        *sums.entry(cause).or_default() += size;
    }
    for (i, size) in parsed.data.iter().enumerate() {
        let name = parsed.data_names.get(&(i as u32)).map_or("?", String::as_str);
        let cause = if name == ".rodata" {
            "data: .rodata (embedded data files, map outlines, string literals, tables)".to_string()
        } else {
            format!("data: {name}")
        };
        *sums.entry(cause).or_default() += size;
    }
    for (name, size) in parsed.custom {
        *sums.entry(format!("custom section `{name}` (not shipped)")).or_default() += size;
    }
    *sums
        .entry("export section (mostly wasm-bindgen's descriptors; not shipped)".into())
        .or_default() += parsed.exports;
    *sums
        .entry("other sections (types, imports, tables, globals, elements, headers)".into())
        .or_default() += parsed.other;
    let mut out: Causes = sums.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(out)
}

/// `BEFORE` read back.
pub fn before() -> Causes {
    BEFORE
        .lines()
        .filter_map(|l| {
            let (cause, bytes) = l.rsplit_once('\t')?;
            Some((cause.to_string(), bytes.trim().parse().ok()?))
        })
        .collect()
}

/// Whether a cause is shipped (the custom sections, the exports and the descriptor
/// functions are not: wasm-bindgen and wasm-opt drop them).
pub fn shipped(cause: &str) -> bool {
    !cause.contains("not shipped")
}

/// Our module paths, from the files under `src/`: "dataset", "ui", "ui::import", ….
fn our_modules(src: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut walk = vec![(src.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = walk.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            let path = e.path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let module =
                if prefix.is_empty() { stem.to_string() } else { format!("{prefix}::{stem}") };
            if path.is_dir() {
                walk.push((path.clone(), module.clone()));
                out.push(module);
            } else if path.extension().is_some_and(|x| x == "rs")
                && !["mod", "lib", "main"].contains(&stem)
            {
                out.push(module);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The cause of a function, from its demangled name.
fn cause_of(name: &str, modules: &[String]) -> String {
    // Crate hashes such as `core[c5930c85a12de822]` and the symbol hash `::h0123…`.
    let mut clean = String::with_capacity(name.len());
    let mut skip = false;
    for c in name.chars() {
        match c {
            '[' => skip = true,
            ']' if skip => skip = false,
            _ if !skip => clean.push(c),
            _ => {}
        }
    }
    let name = clean.as_str();
    if name.starts_with("__wbindgen_describe") {
        return "wasm-bindgen descriptor functions (not shipped)".into();
    }
    let glue = name.starts_with("__wbindgen")
        || name.starts_with("__externref")
        || name.starts_with("__wbg")
        || name.contains("wasm_bindgen");
    if glue && !name.trim_start_matches('<').starts_with("cq_explorer") {
        return "wasm-bindgen, js-sys, web-sys glue".into();
    }
    if name.contains("core::fmt::float")
        || name.contains("flt2dec")
        || name.contains("dec2flt")
        || name.contains("zmij")
        || name.contains("ryu::")
    {
        return "float formatting and parsing (core flt2dec/dec2flt, zmij, ryu)".into();
    }
    if name.contains("core::slice::sort") {
        return "slice sorts (core, one copy per element type and comparer)".into();
    }
    let krate = crate_of(name);
    match krate {
        "cq_explorer" => {
            if name.contains("serde::") || name.contains("serde_core::") {
                return "serde derives of our types".into();
            }
            let path = name.trim_start_matches('<');
            let path = path.split([' ', '<', '>', '(']).next().unwrap_or("");
            let segs: Vec<&str> = path.split("::").skip(1).collect();
            let mut best = String::new();
            for n in 1..=segs.len() {
                let candidate = segs[..n].join("::");
                if modules.contains(&candidate) {
                    best = candidate;
                }
            }
            if best.is_empty() {
                "ours: crate root".into()
            } else {
                format!("ours: {best}")
            }
        }
        "core" | "alloc" | "std" if name.contains("core::fmt") || name.contains("::fmt::") => {
            "fmt (core::fmt, Display/Debug impls)".into()
        }
        "core" | "alloc" | "std" if name.contains("drop_in_place") => {
            "drop glue (core::ptr::drop_in_place)".into()
        }
        "core" | "alloc" | "std" => "core/alloc/std generics and runtime".into(),
        "yew" | "implicit_clone" | "gloo" | "gloo_events" | "gloo_utils" | "slab" | "prokio"
        | "pinned" => "yew (and its helpers)".into(),
        "js_sys" | "web_sys" | "wasm_bindgen_futures" | "wasm_bindgen" => {
            "wasm-bindgen, js-sys, web-sys glue".into()
        }
        "serde" | "serde_core" | "serde_json" => "serde_json and serde".into(),
        "csv" | "csv_core" => "csv".into(),
        "hashbrown" | "indexmap" => "hashbrown and indexmap".into(),
        "plotters" | "plotters_backend" | "plotters_svg" => "plotters".into(),
        "str" | "char" | "usize" | "isize" | "u8" | "u16" | "u32" | "u64" | "i32" | "i64"
        | "f32" | "f64" | "bool" => "core/alloc/std generics and runtime".into(),
        "dlmalloc" | "__rustc" | "compiler_builtins" | "memcmp" | "memcpy" | "memset"
        | "memmove" | "__multi3" | "__muloti4" | "pow" | "log10" | "round" | "roundf" | "fmax"
        | "fmin" | "hypotf" => "allocator and compiler builtins".into(),
        "" => "code without a path".into(),
        "main" => "ours: crate root".into(),
        _ if name.ends_with(|c: char| c.is_ascii_hexdigit()) && !name.contains("::") => {
            "wasm-bindgen, js-sys, web-sys glue".into()
        }
        other => format!("crate {other}"),
    }
}

/// The crate a function belongs to: its path's first segment; for `<T as Trait>::f`
/// with a generic or primitive `T`, the trait's crate.
fn crate_of(name: &str) -> &str {
    let first = |s: &str| -> usize {
        s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len())
    };
    if let Some(rest) = name.strip_prefix('<') {
        let rest = rest
            .trim_start_matches(['&', '*'])
            .trim_start_matches("mut ")
            .trim_start_matches("const ");
        let end = first(rest);
        let head = &rest[..end];
        if rest[end..].starts_with("::") {
            return head;
        }
        if let Some(i) = rest.find(" as ") {
            let t = &rest[i + 4..];
            return &t[..first(t)];
        }
        return head;
    }
    &name[..first(name)]
}

struct Parsed {
    imported_functions: u32,
    /// Size of each function body with its length prefix, in index order.
    bodies: Vec<u64>,
    /// Size of each data segment's bytes.
    data: Vec<u64>,
    function_names: BTreeMap<u32, String>,
    data_names: BTreeMap<u32, String>,
    custom: Vec<(String, u64)>,
    exports: u64,
    other: u64,
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, String> {
        let v = *self.b.get(self.at).ok_or("unexpected end")?;
        self.at += 1;
        Ok(v)
    }
    fn leb(&mut self) -> Result<u64, String> {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let b = self.byte()?;
            if shift < 64 {
                v |= u64::from(b & 0x7f) << shift;
            }
            shift += 7;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
    }
    fn take(&mut self, n: u64) -> Result<&'a [u8], String> {
        let n = usize::try_from(n).map_err(|_| "too long")?;
        let end = self.at.checked_add(n).filter(|&e| e <= self.b.len()).ok_or("unexpected end")?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn name(&mut self) -> Result<String, String> {
        let n = self.leb()?;
        Ok(String::from_utf8_lossy(self.take(n)?).into_owned())
    }
    fn done(&self) -> bool {
        self.at >= self.b.len()
    }
    /// Skips a constant expression (up to its `end`).
    fn skip_expr(&mut self) -> Result<(), String> {
        loop {
            match self.byte()? {
                0x0b => return Ok(()),
                0x41 | 0x42 | 0x23 => {
                    self.leb()?;
                }
                op => return Err(format!("unexpected opcode {op:#x} in a data offset")),
            }
        }
    }
}

fn parse(bytes: &[u8]) -> Result<Parsed, String> {
    if bytes.len() < 8 || &bytes[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut p = Parsed {
        imported_functions: 0,
        bodies: Vec::new(),
        data: Vec::new(),
        function_names: BTreeMap::new(),
        data_names: BTreeMap::new(),
        custom: Vec::new(),
        exports: 0,
        other: 8,
    };
    let mut r = Reader { b: bytes, at: 8 };
    while !r.done() {
        let start = r.at;
        let id = r.byte()?;
        let len = r.leb()?;
        let header = (r.at - start) as u64;
        let body = r.take(len)?;
        let mut s = Reader { b: body, at: 0 };
        match id {
            0 => {
                let name = s.name()?;
                if name == "name" {
                    read_names(&mut s, &mut p)?;
                }
                p.custom.push((name, header + len));
            }
            2 => {
                p.other += header + len;
                for _ in 0..s.leb()? {
                    s.name()?;
                    s.name()?;
                    match s.byte()? {
                        0 => {
                            s.leb()?;
                            p.imported_functions += 1;
                        }
                        1 => {
                            s.byte()?;
                            skip_limits(&mut s)?;
                        }
                        2 => skip_limits(&mut s)?,
                        3 => {
                            s.byte()?;
                            s.byte()?;
                        }
                        4 => {
                            s.byte()?;
                            s.leb()?;
                        }
                        k => return Err(format!("unknown import kind {k}")),
                    }
                }
            }
            10 => {
                p.other += header;
                let count_start = s.at;
                let count = s.leb()?;
                p.other += (s.at - count_start) as u64;
                for _ in 0..count {
                    let at = s.at;
                    let n = s.leb()?;
                    s.take(n)?;
                    p.bodies.push((s.at - at) as u64);
                }
            }
            11 => {
                p.other += header;
                let count_start = s.at;
                let count = s.leb()?;
                p.other += (s.at - count_start) as u64;
                for _ in 0..count {
                    let at = s.at;
                    match s.leb()? {
                        0 => s.skip_expr()?,
                        1 => {}
                        2 => {
                            s.leb()?;
                            s.skip_expr()?;
                        }
                        f => return Err(format!("unknown data segment flags {f}")),
                    }
                    let n = s.leb()?;
                    s.take(n)?;
                    p.data.push((s.at - at) as u64);
                }
            }
            7 => p.exports += header + len,
            _ => p.other += header + len,
        }
    }
    Ok(p)
}

fn skip_limits(s: &mut Reader) -> Result<(), String> {
    let flags = s.byte()?;
    s.leb()?;
    if flags & 1 != 0 {
        s.leb()?;
    }
    Ok(())
}

/// The "name" section's function names (subsection 1) and data segment names (9).
fn read_names(s: &mut Reader, p: &mut Parsed) -> Result<(), String> {
    while !s.done() {
        let id = s.byte()?;
        let len = s.leb()?;
        let mut sub = Reader { b: s.take(len)?, at: 0 };
        let map = match id {
            1 => &mut p.function_names,
            9 => &mut p.data_names,
            _ => continue,
        };
        for _ in 0..sub.leb()? {
            let index = u32::try_from(sub.leb()?).map_err(|_| "index too large")?;
            map.insert(index, sub.name()?);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn modules() -> Vec<String> {
        ["dataset", "ui", "ui::import", "chart", "chart::compare", "model"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn names_find_their_cause() {
        let m = modules();
        let c = |n: &str| cause_of(n, &m);
        assert_eq!(
            c("cq_explorer::dataset::Dataset::from_files::h38c8433cf59b0384"),
            "ours: dataset"
        );
        assert_eq!(
            c("<cq_explorer::ui::import::ImportDialog as yew::functional::FunctionProvider>::run::inner::{{closure}}::h3"),
            "ours: ui::import"
        );
        assert_eq!(
            c("<cq_explorer::ui::Explorer as yew::functional::FunctionProvider>::run::h1"),
            "ours: ui"
        );
        assert_eq!(c("cq_explorer::chart::compare::comparison::h9"), "ours: chart::compare");
        assert_eq!(
            c("cq_explorer::model::_::<impl serde_core::de::Deserialize for cq_explorer::model::Fact>::deserialize::h1"),
            "serde derives of our types"
        );
        assert_eq!(
            c("yew::dom_bundle::subtree_root::SubtreeData::add_listener::h8"),
            "yew (and its helpers)"
        );
        assert_eq!(
            c("<&T as wasm_bindgen::convert::traits::IntoWasmAbi>::into_abi::h1"),
            "wasm-bindgen, js-sys, web-sys glue"
        );
        assert_eq!(
            c("core[c5930c85a12de822]::num::flt2dec::strategy::grisu::format_shortest_opt"),
            "float formatting and parsing (core flt2dec/dec2flt, zmij, ryu)"
        );
        assert_eq!(
            c("core::slice::sort::stable::quicksort::quicksort::haba7"),
            "slice sorts (core, one copy per element type and comparer)"
        );
        assert_eq!(
            c("<T as alloc::string::ToString>::to_string::h2"),
            "core/alloc/std generics and runtime"
        );
        assert_eq!(
            c("hashbrown::raw::RawTable<T,A>::reserve_rehash::h1"),
            "hashbrown and indexmap"
        );
        assert_eq!(
            c("<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc<dlmalloc::sys::System>>::malloc"),
            "allocator and compiler builtins"
        );
        assert_eq!(c("serde_json::de::Deserializer<R>::parse_integer::h2"), "serde_json and serde");
        assert_eq!(c("csv_core::reader::Reader::read_record::h1"), "csv");
    }

    /// A module built by hand: one imported function, two bodies named in the "name"
    /// section, one data segment named ".rodata", and a custom section.
    #[test]
    fn reads_code_data_and_names() {
        let mut w = b"\0asm\x01\0\0\0".to_vec();
        let section = |w: &mut Vec<u8>, id: u8, body: &[u8]| {
            w.push(id);
            w.push(body.len() as u8);
            w.extend_from_slice(body);
        };
        section(&mut w, 1, &[1, 0x60, 0, 0]); // type: () -> ()
        section(&mut w, 2, b"\x01\x01m\x01f\x00\x00"); // import m.f: function of type 0
        section(&mut w, 10, &[2, 2, 0, 0x0b, 4, 0, 0x01, 0x01, 0x0b]); // two bodies: 3 and 5 bytes
        section(&mut w, 11, &[1, 0, 0x41, 0, 0x0b, 3, b'a', b'b', b'c']); // one segment
        let mut names = b"\x04name".to_vec();
        let mut funcs = vec![2];
        for (index, name) in [(1u8, "cq_explorer::dataset::load::h1"), (2, "yew::f::h")] {
            funcs.extend_from_slice(&[index, name.len() as u8]);
            funcs.extend_from_slice(name.as_bytes());
        }
        names.push(1);
        names.push(funcs.len() as u8);
        names.extend_from_slice(&funcs);
        names.extend_from_slice(b"\x09\x0a\x01\x00\x07.rodata");
        section(&mut w, 0, &names);
        let p = parse(&w).unwrap();
        assert_eq!(p.imported_functions, 1);
        assert_eq!(p.bodies, [3, 5]);
        assert_eq!(p.data, [8]);
        assert_eq!(p.function_names[&1], "cq_explorer::dataset::load::h1");
        assert_eq!(p.data_names[&0], ".rodata");
        let dir = std::env::temp_dir().join(format!("cq-causes-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(dir.join("src/dataset.rs"), "").unwrap();
        std::fs::write(dir.join("m.wasm"), &w).unwrap();
        let causes = measure(&dir.join("m.wasm"), &dir.join("src")).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let get = |k: &str| causes.iter().find(|c| c.0.starts_with(k)).map(|c| c.1);
        assert_eq!(get("ours: dataset"), Some(3));
        assert_eq!(get("yew"), Some(5));
        assert_eq!(get("data: .rodata"), Some(8));
        assert_eq!(causes.iter().map(|c| c.1).sum::<u64>(), w.len() as u64, "{causes:?}");
    }
}
