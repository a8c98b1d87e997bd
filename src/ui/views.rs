//! The six views. Each turns a chart spec from `crate::chart` into figures and a data
//! table; none computes anything itself.

use super::chart::{ChartFigure, Spec};
use super::more::{More, CHARTS_PAGE};
use super::table::{sorted, FactTable};
use super::{Data, Shared};
use crate::chart::{self, views, BarChart, TimeChart};
use crate::dataset::Dataset;
use crate::i18n::{self, t, Text};
use crate::query::{FactKeys, Sort};
use crate::state::{Action, AppState, PeriodMode};
use crate::{export, format};
use std::rc::Rc;
use yew::prelude::*;

/// What every view receives.
#[derive(Properties, PartialEq, Clone)]
pub struct ViewProps {
    pub data: Data,
    pub state: Rc<AppState>,
    /// The filtered rows.
    pub rows: Rc<Vec<usize>>,
    /// The dataset's integer keys (one per dataset).
    pub keys: Shared<FactKeys>,
    /// The width to draw a chart across the results column, in px.
    pub width: u32,
    /// Each chart's width where `.chart-grid.two` sets a view's charts two to a row
    /// (a wide window); `None` where they take the whole column.
    pub grid_width: Option<u32>,
    pub dark: bool,
    pub dispatch: Callback<Action>,
    pub open: Callback<usize>,
}

/// Cards per page on a phone (the card layout: a window of at most 640 px), where each
/// figure takes a third of the screen.
const PHONE_PAGE_ROWS: usize = 25;

/// Whether tables are cards (mirrors the CSS breakpoint of `table.cards`).
fn card_layout() -> bool {
    super::page::window_width() <= 640.0
}

pub(super) fn table(p: &ViewProps, facts: Rc<Vec<usize>>, sort: Sort) -> Html {
    let page_rows = if card_layout() { PHONE_PAGE_ROWS } else { super::PAGE_ROWS };
    html! {
        <FactTable data={p.data.clone()} rows={facts} {sort} expanded={p.state.expanded.clone()} dispatch={p.dispatch.clone()} lang={p.state.lang} state={p.state.clone()} {page_rows} />
    }
}

/// The downloads' file name and the sources line for a chart of `facts`.
fn export_info(p: &ViewProps, facts: &[usize]) -> (AttrValue, AttrValue) {
    let ds = &p.data.0;
    let name = export::file_name("chart", &p.state, ds, "svg");
    let stem = name.strip_suffix(".svg").unwrap_or(&name).to_string();
    let footer = export::source_line(ds, facts, &super::page::url_for(&p.state), p.state.lang);
    (AttrValue::from(stem), AttrValue::from(footer))
}

fn figure(p: &ViewProps, spec: Spec, facts: &[usize], width: u32, testid: &'static str) -> Html {
    let (export_name, footer) = export_info(p, facts);
    html! { <ChartFigure {spec} {export_name} {footer} {width} dark={p.dark} on_open={p.open.clone()} testid={testid} lang={p.state.lang} /> }
}

pub(super) fn bar_figure(p: &ViewProps, c: &Rc<BarChart>, testid: &'static str) -> Html {
    figure(p, Spec::Bars(c.clone()), &c.facts(), p.width, testid)
}

/// A chart's width in a view of many charts (`.chart-grid`): half the column where
/// they are set two to a row.
fn grid_width(p: &ViewProps) -> u32 {
    p.grid_width.unwrap_or(p.width)
}

/// Builds chart `i` of a view's charts, for `More` (which builds only those shown).
fn charted_item<C: Clone + 'static>(
    p: &ViewProps,
    charts: &Rc<views::Charted<C>>,
    width: u32,
    testid: &'static str,
    spec: fn(Rc<C>) -> Spec,
    facts: fn(&C) -> Vec<usize>,
) -> Callback<usize, Html> {
    let (q, c) = (p.clone(), charts.clone());
    Callback::from(move |i: usize| {
        c.charts
            .get(i)
            .map_or_else(Html::default, |c| figure(&q, spec(c.clone()), &facts(c), width, testid))
    })
}

