//! Importing CSV and JSON files: valid files in both modes, the templates, errors
//! that name row (or path), column and reason, "import the valid rows", duplicate
//! ids, large files in slices, hostile content, and fuzzing with a fixed budget.
#![cfg(not(target_arch = "wasm32"))]

use cq_explorer::dataset::{Dataset, FactProblem};
use cq_explorer::i18n::Lang;
use cq_explorer::import::*;
use cq_explorer::model::gazetteer::{is_county_code, CHONGQING};
use cq_explorer::model::*;
use cq_explorer::synthetic::synthetic_csv;
use std::rc::Rc;

const TODAY: Date = Date { year: 2025, month: 1, day: 2 };

fn base() -> Rc<Dataset> {
    Rc::new(Dataset::embedded().unwrap_or_else(|e| panic!("embedded data: {}", e[0])))
}

fn options(name: &str) -> ImportOptions {
    ImportOptions { file_name: name.into(), today: TODAY }
}

fn run(text: &str, format: Format, mode: Mode, keep: Keep) -> Result<Imported, ImportReport> {
    import(text.to_string(), format, base(), options("test.csv"), mode, keep)
}

/// Compares two datasets without printing 100,000 facts when they differ.
fn assert_same(a: &Dataset, b: &Dataset) {
    assert_eq!(a.facts.len(), b.facts.len());
    if let Some((x, y)) = a.facts.iter().zip(&b.facts).find(|(x, y)| x != y) {
        panic!("facts differ: {x:?} / {y:?}");
    }
    assert!(a == b, "the datasets differ outside their facts");
}

fn ok(text: &str, format: Format, mode: Mode) -> Imported {
    run(text, format, mode, Keep::AllOrNothing)
        .unwrap_or_else(|r| panic!("import failed:\n{}", r.lines(20, Lang::En).join("\n")))
}

fn report(text: &str, format: Format) -> ImportReport {
    match run(text, format, Mode::Add, Keep::AllOrNothing) {
        Ok(_) => panic!("expected errors"),
        Err(r) => r,
    }
}

/// The error at `location` in `column` (as the file names it), if any.
fn error_at<'a>(r: &'a ImportReport, location: Location, column: &str) -> &'a ImportError {
    r.errors
        .iter()
        .find(|e| e.location == location && e.column.as_deref() == Some(column))
        .unwrap_or_else(|| {
            panic!("no error at {location:?} {column}; got:\n{}", r.lines(50, Lang::En).join("\n"))
        })
}

fn imported_facts(imp: &Imported) -> Vec<&Fact> {
    imp.dataset.facts.iter().filter(|f| f.source == imp.source).collect()
}

const HEADER: &str = "id,district,indicator,value,unit,kind,period_start,period_end,quote\n";

fn csv(rows: &[&str]) -> String {
    format!("{HEADER}{}\n", rows.join("\n"))
}

// ---- valid files ----

const VALID_CSV: &str = "\
编号,区县,指标,数值,单位,类型,起始日期,截止日期,时间精度,原文时间,对象,对象类型,原文引述
cq-1,500101,industrial_output_above_scale,\"1,234.5\",亿元,level,2023-01-01,2023-12-31,year,2023年,,,
cq-2,万州区,industrial_output_above_scale,8.5,%,增速,2023,,,,,,规上工业产值增长8.5%
cq-3,Kaizhou District,high_tech_enterprises,120,家,count_total,2024-06-30,,,,重庆某公司,company,
";

#[test]
fn valid_csv_imports_with_and_without_bom_in_add_and_replace_mode() {
    let embedded = base();
    for text in [VALID_CSV.to_string(), format!("\u{feff}{VALID_CSV}")] {
        let added = ok(&text, Format::Csv, Mode::Add);
        assert_eq!(added.source.as_str(), "import-1");
        assert_eq!(added.dataset.facts.len(), embedded.facts.len() + 3);
        assert_eq!(added.dataset.sources.len(), embedded.sources.len() + 1);
        let facts = imported_facts(&added);
        assert_eq!(facts[0].value, 1234.5);
        assert_eq!(facts[0].period.precision, Precision::Year);
        assert_eq!(facts[1].kind, Kind::Growth);
        assert_eq!(facts[1].period.end, Date::parse("2023-12-31").unwrap());
        assert_eq!(facts[2].district.as_str(), "500154");
        assert_eq!(facts[2].period.precision, Precision::AsOf);
        assert_eq!(facts[2].subject.as_ref().unwrap().kind, SubjectType::Company);
        // Two Chongqing districts from the gazetteer join the catalogue, after the embedded ones.
        let names: Vec<&str> = added.dataset.districts.iter().map(|d| d.name_zh.as_str()).collect();
        assert_eq!(&names[embedded.districts.len()..], ["万州区", "开州区"]);
        let source = added.dataset.source(&added.source).unwrap();
        assert!(source.imported && source.headline == "test.csv");
        assert_eq!(source.published.from, TODAY);
        assert_eq!(source.date_confidence, Confidence::Low);
        assert_eq!(source.district.as_str(), "", "two districts: the source names none");

        let replaced = ok(&text, Format::Csv, Mode::Replace);
        assert_eq!(replaced.dataset.facts.len(), 3);
        assert_eq!(replaced.dataset.sources.len(), 1);
        assert_eq!(replaced.dataset.districts.len(), 2);
        let inds: Vec<&str> = replaced.dataset.indicators.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(inds, ["industrial_output_above_scale", "high_tech_enterprises"]);
        assert!(replaced.report.is_clean() && replaced.report.valid_rows == 3);
    }
}

const VALID_JSON: &str = r#"{
  "facts": [
    {"id": "j-1", "district": "500102", "indicator": "new_index", "value": 42, "unit": "项",
     "kind": "count_new", "period": {"start": "2024-01-01", "end": "2024-12-31"},
     "quote": "新增42项"},
    {"district": "渝中区", "indicator": "gdp", "value": "1,500", "unit": "亿元", "kind": "level",
     "subject": null, "qualifier": "约",
     "period": {"start": "2023-01-01", "end": "2023-12-31", "precision": "year", "label": "2023年",
                "year": "inferred", "note": "from the yearbook"}}
  ],
  "indicators": [
    {"id": "new_index", "name_zh": "新指标", "category": "other", "unit": "项"}
  ],
  "districts": [
    {"id": "510104", "name_zh": "锦江区", "name_en": "Jinjiang District"}
  ]
}"#;

