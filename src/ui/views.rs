//! The six views. Each turns a chart spec from `crate::chart` into figures and a data
//! table; none computes anything itself.

use super::chart::{ChartFigure, Spec};
use super::table::FactTable;
use super::Data;
use crate::chart::{self, views, BarChart, TimeChart};
use crate::format;
use crate::i18n;
use crate::model::DistrictId;
use crate::query::Sort;
use crate::state::{Action, AppState, Lang, PeriodMode};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// What every view receives.
#[derive(Properties, PartialEq, Clone)]
pub struct ViewProps {
    pub data: Data,
    pub state: Rc<AppState>,
    /// The filtered rows.
    pub rows: Rc<Vec<usize>>,
    pub width: u32,
    pub dark: bool,
    pub dispatch: Callback<Action>,
    pub open: Callback<usize>,
}

fn sorted(p: &ViewProps, facts: &[usize]) -> Rc<Vec<usize>> {
    let mut v = facts.to_vec();
    v.sort_unstable();
    v.dedup();
    crate::query::sort(&p.data.0, &mut v, p.state.sort);
    Rc::new(v)
}

fn table(p: &ViewProps, facts: Rc<Vec<usize>>, sort: Sort) -> Html {
    html! {
        <FactTable data={p.data.clone()} rows={facts} {sort} expanded={p.state.expanded.clone()} dispatch={p.dispatch.clone()} />
    }
}

fn bar_figure(p: &ViewProps, c: &BarChart, testid: &'static str) -> Html {
    let spec = Spec::Bars(Rc::new(c.clone()));
    html! { <ChartFigure {spec} width={p.width} dark={p.dark} on_open={p.open.clone()} testid={testid} /> }
}

fn time_figure(p: &ViewProps, c: &TimeChart) -> Html {
    let spec = Spec::Time(Rc::new(c.clone()));
    html! { <ChartFigure {spec} width={p.width} dark={p.dark} on_open={p.open.clone()} testid="trend-chart" /> }
}

fn empty(text: &str, p: &ViewProps) -> Html {
    let clear = p.dispatch.reform(|_: MouseEvent| Action::ClearFilters);
    html! {
        <div class="empty" role="status">
            <p>{ text.to_string() }</p>
            if !p.state.filter.is_empty() {
                <button type="button" onclick={clear}>{ "清除全部筛选" }</button>
            }
        </div>
    }
}

#[component]
pub fn CompareView(p: &ViewProps) -> Html {
    let cmp = use_memo(
        (
            p.data.clone(),
            p.rows.clone(),
            p.state.filter.clone(),
            p.state.period_mode,
        ),
        |(d, rows, f, mode)| chart::comparison(&d.0, rows, f, *mode, Lang::Zh),
    );
    let mode = p.state.period_mode;
    let set_mode = |m: PeriodMode| p.dispatch.reform(move |_: Event| Action::SetPeriodMode(m));
    let rows = use_memo(
        (p.data.clone(), p.rows.clone(), p.state.sort),
        |(d, rows, sort)| {
            let mut r = (**rows).clone();
            crate::query::sort(&d.0, &mut r, *sort);
            Rc::new(r)
        },
    );
    html! {
        <>
        <section class="chart-panel" aria-labelledby="chart-heading">
            <h2 id="chart-heading">{ "区县对比" }</h2>
            { match &*cmp {
                Some(c) => html! {
                    <>
                    if c.auto_selected {
                        <p class="hint">{ "未选择指标，自动显示报道区县最多的指标。可在左侧选择指标。" }</p>
                    }
                    <fieldset class="period-mode">
                        <legend>{ "时期不同时" }</legend>
                        <label><input type="radio" name="period-mode" checked={mode == PeriodMode::Latest} onchange={set_mode(PeriodMode::Latest)} />{ "各区取最新一期" }</label>
                        <label><input type="radio" name="period-mode" checked={mode == PeriodMode::SamePeriod} onchange={set_mode(PeriodMode::SamePeriod)} />{ "只比较同一时期" }</label>
                    </fieldset>
                    { match (&c.chart, &c.message) {
                        (Some(chart), _) => bar_figure(p, chart, "comparison-chart"),
                        (None, Some(m)) => html! { <p class="single" role="note" data-testid="single-district">{ m }</p> },
                        _ => html! {},
                    } }
                    </>
                },
                None => html! { <p class="hint">{ "当前筛选下没有可在区县间比较的全区数据。" }</p> },
            } }
        </section>
        <section id="results" class="table-panel" aria-labelledby="table-heading" tabindex="-1">
            <h2 id="table-heading">{ "数据表" }</h2>
            if rows.is_empty() {
                { empty("没有符合筛选条件的数据。", p) }
            } else {
                { table(p, (*rows).clone(), p.state.sort) }
            }
        </section>
        </>
    }
}

