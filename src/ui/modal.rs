//! A modal `<dialog>`: focus stays inside while it is open, Esc or the close button or
//! a click on the backdrop closes it, and focus returns where it was.

use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ModalProps {
    pub open: bool,
    pub on_close: Callback<()>,
    /// The id of the element that names the dialog.
    pub labelled_by: AttrValue,
    pub class: AttrValue,
    pub close_label: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Modal(props: &ModalProps) -> Html {
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with(props.open, move |open| {
            if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
                if *open && !d.open() {
                    let _ = d.show_modal();
                } else if !*open && d.open() {
                    d.close();
                }
            }
        });
    }
    let close = props.on_close.reform(|_: MouseEvent| ());
    // Esc (the dialog's own cancel) and any other close end up here.
    let onclose = props.on_close.reform(|_: Event| ());
    let onclick = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: MouseEvent| {
            let on_backdrop = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| el.tag_name().eq_ignore_ascii_case("dialog"));
            if on_backdrop {
                on_close.emit(());
            }
        })
    };
    // A modal dialog makes the page inert, but Tab would still leave for the browser's
    // own controls: wrap it from the last focusable element to the first and back.
    let onkeydown = {
        let dialog = dialog.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Tab" {
                return;
            }
            let Some(d) = dialog.cast::<web_sys::Element>() else {
                return;
            };
            let Ok(list) = d.query_selector_all("button:not([disabled]), [href], input, select, textarea, [tabindex]:not([tabindex='-1'])") else { return };
            let items: Vec<web_sys::HtmlElement> =
                (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect();
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                return;
            };
            let active =
                web_sys::window().and_then(|w| w.document()).and_then(|doc| doc.active_element());
            let at = |el: &web_sys::HtmlElement| {
                active.as_ref().is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
            };
            if e.shift_key() && at(first) {
                e.prevent_default();
                let _ = last.focus();
            } else if !e.shift_key() && at(last) {
                e.prevent_default();
                let _ = first.focus();
            }
        })
    };
    html! {
        <dialog ref={dialog} class={props.class.clone()} aria-labelledby={props.labelled_by.clone()} {onclose} {onclick} {onkeydown}>
            <div class="dialog-body">
                if props.open { { props.children.clone() } }
                <button type="button" class="close" onclick={close}>{ props.close_label.clone() }</button>
            </div>
        </dialog>
    }
}
