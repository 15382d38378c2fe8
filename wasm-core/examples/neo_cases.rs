//! Writes seeded random NEO N3 cases as JSON lines, for the differential test against
//! `@cityofzion/neon-core` in `tests/neo/`:
//!
//! ```sh
//! cargo run -q -p formica-core --example neo_cases -- --seed 1 --count 1000 > target/neo-cases.jsonl
//! ```
//!
//! `--count` transactions (random signers, scopes, witness rules, attributes and contract-call
//! scripts, signed), and with them about `count / 2` NeoLine signMessage answers and
//! `count / 4` multisig contexts. The private keys are random test keys.

use std::error::Error;
use std::io::Write;

use formica_core::chains::neo::message::{MessageFormat, sign_message};
use formica_core::chains::neo::multisig::{ContractParametersContext, MultisigAccount};
use formica_core::chains::neo::script::{CallFlags, ScriptBuilder, nep17_transfer};
use formica_core::chains::neo::transaction::{
    OracleResponseCode, Signer, Transaction, TransactionAttribute, WitnessCondition, WitnessRule,
    WitnessRuleAction, WitnessScope,
};
use formica_core::chains::neo::witness::witness_for;
use formica_core::chains::neo::{
    ContractParameter, Integer, NetworkMagic, PrivateKey, PublicKey, UInt160, UInt256,
};
use serde_json::{Value, json};

/// splitmix64: small, seedable, good enough to pick test cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next().to_le_bytes()[0]).collect()
    }

    fn array<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        out.copy_from_slice(&self.bytes(N));
        out
    }

    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.array())
    }
}

const CHARS: [&str; 12] = ["a", "Z", "0", " ", "-", "é", "ß", "小", "蚁", "🐜", "\"", "\n"];

fn text(rng: &mut Rng, max: usize) -> String {
    let len = rng.below(max + 1);
    (0..len).map(|_| CHARS[rng.below(CHARS.len())]).collect()
}

fn integer(rng: &mut Rng) -> Integer {
    match rng.below(6) {
        0 => Integer::from(i64::try_from(rng.below(18)).unwrap_or(0) - 1),
        1 => Integer::from(i64::from(i8::from_le_bytes(rng.array()))),
        2 => Integer::from(i64::from(i16::from_le_bytes(rng.array()))),
        3 => Integer::from(i64::from(i32::from_le_bytes(rng.array()))),
        4 => Integer::from(i64::from_le_bytes(rng.array())),
        _ => {
            let len = 1 + rng.below(32);
            Integer::from_twos_le(&rng.bytes(len)).unwrap_or_default()
        }
    }
}

fn primitive(rng: &mut Rng, keys: &[PublicKey]) -> ContractParameter {
    match rng.below(7) {
        0 => ContractParameter::Boolean(rng.chance(50)),
        1 => ContractParameter::Integer(integer(rng)),
        2 => {
            let len = if rng.chance(10) {
                250 + rng.below(100)
            } else {
                rng.below(40)
            };
            ContractParameter::ByteArray(rng.bytes(len))
        }
        3 => ContractParameter::String(text(rng, 30)),
        4 => ContractParameter::Hash160(UInt160::from_wire_bytes(rng.array())),
        5 => ContractParameter::Hash256(UInt256::from_wire_bytes(rng.array())),
        _ => ContractParameter::PublicKey(keys[rng.below(keys.len())]),
    }
}

fn param(rng: &mut Rng, keys: &[PublicKey], depth: usize) -> ContractParameter {
    match rng.below(if depth < 3 { 12 } else { 9 }) {
        0 => ContractParameter::Any(None),
        1 => {
            let len = rng.below(20);
            ContractParameter::Any(Some(rng.bytes(len)))
        }
        2..=8 => primitive(rng, keys),
        9 | 10 => {
            let n = rng.below(4);
            ContractParameter::Array((0..n).map(|_| param(rng, keys, depth + 1)).collect())
        }
        _ => {
            let n = rng.below(4);
            ContractParameter::Map(
                (0..n)
                    .map(|_| (primitive(rng, keys), param(rng, keys, depth + 1)))
                    .collect(),
            )
        }
    }
}

