//! Writes `dist/offline.html`: Trunk's page with the stylesheet inlined, and the
//! wasm-bindgen glue and the wasm of the page and of the import worker embedded
//! gzip-compressed (zopfli, `compress::gzip_smallest`) as text, inflated in the page by the
//! browser's `DecompressionStream('gzip')`; the page's glue is then imported as a module
//! from a blob URL and starts the wasm with its async init (never a synchronous compile).
//! A browser without `DecompressionStream` says so in the loading text, in Chinese then
//! English, instead of leaving the page blank.
//! The result needs no other file, so it works from `file://` wherever it is copied.
//!
//! The page is declared `windows-1252`, where every byte stands for one character, so the
//! compressed bytes are written almost as they are (`text8`: about 1.02 bytes a byte, where
//! UTF-8 allows at most 7 bits a byte, 1.2 bytes a byte with escapes): this keeps the whole
//! file under the 600 KB budget (README "Offline copy"). Every other character of the page
//! is ASCII: its Chinese text is written as character references, CSS or JS escapes.

use std::path::{Path, PathBuf};

/// What windows-1252 decodes the bytes 0x80–0x9F to (the page maps them back); every
/// other byte is the code point of the same value.
fn high_chars() -> String {
    let bytes: Vec<u8> = (0x80..=0x9f).collect();
    encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes).0.into_owned()
}

/// The bytes as the body of a `"…"` JS string literal inside an HTML `<script>` of a
/// windows-1252 page, one character a byte, as a string of chars U+0000–U+00FF, each one
/// byte of the file (`latin1_bytes`). Escaped: NUL (the HTML parser replaces it), LF and
/// CR (line ends; the parser turns CR into LF), `"` and `\` (the literal's delimiter and
/// escape); and `/` or `!` after `<` (`</script` would end the script, `<!--` change how
/// the parser reads it). The page's `bytesOf` is the inverse.
pub fn text8(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 103 / 100);
    for (i, &b) in bytes.iter().enumerate() {
        let next_is_digit = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        match b {
            0 if next_is_digit => out.push_str("\\x00"),
            0 => out.push_str("\\0"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'"' | b'\\' => {
                out.push('\\');
                out.push(char::from(b));
            }
            b'/' | b'!' if i > 0 && bytes[i - 1] == b'<' => {
                out.push('\\');
                out.push(char::from(b));
            }
            _ => out.push(char::from(b)),
        }
    }
    out
}

/// The file's bytes from a string of chars ≤ U+00FF (one byte each).
fn latin1_bytes(text: &str) -> Result<Vec<u8>, String> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).map_err(|_| format!("{c:?} is not one byte")))
        .collect()
}

/// Text for the HTML of a windows-1252 page: every non-ASCII character as a reference.
fn html_ascii(text: &str) -> String {
    escape_non_ascii(text, |c| format!("&#x{:x};", u32::from(c)))
}

/// CSS for such a page: non-ASCII characters as CSS escapes (six hex digits, so the
/// character after the escape is never taken into it).
fn css_ascii(text: &str) -> String {
    escape_non_ascii(text, |c| format!("\\{:06x}", u32::from(c)))
}

/// JS for such a page: non-ASCII characters (in its strings) as `\u{…}` escapes.
fn js_ascii(text: &str) -> String {
    escape_non_ascii(text, |c| format!("\\u{{{:x}}}", u32::from(c)))
}

fn escape_non_ascii(text: &str, escape: impl Fn(char) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&escape(c));
        }
    }
    out
}

/// The page's side of `text8` and the inflating (the page's bootstrap and the worker's
/// each hold it as `{inflate}`); `{high}` is `high_chars()` as JS escapes.
const INFLATE: &str = r#"const bytesOf = (text) => {
  const high = "{high}", out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c < 256 ? c : 128 + high.indexOf(text[i]);
  }
  return out;
};
const inflate = (text) => new Response(new Response(bytesOf(text)).body.pipeThrough(new DecompressionStream("gzip")));"#;

