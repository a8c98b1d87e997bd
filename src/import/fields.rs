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

/// Declares `Field` and its names, one row a field: the canonical English column,
/// the Chinese column, the path inside a JSON fact, other accepted names.
macro_rules! fields {
    ($($f:ident $en:literal $zh:literal $json:expr, [$($alias:literal),*];)*) => {
        /// One field of an imported row. CSV rows may also define a district or an
        /// indicator inline; JSON files define them in their own arrays.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Field { $($f,)* }

        /// `(field, English column, Chinese column, JSON path, aliases)`. A field
        /// without a JSON path is an inline definition, which JSON gives in its own
        /// arrays.
        const NAMES: &[Names] = &[$((Field::$f, $en, $zh, $json, &[$($alias),*]),)*];
    };
}

type Names = (
    Field,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static [&'static str],
);

#[rustfmt::skip]
fields! {
    Id "id" "编号" Some("id"), ["fact_id", "条目编号"];
    District "district" "区县" Some("district"), ["district_code", "区县代码"];
    DistrictNameZh "district_name_zh" "区县中文名" None, [];
    DistrictNameEn "district_name_en" "区县英文名" None, [];
    DistrictRegion "district_region" "区县所属区域" None, ["region"];
    Indicator "indicator" "指标" Some("indicator"), ["indicator_id", "指标代码"];
    IndicatorNameZh "indicator_name_zh" "指标中文名" None, [];
    IndicatorNameEn "indicator_name_en" "指标英文名" None, [];
    Category "category" "类别" None, ["指标类别"];
    IndicatorUnit "indicator_unit" "指标单位" None, [];
    IndicatorDefinition "indicator_definition" "指标定义" None, [];
    Value "value" "数值" Some("value"), [];
    ValueText "value_text" "原文数字" Some("value_text"), [];
    Unit "unit" "单位" Some("unit"), [];
    Kind "kind" "类型" Some("kind"), ["数据类型"];
    Qualifier "qualifier" "限定词" Some("qualifier"), [];
    PeriodStart "period_start" "起始日期" Some("period.start"), ["start"];
    PeriodEnd "period_end" "截止日期" Some("period.end"), ["end"];
    Precision "precision" "时间精度" Some("period.precision"), [];
    PeriodLabel "period_label" "原文时间" Some("period.label"), ["period_as_printed"];
    YearBasis "year_basis" "年份依据" Some("period.year"), ["year"];
    PeriodNote "period_note" "时间说明" Some("period.note"), [];
    Subject "subject" "对象" Some("subject.name"), [];
    SubjectEn "subject_en" "对象英文名" Some("subject.name_en"), [];
    SubjectType "subject_type" "对象类型" Some("subject.type"), [];
    RankGroup "rank_group" "排名范围" Some("rank_group"), [];
    Quote "quote" "原文引述" Some("quote"), ["引文"];
}

/// Columns a CSV import must have.
pub const REQUIRED: &[Field] = &[
    Field::District,
    Field::Indicator,
    Field::Value,
    Field::Unit,
    Field::Kind,
    Field::PeriodStart,
];

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
        NAMES
            .iter()
            .find(|(_, en, zh, _, aliases)| {
                *en == norm || *zh == h || aliases.contains(&norm.as_str())
            })
            .map(|n| n.0)
    }

    /// The field's path inside a JSON fact (`period.start`); `None` for the inline
    /// definitions, which JSON gives in their own arrays.
    pub fn json_path(self) -> Option<&'static str> {
        NAMES[self.index()].3
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
