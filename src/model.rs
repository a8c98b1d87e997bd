//! The dataset's vocabulary: ids, closed sets and records, exactly as stored in
//! `static/data/*.json` (see DATA.md). Pure data: no I/O, no validation beyond
//! what serde enforces (closed sets reject unknown values).

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($($(#[$m:meta])* $name:ident),* $(,)?) => {$(
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);
        impl $name {
            pub fn as_str(&self) -> &str { &self.0 }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(&self.0) }
        }
        impl From<&str> for $name {
            fn from(s: &str) -> Self { Self(s.to_owned()) }
        }
    )*};
}

id_type!(
    /// A seed article's file name without `.txt`.
    SourceId,
    /// A GB/T 2260 administrative division code, e.g. `500155` for 梁平区.
    DistrictId,
    /// A stable snake_case concept id shared across districts.
    IndicatorId,
    /// `<source prefix>-<sequence>`, e.g. `004-017`.
    FactId,
);

/// A closed set stored as fixed strings, with a Chinese and an English label.
macro_rules! closed_set {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $json:literal, $zh:literal, $en:literal;)* }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $json)] $variant,)* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// The value as stored in JSON and URLs.
            pub fn code(self) -> &'static str { match self { $($name::$variant => $json,)* } }
            pub fn zh(self) -> &'static str { match self { $($name::$variant => $zh,)* } }
            pub fn en(self) -> &'static str { match self { $($name::$variant => $en,)* } }
            pub fn from_code(s: &str) -> Option<Self> { Self::ALL.iter().copied().find(|v| v.code() == s) }
        }
    };
}

impl Unit {
    /// What the unit measures and its size in that measure's base unit. Two units of
    /// one measure describe the same quantity (万元 and 亿元); a unit that shares its
    /// measure with no other is its own measure.
    pub fn measure(self) -> (&'static str, f64) {
        use Unit::*;
        match self {
            Yuan => ("money", 1.0),
            WanYuan => ("money", 1e4),
            YiYuan => ("money", 1e8),
            Ren | Ming => ("people", 1.0),
            WanRen => ("people", 1e4),
            Mu => ("area", 666.666_666_666_7),
            WanMu => ("area", 666.666_666_666_7e4),
            SqM => ("area", 1.0),
            WanSqM => ("area", 1e4),
            SqKm => ("area", 1e6),
            Dun => ("mass", 1.0),
            WanDun => ("mass", 1e4),
            DunPerYear => ("mass_per_year", 1.0),
            WanDunPerYear => ("mass_per_year", 1e4),
            Kw => ("power", 1.0),
            WanKw => ("power", 1e4),
            Mw => ("power", 1e3),
            Gw => ("power", 1e6),
            WanKwh => ("energy", 1e4),
            YiKwh => ("energy", 1e8),
            Gwh => ("energy", 1e6),
            Tce => ("coal_equivalent", 1.0),
            WanTce => ("coal_equivalent", 1e4),
            CubicM => ("volume", 1.0),
            WanCubicM => ("volume", 1e4),
            Tai => ("machines", 1.0),
            WanTai => ("machines", 1e4),
            Liang => ("vehicles", 1.0),
            WanLiang => ("vehicles", 1e4),
            Zhi => ("pieces", 1.0),
            WanZhi => ("pieces", 1e4),
            Pian => ("sheets", 1.0),
            WanPian => ("sheets", 1e4),
            Ge => ("units", 1.0),
            WanGe => ("units", 1e4),
            Miao => ("time", 1.0),
            Xiaoshi => ("time", 3600.0),
            Tian => ("time", 86400.0),
            GeYue => ("time", 2_629_746.0),
            Nian => ("time", 31_556_952.0),
            other => (other.code(), 1.0),
        }
    }
}

