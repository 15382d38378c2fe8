//! `wallet_switchEthereumChain` — EIP-3326: switch the origin to a chain the wallet knows;
//! 4902 for one it does not. <https://eips.ethereum.org/EIPS/eip-3326>

use serde_json::Value;

use super::{Call, Params, invalid_params};
use crate::api::{ChainId, ProviderError};
use crate::provider::{Host, Origin};

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    let shape = || invalid_params("wallet_switchEthereumChain takes [{ \"chainId\": \"0x…\" }]");
    let Params::Positional(items) = params else {
        return Err(shape());
    };
    let [Value::Object(arg)] = items.as_slice() else {
        return Err(shape());
    };
    if arg.len() != 1 {
        return Err(shape());
    }
    let chain_id = arg
        .get("chainId")
        .and_then(Value::as_str)
        .ok_or_else(shape)?
        .parse::<ChainId>()
        .map_err(|e| invalid_params(format!("chainId: {e}")))?;
    Ok(Call::SwitchChain(chain_id))
}

pub(in crate::provider) async fn handle(
    origin: &Origin,
    host: &impl Host,
    chain_id: ChainId,
) -> Result<Value, ProviderError> {
    host.switch_chain(origin, chain_id).await?;
    Ok(Value::Null)
}
