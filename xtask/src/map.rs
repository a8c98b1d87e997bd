//! `cargo xtask map`: writes `static/map/chongqing.json`, the outlines of Chongqing's
//! 38 districts and counties that the map view draws, from the official 天地图
//! (Tianditu) 2024 county boundaries shipped in the crate `reverse-geocoder-cn` 0.1.0
//! (its `cn_admin.bin`: the header `RCNGBIN1`, then bincode 2 "standard" province,
//! city and county lists in lon/lat, CGCS2000).
//!
//! Steps, all deterministic:
//! 1. the 38 county-level units whose codes start with 5001 or 5002;
//! 2. projection: longitude scaled by cos(mean latitude), 600 px wide;
//! 3. topology: every ring is cut into arcs at vertices where borders meet (a vertex
//!    with other than two neighbours, over all rings), so a border shared by two
//!    districts is one arc; each arc is simplified once (Douglas–Peucker, 1 px; arcs
//!    of the central districts, drawn enlarged in the inset, 0.35 px) and the rings are
//!    put back together from the simplified arcs: neighbours stay gap- and
//!    overlap-free;
//! 4. coordinates in half pixels (a 1200-unit-wide view box), SVG paths with
//!    relative steps, an interior label point per district, the inset's frame.
//!
//! The app never needs the crate: it embeds the committed file (`src/chart/map.rs`).

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// View-box units per pixel at the reference width of 600 px (half pixels).
const UNITS: f64 = 2.0;
const WIDTH_PX: f64 = 600.0;
const MARGIN_PX: f64 = 6.0;
/// Douglas–Peucker tolerance in pixels at 600 px wide.
const TOLERANCE: f64 = 1.0;
const TOLERANCE_CORE: f64 = 0.35;
/// The small central districts shown enlarged in the inset.
pub const INSET: [&str; 6] = ["500103", "500104", "500105", "500106", "500107", "500108"];
const HEADER: &[u8; 8] = b"RCNGBIN1";
pub const OUTPUT: &str = "static/map/chongqing.json";

#[derive(Deserialize)]
struct DataFile {
    #[allow(dead_code)]
    provinces: Vec<Area>,
    #[allow(dead_code)]
    cities: Vec<Area>,
    counties: Vec<Area>,
}

#[derive(Deserialize)]
struct Area {
    name: String,
    code: String,
    polygons: Vec<Vec<Vec<[f64; 2]>>>,
    #[allow(dead_code)]
    bbox: [f64; 4],
}

