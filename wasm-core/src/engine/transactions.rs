//! The one way a transaction leaves the wallet, for dApp `eth_sendTransaction` and popup sends
//! alike: completed from the node (nonce, gas with a margin, fees at a level), signed with the
//! sender's key, broadcast, and recorded in the activity list before the hash is answered.

use serde_json::{Value, json};

use super::records::ActivityStore;
use super::{Effect, Engine, Failure, now_ms};
use crate::api::{ActivityItem, ChainId, FeeLevel, ProviderError, ProviderErrorCode, TxStatus, UiError};
use crate::chains::evm::quantity::{format_quantity, parse_quantity, parse_quantity_u64};
use crate::chains::evm::signer::sign_prehash;
use crate::chains::evm::{Address, TransactionRequest, TypedTransaction, U256, builtin_network};
use crate::net::{self, RpcError};
use crate::storage::Storage;

/// What the activity list says a transaction moves.
#[derive(Clone, Debug)]
pub(super) struct Movement {
    /// The site that asked, or `None` for the popup.
    pub origin: Option<String>,
    /// The recipient shown (a token transfer's recipient, not the token contract).
    pub to: Option<Address>,
    /// The amount with its symbol.
    pub amount: String,
    /// The token contract, for a token transfer.
    pub token: Option<Address>,
}

/// A node error as a provider error: the node's own code passes on; an unreachable node is
/// 4901 (the chain is disconnected).
pub(super) fn provider_error(e: RpcError) -> ProviderError {
    match e {
        RpcError::Node { code, message, data } => ProviderError {
            code: ProviderErrorCode::from(i32::try_from(code).unwrap_or(-32603)),
            message,
            data,
        },
        RpcError::Http(e) => ProviderError::new(ProviderErrorCode::ChainDisconnected, e.to_string()),
        RpcError::Malformed { .. } => ProviderError::new(ProviderErrorCode::Internal, e.to_string()),
    }
}

/// A provider error as a popup failure (the node's words as the message's argument).
pub(super) fn ui_failure(e: &ProviderError) -> Failure {
    let error = match e.code {
        ProviderErrorCode::InvalidParams => UiError::Malformed,
        _ => UiError::NodeError,
    };
    Failure {
        error,
        args: vec![e.message.clone()],
        detail: e.message.clone(),
    }
}

fn bad_node() -> ProviderError {
    ProviderError::new(
        ProviderErrorCode::Internal,
        "the node answered a malformed quantity",
    )
}

fn node_u64(v: &Value) -> Result<u64, ProviderError> {
    v.as_str()
        .and_then(|s| parse_quantity_u64(s).ok())
        .ok_or_else(bad_node)
}

fn node_u256(v: &Value) -> Result<U256, ProviderError> {
    v.as_str()
        .and_then(|s| parse_quantity(s).ok())
        .ok_or_else(bad_node)
}

impl<S: Storage> Engine<S> {
    /// Calls `method` on the first RPC URL of `chain`.
    pub(super) async fn node(
        &self,
        chain: ChainId,
        method: &str,
        params: &Value,
    ) -> Result<Value, ProviderError> {
        let network = builtin_network(chain).ok_or_else(|| {
            ProviderError::new(
                ProviderErrorCode::ChainDisconnected,
                format!("no node for chain {chain}"),
            )
        })?;
        let url = network.rpc_urls.first().copied().unwrap_or_default();
        net::call(self.http.as_ref(), url, method, params)
            .await
            .map_err(provider_error)
    }

    /// Fills in what `request` leaves out: chain, nonce (`pending`), gas (estimate + 20 %),
    /// and fees at `level`.
    ///
    /// # Errors
    /// -32602 when the request is for another chain; the node's error when it refuses.
    pub(super) async fn complete_transaction(
        &self,
        chain: ChainId,
        request: &mut TransactionRequest,
        level: FeeLevel,
    ) -> Result<(), ProviderError> {
        let invalid = |m: String| ProviderError::new(ProviderErrorCode::InvalidParams, m);
        let from = request
            .from
            .ok_or_else(|| invalid("transaction: from is required".into()))?;
        if request.chain_id.is_some_and(|c| c != chain) {
            return Err(invalid(format!(
                "the transaction is for another chain than this site's ({chain})"
            )));
        }
        request.chain_id = Some(chain);
        if request.nonce.is_none() {
            let count = self
                .node(
                    chain,
                    "eth_getTransactionCount",
                    &json!([from.to_string(), "pending"]),
                )
                .await?;
            request.nonce = Some(node_u64(&count)?);
        }
        if request.gas.is_none() {
            let mut call = serde_json::Map::new();
            call.insert("from".into(), json!(from.to_string()));
            if let Some(to) = request.to {
                call.insert("to".into(), json!(to.to_string()));
            }
            if let Some(value) = request.value {
                call.insert("value".into(), json!(format_quantity(value)));
            }
            if let Some(input) = &request.input {
                call.insert("data".into(), json!(format!("0x{}", hex::encode(input))));
            }
            let estimate = node_u64(&self.node(chain, "eth_estimateGas", &json!([call])).await?)?;
            // A 20 % margin: state can change between estimate and inclusion.
            request.gas = Some(estimate.saturating_add(estimate / 5));
        }
        if request.gas_price.is_none() && request.max_fee_per_gas.is_none() {
            self.apply_fee_level(chain, request, level).await?;
        }
        Ok(())
    }

