//! Makes `dist/index.html` run under a strict Content-Security-Policy (no
//! `'unsafe-inline'`, see README "Hosting"): Trunk's inline module loader becomes an
//! external classic script `loader-<hash>.js`, named by a hash of its bytes.
//!
//! The loader is a deferred classic script, so unlike a module script it also runs in a
//! saved copy of the page opened from `file://`. There the app cannot start (module
//! scripts and the wasm do not load from `file://`), so the loader does not try: it puts
//! a banner at the top of the page saying that this is a snapshot and pointing to the
//! single-file `offline.html` (and links the stylesheet again without its SRI hash, which
//! cannot be checked from `file://`). Served over HTTP it imports the wasm-bindgen glue, starts
//! the wasm and dispatches Trunk's `TrunkApplicationStarted` event; if that fails it shows
//! a readable error panel instead of a blank page. Both banners are built with
//! `createElement`/`textContent`, never markup.
//!
//! Runs after `offline.rs`, which reads Trunk's inline loader. Trunk's `modulepreload`
//! and `preload` hints and their SRI hashes stay: they are same-origin, so the policy's
//! `script-src 'self'` and `default-src 'self'` (for the `fetch` preload) allow them.

use std::path::{Path, PathBuf};

const INLINE_START: &str = "<script type=\"module\">";
const EXTERNAL_START: &str = "<script src=\"./loader-";
const SCRIPT_END: &str = "</script>";

