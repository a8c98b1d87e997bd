//! Files and the clipboard: downloads made in the browser from strings (CSV, JSON,
//! SVG) or from a chart drawn onto a canvas (PNG). Works from `file://` too: nothing
//! is fetched, everything is a local blob.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Offers `blob` as a download named `name`.
fn save_blob(name: &str, blob: &web_sys::Blob) -> Option<()> {
    let url = web_sys::Url::create_object_url_with_blob(blob).ok()?;
    let a: web_sys::HtmlAnchorElement = document()?.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = document()?.body()?;
    body.append_child(&a).ok()?;
    a.click();
    a.remove();
    // The click has started the download; the URL can go once the event loop moves on.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000);
    Some(())
}

fn blob_of(text: &str, mime: &str) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()
}

/// Downloads `text` as a file (UTF-8; a CSV brings its own byte-order mark).
pub fn save_text(name: &str, mime: &str, text: &str) {
    if let Some(blob) = blob_of(text, mime) {
        let _ = save_blob(name, &blob);
    }
}

/// Draws `svg` (`width`×`height`) onto a canvas at twice the size and downloads it as PNG.
pub fn save_png(name: &str, svg: &str, width: u32, height: u32) {
    let Some(blob) = blob_of(svg, "image/svg+xml;charset=utf-8") else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let name = name.to_string();
    let image = img.clone();
    let src = url.clone();
    let onload = Closure::once_into_js(move || {
        let _ = draw_png(&name, &image, width, height);
        let _ = web_sys::Url::revoke_object_url(&src);
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}

fn draw_png(name: &str, img: &web_sys::HtmlImageElement, width: u32, height: u32) -> Option<()> {
    const SCALE: u32 = 2;
    let canvas: web_sys::HtmlCanvasElement =
        document()?.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(width * SCALE);
    canvas.set_height(height * SCALE);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.scale(f64::from(SCALE), f64::from(SCALE)).ok()?;
    ctx.draw_image_with_html_image_element_and_dw_and_dh(
        img,
        0.0,
        0.0,
        f64::from(width),
        f64::from(height),
    )
    .ok()?;
    let name = name.to_string();
    let done = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
        if let Some(b) = blob {
            let _ = save_blob(&name, &b);
        }
    });
    canvas.to_blob(done.unchecked_ref()).ok()
}

/// Puts `text` on the clipboard; where the Clipboard API is unavailable (a file:// page),
/// selects it in a hidden text area and copies that. Returns whether it was attempted.
pub fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    if window.is_secure_context() {
        let _ = window.navigator().clipboard().write_text(text);
        return true;
    }
    let Some(doc) = document() else { return false };
    let Some(area) = doc
        .create_element("textarea")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return false;
    };
    area.set_value(text);
    let Some(body) = doc.body() else { return false };
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let copied = doc
        .dyn_ref::<web_sys::HtmlDocument>()
        .is_some_and(|d| d.exec_command("copy").unwrap_or(false));
    area.remove();
    copied
}
