//! The error panel: a panic anywhere replaces nothing, it puts a readable message with
//! a reload link at the top of the page. `test_panic` proves it from script.

use crate::i18n::t;

/// Panics on purpose, for the end-to-end test of the error panel
/// (`window.wasmBindings.test_panic()`). No input of the page reaches it: only script
/// run in the page can, and such script could break the page anyway.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn test_panic() {
    panic!("test_panic: a panic forced from script, to test the error panel");
}

/// Shows the panel on any panic. Through Yew: a hook set with `std::panic::set_hook` is
/// replaced by Yew's own when the renderer starts.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| show_error_panel(&info.to_string())));
}

/// Replaces the page with a readable error and a reload link, in both languages (a
/// panic may come before the language is known). Uses only text nodes for the message,
/// so nothing in it is interpreted as markup.
pub fn show_error_panel(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    let both = |text: crate::i18n::Text| [text.zh, " · ", text.en].concat();
    let build = || -> Option<web_sys::Element> {
        let panel = doc.create_element("div").ok()?;
        panel.set_id("error-panel");
        panel.set_attribute("role", "alert").ok()?;
        let h = doc.create_element("h2").ok()?;
        h.set_text_content(Some(&both(t::PANIC_TITLE)));
        let p = doc.create_element("p").ok()?;
        p.set_text_content(Some(t::PANIC_HELP.zh));
        let p_en = doc.create_element("p").ok()?;
        p_en.set_attribute("lang", "en").ok()?;
        p_en.set_text_content(Some(t::PANIC_HELP.en));
        let pre = doc.create_element("pre").ok()?;
        pre.set_text_content(Some(message));
        let a = doc.create_element("a").ok()?;
        a.set_attribute("class", "button").ok()?;
        let href = web_sys::window()?.location().href().unwrap_or_else(|_| "./".into());
        a.set_attribute("href", &href).ok()?;
        a.set_text_content(Some(&both(t::PANIC_RELOAD)));
        for child in [&h, &p, &p_en, &pre, &a] {
            panel.append_child(child).ok()?;
        }
        Some(panel)
    };
    if let Some(panel) = build() {
        if let Some(old) = doc.get_element_by_id("error-panel") {
            old.remove();
        }
        let _ = body.prepend_with_node_1(&panel);
        // Wherever the reader had scrolled to, the panel is what they see.
        panel.scroll_into_view();
    }
}
