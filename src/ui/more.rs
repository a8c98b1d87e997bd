//! A long list of heavy items (charts) a screenful at a time: the first `page` items,
//! then a button that shows `page` more. No view puts more than a screenful or two of
//! charts in the DOM until the reader asks; the items not shown are not even built.

use crate::i18n::{t, Lang};
use yew::prelude::*;

/// Charts shown at first and added per press: about two screenfuls on a phone.
pub const CHARTS_PAGE: usize = 4;

#[derive(Properties, PartialEq)]
pub struct MoreProps {
    /// How many items there are.
    pub count: usize,
    /// How many are shown at first, and how many more each press shows.
    pub page: usize,
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
    let shown = use_state(|| p.page);
    // A new list (another filter, another dataset) starts again at one page.
    {
        let shown = shown.clone();
        use_effect_with((p.count, p.list), move |_| shown.set(0));
    }
    let limit = if *shown == 0 { p.page } else { *shown };
    let n = limit.min(p.count);
    let rest = p.count - n;
    let more = {
        let shown = shown.clone();
        let step = p.page;
        Callback::from(move |_: MouseEvent| shown.set(limit + step))
    };
    html! {
        <>
        { for (0..n).map(|i| p.item.emit(i)) }
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
