//! A long list of heavy items (charts) a screenful at a time: the first `page` items,
//! then a button that shows `page` more. No view puts more than a screenful or two of
//! charts in the DOM until the reader asks; the items not shown are not even built.
//! And the trends of a large import are charted in slices between frames
//! ([`use_trends`]), so that opening the view never blocks the page for long.

use super::Data;
use crate::chart::views::{self, Charted};
use crate::chart::TimeChart;
use crate::i18n::{t, Lang};
use crate::model::IndicatorId;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// Charts shown at first and added per press: about two screenfuls on a phone.
pub const CHARTS_PAGE: usize = 3;
/// Charts a district's profile shows at first, over all its sections (each section
/// offers the rest of its charts on request).
pub const PROFILE_CHARTS: usize = 10;

#[derive(Properties, PartialEq)]
pub struct MoreProps {
    /// How many items there are.
    pub count: usize,
    /// How many more each press shows, and how many are shown at first unless
    /// `first` says otherwise.
    pub page: usize,
    /// How many are shown at first (a page when not given; may be 0).
    #[prop_or_default]
    pub first: Option<usize>,
    /// Builds item `i` (called only for the items shown).
    pub item: Callback<usize, Html>,
    pub lang: Lang,
    /// The list's identity (e.g. the address of the memoised charts): a new list
    /// starts again at one page.
    #[prop_or_default]
    pub list: usize,
}

#[component]
pub fn More(p: &MoreProps) -> Html {
    // `None` until the reader asks for more.
    let shown = use_state(|| None::<usize>);
    // How many are in the DOM: one more per frame up to those shown, so that no task
    // lays out several heavy charts at once.
    let drawn = use_state(|| 1usize);
    // A new list (another filter, another dataset) starts again at the first page.
    {
        let (shown, drawn) = (shown.clone(), drawn.clone());
        use_effect_with((p.count, p.list), move |_| {
            shown.set(None);
            drawn.set(1);
        });
    }
    let limit = shown.unwrap_or(p.first.unwrap_or(p.page));
    let n = limit.min(p.count);
    let rest = p.count - n;
    let visible = (*drawn).min(n);
    {
        let drawn = drawn.clone();
        use_effect_with((visible, n), move |&(visible, n)| {
            if visible < n {
                wasm_bindgen_futures::spawn_local(async move {
                    super::page::next_task().await;
                    drawn.set(visible + 1);
                });
            }
        });
    }
    let more = {
        let shown = shown.clone();
        let step = p.page;
        Callback::from(move |_: MouseEvent| shown.set(Some(limit + step)))
    };
    html! {
        <>
        { for (0..visible).map(|i| p.item.emit(i)) }
        if rest > 0 {
            <p class="show-more">
                <button type="button" class="secondary" onclick={more} data-testid="show-more">
                    { t::SHOW_MORE.fill(p.lang, &[&rest.min(p.page).to_string(), &rest.to_string()]) }
                </button>
            </p>
        }
        </>
    }
}

/// Up to this many rows, the trends are computed in the render, as any memo.
const SYNC_ROWS: usize = 20_000;
/// Work per slice before the browser gets a frame, in milliseconds.
const SLICE_MS: f64 = 30.0;

/// The trends of `rows`, and whether they are ready. Many rows (an import) are
/// charted one indicator at a time between frames, so that no task holds the main
/// thread for long: `views::trends` groups by indicator first, so the trends of each
/// indicator's rows, in indicator order, are the trends of all of them.
#[hook]
pub fn use_trends(
    data: &Data,
    rows: &Rc<Vec<usize>>,
    lang: Lang,
) -> (Rc<Charted<TimeChart>>, bool) {
    let small = rows.len() <= SYNC_ROWS;
    let sync = use_memo((data.clone(), rows.clone(), lang, small), |(d, rows, lang, small)| {
        Rc::new(if *small { views::trends(&d.0, rows, *lang) } else { nothing() })
    });
    let sliced = use_state(|| None::<(u32, Rc<Charted<TimeChart>>)>);
    let generation = use_mut_ref(|| 0u32);
    {
        let sliced = sliced.clone();
        let generation = generation.clone();
        use_effect_with((data.clone(), rows.clone(), lang), move |(data, rows, lang)| {
            *generation.borrow_mut() += 1;
            if rows.len() > SYNC_ROWS {
                let mine = *generation.borrow();
                let (data, rows, lang) = (data.clone(), rows.clone(), *lang);
                wasm_bindgen_futures::spawn_local(async move {
                    // Not in the task that rendered the view: after a frame.
                    super::page::next_task().await;
                    if *generation.borrow() != mine {
                        return;
                    }
                    let ds = &data.0;
                    // Hashed (cheaper than ordered), then put in indicator order.
                    let mut by: HashMap<&IndicatorId, Vec<usize>> = HashMap::new();
                    for &i in rows.iter() {
                        by.entry(&ds.facts[i].indicator).or_default().push(i);
                    }
                    let mut parts: Vec<(&IndicatorId, Vec<usize>)> = by.into_iter().collect();
                    crate::order::by(&mut parts, |a, b| a.0.cmp(b.0));
                    let mut charts = nothing();
                    let mut since = js_sys::Date::now();
                    for (_, part) in &parts {
                        if js_sys::Date::now() - since > SLICE_MS {
                            super::page::next_task().await;
                            since = js_sys::Date::now();
                        }
                        if *generation.borrow() != mine {
                            return;
                        }
                        let part = views::trends(ds, part, lang);
                        charts.charts.extend(part.charts);
                        charts.singles.extend(part.singles);
                    }
                    super::page::next_task().await;
                    if *generation.borrow() == mine {
                        sliced.set(Some((mine, Rc::new(charts))));
                    }
                });
            }
        });
    }
    if small {
        return ((*sync).clone(), true);
    }
    match &*sliced {
        Some((g, charts)) if *g == *generation.borrow() => (charts.clone(), true),
        _ => (Rc::new(nothing()), false),
    }
}

fn nothing() -> Charted<TimeChart> {
    Charted { charts: Vec::new(), singles: Vec::new() }
}

/// What a view shows while its charts are being prepared.
pub fn preparing(heading: &str, lang: Lang) -> Html {
    html! {
        <section class="chart-panel" aria-label={heading.to_string()}>
            <h2>{ heading.to_string() }</h2>
            <p role="status" data-testid="charts-preparing">{ t::CHARTS_PREPARING.get(lang) }</p>
        </section>
    }
}
