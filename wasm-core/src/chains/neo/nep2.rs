//! NEP-2 passphrase-protected private keys: 58-character strings starting with `6P`.
//!
//! `addresshash` = the first 4 bytes of SHA-256(SHA-256(address as ASCII)); scrypt(NFC
//! passphrase, salt = addresshash, n, r, p, 64 bytes) gives `derivedhalf1 ‖ derivedhalf2`; the
//! key XOR `derivedhalf1` is encrypted with AES-256-ECB (two blocks, no padding) under
//! `derivedhalf2`; the record is Base58Check(`01 42 e0 ‖ addresshash ‖ ciphertext`).
//! Decryption recomputes the address from the recovered key and compares address hashes:
//! that comparison is the only password check NEP-2 has, so any mismatch is reported as one
//! error, [`Nep2Error::WrongPassword`].
//!
//! The address is the N3 address for N3 keys. The NEP-2 text and its test vectors predate N3
//! and use NEO 2 addresses (`0x17`, script `21 <key> ac`), so the same key encrypts to a
//! different string under N3; [`Nep2Key::decrypt_neo2`] opens such legacy records.
//!
//! scrypt parameters come from files (NEP-6 `scrypt`), so they are bounded before any work:
//! n a power of two up to 2^20, r·p ≤ 64 and at most 256 MiB of memory, the limits the keyring
//! applies to Ethereum keystores.
//!
//! Spec: <https://github.com/neo-project/proposals/blob/master/nep-2.mediawiki>

use std::fmt;
use std::str::FromStr;

use aes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use super::address::Address;
use super::base58::{self, Base58Error};
use super::keys::{PrivateKey, PublicKey};
use crate::keyring::keystore::{MAX_SCRYPT_MEMORY, MAX_SCRYPT_N, MAX_SCRYPT_R_TIMES_P};

/// Why a NEP-2 string could not be parsed, made or opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Nep2Error {
    /// A character outside the Base58 alphabet.
    #[error("a NEP-2 key has only Base58 characters")]
    NotBase58,
    /// The record is not 43 bytes (39 and a checksum).
    #[error("a NEP-2 key decodes to 43 bytes, found {found}")]
    Length {
        /// The decoded length.
        found: usize,
    },
    /// The Base58Check checksum does not match.
    #[error("the NEP-2 key's checksum is wrong: check it for typos")]
    BadChecksum,
    /// The record does not start with `01 42 e0`.
    #[error("not a NEP-2 key (it must start with the bytes 01 42 e0, \"6P\")")]
    Prefix,
    /// The scrypt parameters are outside the accepted bounds.
    #[error(
        "scrypt parameters n = {n}, r = {r}, p = {p} are not accepted (n a power of two from 2 to 2^20, \
         r·p at most 64, at most 256 MiB)"
    )]
    ScryptParams {
        /// n.
        n: u64,
        /// r.
        r: u64,
        /// p.
        p: u64,
    },
    /// The password is wrong (or the scrypt parameters are not the ones used to encrypt).
    #[error("wrong password")]
    WrongPassword,
}

/// scrypt cost parameters, bounded (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScryptParams {
    log_n: u8,
    r: u32,
    p: u32,
}

impl ScryptParams {
    /// NEP-2's parameters: n = 16384, r = 8, p = 8.
    pub const DEFAULT: Self = Self {
        log_n: 14,
        r: 8,
        p: 8,
    };

    /// Validates parameters read from a file.
    ///
    /// # Errors
    /// [`Nep2Error::ScryptParams`] outside the bounds.
    pub fn new(n: u64, r: u64, p: u64) -> Result<Self, Nep2Error> {
        let err = Nep2Error::ScryptParams { n, r, p };
        if !n.is_power_of_two() || !(2..=MAX_SCRYPT_N).contains(&n) || r == 0 || p == 0 {
            return Err(err);
        }
        if r.checked_mul(p).is_none_or(|rp| rp > MAX_SCRYPT_R_TIMES_P) {
            return Err(err);
        }
        if n.checked_mul(128)
            .and_then(|v| v.checked_mul(r))
            .is_none_or(|m| m > MAX_SCRYPT_MEMORY)
        {
            return Err(err);
        }
        let log_n = u8::try_from(n.trailing_zeros()).map_err(|_| err)?;
        Ok(Self {
            log_n,
            r: u32::try_from(r).map_err(|_| err)?,
            p: u32::try_from(p).map_err(|_| err)?,
        })
    }

