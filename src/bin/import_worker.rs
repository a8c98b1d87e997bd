//! The import worker's wasm: the import core behind the messages of `worker.rs`.

#[cfg(target_arch = "wasm32")]
fn main() {
    cq_explorer::worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
