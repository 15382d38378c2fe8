//! The engine through its popup commands, natively, with in-memory storage and the cheapest
//! KDF parameters the vault accepts.

use std::cell::Cell;
use std::rc::Rc;

use futures::executor::block_on;
use serde_json::json;

use super::*;
use crate::storage::{MemoryStorage, StorageError};

const ABANDON: &str =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
const ABANDON_ADDRESS: &str = "0x9858EfFD232B4033E47d90003D41EC34EcaEda94";
const PASSWORD: &str = "correct horse battery staple";
const FAST: KdfPolicy = KdfPolicy::Fixed { m_kib: 19_456, t: 2 };

/// Memory storage that can be told to refuse writes, shared between engine "lives".
#[derive(Clone, Default)]
struct Store {
    inner: Rc<MemoryStorage>,
    fail_writes: Rc<Cell<bool>>,
}

#[async_trait::async_trait(?Send)]
impl Storage for Store {
    async fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.inner.get(key).await
    }
    async fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if self.fail_writes.get() {
            return Err(StorageError::Backend {
                operation: "set",
                reason: "QUOTA_BYTES quota exceeded".into(),
            });
        }
        self.inner.set(key, value).await
    }
    async fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.inner.remove(key).await
    }
}

/// A node that answers every call with `"0x10"` — or what `answers` holds for the method —
/// and records where calls went.
#[derive(Default)]
struct Node {
    calls: std::cell::RefCell<Vec<(String, serde_json::Value)>>,
    /// Per method: a JSON-RPC `result`, or `{"error": …}` for an error answer.
    answers: std::cell::RefCell<std::collections::HashMap<String, serde_json::Value>>,
}

impl Node {
    fn answer(&self, method: &str, result: serde_json::Value) {
        self.answers.borrow_mut().insert(method.to_owned(), result);
    }

    fn sent(&self, method: &str) -> Vec<serde_json::Value> {
        self.calls
            .borrow()
            .iter()
            .filter(|(_, body)| body["method"] == method)
            .map(|(_, body)| body["params"].clone())
            .collect()
    }
}

#[async_trait::async_trait(?Send)]
impl crate::net::Http for Node {
    async fn post_json(&self, url: &str, body: &str) -> Result<String, crate::net::HttpError> {
        let body: serde_json::Value = serde_json::from_str(body).unwrap();
        let mut method = body["method"].as_str().unwrap_or_default().to_owned();
        // eth_call answers may be keyed by the call data too: "eth_call:0x95d89b41".
        if let Some(data) = body["params"][0]["data"].as_str()
            && self.answers.borrow().contains_key(&format!("{method}:{data}"))
        {
            method = format!("{method}:{data}");
        }
        self.calls.borrow_mut().push((url.to_owned(), body));
        let answer = match self.answers.borrow().get(&method) {
            Some(serde_json::Value::Object(o)) if o.contains_key("error") => {
                json!({"jsonrpc": "2.0", "id": 1, "error": o["error"]})
            }
            Some(result) => json!({"jsonrpc": "2.0", "id": 1, "result": result}),
            None => json!({"jsonrpc": "2.0", "id": 1, "result": "0x10"}),
        };
        Ok(answer.to_string())
    }
}

struct Harness {
    local: Store,
    session: Store,
    node: Rc<Node>,
}

impl Harness {
    fn new() -> Self {
        Self {
            local: Store::default(),
            session: Store::default(),
            node: Rc::new(Node::default()),
        }
    }

    /// A new engine life over the same storage (a worker restart).
    fn start(&self) -> Engine<Store> {
        block_on(Engine::load(
            self.local.clone(),
            self.session.clone(),
            self.node.clone(),
            FAST,
        ))
    }

    /// The browser restarted: session storage is gone.
    fn restart_browser(&mut self) {
        self.session = Store::default();
    }
}

fn ui(engine: &Engine<Store>, request: UiRequest) -> UiResponse {
    block_on(engine.handle_ui(request)).reply
}

fn state(engine: &Engine<Store>) -> WalletState {
    match ui(engine, UiRequest::GetState) {
        UiResponse::State { state } => state,
        other => panic!("{other:?}"),
    }
}

fn ok(response: UiResponse) -> WalletState {
    match response {
        UiResponse::State { state } => state,
        other => panic!("expected a state, got {other:?}"),
    }
}

fn err(response: UiResponse) -> UiError {
    match response {
        UiResponse::Error { error, .. } => error,
        other => panic!("expected an error, got {other:?}"),
    }
}

fn import_abandon(engine: &Engine<Store>) -> WalletState {
    ok(ui(
        engine,
        UiRequest::ImportMnemonic {
            phrase: ABANDON.into(),
            passphrase: String::new(),
            password: PASSWORD.into(),
        },
    ))
}

fn selected_address(state: &WalletState) -> String {
    let id = state.selected_account.clone().unwrap();
    state
        .accounts
        .iter()
        .find(|a| a.id == id)
        .unwrap()
        .evm_address
        .clone()
}

/// Everything in both storage areas, as one string.
fn everything(h: &Harness) -> String {
    format!("{:?}{:?}", h.local.inner.snapshot(), h.session.inner.snapshot())
}

#[test]
fn importing_the_test_mnemonic_gives_the_known_address_and_a_locked_vault_on_disk() {
    let h = Harness::new();
    let engine = h.start();
    assert!(!state(&engine).initialized);
    let s = import_abandon(&engine);
    assert!(s.initialized && s.unlocked);
    assert_eq!(selected_address(&s), ABANDON_ADDRESS);
    assert_eq!(s.accounts.len(), 1);
    assert!(
        s.accounts[0]
            .neo_public_key
            .as_ref()
            .is_some_and(|k| k.len() == 66)
    );
    assert!(
        s.accounts[0]
            .solana_public_key
            .as_ref()
            .is_some_and(|k| k.len() == 64)
    );
    let all = everything(&h);
    assert!(!all.contains("abandon"), "the mnemonic reached storage");
    // Account 0's private key (BIP32 m/44'/60'/0'/0/0 of the test mnemonic).
    assert!(!all.contains("1ab42cc412b618bdea3a599e3c9bae199ebf030895b039e9db1e30dafb12b727"));
    assert!(h.session.inner.snapshot().contains_key(SESSION_KEY));
}

#[test]
fn a_worker_restart_stays_unlocked_and_a_browser_restart_locks() {
    let mut h = Harness::new();
    import_abandon(&h.start());
    let again = h.start();
    let s = state(&again);
    assert!(s.unlocked, "the session key kept the wallet unlocked");
    assert_eq!(selected_address(&s), ABANDON_ADDRESS);
    h.restart_browser();
    let s = state(&h.start());
    assert!(s.initialized && !s.unlocked && s.accounts.is_empty());
}

#[test]
fn lock_forgets_the_session_and_unlock_needs_the_right_password() {
    let h = Harness::new();
    let engine = h.start();
    import_abandon(&engine);
    let s = ok(ui(&engine, UiRequest::Lock));
    assert!(!s.unlocked && s.accounts.is_empty() && s.selected_account.is_none());
    assert!(!h.session.inner.snapshot().contains_key(SESSION_KEY));
    assert!(!state(&h.start()).unlocked);
    let before = h.local.inner.snapshot();
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::Unlock {
                password: "wrong password".into()
            }
        )),
        UiError::WrongPassword
    );
    assert_eq!(
        h.local.inner.snapshot(),
        before,
        "a failed unlock changes nothing"
    );
    let s = ok(ui(
        &engine,
        UiRequest::Unlock {
            password: PASSWORD.into(),
        },
    ));
    assert_eq!(selected_address(&s), ABANDON_ADDRESS);
}

#[test]
fn creating_a_wallet_needs_the_words_back_in_order() {
    let h = Harness::new();
    let engine = h.start();
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::CreateWallet {
                confirmation: vec![],
                password: PASSWORD.into()
            }
        )),
        UiError::NoPendingMnemonic
    );
    let UiResponse::NewMnemonic { words } = ui(&engine, UiRequest::GenerateMnemonic { words: 24 }) else {
        panic!("no mnemonic")
    };
    assert_eq!(words.len(), 24);
    let mut swapped = words.clone();
    swapped.swap(0, 1);
    if swapped != words {
        assert_eq!(
            err(ui(
                &engine,
                UiRequest::CreateWallet {
                    confirmation: swapped,
                    password: PASSWORD.into()
                }
            )),
            UiError::ConfirmationMismatch
        );
    }
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::CreateWallet {
                confirmation: words.clone(),
                password: "short".into()
            }
        )),
        UiError::WeakPassword
    );
    let s = ok(ui(
        &engine,
        UiRequest::CreateWallet {
            confirmation: words.clone(),
            password: PASSWORD.into(),
        },
    ));
    assert!(s.initialized && s.unlocked && s.accounts.len() == 1);
    assert!(!everything(&h).contains(&words.join(" ")));
    assert_eq!(
        err(ui(&engine, UiRequest::GenerateMnemonic { words: 12 })),
        UiError::AlreadyInitialized
    );
}

#[test]
fn a_bad_phrase_says_which_word_or_that_the_checksum_fails() {
    let engine = Harness::new().start();
    let import = |phrase: &str| {
        ui(
            &engine,
            UiRequest::ImportMnemonic {
                phrase: phrase.into(),
                passphrase: String::new(),
                password: PASSWORD.into(),
            },
        )
    };
    match import(&ABANDON.replace("about", "abuot")) {
        UiResponse::Error {
            error: UiError::UnknownWord,
            args,
            ..
        } => assert_eq!(args, ["12", "abuot"]),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err(import(&ABANDON.replace("about", "abandon"))),
        UiError::BadChecksum
    );
    assert_eq!(err(import("abandon abandon")), UiError::BadWordCount);
    assert!(!state(&engine).initialized);
}

