//! Read-only JSON-RPC methods, forwarded to the node of the origin's chain. The node validates
//! the params in depth; here the shape (an array of a plausible length) is checked, so garbage
//! never leaves the wallet. <https://ethereum.github.io/execution-apis/api-documentation/>

use serde_json::Value;

use super::{Call, Params, invalid_params};
use crate::api::ProviderError;
use crate::provider::{Host, Origin};

/// The forwarded methods, with the fewest and most params each takes.
pub(in crate::provider) const FORWARDED: &[(&str, usize, usize)] = &[
    ("eth_blockNumber", 0, 0),
    ("eth_gasPrice", 0, 0),
    ("eth_maxPriorityFeePerGas", 0, 0),
    ("eth_feeHistory", 2, 3),
    ("eth_getBalance", 1, 2),
    ("eth_getCode", 1, 2),
    ("eth_getStorageAt", 2, 3),
    ("eth_getTransactionCount", 1, 2),
    ("eth_call", 1, 3),
    ("eth_estimateGas", 1, 3),
    ("eth_getLogs", 1, 1),
    ("eth_getTransactionByHash", 1, 1),
    ("eth_getTransactionReceipt", 1, 1),
    ("eth_getBlockByNumber", 1, 2),
    ("eth_getBlockByHash", 1, 2),
];

pub(in crate::provider) fn validate(method: &'static str, params: &Params) -> Result<Call, ProviderError> {
    let (min, max) = FORWARDED
        .iter()
        .find(|(m, _, _)| *m == method)
        .map_or((0, 0), |(_, lo, hi)| (*lo, *hi));
    let items = match params {
        Params::None => Vec::new(),
        Params::Positional(items) => items.clone(),
        Params::Named(_) => return Err(invalid_params(format!("{method} takes its params as an array"))),
    };
    if items.len() < min || items.len() > max {
        return Err(invalid_params(format!(
            "{method} takes {min} to {max} params, not {}",
            items.len()
        )));
    }
    Ok(Call::Forward {
        method,
        params: Value::Array(items),
    })
}

pub(in crate::provider) async fn handle(
    origin: &Origin,
    host: &impl Host,
    method: &str,
    params: &Value,
) -> Result<Value, ProviderError> {
    host.rpc(origin, method, params).await
}
