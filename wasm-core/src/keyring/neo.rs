//! NEO N3 accounts of the keyring: the P-256 key of every HD account (`m/44'/888'/0'/0/i`)
//! and NEO keys imported on their own (WIF, NEP-2, NEP-6), which have no EVM or Solana key.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::chains::neo::{Address, PrivateKey, PublicKey};

use super::account::AccountName;

/// A NEO account id: `hd:<index>` (the same id as the HD account's EVM side) or
/// `neo:<N3 address>` for an imported NEO key.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NeoAccountId {
    /// HD account `index`.
    Hd(u32),
    /// An imported NEO key, by its address.
    Imported(Address),
}

/// Why a string is not a NEO account id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a NEO account id is hd:<index> or neo:<N3 address>")]
pub struct NeoAccountIdError;

impl fmt::Display for NeoAccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Hd(index) => write!(f, "hd:{index}"),
            Self::Imported(address) => write!(f, "neo:{address}"),
        }
    }
}

impl fmt::Debug for NeoAccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NeoAccountId({self})")
    }
}

impl FromStr for NeoAccountId {
    type Err = NeoAccountIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(address) = s.strip_prefix("neo:") {
            return address.parse().map(Self::Imported).map_err(|_| NeoAccountIdError);
        }
        match s.parse::<super::AccountId>() {
            Ok(super::AccountId::Hd(index)) => Ok(Self::Hd(index)),
            _ => Err(NeoAccountIdError),
        }
    }
}

impl Serialize for NeoAccountId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The public facts about one NEO account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeoAccount {
    /// The id.
    pub id: NeoAccountId,
    /// The name shown (the HD account's name, or the imported key's).
    pub name: String,
    /// Hidden from the account list.
    pub hidden: bool,
    /// The public key.
    pub public_key: PublicKey,
    /// The N3 address.
    pub address: Address,
}

/// A NEO key imported on its own.
pub(super) struct NeoImported {
    pub(super) key: PrivateKey,
    pub(super) public_key: PublicKey,
    pub(super) address: Address,
    pub(super) name: AccountName,
    pub(super) hidden: bool,
}

impl NeoImported {
    pub(super) fn new(key: PrivateKey, name: AccountName, hidden: bool) -> Self {
        let public_key = key.public_key();
        Self {
            address: public_key.address(),
            public_key,
            key,
            name,
            hidden,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        let address: Address = "NPTmAHDxo6Pkyic8Nvu3kwyXoYJCvcCB6i".parse().unwrap();
        for id in [
            NeoAccountId::Hd(0),
            NeoAccountId::Hd(7),
            NeoAccountId::Imported(address),
        ] {
            assert_eq!(id.to_string().parse::<NeoAccountId>().unwrap(), id);
        }
        assert_eq!(
            NeoAccountId::Imported(address).to_string(),
            "neo:NPTmAHDxo6Pkyic8Nvu3kwyXoYJCvcCB6i"
        );
        for bad in ["", "neo:", "neo:Nx", "hd:01", "imported:0x00", "evm:0"] {
            assert_eq!(bad.parse::<NeoAccountId>(), Err(NeoAccountIdError), "{bad}");
        }
    }
}