#[test]
fn account_changes_are_persisted_before_they_are_acknowledged() {
    let h = Harness::new();
    let engine = h.start();
    import_abandon(&engine);
    let s = ok(ui(&engine, UiRequest::AddAccount));
    assert_eq!(s.accounts.len(), 2);
    let second = s.selected_account.clone().unwrap();
    assert_ne!(second, s.accounts[0].id);
    ok(ui(
        &engine,
        UiRequest::RenameAccount {
            id: second.clone(),
            name: "Savings".into(),
        },
    ));
    ok(ui(
        &engine,
        UiRequest::SetAccountHidden {
            id: s.accounts[0].id.clone(),
            hidden: true,
        },
    ));
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::RenameAccount {
                id: second.clone(),
                name: " ".into()
            }
        )),
        UiError::InvalidName
    );
    assert_eq!(
        err(ui(&engine, UiRequest::SelectAccount { id: "nope".into() })),
        UiError::UnknownAccount
    );

    // A new life, unlocked by password, sees the same accounts.
    let again = h.start();
    ok(ui(&again, UiRequest::Lock));
    let s = ok(ui(
        &again,
        UiRequest::Unlock {
            password: PASSWORD.into(),
        },
    ));
    assert_eq!(s.accounts.len(), 2);
    let named = s.accounts.iter().find(|a| a.id == second).unwrap();
    assert_eq!(named.name, "Savings");
    assert!(s.accounts[0].hidden);
    assert_eq!(s.selected_account, Some(second));
}

#[test]
fn a_refused_write_leaves_everything_as_it_was() {
    let h = Harness::new();
    let engine = h.start();
    import_abandon(&engine);
    let before = h.local.inner.snapshot();
    h.local.fail_writes.set(true);
    assert_eq!(err(ui(&engine, UiRequest::AddAccount)), UiError::Storage);
    assert_eq!(
        state(&engine).accounts.len(),
        1,
        "the in-memory keyring was rolled back"
    );
    assert_eq!(
        err(ui(&engine, UiRequest::SetAutoLock { minutes: 5 })),
        UiError::Storage
    );
    assert_eq!(state(&engine).auto_lock_minutes, DEFAULT_AUTO_LOCK_MINUTES);
    assert_eq!(h.local.inner.snapshot(), before);
    h.local.fail_writes.set(false);
    assert_eq!(ok(ui(&engine, UiRequest::AddAccount)).accounts.len(), 2);
}

#[test]
fn secrets_are_shown_only_with_the_password() {
    let engine = Harness::new().start();
    let s = import_abandon(&engine);
    let id = s.accounts[0].id.clone();
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::RevealMnemonic {
                password: "nope nope".into()
            }
        )),
        UiError::WrongPassword
    );
    match ui(
        &engine,
        UiRequest::RevealMnemonic {
            password: PASSWORD.into(),
        },
    ) {
        UiResponse::Secret { secret } => assert_eq!(secret, ABANDON),
        other => panic!("{other:?}"),
    }
    match ui(
        &engine,
        UiRequest::ExportPrivateKey {
            id,
            password: PASSWORD.into(),
        },
    ) {
        UiResponse::Secret { secret } => {
            assert!(
                secret
                    .trim_start_matches("0x")
                    .eq_ignore_ascii_case("1ab42cc412b618bdea3a599e3c9bae199ebf030895b039e9db1e30dafb12b727")
            );
        }
        other => panic!("{other:?}"),
    }
    ok(ui(&engine, UiRequest::Lock));
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::RevealMnemonic {
                password: PASSWORD.into()
            }
        )),
        UiError::Locked
    );
}

#[test]
fn changing_the_password_re_encrypts_the_vault() {
    let h = Harness::new();
    let engine = h.start();
    import_abandon(&engine);
    let change = |old: &str, new: &str| {
        ui(
            &engine,
            UiRequest::ChangePassword {
                old_password: old.into(),
                new_password: new.into(),
            },
        )
    };
    assert_eq!(
        err(change("wrong password", "another password")),
        UiError::WrongPassword
    );
    assert_eq!(err(change(PASSWORD, "short")), UiError::WeakPassword);
    ok(change(PASSWORD, "another password 2"));
    ok(ui(&engine, UiRequest::Lock));
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::Unlock {
                password: PASSWORD.into()
            }
        )),
        UiError::WrongPassword
    );
    let s = ok(ui(
        &engine,
        UiRequest::Unlock {
            password: "another password 2".into(),
        },
    ));
    assert_eq!(selected_address(&s), ABANDON_ADDRESS);
}

#[test]
fn private_keys_import_into_the_open_wallet_only() {
    let h = Harness::new();
    let engine = h.start();
    // Account 0 of the Hardhat/anvil test mnemonic.
    let key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    let import = |key: &str, password: &str| {
        ui(
            &engine,
            UiRequest::ImportPrivateKey {
                key: key.into(),
                password: password.into(),
            },
        )
    };
    assert_eq!(err(import(key, PASSWORD)), UiError::NotInitialized);
    import_abandon(&engine);
    assert_eq!(err(import("0x1234", PASSWORD)), UiError::InvalidPrivateKey);
    assert_eq!(err(import(key, "wrong password")), UiError::WrongPassword);
    let s = ok(import(key, PASSWORD));
    assert_eq!(selected_address(&s), "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    assert_eq!(s.accounts.len(), 2);
    assert_eq!(s.accounts[1].kind, AccountKind::Imported);
    assert_eq!(err(import(key, PASSWORD)), UiError::DuplicateAccount);
    assert!(!everything(&h).contains(&key[2..]));
}

#[test]
fn auto_lock_time_is_a_validated_persisted_setting() {
    let h = Harness::new();
    let engine = h.start();
    assert_eq!(state(&engine).auto_lock_minutes, 15);
    assert_eq!(
        err(ui(&engine, UiRequest::SetAutoLock { minutes: 0 })),
        UiError::InvalidSetting
    );
    assert_eq!(
        err(ui(&engine, UiRequest::SetAutoLock { minutes: 1441 })),
        UiError::InvalidSetting
    );
    ok(ui(&engine, UiRequest::SetAutoLock { minutes: 3 }));
    assert_eq!(state(&h.start()).auto_lock_minutes, 3);
    let outcome = block_on(engine.handle_ui(UiRequest::GetState));
    assert_eq!((outcome.unlocked, outcome.auto_lock_minutes), (false, 3));
}

#[test]
fn a_backup_file_restores_the_wallet_elsewhere() {
    let engine = Harness::new().start();
    import_abandon(&engine);
    ok(ui(&engine, UiRequest::AddAccount));
    let UiResponse::Backup { contents, .. } = ui(
        &engine,
        UiRequest::ExportBackup {
            password: PASSWORD.into(),
            backup_password: "backup password".into(),
        },
    ) else {
        panic!("no backup")
    };
    assert!(!contents.contains("abandon"));
    let elsewhere = Harness::new().start();
    let import = |backup_password: &str| {
        ui(
            &elsewhere,
            UiRequest::ImportBackup {
                file: contents.clone(),
                backup_password: backup_password.into(),
                password: "new device password".into(),
            },
        )
    };
    assert_eq!(err(import("wrong backup password")), UiError::InvalidBackup);
    let s = ok(import("backup password"));
    assert_eq!(s.accounts.len(), 2);
    assert_eq!(s.accounts[0].evm_address, ABANDON_ADDRESS);
}

#[test]
fn locked_wallets_refuse_account_commands_and_pages_still_get_the_chain() {
    let engine = Harness::new().start();
    import_abandon(&engine);
    ok(ui(&engine, UiRequest::Lock));
    assert_eq!(err(ui(&engine, UiRequest::AddAccount)), UiError::Locked);
    let reply = block_on(engine.handle_page("https://dapp.example", &json!({"method": "eth_chainId"}))).reply;
    assert_eq!(reply, PageReply::Result(json!("0x1")));
}

fn chain_id_of(engine: &Engine<Store>) -> serde_json::Value {
    match block_on(engine.handle_page("http://127.0.0.1:8080", &json!({"method": "eth_chainId"}))).reply {
        PageReply::Result(v) => v,
        other => panic!("{other:?}"),
    }
}

#[test]
fn selecting_a_network_persists_it_and_announces_chain_changed() {
    let h = Harness::new();
    let engine = h.start();
    assert_eq!(chain_id_of(&engine), json!("0x1"));
    let local = ChainId::new(31_337).unwrap();
    let out = block_on(engine.handle_ui(UiRequest::SelectNetwork { chain_id: local }));
    assert_eq!(out.events.len(), 1);
    assert_eq!(out.events[0].event.name, "chainChanged");
    assert_eq!(out.events[0].event.data, json!("0x7a69"));
    assert_eq!(chain_id_of(&engine), json!("0x7a69"));
    let again = block_on(engine.handle_ui(UiRequest::SelectNetwork { chain_id: local }));
    assert!(
        again.events.is_empty(),
        "selecting the same network again announces nothing"
    );
    assert_eq!(chain_id_of(&h.start()), json!("0x7a69"));
}

#[test]
fn unknown_networks_are_refused_and_change_nothing() {
    let h = Harness::new();
    let engine = h.start();
    let unknown = ChainId::new(999_999).unwrap();
    assert_eq!(
        err(ui(&engine, UiRequest::SelectNetwork { chain_id: unknown })),
        UiError::UnknownNetwork
    );
    assert!(h.local.inner.snapshot().is_empty());
    assert_eq!(chain_id_of(&engine), json!("0x1"));
}

#[test]
fn corrupt_prefs_fall_back_to_defaults_without_being_overwritten() {
    let h = Harness::new();
    block_on(h.local.set(PREFS_KEY, "{not json")).unwrap();
    let engine = h.start();
    assert_eq!(chain_id_of(&engine), json!("0x1"));
    assert_eq!(h.local.inner.snapshot()[PREFS_KEY], "{not json");
}

#[test]
fn requests_from_non_web_origins_are_unauthorized() {
    let engine = Harness::new().start();
    for origin in ["", "null", "chrome-extension://abc", "file:///x"] {
        let reply = block_on(engine.handle_page(origin, &json!({"method": "eth_chainId"}))).reply;
        assert!(
            matches!(
                reply,
                PageReply::Error(ProviderError {
                    code: ProviderErrorCode::Unauthorized,
                    ..
                })
            ),
            "{origin}"
        );
    }
}

#[test]
fn a_damaged_vault_is_reported_and_its_backup_generation_restored_on_request() {
    let h = Harness::new();
    let engine = h.start();
    import_abandon(&engine);
    ok(ui(&engine, UiRequest::AddAccount)); // generation 2: two accounts; generation 1 has one
    ok(ui(&engine, UiRequest::Lock));
    // Flip one ciphertext character of the current generation, as a bad disk or a bug might.
    let head: serde_json::Value =
        serde_json::from_str(&h.local.inner.snapshot()[crate::vault::store::KEY_HEAD]).unwrap();
    let slot = format!("vault:{}", head["current"].as_str().unwrap());
    let mut blob: serde_json::Value = serde_json::from_str(&h.local.inner.snapshot()[&slot]).unwrap();
    let ct = blob["vault"]["ciphertext"].as_str().unwrap().to_owned();
    let flipped = if ct.starts_with('A') {
        ct.replacen('A', "B", 1)
    } else {
        format!("A{}", &ct[1..])
    };
    blob["vault"]["ciphertext"] = json!(flipped);
    block_on(h.local.inner.set(&slot, &blob.to_string())).unwrap();

    let engine = h.start();
    let before = h.local.inner.snapshot();
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::Unlock {
                password: PASSWORD.into()
            }
        )),
        UiError::VaultDamaged
    );
    let s = state(&engine);
    assert!(s.vault_damaged && !s.unlocked);
    assert_eq!(
        h.local.inner.snapshot(),
        before,
        "nothing was overwritten silently"
    );
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::RestoreBackupGeneration {
                password: "wrong password".into()
            }
        )),
        UiError::WrongPassword
    );
    let s = ok(ui(
        &engine,
        UiRequest::RestoreBackupGeneration {
            password: PASSWORD.into(),
        },
    ));
    assert!(s.unlocked && !s.vault_damaged);
    assert_eq!(s.accounts.len(), 1, "the previous generation's contents");
    // The restored copy is current again: a fresh life unlocks normally.
    ok(ui(&engine, UiRequest::Lock));
    assert!(
        ok(ui(
            &h.start(),
            UiRequest::Unlock {
                password: PASSWORD.into()
            }
        ))
        .unlocked
    );
}

