use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::chains::evm::quantity::{parse_data, parse_quantity};
use crate::chains::evm::signer::sign_prehash;
use crate::keyring::Secp256k1Secret;

const VECTORS: &str = include_str!("../../../../../testdata/evm/transactions.json");

fn vectors() -> Value {
    serde_json::from_str(VECTORS).unwrap()
}

fn hex_bytes(v: &Value) -> Vec<u8> {
    parse_data(v.as_str().unwrap()).unwrap()
}

fn address(v: &Value) -> Address {
    v.as_str().unwrap().to_lowercase().parse().unwrap()
}

fn u256_dec(v: &Value) -> U256 {
    U256::from_str_radix(v.as_str().unwrap(), 10).unwrap()
}

/// A published hex quantity, which in ethereum/tests may carry leading zeros (`0x04a8…`).
fn loose_quantity(text: &str) -> U256 {
    let digits = text.trim_start_matches("0x");
    if digits.is_empty() {
        U256::ZERO
    } else {
        U256::from_str_radix(digits, 16).unwrap()
    }
}

#[test]
fn eip155_worked_example() {
    let doc = vectors();
    let ex = &doc["eip155_example"];
    let tx = LegacyTransaction {
        chain_id: Some(ChainId::new(ex["chain_id"].as_u64().unwrap()).unwrap()),
        nonce: ex["nonce"].as_u64().unwrap(),
        gas_price: u256_dec(&ex["gas_price"]),
        gas_limit: ex["gas_limit"].as_u64().unwrap(),
        to: Some(address(&ex["to"])),
        value: u256_dec(&ex["value"]),
        input: hex_bytes(&ex["data"]),
    };
    assert_eq!(tx.encode_unsigned(), hex_bytes(&ex["signing_data"]));
    assert_eq!(
        tx.signing_hash().to_string(),
        ex["signing_hash"].as_str().unwrap()
    );

    let secret = Secp256k1Secret::from_hex(ex["private_key"].as_str().unwrap()).unwrap();
    let sig = sign_prehash(&secret, &tx.signing_hash()).unwrap();
    assert_eq!(sig.legacy_v(tx.chain_id), ex["v"].as_u64().unwrap());
    assert_eq!(sig.r(), u256_dec(&ex["r"]));
    assert_eq!(sig.s(), u256_dec(&ex["s"]));
    let signed = tx.encode_signed(&sig);
    assert_eq!(signed, hex_bytes(&ex["signed"]));

    let decoded = TypedTransaction::decode(&signed).unwrap();
    assert_eq!(decoded.transaction(), &TypedTransaction::Legacy(tx.clone()));
    assert_eq!(decoded.signature(), &sig);
    assert_eq!(decoded.hash(), tx.hash(&sig));
    assert_eq!(decoded.recover_signer().unwrap(), secret.evm_address());
}

#[test]
fn eip1559_mainnet_transaction() {
    let doc = vectors();
    let ex = &doc["eip1559_mainnet"];
    let tx = Eip1559Transaction {
        chain_id: ChainId::new(ex["chain_id"].as_u64().unwrap()).unwrap(),
        nonce: ex["nonce"].as_u64().unwrap(),
        max_priority_fee_per_gas: parse_quantity(ex["max_priority_fee_per_gas"].as_str().unwrap()).unwrap(),
        max_fee_per_gas: parse_quantity(ex["max_fee_per_gas"].as_str().unwrap()).unwrap(),
        gas_limit: ex["gas_limit"].as_u64().unwrap(),
        to: Some(address(&ex["to"])),
        value: u256_dec(&ex["value"]),
        input: hex_bytes(&ex["input"]),
        access_list: vec![],
    };
    assert_eq!(
        tx.signing_hash().to_string(),
        ex["signing_hash"].as_str().unwrap()
    );
    let sig = Signature::new(
        loose_quantity(ex["r"].as_str().unwrap()),
        loose_quantity(ex["s"].as_str().unwrap()),
        ex["y_parity"].as_bool().unwrap(),
    )
    .unwrap();
    assert_eq!(tx.hash(&sig).to_string(), ex["hash"].as_str().unwrap());

    let raw = tx.encode_signed(&sig);
    let decoded = TypedTransaction::decode(&raw).unwrap();
    assert_eq!(decoded.transaction(), &TypedTransaction::Eip1559(tx));
    assert_eq!(decoded.hash().to_string(), ex["hash"].as_str().unwrap());
    assert_eq!(decoded.recover_signer().unwrap(), address(&ex["sender"]));
}

