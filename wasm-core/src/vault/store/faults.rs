//! Fault injection: every step of the write protocol fails, tears, garbles or dies, driven
//! by a seeded PRNG; after each fault a fresh open must give the old or the new contents,
//! never neither and never anything else.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use futures::executor::block_on;

use super::*;
use crate::storage::{MemoryStorage, StorageError};

/// SplitMix64: small, deterministic, good enough to pick faults.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % u64::try_from(n).unwrap()).unwrap()
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next_u64().to_le_bytes()[0]).collect()
    }
}

/// What goes wrong at the chosen storage operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fault {
    /// The operation fails before doing anything.
    ErrorBefore,
    /// A write stores a truncated value, then reports failure.
    TornThenError,
    /// A write stores a value with 1–3 characters changed, then reports failure.
    GarbledThenError,
    /// A write stores a garbled value and reports success; a read returns a garbled copy.
    SilentlyGarbled,
    /// The process dies before the operation: nothing from here on happens.
    Death,
    /// A write stores a truncated value and the process dies.
    TornThenDeath,
}

const FAULTS: [Fault; 6] = [
    Fault::ErrorBefore,
    Fault::TornThenError,
    Fault::GarbledThenError,
    Fault::SilentlyGarbled,
    Fault::Death,
    Fault::TornThenDeath,
];

/// [`MemoryStorage`] that injects one [`Fault`] at its `fault_at`-th operation (counting
/// gets, sets and removes from 0). After a death every operation fails without effect, which
/// stops the protocol exactly where the process would have stopped.
pub(super) struct FaultyStorage<'a> {
    inner: &'a MemoryStorage,
    fault_at: usize,
    fault: Fault,
    ops: Cell<usize>,
    dead: Cell<bool>,
    rng: RefCell<Rng>,
}

impl<'a> FaultyStorage<'a> {
    pub(super) fn new(inner: &'a MemoryStorage, fault_at: usize, fault: Fault, seed: u64) -> Self {
        Self {
            inner,
            fault_at,
            fault,
            ops: Cell::new(0),
            dead: Cell::new(false),
            rng: RefCell::new(Rng::new(seed)),
        }
    }

    /// `Err` when dead; `Some(fault)` when this operation is the faulty one.
    fn step(&self, operation: &'static str) -> Result<Option<Fault>, StorageError> {
        if self.dead.get() {
            return Err(failure(operation, "process is dead"));
        }
        let n = self.ops.get();
        self.ops.set(n + 1);
        Ok((n == self.fault_at).then_some(self.fault))
    }

    fn torn(&self, value: &str) -> String {
        let cut = self.rng.borrow_mut().below(value.len().max(1));
        value[..cut].to_owned()
    }

    fn garbled(&self, value: &str) -> String {
        let mut bytes = value.as_bytes().to_vec();
        if bytes.is_empty() {
            return "x".to_owned();
        }
        let mut rng = self.rng.borrow_mut();
        for _ in 0..=rng.below(3) {
            let i = rng.below(bytes.len());
            let original = bytes[i];
            // Printable ASCII, different from what was there; the values are ASCII JSON.
            let mut replacement = original;
            while replacement == original {
                replacement = 0x20 + u8::try_from(rng.below(95)).unwrap();
            }
            bytes[i] = replacement;
        }
        String::from_utf8(bytes).unwrap()
    }
}

fn failure(operation: &'static str, reason: &str) -> StorageError {
    StorageError::Backend {
        operation,
        reason: reason.to_owned(),
    }
}