fn condition(rng: &mut Rng, keys: &[PublicKey], depth: usize) -> WitnessCondition {
    let compound = if depth < 3 { 4 } else { 0 };
    match rng.below(5 + compound) {
        0 => WitnessCondition::Boolean(rng.chance(50)),
        1 => WitnessCondition::ScriptHash(UInt160::from_wire_bytes(rng.array())),
        2 => WitnessCondition::Group(keys[rng.below(keys.len())]),
        3 => WitnessCondition::CalledByEntry,
        4 => {
            if rng.chance(50) {
                WitnessCondition::CalledByContract(UInt160::from_wire_bytes(rng.array()))
            } else {
                WitnessCondition::CalledByGroup(keys[rng.below(keys.len())])
            }
        }
        5 => WitnessCondition::Not(Box::new(condition(rng, keys, depth + 1))),
        6 | 7 => {
            let n = 1 + rng.below(3);
            let items = (0..n).map(|_| condition(rng, keys, depth + 1)).collect();
            if rng.chance(50) {
                WitnessCondition::And(items)
            } else {
                WitnessCondition::Or(items)
            }
        }
        _ => WitnessCondition::Boolean(true),
    }
}

fn signer(rng: &mut Rng, account: UInt160, keys: &[PublicKey]) -> Signer {
    let scopes = match rng.below(8) {
        0 => WitnessScope::NONE,
        1 => WitnessScope::CALLED_BY_ENTRY,
        2 => WitnessScope::GLOBAL,
        _ => {
            let mut bits = 0u8;
            for bit in [0x01u8, 0x10, 0x20, 0x40] {
                if rng.chance(50) {
                    bits |= bit;
                }
            }
            WitnessScope::new(bits).unwrap_or(WitnessScope::CALLED_BY_ENTRY)
        }
    };
    let mut s = Signer::new(account, scopes);
    if scopes.contains(WitnessScope::CUSTOM_CONTRACTS) {
        s.allowed_contracts = (0..rng.below(4))
            .map(|_| UInt160::from_wire_bytes(rng.array()))
            .collect();
    }
    if scopes.contains(WitnessScope::CUSTOM_GROUPS) {
        s.allowed_groups = (0..rng.below(4)).map(|_| keys[rng.below(keys.len())]).collect();
    }
    if scopes.contains(WitnessScope::WITNESS_RULES) {
        s.rules = (0..1 + rng.below(3))
            .map(|_| WitnessRule {
                action: if rng.chance(50) {
                    WitnessRuleAction::Allow
                } else {
                    WitnessRuleAction::Deny
                },
                condition: condition(rng, keys, 1),
            })
            .collect();
    }
    s
}

fn attributes(rng: &mut Rng, room: usize) -> Vec<TransactionAttribute> {
    let mut out: Vec<TransactionAttribute> = Vec::new();
    for _ in 0..rng.below(4).min(room) {
        let candidate = match rng.below(5) {
            0 => TransactionAttribute::HighPriority,
            1 => TransactionAttribute::NotValidBefore { height: rng.u32() },
            2 => TransactionAttribute::Conflicts {
                hash: UInt256::from_wire_bytes(rng.array()),
            },
            3 => TransactionAttribute::NotaryAssisted {
                nkeys: rng.array::<1>()[0],
            },
            _ => {
                let success = rng.chance(60);
                TransactionAttribute::OracleResponse {
                    id: rng.next() >> 12,
                    code: if success {
                        OracleResponseCode::SUCCESS
                    } else {
                        OracleResponseCode::new(0x14).unwrap_or(OracleResponseCode::SUCCESS)
                    },
                    result: if success {
                        let len = rng.below(40);
                        rng.bytes(len)
                    } else {
                        Vec::new()
                    },
                }
            }
        };
        let repeatable = matches!(candidate, TransactionAttribute::Conflicts { .. });
        if repeatable || !out.iter().any(|a| a.type_byte() == candidate.type_byte()) {
            out.push(candidate);
        }
    }
    out
}

fn network(rng: &mut Rng) -> NetworkMagic {
    match rng.below(3) {
        0 => NetworkMagic::MAINNET,
        1 => NetworkMagic::TESTNET,
        _ => NetworkMagic::new(rng.u32()),
    }
}

