//! Read-only JSON-RPC methods, forwarded to the node of the origin's chain. Each param is
//! checked against its kind in the execution API spec (an address, a block tag, a 32-byte hash,
//! a call object, a log filter, …) before anything leaves the wallet, so a malformed request
//! gets -32602 with a message naming the param instead of whatever a node makes of it; the
//! node still judges the values (an unknown block, a reverting call).
//! <https://ethereum.github.io/execution-apis/api-documentation/>

use serde_json::{Map, Value};

use super::{Call, Params, invalid_params};
use crate::api::ProviderError;
use crate::chains::evm::Address;
use crate::chains::evm::quantity::{parse_data, parse_data_fixed, parse_quantity};
use crate::provider::{Host, Origin};

/// What one positional param must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::provider) enum Param {
    /// A 20-byte address (EIP-55 checked when mixed case).
    Address,
    /// A block number (quantity) or tag: latest, earliest, pending, safe, finalized.
    Block,
    /// [`Param::Block`], or an EIP-1898 object `{blockHash, requireCanonical?}` / `{blockNumber}`.
    BlockOrHash,
    /// A quantity (`0x0`, `0x1f`, no leading zeros).
    Quantity,
    /// 32 bytes of hex (a block or transaction hash).
    Hash,
    /// A storage slot: a quantity or 32 bytes of hex.
    Slot,
    /// A transaction call object (`eth_call`, `eth_estimateGas`).
    CallObject,
    /// A log filter (`eth_getLogs`).
    Filter,
    /// Reward percentiles: numbers from 0 to 100, ascending.
    Percentiles,
    /// A boolean (full transactions or hashes).
    Bool,
    /// A state override set: an object keyed by address.
    StateOverride,
}

/// The forwarded methods: name, how many params are required, and the kind of each param.
pub(in crate::provider) const FORWARDED: &[(&str, usize, &[Param])] = &[
    ("eth_blockNumber", 0, &[]),
    ("eth_gasPrice", 0, &[]),
    ("eth_maxPriorityFeePerGas", 0, &[]),
    ("eth_blobBaseFee", 0, &[]),
    (
        "eth_feeHistory",
        2,
        &[Param::Quantity, Param::Block, Param::Percentiles],
    ),
    ("eth_getBalance", 1, &[Param::Address, Param::BlockOrHash]),
    ("eth_getCode", 1, &[Param::Address, Param::BlockOrHash]),
    (
        "eth_getStorageAt",
        2,
        &[Param::Address, Param::Slot, Param::BlockOrHash],
    ),
    (
        "eth_getTransactionCount",
        1,
        &[Param::Address, Param::BlockOrHash],
    ),
    (
        "eth_call",
        1,
        &[Param::CallObject, Param::BlockOrHash, Param::StateOverride],
    ),
    (
        "eth_estimateGas",
        1,
        &[Param::CallObject, Param::BlockOrHash, Param::StateOverride],
    ),
    ("eth_getLogs", 1, &[Param::Filter]),
    ("eth_getTransactionByHash", 1, &[Param::Hash]),
    ("eth_getTransactionReceipt", 1, &[Param::Hash]),
    ("eth_getBlockByNumber", 1, &[Param::Block, Param::Bool]),
    ("eth_getBlockByHash", 1, &[Param::Hash, Param::Bool]),
    ("eth_getBlockTransactionCountByNumber", 1, &[Param::Block]),
    ("eth_getBlockTransactionCountByHash", 1, &[Param::Hash]),
];

pub(in crate::provider) fn validate(method: &'static str, params: &Params) -> Result<Call, ProviderError> {
    let (required, kinds) = FORWARDED
        .iter()
        .find(|(m, _, _)| *m == method)
        .map_or((0, &[][..]), |(_, required, kinds)| (*required, *kinds));
    let items = match params {
        Params::None => Vec::new(),
        Params::Positional(items) => items.clone(),
        Params::Named(_) => return Err(invalid_params(format!("{method} takes its params as an array"))),
    };
    if items.len() < required || items.len() > kinds.len() {
        return Err(invalid_params(format!(
            "{method} takes {required} to {} params, not {}",
            kinds.len(),
            items.len()
        )));
    }
    for (i, (item, kind)) in items.iter().zip(kinds).enumerate() {
        check(*kind, item).map_err(|e| invalid_params(format!("{method} param {}: {e}", i + 1)))?;
    }
    Ok(Call::Forward {
        method,
        params: Value::Array(items),
    })
}