/// The page's bootstrap: the glues and the wasm inflated, the worker's script made, the
/// page's glue imported from a blob URL, and the wasm started by its async init.
/// `{inflate}`, `{glue}`, `{worker_glue}` and `{wasm}` are filled in by `write_offline`.
const BOOTSTRAP: &str = r#"// offline bootstrap: the glues and the wasm (gzip, a byte a character in this windows-1252 page), inflated by the browser; the wasm instantiated asynchronously.
const say = (zh, en) => {
  const status = document.querySelector(".loading");
  if (status) {
    const span = document.createElement("span");
    span.lang = "en";
    span.textContent = en;
    status.replaceChildren(zh + " ", span);
  }
  throw new Error(en);
};
if (typeof DecompressionStream !== "function") {
  say("此浏览器无法解压内嵌的数据浏览器（缺少 DecompressionStream）：请用较新版本的 Chrome、Edge、Firefox 或 Safari 打开此文件。",
    "This browser cannot unpack the embedded explorer (it lacks DecompressionStream): open this file in a recent Chrome, Edge, Firefox or Safari.");
}
if (document.characterSet !== "windows-1252") {
  say("此文件是以另一种文字编码读取的（服务器声明了字符集）：请把它保存到本机，再从本机打开。",
    "This file was read in another text encoding (a server declared a character set): save it to this device and open it from there.");
}
{inflate}
const [glue, workerGlue, wasm] = await Promise.all([
  inflate("{glue}").text(),
  inflate("{worker_glue}").text(),
  inflate("{wasm}").arrayBuffer(),
]);
globalThis.cqImportWorker = URL.createObjectURL(new Blob([workerGlue, "\n(" + cqImportWorkerMain + ")();\n"], { type: "text/javascript" }));
const glueUrl = URL.createObjectURL(new Blob([glue], { type: "text/javascript" }));
const bindings = await import(glueUrl);
URL.revokeObjectURL(glueUrl);
await bindings.default({ module_or_path: new Uint8Array(wasm) });
window.wasmBindings = bindings;
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

