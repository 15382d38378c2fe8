//! Persistent key–value storage behind a small trait.
//!
//! Values are strings (the engine stores JSON), so every backend treats them as opaque.
//! The trait is `?Send`: the engine is single-threaded (one wasm instance per worker).

#[cfg(target_arch = "wasm32")]
mod chrome;
mod memory;

#[cfg(target_arch = "wasm32")]
pub use chrome::{ChromeStorage, StorageArea};
pub use memory::MemoryStorage;

/// Why a storage operation failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The backend refused or failed the operation (quota, unavailable, I/O).
    #[error("storage {operation} failed: {reason}")]
    Backend {
        /// `get`, `set` or `remove`.
        operation: &'static str,
        /// The backend's own words.
        reason: String,
    },
    /// A stored value is not a string (written by something other than the engine).
    #[error("stored value under {key} is not text")]
    NotText {
        /// The key read.
        key: String,
    },
}

/// A key–value store.
#[async_trait::async_trait(?Send)]
pub trait Storage {
    /// Reads `key`; `None` when it was never written or was removed.
    ///
    /// # Errors
    /// The backend failed, or the stored value is not text.
    async fn get(&self, key: &str) -> Result<Option<String>, StorageError>;

    /// Writes `value` under `key`; when this returns `Ok`, the value is durable.
    ///
    /// # Errors
    /// The backend failed (e.g. quota); the old value is then unchanged.
    async fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;

    /// Removes `key`.
    ///
    /// # Errors
    /// The backend failed.
    async fn remove(&self, key: &str) -> Result<(), StorageError>;
}
