//! The URL-state codec: `AppState` <-> the page's query string, so that a link reopens
//! the same view. It owns the parameter names, their encoding (flat params in a fixed
//! order, defaults left out) and the reading of any link back into a valid state.
//!
//! Reading goes in two steps, like ripgrep's low and high args: the query is first
//! decoded faithfully into `(key, value)` pairs (bounded in length and number), then
//! each known parameter is checked against the dataset. A bad value is dropped with a
//! `UrlWarning` while every valid part applies; unknown keys (old or future
//! parameters) are ignored silently. A repeated `d` combines its lists; any other
//! repeated key keeps its last value and names the earlier ones in a warning. Values
//! quoted in warnings have invisible characters escaped. Reading never fails and never
//! panics.
//! `expanded` rows are not part of the URL.

use crate::dataset::Dataset;
use crate::i18n::Lang;
use crate::model::{Category, Kind};
use crate::query::{Direction, Sort, SortKey};
use crate::state::{AppState, PeriodMode, Theme, View};
use std::ops::RangeInclusive;

/// Longest value read, in characters; a longer one is dropped with a warning.
pub const MAX_VALUE_CHARS: usize = 200;
/// Longest district list (`d`) read: room for all 38 of Chongqing's districts.
pub const MAX_DISTRICT_LIST_CHARS: usize = 1000;
/// Longest query read, in bytes (characters of an encoded query); the rest is cut.
pub const MAX_QUERY_BYTES: usize = 4000;
/// Most parameters read; the rest are dropped.
pub const MAX_PARAMS: usize = 64;
/// Years a link may filter on.
pub const YEARS: RangeInclusive<i32> = 1949..=2100;
/// Longest value quoted back in a warning (including the `…`).
const SHOWN_CHARS: usize = 40;

/// The known parameters, in the order `to_query` writes them.
const KEYS: [&str; 14] = [
    "view", "ind", "d", "cat", "year", "kind", "q", "pm", "sort", "p", "lang", "theme", "lt",
    "embed",
];

const PERIOD_MODES: &[(&str, PeriodMode)] = &[
    ("latest", PeriodMode::Latest),
    ("same", PeriodMode::SamePeriod),
];
const LANGS: &[(&str, Lang)] = &[("zh", Lang::Zh), ("en", Lang::En)];
const THEMES: &[(&str, Theme)] = &[
    ("auto", Theme::Auto),
    ("light", Theme::Light),
    ("dark", Theme::Dark),
    ("contrast", Theme::HighContrast),
];
const SORT_KEYS: &[(&str, SortKey)] = &[
    ("district", SortKey::District),
    ("indicator", SortKey::Indicator),
    ("value", SortKey::Value),
    ("period", SortKey::Period),
    ("kind", SortKey::Kind),
    ("source", SortKey::Source),
];

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
    fn new(param: &str, value: &str, reason: UrlProblem) -> UrlWarning {
        UrlWarning {
            param: param.to_string(),
            value: shown(value),
            reason,
        }
    }

    fn whole_query(reason: UrlProblem) -> UrlWarning {
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
        match (self.param.is_empty(), lang) {
            (true, _) => why,
            (false, Lang::Zh) => format!("已忽略链接参数 {}={}：{why}", self.param, self.value),
            (false, Lang::En) => {
                format!(
                    "Ignored link parameter {}={}: {why}",
                    self.param, self.value
                )
            }
        }
    }

    /// The warning as an item of a list: `d=999999 (no such district)`.
    fn item(&self, lang: Lang) -> String {
        let why = self.reason.text(lang);
        match (self.param.is_empty(), lang) {
            (true, _) => why,
            (false, Lang::Zh) => format!("{}={}（{why}）", self.param, self.value),
            (false, Lang::En) => format!("{}={} ({why})", self.param, self.value),
        }
    }
}

