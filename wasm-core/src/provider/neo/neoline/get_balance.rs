//! `getBalance` — `{params?: [{address, contracts?}]}` (one entry or an array; NeoLine ≤ 3.x)
//! or nothing (the connected account, all its tokens); answers
//! `{[address]: [{contract, symbol, amount}]}`, amounts as decimal strings in whole tokens.

use serde_json::{Map, Value, json};

use super::require;
use crate::chains::neo::{Address, UInt160};
use crate::provider::Origin;
use crate::provider::neo::amount::format_amount;
use crate::provider::neo::tx;
use crate::provider::neo::{NeoError, NeoHost};

pub(super) async fn handle(params: &Value, origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
    // Either `{params: [{address, contracts?}]}` (NeoLine ≤ 3.x, one entry or an array) or
    // nothing (the connected account, all its tokens).
    let mut queries: Vec<(Address, Option<Vec<UInt160>>)> = Vec::new();
    match params.get("params") {
        None | Some(Value::Null) => {
            let account = require(origin, host).await?;
            queries.push((account.address, None));
        }
        Some(list) => {
            let items: Vec<&Value> = match list {
                Value::Array(items) => items.iter().collect(),
                single @ Value::Object(_) => vec![single],
                _ => return Err(NeoError::malformed("params must be [{address, contracts}]")),
            };
            for item in items {
                let address = tx::parse_account(item.get("address"), "params.address")
                    .map(Address::from_script_hash)?;
                let contracts = match item.get("contracts").or_else(|| item.get("assets")) {
                    None | Some(Value::Null) => None,
                    Some(Value::Array(hashes)) => Some(
                        hashes
                            .iter()
                            .map(|h| tx::parse_hash(Some(h), "contracts[]"))
                            .collect::<Result<Vec<_>, _>>()?,
                    ),
                    Some(_) => {
                        return Err(NeoError::malformed("contracts must be an array of script hashes"));
                    }
                };
                queries.push((address, contracts));
            }
        }
    }
    let mut out = Map::new();
    for (address, contracts) in queries {
        let balances = nep17_balances(host, &address).await?;
        let list: Vec<Value> = balances
            .into_iter()
            .filter(|b| {
                contracts
                    .as_ref()
                    .is_none_or(|c| b.contract.parse::<UInt160>().is_ok_and(|h| c.contains(&h)))
            })
            .map(|b| json!({"contract": b.contract, "symbol": b.symbol, "amount": b.amount}))
            .collect();
        out.insert(address.to_string(), Value::Array(list));
    }
    Ok(Value::Object(out))
}

/// An account's NEP-17 balances from `getnep17balances`, amounts in whole tokens.
///
/// # Errors
/// `RPC_ERROR`.
pub async fn nep17_balances(
    host: &impl NeoHost,
    address: &Address,
) -> Result<Vec<crate::api::NeoBalance>, NeoError> {
    let answer = host.rpc("getnep17balances", json!([address.to_string()])).await?;
    let items = answer
        .get("balance")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let Some(hash) = item
            .get("assethash")
            .and_then(Value::as_str)
            .and_then(|h| h.parse::<UInt160>().ok())
        else {
            continue;
        };
        let raw = match item.get("amount") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => continue,
        };
        let given = (
            item.get("symbol").and_then(Value::as_str).map(str::to_owned),
            item.get("decimals").and_then(|d| match d {
                Value::String(s) => s.parse::<u8>().ok(),
                Value::Number(n) => n.as_u64().and_then(|n| u8::try_from(n).ok()),
                _ => None,
            }),
        );
        let (symbol, decimals) = match given {
            (Some(symbol), Some(decimals)) => (symbol, decimals),
            _ => tx::token_info(host, &hash)
                .await
                .unwrap_or_else(|| (hash.to_string(), 0)),
        };
        out.push(crate::api::NeoBalance {
            contract: hash.to_string(),
            amount: format_amount(&raw, decimals).unwrap_or(raw),
            symbol,
            decimals,
        });
    }
    Ok(out)
}
