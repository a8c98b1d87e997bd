//! The exports: the CSV parses back (BOM, CRLF, header, one record per row, quotes
//! exact), formula text from the data is neutralised while negative values stay
//! numbers, the JSON round-trips to the very facts, citations name the figure, the
//! article and the URL in both languages, and file names are safe for any input.
//!
//! Hostile text comes from a copy of the embedded dataset with fields replaced, built
//! through `Dataset::from_files`, so it passes the same validation as real data.
#![cfg(not(target_arch = "wasm32"))]

use cq_explorer::dataset::{embedded_files, Dataset};
use cq_explorer::export::{self, HEADERS_EN, HEADERS_ZH, QUOTE_COLUMN, VALUE_COLUMN};
use cq_explorer::format;
use cq_explorer::i18n::{t, Lang};
use cq_explorer::model::*;
use cq_explorer::query::{self, Direction, Filter, Sort, SortKey};
use cq_explorer::state::{AppState, View};
use proptest::prelude::*;
use serde_json::{json, Value};

const URL: &str = "https://example.org/cq/?view=compare&d=500155";

fn embedded() -> Dataset {
    Dataset::embedded().unwrap_or_else(|e| panic!("{} dataset errors, first: {}", e.len(), e[0]))
}

fn all_rows(ds: &Dataset) -> Vec<usize> {
    query::filter(ds, &Filter::default())
}

/// Strips and checks the BOM, then reads the header and the records.
fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let body = text.strip_prefix('\u{FEFF}').expect("the CSV starts with a byte-order mark");
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(body.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let records: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    // RFC 4180: outside quoted fields, every line break is CRLF and ends a record.
    let (mut in_quotes, mut line_ends) = (false, 0);
    let bytes = body.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\r' if !in_quotes => {
                assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at byte {i}");
                line_ends += 1;
            }
            b'\n' if !in_quotes => assert_eq!(bytes[i - 1], b'\r', "bare LF at byte {i}"),
            _ => {}
        }
    }
    assert!(!in_quotes);
    assert_eq!(line_ends, records.len() + 1, "one CRLF after each record");
    assert!(body.ends_with("\r\n"), "the last record ends with CRLF");
    (header, records)
}

/// Undoes the formula neutralisation: a `'` before a trigger character.
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

fn starts_with_trigger(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The embedded files with `edit` applied to the parsed JSON of some of them.
fn edited_dataset(edit: impl Fn(&str, &mut Value)) -> Dataset {
    let files: Vec<(String, String)> = embedded_files()
        .iter()
        .map(|(name, text)| {
            let mut v: Value = serde_json::from_str(text).unwrap();
            edit(name, &mut v);
            (name.to_string(), serde_json::to_string(&v).unwrap())
        })
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    Dataset::from_files(&refs).unwrap_or_else(|e| {
        let list: Vec<String> = e.iter().map(ToString::to_string).collect();
        panic!("hostile dataset rejected:\n{}", list.join("\n"))
    })
}

fn record_mut<'a>(v: &'a mut Value, id: &str) -> &'a mut Value {
    v.as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

const FORMULA_SUBJECT: &str = "=HYPERLINK(\"http://x\")";
/// Prints the value (2) as a standalone number, under 80 characters.
const HOSTILE_QUOTE: &str = "-2+3,\"引号\",逗号\n换行<script>alert(1)</script>";
const HOSTILE_HEADLINE: &str = "=cmd|' /C calc'!A0 <b>头条</b>";

/// The source `000_…`, fact `000-001` (now -2, quoted with markup) and `000-002`, the
/// indicator `green_factories` and district 梁平区 carry formulas, markup and path
/// characters.
fn hostile() -> Dataset {
    edited_dataset(|name, v| match name {
        "sources.json" => {
            let s = v.as_array_mut().unwrap().first_mut().unwrap();
            s["headline"] = json!(HOSTILE_HEADLINE);
            s["published"]["label_en"] = json!("-1 day");
            s["published"]["label_zh"] = json!("@今天\n换行");
        }
        "districts.json" => {
            let d = record_mut(v, "500155");
            d["name_zh"] = json!("梁平/区\\:*?\"<>|\n");
            d["name_en"] = json!("-Liang ping/..\\CON\u{202e}");
        }
        "indicators.json" => {
            record_mut(v, "green_factories")["name_zh"] = json!("=1+2");
        }
        n if n.starts_with("facts/000_") => {
            let f = record_mut(v, "000-001");
            f["subject"]["name"] = json!(FORMULA_SUBJECT);
            f["subject"]["name_en"] = json!("+cmd");
            f["value"] = json!(-2);
            f["quote"] = json!(HOSTILE_QUOTE);
            f["rank_group"] = json!("@SUM(A1)");
            f["period"]["label"] = json!("\t=1+1");
            f["period"]["note_zh"] = json!("\r@x");
            f["period"]["note_en"] = json!("\r@x");
            let g = record_mut(v, "000-002");
            g["subject"]["name"] = json!("<script>alert('x')</script>");
            g["quote"] = json!("\"市级绿色工厂6家\"，");
        }
        _ => {}
    })
}