// ---- Connecting sites: approvals answered from a simulated approval window ----

const DAPP: &str = "https://dapp.example";
const OTHER: &str = "http://127.0.0.1:3000";

/// Records the engine's effects, so a test can play the approval window.
fn watch_effects(engine: &Engine<Store>) -> Rc<std::cell::RefCell<Vec<Effect>>> {
    let seen = Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = seen.clone();
    engine.set_effects(Box::new(move |e| sink.borrow_mut().push(e)));
    seen
}

/// Waits (by yielding) until an approval window is asked for, and returns its id.
async fn next_approval(seen: &Rc<std::cell::RefCell<Vec<Effect>>>) -> String {
    futures::future::poll_fn(|cx| {
        let found = seen
            .borrow_mut()
            .iter()
            .position(|e| matches!(e, Effect::OpenApproval { .. }));
        match found.map(|i| seen.borrow_mut().remove(i)) {
            Some(Effect::OpenApproval { id }) => std::task::Poll::Ready(id),
            _ => {
                cx.waker().wake_by_ref();
                std::task::Poll::Pending
            }
        }
    })
    .await
}

/// Runs a page request while `window` plays the user in the approval window.
fn page_with_window<F: std::future::Future<Output = ()>>(
    engine: &Engine<Store>,
    origin: &str,
    request: serde_json::Value,
    window: impl FnOnce(String) -> F,
) -> Outcome<PageReply> {
    let seen = watch_effects(engine);
    block_on(async {
        let page = engine.handle_page(origin, &request);
        let user = async { window(next_approval(&seen).await).await };
        futures::future::join(page, user).await.0
    })
}

fn page(engine: &Engine<Store>, origin: &str, request: serde_json::Value) -> PageReply {
    block_on(engine.handle_page(origin, &request)).reply
}

fn connect(engine: &Engine<Store>, origin: &str, accounts: &[&str]) -> Outcome<PageReply> {
    let accounts: Vec<String> = accounts.iter().map(|a| (*a).to_owned()).collect();
    page_with_window(
        engine,
        origin,
        json!({"method": "eth_requestAccounts"}),
        |id| async move {
            let approval = engine
                .handle_ui(UiRequest::GetApproval { id: id.clone() })
                .await
                .reply;
            let UiResponse::Approval { approval } = approval else {
                panic!("{approval:?}")
            };
            assert_eq!(approval.kind, crate::api::ApprovalKind::Connect);
            ok(engine
                .handle_ui(UiRequest::ResolveApproval {
                    id,
                    approve: true,
                    accounts,
                })
                .await
                .reply);
        },
    )
}

fn events_for<'a>(outcome: &'a Outcome<PageReply>, origin: &str) -> Vec<&'a PageEvent> {
    outcome
        .events
        .iter()
        .filter(|b| b.origin.as_deref() == Some(origin))
        .map(|b| &b.event)
        .collect()
}

#[test]
fn connecting_asks_the_user_and_remembers_the_grant() {
    let h = Harness::new();
    let engine = h.start();
    import_abandon(&engine);
    assert_eq!(
        page(&engine, DAPP, json!({"method": "eth_accounts"})),
        PageReply::Result(json!([]))
    );
    let out = connect(&engine, DAPP, &["hd:0"]);
    assert_eq!(out.reply, PageReply::Result(json!([ABANDON_ADDRESS])));
    let events = events_for(&out, DAPP);
    assert_eq!(
        events.last().map(|e| (&e.name[..], &e.data)),
        Some(("accountsChanged", &json!([ABANDON_ADDRESS])))
    );
    assert_eq!(
        page(&engine, DAPP, json!({"method": "eth_accounts"})),
        PageReply::Result(json!([ABANDON_ADDRESS]))
    );
    // Another origin sees nothing of it.
    assert_eq!(
        page(&engine, OTHER, json!({"method": "eth_accounts"})),
        PageReply::Result(json!([]))
    );
    // The grant survives a restart (stored), and a second request does not prompt again.
    let again = h.start();
    let seen = watch_effects(&again);
    assert_eq!(
        page(&again, DAPP, json!({"method": "eth_requestAccounts"})),
        PageReply::Result(json!([ABANDON_ADDRESS]))
    );
    assert!(seen.borrow().is_empty());
}

#[test]
fn rejecting_or_closing_the_window_is_4001_and_grants_nothing() {
    let engine = &Harness::new().start();
    import_abandon(engine);
    let out = page_with_window(
        engine,
        DAPP,
        json!({"method": "eth_requestAccounts"}),
        |id| async move {
            ok(engine
                .handle_ui(UiRequest::ResolveApproval {
                    id,
                    approve: false,
                    accounts: vec![],
                })
                .await
                .reply);
        },
    );
    let PageReply::Error(e) = out.reply else {
        panic!("{:?}", out.reply)
    };
    assert_eq!(e.code, ProviderErrorCode::UserRejected);
    assert_eq!(
        page(engine, DAPP, json!({"method": "eth_accounts"})),
        PageReply::Result(json!([]))
    );
    // Approving with no account chosen is refused in the window, and the request stays open.
    let out = page_with_window(
        engine,
        DAPP,
        json!({"method": "eth_requestAccounts"}),
        |id| async move {
            let none = engine
                .handle_ui(UiRequest::ResolveApproval {
                    id: id.clone(),
                    approve: true,
                    accounts: vec![],
                })
                .await;
            assert_eq!(err(none.reply), UiError::NoAccountChosen);
            let bogus = engine
                .handle_ui(UiRequest::ResolveApproval {
                    id: id.clone(),
                    approve: true,
                    accounts: vec!["hd:7".into()],
                })
                .await;
            assert_eq!(err(bogus.reply), UiError::UnknownAccount);
            ok(engine
                .handle_ui(UiRequest::ResolveApproval {
                    id,
                    approve: false,
                    accounts: vec![],
                })
                .await
                .reply);
        },
    );
    assert!(matches!(
        out.reply,
        PageReply::Error(ProviderError {
            code: ProviderErrorCode::UserRejected,
            ..
        })
    ));
}

