//! Exports of the current rows: CSV, JSON, a one-line citation and a download file
//! name. Pure functions from the dataset and fact indices to strings, so they are
//! tested natively on the returned text (the UI only hands the string to a download).
//!
//! - [`csv()`]: RFC 4180 through the `csv` crate (CRLF line ends, fields quoted only
//!   when needed, inner `"` doubled), UTF-8 with a leading byte-order mark so that
//!   Excel reads the Chinese text, one header row (Chinese or English) and one record
//!   per fact, in the order given (the table's filtered and sorted rows). Names
//!   (district, subject, indicator) and closed-set labels (category, unit, qualifier,
//!   kind, precision, year basis, estimated date) follow `lang`; text from the
//!   articles (quote, period as printed, rank group, headline, value as displayed)
//!   stays as stored.
//! - Formula injection (OWASP "CSV injection"): every *text* cell whose first
//!   character is `=`, `+`, `-`, `@` (or their full-width forms), tab or carriage
//!   return gets a leading `'`, so a
//!   spreadsheet shows it as text instead of evaluating it. The one *numeric* column,
//!   the plain value, is written as the number itself (`-5`, `10.8`), never prefixed:
//!   a spreadsheet reads a negative number as a number, not a formula, and the value
//!   is a validated finite `f64` formatted by Rust, so it cannot carry text. Dates and
//!   ids are text cells and go through the same rule (a no-op on valid data).
//! - [`json`]: the facts exactly as the dataset stores them (same field names and
//!   values), plus the district and indicator names in both languages, the article
//!   headline and its estimated publication date. Text is never altered: markup in the
//!   data stays plain text in a JSON string.
//! - [`citation`]: one line (line breaks in data become spaces) naming the figure with
//!   its unit, the indicator, the district, the period, the article in 《》 with its
//!   estimated date, the quote (always in Chinese) and the explorer URL.
//! - [`file_name`]: says what the file holds (view, indicator, districts, year) and is
//!   safe on every common file system: letters and digits of any script (so CJK stays),
//!   `-`, `+`, `_`, `·`, brackets and one `.` before an ASCII extension; nothing else
//!   (no `/ \ : * ? " < > |`, controls, spaces or bidi marks), at most 120 characters
//!   and 180 bytes.
//!
//! Fact indices that are not in `ds.facts` are skipped (they can only come from a bug,
//! and an export must not bring the page down).
//!
//! Size: the `csv` crate costs about 7.5 KB of the app's wasm after `wasm-opt -Oz`
//! (2.3 KB gzipped, 0.5 % of the module) over a hand-written writer of byte-identical
//! output. Formatting csv's error type would add about 15 KB more, so its errors,
//! impossible when writing to a `Vec`, are never formatted (`unreachable!` without
//! the error).

use crate::dataset::Dataset;
use crate::format;
use crate::i18n::Lang;
use crate::model::*;
use crate::state::{AppState, View};
use serde::Serialize;
use std::borrow::Cow;

/// CSV header row in Chinese; the columns are those of [`HEADERS_EN`], in the same order.
pub const HEADERS_ZH: [&str; 23] = [
    "条目编号",
    "区县代码",
    "区县",
    "对象",
    "指标代码",
    "指标",
    "类别",
    "数值",
    "单位",
    "显示值",
    "限定词",
    "类型",
    "起始日期",
    "截止日期",
    "时间精度",
    "原文时间",
    "年份依据",
    "时间说明",
    "排名范围",
    "来源编号",
    "文章标题",
    "文章估计日期",
    "原文引述",
];

/// CSV header row in English.
pub const HEADERS_EN: [&str; 23] = [
    "fact_id",
    "district_code",
    "district",
    "subject",
    "indicator_id",
    "indicator",
    "category",
    "value",
    "unit",
    "value_as_displayed",
    "qualifier",
    "kind",
    "period_start",
    "period_end",
    "precision",
    "period_as_printed",
    "year_basis",
    "period_note",
    "rank_group",
    "source_id",
    "article_headline",
    "article_estimated_date",
    "quote",
];

/// Index of the plain numeric value column, the only cell not neutralised.
pub const VALUE_COLUMN: usize = 7;

/// Index of the quote column.
pub const QUOTE_COLUMN: usize = 22;

/// What the JSON export says produced it.
pub const GENERATED_BY: &str = concat!(
    "cq-explorer ",
    env!("CARGO_PKG_VERSION"),
    " (Chongqing district industry explorer)"
);

/// Longest file name [`file_name`] returns, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 120;
/// Longest file name [`file_name`] returns, in UTF-8 bytes (file systems count bytes).
pub const MAX_FILE_NAME_BYTES: usize = 180;

