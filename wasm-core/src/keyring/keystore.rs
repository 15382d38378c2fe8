//! Ethereum keystore files (Web3 Secret Storage, version 3): the JSON that geth, MetaMask and
//! MyEtherWallet export, decrypted with its password to a secp256k1 private key.
//!
//! The key is derived from the password with scrypt or PBKDF2-HMAC-SHA256 (parameters from
//! the file), the MAC Keccak-256(DK[16..32] ‖ ciphertext) is checked in constant time, and
//! the ciphertext is decrypted with AES-128-CTR under DK[0..16].
//!
//! The KDF parameters come from an untrusted file, so they are bounded before any work is
//! done: scrypt N ≤ 2^20, r·p ≤ 64 and at most 256 MiB of scrypt memory (128·N·r bytes);
//! PBKDF2 at most 10,000,000 rounds. geth's "standard" scrypt (N = 2^18, r = 8, p = 1, 256 MiB)
//! and "light" scrypt (N = 2^12, r = 8, p = 6) both fit.
//!
//! The password is used as its UTF-8 bytes, unnormalised, as geth and MetaMask do.
//!
//! Spec: <https://ethereum.org/en/developers/docs/data-structures-and-encoding/web3-secret-storage/>

use aes::cipher::{KeyIvInit, StreamCipher};
use serde_json::{Map, Value};
use sha2::Sha256;
use sha3::{Digest, Keccak256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::imported::Secp256k1Secret;

/// The largest scrypt N accepted.
pub const MAX_SCRYPT_N: u64 = 1 << 20;
/// The largest scrypt r·p accepted (the work multiplier beyond N).
pub const MAX_SCRYPT_R_TIMES_P: u64 = 64;
/// The most memory scrypt may use, 128·N·r bytes: 256 MiB.
pub const MAX_SCRYPT_MEMORY: u64 = 256 << 20;
/// The most PBKDF2 rounds accepted.
pub const MAX_PBKDF2_ROUNDS: u64 = 10_000_000;

/// Why a keystore could not be decrypted. A wrong password is always
/// [`KeystoreError::WrongPassword`]; every other variant means the file itself is unusable.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeystoreError {
    /// The text is not JSON.
    #[error("the keystore is not valid JSON (line {line}, column {column})")]
    NotJson {
        /// Line of the syntax error.
        line: usize,
        /// Column of the syntax error.
        column: usize,
    },
    /// A required field is missing.
    #[error("the keystore has no `{field}` field")]
    MissingField {
        /// The field's path, like `crypto.kdfparams.salt`.
        field: &'static str,
    },
    /// A field has the wrong type, is not hex, or has the wrong length.
    #[error("the keystore's `{field}` field is malformed")]
    InvalidField {
        /// The field's path, like `crypto.cipherparams.iv`.
        field: &'static str,
    },
    /// The keystore is not version 3.
    #[error("keystore version {version} is not supported (only version 3 is)")]
    UnsupportedVersion {
        /// The version in the file.
        version: u64,
    },
    /// The key derivation function is neither `scrypt` nor `pbkdf2`.
    #[error("keystore kdf \"{kdf}\" is not supported (only scrypt and pbkdf2 are)")]
    UnsupportedKdf {
        /// The kdf named in the file (at most 64 characters of it).
        kdf: String,
    },
    /// The PBKDF2 pseudo-random function is not `hmac-sha256`.
    #[error("keystore pbkdf2 prf \"{prf}\" is not supported (only hmac-sha256 is)")]
    UnsupportedPrf {
        /// The prf named in the file (at most 64 characters of it).
        prf: String,
    },
    /// The cipher is not `aes-128-ctr`.
    #[error("keystore cipher \"{cipher}\" is not supported (only aes-128-ctr is)")]
    UnsupportedCipher {
        /// The cipher named in the file (at most 64 characters of it).
        cipher: String,
    },
    /// The derived key length is not 32 bytes.
    #[error("keystore dklen {dklen} is not supported (only 32 is)")]
    UnsupportedDklen {
        /// The dklen in the file.
        dklen: u64,
    },
    /// scrypt N is not a power of two from 2 to 2^20.
    #[error("scrypt n must be a power of two from 2 to 2^20, found {n}")]
    ScryptN {
        /// N from the file.
        n: u64,
    },
    /// scrypt r or p is zero, or r·p is more than 64.
    #[error("scrypt r and p must be at least 1 with r·p at most 64, found r = {r}, p = {p}")]
    ScryptRp {
        /// r from the file.
        r: u64,
        /// p from the file.
        p: u64,
    },
    /// scrypt would need more than 256 MiB (128·N·r bytes).
    #[error("scrypt with n = {n} and r = {r} needs more than 256 MiB of memory")]
    ScryptMemory {
        /// N from the file.
        n: u64,
        /// r from the file.
        r: u64,
    },
    /// The PBKDF2 round count is 0 or more than 10,000,000.
    #[error("pbkdf2 rounds must be 1 to 10,000,000, found {c}")]
    Pbkdf2Rounds {
        /// The round count from the file.
        c: u64,
    },
    /// The MAC does not match: the password is wrong (or the file was altered).
    #[error("wrong password")]
    WrongPassword,
    /// The MAC matches but the decrypted bytes are not a secp256k1 private key.
    #[error("the keystore does not hold a valid secp256k1 private key")]
    InvalidKey,
}

