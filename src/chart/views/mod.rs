//! What the profile, trend, targets and breakdown views draw: `profile`, `trends`
//! (trends and breakdown), `targets`; the helpers they share are here. Each chart holds
//! one unit; a target or forecast is drawn outlined beside the latest actual figure,
//! never as if it were a result. Charts are shared (`Rc`), so that the UI's memos
//! compare them by pointer.

mod profile;
mod targets;
mod trends;

pub use profile::{profile, CategorySection, Profile};
pub use targets::{pair_target, targets, DistrictTargets, TargetPairing, UnpairedTarget};
pub use trends::{breakdown, trends};

use super::BarStyle;
use crate::dataset::Dataset;
use crate::format;
use crate::i18n::{self, t, Lang};
use crate::model::*;
use std::rc::Rc;

fn is_plan(k: Kind) -> bool {
    matches!(k, Kind::Target | Kind::Forecast)
}

fn style(k: Kind) -> BarStyle {
    if is_plan(k) {
        BarStyle::Outline
    } else {
        BarStyle::Solid
    }
}

fn value_label(ds: &Dataset, i: usize, lang: Lang) -> String {
    let f = &ds.facts[i];
    format!(
        "{} · {}{}",
        format::value_in(f, lang),
        format::period_in(&f.period, lang),
        imported_mark(ds, i, lang)
    )
}

/// Imported figures say so wherever they are drawn.
pub fn imported_mark(ds: &Dataset, i: usize, lang: Lang) -> &'static str {
    if ds.is_imported(&ds.facts[i]) {
        t::IMPORTED_MARK.get(lang)
    } else {
        ""
    }
}

fn inferred_note(ds: &Dataset, facts: &[usize], lang: Lang) -> Option<String> {
    facts
        .iter()
        .any(|&i| ds.facts[i].period.year == YearBasis::Inferred)
        .then(|| t::YEARS_INFERRED_NOTE.get(lang).into())
}

/// Notes for a chart of several figures: their periods when they differ, and whether
/// any year was inferred.
fn period_notes(ds: &Dataset, facts: &[usize], lang: Lang) -> Vec<String> {
    let mut periods: Vec<String> =
        facts.iter().map(|&i| format::period_in(&ds.facts[i].period, lang)).collect();
    crate::order::unique(&mut periods);
    let mut notes = Vec::new();
    if periods.len() > 1 {
        notes.push(t::PERIODS_DIFFER.fill(lang, &[&i18n::join(lang, &periods)]));
    }
    notes.extend(inferred_note(ds, facts, lang));
    notes
}

/// Decimal year of a date: 2022-12-31 → about 2022.997.
pub fn decimal_year(d: Date) -> f64 {
    let day_of_year = f64::from(d.month - 1) * 30.44 + f64::from(d.day - 1);
    f64::from(d.year) + day_of_year / 365.25
}

/// A view's charts, and the figures it considered but did not chart because a chart
/// of them would say nothing a line of text does not (one point, one bar): listed.
#[derive(Clone, Debug, PartialEq)]
pub struct Charted<C> {
    pub charts: Vec<Rc<C>>,
    pub singles: Vec<usize>,
}
