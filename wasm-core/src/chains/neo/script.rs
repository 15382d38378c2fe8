//! A NeoVM script builder that emits byte for byte what neon-js's `ScriptBuilder` (and
//! `sc.createScript`) emits: the scripts dApps ask a wallet to sign.
//!
//! - Integers: `PUSHM1`/`PUSH0`..`PUSH16` for -1..16, otherwise `PUSHINT8/16/32/64/128/256`
//!   with the minimal two's-complement bytes padded (with the sign) to the next of those
//!   sizes (so 3 bytes become a `PUSHINT32`).
//! - Bytes and strings: `PUSHDATA1/2/4` by length; strings as UTF-8.
//! - Booleans `PUSHT`/`PUSHF`; null `PUSHNULL`.
//! - Arrays: the items pushed last to first, then the count, then `PACK`.
//! - Maps: for each entry in order the value then the key, then the count, then `PACKMAP`.
//! - A contract call: the arguments as an array (`NEWARRAY0` when there are none), the call
//!   flags, the method name, the contract hash (wire order), `SYSCALL System.Contract.Call`.
//!
//! Spec: <https://github.com/neo-project/neo-vm/blob/master/src/Neo.VM/OpCode.cs>,
//! `Neo.VM.ScriptBuilder` and `Neo.SmartContract.Helper`/`ScriptBuilderExtensions.EmitDynamicCall`
//! in <https://github.com/neo-project/neo>; neon-js `packages/neon-core/src/sc/ScriptBuilder.ts`

use super::hash::UInt160;
use super::integer::Integer;
use super::keys::PublicKey;
use super::param::ContractParameter;

/// NeoVM opcodes the builder emits.
#[allow(missing_docs)]
pub mod opcode {
    pub const PUSHINT8: u8 = 0x00;
    pub const PUSHINT16: u8 = 0x01;
    pub const PUSHINT32: u8 = 0x02;
    pub const PUSHINT64: u8 = 0x03;
    pub const PUSHINT128: u8 = 0x04;
    pub const PUSHINT256: u8 = 0x05;
    pub const PUSHT: u8 = 0x08;
    pub const PUSHF: u8 = 0x09;
    pub const PUSHNULL: u8 = 0x0b;
    pub const PUSHDATA1: u8 = 0x0c;
    pub const PUSHDATA2: u8 = 0x0d;
    pub const PUSHDATA4: u8 = 0x0e;
    pub const PUSHM1: u8 = 0x0f;
    pub const PUSH0: u8 = 0x10;
    pub const PUSH16: u8 = 0x20;
    pub const SYSCALL: u8 = 0x41;
    pub const PACKMAP: u8 = 0xbe;
    pub const PACK: u8 = 0xc0;
    pub const NEWARRAY0: u8 = 0xc2;
    pub const NEWMAP: u8 = 0xc8;
    pub const SETITEM: u8 = 0xd0;
}

/// Interop service hashes (first four bytes of SHA-256 of the name).
pub mod syscall {
    /// `System.Contract.Call`.
    pub const CONTRACT_CALL: [u8; 4] = [0x62, 0x7d, 0x5b, 0x52];
    /// `System.Crypto.CheckSig`.
    pub const CHECK_SIG: [u8; 4] = super::super::keys::CHECK_SIG;
    /// `System.Crypto.CheckMultisig`.
    pub const CHECK_MULTISIG: [u8; 4] = super::super::keys::CHECK_MULTISIG;
}

/// Why a script could not be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScriptError {
    /// Call flags outside `0x00..=0x0f`.
    #[error("call flags 0x{0:02x} are not valid (the flags are 0x00 to 0x0f)")]
    CallFlags(u8),
    /// A map key of a type NeoVM cannot use as a key.
    #[error(
        "a map key must be a String, Boolean, Integer, ByteArray, Hash160, Hash256 or PublicKey, not {0}"
    )]
    MapKeyType(&'static str),
    /// Data longer than `PUSHDATA4` can say.
    #[error("data of {0} bytes is too long to push")]
    DataTooLong(usize),
}

/// `System.Contract.Call` flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CallFlags(u8);

