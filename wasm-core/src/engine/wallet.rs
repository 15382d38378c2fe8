//! The popup's wallet commands: balances, tokens, the send flow, the activity list with its
//! receipt tracking, and connected sites.

use serde_json::{Value, json};

use super::activity::{Movement, ui_failure};
use super::records::ActivityStore;
use super::tokens::parse_address;
use super::{Engine, Failure, Outcome, now_ms};
use crate::api::{
    ActivityItem, AssetBalance, Balances, ChainId, ConnectedSite, FeeChoice, ProviderError, SendForm,
    SendReview, TokenInfo, TxStatus, UiError, UiRequest, UiResponse,
};
use crate::chains::evm::erc20::{balance_of_call, decode_uint256};
use crate::chains::evm::fees::{FeeLevel, FeeLevels, GasPrice};
use crate::chains::evm::quantity::{format_quantity_u64, parse_data, parse_quantity, parse_quantity_u64};
use crate::chains::evm::units::{AmountError, format_native, format_units, parse_units};
use crate::chains::evm::{Address, TokenCall, TransactionRequest, U256};
use crate::provider::{Host, Origin};
use crate::storage::Storage;

/// Decimals of every built-in network's native currency.
const NATIVE_DECIMALS: u8 = 18;
/// A pending transaction the node no longer knows, and whose nonce is still unused, counts as
/// dropped after this long (nodes evict underpriced transactions from their pools).
pub const DROP_AFTER_MS: u64 = 30 * 60 * 1000;

/// A send, checked and completed, ready to sign.
struct PreparedSend {
    chain: ChainId,
    request: TransactionRequest,
    review: SendReview,
    movement: Movement,
}

fn amount_failure(e: &AmountError) -> Failure {
    match e {
        AmountError::TooManyDecimals { decimals } => Failure {
            error: UiError::TooManyDecimals,
            args: vec![decimals.to_string()],
            detail: e.to_string(),
        },
        _ => Failure {
            error: UiError::InvalidAmount,
            args: vec![e.to_string()],
            detail: e.to_string(),
        },
    }
}

fn node_failure(message: String) -> Failure {
    Failure {
        error: UiError::NodeError,
        args: vec![message.clone()],
        detail: message,
    }
}

fn quantity_u256(v: &Value) -> Result<U256, Failure> {
    v.as_str()
        .and_then(|s| parse_quantity(s).ok())
        .ok_or_else(|| node_failure("the node answered a malformed quantity".into()))
}

fn quantity_u64(v: &Value) -> Result<u64, Failure> {
    v.as_str()
        .and_then(|s| parse_quantity_u64(s).ok())
        .ok_or_else(|| node_failure("the node answered a malformed quantity".into()))
}

/// Sets `level`'s fee from `levels` on a request that has no fee yet: EIP-1559 fields where
/// the chain has a base fee, a legacy gas price otherwise.
fn set_fee_level(levels: &FeeLevels, level: FeeLevel, request: &mut TransactionRequest) {
    match (levels.get(level), levels.base_fee) {
        (
            GasPrice::Eip1559 {
                max_fee_per_gas,
                max_priority_fee_per_gas,
            },
            Some(_),
        ) => {
            request.max_fee_per_gas = Some(max_fee_per_gas);
            request.max_priority_fee_per_gas = Some(max_priority_fee_per_gas);
            request.gas_price = None;
        }
        (GasPrice::Legacy { gas_price }, _)
        | (
            GasPrice::Eip1559 {
                max_fee_per_gas: gas_price,
                ..
            },
            None,
        ) => {
            request.gas_price = Some(gas_price);
            request.max_fee_per_gas = None;
            request.max_priority_fee_per_gas = None;
        }
    }
}

/// What a receipt says: status 1 confirmed, 0 reverted (a pre-Byzantium receipt has no status:
/// mined is all it says).
fn receipt_status(receipt: &Value) -> Option<(TxStatus, Option<String>)> {
    if !receipt.is_object() {
        return None;
    }
    Some(match receipt.get("status").and_then(Value::as_str) {
        Some("0x0") => (
            TxStatus::Failed,
            Some("the transaction reverted (receipt status 0)".to_owned()),
        ),
        _ => (TxStatus::Confirmed, None),
    })
}