fn fact_index(ds: &Dataset, id: &str) -> usize {
    ds.facts.iter().position(|f| f.id.as_str() == id).unwrap()
}

#[test]
fn csv_has_bom_header_and_one_record_per_row_in_both_languages() {
    let ds = embedded();
    let rows = all_rows(&ds);
    for (lang, headers) in [(Lang::Zh, HEADERS_ZH), (Lang::En, HEADERS_EN)] {
        let text = export::csv(&ds, &rows, lang);
        assert!(text.starts_with('\u{FEFF}'));
        let (header, records) = parse_csv(&text);
        assert_eq!(header, headers);
        assert_eq!(records.len(), rows.len());
        for (rec, &row) in records.iter().zip(&rows) {
            let f = &ds.facts[row];
            assert_eq!(rec.len(), headers.len());
            assert_eq!(rec[0], f.id.as_str());
            assert_eq!(rec[1], f.district.as_str());
            assert_eq!(rec[QUOTE_COLUMN], f.quote, "quote of {}", f.id);
            assert_eq!(rec[VALUE_COLUMN].parse::<f64>().unwrap(), f.value);
            assert_eq!(rec[9], format::value_in(f, lang), "as the table shows it");
            assert_eq!(rec[12], f.period.start.to_string());
            assert_eq!(rec[15], f.period.label);
            assert_eq!(rec[19], f.source.as_str());
            assert_eq!(rec[20], ds.source(&f.source).unwrap().headline);
        }
    }
}

#[test]
fn csv_names_in_the_chosen_language() {
    let ds = embedded();
    let row = fact_index(&ds, "000-001");
    let f = &ds.facts[row];
    let district = ds.district(&f.district).unwrap();
    let indicator = ds.indicator(&f.indicator).unwrap();
    let (_, zh) = parse_csv(&export::csv(&ds, &[row], Lang::Zh));
    let (_, en) = parse_csv(&export::csv(&ds, &[row], Lang::En));
    assert_eq!(zh[0][2], district.name_zh);
    assert_eq!(en[0][2], district.name_en);
    assert_eq!(zh[0][5], indicator.name_zh);
    assert_eq!(en[0][5], indicator.name_en);
    assert_eq!(zh[0][11], f.kind.zh());
    assert_eq!(en[0][11], f.kind.en());
    // The quote stays Chinese in both; the value as displayed is the table's.
    assert_eq!(en[0][QUOTE_COLUMN], f.quote);
    assert_eq!(zh[0][9], "1家");
    assert_eq!(en[0][9], "1 enterprise");
    // The plain value and the unit stay machine-readable.
    assert_eq!(en[0][VALUE_COLUMN], "1");
    assert_eq!(en[0][8], Unit::Jia.en());
}

#[test]
fn csv_keeps_the_given_row_order_and_subset() {
    let ds = embedded();
    let mut rows =
        query::filter(&ds, &Filter { districts: ["500155".into()].into(), ..Filter::default() });
    assert!(rows.len() > 1 && rows.len() < ds.facts.len());
    query::sort(&ds, &mut rows, Sort { key: SortKey::Value, direction: Direction::Descending });
    let (_, records) = parse_csv(&export::csv(&ds, &rows, Lang::Zh));
    let ids: Vec<&str> = records.iter().map(|r| r[0].as_str()).collect();
    let expected: Vec<&str> = rows.iter().map(|&i| ds.facts[i].id.as_str()).collect();
    assert_eq!(ids, expected);
    // No rows: just the header.
    let (header, records) = parse_csv(&export::csv(&ds, &[], Lang::En));
    assert_eq!(header, HEADERS_EN);
    assert!(records.is_empty());
}

