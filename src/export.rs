//! Exports (CSV, JSON, citation) of the current rows: pure functions to strings.
