//! The encrypted vault: file format (versioned), KDF (argon2id), AEAD (AES-256-GCM),
//! crash-safe generational storage, migrations, backup files.
//!
//! - [`kdf`]: validated argon2id parameters ([`KdfParams`]), the derived AES key
//!   ([`VaultKey`]) and calibration against a [`Clock`].
//! - [`format`](mod@format): the stored JSON ([`VaultFile`], version 1), [`seal`] / [`open`], and
//!   [`migrate`], the one place where format versions are upgraded.
//! - [`store`]: [`VaultStore`], a two-slot write protocol over [`Storage`](crate::storage::Storage)
//!   in which a write never destroys the last good vault.
//! - [`backup`]: [`BackupFile`], an export of the vault re-encrypted under a password the
//!   user chooses.
//!
//! What is secret here — passwords, derived keys, plaintexts — lives in zeroizing buffers,
//! prints as `<redacted>`, is neither `Clone` nor `Serialize`, and never appears in an error.
//! Every failure to authenticate or decrypt is the same [`VaultError::Decrypt`].
//!
//! Specifications: argon2id is [RFC 9106](https://www.rfc-editor.org/rfc/rfc9106);
//! AES-GCM is [NIST SP 800-38D](https://csrc.nist.gov/pubs/sp/800/38/d/final).

pub mod backup;
pub mod format;
pub mod kdf;
pub mod store;

pub use backup::BackupFile;
pub use format::{VaultFile, migrate, open, seal};
pub use kdf::{Clock, KdfParams, SystemClock, VaultKey, calibrate, derive};
pub use store::{Opened, Slot, SlotFault, Source, VaultStore, Written};

use crate::storage::StorageError;

/// Why a vault operation failed.
///
/// Messages carry no key, password or plaintext bytes: only static descriptions and numbers
/// that are public anyway (versions, KDF parameters, lengths).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// The key or password does not open the vault, or the vault was altered or damaged.
    ///
    /// Deliberately says no more: wrong password, a tampered header, nonce or ciphertext,
    /// and a truncated ciphertext are indistinguishable.
    #[error("wrong password or damaged vault")]
    Decrypt,
    /// The vault was written in a format version this build cannot read (a newer one).
    #[error("vault format version {found} is not supported (this build reads version {supported})")]
    UnsupportedVersion {
        /// The version found in the file.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// Stored text is not a well-formed vault, slot, head or backup document.
    #[error("malformed vault data: {what}")]
    Malformed {
        /// What was wrong, in words (never the offending content).
        what: &'static str,
    },
    /// An argon2id parameter is outside the range this wallet accepts.
    #[error("argon2id parameter {param} = {value} is outside {min}..={max}")]
    KdfParam {
        /// `m_kib`, `t`, `p` or `salt length`.
        param: &'static str,
        /// The value given.
        value: u64,
        /// The smallest accepted value.
        min: u64,
        /// The largest accepted value.
        max: u64,
    },
    /// The memory argon2id needs could not be allocated.
    #[error("not enough memory for argon2id with m = {m_kib} KiB")]
    KdfOutOfMemory {
        /// The memory cost asked for, in KiB.
        m_kib: u32,
    },
    /// argon2id refused its inputs (only reachable through parameters that bypass
    /// [`KdfParams`]' validation).
    #[error("argon2id rejected its inputs")]
    KdfRejected,
    /// Bytes given as a vault key have the wrong length or encoding.
    #[error("a vault key is {expected} bytes; got {len}")]
    KeyLength {
        /// The length given (0 when the text was not valid base64).
        len: usize,
        /// [`VaultKey::LEN`].
        expected: usize,
    },
    /// The system's random number generator failed.
    #[error("the system random number generator failed")]
    Random,
    /// The plaintext is longer than AES-GCM can encrypt under one nonce.
    #[error("vault contents too long to encrypt")]
    TooLong,
    /// The storage backend failed; a failed write leaves the previous vault in place.
    #[error("vault storage failed: {0}")]
    Storage(#[from] StorageError),
    /// A value written to storage did not read back identical and openable; the write was
    /// abandoned before the head moved (or, for the head itself, may not have taken effect).
    #[error("vault write to {key} did not read back intact")]
    VerifyFailed {
        /// The storage key whose read-back differed.
        key: &'static str,
    },
    /// No vault is stored (no committed head).
    #[error("no vault is stored")]
    NotFound,
    /// A vault is already stored; creating another would replace it.
    #[error("a vault already exists")]
    AlreadyExists,
    /// No stored generation could even be parsed.
    #[error("vault is damaged: no stored generation is readable")]
    Damaged,
    /// The current generation does not open with this key while the backup does: writing
    /// now could destroy the only good copy, so the caller must first restore the backup
    /// ([`VaultStore::restore_backup`]) with the user's consent.
    #[error("the current vault generation does not open with this key; restore the backup first")]
    CurrentUnreadable,
    /// [`VaultStore::restore_backup`] was asked for while the current generation opens.
    #[error("the current vault generation opens; there is no backup to restore")]
    NothingToRestore,
    /// The document is not a Formica backup file.
    #[error("not a formica backup file")]
    NotBackup,
    /// The backup file was written in a backup version this build cannot read.
    #[error("backup file version {found} is not supported (this build reads version {supported})")]
    UnsupportedBackupVersion {
        /// The version found in the file.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
}