/// The crate's data file, found through `cargo metadata` (the crate is an xtask
/// dependency, so cargo has it locally).
pub fn source_file() -> Result<PathBuf, String> {
    let out = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["metadata", "--format-version", "1", "--features", "xtask/map"])
        .current_dir(crate::root())
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    if !out.status.success() {
        return Err(format!("cargo metadata failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let manifest = meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "reverse-geocoder-cn" && p["version"] == "0.1.0")
        .and_then(|p| p["manifest_path"].as_str())
        .ok_or("reverse-geocoder-cn 0.1.0 is not among xtask's dependencies")?;
    Ok(PathBuf::from(manifest).parent().ok_or("no crate folder")?.join("cn_admin.bin"))
}

pub fn run() -> Result<(), String> {
    let src = source_file()?;
    let bytes = std::fs::read(&src).map_err(|e| format!("{}: {e}", src.display()))?;
    let text = generate(&bytes)?;
    let out = crate::root().join(OUTPUT);
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&out, &text).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("wrote {} ({} bytes) from {}", out.display(), text.len(), src.display());
    Ok(())
}

type Key = (u64, u64);
type Pt = [f64; 2];
/// A ring as its arcs: (the arc's canonical key sequence, walked backwards).
type RingArcs = Vec<(Vec<Key>, bool)>;

fn key(p: &Pt) -> Key {
    (p[0].to_bits(), p[1].to_bits())
}

/// The map file's text for the crate's data file `bin`.
pub fn generate(bin: &[u8]) -> Result<String, String> {
    let body = bin
        .strip_prefix(HEADER)
        .ok_or("not a reverse-geocoder-cn data file (no RCNGBIN1 header)")?;
    let (data, _): (DataFile, usize) =
        bincode::serde::decode_from_slice(body, bincode::config::standard())
            .map_err(|e| format!("cn_admin.bin: {e}"))?;
    let mut areas: Vec<Area> = data
        .counties
        .into_iter()
        .filter(|a| a.code.starts_with("5001") || a.code.starts_with("5002"))
        .collect();
    areas.sort_by(|a, b| a.code.cmp(&b.code));
    let gazetteer = cq_explorer::model::gazetteer::CHONGQING;
    let codes: Vec<&str> = areas.iter().map(|a| a.code.as_str()).collect();
    let expected: Vec<&str> = gazetteer.iter().map(|d| d.0).collect();
    if codes != expected {
        return Err(format!(
            "the data's Chongqing codes {codes:?} differ from the gazetteer's {expected:?}"
        ));
    }
    for (a, g) in areas.iter().zip(gazetteer.iter()) {
        if a.name != g.1 {
            return Err(format!("{}: the data says {}, the gazetteer {}", a.code, a.name, g.1));
        }
    }

    // Rings without the closing vertex and without repeated vertices.
    let rings: Vec<Vec<Vec<Pt>>> = areas
        .iter()
        .map(|a| {
            a.polygons
                .iter()
                .flatten()
                .map(|r| {
                    let mut v: Vec<Pt> = Vec::with_capacity(r.len());
                    for p in r {
                        if v.last().is_none_or(|q| key(q) != key(p)) {
                            v.push(*p);
                        }
                    }
                    while v.len() > 1 && key(&v[0]) == key(&v[v.len() - 1]) {
                        v.pop();
                    }
                    v
                })
                .filter(|r| r.len() >= 3)
                .collect()
        })
        .collect();

    // Projection.
    let all = rings.iter().flatten().flatten();
    let (mut lon0, mut lon1, mut lat0, mut lat1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in all {
        lon0 = lon0.min(p[0]);
        lon1 = lon1.max(p[0]);
        lat0 = lat0.min(p[1]);
        lat1 = lat1.max(p[1]);
    }
    let k = ((lat0 + lat1) / 2.0).to_radians().cos();
    let scale = (WIDTH_PX - 2.0 * MARGIN_PX) / ((lon1 - lon0) * k);
    let project = |p: &Pt| -> Pt {
        [MARGIN_PX + (p[0] - lon0) * k * scale, MARGIN_PX + (lat1 - p[1]) * scale]
    };
    let height_px = 2.0 * MARGIN_PX + (lat1 - lat0) * scale;

    // Nodes: vertices with other than two distinct neighbours over all rings.
    let mut neighbours: BTreeMap<Key, BTreeSet<Key>> = BTreeMap::new();
    for r in rings.iter().flatten() {
        let n = r.len();
        for i in 0..n {
            let e = neighbours.entry(key(&r[i])).or_default();
            e.insert(key(&r[(i + n - 1) % n]));
            e.insert(key(&r[(i + 1) % n]));
        }
    }
    let is_node = |p: &Pt| neighbours.get(&key(p)).is_some_and(|s| s.len() != 2);

    // Each ring as a list of (arc, reversed); arcs stored once, canonically.
    let core: Vec<bool> = areas.iter().map(|a| INSET.contains(&a.code.as_str())).collect();
    let mut arcs: BTreeMap<Vec<Key>, (Vec<Pt>, bool)> = BTreeMap::new();
    let mut ring_arcs: Vec<Vec<RingArcs>> = Vec::new();
    for (d, district) in rings.iter().enumerate() {
        let mut out = Vec::new();
        for r in district {
            let n = r.len();
            let start = (0..n).find(|&i| is_node(&r[i])).unwrap_or_else(|| {
                (0..n)
                    .min_by(|&a, &b| r[a][0].total_cmp(&r[b][0]).then(r[a][1].total_cmp(&r[b][1])))
                    .unwrap_or(0)
            });
            let mut parts = Vec::new();
            let mut arc: Vec<Pt> = vec![r[start]];
            for s in 1..=n {
                let p = r[(start + s) % n];
                arc.push(p);
                if s == n || is_node(&p) {
                    let keys: Vec<Key> = arc.iter().map(key).collect();
                    let rev: Vec<Key> = keys.iter().rev().copied().collect();
                    let (canon, reversed, pts) = if keys <= rev {
                        (keys, false, arc.clone())
                    } else {
                        (rev, true, arc.iter().rev().copied().collect())
                    };
                    let e = arcs.entry(canon.clone()).or_insert((pts, false));
                    e.1 |= core[d];
                    parts.push((canon, reversed));
                    arc = vec![p];
                }
            }
            out.push(parts);
        }
        ring_arcs.push(out);
    }

    // Simplify and quantise each arc once.
    let quant =
        |p: &Pt| -> [i64; 2] { [(p[0] * UNITS).round() as i64, (p[1] * UNITS).round() as i64] };
    let simplified: BTreeMap<&Vec<Key>, Vec<[i64; 2]>> = arcs
        .iter()
        .map(|(canon, (pts, is_core))| {
            let px: Vec<Pt> = pts.iter().map(&project).collect();
            let tol = if *is_core { TOLERANCE_CORE } else { TOLERANCE };
            let mut keep = simplify(&px, tol);
            // A closed arc (an island or an enclave) keeps at least a triangle.
            let mut t = tol;
            while px.len() >= 4
                && key(&pts[0]) == key(&pts[pts.len() - 1])
                && keep.len() < 4
                && t > 1e-3
            {
                t /= 2.0;
                keep = simplify(&px, t);
            }
            let mut q: Vec<[i64; 2]> = Vec::with_capacity(keep.len());
            for i in keep {
                let p = quant(&px[i]);
                if q.last() != Some(&p) {
                    q.push(p);
                }
            }
            (canon, q)
        })
        .collect();

    // Rings back from the arcs, as SVG paths; label points.
    let mut out = String::new();
    let w_units = (WIDTH_PX * UNITS).round() as i64;
    let h_units = (height_px * UNITS).ceil() as i64;
    let mut shapes: Vec<Vec<Vec<[i64; 2]>>> = Vec::new();
    for district in &ring_arcs {
        let mut polys = Vec::new();
        for parts in district {
            let mut ring: Vec<[i64; 2]> = Vec::new();
            for (canon, reversed) in parts {
                let a = &simplified[canon];
                let seq: Vec<[i64; 2]> =
                    if *reversed { a.iter().rev().copied().collect() } else { a.clone() };
                for p in seq {
                    if ring.last() != Some(&p) {
                        ring.push(p);
                    }
                }
            }
            while ring.len() > 1 && ring.first() == ring.last() {
                ring.pop();
            }
            if ring.len() >= 3 && area2(&ring) != 0 {
                polys.push(ring);
            }
        }
        shapes.push(polys);
    }

    // The inset: the small central districts' box, enlarged into the empty
    // north-west corner (Sichuan's side) of the map.
    let mut bx = [i64::MAX, i64::MAX, i64::MIN, i64::MIN];
    for (d, s) in shapes.iter().enumerate() {
        if core[d] {
            for p in s.iter().flatten() {
                bx[0] = bx[0].min(p[0]);
                bx[1] = bx[1].min(p[1]);
                bx[2] = bx[2].max(p[0]);
                bx[3] = bx[3].max(p[1]);
            }
        }
    }
    let pad = (4.0 * UNITS) as i64;
    let from = [bx[0] - pad, bx[1] - pad, bx[2] - bx[0] + 2 * pad, bx[3] - bx[1] + 2 * pad];
    let to = inset_target(&shapes, from, w_units, h_units)?;

    out.push_str("{\n");
    out.push_str("\"about\": \"Chongqing's 38 districts and counties: 天地图 (Tianditu) 2024 county boundaries via the crate reverse-geocoder-cn 0.1.0, projected (longitude scaled by cos of the mean latitude), shared borders simplified once. View box units: half a pixel at 600 px wide. Written by cargo xtask map; do not edit.\",\n");
    out.push_str("\"credit_zh\": \"底图来源：天地图 审图号：GS(2024)0650号\",\n");
    out.push_str("\"credit_en\": \"Base map: Tianditu. Map approval no. GS(2024)0650\",\n");
    out.push_str(&format!("\"width\": {w_units},\n\"height\": {h_units},\n"));
    out.push_str(&format!(
        "\"inset\": {{\"from\": [{}, {}, {}, {}], \"to\": [{}, {}, {}, {}]}},\n",
        from[0], from[1], from[2], from[3], to[0], to[1], to[2], to[3]
    ));
    out.push_str("\"districts\": [\n");
    for (d, (a, s)) in areas.iter().zip(&shapes).enumerate() {
        let g = gazetteer[d];
        let label = label_point(s).ok_or_else(|| format!("{}: no interior point", a.code))?;
        out.push_str(&format!(
            "{{\"code\": \"{}\", \"zh\": \"{}\", \"en\": \"{}\", \"inset\": {}, \"label\": [{}, {}], \"path\": \"{}\"}}{}\n",
            a.code,
            g.1,
            g.2.replace('"', "\\\""),
            core[d],
            label[0],
            label[1],
            path(s),
            if d + 1 < areas.len() { "," } else { "" }
        ));
    }
    out.push_str("]\n}\n");
    Ok(out)
}

/// Indices of the points Douglas–Peucker keeps (first and last always).
fn simplify(p: &[Pt], tol: f64) -> Vec<usize> {
    let n = p.len();
    if n <= 2 {
        return (0..n).collect();
    }
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    let mut stack = vec![(0, n - 1)];
    while let Some((a, b)) = stack.pop() {
        let mut best = (0.0, 0);
        for i in a + 1..b {
            let d = seg_dist(p[i], p[a], p[b]);
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.0 > tol {
            keep[best.1] = true;
            stack.push((a, best.1));
            stack.push((best.1, b));
        }
    }
    (0..n).filter(|&i| keep[i]).collect()
}

fn seg_dist(p: Pt, a: Pt, b: Pt) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    };
    let (x, y) = (a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
    (x * x + y * y).sqrt()
}

fn area2(r: &[[i64; 2]]) -> i64 {
    let n = r.len();
    (0..n)
        .map(|i| {
            let (a, b) = (r[i], r[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum()
}

/// `M x y l dx dy … z` per ring, numbers in view-box units.
fn path(rings: &[Vec<[i64; 2]>]) -> String {
    let mut s = String::new();
    let num = |s: &mut String, v: i64, first: bool| {
        if !first && v >= 0 {
            s.push(' ');
        }
        s.push_str(&v.to_string());
    };
    for r in rings {
        s.push('M');
        num(&mut s, r[0][0], true);
        num(&mut s, r[0][1], false);
        s.push('l');
        for (i, w) in r.windows(2).enumerate() {
            num(&mut s, w[1][0] - w[0][0], i == 0);
            num(&mut s, w[1][1] - w[0][1], false);
        }
        s.push('z');
    }
    s
}

/// Whether `p` lies inside the shape (even-odd over all its rings).
pub fn inside(rings: &[Vec<[i64; 2]>], p: [f64; 2]) -> bool {
    let mut c = false;
    for r in rings {
        let n = r.len();
        for i in 0..n {
            let (a, b) = (r[i], r[(i + n - 1) % n]);
            let (ax, ay, bx, by) = (a[0] as f64, a[1] as f64, b[0] as f64, b[1] as f64);
            if (ay > p[1]) != (by > p[1]) && p[0] < (bx - ax) * (p[1] - ay) / (by - ay) + ax {
                c = !c;
            }
        }
    }
    c
}

fn edge_dist(rings: &[Vec<[i64; 2]>], p: Pt) -> f64 {
    let mut best = f64::MAX;
    for r in rings {
        let n = r.len();
        for i in 0..n {
            let (a, b) = (r[i], r[(i + 1) % n]);
            best = best.min(seg_dist(p, [a[0] as f64, a[1] as f64], [b[0] as f64, b[1] as f64]));
        }
    }
    best
}

/// A point well inside the shape: the farthest from its edges on a grid over its
/// box, refined twice around the best.
fn label_point(rings: &[Vec<[i64; 2]>]) -> Option<[i64; 2]> {
    let pts = rings.iter().flatten();
    let (mut x0, mut y0, mut x1, mut y1) = (i64::MAX, i64::MAX, i64::MIN, i64::MIN);
    for p in pts {
        x0 = x0.min(p[0]);
        y0 = y0.min(p[1]);
        x1 = x1.max(p[0]);
        y1 = y1.max(p[1]);
    }
    let (mut cx, mut cy) = ((x0 + x1) as f64 / 2.0, (y0 + y1) as f64 / 2.0);
    let (mut hw, mut hh) = ((x1 - x0) as f64 / 2.0, (y1 - y0) as f64 / 2.0);
    let mut best: Option<(f64, [i64; 2])> = None;
    for _ in 0..3 {
        let steps = 24;
        for i in 0..=steps {
            for j in 0..=steps {
                let p = [
                    (cx - hw + 2.0 * hw * i as f64 / steps as f64).round(),
                    (cy - hh + 2.0 * hh * j as f64 / steps as f64).round(),
                ];
                if inside(rings, p) {
                    let d = edge_dist(rings, p);
                    if best.is_none_or(|b| d > b.0) {
                        best = Some((d, [p[0] as i64, p[1] as i64]));
                    }
                }
            }
        }
        let b = best?.1;
        cx = b[0] as f64;
        cy = b[1] as f64;
        hw /= 4.0;
        hh /= 4.0;
    }
    best.map(|b| b.1)
}

/// Where the inset goes: the largest copy of `from` in the map's north-west corner
/// (up to 40% of the width and 45% of the height) that no district touches.
fn inset_target(
    shapes: &[Vec<Vec<[i64; 2]>>],
    from: [i64; 4],
    w: i64,
    h: i64,
) -> Result<[i64; 4], String> {
    let m = (MARGIN_PX * UNITS) as i64;
    let mut z = ((w * 2 / 5) as f64 / from[2] as f64).min((h * 9 / 20) as f64 / from[3] as f64);
    while z > 1.5 {
        let to = [m, m, (from[2] as f64 * z) as i64, (from[3] as f64 * z) as i64];
        let clear = shapes.iter().flatten().flatten().all(|p| {
            p[0] < to[0] - m
                || p[0] > to[0] + to[2] + m
                || p[1] < to[1] - m
                || p[1] > to[1] + to[3] + m
        });
        if clear {
            return Ok(to);
        }
        z *= 0.95;
    }
    Err("no room for the inset in the north-west corner".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated() -> String {
        let bytes = std::fs::read(source_file().unwrap()).unwrap();
        generate(&bytes).unwrap()
    }

    #[test]
    fn the_generator_is_deterministic_and_the_committed_file_is_its_output() {
        let a = generated();
        assert_eq!(a, generated(), "two runs give the same bytes");
        let committed = std::fs::read_to_string(crate::root().join(OUTPUT)).unwrap();
        assert!(
            committed == a,
            "{OUTPUT} is not what `cargo xtask map` writes: run it and commit the file"
        );
    }

    #[test]
    fn a_header_that_is_not_the_crates_is_refused() {
        assert!(generate(b"NOTMAGIC1234").is_err());
        assert!(generate(b"RCNGBIN1").is_err());
    }

    #[test]
    fn simplification_keeps_ends_and_far_points() {
        let line = [[0.0, 0.0], [1.0, 0.1], [2.0, 0.0], [3.0, 5.0], [4.0, 0.0]];
        assert_eq!(simplify(&line, 1.0), vec![0, 2, 3, 4]);
        assert_eq!(path(&[vec![[1, 2], [4, 2], [4, -3]]]), "M1 2l3 0 0-5z");
    }
}
