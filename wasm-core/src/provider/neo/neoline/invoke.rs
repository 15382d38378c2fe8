//! `invoke` and `invokeMultiple` — `{scriptHash, operation, args, signers, fee?,
//! extraSystemFee?, broadcastOverride?}` / `{invokeArgs: [{scriptHash, operation, args}],
//! signers, fee?, extraSystemFee?, broadcastOverride?}`; fees from the node, the approval,
//! then signed and sent: `{txid, nodeURL}` (or `{txid, signedTx}` with broadcastOverride).

use serde_json::Value;

use super::{invocations, options, require};
use crate::provider::Origin;
use crate::provider::neo::tx;
use crate::provider::neo::{NeoError, NeoHost};

/// `invoke`.
pub(super) async fn handle(params: &Value, origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
    let call = tx::parse_invocation(params, "params")?;
    let options = options(params)?;
    let account = require(origin, host).await?;
    let signers = tx::parse_signers(params.get("signers"), &account)?;
    tx::invoke(origin, host, &account, &[call], signers, options).await
}

/// `invokeMultiple`.
pub(super) async fn handle_multiple(
    params: &Value,
    origin: &Origin,
    host: &impl NeoHost,
) -> Result<Value, NeoError> {
    let calls = invocations(params.get("invokeArgs"), "invokeArgs")?;
    let options = options(params)?;
    let account = require(origin, host).await?;
    let signers = tx::parse_signers(params.get("signers"), &account)?;
    tx::invoke(origin, host, &account, &calls, signers, options).await
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use serde_json::json;

    use crate::api::ApprovalKind;
    use crate::chains::neo::witness::verify_single_sig;
    use crate::chains::neo::{Signer, Transaction, WitnessScope};
    use crate::provider::neo::fake::{ADDRESS_A, ADDRESS_B, FakeNeoHost, MAGIC};
    use crate::provider::neo::test_support::{GAS, NEO, neoline, sent_transaction, transfer_args};
    use crate::provider::neo::tx;

    #[test]
    fn invoke_builds_fees_from_the_node_signs_with_the_magic_and_broadcasts() {
        let host = FakeNeoHost::connected();
        let answer = neoline(
            &host,
            "invoke",
            json!({"scriptHash": GAS, "operation": "transfer", "args": transfer_args("150000000"),
                   "signers": [{"account": "0xa7cbfee3f01f89d58c042644b0b6df2d59a6eb26", "scopes": 1}],
                   "fee": "0.0001"}),
        )
        .unwrap();
        let tx = sent_transaction(&host);
        assert_eq!(answer["txid"], tx.hash().to_string());
        assert_eq!(answer["nodeURL"], "http://127.0.0.1:20332");
        assert_eq!(tx.system_fee, 997_775);
        assert_eq!(tx.network_fee, 1_228_520 + 10_000);
        assert_eq!(tx.valid_until_block, 500 + tx::VALID_BLOCKS);
        assert_eq!(
            tx.signers,
            vec![Signer::new(tx.signers[0].account, WitnessScope::CALLED_BY_ENTRY)]
        );
        assert!(verify_single_sig(
            &tx,
            crate::chains::neo::NetworkMagic::new(MAGIC),
            &tx.witnesses[0]
        ));
        assert!(!verify_single_sig(
            &tx,
            crate::chains::neo::NetworkMagic::MAINNET,
            &tx.witnesses[0]
        ));
        // The fee estimate saw the account's verification script.
        let fee_tx = STANDARD
            .decode(
                host.last_call("calculatenetworkfee").unwrap()[0]
                    .as_str()
                    .unwrap(),
            )
            .unwrap();
        let fee_tx = Transaction::decode(&fee_tx).unwrap();
        assert_eq!(fee_tx.witnesses[0].verification, tx.witnesses[0].verification);
        // The approval shows the transfer as a person reads it.
        let prompts = host.prompts.borrow();
        let ApprovalKind::NeoTransaction {
            calls,
            global_scope,
            system_fee,
            network_fee,
            broadcast,
            ..
        } = &prompts[0]
        else {
            panic!("{:?}", prompts[0])
        };
        let transfer = calls[0].transfer.as_ref().unwrap();
        assert_eq!(
            (transfer.amount.as_str(), transfer.symbol.as_str()),
            ("1.5", "GAS")
        );
        assert_eq!(transfer.to, ADDRESS_B);
        assert!(!global_scope && *broadcast);
        assert_eq!(system_fee, "0.00997775 GAS");
        assert_eq!(network_fee, "0.0123852 GAS");
    }

    #[test]
    fn global_scope_is_flagged_and_broadcast_override_hands_the_transaction_back() {
        let host = FakeNeoHost::connected();
        let answer = neoline(
            &host,
            "invokeMultiple",
            json!({"invokeArgs": [
                      {"scriptHash": NEO, "operation": "transfer", "args": transfer_args("3")},
                      {"scriptHash": GAS, "operation": "symbol", "args": []}],
                   "signers": [{"account": ADDRESS_A, "scopes": 128}],
                   "broadcastOverride": true}),
        )
        .unwrap();
        assert!(host.last_call("sendrawtransaction").is_none());
        let bytes = hex::decode(answer["signedTx"].as_str().unwrap()).unwrap();
        let tx = Transaction::decode(&bytes).unwrap();
        assert_eq!(answer["txid"], tx.hash().to_string());
        assert!(verify_single_sig(
            &tx,
            crate::chains::neo::NetworkMagic::new(MAGIC),
            &tx.witnesses[0]
        ));
        let prompts = host.prompts.borrow();
        let ApprovalKind::NeoTransaction {
            calls,
            global_scope,
            broadcast,
            ..
        } = &prompts[0]
        else {
            panic!()
        };
        assert!(*global_scope && !broadcast);
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].transfer.as_ref().unwrap().amount, "3");
        assert_eq!(calls[0].transfer.as_ref().unwrap().symbol, "NEO");
        assert!(calls[1].transfer.is_none());
    }
}
