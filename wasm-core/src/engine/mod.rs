//! The wallet engine: owns the state, persists every change before acknowledging it, answers
//! the popup and pages, and says which events to push where.
//!
//! State that matters lives in storage: preferences and the encrypted vault in the local area,
//! and — while unlocked — the vault key (never the password, mnemonic or private keys) in the
//! session area, so a worker restart stays unlocked and a browser restart does not.

mod activity;
mod approvals;
mod batches;
mod connect;
mod error;
mod fees;
mod neo;
mod networks;
mod permissions;
mod prefs;
mod records;
mod session;
mod tokens;
mod transaction;
mod wallet;

use std::cell::RefCell;
use std::rc::Rc;

use futures::lock::Mutex;
use serde::Serialize;
use serde_json::Value;
use zeroize::Zeroizing;

use crate::api::{
    AccountInfo, AccountKind, ChainId, PageEvent, PageReply, ProviderError, ProviderErrorCode, UiError,
    UiRequest, UiResponse, WalletState,
};
use crate::chains::evm::{BUILTIN_NETWORKS, builtin_network};
use crate::keyring::{self, AccountId, Keyring, Mnemonic, Secp256k1Secret, WordCount};
use crate::net::Http;
use crate::provider::{self, Origin};
use crate::storage::Storage;
use crate::vault::{BackupFile, KdfParams, VaultKey, VaultStore};

use connect::now_ms;

pub use approvals::{Approvals, Decision};
pub use error::Failure;
pub use neo::{BUILTIN_NEO_NETWORKS, NEO_DAPI_KEY, NEO_KEY, NEO_PERMISSIONS_KEY, NeoPrefs};
pub use permissions::{Grant, PERMISSIONS_KEY, Permissions};
pub use prefs::{DEFAULT_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES, PREFS_KEY, Prefs};
pub use records::{ACTIVITY_KEY, ActivityStore, TOKENS_KEY, TokenStore};
pub use session::{KdfPolicy, SESSION_KEY};

/// The shortest password the engine accepts.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Which pages an event goes to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Broadcast {
    /// One origin's pages, or every page when `None`.
    pub origin: Option<String>,
    /// The event.
    #[serde(flatten)]
    pub event: PageEvent,
}

/// An answer plus the events the change caused.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome<R> {
    /// The answer to the caller.
    pub reply: R,
    /// Events to push to pages.
    pub events: Vec<Broadcast>,
    /// Whether the wallet is unlocked after this call (`background.js` arms the auto-lock alarm).
    pub unlocked: bool,
    /// The auto-lock time in minutes.
    pub auto_lock_minutes: u32,
}

/// Something `background.js` must do for the engine while a request is in flight.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Effect {
    /// Open the approval window for approval `id` (`popup.html#/approval/<id>`).
    OpenApproval {
        /// The approval id.
        id: String,
    },
    /// Close approval `id`'s window: it was answered elsewhere.
    CloseApproval {
        /// The approval id.
        id: String,
    },
    /// A transaction was broadcast: check receipts periodically (`Engine::poll_activity`)
    /// until none is pending, even across worker restarts (a `chrome.alarms` alarm).
    WatchReceipts,
}

/// Where the engine sends [`Effect`]s.
pub type EffectSink = Box<dyn Fn(Effect)>;

/// The unlocked wallet: the vault key and the decrypted keyring.
struct Unlocked {
    key: VaultKey,
    keyring: Keyring,
}

/// The engine. One per worker life; rebuilt from storage on every start.
pub struct Engine<S> {
    local: S,
    session: S,
    http: Rc<dyn Http>,
    kdf_policy: KdfPolicy,
    prefs: RefCell<Prefs>,
    /// Networks the user added, or why the stored list is unreadable.
    custom_networks: RefCell<networks::CustomNetworks>,
    wallet: RefCell<Option<Unlocked>>,
    /// The mnemonic being created, between "show the words" and "confirm them"; memory only.
    pending_mnemonic: RefCell<Option<Mnemonic>>,
    initialized: RefCell<bool>,
    damaged: RefCell<bool>,
    /// Popup commands run one at a time: each reads, changes and persists the vault.
    commands: Mutex<()>,
    permissions: RefCell<Permissions>,
    approvals: RefCell<Approvals>,
    effects: RefCell<Option<EffectSink>>,
    /// Events caused since the last outcome; every outcome takes them along.
    events: RefCell<Vec<Broadcast>>,
    /// NEO networks, the family shown, the selected NEO account.
    neo: RefCell<NeoPrefs>,
    /// NEO grants, apart from the EVM ones.
    neo_permissions: RefCell<Permissions>,
    /// Changes to the stored tokens and activity run one at a time (read–modify–write).
    records: Mutex<()>,
}

