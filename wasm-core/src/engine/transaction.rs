//! Transactions a site asks for: completed from the node (nonce, gas, fees), reviewed (the
//! decoded token call, warnings the engine can tell without simulating, the fee levels),
//! approved with the fee the user picked, signed and broadcast.

use serde_json::{Value, json};

use super::connect::rejected;
use super::{Engine, Failure};
use crate::api::{
    ApprovalKind, CallView, ChainId, DecodedCall, FeeChoice, FeeOption, ProviderError, ProviderErrorCode,
    TokenView, TransactionFees, TxWarning, UiError, UiResponse,
};
use crate::chains::evm::erc20::{self, TokenCall};
use crate::chains::evm::fees::{FeeLevel, FeeLevels, GasPrice, format_gwei, parse_gwei};
use crate::chains::evm::quantity::{format_data, format_quantity, parse_data, parse_quantity_u64};
use crate::chains::evm::signer::sign_prehash;
use crate::chains::evm::units::{clean_symbol, format_native, format_units};
use crate::chains::evm::{Address, TransactionRequest, TxType, TypedTransaction, U256};
use crate::provider::Origin;
use crate::storage::Storage;

fn invalid(message: impl Into<String>) -> ProviderError {
    ProviderError::new(ProviderErrorCode::InvalidParams, message)
}

fn bad_node(what: &str) -> ProviderError {
    ProviderError::new(
        ProviderErrorCode::Internal,
        format!("the node answered a malformed {what}"),
    )
}

const LEVELS: [(FeeLevel, FeeChoice); 3] = [
    (FeeLevel::Low, FeeChoice::Low),
    (FeeLevel::Market, FeeChoice::Market),
    (FeeLevel::Aggressive, FeeChoice::Aggressive),
];

/// The fee part of the approval: the levels that fit the transaction's type, and what the
/// request carries now (the site's fee, or the market level the engine filled in).
fn fee_view(
    levels: &FeeLevels,
    request: &TransactionRequest,
    gas: u64,
    symbol: &str,
    site_fee: bool,
) -> TransactionFees {
    let eip1559 = request.resolved_type() == Some(TxType::Eip1559);
    let cost = |per_gas: U256| format_native(per_gas.saturating_mul(U256::from(gas)), symbol);
    let options = LEVELS
        .iter()
        .filter_map(|(level, choice)| match levels.get(*level) {
            GasPrice::Eip1559 {
                max_fee_per_gas,
                max_priority_fee_per_gas,
            } if eip1559 => Some(FeeOption {
                level: *choice,
                max_fee_per_gas: format_gwei(max_fee_per_gas),
                max_priority_fee_per_gas: format_gwei(max_priority_fee_per_gas),
                max_cost: cost(max_fee_per_gas),
            }),
            GasPrice::Legacy { gas_price } if !eip1559 => Some(FeeOption {
                level: *choice,
                max_fee_per_gas: format_gwei(gas_price),
                max_priority_fee_per_gas: String::new(),
                max_cost: cost(gas_price),
            }),
            _ => None,
        })
        .collect();
    let (max_fee, tip) = if eip1559 {
        (
            request.max_fee_per_gas.unwrap_or_default(),
            request
                .max_priority_fee_per_gas
                .map(format_gwei)
                .unwrap_or_default(),
        )
    } else {
        (request.gas_price.unwrap_or_default(), String::new())
    };
    TransactionFees {
        eip1559,
        base_fee: levels.base_fee.map(format_gwei),
        options,
        selected: if site_fee {
            FeeChoice::Custom
        } else {
            FeeChoice::Market
        },
        max_fee_per_gas: format_gwei(max_fee),
        max_priority_fee_per_gas: tip,
        currency: symbol.to_owned(),
        revision: 0,
    }
}