/// The import worker offline: its wasm (gzip, a byte a character, as the page's) inside
/// one function that the page never calls; the bootstrap puts the worker's glue and the
/// function's source text into the worker's script, started from a blob URL (`file://`
/// allows no other). `{inflate}`, `{text}` and `{fault}` are filled in by `write_offline`.
const WORKER_BOOT: &str = r#"// the import worker: its glue and this function's text are its script, started from a blob URL.
function cqImportWorkerMain() {
{inflate}
// (no Blob here: WebKit cannot read a Blob in a worker started from file://)
inflate("{text}").arrayBuffer().then((b) => wasm_bindgen({ module_or_path: new Uint8Array(b) })){fault}
}
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

    let read_bytes = |name: &str| {
        let path = dist.join(name.trim_start_matches("./"));
        std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let [glue, wasm, worker_glue, worker_wasm] = crate::compress::gzip_smallest_all([
        read_bytes(&glue_name)?,
        read_bytes(&wasm_name)?,
        read_bytes(WORKER_GLUE)?,
        read_bytes(WORKER_WASM)?,
    ]);
    let inflate = fill(INFLATE, &[("{high}", &js_ascii(&high_chars()))]);
    let worker = fill(
        &js_ascii(WORKER_BOOT),
        &[("{inflate}", &inflate), ("{text}", &text8(&worker_wasm)), ("{fault}", WORKER_FAULT)],
    );
    let boot = fill(
        &js_ascii(BOOTSTRAP),
        &[
            ("{inflate}", &inflate),
            ("{glue}", &text8(&glue)),
            ("{worker_glue}", &text8(&worker_glue)),
            ("{wasm}", &text8(&wasm)),
        ],
    );
    // The worker first: the bootstrap (from its marker on) is the page's.
    let script = format!("<script type=\"module\">\n{worker}\n{boot}</script>");
    let style = format!("<style>\n{}\n</style>", css_ascii(&css).replace("</style", "<\\/style"));
    let mut html = html_ascii(&html);
    let charset = "<meta charset=\"utf-8\" />";
    let at = html.find(charset).ok_or("dist/index.html has no <meta charset=\"utf-8\" />")?;
    html.replace_range(at..at + charset.len(), "<meta charset=\"windows-1252\" />");
    let head_end = html.find("</head>").ok_or("dist/index.html has no </head>")?;
    html.insert_str(head_end, &format!("{style}\n{script}\n"));
    let out = dist.join("offline.html");
    std::fs::write(&out, latin1_bytes(&html)?).map_err(|e| format!("{}: {e}", out.display()))?;
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

    /// What the page reads from `"{text8(bytes)}"`: the file's bytes decoded as
    /// windows-1252 (by encoding_rs, as browsers do), the literal's escapes read as JS
    /// reads them, then `bytesOf` (in Rust) on the string.
    fn page_reads(text: &str) -> Vec<u8> {
        let file = latin1_bytes(text).unwrap();
        let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&file);
        assert!(!decoded.contains(['\0', '\r']), "the HTML parser would change it");
        assert!(!decoded.contains("</") && !decoded.contains("<!"), "or end the script");
        let (high, mut chars, mut string) = (high_chars(), decoded.chars().peekable(), vec![]);
        while let Some(c) = chars.next() {
            let c = match c {
                '\\' => match chars.next().unwrap() {
                    '0' => {
                        assert!(!chars.peek().unwrap_or(&' ').is_ascii_digit(), "octal");
                        '\0'
                    }
                    'x' => {
                        let hex: String = chars.by_ref().take(2).collect();
                        char::from(u8::from_str_radix(&hex, 16).unwrap())
                    }
                    'n' => '\n',
                    'r' => '\r',
                    c @ ('"' | '\\' | '/' | '!') => c,
                    c => panic!("unexpected escape \\{c}"),
                },
                c => {
                    assert!(c != '"' && c != '\n', "the literal would end");
                    c
                }
            };
            string.push(c);
        }
        string
            .into_iter()
            .map(|c| match u8::try_from(u32::from(c)) {
                Ok(b) => b,
                Err(_) => 0x80 + high.chars().position(|h| h == c).unwrap() as u8,
            })
            .collect()
    }

    #[test]
    fn fill_never_takes_a_value_for_a_later_key() {
        assert_eq!(fill("a{x}b{y}c", &[("{y}", "Y"), ("{x}", "{y}")]), "a{y}bYc");
        assert_eq!(fill("{x}{x}", &[("{x}", "1")]), "1{x}");
    }

    #[test]
    fn text8_round_trips_and_is_safe_in_a_script_string() {
        let all: Vec<u8> = (0..=255u8).cycle().take(3001).collect();
        let gz = crate::compress::gzip_smallest(b"<script>\"\\\r\n\0 wasm");
        let tricky = b"</script><!--\x001\x00\x00<<//\\\"".to_vec();
        for bytes in [&[][..], &[0], &[255, 0, 60], &all, &gz, &tricky] {
            assert_eq!(page_reads(&text8(bytes)), bytes, "{bytes:?}");
        }
        assert_eq!(high_chars().chars().count(), 32);
        // Random-looking bytes (compressed data) cost about 1 + 6/256 bytes each.
        let noise: Vec<u8> =
            (0..70_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        let text = text8(&noise);
        assert_eq!(page_reads(&text), noise);
        let len = text.chars().count();
        assert!(len < noise.len() * 103 / 100, "{len} for {} bytes", noise.len());
    }

    #[test]
    fn the_page_outside_the_streams_is_ascii() {
        let zh = "重庆 ▸ 𝄞";
        assert_eq!(html_ascii(zh), "&#x91cd;&#x5e86; &#x25b8; &#x1d11e;");
        assert_eq!(css_ascii("\"▸ \""), "\"\\0025b8 \"");
        assert_eq!(js_ascii(zh), "\\u{91cd}\\u{5e86} \\u{25b8} \\u{1d11e}");
        assert!(latin1_bytes("重").is_err());
        assert_eq!(latin1_bytes("a\u{e9}\u{80}").unwrap(), [b'a', 0xe9, 0x80]);
    }
}
