//! Reads a NeoVM script back into the contract calls it makes, so an approval can show what a
//! transaction a dApp built elsewhere (`signTransaction`, a multisig context) will do.
//!
//! Only the shape that script builders emit is read — neon-js `sc.createScript`, neo-go's
//! `smartcontract.CreateCallScript`, Neo's `ScriptBuilder.EmitDynamicCall`, and
//! [`ScriptBuilder`](super::ScriptBuilder): pushes of constants (`PUSHINT*`, `PUSHT`/`PUSHF`,
//! `PUSHNULL`, `PUSHDATA*`, `PUSHM1`..`PUSH16`), arrays and maps built from them (`PACK`,
//! `PACKMAP`, `NEWARRAY0`, `NEWMAP`), then `SYSCALL System.Contract.Call`; each call may be
//! followed by `ASSERT` (NEP-21's `abortOnFail`) or `DROP`. Anything else — jumps, a call
//! whose argument is another call's result, leftover values — is not a plain list of calls,
//! and the whole script is refused as undecoded rather than shown in part: an approval must
//! never show a friendly summary of a script that does more than the summary says.
//!
//! A script has no types: 20 pushed bytes may be a `Hash160` or a `ByteArray`. Values are
//! therefore read as [`PushedValue`]s, and [`PushedValue::to_parameter`] gives the most likely
//! [`ContractParameter`] for display (20 bytes a `Hash160`, a valid compressed key a
//! `PublicKey`, printable UTF-8 a `String`).
//!
//! Spec: <https://github.com/neo-project/neo-vm/blob/master/src/Neo.VM/OpCode.cs> (opcodes and
//! operands), `PACK`/`PACKMAP` in `Neo.VM/JumpTable/JumpTable.Compound.cs`.

use super::hash::{UInt160, UInt256};
use super::integer::Integer;
use super::keys::PublicKey;
use super::param::ContractParameter;
use super::script::{CallFlags, opcode, syscall};

/// `ASSERT`: faults unless the top item is true.
pub const ASSERT: u8 = 0x39;
/// `DROP`: removes the top item.
pub const DROP: u8 = 0x45;

/// A value a script pushed, as NeoVM sees it (no parameter types).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PushedValue {
    /// `PUSHNULL`.
    Null,
    /// `PUSHT` / `PUSHF`.
    Boolean(bool),
    /// An integer push.
    Integer(Integer),
    /// A `PUSHDATA*`.
    Bytes(Vec<u8>),
    /// `PACK` / `NEWARRAY0`, items in array order.
    Array(Vec<PushedValue>),
    /// `PACKMAP` / `NEWMAP`, entries in the order NeoVM inserts them: `PACKMAP` takes the top
    /// pair first, so a map neon-js pushed first entry first reads back last entry first (Neo's
    /// own `ScriptBuilder` pushes in reverse and reads back in order).
    Map(Vec<(PushedValue, PushedValue)>),
}

impl PushedValue {
    /// The contract parameter this value most likely was.
    pub fn to_parameter(&self) -> ContractParameter {
        match self {
            Self::Null => ContractParameter::Any(None),
            Self::Boolean(b) => ContractParameter::Boolean(*b),
            Self::Integer(i) => ContractParameter::Integer(i.clone()),
            Self::Bytes(bytes) => bytes_parameter(bytes),
            Self::Array(items) => ContractParameter::Array(items.iter().map(Self::to_parameter).collect()),
            Self::Map(entries) => ContractParameter::Map(
                entries
                    .iter()
                    .map(|(k, v)| (k.to_parameter(), v.to_parameter()))
                    .collect(),
            ),
        }
    }

    /// The bytes, if this is a data push.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Self::Bytes(bytes) => Some(bytes),
            _ => None,
        }
    }

    /// The 20 bytes as a script hash (wire order), if this is a 20-byte push.
    pub fn as_hash160(&self) -> Option<UInt160> {
        let bytes: [u8; 20] = self.as_bytes()?.try_into().ok()?;
        Some(UInt160::from_wire_bytes(bytes))
    }
}

