//! Precompressed siblings for serving: `cargo xtask build` writes `name.gz` (gzip by
//! zopfli, `gzip_smallest`) and `name.br` (brotli at quality 11) beside every text and wasm
//! file in `dist/`, so nginx's `gzip_static on` (README "Hosting") and `cargo xtask serve`
//! send them to a browser that accepts them, without compressing on each request.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file types worth compressing (images such as PNG are compressed already).
const COMPRESSIBLE: &[&str] = &["html", "js", "mjs", "css", "wasm", "json", "svg", "txt"];

/// Whether a file of this name gets compressed siblings.
pub fn compressible(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| COMPRESSIBLE.contains(&e))
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory")
}

/// The smallest gzip we can make, for bytes sent many times and made once (the `.gz`
/// siblings, the offline file's embedded streams): zopfli, about 5 % smaller than `gzip`
/// and a hundred times slower (seconds for the wasm), one iteration (more gain a few
/// hundred bytes at most). Kept for the build's life, so the wasm and the glues that
/// `offline.html` embeds are not compressed again for their siblings.
pub fn gzip_smallest(bytes: &[u8]) -> Vec<u8> {
    static MADE: Mutex<BTreeMap<Vec<u8>, Vec<u8>>> = Mutex::new(BTreeMap::new());
    if let Some(gz) = MADE.lock().ok().and_then(|m| m.get(bytes).cloned()) {
        return gz;
    }
    let options =
        zopfli::Options { iteration_count: std::num::NonZeroU64::MIN, ..Default::default() };
    let mut out = Vec::new();
    zopfli::compress(options, zopfli::Format::Gzip, bytes, &mut out).expect("writing to memory");
    if let Ok(mut made) = MADE.lock() {
        made.insert(bytes.to_vec(), out.clone());
    }
    out
}

/// `gzip_smallest` of each, one thread each.
pub fn gzip_smallest_all<const N: usize>(files: [Vec<u8>; N]) -> [Vec<u8>; N] {
    std::thread::scope(|s| {
        files
            .map(|bytes| s.spawn(move || gzip_smallest(&bytes)))
            .map(|h| h.join().expect("compressing crashed"))
    })
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out
}

/// Writes the `.gz` and `.br` of every compressible file directly in `dir` (one thread a
/// file), replacing older ones; returns (file, raw, gzip, brotli) sizes, sorted by name.
pub fn write_siblings(dir: &Path) -> Result<Vec<(String, usize, usize, usize)>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && compressible(p))
        .collect();
    let handles: Vec<_> = files
        .into_iter()
        .map(|path| {
            std::thread::spawn(move || -> Result<(String, usize, usize, usize), String> {
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                // offline.html is a download, and compressed inside already.
                let gz = if path.file_name().is_some_and(|n| n == "offline.html") {
                    gzip(&bytes)
                } else {
                    gzip_smallest(&bytes)
                };
                let br = brotli(&bytes);
                for (ext, data) in [("gz", &gz), ("br", &br)] {
                    let mut name = path.clone().into_os_string();
                    name.push(".");
                    name.push(ext);
                    std::fs::write(&name, data)
                        .map_err(|e| format!("{}: {e}", Path::new(&name).display()))?;
                }
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                Ok((name.into_owned(), bytes.len(), gz.len(), br.len()))
            })
        })
        .collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.join().map_err(|_| "compressing crashed".to_string())??);
    }
    out.sort();
    Ok(out)
}

/// The encodings a request's `Accept-Encoding` value accepts (those without `q=0`),
/// lower-case, in the order given.
pub fn accepted(header: &str) -> Vec<String> {
    header
        .split(',')
        .filter_map(|part| {
            let mut bits = part.split(';');
            let name = bits.next()?.trim().to_ascii_lowercase();
            let refused = bits.any(|b| {
                b.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (!name.is_empty() && !refused).then_some(name)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn siblings_decompress_to_the_file() {
        let dir = std::env::temp_dir().join(format!("cq-compress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = "重庆 chart ".repeat(500);
        std::fs::write(dir.join("a.js"), &text).unwrap();
        std::fs::write(dir.join("b.png"), [0x89, b'P', b'N', b'G']).unwrap();
        let sizes = write_siblings(&dir).unwrap();
        assert_eq!(sizes.len(), 1, "only the text file: {sizes:?}");
        assert!(sizes[0].2 < text.len() / 10 && sizes[0].3 < text.len() / 10);
        let mut back = String::new();
        flate2::read::GzDecoder::new(&std::fs::read(dir.join("a.js.gz")).unwrap()[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &std::fs::read(dir.join("a.js.br")).unwrap()[..], &mut back)
            .unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(!dir.join("b.png.gz").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reads_accept_encoding() {
        assert_eq!(accepted("gzip, deflate, br, zstd"), ["gzip", "deflate", "br", "zstd"]);
        assert_eq!(accepted("br;q=0, GZIP;q=0.5"), ["gzip"]);
        assert!(accepted("").is_empty());
        assert!(accepted("identity").iter().all(|e| e != "gzip"));
    }
}
