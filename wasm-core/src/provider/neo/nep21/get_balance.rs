//! `getBalance(asset, account?)` — the raw integer string of `balanceOf` (the connected
//! account when `account` is not given; CANCELED before connecting).

use serde_json::{Value, json};

use super::require;
use crate::chains::neo::ContractParameter;
use crate::provider::Origin;
use crate::provider::neo::{NeoError, NeoHost, tx};

pub(super) async fn handle(
    asset: Option<&Value>,
    account: Option<&Value>,
    origin: &Origin,
    host: &impl NeoHost,
) -> Result<Value, NeoError> {
    let asset = tx::parse_hash(asset, "asset")?;
    let account = match account {
        Some(value) => tx::parse_account(Some(value), "account")?,
        None => require(origin, host).await?.address.script_hash(),
    };
    let answer = host
        .rpc(
            "invokefunction",
            json!([
                asset.to_string(),
                "balanceOf",
                [ContractParameter::Hash160(account).to_json()]
            ]),
        )
        .await?;
    Ok(answer
        .pointer("/stack/0/value")
        .cloned()
        .unwrap_or(Value::String("0".into())))
}
