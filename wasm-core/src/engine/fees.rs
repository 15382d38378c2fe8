//! Fee levels for a chain, asked from its node ([`crate::chains::evm::fees`] has the rule).

use serde_json::{Value, json};

use super::Engine;
use crate::api::{ChainId, ProviderError, ProviderErrorCode};
use crate::chains::evm::U256;
use crate::chains::evm::fees::{FeeHistory, FeeLevels, HISTORY_BLOCKS, REWARD_PERCENTILES};
use crate::chains::evm::quantity::{format_quantity_u64, parse_quantity};
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
    pub(super) async fn legacy_fee_levels(&self, chain: ChainId) -> Result<FeeLevels, ProviderError> {
        let price = self.chain_rpc(chain, "eth_gasPrice", &json!([])).await?;
        Ok(FeeLevels::legacy(quantity(&price, "gas price")?))
    }
}