#[test]
fn one_prompt_per_origin_at_a_time() {
    let engine = &Harness::new().start();
    import_abandon(engine);
    let out = page_with_window(
        engine,
        DAPP,
        json!({"method": "eth_requestAccounts"}),
        |id| async move {
            let request = json!({"method": "eth_requestAccounts"});
            let second = engine.handle_page(DAPP, &request).await.reply;
            let PageReply::Error(e) = second else {
                panic!("{second:?}")
            };
            assert_eq!(e.code, ProviderErrorCode::ResourceUnavailable);
            ok(engine
                .handle_ui(UiRequest::ResolveApproval {
                    id,
                    approve: true,
                    accounts: vec!["hd:0".into()],
                })
                .await
                .reply);
        },
    );
    assert_eq!(out.reply, PageReply::Result(json!([ABANDON_ADDRESS])));
}

#[test]
fn locking_hides_accounts_and_unlocking_shows_them_again() {
    let engine = &Harness::new().start();
    import_abandon(engine);
    connect(engine, DAPP, &["hd:0"]);
    let out = block_on(engine.handle_ui(UiRequest::Lock));
    let hidden: Vec<_> = out
        .events
        .iter()
        .filter(|b| b.origin.as_deref() == Some(DAPP))
        .collect();
    assert_eq!(hidden.last().map(|b| &b.event.data), Some(&json!([])));
    assert_eq!(
        page(engine, DAPP, json!({"method": "eth_accounts"})),
        PageReply::Result(json!([]))
    );
    // The permission itself stays.
    let PageReply::Result(perms) = page(engine, DAPP, json!({"method": "wallet_getPermissions"})) else {
        panic!()
    };
    assert_eq!(perms[0]["parentCapability"], "eth_accounts");
    let out = block_on(engine.handle_ui(UiRequest::Unlock {
        password: PASSWORD.into(),
    }));
    let shown: Vec<_> = out
        .events
        .iter()
        .filter(|b| b.origin.as_deref() == Some(DAPP))
        .collect();
    assert_eq!(
        shown.last().map(|b| &b.event.data),
        Some(&json!([ABANDON_ADDRESS]))
    );
}

#[test]
fn a_connected_site_asking_while_locked_waits_for_the_unlock() {
    let engine = &Harness::new().start();
    import_abandon(engine);
    connect(engine, DAPP, &["hd:0"]);
    ok(ui(engine, UiRequest::Lock));
    let seen = watch_effects(engine);
    let out = block_on(async {
        let request = json!({"method": "eth_requestAccounts"});
        let page = engine.handle_page(DAPP, &request);
        let user = async {
            let id = next_approval(&seen).await;
            let UiResponse::Approval { approval } = engine
                .handle_ui(UiRequest::GetApproval { id: id.clone() })
                .await
                .reply
            else {
                panic!()
            };
            assert_eq!(approval.kind, crate::api::ApprovalKind::Unlock);
            // The user unlocks in that window; the unlock completes the approval by itself.
            ok(engine
                .handle_ui(UiRequest::Unlock {
                    password: PASSWORD.into(),
                })
                .await
                .reply);
            id
        };
        futures::future::join(page, user).await
    });
    assert_eq!(out.0.reply, PageReply::Result(json!([ABANDON_ADDRESS])));
    assert!(
        seen.borrow().contains(&Effect::CloseApproval { id: out.1 }),
        "the unlock window is closed"
    );
}

#[test]
fn revoking_empties_the_accounts_and_says_so() {
    let engine = &Harness::new().start();
    import_abandon(engine);
    connect(engine, DAPP, &["hd:0"]);
    connect(engine, OTHER, &["hd:0"]);
    let out = block_on(engine.handle_page(
        DAPP,
        &json!({"method": "wallet_revokePermissions", "params": [{"eth_accounts": {}}]}),
    ));
    assert_eq!(out.reply, PageReply::Result(json!(null)));
    assert_eq!(events_for(&out, DAPP).last().map(|e| &e.data), Some(&json!([])));
    assert_eq!(
        page(engine, DAPP, json!({"method": "eth_accounts"})),
        PageReply::Result(json!([]))
    );
    assert_eq!(
        page(engine, DAPP, json!({"method": "wallet_getPermissions"})),
        PageReply::Result(json!([]))
    );
    assert_eq!(
        page(engine, OTHER, json!({"method": "eth_accounts"})),
        PageReply::Result(json!([ABANDON_ADDRESS]))
    );
}

#[test]
fn selecting_another_granted_account_reorders_what_the_site_sees() {
    let engine = &Harness::new().start();
    import_abandon(engine);
    let s = ok(ui(engine, UiRequest::AddAccount));
    let second = s.accounts[1].clone();
    connect(engine, DAPP, &["hd:0", &second.id]);
    // The selected account (the new one) comes first.
    assert_eq!(
        page(engine, DAPP, json!({"method": "eth_accounts"})),
        PageReply::Result(json!([second.evm_address, ABANDON_ADDRESS]))
    );
    let out = block_on(engine.handle_ui(UiRequest::SelectAccount { id: "hd:0".into() }));
    let e = out
        .events
        .iter()
        .rev()
        .find(|b| b.origin.as_deref() == Some(DAPP))
        .unwrap();
    assert_eq!(e.event.data, json!([ABANDON_ADDRESS, second.evm_address]));
}

#[test]
fn read_only_calls_go_to_the_node_of_the_sites_chain() {
    let h = Harness::new();
    let engine = &h.start();
    assert_eq!(
        page(engine, DAPP, json!({"method": "eth_blockNumber"})),
        PageReply::Result(json!("0x10"))
    );
    assert_eq!(h.node.calls.borrow()[0].0, "https://ethereum-rpc.publicnode.com");
    assert_eq!(h.node.calls.borrow()[0].1["method"], "eth_blockNumber");
    // The site switches itself to the local chain: its calls go to anvil, others' do not.
    let out = block_on(engine.handle_page(
        DAPP,
        &json!({"method": "wallet_switchEthereumChain", "params": [{"chainId": "0x7a69"}]}),
    ));
    assert_eq!(out.reply, PageReply::Result(json!(null)));
    assert_eq!(
        events_for(&out, DAPP).last().map(|e| (&e.name[..], &e.data)),
        Some(("chainChanged", &json!("0x7a69")))
    );
    assert_eq!(
        page(engine, DAPP, json!({"method": "eth_chainId"})),
        PageReply::Result(json!("0x7a69"))
    );
    assert_eq!(
        page(engine, OTHER, json!({"method": "eth_chainId"})),
        PageReply::Result(json!("0x1"))
    );
    page(
        engine,
        DAPP,
        json!({"method": "eth_getBalance", "params": [ABANDON_ADDRESS, "latest"]}),
    );
    assert_eq!(h.node.calls.borrow()[1].0, "http://127.0.0.1:8545");
    // The choice survives a restart; a choice in the popup applies to every site again.
    assert_eq!(
        page(&h.start(), DAPP, json!({"method": "eth_chainId"})),
        PageReply::Result(json!("0x7a69"))
    );
    let out = block_on(engine.handle_ui(UiRequest::SelectNetwork {
        chain_id: ChainId::new(1).unwrap(),
    }));
    assert_eq!(
        out.events
            .iter()
            .find(|b| b.origin.as_deref() == Some(DAPP))
            .map(|b| &b.event.data),
        Some(&json!("0x1"))
    );
    assert_eq!(
        page(engine, DAPP, json!({"method": "eth_chainId"})),
        PageReply::Result(json!("0x1"))
    );
    let unknown = page(
        engine,
        DAPP,
        json!({"method": "wallet_switchEthereumChain", "params": [{"chainId": "0xdead"}]}),
    );
    assert!(matches!(
        unknown,
        PageReply::Error(ProviderError {
            code: ProviderErrorCode::UnrecognizedChain,
            ..
        })
    ));
}

fn approve_next(
    engine: &Engine<Store>,
    origin: &str,
    request: serde_json::Value,
    approve: bool,
) -> PageReply {
    page_with_window(engine, origin, request, |id| async move {
        ok(engine
            .handle_ui(UiRequest::ResolveApproval {
                id,
                approve,
                accounts: vec![],
            })
            .await
            .reply);
    })
    .reply
}

#[test]
fn personal_sign_asks_then_signs_with_the_connected_account() {
    use crate::chains::evm::{eip191, signer};
    let engine = &Harness::new().start();
    import_abandon(engine);
    let request = json!({"method": "personal_sign", "params": ["0x68656c6c6f", ABANDON_ADDRESS]});
    // Not connected yet: 4100, nobody asked.
    let PageReply::Error(e) = page(engine, DAPP, request.clone()) else {
        panic!()
    };
    assert_eq!(e.code, ProviderErrorCode::Unauthorized);
    connect(engine, DAPP, &["hd:0"]);
    let PageReply::Error(e) = approve_next(engine, DAPP, request.clone(), false) else {
        panic!()
    };
    assert_eq!(e.code, ProviderErrorCode::UserRejected);
    let PageReply::Result(sig) = approve_next(engine, DAPP, request, true) else {
        panic!()
    };
    let sig = signer::Signature::from_rsv_bytes(&hex::decode(&sig.as_str().unwrap()[2..]).unwrap()).unwrap();
    let signer = signer::recover_address(&eip191::personal_message_hash(b"hello"), &sig).unwrap();
    assert_eq!(signer.to_string(), ABANDON_ADDRESS);
}