#[test]
fn valid_json_imports_in_add_and_replace_mode() {
    let added = ok(VALID_JSON, Format::Json, Mode::Add);
    let facts = imported_facts(&added);
    assert_eq!(facts.len(), 2);
    assert_eq!(facts[1].id.as_str(), "import-1-2", "a missing id is generated");
    assert_eq!(facts[1].qualifier, Some(Qualifier::Yue));
    assert_eq!(facts[1].period.year, YearBasis::Inferred);
    let ind = added.dataset.indicator(&"new_index".into()).unwrap();
    assert_eq!(ind.name_en, "新指标", "name_en falls back to name_zh");
    // 锦江区 is defined but no fact uses it: it is not added.
    assert!(added.dataset.district(&"510104".into()).is_none());
    assert_eq!(added.dataset.district(&"500103".into()).unwrap().region, Region::CentralCity);

    let replaced = ok(VALID_JSON, Format::Json, Mode::Replace);
    assert_eq!(replaced.dataset.facts.len(), 2);
    let fuling = replaced.dataset.district(&"500102".into()).unwrap();
    assert!(fuling.static_facts.is_empty());
    // A bare array of facts is accepted too.
    let bare = r#"[{"district": "500102", "indicator": "gdp", "value": 1, "unit": "亿元",
                   "kind": "level", "period": {"start": "2020"}}]"#;
    assert_eq!(ok(bare, Format::Json, Mode::Replace).dataset.facts.len(), 1);
}

#[test]
fn templates_import_cleanly_into_the_embedded_data() {
    for lang in [Lang::Zh, Lang::En] {
        let t = csv_template(lang);
        assert!(t.starts_with('\u{feff}'), "the CSV template starts with a BOM");
        assert_eq!(t.lines().count(), 3, "a header and two example rows");
        for mode in [Mode::Add, Mode::Replace] {
            let imp = ok(&t, Format::guess("template.csv", &t), mode);
            assert_eq!(imported_facts(&imp).len(), 2);
        }
    }
    let j = json_template();
    assert_eq!(Format::guess("data", &j), Format::Json);
    for mode in [Mode::Add, Mode::Replace] {
        let imp = ok(&j, Format::Json, mode);
        assert_eq!(imported_facts(&imp).len(), 2);
    }
    let zh = ok(&csv_template(Lang::Zh), Format::Csv, Mode::Add);
    let en = ok(&csv_template(Lang::En), Format::Csv, Mode::Add);
    let js = ok(&json_template(), Format::Json, Mode::Add);
    // The same figures in each template; only the notes' language differs.
    let strip = |f: &Fact| {
        let mut f = f.clone();
        f.period.note_zh = None;
        f.period.note_en = None;
        f.source = SourceId::from("-");
        f
    };
    let a: Vec<Fact> = imported_facts(&zh).into_iter().map(strip).collect();
    let b: Vec<Fact> = imported_facts(&en).into_iter().map(strip).collect();
    let c: Vec<Fact> = imported_facts(&js).into_iter().map(strip).collect();
    assert_eq!(a, b);
    assert_eq!(a[0], c[0]);
    assert_eq!(
        (a[1].value, a[1].unit, a[1].kind, a[1].qualifier),
        (c[1].value, c[1].unit, c[1].kind, c[1].qualifier)
    );
}

// ---- errors ----

#[test]
fn every_error_names_row_column_and_reason() {
    let text = csv(&[
        "ok-1,500101,gdp,\"1,000\",亿元,level,2022,,",
        "bad-value,500101,gdp,abc,亿元,level,2022,,",
        "bad-kind,500101,gdp,5,亿元,vibes,2022,,",
        "bad-district,Atlantis,gdp,5,亿元,level,2022,,",
        "bad-date,500101,gdp,5,亿元,level,2022-02-30,,",
        "reversed,500101,gdp,5,亿元,level,2023,2022,",
        "unit,500101,gdp,5,家,level,2022,,",
        "quote,500101,gdp,5,亿元,level,2022,,GDP达到6亿元",
        "ok-1,500101,gdp,5,亿元,level,2021,,",
        "missing,500101,,5,亿元,level,2022,,",
    ]);
    let r = report(&text, Format::Csv);
    assert_eq!(r.rows, 10);
    assert_eq!(r.valid_rows, 1);
    assert!(matches!(error_at(&r, Location::Row(3), "value").reason, Reason::NotANumber(_)));
    assert!(matches!(
        error_at(&r, Location::Row(4), "kind").reason,
        Reason::NotInSet { set: Set::Kind, .. }
    ));
    assert!(matches!(
        error_at(&r, Location::Row(5), "district").reason,
        Reason::UnknownDistrict(_)
    ));
    assert!(matches!(error_at(&r, Location::Row(6), "period_start").reason, Reason::NoSuchDate(_)));
    assert!(matches!(
        error_at(&r, Location::Row(7), "period_end").reason,
        Reason::Rule(FactProblem::PeriodReversed { .. })
    ));
    assert!(matches!(
        error_at(&r, Location::Row(8), "unit").reason,
        Reason::Rule(FactProblem::UnitDoesNotFit { .. })
    ));
    assert!(matches!(
        error_at(&r, Location::Row(9), "quote").reason,
        Reason::Rule(FactProblem::ValueNotInQuote { .. })
    ));
    assert_eq!(
        error_at(&r, Location::Row(10), "id").reason,
        Reason::DuplicateId { id: "\"ok-1\"".into(), first: Location::Row(2) }
    );
    assert_eq!(error_at(&r, Location::Row(11), "indicator").reason, Reason::Required);
    for e in &r.errors {
        assert!(!e.reason.zh().is_empty() && !e.reason.en().is_empty());
        let Location::Row(n) = e.location else { panic!("{e}") };
        assert!(e.en().starts_with(&format!("row {n}, column ")), "{}", e.en());
        assert!(e.zh().starts_with(&format!("第{n}行“")), "{}", e.zh());
    }
    assert_eq!(
        error_at(&r, Location::Row(3), "value").en(),
        "row 3, column value: not a number: \"abc\" (decimal point \".\", thousands separator \",\" every three digits only, the unit in the unit column)"
    );
    assert!(error_at(&r, Location::Row(3), "value")
        .zh()
        .starts_with("第3行“value”列：不是数字：\"abc\""));
    // In file order, so the first few read top to bottom.
    assert!(r.errors.windows(2).all(|w| w[0].location <= w[1].location));
}

#[test]
fn errors_name_the_column_as_the_file_writes_it() {
    let text = "区县,指标,数值,单位,类型,起始日期\n500101,gdp,x,亿元,level,2022\n";
    let r = report(text, Format::Csv);
    let e = error_at(&r, Location::Row(2), "数值");
    assert!(e.zh().starts_with("第2行“数值”列：不是数字"), "{}", e.zh());
}

