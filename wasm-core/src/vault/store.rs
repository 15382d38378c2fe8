//! Crash-safe vault storage over [`Storage`]: a write never destroys the last good vault.
//!
//! # Layout
//! | key | value |
//! |---|---|
//! | [`KEY_SLOT_A`], [`KEY_SLOT_B`] | a *generation*: `{"generation":N,"vault":{…vault document…}}` |
//! | [`KEY_HEAD`] | the commit record: `{"current":"a"\|"b","generation":N}` |
//! | [`KEY_QUARANTINE`] | the last unreadable generation set aside by [`VaultStore::restore_backup`] |
//!
//! The head is the commit point: a vault exists exactly when a head is stored. The slot it
//! names holds the current generation; the other slot holds the previous one (the backup).
//!
//! # Writing generation N + 1
//! 1. Read the head and both slots, and open the current generation with the key. If the head
//!    is unreadable, the newest generation that opens is current and the head is rewritten
//!    first. If only the backup opens, the write is refused ([`VaultError::CurrentUnreadable`]):
//!    the slot it would overwrite holds the only good copy.
//! 2. Seal the new contents with the current generation's KDF parameters (a fresh nonce) and
//!    store them, tagged N + 1, in the slot the head does *not* name.
//! 3. Read that slot back: it must be byte-identical, parse, and decrypt to the same
//!    plaintext. Otherwise stop with [`VaultError::VerifyFailed`]; the head never moved.
//! 4. Store the head `{current: that slot, generation: N + 1}` and read it back.
//!
//! Whatever fails or dies at any step, storage still holds the old generation intact, and the
//! head names either it or a verified new one; an unreadable head is resolved from the
//! generation numbers in the slots. An error from the last step (the head) leaves the outcome
//! open: the next [`VaultStore::open_with_key`] shows the old or the new contents, never
//! anything else. A backend error ([`VaultError::Storage`], e.g. quota) before step 4 leaves
//! the old vault current.
//!
//! # Opening
//! Open reads the head and the slot it names and decrypts it; if that slot is missing,
//! malformed or does not open, it tries the other slot and reports that the contents came
//! from the backup ([`Source::Backup`]) and why. It never writes: the engine warns the user
//! and, with consent, calls [`VaultStore::restore_backup`].
//!
//! With a password, each generation is tried with a key derived from *its own* header's
//! parameters (the slots differ after a password change; a derived key is reused when they
//! are equal). A consequence: after a password change, the *old* password can open the
//! backup generation while the current one fails — indistinguishable from a damaged current
//! generation, and reported the same way. [`VaultStore::change_password`] therefore writes two
//! generations, so that no copy under the old password survives.
//!
//! The generation number in a slot is not authenticated: it orders generations after a crash;
//! it is no defence against someone who can write to extension storage (nothing is).

use core::fmt;

use serde::Deserialize;
use serde_json::Value;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::VaultError;
use super::backup::BackupFile;
use super::format::{self, VaultFile};
use super::kdf::{self, KdfParams, VaultKey};
use crate::storage::Storage;

/// The storage key of the commit record.
pub const KEY_HEAD: &str = "vault:head";
/// The storage key of slot A.
pub const KEY_SLOT_A: &str = "vault:a";
/// The storage key of slot B.
pub const KEY_SLOT_B: &str = "vault:b";
/// The storage key where [`VaultStore::restore_backup`] sets aside the generation it replaces.
pub const KEY_QUARANTINE: &str = "vault:quarantine";

/// One of the two generation slots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Stored under [`KEY_SLOT_A`].
    A,
    /// Stored under [`KEY_SLOT_B`].
    B,
}

impl Slot {
    /// The storage key of this slot.
    pub fn storage_key(self) -> &'static str {
        match self {
            Self::A => KEY_SLOT_A,
            Self::B => KEY_SLOT_B,
        }
    }

    /// The other slot.
    pub fn other(self) -> Self {
        match self {
            Self::A => Self::B,
            Self::B => Self::A,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::A => "a",
            Self::B => "b",
        }
    }
}

