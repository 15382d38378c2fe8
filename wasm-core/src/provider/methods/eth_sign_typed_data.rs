//! `eth_signTypedData_v4` and `_v3` — EIP-712: `[address, typedData]` (typed data as a JSON
//! string or an object). A domain `chainId` other than the site's chain is refused before the
//! user is asked. <https://eips.ethereum.org/EIPS/eip-712>

use serde_json::Value;

use super::{Call, Params, invalid_params};
use crate::api::{ApprovalKind, ProviderError};
use crate::chains::evm::{Address, Eip712Version, TypedData, U256};
use crate::provider::{Host, Origin};

pub(in crate::provider) fn validate(version: Eip712Version, params: &Params) -> Result<Call, ProviderError> {
    let shape = || invalid_params("eth_signTypedData takes [address, typedData]");
    let Params::Positional(items) = params else {
        return Err(shape());
    };
    let [Value::String(address), data] = items.as_slice() else {
        return Err(shape());
    };
    let address = address
        .parse::<Address>()
        .map_err(|e| invalid_params(format!("address: {e}")))?;
    let value = match data {
        Value::String(text) => {
            serde_json::from_str::<Value>(text).map_err(|_| invalid_params("typed data is not JSON"))?
        }
        Value::Object(_) => data.clone(),
        _ => return Err(shape()),
    };
    let typed = TypedData::from_value(&value).map_err(|e| invalid_params(format!("typed data: {e}")))?;
    // Hash now, so malformed data is refused before anyone is asked.
    typed
        .signing_hash(version)
        .map_err(|e| invalid_params(format!("typed data: {e}")))?;
    Ok(Call::SignTypedData {
        version,
        address,
        value,
    })
}

pub(in crate::provider) async fn handle(
    origin: &Origin,
    host: &impl Host,
    version: Eip712Version,
    address: Address,
    value: &Value,
) -> Result<Value, ProviderError> {
    let typed = TypedData::from_value(value).map_err(|e| invalid_params(format!("typed data: {e}")))?;
    let chain = host.chain_id(origin);
    if let Some(domain_chain) = typed
        .domain_chain_id()
        .map_err(|e| invalid_params(format!("domain: {e}")))?
        && domain_chain != U256::from(chain.get())
    {
        return Err(invalid_params(format!(
            "the typed data is for chain {domain_chain}, but this site is on chain {}; switch networks first",
            chain.get()
        )));
    }
    let prehash = typed
        .signing_hash(version)
        .map_err(|e| invalid_params(format!("typed data: {e}")))?;
    let pretty = |v: Option<&Value>| {
        v.map(|v| serde_json::to_string_pretty(v).unwrap_or_default())
            .unwrap_or_default()
    };
    let approval = ApprovalKind::SignTypedData {
        address: address.to_string(),
        version: match version {
            Eip712Version::V3 => "v3".into(),
            Eip712Version::V4 => "v4".into(),
        },
        primary_type: typed.primary_type().to_owned(),
        domain: pretty(value.get("domain")),
        message: pretty(value.get("message")),
    };
    Ok(Value::String(
        host.sign(origin, address, approval, prehash).await?,
    ))
}
