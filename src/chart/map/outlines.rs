//! The embedded outlines (`static/map/chongqing.json`): parsed once, with the geometry
//! the map and its tests need (rings, boxes, inside).

use crate::i18n::{pick, Lang};
use serde_json::Value;
use std::sync::OnceLock;

/// The committed map file.
pub const MAP_JSON: &str = include_str!("../../../static/map/chongqing.json");

#[derive(Clone, Debug, PartialEq)]
pub struct MapData {
    pub credit_zh: String,
    pub credit_en: String,
    /// The view box, in half pixels at 600 px wide.
    pub width: f64,
    pub height: f64,
    pub inset: Inset,
    pub districts: Vec<Shape>,
}

/// The enlarged central districts: the box `from` of the map drawn into `to`
/// (`[x, y, width, height]`, view-box units).
#[derive(Clone, Debug, PartialEq)]
pub struct Inset {
    pub from: [f64; 4],
    pub to: [f64; 4],
}

#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// GB/T 2260 code, the dataset's district id.
    pub code: String,
    pub zh: String,
    pub en: String,
    /// Small enough to be reached in the inset rather than on the map.
    pub inset: bool,
    pub label: [f64; 2],
    /// SVG path data in view-box units.
    pub path: String,
}

impl MapData {
    pub fn credit(&self, lang: Lang) -> &str {
        pick(lang, &self.credit_zh, &self.credit_en)
    }
    /// The inset's zoom factor.
    pub fn zoom(&self) -> f64 {
        self.inset.to[2] / self.inset.from[2]
    }
}

/// The embedded outlines, parsed once (through `serde_json::Value`, which the app
/// already has: no decoder is generated for these few records).
pub fn map_data() -> &'static MapData {
    static DATA: OnceLock<MapData> = OnceLock::new();
    // The file is generated and tested; an unreadable one draws an empty map.
    DATA.get_or_init(|| parse(MAP_JSON).unwrap_or_else(empty))
}

fn empty() -> MapData {
    MapData {
        credit_zh: String::new(),
        credit_en: String::new(),
        width: 1.0,
        height: 1.0,
        inset: Inset {
            from: [0.0, 0.0, 1.0, 1.0],
            to: [0.0, 0.0, 1.0, 1.0],
        },
        districts: Vec::new(),
    }
}

fn parse(text: &str) -> Option<MapData> {
    let v: Value = serde_json::from_str(text).ok()?;
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let nums =
        |v: &Value| -> Option<Vec<f64>> { v.as_array()?.iter().map(Value::as_f64).collect() };
    let four = |v: &Value| -> Option<[f64; 4]> { nums(v)?.try_into().ok() };
    let districts = v
        .get("districts")?
        .as_array()?
        .iter()
        .map(|d| {
            let label: [f64; 2] = nums(d.get("label")?)?.try_into().ok()?;
            Some(Shape {
                code: s(d, "code")?,
                zh: s(d, "zh")?,
                en: s(d, "en")?,
                inset: d.get("inset")?.as_bool()?,
                label,
                path: s(d, "path")?,
            })
        })
        .collect::<Option<Vec<Shape>>>()?;
    Some(MapData {
        credit_zh: s(&v, "credit_zh")?,
        credit_en: s(&v, "credit_en")?,
        width: v.get("width")?.as_f64()?,
        height: v.get("height")?.as_f64()?,
        inset: Inset {
            from: four(v.get("inset")?.get("from")?)?,
            to: four(v.get("inset")?.get("to")?)?,
        },
        districts,
    })
}

/// A path's rings as absolute points (for tests and hit testing): `M x y l dx dy … z`.
pub fn rings(path: &str) -> Vec<Vec<[f64; 2]>> {
    let mut out: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut cmd = ' ';
    let mut nums: Vec<f64> = Vec::new();
    let mut num = String::new();
    let flush = |num: &mut String, nums: &mut Vec<f64>| {
        if !num.is_empty() {
            nums.push(num.parse().unwrap_or(0.0));
            num.clear();
        }
    };
    let apply = |cmd: char, nums: &mut Vec<f64>, out: &mut Vec<Vec<[f64; 2]>>| {
        match cmd {
            'M' => {
                for p in nums.chunks_exact(2) {
                    out.push(vec![[p[0], p[1]]]);
                }
            }
            'l' => {
                if let Some(r) = out.last_mut() {
                    for d in nums.chunks_exact(2) {
                        let last = r.last().copied().unwrap_or([0.0, 0.0]);
                        r.push([last[0] + d[0], last[1] + d[1]]);
                    }
                }
            }
            _ => {}
        }
        nums.clear();
    };
    for c in path.chars() {
        match c {
            'M' | 'l' | 'z' => {
                flush(&mut num, &mut nums);
                apply(cmd, &mut nums, &mut out);
                cmd = c;
            }
            '-' => {
                flush(&mut num, &mut nums);
                num.push(c);
            }
            ' ' | ',' => flush(&mut num, &mut nums),
            c => num.push(c),
        }
    }
    flush(&mut num, &mut nums);
    apply(cmd, &mut nums, &mut out);
    out
}

/// The bounding box `[xmin, ymin, xmax, ymax]` of a shape's rings.
pub fn bbox(rings: &[Vec<[f64; 2]>]) -> [f64; 4] {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for p in rings.iter().flatten() {
        b = [
            b[0].min(p[0]),
            b[1].min(p[1]),
            b[2].max(p[0]),
            b[3].max(p[1]),
        ];
    }
    b
}

/// Whether `p` lies inside the rings (even-odd).
pub fn inside(rings: &[Vec<[f64; 2]>], p: [f64; 2]) -> bool {
    let mut c = false;
    for r in rings {
        let n = r.len();
        for i in 0..n {
            let (a, b) = (r[i], r[(i + n - 1) % n]);
            if (a[1] > p[1]) != (b[1] > p[1])
                && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]
            {
                c = !c;
            }
        }
    }
    c
}

/// Each district's box `[x0, y0, x1, y1]` and whether it reaches into the inset.
pub(super) fn boxes() -> &'static [([f64; 4], bool)] {
    static BOXES: OnceLock<Vec<([f64; 4], bool)>> = OnceLock::new();
    BOXES.get_or_init(|| {
        let map = map_data();
        let f = map.inset.from;
        map.districts
            .iter()
            .map(|d| {
                let b = bbox(&rings(&d.path));
                let reaches =
                    b[0] <= f[0] + f[2] && b[2] >= f[0] && b[1] <= f[1] + f[3] && b[3] >= f[1];
                (b, reaches)
            })
            .collect()
    })
}

/// Whether a district's outline may reach into the inset's box.
pub(super) fn in_inset(shape: usize) -> bool {
    boxes().get(shape).is_some_and(|b| b.1)
}
