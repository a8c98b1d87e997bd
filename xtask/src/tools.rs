//! Installs the toolchain the build and tests need, only what is missing, saying what
//! it installs. Versions are pinned here and in Trunk.toml / Cargo.toml.

use std::path::Path;
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_NPM: &str = "binaryen@132.0.0";
pub const WASM_OPT_VERSION: &str = "version 132";
/// Debian packages: the browser the tests drive, its driver, a CJK font, and nginx, which
/// the end-to-end tests start on loopback (with their own config, never the system
/// service) to serve `dist/` under the strict CSP header documented in README.
const APT_PACKAGES: &[&str] = &["chromium", "chromium-driver", "fonts-noto-cjk", "nginx"];

pub fn cmd(program: &str) -> Command {
    Command::new(program)
}

/// Runs a command with inherited output; fails with its name on a non-zero exit.
pub fn run(c: &mut Command) -> Result<(), String> {
    let shown = format!("{c:?}");
    let status = c
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// The first line a command prints, or `None` when it cannot run.
fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The wasm-bindgen version locked in Cargo.lock: the CLI must match it exactly.
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(crate::root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

fn is_root() -> bool {
    output_of("id", &["-u"]).as_deref() == Some("0")
}

fn install(what: &str, c: &mut Command) -> Result<(), String> {
    println!("setup: installing {what}");
    run(c)
}

/// Installs what is missing: the wasm32 target, Trunk, wasm-bindgen-cli, binaryen's
/// wasm-opt, Chromium with its driver, a CJK font and nginx (as root), and the npm
/// packages of the end-to-end tests. Re-running installs nothing.
pub fn setup() -> Result<(), String> {
    let targets = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets.lines().any(|t| t == "wasm32-unknown-unknown") {
        install(
            "the wasm32-unknown-unknown target",
            cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
        )?;
    }
    if output_of("trunk", &["--version"]).as_deref() != Some(&format!("trunk {TRUNK_VERSION}")) {
        install(
            &format!("trunk {TRUNK_VERSION} (takes several minutes)"),
            cmd("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]),
        )?;
    }
    let wb = wasm_bindgen_version()?;
    if output_of("wasm-bindgen", &["--version"]).as_deref() != Some(&format!("wasm-bindgen {wb}")) {
        // Not --locked: its lock file names a crate version the registry no longer has.
        install(
            &format!("wasm-bindgen-cli {wb}"),
            cmd("cargo").args(["install", "wasm-bindgen-cli", "--version", &wb, "--force"]),
        )?;
    }
    if !output_of("wasm-opt", &["--version"]).is_some_and(|v| v.contains(WASM_OPT_VERSION)) {
        let mut npm = cmd("npm");
        npm.args(["install", "-g", BINARYEN_NPM]);
        if is_root() {
            npm.args(["--prefix", "/usr/local"]);
        }
        install(&format!("wasm-opt from npm {BINARYEN_NPM}"), &mut npm)?;
    }
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .copied()
        .filter(|p| {
            !output_of("dpkg-query", &["-W", "-f=${Status}", p])
                .is_some_and(|s| s.ends_with(" installed")) // not "not-installed"
        })
        .collect();
    if !missing.is_empty() {
        if !is_root() {
            return Err(format!(
                "please install these Debian packages (as root): {}",
                missing.join(" ")
            ));
        }
        println!("setup: installing Debian packages {}", missing.join(" "));
        run(cmd("apt-get").arg("update").arg("-q"))?;
        run(cmd("apt-get")
            .args(["install", "-y", "-q", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    npm_dependencies(&crate::root().join("tests/e2e"))
}

/// `npm ci` in the end-to-end test folder when its node_modules is missing or older
/// than its lock file.
fn npm_dependencies(dir: &Path) -> Result<(), String> {
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let stale = match (modified(&lock), modified(&installed)) {
        (Some(l), Some(i)) => l > i,
        _ => true,
    };
    if stale {
        install(
            "the end-to-end tests' npm packages (npm ci)",
            cmd("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(dir),
        )?;
    }
    Ok(())
}