/// Checks one param against its kind; the error says what was expected.
fn check(kind: Param, value: &Value) -> Result<(), String> {
    match kind {
        Param::Address => address(value),
        Param::Block => block(value),
        Param::BlockOrHash => match value {
            Value::Object(object) => block_object(object),
            other => block(other),
        },
        Param::Quantity => quantity(value),
        Param::Hash => hash(value),
        Param::Slot => {
            let text = value.as_str().ok_or("a storage slot must be a hex string")?;
            if parse_quantity(text).is_ok() || parse_data_fixed::<32>(text).is_ok() {
                Ok(())
            } else {
                Err(format!(
                    "{text:?} is not a storage slot (a quantity or 32 bytes of hex)"
                ))
            }
        }
        Param::CallObject => call_object(value),
        Param::Filter => filter(value),
        Param::Percentiles => percentiles(value),
        Param::Bool => value
            .as_bool()
            .map(|_| ())
            .ok_or_else(|| "must be true or false".to_owned()),
        Param::StateOverride => {
            let object = value
                .as_object()
                .ok_or("a state override must be an object keyed by address")?;
            object.keys().try_for_each(|k| address(&Value::String(k.clone())))
        }
    }
}

fn address(value: &Value) -> Result<(), String> {
    let text = value.as_str().ok_or("an address must be a hex string")?;
    text.parse::<Address>()
        .map(|_| ())
        .map_err(|e| format!("{text:?}: {e}"))
}

fn quantity(value: &Value) -> Result<(), String> {
    let text = value.as_str().ok_or("a quantity must be a hex string")?;
    parse_quantity(text)
        .map(|_| ())
        .map_err(|e| format!("{text:?}: {e}"))
}

fn hash(value: &Value) -> Result<(), String> {
    let text = value.as_str().ok_or("a hash must be a hex string")?;
    parse_data_fixed::<32>(text)
        .map(|_| ())
        .map_err(|e| format!("{text:?}: {e}"))
}

fn data(value: &Value) -> Result<(), String> {
    let text = value.as_str().ok_or("data must be a hex string")?;
    parse_data(text).map(|_| ()).map_err(|e| format!("{text:?}: {e}"))
}

const BLOCK_TAGS: [&str; 5] = ["latest", "earliest", "pending", "safe", "finalized"];

fn block(value: &Value) -> Result<(), String> {
    match value.as_str() {
        Some(tag) if BLOCK_TAGS.contains(&tag) => Ok(()),
        Some(text) => parse_quantity(text).map(|_| ()).map_err(|_| {
            format!(
                "{text:?} is not a block number or one of {}",
                BLOCK_TAGS.join(", ")
            )
        }),
        None => Err("a block must be a hex number or a tag".to_owned()),
    }
}

/// EIP-1898: `{blockHash, requireCanonical?}` or `{blockNumber}`.
fn block_object(object: &Map<String, Value>) -> Result<(), String> {
    match (object.get("blockHash"), object.get("blockNumber")) {
        (Some(h), None) => {
            hash(h)?;
            match object.get("requireCanonical") {
                None | Some(Value::Bool(_)) => {}
                Some(_) => return Err("requireCanonical must be true or false".to_owned()),
            }
            only_keys(object, &["blockHash", "requireCanonical"])
        }
        (None, Some(n)) => {
            block(n)?;
            only_keys(object, &["blockNumber"])
        }
        _ => Err("a block object has either blockHash or blockNumber (EIP-1898)".to_owned()),
    }
}

fn only_keys(object: &Map<String, Value>, allowed: &[&str]) -> Result<(), String> {
    match object.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(format!("unexpected field {k:?}")),
        None => Ok(()),
    }
}