impl<S: Storage> Engine<S> {
    /// Runs a wallet command of the popup.
    pub(super) async fn run_wallet(&self, request: UiRequest) -> Result<UiResponse, Failure> {
        Ok(match request {
            UiRequest::GetBalances => UiResponse::Balances {
                balances: self.balances().await?,
            },
            UiRequest::GetBlockNumber => UiResponse::BlockNumber {
                number: self.block_number(self.chain_id()).await?,
            },
            UiRequest::AddToken { address } => UiResponse::Tokens {
                tokens: self.add_token(&address).await?,
            },
            UiRequest::RemoveToken { address } => UiResponse::Tokens {
                tokens: self.remove_token(&address).await?,
            },
            UiRequest::ReviewSend { form } => UiResponse::SendReview {
                review: self.prepare_send(&form).await?.review,
            },
            UiRequest::ConfirmSend { form } => {
                let PreparedSend {
                    chain,
                    request,
                    movement,
                    ..
                } = self.prepare_send(&form).await?;
                let (from, nonce) = (request.from, request.nonce);
                let tx = request
                    .to_transaction()
                    .map_err(|e| Failure::new(UiError::Malformed, format!("transaction: {e}")))?;
                let (Some(from), Some(nonce)) = (from, nonce) else {
                    return Err(Failure::new(UiError::Malformed, "incomplete transaction"));
                };
                // The same signing and broadcast as a site's eth_sendTransaction.
                let raw = self.sign_transaction(from, &tx).map_err(|e| ui_failure(&e))?;
                let hash = self.broadcast(chain, &raw).await.map_err(|e| ui_failure(&e))?;
                self.record_sent(chain, from, nonce, &hash, movement).await;
                UiResponse::Sent { hash }
            }
            UiRequest::GetActivity => {
                // Nodes that cannot be reached leave transactions pending; the list still shows.
                let _ = self.poll_receipts().await;
                let mut items = self.load_record::<ActivityStore>().await?.items;
                items.reverse();
                UiResponse::Activity { items }
            }
            UiRequest::GetConnectedSites => UiResponse::ConnectedSites {
                sites: self.connected_sites(),
            },
            UiRequest::RevokeSite { origin } => {
                let parsed = origin
                    .parse::<Origin>()
                    .ok()
                    .filter(|o| self.permissions.borrow().origins.contains_key(o.as_str()))
                    .ok_or_else(|| {
                        Failure::new(UiError::UnknownSite, format!("{origin} is not connected"))
                    })?;
                Host::revoke(self, &parsed)
                    .await
                    .map_err(|e| Failure::new(UiError::Storage, e.message))?;
                UiResponse::ConnectedSites {
                    sites: self.connected_sites(),
                }
            }
            other => {
                return Err(Failure::new(
                    UiError::Malformed,
                    format!("not a wallet command: {other:?}"),
                ));
            }
        })
    }

    /// The selected account's EVM address.
    fn selected_evm_address(&self) -> Result<Address, Failure> {
        let state = self.state();
        let id = state
            .selected_account
            .ok_or_else(|| Failure::new(UiError::Locked, "locked"))?;
        state
            .accounts
            .iter()
            .find(|a| a.id == id)
            .and_then(|a| a.evm_address.parse().ok())
            .ok_or_else(|| Failure::new(UiError::UnknownAccount, format!("no account {id}")))
    }

    async fn call_node(&self, chain: ChainId, method: &str, params: &Value) -> Result<Value, Failure> {
        self.chain_rpc(chain, method, params)
            .await
            .map_err(|e: ProviderError| node_failure(e.message))
    }

    async fn block_number(&self, chain: ChainId) -> Result<u64, Failure> {
        quantity_u64(&self.call_node(chain, "eth_blockNumber", &json!([])).await?)
    }

    async fn native_balance(&self, chain: ChainId, account: Address, block: &str) -> Result<U256, Failure> {
        quantity_u256(
            &self
                .call_node(chain, "eth_getBalance", &json!([account.to_string(), block]))
                .await?,
        )
    }

    async fn token_balance(
        &self,
        chain: ChainId,
        token: &str,
        account: Address,
        block: &str,
    ) -> Result<U256, Failure> {
        let call =
            json!([{"to": token, "data": format!("0x{}", hex::encode(balance_of_call(&account)))}, block]);
        let answer = self.call_node(chain, "eth_call", &call).await?;
        answer
            .as_str()
            .and_then(|s| parse_data(s).ok())
            .and_then(|d| decode_uint256(&d).ok())
            .ok_or_else(|| node_failure(format!("{token} answered balanceOf with no number")))
    }

