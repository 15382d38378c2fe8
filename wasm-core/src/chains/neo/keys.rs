//! NEO N3 keys: NIST P-256 (secp256r1) public and private keys, 64-byte `r ‖ s` signatures,
//! and the single-signature verification script that turns a public key into an account.
//!
//! Signing follows neon-js (`wallet.sign`, `@noble/curves` p256 with `lowS: true`): ECDSA over
//! SHA-256 of the message, deterministic nonces (RFC 6979), and `s` normalised to the low half
//! of the group order. p256 itself does not normalise `s`, so we do; with that our signatures
//! are byte-for-byte neon-js's. Verification accepts high `s` too, as Neo nodes and neon-js
//! (`lowS: false`) do.
//!
//! The verification script of a key is `PUSHDATA1 0x21 <compressed key> SYSCALL
//! System.Crypto.CheckSig` = `0c 21 <33 bytes> 41 56e7b327`; its script hash is the account.
//!
//! Spec: `Neo.SmartContract.Contract.CreateSignatureRedeemScript` in
//! <https://github.com/neo-project/neo>; <https://www.rfc-editor.org/rfc/rfc6979>

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::ecdsa::{SigningKey, VerifyingKey};
use p256::elliptic_curve::sec1::ToSec1Point;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};
use zeroize::{ZeroizeOnDrop, Zeroizing};

use super::address::Address;
use super::hash::UInt160;

/// `System.Crypto.CheckSig`: the first four bytes of SHA-256 of the name.
pub const CHECK_SIG: [u8; 4] = [0x56, 0xe7, 0xb3, 0x27];
/// `System.Crypto.CheckMultisig`.
pub const CHECK_MULTISIG: [u8; 4] = [0x9e, 0xd0, 0xdc, 0x3a];

/// Why bytes or text are not a key or a signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// Text that should be hex is not.
    #[error("a key or signature is written in hex (0-9, a-f)")]
    NotHex,
    /// A public key is not 33 (compressed) or 65 (uncompressed) bytes.
    #[error("a public key is 33 or 65 bytes, found {found}")]
    PublicKeyLength {
        /// The length found.
        found: usize,
    },
    /// The bytes do not encode a point on P-256.
    #[error("the public key is not a point on the secp256r1 curve")]
    InvalidPoint,
    /// A private key is not 32 bytes.
    #[error("a private key is 32 bytes, found {found}")]
    PrivateKeyLength {
        /// The length found.
        found: usize,
    },
    /// The private key is zero or not below the group order.
    #[error("the private key is not in 1..n-1 for secp256r1")]
    PrivateKeyOutOfRange,
    /// A signature is not 64 bytes.
    #[error("a signature is 64 bytes (r ‖ s), found {found}")]
    SignatureLength {
        /// The length found.
        found: usize,
    },
    /// `r` or `s` is zero or not below the group order.
    #[error("the signature's r or s is out of range")]
    SignatureOutOfRange,
}

/// A P-256 public key. `Display` writes the compressed form in hex, as NEO does everywhere.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(p256::PublicKey);

impl std::hash::Hash for PublicKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.to_compressed().hash(state);
    }
}

impl PublicKey {
    /// Parses SEC1 bytes: compressed (33) or uncompressed (65).
    ///
    /// # Errors
    /// [`KeyError::PublicKeyLength`] or [`KeyError::InvalidPoint`].
    pub fn from_sec1(bytes: &[u8]) -> Result<Self, KeyError> {
        if bytes.len() != 33 && bytes.len() != 65 {
            return Err(KeyError::PublicKeyLength { found: bytes.len() });
        }
        p256::PublicKey::from_sec1_bytes(bytes)
            .map(Self)
            .map_err(|_| KeyError::InvalidPoint)
    }

    /// Wraps a p256 key.
    pub const fn from_p256(key: p256::PublicKey) -> Self {
        Self(key)
    }

    /// The p256 key.
    pub const fn as_p256(&self) -> &p256::PublicKey {
        &self.0
    }

    /// The compressed SEC1 encoding (33 bytes).
    pub fn to_compressed(&self) -> [u8; 33] {
        let point = self.0.to_sec1_point(true);
        let mut out = [0u8; 33];
        // A compressed point of a valid key is always 33 bytes.
        if let Some(bytes) = point.as_bytes().get(..33) {
            out.copy_from_slice(bytes);
        }
        out
    }

    /// The uncompressed SEC1 encoding (65 bytes).
    pub fn to_uncompressed(&self) -> [u8; 65] {
        let point = self.0.to_sec1_point(false);
        let mut out = [0u8; 65];
        if let Some(bytes) = point.as_bytes().get(..65) {
            out.copy_from_slice(bytes);
        }
        out
    }

    /// The single-signature verification script: `0c 21 <key> 41 56e7b327`.
    pub fn verification_script(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(40);
        out.extend_from_slice(&[0x0c, 0x21]);
        out.extend_from_slice(&self.to_compressed());
        out.push(0x41);
        out.extend_from_slice(&CHECK_SIG);
        out
    }