const BOM: &str = "\u{FEFF}";

/// Prefixes `'` to text a spreadsheet would read as a formula (OWASP's list: `=`, `+`,
/// `-`, `@`, tab, carriage return at the start, and their full-width forms `＝ ＋ －
/// ＠`, which spreadsheets in Chinese and Japanese read as the ASCII ones). Other text
/// is returned as is.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

fn label<T: Copy>(
    lang: Lang,
    v: T,
    zh: fn(T) -> &'static str,
    en: fn(T) -> &'static str,
) -> &'static str {
    match lang {
        Lang::Zh => zh(v),
        Lang::En => en(v),
    }
}

/// The facts at `rows` (indices into `ds.facts`, in this order) as CSV: BOM, CRLF,
/// a header row in `lang`, every column, text cells neutralised against formulas.
pub fn csv(ds: &Dataset, rows: &[usize], lang: Lang) -> String {
    let mut buf = Vec::with_capacity(256 * (rows.len() + 1));
    buf.extend_from_slice(BOM.as_bytes());
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(buf);
    let headers = match lang {
        Lang::Zh => HEADERS_ZH,
        Lang::En => HEADERS_EN,
    };
    if w.write_record(headers).is_err() {
        unreachable!("writing to a Vec cannot fail");
    }
    for f in rows.iter().filter_map(|&i| ds.facts.get(i)) {
        let cells = csv_cells(ds, f, lang);
        let record: Vec<Cow<str>> = cells
            .iter()
            .enumerate()
            .map(|(col, cell)| {
                if col == VALUE_COLUMN {
                    Cow::Borrowed(cell.as_str())
                } else {
                    neutralise(cell)
                }
            })
            .collect();
        if w.write_record(record.iter().map(|c| c.as_bytes())).is_err() {
            unreachable!("writing to a Vec cannot fail");
        }
    }
    // Errors are never formatted: `unreachable!` without the error keeps csv's error
    // Debug code out of the wasm (see the size note in the module doc).
    let bytes = w
        .into_inner()
        .unwrap_or_else(|_| unreachable!("flushing to a Vec cannot fail"));
    // Every cell is a &str, so the bytes are UTF-8; lossy is never lossy here.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// One fact's cells, before neutralisation, in the order of [`HEADERS_EN`].
fn csv_cells(ds: &Dataset, f: &Fact, lang: Lang) -> [String; 23] {
    let district = ds.district(&f.district);
    let indicator = ds.indicator(&f.indicator);
    let source = ds.source(&f.source);
    let zh = lang == Lang::Zh;
    let district_name = district.map_or("", |d| if zh { &d.name_zh } else { &d.name_en });
    let subject = f.subject.as_ref().map_or("", |s| match lang {
        Lang::Zh => &s.name,
        Lang::En => s.name_en.as_deref().unwrap_or(&s.name),
    });
    let indicator_name = indicator.map_or("", |i| if zh { &i.name_zh } else { &i.name_en });
    let category = indicator.map_or("", |i| label(lang, i.category, Category::zh, Category::en));
    let published = source.map_or(String::new(), |s| published(&s.published, lang));
    [
        f.id.to_string(),
        f.district.to_string(),
        district_name.to_string(),
        subject.to_string(),
        f.indicator.to_string(),
        indicator_name.to_string(),
        category.to_string(),
        // Rust prints an f64 in the shortest form that reads back exactly, never with
        // an exponent: a plain number for any spreadsheet.
        format!("{}", f.value),
        label(lang, f.unit, Unit::zh, Unit::en).to_string(),
        format::value(f),
        f.qualifier
            .map_or("", |q| label(lang, q, Qualifier::zh, Qualifier::en))
            .to_string(),
        label(lang, f.kind, Kind::zh, Kind::en).to_string(),
        f.period.start.to_string(),
        f.period.end.to_string(),
        label(lang, f.period.precision, Precision::zh, Precision::en).to_string(),
        f.period.label.clone(),
        label(lang, f.period.year, YearBasis::zh, YearBasis::en).to_string(),
        format::period_note(&f.period, lang)
            .unwrap_or_default()
            .to_string(),
        f.rank_group.clone().unwrap_or_default(),
        f.source.to_string(),
        source.map_or(String::new(), |s| s.headline.clone()),
        published,
        f.quote.clone(),
    ]
}

/// The estimated publication date: its label and its date range.
fn published(p: &PublishedEstimate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}（{}至{}）", p.label_zh, p.from, p.to),
        Lang::En => format!("{} ({} to {})", p.label_en, p.from, p.to),
    }
}