/// Completes the fee fields the site left out of `request` from `levels`, at the market level.
/// Fields the site set are kept: a tip alone gets the market headroom over the next base
/// fee; a fee cap alone gets the market tip, capped at the fee cap.
fn complete_fees(levels: &FeeLevels, request: &mut TransactionRequest) {
    let dynamic = request.max_fee_per_gas.is_some() || request.max_priority_fee_per_gas.is_some();
    if request.gas_price.is_some() {
        return;
    }
    match (levels.get(FeeLevel::Market), levels.base_fee) {
        (
            GasPrice::Eip1559 {
                max_fee_per_gas,
                max_priority_fee_per_gas,
            },
            Some(base),
        ) => match (request.max_fee_per_gas, request.max_priority_fee_per_gas) {
            (None, None) => {
                request.max_fee_per_gas = Some(max_fee_per_gas);
                request.max_priority_fee_per_gas = Some(max_priority_fee_per_gas);
            }
            (None, Some(tip)) => {
                request.max_fee_per_gas =
                    Some(crate::chains::evm::fees::max_fee_for(base, FeeLevel::Market, tip));
            }
            (Some(cap), None) => request.max_priority_fee_per_gas = Some(max_priority_fee_per_gas.min(cap)),
            (Some(_), Some(_)) => {}
        },
        (GasPrice::Legacy { gas_price }, _)
        | (
            GasPrice::Eip1559 {
                max_fee_per_gas: gas_price,
                ..
            },
            None,
        ) if !dynamic => request.gas_price = Some(gas_price),
        // EIP-1559 fields on a chain without a base fee: kept as the site gave them; a missing
        // one is reported when the transaction is built.
        _ => {}
    }
}

/// Sets the fee the user approved on `request`.
fn apply_fee(fees: &TransactionFees, request: &mut TransactionRequest) -> Result<(), ProviderError> {
    let internal = |_| ProviderError::new(ProviderErrorCode::Internal, "the approved fee is unreadable");
    let max = parse_gwei(&fees.max_fee_per_gas).map_err(internal)?;
    if fees.eip1559 {
        request.max_fee_per_gas = Some(max);
        request.max_priority_fee_per_gas =
            Some(parse_gwei(&fees.max_priority_fee_per_gas).map_err(internal)?);
        request.gas_price = None;
    } else {
        request.gas_price = Some(max);
        request.max_fee_per_gas = None;
        request.max_priority_fee_per_gas = None;
    }
    Ok(())
}

/// An amount of `token` as the approval shows it: whole units and symbol when the decimals
/// are known, the smallest unit otherwise.
fn token_amount(token: &TokenView, amount: U256) -> String {
    match (token.decimals, &token.symbol) {
        (Some(d), Some(symbol)) => format!("{} {symbol}", format_units(amount, d)),
        (Some(d), None) => format_units(amount, d),
        (None, _) => amount.to_string(),
    }
}

/// The decoded call and what it flags, from the calldata alone.
fn decode_token_call(call: TokenCall, contract: Address, token: TokenView) -> (DecodedCall, Vec<TxWarning>) {
    let mut warnings = Vec::new();
    let decoded = match call {
        TokenCall::Transfer { to, amount } => {
            if to == contract {
                warnings.push(TxWarning::TokenToItself);
            }
            DecodedCall::Transfer {
                amount: token_amount(&token, amount),
                to: to.to_string(),
                token,
            }
        }
        TokenCall::Approve { spender, amount } => {
            if amount.is_zero() {
                warnings.push(TxWarning::Revoke);
            } else if call.is_unlimited() {
                warnings.push(TxWarning::UnlimitedApproval);
            }
            DecodedCall::Approve {
                amount: token_amount(&token, amount),
                spender: spender.to_string(),
                unlimited: call.is_unlimited(),
                token,
            }
        }
        TokenCall::IncreaseAllowance { spender, added_value } => {
            if call.is_unlimited() {
                warnings.push(TxWarning::UnlimitedApproval);
            }
            DecodedCall::IncreaseAllowance {
                amount: token_amount(&token, added_value),
                spender: spender.to_string(),
                unlimited: call.is_unlimited(),
                token,
            }
        }
        TokenCall::SetApprovalForAll { operator, approved } => {
            warnings.push(if approved {
                TxWarning::ApprovalForAll
            } else {
                TxWarning::Revoke
            });
            DecodedCall::SetApprovalForAll {
                operator: operator.to_string(),
                approved,
                token,
            }
        }
    };
    (decoded, warnings)
}