#[test]
fn json_errors_name_their_path() {
    let text = r#"{"facts": [
        {"district": "500101", "indicator": "gdp", "value": 1, "unit": "亿元", "kind": "level",
         "period": {"start": "2022-13-01"}},
        {"district": "500101", "indicator": "gdp", "value": true, "unit": "亿元", "kind": "level",
         "period": {"start": "2022"}, "colour": "red", "source": "x"},
        {"district": "500101", "indicator": "gdp", "value": 1 "unit": "亿元"},
        [1, 2]
    ], "indicators": [{"id": "Bad Id", "name_zh": "坏", "category": "other", "unit": "个"}]}"#;
    let r = report(text, Format::Json);
    let at = |i| Location::Json { array: JsonArray::Facts, index: i };
    let e = error_at(&r, at(0), "period.start");
    assert!(matches!(e.reason, Reason::NoSuchDate(_)));
    assert!(e.en().starts_with("facts[0].period.start: no such date"), "{}", e.en());
    assert!(matches!(error_at(&r, at(1), "value").reason, Reason::NotScalar));
    assert!(r.errors.iter().any(|e| e.location == at(1)
        && matches!(&e.reason, Reason::UnknownKey(k) if k.contains("colour"))));
    assert!(matches!(error_at(&r, at(1), "source").reason, Reason::SourceGiven));
    let syntax = r.errors.iter().find(|e| e.location == at(2)).unwrap();
    let Reason::JsonSyntax { line, .. } = syntax.reason else { panic!("{syntax}") };
    assert_eq!(line, 6, "the line of the file, not of the record");
    assert!(r.errors.iter().any(|e| e.location == at(3) && e.reason == Reason::NotAnObject));
    let ind = Location::Json { array: JsonArray::Indicators, index: 0 };
    assert!(matches!(error_at(&r, ind, "id").reason, Reason::BadIndicatorId(_)));
    // A broken outline is an error about the whole file, with its line and column.
    let r = report("{\"facts\": [\n  {}\n  {}]}", Format::Json);
    assert!(r.has_fatal());
    assert!(matches!(
        r.errors[0].reason,
        Reason::JsonShape { shape: JsonShape::ExpectedCommaOrEnd, line: 3, column: 3 }
    ));
}

#[test]
fn file_level_problems_stop_the_import_even_of_valid_rows() {
    for (text, format) in [
        ("", Format::Csv),
        ("  \n", Format::Csv),
        ("district,indicator,value,unit,kind\n", Format::Csv),
        ("district,indicator,value,unit,kind,period_start,colour\n500101,gdp,1,亿元,level,2022,red\n", Format::Csv),
        ("district,indicator,value,unit,kind,period_start\n", Format::Csv),
        ("", Format::Json),
        ("{\"facts\": []}", Format::Json),
        ("{\"facts\": [], \"extra\": 1}", Format::Json),
    ] {
        let r = run(text, format, Mode::Add, Keep::ValidRows).expect_err(text);
        assert!(!r.errors.is_empty(), "{text:?}");
        assert!(!r.can_import_valid_rows(), "{text:?}");
    }
    let r = report("district,indicator,value,unit,kind,period_start,colour\n", Format::Csv);
    let e = error_at(&r, Location::Row(1), "\"colour\"");
    assert!(matches!(e.reason, Reason::UnknownColumn(_)));
    let r = report("district,indicator,value,unit,kind\n", Format::Csv);
    assert_eq!(r.errors[0].reason, Reason::MissingColumn("period_start"));
    assert_eq!(r.errors[0].location, Location::Row(1));
}

#[test]
fn the_report_shows_a_few_errors_and_counts_the_rest() {
    let rows: Vec<String> =
        (0..25).map(|i| format!("e{i},500101,gdp,x,亿元,level,2022,,")).collect();
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    let r = report(&csv(&refs), Format::Csv);
    assert_eq!(r.errors.len(), 25);
    assert_eq!(r.first(10).len(), 10);
    assert_eq!(r.remaining(10), 15);
    let lines = r.lines(10, Lang::Zh);
    assert_eq!(lines.len(), 11);
    assert_eq!(lines[10], "另有 15 个错误未列出");
    assert_eq!(r.lines(10, Lang::En)[10], "and 15 more errors");
}

// ---- what is imported ----

#[test]
fn valid_rows_only_keeps_exactly_the_valid_rows() {
    let text = csv(&[
        "a,500101,gdp,1,亿元,level,2020,,",
        "b,500101,gdp,x,亿元,level,2021,,",
        "c,500101,gdp,3,亿元,level,2022,,",
        "d,500101,nonexistent,4,亿元,level,2022,,",
        "e,500101,gdp,5,亿元,level,2023,,",
    ]);
    let r = run(&text, Format::Csv, Mode::Add, Keep::AllOrNothing).expect_err("errors");
    assert_eq!((r.rows, r.valid_rows), (5, 3));
    assert!(r.can_import_valid_rows());
    let imp = run(&text, Format::Csv, Mode::Add, Keep::ValidRows).unwrap();
    let ids: Vec<&str> = imported_facts(&imp).iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["a", "c", "e"]);
    assert_eq!(imp.report.errors.len(), 2, "the rows left out are reported");
    // An Importer can be asked again, e.g. after the user chose "import the valid rows".
    let mut importer = Importer::new(text.clone(), Format::Csv, base(), options("x.csv"));
    assert!(!importer.report(Mode::Add).is_clean());
    assert_eq!(importer.report(Mode::Replace).valid_rows, 3);
    let imported = importer.finish(Mode::Replace, Keep::ValidRows).unwrap();
    assert_eq!(imported_facts(&imported).len(), 3);
}

#[test]
fn duplicate_ids_are_rejected_naming_both_rows() {
    let text = csv(&[
        "x-1,500101,gdp,1,亿元,level,2020,,",
        "x-2,500101,gdp,2,亿元,level,2021,,",
        "x-1,500101,gdp,3,亿元,level,2022,,",
    ]);
    let r = report(&text, Format::Csv);
    let e = error_at(&r, Location::Row(4), "id");
    assert_eq!(e.en(), "row 4, column id: id \"x-1\" is also used in row 2");
    assert_eq!(e.zh(), "第4行“id”列：编号 \"x-1\" 与第2行重复");
    // A generated id meets an explicit one.
    let text =
        csv(&["import-1-3,500101,gdp,1,亿元,level,2020,,", ",500101,gdp,2,亿元,level,2021,,"]);
    let e = error_at(&report(&text, Format::Csv), Location::Row(3), "id").clone();
    assert!(matches!(e.reason, Reason::DuplicateId { first: Location::Row(2), .. }));
}

