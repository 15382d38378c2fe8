//! `send` — `{fromAddress, toAddress, asset, amount, fee?, broadcastOverride?}` (asset `NEO`,
//! `GAS` or a contract hash; amount a decimal string in whole tokens; `fromAddress` the
//! connected account); a NEP-17 transfer, answered `{txid, nodeURL}` or `{txid, signedTx}`
//! with broadcastOverride.

use serde_json::Value;

use super::{options, require};
use crate::chains::neo::{Signer, UInt160, WitnessScope};
use crate::provider::Origin;
use crate::provider::neo::amount::parse_amount;
use crate::provider::neo::tx::{self, Invocation};
use crate::provider::neo::{NeoError, NeoErrorKind, NeoHost};

/// The smallest-unit amount and the token of a send.
pub async fn transfer_of(
    host: &impl NeoHost,
    asset: &str,
    amount: &str,
) -> Result<(UInt160, crate::chains::neo::Integer), NeoError> {
    let token = match asset {
        "NEO" | "neo" => tx::NEO_TOKEN.parse::<UInt160>().ok(),
        "GAS" | "gas" => tx::GAS_TOKEN.parse::<UInt160>().ok(),
        other => other.parse::<UInt160>().ok(),
    }
    .ok_or_else(|| NeoError::malformed(format!("asset is neither NEO, GAS nor a script hash: {asset}")))?;
    let (_, decimals) = tx::token_info(host, &token).await.ok_or_else(|| {
        NeoError::new(
            NeoErrorKind::RpcError,
            "the node did not say the token's decimals",
        )
    })?;
    let raw = parse_amount(amount, decimals).map_err(NeoError::malformed)?;
    Ok((token, raw))
}

pub(super) async fn handle(params: &Value, origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
    let from = tx::parse_account(params.get("fromAddress"), "fromAddress")?;
    let to = tx::parse_account(params.get("toAddress"), "toAddress")?;
    let asset = params
        .get("asset")
        .and_then(Value::as_str)
        .ok_or_else(|| NeoError::malformed("asset must be NEO, GAS or a script hash"))?;
    let amount = match params.get("amount") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(NeoError::malformed("amount must be a decimal string")),
    };
    let options = options(params)?;
    let account = require(origin, host).await?;
    if from != account.address.script_hash() {
        return Err(NeoError::new(
            NeoErrorKind::Unauthorized,
            "fromAddress is not the connected account",
        ));
    }
    let (token, raw) = transfer_of(host, asset, &amount).await?;
    let call = Invocation::nep17_transfer(token, from, to, raw);
    let signers = vec![Signer::new(from, WitnessScope::CALLED_BY_ENTRY)];
    tx::invoke(origin, host, &account, &[call], signers, options).await
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::provider::neo::fake::{ADDRESS_A, ADDRESS_B, FakeNeoHost};
    use crate::provider::neo::test_support::{GAS, neoline, sent_transaction};

    #[test]
    fn send_transfers_in_the_tokens_smallest_unit() {
        let host = FakeNeoHost::connected();
        let answer = neoline(
            &host,
            "send",
            json!({"fromAddress": ADDRESS_A, "toAddress": ADDRESS_B, "asset": "GAS", "amount": "0.5"}),
        )
        .unwrap();
        let tx = sent_transaction(&host);
        assert_eq!(answer["txid"], tx.hash().to_string());
        let expected = crate::chains::neo::script::nep17_transfer(
            &GAS.parse().unwrap(),
            &ADDRESS_A
                .parse::<crate::chains::neo::Address>()
                .unwrap()
                .script_hash(),
            &ADDRESS_B
                .parse::<crate::chains::neo::Address>()
                .unwrap()
                .script_hash(),
            &"50000000".parse().unwrap(),
            &crate::chains::neo::ContractParameter::Any(None),
        )
        .unwrap();
        assert_eq!(tx.script, expected);
    }
}