#[test]
fn csv_line_ends_are_crlf() {
    let ds = embedded();
    let text = export::csv(&ds, &all_rows(&ds), Lang::Zh);
    // The embedded data has no line breaks inside fields, so every \n ends a record.
    assert_eq!(text.matches('\n').count(), ds.facts.len() + 1);
    assert_eq!(text.matches("\r\n").count(), ds.facts.len() + 1);
}

#[test]
fn negative_values_stay_numbers() {
    let ds = embedded();
    let negatives: Vec<usize> = (0..ds.facts.len()).filter(|&i| ds.facts[i].value < 0.0).collect();
    assert!(!negatives.is_empty(), "the embedded data has a negative value");
    let (_, records) = parse_csv(&export::csv(&ds, &negatives, Lang::Zh));
    for (rec, &row) in records.iter().zip(&negatives) {
        let cell = &rec[VALUE_COLUMN];
        assert!(cell.starts_with('-'), "{cell} is written as the number");
        assert_eq!(cell.parse::<f64>().unwrap(), ds.facts[row].value);
        // Displayed with a real minus sign, which no spreadsheet reads as a formula.
        assert!(rec[9].starts_with('−'), "{}", rec[9]);
    }
    let v: Value = serde_json::from_str(&export::json(&ds, &negatives)).unwrap();
    for (entry, &row) in v["facts"].as_array().unwrap().iter().zip(&negatives) {
        assert_eq!(entry["value"].as_f64(), Some(ds.facts[row].value));
    }
}

#[test]
fn csv_neutralises_formulas_and_keeps_hostile_text_intact() {
    let ds = hostile();
    let rows = all_rows(&ds);
    let one = fact_index(&ds, "000-001");
    let two = fact_index(&ds, "000-002");
    for lang in [Lang::Zh, Lang::En] {
        let (_, records) = parse_csv(&export::csv(&ds, &rows, lang));
        assert_eq!(records.len(), rows.len());
        for rec in &records {
            for (col, cell) in rec.iter().enumerate() {
                if col != VALUE_COLUMN {
                    assert!(!starts_with_trigger(cell), "column {col}: {cell:?}");
                }
            }
        }
        let rec = &records[rows.iter().position(|&r| r == one).unwrap()];
        assert_eq!(rec[VALUE_COLUMN], "-2", "a negative value stays a number");
        assert_eq!(rec[QUOTE_COLUMN], format!("'{HOSTILE_QUOTE}"));
        assert_eq!(unneutralise(&rec[QUOTE_COLUMN]), HOSTILE_QUOTE);
        assert_eq!(rec[18], "'@SUM(A1)");
        assert_eq!(rec[15], "'\t=1+1");
        assert_eq!(rec[17], "'\r@x");
        assert_eq!(rec[20], format!("'{HOSTILE_HEADLINE}"));
        match lang {
            Lang::Zh => {
                assert_eq!(rec[3], format!("'{FORMULA_SUBJECT}"));
                assert_eq!(rec[2], "梁平/区\\:*?\"<>|\n", "no trigger: as is");
                assert_eq!(rec[5], "'=1+2");
                assert!(rec[21].starts_with("'@今天\n换行"), "{:?}", rec[21]);
            }
            Lang::En => {
                assert_eq!(rec[3], "'+cmd");
                assert_eq!(rec[2], "'-Liang ping/..\\CON\u{202e}");
                assert!(rec[21].starts_with("'-1 day"), "{:?}", rec[21]);
            }
        }
        let rec = &records[rows.iter().position(|&r| r == two).unwrap()];
        assert_eq!(rec[QUOTE_COLUMN], "\"市级绿色工厂6家\"，");
        if lang == Lang::Zh {
            assert_eq!(rec[3], "<script>alert('x')</script>");
        }
    }
}

