//! Which origins may see which accounts (EIP-2255 `eth_accounts`), stored as JSON under
//! [`PERMISSIONS_KEY`] in `chrome.storage.local`. Account ids, not addresses, are stored, so a
//! renamed or re-derived account keeps its grants.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Storage key of the permissions.
pub const PERMISSIONS_KEY: &str = "permissions";

/// One origin's grant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// Account ids (`hd:0`, `imported:0x…`), in the order the user granted them.
    pub accounts: Vec<String>,
    /// When, in milliseconds since the Unix epoch.
    pub granted_at_ms: u64,
}

/// Every origin's grant.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    /// Format version.
    pub version: u32,
    /// Grants by origin.
    pub origins: BTreeMap<String, Grant>,
}

impl Permissions {
    /// The current format version.
    pub const VERSION: u32 = 1;

    /// Reads stored permissions; unreadable text gives none (nothing is granted by accident).
    pub fn parse(text: &str) -> Self {
        serde_json::from_str::<Self>(text)
            .ok()
            .filter(|p| p.version == Self::VERSION)
            .unwrap_or_default()
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        let mut copy = self.clone();
        copy.version = Self::VERSION;
        serde_json::to_string(&copy).unwrap_or_default()
    }
}
