//! The URL-state codec: every valid state survives a round trip through its query,
//! defaults stay out of the URL, and any link (hand-edited, old, truncated, hostile)
//! yields a valid state with its usable parts applied and a warning per unusable one.
#![cfg(not(target_arch = "wasm32"))]

use cq_explorer::dataset::Dataset;
use cq_explorer::i18n::Lang;
use cq_explorer::model::*;
use cq_explorer::query::{Direction, Filter, Sort, SortKey};
use cq_explorer::state::{AppState, PeriodMode, Theme, View};
use cq_explorer::url::{from_query, notice, to_query, UrlProblem, UrlWarning};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use std::sync::LazyLock;

static DS: LazyLock<Dataset> = LazyLock::new(|| Dataset::embedded().expect("a valid dataset"));

/// Reads `query` and checks the warnings as `(param, value, reason)`.
fn read(query: &str, expected: &[(&str, &str, UrlProblem)]) -> AppState {
    let (state, warnings) = from_query(query, &DS);
    let got: Vec<(&str, &str, UrlProblem)> =
        warnings.iter().map(|w| (w.param.as_str(), w.value.as_str(), w.reason)).collect();
    assert_eq!(got, expected, "warnings for {query:?}");
    state
}

fn districts(ids: &[&str]) -> Vec<DistrictId> {
    ids.iter().map(|&id| id.into()).collect()
}

fn chosen(s: &AppState) -> Vec<DistrictId> {
    s.filter.districts.iter().cloned().collect()
}

fn warning(param: &str, value: &str, reason: UrlProblem) -> UrlWarning {
    UrlWarning { param: param.into(), value: value.into(), reason }
}

// ---- valid states ----

fn search_text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Z0-9 高新技术区产值&=%+#?,;/😀🏭-]{0,30}", ".{0,40}",]
        .prop_map(|s| s.trim().to_string())
}

fn filter() -> impl Strategy<Value = Filter> {
    let ids: Vec<DistrictId> = DS.districts.iter().map(|d| d.id.clone()).collect();
    let indicators: Vec<IndicatorId> = DS.indicators.iter().map(|i| i.id.clone()).collect();
    let n = ids.len();
    (
        subsequence(ids, 0..=n),
        proptest::option::of(select(Category::ALL)),
        proptest::option::of(select(indicators)),
        proptest::option::of(1949..=2100i32),
        proptest::option::of(select(Kind::ALL)),
        search_text(),
    )
        .prop_map(|(d, category, indicator, year, kind, search)| Filter {
            districts: d.into_iter().collect(),
            category,
            indicator,
            year,
            kind,
            search,
        })
}

fn app_state() -> impl Strategy<Value = AppState> {
    let ids: Vec<DistrictId> = DS.districts.iter().map(|d| d.id.clone()).collect();
    let sort = (select(SortKey::ALL), any::<bool>()).prop_map(|(key, desc)| Sort {
        key,
        direction: if desc { Direction::Descending } else { Direction::Ascending },
    });
    (
        select(View::ALL),
        filter(),
        sort,
        select(vec![PeriodMode::Latest, PeriodMode::SamePeriod]),
        proptest::option::of(select(ids)),
        select(vec![Lang::Zh, Lang::En]),
        select(vec![Theme::Auto, Theme::Light, Theme::Dark, Theme::HighContrast]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(view, filter, sort, period_mode, profile, lang, theme, large_text, embed)| AppState {
                view,
                filter,
                sort,
                period_mode,
                profile,
                lang,
                theme,
                large_text,
                embed,
                expanded: vec![],
            },
        )
}

/// Arbitrary text, and queries assembled from known keys, junk keys and junk values.
fn any_query() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        select(vec![
            "view", "ind", "d", "cat", "year", "kind", "q", "pm", "sort", "p", "lang", "theme",
            "lt", "embed"
        ])
        .prop_map(String::from),
        "[a-z?#%=&+]{0,4}",
    ];
    let value = prop_oneof![
        "[0-9a-z%&=+#?,. -]{0,12}",
        ".{0,8}",
        "-?[0-9]{1,25}",
        "500[0-9]{3}(,500[0-9]{3}){0,3}",
        "%[0-9a-fA-F]{2}(%[0-9a-fA-F]{2}){0,3}",
    ];
    let assembled = proptest::collection::vec((key, value), 0..20).prop_map(|pairs| {
        pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
    });
    prop_oneof![".*", "[?&=%+#a-z0-9]{0,40}", assembled]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_valid_state_survives_a_round_trip(s in app_state()) {
        let query = to_query(&s);
        prop_assert_eq!(from_query(&query, &DS), (s.clone(), vec![]), "query {}", query);
        prop_assert_eq!(from_query(&format!("?{query}"), &DS), (s, vec![]));
    }

    #[test]
    fn any_input_yields_a_valid_state_and_readable_warnings(q in any_query()) {
        let (state, warnings) = from_query(&q, &DS);
        for w in &warnings {
            prop_assert!(!w.zh().is_empty() && !w.en().is_empty(), "{:?}", w);
            prop_assert!(!w.zh().contains('\n') && !w.en().contains('\n'), "{:?}", w);
            // At most 40 characters of the value: an escaped one (`\u{…}`) counts once,
            // the isolates around right-to-left text not at all.
            let shown = w.value.split("\\u{").enumerate().map(|(i, part)| {
                let rest = if i == 0 { part } else { part.split_once('}').map_or("", |p| p.1) };
                usize::from(i > 0) + rest.chars().filter(|c| !matches!(c, '\u{2068}' | '\u{2069}')).count()
            }).sum::<usize>();
            prop_assert!(shown <= 40, "{} characters shown: {:?}", shown, w);
        }
        // Whatever a link says, what it yields is a state that links to itself cleanly.
        prop_assert_eq!(from_query(&to_query(&state), &DS), (state, vec![]));
    }
}

