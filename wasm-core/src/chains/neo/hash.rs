//! `UInt160` (script hashes: accounts and contracts) and `UInt256` (transaction and block
//! hashes), with NEO's byte order made explicit.
//!
//! Both are kept in *wire order*: the bytes exactly as they are hashed out of SHA-256 or
//! RIPEMD-160 and as they appear in serialized transactions, scripts and (after the version
//! byte) in addresses. NEO writes them for people the other way round: `Display` is `0x`
//! followed by the bytes reversed, as Neo's `UInt160.ToString()`, neo-cli, the RPC and NeoLine
//! show them. neon-js writes the same reversed hex without the `0x` (`reverseHex(hash160(…))`).
//! Parsing accepts both forms and always reads them reversed.
//!
//! Example (neon-js `testWallet.json`, account A): the verification script
//! `0c21 02028a99…99ef 41 56e7b327` hashes to wire bytes `26eba6592ddfb6b04426048cd5891ff0e3fecba7`,
//! shown as `0xa7cbfee3f01f89d58c042644b0b6df2d59a6eb26`.
//!
//! Spec: `Neo.UInt160` / `Neo.UInt256` in <https://github.com/neo-project/neo>

use std::fmt;
use std::str::FromStr;

use ripemd::Ripemd160;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

/// Why text is not a `UInt160` or `UInt256`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HashParseError {
    /// Not the right number of hex digits (after an optional `0x`).
    #[error("a {bytes}-byte hash is {} hex digits, found {found}", bytes * 2)]
    Length {
        /// The size of the hash in bytes.
        bytes: usize,
        /// How many characters followed the optional `0x`.
        found: usize,
    },
    /// A character is not a hex digit.
    #[error("a hash has only hex digits (0-9, a-f)")]
    NotHex,
}

fn parse_reversed<const N: usize>(text: &str) -> Result<[u8; N], HashParseError> {
    let digits = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))
        .unwrap_or(text);
    let found = digits.chars().count();
    if found != N * 2 {
        return Err(HashParseError::Length { bytes: N, found });
    }
    let mut out = [0u8; N];
    hex::decode_to_slice(digits, &mut out).map_err(|_| HashParseError::NotHex)?;
    out.reverse();
    Ok(out)
}

macro_rules! uint_type {
    ($name:ident, $len:literal, $what:literal) => {
        #[doc = concat!("A ", $what, ", kept in wire order; `Display` is `0x` and the bytes reversed.")]
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name([u8; $len]);

        impl $name {
            /// The all-zero value.
            pub const ZERO: Self = Self([0; $len]);
            /// The size in bytes.
            pub const LEN: usize = $len;

            /// Wraps bytes in wire order (as hashed and serialized).
            pub const fn from_wire_bytes(bytes: [u8; $len]) -> Self {
                Self(bytes)
            }

            /// The bytes in wire order (as hashed and serialized).
            pub const fn wire_bytes(&self) -> &[u8; $len] {
                &self.0
            }

            /// The bytes in display order (reversed), as `Display` shows them.
            pub fn display_bytes(&self) -> [u8; $len] {
                let mut out = self.0;
                out.reverse();
                out
            }

            /// Wraps bytes given in display order (as people write them).
            pub fn from_display_bytes(mut bytes: [u8; $len]) -> Self {
                bytes.reverse();
                Self(bytes)
            }

            /// The reversed hex without `0x`, as neon-js writes it.
            pub fn to_neon_hex(&self) -> String {
                hex::encode(self.display_bytes())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "0x{}", self.to_neon_hex())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self)
            }
        }

        impl FromStr for $name {
            type Err = HashParseError;

            /// Parses display-order hex, with or without `0x`.
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                parse_reversed::<$len>(text).map(Self)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

uint_type!(
    UInt160,
    20,
    "160-bit hash (a script hash: an account or a contract)"
);
uint_type!(UInt256, 32, "256-bit hash (a transaction or block hash)");

/// A script hash: the `UInt160` that names an account or a contract.
pub type ScriptHash = UInt160;

impl UInt160 {
    /// The script hash of a script: RIPEMD-160(SHA-256(script)), in wire order.
    pub fn of_script(script: &[u8]) -> Self {
        let sha = Sha256::digest(script);
        let mut out = [0u8; 20];
        out.copy_from_slice(&Ripemd160::digest(sha));
        Self(out)
    }
}

impl UInt256 {
    /// SHA-256 of the data, in wire order (how NEO hashes transactions).
    pub fn sha256(data: &[u8]) -> Self {
        let mut out = [0u8; 32];
        out.copy_from_slice(&Sha256::digest(data));
        Self(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_is_explicit() {
        let script =
            hex::decode("0c2102028a99826edc0c97d18e22b6932373d908d323aa7f92656a77ec26e8861699ef4156e7b327")
                .unwrap();
        let hash = UInt160::of_script(&script);
        assert_eq!(
            hex::encode(hash.wire_bytes()),
            "26eba6592ddfb6b04426048cd5891ff0e3fecba7"
        );
        assert_eq!(hash.to_string(), "0xa7cbfee3f01f89d58c042644b0b6df2d59a6eb26");
        assert_eq!(hash.to_neon_hex(), "a7cbfee3f01f89d58c042644b0b6df2d59a6eb26");
        assert_eq!(
            "0xa7cbfee3f01f89d58c042644b0b6df2d59a6eb26"
                .parse::<UInt160>()
                .unwrap(),
            hash
        );
        assert_eq!(
            "A7CBFEE3F01F89D58C042644B0B6DF2D59A6EB26"
                .parse::<UInt160>()
                .unwrap(),
            hash
        );
        assert_eq!(UInt160::from_display_bytes(hash.display_bytes()), hash);
    }

    #[test]
    fn parse_errors() {
        assert_eq!(
            "0x12".parse::<UInt160>(),
            Err(HashParseError::Length { bytes: 20, found: 2 })
        );
        assert_eq!("zz".repeat(32).parse::<UInt256>(), Err(HashParseError::NotHex));
        assert_eq!(
            HashParseError::Length { bytes: 32, found: 3 }.to_string(),
            "a 32-byte hash is 64 hex digits, found 3"
        );
    }
}
