//! The two languages of the UI: Chinese first, English second. Core text that reaches
//! the screen (chart titles, notes, labels) is chosen here by `Lang`.

use crate::dataset::Dataset;
use crate::model::*;

/// The UI language: Chinese first (the default), English second.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// The Chinese or English of a pair.
pub fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

pub fn district_name<'a>(ds: &'a Dataset, id: &'a DistrictId, lang: Lang) -> &'a str {
    ds.district(id).map_or(id.as_str(), |d| pick(lang, &d.name_zh, &d.name_en))
}

pub fn indicator_name<'a>(ds: &'a Dataset, id: &'a IndicatorId, lang: Lang) -> &'a str {
    ds.indicator(id).map_or(id.as_str(), |i| pick(lang, &i.name_zh, &i.name_en))
}

pub fn kind(k: Kind, lang: Lang) -> &'static str {
    pick(lang, k.zh(), k.en())
}

pub fn unit(u: Unit, lang: Lang) -> &'static str {
    pick(lang, u.zh(), u.en())
}

pub fn category(c: Category, lang: Lang) -> &'static str {
    pick(lang, c.zh(), c.en())
}

/// A subject's name in the language, falling back to the Chinese as printed.
pub fn subject_name(s: &Subject, lang: Lang) -> &str {
    match (lang, &s.name_en) {
        (Lang::En, Some(en)) if !en.is_empty() => en,
        _ => &s.name,
    }
}

/// Joins a list the way each language does (、 or ", ").
pub fn join(lang: Lang, items: &[String]) -> String {
    items.join(pick(lang, "、", ", "))
}

/// A UI string in both languages. `{}` marks a value filled in by `fill`, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Text {
    pub fn get(self, lang: Lang) -> &'static str {
        pick(lang, self.zh, self.en)
    }
    /// The text with each `{}` replaced by the next argument and each `{N}` by the
    /// argument at index N (for a language that puts the values in another order).
    /// A missing argument is left out; a `{` not closing a placeholder is kept.
    pub fn fill(self, lang: Lang, args: &[&str]) -> String {
        let mut out = String::new();
        let mut next = 0;
        let mut rest = self.get(lang);
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            if after[digits..].starts_with('}') {
                let index = if digits == 0 {
                    next += 1;
                    next - 1
                } else {
                    after[..digits].parse().unwrap_or(usize::MAX)
                };
                out.push_str(args.get(index).copied().unwrap_or(""));
                rest = &after[digits + 1..];
            } else {
                out.push('{');
                rest = after;
            }
        }
        out.push_str(rest);
        out
    }
}

macro_rules! texts {
    ($($name:ident = $zh:literal, $en:literal;)*) => {
        /// Every UI string; `ALL` lets a test prove each has both languages.
        pub mod t {
            use super::Text;
            $(pub const $name: Text = Text { zh: $zh, en: $en };)*
            pub const ALL: &[(&str, Text)] = &[$((stringify!($name), $name),)*];
        }
    };
}

