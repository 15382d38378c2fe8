use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An EVM chain id (EIP-155), written as a `0x`-prefixed lowercase hex quantity on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChainId(u64);

/// Why a string is not a chain id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainIdError {
    /// The string is not a `0x`-prefixed hex quantity without leading zeros.
    NotHexQuantity,
    /// Zero is not a chain id.
    Zero,
    /// Larger than 2^53 - 1, which dApps cannot hold in a JS number (EIP-2294 bound).
    TooLarge,
}

impl fmt::Display for ChainIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotHexQuantity => "a chain id is a 0x-prefixed hex quantity without leading zeros",
            Self::Zero => "chain id 0 is not valid",
            Self::TooLarge => "chain id is larger than 2^53 - 1",
        })
    }
}

impl std::error::Error for ChainIdError {}

impl ChainId {
    /// The largest chain id a dApp can represent exactly (EIP-2294).
    pub const MAX: u64 = (1 << 53) - 1;

    /// Makes a chain id from its number.
    ///
    /// # Errors
    /// Zero, or a value above [`ChainId::MAX`].
    pub const fn new(id: u64) -> Result<Self, ChainIdError> {
        if id == 0 {
            Err(ChainIdError::Zero)
        } else if id > Self::MAX {
            Err(ChainIdError::TooLarge)
        } else {
            Ok(Self(id))
        }
    }

    /// The chain id as a number.
    pub const fn get(self) -> u64 {
        self.0
    }

    /// The decimal form `net_version` answers with.
    pub fn to_decimal(self) -> String {
        self.0.to_string()
    }
}

impl fmt::Display for ChainId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#x}", self.0)
    }
}

impl FromStr for ChainId {
    type Err = ChainIdError;

    /// Parses a hex quantity as JSON-RPC writes it: `0x` then lowercase or uppercase hex
    /// digits, no leading zeros (`0x01` is refused, as EIP-3326 wallets do).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s.strip_prefix("0x").ok_or(ChainIdError::NotHexQuantity)?;
        if digits.is_empty()
            || digits.len() > 16
            || digits.starts_with('0') && digits.len() > 1
            || !digits.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(ChainIdError::NotHexQuantity);
        }
        let id = u64::from_str_radix(digits, 16).map_err(|_| ChainIdError::NotHexQuantity)?;
        Self::new(id)
    }
}

impl Serialize for ChainId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ChainId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_hex() {
        for id in [1_u64, 10, 56, 137, 31_337, 11_155_111, ChainId::MAX] {
            let chain = ChainId::new(id).unwrap();
            assert_eq!(chain.to_string().parse::<ChainId>().unwrap(), chain);
        }
        assert_eq!(ChainId::new(31_337).unwrap().to_string(), "0x7a69");
        assert_eq!("0xAA36A7".parse::<ChainId>().unwrap().get(), 11_155_111);
    }

    #[test]
    fn refuses_what_is_not_a_quantity() {
        for bad in ["", "0x", "1", "0x01", "0xg", "x1", "0x 1", "0x10000000000000000"] {
            assert_eq!(bad.parse::<ChainId>(), Err(ChainIdError::NotHexQuantity), "{bad}");
        }
        assert_eq!("0x0".parse::<ChainId>(), Err(ChainIdError::Zero));
        assert_eq!("0x20000000000000".parse::<ChainId>(), Err(ChainIdError::TooLarge));
    }
}
