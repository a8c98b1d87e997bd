//! What went wrong, where: `ImportError` (a location, a column and a reason, in
//! Chinese and English) and `ImportReport` (every error, in file order, shown a few at
//! a time with a count of the rest).

use crate::dataset::FactProblem;
use crate::i18n::Lang;
use crate::model::Set;
use crate::model::{Kind, Unit};
use std::fmt;

/// The top-level arrays of a JSON import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum JsonArray {
    Districts,
    Indicators,
    Facts,
}

impl JsonArray {
    pub fn key(self) -> &'static str {
        match self {
            JsonArray::Districts => "districts",
            JsonArray::Indicators => "indicators",
            JsonArray::Facts => "facts",
        }
    }
}

/// Where an error is. Ordered as the file is: the file as a whole, then CSV rows, or
/// JSON elements (districts, indicators, then facts).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    /// The file as a whole: its shape, its encoding, a JSON key outside any record.
    File,
    /// A CSV row as a spreadsheet numbers it: the header is row 1, the first data row 2.
    Row(usize),
    /// A JSON element, shown as its path (`facts[12]`); the error's column names the
    /// field inside it (`period.start`).
    Json { array: JsonArray, index: usize },
}

impl Location {
    pub fn is_json(&self) -> bool {
        matches!(self, Location::Json { .. })
    }
    pub fn zh(&self) -> String {
        match self {
            Location::File => "文件".into(),
            Location::Row(n) => format!("第{n}行"),
            Location::Json { .. } => self.path(),
        }
    }
    pub fn en(&self) -> String {
        match self {
            Location::File => "file".into(),
            Location::Row(n) => format!("row {n}"),
            Location::Json { .. } => self.path(),
        }
    }
    fn path(&self) -> String {
        match self {
            Location::Json { array, index } => format!("{}[{index}]", array.key()),
            _ => String::new(),
        }
    }
}

/// Where something the error refers to already is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// In the dataset the import is added to (the articles, or an earlier import).
    Data,
    /// Chongqing's list of districts (`gazetteer`).
    Gazetteer,
    /// Elsewhere in this file.
    At(Location),
}

impl Origin {
    fn zh(&self) -> String {
        match self {
            Origin::Data => "现有数据".into(),
            Origin::Gazetteer => "重庆市行政区划".into(),
            Origin::At(l) => l.zh(),
        }
    }
    fn en(&self) -> String {
        match self {
            Origin::Data => "the existing data".into(),
            Origin::Gazetteer => "Chongqing's list of districts".into(),
            Origin::At(l) => l.en(),
        }
    }
}

/// A problem with the JSON's outline (outside any record).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonShape {
    /// The file ends inside a string, an object or an array.
    EndsInsideValue,
    /// A closing bracket that closes nothing open, or the wrong thing.
    UnexpectedChar(char),
    NotObjectOrArray,
    ExpectedColon,
    ExpectedCommaOrEnd,
    TextAfterEnd,
    BadKey,
    NotAnArray(String),
    UnknownKey(String),
    DuplicateKey(String),
    NoFacts,
}

/// What a definition defines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Defines {
    District,
    Indicator,
}

impl Defines {
    fn zh(self) -> &'static str {
        match self {
            Defines::District => "区县",
            Defines::Indicator => "指标",
        }
    }
    fn en(self) -> &'static str {
        match self {
            Defines::District => "district",
            Defines::Indicator => "indicator",
        }
    }
}