    /// n.
    pub fn n(&self) -> u64 {
        1 << self.log_n
    }

    /// r.
    pub fn r(&self) -> u32 {
        self.r
    }

    /// p.
    pub fn p(&self) -> u32 {
        self.p
    }

    fn derive(&self, password: &str, salt: &[u8; 4]) -> Zeroizing<[u8; 64]> {
        let normalized: Zeroizing<String> = Zeroizing::new(password.nfc().collect());
        let mut out = Zeroizing::new([0u8; 64]);
        // The parameters were validated, and the output length is fixed and valid, so
        // neither call can fail; a failure would leave `out` zero and decryption would then
        // report a wrong password rather than panic.
        if let Ok(params) = scrypt::Params::new(self.log_n, self.r, self.p) {
            let _ = scrypt::scrypt(normalized.as_bytes(), salt, &params, &mut *out);
        }
        out
    }
}

impl Default for ScryptParams {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A parsed NEP-2 record.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Nep2Key([u8; 39]);

fn address_hash(address: &str) -> [u8; 4] {
    let hash = Sha256::digest(Sha256::digest(address.as_bytes()));
    [hash[0], hash[1], hash[2], hash[3]]
}

/// The NEO 2 address of a key, used only to check legacy NEP-2 records.
fn neo2_address(key: &PublicKey) -> String {
    let mut script = Vec::with_capacity(35);
    script.push(0x21);
    script.extend_from_slice(&key.to_compressed());
    script.push(0xac);
    let hash = super::hash::UInt160::of_script(&script);
    let mut payload = [0u8; 21];
    payload[0] = 0x17;
    payload[1..].copy_from_slice(hash.wire_bytes());
    base58::encode_check(&payload)
}

fn aes(key: &[u8]) -> Option<aes::Aes256> {
    aes::Aes256::new_from_slice(key).ok()
}

impl Nep2Key {
    /// Encrypts a key for its N3 address.
    pub fn encrypt(key: &PrivateKey, password: &str, params: ScryptParams) -> Self {
        let address = key.public_key().address().to_string();
        Self::encrypt_for(key, password, params, &address)
    }

    fn encrypt_for(key: &PrivateKey, password: &str, params: ScryptParams, address: &str) -> Self {
        let salt = address_hash(address);
        let derived = params.derive(password, &salt);
        let mut block = Zeroizing::new([0u8; 32]);
        for (i, b) in key.to_bytes().iter().enumerate() {
            block[i] = b ^ derived[i];
        }
        let mut out = [0u8; 39];
        out[..3].copy_from_slice(&[0x01, 0x42, 0xe0]);
        out[3..7].copy_from_slice(&salt);
        if let Some(cipher) = aes(&derived[32..]) {
            for half in block.as_chunks_mut::<16>().0 {
                cipher.encrypt_block(half.into());
            }
        }
        out[7..].copy_from_slice(&*block);
        Self(out)
    }

    /// The 4-byte address hash (also the scrypt salt).
    pub fn address_hash(&self) -> [u8; 4] {
        [self.0[3], self.0[4], self.0[5], self.0[6]]
    }

    /// Whether this record was made for `address` (checks the address hash; no password
    /// needed).
    pub fn is_for_address(&self, address: &Address) -> bool {
        self.address_hash() == address_hash(&address.to_string())
    }

    fn decrypt_with(
        &self,
        password: &str,
        params: ScryptParams,
        address_of: impl Fn(&PublicKey) -> String,
    ) -> Result<PrivateKey, Nep2Error> {
        let salt = self.address_hash();
        let derived = params.derive(password, &salt);
        let mut block = Zeroizing::new([0u8; 32]);
        block.copy_from_slice(&self.0[7..]);
        let cipher = aes(&derived[32..]).ok_or(Nep2Error::WrongPassword)?;
        for half in block.as_chunks_mut::<16>().0 {
            cipher.decrypt_block(half.into());
        }
        for (i, b) in block.iter_mut().enumerate() {
            *b ^= derived[i];
        }
        // A wrong password gives random bytes: occasionally not a valid key at all.
        let key = PrivateKey::from_bytes(&block).map_err(|_| Nep2Error::WrongPassword)?;
        if address_hash(&address_of(&key.public_key())) != salt {
            return Err(Nep2Error::WrongPassword);
        }
        Ok(key)
    }