#[async_trait::async_trait(?Send)]
impl Storage for FaultyStorage<'_> {
    async fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        match self.step("get")? {
            None => self.inner.get(key).await,
            Some(Fault::SilentlyGarbled) => Ok(self.inner.get(key).await?.map(|v| self.garbled(&v))),
            Some(Fault::Death | Fault::TornThenDeath) => {
                self.dead.set(true);
                Err(failure("get", "process died"))
            }
            Some(_) => Err(failure("get", "injected read failure")),
        }
    }

    async fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        match self.step("set")? {
            None => self.inner.set(key, value).await,
            Some(Fault::ErrorBefore) => Err(failure("set", "injected quota error")),
            Some(Fault::TornThenError) => {
                self.inner.set(key, &self.torn(value)).await?;
                Err(failure("set", "injected torn write"))
            }
            Some(Fault::GarbledThenError) => {
                self.inner.set(key, &self.garbled(value)).await?;
                Err(failure("set", "injected garbled write"))
            }
            Some(Fault::SilentlyGarbled) => self.inner.set(key, &self.garbled(value)).await,
            Some(Fault::Death) => {
                self.dead.set(true);
                Err(failure("set", "process died"))
            }
            Some(Fault::TornThenDeath) => {
                self.inner.set(key, &self.torn(value)).await?;
                self.dead.set(true);
                Err(failure("set", "process died mid-write"))
            }
        }
    }

    async fn remove(&self, key: &str) -> Result<(), StorageError> {
        match self.step("remove")? {
            None => self.inner.remove(key).await,
            Some(Fault::Death | Fault::TornThenDeath) => {
                self.dead.set(true);
                Err(failure("remove", "process died"))
            }
            Some(_) => Err(failure("remove", "injected remove failure")),
        }
    }
}

fn params(salt: u8) -> KdfParams {
    KdfParams::new(
        KdfParams::MIN_M_KIB,
        KdfParams::MIN_T,
        KdfParams::MIN_P,
        vec![salt; 16],
    )
    .unwrap()
}

/// A pre-derived key, so that a thousand runs take no argon2 time.
fn test_key() -> VaultKey {
    VaultKey::from_bytes(&[0x11; 32]).unwrap()
}

fn load(entries: &BTreeMap<String, String>) -> MemoryStorage {
    let storage = MemoryStorage::new();
    for (k, v) in entries {
        block_on(storage.set(k, v)).unwrap();
    }
    storage
}

/// Two committed generations: `first` in slot A (backup), `second` in slot B (current).
fn two_generations(key: &VaultKey, first: &[u8], second: &[u8]) -> BTreeMap<String, String> {
    let storage = MemoryStorage::new();
    let store = VaultStore::new(&storage);
    block_on(store.first_write(first, key, &params(0x22))).unwrap();
    block_on(store.write(second, key)).unwrap();
    storage.snapshot()
}

/// Every stored generation that opens with `key` holds contents that were really written:
/// a damaged blob is never taken for valid plaintext.
fn assert_no_slot_yields_garbage(
    storage: &MemoryStorage,
    key: &VaultKey,
    written: &[Vec<u8>],
    context: &str,
) {
    for slot in [Slot::A, Slot::B] {
        let raw = block_on(storage.get(slot.storage_key())).unwrap();
        if let SlotState::Parsed(record) = parse_slot(raw.as_deref())
            && let Ok(plaintext) = format::open(&record.file, key)
        {
            assert!(
                written.iter().any(|w| w[..] == plaintext[..]),
                "{context}: slot {slot:?} opened to garbage"
            );
        }
    }
}

const RUNS: u64 = 1500;