texts! {
    APP_TITLE = "重庆区县工业发展数据浏览器", "Chongqing District Industry Explorer";
    APP_TITLE_SHORT = "重庆区县工业数据浏览器", "Chongqing Industry Explorer";
    LEDE = "{}个区县、{}条数据，全部摘自{}篇新闻报道，每个数字都附原文出处。", "{} districts and {} figures, all taken from {} news articles; every number comes with the sentence it was printed in.";
    SKIP = "跳到主要内容", "Skip to main content";
    THEME = "主题", "Theme";
    THEME_AUTO = "跟随系统", "System";
    THEME_LIGHT = "浅色", "Light";
    THEME_DARK = "深色", "Dark";
    THEME_CONTRAST = "高对比度", "High contrast";
    LARGE_TEXT = "大字", "Large text";
    LANG_SWITCH = "English", "中文";
    EMBED = "嵌入", "Embed";
    VIEWS = "视图", "Views";
    VIEW_COMPARE = "区县对比", "Compare";
    VIEW_PROFILE = "区县概况", "District profile";
    VIEW_TREND = "趋势", "Trends";
    VIEW_TARGETS = "目标与实际", "Targets vs actuals";
    VIEW_BREAKDOWN = "细分", "Breakdown";
    VIEW_SOURCES = "来源文章", "Sources";
    HOW_TO = "图中每个柱条或数据点都可以点按，或用 Tab 键选中后按回车，查看原文出处。", "Click any bar or point, or reach it with Tab and press Enter, to see the sentence it comes from.";
    FOCUSED = "当前：{}（按回车查看出处）", "Selected: {} (press Enter for its source)";
    CLOSE = "关闭", "Close";
    DISMISS = "知道了", "Dismiss";
    OPEN_FULL = "在完整浏览器中打开 ↗", "Open in the full explorer ↗";
    EMBED_TITLE = "嵌入当前视图", "Embed this view";
    EMBED_HELP = "把下面的代码放进网页，即可嵌入当前视图；框架高度会随内容自动调整。", "Paste this code into a web page to embed the current view; the frame's height follows its content.";
    EMBED_CODE = "嵌入代码", "Embed code";
    FOOTER = "数字均为报道原文所载；“年份系推断”表示原文只写“今年”“去年”等，年份按报道日期推定。", "Every number is as printed in the articles. “Year inferred” means the article only says “this year” or “last year”, and the year was read from the article's date.";
    OFFLINE_LINK = "下载离线版（单个 HTML 文件，断网也能用）", "Download the offline copy (one HTML file that works without a network)";
    DATA_INVALID = "数据未通过校验，无法显示", "The data failed validation and cannot be shown";
    FILTERS = "筛选", "Filters";
    DISTRICTS_LEGEND = "区县（可多选，不选即全部）", "Districts (choose any; none means all)";
    CATEGORY = "指标类别", "Category";
    ALL_CATEGORIES = "全部类别", "All categories";
    INDICATOR = "指标", "Indicator";
    ALL_INDICATORS = "全部指标", "All indicators";
    YEAR = "年份（时期所涉年份）", "Year (any part of the period)";
    ALL_YEARS = "全部年份", "All years";
    YEAR_VALUE = "{}年", "{}";
    KIND = "数据类型", "Kind of figure";
    ALL_KINDS = "全部类型", "All kinds";
    SEARCH = "搜索（指标、对象、原文）", "Search (indicators, subjects, quotes)";
    SEARCH_PLACEHOLDER = "如：高新技术、华峰、绿色工厂", "e.g. high-tech, 华峰, green factories";
    CLEAR_FILTERS = "清除筛选", "Clear filters";
    CLEAR_ALL_FILTERS = "清除全部筛选", "Clear all filters";
    COL_DISTRICT = "区县", "District";
    COL_INDICATOR = "指标", "Indicator";
    COL_VALUE = "数值", "Value";
    COL_PERIOD = "时期", "Period";
    COL_KIND = "类型", "Kind";
    COL_SOURCE = "来源", "Source";
    COL_QUOTE = "出处", "Quote";
    TABLE_CAPTION = "共 {} 条数据。点击表头排序，点击“原文”查看出处。", "{} figures. Click a column header to sort, “Quote” to see where a figure comes from.";
    INFERRED_MARK = "（推断）", " (inferred)";
    INFERRED_TITLE = "年份系推断", "Year inferred";
    SHOW_QUOTE = "原文", "Quote";
    HIDE_QUOTE = "收起", "Hide";
    ARTICLE = "文章", "Article";
    ARTICLE_LINE = "《{}》（{}，发布日期估计：{}）", "《{}》 ({}, published about {})";
    PERIOD = "时期", "Period";
    DEFINITION = "指标定义", "Definition";
    PUBLISHED = "发布日期（估计）", "Published (estimated)";
    PUBLISHED_LINE = "{}（可信度：{}）", "{} (confidence: {})";
    PUBLISHED_RANGE = "{}（{} 至 {}，可信度：{}）", "{} ({} to {}, confidence: {})";
    DATE_EVIDENCE = "日期依据", "Date evidence";
    QUALIFIER_NOTE = "；原文限定词“{}”", "; hedged in the article as “{}”";
    SUBJECT = "对象", "Subject";
    FACT_ID = "数据编号", "Figure id";
    COMPARE_HEADING = "区县对比", "Compare districts";
    AUTO_SELECTED = "未选择指标，先显示报道区县最多的指标；各区县的时期不尽相同。可在筛选中另选指标。", "No indicator chosen: showing the one reported by the most districts, though not all for the same period. Choose another in the filters.";
    AUTO_SELECTED_SAME = "未选择指标，先显示几个区县都报道了同一时期数据的指标。可在筛选中另选指标。", "No indicator chosen: showing one that several districts report for the same period. Choose another in the filters.";
    PERIOD_MODE = "时期不同时", "When periods differ";
    LATEST = "各区取最新一期", "Latest figure per district";
    SAME_PERIOD = "只比较同一时期", "Same period only";
    NOTHING_TO_COMPARE = "当前筛选下没有可在区县间比较的全区数据。", "Nothing district-wide to compare with these filters.";
    TABLE_HEADING = "数据表", "Table";
    NO_ROWS = "没有符合筛选条件的数据。", "No figures match these filters.";
    PROFILE_HEADING = "区县概况：{}", "District profile: {}";
    CHOOSE_DISTRICT = "选择区县", "District";
    HEADLINE = "主要数字", "Headline figures";
    SOURCE_ARTICLES = "来源文章：", "Articles: ";
    CATEGORY_ALL = "本类全部{}条数据", "All {} figures in this category";
    CHART_DATA = "图中数据", "Figures in the charts";
    CHART_DATA_COUNT = "图中数据（{}条，可排序、导出）", "The charts' figures ({}; sort and export)";
    TREND_SINGLES = "只有一个时期的数据（{}条，不作图）", "Figures with only one period ({}, not charted)";
    BREAKDOWN_SINGLES = "同类只有一项的数据（{}条，不作图）", "Figures with nothing of their kind to compare ({}, not charted)";
    UNPAIRED_CAPTION = "没有同口径实际数据可对照的目标和预计（{}项）", "Targets and forecasts with no actual of the same measure ({})";
    MORE = "更多", "More";
    SETTINGS = "设置与工具", "Settings and tools";
    FILTERS_COUNT = "筛选（{}）", "Filters ({})";
    ACTIVE_FILTERS = "当前筛选条件", "Active filters";
    REMOVE_FILTER = "移除筛选条件：{}", "Remove filter: {}";
    SEARCH_CHIP = "搜索：{}", "Search: {}";
    SORT_BY = "排序方式", "Sort by";
    SORT_ASC = "{}（升序）", "{} (ascending)";
    SORT_DESC = "{}（降序）", "{} (descending)";
    TREND_INTRO = "同一区县、同一指标有两个以上时期的数据时，按真实时间轴画出。", "Where a district reports the same figure for two or more periods, it is drawn on a true time axis.";
    TREND_NONE = "当前筛选下没有跨两个以上时期的同一指标。", "No figure spans two or more periods with these filters.";
    TARGETS_INTRO = "每区一图：虚线框是目标或预计，框内实心条是同一指标、同一口径、同一单位的最新实际数据，每行刻度各自独立。没有可对照实际数据的目标列在图下表中。", "One chart per district: a dashed outline is a target or forecast, the solid bar inside it the latest actual of the same indicator, measure and unit; each row has its own scale. Targets with no actual to compare are in the table below.";
    TARGETS_NONE = "当前筛选下没有目标或预计数据。", "No targets or forecasts with these filters.";
    BREAKDOWN_INTRO = "关于具体企业、产业、项目或园区的数据，按区县分组比较。", "Figures about companies, industries, projects or parks, compared within their district.";
    BREAKDOWN_NONE = "当前筛选下没有可细分比较的数据。", "Nothing to break down with these filters.";
    SOURCES_HEADING = "来源文章", "Source articles";
    SOURCES_INTRO = "每篇文章的标题、估计发布日期及依据，以及从中摘录的全部数据。", "Each article with its headline, estimated date and the evidence for it, and every figure taken from it.";
    DISTRICT = "区县", "District";
    EVIDENCE = "依据", "Evidence";
    FILE = "文件", "File";
    SOURCE_FIGURES = "本文{}条数据", "{} figures from this article";
    IMPORTED = "导入", "imported";
    PRINT_SOURCES = "数据来源", "Sources";
    IMPORT = "导入数据", "Import data";
    PAGES = "表格分页", "Table pages";
    PAGE_PREV = "上一页", "Previous page";
    PAGE_NEXT = "下一页", "Next page";
    PAGE_OF = "第 {} / {} 页（第 {}—{} 条，共 {} 条）", "Page {} of {} (figures {}–{} of {})";
    REMOVE_IMPORTED = "移除导入的数据", "Remove imported data";
    IMPORTED_NOTE = "当前包含导入的数据（标有“导入”），它们只在本浏览器中，不会上传。", "Imported figures are included (marked “imported”); they stay in this browser and are never uploaded.";
    IMPORT_TITLE = "导入数据", "Import data";
    IMPORT_HELP = "可导入 CSV（UTF-8、UTF-16 或 GBK）或 JSON 文件，格式见模板。文件只在本浏览器中处理，不会上传。", "Import a CSV (UTF-8, UTF-16 or GBK) or JSON file in the format of the templates. The file is processed in this browser only and never uploaded.";
    IMPORT_CHOOSE = "选择文件", "Choose a file";
    IMPORT_DROP = "也可以把文件拖到这里。", "Or drop a file here.";
    IMPORT_TEMPLATE_CSV = "下载 CSV 模板", "Download the CSV template";
    IMPORT_TEMPLATE_JSON = "下载 JSON 模板", "Download the JSON template";
    IMPORT_READING = "正在读取 {}…", "Reading {}…";
    IMPORT_CHECKING = "正在检查 {}：已检查 {} 行，约 {} 行", "Checking {}: {} of about {} rows";
    IMPORT_SUMMARY = "{}：共读取 {} 行，其中 {} 行有效、{} 行有错误、{} 行空白；发现 {} 个问题。", "{}: {} rows read: {} valid, {} with errors, {} blank; {} problems found.";
    IMPORT_MODE = "导入方式", "How to import";
    IMPORT_ADD = "加到现有数据中", "Add to the current figures";
    IMPORT_REPLACE = "替换现有数据", "Replace the current figures";
    IMPORT_CONFIRM = "导入", "Import";
    IMPORT_VALID_ROWS = "只导入 {} 行有效数据", "Import only the {} valid rows";
    IMPORT_NOTHING = "文件有问题，无法导入。请修改后重试。", "The file cannot be imported; please correct it and try again.";
    IMPORT_FINISHING = "正在完成导入…", "Finishing the import…";
    IMPORT_DONE = "已导入 {} 条数据。", "{} figures imported.";
    PERIOD_READING = "{}。{}；{}", "{}. {}; {}";
    PERIOD_UNPRINTED = "原文未写明时间", "no period printed";
    PERIOD_PRINTED_AS = "原文：“{}”", "printed as “{}”";
    YEAR_PRINTED = "年份见原文", "year printed";
    YEAR_PRINTED_NOTE = "年份见原文；{}", "year printed; {}";
    YEAR_INFERRED = "年份系推断：{}", "year inferred: {}";
    NO_REASON_GIVEN = "未说明依据", "no reason given";
    EXPORT_TABLE = "导出表格", "Export the table";
    DOWNLOAD_CSV = "下载 CSV", "Download CSV";
    DOWNLOAD_JSON = "下载 JSON", "Download JSON";
    DOWNLOAD_SVG = "下载图表 SVG", "Download chart as SVG";
    DOWNLOAD_PNG = "下载图表 PNG", "Download chart as PNG";
    COPY_CITATION = "复制引用", "Copy citation";
    COPY_VIEW_CITATION = "复制本视图引用", "Copy a citation of this view";
    COPIED = "已复制到剪贴板。", "Copied to the clipboard.";
    CITATION = "引用", "Citation";
    FIGURE_CITATION = "{}（{}）：{}，{}{}。来源：《{}》{}，原文“{}”。{}", "{} ({}): {}, {}{}. Source: 《{}》{}, quoting “{}”.{}";
    VIEW_CITATION = "{} · {}（{}条数据）。{} {}", "{} · {} ({} figures). {} {}";
    // The map view (issue 15).
    VIEW_MAP = "地图", "Map";
    MAP_HEADING = "各区县分布地图", "Map of the districts and counties";
    MAP_HOW_TO = "每个区县都可用 Tab 键选中（中心城区在放大图中），按回车或点按查看数据出处。", "Every district can be reached with Tab (the central districts in the enlarged inset); press Enter or click to see where its figure comes from.";
    MAP_NO_PROFILE = "{}。数据集中没有这个区县的数据。", "{}. The dataset has no figures for this district.";
    MAP_NO_DATA_LIST = "无数据的区县（{}个）", "Districts with no data ({})";
    MAP_LOCATOR = "{}在重庆市的位置", "Where {} lies in Chongqing";
    MAP_SELECTED = "当前：{}", "Selected: {}";
    // Hostile input (issue 13): encodings, cancel, file size, long chart lists.
    IMPORT_ENCODING = "文件编码：{}", "Encoding: {}";
    IMPORT_BAD_BYTES = "有 {} 处字节无法按此编码解码，所在的行会标为错误。", "{} byte sequences cannot be decoded in this encoding; the rows holding them are marked as errors.";
    IMPORT_SAMPLE = "解码后的内容（前几行）：", "The first lines as decoded:";
    IMPORT_CANCEL = "取消导入", "Cancel the import";
    IMPORT_CANCELLED = "已取消导入，现有数据没有改变。", "Import cancelled; the current figures are unchanged.";
    IMPORT_TOO_LARGE = "文件太大（{} MB）：最多可导入 {} MB。", "The file is too large ({} MB): at most {} MB can be imported.";
    IMPORT_UNREADABLE = "无法读取文件：{}", "The file cannot be read: {}";
    IMPORT_WORKER_FAILED = "导入检查无法运行（{}）。现有数据没有改变，请刷新页面后再试。", "The import check could not run ({}). The current figures are unchanged; reload the page and try again.";
    SHOW_MORE = "再显示 {} 个图表（还有 {} 个）", "Show {} more charts ({} not shown)";
    CHARTS_PREPARING = "正在准备图表…", "Preparing the charts…";
    // The error panel, shown in both languages at once (a panic may come before the language is known).
    PANIC_TITLE = "页面出错了", "Something went wrong";
    PANIC_HELP = "浏览器中的程序遇到意外错误。请重新加载页面；如果问题反复出现，请把下面的信息告诉我们。", "The program in your browser hit an unexpected error. Please reload the page; if it keeps happening, send us the message below.";
    PANIC_RELOAD = "重新加载", "Reload";
    // Why a quote does not print a figure's value (numtext::QuoteMismatch); `{}` in English is the text in quotes.
    QUOTE_NOT_FINITE = "数值 {} 不是有限数", "value {} is not a finite number";
    QUOTE_TEXT_ABSENT = "原文数字“{}”不在引文中", "value_text {} is not in the quote";
    QUOTE_TEXT_READS = "原文数字“{}”读作 {}，与数值 {} 不符", "value_text {} reads as {}, but value is {}";
    QUOTE_TEXT_NOT_NUMBER = "原文数字“{}”不是数字", "value_text {} is not a number";
    QUOTE_NOT_PRINTED = "引文中没有数字 {}（如原文写法不同，请填写原文数字 value_text）", "the quote does not print {} (add value_text if the article writes it otherwise)";
    // Chart notes and titles (issue 11).
    SERIES_TITLE = "{}（{}，单位：{}）", "{} ({}, unit: {})";
    COMPARE_PERIODS_JOIN = " 与 ", " vs ";
    COMPARE_PERIODS_DIFFER = "注意：各区数据时期不同（{}），不宜直接比较。可改为“只比较同一时期”。", "Periods differ ({}): these figures are not directly comparable. Choose “same period only” to compare like with like.";
    COMPARE_SAME_PERIOD = "只比较同一时期（{}）的数据。", "Same period only ({}).";
    COMPARE_LEFT_OUT = "{}没有这一时期的数据，未显示。", "Not shown, no figure for this period: {}.";
    COMPARE_ONLY_ONE = "只有{}报道了“{}”（{}）：{}。没有可以与之比较的区县，故不作图。", "Only {} reports “{}” ({}): {}. There is no other district to compare it with, so no chart is drawn.";
    COMPARE_ONLY_ONE_FILTERED = "当前筛选下只有{}的“{}”（{}）：{}。另有{}个区县也有此数据，放宽区县或时期筛选即可比较。", "With these filters only {} has “{}” ({}): {}. {} other districts report it too: widen the district or period filter to compare.";
    PERIODS_DIFFER = "各项时期不同（{}）。", "The figures are of different periods ({}).";
    PROFILE_CHART_TITLE = "{}：{}（单位：{}）", "{}: {} (unit: {})";
    PLAN_ABOVE = "{}比实际高{}", "the {} is {} above the actual";
    ACTUAL_ABOVE = "实际已比{}高{}", "the actual is already {1} above the {0}";
    OTHER_SCOPE = "只有{}{}（{}），与{}口径不同，不作对照", "only a {} is known, {} ({}): not the same measure as the {}, so not set beside it";
    TARGETS_TITLE = "{}：目标与最新实际", "{}: targets and the latest actuals";
    IMPORTED_MARK = "（导入）", " (imported)";
    YEARS_INFERRED_NOTE = "部分数据的年份系根据报道日期推断。", "Some years are inferred from the article's date.";
    PLAN_TARGET = "目标", "target";
    PLAN_FORECAST = "预计", "forecast";
    ACTUAL_EQUALS_TARGET = "实际与目标持平", "the actual equals the target";
    ACTUAL = "实际", "actual";
    NO_ACTUAL = "没有实际数据", "no actual figure";
    POINT_AT_PERIOD_END = "各点位于其时期的截止日期。", "Each point stands at the end of its period.";
    YEAR_INFERRED_MARK = "（年份系推断）", " (year inferred)";
    PAREN = "（{}）", " ({})";
    LIST_SEP = "；", "; ";
    LABELLED = "{}：{}", "{}: {}";
    MAP_FIGURE = "{}：{}，{}", "{}: {}, {}";
    SOURCE_DATED = "《{}》（{}）", "《{}》 ({})";
    SOURCES_LINE = "来源：{}。", "Sources: {}.";
    CITE_DATE = "，{}", ", {}";
    CITE_LINK = "{}：{}", " {}: {}";
    NO_DATA = "无数据", "no data";
    MAP_CLASS_RANGE = "{} 至 {}", "{} to {}";
    MAP_PLAN_NOTE = "所示为目标或预测值，不是实际结果，以网点图案标示。", "These are targets or forecasts, not results: they are drawn dotted.";
    MAP_INSET_CAPTION = "中心城区（放大）", "Central districts (enlarged)";
    MAP_PLAN_KEY = "网点：目标或预测值，非实际结果", "Dotted: targets or forecasts, not results";
    COMPARE_LATEST_NOTE = "同一区有多期数据时，取最新一期。", "Where a district has several periods, its latest is shown.";
    MAP_SUMMARY = "地图：{}。{}个区县有数据：{}。{}个区县无数据。", "Map: {}. {} districts with a figure: {}. {} without data.";
    MAP_UNPLACED = "另有{}个数据所属区县不在重庆市地图上，未能标注，见下表。", "{} figures are for districts outside Chongqing's map and cannot be placed; they are in the table below.";
    UNIT_LABEL = "单位：{}", "Unit: {}";
    MAP_NO_DATA_KEY = "无数据（{}个）", "no data ({})";
    // Link warnings (url::warning).
    URL_IGNORED = "已忽略链接参数 {}={}：{}", "Ignored link parameter {}={}: {}";
    URL_UNKNOWN_DISTRICT = "没有这个区县", "no such district";
    URL_UNKNOWN_INDICATOR = "没有这个指标", "no such indicator";
    URL_UNKNOWN_CATEGORY = "没有这个类别", "no such category";
    URL_UNKNOWN_KIND = "没有这种数值类型", "no such kind of figure";
    URL_UNKNOWN_VIEW = "没有这个视图", "no such view";
    URL_BAD_SORT = "不是可排序的列", "not a column to sort by";
    URL_BAD_FLAG = "开关只能是 1 或 0", "a switch is 1 or 0";
    URL_BAD_CHOICE = "不是可选的值", "not one of the choices";
    URL_VALUE_TOO_LONG = "值过长", "the value is too long";
    URL_REPEATED = "该参数出现了多次，只使用最后一个值", "given more than once; only the last value is used";
    URL_BAD_YEAR = "不是 {}—{} 年间的年份", "not a year from {} to {}";
    URL_QUERY_TOO_LONG = "链接过长，只读取了前 {} 个字符", "Link too long: only its first {} characters were read";
    URL_TOO_MANY_PARAMS = "链接参数过多，只读取了前 {} 个", "Too many link parameters: only the first {} were read";
    URL_NOTICE = "链接中有 {} 处无法使用，已忽略：{}{}", "{} parts of this link could not be used and were ignored: {}{}";
    URL_NOTICE_MORE = "；另有 {} 处", "; and {} more";
    // Exports: a file name part (the English counts those not named) and a CSV date range.
    FILE_MORE_DISTRICTS = "等{}个区县", "+{}-more";
    CSV_PUBLISHED = "{}（{}至{}）", "{} ({} to {})";
    // Why a fact fails the rules (dataset::rules::FactProblem); the data loader prints the English.
    FACT_UNKNOWN_SOURCE = "未知的来源 {}", "unknown source {}";
    FACT_UNKNOWN_DISTRICT = "未知的区县 {}", "unknown district {}";
    FACT_UNKNOWN_INDICATOR = "未知的指标 {}", "unknown indicator {}";
    FACT_UNIT_DOES_NOT_FIT = "单位“{}”不适用于指标 {}（单位“{}”）的“{}”类数据", "unit {0} does not fit kind {3} of indicator {1} (unit {2})";
    FACT_RANK_WITHOUT_GROUP = "排名须填写排名范围（rank_group）", "a rank needs rank_group, the group it is ranked in";
    FACT_PERIOD_REVERSED = "时期的起始日期 {} 晚于截止日期 {}", "period starts {} after it ends {}";
    FACT_INFERRED_YEAR_WITHOUT_NOTE = "年份系推断时须在时间说明（period.note）中写明如何推断", "an inferred year needs period.note saying how it was read";
    FACT_QUOTE_EMPTY = "引文为空", "quote is empty";
    FACT_QUOTE_TOO_LONG = "引文超过 {} 个字：只引含数字的分句", "quote is longer than {} characters: quote the clause";
}

#[cfg(test)]
mod tests;