// ---- writing ----

#[test]
fn the_default_state_has_an_empty_query() {
    assert_eq!(to_query(&AppState::default()), "");
    assert_eq!(read("", &[]), AppState::default());
    assert_eq!(read("?", &[]), AppState::default());
}

#[test]
fn a_state_differing_in_one_field_has_one_parameter() {
    let one = |change: fn(&mut AppState)| {
        let mut s = AppState::default();
        change(&mut s);
        s
    };
    let cases: Vec<(AppState, &str)> = vec![
        (one(|s| s.view = View::Trend), "view=trend"),
        (one(|s| s.filter.indicator = Some("gdp".into())), "ind=gdp"),
        (
            one(|s| {
                s.filter.districts.insert("500155".into());
            }),
            "d=500155",
        ),
        (
            one(|s| s.filter.category = Some(Category::SmartManufacturing)),
            "cat=smart_manufacturing",
        ),
        (one(|s| s.filter.year = Some(2022)), "year=2022"),
        (one(|s| s.filter.kind = Some(Kind::CountNew)), "kind=count_new"),
        (one(|s| s.filter.search = "高新区".into()), "q=%E9%AB%98%E6%96%B0%E5%8C%BA"),
        (one(|s| s.period_mode = PeriodMode::SamePeriod), "pm=same"),
        (
            one(|s| s.sort = Sort { key: SortKey::Value, direction: Direction::Descending }),
            "sort=-value",
        ),
        (one(|s| s.sort.direction = Direction::Descending), "sort=-district"),
        (one(|s| s.profile = Some("500102".into())), "p=500102"),
        (one(|s| s.lang = Lang::En), "lang=en"),
        (one(|s| s.theme = Theme::HighContrast), "theme=contrast"),
        (one(|s| s.large_text = true), "lt=1"),
        (one(|s| s.embed = true), "embed=1"),
    ];
    for (state, query) in cases {
        assert_eq!(to_query(&state), query);
        assert_eq!(read(query, &[]), state, "{query}");
    }
}

#[test]
fn parameters_come_in_a_fixed_order_with_readable_district_lists() {
    let mut s =
        AppState { view: View::Compare, lang: Lang::En, embed: true, ..AppState::default() };
    s.filter.search = "  a+b & c=d #1 %  ".into();
    s.filter.districts = districts(&["500155", "500102"]).into_iter().collect();
    s.filter.indicator = Some("gdp".into());
    s.sort.key = SortKey::Period;
    assert_eq!(
        to_query(&s),
        "ind=gdp&d=500102,500155&q=a%2Bb+%26+c%3Dd+%231+%25&sort=period&lang=en&embed=1"
    );
    s.filter.search = s.filter.search.trim().into();
    assert_eq!(read(&to_query(&s), &[]), s);
}

#[test]
fn expanded_rows_are_not_in_the_url() {
    let s = AppState { expanded: vec!["000-001".into()], ..AppState::default() };
    assert_eq!(to_query(&s), "");
}

// ---- reading ----

