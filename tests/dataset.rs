//! The embedded dataset passes every rule, every quote is in its article, and broken
//! data is rejected with the file, the record and the reason. The compact form the app
//! embeds reads back exactly what the JSON says.
//!
//! The articles are read from `../shared/seeds/` or `$CQ_SEEDS_DIR`
//! (`dataset::check_article_quotes`, which `cargo xtask build` runs too). When that
//! folder is missing (a bare clone) the quote test says so in one line and is skipped;
//! under `CI=true` the articles are required and a missing folder fails.
#![cfg(not(target_arch = "wasm32"))]

use cq_explorer::dataset::{
    check_article_quotes, compact, embedded_files, embedded_records, parse_files, Dataset,
    QuoteCheck,
};
use cq_explorer::model::*;
use std::path::Path;

fn embedded() -> Dataset {
    match Dataset::embedded() {
        Ok(ds) => ds,
        Err(errors) => {
            let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("{} dataset errors:\n{}", list.len(), list.join("\n"))
        }
    }
}

/// The JSON of one embedded file.
fn json_of(file: &str) -> serde_json::Value {
    let text = embedded_files().iter().find(|(n, _)| *n == file).unwrap().1;
    serde_json::from_str(text).unwrap()
}

#[test]
fn every_source_in_sources_json_is_loaded_and_every_fact_source_exists() {
    let ds = embedded();
    assert!(!ds.facts.is_empty());
    let listed: Vec<String> = json_of("sources.json")
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    let loaded: Vec<String> = ds.sources.iter().map(|s| s.id.to_string()).collect();
    assert_eq!(loaded, listed, "the sources loaded are those of sources.json");
    for f in &ds.facts {
        assert!(ds.source(&f.source).is_some(), "{}: unknown source {}", f.id, f.source);
    }
}

#[test]
fn the_compact_form_reads_back_what_the_json_says() {
    let (from_json, json_errors) = parse_files(embedded_files());
    let (from_compact, compact_errors) = embedded_records();
    assert!(json_errors.is_empty() && compact_errors.is_empty());
    assert!(!from_json.facts.is_empty());
    // Same records, fields and order, fact files included.
    assert_eq!(from_compact, from_json);
    assert_eq!(Dataset::embedded().unwrap(), Dataset::from_files(embedded_files()).unwrap());
    // What the page reads without validating is what validates here.
    assert_eq!(Dataset::shipped().unwrap(), Dataset::embedded().unwrap());
}

#[test]
fn the_compact_form_keeps_the_json_errors() {
    let files = with_edit(first_fact_file(), |v| v[0]["kind"] = serde_json::json!("vibes"));
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let (records, errors) = parse_files(&refs);
    assert!(!errors.is_empty());
    let (strings, bytes) = compact::encode(&records, &errors);
    assert_eq!(compact::decode(&strings, &bytes), Some((records, errors)));
    // Cut short, it is refused rather than read as fewer records.
    assert_eq!(compact::decode(&strings, &bytes[..bytes.len() - 1]), None);
}

#[test]
fn every_quote_is_in_its_article() {
    let check = check_article_quotes(&embedded(), Path::new(env!("CARGO_MANIFEST_DIR")));
    let list: Vec<String> = match &check {
        QuoteCheck::Checked { errors, .. } => errors.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    };
    assert!(!check.failed(), "{}\n{}", list.join("\n"), check.summary());
    if let QuoteCheck::Skipped { .. } = check {
        // Straight to stderr: the test harness captures eprintln! of a passing test.
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "{}", check.summary());
    }
}

#[test]
fn every_source_district_and_kind_has_facts() {
    let ds = embedded();
    for s in &ds.sources {
        assert!(ds.facts.iter().any(|f| f.source == s.id), "no facts from {}", s.id);
    }
    for d in &ds.districts {
        assert!(ds.facts.iter().any(|f| f.district == d.id), "no facts for {}", d.name_zh);
    }
}