    /// The selected account's native and token balances, read at one block.
    async fn balances(&self) -> Result<Balances, Failure> {
        let account = self.selected_evm_address()?;
        let chain = self.chain_id();
        let symbol = self.currency_symbol(chain);
        let block = self.block_number(chain).await?;
        let tag = format_quantity_u64(block);
        let native = self.native_balance(chain, account, &tag).await?;
        let mut tokens = Vec::new();
        for TokenInfo {
            address,
            symbol,
            decimals,
            ..
        } in self.tokens_on(chain).await?
        {
            let (amount, error) = match self.token_balance(chain, &address, account, &tag).await {
                Ok(balance) => (Some(format_units(balance, decimals)), None),
                Err(e) => (None, Some(e.detail)),
            };
            tokens.push(AssetBalance {
                address: Some(address),
                symbol,
                decimals,
                amount,
                error,
            });
        }
        Ok(Balances {
            chain_id: chain,
            account: account.to_string(),
            block,
            native: AssetBalance {
                address: None,
                symbol,
                decimals: NATIVE_DECIMALS,
                amount: Some(format_units(native, NATIVE_DECIMALS)),
                error: None,
            },
            tokens,
        })
    }

    /// Checks a send form against the selected account's balance and completes the
    /// transaction from the node.
    async fn prepare_send(&self, form: &SendForm) -> Result<PreparedSend, Failure> {
        let fee_level = match form.fee_level {
            FeeChoice::Low => FeeLevel::Low,
            FeeChoice::Market => FeeLevel::Market,
            FeeChoice::Aggressive => FeeLevel::Aggressive,
            FeeChoice::Custom => {
                return Err(Failure::new(
                    UiError::InvalidFee,
                    "a send uses the low, market or aggressive fee level",
                ));
            }
        };
        let from = self.selected_evm_address()?;
        let to = parse_address(&form.to)?;
        let chain = self.chain_id();
        if self.rpc_url(chain).is_none() {
            return Err(Failure::new(
                UiError::UnknownNetwork,
                format!("unknown network {chain}"),
            ));
        }
        let native_symbol = self.currency_symbol(chain);
        let native_symbol = native_symbol.as_str();
        let token = match &form.asset {
            None => None,
            Some(address) => {
                let address = parse_address(address)?.to_string();
                let token = self
                    .tokens_on(chain)
                    .await?
                    .into_iter()
                    .find(|t| t.address == address)
                    .ok_or_else(|| {
                        Failure::new(UiError::UnknownToken, format!("{address} is not watched"))
                    })?;
                Some(token)
            }
        };
        let (symbol, decimals) = token
            .as_ref()
            .map_or((native_symbol.to_owned(), NATIVE_DECIMALS), |t| {
                (t.symbol.clone(), t.decimals)
            });
        let amount = parse_units(&form.amount, decimals).map_err(|e| amount_failure(&e))?;
        if amount.is_zero() {
            return Err(Failure {
                error: UiError::InvalidAmount,
                args: vec!["the amount must be more than zero".into()],
                detail: "zero amount".into(),
            });
        }
        let block = "latest";
        let native_balance = self.native_balance(chain, from, block).await?;
        let insufficient = |balance: U256, decimals: u8, symbol: &str| Failure {
            error: UiError::InsufficientFunds,
            args: vec![format!("{} {symbol}", format_units(balance, decimals))],
            detail: "amount above balance".into(),
        };
        let mut request = TransactionRequest {
            from: Some(from),
            ..TransactionRequest::default()
        };
        let token_address = match &token {
            None => {
                if amount > native_balance {
                    return Err(insufficient(native_balance, NATIVE_DECIMALS, native_symbol));
                }
                request.to = Some(to);
                request.value = Some(amount);
                None
            }
            Some(t) => {
                let balance = self.token_balance(chain, &t.address, from, block).await?;
                if amount > balance {
                    return Err(insufficient(balance, t.decimals, &t.symbol));
                }
                let contract = parse_address(&t.address)?;
                request.to = Some(contract);
                request.input = Some(TokenCall::Transfer { to, amount }.encode());
                Some(contract)
            }
        };
        request.chain_id = Some(chain);
        self.complete_nonce_and_gas(chain, from, &mut request)
            .await
            .map_err(|e| ui_failure(&e))?;
        let levels = self.fee_levels(chain).await.map_err(|e| ui_failure(&e))?;
        set_fee_level(&levels, fee_level, &mut request);
        let gas = request.gas.unwrap_or_default();
        let max_fee = request
            .max_fee_per_gas
            .or(request.gas_price)
            .unwrap_or_default()
            .saturating_mul(U256::from(gas));
        let native_needed = max_fee.saturating_add(request.value.unwrap_or_default());
        if native_needed > native_balance {
            return Err(Failure {
                error: UiError::InsufficientFunds,
                args: vec![format_native(native_balance, native_symbol)],
                detail: format!(
                    "amount and fee need up to {}",
                    format_native(native_needed, native_symbol)
                ),
            });
        }
        let amount_text = format!("{} {symbol}", format_units(amount, decimals));
        Ok(PreparedSend {
            chain,
            review: SendReview {
                network: self.network_name(chain),
                from: from.to_string(),
                to: to.to_string(),
                amount: amount_text.clone(),
                gas,
                max_fee: format_native(max_fee, native_symbol),
                fee_level: form.fee_level,
            },
            request,
            movement: Movement {
                origin: None,
                to: Some(to),
                amount: amount_text,
                token: token_address,
            },
        })
    }