closed_set!(
    /// What sort of figure a fact is. Two facts of different kinds never share a bar.
    Kind {
        Level = "level", "数值", "level";
        Growth = "growth", "增速", "growth";
        Share = "share", "占比", "share";
        CountNew = "count_new", "新增数", "new in period";
        CountTotal = "count_total", "累计总数", "cumulative total";
        Target = "target", "目标", "target";
        Forecast = "forecast", "预计", "forecast";
        Rank = "rank", "排名", "rank";
    }
);

closed_set!(
    /// The article's own hedge on a figure.
    Qualifier {
        Chao = "超", "超", "over";
        ChaoGuo = "超过", "超过", "over";
        Jin = "近", "近", "nearly";
        JieJin = "接近", "接近", "nearly";
        Yu = "余", "余", "more than";
        Duo = "多", "多", "more than";
        YiShang = "以上", "以上", "at least";
        ZuoYou = "左右", "左右", "about";
        Yue = "约", "约", "about";
        KeDa = "可达", "可达", "up to";
        TuPo = "突破", "突破", "exceeding";
        YuOver = "逾", "逾", "over";
        Da = "达", "达", "reaching";
        BuZu = "不足", "不足", "under";
        YiNei = "以内", "以内", "within";
        ShangXia = "上下", "上下", "about";
        JiangJin = "将近", "将近", "nearly";
        LiZheng = "力争", "力争", "striving for";
        YuJi = "预计", "预计", "expected";
    }
);

impl Qualifier {
    /// Whether the hedge is written after the number (1700余万元, 5%以上).
    pub fn is_suffix(self) -> bool {
        matches!(
            self,
            Qualifier::Yu
                | Qualifier::Duo
                | Qualifier::YiShang
                | Qualifier::ZuoYou
                | Qualifier::YiNei
                | Qualifier::ShangXia
        )
    }
}

closed_set!(
    /// Indicator categories, the filter panel's first choice.
    Category {
        Output = "output", "产值与增长", "output";
        Investment = "investment", "投资", "investment";
        Enterprises = "enterprises", "企业", "enterprises";
        Innovation = "innovation", "创新", "innovation";
        SmartManufacturing = "smart_manufacturing", "智能制造", "smart manufacturing";
        GreenManufacturing = "green_manufacturing", "绿色制造", "green manufacturing";
        ProjectsAttraction = "projects_attraction", "项目与招商", "projects and attraction";
        FinanceSupport = "finance_support", "金融与扶持", "finance and support";
        Infrastructure = "infrastructure", "基础设施", "infrastructure";
        ParksLand = "parks_land", "园区与用地", "parks and land";
        TalentEmployment = "talent_employment", "人才与就业", "talent and employment";
        BusinessEnvironment = "business_environment", "营商环境", "business environment";
        TradeConsumption = "trade_consumption", "外贸与消费", "trade and consumption";
        Other = "other", "其他", "other";
    }
);