#[derive(Serialize)]
struct JsonExport<'a> {
    generated_by: &'a str,
    facts: Vec<JsonFact<'a>>,
}

/// A fact as the dataset stores it, with the names a reader needs beside it.
#[derive(Serialize)]
struct JsonFact<'a> {
    #[serde(flatten)]
    fact: &'a Fact,
    district_name_zh: Option<&'a str>,
    district_name_en: Option<&'a str>,
    indicator_name_zh: Option<&'a str>,
    indicator_name_en: Option<&'a str>,
    source_headline: Option<&'a str>,
    source_published: Option<&'a PublishedEstimate>,
}

/// The facts at `rows` as a pretty-printed JSON document:
/// `{"generated_by": …, "facts": [{<fact as stored>, "district_name_zh", …}]}`.
pub fn json(ds: &Dataset, rows: &[usize]) -> String {
    let facts = rows
        .iter()
        .filter_map(|&i| ds.facts.get(i))
        .map(|f| {
            let district = ds.district(&f.district);
            let indicator = ds.indicator(&f.indicator);
            let source = ds.source(&f.source);
            JsonFact {
                fact: f,
                district_name_zh: district.map(|d| d.name_zh.as_str()),
                district_name_en: district.map(|d| d.name_en.as_str()),
                indicator_name_zh: indicator.map(|i| i.name_zh.as_str()),
                indicator_name_en: indicator.map(|i| i.name_en.as_str()),
                source_headline: source.map(|s| s.headline.as_str()),
                source_published: source.map(|s| &s.published),
            }
        })
        .collect();
    let doc = JsonExport {
        generated_by: GENERATED_BY,
        facts,
    };
    // Only string keys, strings, numbers and options: serialization cannot fail.
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| unreachable!("facts serialize to JSON"))
}

/// One line citing the fact at `fact`: figure with unit, indicator, district, period,
/// 《headline》 and its estimated date, the quote (in Chinese) and `url`. Empty when
/// `fact` is not an index into `ds.facts`; the URL part is left out when `url` is empty.
pub fn citation(ds: &Dataset, fact: usize, url: &str, lang: Lang) -> String {
    let Some(f) = ds.facts.get(fact) else {
        return String::new();
    };
    let district = ds.district(&f.district);
    let indicator = ds.indicator(&f.indicator);
    let source = ds.source(&f.source);
    let headline = source.map_or("", |s| s.headline.as_str());
    let line = match lang {
        Lang::Zh => {
            let mut what = district.map_or(f.district.to_string(), |d| d.name_zh.clone());
            if let Some(s) = &f.subject {
                what.push('·');
                what.push_str(&s.name);
            }
            what.push('·');
            what.push_str(indicator.map_or(f.indicator.as_str(), |i| &i.name_zh));
            let inferred = match f.period.year {
                YearBasis::Inferred => "（年份系推断）",
                YearBasis::Printed => "",
            };
            let date = source.map_or(String::new(), |s| format!("，{}", s.published.label_zh));
            let link = if url.is_empty() {
                String::new()
            } else {
                format!("重庆区县产业数据浏览：{url}")
            };
            format!(
                "{what}（{kind}）：{value}，{period}{inferred}。来源：《{headline}》{date}，原文“{quote}”。{link}",
                kind = f.kind.zh(),
                value = format::value(f),
                period = format::period(&f.period),
                quote = f.quote,
            )
        }
        Lang::En => {
            let mut what = district.map_or(f.district.to_string(), |d| d.name_en.clone());
            if let Some(s) = &f.subject {
                what.push_str(", ");
                what.push_str(s.name_en.as_deref().unwrap_or(&s.name));
            }
            what.push_str(" — ");
            what.push_str(indicator.map_or(f.indicator.as_str(), |i| &i.name_en));
            let inferred = match f.period.year {
                YearBasis::Inferred => " (year inferred)",
                YearBasis::Printed => "",
            };
            let date = source.map_or(String::new(), |s| format!(", {}", s.published.label_en));
            let link = if url.is_empty() {
                String::new()
            } else {
                format!(" Chongqing district industry explorer: {url}")
            };
            format!(
                "{what} ({kind}): {value}, {period}{inferred}. Source: 《{headline}》{date}, quoting “{quote}”.{link}",
                kind = f.kind.en(),
                value = value_en(f),
                period = format::period_in(&f.period, Lang::En),
                quote = f.quote,
            )
        }
    };
    one_line(line.trim_end())
}

