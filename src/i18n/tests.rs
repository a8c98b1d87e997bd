//! The i18n table's checks: both languages, the right language in each, placeholders.

use super::*;

/// Chinese characters or Chinese (full-width) punctuation: a join such as
/// "{}。{}" is Chinese too.
fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    })
}

/// Strings that are meant to show the other language (the switch) or name a
/// Chinese proper noun or quotation mark style in English.
const CJK_IN_ENGLISH: &[&str] =
    &["LANG_SWITCH", "SEARCH_PLACEHOLDER", "ARTICLE_LINE", "FIGURE_CITATION", "SOURCE_DATED"];

/// Which arguments a text uses in `lang`, in order of index.
fn slots(text: Text, lang: Lang) -> Vec<usize> {
    const MARKS: [&str; 8] =
        ["\u{1}", "\u{2}", "\u{3}", "\u{4}", "\u{5}", "\u{6}", "\u{7}", "\u{8}"];
    let filled = text.fill(lang, &MARKS);
    (0..MARKS.len()).filter(|&i| filled.contains(MARKS[i])).collect()
}

#[test]
fn every_text_is_translated() {
    for (name, text) in t::ALL {
        assert!(
            !text.zh.trim().is_empty() && has_cjk(text.zh) || *name == "LANG_SWITCH",
            "{name}: Chinese missing"
        );
        assert!(!text.en.trim().is_empty(), "{name}: English missing");
        if !CJK_IN_ENGLISH.contains(name) {
            assert!(!has_cjk(text.en), "{name}: the English is not English: {}", text.en);
        }
        assert_eq!(slots(*text, Lang::Zh), slots(*text, Lang::En), "{name}: placeholders differ");
    }
}

#[test]
fn fill_puts_values_in_order() {
    assert_eq!(
        t::LEDE.fill(Lang::En, &["4", "231", "5"]).split(' ').take(4).collect::<Vec<_>>(),
        ["4", "districts", "and", "231"]
    );
    assert_eq!(t::YEAR_VALUE.fill(Lang::Zh, &["2022"]), "2022年");
}

#[test]
fn fill_puts_numbered_values_where_they_belong() {
    let t = Text { zh: "实际已比{}高{}", en: "the actual is {1} above the {0}; {x} {" };
    assert_eq!(t.fill(Lang::Zh, &["目标", "5%"]), "实际已比目标高5%");
    assert_eq!(t.fill(Lang::En, &["target", "5%"]), "the actual is 5% above the target; {x} {");
    assert_eq!(t.fill(Lang::En, &[]), "the actual is  above the ; {x} {");
}

#[test]
fn closed_sets_have_english() {
    for k in Kind::ALL {
        assert!(!k.en().is_empty() && !has_cjk(k.en()));
    }
    for u in Unit::ALL {
        assert!(!u.en().is_empty() && !has_cjk(u.en()), "{u:?}");
    }
    for c in Category::ALL {
        assert!(!c.en().is_empty() && !has_cjk(c.en()));
    }
    for q in Qualifier::ALL {
        assert!(!q.en().is_empty() && !has_cjk(q.en()));
    }
}