#[test]
fn published_valid_transactions_decode_to_their_hash_and_sender() {
    let doc = vectors();
    let valid = doc["valid"].as_array().unwrap();
    assert_eq!(valid.len(), 15);
    for case in valid {
        let name = case["name"].as_str().unwrap();
        let raw = hex_bytes(&case["raw"]);
        let signed = TypedTransaction::decode(&raw).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            signed.hash().to_string(),
            case["hash"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            signed.recover_signer().unwrap(),
            address(&case["sender"]),
            "{name}"
        );
        assert_eq!(
            u64::from(signed.transaction().tx_type().as_u8()),
            case["type"].as_u64().unwrap(),
            "{name}"
        );
        // Canonical input re-encodes to the same bytes.
        assert_eq!(signed.encode(), raw, "{name}");

        if let Some(fields) = case.get("fields") {
            let tx = signed.transaction();
            assert_eq!(
                U256::from(tx.nonce()),
                loose_quantity(fields["nonce"].as_str().unwrap()),
                "{name}"
            );
            assert_eq!(
                U256::from(tx.gas_limit()),
                loose_quantity(fields["gasLimit"].as_str().unwrap()),
                "{name}"
            );
            assert_eq!(
                tx.value(),
                loose_quantity(fields["value"].as_str().unwrap()),
                "{name}"
            );
            let data = fields["data"].as_str().unwrap();
            assert_eq!(
                tx.input(),
                hex::decode(data.trim_start_matches("0x")).unwrap(),
                "{name}"
            );
            let to = fields["to"].as_str().unwrap();
            assert_eq!(
                tx.to().map(|a| hex::encode(a.as_bytes())),
                (!to.is_empty()).then(|| to.to_owned())
            );
            assert_eq!(
                signed.signature().r(),
                loose_quantity(fields["r"].as_str().unwrap()),
                "{name}"
            );
            assert_eq!(
                signed.signature().s(),
                loose_quantity(fields["s"].as_str().unwrap()),
                "{name}"
            );
            let TypedTransaction::Legacy(legacy) = tx else {
                panic!("{name}")
            };
            assert_eq!(
                U256::from(signed.signature().legacy_v(legacy.chain_id)),
                loose_quantity(fields["v"].as_str().unwrap())
            );
        }
    }
}

#[test]
fn published_invalid_transactions_are_refused_for_the_right_reason() {
    let doc = vectors();
    for case in doc["invalid"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let result = TypedTransaction::decode(&hex_bytes(&case["raw"]));
        let expected = case["error"].as_str().unwrap();
        match (expected, &result) {
            ("rlp", Err(DecodeError::Rlp { .. }))
            | ("address_length", Err(DecodeError::AddressLength { .. }))
            | ("storage_key_length", Err(DecodeError::StorageKeyLength { .. }))
            | ("extra_fields", Err(DecodeError::ExtraFields))
            | ("signature", Err(DecodeError::Signature(_))) => {}
            ("none: chain 3", Ok(signed)) => {
                assert_eq!(signed.transaction().chain_id(), Some(ChainId::new(3).unwrap()));
            }
            _ => panic!("{name}: expected {expected}, got {result:?}"),
        }
    }
}

