//! The unlocked session across worker restarts, and how new KDF parameters are chosen.

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use zeroize::Zeroizing;

use crate::storage::Storage;
use crate::vault::{self, KdfParams, VaultKey};

/// Session-area key holding the vault key while unlocked. `chrome.storage.session` lives in
/// memory, is readable by extension pages and the worker only, and is cleared on browser
/// restart; the engine clears it on lock.
pub const SESSION_KEY: &str = "session:vault-key";

/// Reads the vault key kept by the session, if any.
pub async fn read_key(session: &impl Storage) -> Option<VaultKey> {
    let text = Zeroizing::new(session.get(SESSION_KEY).await.ok()??);
    let bytes = Zeroizing::new(STANDARD.decode(text.as_bytes()).ok()?);
    VaultKey::from_bytes(&bytes).ok()
}

/// Keeps the vault key in the session.
pub async fn write_key(session: &impl Storage, key: &VaultKey) -> Result<(), crate::storage::StorageError> {
    let text = Zeroizing::new(STANDARD.encode(key.to_bytes().as_slice()));
    session.set(SESSION_KEY, &text).await
}

/// How the engine picks KDF parameters for a new vault or a new password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KdfPolicy {
    /// Calibrate on this machine to take about `target` (the product setting).
    Calibrated {
        /// The time one derivation should take.
        target: Duration,
    },
    /// Fixed parameters (tests), with a fresh salt each time.
    Fixed {
        /// Memory in KiB.
        m_kib: u32,
        /// Passes.
        t: u32,
    },
}

impl KdfPolicy {
    /// The product setting: about 300 ms, never below 64 MiB.
    pub const PRODUCT: Self = Self::Calibrated { target: Duration::from_millis(300) };

    /// Fresh parameters (with a new random salt).
    pub fn params(&self) -> KdfParams {
        match self {
            Self::Calibrated { target } => vault::kdf::calibrate(*target, &vault::kdf::SystemClock),
            Self::Fixed { m_kib, t } => KdfParams::with_cost(*m_kib, *t),
        }
    }
}
