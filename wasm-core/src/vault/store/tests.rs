use std::collections::BTreeMap;

use futures::executor::block_on;

use super::faults::{Fault, FaultyStorage};
use super::*;
use crate::storage::MemoryStorage;

fn params(salt: u8) -> KdfParams {
    KdfParams::new(
        KdfParams::MIN_M_KIB,
        KdfParams::MIN_T,
        KdfParams::MIN_P,
        vec![salt; 16],
    )
    .unwrap()
}

const PASSWORD: &[u8] = b"correct horse battery staple";

/// A store with three generations: "one" (gone), "two" in slot B (backup), "three" in slot A
/// (current).
fn three_generations(storage: &MemoryStorage) -> VaultKey {
    let store = VaultStore::new(storage);
    let (key, written) = block_on(store.create(b"one", PASSWORD, &params(1))).unwrap();
    assert_eq!(
        written,
        Written {
            generation: 1,
            slot: Slot::A
        }
    );
    assert_eq!(
        block_on(store.write(b"two", &key)).unwrap(),
        Written {
            generation: 2,
            slot: Slot::B
        }
    );
    assert_eq!(
        block_on(store.write(b"three", &key)).unwrap(),
        Written {
            generation: 3,
            slot: Slot::A
        }
    );
    key
}

fn raw(storage: &MemoryStorage, key: &str) -> Option<String> {
    block_on(storage.get(key)).unwrap()
}

fn put(storage: &MemoryStorage, key: &str, value: &str) {
    block_on(storage.set(key, value)).unwrap();
}

#[test]
fn storage_keys_are_public_and_stable() {
    assert_eq!(
        (KEY_HEAD, KEY_SLOT_A, KEY_SLOT_B, KEY_QUARANTINE),
        ("vault:head", "vault:a", "vault:b", "vault:quarantine")
    );
    assert_eq!(
        (Slot::A.storage_key(), Slot::B.storage_key()),
        (KEY_SLOT_A, KEY_SLOT_B)
    );
    assert_eq!(Slot::A.other(), Slot::B);
}

#[test]
fn create_write_and_open_alternate_slots() {
    let storage = MemoryStorage::new();
    let store = VaultStore::new(&storage);
    assert!(!block_on(store.exists()).unwrap());
    assert_eq!(
        block_on(store.open_with_key(&VaultKey::from_bytes(&[0; 32]).unwrap())).unwrap_err(),
        VaultError::NotFound
    );
    let key = three_generations(&storage);
    assert!(block_on(store.exists()).unwrap());
    assert_eq!(
        raw(&storage, KEY_HEAD).unwrap(),
        r#"{"current":"a","generation":3}"#
    );

    let opened = block_on(store.open_with_key(&key)).unwrap();
    assert_eq!(&opened.plaintext[..], b"three");
    assert_eq!(
        (opened.generation, opened.slot, opened.source, opened.head_damaged),
        (3, Slot::A, Source::Current, false)
    );

    // The other slot is the previous generation, under the same key and parameters.
    let SlotState::Parsed(backup) = parse_slot(raw(&storage, KEY_SLOT_B).as_deref()) else {
        panic!()
    };
    assert_eq!(backup.generation, 2);
    assert_eq!(backup.file.kdf(), &params(1));
    assert_eq!(&format::open(&backup.file, &key).unwrap()[..], b"two");

    let (opened, derived) = block_on(store.open_with_password(PASSWORD)).unwrap();
    assert_eq!(&opened.plaintext[..], b"three");
    assert_eq!(*derived.to_bytes(), *key.to_bytes());

    assert_eq!(
        block_on(store.create(b"again", PASSWORD, &params(1))).unwrap_err(),
        VaultError::AlreadyExists
    );
}