#[test]
fn ids_already_in_the_data_are_rejected_in_add_mode_only() {
    let embedded = base();
    let taken = embedded.facts[0].id.clone();
    let text = csv(&[&format!("{taken},500101,gdp,1,亿元,level,2020,,")]);
    let r = report(&text, Format::Csv);
    assert_eq!(
        error_at(&r, Location::Row(2), "id").reason,
        Reason::IdInData(format!("\"{taken}\""))
    );
    assert!(run(&text, Format::Csv, Mode::Replace, Keep::AllOrNothing).is_ok());
    // A second import of the same file gets its own source and generated ids.
    let first = ok(VALID_JSON, Format::Json, Mode::Add);
    let second = import(
        VALID_JSON.replace("\"j-1\"", "\"j-9\""),
        Format::Json,
        Rc::new(first.dataset),
        options("again.json"),
        Mode::Add,
        Keep::AllOrNothing,
    )
    .unwrap_or_else(|r| panic!("{}", r.lines(5, Lang::En).join("\n")));
    assert_eq!(second.source.as_str(), "import-2");
    assert!(second.dataset.fact_by_id_for_test("import-2-2"));
}

trait FactLookup {
    fn fact_by_id_for_test(&self, id: &str) -> bool;
}
impl FactLookup for Dataset {
    fn fact_by_id_for_test(&self, id: &str) -> bool {
        self.facts.iter().any(|f| f.id.as_str() == id)
    }
}

#[test]
fn one_unit_per_indicator_and_kind_across_the_merged_districts() {
    // The embedded data gives industrial_output_above_scale levels in 亿元.
    let text = csv(&[
        "u-1,500101,industrial_output_above_scale,5000,万元,level,2022,,",
        "u-2,500101,industrial_output_above_scale,1,亿元,level,2023,,",
    ]);
    let r = report(&text, Format::Csv);
    let e = error_at(&r, Location::Row(2), "unit");
    assert!(
        matches!(&e.reason, Reason::UnitConflict { known: Unit::YiYuan, at: Origin::Data, .. }),
        "{e}"
    );
    assert_eq!(r.valid_rows, 1);
    // Alone (replace), one district may use two units; a second district may not.
    assert!(run(&text, Format::Csv, Mode::Replace, Keep::AllOrNothing).is_ok());
    let text = csv(&[
        "u-1,500101,industrial_output_above_scale,5000,万元,level,2022,,",
        "u-2,500101,industrial_output_above_scale,1,亿元,level,2023,,",
        "u-3,500154,industrial_output_above_scale,2,亿元,level,2023,,",
    ]);
    let r = run(&text, Format::Csv, Mode::Replace, Keep::AllOrNothing).expect_err("conflict");
    let e = error_at(&r, Location::Row(4), "unit");
    assert!(
        matches!(
            &e.reason,
            Reason::UnitConflict { known: Unit::WanYuan, at: Origin::At(Location::Row(2)), .. }
        ),
        "{e}"
    );
}

#[test]
fn new_districts_and_indicators_are_defined_inline() {
    let text = "district,district_name_zh,district_name_en,indicator,indicator_name_zh,category,indicator_unit,value,unit,kind,period_start\n\
        510104,锦江区,Jinjiang District,tea_houses,茶馆数,other,家,120,家,count_total,2024-06-30\n\
        锦江区,,,tea_houses,,,,8,%,growth,2023\n\
        jinjiang district,,,茶馆数,,,,130,家,count_total,2024-12-31\n\
        510105,,,tea_houses,,,,1,家,count_total,2024\n\
        510106,青羊区,,tea_houses,茶馆数,finance_support,,1,家,count_total,2024\n\
        500100,市辖区,,gdp,,,,1,亿元,level,2024\n\
        500101,万州县,,gdp,,,,1,亿元,level,2024\n";
    let r = report(text, Format::Csv);
    assert_eq!(r.valid_rows, 3, "{}", r.lines(10, Lang::En).join("\n"));
    assert!(matches!(
        error_at(&r, Location::Row(5), "district").reason,
        Reason::UnknownDistrict(_)
    ));
    assert!(matches!(
        &error_at(&r, Location::Row(6), "category").reason,
        Reason::DefinitionConflict { field: "category", at: Origin::At(Location::Row(2)), .. }
    ));
    assert!(matches!(
        error_at(&r, Location::Row(7), "district").reason,
        Reason::BadDistrictCode(_)
    ));
    assert!(matches!(
        error_at(&r, Location::Row(8), "district_name_zh").reason,
        Reason::DefinitionConflict { at: Origin::Gazetteer, .. }
    ));
    let imp = run(text, Format::Csv, Mode::Add, Keep::ValidRows).unwrap();
    let d = imp.dataset.district(&"510104".into()).unwrap();
    assert_eq!((d.name_en.as_str(), d.region), ("Jinjiang District", Region::Unspecified));
    let i = imp.dataset.indicator(&"tea_houses".into()).unwrap();
    assert_eq!((i.name_en.as_str(), i.unit, i.category), ("茶馆数", Unit::Jia, Category::Other));
    assert_eq!(imp.dataset.source(&imp.source).unwrap().district.as_str(), "510104");
}

#[test]
fn imported_facts_are_marked_and_the_original_data_is_kept_as_it_was() {
    let embedded = base();
    assert!(!embedded.has_imported());
    let imp = ok(VALID_CSV, Format::Csv, Mode::Add);
    let ds = &imp.dataset;
    assert!(ds.has_imported());
    for f in &ds.facts {
        assert_eq!(ds.is_imported(f), f.source == imp.source, "{}", f.id);
    }
    // The embedded records come first and unchanged, so that removing the import
    // (the shell keeps the embedded dataset) gives back what was shown.
    assert_eq!(ds.sources[..embedded.sources.len()], embedded.sources[..]);
    assert_eq!(ds.districts[..embedded.districts.len()], embedded.districts[..]);
    assert_eq!(ds.indicators[..embedded.indicators.len()], embedded.indicators[..]);
    let kept: Vec<_> = ds.facts.iter().filter(|f| !ds.is_imported(f)).collect();
    assert_eq!(kept, embedded.facts.iter().collect::<Vec<_>>());
    // Parts of a valid dataset make the same dataset.
    let again = Dataset::from_parts(
        embedded.sources.clone(),
        embedded.districts.clone(),
        embedded.indicators.clone(),
        embedded.facts.clone(),
    )
    .unwrap();
    assert_eq!(again, *embedded);
    // The import flag never appears in the embedded JSON's shape.
    let json = serde_json::to_string(&embedded.sources[0]).unwrap();
    assert!(!json.contains("imported"));
}

