//! NEP-6 wallet files (neo-cli, Neon, NeoLine exports): accounts with NEP-2 keys, the scrypt
//! parameters to open them, and each account's contract script.
//!
//! Only what an import needs is read; unknown fields (`extra`, token lists) are ignored.
//! `isDefault` is also accepted as `isdefault`. An account's key is decrypted with the
//! wallet's scrypt parameters and must belong to the account's address.
//!
//! Spec: <https://github.com/neo-project/proposals/blob/master/nep-6.mediawiki>

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::address::Address;
use super::keys::PrivateKey;
use super::nep2::{Nep2Error, Nep2Key, ScryptParams};

/// Why a NEP-6 file or account could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Nep6Error {
    /// Not JSON.
    #[error("the wallet file is not valid JSON (line {line}, column {column})")]
    NotJson {
        /// Line.
        line: usize,
        /// Column.
        column: usize,
    },
    /// A field is missing or malformed.
    #[error("the wallet file's `{field}` is missing or malformed")]
    Field {
        /// Where, like `accounts[2].key`.
        field: String,
    },
    /// A NEP-2 problem (including [`Nep2Error::WrongPassword`]).
    #[error(transparent)]
    Nep2(#[from] Nep2Error),
    /// The account has no key (watch-only).
    #[error("this account has no private key (it is watch-only)")]
    NoKey,
    /// The key decrypted, but belongs to another address than the account's.
    #[error("the account's key belongs to another address")]
    AddressMismatch,
}

/// A NEP-6 account contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nep6Contract {
    /// The verification script.
    pub script: Vec<u8>,
    /// Parameter names and types, like `("signature", "Signature")`.
    pub parameters: Vec<(String, String)>,
    /// Whether it is a deployed contract.
    pub deployed: bool,
}

/// A NEP-6 account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nep6Account {
    /// The address.
    pub address: Address,
    /// The label.
    pub label: Option<String>,
    /// Whether it is the default account.
    pub is_default: bool,
    /// Whether it is locked.
    pub lock: bool,
    /// The encrypted key (`None` for watch-only accounts).
    pub key: Option<Nep2Key>,
    /// The contract.
    pub contract: Option<Nep6Contract>,
}

/// A NEP-6 wallet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nep6Wallet {
    /// The name.
    pub name: Option<String>,
    /// The version string.
    pub version: String,
    /// The scrypt parameters of every key.
    pub scrypt: ScryptParams,
    /// The accounts.
    pub accounts: Vec<Nep6Account>,
}

fn field(name: impl Into<String>) -> Nep6Error {
    Nep6Error::Field { field: name.into() }
}

impl Nep6Wallet {
    /// Parses a wallet file.
    ///
    /// # Errors
    /// [`Nep6Error::NotJson`], [`Nep6Error::Field`], or [`Nep6Error::Nep2`] for scrypt
    /// parameters out of bounds or a malformed key.
    pub fn from_json(text: &str) -> Result<Self, Nep6Error> {
        let json: Value = serde_json::from_str(text).map_err(|e| Nep6Error::NotJson {
            line: e.line(),
            column: e.column(),
        })?;
        let scrypt = json.get("scrypt").ok_or_else(|| field("scrypt"))?;
        let num = |name: &'static str| {
            scrypt
                .get(name)
                .and_then(Value::as_u64)
                .ok_or_else(|| field(format!("scrypt.{name}")))
        };
        let scrypt = ScryptParams::new(num("n")?, num("r")?, num("p")?)?;
        let accounts = json
            .get("accounts")
            .and_then(Value::as_array)
            .ok_or_else(|| field("accounts"))?
            .iter()
            .enumerate()
            .map(|(i, a)| parse_account(a, i))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            name: json.get("name").and_then(Value::as_str).map(str::to_owned),
            version: json
                .get("version")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            scrypt,
            accounts,
        })
    }

    /// Decrypts account `index`.
    ///
    /// # Errors
    /// [`Nep6Error::Field`] for an index out of range, or as [`Nep6Account::decrypt`].
    pub fn decrypt(&self, index: usize, password: &str) -> Result<PrivateKey, Nep6Error> {
        self.accounts
            .get(index)
            .ok_or_else(|| field(format!("accounts[{index}]")))?
            .decrypt(password, self.scrypt)
    }
}

fn parse_account(a: &Value, i: usize) -> Result<Nep6Account, Nep6Error> {
    let path = |f: &str| format!("accounts[{i}].{f}");
    let address = a
        .get("address")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| field(path("address")))?;
    let key = match a.get("key") {
        None | Some(Value::Null) => None,
        Some(k) => Some(k.as_str().ok_or_else(|| field(path("key")))?.parse::<Nep2Key>()?),
    };
    let contract = match a.get("contract") {
        None | Some(Value::Null) => None,
        Some(c) => Some(Nep6Contract {
            script: c
                .get("script")
                .and_then(Value::as_str)
                .and_then(|s| STANDARD.decode(s).ok())
                .ok_or_else(|| field(path("contract.script")))?,
            parameters: c
                .get("parameters")
                .and_then(Value::as_array)
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
                            (s("name"), s("type"))
                        })
                        .collect()
                })
                .unwrap_or_default(),
            deployed: c.get("deployed").and_then(Value::as_bool).unwrap_or(false),
        }),
    };
    let flag = |names: [&str; 2]| {
        names
            .iter()
            .find_map(|n| a.get(*n))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    };
    Ok(Nep6Account {
        address,
        label: a.get("label").and_then(Value::as_str).map(str::to_owned),
        is_default: flag(["isDefault", "isdefault"]),
        lock: flag(["lock", "lock"]),
        key,
        contract,
    })
}

impl Nep6Account {
    /// Decrypts the account's key and checks it belongs to the account.
    ///
    /// The NEP-2 check covers the key's own address. A multisig account's key belongs to one
    /// of its members, so the record's address hash is checked against the member's address,
    /// and [`Nep6Error::AddressMismatch`] is only returned for a single-signature account
    /// whose key is another address's.
    ///
    /// # Errors
    /// [`Nep6Error::NoKey`], [`Nep6Error::Nep2`] (wrong password) or
    /// [`Nep6Error::AddressMismatch`].
    pub fn decrypt(&self, password: &str, params: ScryptParams) -> Result<PrivateKey, Nep6Error> {
        let record = self.key.as_ref().ok_or(Nep6Error::NoKey)?;
        let key = record.decrypt(password, params)?;
        let single_sig = self
            .contract
            .as_ref()
            .is_none_or(|c| super::keys::PublicKey::from_verification_script(&c.script).is_some());
        if single_sig && key.public_key().address() != self.address {
            return Err(Nep6Error::AddressMismatch);
        }
        Ok(key)
    }
}
