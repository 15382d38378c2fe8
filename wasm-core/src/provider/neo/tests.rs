//! The NEO dispatch through a fake host: the method table, malformed input, connection, and
//! what is signed.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use futures::executor::block_on;
use serde_json::{Value, json};

use super::fake::{ADDRESS_A, ADDRESS_B, FakeNeoHost, KEY_A, MAGIC};
use super::test_support::{GAS, NEO, error_type, neoline, nep21, sent_transaction, transfer_args};
use super::*;
use crate::api::ApprovalKind;
use crate::chains::neo::message::{self, MessageFormat};
use crate::chains::neo::witness::verify_single_sig;
use crate::chains::neo::{ContractParametersContext, PrivateKey, Transaction};

#[test]
fn every_neoline_method_is_in_the_table() {
    let names = [
        "getProvider",
        "getNetworks",
        "getAccount",
        "getPublicKey",
        "getBalance",
        "getStorage",
        "invokeRead",
        "invokeReadMulti",
        "verifyMessage",
        "verifyMessageV2",
        "getBlock",
        "getTransaction",
        "getApplicationLog",
        "pickAddress",
        "AddressToScriptHash",
        "ScriptHashToAddress",
        "send",
        "invoke",
        "invokeMultiple",
        "signMessage",
        "signMessageV2",
        "signMessageWithoutSalt",
        "signMessageWithoutSaltV2",
        "signTransaction",
        "switchWalletNetwork",
        "switchWalletAccount",
    ];
    assert_eq!(NeoMethod::ALL.len(), names.len());
    for name in names {
        assert!(NeoMethod::from_name(name).is_some(), "{name}");
    }
    let host = FakeNeoHost::new();
    assert_eq!(
        error_type(neoline(&host, "getaccount", json!(null))),
        "UNSUPPORTED"
    );
    assert_eq!(
        error_type(neoline(&host, "eth_chainId", json!(null))),
        "UNSUPPORTED"
    );
}

