//! A small static file server for `dist/`: GET and HEAD only, correct MIME types
//! (wasm streaming compilation needs `application/wasm`), no directory listings. Like
//! nginx's `gzip_static`, it sends the `.br` or `.gz` sibling that `cargo xtask build`
//! wrote when the request's `Accept-Encoding` allows it (brotli first), with
//! `Content-Encoding` and `Vary: Accept-Encoding`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

pub fn serve(dir: &Path, port: u16) -> Result<(), String> {
    let addr = format!("127.0.0.1:{port}");
    let listener = TcpListener::bind(&addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    println!("Serving {} at http://{addr}/ (Ctrl+C to stop)", dir.display());
    for stream in listener.incoming().flatten() {
        let dir = dir.to_path_buf();
        std::thread::spawn(move || {
            let _ = handle(stream, &dir);
        });
    }
    Ok(())
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        // Each page declares its own (offline.html is windows-1252, the others UTF-8).
        "html" => "text/html",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Maps a request path onto `dir`, refusing anything that climbs out of it.
fn resolve(dir: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut out = dir.to_path_buf();
    for c in Path::new(path.trim_start_matches('/')).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    out.is_file().then_some(out)
}

fn handle(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut accept_encoding = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("accept-encoding") {
                accept_encoding = value.trim().to_string();
            }
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return stream.write_all(
            b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
    }
    let Some(file) = resolve(dir, target) else {
        return stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found");
    };
    let (sent, encoding) = encoded(&file, &accept_encoding);
    let body = std::fs::read(&sent)?;
    let mut extra = String::new();
    if crate::compress::compressible(&file) {
        extra.push_str("Vary: Accept-Encoding\r\n");
    }
    if let Some(e) = encoding {
        extra.push_str(&format!("Content-Encoding: {e}\r\n"));
    }
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\n{extra}Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        mime(&file),
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method == "GET" {
        stream.write_all(&body)?;
    }
    Ok(())
}

/// The file to send for `file` given the request's `Accept-Encoding`: its `.br` or `.gz`
/// sibling when one exists and is accepted (brotli first), else the file itself.
fn encoded(file: &Path, accept_encoding: &str) -> (PathBuf, Option<&'static str>) {
    let accepted = crate::compress::accepted(accept_encoding);
    for (encoding, ext) in [("br", "br"), ("gzip", "gz")] {
        if accepted.iter().any(|a| a == encoding) {
            let mut name = file.as_os_str().to_owned();
            name.push(".");
            name.push(ext);
            let sibling = PathBuf::from(name);
            if sibling.is_file() {
                return (sibling, Some(encoding));
            }
        }
    }
    (file.to_path_buf(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sends_the_sibling_the_request_accepts() {
        let dir = std::env::temp_dir().join(format!("cq-serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let js = dir.join("app.js");
        for name in ["app.js", "app.js.gz", "app.js.br", "logo.png"] {
            std::fs::write(dir.join(name), name).unwrap();
        }
        assert_eq!(encoded(&js, "gzip, deflate, br"), (dir.join("app.js.br"), Some("br")));
        assert_eq!(encoded(&js, "gzip"), (dir.join("app.js.gz"), Some("gzip")));
        assert_eq!(encoded(&js, "br;q=0, gzip"), (dir.join("app.js.gz"), Some("gzip")));
        assert_eq!(encoded(&js, ""), (js.clone(), None));
        let png = dir.join("logo.png");
        assert_eq!(encoded(&png, "gzip, br"), (png.clone(), None), "no sibling: as it is");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// One request through `handle`, as a browser sends it; the response's head and body.
    fn request(dir: &Path, head: &str) -> (String, Vec<u8>) {
        use std::io::Read;
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let dir = dir.to_path_buf();
        let server = std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            handle(stream, &dir).unwrap();
        });
        let mut client = TcpStream::connect(addr).unwrap();
        client.write_all(head.as_bytes()).unwrap();
        let mut response = Vec::new();
        client.read_to_end(&mut response).unwrap();
        server.join().unwrap();
        let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        (String::from_utf8_lossy(&response[..split]).into_owned(), response[split + 4..].to_vec())
    }

    #[test]
    fn answers_with_the_encoding_the_browser_accepts() {
        let dir = std::env::temp_dir().join(format!("cq-serve-http-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let wasm = vec![0u8; 5000];
        std::fs::write(dir.join("app.wasm"), &wasm).unwrap();
        crate::compress::write_siblings(&dir).unwrap();
        let (head, body) = request(
            &dir,
            "GET /app.wasm HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, deflate\r\n\r\n",
        );
        assert!(head.contains("Content-Type: application/wasm"), "{head}");
        assert!(head.contains("Content-Encoding: gzip"), "{head}");
        assert!(head.contains("Vary: Accept-Encoding"), "{head}");
        assert_eq!(body, std::fs::read(dir.join("app.wasm.gz")).unwrap());
        let (head, body) = request(&dir, "GET /app.wasm HTTP/1.1\r\naccept-encoding: br\r\n\r\n");
        assert!(head.contains("Content-Encoding: br"), "{head}");
        assert!(body.len() < 100);
        let (head, body) = request(&dir, "GET /app.wasm HTTP/1.1\r\n\r\n");
        assert!(!head.contains("Content-Encoding"), "{head}");
        assert_eq!(body, wasm);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
