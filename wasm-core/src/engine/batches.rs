//! Call batches (EIP-5792): approved once, executed as separate transactions one after the
//! other, and remembered in `chrome.storage.local` so `wallet_getCallsStatus` answers after a
//! worker restart.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::connect::rejected;
use super::{Decision, Engine};
use crate::api::{ApprovalKind, ChainId, ProviderError, ProviderErrorCode};
use crate::chains::evm::eip5792::{BatchStatus, SendCalls, VERSION, call_receipt, codes};
use crate::chains::evm::fees::{FeeLevel, format_gwei};
use crate::chains::evm::{Address, TransactionRequest};
use crate::provider::{Host, Origin};
use crate::storage::Storage;

/// Storage key of the batch records.
pub const BATCHES_KEY: &str = "evm_batches";

/// How many batches are remembered (the oldest are forgotten first).
const KEPT: usize = 200;

/// A batch as stored: enough to answer its status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct BatchRecord {
    id: String,
    origin: String,
    chain_id: ChainId,
    /// How many calls the batch has.
    calls: usize,
    /// Hashes of the transactions broadcast so far, in call order.
    hashes: Vec<String>,
    /// Why the next call could not be sent, if one could not.
    error: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    version: u32,
    batches: Vec<BatchRecord>,
}

fn error(code: i32, message: impl Into<String>) -> ProviderError {
    ProviderError::new(ProviderErrorCode::from(code), message)
}

fn internal(message: impl Into<String>) -> ProviderError {
    ProviderError::new(ProviderErrorCode::Internal, message)
}

impl<S: Storage> Engine<S> {
    /// The stored batches. An unreadable store is an error, never silently replaced.
    async fn load_batches(&self) -> Result<Vec<BatchRecord>, ProviderError> {
        let text = self
            .local
            .get(BATCHES_KEY)
            .await
            .map_err(|e| internal(format!("could not read the call batches: {e}")))?;
        let Some(text) = text else {
            return Ok(Vec::new());
        };
        match serde_json::from_str::<Stored>(&text) {
            Ok(stored) if stored.version == 1 => Ok(stored.batches),
            _ => Err(internal(
                "the saved call batches could not be read; nothing was changed",
            )),
        }
    }

    /// Saves `record` (replacing the one with its id).
    async fn save_batch(&self, record: &BatchRecord) -> Result<(), ProviderError> {
        let mut batches = self.load_batches().await?;
        match batches.iter_mut().find(|b| b.id == record.id) {
            Some(b) => *b = record.clone(),
            None => batches.push(record.clone()),
        }
        let excess = batches.len().saturating_sub(KEPT);
        batches.drain(..excess);
        let text = serde_json::to_string(&Stored { version: 1, batches }).unwrap_or_default();
        self.local
            .set(BATCHES_KEY, &text)
            .await
            .map_err(|e| internal(format!("could not save the call batch: {e}")))
    }