impl<S> std::fmt::Debug for Engine<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("unlocked", &self.wallet.borrow().is_some())
            .finish_non_exhaustive()
    }
}

type Reply = Result<UiResponse, Failure>;

impl<S: Storage> Engine<S> {
    /// Rebuilds the engine from storage: preferences from `local`, and the unlocked session from
    /// the vault key in `session` if there is one.
    ///
    /// Unreadable or corrupt preferences fall back to the defaults without being overwritten.
    /// A session key that no longer opens the vault is dropped (the wallet starts locked).
    pub async fn load(local: S, session: S, http: Rc<dyn Http>, kdf_policy: KdfPolicy) -> Self {
        let custom_networks = match local.get(networks::NETWORKS_KEY).await {
            Ok(Some(text)) => networks::parse_custom_networks(&text),
            Ok(None) => Ok(Vec::new()),
            Err(e) => Err(e.to_string()),
        };
        let known = |c: ChainId| {
            builtin_network(c).is_some()
                || custom_networks
                    .as_ref()
                    .is_ok_and(|n| n.iter().any(|n| n.chain_id == c))
        };
        let prefs = match local.get(PREFS_KEY).await {
            Ok(Some(text)) => Prefs::parse_with(&text, known),
            Ok(None) | Err(_) => Prefs::default(),
        };
        let initialized = VaultStore::new(&local).exists().await.unwrap_or(false);
        let permissions = match local.get(PERMISSIONS_KEY).await {
            Ok(Some(text)) => Permissions::parse(&text),
            Ok(None) | Err(_) => Permissions::default(),
        };
        let (neo, neo_stored) = match local.get(NEO_KEY).await {
            Ok(Some(text)) => (NeoPrefs::parse(&text), true),
            Ok(None) | Err(_) => (NeoPrefs::default(), false),
        };
        let neo_permissions = match local.get(NEO_PERMISSIONS_KEY).await {
            Ok(Some(text)) => Permissions::parse(&text),
            Ok(None) | Err(_) => Permissions::default(),
        };
        let engine = Self {
            local,
            session,
            http,
            kdf_policy,
            prefs: RefCell::new(prefs),
            custom_networks: RefCell::new(custom_networks),
            wallet: RefCell::new(None),
            pending_mnemonic: RefCell::new(None),
            initialized: RefCell::new(initialized),
            damaged: RefCell::new(false),
            commands: Mutex::new(()),
            permissions: RefCell::new(permissions),
            approvals: RefCell::new(Approvals::default()),
            effects: RefCell::new(None),
            events: RefCell::new(Vec::new()),
            neo: RefCell::new(neo),
            neo_permissions: RefCell::new(neo_permissions),
            records: Mutex::new(()),
        };
        if initialized {
            engine.restore_session().await;
        }
        // Wallets whose NEO settings predate `neo:dapi` get it now; fresh storage stays
        // untouched (pages default to MainNet, which is what the defaults say).
        if neo_stored {
            engine.publish_neo_dapi().await;
        }
        engine
    }

    async fn restore_session(&self) {
        let Some(key) = session::read_key(&self.session).await else {
            return;
        };
        if let Ok(opened) = self.store().open_with_key(&key).await
            && !opened.from_backup()
            && let Ok(keyring) = Keyring::from_bytes(&opened.plaintext)
        {
            *self.wallet.borrow_mut() = Some(Unlocked { key, keyring });
            return;
        }
        let _ = self.session.remove(SESSION_KEY).await;
    }

