//! CSV: RFC 4180 (CRLF line ends, fields quoted only when needed, inner `"` doubled,
//! as the `csv` crate writes it by default), UTF-8 with a leading byte-order mark so
//! that Excel reads the Chinese text, one header row (Chinese or English) and one record per
//! fact, in the order given (the table's filtered and sorted rows). Names (district,
//! subject, indicator) and closed-set labels (category, unit, qualifier, kind,
//! precision, year basis, estimated date) follow `lang`, and so does the value as
//! displayed (the figure as the table shows it, [`format::value_in`]); the plain value
//! and the unit columns stay machine-readable, and text from the articles (quote,
//! period as printed, rank group, headline) stays as stored.
//!
//! Formula injection (OWASP "CSV injection"): every *text* cell whose first character
//! is `=`, `+`, `-`, `@` (or their full-width forms), tab or carriage return gets a
//! leading `'`, so a spreadsheet shows it as text instead of evaluating it. The one
//! *numeric* column, the plain value, is written as the number itself (`-5`, `10.8`),
//! never prefixed: a spreadsheet reads a negative number as a number, not a formula,
//! and the value is a validated finite `f64` formatted by Rust, so it cannot carry
//! text. Dates and ids are text cells and go through the same rule (a no-op on valid
//! data).
//!
//! Size: written here rather than by the `csv` crate, whose writer also carries a float
//! parser (for its `NonNumeric` quoting, unused here) into the page: together about
//! 12 KB of the page's wasm for ten lines of quoting.

use crate::dataset::Dataset;
use crate::format;
use crate::i18n::Lang;
use crate::i18n::{pick, t};
use crate::model::*;
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

/// The facts at `rows` (indices into `ds.facts`, in this order) as CSV: BOM, CRLF,
/// a header row in `lang`, every column, text cells neutralised against formulas.
pub fn csv(ds: &Dataset, rows: &[usize], lang: Lang) -> String {
    let mut out = String::with_capacity(256 * (rows.len() + 1));
    out.push_str(BOM);
    let headers = match lang {
        Lang::Zh => HEADERS_ZH,
        Lang::En => HEADERS_EN,
    };
    write_record(&mut out, headers, "\r\n");
    for f in rows.iter().filter_map(|&i| ds.facts.get(i)) {
        let cells = csv_cells(ds, f, lang);
        let record = cells.iter().enumerate().map(|(col, cell)| {
            if col == VALUE_COLUMN {
                Cow::Borrowed(cell.as_str())
            } else {
                neutralise(cell)
            }
        });
        write_record(&mut out, record, "\r\n");
    }
    out
}

/// One CSV record, ended by `end`, as RFC 4180 and the `csv` crate write it: a field is
/// quoted when it holds a comma, a double quote, CR or LF, and its quotes are doubled.
pub fn write_record(
    out: &mut String,
    fields: impl IntoIterator<Item = impl AsRef<str>>,
    end: &str,
) {
    for (i, field) in fields.into_iter().enumerate() {
        let field = field.as_ref();
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str(end);
}

/// One fact's cells, before neutralisation, in the order of [`HEADERS_EN`].
fn csv_cells(ds: &Dataset, f: &Fact, lang: Lang) -> [String; 23] {
    let district = ds.district(&f.district);
    let indicator = ds.indicator(&f.indicator);
    let source = ds.source(&f.source);
    let district_name = district.map_or("", |d| pick(lang, &d.name_zh, &d.name_en));
    let subject = f.subject.as_ref().map_or("", |s| match lang {
        Lang::Zh => &s.name,
        Lang::En => s.name_en.as_deref().unwrap_or(&s.name),
    });
    let indicator_name = indicator.map_or("", |i| pick(lang, &i.name_zh, &i.name_en));
    let category = indicator.map_or("", |i| pick(lang, i.category.zh(), i.category.en()));
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
        pick(lang, f.unit.zh(), f.unit.en()).to_string(),
        format::value_in(f, lang),
        f.qualifier.map_or("", |q| pick(lang, q.zh(), q.en())).to_string(),
        pick(lang, f.kind.zh(), f.kind.en()).to_string(),
        f.period.start.to_string(),
        f.period.end.to_string(),
        pick(lang, f.period.precision.zh(), f.period.precision.en()).to_string(),
        f.period.label.clone(),
        pick(lang, f.period.year.zh(), f.period.year.en()).to_string(),
        format::period_note(&f.period, lang).unwrap_or_default().to_string(),
        f.rank_group.clone().unwrap_or_default(),
        f.source.to_string(),
        source.map_or(String::new(), |s| s.headline.clone()),
        published,
        f.quote.clone(),
    ]
}

/// The estimated publication date: its label and its date range.
fn published(p: &PublishedEstimate, lang: Lang) -> String {
    t::CSV_PUBLISHED
        .fill(lang, &[pick(lang, &p.label_zh, &p.label_en), &p.from.to_string(), &p.to.to_string()])
}