#[test]
fn malformed_input_is_refused_before_anything_is_asked_or_signed() {
    let host = FakeNeoHost::connected();
    let table = [
        ("signMessage", json!(null)),
        ("signMessage", json!({})),
        ("signMessage", json!({"message": 42})),
        ("signMessageV2", json!({"message": ["a"]})),
        ("signMessageWithoutSalt", json!({"msg": "x"})),
        ("invoke", json!(null)),
        ("invoke", json!({"operation": "transfer"})),
        ("invoke", json!({"scriptHash": "0x12", "operation": "transfer"})),
        ("invoke", json!({"scriptHash": GAS, "operation": ""})),
        (
            "invoke",
            json!({"scriptHash": GAS, "operation": "transfer", "args": [{"type": "Integer", "value": "x"}]}),
        ),
        (
            "invoke",
            json!({"scriptHash": GAS, "operation": "transfer", "args": [{"type": "Nope", "value": 1}]}),
        ),
        (
            "invoke",
            json!({"scriptHash": GAS, "operation": "transfer", "args": "x"}),
        ),
        (
            "invoke",
            json!({"scriptHash": GAS, "operation": "transfer", "args": [], "signers": "x"}),
        ),
        (
            "invoke",
            json!({"scriptHash": GAS, "operation": "transfer", "args": [], "signers": [{"account": "zz", "scopes": 1}]}),
        ),
        (
            "invoke",
            json!({"scriptHash": GAS, "operation": "transfer", "args": [], "signers": [{"account": ADDRESS_A, "scopes": 3}]}),
        ),
        (
            "invoke",
            json!({"scriptHash": GAS, "operation": "transfer", "args": [], "signers": [{"account": ADDRESS_A, "scopes": 16}]}),
        ),
        (
            "invoke",
            json!({"scriptHash": GAS, "operation": "transfer", "fee": "abc"}),
        ),
        ("invokeMultiple", json!({"invokeArgs": []})),
        ("invokeMultiple", json!({"invokeArgs": [{"scriptHash": GAS}]})),
        (
            "send",
            json!({"fromAddress": ADDRESS_A, "toAddress": "nope", "asset": "GAS", "amount": "1"}),
        ),
        (
            "send",
            json!({"fromAddress": ADDRESS_A, "toAddress": ADDRESS_B, "asset": "GAS", "amount": "-1"}),
        ),
        (
            "send",
            json!({"fromAddress": ADDRESS_A, "toAddress": ADDRESS_B, "asset": "GAS", "amount": "0.000000001"}),
        ),
        (
            "send",
            json!({"fromAddress": ADDRESS_A, "toAddress": ADDRESS_B, "asset": "GAS", "amount": "0"}),
        ),
        (
            "send",
            json!({"fromAddress": ADDRESS_A, "toAddress": ADDRESS_B, "asset": "NEO", "amount": "1.5"}),
        ),
        (
            "send",
            json!({"fromAddress": ADDRESS_A, "toAddress": ADDRESS_B, "asset": "XYZ", "amount": "1"}),
        ),
        (
            "send",
            json!({"fromAddress": ADDRESS_A, "toAddress": ADDRESS_B, "asset": "GAS"}),
        ),
        ("signTransaction", json!({})),
        ("signTransaction", json!({"transaction": {"version": 0}})),
        ("signTransaction", json!({"context": "{not json"})),
        ("signTransaction", json!({"context": {"type": "other"}})),
        (
            "verifyMessage",
            json!({"message": "x", "data": "00", "publicKey": "02"}),
        ),
        ("verifyMessageV2", json!({"message": "x"})),
        ("getBlock", json!({"blockHeight": "x"})),
        ("getTransaction", json!({"txid": "0x12"})),
        ("getApplicationLog", json!({})),
        ("AddressToScriptHash", json!({"address": "NotAnAddress"})),
        ("ScriptHashToAddress", json!({"scriptHash": "0x1234"})),
        ("getStorage", json!({"scriptHash": GAS})),
        (
            "getStorage",
            json!({"scriptHash": GAS, "key": "%%", "keyEncoding": "base64"}),
        ),
        ("getBalance", json!({"params": [{"address": "nope"}]})),
        (
            "getBalance",
            json!({"params": [{"address": ADDRESS_A, "contracts": "x"}]}),
        ),
        ("switchWalletNetwork", json!({"chainId": "x"})),
        ("switchWalletNetwork", json!({"chainId": 42})),
    ];
    for (method, params) in table {
        assert_eq!(
            error_type(neoline(&host, method, params.clone())),
            "MALFORMED_INPUT",
            "{method} {params}"
        );
    }
    assert!(
        host.prompts.borrow().is_empty(),
        "a malformed request reached a prompt"
    );
    assert_eq!(host.signed.get(), 0, "a malformed request was signed");
    assert!(host.last_call("sendrawtransaction").is_none());
}

#[test]
fn account_methods_before_connecting_are_denied_without_a_window() {
    let host = FakeNeoHost::new();
    let calls = [
        ("signMessage", json!({"message": "hi"})),
        ("signMessageV2", json!({"message": "hi"})),
        ("signMessageWithoutSalt", json!({"message": "hi"})),
        ("signMessageWithoutSaltV2", json!({"message": "hi"})),
        (
            "invoke",
            json!({"scriptHash": GAS, "operation": "symbol", "args": []}),
        ),
        (
            "invokeMultiple",
            json!({"invokeArgs": [{"scriptHash": GAS, "operation": "symbol"}]}),
        ),
        (
            "send",
            json!({"fromAddress": ADDRESS_A, "toAddress": ADDRESS_B, "asset": "GAS", "amount": "1"}),
        ),
        ("switchWalletAccount", json!(null)),
        ("getBalance", json!(null)),
    ];
    for (method, params) in calls {
        assert_eq!(
            error_type(neoline(&host, method, params)),
            "CONNECTION_DENIED",
            "{method}"
        );
    }
    assert!(host.prompts.borrow().is_empty());
    assert_eq!(host.signed.get(), 0);
}