    fn store(&self) -> VaultStore<'_, S> {
        VaultStore::new(&self.local)
    }

    /// The selected EVM chain.
    pub fn chain_id(&self) -> ChainId {
        self.prefs.borrow().selected_chain_id
    }

    /// Whether the wallet is unlocked.
    pub fn is_unlocked(&self) -> bool {
        self.wallet.borrow().is_some()
    }

    /// Sets where effects (open an approval window, …) go.
    pub fn set_effects(&self, sink: EffectSink) {
        *self.effects.borrow_mut() = Some(sink);
    }

    fn effect(&self, effect: Effect) {
        if let Some(sink) = self.effects.borrow().as_ref() {
            sink(effect);
        }
    }

    fn emit(&self, origin: Option<&str>, name: &str, data: Value) {
        self.events.borrow_mut().push(Broadcast {
            origin: origin.map(str::to_owned),
            event: PageEvent {
                name: name.to_owned(),
                data,
            },
        });
    }

    fn outcome<R>(&self, reply: R, mut events: Vec<Broadcast>) -> Outcome<R> {
        events.append(&mut self.events.borrow_mut());
        Outcome {
            reply,
            events,
            unlocked: self.is_unlocked(),
            auto_lock_minutes: self.prefs.borrow().auto_lock_minutes,
        }
    }

    /// Answers a page's provider request. `origin` is the port sender's origin, as the browser
    /// reported it. A request that needs the user waits here until they answer.
    pub async fn handle_page(&self, origin: &str, request: &Value) -> Outcome<PageReply> {
        let is_neo = request.get("family").and_then(Value::as_str) == Some("neo");
        let reply = match origin.parse::<Origin>() {
            Ok(origin) if is_neo => match provider::neo::dispatch(request, &origin, self).await {
                Ok(result) => PageReply::Result(result),
                Err(error) => PageReply::NeoError(error),
            },
            Ok(origin) => provider::dispatch(request, &origin, self).await,
            Err(_) => PageReply::Error(ProviderError::new(
                ProviderErrorCode::Unauthorized,
                "requests are accepted from http and https pages only",
            )),
        };
        self.outcome(reply, Vec::new())
    }

    /// Locks the wallet (the auto-lock alarm, or the popup's lock button): forgets the keyring
    /// and the session key.
    pub async fn lock(&self) -> Outcome<()> {
        let _guard = self.commands.lock().await;
        self.lock_now().await;
        self.outcome((), Vec::new())
    }

    async fn lock_now(&self) {
        // Dropping the keyring zeroizes it.
        let was_unlocked = self.wallet.borrow_mut().take().is_some();
        self.pending_mnemonic.borrow_mut().take();
        let _ = self.session.remove(SESSION_KEY).await;
        if was_unlocked {
            // Connected sites see no accounts while locked.
            self.announce_accounts();
            self.announce_neo_lock();
        }
    }

    /// The answer to a command that could not be decoded.
    pub fn malformed(&self, detail: String) -> Outcome<UiResponse> {
        self.outcome(
            UiResponse::Error {
                error: UiError::Malformed,
                args: Vec::new(),
                detail,
            },
            Vec::new(),
        )
    }

    /// Answers a popup command. Commands run one at a time.
    pub async fn handle_ui(&self, request: UiRequest) -> Outcome<UiResponse> {
        let _guard = self.commands.lock().await;
        let mut events = Vec::new();
        let reply = match self.run_ui(request, &mut events).await {
            Ok(reply) => reply,
            Err(Failure { error, args, detail }) => UiResponse::Error { error, args, detail },
        };
        self.outcome(reply, events)
    }

    async fn run_ui(&self, request: UiRequest, events: &mut Vec<Broadcast>) -> Reply {
        match request {
            UiRequest::GetState => {}
            request @ (UiRequest::GetBalances
            | UiRequest::GetBlockNumber
            | UiRequest::AddToken { .. }
            | UiRequest::RemoveToken { .. }
            | UiRequest::ReviewSend { .. }
            | UiRequest::ConfirmSend { .. }
            | UiRequest::GetActivity
            | UiRequest::GetConnectedSites
            | UiRequest::RevokeSite { .. }) => return self.run_wallet(request).await,
            UiRequest::GetApproval { id } => {
                let approval = self.approvals.borrow().view(&id);
                return approval
                    .map(|approval| UiResponse::Approval { approval })
                    .ok_or_else(|| Failure::new(UiError::UnknownApproval, format!("no approval {id}")));
            }
            UiRequest::ResolveApproval {
                id,
                approve,
                accounts,
            } => {
                self.resolve_approval(&id, approve, &accounts)?;
            }
            UiRequest::SelectNetwork { chain_id } => self.select_network(chain_id, events).await?,
            UiRequest::GenerateMnemonic { words } => return self.generate_mnemonic(words),
            UiRequest::CreateWallet {
                confirmation,
                password,
            } => {
                let password = Zeroizing::new(password);
                let confirmation = Zeroizing::new(confirmation.join(" "));
                check_new_password(&password)?;
                // The pending mnemonic stays until the wallet exists, so a failed attempt can be
                // retried without generating (and writing down) new words.
                let mnemonic = self.confirmed_mnemonic(&confirmation)?;
                self.set_up(Keyring::from_mnemonic(mnemonic, "")?, &password)
                    .await?;
                self.pending_mnemonic.borrow_mut().take();
            }
            UiRequest::ImportMnemonic {
                phrase,
                passphrase,
                password,
            } => {
                let (phrase, passphrase, password) = (
                    Zeroizing::new(phrase),
                    Zeroizing::new(passphrase),
                    Zeroizing::new(password),
                );
                let mnemonic = Mnemonic::parse(&phrase)?;
                self.set_up(Keyring::from_mnemonic(mnemonic, &passphrase)?, &password)
                    .await?;
            }
            UiRequest::ImportPrivateKey { key, password } => {
                let (key, password) = (Zeroizing::new(key), Zeroizing::new(password));
                let secret = Secp256k1Secret::from_hex(&key)
                    .map_err(|e| Failure::new(UiError::InvalidPrivateKey, e.to_string()))?;
                self.import_key(secret, &password).await?;
            }
            UiRequest::ImportKeystore {
                json,
                keystore_password,
                password,
            } => {
                let (keystore_password, password) =
                    (Zeroizing::new(keystore_password), Zeroizing::new(password));
                let secret = keyring::keystore::decrypt(&json, &keystore_password)?;
                self.import_key(secret, &password).await?;
            }
            UiRequest::Unlock { password } => self.unlock(&Zeroizing::new(password), false).await?,
            UiRequest::AddNetwork {
                family,
                name,
                rpc_url,
                chain_id,
                currency_symbol,
            } => {
                self.add_network_from_ui(family, &name, &rpc_url, &chain_id, &currency_symbol)
                    .await?;
            }
            UiRequest::RemoveNetwork { chain_id } => {
                self.remove_custom_network(chain_id)
                    .await
                    .map_err(|e| e.to_failure())?;
            }
            UiRequest::SetTransactionFee {
                id,
                level,
                max_fee_per_gas,
                max_priority_fee_per_gas,
                revision,
            } => {
                return self.set_transaction_fee(
                    &id,
                    level,
                    &max_fee_per_gas,
                    &max_priority_fee_per_gas,
                    revision,
                );
            }
            UiRequest::RestoreBackupGeneration { password } => {
                self.unlock(&Zeroizing::new(password), true).await?;
            }
            UiRequest::SelectFamily { family } => self.select_family(family).await?,
            UiRequest::AddNeoNetwork { name, rpc_url, magic } => {
                self.add_neo_network(&name, &rpc_url, magic).await?;
            }
            UiRequest::SelectNeoNetwork { magic } => self.select_neo_network(magic).await?,
            UiRequest::SelectNeoAccount { id } => self.select_neo_account(&id).await?,
            UiRequest::ImportNeoKey { wif, password } => {
                let (wif, password) = (Zeroizing::new(wif), Zeroizing::new(password));
                self.import_neo_wif(&wif, &password).await?;
            }
            UiRequest::ImportNep2 {
                nep2,
                nep2_password,
                password,
            } => {
                let (nep2_password, password) = (Zeroizing::new(nep2_password), Zeroizing::new(password));
                self.import_nep2(&nep2, &nep2_password, &password).await?;
            }
            UiRequest::ImportNep6 {
                json,
                file_password,
                password,
            } => {
                let (file_password, password) = (Zeroizing::new(file_password), Zeroizing::new(password));
                self.import_nep6(&json, &file_password, &password).await?;
            }
            UiRequest::ExportNep2 {
                id,
                password,
                nep2_password,
            } => {
                let (password, nep2_password) = (Zeroizing::new(password), Zeroizing::new(nep2_password));
                return self.export_nep2(&id, &password, &nep2_password).await;
            }
            UiRequest::NeoBalances => return self.neo_balances().await,
            UiRequest::NeoBlockCount => return self.neo_block_count().await,
            UiRequest::NeoSend {
                asset,
                to,
                amount,
                confirm,
            } => return self.neo_send(&asset, &to, &amount, confirm).await,
            UiRequest::NeoCreateMultisig {
                threshold,
                public_keys,
            } => return self.neo_create_multisig(threshold, &public_keys),
            UiRequest::NeoSignContext {
                id,
                context,
                verification_script,
            } => return self.neo_sign_context(&id, &context, &verification_script),
            UiRequest::NeoAddMultisig {
                name,
                threshold,
                public_keys,
            } => self.neo_add_multisig(&name, threshold, &public_keys).await?,
            UiRequest::NeoRemoveMultisig { address } => self.neo_remove_multisig(&address).await?,
            UiRequest::NeoMultisigSend {
                from,
                asset,
                to,
                amount,
            } => return self.neo_multisig_send(&from, &asset, &to, &amount).await,
            UiRequest::NeoReviewContext { context } => return self.neo_review_context(&context).await,
            UiRequest::NeoRelayContext { context } => return self.neo_relay_context(&context).await,
            UiRequest::Lock => self.lock_now().await,
            UiRequest::AddAccount => {
                let id = self
                    .change_keyring(|k| k.add_account().map_err(Failure::from))
                    .await?;
                self.select_account(id, events).await?;
            }
            UiRequest::SelectAccount { id } => {
                let id = account_id(&id)?;
                self.with_keyring(|k| {
                    k.accounts()
                        .iter()
                        .any(|a| a.id == id)
                        .then_some(())
                        .ok_or_else(|| unknown_account(id))
                })?;
                self.select_account(id, events).await?;
            }
            UiRequest::RenameAccount { id, name } => {
                let id = account_id(&id)?;
                self.change_keyring(|k| k.rename(&id, &name).map_err(Failure::from))
                    .await?;
            }
            UiRequest::SetAccountHidden { id, hidden } => {
                let id = account_id(&id)?;
                self.change_keyring(|k| k.set_hidden(&id, hidden).map_err(Failure::from))
                    .await?;
            }
            UiRequest::RevealMnemonic { password } => {
                self.check_password(&Zeroizing::new(password)).await?;
                let secret = self.with_keyring(|k| Ok(k.reveal_mnemonic()))?;
                return Ok(UiResponse::Secret {
                    secret: secret.to_string(),
                });
            }
            UiRequest::ExportPrivateKey { id, password } => {
                self.check_password(&Zeroizing::new(password)).await?;
                let id = account_id(&id)?;
                let secret = self.with_keyring(|k| k.export_private_key(&id).map_err(Failure::from))?;
                return Ok(UiResponse::Secret {
                    secret: secret.to_string(),
                });
            }
            UiRequest::ChangePassword {
                old_password,
                new_password,
            } => {
                let (old, new) = (Zeroizing::new(old_password), Zeroizing::new(new_password));
                self.change_password(&old, &new).await?;
            }
            UiRequest::SetAutoLock { minutes } => {
                if !(1..=MAX_AUTO_LOCK_MINUTES).contains(&minutes) {
                    return Err(Failure::new(
                        UiError::InvalidSetting,
                        format!("auto-lock {minutes} min"),
                    ));
                }
                self.save_prefs(|p| p.auto_lock_minutes = minutes).await?;
            }
            UiRequest::ExportBackup {
                password,
                backup_password,
            } => {
                let (password, backup_password) = (Zeroizing::new(password), Zeroizing::new(backup_password));
                self.check_password(&password).await?;
                check_new_password(&backup_password)?;
                let key = self.session_key()?;
                let kdf = self.new_kdf_params()?;
                let backup = self
                    .store()
                    .export_backup(&key, backup_password.as_bytes(), &kdf)
                    .await?;
                return Ok(UiResponse::Backup {
                    file_name: "formica-backup.json".into(),
                    contents: backup.to_json(),
                });
            }
            UiRequest::ImportBackup {
                file,
                backup_password,
                password,
            } => {
                let (backup_password, password) = (Zeroizing::new(backup_password), Zeroizing::new(password));
                let invalid =
                    |e: crate::vault::VaultError| Failure::new(UiError::InvalidBackup, e.to_string());
                let (plaintext, _) = BackupFile::parse(&file)
                    .and_then(|b| b.open(backup_password.as_bytes()))
                    .map_err(invalid)?;
                let keyring = Keyring::from_bytes(&plaintext)
                    .map_err(|e| Failure::new(UiError::InvalidBackup, e.to_string()))?;
                self.set_up(keyring, &password).await?;
            }
        }
        Ok(UiResponse::State { state: self.state() })
    }

    fn state(&self) -> WalletState {
        let prefs = self.prefs.borrow();
        // The selection is only ever set to a known network (load, select and remove check);
        // the first network stands in should that ever not hold.
        let networks = self.network_infos();
        let network = networks
            .iter()
            .find(|n| n.chain_id == prefs.selected_chain_id)
            .unwrap_or(&BUILTIN_NETWORKS[0].info())
            .clone();
        let wallet = self.wallet.borrow();
        let accounts: Vec<AccountInfo> = wallet
            .as_ref()
            .map(|w| account_infos(&w.keyring))
            .unwrap_or_default();
        let selected_account = wallet.as_ref().and_then(|_| {
            prefs
                .selected_account
                .clone()
                .filter(|id| accounts.iter().any(|a| &a.id == id))
                .or_else(|| {
                    accounts
                        .iter()
                        .find(|a| !a.hidden)
                        .or(accounts.first())
                        .map(|a| a.id.clone())
                })
        });
        WalletState {
            initialized: *self.initialized.borrow(),
            unlocked: wallet.is_some(),
            network,
            networks,
            accounts,
            selected_account,
            auto_lock_minutes: prefs.auto_lock_minutes,
            vault_damaged: *self.damaged.borrow(),
            family: self.family(),
            neo: self.neo_state(),
        }
    }

    async fn save_prefs(&self, change: impl FnOnce(&mut Prefs)) -> Result<(), Failure> {
        let mut next = self.prefs.borrow().clone();
        change(&mut next);
        self.local.set(PREFS_KEY, &next.to_json()).await?;
        *self.prefs.borrow_mut() = next;
        Ok(())
    }

    async fn select_network(&self, chain_id: ChainId, events: &mut Vec<Broadcast>) -> Result<(), Failure> {
        if !self.network_known(chain_id) {
            return Err(Failure::new(
                UiError::UnknownNetwork,
                format!("unknown network {chain_id}"),
            ));
        }
        let before = self.prefs.borrow().clone();
        if chain_id == before.selected_chain_id && before.origin_chains.is_empty() {
            return Ok(());
        }
        // A choice in the popup applies to every site, including those that switched themselves.
        self.save_prefs(|p| {
            p.selected_chain_id = chain_id;
            p.origin_chains.clear();
        })
        .await?;
        let data = Value::String(chain_id.to_string());
        if before.selected_chain_id != chain_id {
            events.push(Broadcast {
                origin: None,
                event: PageEvent {
                    name: "chainChanged".into(),
                    data,
                },
            });
        } else {
            for (origin, _) in before.origin_chains.iter().filter(|(_, c)| **c != chain_id) {
                events.push(Broadcast {
                    origin: Some(origin.clone()),
                    event: PageEvent {
                        name: "chainChanged".into(),
                        data: data.clone(),
                    },
                });
            }
        }
        Ok(())
    }

    async fn select_account(&self, id: AccountId, _events: &mut Vec<Broadcast>) -> Result<(), Failure> {
        self.save_prefs(|p| p.selected_account = Some(id.to_string()))
            .await?;
        // Sites granted the newly selected account see it first now.
        self.announce_accounts();
        Ok(())
    }

    fn generate_mnemonic(&self, words: u8) -> Reply {
        if *self.initialized.borrow() {
            return Err(Failure::new(UiError::AlreadyInitialized, "a wallet exists"));
        }
        let count = match words {
            12 => WordCount::Twelve,
            24 => WordCount::TwentyFour,
            _ => return Err(Failure::new(UiError::Malformed, format!("{words} words"))),
        };
        let mnemonic =
            Mnemonic::generate(count).map_err(|e| Failure::new(UiError::Unavailable, e.to_string()))?;
        let words = mnemonic.words().map(str::to_owned).collect();
        *self.pending_mnemonic.borrow_mut() = Some(mnemonic);
        Ok(UiResponse::NewMnemonic { words })
    }

    /// A copy of the pending mnemonic, if `confirmation` spells it exactly.
    fn confirmed_mnemonic(&self, confirmation: &str) -> Result<Mnemonic, Failure> {
        let pending = self.pending_mnemonic.borrow();
        let mnemonic = pending
            .as_ref()
            .ok_or_else(|| Failure::new(UiError::NoPendingMnemonic, "no mnemonic is being created"))?;
        let phrase = mnemonic.phrase();
        if !bool::from(subtle::ConstantTimeEq::ct_eq(
            phrase.as_bytes(),
            confirmation.as_bytes(),
        )) {
            return Err(Failure::new(
                UiError::ConfirmationMismatch,
                "confirmation differs",
            ));
        }
        Ok(Mnemonic::parse(&phrase)?)
    }

    fn new_kdf_params(&self) -> Result<KdfParams, Failure> {
        Ok(self.kdf_policy.params()?)
    }

    /// A copy of the unlocked session's vault key (for a write that awaits storage, during
    /// which the wallet must not stay borrowed).
    fn session_key(&self) -> Result<VaultKey, Failure> {
        let wallet = self.wallet.borrow();
        let w = wallet
            .as_ref()
            .ok_or_else(|| Failure::new(UiError::Locked, "locked"))?;
        Ok(VaultKey::from_bytes(w.key.to_bytes().as_slice())?)
    }

    /// Creates the vault from `keyring` (set-up screens only) and unlocks it.
    async fn set_up(&self, keyring: Keyring, password: &str) -> Result<(), Failure> {
        if *self.initialized.borrow() {
            return Err(Failure::new(UiError::AlreadyInitialized, "a wallet exists"));
        }
        check_new_password(password)?;
        let kdf = self.new_kdf_params()?;
        let (key, _) = self
            .store()
            .create(&keyring.to_bytes(), password.as_bytes(), &kdf)
            .await?;
        *self.initialized.borrow_mut() = true;
        *self.damaged.borrow_mut() = false;
        let first = keyring.accounts().first().map(|a| a.id.to_string());
        self.start_session(Unlocked { key, keyring }).await;
        if let Some(id) = first {
            self.save_prefs(|p| p.selected_account = Some(id)).await?;
        }
        Ok(())
    }

    async fn start_session(&self, wallet: Unlocked) {
        // Without a session key the wallet still works; it just locks on a worker restart.
        let _ = session::write_key(&self.session, &wallet.key).await;
        *self.wallet.borrow_mut() = Some(wallet);
        // Connected sites see their accounts again, and requests waiting for the unlock go on.
        self.announce_accounts();
        self.finish_unlock_approvals();
    }

    /// Imports a private key into the unlocked wallet (a wallet always starts from a mnemonic,
    /// so every wallet has HD accounts for all three chain families).
    async fn import_key(&self, secret: Secp256k1Secret, password: &str) -> Result<(), Failure> {
        if !*self.initialized.borrow() {
            return Err(Failure::new(
                UiError::NotInitialized,
                "import a key into an existing wallet",
            ));
        }
        self.check_password(password).await?;
        let id = self
            .change_keyring(|k| k.import_private_key(secret, None).map_err(Failure::from))
            .await?;
        self.save_prefs(|p| p.selected_account = Some(id.to_string()))
            .await
    }

    async fn unlock(&self, password: &str, from_backup: bool) -> Result<(), Failure> {
        if !*self.initialized.borrow() {
            return Err(Failure::new(UiError::NotInitialized, "no wallet"));
        }
        let (opened, key) = self.store().open_with_password(password.as_bytes()).await?;
        if opened.from_backup() && !from_backup {
            // The current generation is damaged: say so, and let the user choose the backup.
            *self.damaged.borrow_mut() = true;
            return Err(Failure::new(
                UiError::VaultDamaged,
                format!("current vault generation: {:?}", opened.source),
            ));
        }
        let keyring = Keyring::from_bytes(&opened.plaintext)
            .map_err(|e| Failure::new(UiError::Storage, format!("vault contents: {e}")))?;
        if opened.from_backup() {
            // Make the backup generation current again (the damaged blob is quarantined).
            self.store().restore_backup(&key).await?;
        }
        *self.damaged.borrow_mut() = false;
        self.start_session(Unlocked { key, keyring }).await;
        Ok(())
    }

    /// Checks the password again for a sensitive command (reveal, export, change).
    async fn check_password(&self, password: &str) -> Result<(), Failure> {
        if !self.is_unlocked() {
            return Err(Failure::new(UiError::Locked, "locked"));
        }
        match self.store().open_with_password(password.as_bytes()).await {
            Ok((opened, _)) if !opened.from_backup() => Ok(()),
            Ok(_) => Err(Failure::new(
                UiError::WrongPassword,
                "password opens only the backup generation",
            )),
            Err(e) => Err(e.into()),
        }
    }

    async fn change_password(&self, old: &str, new: &str) -> Result<(), Failure> {
        self.check_password(old).await?;
        check_new_password(new)?;
        let kdf = self.new_kdf_params()?;
        let key = self.session_key()?;
        let (new_key, _) = self.store().change_password(&key, new.as_bytes(), &kdf).await?;
        let _ = session::write_key(&self.session, &new_key).await;
        if let Some(w) = self.wallet.borrow_mut().as_mut() {
            w.key = new_key;
        }
        Ok(())
    }

    fn with_keyring<T>(&self, f: impl FnOnce(&Keyring) -> Result<T, Failure>) -> Result<T, Failure> {
        match self.wallet.borrow().as_ref() {
            Some(w) => f(&w.keyring),
            None => Err(Failure::new(UiError::Locked, "locked")),
        }
    }

    /// Changes the keyring and writes the new vault generation before acknowledging; if the
    /// write fails, the in-memory keyring goes back to what is stored.
    async fn change_keyring<T>(
        &self,
        f: impl FnOnce(&mut Keyring) -> Result<T, Failure>,
    ) -> Result<T, Failure> {
        let key = self.session_key()?;
        let (before, after, result) = {
            let mut wallet = self.wallet.borrow_mut();
            let w = wallet
                .as_mut()
                .ok_or_else(|| Failure::new(UiError::Locked, "locked"))?;
            let before = w.keyring.to_bytes();
            let result = f(&mut w.keyring)?;
            (before, w.keyring.to_bytes(), result)
        };
        if let Err(e) = self.store().write(&after, &key).await {
            if let (Some(w), Ok(old)) = (self.wallet.borrow_mut().as_mut(), Keyring::from_bytes(&before)) {
                w.keyring = old;
            }
            return Err(e.into());
        }
        Ok(result)
    }
}

fn account_id(id: &str) -> Result<AccountId, Failure> {
    id.parse()
        .map_err(|_| Failure::new(UiError::UnknownAccount, "not an account id"))
}

fn unknown_account(id: AccountId) -> Failure {
    Failure::new(UiError::UnknownAccount, format!("no account {id}"))
}

fn check_new_password(password: &str) -> Result<(), Failure> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Err(Failure::new(
            UiError::WeakPassword,
            format!("fewer than {MIN_PASSWORD_CHARS} characters"),
        ))
    } else {
        Ok(())
    }
}

fn account_infos(keyring: &Keyring) -> Vec<AccountInfo> {
    keyring
        .accounts()
        .into_iter()
        .map(|a| AccountInfo {
            id: a.id.to_string(),
            name: a.name,
            kind: match a.kind {
                keyring::AccountKind::Hd { .. } => AccountKind::Hd,
                keyring::AccountKind::Imported => AccountKind::Imported,
            },
            hidden: a.hidden,
            evm_address: a.evm_address.to_string(),
            neo_public_key: a.neo_public_key,
            solana_public_key: a.solana_public_key,
        })
        .collect()
}

#[cfg(test)]
mod tests;
