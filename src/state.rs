//! The explorer's state and its pure reducer: every user action is an `Action`, and
//! `AppState::reduce` returns the next state without side effects, so the whole
//! interaction model is tested natively by folding actions.

use crate::i18n::Lang;
use crate::model::*;
use crate::query::{Direction, Filter, Sort, SortKey};

/// The explorer's views, each with its own chart and table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    #[default]
    Compare,
    Profile,
    Trend,
    Targets,
    Breakdown,
    Sources,
    Map,
}

impl View {
    pub const ALL: &'static [View] = &[
        View::Compare,
        View::Profile,
        View::Trend,
        View::Targets,
        View::Breakdown,
        View::Sources,
        View::Map,
    ];
    /// The value in URLs.
    pub fn code(self) -> &'static str {
        match self {
            View::Compare => "compare",
            View::Profile => "profile",
            View::Trend => "trend",
            View::Targets => "targets",
            View::Breakdown => "breakdown",
            View::Sources => "sources",
            View::Map => "map",
        }
    }
    pub fn from_code(s: &str) -> Option<View> {
        View::ALL.iter().copied().find(|v| v.code() == s)
    }
}

/// How the comparison picks a district's figure when periods differ.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PeriodMode {
    /// Each district's latest figure, periods marked when they differ.
    #[default]
    Latest,
    /// Only figures of one common period.
    SamePeriod,
}

/// Colour theme; `Auto` follows the system's `prefers-color-scheme`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
    HighContrast,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState {
    pub view: View,
    pub filter: Filter,
    pub sort: Sort,
    pub period_mode: PeriodMode,
    /// The district of the profile view (`None`: the first in the catalogue).
    pub profile: Option<DistrictId>,
    pub lang: Lang,
    pub theme: Theme,
    /// Large-text mode (1.5x base size, looser lines).
    pub large_text: bool,
    /// Embedded in another page: no page chrome, height reported to the parent.
    pub embed: bool,
    /// Facts whose row is expanded to show the quote, by id. Not part of the URL.
    pub expanded: Vec<FactId>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetView(View),
    SetPeriodMode(PeriodMode),
    SetProfile(Option<DistrictId>),
    SetLang(Lang),
    SetTheme(Theme),
    SetLargeText(bool),
    /// Replaces the whole state (from the URL, on load or on back/forward).
    Replace(Box<AppState>),
    ToggleDistrict(DistrictId),
    /// Chooses a category; the indicator choice is cleared, as it may not belong to it.
    SetCategory(Option<Category>),
    SetIndicator(Option<IndicatorId>),
    SetYear(Option<i32>),
    SetKind(Option<Kind>),
    SetSearch(String),
    ClearFilters,
    /// Sorts by a column; the same column again reverses the direction.
    SortBy(SortKey),
    /// Sets column and direction at once (the sort select of the card layout).
    SetSort(Sort),
    ToggleExpanded(FactId),
}

impl AppState {
    pub fn reduce(mut self, action: Action) -> AppState {
        let f = &mut self.filter;
        match action {
            Action::SetView(v) => self.view = v,
            Action::SetPeriodMode(m) => self.period_mode = m,
            Action::SetProfile(d) => self.profile = d,
            Action::SetLang(l) => self.lang = l,
            Action::SetTheme(t) => self.theme = t,
            Action::SetLargeText(on) => self.large_text = on,
            Action::Replace(state) => {
                let expanded = std::mem::take(&mut self.expanded);
                self = *state;
                self.expanded = expanded;
            }
            Action::ToggleDistrict(d) => {
                if !f.districts.remove(&d) {
                    f.districts.insert(d);
                }
            }
            Action::SetCategory(c) => {
                f.category = c;
                f.indicator = None;
            }
            Action::SetIndicator(i) => f.indicator = i,
            Action::SetYear(y) => f.year = y,
            Action::SetKind(k) => f.kind = k,
            Action::SetSearch(s) => f.search = s,
            Action::ClearFilters => *f = Filter::default(),
            Action::SetSort(sort) => self.sort = sort,
            Action::SortBy(key) => {
                self.sort = if self.sort.key == key {
                    Sort {
                        key,
                        direction: match self.sort.direction {
                            Direction::Ascending => Direction::Descending,
                            Direction::Descending => Direction::Ascending,
                        },
                    }
                } else {
                    Sort { key, direction: Direction::Ascending }
                };
            }
            Action::ToggleExpanded(id) => {
                if let Some(pos) = self.expanded.iter().position(|e| *e == id) {
                    self.expanded.remove(pos);
                } else {
                    self.expanded.push(id);
                }
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(actions: Vec<Action>) -> AppState {
        actions.into_iter().fold(AppState::default(), AppState::reduce)
    }

    #[test]
    fn toggling_a_district_twice_deselects_it() {
        let s = fold(vec![
            Action::ToggleDistrict("500155".into()),
            Action::ToggleDistrict("500102".into()),
            Action::ToggleDistrict("500155".into()),
        ]);
        assert_eq!(s.filter.districts.iter().map(|d| d.as_str()).collect::<Vec<_>>(), ["500102"]);
    }

    #[test]
    fn choosing_a_category_drops_the_indicator() {
        let s = fold(vec![
            Action::SetIndicator(Some("gdp".into())),
            Action::SetCategory(Some(Category::Innovation)),
        ]);
        assert_eq!(s.filter.indicator, None);
        assert_eq!(s.filter.category, Some(Category::Innovation));
    }

    #[test]
    fn sorting_the_same_column_reverses_then_a_new_column_starts_ascending() {
        let s = fold(vec![Action::SortBy(SortKey::Value), Action::SortBy(SortKey::Value)]);
        assert_eq!(s.sort, Sort { key: SortKey::Value, direction: Direction::Descending });
        let s = s.reduce(Action::SortBy(SortKey::Period));
        assert_eq!(s.sort, Sort { key: SortKey::Period, direction: Direction::Ascending });
    }

    #[test]
    fn clearing_filters_keeps_sort_and_expanded_rows() {
        let s = fold(vec![
            Action::SetSearch("高新".into()),
            Action::SetKind(Some(Kind::Growth)),
            Action::SetYear(Some(2022)),
            Action::SortBy(SortKey::Value),
            Action::ToggleExpanded("000-001".into()),
            Action::ClearFilters,
        ]);
        assert!(s.filter.is_empty());
        assert_eq!(s.sort.key, SortKey::Value);
        assert_eq!(s.expanded.len(), 1);
    }

    #[test]
    fn expanding_a_row_twice_collapses_it() {
        let s = fold(vec![
            Action::ToggleExpanded("000-001".into()),
            Action::ToggleExpanded("000-001".into()),
        ]);
        assert!(s.expanded.is_empty());
    }
}
