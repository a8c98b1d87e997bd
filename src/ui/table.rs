//! The sortable table of matching facts; a row expands to its source quote.

use super::Data;
use crate::dataset::Dataset;
use crate::export;
use crate::format;
use crate::i18n::{self, t, Lang};
use crate::model::FactId;
use crate::query::{Direction, FactKeys, Sort, SortKey};
use crate::state::{Action, AppState};
use std::rc::Rc;
use yew::prelude::*;

/// Rows per page of the table on wide screens (cards on small ones take
/// `views::PHONE_PAGE_ROWS`): fifty rows are a page's worth to read, and each sort,
/// filter or page change rebuilds half the DOM that a hundred did.
pub const PAGE_ROWS: usize = 50;

#[derive(Properties, PartialEq)]
pub struct FactTableProps {
    pub data: Data,
    pub rows: Rc<Vec<usize>>,
    pub sort: Sort,
    pub expanded: Vec<FactId>,
    pub dispatch: Callback<Action>,
    pub lang: Lang,
    /// For the export file names and the view citation.
    pub state: Rc<AppState>,
    /// Rows per page: fewer as cards on a phone.
    #[prop_or(PAGE_ROWS)]
    pub page_rows: usize,
}

fn column_name(key: SortKey, lang: Lang) -> &'static str {
    match key {
        SortKey::District => t::COL_DISTRICT,
        SortKey::Indicator => t::COL_INDICATOR,
        SortKey::Value => t::COL_VALUE,
        SortKey::Period => t::COL_PERIOD,
        SortKey::Kind => t::COL_KIND,
        SortKey::Source => t::COL_SOURCE,
    }
    .get(lang)
}