#[test]
fn read_methods_answer_without_a_connection() {
    let host = FakeNeoHost::new();
    let provider = neoline(&host, "getProvider", json!(null)).unwrap();
    assert_eq!(provider["name"], "Formica");
    assert_eq!(
        neoline(&host, "getNetworks", json!(null)).unwrap(),
        json!({"networks": ["Private"], "chainId": 0, "defaultNetwork": "Private"})
    );
    assert_eq!(
        neoline(&host, "AddressToScriptHash", json!({"address": ADDRESS_A})).unwrap(),
        json!({"scriptHash": "a7cbfee3f01f89d58c042644b0b6df2d59a6eb26"})
    );
    assert_eq!(
        neoline(
            &host,
            "ScriptHashToAddress",
            json!({"scriptHash": "0xa7cbfee3f01f89d58c042644b0b6df2d59a6eb26"})
        )
        .unwrap(),
        json!({"address": ADDRESS_A})
    );
    host.answer(
        "getnep17balances",
        Ok(json!({"address": ADDRESS_A, "balance": [
            {"assethash": GAS, "amount": "150000000", "lastupdatedblock": 1},
            {"assethash": NEO, "amount": "10", "lastupdatedblock": 1},
        ]})),
    );
    let balances = neoline(&host, "getBalance", json!({"params": [{"address": ADDRESS_A}]})).unwrap();
    assert_eq!(
        balances,
        json!({ADDRESS_A: [
            {"contract": GAS, "symbol": "GAS", "amount": "1.5"},
            {"contract": NEO, "symbol": "NEO", "amount": "10"},
        ]})
    );
    let only_neo = neoline(
        &host,
        "getBalance",
        json!({"params": [{"address": ADDRESS_A, "contracts": [NEO]}]}),
    )
    .unwrap();
    assert_eq!(only_neo[ADDRESS_A].as_array().unwrap().len(), 1);

    host.answer("getstorage", Ok(json!("AQI=")));
    let storage = neoline(&host, "getStorage", json!({"scriptHash": GAS, "key": "ab"})).unwrap();
    assert_eq!(storage, json!({"result": "AQI="}));
    assert_eq!(host.last_call("getstorage").unwrap(), json!([GAS, "YWI="]));

    host.answer("invokefunction", Ok(json!({"state": "HALT", "stack": []})));
    neoline(
        &host,
        "invokeRead",
        json!({"scriptHash": GAS, "operation": "balanceOf", "args": [{"type": "Hash160", "value": ADDRESS_A}],
               "signers": [{"account": ADDRESS_A, "scopes": 1}]}),
    )
    .unwrap();
    let sent = host.last_call("invokefunction").unwrap();
    assert_eq!(sent[1], "balanceOf");
    assert_eq!(sent[2][0]["type"], "Hash160");
    assert_eq!(sent[3][0]["scopes"], "CalledByEntry");

    host.answer("getblock", Ok(json!({"index": 5})));
    assert_eq!(
        neoline(&host, "getBlock", json!({"blockHeight": 5})).unwrap(),
        json!({"index": 5})
    );
    assert!(host.prompts.borrow().is_empty());
}

#[test]
fn sign_message_variants_produce_neolines_bytes() {
    let host = FakeNeoHost::connected();
    for (method, format, salted) in [
        ("signMessage", MessageFormat::V1, true),
        ("signMessageV2", MessageFormat::V2, true),
        ("signMessageWithoutSalt", MessageFormat::V1, false),
        ("signMessageWithoutSaltV2", MessageFormat::V2, false),
    ] {
        let answer = neoline(&host, method, json!({"message": "Hello 小蚁"})).unwrap();
        assert_eq!(answer["message"], "Hello 小蚁");
        assert_eq!(
            answer["publicKey"],
            PrivateKey::from_hex(KEY_A).unwrap().public_key().to_string()
        );
        let salt = answer.get("salt").and_then(Value::as_str).unwrap_or("");
        assert_eq!(salt.is_empty(), !salted, "{method}");
        if salted {
            assert_eq!(salt, "07070707070707070707070707070707");
        }
        let signed = format!("{salt}Hello 小蚁");
        let data = answer["data"].as_str().unwrap();
        let key = answer["publicKey"].as_str().unwrap();
        assert!(
            message::verify_message(format, &signed, data, key).unwrap(),
            "{method}"
        );
        // And the dAPI's own verifier agrees.
        let verify = if format == MessageFormat::V1 {
            "verifyMessage"
        } else {
            "verifyMessageV2"
        };
        assert_eq!(
            neoline(
                &host,
                verify,
                json!({"message": signed, "data": data, "publicKey": key})
            )
            .unwrap(),
            json!({"result": true})
        );
        // The other format's bytes do not verify.
        let other = if format == MessageFormat::V1 {
            MessageFormat::V2
        } else {
            MessageFormat::V1
        };
        assert!(!message::verify_message(other, &signed, data, key).unwrap());
    }
    let json_object = neoline(
        &host,
        "signMessageWithoutSalt",
        json!({"message": {"a": 1}, "isJsonObject": true}),
    )
    .unwrap();
    assert_eq!(json_object["message"], "{\"a\":1}");
    assert_eq!(host.prompts.borrow().len(), 5);
}