/// Why the current generation was not the one opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotFault {
    /// Its slot is empty.
    Missing,
    /// Its slot does not hold a well-formed generation.
    Malformed,
    /// It did not authenticate with this key or password: it is damaged, or it was written
    /// under another password (e.g. the user typed the password from before a change).
    Unopenable,
}

/// Which generation [`Opened`] came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The current generation.
    Current,
    /// The backup generation, because the current one could not be used. Nothing was changed
    /// in storage; writes are refused until [`VaultStore::restore_backup`].
    Backup {
        /// What was wrong with the current generation.
        current_fault: SlotFault,
    },
}

/// The outcome of opening the stored vault.
pub struct Opened {
    /// The decrypted contents.
    pub plaintext: Zeroizing<Vec<u8>>,
    /// The generation that opened.
    pub generation: u64,
    /// The slot it is stored in.
    pub slot: Slot,
    /// Whether it is the current generation or the backup.
    pub source: Source,
    /// The head was unreadable or inconsistent, so the generation numbers decided; the next
    /// write rewrites it. Nothing is lost when only this is set.
    pub head_damaged: bool,
}

impl Opened {
    /// Whether the contents came from the backup generation.
    pub fn from_backup(&self) -> bool {
        matches!(self.source, Source::Backup { .. })
    }
}

impl fmt::Debug for Opened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Opened")
            .field("plaintext", &"<redacted>")
            .field("generation", &self.generation)
            .field("slot", &self.slot)
            .field("source", &self.source)
            .field("head_damaged", &self.head_damaged)
            .finish()
    }
}

/// What a completed write committed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    /// The new current generation.
    pub generation: u64,
    /// The slot it is stored in.
    pub slot: Slot,
}

/// The vault in a [`Storage`], written with the two-slot protocol described in the
/// [module documentation](self).
pub struct VaultStore<'s, S: Storage + ?Sized> {
    storage: &'s S,
}

impl<S: Storage + ?Sized> fmt::Debug for VaultStore<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VaultStore")
    }
}

impl<'s, S: Storage + ?Sized> VaultStore<'s, S> {
    /// Uses `storage` (the engine passes `chrome.storage.local`).
    pub fn new(storage: &'s S) -> Self {
        Self { storage }
    }

    /// Tells whether a vault is stored (a head was committed), however damaged it may be.
    ///
    /// # Errors
    /// [`VaultError::Storage`] when the backend fails.
    pub async fn exists(&self) -> Result<bool, VaultError> {
        Ok(self.storage.get(KEY_HEAD).await?.is_some())
    }

    /// Stores the first vault, encrypted under `password` with `params`, and returns the
    /// derived key (for the session) with what was committed.
    ///
    /// # Errors
    /// [`VaultError::AlreadyExists`] when a vault is stored; as [`derive`](super::derive);
    /// [`VaultError::Storage`] or [`VaultError::VerifyFailed`] when the write fails.
    pub async fn create(
        &self,
        plaintext: &[u8],
        password: &[u8],
        params: &KdfParams,
    ) -> Result<(VaultKey, Written), VaultError> {
        if self.exists().await? {
            return Err(VaultError::AlreadyExists);
        }
        let key = kdf::derive(password, params)?;
        let written = self.first_write(plaintext, &key, params).await?;
        Ok((key, written))
    }

    /// Opens the vault with a key kept from an earlier unlock.
    ///
    /// # Errors
    /// - [`VaultError::NotFound`] when no vault is stored;
    /// - [`VaultError::Decrypt`] when neither generation opens with `key`;
    /// - [`VaultError::Damaged`] when no generation is even readable;
    /// - [`VaultError::UnsupportedVersion`] when the current generation is in a newer format;
    /// - [`VaultError::Storage`] when the backend fails.
    pub async fn open_with_key(&self, key: &VaultKey) -> Result<Opened, VaultError> {
        let snapshot = self.snapshot().await?;
        Ok(resolve(&snapshot, &mut WithKey(key))?.opened)
    }

