//! The app's entry point: on wasm32 it mounts the Yew UI; natively there is nothing
//! to run (the core is exercised by `cargo test`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    cq_explorer::ui::start();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("cq-explorer is a web app: build it with `cargo xtask serve` (see README.md)");
}