/// Figures a view considered but did not chart (one point, one bar), listed in a
/// collapsed list; each opens its source.
fn singles_list(p: &ViewProps, singles: &[usize], summary: &str) -> Html {
    if singles.is_empty() {
        return html! {};
    }
    let ds = &p.data.0;
    let lang = p.state.lang;
    html! {
        <details class="singles" data-testid="singles">
            <summary>{ summary.to_string() }</summary>
            <ul>
                { for singles.iter().map(|&i| {
                    let f = &ds.facts[i];
                    let open = p.open.reform(move |_: MouseEvent| i);
                    let subject = f.subject.as_ref().map(|s| t::PAREN.fill(lang, &[i18n::subject_name(s, lang)])).unwrap_or_default();
                    html! {
                        <li><button type="button" class="single-fact" onclick={open} data-fact={f.id.to_string()}>
                            <span class="single-what">{ format!("{} · {}{}", i18n::district_name(ds, &f.district, lang), i18n::indicator_name(ds, &f.indicator, lang), subject) }</span>
                            <span class="single-value">{ format!("{} · {} · {}{}", format::value_in(f, lang), i18n::kind(f.kind, lang), format::period_in(&f.period, lang), chart::views::imported_mark(ds, i, lang)) }</span>
                        </button></li>
                    }
                }) }
            </ul>
        </details>
    }
}

fn empty(text: &str, p: &ViewProps) -> Html {
    let lang = p.state.lang;
    let clear = p.dispatch.reform(|_: MouseEvent| Action::ClearFilters);
    html! {
        <div class="empty" role="status">
            <p>{ text.to_string() }</p>
            if !p.state.filter.is_empty() {
                <button type="button" onclick={clear}>{ t::CLEAR_ALL_FILTERS.get(lang) }</button>
            }
        </div>
    }
}

/// What compares the figures shown (the comparison, the map's classes), memoised on
/// the data, the rows, the filter, the period mode and the language: one key for both.
#[hook]
pub(super) fn use_compared<T: 'static>(
    p: &ViewProps,
    of: fn(&Dataset, &[usize], &crate::query::Filter, PeriodMode, i18n::Lang) -> T,
) -> Rc<T> {
    use_memo(
        (p.data.clone(), p.rows.clone(), p.state.filter.clone(), p.state.period_mode, p.state.lang),
        move |(d, rows, f, mode, lang)| of(&d.0, rows, f, *mode, *lang),
    )
}

#[component]
pub fn CompareView(p: &ViewProps) -> Html {
    let lang = p.state.lang;
    // The last few comparisons and sorted tables are kept, as the filtered rows are
    // (`ui::Explorer`): a filter toggled back shows them again at once.
    let cmp = super::hooks::use_recent(
        (
            p.data.clone(),
            Shared(p.rows.clone()),
            p.state.filter.clone(),
            p.state.period_mode,
            p.state.lang,
        ),
        4,
        |(d, rows, f, mode, lang), _| chart::comparison(&d.0, &rows.0, f, *mode, *lang),
    );
    let mode = p.state.period_mode;
    let set_mode = |m: PeriodMode| p.dispatch.reform(move |_: Event| Action::SetPeriodMode(m));
    let rows =
        super::hooks::use_recent((p.data.clone(), Shared(p.rows.clone()), p.state.sort), 4, {
            let keys = p.keys.clone();
            move |(d, rows, sort), _| {
                let mut r = (*rows.0).clone();
                keys.0.sort(&d.0, &mut r, *sort);
                Rc::new(r)
            }
        });
    html! {
        <>
        <section class="chart-panel" aria-labelledby="chart-heading">
            <h2 id="chart-heading">{ t::COMPARE_HEADING.get(lang) }</h2>
            { match &*cmp {
                Some(c) => html! {
                    <>
                    if c.auto_selected {
                        <p class="hint" data-testid="auto-selected">{ if c.auto_same_period { t::AUTO_SELECTED_SAME.get(lang) } else { t::AUTO_SELECTED.get(lang) } }</p>
                    }
                    <fieldset class="period-mode">
                        <legend>{ t::PERIOD_MODE.get(lang) }</legend>
                        <label><input type="radio" name="period-mode" checked={mode == PeriodMode::Latest} onchange={set_mode(PeriodMode::Latest)} />{ t::LATEST.get(lang) }</label>
                        <label><input type="radio" name="period-mode" checked={mode == PeriodMode::SamePeriod} onchange={set_mode(PeriodMode::SamePeriod)} />{ t::SAME_PERIOD.get(lang) }</label>
                    </fieldset>
                    { match (&c.chart, &c.message) {
                        (Some(chart), _) => bar_figure(p, chart, "comparison-chart"),
                        (None, Some(m)) => html! { <p class="single" role="note" data-testid="single-district">{ m }</p> },
                        _ => html! {},
                    } }
                    </>
                },
                None => html! { <p class="hint">{ t::NOTHING_TO_COMPARE.get(lang) }</p> },
            } }
        </section>
        <section id="results" class="table-panel" aria-labelledby="table-heading" tabindex="-1">
            <h2 id="table-heading">{ t::TABLE_HEADING.get(lang) }</h2>
            if rows.is_empty() {
                { empty(t::NO_ROWS.get(lang), p) }
            } else {
                { table(p, (*rows).clone(), p.state.sort) }
            }
        </section>
        </>
    }
}