#[test]
fn a_fact_is_from_its_sources_district() {
    let ds = embedded();
    for f in &ds.facts {
        let s = ds.source(&f.source).unwrap();
        assert_eq!(f.district, s.district, "{} is not about its article's district", f.id);
    }
}

// ---- broken data is rejected, naming file, record and reason ----

/// The embedded files with one JSON record of `file` changed by `edit`.
fn with_edit(file: &str, edit: impl Fn(&mut serde_json::Value)) -> Vec<(String, String)> {
    embedded_files()
        .iter()
        .map(|(name, text)| {
            if *name == file {
                let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
                edit(&mut v);
                (name.to_string(), v.to_string())
            } else {
                (name.to_string(), text.to_string())
            }
        })
        .collect()
}

fn first_fact_file() -> &'static str {
    embedded_files().iter().map(|(n, _)| *n).find(|n| n.starts_with("facts/")).unwrap()
}

fn check_rejected(files: Vec<(String, String)>, file: &str, record: &str, reason_part: &str) {
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let errors = Dataset::from_files(&refs).expect_err("broken data must be rejected");
    assert!(
        errors
            .iter()
            .any(|e| e.file == file && e.record == record && e.reason.contains(reason_part)),
        "expected {file}: {record}: …{reason_part}…, got:\n{}",
        errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    );
}

fn first_id(v: &serde_json::Value) -> String {
    v[0]["id"].as_str().unwrap().to_string()
}

#[test]
fn a_value_not_printed_in_its_quote_is_rejected() {
    let file = first_fact_file();
    let files = with_edit(file, |v| {
        v[0]["value"] = serde_json::json!(98765.4321);
        v[0].as_object_mut().unwrap().remove("value_text");
    });
    let id =
        first_id(&serde_json::from_str(&files.iter().find(|f| f.0 == file).unwrap().1).unwrap());
    check_rejected(files, file, &id, "does not print 98765.4321");
}

#[test]
fn an_unknown_kind_names_the_record() {
    let file = first_fact_file();
    let files = with_edit(file, |v| v[0]["kind"] = serde_json::json!("vibes"));
    let id =
        first_id(&serde_json::from_str(&files.iter().find(|f| f.0 == file).unwrap().1).unwrap());
    check_rejected(files, file, &id, "unknown variant `vibes`");
}

#[test]
fn a_duplicate_fact_id_is_rejected() {
    let file = first_fact_file();
    let files = with_edit(file, |v| {
        let first = v[0].clone();
        v.as_array_mut().unwrap().push(first);
    });
    let id =
        first_id(&serde_json::from_str(&files.iter().find(|f| f.0 == file).unwrap().1).unwrap());
    check_rejected(files, "facts", &id, "not unique");
}

#[test]
fn a_period_ending_before_it_starts_is_rejected() {
    let file = first_fact_file();
    let files = with_edit(file, |v| {
        v[0]["period"]["start"] = serde_json::json!("2030-01-01");
        v[0]["period"]["end"] = serde_json::json!("2020-01-01");
    });
    let id =
        first_id(&serde_json::from_str(&files.iter().find(|f| f.0 == file).unwrap().1).unwrap());
    check_rejected(files, file, &id, "after it ends");
}

#[test]
fn an_impossible_date_is_rejected() {
    let file = first_fact_file();
    let files = with_edit(file, |v| v[0]["period"]["end"] = serde_json::json!("2023-02-29"));
    let id =
        first_id(&serde_json::from_str(&files.iter().find(|f| f.0 == file).unwrap().1).unwrap());
    check_rejected(files, file, &id, "does not exist");
}

#[test]
fn a_dangling_indicator_is_rejected() {
    let file = first_fact_file();
    let files = with_edit(file, |v| v[0]["indicator"] = serde_json::json!("no_such_indicator"));
    let id =
        first_id(&serde_json::from_str(&files.iter().find(|f| f.0 == file).unwrap().1).unwrap());
    check_rejected(files, file, &id, "unknown indicator no_such_indicator");
}

