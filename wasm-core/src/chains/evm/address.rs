//! EVM account addresses and their EIP-55 mixed-case checksum encoding.
//!
//! An address is the last 20 bytes of the Keccak-256 hash of the account's uncompressed
//! secp256k1 public key without its `0x04` prefix (Ethereum Yellow Paper, appendix F).
//! EIP-55 writes it in hex with letters upper-cased where the Keccak-256 hash of the
//! lowercase hex text has a nibble of 8 or more, so that most typing errors in a mixed-case
//! address are caught.
//!
//! Spec: <https://eips.ethereum.org/EIPS/eip-55>

use std::fmt;
use std::str::FromStr;

use k256::elliptic_curve::sec1::ToSec1Point;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha3::{Digest, Keccak256};

/// A 20-byte EVM account address. `Display` writes the EIP-55 checksummed form.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Address([u8; 20]);

/// Why a string is not an EVM address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// The string does not start with `0x`.
    #[error("an address starts with 0x")]
    MissingPrefix,
    /// The string does not have 40 hex digits after `0x`.
    #[error("an address has 40 hex digits after 0x, found {found}")]
    Length {
        /// How many characters followed `0x`.
        found: usize,
    },
    /// A character after `0x` is not a hex digit.
    #[error("an address has only hex digits after 0x")]
    NotHex,
    /// The address mixes upper and lower case but the case does not match its EIP-55
    /// checksum: most likely a typo.
    #[error("the address checksum (its mix of upper and lower case) is wrong: check the address for typos")]
    BadChecksum,
}

impl Address {
    /// The zero address.
    pub const ZERO: Self = Self([0; 20]);

    /// Wraps 20 raw bytes.
    pub const fn from_bytes(bytes: [u8; 20]) -> Self {
        Self(bytes)
    }

    /// Derives the address of a secp256k1 public key: the last 20 bytes of the Keccak-256
    /// hash of its uncompressed encoding without the `0x04` prefix.
    pub fn from_public_key(key: &k256::PublicKey) -> Self {
        let point = key.to_sec1_point(false);
        let uncompressed = point.as_bytes();
        // A valid public key's uncompressed SEC1 form is always 65 bytes (0x04 ‖ x ‖ y);
        // `get` keeps this free of panics all the same.
        let hash = Keccak256::digest(uncompressed.get(1..).unwrap_or_default());
        let mut bytes = [0; 20];
        bytes.copy_from_slice(&hash[12..]);
        Self(bytes)
    }

    /// The 20 raw bytes.
    pub const fn as_bytes(&self) -> &[u8; 20] {
        &self.0
    }

    /// The address as `0x` and 40 lowercase hex digits (no checksum).
    pub fn to_lowercase_hex(&self) -> String {
        format!("0x{}", hex::encode(self.0))
    }

    /// The EIP-55 case of each of the 40 hex digits: `true` where a letter is upper case.
    fn checksum_mask(lower_hex: &[u8; 40]) -> [bool; 40] {
        let hash = Keccak256::digest(lower_hex);
        let mut mask = [false; 40];
        for (i, upper) in mask.iter_mut().enumerate() {
            let byte = hash[i / 2];
            let nibble = if i % 2 == 0 { byte >> 4 } else { byte & 0x0f };
            *upper = nibble >= 8;
        }
        mask
    }

    fn lower_hex_digits(&self) -> [u8; 40] {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0; 40];
        for (i, byte) in self.0.iter().enumerate() {
            out[2 * i] = DIGITS[usize::from(byte >> 4)];
            out[2 * i + 1] = DIGITS[usize::from(byte & 0x0f)];
        }
        out
    }
}

impl fmt::Display for Address {
    /// Writes the EIP-55 checksummed form, `0x` then 40 mixed-case hex digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut digits = self.lower_hex_digits();
        let mask = Self::checksum_mask(&digits);
        for (digit, upper) in digits.iter_mut().zip(mask) {
            if upper {
                digit.make_ascii_uppercase();
            }
        }
        f.write_str("0x")?;
        // The digits are ASCII, so this never fails.
        f.write_str(std::str::from_utf8(&digits).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Address({self})")
    }
}

impl FromStr for Address {
    type Err = AddressError;

    /// Parses `0x` and 40 hex digits. All-lowercase and all-uppercase digits carry no
    /// checksum and are accepted as they are; mixed case must match the EIP-55 checksum.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s.strip_prefix("0x").ok_or(AddressError::MissingPrefix)?;
        let found = digits.chars().count();
        if found != 40 {
            return Err(AddressError::Length { found });
        }
        let mut bytes = [0; 20];
        hex::decode_to_slice(digits, &mut bytes).map_err(|_| AddressError::NotHex)?;
        let address = Self(bytes);