#[test]
fn refused_approvals_are_canceled_and_nothing_is_signed_or_sent() {
    let host = FakeNeoHost::connected();
    host.refuse.set(true);
    assert_eq!(
        error_type(neoline(&host, "signMessage", json!({"message": "x"}))),
        "CANCELED"
    );
    let invoke = json!({"scriptHash": GAS, "operation": "transfer", "args": transfer_args("100"),
                        "signers": [{"account": ADDRESS_A, "scopes": 1}]});
    assert_eq!(error_type(neoline(&host, "invoke", invoke)), "CANCELED");
    assert_eq!(host.signed.get(), 0);
    assert!(host.last_call("sendrawtransaction").is_none());
}

#[test]
fn a_signer_that_is_not_the_account_is_unauthorized() {
    let host = FakeNeoHost::connected();
    let reply = neoline(
        &host,
        "invoke",
        json!({"scriptHash": GAS, "operation": "symbol", "signers": [{"account": ADDRESS_B, "scopes": 1}]}),
    );
    assert_eq!(error_type(reply), "UNAUTHORIZED");
    let reply = neoline(
        &host,
        "send",
        json!({"fromAddress": ADDRESS_B, "toAddress": ADDRESS_A, "asset": "GAS", "amount": "1"}),
    );
    assert_eq!(error_type(reply), "UNAUTHORIZED");
    assert_eq!(host.signed.get(), 0);
}

#[test]
fn a_faulting_script_fails_and_node_errors_pass_through() {
    let host = FakeNeoHost::connected();
    host.answer(
        "invokescript",
        Ok(json!({"state": "FAULT", "gasconsumed": "100", "exception": "ABORT: no", "stack": []})),
    );
    let reply = neoline(&host, "invoke", json!({"scriptHash": GAS, "operation": "symbol"}));
    let Err(error) = reply else { panic!() };
    assert_eq!(error["type"], "FAILED");
    assert_eq!(error["data"]["exception"], "ABORT: no");
    assert!(
        host.prompts.borrow().is_empty(),
        "a failing call is not shown for approval"
    );

    let host = FakeNeoHost::connected();
    host.answer(
        "sendrawtransaction",
        Err(NeoError::new(
            NeoErrorKind::InsufficientFunds,
            "the account does not have enough GAS",
        )),
    );
    let reply = neoline(
        &host,
        "send",
        json!({"fromAddress": ADDRESS_A, "toAddress": ADDRESS_B, "asset": "GAS", "amount": "1"}),
    );
    assert_eq!(error_type(reply), "INSUFFICIENT_FUNDS");
}

#[test]
fn nep21_errors_and_methods_have_the_specs_shape() {
    let host = FakeNeoHost::new();
    let Err(error) = nep21(&host, "signMessage", json!(["aGk="])) else {
        panic!()
    };
    assert_eq!(error["type"], "CANCELED");
    assert_eq!(error["code"], 10006);
    assert!(error["message"].is_string());
    let Err(error) = nep21(&host, "signMessage", json!(["%%"])) else {
        panic!()
    };
    assert_eq!(
        (error["type"].as_str(), error["code"].as_u64()),
        (Some("INVALID"), Some(10002))
    );
    let Err(error) = nep21(&host, "nope", json!([])) else {
        panic!()
    };
    assert_eq!(error["type"], "UNSUPPORTED");

    let accounts = nep21(&host, "getAccounts", json!([])).unwrap();
    assert_eq!(accounts[0]["hash"], "0xa7cbfee3f01f89d58c042644b0b6df2d59a6eb26");
    assert_eq!(accounts[0]["isDefault"], true);
    let signed = nep21(&host, "signMessage", json!(["aGVsbG8="])).unwrap();
    let key: crate::chains::neo::PublicKey = signed["pubkey"].as_str().unwrap().parse().unwrap();
    let signature = crate::chains::neo::Signature::from_slice(
        &STANDARD.decode(signed["signature"].as_str().unwrap()).unwrap(),
    )
    .unwrap();
    assert!(key.verify(b"hello", &signature));

    // send(asset, from, to, amount) as NeoLine, and send(asset, amount, to) as the spec.
    let txid = nep21(&host, "send", json!([GAS, ADDRESS_A, ADDRESS_B, "100"])).unwrap();
    assert_eq!(txid, json!(sent_transaction(&host).hash().to_string()));
    let txid = nep21(&host, "send", json!([GAS, "100", ADDRESS_B])).unwrap();
    assert_eq!(txid, json!(sent_transaction(&host).hash().to_string()));
}

