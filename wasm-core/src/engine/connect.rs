//! Connecting sites: the engine as the provider's [`Host`], permissions, and the approvals
//! that unlock and connect.

use serde_json::Value;

use super::{Decision, Effect, Engine, Failure, Grant, PERMISSIONS_KEY};
use crate::api::{ApprovalKind, ChainId, ProviderError, ProviderErrorCode, UiError};
use crate::chains::evm::signer::sign_prehash;
use crate::chains::evm::{Address, B256, TransactionRequest};
use crate::keyring::AccountId;
use crate::provider::{Host, Origin, Permission, WatchAsset};
use crate::storage::Storage;

pub(super) fn rejected() -> ProviderError {
    ProviderError::new(ProviderErrorCode::UserRejected, "the user rejected the request")
}

/// Milliseconds since the Unix epoch.
pub(super) fn now_ms() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        let ms = js_sys::Date::now();
        // Date.now() is a non-negative integer well below 2^53.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let ms = ms as u64;
        ms
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }
}

impl<S: Storage> Engine<S> {
    /// The addresses of `ids` that exist in the unlocked keyring, the selected account first.
    pub(super) fn addresses_of(&self, ids: &[String]) -> Vec<Address> {
        let wallet = self.wallet.borrow();
        let Some(w) = wallet.as_ref() else {
            return Vec::new();
        };
        let all = w.keyring.accounts();
        let selected = self.prefs.borrow().selected_account.clone();
        let mut ordered: Vec<&String> = ids.iter().collect();
        if let Some(pos) = ordered.iter().position(|id| Some(*id) == selected.as_ref()) {
            let first = ordered.remove(pos);
            ordered.insert(0, first);
        }
        ordered
            .into_iter()
            .filter_map(|id| {
                all.iter()
                    .find(|a| a.id.to_string() == *id)
                    .map(|a| a.evm_address)
            })
            .collect()
    }

    /// Tells every connected origin which accounts it sees now (`accountsChanged`).
    pub(super) fn announce_accounts(&self) {
        let grants: Vec<(String, Grant)> = self
            .permissions
            .borrow()
            .origins
            .iter()
            .map(|(o, g)| (o.clone(), g.clone()))
            .collect();
        for (origin, grant) in grants {
            let accounts = self.addresses_of(&grant.accounts);
            let data = Value::Array(accounts.iter().map(|a| Value::String(a.to_string())).collect());
            self.emit(Some(&origin), "accountsChanged", data);
        }
    }

    /// Completes the approvals that only waited for the wallet to be unlocked.
    pub(super) fn finish_unlock_approvals(&self) {
        let ids = self.approvals.borrow().ids_of(&ApprovalKind::Unlock);
        for id in ids {
            self.approvals
                .borrow_mut()
                .resolve(&id, Decision::Approved { accounts: Vec::new() });
            self.effect(Effect::CloseApproval { id });
        }
    }

