//! A NEO host for tests: one account, a scripted node, prompts answered as told.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{NeoAccountView, NeoError, NeoErrorKind, NeoHost};
use crate::api::{ApprovalKind, NeoNetworkInfo};
use crate::chains::neo::{PrivateKey, PublicKey, Signature};
use crate::provider::Origin;

/// neon-js test key A (testdata/neo/keys.json).
pub(crate) const KEY_A: &str = "7d128a6d096f0c14c3a25a2b0c41cf79661bfcb4a8cc95aaaea28bde4d732344";
/// Its address.
pub(crate) const ADDRESS_A: &str = "NPTmAHDxo6Pkyic8Nvu3kwyXoYJCvcCB6i";
/// Another address (key B).
pub(crate) const ADDRESS_B: &str = "NMBfzaEq2c5zodiNbLPoohVENARMbJim1r";
/// A private network magic.
pub(crate) const MAGIC: u32 = 1_234_567_890;

pub(crate) struct FakeNeoHost {
    pub(crate) key: PrivateKey,
    pub(crate) connected: Cell<bool>,
    pub(crate) refuse: Cell<bool>,
    pub(crate) prompts: RefCell<Vec<ApprovalKind>>,
    pub(crate) signed: Cell<usize>,
    /// Answers by method; a method without one answers an RPC error.
    pub(crate) node: RefCell<BTreeMap<String, Result<Value, NeoError>>>,
    pub(crate) rpc_calls: RefCell<Vec<(String, Value)>>,
}

impl FakeNeoHost {
    pub(crate) fn new() -> Self {
        let mut node = BTreeMap::new();
        node.insert("getblockcount".to_owned(), Ok(json!(500)));
        node.insert(
            "invokescript".to_owned(),
            Ok(json!({"state": "HALT", "gasconsumed": "997775", "stack": [{"type": "Boolean", "value": true}]})),
        );
        node.insert(
            "calculatenetworkfee".to_owned(),
            Ok(json!({"networkfee": "1228520"})),
        );
        node.insert("sendrawtransaction".to_owned(), Ok(json!({"hash": "0x00"})));
        Self {
            key: PrivateKey::from_hex(KEY_A).unwrap(),
            connected: Cell::new(false),
            refuse: Cell::new(false),
            prompts: RefCell::new(Vec::new()),
            signed: Cell::new(0),
            node: RefCell::new(node),
            rpc_calls: RefCell::new(Vec::new()),
        }
    }

    pub(crate) fn connected() -> Self {
        let host = Self::new();
        host.connected.set(true);
        host
    }

    pub(crate) fn origin() -> Origin {
        "https://dapp.example".parse().unwrap()
    }

    pub(crate) fn answer(&self, method: &str, result: Result<Value, NeoError>) {
        self.node.borrow_mut().insert(method.to_owned(), result);
    }

    /// The params of the last call of `method`.
    pub(crate) fn last_call(&self, method: &str) -> Option<Value> {
        self.rpc_calls
            .borrow()
            .iter()
            .rev()
            .find(|(m, _)| m == method)
            .map(|(_, p)| p.clone())
    }

    fn view(&self) -> NeoAccountView {
        let public_key = self.key.public_key();
        NeoAccountView {
            address: public_key.address(),
            label: "Account 1".into(),
            public_key,
        }
    }
}

#[async_trait::async_trait(?Send)]
impl NeoHost for FakeNeoHost {
    fn network(&self) -> NeoNetworkInfo {
        NeoNetworkInfo {
            name: "Private".into(),
            magic: MAGIC,
            rpc_url: "http://127.0.0.1:20332".into(),
            builtin: false,
        }
    }

    fn networks(&self) -> Vec<NeoNetworkInfo> {
        vec![self.network()]
    }

    fn account(&self, _origin: &Origin) -> Option<NeoAccountView> {
        self.connected.get().then(|| self.view())
    }

    fn verification_script(&self, account: &crate::chains::neo::UInt160) -> Option<Vec<u8>> {
        let key = self.key.public_key();
        (key.script_hash() == *account).then(|| key.verification_script())
    }

    fn is_connected(&self, _origin: &Origin) -> bool {
        self.connected.get()
    }

    async fn connect(&self, origin: &Origin) -> Result<NeoAccountView, NeoError> {
        if !self.connected.get() {
            let view = self.view();
            self.approve(
                origin,
                ApprovalKind::NeoConnect {
                    address: view.address.to_string(),
                    label: view.label,
                    network: "Private".into(),
                    account_id: "hd:0".into(),
                    switch: false,
                },
            )
            .await
            .map_err(|_| NeoError::new(NeoErrorKind::ConnectionDenied, "refused"))?;
            self.connected.set(true);
        }
        Ok(self.view())
    }

    async fn approve(&self, _origin: &Origin, kind: ApprovalKind) -> Result<(), NeoError> {
        self.prompts.borrow_mut().push(kind);
        if self.refuse.get() {
            Err(NeoError::canceled())
        } else {
            Ok(())
        }
    }

    fn sign(&self, _origin: &Origin, digest: &[u8; 32]) -> Result<(PublicKey, Signature), NeoError> {
        assert!(self.connected.get(), "signed for a site that is not connected");
        self.signed.set(self.signed.get() + 1);
        Ok((self.key.public_key(), self.key.sign_prehash(digest)))
    }

    async fn rpc(&self, method: &str, params: Value) -> Result<Value, NeoError> {
        self.rpc_calls.borrow_mut().push((method.to_owned(), params));
        self.node.borrow().get(method).cloned().unwrap_or_else(|| {
            Err(NeoError::new(
                NeoErrorKind::RpcError,
                format!("no answer for {method}"),
            ))
        })
    }

    fn random(&self) -> [u8; 16] {
        [7; 16]
    }

    async fn switch_network(&self, _origin: &Origin, chain_id: u32) -> Result<bool, NeoError> {
        if chain_id == 3 || chain_id == 6 {
            Ok(true)
        } else {
            Err(NeoError::malformed("unknown chain"))
        }
    }

    async fn switch_account(&self, origin: &Origin) -> Result<Option<NeoAccountView>, NeoError> {
        if !self.connected.get() {
            return Err(NeoError::not_connected());
        }
        self.connect(origin).await.map(Some)
    }
}
