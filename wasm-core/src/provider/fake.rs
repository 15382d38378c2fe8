//! A [`Host`] for tests: one account, prompts answered at once.

use std::cell::{Cell, RefCell};

use super::{Host, Origin, Permission};
use crate::api::{ChainId, ProviderError, ProviderErrorCode};
use crate::chains::evm::Address;

pub(crate) struct FakeHost {
    chain: Cell<ChainId>,
    pub(crate) rpc_calls: RefCell<Vec<(String, serde_json::Value)>>,
    granted: RefCell<Option<Permission>>,
    pub(crate) prompts: RefCell<Vec<Origin>>,
    pub(crate) refuse: Cell<bool>,
    pub(crate) watched: RefCell<Vec<super::WatchAsset>>,
}

impl FakeHost {
    pub(crate) const ORIGIN: &'static str = "https://dapp.example";
    pub(crate) const ADDRESS: &'static str = "0x9858EfFD232B4033E47d90003D41EC34EcaEda94";

    pub(crate) fn origin() -> Origin {
        Self::ORIGIN.parse().unwrap_or_else(|_| unreachable!())
    }

    pub(crate) fn on_chain(id: u64) -> Self {
        Self {
            chain: Cell::new(ChainId::new(id).unwrap_or_else(|_| unreachable!())),
            rpc_calls: RefCell::new(Vec::new()),
            granted: RefCell::new(None),
            prompts: RefCell::new(Vec::new()),
            refuse: Cell::new(false),
            watched: RefCell::new(Vec::new()),
        }
    }

    fn address() -> Address {
        Self::ADDRESS.parse().unwrap_or_else(|_| unreachable!())
    }
}

#[async_trait::async_trait(?Send)]
impl Host for FakeHost {
    fn chain_id(&self, _origin: &Origin) -> ChainId {
        self.chain.get()
    }

    async fn rpc(
        &self,
        _origin: &Origin,
        method: &str,
        params: &serde_json::Value,
    ) -> Result<serde_json::Value, ProviderError> {
        self.rpc_calls
            .borrow_mut()
            .push((method.to_owned(), params.clone()));
        Ok(serde_json::json!({ "forwarded": method }))
    }

    async fn switch_chain(&self, _origin: &Origin, chain_id: ChainId) -> Result<(), ProviderError> {
        if ![1, 31_337].contains(&chain_id.get()) {
            return Err(ProviderError::new(
                ProviderErrorCode::UnrecognizedChain,
                "unknown chain",
            ));
        }
        self.chain.set(chain_id);
        Ok(())
    }

    fn accounts(&self, _origin: &Origin) -> Vec<Address> {
        self.granted
            .borrow()
            .as_ref()
            .map(|p| p.accounts.clone())
            .unwrap_or_default()
    }

    fn permission(&self, _origin: &Origin) -> Option<Permission> {
        self.granted.borrow().clone()
    }

    async fn request_accounts(&self, origin: &Origin) -> Result<Vec<Address>, ProviderError> {
        if let Some(p) = self.granted.borrow().as_ref() {
            return Ok(p.accounts.clone());
        }
        self.prompts.borrow_mut().push(origin.clone());
        if self.refuse.get() {
            return Err(ProviderError::new(
                ProviderErrorCode::UserRejected,
                "the user rejected the request",
            ));
        }
        let permission = Permission {
            accounts: vec![Self::address()],
            granted_at_ms: 1_700_000_000_000,
        };
        *self.granted.borrow_mut() = Some(permission.clone());
        Ok(permission.accounts)
    }

    async fn sign(
        &self,
        origin: &Origin,
        address: Address,
        approval: crate::api::ApprovalKind,
        prehash: crate::chains::evm::B256,
    ) -> Result<String, ProviderError> {
        if !self.accounts(origin).contains(&address) {
            return Err(ProviderError::new(
                ProviderErrorCode::Unauthorized,
                "not an account of this site",
            ));
        }
        self.prompts.borrow_mut().push(origin.clone());
        let _ = approval;
        Ok(format!("signed:{prehash}"))
    }

    async fn send_transaction(
        &self,
        origin: &Origin,
        request: crate::chains::evm::TransactionRequest,
    ) -> Result<String, ProviderError> {
        self.prompts.borrow_mut().push(origin.clone());
        Ok(format!("sent:{}", request.nonce.unwrap_or_default()))
    }

    async fn watch_asset(&self, origin: &Origin, asset: super::WatchAsset) -> Result<bool, ProviderError> {
        self.prompts.borrow_mut().push(origin.clone());
        self.watched.borrow_mut().push(asset);
        Ok(!self.refuse.get())
    }

    async fn add_chain(
        &self,
        origin: &Origin,
        params: crate::chains::evm::eip3085::ChainParams,
    ) -> Result<(), ProviderError> {
        self.prompts.borrow_mut().push(origin.clone());
        if self.refuse.get() {
            return Err(ProviderError::new(
                ProviderErrorCode::UserRejected,
                "the user rejected the request",
            ));
        }
        self.chain.set(params.chain_id);
        Ok(())
    }

    async fn send_calls(
        &self,
        origin: &Origin,
        batch: crate::chains::evm::eip5792::SendCalls,
    ) -> Result<serde_json::Value, ProviderError> {
        self.prompts.borrow_mut().push(origin.clone());
        Ok(serde_json::json!({ "id": format!("batch-of-{}", batch.calls.len()) }))
    }

    async fn calls_status(&self, _origin: &Origin, id: &str) -> Result<serde_json::Value, ProviderError> {
        if id != "batch-of-2" {
            return Err(ProviderError::new(ProviderErrorCode::Node(5730), "unknown batch"));
        }
        Ok(serde_json::json!({ "id": id, "status": 200 }))
    }

    fn known_chains(&self) -> Vec<ChainId> {
        [1, 31_337]
            .into_iter()
            .filter_map(|c| ChainId::new(c).ok())
            .collect()
    }

    async fn revoke(&self, _origin: &Origin) -> Result<(), ProviderError> {
        self.granted.borrow_mut().take();
        Ok(())
    }
}