    /// Where a pending transaction stands now; `None` while it is still pending (or the node
    /// cannot say).
    async fn check_pending(&self, item: &ActivityItem) -> Option<(TxStatus, Option<String>)> {
        let chain = item.chain_id;
        let receipt = self
            .chain_rpc(chain, "eth_getTransactionReceipt", &json!([item.hash]))
            .await
            .ok()?;
        if let Some(status) = receipt_status(&receipt) {
            return Some(status);
        }
        let count = self
            .chain_rpc(chain, "eth_getTransactionCount", &json!([item.from, "latest"]))
            .await
            .ok()?;
        let used = count
            .as_str()
            .and_then(|s| parse_quantity_u64(s).ok())
            .is_some_and(|count| count > item.nonce);
        if used {
            // Mined between the two calls?
            let again = self
                .chain_rpc(chain, "eth_getTransactionReceipt", &json!([item.hash]))
                .await
                .ok()?;
            return Some(receipt_status(&again).unwrap_or((
                TxStatus::Dropped,
                Some(format!(
                    "replaced: another transaction with nonce {} was mined",
                    item.nonce
                )),
            )));
        }
        let known = self
            .chain_rpc(chain, "eth_getTransactionByHash", &json!([item.hash]))
            .await
            .ok()?;
        (known.is_null() && now_ms().saturating_sub(item.time_ms) > DROP_AFTER_MS).then(|| {
            (
                TxStatus::Dropped,
                Some("the node no longer knows this transaction".to_owned()),
            )
        })
    }

    /// Checks the receipts of pending transactions and records what settled; answers whether
    /// any is still pending.
    async fn poll_receipts(&self) -> Result<bool, Failure> {
        let store = self.load_record::<ActivityStore>().await?;
        let mut settled = Vec::new();
        for item in store.items.iter().filter(|i| i.status == TxStatus::Pending) {
            if let Some((status, reason)) = self.check_pending(item).await {
                settled.push((item.hash.clone(), item.chain_id, status, reason));
            }
        }
        if settled.is_empty() {
            return Ok(store.has_pending());
        }
        self.change_record(|a: &mut ActivityStore| {
            for (hash, chain, status, reason) in settled {
                if let Some(item) = a
                    .items
                    .iter_mut()
                    .find(|i| i.hash == hash && i.chain_id == chain && i.status == TxStatus::Pending)
                {
                    item.status = status;
                    item.reason = reason;
                }
            }
            Ok(a.has_pending())
        })
        .await
    }

    /// Checks pending receipts (the receipts alarm of `background.js`); the reply says
    /// whether any transaction is still pending, so the alarm can stop.
    pub async fn poll_activity(&self) -> Outcome<bool> {
        // Unreadable activity cannot be tracked: stop the alarm (the popup reports it).
        let pending = self.poll_receipts().await.unwrap_or(false);
        self.outcome(pending, Vec::new())
    }

    fn connected_sites(&self) -> Vec<ConnectedSite> {
        let grants: Vec<_> = self
            .permissions
            .borrow()
            .origins
            .iter()
            .map(|(o, g)| (o.clone(), g.clone()))
            .collect();
        grants
            .into_iter()
            .map(|(origin, grant)| ConnectedSite {
                origin,
                accounts: self
                    .addresses_of(&grant.accounts)
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
                granted_at_ms: grant.granted_at_ms,
            })
            .collect()
    }
}
