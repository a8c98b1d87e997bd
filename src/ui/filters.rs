//! The filter panel: districts, category, indicator, year, kind and free-text search.

use super::Data;
use crate::model::*;
use crate::query::{self, Filter};
use crate::state::Action;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilterPanelProps {
    pub data: Data,
    pub filter: Filter,
    pub dispatch: Callback<Action>,
}

/// The selected option's value, or `None` for the "all" option (value "").
fn select_value(e: &Event) -> Option<String> {
    let v = e.target_dyn_into::<HtmlSelectElement>()?.value();
    (!v.is_empty()).then_some(v)
}

#[component]
pub fn FilterPanel(props: &FilterPanelProps) -> Html {
    let ds = &props.data.0;
    let f = &props.filter;
    let d = &props.dispatch;

    let on_category = d.reform(|e: Event| {
        Action::SetCategory(select_value(&e).and_then(|v| Category::from_code(&v)))
    });
    let on_indicator = d.reform(|e: Event| Action::SetIndicator(select_value(&e).map(IndicatorId)));
    let on_year =
        d.reform(|e: Event| Action::SetYear(select_value(&e).and_then(|v| v.parse().ok())));
    let on_kind =
        d.reform(|e: Event| Action::SetKind(select_value(&e).and_then(|v| Kind::from_code(&v))));
    let on_search = d.reform(|e: InputEvent| {
        Action::SetSearch(
            e.target_dyn_into::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default(),
        )
    });
    let on_clear = d.reform(|_: MouseEvent| Action::ClearFilters);

    html! {
        <aside class="filters" aria-labelledby="filters-heading">
            <h2 id="filters-heading">{ "筛选" }</h2>
            <fieldset class="districts">
                <legend>{ "区县（可多选，不选即全部）" }</legend>
                { for ds.districts.iter().map(|dist| {
                    let id = dist.id.clone();
                    let onchange = d.reform(move |_: Event| Action::ToggleDistrict(id.clone()));
                    let input_id = format!("district-{}", dist.id);
                    html! {
                        <div class="check">
                            <input type="checkbox" id={input_id.clone()} value={dist.id.to_string()}
                                checked={f.districts.contains(&dist.id)} {onchange} />
                            <label for={input_id}>
                                <span class={classes!("swatch", format!("d{}", ds.district_pos(&dist.id) % 6))} aria-hidden="true"></span>
                                { &dist.name_zh }
                            </label>
                        </div>
                    }
                }) }
            </fieldset>
            <label for="f-category">{ "指标类别" }</label>
            <select id="f-category" onchange={on_category}>
                <option value="" selected={f.category.is_none()}>{ "全部类别" }</option>
                { for query::category_choices(ds).into_iter().map(|c| html! {
                    <option value={c.code()} selected={f.category == Some(c)}>{ c.zh() }</option>
                }) }
            </select>
            <label for="f-indicator">{ "指标" }</label>
            <select id="f-indicator" onchange={on_indicator}>
                <option value="" selected={f.indicator.is_none()}>{ "全部指标" }</option>
                { for query::indicator_choices(ds, f.category).into_iter().map(|i| html! {
                    <option value={i.id.to_string()} selected={f.indicator.as_ref() == Some(&i.id)}>{ &i.name_zh }</option>
                }) }
            </select>
            <label for="f-year">{ "年份（时期所涉年份）" }</label>
            <select id="f-year" onchange={on_year}>
                <option value="" selected={f.year.is_none()}>{ "全部年份" }</option>
                { for query::year_choices(ds).into_iter().map(|y| html! {
                    <option value={y.to_string()} selected={f.year == Some(y)}>{ format!("{y}年") }</option>
                }) }
            </select>
            <label for="f-kind">{ "数据类型" }</label>
            <select id="f-kind" onchange={on_kind}>
                <option value="" selected={f.kind.is_none()}>{ "全部类型" }</option>
                { for query::kind_choices(ds).into_iter().map(|k| html! {
                    <option value={k.code()} selected={f.kind == Some(k)}>{ k.zh() }</option>
                }) }
            </select>
            <label for="f-search">{ "搜索（指标、对象、原文）" }</label>
            <input id="f-search" type="search" value={f.search.clone()} oninput={on_search}
                placeholder="如：高新技术、华峰、绿色工厂" />
            <button type="button" class="secondary" onclick={on_clear} disabled={f.is_empty()}>{ "清除筛选" }</button>
        </aside>
    }
}
