//! The keyring: the plaintext the vault encrypts. One HD keyring (a mnemonic, an optional
//! BIP-39 passphrase and its accounts) and any number of imported secp256k1 keys.
//!
//! HD account `i` has three keys from one seed: EVM `m/44'/60'/0'/0/i` (BIP-32 secp256k1),
//! NEO N3 `m/44'/888'/0'/0/i` (SLIP-10 NIST P-256) and Solana `m/44'/501'/i'/0'` (SLIP-10
//! ed25519). The keyring keeps the parent keys `m/44'/60'/0'/0`, `m/44'/888'/0'/0` and
//! `m/44'/501'` (zeroized), so adding or listing an account costs one child derivation per
//! curve rather than the seed's 2048 PBKDF2 rounds and a full path.
//!
//! # Serialized form
//!
//! [`Keyring::to_bytes`] writes JSON, version 1:
//!
//! ```json
//! {"version":1,
//!  "hd":{"mnemonic":"abandon … about","passphrase":"<hex of its UTF-8>",
//!        "accounts":[{"index":0,"name":"Account 1","hidden":false}]},
//!  "imported":[{"key":"<64 hex digits>","name":"Imported 1","hidden":false}],
//!  "neo_imported":[{"key":"<64 hex digits, P-256>","name":"NEO imported 1","hidden":false}]}
//! ```
//!
//! It is written by hand, not with serde_json: serde_json's writer grows its buffer as it
//! goes, and each reallocation leaves a copy of what was written so far (the mnemonic and
//! keys) in freed memory. Here the exact size is computed in a first pass and the output
//! written into a zeroized buffer of that size in a second, so no copy is left behind. The
//! passphrase is stored as hex so that no secret string ever needs JSON escaping; reading
//! then borrows the secret strings straight from the input (serde_json only copies a string
//! into its scratch buffer when it has escapes) and decodes them into zeroized buffers.

use zeroize::Zeroizing;

use super::account::{AccountId, AccountInfo, AccountKind, AccountName, NameError};
use super::imported::{ImportedKeyError, Secp256k1Secret};
use super::mnemonic::{Mnemonic, MnemonicError};
use super::neo::{NeoAccount, NeoAccountId, NeoImported};
use super::path::ChildIndex;
use super::secret_hex;
use super::slip10::{Ed25519Key, Nist256p1Key, Secp256k1Key, Slip10Error};
use crate::chains::evm::Address;
use crate::chains::neo;

/// Why a keyring operation failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyringError {
    /// No account has this id.
    #[error("no account has id {id}")]
    UnknownAccount {
        /// The id that was asked for.
        id: AccountId,
    },
    /// The key being imported is already in the keyring.
    #[error("this key is already in the wallet as account {existing}")]
    DuplicateAccount {
        /// The account that has the same address.
        existing: AccountId,
    },
    /// The NEO key being imported is already in the keyring.
    #[error("this NEO key is already in the wallet as account {existing}")]
    DuplicateNeoAccount {
        /// The account that has the same N3 address.
        existing: NeoAccountId,
    },
    /// No NEO account has this id.
    #[error("no NEO account has id {id}")]
    UnknownNeoAccount {
        /// The id that was asked for.
        id: NeoAccountId,
    },
    /// A derived NEO key is not a valid P-256 scalar (SLIP-10 never derives one; kept typed).
    #[error("a derived NEO key is invalid")]
    NeoKey,
    /// Every HD account index below 2^31 is used.
    #[error("no more HD accounts can be added")]
    TooManyAccounts,
    /// The account name is not acceptable.
    #[error(transparent)]
    Name(#[from] NameError),
    /// HD derivation failed. The keyring's paths are fixed and valid, so this does not
    /// happen; it is kept typed rather than hidden.
    #[error(transparent)]
    Derivation(#[from] Slip10Error),
}

/// Why bytes are not a serialized keyring.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyringDecodeError {
    /// Not JSON of the expected shape (or a secret string with JSON escapes, which
    /// [`Keyring::to_bytes`] never writes).
    #[error("the keyring data is malformed (line {line}, column {column})")]
    Malformed {
        /// Line of the problem.
        line: usize,
        /// Column of the problem.
        column: usize,
    },
    /// A version this code does not know.
    #[error("keyring format version {version} is not supported")]
    UnsupportedVersion {
        /// The version found.
        version: u64,
    },
    /// The stored mnemonic is not valid.
    #[error("the stored mnemonic is invalid: {0}")]
    Mnemonic(MnemonicError),
    /// The stored passphrase is not hex of UTF-8 text.
    #[error("the stored passphrase is malformed")]
    Passphrase,
    /// HD derivation failed. The keyring's paths are fixed and valid, so this does not
    /// happen; it is kept typed rather than hidden.
    #[error("key derivation failed: {0}")]
    Derivation(KeyringError),
    /// An HD account index is 2^31 or more, or appears twice.
    #[error("HD account index {index} is out of range or repeated")]
    AccountIndex {
        /// The index.
        index: u32,
    },
    /// A stored account name is not acceptable.
    #[error("a stored account name is invalid: {0}")]
    Name(NameError),
    /// A stored imported key is not a private key, or appears twice.
    #[error("a stored imported key is invalid")]
    ImportedKey,
}

/// An HD account's public data, derived once and cached.
struct HdAccount {
    index: u32,
    name: AccountName,
    hidden: bool,
    evm: Address,
    neo: [u8; 33],
    solana: [u8; 32],
}

struct ImportedAccount {
    secret: Secp256k1Secret,
    address: Address,
    name: AccountName,
    hidden: bool,
}

/// The parents from which every account's keys are one or two steps away.
struct Parents {
    /// `m/44'/60'/0'/0`
    evm: Secp256k1Key,
    /// `m/44'/888'/0'/0`
    neo: Nist256p1Key,
    /// `m/44'/501'`
    solana: Ed25519Key,
}