// ---- cells ----

#[test]
fn numbers_and_dates_are_read_as_spreadsheets_write_them() {
    let cases: &[(&str, &str, &str, f64, &str, &str, Precision)] = &[
        ("n1", "1,234,567.5", "2022", 1_234_567.5, "2022-01-01", "2022-12-31", Precision::Year),
        ("n2", "1.5E+3", "2022/3", 1500.0, "2022-03-01", "2022-03-31", Precision::Month),
        ("n3", "-2.5", "2022.4.1", -2.5, "2022-04-01", "2022-04-01", Precision::AsOf),
        ("n4", "１２３", "2022年7月", 123.0, "2022-07-01", "2022-07-31", Precision::Month),
        ("n5", "−7", "2020年1月1日", -7.0, "2020-01-01", "2020-01-01", Precision::AsOf),
    ];
    let rows: Vec<String> = cases
        .iter()
        .map(|(id, v, start, ..)| format!("{id},500101,gdp,\"{v}\",亿元,forecast,{start},,"))
        .collect();
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    let imp = ok(&csv(&refs), Format::Csv, Mode::Replace);
    for (f, (_, _, _, value, start, end, precision)) in imported_facts(&imp).iter().zip(cases) {
        assert_eq!(f.value, *value);
        assert_eq!(f.period.start.to_string(), *start);
        assert_eq!(f.period.end.to_string(), *end);
        assert_eq!(f.period.precision, *precision);
    }
    let quarters = csv(&[
        "q,500101,gdp,1,亿元,level,2022-04-01,2022-06-30,",
        "h,500101,gdp,1,亿元,level,2022-01-01,2022-06-30,",
        "m,500101,gdp,1,亿元,level,2020,2022,",
    ]);
    let imp = ok(&quarters, Format::Csv, Mode::Replace);
    let p: Vec<Precision> = imported_facts(&imp).iter().map(|f| f.period.precision).collect();
    assert_eq!(p, [Precision::Quarter, Precision::HalfYear, Precision::MultiYear]);
    for bad in ["1,5", "12,34", "1.", "1..2", "10%", "1.2万", "0x10", "1e", "--1", "1 000"] {
        let r = report(&csv(&[&format!("b,500101,gdp,\"{bad}\",亿元,level,2022,,")]), Format::Csv);
        assert!(
            matches!(error_at(&r, Location::Row(2), "value").reason, Reason::NotANumber(_)),
            "{bad}"
        );
    }
}

#[test]
fn closed_sets_accept_codes_and_labels() {
    let text = "district,indicator,value,unit,kind,period_start,precision,year_basis,period_note\n\
        500101,gdp,1,亿元,数值,2022,年,年份系推断,note\n\
        500101,gdp,2,亿元,Level,2021,YEAR,year inferred,note\n\
        500101,gdp,3,亿元,level,2020,,2020,\n";
    let r = report(text, Format::Csv);
    assert_eq!(r.valid_rows, 2, "{}", r.lines(5, Lang::En).join("\n"));
    assert!(matches!(
        error_at(&r, Location::Row(4), "year_basis").reason,
        Reason::YearInYearBasis(_)
    ));
}

#[test]
fn quote_rule_applies_only_when_a_quote_is_given() {
    let text = csv(&[
        "a,500101,gdp,12.5,亿元,level,2022,,",
        "b,500101,gdp,12.5,亿元,level,2021,,GDP达12.5亿元",
        "c,500101,gdp,12.5,亿元,level,2020,,GDP达125亿元",
    ]);
    let r = report(&text, Format::Csv);
    assert_eq!(r.valid_rows, 2);
    let e = error_at(&r, Location::Row(4), "quote");
    assert!(e.zh().contains("引文中没有数字 12.5"), "{}", e.zh());
    assert!(e.en().contains("the quote does not print 12.5"), "{}", e.en());
}

#[test]
fn decode_hint_tells_utf8_from_gbk() {
    assert_eq!(decode_hint("区县".as_bytes()), Encoding::Utf8);
    assert_eq!(decode_hint(b"\xEF\xBB\xBFid"), Encoding::Utf8Bom);
    // 区县 in GBK.
    assert_eq!(decode_hint(b"\xC7\xF8\xCF\xD8,id"), Encoding::Gbk);
    assert_eq!(decode_hint(b"\xC7\xF8\xCF\xD8,id").label(), "gbk");
    assert_eq!(decode_hint(b"\xFF\xFEi\x00"), Encoding::Utf16Le);
    assert_eq!(decode_hint(b""), Encoding::Utf8);
    // Text decoded with the wrong encoding carries U+FFFD, which is rejected.
    let r = report(&csv(&["a,500101,gdp,1,亿元,level,2022,,\u{fffd}\u{fffd}"]), Format::Csv);
    assert_eq!(error_at(&r, Location::Row(2), "quote").reason, Reason::Undecodable);
}

#[test]
fn tab_and_semicolon_separated_files_are_read() {
    for sep in ["\t", ";"] {
        let text = ["district", "indicator", "value", "unit", "kind", "period_start"].join(sep)
            + "\n"
            + &["500101", "gdp", "1,5", "亿元", "level", "2022"].join(sep)
            + "\n";
        let r = report(&text, Format::Csv);
        assert!(
            matches!(error_at(&r, Location::Row(2), "value").reason, Reason::NotANumber(_)),
            "{sep:?}"
        );
    }
}

// ---- hostile content ----