impl UrlProblem {
    fn text(self, lang: Lang) -> String {
        use UrlProblem::*;
        let say = |zh: &str, en: &str| match lang {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        };
        let (first, last) = (YEARS.start(), YEARS.end());
        match self {
            UnknownDistrict => say("没有这个区县", "no such district"),
            UnknownIndicator => say("没有这个指标", "no such indicator"),
            UnknownCategory => say("没有这个类别", "no such category"),
            UnknownKind => say("没有这种数值类型", "no such kind of figure"),
            UnknownView => say("没有这个视图", "no such view"),
            BadYear => say(
                &format!("不是 {first}—{last} 年间的年份"),
                &format!("not a year from {first} to {last}"),
            ),
            BadSort => say("不是可排序的列", "not a column to sort by"),
            BadFlag => say("开关只能是 1 或 0", "a switch is 1 or 0"),
            BadChoice => say("不是可选的值", "not one of the choices"),
            TooLong => say("值过长", "the value is too long"),
            QueryTooLong => say(
                &format!("链接过长，只读取了前 {MAX_QUERY_BYTES} 个字符"),
                &format!("Link too long: only its first {MAX_QUERY_BYTES} characters were read"),
            ),
            Repeated => say(
                "该参数出现了多次，只使用最后一个值",
                "given more than once; only the last value is used",
            ),
            TooManyParams => say(
                &format!("链接参数过多，只读取了前 {MAX_PARAMS} 个"),
                &format!("Too many link parameters: only the first {MAX_PARAMS} were read"),
            ),
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
    match (warnings, lang) {
        ([], _) => None,
        ([w], _) => Some(w.message(lang)),
        (_, Lang::Zh) => Some(format!(
            "链接中有 {n} 处无法使用，已忽略：{}{}",
            items.join("；"),
            if more > 0 {
                format!("；另有 {more} 处")
            } else {
                String::new()
            }
        )),
        (_, Lang::En) => Some(format!(
            "{n} parts of this link could not be used and were ignored: {}{}",
            items.join("; "),
            if more > 0 {
                format!("; and {more} more")
            } else {
                String::new()
            }
        )),
    }
}

/// The query for `state`, without a leading `?`; empty for the default state.
pub fn to_query(state: &AppState) -> String {
    let (s, f) = (state, &state.filter);
    let mut w = QueryWriter::default();
    if s.view != View::default() {
        w.put("view", [s.view.code()]);
    }
    if let Some(i) = &f.indicator {
        w.put("ind", [i.as_str()]);
    }
    if !f.districts.is_empty() {
        w.put("d", f.districts.iter().map(|d| d.as_str()));
    }
    if let Some(c) = f.category {
        w.put("cat", [c.code()]);
    }
    if let Some(y) = f.year {
        w.put("year", [y.to_string().as_str()]);
    }
    if let Some(k) = f.kind {
        w.put("kind", [k.code()]);
    }
    if !f.search.trim().is_empty() {
        w.put("q", [f.search.trim()]);
    }
    if s.period_mode != PeriodMode::default() {
        w.put("pm", [code(PERIOD_MODES, s.period_mode)]);
    }
    if s.sort != Sort::default() {
        let key = code(SORT_KEYS, s.sort.key);
        let sort = match s.sort.direction {
            Direction::Ascending => key.to_string(),
            Direction::Descending => format!("-{key}"),
        };
        w.put("sort", [sort.as_str()]);
    }
    if let Some(p) = &s.profile {
        w.put("p", [p.as_str()]);
    }
    if s.lang != Lang::default() {
        w.put("lang", [code(LANGS, s.lang)]);
    }
    if s.theme != Theme::default() {
        w.put("theme", [code(THEMES, s.theme)]);
    }
    if s.large_text {
        w.put("lt", ["1"]);
    }
    if s.embed {
        w.put("embed", ["1"]);
    }
    w.0
}

#[derive(Default)]
struct QueryWriter(String);

impl QueryWriter {
    /// Appends `key=v1,v2,…`: each value form-encoded, the commas left readable.
    fn put<'a>(&mut self, key: &str, values: impl IntoIterator<Item = &'a str>) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(key);
        self.0.push('=');
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            self.0.extend(form_urlencoded::byte_serialize(v.as_bytes()));
        }
    }
}

