//! Backup files: the vault's contents re-encrypted under a password the user chooses when
//! exporting, in a document that says what it is.
//!
//! ```json
//! {"type":"formica-backup","version":1,"vault":{ …a vault document, see `format`… }}
//! ```
//!
//! The inner document is an ordinary vault (with its own KDF parameters and a fresh salt and
//! nonce), so everything [`format`](mod@super::format) guarantees holds for backups too: the
//! header is authenticated, and any damage or a wrong password gives [`VaultError::Decrypt`].
//! The envelope's `type` and `version` are not secret and not authenticated: they only route
//! the document to the right parser.
//!
//! Exporting and importing against the stored vault is
//! [`VaultStore::export_backup`](super::VaultStore::export_backup) and
//! [`VaultStore::import_backup`](super::VaultStore::import_backup); this module is the pure
//! document.

use serde_json::Value;
use zeroize::Zeroizing;

use super::VaultError;
use super::format::{self, VaultFile};
use super::kdf::{self, KdfParams, VaultKey};

/// The `type` marker of a backup document.
pub const BACKUP_TYPE: &str = "formica-backup";
/// The backup envelope version this build writes (and the newest it reads).
pub const BACKUP_VERSION: u32 = 1;

/// A parsed backup document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupFile {
    vault: VaultFile,
}

impl BackupFile {
    /// Encrypts `plaintext` under a key derived from `password` with `params` (which should
    /// carry a fresh salt, e.g. from [`KdfParams::generate`] or [`calibrate`](super::calibrate)).
    ///
    /// # Errors
    /// As [`derive`](super::derive) and [`seal`](super::seal).
    pub fn seal(plaintext: &[u8], password: &[u8], params: &KdfParams) -> Result<Self, VaultError> {
        let key = kdf::derive(password, params)?;
        Ok(Self {
            vault: format::seal(plaintext, &key, params)?,
        })
    }

    /// Decrypts the backup with `password`, returning its contents and the key that opened it.
    ///
    /// # Errors
    /// [`VaultError::Decrypt`] for a wrong password or a damaged file; as
    /// [`derive`](super::derive) otherwise.
    pub fn open(&self, password: &[u8]) -> Result<(Zeroizing<Vec<u8>>, VaultKey), VaultError> {
        let key = kdf::derive(password, self.vault.kdf())?;
        let plaintext = format::open(&self.vault, &key)?;
        Ok((plaintext, key))
    }

    /// The vault document inside.
    pub fn vault(&self) -> &VaultFile {
        &self.vault
    }

    /// Parses a backup document.
    ///
    /// # Errors
    /// - [`VaultError::NotBackup`] when the text is not a JSON object marked `formica-backup`;
    /// - [`VaultError::UnsupportedBackupVersion`] for a newer envelope;
    /// - [`VaultError::Malformed`] for a malformed envelope; as [`migrate`](super::migrate)
    ///   for the vault inside.
    pub fn parse(json: &str) -> Result<Self, VaultError> {
        let value: Value = serde_json::from_str(json).map_err(|_| VaultError::NotBackup)?;
        let Value::Object(mut fields) = value else {
            return Err(VaultError::NotBackup);
        };
        if fields.get("type").and_then(Value::as_str) != Some(BACKUP_TYPE) {
            return Err(VaultError::NotBackup);
        }
        let version = fields
            .get("version")
            .and_then(Value::as_u64)
            .ok_or(VaultError::Malformed {
                what: "backup version is missing or not a whole number",
            })?;
        if version != u64::from(BACKUP_VERSION) {
            return Err(VaultError::UnsupportedBackupVersion {
                found: version,
                supported: BACKUP_VERSION,
            });
        }
        if fields
            .keys()
            .any(|k| !matches!(k.as_str(), "type" | "version" | "vault"))
        {
            return Err(VaultError::Malformed {
                what: "backup has unknown fields",
            });
        }
        let vault = fields.remove("vault").ok_or(VaultError::Malformed {
            what: "backup has no vault",
        })?;
        Ok(Self {
            vault: format::migrate_value(vault)?,
        })
    }

    /// Serializes the document (compact JSON).
    pub fn to_json(&self) -> String {
        format!(
            "{{\"type\":\"{BACKUP_TYPE}\",\"version\":{BACKUP_VERSION},\"vault\":{}}}",
            self.vault.to_json()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(salt: u8) -> KdfParams {
        KdfParams::new(
            KdfParams::MIN_M_KIB,
            KdfParams::MIN_T,
            KdfParams::MIN_P,
            vec![salt; 16],
        )
        .unwrap()
    }

    #[test]
    fn seal_parse_open_round_trip() {
        let backup = BackupFile::seal(b"wallet contents", b"export pw", &params(1)).unwrap();
        let json = backup.to_json();
        assert!(json.starts_with("{\"type\":\"formica-backup\",\"version\":1,\"vault\":{\"version\":1,"));
        let parsed = BackupFile::parse(&json).unwrap();
        assert_eq!(parsed, backup);
        let (plaintext, key) = parsed.open(b"export pw").unwrap();
        assert_eq!(&plaintext[..], b"wallet contents");
        assert_eq!(
            *key.to_bytes(),
            *kdf::derive(b"export pw", &params(1)).unwrap().to_bytes()
        );
        assert_eq!(parsed.open(b"wrong").unwrap_err(), VaultError::Decrypt);
    }

    #[test]
    fn envelope_is_checked() {
        let backup = BackupFile::seal(b"x", b"pw", &params(2)).unwrap();
        let good: Value = serde_json::from_str(&backup.to_json()).unwrap();
        // A bare vault document is not a backup.
        assert_eq!(
            BackupFile::parse(&backup.vault().to_json()).unwrap_err(),
            VaultError::NotBackup
        );
        assert_eq!(BackupFile::parse("nonsense").unwrap_err(), VaultError::NotBackup);
        assert_eq!(BackupFile::parse("[]").unwrap_err(), VaultError::NotBackup);
        let mut v = good.clone();
        v["type"] = "metamask-backup".into();
        assert_eq!(
            BackupFile::parse(&v.to_string()).unwrap_err(),
            VaultError::NotBackup
        );
        let mut v = good.clone();
        v["version"] = 2.into();
        assert_eq!(
            BackupFile::parse(&v.to_string()).unwrap_err(),
            VaultError::UnsupportedBackupVersion {
                found: 2,
                supported: 1
            }
        );
        let mut v = good.clone();
        v["note"] = "hi".into();
        assert!(matches!(
            BackupFile::parse(&v.to_string()),
            Err(VaultError::Malformed { .. })
        ));
        let mut v = good.clone();
        v["vault"]["version"] = 7.into();
        assert!(matches!(
            BackupFile::parse(&v.to_string()),
            Err(VaultError::UnsupportedVersion { found: 7, .. })
        ));
        // The inner header is authenticated like any vault's.
        let mut v = good;
        v["vault"]["kdf"]["t"] = 3.into();
        assert_eq!(
            BackupFile::parse(&v.to_string())
                .unwrap()
                .open(b"pw")
                .unwrap_err(),
            VaultError::Decrypt
        );
    }
}
