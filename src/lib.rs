//! Chongqing district industry explorer.
//!
//! The pure core (everything but `ui`) compiles and is tested natively: it knows the
//! dataset, queries it, lays out charts and renders them to SVG, and holds the app
//! state with a pure reducer. Only `ui` (wasm32 only) touches yew and web-sys.

pub mod chart;
pub mod dataset;
pub mod export;
pub mod format;
pub mod i18n;
pub mod import;
pub mod model;
pub mod numtext;
pub mod order;
pub mod query;
pub mod state;
/// Synthetic import files for tests, fixtures and the benchmark (native only).
#[cfg(not(target_arch = "wasm32"))]
pub mod synthetic;
pub mod text;
pub mod url;

#[cfg(target_arch = "wasm32")]
pub mod ui;
/// The import worker's messages and its side of them (wasm32 only).
#[cfg(target_arch = "wasm32")]
pub mod worker;