/// A script of 1..=3 calls, and the calls as neon-js `createScript` takes them.
fn script(rng: &mut Rng, keys: &[PublicKey]) -> Result<(Vec<u8>, Vec<Value>), Box<dyn Error>> {
    let mut bytes = Vec::new();
    let mut calls = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let contract = UInt160::from_wire_bytes(rng.array());
        let (operation, args, flags) = if rng.chance(20) {
            let data = param(rng, keys, 1);
            let args = vec![
                ContractParameter::Hash160(UInt160::from_wire_bytes(rng.array())),
                ContractParameter::Hash160(UInt160::from_wire_bytes(rng.array())),
                ContractParameter::Integer(integer(rng)),
                data,
            ];
            if let [
                ContractParameter::Hash160(from),
                ContractParameter::Hash160(to),
                ContractParameter::Integer(amount),
                data,
            ] = args.as_slice()
            {
                bytes.extend(nep17_transfer(&contract, from, to, amount, data)?);
            }
            ("transfer".to_owned(), args, CallFlags::ALL)
        } else {
            let operation = ["balanceOf", "symbol", "mint", "vote", "onNEP17Payment"][rng.below(5)]
                .to_owned()
                + &text(rng, 3).replace(['"', '\n'], "");
            let args: Vec<ContractParameter> = (0..rng.below(6)).map(|_| param(rng, keys, 1)).collect();
            let flags = CallFlags::new(u8::try_from(rng.below(16))?)?;
            let mut b = ScriptBuilder::new();
            b.contract_call(&contract, &operation, &args, flags)?;
            bytes.extend(b.into_bytes());
            (operation, args, flags)
        };
        calls.push(json!({
            "scriptHash": contract.to_neon_hex(),
            "operation": operation,
            "args": args.iter().map(ContractParameter::to_json).collect::<Vec<_>>(),
            "callFlags": flags.bits(),
        }));
    }
    Ok((bytes, calls))
}

/// What the approval's script reader makes of `script`: the calls, with each argument as the
/// parameter it most likely was.
fn decoded(script: &[u8]) -> Result<Value, Box<dyn Error>> {
    let calls = formica_core::chains::neo::disassemble::contract_calls(script)?;
    Ok(Value::Array(
        calls
            .iter()
            .map(|call| {
                json!({
                    "scriptHash": call.contract.to_neon_hex(),
                    "operation": call.method,
                    "callFlags": call.flags.bits(),
                    "args": call.args.iter().map(|a| a.to_parameter().to_json()).collect::<Vec<_>>(),
                })
            })
            .collect(),
    ))
}

fn key_json(key: &PrivateKey) -> Value {
    json!({"privateKey": hex::encode(*key.to_bytes()), "publicKey": key.public_key().to_string()})
}

fn transaction_case(
    rng: &mut Rng,
    pool: &[PrivateKey],
    publics: &[PublicKey],
) -> Result<Value, Box<dyn Error>> {
    let mut chosen: Vec<usize> = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let i = rng.below(pool.len());
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    let (script, calls) = script(rng, publics)?;
    let signers: Vec<Signer> = chosen
        .iter()
        .map(|&i| signer(rng, publics[i].script_hash(), publics))
        .collect();
    let attributes = attributes(rng, 16 - signers.len());
    let mut tx = Transaction {
        version: 0,
        nonce: rng.u32(),
        system_fee: i64::try_from(rng.next() >> 24)?,
        network_fee: i64::try_from(rng.next() >> 30)?,
        valid_until_block: rng.u32(),
        signers,
        attributes,
        script,
        witnesses: Vec::new(),
    };
    tx.validate()?;
    let network = network(rng);
    for &i in &chosen {
        tx.put_witness(witness_for(&tx, network, &pool[i]))?;
    }
    let hex = hex::encode(tx.encode());
    // Our own decoder must give the same transaction back.
    if Transaction::decode(&tx.encode())? != tx {
        return Err("decode(encode(tx)) != tx".into());
    }
    Ok(json!({
        "kind": "tx",
        "network": network.get(),
        "hex": hex,
        "hash": tx.hash().to_neon_hex(),
        "script": hex::encode(&tx.script),
        "calls": calls,
        "decoded": decoded(&tx.script)?,
        "keys": chosen.iter().map(|&i| key_json(&pool[i])).collect::<Vec<_>>(),
        "json": tx.to_json(),
    }))
}