/// The wallet's keys: an HD keyring and imported keys, with account names and flags.
///
/// Holds secrets: no `Clone`, no `Serialize` (see [`Keyring::to_bytes`]), and `Debug` shows
/// only account counts.
pub struct Keyring {
    mnemonic: Mnemonic,
    passphrase: Zeroizing<String>,
    parents: Parents,
    hd: Vec<HdAccount>,
    imported: Vec<ImportedAccount>,
    neo_imported: Vec<NeoImported>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("hd_accounts", &self.hd.len())
            .field("imported_accounts", &self.imported.len())
            .field("neo_imported_accounts", &self.neo_imported.len())
            .finish_non_exhaustive()
    }
}

fn hardened(index: u32) -> Result<ChildIndex, KeyringError> {
    ChildIndex::hardened(index).ok_or(KeyringError::TooManyAccounts)
}

fn normal(index: u32) -> Result<ChildIndex, KeyringError> {
    ChildIndex::normal(index).ok_or(KeyringError::TooManyAccounts)
}

impl Parents {
    fn derive(mnemonic: &Mnemonic, passphrase: &str) -> Result<Self, KeyringError> {
        let seed = mnemonic.to_seed(passphrase);
        let seed = seed.as_bytes();
        let evm = Secp256k1Key::from_seed(seed)?
            .derive_child(hardened(44)?)?
            .derive_child(hardened(60)?)?
            .derive_child(hardened(0)?)?
            .derive_child(normal(0)?)?;
        let neo = Nist256p1Key::from_seed(seed)?
            .derive_child(hardened(44)?)?
            .derive_child(hardened(888)?)?
            .derive_child(hardened(0)?)?
            .derive_child(normal(0)?)?;
        let solana = Ed25519Key::from_seed(seed)?
            .derive_child(hardened(44)?)?
            .derive_child(hardened(501)?)?;
        Ok(Self { evm, neo, solana })
    }

    fn evm_key(&self, index: u32) -> Result<Secp256k1Key, KeyringError> {
        Ok(self.evm.derive_child(normal(index)?)?)
    }

    fn neo_key(&self, index: u32) -> Result<neo::PrivateKey, KeyringError> {
        let key = self.neo.derive_child(normal(index)?)?;
        // A SLIP-10 child key is always a valid scalar (derivation skips invalid ones).
        neo::PrivateKey::from_bytes(&key.private_key_bytes()).map_err(|_| KeyringError::NeoKey)
    }

    fn account(&self, index: u32, name: AccountName, hidden: bool) -> Result<HdAccount, KeyringError> {
        let evm = Address::from_public_key(self.evm_key(index)?.verifying_key());
        let neo = self.neo.derive_child(normal(index)?)?.public_key();
        let solana = self
            .solana
            .derive_child(hardened(index)?)?
            .derive_child(hardened(0)?)?
            .public_key();
        Ok(HdAccount {
            index,
            name,
            hidden,
            evm,
            neo,
            solana,
        })
    }
}

impl Keyring {
    /// Makes a keyring from a mnemonic and a BIP-39 passphrase (`""` for none), with its
    /// first account, index 0, named "Account 1".
    ///
    /// # Errors
    /// [`KeyringError::Derivation`], which the fixed paths never cause.
    pub fn from_mnemonic(mnemonic: Mnemonic, passphrase: &str) -> Result<Self, KeyringError> {
        let parents = Parents::derive(&mnemonic, passphrase)?;
        let mut passphrase_copy = Zeroizing::new(String::with_capacity(passphrase.len()));
        passphrase_copy.push_str(passphrase);
        let mut keyring = Self {
            mnemonic,
            passphrase: passphrase_copy,
            parents,
            hd: Vec::new(),
            imported: Vec::new(),
            neo_imported: Vec::new(),
        };
        keyring.add_account()?;
        Ok(keyring)
    }

    /// Adds the next HD account (one past the highest index so far) named "Account N",
    /// N = index + 1, and returns its id.
    ///
    /// # Errors
    /// [`KeyringError::TooManyAccounts`] once index 2^31 - 1 is used.
    pub fn add_account(&mut self) -> Result<AccountId, KeyringError> {
        let index = match self.hd.iter().map(|a| a.index).max() {
            None => 0,
            Some(highest) => highest.checked_add(1).ok_or(KeyringError::TooManyAccounts)?,
        };
        let name = AccountName::new(&format!("Account {}", u64::from(index) + 1))?;
        let account = self.parents.account(index, name, false)?;
        self.hd.push(account);
        Ok(AccountId::Hd(index))
    }

    /// Renames an account. The name is trimmed and must be 1 to 40 characters.
    ///
    /// # Errors
    /// [`KeyringError::UnknownAccount`] or [`KeyringError::Name`].
    pub fn rename(&mut self, id: &AccountId, name: &str) -> Result<(), KeyringError> {
        let name = AccountName::new(name)?;
        match *id {
            AccountId::Hd(index) => self.hd_mut(index, id)?.name = name,
            AccountId::Imported(address) => self.imported_mut(address, id)?.name = name,
        }
        Ok(())
    }

    /// Hides or shows an account in the account list.
    ///
    /// # Errors
    /// [`KeyringError::UnknownAccount`].
    pub fn set_hidden(&mut self, id: &AccountId, hidden: bool) -> Result<(), KeyringError> {
        match *id {
            AccountId::Hd(index) => self.hd_mut(index, id)?.hidden = hidden,
            AccountId::Imported(address) => self.imported_mut(address, id)?.hidden = hidden,
        }
        Ok(())
    }

    /// Imports a secp256k1 private key under `name` (or "Imported N" if `None`) and returns
    /// the new account's id.
    ///
    /// A key whose address is already an account (imported, or one of the HD accounts
    /// created so far) is refused. An HD account added later may still have the address of
    /// an imported key; both are then listed, with different ids.
    ///
    /// # Errors
    /// [`KeyringError::DuplicateAccount`] or [`KeyringError::Name`].
    pub fn import_private_key(
        &mut self,
        secret: Secp256k1Secret,
        name: Option<&str>,
    ) -> Result<AccountId, KeyringError> {
        let address = secret.evm_address();
        if let Some(existing) = self.find_address(address) {
            return Err(KeyringError::DuplicateAccount { existing });
        }
        let name = match name {
            Some(name) => AccountName::new(name)?,
            None => AccountName::new(&format!("Imported {}", self.imported.len() + 1))?,
        };
        self.imported.push(ImportedAccount {
            secret,
            address,
            name,
            hidden: false,
        });
        Ok(AccountId::Imported(address))
    }

