//! Checking a whole dataset: unique ids, references, each fact's rules (`rules.rs`), the
//! curated data's two languages, one unit per (indicator, kind) across districts; and
//! `Dataset::check_quotes`, every quote against its article.

use super::rules::{fact_problems, FactProblem, UnitUse};
use super::{DataError, Dataset};
use crate::i18n::Lang;
use crate::model::*;
use crate::numtext;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::{BTreeMap, BTreeSet};

impl Dataset {
    /// Every rule that needs no outside text. `fact_files[i]` names the file of `facts[i]`.
    pub(super) fn validate(&self, fact_files: &[String]) -> Vec<DataError> {
        let mut errs = Vec::new();
        let mut err = |file: &str, record: &str, reason: String| {
            errs.push(DataError { file: file.to_string(), record: record.to_string(), reason })
        };
        for (file, ids) in [
            ("sources.json", self.sources.iter().map(|s| s.id.as_str()).collect::<Vec<_>>()),
            ("districts.json", self.districts.iter().map(|s| s.id.as_str()).collect()),
            ("indicators.json", self.indicators.iter().map(|s| s.id.as_str()).collect()),
        ] {
            for id in duplicates(ids.iter().copied()) {
                err(file, id, "id is not unique".into());
            }
        }
        for id in duplicates(self.facts.iter().map(|f| f.id.as_str())) {
            err("facts", id, "id is not unique".into());
        }
        for s in &self.sources {
            // An import covering several districts names none (see `Source::imported`).
            let no_district = s.imported && s.district.as_str().is_empty();
            if !no_district && self.district(&s.district).is_none() {
                err("sources.json", s.id.as_str(), format!("unknown district {}", s.district));
            }
            // The curated data speaks both languages: every note in Chinese and English.
            if !s.imported {
                for (field, text) in [
                    ("date_evidence_zh", &s.date_evidence_zh),
                    ("date_evidence_en", &s.date_evidence_en),
                ] {
                    if text.trim().is_empty() {
                        err("sources.json", s.id.as_str(), format!("{field} is missing or empty"));
                    }
                }
            }
            if s.published.from > s.published.to {
                err("sources.json", s.id.as_str(), "published.from is after published.to".into());
            }
        }
        for d in &self.districts {
            for sf in &d.static_facts {
                if self.source(&sf.source).is_none() {
                    err("districts.json", d.id.as_str(), format!("unknown source {}", sf.source));
                }
                if let Err(e) = numtext::check_value_in_quote(sf.value, None, &sf.quote) {
                    err("districts.json", d.id.as_str(), e.text(Lang::En));
                }
            }
        }
        for (i, f) in self.facts.iter().enumerate() {
            let file = fact_files.get(i).map_or("facts", String::as_str);
            for e in self.fact_errors(f) {
                err(file, f.id.as_str(), e.text(Lang::En));
            }
            if !self.source(&f.source).is_some_and(|s| s.imported) {
                for e in bilingual_problems(f) {
                    err(file, f.id.as_str(), e);
                }
            }
        }
        // Comparisons are never across units: one unit per (indicator, kind) across districts.
        let mut units: BTreeMap<(&str, Kind), UnitUse<()>> = BTreeMap::new();
        for f in &self.facts {
            units.entry((f.indicator.as_str(), f.kind)).or_default().note(f.unit, &f.district, ());
        }
        for ((ind, kind), set) in units {
            if set.conflicts() {
                let mut codes: Vec<&str> = set.units.iter().map(|u| u.0.code()).collect();
                crate::order::by(&mut codes, |a, b| a.cmp(b));
                err(
                    "indicators.json",
                    ind,
                    format!(
                        "kind {} is used by several districts in different units: {}",
                        kind.code(),
                        codes.join(", ")
                    ),
                );
            }
        }
        errs
    }

    /// The curated catalogue's own rule: every indicator defined in both languages (an
    /// imported indicator's one definition serves both, so imports skip this).
    pub(super) fn curated_problems(&self) -> Vec<DataError> {
        let mut errs = Vec::new();
        for ind in &self.indicators {
            for (field, text) in
                [("definition_zh", &ind.definition_zh), ("definition", &ind.definition)]
            {
                if text.trim().is_empty() {
                    errs.push(DataError {
                        file: "indicators.json".into(),
                        record: ind.id.to_string(),
                        reason: format!("{field} is missing or empty"),
                    });
                }
            }
        }
        errs
    }

    fn fact_errors(&self, f: &Fact) -> Vec<FactProblem> {
        fact_problems(
            f,
            self.source(&f.source),
            self.district(&f.district).is_some(),
            self.indicator(&f.indicator),
        )
    }

    /// Checks every quote against its article. `article` gives an article's text by
    /// source id (line breaks are removed here), or `None` when it is not available.
    pub fn check_quotes(&self, article: &dyn Fn(&SourceId) -> Option<String>) -> Vec<DataError> {
        let mut texts: HashMap<&SourceId, Option<String>> = HashMap::default();
        let mut errs = Vec::new();
        let quotes =
            self.facts.iter().map(|f| (&f.source, f.id.as_str(), &f.quote, "facts")).chain(
                self.districts.iter().flat_map(|d| {
                    d.static_facts
                        .iter()
                        .map(move |s| (&s.source, d.id.as_str(), &s.quote, "districts.json"))
                }),
            );
        for (source, record, quote, file) in quotes {
            let text =
                texts.entry(source).or_insert_with(|| article(source).map(|t| t.replace('\n', "")));
            let reason = match text {
                None => format!("article {source} is not available"),
                Some(t) if t.contains(quote.as_str()) => continue,
                Some(_) => format!("quote {quote:?} is not in article {source}"),
            };
            errs.push(DataError { file: file.into(), record: record.into(), reason });
        }
        errs
    }
}

/// The curated data's language rule for one fact: a period note in both languages or
/// in neither. (Rank groups are named in English by `model::rank_group_en`; a test
/// checks every curated one has a name.) Imports are exempt: a file may give one note in the language it has.
pub fn bilingual_problems(f: &Fact) -> Vec<String> {
    let mut e = Vec::new();
    let given = |n: &Option<String>| n.as_deref().is_some_and(|t| !t.trim().is_empty());
    let (zh, en) = (given(&f.period.note_zh), given(&f.period.note_en));
    if zh != en || f.period.note_zh.is_some() != zh || f.period.note_en.is_some() != en {
        e.push(format!(
            "period.note_zh and period.note_en must both be given and not empty (zh: {}, en: {})",
            if zh { "given" } else { "missing or empty" },
            if en { "given" } else { "missing or empty" }
        ));
    }
    e
}

/// The ids that occur more than once, sorted. Hashing keeps this linear in the number
/// of ids (100,000 imported facts included).
fn duplicates<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = HashSet::default();
    let mut dup = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            dup.insert(id);
        }
    }
    dup.into_iter().collect()
}