/// Decrypts a version 3 keystore with its password.
///
/// # Errors
/// [`KeystoreError::WrongPassword`] if the password is wrong; the other variants if the file
/// is malformed, uses an unsupported kdf, prf or cipher, or asks for out-of-bounds KDF work.
pub fn decrypt(json: &str, password: &str) -> Result<Secp256k1Secret, KeystoreError> {
    let keystore = Keystore::parse(json)?;
    let derived = keystore.kdf.derive(password.as_bytes(), &keystore.salt)?;

    let mut mac_input = Keccak256::new();
    mac_input.update(&derived[16..32]);
    mac_input.update(keystore.ciphertext);
    let mac = mac_input.finalize();
    if !bool::from(mac.as_slice().ct_eq(&keystore.mac)) {
        return Err(KeystoreError::WrongPassword);
    }

    let mut key = Zeroizing::new([0u8; 16]);
    key.copy_from_slice(&derived[..16]);
    let mut secret = Zeroizing::new(keystore.ciphertext);
    let mut cipher = ctr::Ctr128BE::<aes::Aes128>::new(&(*key).into(), &keystore.iv.into());
    cipher.apply_keystream(&mut *secret);
    Secp256k1Secret::from_bytes(&secret).map_err(|_| KeystoreError::InvalidKey)
}

/// The fields of a keystore that decryption uses, validated.
struct Keystore {
    kdf: Kdf,
    salt: Vec<u8>,
    iv: [u8; 16],
    ciphertext: [u8; 32],
    mac: [u8; 32],
}

enum Kdf {
    Scrypt { log_n: u8, r: u32, p: u32 },
    Pbkdf2 { rounds: u32 },
}

impl Kdf {
    fn derive(&self, password: &[u8], salt: &[u8]) -> Result<Zeroizing<[u8; 32]>, KeystoreError> {
        let mut derived = Zeroizing::new([0u8; 32]);
        match *self {
            Self::Scrypt { log_n, r, p } => {
                // The bounds were checked when parsing, so neither call can fail.
                let params =
                    scrypt::Params::new(log_n, r, p).map_err(|_| KeystoreError::ScryptN { n: 1 << log_n })?;
                scrypt::scrypt(password, salt, &params, &mut *derived)
                    .map_err(|_| KeystoreError::UnsupportedDklen { dklen: 32 })?;
            }
            Self::Pbkdf2 { rounds } => pbkdf2::pbkdf2_hmac::<Sha256>(password, salt, rounds, &mut *derived),
        }
        Ok(derived)
    }
}

