//! Published test vectors (`testdata/neo/`, each file names its source).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::*;

fn load(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap()
}

#[test]
fn keys_addresses_wif_and_script_hashes() {
    let data = load(include_str!("../../../../testdata/neo/keys.json"));
    for case in data["valid"].as_array().unwrap() {
        let key = PrivateKey::from_hex(s(&case["privateKey"])).unwrap();
        let public = key.public_key();
        assert_eq!(public.to_string(), s(&case["publicKey"]));
        assert_eq!(public.address().to_string(), s(&case["address"]));
        assert_eq!(*key.to_wif(), s(&case["wif"]));
        assert_eq!(
            *PrivateKey::from_wif(s(&case["wif"])).unwrap().to_bytes(),
            *key.to_bytes()
        );
        assert_eq!(
            STANDARD.encode(public.verification_script()),
            s(&case["verificationScript"])
        );
        let address: Address = s(&case["address"]).parse().unwrap();
        assert_eq!(address.script_hash(), public.script_hash());
        if let Some(hash) = case["scriptHash"].as_str() {
            assert_eq!(public.script_hash().to_string(), hash);
        }
    }
    let invalid = &data["invalid"][0];
    assert_eq!(
        PrivateKey::from_wif(s(&invalid["wif"])).unwrap_err(),
        WifError::BadChecksum
    );
    assert!(PrivateKey::from_hex(s(&invalid["privateKey"])).is_err());
}

#[test]
fn nep2_n3_records_decrypt_and_re_encrypt_exactly() {
    let data = load(include_str!("../../../../testdata/neo/keys.json"));
    for case in data["valid"].as_array().unwrap() {
        let record: Nep2Key = s(&case["nep2"]).parse().unwrap();
        let key = record
            .decrypt(s(&case["passphrase"]), ScryptParams::DEFAULT)
            .unwrap();
        assert_eq!(hex::encode(*key.to_bytes()), s(&case["privateKey"]));
        // NEP-2 has no randomness: encrypting again gives the same string.
        assert_eq!(
            Nep2Key::encrypt(&key, s(&case["passphrase"]), ScryptParams::DEFAULT).to_string(),
            s(&case["nep2"])
        );
    }
    let record: Nep2Key = s(&data["valid"][0]["nep2"]).parse().unwrap();
    assert_eq!(
        record
            .decrypt("city of zion!", ScryptParams::DEFAULT)
            .unwrap_err(),
        Nep2Error::WrongPassword
    );
}

#[test]
fn nep2_spec_vectors_are_neo2_records() {
    let data = load(include_str!("../../../../testdata/neo/nep2_spec.json"));
    for case in data["vectors"].as_array().unwrap() {
        let record: Nep2Key = s(&case["encrypted"]).parse().unwrap();
        let key = record
            .decrypt_neo2(s(&case["passphrase"]), ScryptParams::DEFAULT)
            .unwrap();
        assert_eq!(
            hex::encode(*key.to_bytes()),
            s(&case["privateKey"]).to_lowercase()
        );
        assert_eq!(*key.to_wif(), s(&case["wif"]));
        // The N3 check fails: the record was made for the NEO 2 address.
        assert_eq!(
            record
                .decrypt(s(&case["passphrase"]), ScryptParams::DEFAULT)
                .unwrap_err(),
            Nep2Error::WrongPassword
        );
    }
}

#[test]
fn nep6_wallet_file() {
    let text = include_str!("../../../../testdata/neo/nep6_neon_testWallet.json");
    let json = load(text);
    let wallet = Nep6Wallet::from_json(text).unwrap();
    assert_eq!(wallet.scrypt, ScryptParams::DEFAULT);
    assert_eq!(wallet.accounts.len(), 6);
    for account in &wallet.accounts {
        let script = &account.contract.as_ref().unwrap().script;
        assert_eq!(
            UInt160::of_script(script),
            account.address.script_hash(),
            "{}",
            account.address
        );
    }
    // Account A: the key opens with the wallet password and is extra.WIF.
    let key = wallet.decrypt(0, "wallet").unwrap();
    assert_eq!(*key.to_wif(), s(&json["accounts"][0]["extra"]["WIF"]));
    // The 2-of-3 account carries A's key; its script is A, B, C in NEO order.
    let abc = &wallet.accounts[3];
    assert_eq!(*wallet.decrypt(3, "wallet").unwrap().to_wif(), *key.to_wif());
    let multisig = MultisigAccount::from_verification_script(&abc.contract.as_ref().unwrap().script).unwrap();
    assert_eq!(multisig.threshold(), 2);
    assert_eq!(multisig.address(), abc.address);
    let rebuilt =
        MultisigAccount::new(2, &[multisig.keys()[2], multisig.keys()[0], multisig.keys()[1]]).unwrap();
    assert_eq!(rebuilt, multisig);
    // Wrong password: one clear error.
    let err = wallet.decrypt(1, "Wallet").unwrap_err();
    assert_eq!(err, Nep6Error::Nep2(Nep2Error::WrongPassword));
    assert_eq!(err.to_string(), "wrong password");
}

