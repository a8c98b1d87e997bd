//! Files to import: the downloadable templates (two example rows each, importing
//! cleanly into the embedded dataset) and a deterministic synthetic file of any size
//! for tests and benchmarks.

use super::gazetteer::CHONGQING;
use crate::dataset::Dataset;
use crate::i18n::Lang;
use crate::model::*;
use crate::numtext;
use std::collections::{HashMap, HashSet};

/// The template's columns, in order.
const TEMPLATE_COLUMNS: [super::Field; 24] = {
    use super::Field::*;
    [
        Id,
        District,
        DistrictNameZh,
        DistrictNameEn,
        DistrictRegion,
        Indicator,
        IndicatorNameZh,
        IndicatorNameEn,
        Category,
        IndicatorUnit,
        Value,
        Unit,
        Kind,
        Qualifier,
        PeriodStart,
        PeriodEnd,
        Precision,
        PeriodLabel,
        YearBasis,
        PeriodNote,
        Subject,
        SubjectType,
        RankGroup,
        Quote,
    ]
};

fn csv_string(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A CSV template with a header in `lang` and two example rows: a figure of a
/// catalogue indicator for a Chongqing district named by code, and one of a new
/// indicator defined inline, with a qualifier and a quote. It starts with a
/// byte-order mark so that Excel reads it as UTF-8.
pub fn csv_template(lang: Lang) -> String {
    let header: Vec<String> = TEMPLATE_COLUMNS
        .iter()
        .map(|f| match lang {
            Lang::Zh => f.name_zh(),
            Lang::En => f.name(),
        })
        .map(str::to_string)
        .collect();
    let zh = lang == Lang::Zh;
    let pick = |a: &str, b: &str| if zh { a.to_string() } else { b.to_string() };
    let note = pick(
        "示例数据：请替换为你的数据",
        "example row: replace it with your data",
    );
    let s = |x: &str| x.to_string();
    let first = vec![
        s("ex-001"),
        s("500101"),
        s(""),
        s(""),
        s(""),
        s("industrial_output_above_scale"),
        s(""),
        s(""),
        s(""),
        s(""),
        s("1,234.5"),
        s("亿元"),
        pick("数值", "level"),
        s(""),
        s("2023-01-01"),
        s("2023-12-31"),
        pick("年", "year"),
        s("2023年"),
        pick("年份见原文", "printed"),
        note.clone(),
        s(""),
        s(""),
        s(""),
        s(""),
    ];
    let second = vec![
        s("ex-002"),
        s("万州区"),
        s(""),
        s(""),
        s(""),
        s("example_parks"),
        s("示例园区"),
        s("Example parks"),
        pick("园区与用地", "parks_land"),
        s("个"),
        s("12"),
        s("个"),
        pick("累计总数", "count_total"),
        s("超"),
        s("2024-06-30"),
        s("2024-06-30"),
        pick("截至", "as_of"),
        s("截至6月底"),
        pick("年份系推断", "inferred"),
        pick(
            "截至6月底 = 2024-06-30（示例）",
            "截至6月底 = 2024-06-30 (example)",
        ),
        s(""),
        s(""),
        s(""),
        s("示例园区超12个"),
    ];
    format!("\u{feff}{}", csv_string(&[header, first, second]))
}

/// A JSON template: a district and an indicator defined, and two facts in the
/// dataset's fact shape (without `source`; `id` and `quote` optional).
pub fn json_template() -> String {
    let v = serde_json::json!({
        "districts": [
            {"id": "500101", "name_zh": "万州区", "name_en": "Wanzhou District", "region": "northeast"}
        ],
        "indicators": [
            {"id": "example_parks", "name_zh": "示例园区", "name_en": "Example parks",
             "category": "parks_land", "unit": "个",
             "definition": "An example indicator: replace it with your own."}
        ],
        "facts": [
            {"id": "ex-001", "district": "500101", "indicator": "industrial_output_above_scale",
             "value": 1234.5, "unit": "亿元", "kind": "level", "qualifier": null, "subject": null,
             "period": {"start": "2023-01-01", "end": "2023-12-31", "precision": "year",
                        "label": "2023年", "year": "printed", "note": "示例数据：请替换为你的数据"}},
            {"id": "ex-002", "district": "万州区", "indicator": "example_parks",
             "value": 12, "unit": "个", "kind": "count_total", "qualifier": "超",
             "subject": {"name": "示例园区", "name_en": "Example parks", "type": "park"},
             "period": {"start": "2024-06-30", "end": "2024-06-30", "precision": "as_of",
                        "label": "截至6月底", "year": "inferred", "note": "截至6月底 = 2024-06-30 (example)"},
             "quote": "示例园区超12个"}
        ]
    });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

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
            used.entry((&f.indicator, f.kind))
                .or_default()
                .insert(f.unit);
        }
        for ind in &ds.indicators {
            for (kind, unit) in [(Kind::Level, ind.unit), (Kind::Growth, Unit::Percent)] {
                let fits = used
                    .get(&(&ind.id, kind))
                    .is_none_or(|u| u.len() == 1 && u.contains(&unit));
                if fits && out.len() < needed {
                    out.push(Series {
                        indicator: ind.clone(),
                        kind,
                        unit,
                        define: false,
                    });
                }
            }
        }
    }
    let units = [
        Unit::YiYuan,
        Unit::Jia,
        Unit::Ge,
        Unit::WanYuan,
        Unit::WanDun,
        Unit::Ren,
    ];
    let mut n = 0;
    while out.len() < needed {
        n += 1;
        let unit = units[n % units.len()];
        out.push(Series {
            indicator: Indicator {
                id: IndicatorId(format!("synthetic_{n:03}")),
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
        let shown = if r % 3 == 0 {
            grouped(value)
        } else {
            format_value(value)
        };
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
            if r % 10 == 9 {
                String::new()
            } else {
                format!("syn-{:06}", r + 1)
            },
            if r % 4 == 1 {
                name_zh.to_string()
            } else {
                code.to_string()
            },
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
            if r % 2 == 0 {
                "year".into()
            } else {
                String::new()
            },
            format!("{year}年"),
            "printed".into(),
            if subject {
                format!("合成企业{}", x % 50)
            } else {
                String::new()
            },
            if subject {
                "company".into()
            } else {
                String::new()
            },
            quote,
        ]);
    }
    csv_string(&out)
}

fn format_value(v: f64) -> String {
    if v < 0.0 {
        format!("-{}", numtext::plain(v))
    } else {
        numtext::plain(v)
    }
}

/// A value with thousands separators, as spreadsheets write it: `-1,234,567.8`.
fn grouped(v: f64) -> String {
    let plain = numtext::plain(v);
    let (int, frac) = plain
        .split_once('.')
        .map_or((plain.as_str(), None), |(i, f)| (i, Some(f)));
    let mut g = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            g.push(',');
        }
        g.push(c);
    }
    let sign = if v < 0.0 { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{g}.{f}"),
        None => format!("{sign}{g}"),
    }
}