/// Replaces Trunk's inline loader in `dist/index.html` by `dist/loader-<hash>.js`,
/// returning the loader's path. A `dist/` already rewritten is left as it is.
pub fn externalize_loader(dist: &Path) -> Result<PathBuf, String> {
    let index = dist.join("index.html");
    let mut html =
        std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    if let Some(name) = external_loader_name(&html) {
        return Ok(dist.join(name));
    }
    let (name, js) = rewrite(&mut html)?;
    // Loaders of earlier builds go, so dist/ holds only what index.html names.
    if let Ok(entries) = std::fs::read_dir(dist) {
        for e in entries.flatten() {
            let old = e.file_name().to_string_lossy().into_owned();
            if old.starts_with("loader-") && old.ends_with(".js") && old != name {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let out = dist.join(&name);
    std::fs::write(&out, js).map_err(|e| format!("{}: {e}", out.display()))?;
    std::fs::write(&index, html).map_err(|e| format!("{}: {e}", index.display()))?;
    Ok(out)
}

/// The loader file a rewritten page names, if it is one.
pub fn external_loader_name(html: &str) -> Option<&str> {
    let start = html.find(EXTERNAL_START)? + "<script src=\"./".len();
    let rest = &html[start..];
    Some(&rest[..rest.find('"')?])
}

/// The wasm-bindgen glue and wasm file names, from Trunk's inline loader or from ours.
pub fn asset_names(loader: &str) -> Option<(String, String)> {
    let glue = quoted_after(loader, "from '").or_else(|| quoted_after(loader, "var GLUE = '"))?;
    let wasm = quoted_after(loader, "module_or_path: '")
        .or_else(|| quoted_after(loader, "var WASM = '"))?;
    Some((glue.to_string(), wasm.to_string()))
}

/// Swaps the inline loader in `html` for the external script; returns its name and text.
fn rewrite(html: &mut String) -> Result<(String, String), String> {
    let start = html.find(INLINE_START).ok_or("dist/index.html has no Trunk loader script")?;
    let end = start
        + html[start..].find(SCRIPT_END).ok_or("Trunk's loader script is not closed")?
        + SCRIPT_END.len();
    let (glue, wasm) =
        asset_names(&html[start..end]).ok_or("Trunk's loader names no glue or wasm")?;
    for name in [&glue, &wasm] {
        if !is_plain_asset_name(name) {
            return Err(format!("unexpected asset name in Trunk's loader: {name}"));
        }
    }
    let js = loader_js(&glue, &wasm);
    let name = format!("loader-{:016x}.js", fnv1a64(js.as_bytes()));
    html.replace_range(start..end, &format!("<script src=\"./{name}\" defer></script>"));
    Ok((name, js))
}

/// `./name.js`-like: safe to put between single quotes in the loader.
fn is_plain_asset_name(name: &str) -> bool {
    name.starts_with("./")
        && name[2..].chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn quoted_after<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = &text[text.find(prefix)? + prefix.len()..];
    Some(&rest[..rest.find('\'')?])
}

/// 64-bit FNV-1a: a stable content hash for the file name (not a security measure).
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The loader's source; `glue` and `wasm` are Trunk's relative names (`./…`).
fn loader_js(glue: &str, wasm: &str) -> String {
    LOADER_TEMPLATE.replace("@GLUE@", glue).replace("@WASM@", wasm)
}

const LOADER_TEMPLATE: &str = r#"// Starts the Chongqing district industry explorer. Written by `cargo xtask build`
// (xtask/src/csp.rs) in place of Trunk's inline loader, so that the page runs under a
// Content-Security-Policy without 'unsafe-inline'. A classic deferred script: it also
// runs in a saved copy opened from file://, where it explains instead of starting.
(function () {
  'use strict';
  var GLUE = '@GLUE@';
  var WASM = '@WASM@';
  // The glue and the wasm sit beside this script.
  var base = (document.currentScript && document.currentScript.src) || location.href;

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }

  function put(box) {
    var old = document.getElementById(box.id);
    if (old) old.parentNode.removeChild(old);
    document.body.insertBefore(box, document.body.firstChild);
  }

  // A saved copy ("Save page as…") or index.html opened from disk: module scripts and
  // the wasm cannot load from file://, so the page stays the snapshot it was saved as.
  function savedCopy() {
    // A file:// stylesheet cannot be checked against its SRI hash (no CORS), so the
    // browser drops it: link it again without the hash, and the snapshot keeps its look.
    var sheets = document.querySelectorAll('link[rel=stylesheet][integrity]');
    for (var i = 0; i < sheets.length; i++) {
      document.head.appendChild(el('link', '', { rel: 'stylesheet', href: sheets[i].getAttribute('href') }));
    }
    var link = document.getElementById('offline-link');
    var href = (link && link.getAttribute('href')) || 'offline.html';
    var box = el('div', '', { id: 'saved-copy-banner', 'class': 'notice saved-copy', role: 'note' });
    var text = el('div');
    var zh = el('p');
    zh.appendChild(el('strong', '这是本页的保存副本，交互功能无法使用。'));
    zh.appendChild(document.createTextNode('在保存的副本中，筛选、排序、图表和查看原文出处都不可用；下面是保存时的页面快照。要离线使用完整功能，请打开单文件离线版 offline.html。'));
    var en = el('p', '', { lang: 'en' });
    en.appendChild(el('strong', 'This is a saved copy of the page: its interactive features do not work. '));
    en.appendChild(document.createTextNode('Filters, sorting, charts and sources do not work from a saved copy; below is a snapshot of the page as it was saved. For the full explorer offline, open the single-file version offline.html.'));
    text.appendChild(zh);
    text.appendChild(en);
    box.appendChild(text);
    box.appendChild(el('a', '打开单文件离线版 · Open the offline version (offline.html)', { href: href, 'class': 'button', id: 'saved-copy-offline-link' }));
    put(box);
  }

  function failed(error) {
    var panel = el('div', '', { id: 'error-panel', role: 'alert' });
    panel.appendChild(el('h2', '数据浏览器无法启动 · The explorer could not start'));
    panel.appendChild(el('p', '浏览器未能加载本页的程序（需要 JavaScript 和 WebAssembly）。请重新加载页面，或使用单文件离线版 offline.html。'));
    panel.appendChild(el('p', 'The browser could not load the page\'s program (it needs JavaScript and WebAssembly). Reload the page, or use the single-file offline version offline.html.', { lang: 'en' }));
    panel.appendChild(el('pre', String((error && (error.stack || error.message)) || error)));
    panel.appendChild(el('a', '重新加载 · Reload', { href: location.href, 'class': 'button' }));
    panel.appendChild(document.createTextNode(' '));
    panel.appendChild(el('a', '离线版 · Offline version', { href: new URL('offline.html', base).href }));
    put(panel);
  }

  if (location.protocol === 'file:') {
    savedCopy();
    return;
  }
  // The wasm is compiled as it streams in, from now on, while the glue is fetched and
  // run; the glue then only instantiates it. A failed compile (a server sending another
  // MIME type, a failed download) leaves the glue its own path with the file fetched
  // again: the bytes compiled, or its error.
  var wasmUrl = new URL(WASM, base).href;
  var compiled = typeof WebAssembly === 'object' && typeof WebAssembly.compileStreaming === 'function'
    ? WebAssembly.compileStreaming(fetch(wasmUrl)).catch(function () { return fetch(wasmUrl); })
    : wasmUrl;
  import(new URL(GLUE, base).href)
    .then(function (glue) {
      return glue.default({ module_or_path: compiled }).then(function (wasm) {
        window.wasmBindings = glue;
        dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm } }));
      });
    })
    .catch(failed);
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_PAGE: &str = "<head>\n<script type=\"module\">\nimport init, * as bindings from './cq-explorer-0123456789abcdef.js';\nconst wasm = await init({ module_or_path: './cq-explorer-0123456789abcdef_bg.wasm' });\ndispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));\n</script>\n<link rel=\"modulepreload\" href=\"./cq-explorer-0123456789abcdef.js\"></head>";

    #[test]
    fn the_inline_loader_becomes_a_hashed_classic_script() {
        let mut html = TRUNK_PAGE.to_string();
        let (name, js) = rewrite(&mut html).unwrap();
        assert_eq!(name, format!("loader-{:016x}.js", fnv1a64(js.as_bytes())));
        assert!(html.contains(&format!("<script src=\"./{name}\" defer></script>")));
        assert!(!html.contains("type=\"module\""), "{html}");
        assert!(!html.contains("import init"), "{html}");
        assert!(html.contains("modulepreload"), "the preload hint stays");
        assert_eq!(external_loader_name(&html), Some(name.as_str()));
        assert_eq!(
            asset_names(&js),
            Some((
                "./cq-explorer-0123456789abcdef.js".into(),
                "./cq-explorer-0123456789abcdef_bg.wasm".into()
            ))
        );
        assert!(js.contains("TrunkApplicationStarted"));
        assert!(js.contains("location.protocol === 'file:'"));
        assert!(!js.contains("innerHTML") && !js.contains("@GLUE@"));
    }

    #[test]
    fn the_same_build_gives_the_same_name() {
        let name = |page: &str| rewrite(&mut page.to_string()).unwrap().0;
        assert_eq!(name(TRUNK_PAGE), name(TRUNK_PAGE));
        let other = TRUNK_PAGE.replace("0123456789abcdef", "fedcba9876543210");
        assert_ne!(name(TRUNK_PAGE), name(&other), "a new wasm gives a new loader name");
    }

    #[test]
    fn a_page_without_loader_or_with_odd_names_is_refused() {
        assert!(rewrite(&mut "<head></head>".to_string()).is_err());
        let mut odd = TRUNK_PAGE.replace("./cq-explorer-0123456789abcdef.js", "../x y\\.js");
        assert!(rewrite(&mut odd).is_err());
    }

    #[test]
    fn fnv1a64_matches_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
