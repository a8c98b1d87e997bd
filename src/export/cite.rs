//! Citations and sources lines, in the reader's language:
//!
//! - [`citation`]: one line (line breaks in data become spaces) naming the figure as
//!   the table spells it ([`format::value_in`]; in English with the article's figure
//!   beside it), the kind, the indicator, the district, the period, the article in 《》
//!   with its estimated date, the quote (always in Chinese) and the explorer's name and
//!   URL.
//! - [`view_citation`]: the app, the view, how many figures and their articles.
//! - [`source_line`]: the articles of a chart's figures and where the chart comes
//!   from, printed inside an exported SVG or PNG.
//!
//! The app is named as the page's title names it (`t::APP_TITLE`), nowhere else.

use crate::dataset::Dataset;
use crate::format;
use crate::i18n::Lang;
use crate::i18n::{self, pick, t};
use crate::model::*;

/// One line citing the fact at `fact`: figure with unit, indicator, district, period,
/// 《headline》 and its estimated date, the quote (in Chinese) and `url`. Empty when
/// `fact` is not an index into `ds.facts`; the URL part is left out when `url` is empty.
pub fn citation(ds: &Dataset, fact: usize, url: &str, lang: Lang) -> String {
    let Some(f) = ds.facts.get(fact) else {
        return String::new();
    };
    let source = ds.source(&f.source);
    let headline = source.map_or("", |s| s.headline.as_str());
    let mut what = i18n::district_name(ds, &f.district, lang).to_string();
    if let Some(s) = &f.subject {
        what.push_str(pick(lang, "·", ", "));
        what.push_str(i18n::subject_name(s, lang));
    }
    what.push_str(pick(lang, "·", " — "));
    what.push_str(i18n::indicator_name(ds, &f.indicator, lang));
    let kind = i18n::kind(f.kind, lang);
    let inferred = match f.period.year {
        YearBasis::Inferred => t::YEAR_INFERRED_MARK.get(lang),
        YearBasis::Printed => "",
    };
    let date = source.map_or(String::new(), |s| {
        let label = pick(lang, &s.published.label_zh, &s.published.label_en);
        t::CITE_DATE.fill(lang, &[label])
    });
    let link = if url.is_empty() {
        String::new()
    } else {
        t::CITE_LINK.fill(lang, &[t::APP_TITLE.get(lang), url])
    };
    let period = format::period_in(&f.period, lang);
    let quote = &f.quote;
    let value = match lang {
        Lang::Zh => format::value_in(f, lang),
        Lang::En => figure_with_printed(f),
    };
    let line = t::FIGURE_CITATION
        .fill(lang, &[&what, kind, &value, &period, inferred, headline, &date, quote, &link]);
    one_line(line.trim_end())
}

/// The figure in English as the table spells it, with the article's figure beside it
/// when that reads otherwise: `more than 100 units (超100个)`, `−10%`.
fn figure_with_printed(f: &Fact) -> String {
    let figure = format::value_in(f, Lang::En);
    let printed = format::value(f);
    if printed == figure {
        figure
    } else {
        format!("{figure} ({printed})")
    }
}

/// Control characters (line breaks, tabs) become spaces: a citation is one line.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// `来源：《a》（date）；《b》（date）。` / `Sources: 《a》 (date); 《b》 (date).`: the
/// articles of `facts`, each once, with their estimated dates.
fn sources(ds: &Dataset, facts: &[usize], lang: Lang) -> String {
    let mut ids: Vec<&SourceId> =
        facts.iter().filter_map(|&i| ds.facts.get(i)).map(|f| &f.source).collect();
    crate::order::unique(&mut ids);
    let list: Vec<String> = ids
        .iter()
        .filter_map(|id| ds.source(id))
        .map(|s| {
            let date = pick(lang, &s.published.label_zh, &s.published.label_en);
            t::SOURCE_DATED.fill(lang, &[&s.headline, date])
        })
        .collect();
    t::SOURCES_LINE.fill(lang, &[&list.join(t::LIST_SEP.get(lang))])
}

/// The sources line printed inside an exported chart: the articles of `facts` with
/// their estimated dates, the app's name and `url` (left out when empty).
pub fn source_line(ds: &Dataset, facts: &[usize], url: &str, lang: Lang) -> String {
    let mut line =
        format!("{}{}{}", sources(ds, facts, lang), pick(lang, "", " "), t::APP_TITLE.get(lang));
    if !url.is_empty() {
        line.push(' ');
        line.push_str(url);
    }
    line
}

/// A citation of a whole view: the app's name, the view (`view`, already in `lang`),
/// how many figures `rows` holds, their articles and `url`.
pub fn view_citation(ds: &Dataset, rows: &[usize], view: &str, url: &str, lang: Lang) -> String {
    let count = rows.iter().filter(|&&i| i < ds.facts.len()).count();
    t::VIEW_CITATION
        .fill(
            lang,
            &[t::APP_TITLE.get(lang), view, &count.to_string(), &sources(ds, rows, lang), url],
        )
        .trim_end()
        .to_string()
}
