//! Download file names: [`file_name`] says what the file holds (view, indicator,
//! districts, year) and is safe on every common file system: letters and digits of any
//! script (so CJK stays), `-`, `+`, `_`, `·`, brackets and one `.` before an ASCII
//! extension; nothing else (no `/ \ : * ? " < > |`, controls, spaces or bidi marks), at
//! most 120 characters and 180 bytes.

use crate::dataset::Dataset;
use crate::i18n::Lang;
use crate::i18n::{self, pick, t};
use crate::model::*;
use crate::state::{AppState, View};

/// Longest file name [`file_name`] returns, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 120;
/// Longest file name [`file_name`] returns, in UTF-8 bytes (file systems count bytes).
pub const MAX_FILE_NAME_BYTES: usize = 180;

/// A download file name saying what the file holds, e.g.
/// `cq-industry_table_compare_地区生产总值_涪陵区-梁平区_2024.csv`: the `kind` of export,
/// the view (left out when `kind` names it), the profile district, the indicator (or
/// category), the kind filter, up to three districts (catalogue order, then 等N个区县 or
/// +N-more), the year and the search words,
/// names in the state's language. Safe everywhere: see the module doc.
pub fn file_name(kind: &str, state: &AppState, ds: &Dataset, ext: &str) -> String {
    let lang = state.lang;
    let zh = lang == Lang::Zh;
    let district_name = |id: &DistrictId| i18n::district_name(ds, id, lang).to_string();
    let filter = &state.filter;
    let mut parts: Vec<String> = vec!["cq-industry".into(), kind.to_string()];
    if state.view.code() != kind {
        parts.push(state.view.code().into());
    }
    if state.view == View::Profile {
        let profile = state.profile.clone().or_else(|| ds.districts.first().map(|d| d.id.clone()));
        if let Some(p) = profile {
            parts.push(district_name(&p));
        }
    }
    if let Some(id) = &filter.indicator {
        parts.push(i18n::indicator_name(ds, id, lang).to_string());
    } else if let Some(c) = filter.category {
        parts.push(pick(lang, c.zh(), c.en()).into());
    }
    if let Some(k) = filter.kind {
        parts.push(pick(lang, k.zh(), k.en()).into());
    }
    if !filter.districts.is_empty() {
        // Catalogue order, so the name does not depend on the order of clicks.
        let mut ids: Vec<&DistrictId> = filter.districts.iter().collect();
        crate::order::by_key(&mut ids, |id| ds.district_pos(id));
        let names: Vec<String> =
            ids.iter().take(3).map(|id| file_part(&district_name(id))).collect();
        let mut joined = names.join(if zh { "-" } else { "+" });
        if ids.len() > 3 {
            // The Chinese counts them all, the English those not named.
            let count = if zh { ids.len() } else { ids.len() - 3 };
            joined.push_str(&t::FILE_MORE_DISTRICTS.fill(lang, &[&count.to_string()]));
        }
        parts.push(joined);
    }
    if let Some(y) = filter.year {
        parts.push(y.to_string());
    }
    if !filter.search.trim().is_empty() {
        parts.push(filter.search.chars().take(24).collect());
    }
    let stem =
        parts.iter().map(|p| file_part(p)).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("_");
    let ext: String = ext.chars().filter(|c| c.is_ascii_alphanumeric()).take(8).collect();
    let ext = if ext.is_empty() { "txt".into() } else { ext };
    let max_chars = MAX_FILE_NAME_CHARS - ext.len() - 1;
    let max_bytes = MAX_FILE_NAME_BYTES - ext.len() - 1;
    let mut out = String::new();
    for c in stem.chars() {
        if out.chars().count() >= max_chars || out.len() + c.len_utf8() > max_bytes {
            break;
        }
        out.push(c);
    }
    let out = out.trim_end_matches(['-', '_', '+', '.']);
    format!("{out}.{ext}")
}

/// One part of a file name: letters and digits of any script and `-+()（）·`, every
/// other run of characters (separators, controls, spaces, `/\:*?"<>|`, bidi marks) a
/// single `-`, trimmed of `-` and `.` at both ends.
fn file_part(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let keep = c.is_alphanumeric() || "+()（）·".contains(c);
        if keep {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches(['-', '.', '+']).to_string()
}