#[test]
fn a_full_url_or_a_leading_question_mark_is_accepted() {
    for q in [
        "view=trend&d=500155",
        "?view=trend&d=500155",
        "https://example.org/cq/index.html?view=trend&d=500155#table",
    ] {
        let s = read(q, &[]);
        assert_eq!(s.view, View::Trend, "{q}");
        assert_eq!(chosen(&s), districts(&["500155"]), "{q}");
    }
}

#[test]
fn unknown_districts_are_dropped_and_known_ones_kept() {
    let s = read(
        "d=500155,999999,500102,,<b>",
        &[("d", "999999", UrlProblem::UnknownDistrict), ("d", "<b>", UrlProblem::UnknownDistrict)],
    );
    assert_eq!(chosen(&s), districts(&["500102", "500155"]));
    let s = read("p=500000", &[("p", "500000", UrlProblem::UnknownDistrict)]);
    assert_eq!(s.profile, None);
}

#[test]
fn duplicate_districts_are_merged_and_a_repeated_key_takes_its_last_value() {
    use UrlProblem::Repeated;
    let s = read(
        "d=500155,500155, 500155&view=trend&year=abc&year=2021&view=targets",
        &[("view", "trend", Repeated), ("year", "abc", Repeated)],
    );
    assert_eq!(chosen(&s), districts(&["500155"]));
    assert_eq!(s.view, View::Targets);
    assert_eq!(s.filter.year, Some(2021));
    let s = read("year=2021&year=", &[("year", "2021", Repeated)]);
    assert_eq!(s.filter.year, None, "an empty value is the default");
}

#[test]
fn bad_numbers_are_dropped_with_a_warning() {
    use UrlProblem::BadYear;
    for bad in ["abc", "99999999999999999999", "1948", "2101", "-2022", "2022.5", "0x7e6"] {
        let s = read(&format!("year={bad}&view=trend"), &[("year", bad, BadYear)]);
        assert_eq!(s.filter.year, None);
        assert_eq!(s.view, View::Trend);
    }
    assert_eq!(read("year=+2022", &[]).filter.year, Some(2022));
    assert_eq!(read("year=1949", &[]).filter.year, Some(1949));
}

#[test]
fn every_known_key_rejects_a_bad_value_alone() {
    use UrlProblem::*;
    let query = "view=atlas&ind=nope&cat=food&kind=guess&pm=oldest&sort=price&lang=fr\
                 &theme=neon&lt=yes&embed=2&sort=--value";
    let s = read(
        query,
        &[
            ("view", "atlas", UnknownView),
            ("ind", "nope", UnknownIndicator),
            ("cat", "food", UnknownCategory),
            ("kind", "guess", UnknownKind),
            ("pm", "oldest", BadChoice),
            // Given twice: the first is named, the last applies (and is bad).
            ("sort", "price", Repeated),
            ("sort", "--value", BadSort),
            ("lang", "fr", BadChoice),
            ("theme", "neon", BadChoice),
            ("lt", "yes", BadFlag),
            ("embed", "2", BadFlag),
        ],
    );
    assert_eq!(s, AppState::default());
}

#[test]
fn defaults_written_out_are_accepted() {
    let s = read("view=compare&pm=latest&sort=district&lang=zh&theme=auto&lt=0&embed=0", &[]);
    assert_eq!(s, AppState::default());
}

#[test]
fn garbage_bytes_are_decoded_lossily_never_rejected_as_a_whole() {
    let s = read("q=%FF%FE&view=trend", &[]);
    assert_eq!(s.filter.search, "\u{FFFD}\u{FFFD}");
    assert_eq!(s.view, View::Trend);
    assert_eq!(read("q=%", &[]).filter.search, "%");
    assert_eq!(read("q=100%zz", &[]).filter.search, "100%zz");
    assert_eq!(read("q=a+b%2Bc", &[]).filter.search, "a b+c");
    // The replacement character is quoted escaped, as a decoding loss.
    read("year=%FF", &[("year", "\\u{fffd}", UrlProblem::BadYear)]);
    read("&&=&%&%%=%=&d=%E4", &[("d", "\\u{fffd}", UrlProblem::UnknownDistrict)]);
}

#[test]
fn markup_in_values_is_plain_text() {
    let s = read(
        "view=<script>alert(1)</script>&q=<script>alert(1)</script>",
        &[("view", "<script>alert(1)</script>", UrlProblem::UnknownView)],
    );
    assert_eq!(s.view, View::Compare);
    assert_eq!(s.filter.search, "<script>alert(1)</script>");
}

