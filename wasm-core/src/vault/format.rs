//! The stored vault document (format version 1) and its encryption.
//!
//! ```json
//! {"version":1,
//!  "kdf":{"alg":"argon2id","m":65536,"t":3,"p":1,"salt":"<base64, 16–64 bytes>"},
//!  "cipher":{"alg":"aes-256-gcm","nonce":"<base64, 12 bytes>"},
//!  "ciphertext":"<base64: AES-256-GCM ciphertext followed by its 16-byte tag>"}
//! ```
//!
//! `m` is in KiB; base64 is the standard alphabet with padding (RFC 4648 §4), and only the
//! canonical encoding of each byte string is accepted.
//!
//! # The header is authenticated
//! The associated data of AES-GCM is the *canonical header*: the UTF-8 bytes of
//!
//! ```text
//! {"version":1,"kdf":{"alg":"argon2id","m":M,"t":T,"p":P,"salt":"SALT"},"cipher":{"alg":"aes-256-gcm","nonce":"NONCE"}}
//! ```
//!
//! with exactly that key order, no whitespace, `M`, `T`, `P` in decimal without leading zeros,
//! and `SALT`, `NONCE` canonical padded base64. It is recomputed from the parsed values, so
//! re-indenting or reordering a stored file does not matter, while changing any parameter,
//! the salt or the nonce makes decryption fail. ([`VaultFile::to_json`] writes the canonical
//! header followed by `,"ciphertext":"…"}`.)
//!
//! # Versions
//! [`migrate`] is the only entry point from text and the one place where versions are
//! upgraded; see its documentation for how version 2 will slot in.
//!
//! AES-GCM: [NIST SP 800-38D](https://csrc.nist.gov/pubs/sp/800/38/d/final); base64:
//! [RFC 4648](https://www.rfc-editor.org/rfc/rfc4648).

use aes_gcm::AeadInOut;
use aes_gcm::aead::Nonce;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Deserialize;
use serde_json::Value;
use zeroize::Zeroizing;

use super::VaultError;
use super::kdf::{KdfParams, VaultKey};

/// The format version this build writes (and the newest it reads).
pub const CURRENT_VERSION: u32 = 1;
/// The `kdf.alg` value.
pub const KDF_ALG: &str = "argon2id";
/// The `cipher.alg` value.
pub const CIPHER_ALG: &str = "aes-256-gcm";
/// The AES-GCM nonce length in bytes.
pub const NONCE_LEN: usize = 12;
/// The AES-GCM tag length in bytes (the tag ends the ciphertext).
pub const TAG_LEN: usize = 16;

/// The format versions this build reads. The version a file was *stored* in decides how its
/// header is authenticated, so it is kept after parsing; [`seal`] always writes the current one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FormatVersion {
    V1,
}

impl FormatVersion {
    fn number(self) -> u32 {
        match self {
            Self::V1 => 1,
        }
    }
}

/// A parsed vault document. It holds only public data (parameters, nonce, ciphertext).
///
/// Construct it with [`seal`] or [`VaultFile::parse`]; every instance passed validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VaultFile {
    version: FormatVersion,
    kdf: KdfParams,
    nonce: [u8; NONCE_LEN],
    ciphertext: Vec<u8>,
}

impl VaultFile {
    /// Parses a stored vault document of any supported version (see [`migrate`]).
    ///
    /// # Errors
    /// As [`migrate`].
    pub fn parse(json: &str) -> Result<Self, VaultError> {
        migrate(json)
    }

    /// Serializes the document (compact JSON, the canonical header first).
    pub fn to_json(&self) -> String {
        let mut json = self.header_json();
        json.pop(); // the header's closing brace
        json.push_str(",\"ciphertext\":\"");
        BASE64.encode_string(&self.ciphertext, &mut json);
        json.push_str("\"}");
        json
    }

    /// The format version the document is stored in.
    pub fn version(&self) -> u32 {
        self.version.number()
    }

    /// The argon2id parameters a password must be derived with to open it.
    pub fn kdf(&self) -> &KdfParams {
        &self.kdf
    }

