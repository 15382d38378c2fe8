//! `net_version` — the legacy network id, answered as the chain id in decimal (what every
//! wallet and node does for the networks it knows).

use serde_json::Value;

use super::{Call, Params, no_params};
use crate::api::{ChainId, ProviderError};

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    no_params("net_version", params).map(|()| Call::NetVersion)
}

pub(in crate::provider) fn handle(chain_id: ChainId) -> Value {
    Value::String(chain_id.to_decimal())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_decimal() {
        assert_eq!(handle(ChainId::new(56).unwrap()), Value::from("56"));
    }
}