#[test]
fn wrong_password_or_key_fails_opaquely_and_writes_nothing() {
    let storage = MemoryStorage::new();
    let _key = three_generations(&storage);
    let before = storage.snapshot();
    let store = VaultStore::new(&storage);
    assert_eq!(
        block_on(store.open_with_password(b"wrong")).unwrap_err(),
        VaultError::Decrypt
    );
    let stranger = VaultKey::from_bytes(&[9; 32]).unwrap();
    assert_eq!(
        block_on(store.open_with_key(&stranger)).unwrap_err(),
        VaultError::Decrypt
    );
    assert_eq!(
        block_on(store.write(b"x", &stranger)).unwrap_err(),
        VaultError::Decrypt
    );
    assert_eq!(storage.snapshot(), before);
}

/// Damage to the current generation of every kind: open reports the backup and why, and
/// changes nothing; writes are refused; restoring sets the damaged value aside.
#[test]
fn damaged_current_opens_the_backup_without_writing() {
    /// Turns the stored current generation into its damaged form (`None`: removed).
    type Damage = fn(&str) -> Option<String>;
    let cases: [(&str, SlotFault, Damage); 4] = [
        ("missing", SlotFault::Missing, |_| None),
        ("garbage", SlotFault::Malformed, |_| {
            Some("{\"generation\":3,\"vault\":".to_owned())
        }),
        ("flipped ciphertext", SlotFault::Unopenable, |v| {
            Some(v.replacen("\"ciphertext\":\"", "\"ciphertext\":\"AAAA", 1))
        }),
        ("flipped salt", SlotFault::Unopenable, |v| {
            Some(v.replacen("\"salt\":\"AQ", "\"salt\":\"Ag", 1))
        }),
    ];
    for (name, expected_fault, damage) in cases {
        let storage = MemoryStorage::new();
        let key = three_generations(&storage);
        let original = raw(&storage, KEY_SLOT_A).unwrap();
        match damage(&original) {
            Some(v) => {
                assert_ne!(v, original, "{name}");
                put(&storage, KEY_SLOT_A, &v);
            }
            None => block_on(storage.remove(KEY_SLOT_A)).unwrap(),
        }
        let before = storage.snapshot();
        let store = VaultStore::new(&storage);

        let opened = block_on(store.open_with_key(&key)).unwrap();
        assert_eq!(&opened.plaintext[..], b"two", "{name}");
        assert_eq!((opened.generation, opened.slot), (2, Slot::B), "{name}");
        assert_eq!(
            opened.source,
            Source::Backup {
                current_fault: expected_fault
            },
            "{name}"
        );
        let (by_password, _) = block_on(store.open_with_password(PASSWORD)).unwrap();
        assert_eq!(by_password.source, opened.source, "{name}");

        assert_eq!(
            block_on(store.write(b"four", &key)).unwrap_err(),
            VaultError::CurrentUnreadable,
            "{name}"
        );
        assert_eq!(
            block_on(store.export_backup(&key, b"x", &params(5))).unwrap_err(),
            VaultError::CurrentUnreadable,
            "{name}"
        );
        assert_eq!(storage.snapshot(), before, "{name}: something was written");

        let written = block_on(store.restore_backup(&key)).unwrap();
        assert_eq!(
            written,
            Written {
                generation: 4,
                slot: Slot::A
            },
            "{name}"
        );
        assert_eq!(
            raw(&storage, KEY_QUARANTINE),
            before.get(KEY_SLOT_A).cloned(),
            "{name}"
        );
        let opened = block_on(store.open_with_key(&key)).unwrap();
        assert_eq!(
            (&opened.plaintext[..], opened.source),
            (&b"two"[..], Source::Current),
            "{name}"
        );
        assert_eq!(
            block_on(store.restore_backup(&key)).unwrap_err(),
            VaultError::NothingToRestore
        );
        assert_eq!(block_on(store.write(b"five", &key)).unwrap().generation, 5);
    }
}