    /// Imports a NEO N3 private key (from WIF, NEP-2 or NEP-6) under `name` (or
    /// "NEO imported N") and returns its id. The key has no EVM or Solana side.
    ///
    /// # Errors
    /// [`KeyringError::DuplicateNeoAccount`] when the address is already a NEO account (an HD
    /// account created so far, or an imported key); [`KeyringError::Name`].
    pub fn import_neo_key(
        &mut self,
        key: neo::PrivateKey,
        name: Option<&str>,
    ) -> Result<NeoAccountId, KeyringError> {
        let address = key.public_key().address();
        if let Some(existing) = self.neo_accounts().into_iter().find(|a| a.address == address) {
            return Err(KeyringError::DuplicateNeoAccount {
                existing: existing.id,
            });
        }
        let name = match name {
            Some(name) => AccountName::new(name)?,
            None => AccountName::new(&format!("NEO imported {}", self.neo_imported.len() + 1))?,
        };
        self.neo_imported.push(NeoImported::new(key, name, false));
        Ok(NeoAccountId::Imported(address))
    }

    /// Every NEO account: the HD accounts in index order, then imported NEO keys.
    pub fn neo_accounts(&self) -> Vec<NeoAccount> {
        let hd = self.hd.iter().filter_map(|a| {
            let public_key = neo::PublicKey::from_sec1(&a.neo).ok()?;
            Some(NeoAccount {
                id: NeoAccountId::Hd(a.index),
                name: a.name.as_str().to_owned(),
                hidden: a.hidden,
                address: public_key.address(),
                public_key,
            })
        });
        let imported = self.neo_imported.iter().map(|a| NeoAccount {
            id: NeoAccountId::Imported(a.address),
            name: a.name.as_str().to_owned(),
            hidden: a.hidden,
            public_key: a.public_key,
            address: a.address,
        });
        hd.chain(imported).collect()
    }

    /// The NEO signing key of a NEO account (`m/44'/888'/0'/0/i` for HD account `i`).
    ///
    /// # Errors
    /// [`KeyringError::UnknownNeoAccount`].
    pub fn neo_secret(&self, id: &NeoAccountId) -> Result<neo::PrivateKey, KeyringError> {
        let unknown = || KeyringError::UnknownNeoAccount { id: *id };
        match *id {
            NeoAccountId::Hd(index) => {
                self.hd.iter().find(|a| a.index == index).ok_or_else(unknown)?;
                self.parents.neo_key(index)
            }
            NeoAccountId::Imported(address) => {
                let account = self
                    .neo_imported
                    .iter()
                    .find(|a| a.address == address)
                    .ok_or_else(unknown)?;
                neo::PrivateKey::from_bytes(&account.key.to_bytes()).map_err(|_| KeyringError::NeoKey)
            }
        }
    }

    /// Renames an imported NEO key (HD accounts are renamed through [`Keyring::rename`]).
    ///
    /// # Errors
    /// [`KeyringError::UnknownNeoAccount`] or [`KeyringError::Name`].
    pub fn rename_neo(&mut self, id: &NeoAccountId, name: &str) -> Result<(), KeyringError> {
        let name = AccountName::new(name)?;
        match *id {
            NeoAccountId::Hd(index) => self.hd_mut(index, &AccountId::Hd(index))?.name = name,
            NeoAccountId::Imported(address) => {
                self.neo_imported
                    .iter_mut()
                    .find(|a| a.address == address)
                    .ok_or(KeyringError::UnknownNeoAccount { id: *id })?
                    .name = name;
            }
        }
        Ok(())
    }

    /// Every account, HD accounts first in index order, then imported keys in import order.
    pub fn accounts(&self) -> Vec<AccountInfo> {
        let hd = self.hd.iter().map(|a| AccountInfo {
            id: AccountId::Hd(a.index),
            name: a.name.as_str().to_owned(),
            hidden: a.hidden,
            kind: AccountKind::Hd { index: a.index },
            evm_address: a.evm,
            neo_public_key: Some(hex::encode(a.neo)),
            solana_public_key: Some(hex::encode(a.solana)),
        });
        let imported = self.imported.iter().map(|a| AccountInfo {
            id: AccountId::Imported(a.address),
            name: a.name.as_str().to_owned(),
            hidden: a.hidden,
            kind: AccountKind::Imported,
            evm_address: a.address,
            neo_public_key: None,
            solana_public_key: None,
        });
        hd.chain(imported).collect()
    }

    /// The mnemonic phrase, for the user to back up.
    pub fn reveal_mnemonic(&self) -> Zeroizing<String> {
        self.mnemonic.phrase()
    }

    /// The EVM private key of an account (the one at `m/44'/60'/0'/0/i` for an HD account)
    /// as 64 lowercase hex digits without `0x`, as wallets export keys.
    ///
    /// # Errors
    /// [`KeyringError::UnknownAccount`].
    pub fn export_private_key(&self, id: &AccountId) -> Result<Zeroizing<String>, KeyringError> {
        Ok(self.evm_secret(id)?.to_hex())
    }

    /// The EVM signing key of an account.
    ///
    /// # Errors
    /// [`KeyringError::UnknownAccount`].
    pub fn evm_secret(&self, id: &AccountId) -> Result<Secp256k1Secret, KeyringError> {
        match *id {
            AccountId::Hd(index) => {
                self.hd_ref(index, id)?;
                let key = self.parents.evm_key(index)?;
                Ok(Secp256k1Secret::from_secret_key(key.signing_key().clone()))
            }
            AccountId::Imported(address) => {
                let account = self
                    .imported
                    .iter()
                    .find(|a| a.address == address)
                    .ok_or(KeyringError::UnknownAccount { id: *id })?;
                Ok(account.secret.duplicate())
            }
        }
    }

    fn find_address(&self, address: Address) -> Option<AccountId> {
        if let Some(hd) = self.hd.iter().find(|a| a.evm == address) {
            return Some(AccountId::Hd(hd.index));
        }
        self.imported
            .iter()
            .find(|a| a.address == address)
            .map(|a| AccountId::Imported(a.address))
    }