/// The state a link describes, and what in it was not used. `query` may start with
/// `?` or be a whole URL; a `#fragment` is ignored.
pub fn from_query(query: &str, ds: &Dataset) -> (AppState, Vec<UrlWarning>) {
    let mut warnings = Vec::new();
    let raw = RawQuery::parse(query, &mut warnings);
    let mut state = AppState::default();
    for (key, value, replaced) in raw.known() {
        warnings.extend(replaced);
        let value = value.trim();
        let limit = if key == "d" {
            MAX_DISTRICT_LIST_CHARS
        } else {
            MAX_VALUE_CHARS
        };
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
    raw.known()
        .iter()
        .any(|(k, v, _)| *k == "lang" && lookup(LANGS, v.trim()).is_some())
}

/// The query as written: decoded pairs in order (`+` is a space, bad UTF-8 is
/// replaced), at most `MAX_PARAMS` of them from at most `MAX_QUERY_BYTES`.
struct RawQuery {
    pairs: Vec<(String, String)>,
}

impl RawQuery {
    fn parse(input: &str, warnings: &mut Vec<UrlWarning>) -> RawQuery {
        let mut query = search_part(input);
        if query.len() > MAX_QUERY_BYTES {
            warnings.push(UrlWarning::whole_query(UrlProblem::QueryTooLong));
            // Cut at the last `&` within the limit, so that no value is read half.
            let cut = query.as_bytes()[..=MAX_QUERY_BYTES]
                .iter()
                .rposition(|&b| b == b'&')
                .unwrap_or(0);
            query = &query[..cut];
        }
        let mut parse = form_urlencoded::parse(query.as_bytes());
        let pairs = parse
            .by_ref()
            .take(MAX_PARAMS)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if parse.next().is_some() {
            warnings.push(UrlWarning::whole_query(UrlProblem::TooManyParams));
        }
        RawQuery { pairs }
    }

    /// The value of each known key, in `KEYS` order, each after the warnings it
    /// raises. A repeated `d` combines its lists; any other repeated key keeps its last
    /// value and names each earlier, different one in a warning.
    fn known(&self) -> Vec<(&'static str, String, Vec<UrlWarning>)> {
        let mut out = Vec::new();
        for key in KEYS {
            let values: Vec<&str> = self
                .pairs
                .iter()
                .filter(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
                .collect();
            let Some(last) = values.last() else { continue };
            if key == "d" {
                let lists: Vec<&str> = values
                    .iter()
                    .map(|v| v.trim())
                    .filter(|v| !v.is_empty())
                    .collect();
                out.push((key, lists.join(","), Vec::new()));
                continue;
            }
            let replaced = values[..values.len() - 1]
                .iter()
                .filter(|earlier| earlier.trim() != last.trim())
                .map(|earlier| UrlWarning::new(key, earlier.trim(), UrlProblem::Repeated))
                .collect();
            out.push((key, last.to_string(), replaced));
        }
        out
    }
}

/// The query in `input`: a bare query, `?query`, or a URL's part after its `?`,
/// without any `#fragment`.
fn search_part(input: &str) -> &str {
    let input = input.split_once('#').map_or(input, |(before, _)| before);
    match input.split_once('?') {
        // Before the `?` is a path, not a parameter (`q=what?` is a bare query).
        Some((path, query)) if !path.contains(['=', '&']) => query,
        _ => input,
    }
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

fn lookup<T: Copy>(table: &[(&str, T)], code: &str) -> Option<T> {
    table.iter().find(|(c, _)| *c == code).map(|&(_, v)| v)
}

fn code<T: Copy + PartialEq>(table: &[(&'static str, T)], value: T) -> &'static str {
    table
        .iter()
        .find(|(_, v)| *v == value)
        .map_or("", |&(c, _)| c)
}

/// `value` as quoted in a warning: one line of at most `SHOWN_CHARS` characters (the
/// last `…` when cut), invisible characters escaped as `\u{…}` and right-to-left text
/// isolated, as import messages show values (`import::display`).
fn shown(value: &str) -> String {
    crate::import::display(value, SHOWN_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_part_takes_bare_queries_question_marks_and_urls() {
        for (input, query) in [
            ("view=trend", "view=trend"),
            ("?view=trend", "view=trend"),
            ("https://example.org/cq/?view=trend#top", "view=trend"),
            ("q=what?&view=trend", "q=what?&view=trend"),
            ("", ""),
            ("?", ""),
        ] {
            assert_eq!(search_part(input), query, "{input}");
        }
    }

    #[test]
    fn shown_values_are_one_short_line() {
        assert_eq!(
            shown("a\nb\u{202E}c\u{200B}"),
            "a\\u{000a}b\\u{202e}c\\u{200b}"
        );
        let long = "区".repeat(50);
        assert_eq!(shown(&long).chars().count(), SHOWN_CHARS);
        assert!(shown(&long).ends_with("区…"));
        assert_eq!(shown(&"x".repeat(SHOWN_CHARS)), "x".repeat(SHOWN_CHARS));
    }

    #[test]
    fn code_tables_read_back_what_they_write() {
        for &(c, t) in THEMES {
            assert_eq!(lookup(THEMES, code(THEMES, t)), Some(t), "{c}");
        }
        for &(c, k) in SORT_KEYS {
            assert_eq!(code(SORT_KEYS, k), c);
        }
        assert_eq!(SORT_KEYS.len(), SortKey::ALL.len());
    }
}
