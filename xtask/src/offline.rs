//! Writes `dist/offline.html`: Trunk's page with the stylesheet inlined, the
//! wasm-bindgen glue inlined as a module script, and the wasm embedded gzip-compressed
//! (maximum compression) as text, inflated in the page by the browser's
//! `DecompressionStream('gzip')` and started with the async `WebAssembly.instantiate`
//! (never a synchronous compile). A browser without `DecompressionStream` says so in the
//! loading text, in Chinese then English, instead of leaving the page blank.
//! The result needs no other file, so it works from `file://` wherever it is copied.
//!
//! The text carries 7 bits a character (`text7`) rather than base64's 6: the gzip of
//! the wasm is about 430 KB, 575 KB as base64 but about 515 KB this way, which keeps
//! the whole file under the 600 KB budget (README "Offline copy").

use std::path::{Path, PathBuf};

/// 7-bit values that cannot stand for themselves in a JS string literal inside an HTML
/// `<script>`: NUL (the HTML parser replaces it), LF and CR (line ends; the parser turns
/// CR into LF), `"` and `\` (the literal's delimiter and escape), `<` (could start
/// `</script` or `<!--`). Each is written as the character U+0100 + value (two UTF-8
/// bytes), which the page reads back with `& 127`.
const TEXT7_ESCAPED: [u32; 6] = [
    0,
    b'\n' as u32,
    b'\r' as u32,
    b'"' as u32,
    b'<' as u32,
    b'\\' as u32,
];

/// The bytes as text, 7 bits a character, most significant bit first; the last
/// character is padded with zero bits. The page's `bytesOf` is the inverse.
pub fn text7(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 7 + 2);
    let mut push = |v: u32| {
        let code = if TEXT7_ESCAPED.contains(&v) {
            0x100 + v
        } else {
            v
        };
        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
    };
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 7 {
            bits -= 7;
            push((acc >> bits) & 0x7f);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        push((acc << (7 - bits)) & 0x7f);
    }
    out
}

/// The page's side of `text7`: the bytes back from the text (the page's bootstrap and
/// the worker's each hold it as `{bytes_of}`).
const BYTES_OF: &str = r#"const bytesOf = (text, n) => {
  const out = new Uint8Array(n);
  let acc = 0, bits = 0, j = 0;
  for (let i = 0; j < n; i++) {
    acc = (acc << 7) | (text.charCodeAt(i) & 127);
    bits += 7;
    if (bits >= 8) { bits -= 8; out[j++] = acc >> bits; acc &= (1 << bits) - 1; }
  }
  return out;
};"#;

/// The page's side of `text7` and the inflating, then the wasm started by the glue's
/// async init. `{bytes_of}`, `{text}` and `{len}` are filled in by `write_offline`.
const BOOTSTRAP: &str = r#"// offline bootstrap: the embedded wasm (gzip, 7 bits a character), inflated by the browser, instantiated asynchronously.
{bytes_of}
if (typeof DecompressionStream !== "function") {
  const status = document.querySelector(".loading");
  if (status) {
    const en = document.createElement("span");
    en.lang = "en";
    en.textContent = "This browser cannot unpack the embedded explorer (it lacks DecompressionStream): open this file in a recent Chrome, Edge, Firefox or Safari.";
    status.replaceChildren("此浏览器无法解压内嵌的数据浏览器（缺少 DecompressionStream）：请用较新版本的 Chrome、Edge、Firefox 或 Safari 打开此文件。 ", en);
  }
  throw new Error("DecompressionStream is missing");
}
const gz = new Blob([bytesOf("{text}", {len})]).stream().pipeThrough(new DecompressionStream("gzip"));
const wasmBytes = new Uint8Array(await new Response(gz).arrayBuffer());
await __wbg_init({ module_or_path: wasmBytes });
"#;