#[component]
pub fn ProfileView(p: &ViewProps) -> Html {
    let ds = &p.data.0;
    let district: DistrictId = p
        .state
        .profile
        .clone()
        .unwrap_or_else(|| ds.districts[0].id.clone());
    let profile = use_memo((p.data.clone(), district.clone()), |(d, id)| {
        views::profile(&d.0, id, Lang::Zh)
    });
    let on_district = p.dispatch.reform(|e: Event| {
        let v = e
            .target_dyn_into::<HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default();
        Action::SetProfile((!v.is_empty()).then_some(DistrictId(v)))
    });
    let name = i18n::district_name(ds, &district, Lang::Zh);
    html! {
        <section class="profile" aria-labelledby="profile-heading">
            <h2 id="profile-heading">{ format!("区县概况：{name}") }</h2>
            <label for="profile-district">{ "选择区县" }</label>
            <select id="profile-district" onchange={on_district}>
                { for ds.districts.iter().map(|d| html! { <option value={d.id.to_string()} selected={d.id == district}>{ &d.name_zh }</option> }) }
            </select>
            <h3>{ "主要数字" }</h3>
            <ul class="headline">
                { for profile.headline.iter().map(|&i| {
                    let f = &ds.facts[i];
                    let open = p.open.reform(move |_: MouseEvent| i);
                    html! {
                        <li>
                            <button type="button" class="card" onclick={open} data-fact={f.id.to_string()}>
                                <span class="card-label">{ i18n::indicator_name(ds, &f.indicator, Lang::Zh) }{ format!("（{}）", f.kind.zh()) }</span>
                                <span class="card-value">{ format::value(f) }</span>
                                <span class="card-period">{ format::period(&f.period) }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <p class="hint">{ "来源文章：" }
                { for profile.sources.iter().map(|s| {
                    let src = ds.source(s);
                    html! { <span class="source-ref">{ src.map_or(String::new(), |s| format!("《{}》（{}）", s.headline, s.published.label_zh)) }</span> }
                }) }
            </p>
            { for profile.sections.iter().map(|sec| html! {
                <section class="category" aria-label={sec.category.zh()}>
                    <h3>{ sec.category.zh() }</h3>
                    { for sec.charts.iter().map(|c| bar_figure(p, c, "profile-chart")) }
                    <details>
                        <summary>{ format!("本类全部{}条数据", sec.facts.len()) }</summary>
                        { table(p, sorted(p, &sec.facts), p.state.sort) }
                    </details>
                </section>
            }) }
        </section>
    }
}

fn charts_view(
    p: &ViewProps,
    heading: &str,
    intro: &str,
    charts: Html,
    facts: &[usize],
    none: &str,
) -> Html {
    html! {
        <section class="chart-panel" aria-label={heading.to_string()}>
            <h2>{ heading.to_string() }</h2>
            <p class="hint">{ intro.to_string() }</p>
            if facts.is_empty() {
                { empty(none, p) }
            } else {
                { charts }
                <h3>{ "图中数据" }</h3>
                { table(p, sorted(p, facts), p.state.sort) }
            }
        </section>
    }
}

#[component]
pub fn TrendView(p: &ViewProps) -> Html {
    let charts = use_memo((p.data.clone(), p.rows.clone()), |(d, rows)| {
        views::trends(&d.0, rows, Lang::Zh)
    });
    let facts: Vec<usize> = charts.iter().flat_map(TimeChart::facts).collect();
    charts_view(
        p,
        "趋势",
        "同一区县、同一指标有两个以上时期的数据时，按真实时间轴画出。",
        html! { { for charts.iter().map(|c| time_figure(p, c)) } },
        &facts,
        "当前筛选下没有跨两个以上时期的同一指标。",
    )
}

#[component]
pub fn TargetsView(p: &ViewProps) -> Html {
    let charts = use_memo((p.data.clone(), p.rows.clone()), |(d, rows)| {
        views::targets(&d.0, rows, Lang::Zh)
    });
    let facts: Vec<usize> = charts.iter().flat_map(BarChart::facts).collect();
    charts_view(
        p,
        "目标与实际",
        "目标和预计（虚线框）与同一指标最新的实际数据（实心）并列，目标不是结果。",
        html! { { for charts.iter().map(|c| bar_figure(p, c, "targets-chart")) } },
        &facts,
        "当前筛选下没有目标或预计数据。",
    )
}

#[component]
pub fn BreakdownView(p: &ViewProps) -> Html {
    let charts = use_memo((p.data.clone(), p.rows.clone()), |(d, rows)| {
        views::breakdown(&d.0, rows, Lang::Zh)
    });
    let facts: Vec<usize> = charts.iter().flat_map(BarChart::facts).collect();
    charts_view(
        p,
        "细分",
        "关于具体企业、产业、项目或园区的数据，按区县分组比较。",
        html! { { for charts.iter().map(|c| bar_figure(p, c, "breakdown-chart")) } },
        &facts,
        "当前筛选下没有可细分比较的数据。",
    )
}

#[component]
pub fn SourcesView(p: &ViewProps) -> Html {
    let ds = &p.data.0;
    html! {
        <section class="sources-view" aria-labelledby="sources-heading">
            <h2 id="sources-heading">{ "来源文章" }</h2>
            <p class="hint">{ "每篇文章的标题、估计发布日期及依据，以及从中摘录的全部数据。" }</p>
            { for ds.sources.iter().map(|s| {
                let facts: Vec<usize> = (0..ds.facts.len()).filter(|&i| ds.facts[i].source == s.id).collect();
                html! {
                    <article class="source" data-source={s.id.to_string()}>
                        <h3>{ format!("《{}》", s.headline) }</h3>
                        <dl>
                            <dt>{ "区县" }</dt><dd>{ i18n::district_name(ds, &s.district, Lang::Zh) }</dd>
                            <dt>{ "发布日期（估计）" }</dt><dd>{ format!("{}（{} 至 {}，可信度：{}）", s.published.label_zh, s.published.from, s.published.to, s.date_confidence.zh()) }</dd>
                            <dt>{ "依据" }</dt><dd lang="en">{ &s.date_evidence }</dd>
                            <dt>{ "文件" }</dt><dd><code>{ format!("{}.txt", s.id) }</code></dd>
                        </dl>
                        <details>
                            <summary>{ format!("本文{}条数据", facts.len()) }</summary>
                            { table(p, sorted(p, &facts), p.state.sort) }
                        </details>
                    </article>
                }
            }) }
        </section>
    }
}