/// A call object: every field optional, each of its kind; `data` and `input` must agree.
fn call_object(value: &Value) -> Result<(), String> {
    let object = value.as_object().ok_or("a call must be an object")?;
    for (key, field) in object {
        if field.is_null() {
            continue;
        }
        let checked = match key.as_str() {
            "from" | "to" => address(field),
            "gas"
            | "gasPrice"
            | "maxFeePerGas"
            | "maxPriorityFeePerGas"
            | "value"
            | "nonce"
            | "type"
            | "chainId"
            | "maxFeePerBlobGas" => quantity(field),
            "data" | "input" => data(field),
            "accessList" | "blobVersionedHashes" | "authorizationList" => field
                .as_array()
                .map(|_| ())
                .ok_or_else(|| "must be an array".to_owned()),
            _ => Ok(()),
        };
        checked.map_err(|e| format!("{key}: {e}"))?;
    }
    if let (Some(Value::String(d)), Some(Value::String(i))) = (object.get("data"), object.get("input"))
        && !d.eq_ignore_ascii_case(i)
    {
        return Err("data and input differ".to_owned());
    }
    Ok(())
}

/// A log filter: blocks or a block hash (not both), addresses, and up to four topic positions.
fn filter(value: &Value) -> Result<(), String> {
    let object = value.as_object().ok_or("a filter must be an object")?;
    for key in ["fromBlock", "toBlock"] {
        if let Some(b) = object.get(key).filter(|v| !v.is_null()) {
            block(b).map_err(|e| format!("{key}: {e}"))?;
        }
    }
    if let Some(h) = object.get("blockHash").filter(|v| !v.is_null()) {
        hash(h).map_err(|e| format!("blockHash: {e}"))?;
        if object.contains_key("fromBlock") || object.contains_key("toBlock") {
            return Err("blockHash cannot be combined with fromBlock or toBlock".to_owned());
        }
    }
    match object.get("address") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => items
            .iter()
            .try_for_each(address)
            .map_err(|e| format!("address: {e}"))?,
        Some(one) => address(one).map_err(|e| format!("address: {e}"))?,
    }
    match object.get("topics") {
        None | Some(Value::Null) => {}
        Some(Value::Array(positions)) => {
            if positions.len() > 4 {
                return Err("topics has more than 4 positions".to_owned());
            }
            for position in positions {
                match position {
                    Value::Null => {}
                    Value::Array(alternatives) => alternatives
                        .iter()
                        .filter(|t| !t.is_null())
                        .try_for_each(hash)
                        .map_err(|e| format!("topics: {e}"))?,
                    one => hash(one).map_err(|e| format!("topics: {e}"))?,
                }
            }
        }
        Some(_) => return Err("topics must be an array".to_owned()),
    }
    Ok(())
}

fn percentiles(value: &Value) -> Result<(), String> {
    let items = value
        .as_array()
        .ok_or("reward percentiles must be an array of numbers")?;
    let mut last = f64::NEG_INFINITY;
    for item in items {
        let p = item.as_f64().ok_or("reward percentiles must be numbers")?;
        if !(0.0..=100.0).contains(&p) || p < last {
            return Err("reward percentiles must be ascending numbers from 0 to 100".to_owned());
        }
        last = p;
    }
    Ok(())
}

