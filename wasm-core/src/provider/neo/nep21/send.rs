//! `send(asset, from, to, amount)` (NeoLine) or `send(asset, amount, to, from?)` (the spec) —
//! a NEP-17 transfer from the connected account, amount in the token's smallest unit;
//! answers the txid.

use serde_json::Value;

use super::require;
use crate::chains::neo::{Address, Integer, UInt160, WitnessScope};
use crate::provider::Origin;
use crate::provider::neo::tx::{self, Invocation, TxOptions};
use crate::provider::neo::{NeoError, NeoErrorKind, NeoHost};

/// `args` are the first four arguments as given; which is which depends on the second.
pub(super) async fn handle(
    args: [Option<&Value>; 4],
    origin: &Origin,
    host: &impl NeoHost,
) -> Result<Value, NeoError> {
    // NeoLine: send(asset, from, to, amount); the spec: send(asset, amount, to, from?).
    let [asset, second, third, fourth] = args;
    let asset = tx::parse_hash(asset, "asset")?;
    // An account is an address or a script hash; an amount is decimal digits.
    let second_is_address = second.and_then(Value::as_str).is_some_and(|s| {
        s.parse::<Address>().is_ok()
            || (s.parse::<UInt160>().is_ok() && !s.bytes().all(|b| b.is_ascii_digit()))
    });
    let (from, to, amount) = if second_is_address {
        (second, third, fourth)
    } else {
        (fourth, third, second)
    };
    let to = tx::parse_account(to, "to")?;
    let amount = match amount {
        Some(Value::String(s)) => s.parse::<Integer>().ok(),
        Some(Value::Number(n)) => n.as_u64().map(Integer::from),
        _ => None,
    }
    .filter(|a| !a.is_negative() && a.to_string() != "0")
    .ok_or_else(|| NeoError::malformed("amount must be a positive integer (the token's smallest unit)"))?;
    let from = from.map(|f| tx::parse_account(Some(f), "from")).transpose()?;
    let account = require(origin, host).await?;
    let own = account.address.script_hash();
    if from.is_some_and(|f| f != own) {
        return Err(NeoError::new(
            NeoErrorKind::Unauthorized,
            "from is not the connected account",
        ));
    }
    let call = Invocation::nep17_transfer(asset, own, to, amount);
    let signers = vec![crate::chains::neo::Signer::new(
        own,
        WitnessScope::CALLED_BY_ENTRY,
    )];
    let answer = tx::invoke(origin, host, &account, &[call], signers, TxOptions::default()).await?;
    Ok(answer.get("txid").cloned().unwrap_or(Value::Null))
}
