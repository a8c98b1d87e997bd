//! What a link held that was not used: one warning per part, each a line in Chinese or
//! English, and a one-paragraph notice of them all.

use super::{MAX_PARAMS, MAX_QUERY_BYTES, YEARS};
use crate::i18n::{t, Lang};

/// Longest value quoted back in a warning (including the `…`).
const SHOWN_CHARS: usize = 40;

/// One part of a link that was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlWarning {
    /// The parameter's key; empty for a problem of the whole query.
    pub param: String,
    /// The offending value as shown to the reader: at most 40 characters (ending in
    /// `…` when cut), control and bidi characters replaced.
    pub value: String,
    pub reason: UrlProblem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    UnknownDistrict,
    UnknownIndicator,
    UnknownCategory,
    UnknownKind,
    UnknownView,
    /// Not an integer within `YEARS`.
    BadYear,
    BadSort,
    /// A switch (`lt`, `embed`) other than `1` or `0`.
    BadFlag,
    /// Not one of a closed set's codes (`pm`, `lang`, `theme`).
    BadChoice,
    /// A value over `MAX_VALUE_CHARS` (`d`: `MAX_DISTRICT_LIST_CHARS`).
    TooLong,
    /// The whole query is over `MAX_QUERY_BYTES`: only its beginning was read.
    QueryTooLong,
    /// More than `MAX_PARAMS` parameters: only the first were read.
    TooManyParams,
    /// A key given more than once (other than `d`, whose lists combine): this earlier
    /// value was replaced by the last.
    Repeated,
}

impl UrlWarning {
    pub(super) fn new(param: &str, value: &str, reason: UrlProblem) -> UrlWarning {
        UrlWarning { param: param.to_string(), value: shown(value), reason }
    }

    pub(super) fn whole_query(reason: UrlProblem) -> UrlWarning {
        UrlWarning::new("", "", reason)
    }

    /// One line in Chinese, e.g. `已忽略链接参数 d=999999：没有这个区县`.
    pub fn zh(&self) -> String {
        self.message(Lang::Zh)
    }

    /// One line in English, e.g. `Ignored link parameter d=999999: no such district`.
    pub fn en(&self) -> String {
        self.message(Lang::En)
    }

    pub fn message(&self, lang: Lang) -> String {
        let why = self.reason.text(lang);
        if self.param.is_empty() {
            why
        } else {
            t::URL_IGNORED.fill(lang, &[&self.param, &self.value, &why])
        }
    }

    /// The warning as an item of a list: `d=999999 (no such district)`.
    fn item(&self, lang: Lang) -> String {
        let why = self.reason.text(lang);
        if self.param.is_empty() {
            return why;
        }
        format!("{}={}{}", self.param, self.value, t::PAREN.fill(lang, &[&why]))
    }
}

impl UrlProblem {
    fn text(self, lang: Lang) -> String {
        use UrlProblem::*;
        let (first, last) = (YEARS.start(), YEARS.end());
        match self {
            UnknownDistrict => t::URL_UNKNOWN_DISTRICT.get(lang).into(),
            UnknownIndicator => t::URL_UNKNOWN_INDICATOR.get(lang).into(),
            UnknownCategory => t::URL_UNKNOWN_CATEGORY.get(lang).into(),
            UnknownKind => t::URL_UNKNOWN_KIND.get(lang).into(),
            UnknownView => t::URL_UNKNOWN_VIEW.get(lang).into(),
            BadYear => t::URL_BAD_YEAR.fill(lang, &[&first.to_string(), &last.to_string()]),
            BadSort => t::URL_BAD_SORT.get(lang).into(),
            BadFlag => t::URL_BAD_FLAG.get(lang).into(),
            BadChoice => t::URL_BAD_CHOICE.get(lang).into(),
            TooLong => t::URL_VALUE_TOO_LONG.get(lang).into(),
            QueryTooLong => t::URL_QUERY_TOO_LONG.fill(lang, &[&MAX_QUERY_BYTES.to_string()]),
            Repeated => t::URL_REPEATED.get(lang).into(),
            TooManyParams => t::URL_TOO_MANY_PARAMS.fill(lang, &[&MAX_PARAMS.to_string()]),
        }
    }
}

/// A one-paragraph summary of `warnings` for a dismissible notice; `None` when there
/// are none. Names the first three and counts the rest.
pub fn notice(warnings: &[UrlWarning], lang: Lang) -> Option<String> {
    const LISTED: usize = 3;
    let n = warnings.len();
    let items: Vec<String> = warnings.iter().take(LISTED).map(|w| w.item(lang)).collect();
    let more = n.saturating_sub(LISTED);
    match warnings {
        [] => None,
        [w] => Some(w.message(lang)),
        _ => {
            let rest = if more > 0 {
                t::URL_NOTICE_MORE.fill(lang, &[&more.to_string()])
            } else {
                String::new()
            };
            let listed = items.join(t::LIST_SEP.get(lang));
            Some(t::URL_NOTICE.fill(lang, &[&n.to_string(), &listed, &rest]))
        }
    }
}

/// `value` as quoted in a warning: one line of at most `SHOWN_CHARS` characters (the
/// last `…` when cut), invisible characters escaped as `\u{…}` and right-to-left text
/// isolated, as import messages show values (`text::display`).
fn shown(value: &str) -> String {
    crate::text::display(value, SHOWN_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_values_are_one_short_line() {
        assert_eq!(shown("a\nb\u{202E}c\u{200B}"), "a\\u{000a}b\\u{202e}c\\u{200b}");
        let long = "区".repeat(50);
        assert_eq!(shown(&long).chars().count(), SHOWN_CHARS);
        assert!(shown(&long).ends_with("区…"));
        assert_eq!(shown(&"x".repeat(SHOWN_CHARS)), "x".repeat(SHOWN_CHARS));
    }
}
