//! The embedded outlines (`static/map/chongqing.json`, made a constant by `build.rs`),
//! with the geometry the map and its tests need (rings, boxes, inside).

use crate::i18n::{pick, Lang};
use std::sync::OnceLock;

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

/// The map file as `build.rs` writes it: `(credit_zh, credit_en, width, height, inset
/// from, inset to, [(code, zh, en, inset, label, path)])`.
type RawMap = (
    &'static str,
    &'static str,
    f64,
    f64,
    [f64; 4],
    [f64; 4],
    &'static [(&'static str, &'static str, &'static str, bool, [f64; 2], &'static str)],
);

/// The embedded outlines: `static/map/chongqing.json` turned into a constant at build
/// time (a file without its fields fails the build), so the app needs no JSON parser.
const RAW: RawMap = include!(concat!(env!("OUT_DIR"), "/map_data.rs"));

/// The embedded outlines, made once.
pub fn map_data() -> &'static MapData {
    static DATA: OnceLock<MapData> = OnceLock::new();
    DATA.get_or_init(|| {
        let (credit_zh, credit_en, width, height, from, to, districts) = RAW;
        MapData {
            credit_zh: credit_zh.into(),
            credit_en: credit_en.into(),
            width,
            height,
            inset: Inset { from, to },
            districts: districts
                .iter()
                .map(|&(code, zh, en, inset, label, path)| Shape {
                    code: code.into(),
                    zh: zh.into(),
                    en: en.into(),
                    inset,
                    label,
                    path: path.into(),
                })
                .collect(),
        }
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
            // Whole units, as `cargo xtask map` writes them (read as integers: the page
            // holds no float parser).
            nums.push(num.parse::<i64>().map_or(0.0, |n| n as f64));
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
        b = [b[0].min(p[0]), b[1].min(p[1]), b[2].max(p[0]), b[3].max(p[1])];
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
