//! What went wrong, where: `ImportError` (a location, a column and a reason) and
//! `ImportReport`. Messages are data: one (Chinese, English) template per reason, its
//! values put in at `{0}`, `{1}`, ….

use super::fields::{MAX_ABS_VALUE, MAX_ID_CHARS};
use crate::dataset::FactProblem;
use crate::i18n::{pick, Lang, Text};
use crate::model::{Kind, Set, Unit};
use crate::url::YEARS;
use std::fmt;
use std::mem::{discriminant, Discriminant};

/// The top-level arrays of a JSON import, in the order their records are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum JsonArray {
    Districts,
    Indicators,
    Facts,
}

impl JsonArray {
    pub const ALL: [JsonArray; 3] = [Self::Districts, Self::Indicators, Self::Facts];
    pub fn key(self) -> &'static str {
        ["districts", "indicators", "facts"][self as usize]
    }
}

/// Declares an enum whose variants word themselves, one a line: the variant, its
/// (Chinese, English) template and the values put in at `{0}`, `{1}`, … in the
/// language named before the variants (`text`).
macro_rules! worded {
    ($(#[$m:meta])* $name:ident, $l:ident; $(
        $(#[$vm:meta])* $v:ident $(($t:ident: $tt:ty))? $({$($f:ident: $ft:ty),*})?
            => $zh:literal, $en:literal $(, $value:expr)*;
    )*) => {
        $(#[$m])*
        pub enum $name { $($(#[$vm])* $v $(($tt))? $({$($f: $ft),*})?,)* }

        impl $name {
            /// The message in the language.
            pub fn text(&self, $l: Lang) -> String {
                let (zh, en, values): (_, _, Vec<String>) = match self {
                    $($name::$v $(($t))? $({$($f),*})? => ($zh, $en, vec![$($value.to_string()),*]),)*
                };
                let values: Vec<&str> = values.iter().map(String::as_str).collect();
                Text { zh, en }.fill($l, &values)
            }
        }
    };
}

worded! {
    /// Where an error is, ordered as the file is: the file as a whole, then CSV rows (as
    /// a spreadsheet numbers them: the header is row 1), or JSON elements (`facts[12]`).
    #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    Location, l;
    File => "文件", "file";
    Row(n: usize) => "第{0}行", "row {0}", n;
    Json { array: JsonArray, index: usize } => "{0}[{1}]", "{0}[{1}]", array.key(), index;
}

impl Location {
    pub fn is_json(&self) -> bool {
        matches!(self, Location::Json { .. })
    }
}

worded! {
    /// Where something the error refers to already is.
    #[derive(Clone, Debug, PartialEq, Eq)]
    Origin, l;
    /// The dataset the import joins (the articles, or an earlier import).
    Data => "现有数据", "the existing data";
    /// Chongqing's list of districts (`gazetteer`).
    Gazetteer => "重庆市行政区划", "Chongqing's list of districts";
    At(at: Location) => "{0}", "{0}", at.text(l);
}

worded! {
    /// A problem with the JSON's outline (outside any record).
    #[derive(Clone, Debug, PartialEq, Eq)]
    JsonShape, l;
    EndsInsideValue => "文件在字符串、对象或数组中间结束", "the file ends inside a string, object or array";
    UnexpectedChar(c: char) => "意外的字符 {0}", "unexpected character {0}", format!("{c:?}");
    NotObjectOrArray => "应为对象 {\"facts\": […]}（或只含数据的数组 […]）", "expected an object {\"facts\": […]} (or an array of facts […])";
    ExpectedColon => "字段名后应为冒号 :", "expected : after a key";
    ExpectedCommaOrEnd => "应为逗号或结束括号", "expected a comma or a closing bracket";
    TextAfterEnd => "结束之后还有内容", "text after the end of the JSON";
    BadKey => "字段名应为带引号的字符串", "expected a key in double quotes";
    NotAnArray(k: String) => "{0} 应为数组 […]", "{0} must be an array […]", k;
    UnknownKey(k: String) => "未知的字段 {0}（只能有 districts、indicators、facts）", "unknown key {0} (only districts, indicators and facts)", k;
    DuplicateKey(k: String) => "字段 {0} 出现了两次", "key {0} is given twice", k;
    NoFacts => "缺少 facts 数组", "the facts array is missing";
}

worded! {
    /// What a definition defines.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    Defines, l;
    District => "区县", "district";
    Indicator => "指标", "indicator";
}

/// A closed-set value as a message names it: by label in Chinese, by code in English.
fn code<T: crate::model::Closed>(v: T, l: Lang) -> &'static str {
    pick(l, v.zh(), v.code())
}

worded! {
    /// Why a file, a row or a cell is rejected. Values from the file are kept as
    /// `cells::shown` shows them (truncated, invisible characters escaped).
    #[derive(Clone, Debug, PartialEq)]
    Reason, l;
    EmptyFile => "文件是空的", "the file is empty";
    NoDataRows => "文件中没有数据行", "the file has no data rows";
    /// Line and column of the file.
    JsonShape { shape: JsonShape, line: usize, column: usize } => "JSON 结构错误（第{0}行第{1}列）：{2}", "JSON structure (line {0}, column {1}): {2}", line, column, shape.text(l);
    /// serde_json's message; line and column of the file.
    JsonSyntax { message: String, line: usize, column: usize } => "JSON 语法错误（第{0}行第{1}列）：{2}", "JSON syntax (line {0}, column {1}): {2}", line, column, message;
    NotAnObject => "应为 JSON 对象 {…}", "expected a JSON object {…}";
    NotScalar => "应为文字或数字", "expected text or a number";
    UnknownKey(k: String) => "未知的字段 {0}", "unknown field {0}", k;
    DuplicateKey(k: String) => "字段 {0} 出现了两次", "field {0} is given twice", k;
    SourceGiven => "不能填写 source：导入的数据由导入程序标明来源", "source may not be given: the importer marks the source of imported figures";
    StaticFacts => "导入文件不能包含区县静态数据（static_facts）", "an import cannot give a district's static facts";
    UnknownColumn(c: String) => "未知的列 {0}（可用的列见 DATA.md“导入数据”）", "unknown column {0} (the columns are listed in DATA.md, Importing data)", c;
    DuplicateColumn(c: String) => "列 {0} 与前面的一列重复", "column {0} repeats an earlier column", c;
    MissingColumn(c: &'static str) => "缺少必需的列 {0}", "the required column {0} is missing", c;
    ExtraCells { cells: usize, columns: usize } => "本行有 {0} 个单元格，但表头只有 {1} 列", "the row has {0} cells but the header only {1} columns", cells, columns;
    CellWithoutHeader => "没有表头的列中有内容", "a cell under a blank header is not empty";
    Required => "必填", "required";
    TooLong { chars: usize, max: usize } => "太长：{0} 个字符，最多 {1} 个", "too long: {0} characters, at most {1}", chars, max;
    InvisibleCharacter(c: char) => "含有不可见的控制字符 U+{0}", "contains the invisible control character U+{0}", format!("{:04X}", *c as u32);
    /// U+FFFD: the file was decoded with the wrong encoding.
    Undecodable => "含有无法解码的字符（U+FFFD）：请以 UTF-8 或 GBK 编码重新保存文件", "contains an undecodable character (U+FFFD): save the file again as UTF-8 or GBK";
    NotANumber(v: String) => "不是数字：{0}（小数点用“.”，千位分隔符“,”只能每三位一个，单位写在单位列）", "not a number: {0} (decimal point \".\", thousands separator \",\" every three digits only, the unit in the unit column)", v;
    NotFinite(v: String) => "不是有限的数：{0}", "not a finite number: {0}", v;
    NumberTooLarge(v: String) => "数字太大：{0}（绝对值最大 {1}）", "number too large: {0} (the largest magnitude is {1})", v, MAX_ABS_VALUE;
    NotADate(v: String) => "不是日期：{0}（应为 YYYY-MM-DD、YYYY-MM 或 YYYY）", "not a date: {0} (YYYY-MM-DD, YYYY-MM or YYYY)", v;
    NoSuchDate(v: String) => "日期不存在：{0}", "no such date: {0}", v;
    NotInSet { set: Set, value: String } => "{0}不在可选值中：{1}（可选：{2}）", "not a {0}: {1} (one of: {2})", pick(l, set.zh(), set.en()), value, set.choices();
    YearInYearBasis(v: String) => "年份依据应为 printed（年份见原文）或 inferred（推断），不是年份 {0}；年份写在起始日期和截止日期中", "the year basis is printed or inferred, not the year {0}; put the year in period_start and period_end", v;
    BadFactId(v: String) => "编号无效：{0}（最多 {1} 个字符，不含空格）", "not a valid id: {0} (at most {1} characters, no spaces)", v, MAX_ID_CHARS;
    BadDistrictCode(v: String) => "区县代码无效：{0}（应为六位国家行政区划代码 GB/T 2260，末两位不为 00）", "not a district code: {0} (six digits of GB/T 2260, not ending in 00)", v;
    UnknownDistrict(v: String) => "未知的区县：{0}（填写区县代码或准确的名称；新区县须在首次出现的行中填写 district_name_zh）", "unknown district {0} (give its code or exact name; a new district needs district_name_zh in the first row that uses it)", v;
    BadIndicatorId(v: String) => "指标代码无效：{0}（小写英文字母开头，只含小写字母、数字和下划线，最多 {1} 个字符）", "not an indicator id: {0} (lower-case letters, digits and _, starting with a letter, at most {1} characters)", v, MAX_ID_CHARS;
    UnknownIndicator(v: String) => "未知的指标：{0}（新指标须在首次出现的行中填写 indicator_name_zh 和 category）", "unknown indicator {0} (a new indicator needs indicator_name_zh and category in the first row that uses it)", v;
    /// A field given without the one it belongs to (subject_en without subject).
    WithoutMain(main: &'static str) => "填写本列时须同时填写 {0}", "this column needs {0} too", main;
    DefinitionConflict { defines: Defines, id: String, field: &'static str, known: String, given: String, at: Origin } => "{0} {1} 的 {2} 在{5}中是 {3}，这里是 {4}", "{0} {1} has {2} {3} in {5}, but {4} here", defines.text(l), id, field, known, given, at.text(l);
    NameTaken { defines: Defines, name: String, id: String } => "名称 {0} 已属于{1} {2}", "the name {0} is already {1} {2}'s", name, defines.text(l), id;
    /// A reference to a district or indicator whose definition has errors.
    DefinitionFailed { defines: Defines, id: String, at: Location } => "{0} {1} 的定义（{2}）有错误", "the definition of {0} {1} ({2}) has errors", defines.text(l), id, at.text(l);
    DuplicateId { id: String, first: Location } => "编号 {0} 与{1}重复", "id {0} is also used in {1}", id, first.text(l);
    IdInData(id: String) => "编号 {0} 已在现有数据中", "id {0} is already in the existing data", id;
    /// One unit per (indicator, kind) across districts.
    UnitConflict { indicator: String, kind: Kind, unit: Unit, known: Unit, district: String, at: Origin } => "指标 {0} 的“{1}”类数据在{2}（{3}）用单位 {4}，这里用 {5}：同一指标同一类型在各区县须用同一单位", "indicator {0}, kind {1}, is in {4} in {2} ({3}) but in {5} here: one unit per indicator and kind across districts",
        indicator, code(*kind, l), at.text(l), district, code(*known, l), code(*unit, l);
    /// A rule of the dataset (`dataset::fact_problems`), which words itself.
    Rule(p: FactProblem) => "{0}", "{0}", p.text(l);
    QuoteNeverClosed { lines: usize } => "此单元格中的引号 \" 没有结束；其后 {0} 行已按各自的行读取，本行只读到行尾：请补上结束引号", "the quote \" opened in this cell is never closed; the {0} lines after it were read as rows of their own and this row only to its line end: add the closing quote", lines;
    QuoteSpansLines { lines: usize } => "此单元格中的引号 \" 直到 {0} 行之后才结束，这 {0} 行都被读进了这个单元格：可能缺少结束引号", "the quote \" opened in this cell closes only {0} lines further on, so those {0} lines were read into this cell: a closing quote is probably missing", lines;
    TextAfterQuote(v: String) => "结束引号之后还有文字 {0}：含引号的单元格应整体用引号括起，内部的引号写成两个 \"\"", "text {0} after the closing quote: quote the whole cell and double any quote inside it (\"\")", v;
    TooManyRows { max: usize } => "文件超过 {0} 行：本浏览器中的查看器最多处理 {0} 行，请拆分文件后分别导入", "the file has more than {0} rows; the explorer handles up to {0}: split the file and import the parts", max;
    YearOutOfRange(v: String) => "年份超出范围：{0}（应在 {1}—{2} 年之间）", "year out of range: {0} (from {1} to {2})", v, YEARS.start(), YEARS.end();
    /// The assembled dataset failed validation: a safety net behind the checks above.
    Dataset(m: String) => "数据校验未通过：{0}", "the data failed validation: {0}", m;
}

impl Reason {
    pub fn zh(&self) -> String {
        self.text(Lang::Zh)
    }
    pub fn en(&self) -> String {
        self.text(Lang::En)
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
    pub fn new(location: Location, column: Option<String>, reason: Reason) -> ImportError {
        ImportError { location, column, reason }
    }
    /// An error about the file as a whole.
    pub fn file(reason: Reason) -> ImportError {
        ImportError::new(Location::File, None, reason)
    }
    /// `第12行“数值”列：不是数字：“abc”…`.
    pub fn zh(&self) -> String {
        self.message(Lang::Zh)
    }
    /// `row 12, column value: not a number: "abc" …`.
    pub fn en(&self) -> String {
        self.message(Lang::En)
    }
    pub fn message(&self, l: Lang) -> String {
        let (zh, en) = match (&self.column, self.location.is_json()) {
            (Some(_), true) => ("{0}.{1}：{2}", "{0}.{1}: {2}"),
            (Some(_), false) => ("{0}“{1}”列：{2}", "{0}, column {1}: {2}"),
            (None, _) => ("{0}：{2}", "{0}: {2}"),
        };
        let (at, why) = (self.location.text(l), self.reason.text(l));
        let column = self.column.as_deref().unwrap_or_default();
        Text { zh, en }.fill(l, &[&at, column, &why])
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
    per_kind: Vec<(Discriminant<Reason>, usize)>,
    total: usize,
}

impl ErrorLog {
    pub fn push(&mut self, e: ImportError) {
        self.total += 1;
        let kind = discriminant(&e.reason);
        let seen = match self.per_kind.iter().position(|(k, _)| *k == kind) {
            Some(i) => &mut self.per_kind[i].1,
            None => &mut self.per_kind.push_mut((kind, 0)).1,
        };
        *seen += 1;
        if *seen <= ERRORS_PER_KIND {
            self.kept.push(e);
        }
    }
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
    /// The kept errors in file order, and the count of all.
    pub fn into_sorted(mut self) -> (Vec<ImportError>, usize) {
        crate::order::by(&mut self.kept, |a, b| a.location.cmp(&b.location));
        (self.kept, self.total)
    }
}

/// Every error of an import, in file order, with the counts the UI shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// The errors kept: in file order, at most [`ERRORS_PER_KIND`] of each kind.
    pub errors: Vec<ImportError>,
    /// All errors, kept or only counted.
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
    pub fn first(&self, n: usize) -> &[ImportError] {
        &self.errors[..n.min(self.errors.len())]
    }
    /// How many errors `first(n)` leaves out (kept or only counted).
    pub fn remaining(&self, n: usize) -> usize {
        let kept = self.errors.len();
        self.error_count.max(kept).saturating_sub(n.min(kept))
    }
    /// Rows with at least one error.
    pub fn invalid_rows(&self) -> usize {
        self.rows.saturating_sub(self.valid_rows)
    }
    /// Whether some error concerns the whole file, so nothing can be imported.
    pub fn has_fatal(&self) -> bool {
        self.errors.iter().any(ImportError::is_fatal)
    }
    pub fn can_import_valid_rows(&self) -> bool {
        !self.has_fatal() && self.valid_rows > 0
    }
    /// The first `n` messages, then one line counting the rest.
    pub fn lines(&self, n: usize, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = self.first(n).iter().map(|e| e.message(lang)).collect();
        let rest = self.remaining(n);
        if rest > 0 {
            let (zh, en) = ("另有 {0} 个错误未列出", "and {0} more errors");
            out.push(Text { zh, en }.fill(lang, &[&rest.to_string()]));
        }
        out
    }
}