    /// Opens the vault with the user's password, deriving a key from each generation's own
    /// parameters, and returns the key that opened it (for the session).
    ///
    /// # Errors
    /// As [`VaultStore::open_with_key`], and as [`derive`](super::derive).
    pub async fn open_with_password(&self, password: &[u8]) -> Result<(Opened, VaultKey), VaultError> {
        let snapshot = self.snapshot().await?;
        let mut opener = WithPassword {
            password,
            keys: Vec::new(),
            last: None,
        };
        let resolved = resolve(&snapshot, &mut opener)?;
        // Something opened, so a key was used; the fallback is unreachable.
        let key = opener.into_last_key().ok_or(VaultError::Decrypt)?;
        Ok((resolved.opened, key))
    }

    /// Stores new contents as the next generation, under the same key and KDF parameters.
    ///
    /// After an error the stored contents are the old or the new ones (see the
    /// [module documentation](self)); re-open to learn which.
    ///
    /// # Errors
    /// [`VaultError::CurrentUnreadable`] when only the backup opens with `key`; as
    /// [`VaultStore::open_with_key`]; [`VaultError::Storage`] or [`VaultError::VerifyFailed`]
    /// when the write fails.
    pub async fn write(&self, plaintext: &[u8], key: &VaultKey) -> Result<Written, VaultError> {
        let snapshot = self.snapshot().await?;
        let current = self.writable_current(&snapshot, key).await?;
        let generation = next(current.opened.generation)?;
        self.commit(
            plaintext,
            key,
            &current.params,
            current.opened.slot.other(),
            generation,
        )
        .await
    }

    /// Re-encrypts the current contents under a new password and parameters, and returns the
    /// new key with what was committed.
    ///
    /// Two generations are written, so that the backup generation is not left under the old
    /// password. If the second write fails, the change has still happened (the backup stays
    /// under the old password until the next write). If the first write reports an error, the
    /// stored state is re-read: when the new generation turns out to be current after all,
    /// the change is reported as done.
    ///
    /// # Errors
    /// As [`VaultStore::write`], and as [`derive`](super::derive).
    pub async fn change_password(
        &self,
        key: &VaultKey,
        new_password: &[u8],
        new_params: &KdfParams,
    ) -> Result<(VaultKey, Written), VaultError> {
        let snapshot = self.snapshot().await?;
        let current = self.writable_current(&snapshot, key).await?;
        let new_key = kdf::derive(new_password, new_params)?;
        let plaintext = &current.opened.plaintext;
        let target = current.opened.slot.other();
        let first = match self
            .commit(
                plaintext,
                &new_key,
                new_params,
                target,
                next(current.opened.generation)?,
            )
            .await
        {
            Ok(written) => written,
            Err(error) => match self.open_with_key(&new_key).await {
                Ok(opened) if !opened.from_backup() => Written {
                    generation: opened.generation,
                    slot: opened.slot,
                },
                _ => return Err(error),
            },
        };
        match self
            .commit(
                plaintext,
                &new_key,
                new_params,
                first.slot.other(),
                next(first.generation)?,
            )
            .await
        {
            Ok(second) => Ok((new_key, second)),
            // The password did change; the next write replaces the old-password backup.
            Err(_) => Ok((new_key, first)),
        }
    }