#[test]
fn unknown_keys_are_ignored_silently() {
    let s = read("utm_source=wechat&from=timeline&v=2&VIEW=trend&view=profile&fbclid=x%FF", &[]);
    assert_eq!(s.view, View::Profile);
}

#[test]
fn an_over_long_value_is_dropped_with_a_warning() {
    let long = "长".repeat(201);
    let (s, warnings) = from_query(&format!("view=trend&q={long}"), &DS);
    assert_eq!(s.view, View::Trend);
    assert_eq!(s.filter.search, "");
    assert_eq!(warnings, [warning("q", &format!("{}…", "长".repeat(39)), UrlProblem::TooLong)]);
    let just = "长".repeat(200);
    assert_eq!(read(&format!("q={just}"), &[]).filter.search, just);
}

#[test]
fn a_district_list_has_room_for_all_38_districts() {
    let list = vec!["500155"; 38].join(",");
    assert_eq!(chosen(&read(&format!("d={list}"), &[])), districts(&["500155"]));
}

#[test]
fn a_huge_query_is_cut_and_its_beginning_applied() {
    use UrlProblem::*;
    let value = "x".repeat(10_000);
    let s = read(&format!("view=trend&q={value}"), &[("", "", QueryTooLong)]);
    assert_eq!(s.view, View::Trend);
    assert_eq!(s.filter.search, "");
    // The limit falls inside `year=2022`: the cut is at the `&` before it, so no
    // half value (`year=20`) is read.
    let query = format!("view=trend&zz={}&year=2022&lang=en", "x".repeat(3980));
    let s = read(&query, &[("", "", QueryTooLong)]);
    assert_eq!((s.view, s.filter.year, s.lang), (View::Trend, None, Lang::Zh));
}

#[test]
fn ten_thousand_parameters_are_capped() {
    use UrlProblem::*;
    let many = "a=1&".repeat(10_000);
    read(&many, &[("", "", QueryTooLong), ("", "", TooManyParams)]);
    // Parameters past the cap are not read even when known.
    let query = format!("lang=en&{}view=trend", "a=1&".repeat(70));
    let s = read(&query, &[("", "", TooManyParams)]);
    assert_eq!((s.lang, s.view), (Lang::En, View::Compare));
}

// ---- messages ----

#[test]
fn a_warning_names_the_parameter_and_the_value_in_both_languages() {
    let w = warning("d", "999999", UrlProblem::UnknownDistrict);
    assert_eq!(w.zh(), "已忽略链接参数 d=999999：没有这个区县");
    assert_eq!(w.en(), "Ignored link parameter d=999999: no such district");
    let (_, ws) = from_query("year=abc", &DS);
    assert_eq!(ws[0].en(), "Ignored link parameter year=abc: not a year from 1949 to 2100");
    let w = warning("", "", UrlProblem::TooManyParams);
    assert_eq!(w.zh(), "链接参数过多，只读取了前 64 个");
}

#[test]
fn a_warning_quotes_at_most_40_characters_on_one_line() {
    let (_, ws) = from_query(&format!("view={}%0A{}", "a".repeat(30), "b".repeat(30)), &DS);
    assert_eq!(ws.len(), 1);
    // 40 characters of the value, the line break among them shown escaped.
    assert!(!ws[0].value.contains('\n'));
    assert_eq!(ws[0].value, format!("{}\\u{{000a}}{}…", "a".repeat(30), "b".repeat(8)));
}

#[test]
fn the_notice_summarises_the_warnings() {
    use UrlProblem::*;
    assert_eq!(notice(&[], Lang::Zh), None);
    let one = [warning("d", "999999", UnknownDistrict)];
    assert_eq!(
        notice(&one, Lang::En).as_deref(),
        Some("Ignored link parameter d=999999: no such district")
    );
    let (_, five) = from_query("view=atlas&d=1,2&year=abc&theme=neon", &DS);
    assert_eq!(five.len(), 5);
    assert_eq!(
        notice(&five, Lang::En).as_deref(),
        Some(
            "5 parts of this link could not be used and were ignored: view=atlas (no such view); \
             d=1 (no such district); d=2 (no such district); and 2 more"
        )
    );
    assert_eq!(
        notice(&five, Lang::Zh).as_deref(),
        Some(
            "链接中有 5 处无法使用，已忽略：view=atlas（没有这个视图）；d=1（没有这个区县）；\
             d=2（没有这个区县）；另有 2 处"
        )
    );
}