/// The import worker's script (`src/worker.rs`) as served: its wasm-bindgen glue
/// (`--target no-modules`, by Trunk's `data-type="worker"`, unhashed) and its wasm.
pub const WORKER_GLUE: &str = "import-worker.js";
pub const WORKER_WASM: &str = "import-worker_bg.wasm";
/// The script the page starts the worker with (`WORKER_URL` in `src/ui/import.rs`).
pub const WORKER_LOADER: &str = "import-worker_loader.js";

/// When the worker's wasm does not start, the page is told (`fault`), so the dialog
/// says so instead of waiting for a worker that will never answer.
const WORKER_FAULT: &str =
    ".catch((e) => self.postMessage({ t: \"fault\", why: String(e && e.message || e) }));";

/// Writes the worker's loader script: the glue, then the wasm started with the
/// glue's async init.
pub fn write_worker_loader(dist: &Path) -> Result<PathBuf, String> {
    let out = dist.join(WORKER_LOADER);
    let js = format!(
        "importScripts(\"./{WORKER_GLUE}\");\nwasm_bindgen({{ module_or_path: \"./{WORKER_WASM}\" }}){WORKER_FAULT}\n"
    );
    std::fs::write(&out, js).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(out)
}

/// The import worker offline: its glue and its wasm (gzip, 7 bits a character, as the
/// page's) inside one function that the page never calls; the function's source text
/// becomes the worker's script, started from a blob URL (`file://` allows no other).
/// `{glue}`, `{bytes_of}`, `{text}` and `{len}` are filled in by `write_offline`.
const WORKER_BOOT: &str = r#"// the import worker: this function's text is its script, started from a blob URL.
function cqImportWorkerMain() {
{glue}
{bytes_of}
// (no Blob here: WebKit cannot read a Blob in a worker started from file://)
const gz = new Response(bytesOf("{text}", {len})).body.pipeThrough(new DecompressionStream("gzip"));
new Response(gz).arrayBuffer().then((b) => wasm_bindgen({ module_or_path: new Uint8Array(b) })){fault}
}
globalThis.cqImportWorker = URL.createObjectURL(new Blob(["(" + cqImportWorkerMain + ")();"], { type: "text/javascript" }));
"#;

pub fn write_offline(dist: &Path) -> Result<PathBuf, String> {
    let read = |name: &str| {
        std::fs::read_to_string(dist.join(name))
            .map_err(|e| format!("{}: {e}", dist.join(name).display()))
    };
    let mut html = read("index.html")?;

    // Trunk's loader (or ours, when `cargo xtask offline` runs on a built dist/), its
    // preload hints and the stylesheet link go; their content comes inline.
    let loader = match take_element(&mut html, "<script type=\"module\">", "</script>") {
        Some(inline) => inline,
        None => {
            let name = crate::csp::external_loader_name(&html)
                .ok_or("dist/index.html has no Trunk loader script")?
                .to_string();
            take_element(&mut html, "<script src=\"./loader-", "</script>");
            read(&name)?
        }
    };
    let (glue_name, wasm_name) =
        crate::csp::asset_names(&loader).ok_or("the loader names no JS glue or no wasm")?;
    while take_element(&mut html, "<link rel=\"modulepreload\"", ">").is_some() {}
    while take_element(&mut html, "<link rel=\"preload\"", ">").is_some() {}
    let mut css = String::new();
    while let Some(link) = take_element(&mut html, "<link rel=\"stylesheet\"", ">") {
        let href = attr(&link, "href").ok_or("a stylesheet link without href")?;
        css.push_str(&read(href.trim_start_matches("./"))?);
    }

    let glue = read(glue_name.trim_start_matches("./"))?;
    let wasm = std::fs::read(dist.join(wasm_name.trim_start_matches("./")))
        .map_err(|e| format!("{wasm_name}: {e}"))?;
    let gz = crate::compress::gzip(&wasm);
    let worker_glue = read(WORKER_GLUE)?;
    let worker_wasm =
        std::fs::read(dist.join(WORKER_WASM)).map_err(|e| format!("{WORKER_WASM}: {e}"))?;
    let worker_gz = crate::compress::gzip(&worker_wasm);
    let worker = fill(
        WORKER_BOOT,
        &[
            ("{bytes_of}", BYTES_OF),
            ("{len}", &worker_gz.len().to_string()),
            ("{text}", &text7(&worker_gz)),
            ("{glue}", &worker_glue.replace("</script", "<\\/script")),
            ("{fault}", WORKER_FAULT),
        ],
    );
    let boot = fill(
        BOOTSTRAP,
        &[
            ("{bytes_of}", BYTES_OF),
            ("{len}", &gz.len().to_string()),
            ("{text}", &text7(&gz)),
        ],
    );
    // The worker first: the bootstrap (from its marker on) stays the main wasm's alone.
    let script = format!(
        "<script type=\"module\">\n{worker}\n{glue}\n{boot}</script>",
        glue = glue.replace("</script", "<\\/script"),
    );
    let style = format!("<style>\n{}\n</style>", css.replace("</style", "<\\/style"));
    let head_end = html
        .find("</head>")
        .ok_or("dist/index.html has no </head>")?;
    html.insert_str(head_end, &format!("{style}\n{script}\n"));
    let out = dist.join("offline.html");
    std::fs::write(&out, html).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(out)
}