#[test]
fn refuses_malformed_envelopes() {
    assert_eq!(TypedTransaction::decode(&[]), Err(DecodeError::Empty));
    assert_eq!(
        TypedTransaction::decode(&[0x03, 0xc0]),
        Err(DecodeError::UnsupportedType { tx_type: 3 })
    );
    assert_eq!(
        TypedTransaction::decode(&[0x04, 0xc0]),
        Err(DecodeError::UnsupportedType { tx_type: 4 })
    );
    assert_eq!(
        TypedTransaction::decode(&[0x05]),
        Err(DecodeError::UnknownType { tx_type: 5 })
    );
    assert_eq!(
        TypedTransaction::decode(&[0x80]),
        Err(DecodeError::UnknownType { tx_type: 0x80 })
    );
    assert_eq!(
        Eip1559Transaction::decode(&[0x01, 0xc0]),
        Err(DecodeError::WrongType { tx_type: 1 })
    );
    assert_eq!(Eip2930Transaction::decode(&[]), Err(DecodeError::Empty));
    assert_eq!(
        TypedTransaction::decode(&[0x02]).map(|_| ()),
        Err(DecodeError::Rlp {
            field: "transaction",
            source: alloy_rlp::Error::InputTooShort
        })
    );
    assert_eq!(
        TypedTransaction::decode(&[0x02, 0xc0]),
        Err(DecodeError::MissingField { field: "chainId" })
    );
    assert_eq!(
        TypedTransaction::decode(&[0x01, 0xc1, 0x80]),
        Err(DecodeError::ChainId { value: 0 })
    );
}

fn sample(secret_byte: u8) -> (TypedTransaction, Signature, Vec<u8>) {
    let tx = TypedTransaction::Eip1559(Eip1559Transaction {
        chain_id: ChainId::new(10).unwrap(),
        nonce: 7,
        max_priority_fee_per_gas: U256::from(2u64),
        max_fee_per_gas: U256::from(300u64),
        gas_limit: 50_000,
        to: Some(Address::from_bytes([0x11; 20])),
        value: U256::from(12345u64),
        input: vec![1, 2, 3],
        access_list: vec![AccessListItem {
            address: Address::from_bytes([0x22; 20]),
            storage_keys: vec![B256::new([0x33; 32])],
        }],
    });
    let secret = Secp256k1Secret::from_bytes(&[secret_byte; 32]).unwrap();
    let sig = sign_prehash(&secret, &tx.signing_hash()).unwrap();
    let raw = tx.encode_signed(&sig);
    (tx, sig, raw)
}

#[test]
fn truncated_and_extended_input_is_refused_without_panicking() {
    let (_, _, raw) = sample(9);
    assert!(TypedTransaction::decode(&raw).is_ok());
    for len in 0..raw.len() {
        assert!(
            TypedTransaction::decode(&raw[..len]).is_err(),
            "prefix of {len} bytes"
        );
    }
    let mut longer = raw.clone();
    longer.push(0);
    assert_eq!(TypedTransaction::decode(&longer), Err(DecodeError::TrailingBytes));
    // Flipping any single byte never panics (it may still decode, to another sender).
    for i in 0..raw.len() {
        let mut flipped = raw.clone();
        flipped[i] ^= 0xff;
        let _ = TypedTransaction::decode(&flipped);
    }
}

#[test]
fn refuses_high_s_and_non_canonical_integers() {
    let (tx, sig, _) = sample(3);
    // The same signature in the upper half: n - s with the parity flipped.
    let n = U256::from_str_radix(
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
        16,
    )
    .unwrap();
    let high = Signature::new(sig.r(), n - sig.s(), !sig.y_parity()).unwrap();
    assert!(!high.is_low_s());
    assert_eq!(
        TypedTransaction::decode(&tx.encode_signed(&high)),
        Err(DecodeError::Signature(SignatureError::HighS))
    );

    // A nonce of 0 written as the single byte 0x00 instead of 0x80.
    let legacy = LegacyTransaction {
        chain_id: Some(ChainId::new(1).unwrap()),
        nonce: 0,
        gas_price: U256::from(1u64),
        gas_limit: 21_000,
        to: None,
        value: U256::ZERO,
        input: vec![],
    };
    let secret = Secp256k1Secret::from_bytes(&[5; 32]).unwrap();
    let sig = sign_prehash(&secret, &legacy.signing_hash()).unwrap();
    let mut raw = legacy.encode_signed(&sig);
    // Layout: list header (2 bytes: 0xf8 len), then the nonce byte 0x80.
    assert_eq!(raw[2], 0x80);
    raw[2] = 0x00;
    assert!(matches!(
        TypedTransaction::decode(&raw),
        Err(DecodeError::Rlp {
            field: "nonce",
            source: alloy_rlp::Error::LeadingZero
        })
    ));
}

