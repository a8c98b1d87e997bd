//! The fields of an imported fact: their CSV column names (English, Chinese and a few
//! aliases; case, spaces and hyphens ignored), their JSON paths, and the limits of
//! what a file may hold.

use crate::model::FactField;

/// Longest text cell (names, labels, notes, subjects, quotes before the quote rule), in
/// characters.
pub const MAX_TEXT_CHARS: usize = 500;
/// Longest fact, indicator or district id, in characters.
pub const MAX_ID_CHARS: usize = 64;
/// Largest magnitude of a value: beyond it an `f64` no longer holds every digit of an
/// integer, and no district figure in its printed unit comes near it.
pub const MAX_ABS_VALUE: f64 = 1e15;
/// Most records (CSV data rows, JSON elements) a file may have: a file with more is
/// refused before its rows are checked. The explorer draws and filters 500,000 figures
/// in the browser; more would run the page out of memory.
pub const MAX_ROWS: usize = 500_000;
/// Largest file read, in bytes: a file this size holds far more than [`MAX_ROWS`]
/// useful records; a larger one is refused before it is read.
pub const MAX_FILE_BYTES: f64 = 256.0 * 1024.0 * 1024.0;

/// Declares `Field` and its names, one row a field: the canonical English column, the
/// Chinese column, the path inside a JSON fact (none for the inline definitions, which
/// JSON gives in their own arrays), other accepted names, and its [`Role`].
macro_rules! fields {
    ($($f:ident $en:literal $zh:literal $json:expr, [$($alias:literal),*] $role:ident;)*) => {
        /// One field of an imported row.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Field { $($f,)* }
        const NAMES: &[Names] = &[$((Field::$f, $en, $zh, $json, &[$($alias),*], Role::$role),)*];
    };
}

/// Whether a CSV import needs the column (`Req`), may leave it out (`Opt`), or the
/// template leaves it out as well (`Rare`).
#[derive(PartialEq)]
enum Role {
    Req,
    Opt,
    Rare,
}

type Names =
    (Field, &'static str, &'static str, Option<&'static str>, &'static [&'static str], Role);

#[rustfmt::skip]
fields! {
    Id "id" "编号" Some("id"), ["fact_id", "条目编号"] Opt;
    District "district" "区县" Some("district"), ["district_code", "区县代码"] Req;
    DistrictNameZh "district_name_zh" "区县中文名" None, [] Opt;
    DistrictNameEn "district_name_en" "区县英文名" None, [] Opt;
    DistrictRegion "district_region" "区县所属区域" None, ["region"] Opt;
    Indicator "indicator" "指标" Some("indicator"), ["indicator_id", "指标代码"] Req;
    IndicatorNameZh "indicator_name_zh" "指标中文名" None, [] Opt;
    IndicatorNameEn "indicator_name_en" "指标英文名" None, [] Opt;
    Category "category" "类别" None, ["指标类别"] Opt;
    IndicatorUnit "indicator_unit" "指标单位" None, [] Opt;
    IndicatorDefinition "indicator_definition" "指标定义" None, [] Rare;
    Value "value" "数值" Some("value"), [] Req;
    ValueText "value_text" "原文数字" Some("value_text"), [] Rare;
    Unit "unit" "单位" Some("unit"), [] Req;
    Kind "kind" "类型" Some("kind"), ["数据类型"] Req;
    Qualifier "qualifier" "限定词" Some("qualifier"), [] Opt;
    PeriodStart "period_start" "起始日期" Some("period.start"), ["start"] Req;
    PeriodEnd "period_end" "截止日期" Some("period.end"), ["end"] Opt;
    Precision "precision" "时间精度" Some("period.precision"), [] Opt;
    PeriodLabel "period_label" "原文时间" Some("period.label"), ["period_as_printed"] Opt;
    YearBasis "year_basis" "年份依据" Some("period.year"), ["year"] Opt;
    PeriodNote "period_note" "时间说明" Some("period.note"), [] Opt;
    Subject "subject" "对象" Some("subject.name"), [] Opt;
    SubjectEn "subject_en" "对象英文名" Some("subject.name_en"), [] Rare;
    SubjectType "subject_type" "对象类型" Some("subject.type"), [] Opt;
    RankGroup "rank_group" "排名范围" Some("rank_group"), [] Opt;
    Quote "quote" "原文引述" Some("quote"), ["引文"] Opt;
}

impl Field {
    pub const COUNT: usize = NAMES.len();

    pub fn all() -> impl Iterator<Item = Field> {
        NAMES.iter().map(|n| n.0)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The canonical CSV column name (English).
    pub fn name(self) -> &'static str {
        NAMES[self.index()].1
    }

    /// The Chinese CSV column name.
    pub fn name_zh(self) -> &'static str {
        NAMES[self.index()].2
    }

    /// The field's path inside a JSON fact (`period.start`); `None` for the inline
    /// definitions.
    pub fn json_path(self) -> Option<&'static str> {
        NAMES[self.index()].3
    }

    /// Whether a CSV import must have the column.
    pub fn required(self) -> bool {
        NAMES[self.index()].5 == Role::Req
    }

    /// Whether the CSV template has the column.
    pub fn in_template(self) -> bool {
        NAMES[self.index()].5 != Role::Rare
    }

    /// The field by a CSV header cell: English (any case; spaces and hyphens read as
    /// `_`), Chinese, or an alias.
    pub fn from_header(header: &str) -> Option<Field> {
        let h = header.trim().trim_start_matches('\u{feff}').trim();
        let norm: String = h
            .chars()
            .map(|c| match c {
                ' ' | '-' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        let is = |(_, en, zh, _, aliases, _): &&Names| {
            *en == norm || *zh == h || aliases.contains(&&*norm)
        };
        NAMES.iter().find(is).map(|n| n.0)
    }
}

impl From<FactField> for Field {
    /// The column of a fact field a dataset rule names. An imported fact's source is
    /// the import's own, so no rule faults it; its errors would go in `value`.
    fn from(f: FactField) -> Field {
        match f {
            FactField::District => Field::District,
            FactField::Indicator => Field::Indicator,
            FactField::Unit => Field::Unit,
            FactField::RankGroup => Field::RankGroup,
            FactField::PeriodEnd => Field::PeriodEnd,
            FactField::PeriodNote => Field::PeriodNote,
            FactField::Quote => Field::Quote,
            FactField::ValueText => Field::ValueText,
            FactField::Value | FactField::Source => Field::Value,
        }
    }
}