impl CallFlags {
    /// No flags.
    pub const NONE: Self = Self(0x00);
    /// `ReadStates`.
    pub const READ_STATES: Self = Self(0x01);
    /// `WriteStates`.
    pub const WRITE_STATES: Self = Self(0x02);
    /// `AllowCall`.
    pub const ALLOW_CALL: Self = Self(0x04);
    /// `AllowNotify`.
    pub const ALLOW_NOTIFY: Self = Self(0x08);
    /// `States` = ReadStates | WriteStates.
    pub const STATES: Self = Self(0x03);
    /// `ReadOnly` = ReadStates | AllowCall.
    pub const READ_ONLY: Self = Self(0x05);
    /// `All`: what dApps and neon-js use by default.
    pub const ALL: Self = Self(0x0f);

    /// Validates a flags byte.
    ///
    /// # Errors
    /// [`ScriptError::CallFlags`] above `0x0f`.
    pub fn new(bits: u8) -> Result<Self, ScriptError> {
        if bits > 0x0f {
            Err(ScriptError::CallFlags(bits))
        } else {
            Ok(Self(bits))
        }
    }

    /// The byte.
    pub const fn bits(self) -> u8 {
        self.0
    }
}

/// Builds a NeoVM script.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScriptBuilder {
    script: Vec<u8>,
}

impl ScriptBuilder {
    /// An empty script.
    pub fn new() -> Self {
        Self::default()
    }

    /// The script.
    pub fn into_bytes(self) -> Vec<u8> {
        self.script
    }