#[test]
fn nep21_make_transaction_sign_and_relay_a_context() {
    let host = FakeNeoHost::connected();
    let key = PrivateKey::from_hex(KEY_A).unwrap();
    let me = key.public_key();
    let b = PrivateKey::from_hex("9ab7e154840daca3a2efadaf0df93cd3a5b51768c632f5433f86909d9b994a69").unwrap();
    let invocation =
        json!({"hash": NEO, "operation": "transfer", "args": transfer_args("3"), "abortOnFail": true});
    let signers = json!([
        {"account": me.script_hash().to_string(), "scopes": "CalledByEntry"},
        {"account": b.public_key().script_hash().to_string(), "scopes": "CalledByEntry"},
    ]);
    // makeTransaction: nothing asked, nothing signed or sent; every signer listed unfilled.
    let context = nep21(
        &host,
        "makeTransaction",
        json!([[invocation], signers, [{"type": "HighPriority"}], {"extraSystemFee": "100", "validUntilBlock": 600}]),
    )
    .unwrap();
    assert!(host.prompts.borrow().is_empty());
    assert_eq!(host.signed.get(), 0);
    assert!(host.last_call("sendrawtransaction").is_none());
    assert_eq!(context["type"], "Neo.Network.P2P.Payloads.Transaction");
    assert!(context["hash"].as_str().unwrap().starts_with("0x"));
    assert_eq!(context["network"], MAGIC);
    let items = context["items"].as_object().unwrap();
    assert_eq!(items.len(), 2);
    let mine = &items[&me.script_hash().to_string()];
    assert_eq!(mine, &json!({"script": "", "parameters": [], "signatures": {}}));
    let parsed = ContractParametersContext::from_json(&context).unwrap();
    let tx = &parsed.transaction;
    assert_eq!(tx.system_fee, 997_775 + 100);
    assert_eq!(tx.valid_until_block, 600);
    assert_eq!(
        tx.attributes,
        vec![crate::chains::neo::TransactionAttribute::HighPriority]
    );
    assert_eq!(tx.script.last(), Some(&crate::chains::neo::disassemble::ASSERT));
    // The fee was asked with a witness for each signer.
    let fee_tx = host.last_call("calculatenetworkfee").unwrap();
    let fee_tx = Transaction::decode(&STANDARD.decode(fee_tx[0].as_str().unwrap()).unwrap()).unwrap();
    assert_eq!(fee_tx.witnesses.len(), 2);
    // Our own script for us; for the other wallet's account, a stand-in single-signature
    // account in its place (a node checks that each witness script hashes to its signer).
    assert_eq!(fee_tx.signers[0].account, me.script_hash());
    assert_eq!(fee_tx.witnesses[0].verification, me.verification_script());
    assert_ne!(fee_tx.signers[1].account, b.public_key().script_hash());
    assert_eq!(fee_tx.witnesses[1].script_hash(), fee_tx.signers[1].account);
    assert_eq!(
        fee_tx.witnesses[1].verification.len(),
        me.verification_script().len()
    );
    // Same size as the real one: each witness an empty invocation (1) and a 40-byte script (41).
    assert_eq!(fee_tx.size(), tx.size() + 2 * 42);

    // Relaying before everyone signed is refused; nothing reaches the node.
    let Err(e) = nep21(&host, "relay", json!([context.clone()])) else {
        panic!()
    };
    assert_eq!(e["type"], "INVALID");
    assert!(host.last_call("sendrawtransaction").is_none());

    // sign: the user sees the decoded transfer; our item is filled in.
    let signed = nep21(&host, "sign", json!([context.clone()])).unwrap();
    assert_eq!(signed["hash"], context["hash"]);
    let ApprovalKind::NeoTransaction {
        calls,
        broadcast: false,
        ..
    } = &host.prompts.borrow()[0]
    else {
        panic!()
    };
    assert_eq!(calls[0].transfer.as_ref().unwrap().amount, "3");
    let item = &signed["items"][me.script_hash().to_string()];
    assert_eq!(item["script"], STANDARD.encode(me.verification_script()));
    assert!(item["parameters"][0]["value"].is_string());
    assert!(item["signatures"][me.to_string()].is_string());
    // Signing twice is refused without asking.
    let Err(e) = nep21(&host, "sign", json!([signed.clone()])) else {
        panic!()
    };
    assert_eq!(e["type"], "INVALID");
    assert_eq!(host.prompts.borrow().len(), 1);

    // The other wallet signs (here by hand); then relay sends the witnesses in signer order.
    let mut theirs = ContractParametersContext::from_json(&signed).unwrap();
    theirs.sign(&b.public_key().verification_script(), &b).unwrap();
    let txid = nep21(&host, "relay", json!([theirs.to_json()])).unwrap();
    let sent = sent_transaction(&host);
    assert_eq!(txid, json!(sent.hash().to_string()));
    assert_eq!(sent.hash(), parsed.transaction.hash());
    let network = crate::chains::neo::NetworkMagic::new(MAGIC);
    assert!(verify_single_sig(&sent, network, &sent.witnesses[0]));
    assert!(verify_single_sig(&sent, network, &sent.witnesses[1]));

    // A context for another network is not relayed here.
    let mut elsewhere = theirs.to_json();
    elsewhere["network"] = json!(860833102);
    let Err(e) = nep21(&host, "relay", json!([elsewhere])) else {
        panic!()
    };
    assert_eq!(e["type"], "INVALID");
    // Malformed contexts and options are INVALID, nothing asked.
    for bad in [
        json!(["sign", ["{not json"]]),
        json!(["sign", [{"type": "Neo.Network.P2P.Payloads.Transaction", "data": "%%", "items": {}, "network": 1}]]),
        json!(["relay", []]),
        json!(["makeTransaction", [[invocation], null, [], {"validUntilBlock": 100}]]),
        json!(["makeTransaction", [[invocation], null, [{"type": "Nope"}]]]),
        json!(["makeTransaction", [[invocation], null, [], {"extraSystemFee": "-1"}]]),
        json!(["makeTransaction", [[invocation], []]]),
    ] {
        let Err(e) = nep21(&host, bad[0].as_str().unwrap(), bad[1].clone()) else {
            panic!("{bad}")
        };
        assert_eq!(e["type"], "INVALID", "{bad}: {e}");
    }
    assert_eq!(host.prompts.borrow().len(), 1);
}