/// The figure in English with the article's figure beside it when that reads otherwise:
/// `over 100 units (超100个)`, `−10%`.
fn value_en(f: &Fact) -> String {
    let n = format::number(f.value);
    if f.kind == Kind::Rank {
        let group = f.rank_group.as_deref().unwrap_or("");
        return format!("No. {n} in {group} ({})", format::value(f));
    }
    let unit = format::unit_en(f.unit, f.value);
    let figure = if f.unit == Unit::Percent {
        format!("{n}%")
    } else if unit.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{n} × {unit}")
    } else {
        format!("{n} {unit}")
    };
    let figure = match f.qualifier {
        Some(q) => format!("{} {figure}", q.en()),
        None => figure,
    };
    let printed = format::value(f);
    if printed == figure {
        figure
    } else {
        format!("{figure} ({printed})")
    }
}

/// Control characters (line breaks, tabs) become spaces: a citation is one line.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A download file name saying what the file holds, e.g.
/// `cq-industry_table_compare_地区生产总值_涪陵区-梁平区_2024.csv`: the `kind` of export,
/// the view (left out when `kind` names it), the profile district, the indicator (or
/// category), the kind filter, up to three districts (catalogue order, then 等N个区县 or
/// +N-more), the year and the search words,
/// names in the state's language. Safe everywhere: see the module doc.
pub fn file_name(kind: &str, state: &AppState, ds: &Dataset, ext: &str) -> String {
    let lang = state.lang;
    let zh = lang == Lang::Zh;
    let district_name = |id: &DistrictId| -> String {
        ds.district(id).map_or(id.to_string(), |d| {
            if zh {
                d.name_zh.clone()
            } else {
                d.name_en.clone()
            }
        })
    };
    let filter = &state.filter;
    let mut parts: Vec<String> = vec!["cq-industry".into(), kind.to_string()];
    if state.view.code() != kind {
        parts.push(state.view.code().into());
    }
    if state.view == View::Profile {
        let profile = state
            .profile
            .clone()
            .or_else(|| ds.districts.first().map(|d| d.id.clone()));
        if let Some(p) = profile {
            parts.push(district_name(&p));
        }
    }
    if let Some(id) = &filter.indicator {
        parts.push(ds.indicator(id).map_or(id.to_string(), |i| {
            if zh {
                i.name_zh.clone()
            } else {
                i.name_en.clone()
            }
        }));
    } else if let Some(c) = filter.category {
        parts.push(label(lang, c, Category::zh, Category::en).into());
    }
    if let Some(k) = filter.kind {
        parts.push(label(lang, k, Kind::zh, Kind::en).into());
    }
    if !filter.districts.is_empty() {
        // Catalogue order, so the name does not depend on the order of clicks.
        let mut ids: Vec<&DistrictId> = filter.districts.iter().collect();
        ids.sort_by_key(|id| ds.district_pos(id));
        let names: Vec<String> = ids
            .iter()
            .take(3)
            .map(|id| file_part(&district_name(id)))
            .collect();
        let mut joined = names.join(if zh { "-" } else { "+" });
        if ids.len() > 3 {
            joined.push_str(&if zh {
                format!("等{}个区县", ids.len())
            } else {
                format!("+{}-more", ids.len() - 3)
            });
        }
        parts.push(joined);
    }
    if let Some(y) = filter.year {
        parts.push(y.to_string());
    }
    if !filter.search.trim().is_empty() {
        parts.push(filter.search.chars().take(24).collect());
    }
    let stem = parts
        .iter()
        .map(|p| file_part(p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let ext: String = ext
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(8)
        .collect();
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

/// The sources line printed inside an exported chart: the articles of `facts` with
/// their estimated dates, and where the chart comes from.
pub fn source_line(ds: &Dataset, facts: &[usize], url: &str, lang: Lang) -> String {
    let mut sources: Vec<&crate::model::SourceId> = facts
        .iter()
        .filter_map(|&i| ds.facts.get(i))
        .map(|f| &f.source)
        .collect();
    sources.sort();
    sources.dedup();
    let list: Vec<String> = sources
        .iter()
        .filter_map(|id| ds.source(id))
        .map(|s| {
            let date = crate::i18n::pick(lang, &s.published.label_zh, &s.published.label_en);
            format!("《{}》（{}）", s.headline, date)
        })
        .collect();
    let head = crate::i18n::pick(lang, "来源：", "Sources: ");
    let tail = crate::i18n::pick(
        lang,
        "重庆区县工业发展数据浏览器",
        "Chongqing District Industry Explorer",
    );
    let joined = list.join(crate::i18n::pick(lang, "；", "; "));
    if url.is_empty() {
        format!("{head}{joined}。{tail}")
    } else {
        format!("{head}{joined}。{tail} {url}")
    }
}
