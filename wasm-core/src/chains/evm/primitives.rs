//! Fixed-size EVM values: 256-bit integers, 32-byte hashes, and Keccak-256.
//!
//! [`U256`] is `ruint`'s (the integer type alloy uses); it carries values, fees and RLP
//! integers. [`B256`] is a 32-byte string such as a transaction hash or a storage key.
//!
//! Spec: Ethereum Yellow Paper, appendix B (RLP scalars) and the definition of `KEC`
//! (<https://ethereum.github.io/yellowpaper/paper.pdf>).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha3::{Digest, Keccak256};

use super::quantity::{HexError, parse_data_fixed};

/// A 256-bit unsigned integer (wraps modulo 2^256 only where a method says so).
pub type U256 = ruint::aliases::U256;

/// 32 bytes: a Keccak-256 hash, a transaction hash, a storage key. `Display` writes `0x`
/// and 64 lowercase hex digits, and `FromStr` reads exactly that (either case).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct B256([u8; 32]);

impl B256 {
    /// Thirty-two zero bytes.
    pub const ZERO: Self = Self([0; 32]);

    /// Wraps 32 raw bytes.
    pub const fn new(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The 32 raw bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The bytes read as a big-endian integer.
    pub fn to_u256(&self) -> U256 {
        U256::from_be_bytes(self.0)
    }
}

impl From<[u8; 32]> for B256 {
    fn from(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }
}

impl AsRef<[u8]> for B256 {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Display for B256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{}", hex::encode(self.0))
    }
}

impl fmt::Debug for B256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "B256({self})")
    }
}

impl FromStr for B256 {
    type Err = HexError;

    /// Parses `0x` and exactly 64 hex digits.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_data_fixed::<32>(s).map(Self)
    }
}

impl Serialize for B256 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for B256 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Keccak-256 (the pre-standard SHA-3 Ethereum uses everywhere) of `data`.
pub fn keccak256(data: impl AsRef<[u8]>) -> B256 {
    B256(Keccak256::digest(data.as_ref()).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keccak_of_nothing_is_the_well_known_constant() {
        // KEC(()) appears throughout the Yellow Paper as the empty code hash.
        assert_eq!(
            keccak256([]).to_string(),
            "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
        );
    }

    #[test]
    fn b256_round_trips_through_text() {
        let text = "0x0000000000000000000000000000000000000000000000000000000000000001";
        let b: B256 = text.parse().unwrap();
        assert_eq!(b.to_u256(), U256::from(1u64));
        assert_eq!(b.to_string(), text);
        assert_eq!(
            text.to_uppercase()
                .replacen("0X", "0x", 1)
                .parse::<B256>()
                .unwrap(),
            b
        );
        assert!("0x00".parse::<B256>().is_err());
        assert_eq!(serde_json::to_string(&b).unwrap(), format!("\"{text}\""));
    }
}
