//! `signTransaction` — `{transaction, magicNumber?}` or `{context}`; after the approval (the
//! script read back into its contract calls), answers the transaction JSON with the
//! account's witness added, or the context JSON with its signature added. Nothing is sent.

use serde_json::Value;

use super::require;
use crate::chains::neo::{NetworkMagic, Transaction, Witness};
use crate::provider::Origin;
use crate::provider::neo::tx;
use crate::provider::neo::{NeoError, NeoErrorKind, NeoHost};

pub(super) async fn handle(params: &Value, origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
    let network = host.network();
    if let Some(context) = params.get("context") {
        let context = tx::parse_context(Some(context))?;
        let account = require(origin, host).await?;
        return tx::sign_context(origin, host, &account, context).await;
    }
    let tx_json = params
        .get("transaction")
        .ok_or_else(|| NeoError::malformed("transaction must be a transaction (JSON)"))?;
    let mut tx =
        Transaction::from_json(tx_json).map_err(|e| NeoError::malformed(format!("transaction: {e}")))?;
    let magic = match params.get("magicNumber") {
        None | Some(Value::Null) => network.magic,
        Some(value) => value
            .as_u64()
            .and_then(|m| u32::try_from(m).ok())
            .ok_or_else(|| NeoError::malformed("magicNumber must be a network magic"))?,
    };
    let account = require(origin, host).await?;
    if !tx
        .signers
        .iter()
        .any(|s| s.account == account.address.script_hash())
    {
        return Err(NeoError::new(
            NeoErrorKind::Unauthorized,
            "the connected account is not a signer of this transaction",
        ));
    }
    let view = crate::api::NeoNetworkInfo { magic, ..network };
    let calls = tx::calls_of(host, &tx).await;
    host.approve(origin, tx::approval(&view, &account, &tx, calls, false, false))
        .await?;
    let (key, signature) = host.sign(origin, &tx.signing_hash(NetworkMagic::new(magic)))?;
    tx.put_witness(Witness::single_sig(&signature, &key))
        .map_err(|e| NeoError::malformed(format!("transaction: {e}")))?;
    Ok(tx.to_json())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::api::ApprovalKind;
    use crate::chains::neo::witness::verify_single_sig;
    use crate::chains::neo::{
        ContractParametersContext, MultisigAccount, PrivateKey, Signer, Transaction, WitnessScope,
    };
    use crate::provider::neo::fake::{ADDRESS_A, ADDRESS_B, FakeNeoHost, KEY_A, MAGIC};
    use crate::provider::neo::test_support::{NEO, neoline};

    #[test]
    fn sign_transaction_adds_the_accounts_witness() {
        let host = FakeNeoHost::connected();
        let key = PrivateKey::from_hex(KEY_A).unwrap();
        let unsigned = Transaction {
            version: 0,
            nonce: 42,
            system_fee: 1,
            network_fee: 2,
            valid_until_block: 10,
            signers: vec![Signer::new(
                key.public_key().script_hash(),
                WitnessScope::CALLED_BY_ENTRY,
            )],
            attributes: Vec::new(),
            script: vec![0x40],
            witnesses: Vec::new(),
        };
        let signed = neoline(
            &host,
            "signTransaction",
            json!({"transaction": unsigned.to_json(), "magicNumber": 860833102}),
        )
        .unwrap();
        let tx = Transaction::from_json(&signed).unwrap();
        assert_eq!(tx.hash(), unsigned.hash());
        assert!(verify_single_sig(
            &tx,
            crate::chains::neo::NetworkMagic::MAINNET,
            &tx.witnesses[0]
        ));
        // A bare RET is no contract call: the approval says the script could not be read.
        let prompts = host.prompts.borrow();
        let ApprovalKind::NeoTransaction {
            calls,
            undecoded,
            script,
            ..
        } = &prompts[0]
        else {
            panic!("{:?}", prompts[0])
        };
        assert!(calls.is_empty());
        assert!(
            undecoded.as_deref().is_some_and(|why| why.contains("0x40")),
            "{undecoded:?}"
        );
        assert_eq!(script, "40");
    }

    #[test]
    fn sign_transaction_shows_the_calls_of_a_script_built_elsewhere() {
        let host = FakeNeoHost::connected();
        let key = PrivateKey::from_hex(KEY_A).unwrap();
        let from = key.public_key().script_hash();
        let to: crate::chains::neo::Address = ADDRESS_B.parse().unwrap();
        // What neon-js `sc.createScript` makes of a NEO transfer of 12 (testdata/neo/script.json's shape).
        let script = crate::chains::neo::script::nep17_transfer(
            &NEO.parse().unwrap(),
            &from,
            &to.script_hash(),
            &"12".parse().unwrap(),
            &crate::chains::neo::ContractParameter::Any(None),
        )
        .unwrap();
        let unsigned = Transaction {
            version: 0,
            nonce: 1,
            system_fee: 1,
            network_fee: 2,
            valid_until_block: 10,
            signers: vec![Signer::new(from, WitnessScope::CALLED_BY_ENTRY)],
            attributes: Vec::new(),
            script,
            witnesses: Vec::new(),
        };
        neoline(
            &host,
            "signTransaction",
            json!({"transaction": unsigned.to_json()}),
        )
        .unwrap();
        let prompts = host.prompts.borrow();
        let ApprovalKind::NeoTransaction { calls, undecoded, .. } = &prompts[0] else {
            panic!("{:?}", prompts[0])
        };
        assert_eq!(*undecoded, None);
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].contract, NEO);
        assert_eq!(calls[0].method, "transfer");
        let transfer = calls[0].transfer.as_ref().expect("a NEP-17 transfer");
        assert_eq!(
            (transfer.amount.as_str(), transfer.symbol.as_str()),
            ("12", "NEO")
        );
        assert_eq!(
            (transfer.from.as_str(), transfer.to.as_str()),
            (ADDRESS_A, ADDRESS_B)
        );
    }

    #[test]
    fn sign_transaction_signs_a_multisig_context_as_one_key() {
        let host = FakeNeoHost::connected();
        let a = PrivateKey::from_hex(KEY_A).unwrap();
        let b =
            PrivateKey::from_hex("9ab7e154840daca3a2efadaf0df93cd3a5b51768c632f5433f86909d9b994a69").unwrap();
        let account = MultisigAccount::new(2, &[a.public_key(), b.public_key()]).unwrap();
        let tx = Transaction {
            version: 0,
            nonce: 7,
            system_fee: 0,
            network_fee: 0,
            valid_until_block: 99,
            signers: vec![Signer::new(account.script_hash(), WitnessScope::CALLED_BY_ENTRY)],
            attributes: Vec::new(),
            script: vec![0x40],
            witnesses: Vec::new(),
        };
        let mut context = ContractParametersContext::new(tx, crate::chains::neo::NetworkMagic::new(MAGIC));
        context.sign(&account.verification_script(), &b).unwrap();
        assert!(!context.is_complete());
        let signed = neoline(&host, "signTransaction", json!({"context": context.to_json()})).unwrap();
        let context = ContractParametersContext::from_json(&signed).unwrap();
        assert!(context.is_complete());
        let tx = context.signed_transaction().unwrap();
        assert_eq!(tx.witnesses[0].verification, account.verification_script());
        let prompts = host.prompts.borrow();
        assert!(matches!(
            prompts[0],
            ApprovalKind::NeoTransaction {
                multisig: true,
                broadcast: false,
                ..
            }
        ));
    }
}
