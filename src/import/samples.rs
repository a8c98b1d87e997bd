//! Files to import: the downloadable templates (two example rows each, importing
//! cleanly into the embedded dataset).

use super::fields::Field;
use crate::i18n::Lang;

pub(crate) fn csv_string(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for r in rows {
        crate::export::csv::write_record(&mut out, r, "\n");
    }
    out
}

/// The example rows' cells by template column: `(Chinese, English)` where the two
/// differ (closed sets by label in Chinese, by code in English), else one text.
#[rustfmt::skip]
const ROWS: [[(&str, &str); 24]; 2] = [
    [("ex-001", ""), ("500101", ""), ("", ""), ("", ""), ("", ""), ("industrial_output_above_scale", ""),
     ("", ""), ("", ""), ("", ""), ("", ""), ("1,234.5", ""), ("亿元", ""), ("数值", "level"), ("", ""),
     ("2023-01-01", ""), ("2023-12-31", ""), ("年", "year"), ("2023年", ""), ("年份见原文", "printed"),
     ("示例数据：请替换为你的数据", "example row: replace it with your data"), ("", ""), ("", ""), ("", ""), ("", "")],
    [("ex-002", ""), ("万州区", ""), ("", ""), ("", ""), ("", ""), ("example_parks", ""), ("示例园区", ""),
     ("Example parks", ""), ("园区与用地", "parks_land"), ("个", ""), ("12", ""), ("个", ""), ("累计总数", "count_total"),
     ("超", ""), ("2024-06-30", ""), ("2024-06-30", ""), ("截至", "as_of"), ("截至6月底", ""), ("年份系推断", "inferred"),
     ("截至6月底 = 2024-06-30（示例）", "截至6月底 = 2024-06-30 (example)"), ("", ""), ("", ""), ("", ""), ("示例园区超12个", "")],
];

/// A CSV template with a header in `lang` and two example rows: a figure of a
/// catalogue indicator for a Chongqing district named by code, and one of a new
/// indicator defined inline, with a qualifier and a quote. It starts with a
/// byte-order mark so that Excel reads it as UTF-8.
pub fn csv_template(lang: Lang) -> String {
    let header = Field::all().filter(|f| f.in_template()).map(|f| match lang {
        Lang::Zh => f.name_zh().to_string(),
        Lang::En => f.name().to_string(),
    });
    let cell = |&(zh, en): &(&str, &str)| match lang {
        Lang::En if !en.is_empty() => en.to_string(),
        _ => zh.to_string(),
    };
    let mut rows = vec![header.collect()];
    rows.extend(ROWS.iter().map(|r| r.iter().map(cell).collect()));
    format!("\u{feff}{}", csv_string(&rows))
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