/// The figures a view's charts show, each once, in the table's order; memoised on the
/// charts (by pointer) and the sort.
#[hook]
fn use_charted_rows<C: 'static>(
    p: &ViewProps,
    charts: &Rc<views::Charted<C>>,
    facts: fn(&C) -> Vec<usize>,
) -> Rc<Vec<usize>> {
    let keys = p.keys.clone();
    let rows =
        use_memo((p.data.clone(), Shared(charts.clone()), p.state.sort), move |(d, c, sort)| {
            sorted(&d.0, &keys.0, c.0.charts.iter().flat_map(|c| facts(c)), *sort)
        });
    (*rows).clone()
}

/// How a paged view draws one chart: its test id, its spec, the facts it shows.
type Draw<C> = (&'static str, fn(Rc<C>) -> Spec, fn(&C) -> Vec<usize>);

/// Trends or breakdown: charts a page at a time, the single figures listed, the data
/// table. `texts`: heading, intro, the singles' summary (a count), the empty message.
fn paged_view<C: Clone + 'static>(
    p: &ViewProps,
    charts: &Rc<views::Charted<C>>,
    rows: Rc<Vec<usize>>,
    (testid, spec, facts): Draw<C>,
    [heading, intro, singles, none]: [Text; 4],
) -> Html {
    let lang = p.state.lang;
    let item = charted_item(p, charts, grid_width(p), testid, spec, facts);
    charts_view(
        p,
        true,
        heading.get(lang),
        intro.get(lang),
        html! { <More count={charts.charts.len()} page={CHARTS_PAGE} {item} {lang} list={Rc::as_ptr(charts) as usize} /> },
        singles_list(p, &charts.singles, &singles.fill(lang, &[&charts.singles.len().to_string()])),
        rows,
        none.get(lang),
    )
}

/// A view of several charts: heading and intro, the charts (two to a row on wide
/// screens), the figures not charted, and the charts' data in a collapsed table.
#[allow(clippy::too_many_arguments)]
fn charts_view(
    p: &ViewProps,
    grid: bool,
    heading: &str,
    intro: &str,
    charts: Html,
    after: Html,
    rows: Rc<Vec<usize>>,
    none: &str,
) -> Html {
    let lang = p.state.lang;
    html! {
        <section class="chart-panel" aria-label={heading.to_string()}>
            <h2>{ heading.to_string() }</h2>
            <p class="hint">{ intro.to_string() }</p>
            if rows.is_empty() {
                { empty(none, p) }
            } else {
                <div class={classes!("chart-grid", (grid && p.grid_width.is_some()).then_some("two"))}>{ charts }</div>
                { after }
                <details class="chart-data">
                    <summary>{ t::CHART_DATA_COUNT.fill(lang, &[&rows.len().to_string()]) }</summary>
                    { table(p, rows.clone(), p.state.sort) }
                </details>
            }
        </section>
    }
}

#[component]
pub fn TrendView(p: &ViewProps) -> Html {
    let lang = p.state.lang;
    let (charts, ready) = super::more::use_trends(&p.data, &p.rows, lang);
    let rows = use_charted_rows(p, &charts, TimeChart::facts);
    if !ready {
        return super::more::preparing(t::VIEW_TREND.get(lang), lang);
    }
    paged_view(
        p,
        &charts,
        rows,
        ("trend-chart", Spec::Time, TimeChart::facts),
        [t::VIEW_TREND, t::TREND_INTRO, t::TREND_SINGLES, t::TREND_NONE],
    )
}

