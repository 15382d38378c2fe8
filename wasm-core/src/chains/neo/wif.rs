//! Wallet Import Format for N3 private keys: Base58Check of `0x80 ‖ key ‖ 0x01` (the `0x01`
//! marks a compressed public key, which NEO always uses). 52 characters starting with K or L.
//!
//! Spec: `Neo.Wallets.KeyPair.Export` / `Wallet.GetPrivateKeyFromWIF` in
//! <https://github.com/neo-project/neo>; <https://en.bitcoin.it/wiki/Wallet_import_format>

use zeroize::Zeroizing;

use super::base58::{self, Base58Error};
use super::keys::{KeyError, PrivateKey};

/// Why a string is not a WIF private key. Messages never include the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WifError {
    /// A character outside the Base58 alphabet.
    #[error("a WIF key has only Base58 characters")]
    NotBase58,
    /// The decoded key is not 38 bytes with its checksum (an uncompressed-key WIF, starting
    /// with 5, is 37).
    #[error("a WIF key decodes to 38 bytes (compressed form, starting with K or L), found {found}")]
    Length {
        /// The decoded length.
        found: usize,
    },
    /// The checksum does not match.
    #[error("the WIF checksum is wrong: check the key for typos")]
    BadChecksum,
    /// The first byte is not `0x80`.
    #[error("a WIF key starts with the byte 0x80")]
    Version,
    /// The last byte is not the compressed-key marker `0x01`.
    #[error("a WIF key ends with the compressed-key marker 0x01")]
    NotCompressed,
    /// The 32 bytes are not a valid key.
    #[error(transparent)]
    Key(#[from] KeyError),
}

impl PrivateKey {
    /// Parses a WIF string.
    ///
    /// # Errors
    /// Any [`WifError`].
    pub fn from_wif(text: &str) -> Result<Self, WifError> {
        let payload = base58::decode_check(text.trim(), 34).map_err(|e| match e {
            Base58Error::Alphabet => WifError::NotBase58,
            Base58Error::Length(found) => WifError::Length { found },
            Base58Error::Checksum => WifError::BadChecksum,
        })?;
        if payload[0] != 0x80 {
            return Err(WifError::Version);
        }
        if payload[33] != 0x01 {
            return Err(WifError::NotCompressed);
        }
        Ok(Self::from_slice(&payload[1..33])?)
    }

    /// The key as WIF, zeroized on drop.
    pub fn to_wif(&self) -> Zeroizing<String> {
        let mut payload = Zeroizing::new([0u8; 34]);
        payload[0] = 0x80;
        payload[1..33].copy_from_slice(&*self.to_bytes());
        payload[33] = 0x01;
        Zeroizing::new(base58::encode_check(&*payload))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors() {
        let good = "L1QqQJnpBwbsPGAuutuzPTac8piqvbR1HRjrY5qHup48TBCBFe4g";
        assert!(PrivateKey::from_wif(good).is_ok());
        assert_eq!(
            PrivateKey::from_wif("L1QqQJnpBwbsPGAuutuzPTac8piqvbR1HRjrY5qHup48TBCBFe4h").unwrap_err(),
            WifError::BadChecksum
        );
        // An address is Base58Check too, but 21 bytes.
        assert_eq!(
            PrivateKey::from_wif("NPTmAHDxo6Pkyic8Nvu3kwyXoYJCvcCB6i").unwrap_err(),
            WifError::Length { found: 25 }
        );
        assert_eq!(PrivateKey::from_wif("0OIl").unwrap_err(), WifError::NotBase58);
    }
}
