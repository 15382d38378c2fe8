//! Network magic numbers: the `u32` that every N3 signature commits to, so that a transaction
//! signed for TestNet is not valid on MainNet.
//!
//! Spec: `ProtocolSettings.Network` in <https://github.com/neo-project/neo>; MainNet and TestNet
//! (T5) values from `config.mainnet.json` / `config.testnet.json` of neo-cli and neon-js
//! `MAGIC_NUMBER`.

use std::fmt;

/// An N3 network magic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NetworkMagic(u32);

impl NetworkMagic {
    /// N3 MainNet, 860833102 (`0x334f454e`, "NEO3" in ASCII read little-endian).
    pub const MAINNET: Self = Self(860_833_102);
    /// N3 TestNet T5, 894710606. (The NEP-21 text still lists 877933390, an older TestNet.)
    pub const TESTNET: Self = Self(894_710_606);

    /// Wraps a magic. Every `u32` is a possible private network.
    pub const fn new(magic: u32) -> Self {
        Self(magic)
    }

    /// The number.
    pub const fn get(self) -> u32 {
        self.0
    }

    /// The four bytes that open signing data (little-endian).
    pub const fn to_le_bytes(self) -> [u8; 4] {
        self.0.to_le_bytes()
    }
}

impl fmt::Display for NetworkMagic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mainnet_is_neo3() {
        assert_eq!(&NetworkMagic::MAINNET.to_le_bytes(), b"NEO3");
        assert_eq!(NetworkMagic::TESTNET.get(), 894_710_606);
    }
}