impl<S: Storage> Engine<S> {
    /// Reads `symbol()` and `decimals()` of `token`; what the contract does not answer stays
    /// unknown.
    async fn token_view(&self, chain: ChainId, token: Address) -> TokenView {
        let read = |data: Vec<u8>| async move {
            let params = json!([{"to": token.to_string(), "data": format_data(&data)}, "latest"]);
            let answer = self.chain_rpc(chain, "eth_call", &params).await.ok()?;
            parse_data(answer.as_str()?).ok()
        };
        let symbol = read(erc20::symbol_call())
            .await
            .and_then(|d| erc20::decode_symbol(&d).ok())
            .and_then(|s| clean_symbol(&s));
        let decimals = read(erc20::decimals_call())
            .await
            .and_then(|d| erc20::decode_decimals(&d).ok());
        TokenView {
            address: token.to_string(),
            symbol,
            decimals,
        }
    }

    /// What the approval shows about one call: value, data, the decoded token call, and the
    /// warnings the engine can tell without simulating it.
    pub(super) async fn review_call(
        &self,
        chain: ChainId,
        to: Option<Address>,
        value: U256,
        data: &[u8],
    ) -> CallView {
        let symbol = self.currency_symbol(chain);
        let mut view = CallView {
            to: to.map(|a| a.to_string()),
            value: format_native(value, &symbol),
            data: format_data(data),
            decoded: None,
            warnings: Vec::new(),
        };
        let Some(to) = to.filter(|_| !data.is_empty()) else {
            return view;
        };
        let params = json!([to.to_string(), "latest"]);
        // A node that cannot say is not a warning; only an answer of no code is.
        let no_code = self
            .chain_rpc(chain, "eth_getCode", &params)
            .await
            .ok()
            .is_some_and(|code| code.as_str() == Some("0x"));
        if no_code {
            view.warnings.push(TxWarning::NoCode);
        }
        match TokenCall::decode(data) {
            Ok(Some(call)) => {
                let token = if no_code {
                    TokenView {
                        address: to.to_string(),
                        symbol: None,
                        decimals: None,
                    }
                } else {
                    self.token_view(chain, to).await
                };
                let (decoded, warnings) = decode_token_call(call, to, token);
                view.decoded = Some(decoded);
                view.warnings.extend(warnings);
            }
            Ok(None) => {}
            Err(_) => view.warnings.push(TxWarning::MalformedCall),
        }
        view
    }

