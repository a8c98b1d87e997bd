//! Installs the toolchain the build and tests need, only what is missing, saying what
//! it installs. Versions are pinned here and in Trunk.toml / Cargo.toml.
//!
//! Independent installs run at the same time (apt, npm, each `cargo install`), each
//! line of their output prefixed with its name so the interleaving stays readable.
//! The tools are compiled with a profile meant for installing quickly (no LTO, many
//! codegen units, opt-level 0): they run for seconds, so their own speed hardly matters.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const GECKODRIVER_VERSION: &str = "0.36.0";
pub const BINARYEN_NPM: &str = "binaryen@132.0.0";
pub const WASM_OPT_VERSION: &str = "version 132";
/// Debian packages serving needs: none (the build uses Rust and npm tools only).
/// The tests need browsers, their drivers, a CJK font, nginx (started on loopback with
/// its own config, never the system service) and a virtual display for WebKitGTK.
const APT_TEST_PACKAGES: &[&str] = &[
    "chromium",
    "chromium-driver",
    "fonts-noto-cjk",
    "nginx",
    "firefox-esr",
    "webkit2gtk-driver",
    "xvfb",
    "xauth",
];

/// What a command needs installed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Building and serving: the wasm target, Trunk, wasm-bindgen-cli, wasm-opt.
    Build,
    /// Everything the tests use besides: browsers, drivers, fonts, nginx, npm packages.
    Test,
}

pub fn cmd(program: &str) -> Command {
    Command::new(program)
}

/// Runs a command with inherited output; fails with its name on a non-zero exit.
pub fn run(c: &mut Command) -> Result<(), String> {
    let shown = format!("{c:?}");
    let status = c.status().map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// The first line a command prints, or `None` when it cannot run.
fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
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

/// One install: a name for its output lines and the commands it runs in order.
struct Job {
    name: &'static str,
    what: String,
    steps: Vec<Command>,
}

/// `cargo install` tuned for a quick compile rather than a fast tool.
fn cargo_install(args: &[&str]) -> Command {
    let mut c = cmd("cargo");
    c.arg("install")
        .args(args)
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "false")
        .env("CARGO_TERM_PROGRESS_WHEN", "never");
    c
}

/// Runs one job's steps, each output line prefixed with `[name]`.
fn run_job(job: Job) -> Result<(), String> {
    let start = Instant::now();
    println!("setup: installing {}", job.what);
    for mut step in job.steps {
        let shown = format!("{step:?}");
        let mut child = step
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("[{}] could not start {shown}: {e}", job.name))?;
        let name = job.name;
        let err = child.stderr.take().map(|e| {
            std::thread::spawn(move || {
                for line in BufReader::new(e).lines().map_while(Result::ok) {
                    eprintln!("[{name}] {line}");
                }
            })
        });
        if let Some(o) = child.stdout.take() {
            for line in BufReader::new(o).lines().map_while(Result::ok) {
                println!("[{name}] {line}");
            }
        }
        if let Some(h) = err {
            let _ = h.join();
        }
        let status = child.wait().map_err(|e| format!("[{}] {shown}: {e}", job.name))?;
        if !status.success() {
            return Err(format!("[{}] {shown} failed ({status})", job.name));
        }
    }
    println!("setup: {} installed in {:.0} s", job.what, start.elapsed().as_secs_f64());
    Ok(())
}

