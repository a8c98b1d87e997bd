//! The district profile: one district's headline figures, then its figures by category,
//! charted a page at a time, each category's table collapsed.

use super::more::{More, CHARTS_PAGE, PROFILE_CHARTS};
use super::table::sorted;
use super::views::{bar_figure, table, ViewProps};
use super::Shared;
use crate::chart::views;
use crate::format;
use crate::i18n::{self, t};
use crate::model::DistrictId;
use crate::state::Action;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[component]
pub fn ProfileView(p: &ViewProps) -> Html {
    let lang = p.state.lang;
    let ds = &p.data.0;
    let district: DistrictId =
        p.state.profile.clone().unwrap_or_else(|| ds.districts[0].id.clone());
    let profile = use_memo((p.data.clone(), district.clone(), lang), |(d, id, lang)| {
        views::profile(&d.0, id, *lang)
    });
    let keys = p.keys.clone();
    let section_rows =
        use_memo((p.data.clone(), Shared(profile.clone()), p.state.sort), move |(d, pr, sort)| {
            pr.0.sections
                .iter()
                .map(|sec| sorted(&d.0, &keys.0, sec.facts.iter().copied(), *sort))
                .collect::<Vec<_>>()
        });
    let on_district = p.dispatch.reform(|e: Event| {
        let v = e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
        Action::SetProfile((!v.is_empty()).then_some(DistrictId(v.into())))
    });
    let name = i18n::district_name(ds, &district, lang);
    html! {
        <section class="profile" aria-labelledby="profile-heading">
            <h2 id="profile-heading">{ t::PROFILE_HEADING.fill(lang, &[name]) }</h2>
            <div class="profile-pick">
                <div>
                    <label for="profile-district">{ t::CHOOSE_DISTRICT.get(lang) }</label>
                    <select id="profile-district" onchange={on_district}>
                        { for ds.districts.iter().map(|d| html! { <option value={d.id.to_string()} selected={d.id == district}>{ i18n::pick(lang, &d.name_zh, &d.name_en) }</option> }) }
                    </select>
                </div>
                <super::map::Locator code={district.to_string()} name={name.to_string()} dark={p.dark} {lang} />
            </div>
            <h3>{ t::HEADLINE.get(lang) }</h3>
            <ul class="headline">
                { for profile.headline.iter().map(|&i| {
                    let f = &ds.facts[i];
                    let open = p.open.reform(move |_: MouseEvent| i);
                    html! {
                        <li>
                            <button type="button" class="card" onclick={open} data-fact={f.id.to_string()}>
                                <span class="card-label">{ i18n::indicator_name(ds, &f.indicator, lang) }{ t::PAREN.fill(lang, &[i18n::kind(f.kind, lang)]) }</span>
                                <span class="card-value">{ format::value_in(f, lang) }</span>
                                <span class="card-period">{ format::period_in(&f.period, lang) }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            { for profile.sections.iter().enumerate().map(|(k, sec)| html! {
                <section class="category" aria-label={i18n::category(sec.category, lang)}>
                    <h3>{ i18n::category(sec.category, lang) }</h3>
                    { {
                        let (q, pr) = (p.clone(), profile.clone());
                        let item = Callback::from(move |i: usize| pr.sections.get(k).and_then(|s| s.charts.get(i)).map_or_else(Html::default, |c| bar_figure(&q, c, "profile-chart")));
                        let before: usize = profile.sections[..k].iter().map(|s| s.charts.len()).sum();
                        let first = PROFILE_CHARTS.saturating_sub(before);
                        html! { <More count={sec.charts.len()} page={CHARTS_PAGE} first={Some(first)} {item} {lang} list={(Rc::as_ptr(&profile) as usize).wrapping_add(k)} /> }
                    } }
                    <details>
                        <summary>{ t::CATEGORY_ALL.fill(lang, &[&sec.facts.len().to_string()]) }</summary>
                        { table(p, section_rows[k].clone(), p.state.sort) }
                    </details>
                </section>
            }) }
            <p class="hint profile-sources">{ t::SOURCE_ARTICLES.get(lang) }
                { for profile.sources.iter().map(|s| {
                    let src = ds.source(s);
                    html! { <span class="source-ref"><span lang="zh-CN">{ src.map_or(String::new(), |s| format!("《{}》", s.headline)) }</span>{ src.map_or(String::new(), |s| format!(" ({})", i18n::pick(lang, &s.published.label_zh, &s.published.label_en))) }</span> }
                }) }
            </p>
        </section>
    }
}