#[test]
fn hostile_content_is_rejected_or_inert() {
    let long = "长".repeat(100_000);
    let markup = "<script>alert(\"x\")</script><img src=x onerror=alert(1)>";
    let formula = "=HYPERLINK(\"http://evil.example\",\"点击\")";
    let header =
        "id,district,district_name_zh,indicator,value,unit,kind,period_start,subject,quote\n";
    let rows = [
        format!(
            "m,510104,\"{}\",gdp,1,亿元,level,2022,\"{}\",",
            markup.replace('"', "\"\""),
            formula.replace('"', "\"\"")
        ),
        "f,500101,,gdp,\"=1+1\",亿元,level,2022,,".to_string(),
        "big,500101,,gdp,1e400,亿元,level,2022,,".into(),
        "huge,500101,,gdp,1e16,亿元,level,2022,,".into(),
        "nan,500101,,gdp,NaN,亿元,level,2022,,".into(),
        "inf,500101,,gdp,-inf,亿元,level,2022,,".into(),
        "empty,500101,,gdp,,亿元,level,2022,,".into(),
        format!("long,500101,,gdp,1,亿元,level,2022,{long},"),
        format!("gotham,Gotham City {},,gdp,1,亿元,level,2022,,", "x".repeat(300)),
        "rtl,500101,,gdp,1,亿元,level,2022,abc\u{202E}fed,".into(),
        "lrm,500101,,gdp,1,亿元,level,2022,\u{200F}x,".into(),
        "ctl,500101,,gdp,1,亿元,level,2022,a\u{7}b,".into(),
        format!("{},500101,,gdp,1,亿元,level,2022,,", "i".repeat(65)),
    ];
    let text = format!("{header}{}\n", rows.join("\n"));
    let r = run(&text, Format::Csv, Mode::Add, Keep::AllOrNothing).expect_err("hostile rows");
    let reason = |row: usize, col: &str| error_at(&r, Location::Row(row), col).reason.clone();
    assert!(matches!(reason(3, "value"), Reason::NotANumber(_)));
    assert!(matches!(reason(4, "value"), Reason::NumberTooLarge(_)));
    assert!(matches!(reason(5, "value"), Reason::NumberTooLarge(_)));
    assert!(matches!(reason(6, "value"), Reason::NotFinite(_)));
    assert!(matches!(reason(7, "value"), Reason::NotFinite(_)));
    assert_eq!(reason(8, "value"), Reason::Required);
    assert_eq!(reason(9, "subject"), Reason::TooLong { chars: 100_000, max: MAX_TEXT_CHARS });
    assert!(
        matches!(reason(10, "district"), Reason::UnknownDistrict(ref v) if v.chars().count() < 50 && v.ends_with("…\""))
    );
    assert_eq!(reason(11, "subject"), Reason::InvisibleCharacter('\u{202E}'));
    assert_eq!(reason(12, "subject"), Reason::InvisibleCharacter('\u{200F}'));
    assert_eq!(reason(13, "subject"), Reason::InvisibleCharacter('\u{7}'));
    assert!(matches!(reason(14, "id"), Reason::TooLong { .. }));
    for e in &r.errors {
        for m in [e.zh(), e.en()] {
            assert!(
                !m.chars().any(|c| c.is_control()
                    || ('\u{202A}'..='\u{202E}').contains(&c)
                    || c == '\u{200F}'),
                "{m:?}"
            );
            assert!(m.chars().count() < 400, "a message stays short: {m}");
        }
    }
    // The valid row keeps its markup and formula as plain text, unchanged.
    let imp = run(&text, Format::Csv, Mode::Add, Keep::ValidRows).unwrap();
    let facts = imported_facts(&imp);
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].subject.as_ref().unwrap().name, formula);
    assert_eq!(imp.dataset.district(&"510104".into()).unwrap().name_zh, markup);
    // The file name, shown as the source's headline, loses invisible characters.
    let imp = import(
        csv(&["a,500101,gdp,1,亿元,level,2022,,"]),
        Format::Csv,
        base(),
        options("evil\u{202E}vsc.exe<b>.csv"),
        Mode::Add,
        Keep::AllOrNothing,
    )
    .unwrap();
    assert_eq!(imp.dataset.source(&imp.source).unwrap().headline, "evilvsc.exe<b>.csv");
}