closed_set!(
    /// Units as printed in the articles. A fact keeps the article's own unit.
    Unit {
        YiYuan = "亿元", "亿元", "100 million yuan";
        WanYuan = "万元", "万元", "10,000 yuan";
        Yuan = "元", "元", "yuan";
        Percent = "%", "%", "%";
        PercentagePoint = "个百分点", "个百分点", "percentage points";
        Jia = "家", "家", "enterprises";
        Ge = "个", "个", "units";
        Xiang = "项", "项", "items";
        Ren = "人", "人", "people";
        WanRen = "万人", "万人", "10,000 people";
        RenCi = "人次", "人次", "person-times";
        Mu = "亩", "亩", "mu";
        WanMu = "万亩", "万亩", "10,000 mu";
        SqKm = "平方公里", "平方公里", "km²";
        Km = "公里", "公里", "km";
        WanDun = "万吨", "万吨", "10,000 tonnes";
        Dun = "吨", "吨", "tonnes";
        Bei = "倍", "倍", "times";
        Wei = "位", "位", "place";
        Jian = "件", "件", "pieces";
        Tiao = "条", "条", "lines";
        Tai = "台", "台", "machines";
        WanTai = "万台", "万台", "10,000 machines";
        Tao = "套", "套", "sets";
        Liang = "辆", "辆", "vehicles";
        WanLiang = "万辆", "万辆", "10,000 vehicles";
        SqM = "平方米", "平方米", "m²";
        WanSqM = "万平方米", "万平方米", "10,000 m²";
        Kw = "千瓦", "千瓦", "kW";
        WanKw = "万千瓦", "万千瓦", "10,000 kW";
        Mw = "兆瓦", "兆瓦", "MW";
        Tce = "吨标准煤", "吨标准煤", "tonnes of coal equivalent";
        WanTce = "万吨标准煤", "万吨标准煤", "10,000 tonnes of coal equivalent";
        CubicM = "立方米", "立方米", "m³";
        WanCubicM = "万立方米", "万立方米", "10,000 m³";
        Ci = "次", "次", "times";
        Pi = "批", "批", "batches";
        Suo = "所", "所", "institutions";
        Zuo = "座", "座", "facilities";
        Hu = "户", "户", "households";
        Ming = "名", "名", "people";
        Kuan = "款", "款", "models";
        YiYuanPerSqKm = "亿元/平方公里", "亿元/平方公里", "100 million yuan per km²";
        WanYuanPerMu = "万元/亩", "万元/亩", "10,000 yuan per mu";
        YiKwh = "亿千瓦时", "亿千瓦时", "100 million kWh";
        WanKwh = "万千瓦时", "万千瓦时", "10,000 kWh";
        Nian = "年", "年", "years";
        Tian = "天", "天", "days";
        Xiaoshi = "小时", "小时", "hours";
        JiaCi = "家次", "家次", "enterprise-times";
        Lei = "类", "类", "categories";
        Zhong = "种", "种", "kinds";
        Gw = "GW", "GW", "GW";
        Gwh = "GWh", "GWh", "GWh";
        DunPerYear = "吨/年", "吨/年", "tonnes per year";
        WanDunPerYear = "万吨/年", "万吨/年", "10,000 tonnes per year";
        WanSqMPerYear = "万平方米/年", "万平方米/年", "10,000 m² per year";
        Miao = "秒", "秒", "seconds";
        GeYue = "个月", "个月", "months";
        Zhi = "只", "只", "pieces";
        WanZhi = "万只", "万只", "10,000 pieces";
        Pian = "片", "片", "pieces";
        WanPian = "万片", "万片", "10,000 pieces";
        WanGe = "万个", "万个", "10,000 units";
    }
);

closed_set!(
    /// What a fact's subject is, when narrower than the district.
    SubjectType {
        Company = "company", "企业", "company";
        Industry = "industry", "产业", "industry";
        Project = "project", "项目", "project";
        Park = "park", "园区", "park";
        Product = "product", "产品", "product";
        Platform = "platform", "平台", "platform";
        Sector = "sector", "行业", "sector";
        Other = "other", "其他", "other";
    }
);

closed_set!(
    /// How finely a period is known.
    Precision {
        Day = "day", "日", "day";
        Month = "month", "月", "month";
        Months = "months", "数月", "months";
        Quarter = "quarter", "季度", "quarter";
        HalfYear = "half_year", "半年", "half year";
        Year = "year", "年", "year";
        MultiYear = "multi_year", "多年", "several years";
        AsOf = "as_of", "截至", "as of";
    }
);

closed_set!(
    /// Whether the period's year is printed in the article or inferred from its date.
    YearBasis {
        Printed = "printed", "年份见原文", "year printed";
        Inferred = "inferred", "年份系推断", "year inferred";
    }
);

closed_set!(
    /// Chongqing's planning regions.
    Region {
        CentralCity = "central_city", "中心城区", "central urban area";
        MainCityNew = "main_city_new", "主城新区", "new main-city districts";
        Northeast = "northeast", "渝东北三峡库区城镇群", "northeast Chongqing (Three Gorges reservoir)";
        Southeast = "southeast", "渝东南武陵山区城镇群", "southeast Chongqing (Wuling mountains)";
        // An imported district outside Chongqing's planning regions, or one the file gives no region.
        Unspecified = "unspecified", "未指定", "unspecified";
    }
);