fn bytes_parameter(bytes: &[u8]) -> ContractParameter {
    if let Ok(hash) = <[u8; 20]>::try_from(bytes) {
        return ContractParameter::Hash160(UInt160::from_wire_bytes(hash));
    }
    if let Ok(hash) = <[u8; 32]>::try_from(bytes)
        && std::str::from_utf8(bytes).is_err()
    {
        return ContractParameter::Hash256(UInt256::from_wire_bytes(hash));
    }
    if bytes.len() == 33
        && let Ok(key) = PublicKey::from_sec1(bytes)
    {
        return ContractParameter::PublicKey(key);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.is_empty() && !text.chars().any(char::is_control) => {
            ContractParameter::String(text.to_owned())
        }
        _ => ContractParameter::ByteArray(bytes.to_vec()),
    }
}

/// One `System.Contract.Call` of a script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptCall {
    /// The contract called.
    pub contract: UInt160,
    /// The method name.
    pub method: String,
    /// The arguments, in order.
    pub args: Vec<PushedValue>,
    /// The call flags.
    pub flags: CallFlags,
    /// Followed by `ASSERT`: the script faults unless the call returned true.
    pub asserted: bool,
}

/// Why a script is not a plain list of contract calls. `offset` is the byte the reader
/// stopped at.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UndecodedScript {
    /// An opcode outside the shape script builders emit.
    #[error("opcode 0x{opcode:02x} at byte {offset} is not part of a plain contract call")]
    Opcode {
        /// Where.
        offset: usize,
        /// The opcode.
        opcode: u8,
    },
    /// A syscall other than `System.Contract.Call`.
    #[error("syscall {service} at byte {offset} is not System.Contract.Call")]
    Syscall {
        /// Where.
        offset: usize,
        /// The service hash, hex.
        service: String,
    },
    /// The script ends inside an instruction.
    #[error("the script ends inside the instruction at byte {offset}")]
    Truncated {
        /// Where.
        offset: usize,
    },
    /// An instruction takes values the script did not push (or a call's result).
    #[error("the instruction at byte {offset} uses values the script did not push")]
    Operands {
        /// Where.
        offset: usize,
    },
    /// Values are left over that no call used.
    #[error("the script pushes values that no contract call uses")]
    Leftover,
    /// The script calls nothing.
    #[error("the script calls no contract")]
    Empty,
}

/// An item on the reader's stack: a pushed value, or what a call returned.
enum Item {
    Value(PushedValue),
    CallResult,
}

