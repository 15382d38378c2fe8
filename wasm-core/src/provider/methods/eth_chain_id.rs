//! `eth_chainId` — EIP-695: the selected chain's id as a hex quantity.
//! <https://eips.ethereum.org/EIPS/eip-695>

use serde_json::Value;

use super::{Call, Params, no_params};
use crate::api::{ChainId, ProviderError};

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    no_params("eth_chainId", params).map(|()| Call::EthChainId)
}

pub(in crate::provider) fn handle(chain_id: ChainId) -> Value {
    Value::String(chain_id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_lowercase_hex_without_leading_zeros() {
        assert_eq!(handle(ChainId::new(11_155_111).unwrap()), Value::from("0xaa36a7"));
        assert!(validate(&Params::Positional(vec![Value::from(1)])).is_err());
    }
}