pub(in crate::provider) async fn handle(
    origin: &Origin,
    host: &impl Host,
    method: &str,
    params: &Value,
) -> Result<Value, ProviderError> {
    host.rpc(origin, method, params).await
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const ME: &str = "0x9858EfFD232B4033E47d90003D41EC34EcaEda94";
    const HASH: &str = "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b";

    fn run(method: &'static str, params: Value) -> Result<Call, ProviderError> {
        let params = match params {
            Value::Array(items) => Params::Positional(items),
            Value::Null => Params::None,
            Value::Object(map) => Params::Named(map),
            _ => unreachable!("tests pass arrays, objects or null"),
        };
        validate(method, &params)
    }

    #[test]
    fn accepts_what_libraries_send() {
        let good = [
            ("eth_blockNumber", json!(null)),
            ("eth_getBalance", json!([ME])),
            ("eth_getBalance", json!([ME.to_lowercase(), "latest"])),
            ("eth_getBalance", json!([ME, "0x10"])),
            (
                "eth_getBalance",
                json!([ME, {"blockHash": HASH, "requireCanonical": true}]),
            ),
            ("eth_getBalance", json!([ME, {"blockNumber": "0x1"}])),
            ("eth_getStorageAt", json!([ME, "0x0", "pending"])),
            ("eth_getStorageAt", json!([ME, HASH, "latest"])),
            (
                "eth_call",
                json!([{"to": ME, "data": "0x70a08231", "from": null}, "latest"]),
            ),
            (
                "eth_call",
                json!([{"to": ME, "input": "0x", "data": "0x"}, "safe", {ME: {"balance": "0x1"}}]),
            ),
            (
                "eth_estimateGas",
                json!([{"from": ME, "to": ME, "value": "0x1", "type": "0x2"}]),
            ),
            (
                "eth_getLogs",
                json!([{"fromBlock": "0x1", "toBlock": "latest", "address": [ME], "topics": [HASH, null, [HASH, null]]}]),
            ),
            ("eth_getLogs", json!([{"blockHash": HASH}])),
            ("eth_feeHistory", json!(["0x5", "latest", [10, 50, 90]])),
            ("eth_feeHistory", json!(["0x5", "pending"])),
            ("eth_getTransactionReceipt", json!([HASH])),
            ("eth_getBlockByNumber", json!(["finalized", false])),
            ("eth_getBlockByHash", json!([HASH, true])),
        ];
        for (method, params) in good {
            assert!(run(method, params.clone()).is_ok(), "{method} {params}");
        }
    }

    #[test]
    fn refuses_malformed_params_naming_the_param() {
        let bad = [
            ("eth_getBalance", json!(["0x1234"]), "param 1"),
            ("eth_getBalance", json!([ME, "newest"]), "param 2"),
            ("eth_getBalance", json!([ME, 12]), "param 2"),
            ("eth_getBalance", json!([ME, "0x01"]), "param 2"),
            ("eth_getBalance", json!([ME, {"blockHash": "0x12"}]), "param 2"),
            (
                "eth_getBalance",
                json!([ME, {"blockHash": HASH, "blockNumber": "0x1"}]),
                "param 2",
            ),
            (
                "eth_getBalance",
                json!([ME, {"blockNumber": "0x1", "extra": 1}]),
                "param 2",
            ),
            (
                "eth_getBalance",
                json!(["0x9858effD232B4033E47d90003D41EC34EcaEda94"]),
                "param 1",
            ),
            ("eth_getStorageAt", json!([ME, "slot"]), "param 2"),
            ("eth_call", json!(["0x00"]), "param 1"),
            ("eth_call", json!([{"to": "0xzz"}]), "to"),
            ("eth_call", json!([{"to": ME, "data": "0x123"}]), "data"),
            (
                "eth_call",
                json!([{"to": ME, "data": "0x12", "input": "0x34"}]),
                "differ",
            ),
            ("eth_call", json!([{"to": ME, "value": 1}]), "value"),
            (
                "eth_call",
                json!([{"to": ME}, "latest", {"not-an-address": {}}]),
                "param 3",
            ),
            ("eth_getLogs", json!([{"address": "0x12"}]), "address"),
            ("eth_getLogs", json!([{"topics": ["0x12"]}]), "topics"),
            (
                "eth_getLogs",
                json!([{"topics": [null, null, null, null, null]}]),
                "4 positions",
            ),
            (
                "eth_getLogs",
                json!([{"blockHash": HASH, "fromBlock": "0x1"}]),
                "blockHash",
            ),
            ("eth_getLogs", json!([{"fromBlock": "yesterday"}]), "fromBlock"),
            ("eth_feeHistory", json!(["5", "latest"]), "param 1"),
            ("eth_feeHistory", json!(["0x5", "latest", [90, 10]]), "ascending"),
            ("eth_feeHistory", json!(["0x5", "latest", [101]]), "ascending"),
            ("eth_getTransactionReceipt", json!(["0x1234"]), "param 1"),
            ("eth_getBlockByNumber", json!(["latest", "yes"]), "param 2"),
            ("eth_getBlockByHash", json!([1, true]), "param 1"),
        ];
        for (method, params, says) in bad {
            let err = run(method, params.clone()).expect_err(&format!("{method} {params} must be refused"));
            assert_eq!(err.code.code(), -32602, "{method} {params}");
            assert!(err.message.contains(says), "{method} {params}: {}", err.message);
        }
    }
}