    /// Fills the nonce (`eth_getTransactionCount(pending)`) and the gas limit
    /// (`eth_estimateGas` plus 20 %) the site left out.
    pub(super) async fn complete_nonce_and_gas(
        &self,
        chain: ChainId,
        from: Address,
        request: &mut TransactionRequest,
    ) -> Result<(), ProviderError> {
        let node_u64 = |v: &Value| v.as_str().and_then(|s| parse_quantity_u64(s).ok());
        if request.nonce.is_none() {
            let params = json!([from.to_string(), "pending"]);
            let count = self.chain_rpc(chain, "eth_getTransactionCount", &params).await?;
            request.nonce = Some(node_u64(&count).ok_or_else(|| bad_node("nonce"))?);
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
                call.insert("data".into(), json!(format_data(input)));
            }
            let estimate = self.chain_rpc(chain, "eth_estimateGas", &json!([call])).await?;
            let estimate = node_u64(&estimate).ok_or_else(|| bad_node("gas estimate"))?;
            // A 20 % margin: state can change between estimate and inclusion.
            request.gas = Some(estimate.saturating_add(estimate / 5));
        }
        Ok(())
    }

    /// Prices `request` from the node: the levels that fit its type, with the fields the
    /// site left out filled at the market level. Answers the levels and whether the site
    /// set a fee itself.
    pub(super) async fn complete_fees(
        &self,
        chain: ChainId,
        request: &mut TransactionRequest,
    ) -> Result<(FeeLevels, bool), ProviderError> {
        let site_fee = request.gas_price.is_some()
            || request.max_fee_per_gas.is_some()
            || request.max_priority_fee_per_gas.is_some();
        let wants_legacy =
            request.gas_price.is_some() || matches!(request.tx_type, Some(TxType::Legacy | TxType::Eip2930));
        let levels = if wants_legacy {
            self.legacy_fee_levels(chain).await?
        } else {
            self.fee_levels(chain).await?
        };
        complete_fees(&levels, request);
        Ok((levels, site_fee))
    }

    /// Signs `tx` with `from`'s key and answers the raw signed transaction.
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
            .ok_or_else(locked)?;
        let secret = keyring.evm_secret(&id).map_err(|_| locked())?;
        let signature = sign_prehash(&secret, &tx.signing_hash())
            .map_err(|e| ProviderError::new(ProviderErrorCode::Internal, format!("signing failed: {e}")))?;
        Ok(tx.encode_signed(&signature))
    }

    /// Broadcasts a signed transaction and answers its hash.
    pub(super) async fn broadcast(&self, chain: ChainId, raw: &[u8]) -> Result<String, ProviderError> {
        let hash = self
            .chain_rpc(chain, "eth_sendRawTransaction", &json!([format_data(raw)]))
            .await?;
        hash.as_str()
            .map(str::to_owned)
            .ok_or_else(|| bad_node("transaction hash"))
    }

    /// `eth_sendTransaction` for `origin` on `chain`, from an account it may use: completes,
    /// reviews, asks, signs with the approved fee, broadcasts.
    pub(super) async fn send_site_transaction(
        &self,
        origin: &Origin,
        chain: ChainId,
        from: Address,
        mut request: TransactionRequest,
    ) -> Result<String, ProviderError> {
        if request.chain_id.is_some_and(|c| c != chain) {
            return Err(invalid(format!(
                "the transaction is for another chain than this site's ({chain})"
            )));
        }
        request.chain_id = Some(chain);
        self.complete_nonce_and_gas(chain, from, &mut request).await?;
        let (levels, site_fee) = self.complete_fees(chain, &mut request).await?;
        // Built once before asking, so a request that cannot be signed fails without a prompt.
        request
            .to_transaction()
            .map_err(|e| invalid(format!("transaction: {e}")))?;
        let gas = request.gas.unwrap_or_default();
        let symbol = self.currency_symbol(chain);
        let fees = fee_view(&levels, &request, gas, &symbol, site_fee);
        let call = self
            .review_call(
                chain,
                request.to,
                request.value.unwrap_or_default(),
                request.input.as_deref().unwrap_or_default(),
            )
            .await;
        let max_per_gas = request.max_fee_per_gas.or(request.gas_price).unwrap_or_default();
        let approval = ApprovalKind::Transaction {
            network: self.network_name(chain),
            from: from.to_string(),
            to: call.to,
            value: call.value,
            data: call.data,
            gas,
            max_fee: format_native(max_per_gas.saturating_mul(U256::from(gas)), &symbol),
            fees: Some(fees),
            decoded: call.decoded,
            warnings: call.warnings,
        };
        let ApprovalKind::Transaction { fees: Some(fees), .. } = self.prompt_edited(origin, approval).await?
        else {
            return Err(rejected());
        };
        apply_fee(&fees, &mut request)?;
        let tx = request
            .to_transaction()
            .map_err(|e| invalid(format!("transaction: {e}")))?;
        let raw = self.sign_transaction(from, &tx)?;
        let hash = self.broadcast(chain, &raw).await?;
        let movement = self.site_movement(origin, chain, &request, &symbol).await;
        self.record_sent(chain, from, tx.nonce(), &hash, movement).await;
        Ok(hash)
    }

    /// Changes the fee pending transaction approval `id` will sign with, and answers the
    /// updated approval.
    pub(super) fn set_transaction_fee(
        &self,
        id: &str,
        level: FeeChoice,
        max_fee_per_gas: &str,
        max_priority_fee_per_gas: &str,
        revision: u32,
    ) -> Result<UiResponse, Failure> {
        let unknown = || Failure::new(UiError::UnknownApproval, format!("no transaction approval {id}"));
        let bad_fee = |detail: String| Failure::new(UiError::InvalidFee, detail);
        let (_, mut kind) = self.approvals.borrow().get(id).ok_or_else(unknown)?;
        let ApprovalKind::Transaction {
            fees: Some(fees),
            gas,
            max_fee,
            ..
        } = &mut kind
        else {
            return Err(unknown());
        };
        if revision < fees.revision {
            // A late edit: the window already sent a newer one, which stands.
            let approval = self.approvals.borrow().view(id).ok_or_else(unknown)?;
            return Ok(UiResponse::Approval { approval });
        }
        let (max, tip) = if level == FeeChoice::Custom {
            let max = parse_gwei(max_fee_per_gas).map_err(|e| bad_fee(format!("max fee: {e}")))?;
            if max.is_zero() {
                return Err(bad_fee("the max fee is zero".into()));
            }
            let tip = if fees.eip1559 {
                let tip = parse_gwei(max_priority_fee_per_gas)
                    .map_err(|e| bad_fee(format!("priority fee: {e}")))?;
                if tip > max {
                    return Err(bad_fee("the priority fee is above the max fee".into()));
                }
                format_gwei(tip)
            } else {
                String::new()
            };
            (format_gwei(max), tip)
        } else {
            let option = fees
                .options
                .iter()
                .find(|o| o.level == level)
                .ok_or_else(|| bad_fee(format!("level {} is not offered", level.as_str())))?;
            (
                option.max_fee_per_gas.clone(),
                option.max_priority_fee_per_gas.clone(),
            )
        };
        let per_gas = parse_gwei(&max).map_err(|e| bad_fee(e.to_string()))?;
        *max_fee = format_native(per_gas.saturating_mul(U256::from(*gas)), &fees.currency);
        fees.selected = level;
        fees.revision = revision;
        fees.max_fee_per_gas = max;
        fees.max_priority_fee_per_gas = tip;
        if !self.approvals.borrow_mut().update(id, kind) {
            return Err(unknown());
        }
        let approval = self.approvals.borrow().view(id).ok_or_else(unknown)?;
        Ok(UiResponse::Approval { approval })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(byte: u8) -> Address {
        Address::from_bytes([byte; 20])
    }

    fn token() -> TokenView {
        TokenView {
            address: addr(0xaa).to_string(),
            symbol: Some("USDC".into()),
            decimals: Some(6),
        }
    }

    #[test]
    fn token_calls_are_decoded_and_flagged() {
        let contract = addr(0xaa);
        let (decoded, warnings) = decode_token_call(
            TokenCall::Transfer {
                to: addr(1),
                amount: U256::from(12_500_000_u64),
            },
            contract,
            token(),
        );
        assert!(warnings.is_empty());
        assert!(matches!(decoded, DecodedCall::Transfer { ref amount, .. } if amount == "12.5 USDC"));
        let (_, warnings) = decode_token_call(
            TokenCall::Transfer {
                to: contract,
                amount: U256::from(1_u8),
            },
            contract,
            token(),
        );
        assert_eq!(warnings, [TxWarning::TokenToItself]);
        let (decoded, warnings) = decode_token_call(
            TokenCall::Approve {
                spender: addr(2),
                amount: U256::MAX,
            },
            contract,
            token(),
        );
        assert_eq!(warnings, [TxWarning::UnlimitedApproval]);
        assert!(matches!(decoded, DecodedCall::Approve { unlimited: true, .. }));
        let (_, warnings) = decode_token_call(
            TokenCall::Approve {
                spender: addr(2),
                amount: U256::ZERO,
            },
            contract,
            token(),
        );
        assert_eq!(warnings, [TxWarning::Revoke]);
        let (_, warnings) = decode_token_call(
            TokenCall::IncreaseAllowance {
                spender: addr(2),
                added_value: U256::from(1_u8) << 255,
            },
            contract,
            token(),
        );
        assert_eq!(warnings, [TxWarning::UnlimitedApproval]);
        let (_, warnings) = decode_token_call(
            TokenCall::SetApprovalForAll {
                operator: addr(3),
                approved: true,
            },
            contract,
            token(),
        );
        assert_eq!(warnings, [TxWarning::ApprovalForAll]);
        let (_, warnings) = decode_token_call(
            TokenCall::SetApprovalForAll {
                operator: addr(3),
                approved: false,
            },
            contract,
            token(),
        );
        assert_eq!(warnings, [TxWarning::Revoke]);
        // Unknown decimals: the smallest unit, never a guess.
        let unknown = TokenView {
            decimals: None,
            symbol: None,
            ..token()
        };
        assert_eq!(token_amount(&unknown, U256::from(1234_u64)), "1234");
    }
}