fn arb_u256() -> impl Strategy<Value = U256> {
    (any::<[u64; 4]>(), 0usize..=256).prop_map(|(limbs, shift)| {
        if shift == 256 {
            U256::ZERO
        } else {
            U256::from_limbs(limbs) >> shift
        }
    })
}

fn arb_chain_id() -> impl Strategy<Value = ChainId> {
    prop_oneof![1u64..100, 1u64..=ChainId::MAX].prop_map(|id| ChainId::new(id).unwrap())
}

fn arb_to() -> impl Strategy<Value = Option<Address>> {
    proptest::option::of(any::<[u8; 20]>().prop_map(Address::from_bytes))
}

fn arb_access_list() -> impl Strategy<Value = Vec<AccessListItem>> {
    proptest::collection::vec(
        (
            any::<[u8; 20]>(),
            proptest::collection::vec(any::<[u8; 32]>(), 0..3),
        )
            .prop_map(|(a, keys)| AccessListItem {
                address: Address::from_bytes(a),
                storage_keys: keys.into_iter().map(B256::new).collect(),
            }),
        0..3,
    )
}

fn arb_input() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..120)
}

fn arb_tx() -> impl Strategy<Value = TypedTransaction> {
    let legacy = (
        proptest::option::of(arb_chain_id()),
        any::<u64>(),
        arb_u256(),
        any::<u64>(),
        arb_to(),
        arb_u256(),
        arb_input(),
    )
        .prop_map(|(chain_id, nonce, gas_price, gas_limit, to, value, input)| {
            TypedTransaction::Legacy(LegacyTransaction {
                chain_id,
                nonce,
                gas_price,
                gas_limit,
                to,
                value,
                input,
            })
        });
    let eip2930 = (
        arb_chain_id(),
        any::<u64>(),
        arb_u256(),
        any::<u64>(),
        arb_to(),
        arb_u256(),
        arb_input(),
        arb_access_list(),
    )
        .prop_map(
            |(chain_id, nonce, gas_price, gas_limit, to, value, input, access_list)| {
                TypedTransaction::Eip2930(Eip2930Transaction {
                    chain_id,
                    nonce,
                    gas_price,
                    gas_limit,
                    to,
                    value,
                    input,
                    access_list,
                })
            },
        );
    let eip1559 = (
        arb_chain_id(),
        any::<u64>(),
        (arb_u256(), arb_u256()),
        any::<u64>(),
        arb_to(),
        arb_u256(),
        arb_input(),
        arb_access_list(),
    )
        .prop_map(
            |(chain_id, nonce, (tip, cap), gas_limit, to, value, input, access_list)| {
                TypedTransaction::Eip1559(Eip1559Transaction {
                    chain_id,
                    nonce,
                    max_priority_fee_per_gas: tip,
                    max_fee_per_gas: cap,
                    gas_limit,
                    to,
                    value,
                    input,
                    access_list,
                })
            },
        );
    prop_oneof![legacy, eip2930, eip1559]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn encode_signed_then_decode_gives_the_same_transaction(tx in arb_tx(), key in any::<[u8; 32]>()) {
        let Ok(secret) = Secp256k1Secret::from_bytes(&key) else { return Ok(()) };
        let sig = sign_prehash(&secret, &tx.signing_hash()).unwrap();
        let raw = tx.encode_signed(&sig);
        let decoded = TypedTransaction::decode(&raw).unwrap();
        prop_assert_eq!(decoded.transaction(), &tx);
        prop_assert_eq!(decoded.signature(), &sig);
        prop_assert_eq!(decoded.hash(), tx.hash(&sig));
        prop_assert_eq!(decoded.encode(), raw);
        prop_assert_eq!(decoded.recover_signer().unwrap(), secret.evm_address());
        prop_assert_eq!(SignedTransaction::new(tx, sig), decoded);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = TypedTransaction::decode(&bytes);
    }
}