#[test]
fn broken_json_names_the_file() {
    let file = first_fact_file();
    let files: Vec<(String, String)> = embedded_files()
        .iter()
        .map(|(n, t)| {
            (n.to_string(), if *n == file { "[{\"id\": ".to_string() } else { t.to_string() })
        })
        .collect();
    check_rejected(files, file, "-", "not a JSON array");
}

#[test]
fn one_indicator_in_two_units_across_districts_is_rejected() {
    // Give every count_total fact of the most shared (indicator, kind) in one district another unit.
    let ds = embedded();
    let mut best: Option<(&IndicatorId, Kind, usize)> = None;
    for f in &ds.facts {
        let districts: std::collections::BTreeSet<_> = ds
            .facts
            .iter()
            .filter(|g| g.indicator == f.indicator && g.kind == f.kind && g.kind == Kind::Growth)
            .map(|g| &g.district)
            .collect();
        if districts.len() > 1 && best.is_none_or(|b| districts.len() > b.2) {
            best = Some((&f.indicator, f.kind, districts.len()));
        }
    }
    let Some((indicator, _, _)) = best else {
        panic!(
            "no growth indicator shared by two districts: the dataset lost its comparable figures"
        )
    };
    let victim =
        ds.facts.iter().find(|f| &f.indicator == indicator && f.kind == Kind::Growth).unwrap();
    let file = embedded_files()
        .iter()
        .find(|(n, t)| n.starts_with("facts/") && t.contains(&format!("\"{}\"", victim.id)))
        .unwrap()
        .0;
    let vid = victim.id.to_string();
    let files = with_edit(file, |v| {
        for rec in v.as_array_mut().unwrap() {
            if rec["id"] == serde_json::json!(vid) {
                rec["unit"] = serde_json::json!("个百分点");
            }
        }
    });
    check_rejected(files, "indicators.json", indicator.as_str(), "different units");
}

// ---- every note in both languages ----

/// Whether a text has a run of three or more Latin words, separated only by spaces and
/// punctuation (an English phrase, not a code or unit among Chinese).
fn latin_run(s: &str) -> bool {
    let (mut run, mut in_word) = (0, false);
    for c in s.chars() {
        if c.is_ascii_alphabetic() {
            if !in_word {
                run += 1;
                if run >= 3 {
                    return true;
                }
            }
            in_word = true;
        } else {
            in_word = false;
            if !(c.is_ascii_whitespace() || ",.;:()'-/&".contains(c)) {
                run = 0;
            }
        }
    }
    false
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_note_and_definition_is_in_both_languages() {
    let ds = embedded();
    let notes: Vec<(&str, &str, &str)> = ds
        .facts
        .iter()
        .filter_map(|f| match (&f.period.note_zh, &f.period.note_en) {
            (Some(zh), Some(en)) => Some((f.id.as_str(), zh.as_str(), en.as_str())),
            (None, None) => None,
            _ => panic!("{}: a note in one language only", f.id),
        })
        .chain(
            ds.sources
                .iter()
                .map(|s| (s.id.as_str(), s.date_evidence_zh.as_str(), s.date_evidence_en.as_str())),
        )
        .chain(
            ds.indicators
                .iter()
                .map(|i| (i.id.as_str(), i.definition_zh.as_str(), i.definition.as_str())),
        )
        .collect();
    assert!(notes.len() > 200, "notes, evidence and definitions: {}", notes.len());
    for (id, zh, en) in notes {
        // The Chinese is Chinese (not an English sentence with a few characters), the
        // English is English; article words quoted in the English are allowed.
        assert!(has_cjk(zh) && !latin_run(zh), "{id}: not Chinese: {zh}");
        assert!(latin_run(en), "{id}: not English: {en}");
    }
    // Rank groups have an English name.
    for f in ds.facts.iter().filter(|f| f.kind == Kind::Rank) {
        let g = f.rank_group.as_deref().unwrap_or("");
        assert!(rank_group_en(g).is_some(), "{}: rank group {g} has no English name", f.id);
    }
}

#[test]
fn a_note_in_one_language_only_is_rejected() {
    let file = first_fact_file();
    let original = json_of(file);
    let at = original
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["period"].get("note_zh").is_some())
        .expect("a fact with a note");
    let id = original[at]["id"].as_str().unwrap().to_string();
    for (field, value) in
        [("note_zh", None), ("note_en", None), ("note_zh", Some(" ")), ("note_en", Some(""))]
    {
        let files = with_edit(file, |v| {
            let p = v[at]["period"].as_object_mut().unwrap();
            match value {
                None => {
                    p.remove(field);
                }
                Some(t) => {
                    p.insert(field.into(), serde_json::json!(t));
                }
            }
        });
        check_rejected(files, file, &id, "note_zh and period.note_en must both be given");
    }
    let files = with_edit("sources.json", |v| v[0]["date_evidence_zh"] = serde_json::json!(""));
    let first = embedded_source_id();
    check_rejected(files, "sources.json", &first, "date_evidence_zh is missing or empty");
    let files = with_edit("indicators.json", |v| {
        v[0].as_object_mut().unwrap().remove("definition_zh");
    });
    let ind = embedded().indicators[0].id.to_string();
    check_rejected(files, "indicators.json", &ind, "definition_zh is missing or empty");
}