    fn hd_ref(&self, index: u32, id: &AccountId) -> Result<&HdAccount, KeyringError> {
        self.hd
            .iter()
            .find(|a| a.index == index)
            .ok_or(KeyringError::UnknownAccount { id: *id })
    }

    fn hd_mut(&mut self, index: u32, id: &AccountId) -> Result<&mut HdAccount, KeyringError> {
        self.hd
            .iter_mut()
            .find(|a| a.index == index)
            .ok_or(KeyringError::UnknownAccount { id: *id })
    }

    fn imported_mut(
        &mut self,
        address: Address,
        id: &AccountId,
    ) -> Result<&mut ImportedAccount, KeyringError> {
        self.imported
            .iter_mut()
            .find(|a| a.address == address)
            .ok_or(KeyringError::UnknownAccount { id: *id })
    }

    /// Serializes the keyring for the vault to encrypt (see the module docs for the format
    /// and why it is written by hand). The buffer is zeroized when dropped and was never
    /// reallocated.
    pub fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        let mut counter = Sink::Count(0);
        self.write_json(&mut counter);
        let len = match counter {
            Sink::Count(len) => len,
            Sink::Write(_) => 0,
        };
        let mut out = Zeroizing::new(Vec::with_capacity(len));
        self.write_json(&mut Sink::Write(&mut out));
        out
    }

    fn write_json(&self, out: &mut Sink<'_>) {
        out.raw("{\"version\":1,\"hd\":{\"mnemonic\":\"");
        for (i, word) in self.mnemonic.words().enumerate() {
            if i > 0 {
                out.raw(" ");
            }
            // List words need no JSON escaping: lowercase ASCII letters or CJK ideographs.
            out.raw(word);
        }
        out.raw("\",\"passphrase\":\"");
        out.hex(self.passphrase.as_bytes());
        out.raw("\",\"accounts\":[");
        for (i, account) in self.hd.iter().enumerate() {
            if i > 0 {
                out.raw(",");
            }
            out.raw("{\"index\":");
            out.raw(&account.index.to_string());
            out.raw(",\"name\":");
            out.string(account.name.as_str());
            out.raw(",\"hidden\":");
            out.raw(if account.hidden { "true" } else { "false" });
            out.raw("}");
        }
        out.raw("]},\"imported\":[");
        for (i, account) in self.imported.iter().enumerate() {
            if i > 0 {
                out.raw(",");
            }
            out.raw("{\"key\":\"");
            out.hex(&*account.secret.to_bytes());
            out.raw("\",\"name\":");
            out.string(account.name.as_str());
            out.raw(",\"hidden\":");
            out.raw(if account.hidden { "true" } else { "false" });
            out.raw("}");
        }
        out.raw("]");
        // Written only when there is one, so a keyring without NEO imports keeps the exact
        // bytes it had before NEO import existed.
        if !self.neo_imported.is_empty() {
            out.raw(",\"neo_imported\":[");
        }
        for (i, account) in self.neo_imported.iter().enumerate() {
            if i > 0 {
                out.raw(",");
            }
            out.raw("{\"key\":\"");
            out.hex(&*account.key.to_bytes());
            out.raw("\",\"name\":");
            out.string(account.name.as_str());
            out.raw(",\"hidden\":");
            out.raw(if account.hidden { "true" } else { "false" });
            out.raw("}");
        }
        if !self.neo_imported.is_empty() {
            out.raw("]");
        }
        out.raw("}");
    }

    /// Reads what [`Keyring::to_bytes`] wrote, checking every field, and derives the
    /// accounts' public keys again.
    ///
    /// # Errors
    /// [`KeyringDecodeError`] for malformed data or an unknown version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, KeyringDecodeError> {
        let malformed = |e: serde_json::Error| KeyringDecodeError::Malformed {
            line: e.line(),
            column: e.column(),
        };
        let probe: wire::Version = serde_json::from_slice(bytes).map_err(malformed)?;
        if probe.version != 1 {
            return Err(KeyringDecodeError::UnsupportedVersion {
                version: probe.version,
            });
        }
        let data: wire::V1<'_> = serde_json::from_slice(bytes).map_err(malformed)?;

        let mnemonic = Mnemonic::parse(data.hd.mnemonic).map_err(KeyringDecodeError::Mnemonic)?;
        let passphrase = decode_passphrase(data.hd.passphrase)?;
        let parents = Parents::derive(&mnemonic, &passphrase).map_err(KeyringDecodeError::Derivation)?;
        let mut keyring = Self {
            mnemonic,
            passphrase,
            parents,
            hd: Vec::new(),
            imported: Vec::new(),
            neo_imported: Vec::new(),
        };

        for stored in data.hd.accounts {
            let name = AccountName::new(&stored.name).map_err(KeyringDecodeError::Name)?;
            let invalid = KeyringDecodeError::AccountIndex { index: stored.index };
            if keyring.hd.iter().any(|a| a.index == stored.index) {
                return Err(invalid);
            }
            let account = keyring
                .parents
                .account(stored.index, name, stored.hidden)
                .map_err(|_| invalid)?;
            keyring.hd.push(account);
        }
        keyring.hd.sort_by_key(|a| a.index);
        for stored in data.imported {
            let name = AccountName::new(&stored.name).map_err(KeyringDecodeError::Name)?;
            let bytes = secret_hex::decode(stored.key).ok_or(KeyringDecodeError::ImportedKey)?;
            let mut key = Zeroizing::new([0u8; 32]);
            if bytes.len() != key.len() {
                return Err(KeyringDecodeError::ImportedKey);
            }
            key.copy_from_slice(&bytes);
            let secret = Secp256k1Secret::from_bytes(&key)
                .map_err(|_: ImportedKeyError| KeyringDecodeError::ImportedKey)?;
            let address = secret.evm_address();
            if keyring.imported.iter().any(|a| a.address == address) {
                return Err(KeyringDecodeError::ImportedKey);
            }
            keyring.imported.push(ImportedAccount {
                secret,
                address,
                name,
                hidden: stored.hidden,
            });
        }
        for stored in data.neo_imported {
            let name = AccountName::new(&stored.name).map_err(KeyringDecodeError::Name)?;
            let bytes = secret_hex::decode(stored.key).ok_or(KeyringDecodeError::ImportedKey)?;
            let key = neo::PrivateKey::from_slice(&bytes).map_err(|_| KeyringDecodeError::ImportedKey)?;
            let address = key.public_key().address();
            if keyring.neo_imported.iter().any(|a| a.address == address) {
                return Err(KeyringDecodeError::ImportedKey);
            }
            keyring
                .neo_imported
                .push(NeoImported::new(key, name, stored.hidden));
        }
        Ok(keyring)
    }
}

