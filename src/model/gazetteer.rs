//! Chongqing's 38 county-level divisions (26 districts, 8 counties, 4 autonomous
//! counties) with their GB/T 2260 codes, names and planning regions ("一区两群":
//! 中心城区 9, 主城新区 12, 渝东北 11, 渝东南 6). An import may name any of them by
//! code or name without defining it, and the map draws them. Codes as in the Ministry of Civil Affairs' list
//! (2016 onwards: 梁平 500155, 武隆 500156, 开州 500154 became districts then).

use super::{District, DistrictId, Region};

/// `(code, name_zh, name_en, region)`, in code order.
#[rustfmt::skip]
pub const CHONGQING: [(&str, &str, &str, Region); 38] = {
    use Region::*;
    [
        ("500101", "万州区", "Wanzhou District", Northeast),
        ("500102", "涪陵区", "Fuling District", MainCityNew),
        ("500103", "渝中区", "Yuzhong District", CentralCity),
        ("500104", "大渡口区", "Dadukou District", CentralCity),
        ("500105", "江北区", "Jiangbei District", CentralCity),
        ("500106", "沙坪坝区", "Shapingba District", CentralCity),
        ("500107", "九龙坡区", "Jiulongpo District", CentralCity),
        ("500108", "南岸区", "Nan'an District", CentralCity),
        ("500109", "北碚区", "Beibei District", CentralCity),
        ("500110", "綦江区", "Qijiang District", MainCityNew),
        ("500111", "大足区", "Dazu District", MainCityNew),
        ("500112", "渝北区", "Yubei District", CentralCity),
        ("500113", "巴南区", "Banan District", CentralCity),
        ("500114", "黔江区", "Qianjiang District", Southeast),
        ("500115", "长寿区", "Changshou District", MainCityNew),
        ("500116", "江津区", "Jiangjin District", MainCityNew),
        ("500117", "合川区", "Hechuan District", MainCityNew),
        ("500118", "永川区", "Yongchuan District", MainCityNew),
        ("500119", "南川区", "Nanchuan District", MainCityNew),
        ("500120", "璧山区", "Bishan District", MainCityNew),
        ("500151", "铜梁区", "Tongliang District", MainCityNew),
        ("500152", "潼南区", "Tongnan District", MainCityNew),
        ("500153", "荣昌区", "Rongchang District", MainCityNew),
        ("500154", "开州区", "Kaizhou District", Northeast),
        ("500155", "梁平区", "Liangping District", Northeast),
        ("500156", "武隆区", "Wulong District", Southeast),
        ("500229", "城口县", "Chengkou County", Northeast),
        ("500230", "丰都县", "Fengdu County", Northeast),
        ("500231", "垫江县", "Dianjiang County", Northeast),
        ("500233", "忠县", "Zhongxian County", Northeast),
        ("500235", "云阳县", "Yunyang County", Northeast),
        ("500236", "奉节县", "Fengjie County", Northeast),
        ("500237", "巫山县", "Wushan County", Northeast),
        ("500238", "巫溪县", "Wuxi County", Northeast),
        ("500240", "石柱土家族自治县", "Shizhu Tujia Autonomous County", Southeast),
        ("500241", "秀山土家族苗族自治县", "Xiushan Tujia and Miao Autonomous County", Southeast),
        ("500242", "酉阳土家族苗族自治县", "Youyang Tujia and Miao Autonomous County", Southeast),
        ("500243", "彭水苗族土家族自治县", "Pengshui Miao and Tujia Autonomous County", Southeast),
    ]
};

/// The district records of the 38, or of the one with the code given.
pub fn districts(code: Option<&str>) -> impl Iterator<Item = District> + '_ {
    let chosen = CHONGQING.iter().filter(move |d| code.is_none_or(|c| c == d.0));
    chosen.map(|&(id, zh, en, region)| District {
        id: DistrictId(id.into()),
        name_zh: zh.into(),
        name_en: en.into(),
        region,
        static_facts: Vec::new(),
    })
}

/// Province-level prefixes of GB/T 2260 (the first two digits of a county code).
const PROVINCES: [u8; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// Whether a code has the shape of a county-level GB/T 2260 code: six digits, a
/// province's prefix, and not a province's or prefecture's own code (ending in 00).
pub fn is_county_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 6
        && b.iter().all(u8::is_ascii_digit)
        && PROVINCES.contains(&((b[0] - b'0') * 10 + (b[1] - b'0')))
        && &code[4..] != "00"
}
