//! The wallet's own records in `chrome.storage.local`: watched tokens ([`TOKENS_KEY`]) and the
//! activity list ([`ACTIVITY_KEY`]), each a versioned JSON document.
//!
//! They are read from storage on every use (the worker can die at any moment, and both the
//! popup and pages change them) and changed under one lock, read–modify–write, so two changes
//! never overwrite each other. Unreadable text is reported ([`UiError::CorruptData`]) and never
//! overwritten: a change refuses to run on top of it, so nothing the user had is lost.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{Engine, Failure};
use crate::api::{ActivityItem, ChainId, TokenInfo, TxStatus, UiError};
use crate::storage::Storage;

/// Storage key of the watched tokens.
pub const TOKENS_KEY: &str = "tokens";
/// Storage key of the activity list.
pub const ACTIVITY_KEY: &str = "activity";
/// The most transactions the activity list keeps; the oldest settled ones go first.
pub const MAX_ACTIVITY: usize = 500;
/// The most tokens watched per network.
pub const MAX_TOKENS_PER_CHAIN: usize = 100;

/// A stored document with a format version.
pub trait Record: Default + Serialize + DeserializeOwned {
    /// The storage key.
    const KEY: &'static str;
    /// The format version this build reads and writes.
    const VERSION: u32;
    /// The stored version.
    fn version(&self) -> u32;
    /// Stamps the current version.
    fn stamp(&mut self);
}

/// Watched tokens, per network (keyed by the chain id's `0x` form).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenStore {
    /// Format version.
    pub version: u32,
    /// Tokens by chain, in the order they were added.
    pub chains: BTreeMap<String, Vec<TokenInfo>>,
}

impl TokenStore {
    /// The tokens watched on `chain`.
    pub fn of(&self, chain: ChainId) -> Vec<TokenInfo> {
        self.chains.get(&chain.to_string()).cloned().unwrap_or_default()
    }

    /// The list for `chain`, created when missing.
    pub fn of_mut(&mut self, chain: ChainId) -> &mut Vec<TokenInfo> {
        self.chains.entry(chain.to_string()).or_default()
    }
}

impl Record for TokenStore {
    const KEY: &'static str = TOKENS_KEY;
    const VERSION: u32 = 1;
    fn version(&self) -> u32 {
        self.version
    }
    fn stamp(&mut self) {
        self.version = Self::VERSION;
    }
}

/// The transactions the wallet broadcast, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityStore {
    /// Format version.
    pub version: u32,
    /// The transactions.
    pub items: Vec<ActivityItem>,
}

impl ActivityStore {
    /// Adds `item`, dropping the oldest settled transactions beyond [`MAX_ACTIVITY`].
    pub fn push(&mut self, item: ActivityItem) {
        self.items.push(item);
        while self.items.len() > MAX_ACTIVITY {
            match self.items.iter().position(|i| i.status != TxStatus::Pending) {
                Some(oldest) => {
                    self.items.remove(oldest);
                }
                None => break,
            }
        }
    }

    /// Whether any transaction still waits for its receipt.
    pub fn has_pending(&self) -> bool {
        self.items.iter().any(|i| i.status == TxStatus::Pending)
    }
}

impl Record for ActivityStore {
    const KEY: &'static str = ACTIVITY_KEY;
    const VERSION: u32 = 1;
    fn version(&self) -> u32 {
        self.version
    }
    fn stamp(&mut self) {
        self.version = Self::VERSION;
    }
}

/// Reads a stored record's text.
///
/// # Errors
/// [`UiError::CorruptData`] for text that is not the record, or of another version.
pub fn parse_record<T: Record>(text: &str) -> Result<T, Failure> {
    let record: T = serde_json::from_str(text)
        .map_err(|e| Failure::new(UiError::CorruptData, format!("stored {} unreadable: {e}", T::KEY)))?;
    if record.version() != T::VERSION {
        return Err(Failure::new(
            UiError::CorruptData,
            format!(
                "stored {} has format version {}; this Formica reads version {}",
                T::KEY,
                record.version(),
                T::VERSION
            ),
        ));
    }
    Ok(record)
}

impl<S: Storage> Engine<S> {
    /// Reads record `T` (the default when it was never written).
    pub(super) async fn load_record<T: Record>(&self) -> Result<T, Failure> {
        match self.local.get(T::KEY).await? {
            Some(text) => parse_record(&text),
            None => Ok(T::default()),
        }
    }

    /// Changes record `T` and writes it back before returning; nothing is written when `f`
    /// fails or the stored record is unreadable.
    pub(super) async fn change_record<T: Record, R>(
        &self,
        f: impl FnOnce(&mut T) -> Result<R, Failure>,
    ) -> Result<R, Failure> {
        let _guard = self.records.lock().await;
        let mut record = self.load_record::<T>().await?;
        let result = f(&mut record)?;
        record.stamp();
        let text = serde_json::to_string(&record)
            .map_err(|e| Failure::new(UiError::Storage, format!("could not encode {}: {e}", T::KEY)))?;
        self.local.set(T::KEY, &text).await?;
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_or_future_records_are_reported_not_replaced() {
        let e = parse_record::<TokenStore>("{not json").unwrap_err();
        assert_eq!(e.error, UiError::CorruptData);
        assert!(e.detail.contains("tokens"), "{}", e.detail);
        let e = parse_record::<ActivityStore>(r#"{"version":9,"items":[]}"#).unwrap_err();
        assert_eq!(e.error, UiError::CorruptData);
        assert!(e.detail.contains("version 9"), "{}", e.detail);
        assert_eq!(
            parse_record::<ActivityStore>(r#"{"version":1,"items":[]}"#).unwrap(),
            ActivityStore {
                version: 1,
                items: vec![]
            }
        );
    }
}