fn decode_passphrase(hex: &str) -> Result<Zeroizing<String>, KeyringDecodeError> {
    let mut bytes = secret_hex::decode(hex).ok_or(KeyringDecodeError::Passphrase)?;
    match String::from_utf8(std::mem::take(&mut *bytes)) {
        Ok(text) => Ok(Zeroizing::new(text)),
        Err(error) => {
            // The bytes come back inside the error; wipe them before they are dropped.
            let mut rejected = error.into_bytes();
            zeroize::Zeroize::zeroize(&mut rejected);
            Err(KeyringDecodeError::Passphrase)
        }
    }
}

/// The two passes of [`Keyring::to_bytes`]: count the bytes, then write them.
enum Sink<'a> {
    Count(usize),
    Write(&'a mut Vec<u8>),
}

impl Sink<'_> {
    fn raw(&mut self, text: &str) {
        match self {
            Self::Count(len) => *len += text.len(),
            Self::Write(out) => out.extend_from_slice(text.as_bytes()),
        }
    }

    fn hex(&mut self, bytes: &[u8]) {
        match self {
            Self::Count(len) => *len += bytes.len() * 2,
            Self::Write(out) => {
                for byte in bytes {
                    for nibble in [byte >> 4, byte & 0x0f] {
                        out.push(b"0123456789abcdef"[usize::from(nibble)]);
                    }
                }
            }
        }
    }

    /// A JSON string: quotes, with `"`, `\` and control characters escaped.
    fn string(&mut self, text: &str) {
        self.raw("\"");
        for c in text.chars() {
            match c {
                '"' => self.raw("\\\""),
                '\\' => self.raw("\\\\"),
                c if u32::from(c) < 0x20 => self.raw(&format!("\\u{:04x}", u32::from(c))),
                c => self.raw(c.encode_utf8(&mut [0; 4])),
            }
        }
        self.raw("\"");
    }
}