    /// The AES-GCM nonce.
    pub fn nonce(&self) -> &[u8; NONCE_LEN] {
        &self.nonce
    }

    /// The ciphertext, tag included.
    pub fn ciphertext(&self) -> &[u8] {
        &self.ciphertext
    }

    /// The bytes bound to the ciphertext as AES-GCM associated data: the canonical header
    /// described in the [module documentation](self).
    pub fn associated_data(&self) -> Vec<u8> {
        self.header_json().into_bytes()
    }

    fn header_json(&self) -> String {
        match self.version {
            FormatVersion::V1 => format!(
                "{{\"version\":1,\"kdf\":{{\"alg\":\"{KDF_ALG}\",\"m\":{},\"t\":{},\"p\":{},\"salt\":\"{}\"}},\
                 \"cipher\":{{\"alg\":\"{CIPHER_ALG}\",\"nonce\":\"{}\"}}}}",
                self.kdf.m_kib(),
                self.kdf.t(),
                self.kdf.p(),
                BASE64.encode(self.kdf.salt()),
                BASE64.encode(self.nonce),
            ),
        }
    }
}

/// Encrypts `plaintext` under `key` into a current-version vault document, with a fresh
/// random nonce, recording `kdf` in the header.
///
/// `key` must be [`derive`](super::derive)`(password, kdf)`: the header is how the password
/// will be turned back into the key.
///
/// # Errors
/// [`VaultError::Random`] when no nonce can be drawn; [`VaultError::TooLong`] for a plaintext
/// beyond AES-GCM's limit (64 GiB).
pub fn seal(plaintext: &[u8], key: &VaultKey, kdf: &KdfParams) -> Result<VaultFile, VaultError> {
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::fill(&mut nonce).map_err(|_| VaultError::Random)?;
    seal_with_nonce(plaintext, key, kdf, nonce)
}

pub(crate) fn seal_with_nonce(
    plaintext: &[u8],
    key: &VaultKey,
    kdf: &KdfParams,
    nonce: [u8; NONCE_LEN],
) -> Result<VaultFile, VaultError> {
    let mut file = VaultFile {
        version: FormatVersion::V1,
        kdf: kdf.clone(),
        nonce,
        ciphertext: Vec::new(),
    };
    let associated_data = file.associated_data();
    // Room for the tag up front, so that encrypting in place never reallocates and leaves a
    // copy of the plaintext behind.
    let mut buffer = Zeroizing::new(Vec::new());
    buffer
        .try_reserve_exact(plaintext.len().saturating_add(TAG_LEN))
        .map_err(|_| VaultError::TooLong)?;
    buffer.extend_from_slice(plaintext);
    key.cipher()
        .encrypt_in_place(
            &Nonce::<aes_gcm::Aes256Gcm>::from(nonce),
            &associated_data,
            &mut *buffer,
        )
        .map_err(|_| VaultError::TooLong)?;
    file.ciphertext = core::mem::take(&mut *buffer);
    Ok(file)
}

/// Decrypts a vault document with `key`.
///
/// # Errors
/// [`VaultError::Decrypt`], and only that, whatever was wrong: the key, any header value, the
/// nonce, the ciphertext or the tag, or a ciphertext too short to hold a tag.
pub fn open(file: &VaultFile, key: &VaultKey) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    if file.ciphertext.len() < TAG_LEN {
        return Err(VaultError::Decrypt);
    }
    let associated_data = file.associated_data();
    let mut buffer = Zeroizing::new(file.ciphertext.clone());
    key.cipher()
        .decrypt_in_place(
            &Nonce::<aes_gcm::Aes256Gcm>::from(file.nonce),
            &associated_data,
            &mut *buffer,
        )
        .map_err(|_| VaultError::Decrypt)?;
    Ok(buffer)
}