#[test]
fn typed_data_for_another_chain_is_refused_before_asking() {
    let engine = &Harness::new().start();
    import_abandon(engine);
    connect(engine, DAPP, &["hd:0"]);
    let typed = |chain: u64| {
        json!({
            "types": {"EIP712Domain": [{"name": "name", "type": "string"}, {"name": "chainId", "type": "uint256"}],
                      "Mail": [{"name": "contents", "type": "string"}]},
            "primaryType": "Mail",
            "domain": {"name": "Ether Mail", "chainId": chain},
            "message": {"contents": "Hello, Bob!"}
        })
    };
    let seen = watch_effects(engine);
    let reply = page(
        engine,
        DAPP,
        json!({"method": "eth_signTypedData_v4", "params": [ABANDON_ADDRESS, typed(5).to_string()]}),
    );
    let PageReply::Error(e) = reply else { panic!() };
    assert_eq!(e.code, ProviderErrorCode::InvalidParams);
    assert!(e.message.contains("chain 5"), "{}", e.message);
    assert!(seen.borrow().is_empty(), "nobody was asked");
    let reply = approve_next(
        engine,
        DAPP,
        json!({"method": "eth_signTypedData_v4", "params": [ABANDON_ADDRESS, typed(1)]}),
        true,
    );
    assert!(
        matches!(reply, PageReply::Result(serde_json::Value::String(ref s)) if s.len() == 132),
        "{reply:?}"
    );
}

/// The signed transaction the engine broadcast last.
fn broadcast(h: &Harness) -> crate::chains::evm::SignedTransaction {
    let sent = h.node.sent("eth_sendRawTransaction");
    let raw = sent.last().unwrap()[0].as_str().unwrap().to_owned();
    crate::chains::evm::TypedTransaction::decode(&hex::decode(&raw[2..]).unwrap()).unwrap()
}

fn gwei(n: u64) -> crate::chains::evm::U256 {
    crate::chains::evm::U256::from(n) * crate::chains::evm::U256::from(1_000_000_000_u64)
}

fn fee_history_answer() -> serde_json::Value {
    json!({
        "oldestBlock": "0x10",
        "baseFeePerGas": ["0x2540be400", "0x2540be400", "0x2540be400"],
        "gasUsedRatio": [0.5, 0.6],
        "reward": [["0x3b9aca00", "0x77359400", "0xb2d05e00"], ["0x3b9aca00", "0x77359400", "0xb2d05e00"]]
    })
}

#[test]
fn transactions_get_market_fees_from_the_fee_history() {
    use crate::chains::evm::TypedTransaction;
    use crate::chains::evm::fees::{FeeLevel, max_fee_for};
    let h = Harness::new();
    h.node.answer("eth_feeHistory", fee_history_answer());
    h.node
        .answer("eth_sendRawTransaction", json!(format!("0x{}", "ab".repeat(32))));
    let engine = &h.start();
    import_abandon(engine);
    connect(engine, DAPP, &["hd:0"]);
    let send = |extra: serde_json::Value| {
        let mut tx = json!({"from": ABANDON_ADDRESS, "to": ABANDON_ADDRESS, "value": "0x1"});
        tx.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        approve_next(
            engine,
            DAPP,
            json!({"method": "eth_sendTransaction", "params": [tx]}),
            true,
        )
    };
    let PageReply::Result(_) = send(json!({})) else {
        panic!()
    };
    assert_eq!(
        h.node.sent("eth_feeHistory")[0],
        json!(["0xa", "pending", [10, 50, 90]])
    );
    let TypedTransaction::Eip1559(tx) = broadcast(&h).transaction().clone() else {
        panic!("expected a type 2 transaction")
    };
    // Market: the median tip (2 gwei) over the next base fee (10 gwei) × 81/64.
    assert_eq!(tx.max_priority_fee_per_gas, gwei(2));
    assert_eq!(
        tx.max_fee_per_gas,
        max_fee_for(gwei(10), FeeLevel::Market, gwei(2))
    );
    assert!(h.node.sent("eth_maxPriorityFeePerGas").is_empty());

    // A tip alone from the dApp keeps its tip, with the market headroom.
    send(json!({"maxPriorityFeePerGas": "0x1"}));
    let TypedTransaction::Eip1559(tx) = broadcast(&h).transaction().clone() else {
        panic!()
    };
    assert_eq!(tx.max_priority_fee_per_gas, crate::chains::evm::U256::from(1_u8));
    assert_eq!(
        tx.max_fee_per_gas,
        max_fee_for(gwei(10), FeeLevel::Market, crate::chains::evm::U256::from(1_u8))
    );
    // A fee cap alone caps the market tip.
    send(json!({"maxFeePerGas": "0x3b9aca00"}));
    let TypedTransaction::Eip1559(tx) = broadcast(&h).transaction().clone() else {
        panic!()
    };
    assert_eq!(tx.max_fee_per_gas, gwei(1));
    assert_eq!(tx.max_priority_fee_per_gas, gwei(1));
    // An explicit legacy type is priced from eth_gasPrice (market: +10 %).
    h.node.answer("eth_gasPrice", json!("0x4a817c800"));
    send(json!({"type": "0x0"}));
    let TypedTransaction::Legacy(tx) = broadcast(&h).transaction().clone() else {
        panic!()
    };
    assert_eq!(tx.gas_price, gwei(22));
}

#[test]
fn chains_without_a_base_fee_or_fee_history_get_legacy_prices() {
    use crate::chains::evm::TypedTransaction;
    let h = Harness::new();
    h.node.answer(
        "eth_feeHistory",
        json!({"error": {"code": -32601, "message": "the method eth_feeHistory does not exist"}}),
    );
    h.node.answer("eth_gasPrice", json!("0x2540be400"));
    let engine = &h.start();
    import_abandon(engine);
    connect(engine, DAPP, &["hd:0"]);
    let tx = json!({"from": ABANDON_ADDRESS, "to": ABANDON_ADDRESS});
    let PageReply::Result(_) = approve_next(
        engine,
        DAPP,
        json!({"method": "eth_sendTransaction", "params": [tx.clone()]}),
        true,
    ) else {
        panic!()
    };
    let TypedTransaction::Legacy(signed) = broadcast(&h).transaction().clone() else {
        panic!()
    };
    assert_eq!(signed.gas_price, gwei(11));
    // Zero base fees (a pre-London chain) mean legacy pricing too.
    h.node.answer(
        "eth_feeHistory",
        json!({"oldestBlock": "0x1", "baseFeePerGas": ["0x0", "0x0"], "gasUsedRatio": [0.1], "reward": [["0x1", "0x1", "0x1"]]}),
    );
    approve_next(
        engine,
        DAPP,
        json!({"method": "eth_sendTransaction", "params": [tx.clone()]}),
        true,
    );
    assert!(matches!(broadcast(&h).transaction(), TypedTransaction::Legacy(_)));
    // A malformed fee history is an error, not a guess; nothing is asked or sent.
    h.node.answer("eth_feeHistory", json!({"baseFeePerGas": "lots"}));
    let before = h.node.sent("eth_sendRawTransaction").len();
    let seen = watch_effects(engine);
    let PageReply::Error(e) = page(
        engine,
        DAPP,
        json!({"method": "eth_sendTransaction", "params": [tx]}),
    ) else {
        panic!()
    };
    assert_eq!(e.code, ProviderErrorCode::Internal);
    assert!(e.message.contains("fee history"), "{}", e.message);
    assert!(seen.borrow().is_empty());
    assert_eq!(h.node.sent("eth_sendRawTransaction").len(), before);
}

#[test]
fn empty_recent_blocks_ask_the_node_for_a_tip() {
    let h = Harness::new();
    h.node.answer(
        "eth_feeHistory",
        json!({"oldestBlock": "0x0", "baseFeePerGas": ["0x3b9aca00", "0x342770c0"], "gasUsedRatio": [0.0], "reward": [["0x0", "0x0", "0x0"]]}),
    );
    h.node.answer("eth_maxPriorityFeePerGas", json!("0x3b9aca00"));
    let engine = h.start();
    let levels = block_on(engine.fee_levels(crate::api::ChainId::new(1).unwrap())).unwrap();
    assert_eq!(h.node.sent("eth_maxPriorityFeePerGas").len(), 1);
    for level in levels.levels {
        assert!(
            matches!(level, crate::chains::evm::GasPrice::Eip1559 { max_priority_fee_per_gas, .. } if max_priority_fee_per_gas == gwei(1))
        );
    }
}