    /// Sets the fee fields of `request` for `level`.
    async fn apply_fee_level(
        &self,
        chain: ChainId,
        request: &mut TransactionRequest,
        level: FeeLevel,
    ) -> Result<(), ProviderError> {
        let _ = level;
        let block = self
            .node(chain, "eth_getBlockByNumber", &json!(["latest", false]))
            .await?;
        match block.get("baseFeePerGas").map(node_u256).transpose()? {
            Some(base) => {
                let tip = match request.max_priority_fee_per_gas {
                    Some(tip) => tip,
                    None => node_u256(&self.node(chain, "eth_maxPriorityFeePerGas", &json!([])).await?)?,
                };
                request.max_priority_fee_per_gas = Some(tip);
                request.max_fee_per_gas = Some(base.saturating_mul(U256::from(2)).saturating_add(tip));
            }
            None => {
                request.gas_price = Some(node_u256(&self.node(chain, "eth_gasPrice", &json!([])).await?)?);
            }
        }
        Ok(())
    }

    /// Signs `tx` with the key of `from` (an account of the unlocked wallet); the raw bytes.
    pub(super) fn sign_transaction(
        &self,
        from: Address,
        tx: &TypedTransaction,
    ) -> Result<Vec<u8>, ProviderError> {
        let wallet = self.wallet.borrow();
        let locked = || ProviderError::new(ProviderErrorCode::Unauthorized, "the wallet is locked");
        let keyring = &wallet.as_ref().ok_or_else(locked)?.keyring;
        let id = keyring
            .accounts()
            .into_iter()
            .find(|a| a.evm_address == from)
            .map(|a| a.id)
            .ok_or_else(|| {
                ProviderError::new(
                    ProviderErrorCode::Unauthorized,
                    format!("{from} is not an account of this wallet"),
                )
            })?;
        let secret = keyring.evm_secret(&id).map_err(|_| locked())?;
        let signature = sign_prehash(&secret, &tx.signing_hash())
            .map_err(|e| ProviderError::new(ProviderErrorCode::Internal, format!("signing failed: {e}")))?;
        Ok(tx.encode_signed(&signature))
    }

    /// Signs the complete `request`, broadcasts it on `chain` and records it; answers the hash.
    ///
    /// # Errors
    /// -32602 for an incomplete request; 4100 when the wallet is locked; the node's error when
    /// it refuses the transaction.
    pub(super) async fn sign_and_broadcast(
        &self,
        chain: ChainId,
        request: &TransactionRequest,
        movement: Movement,
    ) -> Result<String, ProviderError> {
        let invalid = |m: String| ProviderError::new(ProviderErrorCode::InvalidParams, m);
        let from = request
            .from
            .ok_or_else(|| invalid("transaction: from is required".into()))?;
        let tx = request
            .to_transaction()
            .map_err(|e| invalid(format!("transaction: {e}")))?;
        let raw = self.sign_transaction(from, &tx)?;
        let hash = self
            .node(
                chain,
                "eth_sendRawTransaction",
                &json!([format!("0x{}", hex::encode(raw))]),
            )
            .await?;
        let hash = hash.as_str().map(str::to_owned).ok_or_else(bad_node)?;
        let item = ActivityItem {
            chain_id: chain,
            hash: hash.clone(),
            from: from.to_string(),
            to: movement.to.map(|a| a.to_string()),
            amount: movement.amount,
            token: movement.token.map(|a| a.to_string()),
            nonce: request.nonce.unwrap_or_default(),
            time_ms: now_ms(),
            status: TxStatus::Pending,
            reason: None,
            origin: movement.origin,
        };
        // The transaction is out: a record that cannot be written (full or unreadable storage)
        // must not turn a sent transaction into an error the dApp would retry.
        let _ = self
            .change_record(|a: &mut ActivityStore| {
                a.push(item);
                Ok(())
            })
            .await;
        self.effect(Effect::WatchReceipts);
        Ok(hash)
    }
}