#[component]
pub fn FactTable(props: &FactTableProps) -> Html {
    let ds = &props.data.0;
    let d = &props.dispatch;
    let lang = props.lang;
    let header = |key: SortKey| {
        let (aria, arrow) = match (props.sort.key == key, props.sort.direction) {
            (false, _) => ("none", ""),
            (true, Direction::Ascending) => ("ascending", " ▲"),
            (true, Direction::Descending) => ("descending", " ▼"),
        };
        let onclick = d.reform(move |_: MouseEvent| Action::SortBy(key));
        html! {
            <th scope="col" aria-sort={aria}>
                <button type="button" class="sort" {onclick}>{ column_name(key, lang) }<span aria-hidden="true">{ arrow }</span></button>
            </th>
        }
    };
    // The card layout (small screens) has no header row: a select sorts instead.
    let on_sort = d.reform(|e: Event| {
        let v = e
            .target_dyn_into::<web_sys::HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default();
        let (k, dir) = v.split_once(':').unwrap_or(("0", "a"));
        let key = k
            .parse::<usize>()
            .ok()
            .and_then(|k| SortKey::ALL.get(k).copied())
            .unwrap_or(SortKey::District);
        Action::SetSort(Sort {
            key,
            direction: if dir == "d" { Direction::Descending } else { Direction::Ascending },
        })
    });
    let sort_select = html! {
        <div class="card-sort">
            <label for={format!("sort-{}", props.state.view.code())}>{ t::SORT_BY.get(lang) }</label>
            <select id={format!("sort-{}", props.state.view.code())} class="sort-select" onchange={on_sort}>
                { for SortKey::ALL.iter().enumerate().flat_map(|(k, &key)| {
                    [(Direction::Ascending, "a", t::SORT_ASC), (Direction::Descending, "d", t::SORT_DESC)].into_iter().map(move |(dir, code, text)| {
                        let selected = props.sort.key == key && props.sort.direction == dir;
                        html! { <option value={format!("{k}:{code}")} {selected}>{ text.fill(lang, &[column_name(key, lang)]) }</option> }
                    })
                }) }
            </select>
        </div>
    };
    let copied = use_state(|| false);
    // Only one page of rows is in the DOM, so 100,000 figures stay fast; the total is shown.
    // The page is kept with the rows it was chosen for (held, so their address is not
    // reused): new rows start at the first page, read here rather than reset by an
    // effect, which would draw the table twice.
    let paging = use_mut_ref(|| (props.rows.clone(), 0usize));
    let redraw = use_force_update();
    if !Rc::ptr_eq(&paging.borrow().0, &props.rows) {
        *paging.borrow_mut() = (props.rows.clone(), 0);
    }
    let per = props.page_rows.max(1);
    let pages = props.rows.len().div_ceil(per).max(1);
    let current = paging.borrow().1.min(pages - 1);
    // A new table draws its rows in the pass after its first: the first screen above
    // it (the answer, the chart) is painted without waiting for a page of rows.
    let shown = if super::hooks::use_second_pass() {
        &props.rows[current * per..((current + 1) * per).min(props.rows.len())]
    } else {
        &[]
    };
    let go = |to: usize| {
        let (paging, redraw) = (paging.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            paging.borrow_mut().1 = to;
            redraw.force_update();
        })
    };
    let download = |ext: &'static str| {
        let data = props.data.clone();
        let rows = props.rows.clone();
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| {
            let ds = &data.0;
            let name = export::file_name("table", &state, ds, ext);
            if ext == "csv" {
                super::download::save_text(
                    &name,
                    "text/csv;charset=utf-8",
                    &export::csv(ds, &rows, state.lang),
                );
            } else {
                super::download::save_text(&name, "application/json", &export::json(ds, &rows));
            }
        })
    };
    let copy_view = {
        let data = props.data.clone();
        let rows = props.rows.clone();
        let state = props.state.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let ds = &data.0;
            let url = super::page::url_for(&state);
            let view = super::view_name(state.view, state.lang);
            let text = export::view_citation(ds, &rows, view, &url, state.lang);
            copied.set(super::download::copy_text(&text));
        })
    };
    html! {
        <>
        <div class="table-tools" role="group" aria-label={t::EXPORT_TABLE.get(lang)}>
            <button type="button" class="secondary small" data-testid="download-csv" onclick={download("csv")}>{ t::DOWNLOAD_CSV.get(lang) }</button>
            <button type="button" class="secondary small" data-testid="download-json" onclick={download("json")}>{ t::DOWNLOAD_JSON.get(lang) }</button>
            <button type="button" class="secondary small" data-testid="copy-view-citation" onclick={copy_view}>{ t::COPY_VIEW_CITATION.get(lang) }</button>
            <span class="status" role="status">{ if *copied { t::COPIED.get(lang) } else { "" } }</span>
        </div>
        { sort_select }
        <div class="table-scroll">
        <table class="facts cards">
            <caption>{ t::TABLE_CAPTION.fill(lang, &[&props.rows.len().to_string()]) }</caption>
            <thead>
                <tr>
                    { for SortKey::ALL.iter().map(|k| header(*k)) }
                    <th scope="col">{ t::COL_QUOTE.get(lang) }</th>
                </tr>
            </thead>
            <tbody>
                { for shown.iter().map(|&i| {
                    let f = &ds.facts[i];
                    let open = props.expanded.contains(&f.id);
                    let id = f.id.clone();
                    let toggle = d.reform(move |_: MouseEvent| Action::ToggleExpanded(id.clone()));
                    let district = i18n::district_name(ds, &f.district, lang);
                    let indicator = ds.indicator(&f.indicator);
                    let source = ds.source(&f.source);
                    let detail_id = format!("quote-{}", f.id);
                    html! {
                        <>
                        <tr class={classes!("fact", open.then_some("open"))} data-fact={f.id.to_string()}>
                            <td class="card-head c-district" data-label={column_name(SortKey::District, lang)}>{ district }
                                if ds.is_imported(f) { <span class="imported-mark">{ t::IMPORTED.get(lang) }</span> }
                            </td>
                            <td class="card-head c-indicator" data-label={column_name(SortKey::Indicator, lang)}>
                                { i18n::indicator_name(ds, &f.indicator, lang) }
                                if let Some(s) = &f.subject { <span class="subject" lang={(s.name_en.is_none() || lang == Lang::Zh).then_some("zh-CN")}>{ t::PAREN.fill(lang, &[i18n::subject_name(s, lang)]) }</span> }
                            </td>
                            <td class="num" data-label={column_name(SortKey::Value, lang)}>{ format::value_in(f, lang) }</td>
                            <td data-label={column_name(SortKey::Period, lang)}>
                                { format::period_in(&f.period, lang) }
                                if f.period.year == crate::model::YearBasis::Inferred {
                                    <span class="inferred" title={t::INFERRED_TITLE.get(lang)}>{ t::INFERRED_MARK.get(lang) }</span>
                                }
                            </td>
                            <td data-label={column_name(SortKey::Kind, lang)}>{ i18n::kind(f.kind, lang) }</td>
                            <td data-label={column_name(SortKey::Source, lang)}>{ source.map_or("", |s| i18n::pick(lang, &s.published.label_zh, &s.published.label_en)) }</td>
                            <td class="card-action">
                                <button type="button" class="expand" aria-expanded={open.to_string()}
                                    aria-controls={detail_id.clone()} onclick={toggle}>
                                    { if open { t::HIDE_QUOTE.get(lang) } else { t::SHOW_QUOTE.get(lang) } }
                                </button>
                            </td>
                        </tr>
                        if open {
                            <tr class="detail" id={detail_id}>
                                <td colspan="7">
                                    <blockquote lang="zh-CN">{ format!("“{}”", f.quote) }</blockquote>
                                    <dl>
                                        <dt>{ t::ARTICLE.get(lang) }</dt>
                                        <dd>{ source.map_or(String::new(), |s| t::ARTICLE_LINE.fill(lang, &[&s.headline, district, i18n::pick(lang, &s.published.label_zh, &s.published.label_en)])) }</dd>
                                        <dt>{ t::PERIOD.get(lang) }</dt>
                                        <dd>{ format::period_reading_in(&f.period, lang) }</dd>
                                        <dt>{ t::DEFINITION.get(lang) }</dt>
                                        <dd>{ indicator.map_or("", |x| i18n::pick(lang, &x.definition_zh, &x.definition)) }</dd>
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
        if pages > 1 {
            <nav class="pager" aria-label={t::PAGES.get(lang)}>
                <button type="button" class="secondary small" disabled={current == 0} onclick={go(current.saturating_sub(1))} data-testid="page-prev">{ t::PAGE_PREV.get(lang) }</button>
                <span class="status">{ t::PAGE_OF.fill(lang, &[&(current + 1).to_string(), &pages.to_string(), &(current * per + 1).to_string(), &(current * per + shown.len()).to_string(), &props.rows.len().to_string()]) }</span>
                <button type="button" class="secondary small" disabled={current + 1 >= pages} onclick={go(current + 1)} data-testid="page-next">{ t::PAGE_NEXT.get(lang) }</button>
            </nav>
        }
        </>
    }
}

/// A view table's rows: the facts once each, in the reader's sort order (by the
/// dataset's ranks, as every table sorts). Called from memos keyed on the dataset, the
/// view's facts and the sort, never on every render.
pub(super) fn sorted(
    ds: &Dataset,
    keys: &FactKeys,
    facts: impl IntoIterator<Item = usize>,
    sort: Sort,
) -> Rc<Vec<usize>> {
    let mut v: Vec<usize> = facts.into_iter().collect();
    v.sort_unstable();
    v.dedup();
    keys.sort(ds, &mut v, sort);
    Rc::new(v)
}