#[test]
fn both_generations_unreadable_is_damaged_or_decrypt() {
    let storage = MemoryStorage::new();
    let key = three_generations(&storage);
    let store = VaultStore::new(&storage);
    let a = raw(&storage, KEY_SLOT_A).unwrap();
    put(&storage, KEY_SLOT_A, "junk");
    put(&storage, KEY_SLOT_B, "junk");
    assert_eq!(
        block_on(store.open_with_key(&key)).unwrap_err(),
        VaultError::Damaged
    );
    put(
        &storage,
        KEY_SLOT_A,
        &a.replacen("\"ciphertext\":\"", "\"ciphertext\":\"AAAA", 1),
    );
    assert_eq!(
        block_on(store.open_with_key(&key)).unwrap_err(),
        VaultError::Decrypt
    );
}

#[test]
fn damaged_head_is_resolved_by_generation_then_repaired() {
    for head in [
        "{\"current\":\"a\",\"generation\":",
        "",
        "{\"current\":\"b\",\"generation\":3}",
        "{\"current\":\"a\",\"generation\":9}",
    ] {
        let storage = MemoryStorage::new();
        let key = three_generations(&storage);
        put(&storage, KEY_HEAD, head);
        let store = VaultStore::new(&storage);
        assert!(block_on(store.exists()).unwrap());
        let opened = block_on(store.open_with_key(&key)).unwrap();
        assert_eq!(&opened.plaintext[..], b"three", "{head}");
        assert_eq!(
            (opened.source, opened.head_damaged),
            (Source::Current, true),
            "{head}"
        );
        assert_eq!(raw(&storage, KEY_HEAD).as_deref(), Some(head), "open wrote");

        let written = block_on(store.write(b"four", &key)).unwrap();
        assert_eq!(
            written,
            Written {
                generation: 4,
                slot: Slot::B
            }
        );
        let opened = block_on(store.open_with_key(&key)).unwrap();
        assert_eq!(
            (&opened.plaintext[..], opened.head_damaged),
            (&b"four"[..], false)
        );
    }
}

#[test]
fn an_uncommitted_first_write_is_not_a_vault() {
    let storage = MemoryStorage::new();
    let key = three_generations(&storage);
    // A first write that died before its head: the slots hold data, no head.
    block_on(storage.remove(KEY_HEAD)).unwrap();
    let store = VaultStore::new(&storage);
    assert!(!block_on(store.exists()).unwrap());
    assert_eq!(
        block_on(store.open_with_key(&key)).unwrap_err(),
        VaultError::NotFound
    );
    let (key, written) = block_on(store.create(b"fresh", b"other password", &params(2))).unwrap();
    assert_eq!(
        written,
        Written {
            generation: 1,
            slot: Slot::A
        }
    );
    assert_eq!(raw(&storage, KEY_SLOT_B), None, "leftover slot B was not cleared");
    assert_eq!(
        &block_on(store.open_with_key(&key)).unwrap().plaintext[..],
        b"fresh"
    );
}

