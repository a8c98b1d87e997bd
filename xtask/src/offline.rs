//! Writes `dist/offline.html`: Trunk's page with the stylesheet inlined, the
//! wasm-bindgen glue inlined as a module script, and the wasm embedded as base64 and
//! started with the async `WebAssembly.instantiate` (never a synchronous compile).
//! The result needs no other file, so it works from `file://` wherever it is copied.

use base64::Engine;
use std::path::{Path, PathBuf};

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
    let b64 = base64::engine::general_purpose::STANDARD.encode(&wasm);
    let script = format!(
        "<script type=\"module\">\n{glue}\n\
         // offline bootstrap: the embedded wasm, instantiated asynchronously.\n\
         const wasmBytes = Uint8Array.from(atob(\"{b64}\"), (c) => c.charCodeAt(0));\n\
         await __wbg_init({{ module_or_path: wasmBytes }});\n</script>",
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