/// `template` with each key's first occurrence replaced by its value, in one pass, so a
/// value never has its own text taken for a later key.
fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + pairs.iter().map(|p| p.1.len()).sum::<usize>());
    let mut rest = template;
    let mut done = vec![false; pairs.len()];
    loop {
        let next = pairs
            .iter()
            .enumerate()
            .filter(|(i, _)| !done[*i])
            .filter_map(|(i, (k, _))| rest.find(k).map(|at| (at, i)))
            .min();
        let Some((at, i)) = next else {
            out.push_str(rest);
            return out;
        };
        done[i] = true;
        out.push_str(&rest[..at]);
        out.push_str(pairs[i].1);
        rest = &rest[at + pairs[i].0.len()..];
    }
}

/// Removes the first element starting with `start` through the next `end`, returning it.
fn take_element(html: &mut String, start: &str, end: &str) -> Option<String> {
    let a = html.find(start)?;
    let b = a + html[a..].find(end)? + end.len();
    Some(html.drain(a..b).collect())
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let rest = &tag[tag.find(&key)? + key.len()..];
    Some(&rest[..rest.find('"')?])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `bytesOf` of the page's bootstrap, in Rust.
    fn bytes_of(text: &str, n: usize) -> Vec<u8> {
        let (mut out, mut acc, mut bits) = (Vec::with_capacity(n), 0u32, 0u32);
        for c in text.chars() {
            acc = (acc << 7) | (u32::from(c) & 127);
            bits += 7;
            if bits >= 8 && out.len() < n {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        out
    }

    #[test]
    fn fill_never_takes_a_value_for_a_later_key() {
        assert_eq!(
            fill("a{x}b{y}c", &[("{y}", "Y"), ("{x}", "{y}")]),
            "a{y}bYc"
        );
        assert_eq!(fill("{x}{x}", &[("{x}", "1")]), "1{x}");
    }

    #[test]
    fn text7_round_trips_and_is_safe_in_a_script_string() {
        let all: Vec<u8> = (0..=255u8).cycle().take(3001).collect();
        let gz = crate::compress::gzip(b"<script>\"\\\r\n\0 wasm");
        for bytes in [&[][..], &[0], &[255, 0, 60], &all, &gz] {
            let text = text7(bytes);
            assert_eq!(bytes_of(&text, bytes.len()), bytes, "{bytes:?}");
            assert!(
                !text.contains(['\0', '\n', '\r', '"', '<', '\\']),
                "raw unsafe character in {text:?}"
            );
            // 8/7 characters a byte, and at most two UTF-8 bytes a character.
            assert_eq!(text.chars().count(), (bytes.len() * 8).div_ceil(7));
        }
        // Random-looking bytes (compressed data) cost about 8/7 × (1 + 6/128) bytes each.
        let noise: Vec<u8> = (0..70_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let len = text7(&noise).len();
        assert!(len < noise.len() * 6 / 5, "{len} for {} bytes", noise.len());
    }
}