    /// The script so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.script
    }

    /// Appends an opcode.
    pub fn op(&mut self, op: u8) -> &mut Self {
        self.script.push(op);
        self
    }

    /// Appends raw bytes (another script).
    pub fn raw(&mut self, bytes: &[u8]) -> &mut Self {
        self.script.extend_from_slice(bytes);
        self
    }

    /// Pushes an integer.
    pub fn push_integer(&mut self, value: &Integer) -> &mut Self {
        if let Some(small) = value.to_i64().filter(|v| (-1..=16).contains(v)) {
            // -1..=16 maps onto PUSHM1 (0x0f) .. PUSH16 (0x20).
            let op = i64::from(opcode::PUSH0) + small;
            return self.op(u8::try_from(op).unwrap_or(opcode::PUSH0));
        }
        let twos = value.to_twos_le();
        let (op, size) = match twos.len() {
            0 | 1 => (opcode::PUSHINT8, 1),
            2 => (opcode::PUSHINT16, 2),
            3..=4 => (opcode::PUSHINT32, 4),
            5..=8 => (opcode::PUSHINT64, 8),
            9..=16 => (opcode::PUSHINT128, 16),
            _ => (opcode::PUSHINT256, 32),
        };
        let fill = if value.is_negative() { 0xff } else { 0x00 };
        self.script.push(op);
        self.script.extend_from_slice(twos);
        self.script
            .resize(self.script.len() + size - twos.len().min(size), fill);
        self
    }

    /// Pushes a small integer.
    pub fn push_int(&mut self, value: i64) -> &mut Self {
        self.push_integer(&Integer::from(value))
    }

    /// Pushes a boolean (`PUSHT`/`PUSHF`).
    pub fn push_bool(&mut self, value: bool) -> &mut Self {
        self.op(if value { opcode::PUSHT } else { opcode::PUSHF })
    }

    /// Pushes null.
    pub fn push_null(&mut self) -> &mut Self {
        self.op(opcode::PUSHNULL)
    }

    /// Pushes bytes with the shortest `PUSHDATA`.
    ///
    /// # Errors
    /// [`ScriptError::DataTooLong`] beyond 4 GiB (only possible on 64-bit hosts).
    pub fn push_data(&mut self, data: &[u8]) -> Result<&mut Self, ScriptError> {
        if let Ok(len) = u8::try_from(data.len()) {
            self.script.extend_from_slice(&[opcode::PUSHDATA1, len]);
        } else if let Ok(len) = u16::try_from(data.len()) {
            self.script.push(opcode::PUSHDATA2);
            self.script.extend_from_slice(&len.to_le_bytes());
        } else if let Ok(len) = u32::try_from(data.len()) {
            self.script.push(opcode::PUSHDATA4);
            self.script.extend_from_slice(&len.to_le_bytes());
        } else {
            return Err(ScriptError::DataTooLong(data.len()));
        }
        self.script.extend_from_slice(data);
        Ok(self)
    }

    /// Pushes a UTF-8 string.
    ///
    /// # Errors
    /// As [`ScriptBuilder::push_data`].
    pub fn push_string(&mut self, text: &str) -> Result<&mut Self, ScriptError> {
        self.push_data(text.as_bytes())
    }

    /// Pushes a compressed public key.
    pub fn push_public_key(&mut self, key: &PublicKey) -> &mut Self {
        self.script.extend_from_slice(&[opcode::PUSHDATA1, 33]);
        self.script.extend_from_slice(&key.to_compressed());
        self
    }

    /// Appends `SYSCALL <hash>`.
    pub fn syscall(&mut self, service: [u8; 4]) -> &mut Self {
        self.script.push(opcode::SYSCALL);
        self.script.extend_from_slice(&service);
        self
    }

    /// Pushes a contract parameter.
    ///
    /// # Errors
    /// [`ScriptError::MapKeyType`] for a map with a key NeoVM cannot use, or
    /// [`ScriptError::DataTooLong`].
    pub fn push_param(&mut self, param: &ContractParameter) -> Result<&mut Self, ScriptError> {
        match param {
            ContractParameter::Any(None) => {
                self.push_null();
            }
            ContractParameter::Any(Some(bytes)) | ContractParameter::ByteArray(bytes) => {
                self.push_data(bytes)?;
            }
            ContractParameter::Boolean(value) => {
                self.push_bool(*value);
            }
            ContractParameter::Integer(value) => {
                self.push_integer(value);
            }
            ContractParameter::String(text) => {
                self.push_string(text)?;
            }
            ContractParameter::Hash160(hash) => {
                self.push_data(hash.wire_bytes())?;
            }
            ContractParameter::Hash256(hash) => {
                self.push_data(hash.wire_bytes())?;
            }
            ContractParameter::PublicKey(key) => {
                self.push_public_key(key);
            }
            ContractParameter::Array(items) => {
                for item in items.iter().rev() {
                    self.push_param(item)?;
                }
                self.push_int(i64::try_from(items.len()).unwrap_or(i64::MAX))
                    .op(opcode::PACK);
            }
            ContractParameter::Map(entries) => {
                for (key, value) in entries {
                    if !key.is_map_key() {
                        return Err(ScriptError::MapKeyType(key.type_name()));
                    }
                    self.push_param(value)?;
                    self.push_param(key)?;
                }
                self.push_int(i64::try_from(entries.len()).unwrap_or(i64::MAX))
                    .op(opcode::PACKMAP);
            }
        }
        Ok(self)
    }

    /// Appends a `System.Contract.Call` of `method` on `contract` with `args`, exactly as
    /// neon-js `emitContractCall` / `createScript` does.
    ///
    /// # Errors
    /// As [`ScriptBuilder::push_param`].
    pub fn contract_call(
        &mut self,
        contract: &UInt160,
        method: &str,
        args: &[ContractParameter],
        flags: CallFlags,
    ) -> Result<&mut Self, ScriptError> {
        if args.is_empty() {
            self.op(opcode::NEWARRAY0);
        } else {
            for arg in args.iter().rev() {
                self.push_param(arg)?;
            }
            self.push_int(i64::try_from(args.len()).unwrap_or(i64::MAX))
                .op(opcode::PACK);
        }
        self.push_int(i64::from(flags.bits()));
        self.push_string(method)?;
        self.push_data(contract.wire_bytes())?;
        Ok(self.syscall(syscall::CONTRACT_CALL))
    }
}

/// The script of a NEP-17 `transfer(from, to, amount, data)` call with `CallFlags.All`.
///
/// # Errors
/// As [`ScriptBuilder::push_param`] (only for an unusable `data`).
pub fn nep17_transfer(
    token: &UInt160,
    from: &UInt160,
    to: &UInt160,
    amount: &Integer,
    data: &ContractParameter,
) -> Result<Vec<u8>, ScriptError> {
    let args = [
        ContractParameter::Hash160(*from),
        ContractParameter::Hash160(*to),
        ContractParameter::Integer(amount.clone()),
        data.clone(),
    ];
    let mut builder = ScriptBuilder::new();
    builder.contract_call(token, "transfer", &args, CallFlags::ALL)?;
    Ok(builder.into_bytes())
}
