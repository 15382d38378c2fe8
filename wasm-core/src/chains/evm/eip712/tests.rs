use serde_json::{Value, json};

use super::*;
use crate::chains::evm::quantity::parse_data;
use crate::chains::evm::signer::{Signature, recover_address, sign_prehash};
use crate::keyring::Secp256k1Secret;

const VECTORS: &str = include_str!("../../../../../testdata/evm/eip712.json");

fn vectors() -> Value {
    serde_json::from_str(VECTORS).unwrap()
}

fn versions(spec: &str) -> Vec<Eip712Version> {
    match spec {
        "V3" => vec![Eip712Version::V3],
        "V4" => vec![Eip712Version::V4],
        _ => vec![Eip712Version::V3, Eip712Version::V4],
    }
}

fn sig_key(version: Eip712Version) -> &'static str {
    match version {
        Eip712Version::V3 => "v3_signature",
        Eip712Version::V4 => "v4_signature",
    }
}

fn signature_hex(secret: &Secp256k1Secret, hash: &B256) -> String {
    format!(
        "0x{}",
        hex::encode(sign_prehash(secret, hash).unwrap().to_rsv_bytes())
    )
}

#[test]
fn the_eip_example() {
    let doc = vectors();
    let ex = &doc["eip_example"];
    let data = TypedData::from_value(&ex["typed_data"]).unwrap();
    let types = data.types();
    assert_eq!(
        types.encode_type("Mail").unwrap(),
        ex["encode_type"].as_str().unwrap()
    );
    assert_eq!(
        types.type_hash("Mail").unwrap().to_string(),
        ex["type_hash"].as_str().unwrap()
    );
    let message = Value::Object(data.message().unwrap().clone());
    for version in versions("both") {
        assert_eq!(
            format!(
                "0x{}",
                hex::encode(types.encode_data("Mail", &message, version).unwrap())
            ),
            ex["encode_data"].as_str().unwrap()
        );
        assert_eq!(
            data.message_hash(version).unwrap().unwrap().to_string(),
            ex["message_hash"].as_str().unwrap()
        );
        assert_eq!(
            data.domain_separator(version).unwrap().to_string(),
            ex["domain_separator"].as_str().unwrap()
        );
        assert_eq!(
            data.signing_hash(version).unwrap().to_string(),
            ex["signing_hash"].as_str().unwrap()
        );
    }
    assert_eq!(data.domain_chain_id(), Ok(Some(U256::from(1u64))));

    let key = keccak256(ex["key_preimage"].as_str().unwrap());
    let secret = Secp256k1Secret::from_bytes(key.as_bytes()).unwrap();
    assert_eq!(
        secret.evm_address().to_lowercase_hex(),
        ex["address"].as_str().unwrap()
    );
    let hash = data.signing_hash(Eip712Version::V4).unwrap();
    let sig = sign_prehash(&secret, &hash).unwrap();
    assert_eq!(u64::from(sig.to_rsv_bytes()[64]), ex["v"].as_u64().unwrap());
    assert_eq!(
        format!("0x{}", hex::encode(sig.r().to_be_bytes::<32>())),
        ex["r"].as_str().unwrap()
    );
    assert_eq!(
        format!("0x{}", hex::encode(sig.s().to_be_bytes::<32>())),
        ex["s"].as_str().unwrap()
    );
    assert_eq!(recover_address(&hash, &sig).unwrap(), secret.evm_address());
}

#[test]
fn the_eip_example_with_an_http_origin_domain_field() {
    let doc = vectors();
    let ex = &doc["eip_example_http_origin"];
    let data = TypedData::from_value(&ex["typed_data"]).unwrap();
    let hash = data.signing_hash(Eip712Version::V4).unwrap();
    assert_eq!(hash.to_string(), ex["signing_hash"].as_str().unwrap());
    assert_eq!(
        data.message_hash(Eip712Version::V4).unwrap().unwrap().to_string(),
        ex["message_hash"].as_str().unwrap()
    );
    let secret = Secp256k1Secret::from_bytes(keccak256("cow").as_bytes()).unwrap();
    let sig = sign_prehash(&secret, &hash).unwrap();
    let expected = format!(
        "{}{}{:02x}",
        ex["r"].as_str().unwrap(),
        &ex["s"].as_str().unwrap()[2..],
        ex["v"].as_u64().unwrap()
    );
    assert_eq!(format!("0x{}", hex::encode(sig.to_rsv_bytes())), expected);
}

