//! One spelling per figure: wherever a reader meets a fact's figure (the table and the
//! source panel, which show `format::value_in`; the charts' labels; the CSV's value as
//! displayed; the citation) it reads the same, in each language. Checked over every
//! fact the charts draw, so a place that spelled a figure its own way (say
//! "2471 × 100 million yuan" beside the table's "247.1 billion yuan") fails here.

use cq_explorer::chart;
use cq_explorer::dataset::Dataset;
use cq_explorer::export::{self, VALUE_COLUMN};
use cq_explorer::format;
use cq_explorer::i18n::Lang;
use cq_explorer::model::*;
use cq_explorer::query::{self, Filter};
use cq_explorer::state::PeriodMode;

const URL: &str = "https://example.org/cq/";
/// The CSV column of the value as displayed.
const DISPLAYED: usize = VALUE_COLUMN + 2;

fn embedded() -> Dataset {
    Dataset::embedded().unwrap_or_else(|e| panic!("{} dataset errors, first: {}", e.len(), e[0]))
}

/// Every (fact, label) a chart draws in `lang`: comparisons of each indicator, the
/// breakdown, the trends and each district's profile.
fn chart_labels(ds: &Dataset, lang: Lang) -> Vec<(usize, String)> {
    let rows = query::filter(ds, &Filter::default());
    let mut out = Vec::new();
    let mut bars = |c: &chart::BarChart| {
        out.extend(c.bars.iter().map(|b| (b.fact, b.value_label.clone())));
    };
    for ind in &ds.indicators {
        let filter = Filter { indicator: Some(ind.id.clone()), ..Filter::default() };
        let shown = query::filter(ds, &filter);
        let c = chart::comparison(ds, &shown, &filter, PeriodMode::Latest, lang);
        if let Some(c) = c.as_ref().and_then(|c| c.chart.as_ref()) {
            bars(c);
        }
    }
    chart::views::breakdown(ds, &rows, lang).charts.iter().for_each(|c| bars(c));
    for d in &ds.districts {
        let p = chart::views::profile(ds, &d.id, lang);
        p.sections.iter().flat_map(|s| &s.charts).for_each(|c| bars(c));
    }
    for c in chart::views::trends(ds, &rows, lang).charts {
        for s in &c.series {
            out.extend(s.points.iter().map(|p| (p.fact, p.label.clone())));
        }
    }
    out
}

/// The CSV's cell of the value as displayed for the fact at `row`.
fn csv_displayed(ds: &Dataset, row: usize, lang: Lang) -> String {
    let text = export::csv(ds, &[row], lang);
    let body = text.trim_start_matches('\u{FEFF}');
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let record = reader.records().next().unwrap().unwrap();
    record[DISPLAYED].to_string()
}

#[test]
fn a_figure_reads_the_same_in_table_chart_csv_and_citation() {
    let ds = embedded();
    for lang in [Lang::Zh, Lang::En] {
        let labels = chart_labels(&ds, lang);
        assert!(labels.len() > 20, "the charts draw figures: {}", labels.len());
        let mut units = std::collections::BTreeSet::new();
        for (row, label) in labels {
            let f = &ds.facts[row];
            units.insert(f.unit);
            // The table and the source panel show exactly `format::value_in`.
            let table = format::value_in(f, lang);
            let chart = label.split(" · ").next().unwrap();
            assert_eq!(chart, table, "chart label of {}: {label}", f.id);
            assert_eq!(csv_displayed(&ds, row, lang), table, "CSV of {}", f.id);
            let cite = export::citation(&ds, row, URL, lang);
            let said = match lang {
                Lang::Zh => format!("）：{table}，"),
                Lang::En => format!("): {table}"),
            };
            assert!(cite.contains(&said), "citation of {}: {cite}", f.id);
        }
        // The figures whose spellings differed before: money in 亿元 and 万元.
        assert!(units.contains(&Unit::YiYuan), "{units:?}");
    }
}

#[test]
fn english_money_is_scaled_everywhere() {
    let ds = embedded();
    let money =
        ds.facts.iter().enumerate().filter(|(_, f)| matches!(f.unit, Unit::YiYuan | Unit::WanYuan));
    for (row, f) in money {
        let en = format::value_in(f, Lang::En);
        let cite = export::citation(&ds, row, URL, Lang::En);
        for text in [&en, &cite] {
            // No count of a multiple ("2471 100 million yuan", "2471 × 100 million yuan")
            // where the table scales money.
            assert!(!text.contains("100 million yuan"), "{}: {text}", f.id);
            assert!(!text.contains("10,000 yuan"), "{}: {text}", f.id);
        }
        if f.unit == Unit::YiYuan {
            assert!(en.ends_with("billion yuan"), "{}: {en}", f.id);
        }
    }
}
