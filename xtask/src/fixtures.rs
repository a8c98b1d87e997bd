//! `cargo xtask fixtures DIR`: the files the import tests and the benchmark load
//! through the app's own import path, generated from the core so they always match
//! the current format: templates, a GBK copy, files with mistakes and hostile text,
//! and large deterministic Chongqing datasets.

use cq_explorer::i18n::Lang;
use cq_explorer::import::{csv_template, json_template};
use cq_explorer::synthetic::synthetic_csv;
use std::path::Path;

const HEADER: &str = "id,district,indicator,value,unit,kind,period_start,period_end,precision,period_label,year_basis,period_note,subject,subject_type,quote";

/// One CSV row of a level figure of 2023 in 亿元, with `edit` applied to (column, value).
fn row(id: &str, edits: &[(&str, &str)]) -> String {
    let cols: Vec<&str> = HEADER.split(',').collect();
    let mut cells: Vec<String> = vec![
        id,
        "500101",
        "industrial_output_above_scale",
        "100",
        "亿元",
        "level",
        "2023-01-01",
        "2023-12-31",
        "year",
        "2023年",
        "printed",
        "",
        "",
        "",
        "",
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    for (col, value) in edits {
        let i = cols.iter().position(|c| c == col).expect("a known column");
        cells[i] = value.to_string();
    }
    cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn invalid_csv() -> String {
    [
        HEADER.to_string(),
        row("bad-district", &[("district", "999999")]),
        row("bad-value", &[("value", "abc")]),
        row("bad-kind", &[("kind", "vibes")]),
        row("bad-period", &[("period_start", "2024-01-01"), ("period_end", "2023-01-01")]),
        row("good-1", &[("value", "250")]),
        row("good-1", &[("value", "260")]),
    ]
    .join("\r\n")
}

fn hostile_csv() -> String {
    [
        HEADER.to_string(),
        row("h-1", &[("subject", "<script>alert(1)</script>"), ("subject_type", "company")]),
        row(
            "h-2",
            &[
                ("subject", "=HYPERLINK(\"http://x\",\"点我\")"),
                ("subject_type", "company"),
                ("value", "120"),
            ],
        ),
        row(
            "h-3",
            &[
                ("subject", "<img src=x onerror=alert(2)>"),
                ("subject_type", "company"),
                ("value", "140"),
            ],
        ),
        row("h-4", &[("subject", "@SUM(A1)"), ("subject_type", "company"), ("value", "90")]),
    ]
    .join("\r\n")
}

pub fn write(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let put = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.join(name), bytes).map_err(|e| format!("{name}: {e}"))
    };
    let template = csv_template(Lang::Zh);
    put("valid.csv", template.as_bytes())?;
    put("valid-no-bom.csv", template.trim_start_matches('\u{feff}').as_bytes())?;
    put("valid.json", json_template().as_bytes())?;
    let (gbk, _, lossy) = encoding_rs::GBK.encode(template.trim_start_matches('\u{feff}'));
    if lossy {
        return Err("the template has characters GBK cannot hold".into());
    }
    put("gbk.csv", &gbk)?;
    put("invalid.csv", invalid_csv().as_bytes())?;
    put("hostile.csv", hostile_csv().as_bytes())?;
    for (rows, name) in [(10_000, "synthetic-10000.csv"), (100_000, "synthetic-100000.csv")] {
        if !dir.join(name).exists() {
            put(name, synthetic_csv(rows, 2026).as_bytes())?;
        }
    }
    println!("fixtures written to {}", dir.display());
    Ok(())
}