/// The JSON shapes [`Keyring::from_bytes`] reads. Secret strings are borrowed `&str`, so
/// serde_json never copies them (it refuses a borrowed string that has escapes).
mod wire {
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub(super) struct Version {
        pub(super) version: u64,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct V1<'a> {
        #[allow(dead_code, reason = "checked by the Version probe")]
        pub(super) version: u64,
        #[serde(borrow)]
        pub(super) hd: Hd<'a>,
        #[serde(borrow)]
        pub(super) imported: Vec<Imported<'a>>,
        /// Imported NEO keys (absent in keyrings written before NEO import existed).
        #[serde(borrow, default)]
        pub(super) neo_imported: Vec<Imported<'a>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Hd<'a> {
        pub(super) mnemonic: &'a str,
        pub(super) passphrase: &'a str,
        pub(super) accounts: Vec<HdAccount>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct HdAccount {
        pub(super) index: u32,
        pub(super) name: String,
        pub(super) hidden: bool,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Imported<'a> {
        pub(super) key: &'a str,
        pub(super) name: String,
        pub(super) hidden: bool,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keyring::path::DerivationPath;
    use crate::keyring::test_support::base58_decode;

    const WELL_KNOWN: &str = include_str!("../../../testdata/keyring/well_known.json");
    const ABANDON: &str =
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    const OTHER_KEY: &str = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    fn keyring() -> Keyring {
        Keyring::from_mnemonic(Mnemonic::parse(ABANDON).unwrap(), "").unwrap()
    }

    fn secret(hex: &str) -> Secp256k1Secret {
        Secp256k1Secret::from_hex(hex).unwrap()
    }

    #[test]
    fn well_known_first_account() {
        let doc: serde_json::Value = serde_json::from_str(WELL_KNOWN).unwrap();
        let mnemonic = Mnemonic::parse(doc["mnemonic"].as_str().unwrap()).unwrap();
        let keyring = Keyring::from_mnemonic(mnemonic, doc["passphrase"].as_str().unwrap()).unwrap();
        let accounts = keyring.accounts();
        assert_eq!(accounts.len(), 1);
        let first = &accounts[0];
        assert_eq!(first.id, AccountId::Hd(0));
        assert_eq!(first.name, "Account 1");
        assert!(!first.hidden);
        assert_eq!(first.kind, AccountKind::Hd { index: 0 });
        assert_eq!(
            first.evm_address.to_string(),
            "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"
        );
        assert_eq!(
            first.evm_address.to_string(),
            doc["evm_account_0"]["address"].as_str().unwrap()
        );
        assert_eq!(
            *keyring.export_private_key(&AccountId::Hd(0)).unwrap(),
            doc["evm_account_0"]["private_key"].as_str().unwrap()
        );
        let solana = base58_decode(doc["solana_account_0"]["address"].as_str().unwrap()).unwrap();
        assert_eq!(first.solana_public_key.as_deref().unwrap(), hex::encode(solana));
        let neo = first.neo_public_key.as_deref().unwrap();
        assert_eq!(neo.len(), 66);
        assert!(neo.starts_with("02") || neo.starts_with("03"));
    }

    #[test]
    fn cached_parents_give_the_full_path_keys() {
        let mut keyring = keyring();
        for _ in 0..4 {
            keyring.add_account().unwrap();
        }
        let seed = Mnemonic::parse(ABANDON).unwrap().to_seed("");
        let path = |p: String| p.parse::<DerivationPath>().unwrap();
        for account in keyring.accounts() {
            let AccountKind::Hd { index } = account.kind else {
                panic!()
            };
            let evm = Secp256k1Key::from_seed(seed.as_bytes())
                .unwrap()
                .derive(&path(format!("m/44'/60'/0'/0/{index}")))
                .unwrap();
            assert_eq!(account.evm_address, Address::from_public_key(evm.verifying_key()));
            let neo = Nist256p1Key::from_seed(seed.as_bytes())
                .unwrap()
                .derive(&path(format!("m/44'/888'/0'/0/{index}")))
                .unwrap();
            assert_eq!(account.neo_public_key.unwrap(), hex::encode(neo.public_key()));
            let solana = Ed25519Key::from_seed(seed.as_bytes())
                .unwrap()
                .derive(&path(format!("m/44'/501'/{index}'/0'")))
                .unwrap();
            assert_eq!(
                account.solana_public_key.unwrap(),
                hex::encode(solana.public_key())
            );
        }
    }

    #[test]
    fn accounts_are_added_renamed_and_hidden() {
        let mut keyring = keyring();
        assert_eq!(keyring.add_account().unwrap(), AccountId::Hd(1));
        assert_eq!(keyring.add_account().unwrap(), AccountId::Hd(2));
        let names: Vec<String> = keyring.accounts().into_iter().map(|a| a.name).collect();
        assert_eq!(names, ["Account 1", "Account 2", "Account 3"]);
        let addresses: std::collections::HashSet<Address> =
            keyring.accounts().into_iter().map(|a| a.evm_address).collect();
        assert_eq!(addresses.len(), 3);

        keyring.rename(&AccountId::Hd(1), "  Savings  ").unwrap();
        keyring.set_hidden(&AccountId::Hd(2), true).unwrap();
        let accounts = keyring.accounts();
        assert_eq!(accounts[1].name, "Savings");
        assert!(accounts[2].hidden);
        keyring.set_hidden(&AccountId::Hd(2), false).unwrap();
        assert!(!keyring.accounts()[2].hidden);

        assert_eq!(
            keyring.rename(&AccountId::Hd(1), " "),
            Err(KeyringError::Name(NameError::Empty))
        );
        assert_eq!(
            keyring.rename(&AccountId::Hd(1), &"x".repeat(41)),
            Err(KeyringError::Name(NameError::TooLong { chars: 41 }))
        );
        assert_eq!(
            keyring.rename(&AccountId::Hd(9), "Nine"),
            Err(KeyringError::UnknownAccount { id: AccountId::Hd(9) })
        );
        assert_eq!(
            keyring.set_hidden(&AccountId::Hd(9), true),
            Err(KeyringError::UnknownAccount { id: AccountId::Hd(9) })
        );
        let missing = AccountId::Imported(Address::ZERO);
        assert_eq!(
            keyring.rename(&missing, "x"),
            Err(KeyringError::UnknownAccount { id: missing })
        );
        assert_eq!(
            keyring.export_private_key(&missing).unwrap_err(),
            KeyringError::UnknownAccount { id: missing }
        );
        assert_eq!(
            keyring.export_private_key(&AccountId::Hd(3)).unwrap_err(),
            KeyringError::UnknownAccount { id: AccountId::Hd(3) }
        );
    }

    #[test]
    fn imported_keys() {
        let mut keyring = keyring();
        // The key of HD account 0 is already there.
        let own = doc_private_key();
        assert_eq!(
            keyring.import_private_key(secret(&own), None),
            Err(KeyringError::DuplicateAccount {
                existing: AccountId::Hd(0)
            })
        );
        let id = keyring.import_private_key(secret(OTHER_KEY), None).unwrap();
        let address = secret(OTHER_KEY).evm_address();
        assert_eq!(id, AccountId::Imported(address));
        assert_eq!(
            keyring.import_private_key(secret(OTHER_KEY), Some("again")),
            Err(KeyringError::DuplicateAccount { existing: id })
        );
        assert_eq!(
            keyring.import_private_key(secret(&"11".repeat(32)), Some("")),
            Err(KeyringError::Name(NameError::Empty))
        );
        let named = keyring
            .import_private_key(secret(&"22".repeat(32)), Some(" Cold "))
            .unwrap();

        let accounts = keyring.accounts();
        assert_eq!(accounts.len(), 3);
        assert_eq!(accounts[1].name, "Imported 1");
        assert_eq!(accounts[1].kind, AccountKind::Imported);
        assert_eq!(accounts[1].evm_address, address);
        assert_eq!(accounts[1].neo_public_key, None);
        assert_eq!(accounts[1].solana_public_key, None);
        assert_eq!(accounts[2].name, "Cold");
        assert_eq!(*keyring.export_private_key(&id).unwrap(), OTHER_KEY);
        assert_eq!(*keyring.export_private_key(&named).unwrap(), "22".repeat(32));
        keyring.rename(&id, "Hot").unwrap();
        keyring.set_hidden(&id, true).unwrap();
        assert_eq!(keyring.accounts()[1].name, "Hot");
        assert!(keyring.accounts()[1].hidden);
        assert_eq!(keyring.evm_secret(&id).unwrap().evm_address(), address);
    }

    fn doc_private_key() -> String {
        let doc: serde_json::Value = serde_json::from_str(WELL_KNOWN).unwrap();
        doc["evm_account_0"]["private_key"].as_str().unwrap().to_owned()
    }

    #[test]
    fn reveals_the_mnemonic() {
        assert_eq!(*keyring().reveal_mnemonic(), ABANDON);
    }

    #[test]
    fn the_passphrase_changes_every_account() {
        let plain = keyring();
        let with = Keyring::from_mnemonic(Mnemonic::parse(ABANDON).unwrap(), "TREZOR").unwrap();
        let (a, b) = (&plain.accounts()[0], &with.accounts()[0]);
        assert_ne!(a.evm_address, b.evm_address);
        assert_ne!(a.neo_public_key, b.neo_public_key);
        assert_ne!(a.solana_public_key, b.solana_public_key);
    }

    fn assert_same(a: &Keyring, b: &Keyring) {
        assert_eq!(a.accounts(), b.accounts());
        assert_eq!(*a.reveal_mnemonic(), *b.reveal_mnemonic());
        assert_eq!(*a.passphrase, *b.passphrase);
        for account in a.accounts() {
            assert_eq!(
                *a.export_private_key(&account.id).unwrap(),
                *b.export_private_key(&account.id).unwrap()
            );
        }
    }

    fn rich_keyring() -> Keyring {
        let mnemonic = Mnemonic::parse("的 的 的 的 的 的 的 的 的 的 的 在").unwrap();
        let mut keyring = Keyring::from_mnemonic(mnemonic, "pässwörd \"quoted\" \\ 密码").unwrap();
        keyring.add_account().unwrap();
        keyring.add_account().unwrap();
        keyring
            .rename(&AccountId::Hd(1), "Le \"vrai\" compte \\ 钱包")
            .unwrap();
        keyring.set_hidden(&AccountId::Hd(2), true).unwrap();
        let id = keyring
            .import_private_key(secret(OTHER_KEY), Some("Imported \u{1F600}"))
            .unwrap();
        keyring.set_hidden(&id, true).unwrap();
        keyring
    }

    #[test]
    fn bytes_round_trip() {
        let keyring = rich_keyring();
        let bytes = keyring.to_bytes();
        // Written at its exact size: never reallocated.
        assert_eq!(bytes.capacity(), bytes.len());
        let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(doc["version"], 1);
        assert_eq!(doc["hd"]["mnemonic"], "的 的 的 的 的 的 的 的 的 的 的 在");
        assert_eq!(doc["hd"]["accounts"][1]["name"], "Le \"vrai\" compte \\ 钱包");
        assert_eq!(doc["imported"][0]["key"], OTHER_KEY);
        let back = Keyring::from_bytes(&bytes).unwrap();
        assert_same(&keyring, &back);
        assert_eq!(*back.to_bytes(), *bytes);
    }

    #[test]
    fn bytes_of_a_fresh_keyring() {
        let bytes = keyring().to_bytes();
        assert_eq!(
            std::str::from_utf8(&bytes).unwrap(),
            format!(
                "{{\"version\":1,\"hd\":{{\"mnemonic\":\"{ABANDON}\",\"passphrase\":\"\",\
                 \"accounts\":[{{\"index\":0,\"name\":\"Account 1\",\"hidden\":false}}]}},\"imported\":[]}}"
            )
        );
    }

    /// Serializes a keyring, lets `change` edit the JSON, and reads it back.
    fn decode_edited(change: impl FnOnce(&mut serde_json::Value)) -> Result<Keyring, KeyringDecodeError> {
        let mut doc: serde_json::Value = serde_json::from_slice(&rich_keyring().to_bytes()).unwrap();
        change(&mut doc);
        Keyring::from_bytes(doc.to_string().as_bytes())
    }

    #[test]
    fn decode_errors() {
        assert!(matches!(
            Keyring::from_bytes(b"not json"),
            Err(KeyringDecodeError::Malformed { line: 1, .. })
        ));
        assert!(matches!(
            Keyring::from_bytes(b"{}"),
            Err(KeyringDecodeError::Malformed { .. })
        ));
        assert_eq!(
            Keyring::from_bytes(b"{\"version\":2,\"anything\":true}").unwrap_err(),
            KeyringDecodeError::UnsupportedVersion { version: 2 }
        );
        assert!(matches!(
            decode_edited(|d| d["extra"] = true.into()),
            Err(KeyringDecodeError::Malformed { .. })
        ));
        assert!(matches!(
            decode_edited(|d| {
                d["hd"].as_object_mut().unwrap().remove("passphrase");
            }),
            Err(KeyringDecodeError::Malformed { .. })
        ));
        // A secret string with an escape cannot be borrowed, so it is refused rather than
        // copied through serde_json's scratch buffer.
        let escaped = String::from_utf8(rich_keyring().to_bytes().to_vec())
            .unwrap()
            .replacen("在", "\\u5728", 1);
        assert!(matches!(
            Keyring::from_bytes(escaped.as_bytes()),
            Err(KeyringDecodeError::Malformed { .. })
        ));

        assert_eq!(
            decode_edited(|d| d["hd"]["mnemonic"] = "abandon abandon".into()).unwrap_err(),
            KeyringDecodeError::Mnemonic(MnemonicError::WordCount { count: 2 })
        );
        assert_eq!(
            decode_edited(|d| d["hd"]["passphrase"] = "abc".into()).unwrap_err(),
            KeyringDecodeError::Passphrase
        );
        assert_eq!(
            decode_edited(|d| d["hd"]["passphrase"] = "ff".into()).unwrap_err(),
            KeyringDecodeError::Passphrase
        );
        assert_eq!(
            decode_edited(|d| d["hd"]["accounts"][1]["index"] = 0.into()).unwrap_err(),
            KeyringDecodeError::AccountIndex { index: 0 }
        );
        assert_eq!(
            decode_edited(|d| d["hd"]["accounts"][1]["index"] = (1u64 << 31).into()).unwrap_err(),
            KeyringDecodeError::AccountIndex { index: 1 << 31 }
        );
        assert_eq!(
            decode_edited(|d| d["hd"]["accounts"][1]["name"] = "".into()).unwrap_err(),
            KeyringDecodeError::Name(NameError::Empty)
        );
        assert_eq!(
            decode_edited(|d| d["imported"][0]["name"] = "a\tb".into()).unwrap_err(),
            KeyringDecodeError::Name(NameError::ControlCharacter)
        );
        for bad_key in ["00".repeat(32), "zz".repeat(32), "11".repeat(31)] {
            assert_eq!(
                decode_edited(|d| d["imported"][0]["key"] = bad_key.clone().into()).unwrap_err(),
                KeyringDecodeError::ImportedKey
            );
        }
        assert_eq!(
            decode_edited(|d| {
                let copy = d["imported"][0].clone();
                d["imported"].as_array_mut().unwrap().push(copy);
            })
            .unwrap_err(),
            KeyringDecodeError::ImportedKey
        );
    }

    #[test]
    fn stored_accounts_are_listed_in_index_order() {
        let keyring = decode_edited(|d| d["hd"]["accounts"].as_array_mut().unwrap().reverse()).unwrap();
        let ids: Vec<AccountId> = keyring.accounts().into_iter().map(|a| a.id).take(3).collect();
        assert_eq!(ids, [AccountId::Hd(0), AccountId::Hd(1), AccountId::Hd(2)]);
    }

    #[test]
    fn too_many_accounts() {
        let mut keyring = decode_edited(|d| {
            d["hd"]["accounts"][2]["index"] = 2_147_483_647u64.into();
        })
        .unwrap();
        assert_eq!(keyring.add_account(), Err(KeyringError::TooManyAccounts));
    }

    #[test]
    fn debug_shows_no_secret() {
        let keyring = rich_keyring();
        let debug = format!("{keyring:?}");
        assert!(
            !debug.contains('的') && !debug.contains(OTHER_KEY) && !debug.contains("pässwörd"),
            "{debug}"
        );
        let secret = keyring.evm_secret(&AccountId::Hd(0)).unwrap();
        let debug = format!("{secret:?}");
        assert!(
            !debug.contains(keyring.export_private_key(&AccountId::Hd(0)).unwrap().as_str()),
            "{debug}"
        );
    }

    /// Property tests, native only: proptest does not build for wasm32-unknown-unknown.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn any_name() -> impl Strategy<Value = String> {
            // Printable text of 1 to 40 characters, with the characters JSON must escape.
            "[a-zA-Z0-9 \"\\\\é钱包\u{1F600}]{0,38}".prop_map(|s| format!("n{s}n"))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(24))]
            #[test]
            fn keyring_bytes_round_trip(
                passphrase in "\\PC{0,20}",
                extra_accounts in 0usize..4,
                names in prop::collection::vec(any_name(), 4),
                hidden in prop::collection::vec(any::<bool>(), 4),
                imported in prop::collection::vec(any::<[u8; 32]>(), 0..3),
            ) {
                let mut keyring = Keyring::from_mnemonic(Mnemonic::parse(ABANDON).unwrap(), &passphrase).unwrap();
                for _ in 0..extra_accounts {
                    keyring.add_account().unwrap();
                }
                let ids: Vec<AccountId> = keyring.accounts().into_iter().map(|a| a.id).collect();
                for (i, id) in ids.iter().enumerate() {
                    keyring.rename(id, &names[i % names.len()]).unwrap();
                    keyring.set_hidden(id, hidden[i % hidden.len()]).unwrap();
                }
                for (i, key) in imported.iter().enumerate() {
                    if let Ok(secret) = Secp256k1Secret::from_bytes(key) {
                        let _ = keyring.import_private_key(secret, Some(&names[i % names.len()]));
                    }
                }
                let bytes = keyring.to_bytes();
                prop_assert_eq!(bytes.capacity(), bytes.len());
                let back = Keyring::from_bytes(&bytes).unwrap();
                assert_same(&keyring, &back);
            }
        }
    }

    const NEO_KEYS: &str = include_str!("../../../testdata/neo/keys.json");

    #[test]
    fn neo_accounts_hd_and_imported() {
        let mut keyring = keyring();
        keyring.add_account().unwrap();
        let seed = Mnemonic::parse(ABANDON).unwrap().to_seed("");
        let neo_accounts = keyring.neo_accounts();
        assert_eq!(neo_accounts.len(), 2);
        for (i, account) in neo_accounts.iter().enumerate() {
            let path: DerivationPath = format!("m/44'/888'/0'/0/{i}").parse().unwrap();
            let derived = Nist256p1Key::from_seed(seed.as_bytes())
                .unwrap()
                .derive(&path)
                .unwrap();
            let key = neo::PrivateKey::from_bytes(&derived.private_key_bytes()).unwrap();
            assert_eq!(account.public_key, key.public_key());
            assert_eq!(account.address, key.public_key().address());
            assert_eq!(account.id, NeoAccountId::Hd(u32::try_from(i).unwrap()));
            let secret = keyring.neo_secret(&account.id).unwrap();
            assert_eq!(*secret.to_bytes(), *key.to_bytes());
        }

        let doc: serde_json::Value = serde_json::from_str(NEO_KEYS).unwrap();
        let vector = &doc["valid"][0];
        let key = neo::PrivateKey::from_wif(vector["wif"].as_str().unwrap()).unwrap();
        let id = keyring.import_neo_key(key, None).unwrap();
        assert_eq!(
            id.to_string(),
            format!("neo:{}", vector["address"].as_str().unwrap())
        );
        let again = neo::PrivateKey::from_wif(vector["wif"].as_str().unwrap()).unwrap();
        assert_eq!(
            keyring.import_neo_key(again, None),
            Err(KeyringError::DuplicateNeoAccount { existing: id })
        );
        // An HD account's own NEO key is refused as well.
        let hd0 = keyring.neo_secret(&NeoAccountId::Hd(0)).unwrap();
        assert_eq!(
            keyring.import_neo_key(hd0, None),
            Err(KeyringError::DuplicateNeoAccount {
                existing: NeoAccountId::Hd(0)
            })
        );
        keyring.rename_neo(&id, "Cold").unwrap();

        // The imported key survives the vault's serialization, and EVM accounts are unchanged.
        let back = Keyring::from_bytes(&keyring.to_bytes()).unwrap();
        assert_eq!(back.accounts(), keyring.accounts());
        let imported = back.neo_accounts().pop().unwrap();
        assert_eq!(imported.name, "Cold");
        assert_eq!(
            imported.public_key.to_string(),
            vector["publicKey"].as_str().unwrap()
        );
        assert_eq!(
            hex::encode(*back.neo_secret(&id).unwrap().to_bytes()),
            vector["privateKey"].as_str().unwrap()
        );
        assert!(matches!(
            back.neo_secret(&"neo:NMBfzaEq2c5zodiNbLPoohVENARMbJim1r".parse().unwrap()),
            Err(KeyringError::UnknownNeoAccount { .. })
        ));
    }

    #[test]
    fn keyrings_written_before_neo_import_still_open() {
        let old = format!(
            "{{\"version\":1,\"hd\":{{\"mnemonic\":\"{ABANDON}\",\"passphrase\":\"\",\"accounts\":[{{\"index\":0,\"name\":\"Account 1\",\"hidden\":false}}]}},\"imported\":[]}}"
        );
        let keyring = Keyring::from_bytes(old.as_bytes()).unwrap();
        assert_eq!(keyring.neo_accounts().len(), 1);
    }
}
