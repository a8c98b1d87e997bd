//! The source articles: each with its headline, estimated date and the evidence for it,
//! and the figures taken from it in a collapsed table.

use super::table::sorted;
use super::views::{table, ViewProps};
use crate::i18n::{self, t};
use yew::prelude::*;

#[component]
pub fn SourcesView(p: &ViewProps) -> Html {
    let lang = p.state.lang;
    let ds = &p.data.0;
    // Each article's figures, grouped in one pass over the facts.
    let keys = p.keys.clone();
    let source_rows = use_memo((p.data.clone(), p.state.sort), move |(d, sort)| {
        let ds = &d.0;
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); ds.sources.len()];
        for (i, f) in ds.facts.iter().enumerate() {
            if let Some(g) = groups.get_mut(ds.source_pos(&f.source)) {
                g.push(i);
            }
        }
        groups.into_iter().map(|g| sorted(ds, &keys.0, g, *sort)).collect::<Vec<_>>()
    });
    html! {
        <section class="sources-view" aria-labelledby="sources-heading">
            <h2 id="sources-heading">{ t::SOURCES_HEADING.get(lang) }</h2>
            <p class="hint">{ t::SOURCES_INTRO.get(lang) }</p>
            { for ds.sources.iter().zip(source_rows.iter()).map(|(s, facts)| {
                html! {
                    <article class="source" data-source={s.id.to_string()}>
                        <h3 lang="zh-CN">{ format!("《{}》", s.headline) }</h3>
                        <dl>
                            <dt>{ t::DISTRICT.get(lang) }</dt><dd>{ i18n::district_name(ds, &s.district, lang) }</dd>
                            <dt>{ t::PUBLISHED.get(lang) }</dt><dd>{ t::PUBLISHED_RANGE.fill(lang, &[i18n::pick(lang, &s.published.label_zh, &s.published.label_en), &s.published.from.to_string(), &s.published.to.to_string(), i18n::pick(lang, s.date_confidence.zh(), s.date_confidence.en())]) }</dd>
                            <dt>{ t::EVIDENCE.get(lang) }</dt><dd>{ i18n::pick(lang, &s.date_evidence_zh, &s.date_evidence_en) }</dd>
                            <dt>{ t::FILE.get(lang) }</dt><dd><code>{ format!("{}.txt", s.id) }</code></dd>
                        </dl>
                        <details>
                            <summary>{ t::SOURCE_FIGURES.fill(lang, &[&facts.len().to_string()]) }</summary>
                            { table(p, facts.clone(), p.state.sort) }
                        </details>
                    </article>
                }
            }) }
        </section>
    }
}