#[test]
fn eth_sig_util_eip712_hash_and_signatures() {
    let doc = vectors();
    let doc = &doc["eth_sig_util"];
    let secret = Secp256k1Secret::from_hex(doc["key"].as_str().unwrap()).unwrap();
    let cases = doc["eip712_hash"].as_array().unwrap();
    assert_eq!(cases.len(), 6);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let data = TypedData::from_value(&case["data"]).unwrap_or_else(|e| panic!("{name}: {e}"));
        for version in versions("both") {
            let hash = data
                .signing_hash(version)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                hex::encode(hash.as_bytes()),
                case["hash"].as_str().unwrap(),
                "{name}"
            );
            if let Some(expected) = case.get(sig_key(version)) {
                assert_eq!(
                    signature_hex(&secret, &hash),
                    expected.as_str().unwrap(),
                    "{name}"
                );
            }
        }
    }
}

fn wrapped(types: &Value, primary: &str, message: &Value) -> TypedData {
    let mut all = types.as_object().unwrap().clone();
    all.insert("EIP712Domain".into(), json!([]));
    TypedData::from_value(&json!({"types": all, "primaryType": primary, "domain": {}, "message": message}))
        .unwrap()
}

#[test]
fn eth_sig_util_encode_data_v3_v4_differences() {
    let doc = vectors();
    let doc = &doc["eth_sig_util"];
    let secret = Secp256k1Secret::from_hex(doc["key"].as_str().unwrap()).unwrap();
    let cases = doc["encode_data"].as_array().unwrap();
    assert_eq!(cases.len(), 11);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let types = Eip712Types::from_value(&case["types"]).unwrap();
        let primary = case["primaryType"].as_str().unwrap();
        for version in versions(case["version"].as_str().unwrap()) {
            let encoded = types
                .encode_data(primary, &case["message"], version)
                .unwrap_or_else(|e| panic!("{name} {version:?}: {e}"));
            assert_eq!(
                hex::encode(encoded),
                case["encoded"].as_str().unwrap(),
                "{name} {version:?}"
            );
            let data = wrapped(&case["types"], primary, &case["message"]);
            let hash = data.signing_hash(version).unwrap();
            assert_eq!(
                signature_hex(&secret, &hash),
                case[sig_key(version)].as_str().unwrap(),
                "{name} {version:?}"
            );
        }
    }
}

#[test]
fn eth_sig_util_example_data() {
    let doc = vectors();
    let doc = &doc["eth_sig_util"];
    let secret = Secp256k1Secret::from_hex(doc["key"].as_str().unwrap()).unwrap();
    let cases = doc["example_data"].as_array().unwrap();
    assert_eq!(cases.len(), 25);
    for case in cases {
        let ty = case["type"].as_str().unwrap();
        let types_json = json!({"Message": [{"name": "data", "type": ty}]});
        let types = Eip712Types::from_value(&types_json).unwrap();
        let message = json!({"data": case["input"]});
        for version in versions("both") {
            let encoded = types.encode_data("Message", &message, version).unwrap();
            assert_eq!(
                hex::encode(encoded),
                case["encoded"].as_str().unwrap(),
                "{ty} {}",
                case["input"]
            );
            if let Some(expected) = case.get("signature") {
                let hash = wrapped(&types_json, "Message", &message)
                    .signing_hash(version)
                    .unwrap();
                assert_eq!(signature_hex(&secret, &hash), expected.as_str().unwrap(), "{ty}");
            }
        }
    }
    let arrays = doc["example_arrays_v4"].as_array().unwrap();
    assert_eq!(arrays.len(), 3);
    for case in arrays {
        let ty = case["type"].as_str().unwrap();
        let types_json = json!({"Message": [{"name": "data", "type": ty}]});
        let types = Eip712Types::from_value(&types_json).unwrap();
        let message = json!({"data": case["input"]});
        let encoded = types.encode_data("Message", &message, Eip712Version::V4).unwrap();
        assert_eq!(hex::encode(encoded), case["encoded"].as_str().unwrap(), "{ty}");
        assert_eq!(
            types.encode_data("Message", &message, Eip712Version::V3),
            Err(TypedDataError::ArraysNeedV4 {
                path: "message.data".into()
            })
        );
        if let Some(expected) = case.get("signature") {
            let hash = wrapped(&types_json, "Message", &message)
                .signing_hash(Eip712Version::V4)
                .unwrap();
            assert_eq!(signature_hex(&secret, &hash), expected.as_str().unwrap(), "{ty}");
        }
    }
}