#[test]
fn nep21_send_takes_a_script_hash_as_from_and_pick_address_asks() {
    let host = FakeNeoHost::connected();
    let me = PrivateKey::from_hex(KEY_A)
        .unwrap()
        .public_key()
        .script_hash()
        .to_string();
    // neon-dapi's conformance suite: send(GAS, senderHash, senderHash, "1").
    let txid = nep21(&host, "send", json!([GAS, me, me, "1"])).unwrap();
    assert_eq!(txid, json!(sent_transaction(&host).hash().to_string()));
    assert!(txid.as_str().unwrap().starts_with("0x") && txid.as_str().unwrap().len() == 66);
    let picked = nep21(&host, "pickAddress", json!([])).unwrap();
    assert_eq!(picked, ADDRESS_A);
}

#[test]
fn neoline_legacy_answers_its_common_methods_and_refuses_n2_ones() {
    let host = FakeNeoHost::connected();
    let legacy = |method: &str, params: Value| {
        let request = json!({"family": "neo", "api": "neoline-legacy", "method": method, "params": params});
        block_on(dispatch(&request, &FakeNeoHost::origin(), &host))
    };
    assert_eq!(legacy("getProvider", Value::Null).unwrap(), provider_info());
    assert_eq!(legacy("getAccount", Value::Null).unwrap()["address"], ADDRESS_A);
    assert_eq!(
        legacy("getNetworks", Value::Null).unwrap()["defaultNetwork"],
        "Private"
    );
    for method in LEGACY_N2 {
        let out = legacy(method, json!({"message": "hi"}));
        assert_eq!(error_type(out), "CHAIN_NOT_MATCH", "{method}");
    }
    assert_eq!(
        error_type(legacy("signMessageV2", json!({"message": "hi"}))),
        "UNSUPPORTED"
    );
    assert_eq!(host.signed.get(), 0);
    assert!(host.prompts.borrow().is_empty());
}
