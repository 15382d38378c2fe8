//! The user's preferences, stored as JSON under [`PREFS_KEY`] in `chrome.storage.local`.

use serde::{Deserialize, Serialize};

use crate::api::ChainId;
use crate::chains::evm::{DEFAULT_CHAIN_ID, builtin_network};

/// Storage key of the preferences.
pub const PREFS_KEY: &str = "prefs";

/// Minutes of inactivity before the wallet locks itself, unless the user chose otherwise.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 15;
/// The longest auto-lock time the user may choose (a day).
pub const MAX_AUTO_LOCK_MINUTES: u32 = 1440;

/// Preferences. New fields get serde defaults, so older stored preferences still load.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// Format version, for migrations.
    pub version: u32,
    /// The selected EVM network.
    pub selected_chain_id: ChainId,
    /// The selected account's id.
    #[serde(default)]
    pub selected_account: Option<String>,
    /// Minutes of inactivity before the wallet locks itself (1–1440).
    #[serde(default = "default_auto_lock")]
    pub auto_lock_minutes: u32,
    /// Chains that sites switched to themselves (`wallet_switchEthereumChain`); a site without
    /// an entry follows `selected_chain_id`. Choosing a network in the popup clears them.
    #[serde(default)]
    pub origin_chains: std::collections::BTreeMap<String, ChainId>,
}

fn default_auto_lock() -> u32 {
    DEFAULT_AUTO_LOCK_MINUTES
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            version: Self::VERSION,
            selected_chain_id: DEFAULT_CHAIN_ID,
            selected_account: None,
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
            origin_chains: std::collections::BTreeMap::new(),
        }
    }
}

impl Prefs {
    /// The current format version.
    pub const VERSION: u32 = 1;

    /// Reads stored preferences; anything unreadable or out of range gives the defaults (the
    /// caller leaves the stored text alone until the user changes a preference).
    pub fn parse(text: &str) -> Self {
        Self::parse_with(text, |c| builtin_network(c).is_some())
    }

    /// Like [`Self::parse`], with `known` saying which chains exist (built-in and custom).
    pub fn parse_with(text: &str, known: impl Fn(ChainId) -> bool) -> Self {
        serde_json::from_str::<Self>(text)
            .ok()
            .filter(|p| {
                p.version == Self::VERSION
                    && known(p.selected_chain_id)
                    && (1..=MAX_AUTO_LOCK_MINUTES).contains(&p.auto_lock_minutes)
                    && p.origin_chains.values().all(|c| known(*c))
            })
            .unwrap_or_default()
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        // Serializing plain strings and numbers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes_and_defaults_the_rest() {
        let p = Prefs {
            auto_lock_minutes: 5,
            selected_account: Some("hd:0".into()),
            ..Prefs::default()
        };
        assert_eq!(Prefs::parse(&p.to_json()), p);
        let old = r#"{"version":1,"selected_chain_id":"0x7a69"}"#;
        assert_eq!(Prefs::parse(old).auto_lock_minutes, DEFAULT_AUTO_LOCK_MINUTES);
        assert_eq!(Prefs::parse(old).selected_chain_id, ChainId::new(31_337).unwrap());
        for bad in [
            "",
            "{",
            r#"{"version":2,"selected_chain_id":"0x1"}"#,
            r#"{"version":1,"selected_chain_id":"0x1","auto_lock_minutes":0}"#,
        ] {
            assert_eq!(Prefs::parse(bad), Prefs::default(), "{bad}");
        }
    }
}