    /// Answers approval `id` from the approval window.
    pub(super) fn resolve_approval(
        &self,
        id: &str,
        approve: bool,
        accounts: &[String],
    ) -> Result<(), Failure> {
        let unknown = || Failure::new(UiError::UnknownApproval, format!("no approval {id}"));
        let (_, kind) = self.approvals.borrow().get(id).ok_or_else(unknown)?;
        let decision = if !approve {
            Decision::Rejected
        } else if kind == ApprovalKind::Connect {
            if !self.is_unlocked() {
                return Err(Failure::new(UiError::Locked, "unlock before connecting"));
            }
            let known: Vec<AccountId> =
                self.with_keyring(|k| Ok(k.accounts().iter().map(|a| a.id).collect()))?;
            let chosen = accounts
                .iter()
                .map(|a| a.parse::<AccountId>().ok().filter(|id| known.contains(id)))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| Failure::new(UiError::UnknownAccount, "a chosen account does not exist"))?;
            if chosen.is_empty() {
                return Err(Failure::new(UiError::NoAccountChosen, "connect needs an account"));
            }
            Decision::Approved { accounts: chosen }
        } else if let ApprovalKind::NeoConnect { .. } = kind {
            // The NEO account the user picked in the window (none: the one it showed).
            if let Some(choice) = accounts.first() {
                let picked = self.neo_connect_choice(&kind, choice)?;
                self.approvals.borrow_mut().update(id, picked);
            }
            Decision::Approved { accounts: Vec::new() }
        } else {
            Decision::Approved { accounts: Vec::new() }
        };
        if !self.approvals.borrow_mut().resolve(id, decision) {
            return Err(unknown());
        }
        self.effect(Effect::CloseApproval { id: id.to_owned() });
        Ok(())
    }

    /// Like [`Self::prompt`], and also answers what the approval showed when the user approved
    /// it, with the user's edits (a transaction's fee).
    pub(super) async fn prompt_edited(
        &self,
        origin: &Origin,
        kind: ApprovalKind,
    ) -> Result<ApprovalKind, ProviderError> {
        let (id, answer) = self.approvals.borrow_mut().open(origin, kind)?;
        self.effect(Effect::OpenApproval { id: id.clone() });
        let decision = answer.await.map_err(|_| rejected());
        let edited = self.approvals.borrow_mut().take_approved(&id);
        match (decision?, edited) {
            (Decision::Approved { .. }, Some(kind)) => Ok(kind),
            _ => Err(rejected()),
        }
    }

    /// Queues a prompt, has its window opened, and waits for the answer.
    pub(super) async fn prompt(
        &self,
        origin: &Origin,
        kind: ApprovalKind,
    ) -> Result<Decision, ProviderError> {
        let (id, answer) = self.approvals.borrow_mut().open(origin, kind)?;
        self.effect(Effect::OpenApproval { id });
        // A dropped sender means the approval went away unanswered: treat it as a rejection.
        answer.await.map_err(|_| rejected())
    }

    pub(super) async fn save_permissions(
        &self,
        change: impl FnOnce(&mut super::Permissions),
    ) -> Result<(), ProviderError> {
        let mut next = self.permissions.borrow().clone();
        change(&mut next);
        self.local
            .set(PERMISSIONS_KEY, &next.to_json())
            .await
            .map_err(|e| {
                ProviderError::new(
                    ProviderErrorCode::Internal,
                    format!("could not save the permission: {e}"),
                )
            })?;
        *self.permissions.borrow_mut() = next;
        Ok(())
    }
}

#[async_trait::async_trait(?Send)]
impl<S: Storage> Host for Engine<S> {
    fn chain_id(&self, origin: &Origin) -> ChainId {
        let prefs = self.prefs.borrow();
        prefs
            .origin_chains
            .get(origin.as_str())
            .copied()
            .unwrap_or(prefs.selected_chain_id)
    }

    async fn rpc(&self, origin: &Origin, method: &str, params: &Value) -> Result<Value, ProviderError> {
        self.chain_rpc(Host::chain_id(self, origin), method, params).await
    }

    async fn switch_chain(&self, origin: &Origin, chain_id: ChainId) -> Result<(), ProviderError> {
        if !self.network_known(chain_id) {
            return Err(ProviderError::new(
                ProviderErrorCode::UnrecognizedChain,
                format!("Formica does not know chain {chain_id}; add it with wallet_addEthereumChain"),
            ));
        }
        if Host::chain_id(self, origin) == chain_id {
            return Ok(());
        }
        let mut prefs = self.prefs.borrow().clone();
        prefs.origin_chains.insert(origin.to_string(), chain_id);
        self.local
            .set(super::PREFS_KEY, &prefs.to_json())
            .await
            .map_err(|e| {
                ProviderError::new(
                    ProviderErrorCode::Internal,
                    format!("could not save the chain: {e}"),
                )
            })?;
        *self.prefs.borrow_mut() = prefs;
        self.emit(
            Some(origin.as_str()),
            "chainChanged",
            Value::String(chain_id.to_string()),
        );
        Ok(())
    }

    fn accounts(&self, origin: &Origin) -> Vec<Address> {
        let grant = self.permissions.borrow().origins.get(origin.as_str()).cloned();
        grant.map(|g| self.addresses_of(&g.accounts)).unwrap_or_default()
    }

    fn permission(&self, origin: &Origin) -> Option<Permission> {
        let grant = self.permissions.borrow().origins.get(origin.as_str()).cloned()?;
        // While locked the addresses are unknown; the permission still exists.
        Some(Permission {
            accounts: self.addresses_of(&grant.accounts),
            granted_at_ms: grant.granted_at_ms,
        })
    }