fn message_case(rng: &mut Rng, pool: &[PrivateKey]) -> Value {
    let key = &pool[rng.below(pool.len())];
    let format = if rng.chance(50) {
        MessageFormat::V1
    } else {
        MessageFormat::V2
    };
    let salt: Option<[u8; 16]> = if rng.chance(70) { Some(rng.array()) } else { None };
    let message = if rng.chance(10) {
        text(rng, 300)
    } else {
        text(rng, 40)
    };
    let signed = sign_message(key, format, &message, salt.as_ref());
    json!({
        "kind": "message",
        "format": if format == MessageFormat::V1 { "V1" } else { "V2" },
        "key": key_json(key),
        "signed": signed,
    })
}

fn multisig_case(rng: &mut Rng, pool: &[PrivateKey], publics: &[PublicKey]) -> Result<Value, Box<dyn Error>> {
    let mut members: Vec<usize> = Vec::new();
    let n = 1 + rng.below(5);
    while members.len() < n {
        let i = rng.below(pool.len());
        if !members.contains(&i) {
            members.push(i);
        }
    }
    let m = 1 + rng.below(n);
    let keys: Vec<PublicKey> = members.iter().map(|&i| publics[i]).collect();
    let account = MultisigAccount::new(m, &keys)?;
    let script = account.verification_script();
    let mut signers = vec![Signer::new(account.script_hash(), WitnessScope::CALLED_BY_ENTRY)];
    let single = pool.len() - 1 - rng.below(2);
    let extra_signer = rng.chance(50) && !members.contains(&single);
    if extra_signer {
        signers.push(Signer::new(
            publics[single].script_hash(),
            WitnessScope::CALLED_BY_ENTRY,
        ));
    }
    let (tx_script, _) = script_for_multisig(rng, publics)?;
    let tx = Transaction {
        version: 0,
        nonce: rng.u32(),
        system_fee: i64::try_from(rng.next() >> 24)?,
        network_fee: i64::try_from(rng.next() >> 30)?,
        valid_until_block: rng.u32(),
        signers,
        attributes: Vec::new(),
        script: tx_script,
        witnesses: Vec::new(),
    };
    let network = network(rng);
    let mut context = ContractParametersContext::new(tx, network);
    // m of the n members sign, in a random order.
    let mut order = members.clone();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut partial = None;
    for (k, &i) in order.iter().take(m).enumerate() {
        context.sign(&script, &pool[i])?;
        if k == 0 {
            partial = Some(context.to_json());
        }
    }
    if extra_signer {
        context.sign(&publics[single].verification_script(), &pool[single])?;
    }
    let round_trip = ContractParametersContext::from_json(&context.to_json())?;
    if round_trip.witnesses()? != context.witnesses()? {
        return Err("context JSON round trip changed the witnesses".into());
    }
    let signed = context.signed_transaction()?;
    Ok(json!({
        "kind": "multisig",
        "network": network.get(),
        "threshold": m,
        "keys": account.keys().iter().map(ToString::to_string).collect::<Vec<_>>(),
        "script": hex::encode(&script),
        "address": account.address().to_string(),
        "partialContext": partial,
        "context": context.to_json(),
        "hex": hex::encode(signed.encode()),
    }))
}

fn script_for_multisig(
    rng: &mut Rng,
    publics: &[PublicKey],
) -> Result<(Vec<u8>, Vec<Value>), Box<dyn Error>> {
    script(rng, publics)
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str, default: u64| -> Result<u64, Box<dyn Error>> {
        match args.iter().position(|a| a == name) {
            Some(i) => Ok(args.get(i + 1).ok_or(format!("{name} needs a value"))?.parse()?),
            None => Ok(default),
        }
    };
    let seed = flag("--seed", 1)?;
    let count = usize::try_from(flag("--count", 1000)?)?;
    let mut rng = Rng(seed);
    let mut pool = Vec::new();
    while pool.len() < 12 {
        if let Ok(key) = PrivateKey::from_bytes(&rng.array()) {
            pool.push(key);
        }
    }
    let publics: Vec<PublicKey> = pool.iter().map(PrivateKey::public_key).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for i in 0..count {
        writeln!(out, "{}", transaction_case(&mut rng, &pool, &publics)?)?;
        if i % 2 == 0 {
            writeln!(out, "{}", message_case(&mut rng, &pool))?;
        }
        if i % 4 == 0 {
            writeln!(out, "{}", multisig_case(&mut rng, &pool, &publics)?)?;
        }
    }
    out.flush()?;
    Ok(())
}
