//! `cargo xtask test`: every layer in order, counting what each ran, ending with one
//! line `N passed, M failed`. A layer that cannot run at all counts as one failure.

use crate::tools;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// The engines of `tests/e2e/engines/smoke.mjs` (see its drivers.mjs).
const ENGINES: [(&str, &str); 3] = [
    ("chromium", "Chromium (chromedriver)"),
    ("firefox", "Firefox ESR (geckodriver)"),
    ("webkit", "WebKitGTK (WebKitWebDriver, under xvfb-run)"),
];

struct Tally {
    passed: u32,
    failed: u32,
    failures: Vec<String>,
}

impl Tally {
    fn add(&mut self, name: &str, (passed, failed): (u32, u32)) {
        println!("== {name}: {passed} passed, {failed} failed");
        self.passed += passed;
        self.failed += failed;
        if failed > 0 {
            self.failures.push(name.to_string());
        }
    }
}

/// Runs a command, echoing its output while keeping it for counting.
fn run_tee(c: &mut Command) -> (bool, String) {
    let shown = format!("{c:?}");
    println!("\n== running {shown}");
    let mut child = match c.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(e) => return (false, format!("could not start {shown}: {e}")),
    };
    let err = child.stderr.take().map(|e| {
        std::thread::spawn(move || {
            let mut kept = String::new();
            for line in BufReader::new(e).lines().map_while(Result::ok) {
                eprintln!("{line}");
                kept.push_str(&line);
                kept.push('\n');
            }
            kept
        })
    });
    let mut out = String::new();
    if let Some(o) = child.stdout.take() {
        for line in BufReader::new(o).lines().map_while(Result::ok) {
            println!("{line}");
            out.push_str(&line);
            out.push('\n');
        }
    }
    if let Some(h) = err {
        out.push_str(&h.join().unwrap_or_default());
    }
    let ok = child.wait().is_ok_and(|s| s.success());
    (ok, out)
}

/// Sums cargo's and wasm-bindgen-test's `test result: … N passed; M failed` lines.
fn cargo_counts(ok: bool, out: &str) -> (u32, u32) {
    let mut total = (0, 0);
    for line in out.lines().filter(|l| l.contains("test result:")) {
        total.0 += number_before(line, " passed");
        total.1 += number_before(line, " failed");
    }
    if !ok && total.1 == 0 {
        total.1 = 1; // it failed before or outside any test (a compile error, a crash)
    }
    total
}

/// Node's test runner reports `# pass N` and `# fail M`.
fn node_counts(ok: bool, out: &str) -> (u32, u32) {
    let find = |key: &str| {
        out.lines()
            .rev()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    };
    let (p, mut f) = (find("# pass "), find("# fail "));
    if !ok && f == 0 {
        f = 1;
    }
    (p, f)
}

fn number_before(line: &str, word: &str) -> u32 {
    line.find(word)
        .and_then(|i| line[..i].rsplit(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn check(ok: bool) -> (u32, u32) {
    if ok {
        (1, 0)
    } else {
        (0, 1)
    }
}

pub fn run_all() -> Result<(), String> {
    tools::setup(tools::Need::Test)?;
    let root = crate::root();
    let cargo = || {
        let mut c = Command::new("cargo");
        c.current_dir(&root);
        c
    };
    let mut t = Tally { passed: 0, failed: 0, failures: Vec::new() };

    let (ok, _) = run_tee(cargo().args(["fmt", "--all", "--check"]));
    t.add("cargo fmt --check", check(ok));
    let (ok, _) = run_tee(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--all-features",
        "--",
        "-D",
        "warnings",
    ]));
    t.add("clippy (native)", check(ok));
    let (ok, _) = run_tee(cargo().args([
        "clippy",
        "--package",
        "cq-explorer",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]));
    t.add("clippy (wasm32)", check(ok));

    // --all-features: xtask's `map` too, so the map generator's tests run.
    let (ok, out) = run_tee(cargo().args(["test", "--workspace", "--all-features"]));
    t.add("native unit and integration tests", cargo_counts(ok, &out));

    let chromedriver = which("chromedriver").unwrap_or_else(|| "/usr/bin/chromedriver".into());
    let (ok, out) = run_tee(
        cargo()
            .args([
                "test",
                "--package",
                "cq-explorer",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "web",
            ])
            .env("CHROMEDRIVER", chromedriver)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", root.join("tests/webdriver.json"))
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
    );
    t.add("wasm-bindgen tests in headless Chromium", cargo_counts(ok, &out));

    let built = crate::build();
    if let Err(e) = &built {
        eprintln!("release build failed: {e}");
    }
    t.add("release build with dist/offline.html", check(built.is_ok()));

    let fixtures = crate::fixtures::write(&crate::fixtures_dir());
    if let Err(e) = &fixtures {
        eprintln!("import fixtures: {e}");
    }
    if built.is_ok() && fixtures.is_ok() {
        let (ok, out) = run_tee(
            Command::new("node")
                .args(["--test", "--test-reporter=tap"])
                .current_dir(root.join("tests/e2e")),
        );
        t.add("end-to-end tests in headless Chromium (HTTP and file://)", node_counts(ok, &out));
    } else {
        t.add("end-to-end tests (not run: no build)", (0, 1));
    }

    // The smoke suite in each engine readers use, each with its own count.
    for (engine, name) in ENGINES {
        if built.is_err() || fixtures.is_err() {
            t.add(&format!("smoke suite in {name} (not run: no build)"), (0, 1));
            continue;
        }
        let mut c = if engine == "webkit" {
            // WebKitGTK draws into a display even for automation: a virtual one.
            let mut c = Command::new("xvfb-run");
            c.args(["-a", "-s", "-screen 0 1280x1024x24", "node"]);
            c
        } else {
            Command::new("node")
        };
        c.args(["--test", "--test-reporter=tap", "engines/smoke.mjs"])
            .env("ENGINE", engine)
            .current_dir(root.join("tests/e2e"));
        let (ok, out) = run_tee(&mut c);
        t.add(&format!("smoke suite in {name} (HTTP and file://)"), node_counts(ok, &out));
    }

    if !t.failures.is_empty() {
        println!("\nfailed layers: {}", t.failures.join("; "));
    }
    println!("\n{} passed, {} failed", t.passed, t.failed);
    if t.failed == 0 {
        Ok(())
    } else {
        Err(format!("{} failed", t.failed))
    }
}

fn which(program: &str) -> Option<String> {
    let out = Command::new("sh").args(["-c", &format!("command -v {program}")]).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cargo_result_lines() {
        let out = "test result: ok. 9 passed; 0 failed; 0 ignored\ntest result: FAILED. 3 passed; 2 failed;\n";
        assert_eq!(cargo_counts(false, out), (12, 2));
    }

    #[test]
    fn a_failed_run_without_results_counts_one_failure() {
        assert_eq!(cargo_counts(false, "error[E0425]: cannot find value"), (0, 1));
        assert_eq!(node_counts(false, "Error: Cannot find module"), (0, 1));
    }

    #[test]
    fn counts_node_tap_summary() {
        assert_eq!(node_counts(true, "# tests 5\n# pass 4\n# fail 1\n"), (4, 1));
    }
}
