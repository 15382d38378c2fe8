use std::cell::RefCell;
use std::collections::BTreeMap;

use super::{Storage, StorageError};

/// An in-memory [`Storage`], for tests and for state that must not outlive the process.
#[derive(Debug, Default)]
pub struct MemoryStorage {
    entries: RefCell<BTreeMap<String, String>>,
}

impl MemoryStorage {
    /// Makes an empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of everything stored, for assertions in tests.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.entries.borrow().clone()
    }
}

#[async_trait::async_trait(?Send)]
impl Storage for MemoryStorage {
    async fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.entries.borrow().get(key).cloned())
    }

    async fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.entries.borrow_mut().insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    async fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.entries.borrow_mut().remove(key);
        Ok(())
    }
}