    /// Makes the backup generation current again, after the user agreed to it when
    /// [`Opened::from_backup`] was reported.
    ///
    /// The unreadable generation is copied to [`KEY_QUARANTINE`] (replacing any earlier one)
    /// before its slot is overwritten with the backup's contents as a new generation.
    ///
    /// # Errors
    /// [`VaultError::NothingToRestore`] when the current generation opens with `key`; as
    /// [`VaultStore::write`].
    pub async fn restore_backup(&self, key: &VaultKey) -> Result<Written, VaultError> {
        let snapshot = self.snapshot().await?;
        let resolved = resolve(&snapshot, &mut WithKey(key))?;
        if !resolved.opened.from_backup() {
            return Err(VaultError::NothingToRestore);
        }
        let damaged = resolved.opened.slot.other();
        if let Some(raw) = snapshot.raw(damaged) {
            self.storage.set(KEY_QUARANTINE, raw).await?;
        }
        let generation = next(snapshot.max_generation())?;
        self.commit(
            &resolved.opened.plaintext,
            key,
            &resolved.params,
            damaged,
            generation,
        )
        .await
    }

    /// Exports the current contents as a backup file encrypted under `password` with
    /// `params` (give it a fresh salt).
    ///
    /// # Errors
    /// [`VaultError::CurrentUnreadable`] when only the backup generation opens; as
    /// [`VaultStore::open_with_key`] and [`BackupFile::seal`].
    pub async fn export_backup(
        &self,
        key: &VaultKey,
        password: &[u8],
        params: &KdfParams,
    ) -> Result<BackupFile, VaultError> {
        let snapshot = self.snapshot().await?;
        let resolved = resolve(&snapshot, &mut WithKey(key))?;
        if resolved.opened.from_backup() {
            return Err(VaultError::CurrentUnreadable);
        }
        BackupFile::seal(&resolved.opened.plaintext, password, params)
    }

    /// Replaces the stored vault with a backup's contents, after decrypting it with
    /// `password` — nothing is touched if that fails. The backup's password and parameters
    /// become the vault's; the returned key is for the session.
    ///
    /// When a vault is already stored, the import becomes its next generation, so the replaced
    /// vault stays as the backup generation (it opens with its old password, reported as
    /// [`Source::Backup`]) until the next write.
    ///
    /// # Errors
    /// [`VaultError::Decrypt`] for a wrong password or a damaged backup; as
    /// [`derive`](super::derive); [`VaultError::Storage`] or [`VaultError::VerifyFailed`] when
    /// the write fails.
    pub async fn import_backup(
        &self,
        backup: &BackupFile,
        password: &[u8],
    ) -> Result<(VaultKey, Written), VaultError> {
        let (plaintext, key) = backup.open(password)?;
        let params = backup.vault().kdf();
        let snapshot = self.snapshot().await?;
        let written = if matches!(snapshot.head, HeadState::Missing) {
            self.first_write(&plaintext, &key, params).await?
        } else {
            let generation = next(snapshot.max_generation())?;
            self.commit(&plaintext, &key, params, snapshot.replaceable_slot(), generation)
                .await?
        };
        Ok((key, written))
    }

    /// Removes the vault: the head first (after which no vault exists), then the slots and
    /// the quarantine.
    ///
    /// # Errors
    /// [`VaultError::Storage`] when the backend fails.
    pub async fn destroy(&self) -> Result<(), VaultError> {
        for key in [KEY_HEAD, KEY_SLOT_A, KEY_SLOT_B, KEY_QUARANTINE] {
            self.storage.remove(key).await?;
        }
        Ok(())
    }

    async fn snapshot(&self) -> Result<Snapshot, VaultError> {
        let head = self.storage.get(KEY_HEAD).await?;
        let a = self.storage.get(KEY_SLOT_A).await?;
        let b = self.storage.get(KEY_SLOT_B).await?;
        Ok(Snapshot {
            head: HeadState::parse(head.as_deref()),
            a: (parse_slot(a.as_deref()), a),
            b: (parse_slot(b.as_deref()), b),
        })
    }

