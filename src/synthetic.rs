//! A deterministic synthetic CSV import of any size, for tests, fixtures and
//! benchmarks (native only: it does not ship in the wasm). Not part of the import:
//! it writes files the import reads.

use crate::dataset::Dataset;
use crate::import::csv_string;
use crate::model::gazetteer::CHONGQING;
use crate::model::*;
use crate::numtext;
use std::collections::{HashMap, HashSet};

/// SplitMix64: a small, well-mixed deterministic generator.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// An (indicator, kind, unit) the synthetic file reports, and whether the file
/// defines the indicator.
struct Series {
    indicator: Indicator,
    kind: Kind,
    unit: Unit,
    define: bool,
}

/// Catalogue series that can join the embedded data (same unit as its own figures of
/// that indicator and kind), then as many synthetic indicators as `needed`.
fn series(needed: usize) -> Vec<Series> {
    let mut out = Vec::new();
    if let Ok(ds) = Dataset::embedded() {
        let mut used: HashMap<(&IndicatorId, Kind), HashSet<Unit>> = HashMap::new();
        for f in &ds.facts {
            used.entry((&f.indicator, f.kind)).or_default().insert(f.unit);
        }
        for ind in &ds.indicators {
            for (kind, unit) in [(Kind::Level, ind.unit), (Kind::Growth, Unit::Percent)] {
                let fits =
                    used.get(&(&ind.id, kind)).is_none_or(|u| u.len() == 1 && u.contains(&unit));
                if fits && out.len() < needed {
                    out.push(Series { indicator: ind.clone(), kind, unit, define: false });
                }
            }
        }
    }
    let units = [Unit::YiYuan, Unit::Jia, Unit::Ge, Unit::WanYuan, Unit::WanDun, Unit::Ren];
    let mut n = 0;
    while out.len() < needed {
        n += 1;
        let unit = units[n % units.len()];
        out.push(Series {
            indicator: Indicator {
                id: IndicatorId(format!("synthetic_{n:03}").into()),
                name_zh: format!("合成指标{n}"),
                name_en: format!("Synthetic indicator {n}"),
                category: Category::ALL[n % Category::ALL.len()],
                unit,
                definition_zh: format!("用于测试和基准测试的合成指标（{n}）。"),
                definition: format!("A synthetic indicator for tests and benchmarks ({n})."),
            },
            kind: Kind::Level,
            unit,
            define: true,
        });
    }
    out
}

/// A valid CSV import of `rows` figures, the same for the same `seed`: all 38
/// districts and counties of Chongqing, ten years (2015–2024), catalogue indicators
/// (levels and growth rates, in the units the embedded data uses) and then synthetic
/// indicators defined inline. It imports cleanly into the embedded dataset in either
/// mode. Exercises: districts by code and by name, generated ids, thousands
/// separators, quotes on some rows, inferred precision.
pub fn synthetic_csv(rows: usize, seed: u64) -> String {
    let per_series = CHONGQING.len() * 10;
    let series = series(rows.div_ceil(per_series));
    let header = [
        "id",
        "district",
        "indicator",
        "indicator_name_zh",
        "indicator_name_en",
        "category",
        "indicator_unit",
        "value",
        "unit",
        "kind",
        "period_start",
        "period_end",
        "precision",
        "period_label",
        "year_basis",
        "subject",
        "subject_type",
        "quote",
    ];
    let mut out: Vec<Vec<String>> = Vec::with_capacity(rows + 1);
    out.push(header.iter().map(|h| h.to_string()).collect());
    for r in 0..rows {
        let s = &series[r / per_series];
        let year = 2015 + (r % 10) as i32;
        let (code, name_zh, _, _) = CHONGQING[(r / 10) % CHONGQING.len()];
        let x = mix(seed ^ mix(r as u64));
        let value = match s.kind {
            Kind::Growth => ((x % 600) as f64 - 150.0) / 10.0,
            _ => (x % 10_000_000) as f64 / 10.0,
        };
        let digits = numtext::plain(value);
        let shown = spreadsheet(value, r % 3 == 0);
        let def = |t: &str| {
            if s.define {
                t.to_string()
            } else {
                String::new()
            }
        };
        let quote = if r % 5 == 0 {
            match s.kind {
                Kind::Growth => format!("{}增长{digits}%", s.indicator.name_zh),
                _ => format!("{}达{digits}{}", s.indicator.name_zh, s.unit.zh()),
            }
        } else {
            String::new()
        };
        let subject = r % 7 == 0 && s.kind == Kind::Level;
        out.push(vec![
            if r % 10 == 9 { String::new() } else { format!("syn-{:06}", r + 1) },
            if r % 4 == 1 { name_zh.to_string() } else { code.to_string() },
            s.indicator.id.to_string(),
            def(&s.indicator.name_zh),
            def(&s.indicator.name_en),
            def(s.indicator.category.code()),
            def(s.indicator.unit.code()),
            shown,
            s.unit.code().to_string(),
            s.kind.code().to_string(),
            format!("{year}-01-01"),
            format!("{year}-12-31"),
            if r % 2 == 0 { "year".into() } else { String::new() },
            format!("{year}年"),
            "printed".into(),
            if subject { format!("合成企业{}", x % 50) } else { String::new() },
            if subject { "company".into() } else { String::new() },
            quote,
        ]);
    }
    csv_string(&out)
}

/// A value as a spreadsheet writes it, with thousands separators (`-1,234,567.8`)
/// or without.
fn spreadsheet(v: f64, grouped: bool) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    if grouped {
        format!("{sign}{}", crate::format::grouped(v.abs()))
    } else {
        format!("{sign}{}", numtext::plain(v))
    }
}

/// The embedded dataset with `rows` synthetic figures added through the import (mode
/// "add", every row required valid), as a reader's import would make it; the report's
/// first lines if the import refuses them.
pub fn with_embedded(rows: usize, seed: u64) -> Result<crate::dataset::Dataset, String> {
    use crate::import::{import, Format, ImportOptions, Keep, Mode};
    let embedded = crate::dataset::Dataset::embedded().map_err(|e| format!("{e:?}"))?;
    let options = ImportOptions {
        file_name: "synthetic.csv".into(),
        today: crate::model::Date { year: 2025, month: 1, day: 2 },
    };
    let text = synthetic_csv(rows, seed);
    import(text, Format::Csv, embedded.into(), options, Mode::Add, Keep::AllOrNothing)
        .map(|i| i.dataset)
        .map_err(|r| r.lines(5, crate::i18n::Lang::En).join("\n"))
}