/// Shows approval `id` to the test, as the window would.
async fn approval_kind(engine: &Engine<Store>, id: &str) -> crate::api::ApprovalKind {
    match engine
        .handle_ui(UiRequest::GetApproval { id: id.to_owned() })
        .await
        .reply
    {
        UiResponse::Approval { approval } => approval.kind,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_fee_level_picked_in_the_approval_is_what_is_signed() {
    use crate::api::{ApprovalKind, FeeChoice};
    use crate::chains::evm::TypedTransaction;
    use crate::chains::evm::fees::{FeeLevel, max_fee_for};
    let h = Harness::new();
    h.node.answer("eth_feeHistory", fee_history_answer());
    h.node.answer("eth_estimateGas", json!("0x5208"));
    h.node
        .answer("eth_sendRawTransaction", json!(format!("0x{}", "ab".repeat(32))));
    let engine = &h.start();
    import_abandon(engine);
    connect(engine, DAPP, &["hd:0"]);
    let tx = json!({"from": ABANDON_ADDRESS, "to": ABANDON_ADDRESS, "value": "0xde0b6b3a7640000"});
    let request = json!({"method": "eth_sendTransaction", "params": [tx]});
    let set = |id: &str, level: FeeChoice, max: &str, tip: &str| {
        engine.handle_ui(UiRequest::SetTransactionFee {
            id: id.to_owned(),
            level,
            max_fee_per_gas: max.into(),
            max_priority_fee_per_gas: tip.into(),
            revision: 0,
        })
    };
    // Aggressive.
    let reply = page_with_window(engine, DAPP, request.clone(), |id| async move {
        let ApprovalKind::Transaction {
            fees: Some(fees),
            value,
            max_fee,
            gas,
            ..
        } = approval_kind(engine, &id).await
        else {
            panic!()
        };
        assert_eq!(value, "1 ETH");
        assert_eq!(gas, 25_200);
        assert!(fees.eip1559);
        assert_eq!(fees.base_fee.as_deref(), Some("10"));
        assert_eq!(fees.selected, FeeChoice::Market);
        let levels: Vec<_> = fees
            .options
            .iter()
            .map(|o| {
                (
                    o.level,
                    o.max_fee_per_gas.as_str(),
                    o.max_priority_fee_per_gas.as_str(),
                )
            })
            .collect();
        assert_eq!(
            levels,
            [
                (FeeChoice::Low, "12.25", "1"),
                (FeeChoice::Market, "14.65625", "2"),
                (FeeChoice::Aggressive, "23", "3")
            ]
        );
        assert_eq!(fees.max_fee_per_gas, "14.65625");
        assert_eq!(max_fee, fees.options[1].max_cost);
        assert_eq!(max_fee, "0.0003693375 ETH");
        let UiResponse::Approval { approval } = set(&id, FeeChoice::Aggressive, "", "").await.reply else {
            panic!()
        };
        let ApprovalKind::Transaction {
            fees: Some(fees),
            max_fee,
            ..
        } = approval.kind
        else {
            panic!()
        };
        assert_eq!(fees.selected, FeeChoice::Aggressive);
        assert_eq!(max_fee, "0.0005796 ETH");
        ok(engine
            .handle_ui(UiRequest::ResolveApproval {
                id,
                approve: true,
                accounts: vec![],
            })
            .await
            .reply);
    });
    assert!(matches!(reply.reply, PageReply::Result(_)), "{:?}", reply.reply);
    let TypedTransaction::Eip1559(signed) = broadcast(&h).transaction().clone() else {
        panic!()
    };
    assert_eq!(
        signed.max_fee_per_gas,
        max_fee_for(gwei(10), FeeLevel::Aggressive, gwei(3))
    );
    assert_eq!(signed.max_priority_fee_per_gas, gwei(3));

    // Custom values, after refused ones that change nothing.
    page_with_window(engine, DAPP, request, |id| async move {
        for (max, tip) in [("1", "2"), ("0", "0"), ("abc", "1"), ("1.5", "-1"), ("", "")] {
            let reply = set(&id, FeeChoice::Custom, max, tip).await.reply;
            assert_eq!(err(reply), UiError::InvalidFee, "{max} {tip}");
        }
        let ApprovalKind::Transaction { fees: Some(fees), .. } = approval_kind(engine, &id).await else {
            panic!()
        };
        assert_eq!(fees.selected, FeeChoice::Market, "refused edits change nothing");
        let UiResponse::Approval { .. } = set(&id, FeeChoice::Custom, "31.5", "1.25").await.reply else {
            panic!()
        };
        ok(engine
            .handle_ui(UiRequest::ResolveApproval {
                id,
                approve: true,
                accounts: vec![],
            })
            .await
            .reply);
    });
    let TypedTransaction::Eip1559(signed) = broadcast(&h).transaction().clone() else {
        panic!()
    };
    assert_eq!(
        signed.max_fee_per_gas,
        crate::chains::evm::U256::from(31_500_000_000_u64)
    );
    assert_eq!(
        signed.max_priority_fee_per_gas,
        crate::chains::evm::U256::from(1_250_000_000_u64)
    );
    // Not a transaction approval, or none at all.
    assert_eq!(
        err(block_on(set("nope", FeeChoice::Low, "", "")).reply),
        UiError::UnknownApproval
    );
}

#[test]
fn a_site_fee_is_shown_as_custom_and_kept_unless_changed() {
    use crate::api::{ApprovalKind, FeeChoice};
    use crate::chains::evm::TypedTransaction;
    let h = Harness::new();
    h.node.answer("eth_feeHistory", fee_history_answer());
    let engine = &h.start();
    import_abandon(engine);
    connect(engine, DAPP, &["hd:0"]);
    let tx = json!({"from": ABANDON_ADDRESS, "to": ABANDON_ADDRESS, "maxFeePerGas": "0x6fc23ac00", "maxPriorityFeePerGas": "0x3b9aca00"});
    page_with_window(
        engine,
        DAPP,
        json!({"method": "eth_sendTransaction", "params": [tx]}),
        |id| async move {
            let ApprovalKind::Transaction { fees: Some(fees), .. } = approval_kind(engine, &id).await else {
                panic!()
            };
            assert_eq!(fees.selected, FeeChoice::Custom);
            assert_eq!(
                (
                    fees.max_fee_per_gas.as_str(),
                    fees.max_priority_fee_per_gas.as_str()
                ),
                ("30", "1")
            );
            assert_eq!(fees.options.len(), 3, "the levels are offered too");
            ok(engine
                .handle_ui(UiRequest::ResolveApproval {
                    id,
                    approve: true,
                    accounts: vec![],
                })
                .await
                .reply);
        },
    );
    let TypedTransaction::Eip1559(signed) = broadcast(&h).transaction().clone() else {
        panic!()
    };
    assert_eq!(signed.max_fee_per_gas, gwei(30));
    assert_eq!(signed.max_priority_fee_per_gas, gwei(1));
}

#[test]
fn token_calls_are_decoded_with_the_tokens_units_and_flagged() {
    use crate::api::{ApprovalKind, DecodedCall, TxWarning};
    use crate::chains::evm::erc20::TokenCall;
    let h = Harness::new();
    h.node.answer("eth_feeHistory", fee_history_answer());
    // symbol() = "TKN", decimals() = 6.
    h.node.answer(
        "eth_call:0x95d89b41",
        json!(format!(
            "0x{:064x}{:064x}{}",
            32,
            3,
            format!("{:0<64}", hex::encode("TKN"))
        )),
    );
    h.node
        .answer("eth_call:0x313ce567", json!(format!("0x{:064x}", 6)));
    let engine = &h.start();
    import_abandon(engine);
    connect(engine, DAPP, &["hd:0"]);
    let token: crate::chains::evm::Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3".parse().unwrap();
    let spender: crate::chains::evm::Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8".parse().unwrap();
    let review = |data: Vec<u8>, to: crate::chains::evm::Address| {
        let tx = json!({"from": ABANDON_ADDRESS, "to": to.to_string(), "data": format!("0x{}", hex::encode(data))});
        let shown = std::cell::RefCell::new(None);
        let shown_ref = &shown;
        page_with_window(
            engine,
            DAPP,
            json!({"method": "eth_sendTransaction", "params": [tx]}),
            |id| async move {
                let ApprovalKind::Transaction {
                    decoded, warnings, ..
                } = approval_kind(engine, &id).await
                else {
                    panic!()
                };
                *shown_ref.borrow_mut() = Some((decoded, warnings));
                ok(engine
                    .handle_ui(UiRequest::ResolveApproval {
                        id,
                        approve: false,
                        accounts: vec![],
                    })
                    .await
                    .reply);
            },
        );
        shown.into_inner().unwrap()
    };
    let (decoded, warnings) = review(
        TokenCall::Approve {
            spender,
            amount: crate::chains::evm::U256::MAX,
        }
        .encode(),
        token,
    );
    assert_eq!(warnings, [TxWarning::UnlimitedApproval]);
    let Some(DecodedCall::Approve {
        token: t,
        spender: s,
        unlimited: true,
        ..
    }) = decoded
    else {
        panic!("{decoded:?}")
    };
    assert_eq!((t.symbol.as_deref(), t.decimals), (Some("TKN"), Some(6)));
    assert_eq!(s, spender.to_string());
    let (decoded, warnings) = review(
        TokenCall::Transfer {
            to: token,
            amount: crate::chains::evm::U256::from(2_500_000_u64),
        }
        .encode(),
        token,
    );
    assert_eq!(warnings, [TxWarning::TokenToItself]);
    assert!(
        matches!(decoded, Some(DecodedCall::Transfer { ref amount, .. }) if amount == "2.5 TKN"),
        "{decoded:?}"
    );
    let (_, warnings) = review(
        TokenCall::Approve {
            spender,
            amount: crate::chains::evm::U256::ZERO,
        }
        .encode(),
        token,
    );
    assert_eq!(warnings, [TxWarning::Revoke]);
    // Data to an address without code.
    h.node.answer("eth_getCode", json!("0x"));
    let (decoded, warnings) = review(vec![0xde, 0xad, 0xbe, 0xef], spender);
    assert_eq!((decoded, warnings), (None, vec![TxWarning::NoCode]));
    let (_, warnings) = review(
        TokenCall::SetApprovalForAll {
            operator: spender,
            approved: true,
        }
        .encode(),
        token,
    );
    assert_eq!(warnings, [TxWarning::NoCode, TxWarning::ApprovalForAll]);
    // A known selector with malformed arguments.
    h.node.answer("eth_getCode", json!("0x6080"));
    let (decoded, warnings) = review(vec![0xa9, 0x05, 0x9c, 0xbb, 1, 2, 3], token);
    assert_eq!((decoded, warnings), (None, vec![TxWarning::MalformedCall]));
}

fn second_anvil(chain_id: &str) -> serde_json::Value {
    json!({
        "method": "wallet_addEthereumChain",
        "params": [{
            "chainId": chain_id,
            "chainName": "Second Anvil",
            "rpcUrls": ["http://127.0.0.1:8546"],
            "nativeCurrency": {"name": "Ether", "symbol": "ETH", "decimals": 18}
        }]
    })
}

#[test]
fn adding_a_chain_checks_its_node_asks_the_user_then_switches_the_site() {
    use crate::api::ApprovalKind;
    let h = Harness::new();
    h.node.answer("eth_chainId", json!("0x7a6a"));
    let engine = &h.start();
    import_abandon(engine);
    // The node serves another chain: refused before asking.
    let seen = watch_effects(engine);
    let PageReply::Error(e) = page(engine, DAPP, second_anvil("0x7a6b")) else {
        panic!()
    };
    assert_eq!(e.code, ProviderErrorCode::InvalidParams);
    assert!(e.message.contains("31338"), "{}", e.message);
    assert!(seen.borrow().is_empty());
    // Rejected: 4001, nothing stored.
    let reply = approve_next(engine, DAPP, second_anvil("0x7a6a"), false);
    assert!(matches!(reply, PageReply::Error(ref e) if e.code == ProviderErrorCode::UserRejected));
    assert_eq!(block_on(h.local.get(networks::NETWORKS_KEY)).unwrap(), None);
    // Approved: added, and the site is on it.
    let outcome = page_with_window(engine, DAPP, second_anvil("0x7a6a"), |id| async move {
        let ApprovalKind::AddNetwork {
            chain_id,
            rpc_url,
            currency_symbol,
            ..
        } = approval_kind(engine, &id).await
        else {
            panic!()
        };
        assert_eq!(
            (chain_id.as_str(), rpc_url.as_str(), currency_symbol.as_str()),
            ("31338", "http://127.0.0.1:8546", "ETH")
        );
        ok(engine
            .handle_ui(UiRequest::ResolveApproval {
                id,
                approve: true,
                accounts: vec![],
            })
            .await
            .reply);
    });
    assert_eq!(outcome.reply, PageReply::Result(serde_json::Value::Null));
    let changed: Vec<_> = events_for(&outcome, DAPP)
        .into_iter()
        .filter(|e| e.name == "chainChanged")
        .collect();
    assert_eq!(changed[0].data, json!("0x7a6a"));
    assert_eq!(
        page(engine, DAPP, json!({"method": "eth_chainId"})),
        PageReply::Result(json!("0x7a6a"))
    );
    assert_eq!(
        page(engine, OTHER, json!({"method": "eth_chainId"})),
        PageReply::Result(json!("0x1"))
    );
    // Read-only calls go to the new node.
    page(engine, DAPP, json!({"method": "eth_blockNumber"}));
    assert_eq!(h.node.calls.borrow().last().unwrap().0, "http://127.0.0.1:8546");
    // It survives a restart, with the site still on it, and shows in the popup's list.
    let again = h.start();
    assert_eq!(
        page(&again, DAPP, json!({"method": "eth_chainId"})),
        PageReply::Result(json!("0x7a6a"))
    );
    let net = state(&again)
        .networks
        .into_iter()
        .find(|n| n.chain_id.get() == 31_338)
        .unwrap();
    assert!(net.custom);
    assert_eq!(net.name, "Second Anvil");
    // Adding it again is a switch request: no prompt.
    let seen = watch_effects(&again);
    assert_eq!(
        page(&again, OTHER, second_anvil("0x7a6a")),
        PageReply::Result(serde_json::Value::Null)
    );
    assert!(seen.borrow().is_empty());
    assert_eq!(
        page(&again, OTHER, json!({"method": "eth_chainId"})),
        PageReply::Result(json!("0x7a6a"))
    );
}

#[test]
fn a_built_in_chain_is_a_switch_unless_its_currency_differs() {
    let h = Harness::new();
    let engine = &h.start();
    let mut local = second_anvil("0x7a69");
    assert_eq!(
        page(engine, DAPP, local.clone()),
        PageReply::Result(serde_json::Value::Null)
    );
    assert_eq!(
        page(engine, DAPP, json!({"method": "eth_chainId"})),
        PageReply::Result(json!("0x7a69"))
    );
    local["params"][0]["chainId"] = json!("0x1");
    local["params"][0]["nativeCurrency"]["symbol"] = json!("FAKE");
    let PageReply::Error(e) = page(engine, DAPP, local) else {
        panic!()
    };
    assert_eq!(e.code, ProviderErrorCode::InvalidParams);
    assert!(e.message.contains("Ethereum"), "{}", e.message);
    assert_eq!(
        page(engine, DAPP, json!({"method": "eth_chainId"})),
        PageReply::Result(json!("0x7a69"))
    );
    assert!(
        h.node.sent("eth_chainId").is_empty(),
        "built-in chains are not probed"
    );
}

#[test]
fn a_damaged_network_list_is_reported_and_never_overwritten() {
    let h = Harness::new();
    block_on(h.local.set(networks::NETWORKS_KEY, "{not json")).unwrap();
    h.node.answer("eth_chainId", json!("0x7a6a"));
    let engine = &h.start();
    import_abandon(engine);
    let PageReply::Error(e) = page(engine, DAPP, second_anvil("0x7a6a")) else {
        panic!()
    };
    assert_eq!(e.code, ProviderErrorCode::Internal);
    assert!(e.message.contains("could not be read"), "{}", e.message);
    let add = UiRequest::AddNetwork {
        family: crate::api::NetworkFamily::Evm,
        name: "Second Anvil".into(),
        rpc_url: "http://127.0.0.1:8546".into(),
        chain_id: "31338".into(),
        currency_symbol: String::new(),
    };
    assert_eq!(err(ui(engine, add)), UiError::NetworksDamaged);
    assert_eq!(
        block_on(h.local.get(networks::NETWORKS_KEY)).unwrap().as_deref(),
        Some("{not json")
    );
    // Built-in networks still work.
    assert_eq!(
        state(engine).networks.len(),
        crate::chains::evm::BUILTIN_NETWORKS.len()
    );
    ok(ui(
        engine,
        UiRequest::SelectNetwork {
            chain_id: crate::api::ChainId::new(31_337).unwrap(),
        },
    ));
}

#[test]
fn settings_add_and_remove_networks_with_the_same_checks() {
    use crate::api::NetworkFamily;
    let h = Harness::new();
    h.node.answer("eth_chainId", json!("0x7a6a"));
    let engine = &h.start();
    import_abandon(engine);
    let add = |family, rpc_url: &str, chain_id: &str| UiRequest::AddNetwork {
        family,
        name: "Second Anvil".into(),
        rpc_url: rpc_url.into(),
        chain_id: chain_id.into(),
        currency_symbol: String::new(),
    };
    // A NEO network's "chain id" is its magic, which must fit in 32 bits; the NEO side checks
    // the rest (tested with the NEO networks).
    assert_eq!(
        err(ui(
            engine,
            add(NetworkFamily::Neo, "https://rpc.example", "4294967296")
        )),
        UiError::InvalidNetwork
    );
    assert_eq!(
        err(ui(engine, add(NetworkFamily::Solana, "https://rpc.example", "1"))),
        UiError::NetworkFamilyUnsupported
    );
    assert_eq!(
        err(ui(
            engine,
            add(NetworkFamily::Evm, "http://10.1.2.3:8546", "31338")
        )),
        UiError::InvalidNetwork
    );
    assert_eq!(
        err(ui(
            engine,
            add(NetworkFamily::Evm, "http://127.0.0.1:8546", "abc")
        )),
        UiError::InvalidNetwork
    );
    assert_eq!(
        err(ui(
            engine,
            add(NetworkFamily::Evm, "http://127.0.0.1:8546", "31339")
        )),
        UiError::ChainIdMismatch
    );
    assert_eq!(
        err(ui(engine, add(NetworkFamily::Evm, "http://127.0.0.1:8546", "1"))),
        UiError::NetworkExists
    );
    h.node.answer(
        "eth_chainId",
        json!({"error": {"code": -32000, "message": "down"}}),
    );
    assert_eq!(
        err(ui(
            engine,
            add(NetworkFamily::Evm, "http://127.0.0.1:8546", "31338")
        )),
        UiError::RpcUnreachable
    );
    h.node.answer("eth_chainId", json!("0x7a6a"));
    let s = ok(ui(
        engine,
        add(NetworkFamily::Evm, "http://127.0.0.1:8546", "0x7a6a"),
    ));
    assert!(s.networks.iter().any(|n| n.custom && n.chain_id.get() == 31_338));
    assert_eq!(
        err(ui(
            engine,
            add(NetworkFamily::Evm, "http://127.0.0.1:8546", "31338")
        )),
        UiError::NetworkExists
    );
    let chain = crate::api::ChainId::new(31_338).unwrap();
    ok(ui(engine, UiRequest::SelectNetwork { chain_id: chain }));
    assert_eq!(
        page(engine, DAPP, json!({"method": "eth_chainId"})),
        PageReply::Result(json!("0x7a6a"))
    );
    // Removing it moves everyone back to the default network.
    let out = block_on(engine.handle_ui(UiRequest::RemoveNetwork { chain_id: chain }));
    assert!(
        out.events
            .iter()
            .any(|b| b.event.name == "chainChanged" && b.event.data == json!("0x1"))
    );
    let s = state(engine);
    assert_eq!(s.network.chain_id.get(), 1);
    assert!(!s.networks.iter().any(|n| n.custom));
    assert_eq!(
        err(ui(engine, UiRequest::RemoveNetwork { chain_id: chain })),
        UiError::UnknownNetwork
    );
    assert_eq!(
        err(ui(
            engine,
            UiRequest::RemoveNetwork {
                chain_id: crate::api::ChainId::new(1).unwrap()
            }
        )),
        UiError::UnknownNetwork
    );
}

fn batch_of_two(chain: &str, extra: serde_json::Value) -> serde_json::Value {
    let mut batch = json!({
        "version": "2.0.0",
        "chainId": chain,
        "from": ABANDON_ADDRESS,
        "atomicRequired": false,
        "calls": [
            {"to": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "value": "0x1"},
            {"to": "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "value": "0x2"}
        ]
    });
    batch
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    json!({"method": "wallet_sendCalls", "params": [batch]})
}

fn receipt(hash: &str, status: &str) -> serde_json::Value {
    json!({"transactionHash": hash, "blockHash": "0xbb", "blockNumber": "0x5", "gasUsed": "0x5208",
           "status": status, "logs": []})
}

#[test]
fn a_batch_is_approved_once_sent_in_order_and_its_status_survives_a_restart() {
    use crate::api::{ApprovalKind, ChainId};
    use crate::chains::evm::TypedTransaction;
    let h = Harness::new();
    h.node.answer("eth_feeHistory", fee_history_answer());
    h.node.answer("eth_getTransactionCount", json!("0x7"));
    h.node
        .answer("eth_sendRawTransaction", json!(format!("0x{}", "ab".repeat(32))));
    let engine = &h.start();
    import_abandon(engine);
    connect(engine, DAPP, &["hd:0"]);
    // Refusals before any window: atomic, another chain, not connected.
    let seen = watch_effects(engine);
    let PageReply::Error(e) = page(engine, DAPP, batch_of_two("0x1", json!({"atomicRequired": true}))) else {
        panic!()
    };
    assert_eq!(e.code.code(), 5760);
    let PageReply::Error(e) = page(engine, DAPP, batch_of_two("0x7a69", json!({}))) else {
        panic!()
    };
    assert_eq!(e.code, ProviderErrorCode::InvalidParams);
    let PageReply::Error(e) = page(engine, OTHER, batch_of_two("0x1", json!({}))) else {
        panic!()
    };
    assert_eq!(e.code, ProviderErrorCode::Unauthorized);
    assert!(seen.borrow().is_empty());
    // Rejected: 4001, nothing sent or recorded.
    let reply = approve_next(engine, DAPP, batch_of_two("0x1", json!({})), false);
    assert!(matches!(reply, PageReply::Error(ref e) if e.code == ProviderErrorCode::UserRejected));
    assert!(h.node.sent("eth_sendRawTransaction").is_empty());
    // Approved: one window listing both calls; two transactions with consecutive nonces.
    let outcome = page_with_window(engine, DAPP, batch_of_two("0x1", json!({})), |id| async move {
        let ApprovalKind::SendCalls { calls, .. } = approval_kind(engine, &id).await else {
            panic!()
        };
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[1].value, "0.000000000000000002 ETH");
        ok(engine
            .handle_ui(UiRequest::ResolveApproval {
                id,
                approve: true,
                accounts: vec![],
            })
            .await
            .reply);
    });
    let PageReply::Result(answer) = outcome.reply else {
        panic!("{:?}", outcome.reply)
    };
    let id = answer["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 66);
    let sent = h.node.sent("eth_sendRawTransaction");
    assert_eq!(sent.len(), 2);
    let nonces: Vec<u64> = sent
        .iter()
        .map(|p| {
            let raw = hex::decode(&p[0].as_str().unwrap()[2..]).unwrap();
            match TypedTransaction::decode(&raw).unwrap().transaction() {
                TypedTransaction::Eip1559(tx) => tx.nonce,
                other => panic!("{other:?}"),
            }
        })
        .collect();
    assert_eq!(nonces, [7, 8]);
    // Pending until the receipts exist; then 200 with both receipts, after a restart too.
    h.node
        .answer("eth_getTransactionReceipt", serde_json::Value::Null);
    let status = |engine: &Engine<Store>, origin: &str, id: &str| {
        page(
            engine,
            origin,
            json!({"method": "wallet_getCallsStatus", "params": [id]}),
        )
    };
    let PageReply::Result(s) = status(engine, DAPP, &id) else {
        panic!()
    };
    assert_eq!(s["status"], 100);
    h.node.answer("eth_getTransactionReceipt", receipt("0xaa", "0x1"));
    let again = h.start();
    let PageReply::Result(s) = status(&again, DAPP, &id) else {
        panic!()
    };
    assert_eq!(
        (s["status"].clone(), s["atomic"].clone(), s["chainId"].clone()),
        (json!(200), json!(false), json!("0x1"))
    );
    assert_eq!(s["receipts"].as_array().unwrap().len(), 2);
    assert_eq!(s["version"], "2.0.0");
    h.node.answer("eth_getTransactionReceipt", receipt("0xaa", "0x0"));
    let PageReply::Result(s) = status(&again, DAPP, &id) else {
        panic!()
    };
    assert_eq!(s["status"], 500);
    // Unknown ids, and another origin's batch: 5730.
    for (origin, asked) in [(DAPP, "0x1234"), (OTHER, id.as_str())] {
        let PageReply::Error(e) = status(&again, origin, asked) else {
            panic!()
        };
        assert_eq!(e.code.code(), 5730);
    }
    // A dApp-chosen id cannot be reused.
    let chosen = json!({"id": "mine"});
    approve_next(engine, DAPP, batch_of_two("0x1", chosen.clone()), true);
    let PageReply::Error(e) = page(engine, DAPP, batch_of_two("0x1", chosen)) else {
        panic!()
    };
    assert_eq!(e.code.code(), 5720);
    // Capabilities: atomic unsupported on the asked chains the wallet knows.
    let PageReply::Result(caps) = page(
        engine,
        DAPP,
        json!({"method": "wallet_getCapabilities", "params": [ABANDON_ADDRESS, ["0x1", "0xdead"]]}),
    ) else {
        panic!()
    };
    assert_eq!(caps, json!({"0x1": {"atomic": {"status": "unsupported"}}}));
    let _ = ChainId::new(1);
}

#[test]
fn a_failed_broadcast_is_recorded_and_reported_in_the_status() {
    let h = Harness::new();
    h.node.answer("eth_feeHistory", fee_history_answer());
    h.node.answer(
        "eth_sendRawTransaction",
        json!({"error": {"code": -32000, "message": "insufficient funds for gas * price + value"}}),
    );
    let engine = &h.start();
    import_abandon(engine);
    connect(engine, DAPP, &["hd:0"]);
    let PageReply::Result(answer) = approve_next(engine, DAPP, batch_of_two("0x1", json!({})), true) else {
        panic!()
    };
    let id = answer["id"].as_str().unwrap();
    assert_eq!(
        h.node.sent("eth_sendRawTransaction").len(),
        1,
        "the batch stops at the first failure"
    );
    let PageReply::Result(s) = page(
        engine,
        DAPP,
        json!({"method": "wallet_getCallsStatus", "params": [id]}),
    ) else {
        panic!()
    };
    assert_eq!(s["status"], 400);
    assert_eq!(s["receipts"], json!([]));
    // A damaged batch store is an error, not a reset.
    block_on(h.local.set(batches::BATCHES_KEY, "[")).unwrap();
    let PageReply::Error(e) = page(
        engine,
        DAPP,
        json!({"method": "wallet_getCallsStatus", "params": [id]}),
    ) else {
        panic!()
    };
    assert_eq!(e.code, ProviderErrorCode::Internal);
    let PageReply::Error(e) = page(engine, DAPP, batch_of_two("0x1", json!({}))) else {
        panic!()
    };
    assert_eq!(e.code, ProviderErrorCode::Internal);
    assert_eq!(
        block_on(h.local.get(batches::BATCHES_KEY)).unwrap().as_deref(),
        Some("[")
    );
}

#[test]
fn a_late_fee_edit_does_not_undo_a_newer_one() {
    use crate::api::{ApprovalKind, FeeChoice};
    use crate::chains::evm::TypedTransaction;
    let h = Harness::new();
    h.node.answer("eth_feeHistory", fee_history_answer());
    let engine = &h.start();
    import_abandon(engine);
    connect(engine, DAPP, &["hd:0"]);
    let tx = json!({"from": ABANDON_ADDRESS, "to": ABANDON_ADDRESS});
    let edit = |id: &str, max: &str, tip: &str, revision: u32| {
        engine.handle_ui(UiRequest::SetTransactionFee {
            id: id.to_owned(),
            level: FeeChoice::Custom,
            max_fee_per_gas: max.into(),
            max_priority_fee_per_gas: tip.into(),
            revision,
        })
    };
    page_with_window(
        engine,
        DAPP,
        json!({"method": "eth_sendTransaction", "params": [tx]}),
        |id| async move {
            let UiResponse::Approval { .. } = edit(&id, "7.5", "1.25", 3).await.reply else {
                panic!()
            };
            // The window's earlier edit arrives after the newer one: ignored.
            let UiResponse::Approval { approval } = edit(&id, "7.5", "1", 2).await.reply else {
                panic!()
            };
            let ApprovalKind::Transaction { fees: Some(fees), .. } = approval.kind else {
                panic!()
            };
            assert_eq!(
                (fees.max_priority_fee_per_gas.as_str(), fees.revision),
                ("1.25", 3)
            );
            ok(engine
                .handle_ui(UiRequest::ResolveApproval {
                    id,
                    approve: true,
                    accounts: vec![],
                })
                .await
                .reply);
        },
    );
    let TypedTransaction::Eip1559(signed) = broadcast(&h).transaction().clone() else {
        panic!()
    };
    assert_eq!(
        signed.max_priority_fee_per_gas,
        crate::chains::evm::U256::from(1_250_000_000_u64)
    );
}

mod wallet;