#[test]
fn script_builder_matches_neon_js() {
    let data = load(include_str!("../../../../testdata/neo/script.json"));
    for case in data["numbers"].as_array().unwrap() {
        let value: Integer = s(&case[0]).parse().unwrap();
        let mut b = ScriptBuilder::new();
        b.push_integer(&value);
        assert_eq!(hex::encode(b.as_bytes()), s(&case[1]), "{}", case[0]);
    }
    for case in data["strings"].as_array().unwrap() {
        let mut b = ScriptBuilder::new();
        b.push_string(s(&case[0])).unwrap();
        assert_eq!(hex::encode(b.as_bytes()), s(&case[1]));
    }
    for case in data["long_strings"].as_array().unwrap() {
        let count = usize::try_from(case["count"].as_u64().unwrap()).unwrap();
        let text = s(&case["char"]).repeat(count);
        let mut b = ScriptBuilder::new();
        b.push_string(&text).unwrap();
        let prefix = hex::decode(s(&case["prefix"])).unwrap();
        assert_eq!(&b.as_bytes()[..prefix.len()], prefix.as_slice());
        assert_eq!(&b.as_bytes()[prefix.len()..], text.as_bytes());
    }
    for case in data["booleans"].as_array().unwrap() {
        let mut b = ScriptBuilder::new();
        b.push_bool(case[0].as_bool().unwrap());
        assert_eq!(hex::encode(b.as_bytes()), s(&case[1]));
    }
    for case in data["params"].as_array().unwrap() {
        let mut b = ScriptBuilder::new();
        b.push_param(&ContractParameter::from_json(&case[0]).unwrap())
            .unwrap();
        assert_eq!(hex::encode(b.as_bytes()), s(&case[1]));
    }
    for case in data["contract_calls"].as_array().unwrap() {
        let args = ContractParameter::list_from_json(&case["args"], ByteArrayEncoding::Base64).unwrap();
        let mut b = ScriptBuilder::new();
        b.contract_call(
            &s(&case["scriptHash"]).parse().unwrap(),
            s(&case["operation"]),
            &args,
            CallFlags::ALL,
        )
        .unwrap();
        assert_eq!(hex::encode(b.as_bytes()), s(&case["script"]));
    }
    for case in data["multisig"].as_array().unwrap() {
        let keys: Vec<PublicKey> = case["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| s(k).parse().unwrap())
            .collect();
        let m = usize::try_from(case["threshold"].as_u64().unwrap()).unwrap();
        let account = MultisigAccount::new(m, &keys).unwrap();
        assert_eq!(hex::encode(account.verification_script()), s(&case["script"]));
        assert_eq!(
            account.keys(),
            keys.as_slice(),
            "the published keys are already in NEO order"
        );
        let parsed =
            MultisigAccount::from_verification_script(&hex::decode(s(&case["script"])).unwrap()).unwrap();
        assert_eq!(parsed, account);
    }
}

#[test]
fn transactions_match_neow3j() {
    let data = load(include_str!("../../../../testdata/neo/transactions.json"));
    for pair in data["addresses"].as_array().unwrap() {
        let address: Address = s(&pair[0]).parse().unwrap();
        assert_eq!(hex::encode(address.script_hash().wire_bytes()), s(&pair[1]));
    }
    for case in data["transactions"].as_array().unwrap() {
        let bytes = hex::decode(s(&case["hex"])).unwrap();
        let tx = Transaction::decode(&bytes).unwrap();
        let name = s(&case["name"]);
        assert_eq!(u64::from(tx.nonce), case["nonce"].as_u64().unwrap(), "{name}");
        assert_eq!(tx.system_fee, case["systemFee"].as_i64().unwrap(), "{name}");
        assert_eq!(tx.network_fee, case["networkFee"].as_i64().unwrap(), "{name}");
        assert_eq!(
            u64::from(tx.valid_until_block),
            case["validUntilBlock"].as_u64().unwrap(),
            "{name}"
        );
        let signers = case["signers"].as_array().unwrap();
        assert_eq!(tx.signers.len(), signers.len());
        for (signer, expected) in tx.signers.iter().zip(signers) {
            assert_eq!(signer.account.to_string(), s(&expected[0]), "{name}");
            assert_eq!(signer.scopes.to_json_string(), s(&expected[1]), "{name}");
        }
        assert_eq!(tx.attributes.len() as u64, case["attributes"].as_u64().unwrap());
        assert_eq!(tx.witnesses.len() as u64, case["witnesses"].as_u64().unwrap());
        let encoded = if case["signed"].as_bool().unwrap() {
            tx.encode()
        } else {
            tx.encode_unsigned()
        };
        assert_eq!(encoded, bytes, "{name}");
        assert_eq!(tx.size(), tx.encode().len());
        if let Some(hash) = case["hash"].as_str() {
            assert_eq!(tx.hash().to_string(), hash);
        }
        // And through JSON.
        assert_eq!(Transaction::from_json(&tx.to_json()).unwrap(), tx, "{name}");
    }
    let hd = &data["hash_data"];
    let unsigned = hex::decode(s(&hd["unsigned"])).unwrap();
    let tx = Transaction::decode_unsigned(&unsigned).unwrap();
    let network = NetworkMagic::new(u32::try_from(hd["network"].as_u64().unwrap()).unwrap());
    let mut expected = network.to_le_bytes().to_vec();
    expected.extend_from_slice(&sha2::Sha256::digest(&unsigned));
    assert_eq!(tx.sign_data(network).to_vec(), expected);
    assert_eq!(&expected[..4], &[0x01, 0x03, 0x00, 0x00]);
}

use sha2::Digest;
