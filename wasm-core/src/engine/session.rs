//! The unlocked session across worker restarts, and how new KDF parameters are chosen.

use std::time::Duration;

use zeroize::Zeroizing;

use crate::storage::Storage;
use crate::vault::{KdfParams, SystemClock, VaultError, VaultKey, calibrate};

/// Session-area key holding the vault key while unlocked. `chrome.storage.session` lives in
/// memory, is readable by extension pages and the worker only, and is cleared on browser
/// restart; the engine clears it on lock.
pub const SESSION_KEY: &str = "session:vault-key";

/// Reads the vault key kept by the session, if any.
pub async fn read_key(session: &impl Storage) -> Option<VaultKey> {
    let text = Zeroizing::new(session.get(SESSION_KEY).await.ok()??);
    VaultKey::from_base64(&text).ok()
}

/// Keeps the vault key in the session.
pub async fn write_key(session: &impl Storage, key: &VaultKey) -> Result<(), crate::storage::StorageError> {
    session.set(SESSION_KEY, &key.to_base64()).await
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
    pub const PRODUCT: Self = Self::Calibrated {
        target: Duration::from_millis(300),
    };

    /// Fresh parameters (with a new random salt).
    ///
    /// # Errors
    /// The system has no randomness, or the KDF fails (out of memory).
    pub fn params(&self) -> Result<KdfParams, VaultError> {
        match self {
            Self::Calibrated { target } => calibrate(*target, &SystemClock::new()),
            Self::Fixed { m_kib, t } => {
                let mut salt = vec![0_u8; KdfParams::DEFAULT_SALT_LEN];
                getrandom::fill(&mut salt).map_err(|_| VaultError::Random)?;
                KdfParams::new(*m_kib, *t, KdfParams::DEFAULT_P, salt)
            }
        }
    }
}