closed_set!(
    /// How sure the publication date estimate is.
    Confidence {
        High = "high", "高", "high";
        Medium = "medium", "中", "medium";
        Low = "low", "低", "low";
    }
);

/// The English name of a rank's comparison group as printed (`rank_group`), for the
/// groups the articles use; `None` for any other (an import's own group is shown as given).
pub fn rank_group_en(zh: &str) -> Option<&'static str> {
    Some(match zh {
        "区县" => "Chongqing's districts and counties",
        "全市" => "Chongqing",
        "主城区" => "Chongqing's central districts",
        "渝东北" => "northeast Chongqing",
        "全国" => "China",
        "全球" => "the world",
        _ => return None,
    })
}

/// A calendar date, stored as `YYYY-MM-DD`. Ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("date {s:?} is not YYYY-MM-DD");
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let year: i32 = s[0..4].parse().map_err(|_| bad())?;
        let month: u8 = s[5..7].parse().map_err(|_| bad())?;
        let day: u8 = s[8..10].parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(format!("date {s:?} does not exist"));
        }
        Ok(Date { year, month, day })
    }
}

/// The number of days of a month (1–12) in a year of the Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// When a figure applies, and how we know.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub start: Date,
    pub end: Date,
    pub precision: Precision,
    /// The period words as printed (今年1—10月, 2022年, 截至目前), possibly empty.
    pub label: String,
    pub year: YearBasis,
    /// How the period was read, in Chinese and in English; both required when the year
    /// is inferred, and both or neither in the embedded data. An import may give one
    /// note in either language (it fills both).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_en: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Subject {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    #[serde(rename = "type")]
    pub kind: SubjectType,
}

/// One figure printed in one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: FactId,
    pub source: SourceId,
    pub district: DistrictId,
    #[serde(default)]
    pub subject: Option<Subject>,
    pub indicator: IndicatorId,
    pub value: f64,
    /// The figure as printed when it is not the plain digits of |value| (四分之一, 两, 1.2万).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_text: Option<String>,
    pub unit: Unit,
    pub kind: Kind,
    /// The comparison group of a rank (渝东北, 区县, 全市).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank_group: Option<String>,
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    pub period: Period,
    pub quote: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: IndicatorId,
    pub name_zh: String,
    pub name_en: String,
    pub category: Category,
    /// The unit of levels and counts; growth and shares are in %.
    pub unit: Unit,
    /// What the indicator counts, in Chinese (written for a Chinese reader) and in
    /// English (`definition`). An imported indicator's one definition serves both.
    #[serde(default)]
    pub definition_zh: String,
    pub definition: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaticFact {
    pub label_zh: String,
    pub label_en: String,
    pub value: f64,
    pub unit: Unit,
    pub source: SourceId,
    pub quote: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    pub id: DistrictId,
    pub name_zh: String,
    pub name_en: String,
    pub region: Region,
    #[serde(default)]
    pub static_facts: Vec<StaticFact>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedEstimate {
    pub from: Date,
    pub to: Date,
    pub label_zh: String,
    pub label_en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: SourceId,
    pub headline: String,
    pub district: DistrictId,
    pub published: PublishedEstimate,
    /// Why we date the article so, in Chinese and in English.
    pub date_evidence_zh: String,
    pub date_evidence_en: String,
    pub date_confidence: Confidence,
    /// A file the user imported (`crate::import`), not an article: `headline` is the
    /// file name, `published` the day of the import, and `district` the one district
    /// its figures are about, or empty when they cover several. Its facts may have an
    /// empty quote. Absent from the embedded JSON (false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub imported: bool,
}

/// A field of a [`Fact`] that a validation rule can find at fault (the importer shows
/// the error in that field's column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactField {
    Source,
    District,
    Indicator,
    Value,
    ValueText,
    Unit,
    RankGroup,
    PeriodEnd,
    PeriodNote,
    Quote,
}