/// Reads `script` into its contract calls, in order.
///
/// # Errors
/// [`UndecodedScript`] unless the whole script is contract calls of pushed constants.
pub fn contract_calls(script: &[u8]) -> Result<Vec<ScriptCall>, UndecodedScript> {
    let mut stack: Vec<Item> = Vec::new();
    let mut calls: Vec<ScriptCall> = Vec::new();
    let mut at = 0usize;
    while at < script.len() {
        let offset = at;
        let op = script[at];
        at += 1;
        let operand = |at: &mut usize, len: usize| -> Result<&[u8], UndecodedScript> {
            let end = at.checked_add(len).filter(|end| *end <= script.len());
            let end = end.ok_or(UndecodedScript::Truncated { offset })?;
            let bytes = &script[*at..end];
            *at = end;
            Ok(bytes)
        };
        let operands = || UndecodedScript::Operands { offset };
        match op {
            opcode::PUSHINT8..=opcode::PUSHINT256 => {
                let bytes = operand(&mut at, 1 << op)?;
                let value = Integer::from_twos_le(bytes).map_err(|_| operands())?;
                stack.push(Item::Value(PushedValue::Integer(value)));
            }
            opcode::PUSHT | opcode::PUSHF => {
                stack.push(Item::Value(PushedValue::Boolean(op == opcode::PUSHT)))
            }
            opcode::PUSHNULL => stack.push(Item::Value(PushedValue::Null)),
            opcode::PUSHDATA1 | opcode::PUSHDATA2 | opcode::PUSHDATA4 => {
                let width = 1usize << (op - opcode::PUSHDATA1);
                let len = operand(&mut at, width)?;
                let mut le = [0u8; 4];
                le[..width].copy_from_slice(len);
                let len = usize::try_from(u32::from_le_bytes(le))
                    .map_err(|_| UndecodedScript::Truncated { offset })?;
                let data = operand(&mut at, len)?.to_vec();
                stack.push(Item::Value(PushedValue::Bytes(data)));
            }
            opcode::PUSHM1..=opcode::PUSH16 => {
                let value = i64::from(op) - i64::from(opcode::PUSH0);
                stack.push(Item::Value(PushedValue::Integer(Integer::from(value))));
            }
            opcode::NEWARRAY0 => stack.push(Item::Value(PushedValue::Array(Vec::new()))),
            opcode::NEWMAP => stack.push(Item::Value(PushedValue::Map(Vec::new()))),
            opcode::PACK | opcode::PACKMAP => {
                let count = pop_count(&mut stack).ok_or_else(operands)?;
                let per = if op == opcode::PACK { 1 } else { 2 };
                if count.checked_mul(per).is_none_or(|n| n > stack.len()) {
                    return Err(operands());
                }
                let value = if op == opcode::PACK {
                    // The top item is the array's first.
                    let items = (0..count)
                        .map(|_| pop_value(&mut stack))
                        .collect::<Option<Vec<_>>>()
                        .ok_or_else(operands)?;
                    PushedValue::Array(items)
                } else {
                    // PACKMAP pops a key then its value, `count` times, inserting in that order.
                    let entries = (0..count)
                        .map(|_| Some((pop_value(&mut stack)?, pop_value(&mut stack)?)))
                        .collect::<Option<Vec<_>>>()
                        .ok_or_else(operands)?;
                    PushedValue::Map(entries)
                };
                stack.push(Item::Value(value));
            }
            opcode::SYSCALL => {
                let service = operand(&mut at, 4)?;
                if service != syscall::CONTRACT_CALL {
                    return Err(UndecodedScript::Syscall {
                        offset,
                        service: hex::encode(service),
                    });
                }
                let contract = pop_value(&mut stack)
                    .and_then(|v| v.as_hash160())
                    .ok_or_else(operands)?;
                let method = match pop_value(&mut stack) {
                    Some(PushedValue::Bytes(bytes)) => String::from_utf8(bytes).map_err(|_| operands())?,
                    _ => return Err(operands()),
                };
                let flags = match pop_value(&mut stack) {
                    Some(PushedValue::Integer(i)) => i
                        .to_i64()
                        .and_then(|f| u8::try_from(f).ok())
                        .and_then(|f| CallFlags::new(f).ok())
                        .ok_or_else(operands)?,
                    _ => return Err(operands()),
                };
                let args = match pop_value(&mut stack) {
                    Some(PushedValue::Array(args)) => args,
                    _ => return Err(operands()),
                };
                calls.push(ScriptCall {
                    contract,
                    method,
                    args,
                    flags,
                    asserted: false,
                });
                stack.push(Item::CallResult);
            }
            ASSERT | DROP => {
                if !matches!(stack.pop(), Some(Item::CallResult)) {
                    return Err(operands());
                }
                if op == ASSERT
                    && let Some(last) = calls.last_mut()
                {
                    last.asserted = true;
                }
            }
            other => {
                return Err(UndecodedScript::Opcode {
                    offset,
                    opcode: other,
                });
            }
        }
    }
    if stack.iter().any(|item| matches!(item, Item::Value(_))) {
        return Err(UndecodedScript::Leftover);
    }
    if calls.is_empty() {
        return Err(UndecodedScript::Empty);
    }
    Ok(calls)
}

fn pop_value(stack: &mut Vec<Item>) -> Option<PushedValue> {
    match stack.pop()? {
        Item::Value(value) => Some(value),
        Item::CallResult => None,
    }
}