/// The main property: writes (and first writes) with one fault each, 1–3 per run, from an
/// empty store or from two committed generations.
#[test]
fn any_single_fault_in_a_write_leaves_old_or_new() {
    let key = test_key();
    let template = two_generations(&key, b"generation one", b"generation two");
    let mut outcomes = BTreeMap::<String, usize>::new();
    for seed in 0..RUNS {
        let mut rng = Rng::new(seed);
        let from_empty = rng.below(6) == 0;
        let storage = if from_empty {
            MemoryStorage::new()
        } else {
            load(&template)
        };
        let mut committed: Option<Vec<u8>> = (!from_empty).then(|| b"generation two".to_vec());
        let mut written: Vec<Vec<u8>> = vec![b"generation one".to_vec(), b"generation two".to_vec()];

        for step in 0..=rng.below(3) {
            let len = rng.below(300);
            let mut new = format!("seed {seed} step {step} ").into_bytes();
            new.extend(rng.bytes(len));
            written.push(new.clone());
            let fault = FAULTS[rng.below(FAULTS.len())];
            let fault_at = rng.below(12);
            let context = format!("seed {seed} step {step}: {fault:?} at op {fault_at}");

            let faulty = FaultyStorage::new(&storage, fault_at, fault, seed ^ 0xdead_beef);
            let store = VaultStore::new(&faulty);
            let result = match committed {
                None => block_on(store.first_write(&new, &key, &params(0x22))),
                Some(_) => block_on(store.write(&new, &key)),
            };
            let label = match &result {
                Ok(_) => "ok".to_owned(),
                Err(e) => format!("{e:?}")
                    .split(['{', '('])
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            };
            *outcomes.entry(format!("{fault:?} -> {label}")).or_default() += 1;

            // A fresh process opens what is stored, without faults.
            let fresh = VaultStore::new(&storage);
            match block_on(fresh.open_with_key(&key)) {
                Ok(opened) => {
                    let pt = opened.plaintext.to_vec();
                    let is_new = pt == new;
                    let is_old = committed.as_deref() == Some(&pt[..]);
                    assert!(
                        is_new || is_old,
                        "{context}: opened neither the old nor the new contents"
                    );
                    assert!(
                        result.is_err() || is_new,
                        "{context}: write reported success but new contents are not current"
                    );
                    assert!(
                        !opened.from_backup(),
                        "{context}: a protocol fault must not need the backup: {opened:?}"
                    );
                    if opened.head_damaged {
                        *outcomes
                            .entry("(open: head damaged, resolved by generation)".to_owned())
                            .or_default() += 1;
                    }
                    committed = Some(pt);
                }
                Err(VaultError::NotFound) => {
                    assert!(committed.is_none(), "{context}: the vault vanished");
                    assert!(
                        result.is_err(),
                        "{context}: first write reported success but nothing is stored"
                    );
                }
                Err(e) => panic!("{context}: open failed: {e:?}"),
            }
            assert_no_slot_yields_garbage(&storage, &key, &written, &context);
        }
    }
    eprintln!("fault outcomes over {RUNS} runs: {outcomes:#?}");
    // The damaged-head path (resolution by generation numbers, repair on the next write)
    // must have been exercised too.
    assert!(
        outcomes.keys().any(|k| k.starts_with("(open: head damaged")),
        "{outcomes:#?}"
    );
    // The faults must actually have bitten in every way, not just returned early.
    for fault in FAULTS {
        let bit = outcomes
            .iter()
            .any(|(k, n)| k.starts_with(&format!("{fault:?} -> ")) && !k.ends_with("ok") && *n > 0);
        assert!(bit, "{fault:?} never caused an error: {outcomes:#?}");
    }
}

/// Restoring the backup, with a fault anywhere: the backup's contents stay reachable.
#[test]
fn any_single_fault_in_a_restore_keeps_the_backup_reachable() {
    let key = test_key();
    let mut template = two_generations(&key, b"backup contents", b"lost contents");
    // Damage the current generation (slot B).
    let damaged = template[KEY_SLOT_B].replacen("\"ciphertext\":\"", "\"ciphertext\":\"AAAA", 1);
    template.insert(KEY_SLOT_B.to_owned(), damaged.clone());
    for seed in 0..300 {
        let mut rng = Rng::new(seed);
        let storage = load(&template);
        let fault = FAULTS[rng.below(FAULTS.len())];
        let fault_at = rng.below(12);
        let context = format!("seed {seed}: {fault:?} at op {fault_at}");
        let faulty = FaultyStorage::new(&storage, fault_at, fault, seed);
        let result = block_on(VaultStore::new(&faulty).restore_backup(&key));

        let opened = block_on(VaultStore::new(&storage).open_with_key(&key))
            .unwrap_or_else(|e| panic!("{context}: {e:?}"));
        assert_eq!(&opened.plaintext[..], b"backup contents", "{context}");
        if result.is_ok() {
            assert!(!opened.from_backup(), "{context}");
        }
        assert_no_slot_yields_garbage(&storage, &key, &[b"backup contents".to_vec()], &context);
    }
}