#[component]
pub fn TargetsView(p: &ViewProps) -> Html {
    let lang = p.state.lang;
    let districts = use_memo((p.data.clone(), p.rows.clone(), lang), |(d, rows, lang)| {
        views::targets(&d.0, rows, *lang)
    });
    let keys = p.keys.clone();
    let rows =
        use_memo((p.data.clone(), Shared(districts.clone()), p.state.sort), move |(d, c, sort)| {
            sorted(&d.0, &keys.0, c.0.iter().flat_map(views::DistrictTargets::facts), *sort)
        });
    let width = grid_width(p);
    let count = districts.iter().filter(|dt| dt.chart.is_some()).count();
    let item = {
        let (q, d) = (p.clone(), districts.clone());
        Callback::from(move |i: usize| {
            d.iter().filter_map(|dt| dt.chart.as_ref()).nth(i).map_or_else(Html::default, |c| {
                figure(&q, Spec::Bullets(c.clone()), &c.facts(), width, "targets-chart")
            })
        })
    };
    let charts = html! { <More {count} page={CHARTS_PAGE} {item} {lang} list={Rc::as_ptr(&districts) as usize} /> };
    let unpaired: Vec<&views::UnpairedTarget> =
        districts.iter().flat_map(|d| &d.unpaired).collect();
    charts_view(
        p,
        true,
        t::VIEW_TARGETS.get(lang),
        t::TARGETS_INTRO.get(lang),
        charts,
        unpaired_table(p, &unpaired),
        (*rows).clone(),
        t::TARGETS_NONE.get(lang),
    )
}

/// The targets and forecasts with no actual of the same measure, every district in one
/// compact table (cards on a phone), each row opening its source.
fn unpaired_table(p: &ViewProps, unpaired: &[&views::UnpairedTarget]) -> Html {
    if unpaired.is_empty() {
        return html! {};
    }
    let ds = &p.data.0;
    let lang = p.state.lang;
    html! {
        <table class="facts cards unpaired" data-testid="unpaired-targets">
            <caption>{ t::UNPAIRED_CAPTION.fill(lang, &[&unpaired.len().to_string()]) }</caption>
            <thead><tr>
                <th scope="col">{ t::COL_DISTRICT.get(lang) }</th>
                <th scope="col">{ t::COL_INDICATOR.get(lang) }</th>
                <th scope="col">{ t::COL_VALUE.get(lang) }</th>
                <th scope="col">{ t::COL_PERIOD.get(lang) }</th>
                <th scope="col">{ t::COL_QUOTE.get(lang) }</th>
            </tr></thead>
            <tbody>
                { for unpaired.iter().map(|u| {
                    let i = u.plan;
                    let f = &ds.facts[i];
                    let open = p.open.reform(move |_: MouseEvent| i);
                    html! {
                        <tr class="fact" data-fact={f.id.to_string()}>
                            <td class="card-head c-district" data-label={t::COL_DISTRICT.get(lang)}>{ i18n::district_name(ds, &f.district, lang) }</td>
                            <td class="card-head c-indicator" data-label={t::COL_INDICATOR.get(lang)}>
                                { i18n::indicator_name(ds, &f.indicator, lang) }
                                if let Some(s) = &f.subject { <span class="subject">{ t::PAREN.fill(lang, &[i18n::subject_name(s, lang)]) }</span> }
                                if u.other_scope { <span class="why">{ &u.reason }</span> }
                            </td>
                            <td class="num" data-label={t::COL_VALUE.get(lang)}>{ format!("{} {}", i18n::kind(f.kind, lang), format::value_in(f, lang)) }{ chart::views::imported_mark(ds, i, lang) }</td>
                            <td class="period" data-label={t::COL_PERIOD.get(lang)}>{ format::period_in(&f.period, lang) }</td>
                            <td class="card-action"><button type="button" class="expand" onclick={open}>{ t::SHOW_QUOTE.get(lang) }</button></td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

#[component]
pub fn BreakdownView(p: &ViewProps) -> Html {
    let lang = p.state.lang;
    let charts = use_memo((p.data.clone(), p.rows.clone(), lang), |(d, rows, lang)| {
        views::breakdown(&d.0, rows, *lang)
    });
    let rows = use_charted_rows(p, &charts, BarChart::facts);
    paged_view(
        p,
        &charts,
        rows,
        ("breakdown-chart", Spec::Bars, BarChart::facts),
        [t::VIEW_BREAKDOWN, t::BREAKDOWN_INTRO, t::BREAKDOWN_SINGLES, t::BREAKDOWN_NONE],
    )
}