#[test]
fn json_round_trips_to_the_facts_with_names_beside_them() {
    let ds = embedded();
    let mut rows = all_rows(&ds);
    rows.reverse();
    let text = export::json(&ds, &rows);
    assert!(text.contains("\n  "), "pretty-printed");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["generated_by"], export::generated_by());
    let by = export::generated_by();
    assert!(by.contains(t::APP_TITLE.zh) && by.contains(t::APP_TITLE.en), "{by}");
    let entries = v["facts"].as_array().unwrap();
    assert_eq!(entries.len(), rows.len());
    for (entry, &row) in entries.iter().zip(&rows) {
        let f = &ds.facts[row];
        let mut entry = entry.as_object().unwrap().clone();
        let district = ds.district(&f.district).unwrap();
        let indicator = ds.indicator(&f.indicator).unwrap();
        let source = ds.source(&f.source).unwrap();
        assert_eq!(entry.remove("district_name_zh").unwrap(), district.name_zh.as_str());
        assert_eq!(entry.remove("district_name_en").unwrap(), district.name_en.as_str());
        assert_eq!(entry.remove("indicator_name_zh").unwrap(), indicator.name_zh.as_str());
        assert_eq!(entry.remove("indicator_name_en").unwrap(), indicator.name_en.as_str());
        assert_eq!(entry.remove("source_headline").unwrap(), source.headline.as_str());
        let published: PublishedEstimate =
            serde_json::from_value(entry.remove("source_published").unwrap()).unwrap();
        assert_eq!(published, source.published);
        // What is left is the fact as the dataset stores it (unknown fields are denied).
        let back: Fact = serde_json::from_value(Value::Object(entry)).unwrap();
        assert_eq!(&back, f);
    }
    let empty: Value = serde_json::from_str(&export::json(&ds, &[])).unwrap();
    assert_eq!(empty["facts"], json!([]));
}

#[test]
fn json_keeps_hostile_text_unchanged() {
    let ds = hostile();
    let rows = all_rows(&ds);
    let text = export::json(&ds, &rows);
    // Markup is plain text in a JSON string: not escaped, not stripped.
    assert!(text.contains("<script>alert(1)</script>"));
    assert!(text.contains("<script>alert('x')</script>"));
    let v: Value = serde_json::from_str(&text).unwrap();
    let facts = v["facts"].as_array().unwrap();
    assert_eq!(facts.len(), rows.len());
    let one = facts.iter().find(|f| f["id"] == "000-001").unwrap();
    assert_eq!(one["subject"]["name"], FORMULA_SUBJECT);
    assert_eq!(one["subject"]["name_en"], "+cmd");
    assert_eq!(one["quote"], HOSTILE_QUOTE);
    assert_eq!(one["value"].as_f64(), Some(-2.0));
    assert_eq!(one["rank_group"], "@SUM(A1)");
    assert_eq!(one["period"]["label"], "\t=1+1");
    assert_eq!(one["source_headline"], HOSTILE_HEADLINE);
    assert_eq!(one["indicator_name_zh"], "=1+2");
    assert_eq!(one["district_name_zh"], "梁平/区\\:*?\"<>|\n");
    assert_eq!(one["source_published"]["label_zh"], "@今天\n换行");
}

#[test]
fn citation_names_figure_article_and_url_in_both_languages() {
    let ds = embedded();
    for row in all_rows(&ds) {
        let f = &ds.facts[row];
        let source = ds.source(&f.source).unwrap();
        let district = ds.district(&f.district).unwrap();
        let indicator = ds.indicator(&f.indicator).unwrap();
        let zh = export::citation(&ds, row, URL, Lang::Zh);
        let en = export::citation(&ds, row, URL, Lang::En);
        for c in [&zh, &en] {
            assert!(c.contains(&format!("《{}》", source.headline)), "{c}");
            assert!(c.contains(&format::number(f.value)), "{c}");
            assert!(c.contains(&format::value(f)), "{c}");
            assert!(c.contains(URL), "{c}");
            assert!(c.contains(&f.quote), "the quote stays Chinese: {c}");
            assert!(!c.contains('\n'), "one line: {c}");
        }
        assert!(zh.contains(&district.name_zh) && zh.contains(&indicator.name_zh));
        assert!(zh.contains(&format::period(&f.period)));
        assert!(zh.contains(&source.published.label_zh), "{zh}");
        assert!(en.contains(&district.name_en) && en.contains(&indicator.name_en));
        assert!(en.contains(&source.published.label_en), "{en}");
    }
}

