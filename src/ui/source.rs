//! The source panel: a modal `<dialog>` (focus stays inside, Esc closes) with the
//! quote and its figure highlighted, the article and how the period was read.

use super::modal::Modal;
use super::Data;
use crate::format;
use crate::i18n::Lang;
use crate::i18n::{self, t};
use crate::model::Fact;
use crate::numtext;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SourceDialogProps {
    pub data: Data,
    /// The fact shown, if the dialog is open.
    pub fact: Option<usize>,
    pub on_close: Callback<()>,
    pub lang: Lang,
    /// For the explorer's URL in the citation.
    pub state: std::rc::Rc<crate::state::AppState>,
}

/// The quote split around the printed figure: (before, figure, after).
pub fn split_quote(f: &Fact) -> (String, String, String) {
    let needle = f.value_text.clone().unwrap_or_else(|| numtext::plain(f.value));
    match f.quote.find(&needle) {
        Some(i) => {
            (f.quote[..i].to_string(), needle.clone(), f.quote[i + needle.len()..].to_string())
        }
        None => (f.quote.clone(), String::new(), String::new()),
    }
}

#[component]
pub fn SourceDialog(props: &SourceDialogProps) -> Html {
    let ds = &props.data.0;
    let lang = props.lang;
    let copied = use_state(|| false);
    {
        let copied = copied.clone();
        use_effect_with(props.fact, move |_| copied.set(false));
    }
    let citation = props
        .fact
        .map(|i| crate::export::citation(ds, i, &super::page::url_for(&props.state), lang))
        .unwrap_or_default();
    let copy = {
        let copied = copied.clone();
        let text = citation.clone();
        Callback::from(move |_: MouseEvent| copied.set(super::download::copy_text(&text)))
    };
    let body = props.fact.and_then(|i| ds.facts.get(i)).map(|f| {
        let (before, figure, after) = split_quote(f);
        let source = ds.source(&f.source);
        let district = i18n::district_name(ds, &f.district, lang);
        let imported = source.is_some_and(|s| s.imported);
        html! {
            <>
            <h2 id="source-title">{ format!("{} · {}", district, i18n::indicator_name(ds, &f.indicator, lang)) }</h2>
            <p class="figure">{ format::value_in(f, lang) }{ " · " }{ format::period_in(&f.period, lang) }
                if imported { <span class="imported-mark">{ t::IMPORTED.get(lang) }</span> }
            </p>
            if !f.quote.is_empty() {
                <blockquote lang="zh-CN" data-testid="source-quote">
                    { "“" }{ before }<mark>{ figure }</mark>{ after }{ "”" }
                </blockquote>
            }
            <dl>
                <dt>{ t::ARTICLE.get(lang) }</dt>
                <dd lang="zh-CN">{ source.map_or(String::new(), |s| format!("《{}》", s.headline)) }</dd>
                <dt>{ t::PUBLISHED.get(lang) }</dt>
                <dd>{ source.map_or(String::new(), |s| t::PUBLISHED_LINE.fill(lang, &[i18n::pick(lang, &s.published.label_zh, &s.published.label_en), i18n::pick(lang, s.date_confidence.zh(), s.date_confidence.en())])) }</dd>
                <dt>{ t::DATE_EVIDENCE.get(lang) }</dt>
                <dd>{ source.map_or("", |s| i18n::pick(lang, &s.date_evidence_zh, &s.date_evidence_en)) }</dd>
                <dt>{ t::PERIOD.get(lang) }</dt>
                <dd>{ format::period_reading_in(&f.period, lang) }</dd>
                <dt>{ t::COL_KIND.get(lang) }</dt>
                <dd>{ i18n::kind(f.kind, lang) }{ f.qualifier.map(|q| t::QUALIFIER_NOTE.fill(lang, &[q.zh()])).unwrap_or_default() }</dd>
                if let Some(s) = &f.subject {
                    <dt>{ t::SUBJECT.get(lang) }</dt>
                    <dd>{ format!("{} · {}", i18n::subject_name(s, lang), i18n::pick(lang, s.kind.zh(), s.kind.en())) }</dd>
                }
                <dt>{ t::FACT_ID.get(lang) }</dt>
                <dd>{ f.id.to_string() }</dd>
                <dt>{ t::CITATION.get(lang) }</dt>
                <dd class="citation" data-testid="citation">{ citation.clone() }</dd>
            </dl>
            <button type="button" class="secondary" onclick={copy.clone()} data-testid="copy-citation">{ t::COPY_CITATION.get(lang) }</button>
            <span class="status" role="status">{ if *copied { t::COPIED.get(lang) } else { "" } }</span>
            </>
        }
    });
    html! {
        <Modal open={props.fact.is_some()} on_close={props.on_close.clone()} labelled_by="source-title"
            class="source-dialog" close_label={t::CLOSE.get(lang)}>
            { body.unwrap_or_default() }
        </Modal>
    }
}