/// Reads a stored vault document of any supported version and brings it to the in-memory
/// form of the current version. This is the one place where format versions are upgraded.
///
/// Version 1 is current, so today this validates and converts. A later version 2 adds a
/// `v2` wire module and one step: `1 => v1::decode(value).map(upgrade_v1_to_v2)`,
/// `2 => v2::decode(value)`. Upgrades only ever touch the in-memory form: a file keeps the
/// format version it was stored in, because that decides its authenticated header, and is
/// rewritten in the new version the next time it is sealed.
///
/// # Errors
/// - [`VaultError::UnsupportedVersion`] for a version this build does not know (a newer one);
/// - [`VaultError::Malformed`] for text that is not a vault document;
/// - [`VaultError::KdfParam`] for KDF parameters outside the accepted range.
pub fn migrate(json: &str) -> Result<VaultFile, VaultError> {
    let value: Value = serde_json::from_str(json).map_err(|_| VaultError::Malformed {
        what: "vault is not JSON",
    })?;
    migrate_value(value)
}

/// [`migrate`] for a document already parsed as JSON (a vault nested in a slot or a backup).
pub(crate) fn migrate_value(value: Value) -> Result<VaultFile, VaultError> {
    let version = value
        .get("version")
        .ok_or(VaultError::Malformed {
            what: "vault has no version",
        })?
        .as_u64()
        .ok_or(VaultError::Malformed {
            what: "vault version is not a whole number",
        })?;
    match version {
        1 => v1::decode(value),
        found => Err(VaultError::UnsupportedVersion {
            found,
            supported: CURRENT_VERSION,
        }),
    }
}