/// Why a file, a row or a cell is rejected. Values from the file are kept as shown
/// (`cells::shown`: truncated, invisible characters escaped).
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    EmptyFile,
    NoDataRows,
    /// The JSON's outline is broken at a line and column of the file.
    JsonShape {
        shape: JsonShape,
        line: usize,
        column: usize,
    },
    /// A record is not valid JSON (serde_json's message; line and column of the file).
    JsonSyntax {
        message: String,
        line: usize,
        column: usize,
    },
    NotAnObject,
    /// A JSON value of the wrong type: expected text or a number.
    NotScalar,
    UnknownKey(String),
    DuplicateKey(String),
    /// `source` is the importer's to set.
    SourceGiven,
    /// Static facts need an article; an import cannot give them.
    StaticFacts,
    UnknownColumn(String),
    DuplicateColumn(String),
    MissingColumn(&'static str),
    /// A row with more non-empty cells than the header has columns.
    ExtraCells {
        cells: usize,
        columns: usize,
    },
    /// A non-empty cell under a blank header.
    CellWithoutHeader,
    Required,
    TooLong {
        chars: usize,
        max: usize,
    },
    /// A control, bidirectional-override or byte-order-mark character.
    InvisibleCharacter(char),
    /// U+FFFD: the file was decoded with the wrong encoding.
    Undecodable,
    NotANumber(String),
    NotFinite(String),
    NumberTooLarge(String),
    NotADate(String),
    NoSuchDate(String),
    NotInSet {
        set: Set,
        value: String,
    },
    /// A year in the year-basis column (which says printed or inferred).
    YearInYearBasis(String),
    BadFactId(String),
    BadDistrictCode(String),
    /// A code or name that is no known district, and the row does not define it.
    UnknownDistrict(String),
    BadIndicatorId(String),
    UnknownIndicator(String),
    /// A definition field given without the field that defines (subject_en without subject).
    WithoutMain(&'static str),
    /// A definition disagrees with the one already known.
    DefinitionConflict {
        defines: Defines,
        id: String,
        field: &'static str,
        known: String,
        given: String,
        at: Origin,
    },
    /// A new district's or indicator's name is another's.
    NameTaken {
        defines: Defines,
        name: String,
        id: String,
    },
    /// A reference to a district or indicator whose definition has errors.
    DefinitionFailed {
        defines: Defines,
        id: String,
        at: Location,
    },
    DuplicateId {
        id: String,
        first: Location,
    },
    /// An id the dataset the file is added to already has.
    IdInData(String),
    /// One unit per (indicator, kind) across districts.
    UnitConflict {
        indicator: String,
        kind: Kind,
        unit: Unit,
        known: Unit,
        district: String,
        at: Origin,
    },
    /// A rule of the dataset (`dataset::fact_problems`).
    Rule(FactProblem),
    /// The CSV reader failed (its message).
    Unreadable(String),
    /// A quote opened in this cell is never closed: the `lines` lines after it were
    /// read as rows of their own (the cell ends with its line).
    QuoteNeverClosed {
        lines: usize,
    },
    /// A quote opened in this cell closes only `lines` lines further on: those lines
    /// were read into the cell.
    QuoteSpansLines {
        lines: usize,
    },
    /// Text after the closing quote of a quoted cell (`"a"b`).
    TextAfterQuote(String),
    /// The file has more records than the explorer handles.
    TooManyRows {
        max: usize,
    },
    /// A year outside the range the explorer draws.
    YearOutOfRange(String),
    /// The assembled dataset failed validation (a safety net; the checks above should
    /// catch everything first).
    Dataset(String),
}

/// Text in the language asked for: only that language's expression is evaluated.
macro_rules! say {
    ($lang:expr, $zh:expr, $en:expr $(,)?) => {
        match $lang {
            Lang::Zh => String::from($zh),
            Lang::En => String::from($en),
        }
    };
}

impl Reason {
    pub fn zh(&self) -> String {
        self.text(Lang::Zh)
    }

    pub fn en(&self) -> String {
        self.text(Lang::En)
    }

    fn text(&self, l: Lang) -> String {
        use super::{MAX_ABS_VALUE, MAX_ID_CHARS};
        use crate::url::YEARS;
        use Reason::*;
        match self {
            EmptyFile => say!(l, "文件是空的", "the file is empty"),
            NoDataRows => say!(l, "文件中没有数据行", "the file has no data rows"),
            JsonShape {
                shape,
                line,
                column,
            } => say!(
                l,
                format!("JSON 结构错误（第{line}行第{column}列）：{}", shape.text(l)),
                format!("JSON structure (line {line}, column {column}): {}", shape.text(l))
            ),
            JsonSyntax {
                message,
                line,
                column,
            } => say!(
                l,
                format!("JSON 语法错误（第{line}行第{column}列）：{message}"),
                format!("JSON syntax (line {line}, column {column}): {message}")
            ),
            NotAnObject => say!(l, "应为 JSON 对象 {…}", "expected a JSON object {…}"),
            NotScalar => say!(l, "应为文字或数字", "expected text or a number"),
            UnknownKey(k) => say!(l, format!("未知的字段 {k}"), format!("unknown field {k}")),
            DuplicateKey(k) => say!(
                l,
                format!("字段 {k} 出现了两次"),
                format!("field {k} is given twice")
            ),
            SourceGiven => say!(
                l,
                "不能填写 source：导入的数据由导入程序标明来源",
                "source may not be given: the importer marks the source of imported figures"
            ),
            StaticFacts => say!(
                l,
                "导入文件不能包含区县静态数据（static_facts）",
                "an import cannot give a district's static facts"
            ),
            UnknownColumn(c) => say!(
                l,
                format!("未知的列 {c}（可用的列见 DATA.md“导入数据”）"),
                format!("unknown column {c} (the columns are listed in DATA.md, Importing data)")
            ),
            DuplicateColumn(c) => say!(
                l,
                format!("列 {c} 与前面的一列重复"),
                format!("column {c} repeats an earlier column")
            ),
            MissingColumn(c) => say!(
                l,
                format!("缺少必需的列 {c}"),
                format!("the required column {c} is missing")
            ),
            ExtraCells { cells, columns } => say!(
                l,
                format!("本行有 {cells} 个单元格，但表头只有 {columns} 列"),
                format!("the row has {cells} cells but the header only {columns} columns")
            ),
            CellWithoutHeader => say!(
                l,
                "没有表头的列中有内容",
                "a cell under a blank header is not empty"
            ),
            Required => say!(l, "必填", "required"),
            TooLong { chars, max } => say!(
                l,
                format!("太长：{chars} 个字符，最多 {max} 个"),
                format!("too long: {chars} characters, at most {max}")
            ),
            InvisibleCharacter(c) => say!(
                l,
                format!("含有不可见的控制字符 U+{:04X}", *c as u32),
                format!("contains the invisible control character U+{:04X}", *c as u32)
            ),
            Undecodable => say!(
                l,
                "含有无法解码的字符（U+FFFD）：请以 UTF-8 或 GBK 编码重新保存文件",
                "contains an undecodable character (U+FFFD): save the file again as UTF-8 or GBK"
            ),
            NotANumber(v) => say!(
                l,
                format!("不是数字：{v}（小数点用“.”，千位分隔符“,”只能每三位一个，单位写在单位列）"),
                format!("not a number: {v} (decimal point \".\", thousands separator \",\" every three digits only, the unit in the unit column)")
            ),
            NotFinite(v) => say!(
                l,
                format!("不是有限的数：{v}"),
                format!("not a finite number: {v}")
            ),
            NumberTooLarge(v) => say!(
                l,
                format!("数字太大：{v}（绝对值最大 {MAX_ABS_VALUE}）"),
                format!("number too large: {v} (the largest magnitude is {MAX_ABS_VALUE})")
            ),
            NotADate(v) => say!(
                l,
                format!("不是日期：{v}（应为 YYYY-MM-DD、YYYY-MM 或 YYYY）"),
                format!("not a date: {v} (YYYY-MM-DD, YYYY-MM or YYYY)")
            ),
            NoSuchDate(v) => say!(l, format!("日期不存在：{v}"), format!("no such date: {v}")),
            NotInSet { set, value } => say!(
                l,
                format!("{}不在可选值中：{value}（可选：{}）", set.zh(), set.choices()),
                format!("not a {}: {value} (one of: {})", set.en(), set.choices())
            ),
            YearInYearBasis(v) => say!(
                l,
                format!("年份依据应为 printed（年份见原文）或 inferred（推断），不是年份 {v}；年份写在起始日期和截止日期中"),
                format!("the year basis is printed or inferred, not the year {v}; put the year in period_start and period_end")
            ),
            BadFactId(v) => say!(
                l,
                format!("编号无效：{v}（最多 {MAX_ID_CHARS} 个字符，不含空格）"),
                format!("not a valid id: {v} (at most {MAX_ID_CHARS} characters, no spaces)")
            ),
            BadDistrictCode(v) => say!(
                l,
                format!("区县代码无效：{v}（应为六位国家行政区划代码 GB/T 2260，末两位不为 00）"),
                format!("not a district code: {v} (six digits of GB/T 2260, not ending in 00)")
            ),
            UnknownDistrict(v) => say!(
                l,
                format!("未知的区县：{v}（填写区县代码或准确的名称；新区县须在首次出现的行中填写 district_name_zh）"),
                format!("unknown district {v} (give its code or exact name; a new district needs district_name_zh in the first row that uses it)")
            ),
            BadIndicatorId(v) => say!(
                l,
                format!("指标代码无效：{v}（小写英文字母开头，只含小写字母、数字和下划线，最多 {MAX_ID_CHARS} 个字符）"),
                format!("not an indicator id: {v} (lower-case letters, digits and _, starting with a letter, at most {MAX_ID_CHARS} characters)")
            ),
            UnknownIndicator(v) => say!(
                l,
                format!("未知的指标：{v}（新指标须在首次出现的行中填写 indicator_name_zh 和 category）"),
                format!("unknown indicator {v} (a new indicator needs indicator_name_zh and category in the first row that uses it)")
            ),
            WithoutMain(main) => say!(
                l,
                format!("填写本列时须同时填写 {main}"),
                format!("this column needs {main} too")
            ),
            DefinitionConflict {
                defines,
                id,
                field,
                known,
                given,
                at,
            } => say!(
                l,
                format!(
                    "{} {id} 的 {field} 在{}中是 {known}，这里是 {given}",
                    defines.zh(),
                    at.zh()
                ),
                format!(
                    "{} {id} has {field} {known} in {}, but {given} here",
                    defines.en(),
                    at.en()
                )
            ),
            NameTaken { defines, name, id } => say!(
                l,
                format!("名称 {name} 已属于{} {id}", defines.zh()),
                format!("the name {name} is already {} {id}'s", defines.en())
            ),
            DefinitionFailed { defines, id, at } => say!(
                l,
                format!("{} {id} 的定义（{}）有错误", defines.zh(), at.zh()),
                format!("the definition of {} {id} ({}) has errors", defines.en(), at.en())
            ),
            DuplicateId { id, first } => say!(
                l,
                format!("编号 {id} 与{}重复", first.zh()),
                format!("id {id} is also used in {}", first.en())
            ),
            IdInData(id) => say!(
                l,
                format!("编号 {id} 已在现有数据中"),
                format!("id {id} is already in the existing data")
            ),
            UnitConflict {
                indicator,
                kind,
                unit,
                known,
                district,
                at,
            } => say!(
                l,
                format!(
                    "指标 {indicator} 的“{}”类数据在{}（{district}）用单位 {}，这里用 {}：同一指标同一类型在各区县须用同一单位",
                    kind.zh(),
                    at.zh(),
                    known.zh(),
                    unit.zh()
                ),
                format!(
                    "indicator {indicator}, kind {}, is in {} in {} ({district}) but in {} here: one unit per indicator and kind across districts",
                    kind.code(),
                    known.code(),
                    at.en(),
                    unit.code()
                )
            ),
            Rule(p) => say!(l, p.zh(), p.en()),
            Unreadable(m) => say!(
                l,
                format!("无法读取 CSV：{m}"),
                format!("the CSV cannot be read: {m}")
            ),
            QuoteNeverClosed { lines } => say!(
                l,
                format!("此单元格中的引号 \" 没有结束；其后 {lines} 行已按各自的行读取，本行只读到行尾：请补上结束引号"),
                format!("the quote \" opened in this cell is never closed; the {lines} lines after it were read as rows of their own and this row only to its line end: add the closing quote")
            ),
            QuoteSpansLines { lines } => say!(
                l,
                format!("此单元格中的引号 \" 直到 {lines} 行之后才结束，这 {lines} 行都被读进了这个单元格：可能缺少结束引号"),
                format!("the quote \" opened in this cell closes only {lines} lines further on, so those {lines} lines were read into this cell: a closing quote is probably missing")
            ),
            TextAfterQuote(v) => say!(
                l,
                format!("结束引号之后还有文字 {v}：含引号的单元格应整体用引号括起，内部的引号写成两个 \"\""),
                format!("text {v} after the closing quote: quote the whole cell and double any quote inside it (\"\")")
            ),
            TooManyRows { max } => say!(
                l,
                format!("文件超过 {max} 行：本浏览器中的查看器最多处理 {max} 行，请拆分文件后分别导入"),
                format!("the file has more than {max} rows; the explorer handles up to {max}: split the file and import the parts")
            ),
            YearOutOfRange(v) => say!(
                l,
                format!("年份超出范围：{v}（应在 {}—{} 年之间）", YEARS.start(), YEARS.end()),
                format!("year out of range: {v} (from {} to {})", YEARS.start(), YEARS.end())
            ),
            Dataset(m) => say!(
                l,
                format!("数据校验未通过：{m}"),
                format!("the data failed validation: {m}")
            ),
        }
    }
}

impl JsonShape {
    fn text(&self, l: Lang) -> String {
        use JsonShape::*;
        match self {
            EndsInsideValue => say!(
                l,
                "文件在字符串、对象或数组中间结束",
                "the file ends inside a string, object or array"
            ),
            UnexpectedChar(c) => say!(
                l,
                format!("意外的字符 {c:?}"),
                format!("unexpected character {c:?}")
            ),
            NotObjectOrArray => say!(
                l,
                "应为对象 {\"facts\": […]}（或只含数据的数组 […]）",
                "expected an object {\"facts\": […]} (or an array of facts […])"
            ),
            ExpectedColon => say!(l, "字段名后应为冒号 :", "expected : after a key"),
            ExpectedCommaOrEnd => say!(
                l,
                "应为逗号或结束括号",
                "expected a comma or a closing bracket"
            ),
            TextAfterEnd => say!(l, "结束之后还有内容", "text after the end of the JSON"),
            BadKey => say!(
                l,
                "字段名应为带引号的字符串",
                "expected a key in double quotes"
            ),
            NotAnArray(k) => say!(
                l,
                format!("{k} 应为数组 […]"),
                format!("{k} must be an array […]")
            ),
            UnknownKey(k) => say!(
                l,
                format!("未知的字段 {k}（只能有 districts、indicators、facts）"),
                format!("unknown key {k} (only districts, indicators and facts)")
            ),
            DuplicateKey(k) => say!(
                l,
                format!("字段 {k} 出现了两次"),
                format!("key {k} is given twice")
            ),
            NoFacts => say!(l, "缺少 facts 数组", "the facts array is missing"),
        }
    }
}

/// One reason the file, or one row of it, cannot be imported.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportError {
    pub location: Location,
    /// The column as the file's header names it (CSV), or the field's path inside the
    /// record (JSON: `period.start`); `None` for the row or the file as a whole.
    pub column: Option<String>,
    pub reason: Reason,
}