    /// `wallet_sendCalls` for `origin`: checks the batch, shows every call in one approval,
    /// then sends the calls as separate transactions in order; answers `{id}`.
    pub(super) async fn send_calls_for_site(
        &self,
        origin: &Origin,
        batch: SendCalls,
    ) -> Result<Value, ProviderError> {
        let accounts = self.accounts(origin);
        let from = match batch.from {
            Some(from) => from,
            None => *accounts.first().ok_or_else(|| {
                ProviderError::new(ProviderErrorCode::Unauthorized, "connect an account first")
            })?,
        };
        if !accounts.contains(&from) {
            return Err(ProviderError::new(
                ProviderErrorCode::Unauthorized,
                format!("{from} is not an account this site may use; connect it first"),
            ));
        }
        let chain = Host::chain_id(self, origin);
        if batch.chain_id != chain {
            return Err(ProviderError::new(
                ProviderErrorCode::InvalidParams,
                format!(
                    "the batch is for chain {}, but this site is on {chain}: switch first",
                    batch.chain_id
                ),
            ));
        }
        if batch.atomic_required {
            return Err(error(
                codes::ATOMICITY_NOT_SUPPORTED,
                "Formica sends batches as separate transactions and cannot make them atomic",
            ));
        }
        let known = self.load_batches().await?;
        if let Some(id) = &batch.id
            && known.iter().any(|b| &b.id == id)
        {
            return Err(error(codes::DUPLICATE_ID, format!("a batch with id {id} exists")));
        }
        let levels = self.fee_levels(chain).await?;
        let mut views = Vec::with_capacity(batch.calls.len());
        for call in &batch.calls {
            views.push(self.review_call(chain, call.to, call.value, &call.data).await);
        }
        let approval = ApprovalKind::SendCalls {
            network: self.network_name(chain),
            from: from.to_string(),
            calls: views,
            max_fee_per_gas: format_gwei(levels.get(FeeLevel::Market).max_per_gas()),
        };
        let Decision::Approved { .. } = self.prompt(origin, approval).await? else {
            return Err(rejected());
        };
        let id = batch.id.clone().unwrap_or_else(|| {
            let mut bytes = [0_u8; 32];
            let _ = getrandom::fill(&mut bytes);
            format!("0x{}", hex::encode(bytes))
        });
        let mut record = BatchRecord {
            id: id.clone(),
            origin: origin.to_string(),
            chain_id: chain,
            calls: batch.calls.len(),
            hashes: Vec::new(),
            error: None,
        };
        self.save_batch(&record).await?;
        let mut nonce = None;
        for call in batch.calls {
            match self.send_batch_call(origin, chain, from, call, nonce).await {
                Ok((hash, used)) => {
                    record.hashes.push(hash);
                    nonce = used.checked_add(1);
                }
                Err(e) => {
                    record.error = Some(e.message);
                    break;
                }
            }
            self.save_batch(&record).await?;
        }
        if record.error.is_some() {
            self.save_batch(&record).await?;
        }
        Ok(json!({ "id": id }))
    }

    /// Completes, signs and broadcasts one call of a batch at the market fee, and records it in
    /// the activity list; answers its hash
    /// and the nonce it used. The first call takes the node's pending nonce, the next ones
    /// count up from it.
    async fn send_batch_call(
        &self,
        origin: &Origin,
        chain: ChainId,
        from: Address,
        call: crate::chains::evm::eip5792::BatchCall,
        nonce: Option<u64>,
    ) -> Result<(String, u64), ProviderError> {
        let mut request = TransactionRequest {
            from: Some(from),
            to: call.to,
            value: Some(call.value),
            input: Some(call.data),
            chain_id: Some(chain),
            nonce,
            ..TransactionRequest::default()
        };
        self.complete_nonce_and_gas(chain, from, &mut request).await?;
        self.complete_fees(chain, &mut request).await?;
        let tx = request
            .to_transaction()
            .map_err(|e| ProviderError::new(ProviderErrorCode::InvalidParams, format!("call: {e}")))?;
        let raw = self.sign_transaction(from, &tx)?;
        let hash = self.broadcast(chain, &raw).await?;
        let symbol = self.currency_symbol(chain);
        let movement = self.site_movement(origin, chain, &request, &symbol).await;
        self.record_sent(chain, from, tx.nonce(), &hash, movement).await;
        Ok((hash, request.nonce.unwrap_or_default()))
    }

    /// `wallet_getCallsStatus`: the batch's status code and the receipts of its included
    /// transactions. Only the origin that sent a batch may ask for it.
    pub(super) async fn calls_status_for_site(
        &self,
        origin: &Origin,
        id: &str,
    ) -> Result<Value, ProviderError> {
        let record = self
            .load_batches()
            .await?
            .into_iter()
            .find(|b| b.id == id && b.origin == origin.as_str())
            .ok_or_else(|| error(codes::UNKNOWN_BUNDLE, format!("no batch with id {id}")))?;
        let mut receipts = Vec::new();
        let mut flags = Vec::new();
        for hash in &record.hashes {
            let answer = self
                .chain_rpc(record.chain_id, "eth_getTransactionReceipt", &json!([hash]))
                .await?;
            if answer.is_null() {
                flags.push(None);
                continue;
            }
            let (receipt, ok) =
                call_receipt(&answer).ok_or_else(|| internal("the node answered a malformed receipt"))?;
            receipts.push(receipt);
            flags.push(Some(ok));
        }
        let status = BatchStatus::of(record.calls, record.hashes.len(), &flags);
        Ok(json!({
            "version": VERSION,
            "id": record.id,
            "chainId": record.chain_id.to_string(),
            "status": status.code(),
            "atomic": false,
            "receipts": receipts,
        }))
    }
}
