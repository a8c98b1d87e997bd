//! The Yew shell (wasm32 only): mounts the app, turns DOM events into `state::Action`s
//! and renders what the core computes. No data logic lives here.

mod filters;
mod table;

use crate::chart;
use crate::dataset::{DataError, Dataset};
use crate::query;
use crate::state::{Action, AppState};
use std::rc::Rc;
use yew::prelude::*;

/// The dataset, shared by pointer: props compare in O(1) and nothing clones it.
#[derive(Clone)]
pub struct Data(pub Rc<Dataset>);

impl PartialEq for Data {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

thread_local! {
    static DATASET: Result<Data, Rc<Vec<DataError>>> =
        Dataset::embedded().map(|d| Data(Rc::new(d))).map_err(Rc::new);
}

/// Yew's reducer wrapper around the pure `AppState::reduce`.
#[derive(Default, PartialEq)]
struct Store(AppState);

impl Reducible for Store {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Store(self.0.clone().reduce(action)))
    }
}

/// Mounts the app into `#app`, replacing the loading message.
pub fn start() {
    std::panic::set_hook(Box::new(|info| show_error_panel(&info.to_string())));
    let Some(root) = gloo_root() else { return };
    root.set_inner_html("");
    yew::Renderer::<App>::with_root(root).render();
}

fn gloo_root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id("app")
}

/// Replaces the page with a readable error and a reload link. Uses only text nodes for
/// the message, so nothing in it is interpreted as markup.
pub fn show_error_panel(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    let build = || -> Option<web_sys::Element> {
        let panel = doc.create_element("div").ok()?;
        panel.set_id("error-panel");
        panel.set_attribute("role", "alert").ok()?;
        let h = doc.create_element("h2").ok()?;
        h.set_text_content(Some("页面出错了 · Something went wrong"));
        let p = doc.create_element("p").ok()?;
        p.set_text_content(Some("浏览器中的程序遇到意外错误。请重新加载页面；如果问题反复出现，请把下面的信息告诉我们。"));
        let pre = doc.create_element("pre").ok()?;
        pre.set_text_content(Some(message));
        let a = doc.create_element("a").ok()?;
        a.set_attribute("class", "button").ok()?;
        let href = web_sys::window()?
            .location()
            .href()
            .unwrap_or_else(|_| "./".into());
        a.set_attribute("href", &href).ok()?;
        a.set_text_content(Some("重新加载 · Reload"));
        for child in [&h, &p, &pre, &a] {
            panel.append_child(child).ok()?;
        }
        Some(panel)
    };
    if let Some(panel) = build() {
        if let Some(old) = doc.get_element_by_id("error-panel") {
            old.remove();
        }
        let _ = body.prepend_with_node_1(&panel);
    }
}

#[component]
pub fn App() -> Html {
    match DATASET.with(Clone::clone) {
        Ok(data) => html! { <Explorer {data} /> },
        Err(errors) => html! {
            <main id="main" class="error-list" role="alert">
                <h1>{ "数据未通过校验，无法显示" }</h1>
                <ul>{ for errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }</ul>
            </main>
        },
    }
}

#[derive(Properties, PartialEq)]
struct ExplorerProps {
    data: Data,
}

#[component]
fn Explorer(props: &ExplorerProps) -> Html {
    let data = props.data.clone();
    let store = use_reducer(Store::default);
    let dispatch = {
        let store = store.clone();
        Callback::from(move |a: Action| store.dispatch(a))
    };
    let state = &store.0;
    let rows = use_memo((data.clone(), state.filter.clone()), |(d, f)| {
        query::filter(&d.0, f)
    });
    let sorted = use_memo(
        (data.clone(), rows.clone(), state.sort),
        |(d, rows, sort)| {
            let mut r = (**rows).clone();
            query::sort(&d.0, &mut r, *sort);
            r
        },
    );
    let comparison = use_memo(
        (data.clone(), rows.clone(), state.filter.clone()),
        |(d, rows, f)| chart::comparison(&d.0, rows, f),
    );
    let svg = use_memo((data.clone(), comparison.clone()), |(d, c)| {
        c.as_ref().as_ref().map(|c| chart::render_svg(&d.0, c, 760))
    });
    let ds = &data.0;
    let clear = dispatch.reform(|_: MouseEvent| Action::ClearFilters);

    html! {
        <>
        <a class="skip-link" href="#results">{ "跳到数据表" }</a>
        <header class="site-header">
            <h1>{ "重庆区县工业发展数据浏览器" }</h1>
            <p class="lede">
                { format!("{}个区县、{}条数据，全部摘自{}篇新闻报道，每个数字都附原文出处。", ds.districts.len(), ds.facts.len(), ds.sources.len()) }
            </p>
            <details class="sources">
                <summary>{ "数据来源" }</summary>
                <ul>
                    { for ds.sources.iter().map(|s| {
                        let district = ds.district(&s.district).map_or("", |d| d.name_zh.as_str());
                        html! { <li><cite>{ &s.headline }</cite>{ format!("（{district}，{}）", s.published.label_zh) }</li> }
                    }) }
                </ul>
            </details>
        </header>
        <main id="main" class="layout">
            <filters::FilterPanel data={data.clone()} filter={state.filter.clone()} dispatch={dispatch.clone()} />
            <section class="results" aria-label="结果">
                <section class="chart-panel" aria-labelledby="chart-heading">
                    <h2 id="chart-heading">{ "区县对比" }</h2>
                    { match (&*comparison, &*svg) {
                        (Some(c), Some(svg)) => html! {
                            <>
                            if c.auto_selected {
                                <p class="hint">{ "未选择指标，自动显示报道区县最多的指标。可在左侧选择指标。" }</p>
                            }
                            <figure class="chart" role="img" aria-label={c.summary()} data-testid="comparison-chart">
                                { Html::from_html_unchecked(AttrValue::from(svg.clone())) }
                            </figure>
                            if !c.notes.is_empty() {
                                <ul class="chart-notes" role="note">
                                    { for c.notes.iter().map(|n| html! { <li>{ n }</li> }) }
                                </ul>
                            }
                            </>
                        },
                        _ => html! { <p class="hint">{ "当前筛选下没有可在区县间比较的全区数据。" }</p> },
                    } }
                </section>
                <section id="results" class="table-panel" aria-labelledby="table-heading" tabindex="-1">
                    <h2 id="table-heading">{ "数据表" }</h2>
                    if sorted.is_empty() {
                        <div class="empty" role="status">
                            <p>{ "没有符合筛选条件的数据。" }</p>
                            <button type="button" onclick={clear}>{ "清除全部筛选" }</button>
                        </div>
                    } else {
                        <table::FactTable data={data.clone()} rows={sorted.clone()} sort={state.sort}
                            expanded={state.expanded.clone()} dispatch={dispatch.clone()} />
                    }
                </section>
            </section>
        </main>
        <footer class="site-footer">
            <p>{ "数字均为报道原文所载；“年份系推断”表示原文只写“今年”“去年”等，年份按报道日期推定。" }</p>
        </footer>
        </>
    }
}