    /// Decrypts an N3 record.
    ///
    /// # Errors
    /// [`Nep2Error::WrongPassword`], whatever was wrong (password, parameters, or a record
    /// made for another address).
    pub fn decrypt(&self, password: &str, params: ScryptParams) -> Result<PrivateKey, Nep2Error> {
        self.decrypt_with(password, params, |key| key.address().to_string())
    }

    /// Decrypts a legacy record made for the key's NEO 2 address (NEO 2 wallets, and the test
    /// vectors in the NEP-2 text).
    ///
    /// # Errors
    /// [`Nep2Error::WrongPassword`].
    pub fn decrypt_neo2(&self, password: &str, params: ScryptParams) -> Result<PrivateKey, Nep2Error> {
        self.decrypt_with(password, params, neo2_address)
    }
}

impl fmt::Display for Nep2Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&base58::encode_check(&self.0))
    }
}

impl fmt::Debug for Nep2Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nep2Key({self})")
    }
}

impl FromStr for Nep2Key {
    type Err = Nep2Error;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let payload = base58::decode_check(text.trim(), 39).map_err(|e| match e {
            Base58Error::Alphabet => Nep2Error::NotBase58,
            Base58Error::Length(found) => Nep2Error::Length { found },
            Base58Error::Checksum => Nep2Error::BadChecksum,
        })?;
        if payload[..3] != [0x01, 0x42, 0xe0] {
            return Err(Nep2Error::Prefix);
        }
        let mut out = [0u8; 39];
        out.copy_from_slice(&payload);
        Ok(Self(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_bounded() {
        assert!(ScryptParams::new(16384, 8, 8).is_ok());
        assert_eq!(ScryptParams::new(16384, 8, 8).unwrap(), ScryptParams::DEFAULT);
        for (n, r, p) in [
            (1000, 8, 8),
            (1 << 21, 1, 1),
            (16384, 0, 8),
            (16384, 8, 9),
            (1 << 20, 4, 1),
            (0, 1, 1),
        ] {
            assert_eq!(
                ScryptParams::new(n, r, p),
                Err(Nep2Error::ScryptParams { n, r, p }),
                "{n} {r} {p}"
            );
        }
    }

    #[test]
    fn round_trip_cheap_params_and_wrong_password() {
        let params = ScryptParams::new(256, 1, 1).unwrap();
        let key =
            PrivateKey::from_hex("3edee7036b8fd9cef91de47386b191dd76db2888a553e7736bb02808932a915b").unwrap();
        let record = Nep2Key::encrypt(&key, "pässword", params);
        let text = record.to_string();
        assert!(text.starts_with("6P") && text.len() == 58, "{text}");
        let parsed: Nep2Key = text.parse().unwrap();
        assert!(parsed.is_for_address(&key.public_key().address()));
        // NFC: a decomposed ä opens what a composed ä sealed.
        let opened = parsed.decrypt("pa\u{308}ssword", params).unwrap();
        assert_eq!(*opened.to_bytes(), *key.to_bytes());
        assert_eq!(
            parsed.decrypt("password", params).unwrap_err(),
            Nep2Error::WrongPassword
        );
        assert_eq!(
            parsed.decrypt_neo2("pässword", params).unwrap_err(),
            Nep2Error::WrongPassword
        );
        assert_eq!(Nep2Error::WrongPassword.to_string(), "wrong password");
    }

    #[test]
    fn parse_errors() {
        assert_eq!(
            "L1QqQJnpBwbsPGAuutuzPTac8piqvbR1HRjrY5qHup48TBCBFe4g".parse::<Nep2Key>(),
            Err(Nep2Error::Length { found: 38 })
        );
        assert_eq!(
            "6PYUUUFei9PBBfVkSn8q7hFCnewWFRBKPxcn6Kz6Bmk3FqWyLyuTQE2XFJ".parse::<Nep2Key>(),
            Err(Nep2Error::BadChecksum)
        );
    }
}