    /// Recognises a single-signature verification script and returns its key.
    pub fn from_verification_script(script: &[u8]) -> Option<Self> {
        if script.len() != 40
            || script[..2] != [0x0c, 0x21]
            || script[35] != 0x41
            || script[36..] != CHECK_SIG
        {
            return None;
        }
        Self::from_sec1(&script[2..35]).ok()
    }

    /// The account's script hash (of the verification script).
    pub fn script_hash(&self) -> UInt160 {
        UInt160::of_script(&self.verification_script())
    }

    /// The account's N3 address.
    pub fn address(&self) -> Address {
        Address::from_script_hash(self.script_hash())
    }

    /// Verifies a signature over SHA-256 of `message` (as neon-js `wallet.verify` does).
    pub fn verify(&self, message: &[u8], signature: &Signature) -> bool {
        let digest: [u8; 32] = Sha256::digest(message).into();
        self.verify_prehash(&digest, signature)
    }

    /// Verifies a signature over a 32-byte digest. High `s` is accepted.
    pub fn verify_prehash(&self, prehash: &[u8; 32], signature: &Signature) -> bool {
        let Ok(sig) = p256::ecdsa::Signature::from_slice(&signature.0) else {
            return false;
        };
        VerifyingKey::from(&self.0).verify_prehash(prehash, &sig).is_ok()
    }

    /// NEO's order for public keys (`ECPoint.CompareTo`): by the x coordinate, then y, as
    /// unsigned integers. Multisig scripts list their keys in this order.
    pub fn neo_cmp(&self, other: &Self) -> Ordering {
        let a = self.to_uncompressed();
        let b = other.to_uncompressed();
        // Uncompressed is 04 ‖ x ‖ y, both big-endian: comparing the bytes after 04 compares
        // x, then y.
        a[1..].cmp(&b[1..])
    }
}

impl PartialOrd for PublicKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PublicKey {
    /// [`PublicKey::neo_cmp`].
    fn cmp(&self, other: &Self) -> Ordering {
        self.neo_cmp(other)
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.to_compressed()))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({self})")
    }
}

impl FromStr for PublicKey {
    type Err = KeyError;

    /// Parses hex (compressed or uncompressed), with or without `0x`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let digits = text.strip_prefix("0x").unwrap_or(text);
        if digits.len() != 66 && digits.len() != 130 {
            return Err(KeyError::PublicKeyLength {
                found: digits.len() / 2,
            });
        }
        let bytes = hex::decode(digits).map_err(|_| KeyError::NotHex)?;
        Self::from_sec1(&bytes)
    }
}

impl Serialize for PublicKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PublicKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// An ECDSA P-256 signature as NEO carries it: 64 bytes, `r ‖ s`, big-endian.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Signature([u8; 64]);

impl Signature {
    /// Takes 64 bytes, checking that `r` and `s` are in 1..n-1.
    ///
    /// # Errors
    /// [`KeyError::SignatureLength`] or [`KeyError::SignatureOutOfRange`].
    pub fn from_slice(bytes: &[u8]) -> Result<Self, KeyError> {
        let array: [u8; 64] = bytes
            .try_into()
            .map_err(|_| KeyError::SignatureLength { found: bytes.len() })?;
        p256::ecdsa::Signature::from_slice(&array).map_err(|_| KeyError::SignatureOutOfRange)?;
        Ok(Self(array))
    }

    /// The 64 bytes.
    pub const fn to_bytes(&self) -> [u8; 64] {
        self.0
    }

    /// The 64 bytes.
    pub const fn as_bytes(&self) -> &[u8; 64] {
        &self.0
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({self})")
    }
}

impl FromStr for Signature {
    type Err = KeyError;

    /// Parses 128 hex digits.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.len() != 128 {
            return Err(KeyError::SignatureLength {
                found: text.len() / 2,
            });
        }
        let bytes = hex::decode(text).map_err(|_| KeyError::NotHex)?;
        Self::from_slice(&bytes)
    }
}

/// A P-256 private key: zeroized on drop, no `Clone`, and `Debug` shows only the address.
pub struct PrivateKey(p256::SecretKey);

impl ZeroizeOnDrop for PrivateKey {}