    /// Opens the current generation for a write: it must be the current one, and an
    /// unreadable head is rewritten first so that the head, not generation numbers, again says
    /// what is current.
    async fn writable_current(&self, snapshot: &Snapshot, key: &VaultKey) -> Result<Resolved, VaultError> {
        let resolved = resolve(snapshot, &mut WithKey(key))?;
        if resolved.opened.from_backup() {
            return Err(VaultError::CurrentUnreadable);
        }
        if resolved.opened.head_damaged {
            self.put_head(&Head {
                current: resolved.opened.slot,
                generation: resolved.opened.generation,
            })
            .await?;
        }
        Ok(resolved)
    }

    /// The first write: no head exists, so nothing is committed and any slot contents are
    /// leftovers (an unacknowledged first write, a destroyed vault). Slot B is cleared so that
    /// a leftover can never compete with the new vault.
    async fn first_write(
        &self,
        plaintext: &[u8],
        key: &VaultKey,
        params: &KdfParams,
    ) -> Result<Written, VaultError> {
        self.storage.remove(KEY_SLOT_B).await?;
        self.commit(plaintext, key, params, Slot::A, 1).await
    }

    /// Steps 2–4 of the protocol: seal into `target`, verify, move the head.
    async fn commit(
        &self,
        plaintext: &[u8],
        key: &VaultKey,
        params: &KdfParams,
        target: Slot,
        generation: u64,
    ) -> Result<Written, VaultError> {
        let slot_key = target.storage_key();
        let file = format::seal(plaintext, key, params)?;
        let text = slot_json(generation, &file);
        self.storage.set(slot_key, &text).await?;

        let stored = self.storage.get(slot_key).await?;
        if stored.as_deref() != Some(text.as_str()) {
            return Err(VaultError::VerifyFailed { key: slot_key });
        }
        let SlotState::Parsed(record) = parse_slot(stored.as_deref()) else {
            return Err(VaultError::VerifyFailed { key: slot_key });
        };
        let reopened =
            format::open(&record.file, key).map_err(|_| VaultError::VerifyFailed { key: slot_key })?;
        if record.generation != generation || !bool::from(reopened.as_slice().ct_eq(plaintext)) {
            return Err(VaultError::VerifyFailed { key: slot_key });
        }

        self.put_head(&Head {
            current: target,
            generation,
        })
        .await?;
        Ok(Written {
            generation,
            slot: target,
        })
    }

    async fn put_head(&self, head: &Head) -> Result<(), VaultError> {
        let text = head.to_json();
        self.storage.set(KEY_HEAD, &text).await?;
        if self.storage.get(KEY_HEAD).await?.as_deref() != Some(text.as_str()) {
            return Err(VaultError::VerifyFailed { key: KEY_HEAD });
        }
        Ok(())
    }
}

fn next(generation: u64) -> Result<u64, VaultError> {
    generation.checked_add(1).ok_or(VaultError::Malformed {
        what: "vault generation counter is exhausted",
    })
}

/// The commit record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Head {
    current: Slot,
    generation: u64,
}

