//! The sortable table of matching facts; a row expands to its source quote.

use super::Data;
use crate::format;
use crate::model::FactId;
use crate::query::{Direction, Sort, SortKey};
use crate::state::Action;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FactTableProps {
    pub data: Data,
    pub rows: Rc<Vec<usize>>,
    pub sort: Sort,
    pub expanded: Vec<FactId>,
    pub dispatch: Callback<Action>,
}

fn column_name(key: SortKey) -> &'static str {
    match key {
        SortKey::District => "区县",
        SortKey::Indicator => "指标",
        SortKey::Value => "数值",
        SortKey::Period => "时期",
        SortKey::Kind => "类型",
        SortKey::Source => "来源",
    }
}

#[component]
pub fn FactTable(props: &FactTableProps) -> Html {
    let ds = &props.data.0;
    let d = &props.dispatch;
    let header = |key: SortKey| {
        let (aria, arrow) = match (props.sort.key == key, props.sort.direction) {
            (false, _) => ("none", ""),
            (true, Direction::Ascending) => ("ascending", " ▲"),
            (true, Direction::Descending) => ("descending", " ▼"),
        };
        let onclick = d.reform(move |_: MouseEvent| Action::SortBy(key));
        html! {
            <th scope="col" aria-sort={aria}>
                <button type="button" class="sort" {onclick}>{ column_name(key) }<span aria-hidden="true">{ arrow }</span></button>
            </th>
        }
    };
    html! {
        <div class="table-scroll">
        <table class="facts">
            <caption>{ format!("共 {} 条数据。点击表头排序，点击“原文”查看出处。", props.rows.len()) }</caption>
            <thead>
                <tr>
                    { for SortKey::ALL.iter().map(|k| header(*k)) }
                    <th scope="col">{ "出处" }</th>
                </tr>
            </thead>
            <tbody>
                { for props.rows.iter().map(|&i| {
                    let f = &ds.facts[i];
                    let open = props.expanded.contains(&f.id);
                    let id = f.id.clone();
                    let toggle = d.reform(move |_: MouseEvent| Action::ToggleExpanded(id.clone()));
                    let district = ds.district(&f.district).map_or("", |x| x.name_zh.as_str());
                    let indicator = ds.indicator(&f.indicator);
                    let source = ds.source(&f.source);
                    let detail_id = format!("quote-{}", f.id);
                    html! {
                        <>
                        <tr class={classes!("fact", open.then_some("open"))} data-fact={f.id.to_string()}>
                            <td>{ district }</td>
                            <td>
                                { indicator.map_or("", |x| x.name_zh.as_str()) }
                                if let Some(s) = &f.subject { <span class="subject">{ format!("（{}）", s.name) }</span> }
                            </td>
                            <td class="num">{ format::value(f) }</td>
                            <td>
                                { format::period(&f.period) }
                                if f.period.year == crate::model::YearBasis::Inferred {
                                    <span class="inferred" title="年份系推断">{ "（推断）" }</span>
                                }
                            </td>
                            <td>{ f.kind.zh() }</td>
                            <td>{ source.map_or("", |s| s.published.label_zh.as_str()) }</td>
                            <td>
                                <button type="button" class="expand" aria-expanded={open.to_string()}
                                    aria-controls={detail_id.clone()} onclick={toggle}>
                                    { if open { "收起" } else { "原文" } }
                                </button>
                            </td>
                        </tr>
                        if open {
                            <tr class="detail" id={detail_id}>
                                <td colspan="7">
                                    <blockquote lang="zh-CN">{ format!("“{}”", f.quote) }</blockquote>
                                    <dl>
                                        <dt>{ "文章" }</dt>
                                        <dd>{ source.map_or(String::new(), |s| format!("《{}》（{}，发布日期估计：{}）", s.headline, district, s.published.label_zh)) }</dd>
                                        <dt>{ "时期" }</dt>
                                        <dd>{ format!("{}。{}", format::period(&f.period), format::period_reading(&f.period)) }</dd>
                                        <dt>{ "指标定义" }</dt>
                                        <dd lang="en">{ indicator.map_or("", |x| x.definition.as_str()) }</dd>
                                    </dl>
                                </td>
                            </tr>
                        }
                        </>
                    }
                }) }
            </tbody>
        </table>
        </div>
    }
}