#[test]
fn a_storage_error_leaves_the_old_vault_in_place() {
    let storage = MemoryStorage::new();
    let key = three_generations(&storage);
    let before = storage.snapshot();
    // A write performs: get head, get a, get b, then set slot (op 3).
    let quota = FaultyStorage::new(&storage, 3, Fault::ErrorBefore, 0);
    let error = block_on(VaultStore::new(&quota).write(b"four", &key)).unwrap_err();
    assert!(matches!(error, VaultError::Storage(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "vault storage failed: storage set failed: injected quota error"
    );
    assert_eq!(storage.snapshot(), before);
    assert_eq!(
        &block_on(VaultStore::new(&storage).open_with_key(&key))
            .unwrap()
            .plaintext[..],
        b"three"
    );
}

#[test]
fn password_change_rekeys_both_generations() {
    let storage = MemoryStorage::new();
    let key = three_generations(&storage);
    let store = VaultStore::new(&storage);
    let (new_key, written) = block_on(store.change_password(&key, b"new password", &params(7))).unwrap();
    assert_eq!(
        written,
        Written {
            generation: 5,
            slot: Slot::A
        }
    );
    let (opened, derived) = block_on(store.open_with_password(b"new password")).unwrap();
    assert_eq!(
        (&opened.plaintext[..], opened.source),
        (&b"three"[..], Source::Current)
    );
    assert_eq!(*derived.to_bytes(), *new_key.to_bytes());
    // No generation is left under the old password.
    assert_eq!(
        block_on(store.open_with_password(PASSWORD)).unwrap_err(),
        VaultError::Decrypt
    );
    assert_eq!(
        block_on(store.open_with_key(&key)).unwrap_err(),
        VaultError::Decrypt
    );
    for slot in [Slot::A, Slot::B] {
        let SlotState::Parsed(record) = parse_slot(raw(&storage, slot.storage_key()).as_deref()) else {
            panic!()
        };
        assert_eq!(record.file.kdf(), &params(7));
    }
    // The old key can no longer write.
    assert_eq!(
        block_on(store.write(b"x", &key)).unwrap_err(),
        VaultError::Decrypt
    );
}

/// Generations under different parameters (a password change whose second write failed):
/// each password is derived with its own generation's header.
#[test]
fn generations_with_different_parameters_open_with_their_own_password() {
    let storage = MemoryStorage::new();
    let old_key = three_generations(&storage);
    let store = VaultStore::new(&storage);
    let new_key = kdf::derive(b"new password", &params(8)).unwrap();
    block_on(store.commit(b"rekeyed", &new_key, &params(8), Slot::B, 4)).unwrap();

    let (opened, _) = block_on(store.open_with_password(b"new password")).unwrap();
    assert_eq!(
        (&opened.plaintext[..], opened.source),
        (&b"rekeyed"[..], Source::Current)
    );
    // The old password opens only the backup: reported like damage, never acted on.
    let before = storage.snapshot();
    let (opened, key) = block_on(store.open_with_password(PASSWORD)).unwrap();
    assert_eq!(&opened.plaintext[..], b"three");
    assert_eq!(
        opened.source,
        Source::Backup {
            current_fault: SlotFault::Unopenable
        }
    );
    assert_eq!(*key.to_bytes(), *old_key.to_bytes());
    assert_eq!(storage.snapshot(), before);
}

#[test]
fn a_newer_format_in_the_current_slot_is_reported_not_skipped() {
    let storage = MemoryStorage::new();
    let key = three_generations(&storage);
    let store = VaultStore::new(&storage);
    let b = raw(&storage, KEY_SLOT_B).unwrap();
    // The backup in a newer format does not matter while the current opens.
    put(
        &storage,
        KEY_SLOT_B,
        &b.replacen("\"vault\":{\"version\":1", "\"vault\":{\"version\":2", 1),
    );
    assert_eq!(
        &block_on(store.open_with_key(&key)).unwrap().plaintext[..],
        b"three"
    );
    put(&storage, KEY_SLOT_B, &b);
    let a = raw(&storage, KEY_SLOT_A).unwrap();
    put(
        &storage,
        KEY_SLOT_A,
        &a.replacen("\"vault\":{\"version\":1", "\"vault\":{\"version\":2", 1),
    );
    assert_eq!(
        block_on(store.open_with_key(&key)).unwrap_err(),
        VaultError::UnsupportedVersion {
            found: 2,
            supported: 1
        }
    );
    assert_eq!(
        block_on(store.write(b"x", &key)).unwrap_err(),
        VaultError::UnsupportedVersion {
            found: 2,
            supported: 1
        }
    );
}

#[test]
fn backup_export_and_import() {
    let storage = MemoryStorage::new();
    let key = three_generations(&storage);
    let store = VaultStore::new(&storage);
    let backup = block_on(store.export_backup(&key, b"export pw", &params(3))).unwrap();
    assert_eq!(backup.vault().kdf(), &params(3));
    let text = backup.to_json();

    // Into an empty store (a new device).
    let other = MemoryStorage::new();
    let other_store = VaultStore::new(&other);
    let parsed = BackupFile::parse(&text).unwrap();
    assert_eq!(
        block_on(other_store.import_backup(&parsed, b"wrong")).unwrap_err(),
        VaultError::Decrypt
    );
    assert!(other.snapshot().is_empty(), "a failed import wrote something");
    let (imported_key, written) = block_on(other_store.import_backup(&parsed, b"export pw")).unwrap();
    assert_eq!(
        written,
        Written {
            generation: 1,
            slot: Slot::A
        }
    );
    let (opened, _) = block_on(other_store.open_with_password(b"export pw")).unwrap();
    assert_eq!(&opened.plaintext[..], b"three");
    assert_eq!(
        *kdf::derive(b"export pw", &params(3)).unwrap().to_bytes(),
        *imported_key.to_bytes()
    );

    // Over an existing vault: the import becomes current, the replaced vault the backup.
    let replacing = BackupFile::seal(b"from elsewhere", b"backup pw", &params(4)).unwrap();
    let before = storage.snapshot();
    assert_eq!(
        block_on(store.import_backup(&replacing, b"nope")).unwrap_err(),
        VaultError::Decrypt
    );
    assert_eq!(storage.snapshot(), before);
    let (_, written) = block_on(store.import_backup(&replacing, b"backup pw")).unwrap();
    assert_eq!(
        written,
        Written {
            generation: 4,
            slot: Slot::B
        }
    );
    let (opened, _) = block_on(store.open_with_password(b"backup pw")).unwrap();
    assert_eq!(
        (&opened.plaintext[..], opened.source),
        (&b"from elsewhere"[..], Source::Current)
    );
    let opened = block_on(store.open_with_key(&key)).unwrap();
    assert_eq!(&opened.plaintext[..], b"three");
    assert!(opened.from_backup());
}

#[test]
fn destroy_removes_everything() {
    let storage = MemoryStorage::new();
    let _key = three_generations(&storage);
    put(&storage, KEY_QUARANTINE, "x");
    put(&storage, "prefs", "kept");
    block_on(VaultStore::new(&storage).destroy()).unwrap();
    assert_eq!(
        storage.snapshot(),
        BTreeMap::from([("prefs".to_owned(), "kept".to_owned())])
    );
}

#[test]
fn secrets_stay_out_of_debug_output_and_errors() {
    let storage = MemoryStorage::new();
    let key = three_generations(&storage);
    let store = VaultStore::new(&storage);
    let key_hex = hex::encode(&key.to_bytes()[..]);
    let key_b64 = key.to_base64().to_string();
    let opened = block_on(store.open_with_key(&key)).unwrap();
    let shown = format!("{opened:?} {key:?}");
    assert!(shown.contains("<redacted>"));
    for secret in [key_hex.as_str(), key_b64.as_str(), "three", "116, 104, 114"] {
        assert!(!shown.contains(secret), "{shown}");
    }

    let mut errors = vec![
        block_on(store.open_with_password(b"hunter2-typo")).unwrap_err(),
        block_on(store.open_with_key(&VaultKey::from_bytes(&[1; 32]).unwrap())).unwrap_err(),
        VaultKey::from_bytes(b"short").unwrap_err(),
        VaultKey::from_base64("not a key").unwrap_err(),
        BackupFile::parse("three").unwrap_err(),
    ];
    put(&storage, KEY_SLOT_A, "three");
    errors.push(block_on(store.write(b"three", &key)).unwrap_err());
    for error in errors {
        let text = format!("{error} {error:?}");
        for secret in [key_hex.as_str(), key_b64.as_str(), "three", "hunter2", "short"] {
            assert!(!text.contains(secret), "{text}");
        }
    }
}