/// Changing the password, with a fault anywhere: the contents open, as the current
/// generation, under the old or the new password, and success means the new one.
#[test]
fn any_single_fault_in_a_password_change_leaves_one_password_working() {
    let old_params = params(0x31);
    let new_params = params(0x32);
    let old_key = kdf::derive(b"old password", &old_params).unwrap();
    let new_key = kdf::derive(b"new password", &new_params).unwrap();
    let storage = MemoryStorage::new();
    let store = VaultStore::new(&storage);
    block_on(store.first_write(b"contents v1", &old_key, &old_params)).unwrap();
    block_on(store.write(b"contents v2", &old_key)).unwrap();
    let template = storage.snapshot();

    for seed in 0..60 {
        let mut rng = Rng::new(seed);
        let storage = load(&template);
        let fault = FAULTS[rng.below(FAULTS.len())];
        let fault_at = rng.below(16);
        let context = format!("seed {seed}: {fault:?} at op {fault_at}");
        let faulty = FaultyStorage::new(&storage, fault_at, fault, seed);
        let result =
            block_on(VaultStore::new(&faulty).change_password(&old_key, b"new password", &new_params));

        let fresh = VaultStore::new(&storage);
        let with_new = block_on(fresh.open_with_key(&new_key))
            .ok()
            .filter(|o| !o.from_backup());
        let with_old = block_on(fresh.open_with_key(&old_key))
            .ok()
            .filter(|o| !o.from_backup());
        let opened = with_new
            .as_ref()
            .or(with_old.as_ref())
            .unwrap_or_else(|| panic!("{context}: neither password opens"));
        assert_eq!(&opened.plaintext[..], b"contents v2", "{context}");
        if let Ok((key, _)) = &result {
            assert_eq!(*key.to_bytes(), *new_key.to_bytes(), "{context}");
            assert!(
                with_new.is_some(),
                "{context}: success reported but the new password does not open"
            );
        }
    }
}

/// Importing a backup over a stored vault, with a fault anywhere: the old vault or the
/// imported one is current.
#[test]
fn any_single_fault_in_an_import_leaves_old_or_imported() {
    let key = test_key();
    let template = two_generations(&key, b"old one", b"old two");
    let backup = BackupFile::seal(b"imported", b"backup pw", &params(0x41)).unwrap();
    let backup_key = kdf::derive(b"backup pw", &params(0x41)).unwrap();
    for seed in 0..40 {
        let mut rng = Rng::new(seed);
        let storage = load(&template);
        let fault = FAULTS[rng.below(FAULTS.len())];
        let fault_at = rng.below(8);
        let context = format!("seed {seed}: {fault:?} at op {fault_at}");
        let faulty = FaultyStorage::new(&storage, fault_at, fault, seed);
        let result = block_on(VaultStore::new(&faulty).import_backup(&backup, b"backup pw"));

        let fresh = VaultStore::new(&storage);
        let imported = block_on(fresh.open_with_key(&backup_key))
            .ok()
            .filter(|o| !o.from_backup());
        let old = block_on(fresh.open_with_key(&key))
            .ok()
            .filter(|o| !o.from_backup());
        match (&imported, &old) {
            (Some(o), None) => assert_eq!(&o.plaintext[..], b"imported", "{context}"),
            (None, Some(o)) => {
                assert_eq!(&o.plaintext[..], b"old two", "{context}");
                assert!(
                    result.is_err(),
                    "{context}: import reported success but the old vault is current"
                );
            }
            _ => panic!("{context}: imported {} old {}", imported.is_some(), old.is_some()),
        }
    }
}

#[test]
fn the_fault_wrapper_does_what_it_says() {
    let storage = MemoryStorage::new();
    block_on(storage.set("k", "original value")).unwrap();
    let torn = FaultyStorage::new(&storage, 0, Fault::TornThenError, 1);
    assert!(block_on(torn.set("k", "a much longer new value")).is_err());
    let now = block_on(storage.get("k")).unwrap().unwrap();
    assert!("a much longer new value".starts_with(&now) && now.len() < 23);

    let dead = FaultyStorage::new(&storage, 1, Fault::Death, 1);
    assert!(block_on(dead.get("k")).is_ok());
    assert!(block_on(dead.set("k", "x")).is_err());
    assert!(block_on(dead.get("k")).is_err());
    assert_eq!(block_on(storage.get("k")).unwrap().as_deref(), Some(&now[..]));

    let silent = FaultyStorage::new(&storage, 0, Fault::SilentlyGarbled, 1);
    assert!(block_on(silent.set("k", "clean value")).is_ok());
    let stored = block_on(storage.get("k")).unwrap().unwrap();
    assert_eq!(stored.len(), "clean value".len());
    assert_ne!(stored, "clean value");
}