    async fn request_accounts(&self, origin: &Origin) -> Result<Vec<Address>, ProviderError> {
        let granted = self.permissions.borrow().origins.contains_key(origin.as_str());
        if granted {
            if !self.is_unlocked() {
                match self.prompt(origin, ApprovalKind::Unlock).await? {
                    Decision::Approved { .. } if self.is_unlocked() => {}
                    _ => return Err(rejected()),
                }
            }
            let accounts = self.accounts(origin);
            if !accounts.is_empty() {
                return Ok(accounts);
            }
            // Every granted account is gone: ask again.
        }
        let Decision::Approved { accounts } = self.prompt(origin, ApprovalKind::Connect).await? else {
            return Err(rejected());
        };
        let grant = Grant {
            accounts: accounts.iter().map(ToString::to_string).collect(),
            granted_at_ms: now_ms(),
        };
        self.save_permissions(|p| {
            p.origins.insert(origin.to_string(), grant);
        })
        .await?;
        let visible = self.accounts(origin);
        let data = Value::Array(visible.iter().map(|a| Value::String(a.to_string())).collect());
        self.emit(Some(origin.as_str()), "accountsChanged", data);
        Ok(visible)
    }

    async fn sign(
        &self,
        origin: &Origin,
        address: Address,
        approval: ApprovalKind,
        prehash: B256,
    ) -> Result<String, ProviderError> {
        let unauthorized = || {
            ProviderError::new(
                ProviderErrorCode::Unauthorized,
                format!("{address} is not an account this site may use; connect it first"),
            )
        };
        if !self.accounts(origin).contains(&address) {
            return Err(unauthorized());
        }
        let Decision::Approved { .. } = self.prompt(origin, approval).await? else {
            return Err(rejected());
        };
        let wallet = self.wallet.borrow();
        let keyring = &wallet.as_ref().ok_or_else(unauthorized)?.keyring;
        let id = keyring
            .accounts()
            .into_iter()
            .find(|a| a.evm_address == address)
            .map(|a| a.id)
            .ok_or_else(unauthorized)?;
        let secret = keyring.evm_secret(&id).map_err(|_| unauthorized())?;
        let signature = sign_prehash(&secret, &prehash)
            .map_err(|e| ProviderError::new(ProviderErrorCode::Internal, format!("signing failed: {e}")))?;
        Ok(format!("0x{}", hex::encode(signature.to_rsv_bytes())))
    }

    async fn send_transaction(
        &self,
        origin: &Origin,
        request: TransactionRequest,
    ) -> Result<String, ProviderError> {
        let from = request.from.ok_or_else(|| {
            ProviderError::new(ProviderErrorCode::InvalidParams, "transaction: from is required")
        })?;
        if !self.accounts(origin).contains(&from) {
            return Err(ProviderError::new(
                ProviderErrorCode::Unauthorized,
                format!("{from} is not an account this site may use; connect it first"),
            ));
        }
        self.send_site_transaction(origin, Host::chain_id(self, origin), from, request)
            .await
    }

    async fn watch_asset(&self, origin: &Origin, asset: WatchAsset) -> Result<bool, ProviderError> {
        self.watch_token(origin, asset).await
    }

    async fn add_chain(
        &self,
        origin: &Origin,
        params: crate::chains::evm::eip3085::ChainParams,
    ) -> Result<(), ProviderError> {
        self.add_chain_for_site(origin, params).await
    }

    async fn send_calls(
        &self,
        origin: &Origin,
        batch: crate::chains::evm::eip5792::SendCalls,
    ) -> Result<Value, ProviderError> {
        self.send_calls_for_site(origin, batch).await
    }

    async fn calls_status(&self, origin: &Origin, id: &str) -> Result<Value, ProviderError> {
        self.calls_status_for_site(origin, id).await
    }

    fn known_chains(&self) -> Vec<ChainId> {
        self.network_infos().into_iter().map(|n| n.chain_id).collect()
    }

    async fn revoke(&self, origin: &Origin) -> Result<(), ProviderError> {
        if !self.permissions.borrow().origins.contains_key(origin.as_str()) {
            return Ok(());
        }
        self.save_permissions(|p| {
            p.origins.remove(origin.as_str());
        })
        .await?;
        self.emit(Some(origin.as_str()), "accountsChanged", Value::Array(Vec::new()));
        Ok(())
    }
}