impl PrivateKey {
    /// Takes 32 big-endian bytes.
    ///
    /// # Errors
    /// [`KeyError::PrivateKeyOutOfRange`] for zero or a value not below the group order.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self, KeyError> {
        p256::SecretKey::from_bytes(&(*bytes).into())
            .map(Self)
            .map_err(|_| KeyError::PrivateKeyOutOfRange)
    }

    /// Takes a slice that must be 32 bytes.
    ///
    /// # Errors
    /// [`KeyError::PrivateKeyLength`] or [`KeyError::PrivateKeyOutOfRange`].
    pub fn from_slice(bytes: &[u8]) -> Result<Self, KeyError> {
        let mut array = Zeroizing::new([0u8; 32]);
        if bytes.len() != 32 {
            return Err(KeyError::PrivateKeyLength { found: bytes.len() });
        }
        array.copy_from_slice(bytes);
        Self::from_bytes(&array)
    }

    /// Parses 64 hex digits (optionally after `0x`).
    ///
    /// # Errors
    /// [`KeyError::NotHex`], [`KeyError::PrivateKeyLength`] or
    /// [`KeyError::PrivateKeyOutOfRange`].
    pub fn from_hex(text: &str) -> Result<Self, KeyError> {
        let digits = text.trim();
        let digits = digits.strip_prefix("0x").unwrap_or(digits);
        if digits.len() != 64 {
            return Err(KeyError::PrivateKeyLength {
                found: digits.len() / 2,
            });
        }
        let mut bytes = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(digits, &mut *bytes).map_err(|_| KeyError::NotHex)?;
        Self::from_bytes(&bytes)
    }

    /// Copies a p256 key (for example a key the keyring derived with SLIP-10).
    pub fn from_p256(key: &p256::SecretKey) -> Self {
        Self(key.clone())
    }

    /// The 32 key bytes, zeroized on drop.
    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        let mut out = Zeroizing::new([0u8; 32]);
        out.copy_from_slice(&self.0.to_bytes());
        out
    }

    /// The public key.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.0.public_key())
    }

    /// Signs a 32-byte digest (RFC 6979 nonce, low `s`).
    pub fn sign_prehash(&self, prehash: &[u8; 32]) -> Signature {
        let signing = SigningKey::from(&self.0);
        // Signing a 32-byte prehash with a valid key cannot fail; a failure would be a bug in
        // the curve library, and an all-zero signature never verifies.
        let bytes = signing
            .sign_prehash(prehash)
            .map(|sig: p256::ecdsa::Signature| sig.normalize_s().to_bytes())
            .unwrap_or_default();
        let mut out = [0u8; 64];
        out.copy_from_slice(&bytes);
        Signature(out)
    }

    /// Signs SHA-256 of `message`, as neon-js `wallet.sign(hex, key)` does.
    pub fn sign(&self, message: &[u8]) -> Signature {
        let digest: [u8; 32] = Sha256::digest(message).into();
        self.sign_prehash(&digest)
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("address", &self.public_key().address())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "7d128a6d096f0c14c3a25a2b0c41cf79661bfcb4a8cc95aaaea28bde4d732344";

    #[test]
    fn sign_is_low_s_and_verifies() {
        let key = PrivateKey::from_hex(KEY).unwrap();
        let public = key.public_key();
        assert_eq!(
            public.to_string(),
            "02028a99826edc0c97d18e22b6932373d908d323aa7f92656a77ec26e8861699ef"
        );
        for i in 0..32u8 {
            let sig = key.sign(&[i; 7]);
            assert!(public.verify(&[i; 7], &sig));
            assert!(!public.verify(&[i; 8], &sig));
            let parsed = p256::ecdsa::Signature::from_slice(sig.as_bytes()).unwrap();
            assert_eq!(parsed.normalize_s(), parsed, "s must be low");
            // The high-s twin verifies as well (nodes accept it).
            let (r, s) = parsed.split_scalars();
            let high = p256::ecdsa::Signature::from_scalars(r.to_bytes(), (-*s).to_bytes()).unwrap();
            assert!(public.verify(&[i; 7], &Signature::from_slice(&high.to_bytes()).unwrap()));
        }
    }

    #[test]
    fn verification_script_and_parse() {
        let public = PrivateKey::from_hex(KEY).unwrap().public_key();
        let script = public.verification_script();
        assert_eq!(
            hex::encode(&script),
            "0c2102028a99826edc0c97d18e22b6932373d908d323aa7f92656a77ec26e8861699ef4156e7b327"
        );
        assert_eq!(PublicKey::from_verification_script(&script), Some(public));
        assert_eq!(PublicKey::from_verification_script(&script[1..]), None);
        let uncompressed = public.to_uncompressed();
        assert_eq!(PublicKey::from_sec1(&uncompressed).unwrap(), public);
    }

    #[test]
    fn errors_and_debug() {
        assert_eq!(
            PrivateKey::from_hex(&"0".repeat(64)).unwrap_err(),
            KeyError::PrivateKeyOutOfRange
        );
        assert_eq!(
            PrivateKey::from_hex("12").unwrap_err(),
            KeyError::PrivateKeyLength { found: 1 }
        );
        assert_eq!(
            "02".parse::<PublicKey>().unwrap_err(),
            KeyError::PublicKeyLength { found: 1 }
        );
        assert_eq!(
            format!("02{}", "ff".repeat(32)).parse::<PublicKey>().unwrap_err(),
            KeyError::InvalidPoint
        );
        assert_eq!(
            Signature::from_slice(&[0; 64]).unwrap_err(),
            KeyError::SignatureOutOfRange
        );
        let debug = format!("{:?}", PrivateKey::from_hex(KEY).unwrap());
        assert!(!debug.contains(&KEY[..16]), "{debug}");
        assert!(debug.contains("NPTmAHDxo6Pkyic8Nvu3kwyXoYJCvcCB6i"), "{debug}");
    }
}
