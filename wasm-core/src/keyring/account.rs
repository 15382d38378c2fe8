//! Account identity and names: what the UI sees of the keyring.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::chains::evm::Address;

/// A stable account id: `hd:<index>` for an account of the HD keyring, `imported:<address>`
/// (lowercase hex) for an imported key. Ids never change when accounts are renamed or
/// hidden, and are unique within a keyring.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccountId {
    /// The HD account at `m/44'/60'/0'/0/index` (and the matching NEO and Solana paths).
    Hd(u32),
    /// An imported secp256k1 key, identified by its EVM address.
    Imported(Address),
}

/// Why a string is not an account id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("an account id is hd:<index> or imported:<0x address>")]
pub struct AccountIdError;

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Hd(index) => write!(f, "hd:{index}"),
            Self::Imported(address) => write!(f, "imported:{}", address.to_lowercase_hex()),
        }
    }
}

impl fmt::Debug for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccountId({self})")
    }
}

impl FromStr for AccountId {
    type Err = AccountIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(index) = s.strip_prefix("hd:") {
            let canonical = !index.is_empty()
                && index.bytes().all(|b| b.is_ascii_digit())
                && !(index.len() > 1 && index.starts_with('0'));
            if !canonical {
                return Err(AccountIdError);
            }
            let index: u32 = index.parse().map_err(|_| AccountIdError)?;
            if index >= 1 << 31 {
                return Err(AccountIdError);
            }
            Ok(Self::Hd(index))
        } else if let Some(address) = s.strip_prefix("imported:") {
            // Ids are written in lowercase; anything else is not an id we made.
            if address.bytes().any(|b| b.is_ascii_uppercase()) {
                return Err(AccountIdError);
            }
            address.parse().map(Self::Imported).map_err(|_| AccountIdError)
        } else {
            Err(AccountIdError)
        }
    }
}

impl Serialize for AccountId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AccountId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// An account name: trimmed, 1 to 40 characters, no control characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AccountName(String);

/// Why a name cannot be an account name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// The name is empty or only whitespace.
    #[error("an account name cannot be empty")]
    Empty,
    /// The name is longer than 40 characters (after trimming).
    #[error("an account name has at most 40 characters, found {chars}")]
    TooLong {
        /// How many characters the trimmed name has.
        chars: usize,
    },
    /// The name contains a control character (a new line, a tab, …).
    #[error("an account name cannot contain control characters such as new lines or tabs")]
    ControlCharacter,
}

impl AccountName {
    /// The longest name, in characters (Unicode scalar values).
    pub const MAX_CHARS: usize = 40;

    /// Trims `name` and checks it.
    ///
    /// # Errors
    /// [`NameError`] for an empty or too long name, or one with control characters.
    pub fn new(name: &str) -> Result<Self, NameError> {
        let trimmed = name.trim();
        if trimmed.is_empty() {
            return Err(NameError::Empty);
        }
        let chars = trimmed.chars().count();
        if chars > Self::MAX_CHARS {
            return Err(NameError::TooLong { chars });
        }
        if trimmed.chars().any(char::is_control) {
            return Err(NameError::ControlCharacter);
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AccountName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where an account's key comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AccountKind {
    /// Derived from the keyring's mnemonic at this index.
    Hd {
        /// The account index `i` of `m/44'/60'/0'/0/i`, `m/44'/888'/0'/0/i` and
        /// `m/44'/501'/i'/0'`.
        index: u32,
    },
    /// An imported secp256k1 private key (EVM only).
    Imported,
}

/// The public facts about one account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AccountInfo {
    /// The stable id.
    pub id: AccountId,
    /// The name shown to the user.
    pub name: String,
    /// Whether the user hid the account from the account list.
    pub hidden: bool,
    /// HD or imported.
    #[serde(flatten)]
    pub kind: AccountKind,
    /// The EVM address (EIP-55 when displayed).
    pub evm_address: Address,
    /// The NEO N3 public key, compressed SEC1 P-256 in lowercase hex (HD accounts only).
    pub neo_public_key: Option<String>,
    /// The Solana public key, 32 bytes in lowercase hex (HD accounts only; base58 comes
    /// with the Solana chain module).
    pub solana_public_key: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_refuse_garbage() {
        let address: Address = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed".parse().unwrap();
        for id in [
            AccountId::Hd(0),
            AccountId::Hd(2_147_483_647),
            AccountId::Imported(address),
        ] {
            assert_eq!(id.to_string().parse::<AccountId>().unwrap(), id);
        }
        assert_eq!(
            AccountId::Imported(address).to_string(),
            "imported:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
        );
        for bad in [
            "",
            "hd:",
            "hd:01",
            "hd:-1",
            "hd:2147483648",
            "hd: 1",
            "HD:1",
            "imported:",
            "imported:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "imported:5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            "ledger:0",
        ] {
            assert_eq!(bad.parse::<AccountId>(), Err(AccountIdError), "{bad:?}");
        }
        assert_eq!(serde_json::to_string(&AccountId::Hd(3)).unwrap(), "\"hd:3\"");
        assert_eq!(
            serde_json::from_str::<AccountId>("\"hd:3\"").unwrap(),
            AccountId::Hd(3)
        );
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(AccountName::new("  Savings \n").unwrap().as_str(), "Savings");
        assert_eq!(
            AccountName::new(&"é".repeat(40))
                .unwrap()
                .as_str()
                .chars()
                .count(),
            40
        );
        assert_eq!(AccountName::new("   "), Err(NameError::Empty));
        assert_eq!(AccountName::new(""), Err(NameError::Empty));
        assert_eq!(
            AccountName::new(&"a".repeat(41)),
            Err(NameError::TooLong { chars: 41 })
        );
        assert_eq!(AccountName::new("a\nb"), Err(NameError::ControlCharacter));
        assert_eq!(AccountName::new("a\u{0}b"), Err(NameError::ControlCharacter));
        assert_eq!(
            AccountName::new("钱包 \"main\" \\o/").unwrap().as_str(),
            "钱包 \"main\" \\o/"
        );
    }
}