impl Keystore {
    fn parse(json: &str) -> Result<Self, KeystoreError> {
        let doc: Value = serde_json::from_str(json).map_err(|e| KeystoreError::NotJson {
            line: e.line(),
            column: e.column(),
        })?;
        let root = doc
            .as_object()
            .ok_or(KeystoreError::InvalidField { field: "keystore" })?;

        let version = uint(root, "version", "version")?;
        if version != 3 {
            return Err(KeystoreError::UnsupportedVersion { version });
        }
        // geth wrote `Crypto` in early versions; both spellings are in the wild.
        let crypto = root
            .get("crypto")
            .or_else(|| root.get("Crypto"))
            .ok_or(KeystoreError::MissingField { field: "crypto" })?
            .as_object()
            .ok_or(KeystoreError::InvalidField { field: "crypto" })?;

        let cipher = text(crypto, "cipher", "crypto.cipher")?;
        if cipher != "aes-128-ctr" {
            return Err(KeystoreError::UnsupportedCipher { cipher: clip(cipher) });
        }
        let cipherparams = object(crypto, "cipherparams", "crypto.cipherparams")?;
        let iv = hex_array(cipherparams, "iv", "crypto.cipherparams.iv")?;
        let ciphertext = hex_array(crypto, "ciphertext", "crypto.ciphertext")?;
        let mac = hex_array(crypto, "mac", "crypto.mac")?;

        let kdf_name = text(crypto, "kdf", "crypto.kdf")?;
        let params = object(crypto, "kdfparams", "crypto.kdfparams")?;
        let kdf = match kdf_name {
            "scrypt" => scrypt_params(params)?,
            "pbkdf2" => pbkdf2_params(params)?,
            other => return Err(KeystoreError::UnsupportedKdf { kdf: clip(other) }),
        };
        let dklen = uint(params, "dklen", "crypto.kdfparams.dklen")?;
        if dklen != 32 {
            return Err(KeystoreError::UnsupportedDklen { dklen });
        }
        let salt_hex = text(params, "salt", "crypto.kdfparams.salt")?;
        let salt = hex::decode(salt_hex).map_err(|_| KeystoreError::InvalidField {
            field: "crypto.kdfparams.salt",
        })?;

        Ok(Self {
            kdf,
            salt,
            iv,
            ciphertext,
            mac,
        })
    }
}

fn scrypt_params(params: &Map<String, Value>) -> Result<Kdf, KeystoreError> {
    let n = uint(params, "n", "crypto.kdfparams.n")?;
    let r = uint(params, "r", "crypto.kdfparams.r")?;
    let p = uint(params, "p", "crypto.kdfparams.p")?;
    if !n.is_power_of_two() || !(2..=MAX_SCRYPT_N).contains(&n) {
        return Err(KeystoreError::ScryptN { n });
    }
    if r == 0 || p == 0 || r.checked_mul(p).is_none_or(|rp| rp > MAX_SCRYPT_R_TIMES_P) {
        return Err(KeystoreError::ScryptRp { r, p });
    }
    if n.checked_mul(r)
        .and_then(|nr| nr.checked_mul(128))
        .is_none_or(|bytes| bytes > MAX_SCRYPT_MEMORY)
    {
        return Err(KeystoreError::ScryptMemory { n, r });
    }
    let log_n = u8::try_from(n.trailing_zeros()).map_err(|_| KeystoreError::ScryptN { n })?;
    let r32 = u32::try_from(r).map_err(|_| KeystoreError::ScryptRp { r, p })?;
    let p32 = u32::try_from(p).map_err(|_| KeystoreError::ScryptRp { r, p })?;
    Ok(Kdf::Scrypt {
        log_n,
        r: r32,
        p: p32,
    })
}

fn pbkdf2_params(params: &Map<String, Value>) -> Result<Kdf, KeystoreError> {
    let prf = text(params, "prf", "crypto.kdfparams.prf")?;
    if prf != "hmac-sha256" {
        return Err(KeystoreError::UnsupportedPrf { prf: clip(prf) });
    }
    let c = uint(params, "c", "crypto.kdfparams.c")?;
    if !(1..=MAX_PBKDF2_ROUNDS).contains(&c) {
        return Err(KeystoreError::Pbkdf2Rounds { c });
    }
    let rounds = u32::try_from(c).map_err(|_| KeystoreError::Pbkdf2Rounds { c })?;
    Ok(Kdf::Pbkdf2 { rounds })
}

fn get<'a>(
    object: &'a Map<String, Value>,
    key: &str,
    field: &'static str,
) -> Result<&'a Value, KeystoreError> {
    object.get(key).ok_or(KeystoreError::MissingField { field })
}

fn object<'a>(
    parent: &'a Map<String, Value>,
    key: &str,
    field: &'static str,
) -> Result<&'a Map<String, Value>, KeystoreError> {
    get(parent, key, field)?
        .as_object()
        .ok_or(KeystoreError::InvalidField { field })
}

