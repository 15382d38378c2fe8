//! N3 addresses: Base58Check of the version byte `0x35` and the account's script hash in wire
//! order, 34 characters starting with `N`.
//!
//! Spec: `Neo.Wallets.Helper.ToAddress` in <https://github.com/neo-project/neo> (version from
//! `ProtocolSettings.AddressVersion`, 53 on MainNet and TestNet)

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::base58::{self, Base58Error};
use super::hash::UInt160;

/// The N3 address version byte.
pub const ADDRESS_VERSION: u8 = 0x35;

/// Why a string is not an N3 address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// A character outside the Base58 alphabet (0, O, I and l are not in it).
    #[error("an address has only Base58 characters (no 0, O, I or l)")]
    NotBase58,
    /// The decoded address is not 25 bytes.
    #[error("an address decodes to 25 bytes, found {found}")]
    Length {
        /// How many bytes it decoded to.
        found: usize,
    },
    /// The checksum does not match: most likely a typo.
    #[error("the address checksum is wrong: check the address for typos")]
    BadChecksum,
    /// The version byte is not N3's `0x35` (a legacy NEO 2 address starts with `A`, `0x17`).
    #[error("not an N3 address (version byte 0x{found:02x}, expected 0x35)")]
    Version {
        /// The version byte found.
        found: u8,
    },
}

/// An N3 address. `Display` writes the Base58Check form.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Address(UInt160);

impl Address {
    /// The address of a script hash.
    pub const fn from_script_hash(hash: UInt160) -> Self {
        Self(hash)
    }

    /// The script hash.
    pub const fn script_hash(&self) -> UInt160 {
        self.0
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut payload = [0u8; 21];
        payload[0] = ADDRESS_VERSION;
        payload[1..].copy_from_slice(self.0.wire_bytes());
        f.write_str(&base58::encode_check(&payload))
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Address({self})")
    }
}

impl FromStr for Address {
    type Err = AddressError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let payload = base58::decode_check(text, 21).map_err(|e| match e {
            Base58Error::Alphabet => AddressError::NotBase58,
            Base58Error::Length(found) => AddressError::Length { found },
            Base58Error::Checksum => AddressError::BadChecksum,
        })?;
        if payload[0] != ADDRESS_VERSION {
            return Err(AddressError::Version { found: payload[0] });
        }
        let mut hash = [0u8; 20];
        hash.copy_from_slice(&payload[1..]);
        Ok(Self(UInt160::from_wire_bytes(hash)))
    }
}

impl Serialize for Address {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Address {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let hash: UInt160 = "0xa7cbfee3f01f89d58c042644b0b6df2d59a6eb26".parse().unwrap();
        let address = Address::from_script_hash(hash);
        assert_eq!(address.to_string(), "NPTmAHDxo6Pkyic8Nvu3kwyXoYJCvcCB6i");
        assert_eq!(
            "NPTmAHDxo6Pkyic8Nvu3kwyXoYJCvcCB6i".parse::<Address>().unwrap(),
            address
        );
        // One character changed: the checksum catches it.
        assert_eq!(
            "NPTmAHDxo6Pkyic8Nvu3kwyXoYJCvcCB6j".parse::<Address>(),
            Err(AddressError::BadChecksum)
        );
        assert_eq!(
            "NPTmAHDxo6Pkyic8Nvu3kwyXoYJCvcCB60".parse::<Address>(),
            Err(AddressError::NotBase58)
        );
        // A NEO 2 address (NEP-2 spec test 1).
        assert_eq!(
            "AStZHy8E6StCqYQbzMqi4poH7YNDHQKxvt".parse::<Address>(),
            Err(AddressError::Version { found: 0x17 })
        );
        assert!(matches!("N".parse::<Address>(), Err(AddressError::Length { .. })));
    }
}