#[test]
fn citation_reads_as_expected() {
    let ds = embedded();
    let row = fact_index(&ds, "000-001");
    let f = &ds.facts[row];
    assert_eq!(f.period.year, YearBasis::Inferred);
    let zh = export::citation(&ds, row, URL, Lang::Zh);
    assert!(zh.starts_with("梁平区·国家级绿色工厂·"), "district, subject, indicator: {zh}");
    assert!(zh.contains("：1家，截至2023年2月（年份系推断）。来源：《"), "{zh}");
    assert!(zh.ends_with(URL));
    let en = export::citation(&ds, row, URL, Lang::En);
    assert!(
        en.starts_with("Liangping District, National-level green factories — Green factories ("),
        "{en}"
    );
    assert!(en.contains("1 enterprise (1家), as of Feb 2023 (year inferred). Source: 《"), "{en}");
    assert!(en.ends_with(URL));
    assert_eq!(export::citation(&ds, usize::MAX, URL, Lang::Zh), "");
    assert!(zh.contains(&format!("{}：{URL}", t::APP_TITLE.zh)), "{zh}");
    assert!(en.contains(&format!("{}: {URL}", t::APP_TITLE.en)), "{en}");
    assert!(!export::citation(&ds, row, "", Lang::En).contains(t::APP_TITLE.en));
}

#[test]
fn the_app_has_one_name_per_language_in_every_export() {
    let ds = embedded();
    let rows = all_rows(&ds);
    for lang in [Lang::Zh, Lang::En] {
        let name = t::APP_TITLE.get(lang);
        let line = export::source_line(&ds, &rows, URL, lang);
        let view = export::view_citation(&ds, &rows, "VIEW", URL, lang);
        let cite = export::citation(&ds, rows[0], URL, lang);
        for text in [&line, &view, &cite] {
            assert_eq!(text.matches(name).count(), 1, "named once: {text}");
            let rest = text.replace(name, "").to_lowercase();
            assert!(!rest.contains("浏览") && !rest.contains("explorer"), "no other name: {text}");
        }
        let head = if lang == Lang::Zh { "来源：《" } else { "Sources: 《" };
        assert!(line.starts_with(head) && line.ends_with(URL), "{line}");
        assert!(view.starts_with(&format!("{name} · VIEW")) && view.ends_with(URL), "{view}");
        let count = match lang {
            Lang::Zh => format!("（{}条数据）", rows.len()),
            Lang::En => format!("({} figures)", rows.len()),
        };
        assert!(view.contains(&count) && view.contains(head), "{view}");
        assert!(export::source_line(&ds, &rows, "", lang).ends_with(name));
    }
}

#[test]
fn citation_of_hostile_text_is_one_line() {
    let ds = hostile();
    let row = fact_index(&ds, "000-001");
    for lang in [Lang::Zh, Lang::En] {
        let c = export::citation(&ds, row, URL, lang);
        assert!(!c.chars().any(char::is_control), "{c:?}");
        assert!(c.contains(&format!("《{HOSTILE_HEADLINE}》")), "{c}");
        assert!(c.contains("−2"), "the value with its sign: {c}");
        assert!(c.contains(URL));
    }
}

const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

fn assert_safe_file_name(name: &str) {
    assert!(!name.contains(FORBIDDEN), "{name:?}");
    assert!(!name.chars().any(char::is_control), "{name:?}");
    assert!(!name.contains('\u{202e}'), "no bidi override: {name:?}");
    assert!(name.chars().count() <= export::MAX_FILE_NAME_CHARS, "{name:?}");
    assert!(name.len() <= export::MAX_FILE_NAME_BYTES, "{name:?}");
    assert!(!name.starts_with(['.', '-', ' ']), "{name:?}");
    assert!(!name.contains(".."), "{name:?}");
}

