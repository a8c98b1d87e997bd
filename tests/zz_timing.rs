#![cfg(not(target_arch = "wasm32"))]
use cq_explorer::dataset::Dataset;
use cq_explorer::import::*;
use cq_explorer::model::Date;
use std::rc::Rc;
use std::time::Instant;

#[test]
#[ignore]
fn timing() {
    let base = Rc::new(Dataset::embedded().unwrap());
    let text = synthetic_csv(100_000, 2026);
    let t = Instant::now();
    let imp = Importer::new(
        text,
        Format::Csv,
        base,
        ImportOptions {
            file_name: "x".into(),
            today: Date {
                year: 2025,
                month: 1,
                day: 1,
            },
        },
    );
    let mut imp = imp;
    while !imp.step(1000).finished {}
    println!("check {:?}", t.elapsed());
    let t = Instant::now();
    let r = imp.report(Mode::Add);
    println!("report {:?} {}", t.elapsed(), r.rows);
    let t = Instant::now();
    let ds = imp
        .into_dataset(Mode::Add, Keep::AllOrNothing)
        .unwrap()
        .dataset;
    println!("into_dataset {:?}", t.elapsed());
    let id = ds.districts[0].id.clone();
    let t = Instant::now();
    let p = cq_explorer::chart::views::profile(&ds, &id, cq_explorer::i18n::Lang::Zh);
    println!(
        "profile {:?} sections {} charts {} facts {}",
        t.elapsed(),
        p.sections.len(),
        p.sections.iter().map(|s| s.charts.len()).sum::<usize>(),
        p.sections.iter().map(|s| s.facts.len()).sum::<usize>()
    );
    let t = Instant::now();
    for s in &p.sections {
        let mut v = s.facts.clone();
        cq_explorer::query::sort(&ds, &mut v, Default::default());
    }
    println!("sort sections {:?}", t.elapsed());
    let rows: Vec<usize> = (0..ds.facts.len()).collect();
    for (name, f) in [
        (
            "targets",
            cq_explorer::chart::views::targets
                as fn(
                    &Dataset,
                    &[usize],
                    cq_explorer::i18n::Lang,
                ) -> Vec<cq_explorer::chart::BarChart>,
        ),
        ("breakdown", cq_explorer::chart::views::breakdown),
    ] {
        let t = Instant::now();
        let c = f(&ds, &rows, cq_explorer::i18n::Lang::Zh);
        println!("{name} {:?} {}", t.elapsed(), c.len());
    }
}