        let has_lower = digits.bytes().any(|b| b.is_ascii_lowercase());
        let has_upper = digits.bytes().any(|b| b.is_ascii_uppercase());
        if has_lower && has_upper {
            let lower = address.lower_hex_digits();
            let mask = Self::checksum_mask(&lower);
            let matches = digits
                .bytes()
                .zip(mask)
                .all(|(b, upper)| !b.is_ascii_alphabetic() || b.is_ascii_uppercase() == upper);
            if !matches {
                return Err(AddressError::BadChecksum);
            }
        }
        Ok(address)
    }
}

impl Serialize for Address {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Address {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EIP55: &str = include_str!("../../../../testdata/keyring/eip55.json");

    fn vectors() -> Vec<(String, String)> {
        let doc: serde_json::Value = serde_json::from_str(EIP55).unwrap();
        let mut out = Vec::new();
        for group in ["all_caps", "all_lower", "normal"] {
            for address in doc[group].as_array().unwrap() {
                out.push((group.to_owned(), address.as_str().unwrap().to_owned()));
            }
        }
        assert_eq!(out.len(), 8);
        out
    }

    #[test]
    fn eip55_vectors_display_as_published() {
        for (group, published) in vectors() {
            let lower = published.to_lowercase();
            let address: Address = lower.parse().unwrap();
            assert_eq!(address.to_string(), published, "{group}");
            // The published form parses back to the same bytes.
            assert_eq!(published.parse::<Address>().unwrap(), address, "{group}");
        }
    }

    #[test]
    fn accepts_all_lower_and_all_upper_without_checksum() {
        for (_, published) in vectors() {
            let digits = &published[2..];
            let lower = format!("0x{}", digits.to_ascii_lowercase());
            let upper = format!("0x{}", digits.to_ascii_uppercase());
            assert_eq!(
                lower.parse::<Address>().unwrap(),
                upper.parse::<Address>().unwrap()
            );
        }
    }

    #[test]
    fn refuses_a_wrong_mixed_case_checksum() {
        for (group, published) in vectors() {
            if group != "normal" {
                continue;
            }
            // Flip the case of the first letter: still mixed case, now a wrong checksum.
            let mut chars: Vec<char> = published.chars().collect();
            let at = chars
                .iter()
                .skip(2)
                .position(|c| c.is_ascii_alphabetic())
                .unwrap()
                + 2;
            chars[at] = if chars[at].is_ascii_uppercase() {
                chars[at].to_ascii_lowercase()
            } else {
                chars[at].to_ascii_uppercase()
            };
            let typo: String = chars.into_iter().collect();
            assert_eq!(typo.parse::<Address>(), Err(AddressError::BadChecksum), "{typo}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        assert_eq!("".parse::<Address>(), Err(AddressError::MissingPrefix));
        assert_eq!(
            "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed".parse::<Address>(),
            Err(AddressError::MissingPrefix)
        );
        assert_eq!(
            "0x1234".parse::<Address>(),
            Err(AddressError::Length { found: 4 })
        );
        assert_eq!(
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedff".parse::<Address>(),
            Err(AddressError::Length { found: 42 })
        );
        assert_eq!(
            "0xgaaeb6053f3e94c9b9a09f33669435e7ef1beaed".parse::<Address>(),
            Err(AddressError::NotHex)
        );
        // 40 bytes, but 39 characters.
        assert_eq!(
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaé".parse::<Address>(),
            Err(AddressError::Length { found: 39 })
        );
        assert_eq!(
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaéx".parse::<Address>(),
            Err(AddressError::NotHex)
        );
    }

    #[test]
    fn derives_the_address_of_a_public_key() {
        // The secp256k1 generator (private key 1) has the well-known address
        // 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf.
        let mut one = [0u8; 32];
        one[31] = 1;
        let key = k256::SecretKey::from_bytes(&one.into()).unwrap().public_key();
        assert_eq!(
            Address::from_public_key(&key).to_string(),
            "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"
        );
    }

    #[test]
    fn serde_uses_the_checksummed_string() {
        let a: Address = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed".parse().unwrap();
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, "\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"");
        assert_eq!(serde_json::from_str::<Address>(&json).unwrap(), a);
        assert!(serde_json::from_str::<Address>("\"0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"").is_err());
    }
}