#[test]
fn file_name_says_what_the_file_holds() {
    let ds = embedded();
    let state = AppState {
        view: View::Compare,
        filter: Filter {
            indicator: Some("gdp".into()),
            districts: ["500155".into(), "500102".into()].into(),
            year: Some(2024),
            ..Filter::default()
        },
        ..AppState::default()
    };
    let name = export::file_name("table", &state, &ds, "csv");
    assert_eq!(name, "cq-industry_table_compare_地区生产总值_涪陵区-梁平区_2024.csv");
    assert_safe_file_name(&name);
    let en = AppState { lang: Lang::En, ..state.clone() };
    let name = export::file_name("compare", &en, &ds, ".json");
    assert_eq!(
        name,
        "cq-industry_compare_Gross-regional-product_Fuling-District+Liangping-District_2024.json"
    );
    let plain = export::file_name("table", &AppState::default(), &ds, "csv");
    assert_eq!(plain, "cq-industry_table_compare.csv");
    let many = AppState {
        filter: Filter {
            districts: ds.districts.iter().map(|d| d.id.clone()).collect(),
            ..Filter::default()
        },
        ..AppState::default()
    };
    let name = export::file_name("table", &many, &ds, "csv");
    assert!(name.contains(&format!("等{}个区县", ds.districts.len())), "{name}");
}

#[test]
fn file_names_are_safe_for_hostile_input() {
    let ds = hostile();
    let hostile_text = "a/b\\c:d*e?f\"g<h>i|j\n\t\r\u{0}\u{202e}..  ";
    for lang in [Lang::Zh, Lang::En] {
        for view in View::ALL {
            let state = AppState {
                view: *view,
                lang,
                profile: Some("500155".into()),
                filter: Filter {
                    indicator: Some("green_factories".into()),
                    districts: ["500155".into(), "../../etc".into()].into(),
                    search: hostile_text.repeat(10),
                    kind: Some(Kind::Growth),
                    ..Filter::default()
                },
                ..AppState::default()
            };
            let name = export::file_name(hostile_text, &state, &ds, "../c:s/v");
            assert_safe_file_name(&name);
            assert!(name.starts_with("cq-industry_"), "{name}");
            assert!(name.ends_with(".csv"), "{name}");
        }
    }
    let state = AppState::default();
    assert!(export::file_name("", &state, &ds, "").ends_with(".txt"));
}

proptest! {
    // A fixed budget, and no regression files written into the tree.
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_file_name_input_gives_a_safe_name(kind in any::<String>(), search in any::<String>(), ext in any::<String>()) {
        let ds = embedded();
        let state = AppState {
            filter: Filter { search, ..Filter::default() },
            ..AppState::default()
        };
        assert_safe_file_name(&export::file_name(&kind, &state, &ds, &ext));
    }
}

proptest! {
    // A fixed budget, and no regression files written into the tree.
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_subject_name_survives_csv_and_json(name in any::<String>()) {
        let ds = edited_dataset(|file, v| {
            if file.starts_with("facts/000_") {
                record_mut(v, "000-001")["subject"]["name"] = json!(name);
            }
        });
        let row = fact_index(&ds, "000-001");
        let (_, records) = parse_csv(&export::csv(&ds, &[row], Lang::Zh));
        let cell = &records[0][3];
        // The cell is the name, with a quote mark in front exactly when it could be a formula.
        let expected = export::neutralise(&name).into_owned();
        prop_assert_eq!(cell, &expected);
        prop_assert!(!starts_with_trigger(cell));
        let v: Value = serde_json::from_str(&export::json(&ds, &[row])).unwrap();
        prop_assert_eq!(&v["facts"][0]["subject"]["name"], &json!(name));
    }
}

/// The CSV writer quotes exactly as the `csv` crate does (what spreadsheets and other
/// readers of RFC 4180 expect):
/// the same bytes for hostile, empty and Chinese fields, with CRLF and LF endings.
#[test]
fn csv_records_are_written_as_the_csv_crate_writes_them() {
    let fields = [
        "",
        "plain",
        "涪陵区",
        "a,b",
        "say \"hi\"",
        "two\nlines",
        "cr\rhere",
        " padded ",
        "'=1+1",
        "\"",
        ",",
        "trailing,",
        "\r\n",
        "tab\there",
        "#hash",
    ];
    for (end, term) in [("\r\n", csv::Terminator::CRLF), ("\n", csv::Terminator::Any(b'\n'))] {
        let mut ours = String::new();
        let mut theirs = csv::WriterBuilder::new().terminator(term).from_writer(Vec::new());
        for i in 0..fields.len() {
            let record: Vec<&str> = fields.iter().cycle().skip(i).take(4).copied().collect();
            cq_explorer::export::csv::write_record(&mut ours, record.iter().copied(), end);
            theirs.write_record(&record).unwrap();
        }
        assert_eq!(ours, String::from_utf8(theirs.into_inner().unwrap()).unwrap());
    }
}
