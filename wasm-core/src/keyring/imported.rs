//! Raw secp256k1 private keys, as people paste them from other wallets: 64 hex digits, with
//! or without `0x`.
//!
//! A key must be a scalar in 1..n-1 (SEC 1, section 3.2.1; BIP-32 test vector 5 lists 0
//! and n as invalid).
//!
//! Spec: <https://www.secg.org/sec1-v2.pdf> (section 2.3.6, Octet-String-to-Field-Element,
//! and 3.2.1, elliptic curve key pairs)

use std::fmt;

use zeroize::{ZeroizeOnDrop, Zeroizing};

use crate::chains::evm::Address;

/// Why text or bytes are not a secp256k1 private key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportedKeyError {
    /// Not 64 hex digits (after an optional `0x` and surrounding whitespace).
    #[error("a private key is 64 hex digits, found {found} characters")]
    Length {
        /// How many characters there were.
        found: usize,
    },
    /// A character is not a hex digit.
    #[error("a private key has only hex digits (0-9, a-f)")]
    NotHex,
    /// The key is zero.
    #[error("a private key cannot be zero")]
    Zero,
    /// The key is not below the secp256k1 group order n.
    #[error("the private key is not below the secp256k1 group order")]
    OutOfRange,
}

/// A valid secp256k1 private key (1..n-1), zeroized on drop; no `Clone`, and `Debug` shows
/// only its address.
pub struct Secp256k1Secret(k256::SecretKey);

impl ZeroizeOnDrop for Secp256k1Secret {}

/// The secp256k1 group order n, big-endian.
const ORDER: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xba,
    0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
];

impl Secp256k1Secret {
    /// Parses 64 hex digits, with or without `0x`/`0X`; surrounding whitespace is ignored.
    ///
    /// # Errors
    /// [`ImportedKeyError::Length`] or [`ImportedKeyError::NotHex`] for malformed text,
    /// [`ImportedKeyError::Zero`] or [`ImportedKeyError::OutOfRange`] for a value that is no
    /// private key.
    pub fn from_hex(text: &str) -> Result<Self, ImportedKeyError> {
        let trimmed = text.trim();
        let digits = trimmed
            .strip_prefix("0x")
            .or_else(|| trimmed.strip_prefix("0X"))
            .unwrap_or(trimmed);
        let found = digits.chars().count();
        if found != 64 {
            return Err(ImportedKeyError::Length { found });
        }
        let mut bytes = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(digits, &mut *bytes).map_err(|_| ImportedKeyError::NotHex)?;
        Self::from_bytes(&bytes)
    }

    /// Takes 32 big-endian bytes.
    ///
    /// # Errors
    /// [`ImportedKeyError::Zero`] or [`ImportedKeyError::OutOfRange`] unless the value is in
    /// 1..n-1.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self, ImportedKeyError> {
        if bytes.iter().all(|b| *b == 0) {
            return Err(ImportedKeyError::Zero);
        }
        // Big-endian byte strings of equal length compare like the numbers they encode.
        if bytes.as_slice() >= ORDER.as_slice() {
            return Err(ImportedKeyError::OutOfRange);
        }
        k256::SecretKey::from_bytes(&(*bytes).into())
            .map(Self)
            .map_err(|_| ImportedKeyError::OutOfRange)
    }

    /// The 32 private key bytes, zeroized when dropped.
    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        let mut out = Zeroizing::new([0u8; 32]);
        out.copy_from_slice(&self.0.to_bytes());
        out
    }

    /// The key as 64 lowercase hex digits without `0x` (how wallets export keys), zeroized
    /// when dropped.
    pub fn to_hex(&self) -> Zeroizing<String> {
        super::secret_hex::encode(&*self.to_bytes())
    }

    /// The public key.
    pub fn public_key(&self) -> k256::PublicKey {
        self.0.public_key()
    }

    /// The EVM address of the key.
    pub fn evm_address(&self) -> Address {
        Address::from_public_key(&self.public_key())
    }

    /// A copy of the key. Deliberately not `Clone`, so copies are made on purpose.
    pub(crate) fn duplicate(&self) -> Self {
        Self(self.0.clone())
    }

    /// Wraps a key that is valid by construction (a derived key).
    pub(crate) fn from_secret_key(key: k256::SecretKey) -> Self {
        Self(key)
    }
}

impl fmt::Debug for Secp256k1Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Secp256k1Secret")
            .field("address", &self.evm_address())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "1ab42cc412b618bdea3a599e3c9bae199ebf030895b039e9db1e30dafb12b727";

    #[test]
    fn parses_with_and_without_prefix() {
        let plain = Secp256k1Secret::from_hex(KEY).unwrap();
        let prefixed = Secp256k1Secret::from_hex(&format!("0x{KEY}")).unwrap();
        let shouting = Secp256k1Secret::from_hex(&format!("  0X{}\n", KEY.to_uppercase())).unwrap();
        assert_eq!(*plain.to_bytes(), *prefixed.to_bytes());
        assert_eq!(*plain.to_bytes(), *shouting.to_bytes());
        assert_eq!(*plain.to_hex(), KEY);
        // The well-known first account of "abandon … about".
        assert_eq!(
            plain.evm_address().to_string(),
            "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"
        );
    }

    #[test]
    fn every_error() {
        assert_eq!(
            Secp256k1Secret::from_hex("").unwrap_err(),
            ImportedKeyError::Length { found: 0 }
        );
        assert_eq!(
            Secp256k1Secret::from_hex(&KEY[2..]).unwrap_err(),
            ImportedKeyError::Length { found: 62 }
        );
        assert_eq!(
            Secp256k1Secret::from_hex(&format!("0x0x{KEY}")).unwrap_err(),
            ImportedKeyError::Length { found: 66 }
        );
        let bad = format!("{}zz", &KEY[2..]);
        assert_eq!(
            Secp256k1Secret::from_hex(&bad).unwrap_err(),
            ImportedKeyError::NotHex
        );
        assert_eq!(
            Secp256k1Secret::from_hex(&"0".repeat(64)).unwrap_err(),
            ImportedKeyError::Zero
        );
        let n = hex::encode(ORDER);
        assert_eq!(
            Secp256k1Secret::from_hex(&n).unwrap_err(),
            ImportedKeyError::OutOfRange
        );
        assert_eq!(
            Secp256k1Secret::from_hex(&"f".repeat(64)).unwrap_err(),
            ImportedKeyError::OutOfRange
        );
        // n - 1 is the largest key.
        let mut n_minus_1 = ORDER;
        n_minus_1[31] -= 1;
        assert!(Secp256k1Secret::from_bytes(&n_minus_1).is_ok());
        let mut one = [0u8; 32];
        one[31] = 1;
        assert!(Secp256k1Secret::from_bytes(&one).is_ok());
        assert_eq!(
            ImportedKeyError::OutOfRange.to_string(),
            "the private key is not below the secp256k1 group order"
        );
    }

    #[test]
    fn debug_shows_no_secret() {
        let key = Secp256k1Secret::from_hex(KEY).unwrap();
        let debug = format!("{key:?}");
        assert!(!debug.contains(KEY) && !debug.contains(&KEY[..16]), "{debug}");
        assert!(
            debug.contains("0x9858EfFD232B4033E47d90003D41EC34EcaEda94"),
            "{debug}"
        );
    }
}