fn one_field(ty: &str, value: Value, version: Eip712Version) -> Result<Vec<u8>, TypedDataError> {
    let types = Eip712Types::from_value(
        &json!({"Inner": [{"name": "x", "type": "uint8"}], "M": [{"name": "a", "type": ty}]}),
    )?;
    types.encode_data("M", &json!({ "a": value }), version)
}

fn missing_field(ty: &str, version: Eip712Version) -> Result<Vec<u8>, TypedDataError> {
    let types = Eip712Types::from_value(
        &json!({"Inner": [{"name": "x", "type": "uint8"}], "M": [{"name": "a", "type": ty}]}),
    )?;
    types.encode_data("M", &json!({}), version)
}

fn last_word(encoded: &[u8]) -> &[u8] {
    &encoded[encoded.len() - 32..]
}

#[test]
fn null_and_missing_values_follow_eth_sig_util() {
    use Eip712Version::{V3, V4};
    for version in [V3, V4] {
        // `null` bool is false; `null` string is the empty string; in both versions.
        assert_eq!(
            last_word(&one_field("bool", Value::Null, version).unwrap()),
            [0; 32]
        );
        assert_eq!(
            last_word(&one_field("string", Value::Null, version).unwrap()),
            keccak256([]).as_bytes()
        );
        // `null` for other atomic types is an error.
        for ty in ["bytes", "bytes4", "address", "uint8", "int8"] {
            assert!(one_field(ty, Value::Null, version).is_err(), "{ty} {version:?}");
        }
    }
    // V3: a missing field is left out, whatever its type (arrays too).
    for ty in [
        "bool", "string", "bytes", "bytes4", "address", "uint8", "int8", "Inner", "uint8[]", "Inner[]",
    ] {
        assert_eq!(missing_field(ty, V3).unwrap().len(), 32, "{ty}");
    }
    // V3: `null` struct is an error; a present array, even `null`, is an error.
    assert!(matches!(
        one_field("Inner", Value::Null, V3),
        Err(TypedDataError::WrongValueType { .. })
    ));
    assert!(matches!(
        one_field("uint8[]", Value::Null, V3),
        Err(TypedDataError::ArraysNeedV4 { .. })
    ));
    // V4: missing or `null` struct is a zero word; missing anything else is an error.
    assert_eq!(last_word(&one_field("Inner", Value::Null, V4).unwrap()), [0; 32]);
    assert_eq!(last_word(&missing_field("Inner", V4).unwrap()), [0; 32]);
    for ty in [
        "bool", "string", "bytes", "bytes4", "address", "uint8", "int8", "uint8[]", "Inner[]",
    ] {
        assert_eq!(
            missing_field(ty, V4),
            Err(TypedDataError::MissingValue {
                path: "message.a".into(),
                field_type: ty.into()
            })
        );
    }
    // V4: a `null` array is an error; `null` struct items are zero words.
    assert!(matches!(
        one_field("uint8[]", Value::Null, V4),
        Err(TypedDataError::WrongValueType { .. })
    ));
    let with_null_item = one_field("Inner[]", json!([null]), V4).unwrap();
    assert_eq!(last_word(&with_null_item), keccak256([0u8; 32]).as_bytes());
}

