//! What can go wrong with a popup command, and how it reaches the popup.

use crate::api::UiError;
use crate::keyring::{KeyringDecodeError, KeyringError, KeystoreError, MnemonicError};
use crate::storage::StorageError;
use crate::vault::VaultError;

/// A failed popup command: the `_locales` key, its substitutions, and English detail for logs.
/// Nothing here ever holds a secret.
#[derive(Debug)]
pub struct Failure {
    /// What to show.
    pub error: UiError,
    /// Substitutions for the message.
    pub args: Vec<String>,
    /// English detail.
    pub detail: String,
}

impl Failure {
    /// A failure without substitutions.
    pub fn new(error: UiError, detail: impl Into<String>) -> Self {
        Self {
            error,
            args: Vec::new(),
            detail: detail.into(),
        }
    }
}

impl From<StorageError> for Failure {
    fn from(e: StorageError) -> Self {
        Self::new(UiError::Storage, e.to_string())
    }
}

impl From<VaultError> for Failure {
    fn from(e: VaultError) -> Self {
        let detail = e.to_string();
        match e {
            VaultError::Decrypt => Self::new(UiError::WrongPassword, detail),
            VaultError::Storage(_) => Self::new(UiError::Storage, detail),
            _ => Self::new(UiError::Storage, detail),
        }
    }
}

impl From<MnemonicError> for Failure {
    fn from(e: MnemonicError) -> Self {
        let detail = e.to_string();
        match e {
            MnemonicError::UnknownWord { position, word, .. } => Self {
                error: UiError::UnknownWord,
                args: vec![position.to_string(), word],
                detail,
            },
            MnemonicError::WordCount { count } => Self {
                error: UiError::BadWordCount,
                args: vec![count.to_string()],
                detail,
            },
            _ => Self::new(UiError::BadChecksum, detail),
        }
    }
}

impl From<KeystoreError> for Failure {
    fn from(e: KeystoreError) -> Self {
        let detail = e.to_string();
        match e {
            KeystoreError::WrongPassword => Self::new(UiError::WrongKeystorePassword, detail),
            _ => Self::new(UiError::InvalidKeystore, detail),
        }
    }
}

impl From<KeyringError> for Failure {
    fn from(e: KeyringError) -> Self {
        let detail = e.to_string();
        match e {
            KeyringError::DuplicateAccount { .. } | KeyringError::DuplicateNeoAccount { .. } => {
                Self::new(UiError::DuplicateAccount, detail)
            }
            KeyringError::UnknownAccount { .. } | KeyringError::UnknownNeoAccount { .. } => {
                Self::new(UiError::UnknownAccount, detail)
            }
            KeyringError::Name(_) => Self::new(UiError::InvalidName, detail),
            KeyringError::TooManyAccounts | KeyringError::Derivation(_) | KeyringError::NeoKey => {
                Self::new(UiError::Unavailable, detail)
            }
        }
    }
}

impl From<KeyringDecodeError> for Failure {
    fn from(e: KeyringDecodeError) -> Self {
        Self::new(UiError::Storage, format!("vault contents: {e}"))
    }
}
