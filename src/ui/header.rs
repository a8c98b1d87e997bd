//! The page's header (title, the settings behind "More" on small screens, the lede and
//! the view tabs) and its footer (the sources for print, the offline copy).

use super::{page, view_name, Data};
use crate::i18n::{self, t, Lang};
use crate::state::{Action, AppState, Theme, View};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub data: Data,
    pub lang: Lang,
    pub theme: Theme,
    pub large_text: bool,
    pub view: View,
    pub dispatch: Callback<Action>,
    pub on_import: Callback<MouseEvent>,
    pub on_embed: Callback<MouseEvent>,
}

fn focus_by_id(id: &str) {
    if let Some(b) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = b.focus();
    }
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let HeaderProps { lang, theme, large_text, view, .. } = *props;
    let dispatch = &props.dispatch;
    let ds = &props.data.0;
    let menu_open = use_state(|| false);
    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| menu_open.set(!*menu_open))
    };
    let menu_keydown = {
        let menu_open = menu_open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *menu_open {
                menu_open.set(false);
                focus_by_id("more-button");
            }
        })
    };
    let on_theme = dispatch.reform(|e: Event| {
        let v = e
            .target_dyn_into::<web_sys::HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default();
        Action::SetTheme(match v.as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            "contrast" => Theme::HighContrast,
            _ => Theme::Auto,
        })
    });
    let on_large = dispatch.reform(move |_: MouseEvent| Action::SetLargeText(!large_text));
    let switch_lang = dispatch.reform(move |_: MouseEvent| {
        Action::SetLang(if lang == Lang::Zh { Lang::En } else { Lang::Zh })
    });
    let lede = t::LEDE.fill(
        lang,
        &[
            &ds.districts.len().to_string(),
            &ds.facts.len().to_string(),
            &ds.sources.len().to_string(),
        ],
    );
    html! {
        <header class="site-header">
            <div class="title-row">
                <h1><span class="title-long">{ t::APP_TITLE.get(lang) }</span><span class="title-short">{ t::APP_TITLE_SHORT.get(lang) }</span></h1>
                <button type="button" id="more-button" class="secondary more-toggle" aria-expanded={menu_open.to_string()} aria-controls="settings" onclick={toggle_menu} data-testid="more-button">{ t::MORE.get(lang) }</button>
                <div id="settings" class={classes!("settings", menu_open.then_some("open"))} role="group" aria-label={t::SETTINGS.get(lang)} onkeydown={menu_keydown}>
                    <label for="theme">{ t::THEME.get(lang) }</label>
                    <select id="theme" onchange={on_theme}>
                        <option value="auto" selected={theme == Theme::Auto}>{ t::THEME_AUTO.get(lang) }</option>
                        <option value="light" selected={theme == Theme::Light}>{ t::THEME_LIGHT.get(lang) }</option>
                        <option value="dark" selected={theme == Theme::Dark}>{ t::THEME_DARK.get(lang) }</option>
                        <option value="contrast" selected={theme == Theme::HighContrast}>{ t::THEME_CONTRAST.get(lang) }</option>
                    </select>
                    <button type="button" class="secondary" aria-pressed={large_text.to_string()} onclick={on_large}>{ t::LARGE_TEXT.get(lang) }</button>
                    <button type="button" class="secondary" onclick={props.on_import.clone()} data-testid="import-button">{ t::IMPORT.get(lang) }</button>
                    <button type="button" class="secondary" onclick={props.on_embed.clone()} data-testid="embed-button">{ t::EMBED.get(lang) }</button>
                    <button type="button" class="secondary" onclick={switch_lang} data-testid="lang-switch" lang={if lang == Lang::Zh { "en" } else { "zh-CN" }}>{ t::LANG_SWITCH.get(lang) }</button>
                    <p class="menu-lede">{ lede.clone() }</p>
                </div>
            </div>
            <p class="lede">{ lede }</p>
            <nav class="views" aria-label={t::VIEWS.get(lang)}>
                <ul>
                    { for View::ALL.iter().map(|&v| {
                        let onclick = dispatch.reform(move |_: MouseEvent| Action::SetView(v));
                        html! {
                            <li><button type="button" class="view-tab" data-view={v.code()}
                                aria-current={(v == view).then_some("page")} {onclick}>{ view_name(v, lang) }</button></li>
                        }
                    }) }
                </ul>
            </nav>
        </header>
    }
}

#[derive(Properties, PartialEq)]
pub struct FooterProps {
    pub data: Data,
    pub state: Rc<AppState>,
}

/// The sources listed for print, the note on the figures and the offline copy's link.
#[component]
pub fn Footer(props: &FooterProps) -> Html {
    let ds = &props.data.0;
    let lang = props.state.lang;
    // Only printed: drawn in the pass after the first, once the first screen is painted.
    let printed = super::hooks::use_second_pass();
    html! {
        <>
        if printed {
        <section class="print-only print-sources" aria-hidden="true">
            <h2>{ t::PRINT_SOURCES.get(lang) }</h2>
            <ul>
                { for ds.sources.iter().map(|s| html! {
                    <li><span lang="zh-CN">{ format!("《{}》", s.headline) }</span>{ format!(" — {}", i18n::pick(lang, &s.published.label_zh, &s.published.label_en)) }</li>
                }) }
            </ul>
            <p>{ page::url_for(&props.state) }</p>
        </section>
        }
        <footer class="site-footer">
            <p>{ t::FOOTER.get(lang) }</p>
            if page::is_served() {
                if let Some(href) = page::offline_url() {
                    <p><a id="offline-link" href={href} download="">{ t::OFFLINE_LINK.get(lang) }</a></p>
                }
            }
        </footer>
        </>
    }
}