#[test]
fn integer_edges_and_formats() {
    use Eip712Version::V4;
    let word = |ty: &str, v: Value| one_field(ty, v, V4).map(|e| last_word(&e).to_vec());
    let max = |bits: usize| max_for_bits(bits);
    for bits in (8..=256).step_by(8) {
        let uint = format!("uint{bits}");
        let int = format!("int{bits}");
        assert_eq!(
            word(&uint, json!(max(bits).to_string())).unwrap(),
            max(bits).to_be_bytes::<32>()
        );
        assert_eq!(
            word(&uint, json!(format!("{:#x}", max(bits)))).unwrap(),
            max(bits).to_be_bytes::<32>()
        );
        if bits < 256 {
            let above = (max(bits) + U256::from(1u64)).to_string();
            assert!(
                matches!(word(&uint, json!(above)), Err(TypedDataError::OutOfRange { .. })),
                "{uint}"
            );
        }
        assert!(matches!(
            word(&uint, json!("-1")),
            Err(TypedDataError::OutOfRange { .. })
        ));
        let half = U256::from(1u64) << (bits - 1);
        // int min: -2^(bits-1), sign-extended.
        let min_word = U256::ZERO.wrapping_sub(half).to_be_bytes::<32>();
        assert_eq!(word(&int, json!(format!("-{half}"))).unwrap(), min_word, "{int}");
        assert_eq!(
            word(&int, json!((half - U256::from(1u64)).to_string())).unwrap(),
            (half - U256::from(1u64)).to_be_bytes::<32>()
        );
        assert!(
            matches!(
                word(&int, json!(half.to_string())),
                Err(TypedDataError::OutOfRange { .. })
            ),
            "{int}"
        );
        assert!(matches!(
            word(&int, json!(format!("-{}", half + U256::from(1u64)))),
            Err(TypedDataError::OutOfRange { .. })
        ));
        assert_eq!(word(&int, json!(-1)).unwrap(), [0xff; 32]);
    }
    assert_eq!(word("uint256", json!("0")).unwrap(), [0; 32]);
    assert_eq!(word("uint256", json!("-0")).unwrap(), [0; 32]);
    assert_eq!(word("uint256", json!("0X10")).unwrap()[31], 16);
    assert_eq!(word("uint256", json!("007")).unwrap()[31], 7);
    assert_eq!(
        word("uint256", json!(9_007_199_254_740_991u64)).unwrap()[25..],
        [0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
    );
    for bad in [
        json!(9_007_199_254_740_992u64),
        json!(1.5),
        json!(1e3),
        json!(""),
        json!(" 1"),
        json!("1 "),
        json!("0x"),
        json!("-0x1"),
        json!("1e3"),
        json!("+1"),
        json!("1_000"),
    ] {
        assert!(
            matches!(
                word("uint256", bad.clone()),
                Err(TypedDataError::InvalidNumber { .. })
            ),
            "{bad}"
        );
    }
    assert!(matches!(
        word("uint256", json!(true)),
        Err(TypedDataError::WrongValueType { .. })
    ));
    assert!(matches!(
        word("uint256", json!(format!("0x1{}", "0".repeat(64)))),
        Err(TypedDataError::OutOfRange { .. })
    ));
}

#[test]
fn other_atomic_values() {
    use Eip712Version::V4;
    let word = |ty: &str, v: Value| one_field(ty, v, V4).map(|e| last_word(&e).to_vec());
    assert_eq!(word("bytes4", json!("0x01020304")).unwrap()[..5], [1, 2, 3, 4, 0]);
    assert_eq!(word("bytes4", json!("0x0102")).unwrap()[..5], [1, 2, 0, 0, 0]);
    assert_eq!(word("bytes32", json!("0x")).unwrap(), [0; 32]);
    assert!(matches!(
        word("bytes4", json!("0x0102030405")),
        Err(TypedDataError::WrongLength {
            expected: 4,
            found: 5,
            ..
        })
    ));
    assert!(matches!(
        word("bytes4", json!("0x123")),
        Err(TypedDataError::InvalidHex {
            source: HexError::OddLength,
            ..
        })
    ));
    assert!(matches!(
        word("bytes4", json!(1)),
        Err(TypedDataError::WrongValueType { .. })
    ));
    assert!(matches!(
        word("bytes", json!("hello")),
        Err(TypedDataError::InvalidHex { .. })
    ));
    assert_eq!(word("bytes", json!("0x")).unwrap(), keccak256([]).as_bytes());
    // Any case, no checksum enforced (eth-sig-util's own vectors have a bad checksum).
    let address = word("address", json!("0xDD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")).unwrap();
    assert_eq!(
        address[12..],
        parse_data("0xdd2a3d9f938e13cd947ec05abc7fe734df8dd826").unwrap()
    );
    assert!(matches!(
        word("address", json!("0x0")),
        Err(TypedDataError::InvalidHex { .. })
    ));
    assert!(matches!(
        word("address", json!("0x00")),
        Err(TypedDataError::WrongLength {
            expected: 20,
            found: 1,
            ..
        })
    ));
    assert!(matches!(
        word("address", json!("bBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB")),
        Err(TypedDataError::InvalidHex { .. })
    ));
    assert!(matches!(
        word("address", json!(10)),
        Err(TypedDataError::WrongValueType { .. })
    ));
    assert!(matches!(
        word("bool", json!("false")),
        Err(TypedDataError::WrongValueType { .. })
    ));
    assert!(matches!(
        word("bool", json!(0)),
        Err(TypedDataError::WrongValueType { .. })
    ));
    assert!(matches!(
        word("string", json!(10)),
        Err(TypedDataError::WrongValueType { .. })
    ));
}

#[test]
fn arrays_nest_and_fixed_lengths_are_checked() {
    use Eip712Version::V4;
    let nested = one_field("uint8[][]", json!([[1, 2], [3]]), V4).unwrap();
    let word = |n: u8| {
        let mut w = [0u8; 32];
        w[31] = n;
        w
    };
    let inner1 = keccak256([word(1), word(2)].concat());
    let inner2 = keccak256(word(3));
    assert_eq!(
        last_word(&nested),
        keccak256([*inner1.as_bytes(), *inner2.as_bytes()].concat()).as_bytes()
    );
    assert!(one_field("uint8[2][]", json!([[1, 2], [3, 4]]), V4).is_ok());
    assert_eq!(
        one_field("uint8[2][]", json!([[1, 2], [3]]), V4),
        Err(TypedDataError::WrongLength {
            path: "message.a[1]".into(),
            expected: 2,
            found: 1,
            unit: "items"
        })
    );
    assert_eq!(
        one_field("uint8[3]", json!([1, 2]), V4),
        Err(TypedDataError::WrongLength {
            path: "message.a".into(),
            expected: 3,
            found: 2,
            unit: "items"
        })
    );
    assert!(
        matches!(one_field("uint8[]", json!([1, 300]), V4), Err(TypedDataError::OutOfRange { path, .. }) if path == "message.a[1]")
    );
    assert_eq!(
        last_word(&one_field("uint8[]", json!([]), V4).unwrap()),
        keccak256([]).as_bytes()
    );
}

#[test]
fn encode_type_sorts_referenced_structs() {
    let types = Eip712Types::from_value(&json!({
        "Z": [{"name": "a", "type": "b_[]"}, {"name": "c", "type": "A"}],
        "A": [{"name": "z", "type": "Z"}],
        "b_": [{"name": "x", "type": "B"}],
        "B": [],
        "Unused": [{"name": "q", "type": "bool"}]
    }))
    .unwrap();
    // Byte order: upper case before `_`, before lower case; cycles end; unused types left out.
    assert_eq!(types.encode_type("Z").unwrap(), "Z(b_[] a,A c)A(Z z)B()b_(B x)");
    assert_eq!(types.encode_type("B").unwrap(), "B()");
    assert_eq!(types.encode_type("EIP712Domain").unwrap(), "EIP712Domain()");
}

#[test]
fn refuses_malformed_typed_data() {
    let parse = |v: Value| TypedData::from_value(&v);
    let ok_types = json!({"EIP712Domain": [], "M": [{"name": "a", "type": "uint8"}]});
    let with_types =
        |types: Value| parse(json!({"types": types, "primaryType": "M", "domain": {}, "message": {"a": 1}}));

    assert_eq!(
        TypedData::from_json("{"),
        Err(TypedDataError::InvalidJson { line: 1, column: 1 })
    );
    assert_eq!(
        parse(json!([])),
        Err(TypedDataError::NotAnObject { what: "typed data" })
    );
    assert_eq!(
        parse(json!({"primaryType": "M"})),
        Err(TypedDataError::MissingTypes)
    );
    assert_eq!(
        parse(json!({"types": [], "primaryType": "M"})),
        Err(TypedDataError::NotAnObject { what: "types" })
    );
    assert_eq!(
        parse(json!({"types": ok_types})),
        Err(TypedDataError::MissingPrimaryType)
    );
    assert_eq!(
        parse(json!({"types": ok_types, "primaryType": 1})),
        Err(TypedDataError::MissingPrimaryType)
    );
    assert_eq!(
        parse(json!({"types": ok_types, "primaryType": "Nope"})),
        Err(TypedDataError::UnknownPrimaryType {
            primary_type: "Nope".into()
        })
    );
    assert_eq!(
        parse(json!({"types": ok_types, "primaryType": "M", "domain": "x"})),
        Err(TypedDataError::NotAnObject { what: "domain" })
    );
    assert_eq!(
        parse(json!({"types": ok_types, "primaryType": "M", "message": [1]})),
        Err(TypedDataError::NotAnObject { what: "message" })
    );
    assert_eq!(
        with_types(json!({"M": {}})),
        Err(TypedDataError::TypeDefinition {
            type_name: "M".into()
        })
    );
    assert_eq!(
        with_types(json!({"M": [{"name": "a"}]})),
        Err(TypedDataError::TypeDefinition {
            type_name: "M".into()
        })
    );
    assert_eq!(
        with_types(json!({"M": [{"type": "bool"}]})),
        Err(TypedDataError::TypeDefinition {
            type_name: "M".into()
        })
    );
    assert_eq!(
        with_types(json!({"M": [], "Bad Name": []})),
        Err(TypedDataError::InvalidTypeName {
            type_name: "Bad Name".into()
        })
    );
    assert_eq!(
        with_types(json!({"M": [], "1M": []})),
        Err(TypedDataError::InvalidTypeName {
            type_name: "1M".into()
        })
    );
    assert_eq!(
        with_types(json!({"M": [], "uint256": []})),
        Err(TypedDataError::AtomicTypeName {
            type_name: "uint256".into()
        })
    );
    assert_eq!(
        with_types(json!({"M": [{"name": "a b", "type": "bool"}]})),
        Err(TypedDataError::InvalidFieldName {
            type_name: "M".into(),
            field: "a b".into()
        })
    );
    assert_eq!(
        with_types(json!({"M": [{"name": "a", "type": "bool"}, {"name": "a", "type": "bool"}]})),
        Err(TypedDataError::DuplicateField {
            type_name: "M".into(),
            field: "a".into()
        })
    );
    for unknown in [
        "foo",
        "function",
        "uint",
        "int",
        "uint7",
        "uint264",
        "bytes0",
        "bytes33",
        "bytes01",
        "fixed128x18",
        "Foo[]",
        "uint256 ",
        "M]",
        "[]",
    ] {
        assert_eq!(
            with_types(json!({"M": [{"name": "a", "type": unknown}]})),
            Err(TypedDataError::UnknownType {
                type_name: "M".into(),
                field: "a".into(),
                field_type: unknown.into()
            }),
            "{unknown}"
        );
    }
    for bad_length in ["uint8[0]", "uint8[01]", "uint8[x]", "uint8[-1]", "uint8[1 ]"] {
        assert_eq!(
            with_types(json!({"M": [{"name": "a", "type": bad_length}]})),
            Err(TypedDataError::InvalidArrayLength {
                type_name: "M".into(),
                field: "a".into(),
                field_type: bad_length.into()
            }),
            "{bad_length}"
        );
    }
    assert_eq!(
        with_types(json!({"M": [], "S": [], "EIP712Domain": [{"name": "s", "type": "S"}]})),
        Err(TypedDataError::DomainReferencesStruct { field: "s".into() })
    );

    let domain_fields = json!({"EIP712Domain": [{"name": "chainId", "type": "uint256"}], "M": [{"name": "a", "type": "uint8"}]});
    let no_domain = parse(json!({"types": domain_fields, "primaryType": "M", "message": {"a": 1}})).unwrap();
    assert_eq!(
        no_domain.signing_hash(Eip712Version::V4),
        Err(TypedDataError::MissingDomain)
    );
    let no_message =
        parse(json!({"types": domain_fields, "primaryType": "M", "domain": {"chainId": 1}})).unwrap();
    assert_eq!(
        no_message.signing_hash(Eip712Version::V4),
        Err(TypedDataError::MissingMessage)
    );
    let bad_domain = parse(
        json!({"types": domain_fields, "primaryType": "M", "domain": {"chainId": "x"}, "message": {"a": 1}}),
    )
    .unwrap();
    assert_eq!(
        bad_domain.signing_hash(Eip712Version::V4),
        Err(TypedDataError::InvalidNumber {
            path: "domain.chainId".into()
        })
    );
}

#[test]
fn reads_the_domain_chain_id() {
    let with_domain = |domain: Value| {
        TypedData::from_value(
            &json!({"types": {"M": []}, "primaryType": "M", "domain": domain, "message": {}}),
        )
        .unwrap()
    };
    assert_eq!(with_domain(json!({})).domain_chain_id(), Ok(None));
    assert_eq!(with_domain(json!({"chainId": null})).domain_chain_id(), Ok(None));
    assert_eq!(
        with_domain(json!({"chainId": 137})).domain_chain_id(),
        Ok(Some(U256::from(137u64)))
    );
    assert_eq!(
        with_domain(json!({"chainId": "137"})).domain_chain_id(),
        Ok(Some(U256::from(137u64)))
    );
    assert_eq!(
        with_domain(json!({"chainId": "0x89"})).domain_chain_id(),
        Ok(Some(U256::from(137u64)))
    );
    assert!(with_domain(json!({"chainId": "-1"})).domain_chain_id().is_err());
    assert!(
        with_domain(json!({"chainId": "mainnet"}))
            .domain_chain_id()
            .is_err()
    );
    assert!(with_domain(json!({"chainId": 1.5})).domain_chain_id().is_err());
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let types = Eip712Types::from_value(&json!({"Node": [{"name": "next", "type": "Node"}]})).unwrap();
    let mut value = json!({});
    for _ in 0..(MAX_DEPTH + 5) {
        value = json!({ "next": value });
    }
    assert!(matches!(
        types.encode_data("Node", &value, Eip712Version::V4),
        Err(TypedDataError::TooDeep { .. })
    ));
    let mut shallow = json!({});
    for _ in 0..10 {
        shallow = json!({ "next": shallow });
    }
    assert!(types.encode_data("Node", &shallow, Eip712Version::V4).is_ok());
    // V3 leaves the innermost missing `next` out.
    assert!(types.encode_data("Node", &shallow, Eip712Version::V3).is_ok());
}

#[test]
fn a_signature_over_typed_data_recovers_the_signer() {
    let data = TypedData::from_value(&vectors()["eip_example"]["typed_data"]).unwrap();
    let secret = Secp256k1Secret::from_bytes(&[7; 32]).unwrap();
    let hash = data.signing_hash(Eip712Version::V4).unwrap();
    let sig = sign_prehash(&secret, &hash).unwrap();
    let parsed = Signature::from_rsv_bytes(&sig.to_rsv_bytes()).unwrap();
    assert_eq!(recover_address(&hash, &parsed).unwrap(), secret.evm_address());
}