impl Head {
    fn to_json(self) -> String {
        format!(
            "{{\"current\":\"{}\",\"generation\":{}}}",
            self.current.name(),
            self.generation
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadWire {
    current: String,
    generation: u64,
}

enum HeadState {
    Missing,
    Damaged,
    Valid(Head),
}

impl HeadState {
    fn parse(raw: Option<&str>) -> Self {
        let Some(text) = raw else {
            return Self::Missing;
        };
        let Ok(wire) = serde_json::from_str::<HeadWire>(text) else {
            return Self::Damaged;
        };
        let current = match wire.current.as_str() {
            "a" => Slot::A,
            "b" => Slot::B,
            _ => return Self::Damaged,
        };
        Self::Valid(Head {
            current,
            generation: wire.generation,
        })
    }
}

/// One stored generation.
struct SlotRecord {
    generation: u64,
    file: VaultFile,
}

enum SlotState {
    Missing,
    Malformed,
    /// Well-formed, in a format version this build cannot read.
    Unsupported {
        generation: u64,
        found: u64,
    },
    Parsed(SlotRecord),
}

impl SlotState {
    fn generation(&self) -> Option<u64> {
        match self {
            Self::Parsed(record) => Some(record.generation),
            Self::Unsupported { generation, .. } => Some(*generation),
            Self::Missing | Self::Malformed => None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlotWire {
    generation: u64,
    vault: Value,
}

fn slot_json(generation: u64, file: &VaultFile) -> String {
    format!("{{\"generation\":{generation},\"vault\":{}}}", file.to_json())
}

fn parse_slot(raw: Option<&str>) -> SlotState {
    let Some(text) = raw else {
        return SlotState::Missing;
    };
    let Ok(wire) = serde_json::from_str::<SlotWire>(text) else {
        return SlotState::Malformed;
    };
    match format::migrate_value(wire.vault) {
        Ok(file) => SlotState::Parsed(SlotRecord {
            generation: wire.generation,
            file,
        }),
        Err(VaultError::UnsupportedVersion { found, .. }) => SlotState::Unsupported {
            generation: wire.generation,
            found,
        },
        Err(_) => SlotState::Malformed,
    }
}

/// Everything the protocol reads, read once.
struct Snapshot {
    head: HeadState,
    a: (SlotState, Option<String>),
    b: (SlotState, Option<String>),
}

impl Snapshot {
    fn state(&self, slot: Slot) -> &SlotState {
        match slot {
            Slot::A => &self.a.0,
            Slot::B => &self.b.0,
        }
    }

    fn raw(&self, slot: Slot) -> Option<&str> {
        match slot {
            Slot::A => self.a.1.as_deref(),
            Slot::B => self.b.1.as_deref(),
        }
    }

    /// The highest generation number anywhere, so a new generation outranks them all.
    fn max_generation(&self) -> u64 {
        let head = match self.head {
            HeadState::Valid(head) => head.generation,
            HeadState::Missing | HeadState::Damaged => 0,
        };
        [Slot::A, Slot::B]
            .into_iter()
            .filter_map(|s| self.state(s).generation())
            .fold(head, u64::max)
    }

    /// The head's current slot when it is consistent: it names a generation stored with the
    /// generation number the head committed.
    fn trusted_head(&self) -> Option<Head> {
        match self.head {
            HeadState::Valid(head) if self.state(head.current).generation() == Some(head.generation) => {
                Some(head)
            }
            _ => None,
        }
    }

    /// The slot a write that cannot open the vault (an import) may overwrite: the one the
    /// head does not name, or without a trustworthy head the one with the older (or no)
    /// generation.
    fn replaceable_slot(&self) -> Slot {
        if let Some(head) = self.trusted_head() {
            return head.current.other();
        }
        if self.state(Slot::A).generation() < self.state(Slot::B).generation() {
            Slot::A
        } else {
            Slot::B
        }
    }
}

/// Turns a stored generation into plaintext: with a key, or with a password.
trait Opener {
    fn open(&mut self, file: &VaultFile) -> Result<Zeroizing<Vec<u8>>, VaultError>;
}

struct WithKey<'k>(&'k VaultKey);

impl Opener for WithKey<'_> {
    fn open(&mut self, file: &VaultFile) -> Result<Zeroizing<Vec<u8>>, VaultError> {
        format::open(file, self.0)
    }
}

/// Derives one key per distinct set of parameters met, and remembers which one opened.
struct WithPassword<'p> {
    password: &'p [u8],
    keys: Vec<(KdfParams, VaultKey)>,
    last: Option<usize>,
}

impl WithPassword<'_> {
    fn into_last_key(self) -> Option<VaultKey> {
        let last = self.last?;
        self.keys.into_iter().nth(last).map(|(_, key)| key)
    }
}

impl Opener for WithPassword<'_> {
    fn open(&mut self, file: &VaultFile) -> Result<Zeroizing<Vec<u8>>, VaultError> {
        let index = match self.keys.iter().position(|(params, _)| params == file.kdf()) {
            Some(index) => index,
            None => {
                let key = kdf::derive(self.password, file.kdf())?;
                self.keys.push((file.kdf().clone(), key));
                self.keys.len() - 1
            }
        };
        self.last = Some(index);
        let (_, key) = self.keys.get(index).ok_or(VaultError::Decrypt)?;
        format::open(file, key)
    }
}

struct Resolved {
    opened: Opened,
    params: KdfParams,
}

/// Decides which generation is current and opens it (or the backup), without writing.
fn resolve(snapshot: &Snapshot, opener: &mut impl Opener) -> Result<Resolved, VaultError> {
    // The candidates in order of preference, and why the current one is absent if it is.
    let (candidates, mut fault, head_damaged): (Vec<Slot>, Option<SlotFault>, bool) = match snapshot.head {
        HeadState::Missing => return Err(VaultError::NotFound),
        HeadState::Valid(head) => match snapshot.state(head.current) {
            SlotState::Parsed(record) if record.generation == head.generation => {
                (vec![head.current, head.current.other()], None, false)
            }
            SlotState::Unsupported { generation, found } if *generation == head.generation => {
                return Err(VaultError::UnsupportedVersion {
                    found: *found,
                    supported: format::CURRENT_VERSION,
                });
            }
            SlotState::Missing => (vec![head.current.other()], Some(SlotFault::Missing), false),
            SlotState::Malformed => (vec![head.current.other()], Some(SlotFault::Malformed), false),
            // The head names a slot holding another generation: the head is not to be trusted.
            SlotState::Parsed(_) | SlotState::Unsupported { .. } => (by_generation(snapshot), None, true),
        },
        HeadState::Damaged => (by_generation(snapshot), None, true),
    };

    let mut attempted = false;
    for (rank, slot) in candidates.into_iter().enumerate() {
        let SlotState::Parsed(record) = snapshot.state(slot) else {
            continue;
        };
        attempted = true;
        match opener.open(&record.file) {
            Ok(plaintext) => {
                let source = match fault {
                    None if rank == 0 => Source::Current,
                    _ => Source::Backup {
                        current_fault: fault.unwrap_or(SlotFault::Unopenable),
                    },
                };
                return Ok(Resolved {
                    opened: Opened {
                        plaintext,
                        generation: record.generation,
                        slot,
                        source,
                        head_damaged,
                    },
                    params: record.file.kdf().clone(),
                });
            }
            Err(VaultError::Decrypt) => {
                fault.get_or_insert(SlotFault::Unopenable);
            }
            Err(other) => return Err(other),
        }
    }
    let unsupported = [Slot::A, Slot::B]
        .into_iter()
        .find_map(|s| match snapshot.state(s) {
            SlotState::Unsupported { found, .. } => Some(*found),
            _ => None,
        });
    match unsupported {
        Some(found) if !attempted || head_damaged => Err(VaultError::UnsupportedVersion {
            found,
            supported: format::CURRENT_VERSION,
        }),
        _ if attempted => Err(VaultError::Decrypt),
        _ => Err(VaultError::Damaged),
    }
}

/// Without a trustworthy head: the readable generations, newest first.
fn by_generation(snapshot: &Snapshot) -> Vec<Slot> {
    let mut slots: Vec<(u64, Slot)> = [Slot::A, Slot::B]
        .into_iter()
        .filter_map(|s| match snapshot.state(s) {
            SlotState::Parsed(record) => Some((record.generation, s)),
            _ => None,
        })
        .collect();
    slots.sort_by_key(|&(generation, _)| core::cmp::Reverse(generation));
    slots.into_iter().map(|(_, s)| s).collect()
}

#[cfg(test)]
mod faults;
#[cfg(test)]
mod tests;