fn text<'a>(
    object: &'a Map<String, Value>,
    key: &str,
    field: &'static str,
) -> Result<&'a str, KeystoreError> {
    get(object, key, field)?
        .as_str()
        .ok_or(KeystoreError::InvalidField { field })
}

fn uint(object: &Map<String, Value>, key: &str, field: &'static str) -> Result<u64, KeystoreError> {
    get(object, key, field)?
        .as_u64()
        .ok_or(KeystoreError::InvalidField { field })
}

fn hex_array<const N: usize>(
    object: &Map<String, Value>,
    key: &str,
    field: &'static str,
) -> Result<[u8; N], KeystoreError> {
    let mut out = [0u8; N];
    hex::decode_to_slice(text(object, key, field)?, &mut out)
        .map_err(|_| KeystoreError::InvalidField { field })?;
    Ok(out)
}

/// A name from the file, cut to 64 characters for an error message.
fn clip(name: &str) -> String {
    name.chars().take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keyring::secret_hex::encode as hex_secret;

    const VECTORS: &str = include_str!("../../../testdata/keyring/keystore_v3.json");

    fn vector(name: &str) -> (String, String, String) {
        let doc: Value = serde_json::from_str(VECTORS).unwrap();
        let case = &doc["tests"][name];
        (
            case["json"].to_string(),
            case["password"].as_str().unwrap().to_owned(),
            case["priv"].as_str().unwrap().to_owned(),
        )
    }

    #[test]
    fn ethereum_tests_vectors() {
        for name in [
            "test1",
            "test2",
            "python_generated_test_with_odd_iv",
            "evilnonce",
            "mycrypto",
        ] {
            let (json, password, private) = vector(name);
            let secret = decrypt(&json, &password).unwrap();
            assert_eq!(*secret.to_hex(), private, "{name}");
        }
    }

    #[test]
    fn wrong_password() {
        let (json, _, _) = vector("test1");
        assert_eq!(
            decrypt(&json, "testpassword!").unwrap_err(),
            KeystoreError::WrongPassword
        );
        let small = encrypt_for_test(&[7; 32], "right", "pbkdf2", 1);
        assert_eq!(
            decrypt(&small, "wrong").unwrap_err(),
            KeystoreError::WrongPassword
        );
        assert_eq!(decrypt(&small, "").unwrap_err(), KeystoreError::WrongPassword);
        assert_eq!(KeystoreError::WrongPassword.to_string(), "wrong password");
    }

    /// Builds a keystore with cheap KDF parameters, so error cases stay fast.
    fn encrypt_for_test(secret: &[u8; 32], password: &str, kdf: &str, cost: u64) -> String {
        let salt = [0x5a; 32];
        let iv = [0x11; 16];
        let (derived, params) = match kdf {
            "pbkdf2" => {
                let rounds = u32::try_from(cost).unwrap();
                let derived = Kdf::Pbkdf2 { rounds }.derive(password.as_bytes(), &salt).unwrap();
                let params = serde_json::json!({"c": cost, "dklen": 32, "prf": "hmac-sha256", "salt": hex::encode(salt)});
                (derived, params)
            }
            _ => {
                let log_n = u8::try_from(cost.trailing_zeros()).unwrap();
                let derived = Kdf::Scrypt { log_n, r: 8, p: 1 }
                    .derive(password.as_bytes(), &salt)
                    .unwrap();
                let params =
                    serde_json::json!({"n": cost, "r": 8, "p": 1, "dklen": 32, "salt": hex::encode(salt)});
                (derived, params)
            }
        };
        let mut ciphertext = *secret;
        let mut cipher = ctr::Ctr128BE::<aes::Aes128>::new(derived[..16].try_into().unwrap(), &iv.into());
        cipher.apply_keystream(&mut ciphertext);
        let mut mac = Keccak256::new();
        mac.update(&derived[16..]);
        mac.update(ciphertext);
        serde_json::json!({
            "version": 3,
            "id": "00000000-0000-4000-8000-000000000000",
            "crypto": {
                "cipher": "aes-128-ctr",
                "cipherparams": {"iv": hex::encode(iv)},
                "ciphertext": *hex_secret(&ciphertext),
                "kdf": kdf,
                "kdfparams": params,
                "mac": hex::encode(mac.finalize()),
            }
        })
        .to_string()
    }

    /// Edits a field of a JSON document given as text.
    fn edit(json: &str, change: impl FnOnce(&mut Value)) -> String {
        let mut doc: Value = serde_json::from_str(json).unwrap();
        change(&mut doc);
        doc.to_string()
    }

    #[test]
    fn round_trips_with_cheap_parameters() {
        let key = [0x42; 32];
        for (kdf, cost) in [("pbkdf2", 1), ("pbkdf2", 1000), ("scrypt", 2), ("scrypt", 1024)] {
            let json = encrypt_for_test(&key, "pässword", kdf, cost);
            assert_eq!(
                *decrypt(&json, "pässword").unwrap().to_bytes(),
                key,
                "{kdf} {cost}"
            );
        }
        // The capitalised `Crypto` of early geth files.
        let json = encrypt_for_test(&key, "pw", "pbkdf2", 1).replace("\"crypto\"", "\"Crypto\"");
        assert_eq!(*decrypt(&json, "pw").unwrap().to_bytes(), key);
    }

    #[test]
    fn malformed_files() {
        let good = encrypt_for_test(&[1; 32], "pw", "pbkdf2", 1);
        assert!(matches!(
            decrypt("{\"version\": 3,", "pw").unwrap_err(),
            KeystoreError::NotJson { line: 1, .. }
        ));
        assert!(matches!(
            decrypt("", "pw").unwrap_err(),
            KeystoreError::NotJson { .. }
        ));
        assert_eq!(
            decrypt("[]", "pw").unwrap_err(),
            KeystoreError::InvalidField { field: "keystore" }
        );
        let cases: Vec<(String, KeystoreError)> = vec![
            (
                edit(&good, |d| {
                    d.as_object_mut().unwrap().remove("version");
                }),
                KeystoreError::MissingField { field: "version" },
            ),
            (
                edit(&good, |d| d["version"] = "3".into()),
                KeystoreError::InvalidField { field: "version" },
            ),
            (
                edit(&good, |d| d["version"] = 1.into()),
                KeystoreError::UnsupportedVersion { version: 1 },
            ),
            (
                edit(&good, |d| {
                    d.as_object_mut().unwrap().remove("crypto");
                }),
                KeystoreError::MissingField { field: "crypto" },
            ),
            (
                edit(&good, |d| d["crypto"] = 5.into()),
                KeystoreError::InvalidField { field: "crypto" },
            ),
            (
                edit(&good, |d| {
                    d["crypto"].as_object_mut().unwrap().remove("mac");
                }),
                KeystoreError::MissingField { field: "crypto.mac" },
            ),
            (
                edit(&good, |d| d["crypto"]["mac"] = "zz".into()),
                KeystoreError::InvalidField { field: "crypto.mac" },
            ),
            (
                edit(&good, |d| d["crypto"]["ciphertext"] = "00".repeat(31).into()),
                KeystoreError::InvalidField {
                    field: "crypto.ciphertext",
                },
            ),
            (
                edit(&good, |d| {
                    d["crypto"]["cipherparams"]["iv"] = "00".repeat(12).into()
                }),
                KeystoreError::InvalidField {
                    field: "crypto.cipherparams.iv",
                },
            ),
            (
                edit(&good, |d| d["crypto"]["cipherparams"] = "iv".into()),
                KeystoreError::InvalidField {
                    field: "crypto.cipherparams",
                },
            ),
            (
                edit(&good, |d| d["crypto"]["kdfparams"]["salt"] = "xyz".into()),
                KeystoreError::InvalidField {
                    field: "crypto.kdfparams.salt",
                },
            ),
            (
                edit(&good, |d| {
                    d["crypto"]["kdfparams"].as_object_mut().unwrap().remove("c");
                }),
                KeystoreError::MissingField {
                    field: "crypto.kdfparams.c",
                },
            ),
            (
                edit(&good, |d| d["crypto"]["kdfparams"]["c"] = (-1).into()),
                KeystoreError::InvalidField {
                    field: "crypto.kdfparams.c",
                },
            ),
        ];
        for (json, error) in cases {
            assert_eq!(decrypt(&json, "pw").unwrap_err(), error, "{json}");
        }
    }

    #[test]
    fn unsupported_algorithms() {
        let good = encrypt_for_test(&[1; 32], "pw", "pbkdf2", 1);
        let cases: Vec<(String, KeystoreError)> = vec![
            (
                edit(&good, |d| d["crypto"]["kdf"] = "argon2id".into()),
                KeystoreError::UnsupportedKdf {
                    kdf: "argon2id".into(),
                },
            ),
            (
                edit(&good, |d| d["crypto"]["kdf"] = "k".repeat(100).into()),
                KeystoreError::UnsupportedKdf { kdf: "k".repeat(64) },
            ),
            (
                edit(&good, |d| d["crypto"]["cipher"] = "aes-128-cbc".into()),
                KeystoreError::UnsupportedCipher {
                    cipher: "aes-128-cbc".into(),
                },
            ),
            (
                edit(&good, |d| d["crypto"]["kdfparams"]["prf"] = "hmac-sha512".into()),
                KeystoreError::UnsupportedPrf {
                    prf: "hmac-sha512".into(),
                },
            ),
            (
                edit(&good, |d| d["crypto"]["kdfparams"]["dklen"] = 64.into()),
                KeystoreError::UnsupportedDklen { dklen: 64 },
            ),
        ];
        for (json, error) in cases {
            assert_eq!(decrypt(&json, "pw").unwrap_err(), error, "{json}");
        }
    }

    #[test]
    fn absurd_kdf_parameters_are_refused_before_any_work() {
        let scrypt = encrypt_for_test(&[1; 32], "pw", "scrypt", 2);
        let pbkdf2 = encrypt_for_test(&[1; 32], "pw", "pbkdf2", 1);
        let set =
            |json: &str, key: &str, value: u64| edit(json, |d| d["crypto"]["kdfparams"][key] = value.into());
        let cases = [
            (set(&scrypt, "n", 1 << 21), KeystoreError::ScryptN { n: 1 << 21 }),
            (set(&scrypt, "n", 1 << 40), KeystoreError::ScryptN { n: 1 << 40 }),
            (set(&scrypt, "n", 1000), KeystoreError::ScryptN { n: 1000 }),
            (set(&scrypt, "n", 1), KeystoreError::ScryptN { n: 1 }),
            (set(&scrypt, "n", 0), KeystoreError::ScryptN { n: 0 }),
            (set(&scrypt, "r", 0), KeystoreError::ScryptRp { r: 0, p: 1 }),
            (set(&scrypt, "p", 0), KeystoreError::ScryptRp { r: 8, p: 0 }),
            (set(&scrypt, "p", 9), KeystoreError::ScryptRp { r: 8, p: 9 }),
            (
                set(&scrypt, "p", u64::MAX),
                KeystoreError::ScryptRp { r: 8, p: u64::MAX },
            ),
            // N = 2^20 with r = 8 would need 1 GiB.
            (
                set(&set(&scrypt, "n", 1 << 20), "r", 8),
                KeystoreError::ScryptMemory { n: 1 << 20, r: 8 },
            ),
            (set(&pbkdf2, "c", 0), KeystoreError::Pbkdf2Rounds { c: 0 }),
            (
                set(&pbkdf2, "c", 10_000_001),
                KeystoreError::Pbkdf2Rounds { c: 10_000_001 },
            ),
        ];
        for (json, error) in cases {
            assert_eq!(decrypt(&json, "pw").unwrap_err(), error, "{json}");
        }
        // geth's light and standard scrypt parameters pass the bounds.
        for (n, r, p) in [(1u64 << 12, 8u64, 6u64), (1 << 18, 8, 1), (1 << 20, 2, 1)] {
            let mut params = Map::new();
            params.insert("n".into(), n.into());
            params.insert("r".into(), r.into());
            params.insert("p".into(), p.into());
            assert!(scrypt_params(&params).is_ok(), "{n} {r} {p}");
        }
    }

    #[test]
    fn a_valid_mac_over_a_non_key_is_refused() {
        // Zero is not a private key; n is not either.
        let zero = encrypt_for_test(&[0; 32], "pw", "pbkdf2", 1);
        assert_eq!(decrypt(&zero, "pw").unwrap_err(), KeystoreError::InvalidKey);
        let over = encrypt_for_test(&[0xff; 32], "pw", "pbkdf2", 1);
        assert_eq!(decrypt(&over, "pw").unwrap_err(), KeystoreError::InvalidKey);
    }
}