fn embedded_source_id() -> String {
    embedded().sources[0].id.to_string()
}

/// The import worker's transfer (`Dataset::to_compact_parts`, read back by parts): the
/// dataset the page sends and the one the worker sends back read back equal, however
/// cut in parts; a cut or damaged part reads as nothing rather than as other figures,
/// and never panics.
#[test]
fn a_dataset_crosses_the_worker_boundary_unchanged() {
    fn back(parts: &[(String, Vec<u8>)]) -> Option<Dataset> {
        Dataset::from_compact_parts(parts.iter().map(|(s, b)| (s.as_str(), &b[..])))
    }
    let embedded = Dataset::embedded().unwrap();
    assert_eq!(back(&embedded.to_compact_parts(1000)).as_ref(), Some(&embedded));
    let imported = cq_explorer::synthetic::with_embedded(3000, 7).unwrap_or_else(|e| panic!("{e}"));
    for per_part in [1, 700, 5000] {
        let parts = imported.to_compact_parts(per_part);
        assert_eq!(parts.len(), 1 + (embedded.facts.len() + 3000).div_ceil(per_part));
        let read = back(&parts).expect("reads back");
        assert_eq!(read.facts.len(), embedded.facts.len() + 3000);
        assert!(read == imported, "the datasets differ ({per_part} facts a part)");
        assert!(read.has_imported());
    }
    // Told the count, the page's assembler allocates the facts once: none of the room a
    // doubling list leaves (wasm memory stays at its peak), and the same dataset.
    let parts = imported.to_compact_parts(700);
    let n = imported.facts.len();
    let mut a = cq_explorer::dataset::Assembler::for_facts(n);
    for (s, b) in &parts {
        a.add(s, b).expect("a part");
    }
    let read = a.finish();
    assert_eq!(read.facts.capacity(), n, "one allocation of {n} facts");
    assert!(read == imported);
    // The embedded form carries fact files: it is not a transferred dataset.
    let (records, errors) = embedded_records();
    let (s, b) = compact::encode(&records, &errors);
    assert!(Dataset::from_compact_parts([(s.as_str(), &b[..])]).is_none());
    // Cut short or with a byte changed: nothing, or a dataset, never a panic.
    let parts = embedded.to_compact_parts(usize::MAX);
    let (strings, bytes) = &parts[1];
    for cut in (0..bytes.len()).step_by(97) {
        assert!(
            Dataset::from_compact_parts([(strings.as_str(), &bytes[..cut])]).is_none(),
            "cut at {cut}"
        );
    }
    for at in (0..bytes.len()).step_by(89) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x5a;
        let _ = Dataset::from_compact_parts([(strings.as_str(), &damaged[..])]);
    }
}