#[test]
fn hostile_json_is_rejected() {
    let fact = |value: &str| {
        format!(
            r#"{{"facts": [{{"district": "500101", "indicator": "gdp", "value": {value}, "unit": "亿元", "kind": "level", "period": {{"start": "2022"}}}}]}}"#
        )
    };
    for v in
        ["1e400", "NaN", "Infinity", "-1e16", "\"1e400\"", "\"NaN\"", "\"\"", "null", "[1]", "{}"]
    {
        let r = report(&fact(v), Format::Json);
        assert!(
            !r.errors.is_empty()
                && r.errors.iter().all(|e| !e.zh().is_empty() && !e.en().is_empty()),
            "{v}"
        );
    }
    let deep = format!("{{\"facts\": [{}{}]}}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(!report(&deep, Format::Json).errors.is_empty());
    let dup = r#"{"facts": [{"district": "500101", "district": "500102", "indicator": "gdp", "value": 1, "unit": "亿元", "kind": "level", "period": {"start": "2022"}}]}"#;
    let r = report(dup, Format::Json);
    assert!(r.errors.iter().any(|e| matches!(e.reason, Reason::DuplicateKey(_))));
}

// ---- large files ----

fn run_in_slices(text: &str, slice: usize) -> (Result<Imported, ImportReport>, Vec<Progress>) {
    let mut importer = Importer::new(text.to_string(), Format::Csv, base(), options("test.csv"));
    let mut seen = Vec::new();
    loop {
        let p = importer.step(slice);
        seen.push(p);
        if p.finished {
            break;
        }
    }
    (importer.finish(Mode::Add, Keep::AllOrNothing), seen)
}

#[test]
fn a_large_file_imports_in_slices_as_in_one_go() {
    let rows = 100_000;
    let text = synthetic_csv(rows, 7);
    assert_eq!(synthetic_csv(2000, 7), synthetic_csv(2000, 7), "deterministic");
    assert!(text.starts_with(&synthetic_csv(2000, 7)), "a prefix of a longer file");
    let (sliced, progress) = run_in_slices(&text, 997);
    let sliced = sliced.unwrap_or_else(|r| panic!("{}", r.lines(10, Lang::En).join("\n")));
    assert!(progress.len() > 100, "many slices");
    assert!(progress
        .windows(2)
        .all(|w| w[0].fraction <= w[1].fraction && w[0].rows_done <= w[1].rows_done));
    assert!(progress.iter().rev().skip(1).all(|p| !p.finished && p.fraction < 1.0));
    assert_eq!(progress.last().unwrap().rows_done, rows);
    let whole = ok(&text, Format::Csv, Mode::Add);
    assert_eq!(imported_facts(&sliced).len(), rows);
    assert_same(&sliced.dataset, &whole.dataset);
    assert_eq!(sliced.report, whole.report);
    // All 38 districts and counties, ten years.
    let districts: std::collections::BTreeSet<&str> =
        imported_facts(&whole).iter().map(|f| f.district.as_str()).collect();
    assert_eq!(districts.len(), 38);
    let years: std::collections::BTreeSet<i32> =
        imported_facts(&whole).iter().map(|f| f.period.start.year).collect();
    assert_eq!(years.len(), 10);
    // And in replace mode.
    assert_eq!(ok(&synthetic_csv(1000, 1), Format::Csv, Mode::Replace).dataset.facts.len(), 1000);
}

#[test]
fn json_imports_in_slices_as_in_one_go() {
    let facts: Vec<String> = (0..2000)
        .map(|i| {
            format!(
                r#"{{"district": "{}", "indicator": "gdp", "value": {}, "unit": "亿元", "kind": "level", "period": {{"start": "{}"}}}}"#,
                CHONGQING[i % 38].0,
                i,
                2000 + i / 38
            )
        })
        .collect();
    let text = format!("{{\"facts\": [\n{}\n]}}", facts.join(",\n"));
    let mut importer = Importer::new(text.clone(), Format::Json, base(), options("test.csv"));
    let mut steps = 0;
    while !importer.step(33).finished {
        steps += 1;
    }
    assert!(steps > 60);
    let sliced = importer.finish(Mode::Add, Keep::AllOrNothing).unwrap();
    let whole = ok(&text, Format::Json, Mode::Add);
    assert_same(&sliced.dataset, &whole.dataset);
}

// ---- fuzzing ----

mod fuzz {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    /// Runs the importer on `text` in both modes and in slices, and checks that it
    /// answers: an import, or a report with at least one error, every error with a
    /// message in both languages.
    fn check(
        base: &Rc<Dataset>,
        text: &str,
        format: Format,
        slice: usize,
    ) -> Result<usize, TestCaseError> {
        let mut imports = 0;
        for mode in [Mode::Add, Mode::Replace] {
            for keep in [Keep::AllOrNothing, Keep::ValidRows] {
                let mut importer =
                    Importer::new(text.to_string(), format, base.clone(), options("fuzz"));
                while !importer.step(slice).finished {}
                let (report, imported) = match importer.finish(mode, keep) {
                    Ok(imp) => {
                        prop_assert!(imp.report.valid_rows > 0);
                        let facts = imp.dataset.facts.iter().filter(|f| f.source == imp.source);
                        prop_assert_eq!(facts.count(), imp.report.valid_rows);
                        imports += 1;
                        (imp.report, true)
                    }
                    Err(r) => (r, false),
                };
                prop_assert!(
                    imported || !report.errors.is_empty(),
                    "a rejection without a message: {:?}",
                    text
                );
                for e in &report.errors {
                    prop_assert!(!e.zh().is_empty() && !e.en().is_empty());
                }
                // Every row left out has at least one error of its own.
                if !report.has_fatal() {
                    let rows_with_errors: std::collections::HashSet<&Location> = report
                        .errors
                        .iter()
                        .map(|e| &e.location)
                        .filter(|l| {
                            matches!(
                                l,
                                Location::Row(_) | Location::Json { array: JsonArray::Facts, .. }
                            )
                        })
                        .collect();
                    prop_assert_eq!(report.rows - report.valid_rows, rows_with_errors.len());
                }
            }
        }
        Ok(imports)
    }

    /// Seeded: the same 512 cases every run, so that the count of valid imports a test
    /// asserts cannot come out low by chance (it did, about one run in six).
    fn runner() -> TestRunner {
        TestRunner::new_with_rng(
            Config { cases: 512, failure_persistence: None, ..Config::default() },
            proptest::test_runner::TestRng::deterministic_rng(
                proptest::test_runner::RngAlgorithm::ChaCha,
            ),
        )
    }

    const CELLS: &[&str] = &[
        "",
        " ",
        "500101",
        "500102",
        "万州区",
        "Gotham",
        "510104",
        "gdp",
        "tea",
        "new_thing",
        "industrial_output_above_scale",
        "1",
        "-1",
        "1,234.5",
        "1e400",
        "NaN",
        "1,5",
        "亿元",
        "个",
        "%",
        "家",
        "level",
        "growth",
        "rank",
        "count_total",
        "2022",
        "2022-02-30",
        "2023-12-31",
        "year",
        "as_of",
        "inferred",
        "printed",
        "超",
        "\"",
        ",",
        "\n",
        "\u{202E}",
        "<b>x</b>",
        "=1+1",
        "other",
        "company",
        "区县",
        "x-1",
        "\u{feff}",
        "\u{fffd}",
    ];
    /// Columns with a value that makes a valid row (with the others left valid).
    const COLUMNS: &[(&str, &str)] = &[
        ("id", ""),
        ("district", "500101"),
        ("indicator", "gdp"),
        ("value", "1,234.5"),
        ("unit", "亿元"),
        ("kind", "level"),
        ("period_start", "2022"),
        ("period_end", ""),
        ("precision", "year"),
        ("year_basis", "printed"),
        ("period_note", ""),
        ("quote", "GDP达1234.5亿元"),
        ("subject", "某企业"),
        ("subject_type", "company"),
        ("rank_group", ""),
        ("district_name_zh", ""),
        ("indicator_name_zh", ""),
        ("category", ""),
        ("indicator_unit", ""),
        ("qualifier", "约"),
    ];

    fn csv_cell() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => proptest::sample::select(CELLS).prop_map(str::to_string),
            1 => any::<String>(),
        ]
    }

    /// A column's valid value, or sometimes a hostile one.
    fn cell_for(valid: &'static str) -> BoxedStrategy<String> {
        prop_oneof![6 => Just(valid.to_string()), 1 => csv_cell()].boxed()
    }

    #[test]
    fn the_csv_importer_answers_every_input() {
        let base = base();
        let arbitrary = (any::<String>(), 1usize..50);
        runner()
            .run(&arbitrary, |(text, slice)| check(&base, &text, Format::Csv, slice).map(drop))
            .unwrap();
        // The six required columns, some optional ones, sometimes a wrong column; rows
        // valid but for a few cells.
        let structured = (
            proptest::sample::subsequence(&COLUMNS[6..], 0..=COLUMNS.len() - 6),
            0usize..12,
            1usize..5,
        )
            .prop_flat_map(|(optional, wrong, slice)| {
                let mut columns: Vec<(&str, &str)> = COLUMNS[..6].to_vec();
                columns.extend(optional);
                match wrong {
                    0 => columns.push(("colour", "red")),
                    1 => columns.push(("数值", "1")),
                    2 => columns.push(("", "")),
                    3 => {
                        columns.remove(3);
                    }
                    _ => {}
                }
                let header: Vec<String> = columns.iter().map(|c| c.0.to_string()).collect();
                let row: Vec<BoxedStrategy<String>> =
                    columns.iter().map(|c| cell_for(c.1)).collect();
                (Just(header), proptest::collection::vec(row, 0..8), Just(slice))
            });
        let imports = std::cell::Cell::new(0);
        runner()
            .run(&structured, |(header, rows, slice)| {
                let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
                w.write_record(&header).unwrap();
                for r in &rows {
                    w.write_record(r).unwrap();
                }
                let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
                check(&base, &text, Format::Csv, slice).map(|n| imports.set(imports.get() + n))
            })
            .unwrap();
        // The structured cases reach the importer's success paths too.
        // At least an eighth of the cases import some rows (100 with this seed).
        assert!(imports.get() >= 64, "only {} imports", imports.get());
    }

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_map(|f| serde_json::Number::from_f64(f)
                .map_or(serde_json::Value::Null, serde_json::Value::Number)),
            proptest::sample::select(CELLS).prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(3, 24, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
                proptest::collection::vec(
                    (
                        proptest::sample::select(
                            &[
                                "district",
                                "indicator",
                                "value",
                                "unit",
                                "kind",
                                "period",
                                "start",
                                "end",
                                "subject",
                                "name",
                                "id",
                                "name_zh",
                                "category",
                                "x"
                            ][..]
                        ),
                        inner
                    ),
                    0..8
                )
                .prop_map(|kv| serde_json::Value::Object(
                    kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
                )),
            ]
        })
    }

    #[test]
    fn the_json_importer_answers_every_input() {
        let base = base();
        runner()
            .run(&(any::<String>(), 1usize..50), |(text, slice)| {
                check(&base, &text, Format::Json, slice).map(drop)
            })
            .unwrap();
        let text = |valid: &'static str| {
            prop_oneof![
                6 => Just(serde_json::Value::from(valid)),
                1 => proptest::sample::select(CELLS).prop_map(serde_json::Value::from),
                1 => json_value(),
            ]
        };
        let fact = (
            text("500101"),
            text("gdp"),
            prop_oneof![4 => Just(serde_json::json!(12.5)), 1 => json_value()],
            text("亿元"),
            text("level"),
            text("2022"),
            prop_oneof![4 => Just(serde_json::Value::Null), 1 => json_value()],
        )
            .prop_map(|(d, i, v, u, k, s, extra)| {
                serde_json::json!({"district": d, "indicator": i, "value": v, "unit": u, "kind": k,
                                   "period": {"start": s}, "subject": extra})
            });
        let file = (
            proptest::collection::vec(fact, 0..6),
            proptest::collection::vec(json_value(), 0..3),
            proptest::collection::vec(json_value(), 0..3),
            1usize..5,
            0usize..3,
        );
        let imports = std::cell::Cell::new(0);
        runner()
            .run(&file, |(facts, districts, indicators, slice, cut)| {
                let text = serde_json::json!({"facts": facts, "districts": districts, "indicators": indicators}).to_string();
                // Sometimes truncated, to exercise the outline's errors.
                let text = if cut == 0 { text.chars().take(text.chars().count() / 2).collect() } else { text };
                check(&base, &text, Format::Json, slice).map(|n| imports.set(imports.get() + n))
            })
            .unwrap();
        // The structured cases reach the importer's success paths too.
        // At least an eighth of the cases import some rows (100 with this seed).
        assert!(imports.get() >= 64, "only {} imports", imports.get());
    }
}

