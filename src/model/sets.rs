//! The closed sets of the model, listed once: each value's code (as stored in JSON and
//! URLs) with its Chinese and English label, and each set's name, which the import's
//! messages give and whose codes they list as choices (`Set`, `Closed`).

use serde::{Deserialize, Serialize};

/// A closed set's values, read by code or label (the import).
pub trait Closed: Copy + 'static {
    const SET: Set;
    fn all() -> &'static [Self];
    fn code(self) -> &'static str;
    fn zh(self) -> &'static str;
    fn en(self) -> &'static str;
}

/// Each closed set stored as fixed strings, with a Chinese and an English label; and
/// `Set`, naming the sets.
macro_rules! closed_sets {
    ($($(#[$m:meta])* $name:ident $set_zh:literal $set_en:literal {
        $($variant:ident = $json:literal, $zh:literal, $en:literal;)*
    })*) => {
        $(
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
            impl Closed for $name {
                const SET: Set = Set::$name;
                fn all() -> &'static [Self] { $name::ALL }
                fn code(self) -> &'static str { $name::code(self) }
                fn zh(self) -> &'static str { $name::zh(self) }
                fn en(self) -> &'static str { $name::en(self) }
            }
        )*

        /// Which closed set a value must belong to.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Set { $($name,)* }

        impl Set {
            /// The set's name in Chinese, as a message gives it.
            pub fn zh(self) -> &'static str { match self { $(Set::$name => $set_zh,)* } }
            /// The set's name in English.
            pub fn en(self) -> &'static str { match self { $(Set::$name => $set_en,)* } }
            fn codes(self) -> Vec<&'static str> {
                match self { $(Set::$name => $name::ALL.iter().map(|v| v.code()).collect(),)* }
            }
        }
    };
}

impl Set {
    /// The codes of the set, as a message lists them (the first twelve units, and
    /// where to find the rest).
    pub fn choices(self) -> String {
        let codes = self.codes();
        match self {
            Set::Unit => format!("{} … (DATA.md §2.2)", codes[..12].join(", ")),
            _ => codes.join(", "),
        }
    }
}

closed_sets! {
    /// What sort of figure a fact is. Two facts of different kinds never share a bar.
    Kind "类型" "kind" {
        Level = "level", "数值", "level";
        Growth = "growth", "增速", "growth";
        Share = "share", "占比", "share";
        CountNew = "count_new", "新增数", "new in period";
        CountTotal = "count_total", "累计总数", "cumulative total";
        Target = "target", "目标", "target";
        Forecast = "forecast", "预计", "forecast";
        Rank = "rank", "排名", "rank";
    }

    /// The article's own hedge on a figure.
    Qualifier "限定词" "qualifier" {
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

    /// Indicator categories, the filter panel's first choice.
    Category "类别" "category" {
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

    /// Units as printed in the articles. A fact keeps the article's own unit.
    Unit "单位" "unit" {
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

    /// What a fact's subject is, when narrower than the district.
    SubjectType "对象类型" "subject type" {
        Company = "company", "企业", "company";
        Industry = "industry", "产业", "industry";
        Project = "project", "项目", "project";
        Park = "park", "园区", "park";
        Product = "product", "产品", "product";
        Platform = "platform", "平台", "platform";
        Sector = "sector", "行业", "sector";
        Other = "other", "其他", "other";
    }

    /// How finely a period is known.
    Precision "时间精度" "precision" {
        Day = "day", "日", "day";
        Month = "month", "月", "month";
        Months = "months", "数月", "months";
        Quarter = "quarter", "季度", "quarter";
        HalfYear = "half_year", "半年", "half year";
        Year = "year", "年", "year";
        MultiYear = "multi_year", "多年", "several years";
        AsOf = "as_of", "截至", "as of";
    }

    /// Whether the period's year is printed in the article or inferred from its date.
    YearBasis "年份依据" "year basis" {
        Printed = "printed", "年份见原文", "year printed";
        Inferred = "inferred", "年份系推断", "year inferred";
    }

    /// Chongqing's planning regions.
    Region "区域" "region" {
        CentralCity = "central_city", "中心城区", "central urban area";
        MainCityNew = "main_city_new", "主城新区", "new main-city districts";
        Northeast = "northeast", "渝东北三峡库区城镇群", "northeast Chongqing (Three Gorges reservoir)";
        Southeast = "southeast", "渝东南武陵山区城镇群", "southeast Chongqing (Wuling mountains)";
        // An imported district outside Chongqing's planning regions, or one the file gives no region.
        Unspecified = "unspecified", "未指定", "unspecified";
    }

    /// How sure the publication date estimate is.
    Confidence "可信度" "confidence" {
        High = "high", "高", "high";
        Medium = "medium", "中", "medium";
        Low = "low", "低", "low";
    }
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
