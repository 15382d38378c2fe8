//! Fee levels for a chain, asked from its node ([`crate::chains::evm::fees`] has the rule).

use serde_json::{Value, json};

use super::Engine;
use crate::api::{ChainId, ProviderError, ProviderErrorCode};
use crate::chains::evm::fees::{
    FeeHistory, FeeLevel, FeeLevels, GasPrice, HISTORY_BLOCKS, REWARD_PERCENTILES, max_fee_for,
};
use crate::chains::evm::quantity::{format_quantity_u64, parse_quantity};
use crate::chains::evm::{TransactionRequest, TxType, U256};
use crate::storage::Storage;

fn malformed(what: &str, detail: impl std::fmt::Display) -> ProviderError {
    ProviderError::new(
        ProviderErrorCode::Internal,
        format!("the node answered a malformed {what}: {detail}"),
    )
}

fn quantity(value: &Value, what: &str) -> Result<U256, ProviderError> {
    let text = value.as_str().ok_or_else(|| malformed(what, "not a string"))?;
    parse_quantity(text).map_err(|e| malformed(what, e))
}

impl<S: Storage> Engine<S> {
    /// Low, market and aggressive fees for `chain`, from its node: EIP-1559 levels from
    /// `eth_feeHistory` (and `eth_maxPriorityFeePerGas` when the recent blocks were empty),
    /// or legacy gas prices from `eth_gasPrice` on a chain without a base fee.
    ///
    /// # Errors
    /// The chain is unknown or its node unreachable (4901), or the node answered something
    /// malformed (-32603).
    pub async fn fee_levels(&self, chain: ChainId) -> Result<FeeLevels, ProviderError> {
        let asked = json!([format_quantity_u64(HISTORY_BLOCKS), "pending", REWARD_PERCENTILES]);
        let history = match self.chain_rpc(chain, "eth_feeHistory", &asked).await {
            Ok(answer) => Some(
                FeeHistory::from_value(&answer, REWARD_PERCENTILES.len())
                    .map_err(|e| malformed("fee history", e))?,
            ),
            // A node that is down fails every call alike; say so rather than fall back.
            Err(e) if e.code == ProviderErrorCode::ChainDisconnected => return Err(e),
            // Chains without EIP-1559 may not implement eth_feeHistory at all.
            Err(_) => None,
        };
        if let Some(history) = history.filter(|h| h.next_base_fee().is_some()) {
            let fallback_tip = if history.has_tip_samples() {
                U256::ZERO
            } else {
                let tip = self
                    .chain_rpc(chain, "eth_maxPriorityFeePerGas", &json!([]))
                    .await?;
                quantity(&tip, "priority fee")?
            };
            if let Some(levels) = FeeLevels::from_history(&history, fallback_tip) {
                return Ok(levels);
            }
        }
        let price = self.chain_rpc(chain, "eth_gasPrice", &json!([])).await?;
        Ok(FeeLevels::legacy(quantity(&price, "gas price")?))
    }
}

impl<S: Storage> Engine<S> {
    /// Legacy levels from `eth_gasPrice`, for a transaction that asks for type 0 or 1.
    async fn legacy_fee_levels(&self, chain: ChainId) -> Result<FeeLevels, ProviderError> {
        let price = self.chain_rpc(chain, "eth_gasPrice", &json!([])).await?;
        Ok(FeeLevels::legacy(quantity(&price, "gas price")?))
    }

    /// Completes the fee fields a dApp left out of `request` at the market level. Fields the
    /// dApp set are kept: a tip alone gets the market headroom over the next base fee; a fee
    /// cap alone gets the market tip, capped at the fee cap.
    ///
    /// # Errors
    /// As [`Self::fee_levels`].
    pub(super) async fn fill_fees(
        &self,
        chain: ChainId,
        request: &mut TransactionRequest,
    ) -> Result<FeeLevels, ProviderError> {
        let wants_legacy = matches!(request.tx_type, Some(TxType::Legacy | TxType::Eip2930));
        let levels = if wants_legacy {
            self.legacy_fee_levels(chain).await?
        } else {
            self.fee_levels(chain).await?
        };
        let dynamic = request.max_fee_per_gas.is_some() || request.max_priority_fee_per_gas.is_some();
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
                    request.max_fee_per_gas = Some(max_fee_for(base, FeeLevel::Market, tip));
                }
                (Some(cap), None) => {
                    request.max_priority_fee_per_gas = Some(max_priority_fee_per_gas.min(cap))
                }
                (Some(_), Some(_)) => {}
            },
            (GasPrice::Legacy { gas_price }, _)
            | (
                GasPrice::Eip1559 {
                    max_fee_per_gas: gas_price,
                    ..
                },
                None,
            ) if !dynamic => {
                request.gas_price = Some(gas_price);
            }
            // The dApp asked for EIP-1559 fields on a chain without a base fee: keep what it
            // gave, and let a missing field be reported as such.
            _ => {}
        }
        Ok(levels)
    }
}
