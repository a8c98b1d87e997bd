//! Reading a link back into a valid state: each known parameter checked against the
//! dataset, a bad value dropped with a warning while every valid part applies.

use super::raw::RawQuery;
use super::warning::{UrlProblem, UrlWarning};
use super::*;
use crate::dataset::Dataset;
use crate::model::{Category, Kind};

/// The state a link describes, and what in it was not used. `query` may start with
/// `?` or be a whole URL; a `#fragment` is ignored.
pub fn from_query(query: &str, ds: &Dataset) -> (AppState, Vec<UrlWarning>) {
    let mut warnings = Vec::new();
    let raw = RawQuery::parse(query, &mut warnings);
    let mut state = AppState::default();
    for (key, value, replaced) in raw.known() {
        warnings.extend(replaced);
        let value = value.trim();
        let limit = if key == "d" { MAX_DISTRICT_LIST_CHARS } else { MAX_VALUE_CHARS };
        if value.is_empty() {
            // `key=` reads as the default, as a submitted empty form field would.
        } else if value.chars().count() > limit {
            warnings.push(UrlWarning::new(key, value, UrlProblem::TooLong));
        } else if let Err(problem) = apply(&mut state, key, value, ds, &mut warnings) {
            warnings.push(UrlWarning::new(key, value, problem));
        }
    }
    (state, warnings)
}

/// Whether `query` sets the language with a valid `lang` (the last one, if repeated):
/// without one, the page follows the browser's language.
pub fn gives_lang(query: &str) -> bool {
    let raw = RawQuery::parse(query, &mut Vec::new());
    raw.known().iter().any(|(k, v, _)| *k == "lang" && lookup(LANGS, v.trim()).is_some())
}

/// Applies one known parameter's non-empty value to `s`. A district list applies its
/// known ids and warns about each unknown one itself.
fn apply(
    s: &mut AppState,
    key: &str,
    v: &str,
    ds: &Dataset,
    warnings: &mut Vec<UrlWarning>,
) -> Result<(), UrlProblem> {
    use UrlProblem::*;
    let f = &mut s.filter;
    match key {
        "view" => s.view = View::from_code(v).ok_or(UnknownView)?,
        "ind" => f.indicator = Some(ds.indicator(&v.into()).ok_or(UnknownIndicator)?.id.clone()),
        "d" => {
            for id in v.split(',').map(str::trim).filter(|id| !id.is_empty()) {
                match ds.district(&id.into()) {
                    Some(d) => {
                        f.districts.insert(d.id.clone());
                    }
                    None => warnings.push(UrlWarning::new(key, id, UnknownDistrict)),
                }
            }
        }
        "cat" => f.category = Some(Category::from_code(v).ok_or(UnknownCategory)?),
        "year" => {
            let year = v.parse().ok().filter(|y| YEARS.contains(y));
            f.year = Some(year.ok_or(BadYear)?);
        }
        "kind" => f.kind = Some(Kind::from_code(v).ok_or(UnknownKind)?),
        "q" => f.search = v.to_string(),
        "pm" => s.period_mode = lookup(PERIOD_MODES, v).ok_or(BadChoice)?,
        "sort" => {
            let (direction, key) = match v.strip_prefix('-') {
                Some(key) => (Direction::Descending, key),
                None => (Direction::Ascending, v),
            };
            let key = lookup(SORT_KEYS, key).ok_or(BadSort)?;
            s.sort = Sort { key, direction };
        }
        "p" => s.profile = Some(ds.district(&v.into()).ok_or(UnknownDistrict)?.id.clone()),
        "lang" => s.lang = lookup(LANGS, v).ok_or(BadChoice)?,
        "theme" => s.theme = lookup(THEMES, v).ok_or(BadChoice)?,
        "lt" => s.large_text = flag(v)?,
        "embed" => s.embed = flag(v)?,
        _ => {} // only `KEYS` come here; each has its arm (the round-trip tests check)
    }
    Ok(())
}

fn flag(v: &str) -> Result<bool, UrlProblem> {
    match v {
        "1" => Ok(true),
        "0" => Ok(false),
        _ => Err(UrlProblem::BadFlag),
    }
}
