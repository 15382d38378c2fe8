//! Keys: BIP-39 mnemonics, HD derivation (BIP-32 secp256k1, SLIP-10 NIST P-256 and
//! ed25519), accounts, imported keys and keystore files.
//!
//! Pure code: no I/O and no storage. [`Keyring`] is the plaintext the vault encrypts
//! ([`Keyring::to_bytes`] / [`Keyring::from_bytes`]); the engine holds it while unlocked.
//!
//! | module | spec |
//! |---|---|
//! | [`mnemonic`] | BIP-39 |
//! | [`path`] | BIP-32 path notation, BIP-44 layout |
//! | [`slip10`] | BIP-32 and SLIP-10 private derivation |
//! | [`imported`] | raw secp256k1 private keys (SEC 1) |
//! | [`keystore`] | Web3 Secret Storage v3 |
//!
//! Every type that holds a secret is zeroized on drop, has no `Clone` and no `Serialize`,
//! and has a `Debug` that leaves the secret out.

pub mod account;
mod content;
pub mod imported;
pub mod keystore;
pub mod mnemonic;
pub mod neo;
pub mod path;
mod secret_hex;
pub mod slip10;

pub use account::{AccountId, AccountIdError, AccountInfo, AccountKind, AccountName, NameError};
pub use content::{Keyring, KeyringDecodeError, KeyringError};
pub use imported::{ImportedKeyError, Secp256k1Secret};
pub use keystore::KeystoreError;
pub use mnemonic::{Language, Mnemonic, MnemonicError, RandomnessError, Seed, WordCount};
pub use neo::{NeoAccount, NeoAccountId, NeoAccountIdError};
pub use path::{ChildIndex, DerivationPath, PathError};
pub use slip10::{Ed25519Key, ExtendedPrivateKey, Nist256p1Key, Secp256k1Key, Slip10Error};

#[cfg(test)]
pub(crate) mod test_support {
    use sha2::{Digest, Sha256};

    /// 32 bytes of `value`.
    pub(crate) fn bytes32(value: u8) -> [u8; 32] {
        [value; 32]
    }

    /// Decodes base58 (Bitcoin alphabet). `None` on a character outside the alphabet.
    pub(crate) fn base58_decode(text: &str) -> Option<Vec<u8>> {
        const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        let mut number: Vec<u8> = Vec::new(); // big-endian
        for c in text.bytes() {
            let mut carry = u32::try_from(ALPHABET.iter().position(|a| *a == c)?).ok()?;
            for byte in number.iter_mut().rev() {
                carry += u32::from(*byte) * 58;
                *byte = u8::try_from(carry & 0xff).ok()?;
                carry >>= 8;
            }
            while carry > 0 {
                number.insert(0, u8::try_from(carry & 0xff).ok()?);
                carry >>= 8;
            }
        }
        let zeros = text.bytes().take_while(|c| *c == b'1').count();
        let mut raw = vec![0u8; zeros];
        raw.extend(number);
        Some(raw)
    }

    /// Decodes base58check (base58 with a 4-byte double-SHA-256 checksum), for reading the
    /// published xprv/xpub strings. `None` on a bad character or checksum.
    pub(crate) fn base58check_decode(text: &str) -> Option<Vec<u8>> {
        let raw = base58_decode(text)?;
        if raw.len() < 4 {
            return None;
        }
        let (payload, checksum) = raw.split_at(raw.len() - 4);
        let hash = Sha256::digest(Sha256::digest(payload));
        (hash[..4] == *checksum).then(|| payload.to_vec())
    }
}
