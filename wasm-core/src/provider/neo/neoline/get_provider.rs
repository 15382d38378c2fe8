//! `getProvider` — no params; answers `{name, website, version, compatibility, extra}`
//! (also the READY event's detail).

use serde_json::{Value, json};

/// Formica's version as dApps see it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `getProvider`'s answer (also the READY event's detail).
pub fn provider_info() -> Value {
    json!({
        "name": "Formica",
        "website": "https://formica.app",
        "version": VERSION,
        "compatibility": ["NEP-17", "NEP-11"],
        "extra": {"theme": "", "currency": "USD"},
    })
}