#[test]
fn the_json_example_in_data_md_imports() {
    let doc = include_str!("../DATA.md");
    let section = &doc[doc.find("## 8. Importing data").expect("the section")..];
    let start = section.find("```json\n").expect("a JSON example") + "```json\n".len();
    let end = start + section[start..].find("```").expect("its end");
    let imp = ok(&section[start..end], Format::Json, Mode::Add);
    assert_eq!(imported_facts(&imp).len(), 1);
    assert_eq!(imp.dataset.district(&"510104".into()).unwrap().region, Region::Unspecified);
}

// Moved from the import's modules: what their unit tests checked, through the API.

#[test]
fn every_field_is_named_by_its_columns() {
    assert_eq!(Field::all().count(), Field::COUNT);
    for (i, f) in Field::all().enumerate() {
        assert_eq!(f.index(), i);
        assert_eq!(Field::from_header(f.name()), Some(f));
        assert_eq!(Field::from_header(f.name_zh()), Some(f));
    }
    assert_eq!(Field::from_header(" Period Start "), Some(Field::PeriodStart));
    assert_eq!(Field::from_header("\u{feff}ID"), Some(Field::Id));
    assert_eq!(Field::from_header("fact_id"), Some(Field::Id));
}

#[test]
fn columns_are_lettered_as_in_a_spreadsheet() {
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(25), "Z");
    assert_eq!(column_letter(26), "AA");
    assert_eq!(column_letter(27 * 26), "AAA");
}

#[test]
fn rows_are_numbered_as_a_spreadsheet_shows_them() {
    let text = "district,indicator,value,unit,kind,period_start\n\
                a,b,x,个,level,2020\n\n\
                c,\"two\nlines\",x,个,level,2020\n\
                e,f,x,个,level,2020\n";
    let r = report(text, Format::Csv);
    let rows: std::collections::BTreeSet<Location> =
        r.errors.iter().map(|e| e.location.clone()).collect();
    let expected = [2, 4, 5].map(Location::Row).into_iter().collect();
    assert_eq!(rows, expected);
}

#[test]
fn json_outlines_any_key_order_one_element_at_a_time() {
    let rows = |text: &str| {
        let mut imp = Importer::new(text.to_string(), Format::Json, base(), options("t.json"));
        while !imp.step(1).finished {}
        imp.report(Mode::Add)
    };
    let r = rows(
        r#" {"facts": [{"a": "]"}, {"b": [1, {"c": "\"}"}]}], "districts": [], "indicators": [{}]} "#,
    );
    assert_eq!(r.rows, 2);
    assert!(!r.has_fatal(), "{:?}", r.errors);
    assert_eq!(rows("[{}, {}, 3]").rows, 3);
    assert_eq!(
        rows("{}").errors[0].reason,
        Reason::JsonShape { shape: JsonShape::NoFacts, line: 1, column: 3 }
    );
    for text in [
        "",
        "{",
        "[",
        "{\"facts\": [1,]}",
        "{\"facts\" [1]}",
        "{\"x\": []}",
        "[1] 2",
        "{\"facts\": [}]}",
        "{\"facts\": [\"\\",
        "{\"facts\": 3}",
        "{\"facts\": [], \"facts\": []}",
        "nul",
        "]",
    ] {
        assert!(rows(text).has_fatal(), "{text:?}");
    }
}

#[test]
fn thirty_eight_divisions_in_four_regions() {
    let count = |r: Region| CHONGQING.iter().filter(|d| d.3 == r).count();
    assert_eq!(count(Region::CentralCity), 9);
    assert_eq!(count(Region::MainCityNew), 12);
    assert_eq!(count(Region::Northeast), 11);
    assert_eq!(count(Region::Southeast), 6);
    assert!(CHONGQING.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(CHONGQING.iter().all(|d| is_county_code(d.0)));
    assert!(!is_county_code("500100") && !is_county_code("990101"));
}