/// The jobs for what is missing.
fn missing_jobs(need: Need) -> Result<Vec<Job>, String> {
    let mut jobs = Vec::new();
    let targets = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets.lines().any(|t| t == "wasm32-unknown-unknown") {
        let mut c = cmd("rustup");
        c.args(["target", "add", "wasm32-unknown-unknown"]);
        jobs.push(Job {
            name: "rustup",
            what: "the wasm32-unknown-unknown target".into(),
            steps: vec![c],
        });
    }
    if output_of("trunk", &["--version"]).as_deref() != Some(&format!("trunk {TRUNK_VERSION}")) {
        jobs.push(Job {
            name: "trunk",
            what: format!("trunk {TRUNK_VERSION} (compiles for about 3 minutes)"),
            steps: vec![cargo_install(&["trunk", "--version", TRUNK_VERSION, "--locked"])],
        });
    }
    let wb = wasm_bindgen_version()?;
    if output_of("wasm-bindgen", &["--version"]).as_deref() != Some(&format!("wasm-bindgen {wb}")) {
        // Not --locked: its lock file names a crate version the registry no longer has.
        jobs.push(Job {
            name: "wasm-bindgen",
            what: format!("wasm-bindgen-cli {wb} (compiles for about 2 minutes)"),
            steps: vec![cargo_install(&["wasm-bindgen-cli", "--version", &wb, "--force"])],
        });
    }
    if !output_of("wasm-opt", &["--version"]).is_some_and(|v| v.contains(WASM_OPT_VERSION)) {
        let mut npm = cmd("npm");
        npm.args(["install", "-g", "--no-audit", "--no-fund", BINARYEN_NPM]);
        if is_root() {
            npm.args(["--prefix", "/usr/local"]);
        }
        jobs.push(Job {
            name: "wasm-opt",
            what: format!("wasm-opt from npm {BINARYEN_NPM}"),
            steps: vec![npm],
        });
    }
    if need == Need::Build {
        return Ok(jobs);
    }
    if output_of("cargo", &["fmt", "--version"]).is_none()
        || output_of("cargo", &["clippy", "--version"]).is_none()
    {
        let mut c = cmd("rustup");
        c.args(["component", "add", "rustfmt", "clippy"]);
        jobs.push(Job {
            name: "rustup-components",
            what: "rustfmt and clippy (the first test layers)".into(),
            steps: vec![c],
        });
    }
    if !output_of("geckodriver", &["--version"])
        .is_some_and(|v| v.starts_with(&format!("geckodriver {GECKODRIVER_VERSION}")))
    {
        jobs.push(Job {
            name: "geckodriver",
            what: format!(
                "geckodriver {GECKODRIVER_VERSION} (Firefox's driver; compiles for about 3½ minutes)"
            ),
            steps: vec![cargo_install(&[
                "geckodriver",
                "--version",
                GECKODRIVER_VERSION,
                "--locked",
            ])],
        });
    }
    let missing: Vec<&str> = APT_TEST_PACKAGES
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
        let mut update = cmd("apt-get");
        update.args(["update", "-q"]);
        let mut install = cmd("apt-get");
        install
            .args(["install", "-y", "-q", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive");
        jobs.push(Job {
            name: "apt",
            what: format!("Debian packages {}", missing.join(" ")),
            steps: vec![update, install],
        });
    }
    let e2e = crate::root().join("tests/e2e");
    if npm_stale(&e2e) {
        let mut c = cmd("npm");
        c.args(["ci", "--no-audit", "--no-fund"]).current_dir(&e2e);
        jobs.push(Job {
            name: "npm",
            what: "the end-to-end tests' npm packages (npm ci)".into(),
            steps: vec![c],
        });
    }
    Ok(jobs)
}

/// Installs what `need` requires and is missing, all at once. Re-running installs
/// nothing.
pub fn setup(need: Need) -> Result<(), String> {
    let jobs = missing_jobs(need)?;
    if jobs.is_empty() {
        return Ok(());
    }
    let start = Instant::now();
    let handles: Vec<_> =
        jobs.into_iter().map(|job| std::thread::spawn(move || run_job(job))).collect();
    let errors: Vec<String> = handles
        .into_iter()
        .filter_map(|h| h.join().unwrap_or_else(|_| Err("an install crashed".into())).err())
        .collect();
    if errors.is_empty() {
        println!("setup: done in {:.0} s", start.elapsed().as_secs_f64());
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

/// `node_modules` in the end-to-end test folder is missing or older than its lock file.
fn npm_stale(dir: &Path) -> bool {
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(&lock), modified(&installed)) {
        (Some(l), Some(i)) => l > i,
        _ => true,
    }
}
