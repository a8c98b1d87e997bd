//! The source panel: a modal `<dialog>` (focus stays inside, Esc closes) with the
//! quote and its figure highlighted, the article and how the period was read.

use super::modal::Modal;
use super::Data;
use crate::format;
use crate::i18n;
use crate::model::Fact;
use crate::numtext;
use crate::state::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SourceDialogProps {
    pub data: Data,
    /// The fact shown, if the dialog is open.
    pub fact: Option<usize>,
    pub on_close: Callback<()>,
}

/// The quote split around the printed figure: (before, figure, after).
pub fn split_quote(f: &Fact) -> (String, String, String) {
    let needle = f
        .value_text
        .clone()
        .unwrap_or_else(|| numtext::plain(f.value));
    match f.quote.find(&needle) {
        Some(i) => (
            f.quote[..i].to_string(),
            needle.clone(),
            f.quote[i + needle.len()..].to_string(),
        ),
        None => (f.quote.clone(), String::new(), String::new()),
    }
}

#[component]
pub fn SourceDialog(props: &SourceDialogProps) -> Html {
    let ds = &props.data.0;
    let body = props.fact.and_then(|i| ds.facts.get(i)).map(|f| {
        let (before, figure, after) = split_quote(f);
        let source = ds.source(&f.source);
        let district = i18n::district_name(ds, &f.district, Lang::Zh);
        html! {
            <>
            <h2 id="source-title">{ format!("{} · {}", district, i18n::indicator_name(ds, &f.indicator, Lang::Zh)) }</h2>
            <p class="figure">{ format::value(f) }{ " · " }{ format::period(&f.period) }</p>
            <blockquote lang="zh-CN" data-testid="source-quote">
                { "“" }{ before }<mark>{ figure }</mark>{ after }{ "”" }
            </blockquote>
            <dl>
                <dt>{ "文章" }</dt>
                <dd>{ source.map_or(String::new(), |s| format!("《{}》", s.headline)) }</dd>
                <dt>{ "发布日期（估计）" }</dt>
                <dd>{ source.map_or(String::new(), |s| format!("{}（可信度：{}）", s.published.label_zh, s.date_confidence.zh())) }</dd>
                <dt>{ "日期依据" }</dt>
                <dd lang="en">{ source.map_or("", |s| s.date_evidence.as_str()) }</dd>
                <dt>{ "时期" }</dt>
                <dd>{ format!("{}。{}", format::period(&f.period), format::period_reading(&f.period)) }</dd>
                <dt>{ "类型" }</dt>
                <dd>{ f.kind.zh() }{ f.qualifier.map(|q| format!("；原文限定词“{}”", q.zh())).unwrap_or_default() }</dd>
                if let Some(s) = &f.subject {
                    <dt>{ "对象" }</dt>
                    <dd>{ format!("{}（{}）", s.name, s.kind.zh()) }</dd>
                }
                <dt>{ "数据编号" }</dt>
                <dd>{ f.id.to_string() }</dd>
            </dl>
            </>
        }
    });
    html! {
        <Modal open={props.fact.is_some()} on_close={props.on_close.clone()} labelled_by="source-title"
            class="source-dialog" close_label="关闭">
            { body.unwrap_or_default() }
        </Modal>
    }
}
