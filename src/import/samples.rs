//! Files to import: the downloadable templates (two example rows each, importing
//! cleanly into the embedded dataset).

use super::fields::Field;
use crate::i18n::Lang;

/// The template's columns, in field order: every field but the indicator's
/// definition, the printed figure and the subject's English name.
fn template_columns() -> impl Iterator<Item = Field> {
    Field::all().filter(|f| {
        !matches!(
            f,
            Field::IndicatorDefinition | Field::ValueText | Field::SubjectEn
        )
    })
}

pub(crate) fn csv_string(rows: &[Vec<String>]) -> String {
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
    let header: Vec<String> = template_columns()
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