impl ImportError {
    /// The whole message in Chinese: `第12行“数值”列：不是数字：“abc”…`.
    pub fn zh(&self) -> String {
        match (&self.column, &self.location) {
            (Some(c), Location::Json { .. }) => {
                format!("{}.{c}：{}", self.location.zh(), self.reason.zh())
            }
            (Some(c), _) => format!("{}“{c}”列：{}", self.location.zh(), self.reason.zh()),
            (None, _) => format!("{}：{}", self.location.zh(), self.reason.zh()),
        }
    }
    /// The whole message in English: `row 12, column value: not a number: "abc" …`.
    pub fn en(&self) -> String {
        match (&self.column, &self.location) {
            (Some(c), Location::Json { .. }) => {
                format!("{}.{c}: {}", self.location.en(), self.reason.en())
            }
            (Some(c), _) => format!("{}, column {c}: {}", self.location.en(), self.reason.en()),
            (None, _) => format!("{}: {}", self.location.en(), self.reason.en()),
        }
    }
    /// In the language of the UI.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }
    /// Whether the error concerns the file as a whole (its shape, the CSV header), so
    /// that not even its valid rows can be imported.
    pub fn is_fatal(&self) -> bool {
        matches!(self.location, Location::File | Location::Row(1))
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

/// Errors kept of each kind (each `Reason` variant); the rest are only counted, so
/// that a file of millions of bad records holds a few hundred messages, not millions.
pub const ERRORS_PER_KIND: usize = 100;

/// The errors of an import as they are found: the first [`ERRORS_PER_KIND`] of each
/// kind, and a count of all.
#[derive(Clone, Debug, Default)]
pub struct ErrorLog {
    kept: Vec<ImportError>,
    per_kind: Vec<(std::mem::Discriminant<Reason>, usize)>,
    total: usize,
}

impl ErrorLog {
    pub fn push(&mut self, e: ImportError) {
        self.total += 1;
        let kind = std::mem::discriminant(&e.reason);
        let i = match self.per_kind.iter().position(|(k, _)| *k == kind) {
            Some(i) => i,
            None => {
                self.per_kind.push((kind, 0));
                self.per_kind.len() - 1
            }
        };
        self.per_kind[i].1 += 1;
        if self.per_kind[i].1 <= ERRORS_PER_KIND {
            self.kept.push(e);
        }
    }
    pub fn extend(&mut self, errors: impl IntoIterator<Item = ImportError>) {
        for e in errors {
            self.push(e);
        }
    }
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
    /// All errors, kept or not.
    pub fn total(&self) -> usize {
        self.total
    }
    /// The kept errors in file order, and the count of all.
    pub fn into_sorted(mut self) -> (Vec<ImportError>, usize) {
        self.kept.sort_by(|a, b| a.location.cmp(&b.location));
        (self.kept, self.total)
    }
}

/// Every error of an import, in file order, with the counts the UI shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// The errors kept: in file order, at most [`ERRORS_PER_KIND`] of each kind.
    pub errors: Vec<ImportError>,
    /// How many errors there are in all, kept or only counted.
    pub error_count: usize,
    /// Data rows (CSV) or facts (JSON) read, blank rows not counted.
    pub rows: usize,
    /// Rows without any error: those "import the valid rows" imports.
    pub valid_rows: usize,
    /// CSV rows with every cell empty, skipped.
    pub blank_rows: usize,
}

impl ImportReport {
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }
    /// The first `n` errors, to show at once.
    pub fn first(&self, n: usize) -> &[ImportError] {
        &self.errors[..n.min(self.errors.len())]
    }
    /// How many errors `first(n)` leaves out (kept or only counted).
    pub fn remaining(&self, n: usize) -> usize {
        self.error_count
            .max(self.errors.len())
            .saturating_sub(n.min(self.errors.len()))
    }
    /// Rows with at least one error: with the valid and the blank rows, every row read.
    pub fn invalid_rows(&self) -> usize {
        self.rows.saturating_sub(self.valid_rows)
    }
    /// Whether some error concerns the whole file, so nothing can be imported.
    pub fn has_fatal(&self) -> bool {
        self.errors.iter().any(ImportError::is_fatal)
    }
    /// Whether offering "import the valid rows" makes sense.
    pub fn can_import_valid_rows(&self) -> bool {
        !self.has_fatal() && self.valid_rows > 0
    }
    /// The first `n` messages, then one line counting the rest, in the UI's language.
    pub fn lines(&self, n: usize, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = self.first(n).iter().map(|e| e.message(lang)).collect();
        let rest = self.remaining(n);
        if rest > 0 {
            out.push(match lang {
                Lang::Zh => format!("另有 {rest} 个错误未列出"),
                Lang::En => format!("and {rest} more errors"),
            });
        }
        out
    }
}