fn pop_count(stack: &mut Vec<Item>) -> Option<usize> {
    match pop_value(stack)? {
        PushedValue::Integer(n) => usize::try_from(n.to_i64()?).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chains::neo::ScriptBuilder;
    use crate::chains::neo::script::nep17_transfer;

    fn hash(byte: u8) -> UInt160 {
        UInt160::from_wire_bytes([byte; 20])
    }

    #[test]
    fn reads_a_nep17_transfer() {
        let amount: Integer = "1200000000".parse().unwrap();
        let script = nep17_transfer(
            &hash(1),
            &hash(2),
            &hash(3),
            &amount,
            &ContractParameter::Any(None),
        )
        .unwrap();
        let calls = contract_calls(&script).unwrap();
        assert_eq!(calls.len(), 1);
        let call = &calls[0];
        assert_eq!(call.contract, hash(1));
        assert_eq!(call.method, "transfer");
        assert_eq!(call.flags, CallFlags::ALL);
        assert!(!call.asserted);
        assert_eq!(
            call.args,
            vec![
                PushedValue::Bytes(vec![2; 20]),
                PushedValue::Bytes(vec![3; 20]),
                PushedValue::Integer(amount),
                PushedValue::Null,
            ]
        );
    }

    #[test]
    fn reads_every_parameter_shape_back() {
        let key = PublicKey::from_sec1(
            &hex::decode("02208aea0068c429a03316e37be0e3e8e21e6cda5442df4c5914a19b3a9b6de375").unwrap(),
        )
        .unwrap();
        let args = vec![
            ContractParameter::Integer((-1i64).into()),
            ContractParameter::Integer("-170141183460469231731687303715884105728".parse().unwrap()),
            ContractParameter::Boolean(true),
            ContractParameter::Boolean(false),
            ContractParameter::String("hello 你好".into()),
            ContractParameter::Hash160(hash(9)),
            ContractParameter::PublicKey(key),
            ContractParameter::ByteArray(vec![0, 1, 2, 255]),
            ContractParameter::ByteArray(vec![7; 300]),
            ContractParameter::Any(None),
            ContractParameter::Array(vec![]),
            ContractParameter::Array(vec![
                ContractParameter::Integer(5i64.into()),
                ContractParameter::Array(vec![ContractParameter::String("deep".into())]),
            ]),
            ContractParameter::Map(vec![
                (
                    ContractParameter::String("a".into()),
                    ContractParameter::Integer(1i64.into()),
                ),
                (
                    ContractParameter::String("b".into()),
                    ContractParameter::Boolean(false),
                ),
            ]),
        ];
        let mut builder = ScriptBuilder::new();
        builder
            .contract_call(&hash(4), "doIt", &args, CallFlags::READ_ONLY)
            .unwrap();
        builder
            .contract_call(&hash(5), "noArgs", &[], CallFlags::ALL)
            .unwrap();
        let calls = contract_calls(builder.as_bytes()).unwrap();
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].flags, CallFlags::READ_ONLY);
        let back: Vec<ContractParameter> = calls[0].args.iter().map(PushedValue::to_parameter).collect();
        // Our builder pushes maps as neon-js does, so they read back in NeoVM's (reversed) order.
        let mut expected = args.clone();
        if let Some(ContractParameter::Map(entries)) = expected.last_mut() {
            entries.reverse();
        }
        assert_eq!(back, expected);
        assert_eq!((calls[1].contract, calls[1].method.as_str()), (hash(5), "noArgs"));
        assert!(calls[1].args.is_empty());
    }

    #[test]
    fn reads_assert_and_drop_after_calls() {
        let mut builder = ScriptBuilder::new();
        builder.contract_call(&hash(1), "a", &[], CallFlags::ALL).unwrap();
        builder.op(ASSERT);
        builder.contract_call(&hash(2), "b", &[], CallFlags::ALL).unwrap();
        builder.op(DROP);
        let calls = contract_calls(builder.as_bytes()).unwrap();
        assert!(calls[0].asserted);
        assert!(!calls[1].asserted);
    }

    #[test]
    fn refuses_anything_more_than_calls() {
        let mut call = ScriptBuilder::new();
        call.contract_call(&hash(1), "a", &[], CallFlags::ALL).unwrap();
        let call = call.into_bytes();
        // A jump after the call.
        let mut jumped = call.clone();
        jumped.extend_from_slice(&[0x22, 0x02]);
        assert!(matches!(
            contract_calls(&jumped),
            Err(UndecodedScript::Opcode { opcode: 0x22, .. })
        ));
        // Another syscall (System.Runtime.CheckWitness).
        let mut other = vec![opcode::PUSHNULL, opcode::SYSCALL, 0xf8, 0x27, 0xec, 0x8c];
        other.extend_from_slice(&call);
        assert!(matches!(
            contract_calls(&other),
            Err(UndecodedScript::Syscall { .. })
        ));
        // A value no call uses.
        let mut leftover = vec![opcode::PUSHT];
        leftover.extend_from_slice(&call);
        assert_eq!(contract_calls(&leftover), Err(UndecodedScript::Leftover));
        // A call's result used as another call's argument.
        let mut piped = call.clone();
        piped.extend_from_slice(&[0x11, opcode::PACK]);
        assert_eq!(
            contract_calls(&piped),
            Err(UndecodedScript::Operands {
                offset: call.len() + 1
            })
        );
        // ASSERT with nothing to assert.
        assert!(matches!(
            contract_calls(&[ASSERT]),
            Err(UndecodedScript::Operands { .. })
        ));
        // Truncated pushes.
        assert_eq!(
            contract_calls(&[opcode::PUSHDATA1, 5, 1]),
            Err(UndecodedScript::Truncated { offset: 0 })
        );
        assert_eq!(
            contract_calls(&[opcode::PUSHINT64, 1]),
            Err(UndecodedScript::Truncated { offset: 0 })
        );
        assert_eq!(
            contract_calls(&[opcode::PUSHDATA4, 0xff, 0xff, 0xff, 0xff]),
            Err(UndecodedScript::Truncated { offset: 0 })
        );
        // PACK of more items than pushed, of a negative count.
        assert!(contract_calls(&[opcode::PUSHT, 0x12, opcode::PACK]).is_err());
        assert!(contract_calls(&[opcode::PUSHM1, opcode::PACK]).is_err());
        // Nothing called.
        assert_eq!(contract_calls(&[]), Err(UndecodedScript::Empty));
        // A call with a 19-byte contract hash, or a non-array argument list.
        let mut short = ScriptBuilder::new();
        short.op(opcode::NEWARRAY0).push_int(15).push_string("a").unwrap();
        short.push_data(&[1; 19]).unwrap().syscall(syscall::CONTRACT_CALL);
        assert!(contract_calls(short.as_bytes()).is_err());
        let mut flat = ScriptBuilder::new();
        flat.push_int(1).push_int(15).push_string("a").unwrap();
        flat.push_data(&[1; 20]).unwrap().syscall(syscall::CONTRACT_CALL);
        assert!(contract_calls(flat.as_bytes()).is_err());
    }

    #[test]
    fn never_panics_on_random_bytes() {
        // A cheap fuzz (cargo-fuzz runs the real one): every prefix and bit flip of a valid
        // script, and arbitrary bytes, answer Ok or Err.
        let mut builder = ScriptBuilder::new();
        builder
            .contract_call(
                &hash(1),
                "m",
                &[
                    ContractParameter::Map(vec![(
                        ContractParameter::Integer(1i64.into()),
                        ContractParameter::Any(None),
                    )]),
                    ContractParameter::ByteArray(vec![1; 70_000]),
                ],
                CallFlags::ALL,
            )
            .unwrap();
        let script = builder.into_bytes();
        for end in (0..script.len())
            .step_by(97)
            .chain(script.len() - 40..script.len())
        {
            let _ = contract_calls(&script[..end]);
        }
        for i in 0..200 {
            let mut flipped = script.clone();
            flipped[i % 60] ^= 1 << (i % 8);
            let _ = contract_calls(&flipped);
        }
        let mut state = 0x1234_5678_u32;
        for _ in 0..2000 {
            let bytes: Vec<u8> = (0..(state % 40))
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    state.to_le_bytes()[0]
                })
                .collect();
            let _ = contract_calls(&bytes);
        }
    }
}