/// Format version 1 on the wire.
mod v1 {
    use super::*;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Wire {
        #[allow(dead_code, reason = "checked by migrate_value before this is parsed")]
        version: u32,
        kdf: KdfWire,
        cipher: CipherWire,
        ciphertext: String,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct KdfWire {
        alg: String,
        m: u32,
        t: u32,
        p: u32,
        salt: String,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct CipherWire {
        alg: String,
        nonce: String,
    }

    pub(super) fn decode(value: Value) -> Result<VaultFile, VaultError> {
        let wire: Wire = serde_json::from_value(value).map_err(|_| VaultError::Malformed {
            what: "vault does not match format version 1",
        })?;
        if wire.kdf.alg != KDF_ALG {
            return Err(VaultError::Malformed {
                what: "vault kdf.alg is not argon2id",
            });
        }
        if wire.cipher.alg != CIPHER_ALG {
            return Err(VaultError::Malformed {
                what: "vault cipher.alg is not aes-256-gcm",
            });
        }
        let salt = BASE64.decode(&wire.kdf.salt).map_err(|_| VaultError::Malformed {
            what: "vault salt is not base64",
        })?;
        let kdf = KdfParams::new(wire.kdf.m, wire.kdf.t, wire.kdf.p, salt)?;
        let nonce = BASE64
            .decode(&wire.cipher.nonce)
            .map_err(|_| VaultError::Malformed {
                what: "vault nonce is not base64",
            })?
            .try_into()
            .map_err(|_| VaultError::Malformed {
                what: "vault nonce is not 12 bytes",
            })?;
        // A ciphertext shorter than a tag parses: opening it fails with the same opaque error
        // as any other damage.
        let ciphertext = BASE64
            .decode(&wire.ciphertext)
            .map_err(|_| VaultError::Malformed {
                what: "vault ciphertext is not base64",
            })?;
        Ok(VaultFile {
            version: FormatVersion::V1,
            kdf,
            nonce,
            ciphertext,
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::vault::derive;

    /// A vault document produced by this implementation, pinned so the format and its
    /// authenticated header cannot drift unnoticed.
    const EXAMPLE: &str = include_str!("../../../testdata/vault/vault-v1-example.json");

    fn params(salt: &[u8]) -> KdfParams {
        KdfParams::new(
            KdfParams::MIN_M_KIB,
            KdfParams::MIN_T,
            KdfParams::MIN_P,
            salt.to_vec(),
        )
        .unwrap()
    }

    fn key(byte: u8) -> VaultKey {
        VaultKey::from_bytes(&[byte; 32]).unwrap()
    }

    #[test]
    fn example_vector_reproduces() {
        let doc: Value = serde_json::from_str(EXAMPLE).unwrap();
        let v = &doc["vector"];
        let hex_field = |name: &str| hex::decode(v[name].as_str().unwrap()).unwrap();
        let params = KdfParams::new(
            u32::try_from(v["m_kib"].as_u64().unwrap()).unwrap(),
            u32::try_from(v["t"].as_u64().unwrap()).unwrap(),
            u32::try_from(v["p"].as_u64().unwrap()).unwrap(),
            hex_field("salt"),
        )
        .unwrap();
        let key = derive(v["password"].as_str().unwrap().as_bytes(), &params).unwrap();
        assert_eq!(hex::encode(&key.to_bytes()[..]), v["key"].as_str().unwrap());
        let nonce: [u8; 12] = hex_field("nonce").try_into().unwrap();
        let plaintext = v["plaintext"].as_str().unwrap().as_bytes();
        let file = seal_with_nonce(plaintext, &key, &params, nonce).unwrap();
        assert_eq!(
            String::from_utf8(file.associated_data()).unwrap(),
            v["associated_data"].as_str().unwrap()
        );
        assert_eq!(file.to_json(), v["file"].as_str().unwrap());
        let parsed = VaultFile::parse(v["file"].as_str().unwrap()).unwrap();
        assert_eq!(parsed, file);
        assert_eq!(&open(&parsed, &key).unwrap()[..], plaintext);
    }

    #[test]
    fn associated_data_is_the_canonical_header() {
        let file = seal_with_nonce(b"x", &key(1), &params(&[0; 16]), [0xff; 12]).unwrap();
        assert_eq!(
            String::from_utf8(file.associated_data()).unwrap(),
            r#"{"version":1,"kdf":{"alg":"argon2id","m":19456,"t":2,"p":1,"salt":"AAAAAAAAAAAAAAAAAAAAAA=="},"cipher":{"alg":"aes-256-gcm","nonce":"////////////////"}}"#
        );
        // The stored document is the canonical header with the ciphertext appended.
        let header = String::from_utf8(file.associated_data()).unwrap();
        assert!(file.to_json().starts_with(header.strip_suffix('}').unwrap()));
    }

    #[test]
    fn seal_open_and_text_round_trip() {
        let kdf = params(&[3; 16]);
        let file = seal(b"the mnemonic", &key(9), &kdf).unwrap();
        assert_eq!(file.version(), 1);
        assert_eq!(file.kdf(), &kdf);
        assert_eq!(file.ciphertext().len(), 12 + TAG_LEN);
        let parsed = VaultFile::parse(&file.to_json()).unwrap();
        assert_eq!(parsed, file);
        assert_eq!(&open(&parsed, &key(9)).unwrap()[..], b"the mnemonic");
    }

    #[test]
    fn every_seal_draws_a_fresh_nonce() {
        let kdf = params(&[3; 16]);
        let a = seal(b"same", &key(1), &kdf).unwrap();
        let b = seal(b"same", &key(1), &kdf).unwrap();
        assert_ne!(a.nonce(), b.nonce());
        assert_ne!(a.ciphertext(), b.ciphertext());
    }

    #[test]
    fn layout_does_not_matter_but_values_do() {
        let file = seal(b"secret", &key(2), &params(&[4; 16])).unwrap();
        let mut value: Value = serde_json::from_str(&file.to_json()).unwrap();
        // Re-indented, keys in another order: the same document.
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        assert_eq!(
            &open(&VaultFile::parse(&pretty).unwrap(), &key(2)).unwrap()[..],
            b"secret"
        );
        // Any header value changed within its valid range: the same opaque error.
        for (field, new) in [("m", 19457), ("t", 3), ("p", 2)] {
            let mut changed = value.clone();
            changed["kdf"][field] = new.into();
            let parsed = VaultFile::parse(&changed.to_string()).unwrap();
            assert_eq!(
                open(&parsed, &key(2)).unwrap_err(),
                VaultError::Decrypt,
                "{field}"
            );
        }
        value["ciphertext"] = BASE64.encode(&file.ciphertext()[..TAG_LEN - 1]).into();
        let truncated = VaultFile::parse(&value.to_string()).unwrap();
        assert_eq!(open(&truncated, &key(2)).unwrap_err(), VaultError::Decrypt);
    }

    #[test]
    fn versions_and_migration() {
        let file = seal(b"v1", &key(5), &params(&[6; 16])).unwrap();
        let json = file.to_json();
        // v1 is current: migration is the identity.
        assert_eq!(migrate(&json).unwrap(), file);
        assert_eq!(migrate(&migrate(&json).unwrap().to_json()).unwrap(), file);
        let mut value: Value = serde_json::from_str(&json).unwrap();
        for found in [0u64, 2, 99, u64::MAX] {
            value["version"] = found.into();
            assert_eq!(
                migrate(&value.to_string()).unwrap_err(),
                VaultError::UnsupportedVersion { found, supported: 1 }
            );
        }
        value["version"] = "1".into();
        assert_eq!(
            migrate(&value.to_string()).unwrap_err(),
            VaultError::Malformed {
                what: "vault version is not a whole number"
            }
        );
        value.as_object_mut().unwrap().remove("version");
        assert_eq!(
            migrate(&value.to_string()).unwrap_err(),
            VaultError::Malformed {
                what: "vault has no version"
            }
        );
    }

    #[test]
    fn malformed_documents_are_refused() {
        let file = seal(b"m", &key(5), &params(&[6; 16])).unwrap();
        let good: Value = serde_json::from_str(&file.to_json()).unwrap();
        type Change = Box<dyn Fn(&mut Value)>;
        let cases: Vec<(&str, Change)> = vec![
            ("unknown field", Box::new(|v| v["extra"] = 1.into())),
            ("kdf alg", Box::new(|v| v["kdf"]["alg"] = "scrypt".into())),
            (
                "cipher alg",
                Box::new(|v| v["cipher"]["alg"] = "chacha20-poly1305".into()),
            ),
            ("salt base64", Box::new(|v| v["kdf"]["salt"] = "***".into())),
            (
                "nonce length",
                Box::new(|v| v["cipher"]["nonce"] = BASE64.encode([0u8; 11]).into()),
            ),
            ("ciphertext base64", Box::new(|v| v["ciphertext"] = "a".into())),
            ("m type", Box::new(|v| v["kdf"]["m"] = "65536".into())),
            ("m float", Box::new(|v| v["kdf"]["m"] = 65536.5.into())),
            (
                "missing cipher",
                Box::new(|v| drop(v.as_object_mut().unwrap().remove("cipher"))),
            ),
        ];
        for (name, change) in cases {
            let mut v = good.clone();
            change(&mut v);
            assert!(
                matches!(
                    VaultFile::parse(&v.to_string()),
                    Err(VaultError::Malformed { .. })
                ),
                "{name}"
            );
        }
        // A hostile memory cost is refused before anything is allocated.
        let mut v = good.clone();
        v["kdf"]["m"] = 4_000_000.into();
        assert!(matches!(
            VaultFile::parse(&v.to_string()),
            Err(VaultError::KdfParam { param: "m_kib", .. })
        ));
        assert!(matches!(
            VaultFile::parse("not json"),
            Err(VaultError::Malformed { .. })
        ));
        assert!(matches!(
            VaultFile::parse("[1]"),
            Err(VaultError::Malformed { .. })
        ));
    }

    #[test]
    fn wrong_password_fails_opaquely() {
        let kdf = params(&[8; 16]);
        let file = seal(b"pt", &derive(b"right", &kdf).unwrap(), &kdf).unwrap();
        assert_eq!(
            open(&file, &derive(b"wrong", &kdf).unwrap()).unwrap_err(),
            VaultError::Decrypt
        );
    }

    /// The base64 fields of a serialized document, as (JSON pointer, decoded bytes).
    fn decoded_fields(json: &str) -> Vec<(&'static str, Vec<u8>)> {
        let v: Value = serde_json::from_str(json).unwrap();
        ["/kdf/salt", "/cipher/nonce", "/ciphertext"]
            .into_iter()
            .map(|p| (p, BASE64.decode(v.pointer(p).unwrap().as_str().unwrap()).unwrap()))
            .collect()
    }

    proptest! {
        #[test]
        fn round_trip(
            plaintext in proptest::collection::vec(any::<u8>(), 0..2048),
            key_bytes in any::<[u8; 32]>(),
            salt in proptest::collection::vec(any::<u8>(), 16..=64),
        ) {
            let key = VaultKey::from_bytes(&key_bytes).unwrap();
            let file = seal(&plaintext, &key, &params(&salt)).unwrap();
            let parsed = VaultFile::parse(&file.to_json()).unwrap();
            prop_assert_eq!(&open(&parsed, &key).unwrap()[..], &plaintext[..]);
        }

        #[test]
        fn any_other_key_fails_opaquely(
            plaintext in proptest::collection::vec(any::<u8>(), 0..256),
            key_bytes in any::<[u8; 32]>(),
            other_bytes in any::<[u8; 32]>(),
        ) {
            prop_assume!(key_bytes != other_bytes);
            let file = seal(&plaintext, &VaultKey::from_bytes(&key_bytes).unwrap(), &params(&[1; 16])).unwrap();
            let err = open(&file, &VaultKey::from_bytes(&other_bytes).unwrap()).unwrap_err();
            prop_assert_eq!(err.to_string(), "wrong password or damaged vault");
            prop_assert_eq!(err, VaultError::Decrypt);
        }

        /// Flips bits of one byte at any decoded position of the serialized file (salt, nonce,
        /// ciphertext, tag), re-encodes it, and expects the one opaque error.
        #[test]
        fn any_tampered_byte_fails_opaquely(
            plaintext in proptest::collection::vec(any::<u8>(), 0..256),
            field in 0usize..3,
            position in any::<prop::sample::Index>(),
            flip in 1u8..=255,
        ) {
            let key = key(0x42);
            let file = seal(&plaintext, &key, &params(&[9; 16])).unwrap();
            let json = file.to_json();
            let (pointer, mut bytes) = decoded_fields(&json).swap_remove(field);
            let i = position.index(bytes.len());
            bytes[i] ^= flip;
            let mut value: Value = serde_json::from_str(&json).unwrap();
            *value.pointer_mut(pointer).unwrap() = BASE64.encode(&bytes).into();
            let tampered = VaultFile::parse(&value.to_string()).unwrap();
            prop_assert_eq!(open(&tampered, &key).unwrap_err(), VaultError::Decrypt);
        }

        /// Truncating the ciphertext anywhere gives the same opaque error.
        #[test]
        fn any_truncation_fails_opaquely(plaintext in proptest::collection::vec(any::<u8>(), 0..256), cut in any::<prop::sample::Index>()) {
            let key = key(0x24);
            let file = seal(&plaintext, &key, &params(&[9; 16])).unwrap();
            let mut value: Value = serde_json::from_str(&file.to_json()).unwrap();
            let len = cut.index(file.ciphertext().len());
            value["ciphertext"] = BASE64.encode(&file.ciphertext()[..len]).into();
            let truncated = VaultFile::parse(&value.to_string()).unwrap();
            prop_assert_eq!(open(&truncated, &key).unwrap_err(), VaultError::Decrypt);
        }
    }

    /// Prints a fresh example vector for testdata/vault/vault-v1-example.json.
    #[test]
    #[ignore = "generates the example vector"]
    fn print_example_vector() {
        let password = "correct horse battery staple";
        let salt: Vec<u8> = (0u8..16).collect();
        let nonce: [u8; 12] = core::array::from_fn(|i| u8::try_from(0xa0 + i).unwrap());
        let params = params(&salt);
        let key = derive(password.as_bytes(), &params).unwrap();
        let plaintext = "{\"mnemonic\":\"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\"}";
        let file = seal_with_nonce(plaintext.as_bytes(), &key, &params, nonce).unwrap();
        let vector = serde_json::json!({
            "password": password, "m_kib": params.m_kib(), "t": params.t(), "p": params.p(),
            "salt": hex::encode(&salt), "key": hex::encode(&key.to_bytes()[..]), "nonce": hex::encode(nonce),
            "plaintext": plaintext,
            "associated_data": String::from_utf8(file.associated_data()).unwrap(),
            "file": file.to_json(),
        });
        eprintln!("{}", serde_json::to_string_pretty(&vector).unwrap());
    }
}
