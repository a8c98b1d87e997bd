//! Embedding: the dialog with the code a host page pastes (an iframe of the current view
//! and the listener that follows its height), and the embedded page's link to the full
//! explorer.

use super::modal::Modal;
use super::page;
use crate::i18n::{t, Lang};
use crate::state::AppState;
use std::rc::Rc;
use yew::prelude::*;

/// The code a host page pastes to embed the view of `state`: the iframe, and a script
/// that sets the frame's height from the messages the embedded page posts.
pub fn snippet(state: &AppState, lang: Lang) -> String {
    let src = page::url_for(&AppState { embed: true, ..state.clone() });
    let src = crate::chart::render::escape(&src);
    format!(
        "<iframe src=\"{src}\" title=\"{}\" width=\"100%\" height=\"640\" frameborder=\"0\" loading=\"lazy\" id=\"cq-explorer\"></iframe>\n\
         <script>\n\
         window.addEventListener(\"message\", function (event) {{\n\
         \x20 var frame = document.getElementById(\"cq-explorer\");\n\
         \x20 if (event.source === frame.contentWindow && event.data && event.data.type === \"{}\") {{\n\
         \x20   frame.style.height = event.data.height + \"px\";\n\
         \x20 }}\n\
         }});\n\
         </script>",
        t::APP_TITLE.get(lang),
        page::HEIGHT_MESSAGE_TYPE
    )
}

#[derive(Properties, PartialEq)]
pub struct EmbedDialogProps {
    pub open: bool,
    pub on_close: Callback<()>,
    pub state: Rc<AppState>,
}

#[component]
pub fn EmbedDialog(props: &EmbedDialogProps) -> Html {
    let lang = props.state.lang;
    // Built only while the dialog is open: the URL it holds changes with every action.
    let code = if props.open { snippet(&props.state, lang) } else { String::new() };
    html! {
        <Modal open={props.open} on_close={props.on_close.clone()} labelled_by="embed-title" class="embed-dialog" close_label={t::CLOSE.get(lang)}>
            <h2 id="embed-title">{ t::EMBED_TITLE.get(lang) }</h2>
            <p>{ t::EMBED_HELP.get(lang) }</p>
            <label for="embed-code">{ t::EMBED_CODE.get(lang) }</label>
            <textarea id="embed-code" readonly=true rows="10" value={code} />
        </Modal>
    }
}

/// The embedded page's one control: the same view in the full explorer, in a new tab.
pub fn open_full_bar(state: &AppState) -> Html {
    let full_url = page::url_for(&AppState { embed: false, ..state.clone() });
    html! {
        <div class="embed-bar">
            <a class="open-full" href={full_url} target="_blank" rel="noopener">{ t::OPEN_FULL.get(state.lang) }</a>
        </div>
    }
}
