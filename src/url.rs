//! The URL-state codec: AppState <-> query string.
