//! N3 transactions: binary encoding (with bounds-checked decoding), hash, signing data and the
//! JSON that neon-js `Transaction.toJson()`/`fromJson` and NeoLine's `signTransaction` use.
//!
//! Layout (all integers little-endian):
//! `version u8 ‖ nonce u32 ‖ systemFee i64 ‖ networkFee i64 ‖ validUntilBlock u32 ‖
//! signers ‖ attributes ‖ script (var-bytes)`, then for a signed transaction `witnesses`.
//! The hash is SHA-256 of the unsigned part, shown reversed with `0x` (neon-js: reversed, no
//! `0x`). The signing data is `network magic (u32 LE) ‖ SHA-256(unsigned part)` with the
//! hash in *wire* order (not the reversed display order).
//!
//! Decoding applies the rules of Neo's `Transaction.DeserializeUnsigned`: version 0, fees
//! non-negative with no overflow, 1..=16 signers without duplicates, scope bits valid and
//! `Global` alone, at most 16 allowed contracts / groups / rules per signer, witness conditions
//! nested at most 3 deep with 1..=16 sub-conditions, at most 16 − signers attributes with no
//! duplicate types except `Conflicts`, a non-empty script of at most 65535 bytes, and at most
//! 102400 bytes in all.
//!
//! Spec: `Neo.Network.P2P.Payloads.{Transaction, Signer, WitnessRule, Conditions.*,
//! TransactionAttribute, HighPriorityAttribute, OracleResponse, NotValidBefore, Conflicts,
//! NotaryAssisted}` in <https://github.com/neo-project/neo>;
//! <https://developers.neo.org/docs/n3/foundation/Transactions>

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::address::Address;
use super::hash::{UInt160, UInt256};
use super::io::{DecodeError, Reader, write_len, write_var_bytes};
use super::keys::PublicKey;
use super::network::NetworkMagic;
use super::witness::Witness;

/// The largest serialized transaction, in bytes.
pub const MAX_TRANSACTION_SIZE: usize = 102_400;
/// At most this many signers plus attributes.
pub const MAX_TRANSACTION_ATTRIBUTES: usize = 16;
/// At most this many allowed contracts, allowed groups, rules, or sub-conditions.
pub const MAX_SUBITEMS: usize = 16;
/// Witness conditions nest at most this deep (the rule's condition is level 1).
pub const MAX_NESTING_DEPTH: usize = 3;
/// The largest script.
pub const MAX_SCRIPT_SIZE: usize = 0xffff;
/// The largest oracle response.
pub const MAX_ORACLE_RESULT: usize = 0xffff;

/// Why a transaction (JSON or structure) is not valid.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransactionError {
    /// The binary form could not be decoded.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// A JSON field is missing or malformed.
    #[error("transaction JSON: `{path}` {reason}")]
    Json {
        /// Where, like `signers[0].scopes`.
        path: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// The transaction breaks a protocol rule.
    #[error("invalid transaction: {0}")]
    Rule(&'static str),
}

/// Witness scope flags of a signer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WitnessScope(u8);

impl WitnessScope {
    /// Fee only: the signature is valid for no contract call.
    pub const NONE: Self = Self(0x00);
    /// Only the entry script (what the dApp called) may use the signature.
    pub const CALLED_BY_ENTRY: Self = Self(0x01);
    /// The contracts listed in `allowedContracts`.
    pub const CUSTOM_CONTRACTS: Self = Self(0x10);
    /// Contracts in the groups listed in `allowedGroups`.
    pub const CUSTOM_GROUPS: Self = Self(0x20);
    /// As the `rules` decide.
    pub const WITNESS_RULES: Self = Self(0x40);
    /// Every contract: dangerous, never combined with another flag.
    pub const GLOBAL: Self = Self(0x80);

    const NAMES: [(u8, &'static str); 5] = [
        (0x01, "CalledByEntry"),
        (0x10, "CustomContracts"),
        (0x20, "CustomGroups"),
        (0x40, "WitnessRules"),
        (0x80, "Global"),
    ];

    /// Validates scope bits.
    ///
    /// # Errors
    /// [`TransactionError::Rule`] for unknown bits or `Global` combined with another flag.
    pub fn new(bits: u8) -> Result<Self, TransactionError> {
        if bits & !0xf1 != 0 {
            return Err(TransactionError::Rule("unknown witness scope bits"));
        }
        if bits & 0x80 != 0 && bits != 0x80 {
            return Err(TransactionError::Rule(
                "the Global witness scope cannot be combined with others",
            ));
        }
        Ok(Self(bits))
    }

    /// The bits.
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// The union of two scopes (not checked: combine `GLOBAL` with nothing).
    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// The names joined with `,` as neon-js writes them (`"None"` for none).
    pub fn to_json_string(self) -> String {
        if self.0 == 0 {
            return "None".into();
        }
        Self::NAMES
            .iter()
            .filter(|(bit, _)| self.0 & bit != 0)
            .map(|(_, n)| *n)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Parses `"CalledByEntry, CustomContracts"` (neon-js writes `,`, Neo `, `).
    ///
    /// # Errors
    /// [`TransactionError::Json`] for an unknown name; [`TransactionError::Rule`] as
    /// [`WitnessScope::new`].
    pub fn parse(text: &str, path: &str) -> Result<Self, TransactionError> {
        let mut bits = 0u8;
        for name in text.split(',').map(str::trim) {
            if name == "None" {
                continue;
            }
            let (bit, _) = Self::NAMES
                .iter()
                .find(|(_, n)| *n == name)
                .ok_or_else(|| json_err(path, "has an unknown witness scope name"))?;
            bits |= bit;
        }
        Self::new(bits)
    }
}

/// A witness rule's action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WitnessRuleAction {
    /// Refuse the witness if the condition matches.
    Deny,
    /// Accept the witness if the condition matches.
    Allow,
}

/// A witness condition.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum WitnessCondition {
    /// Always true or always false.
    Boolean(bool),
    /// The negation.
    Not(Box<WitnessCondition>),
    /// All of (1..=16).
    And(Vec<WitnessCondition>),
    /// Any of (1..=16).
    Or(Vec<WitnessCondition>),
    /// The current contract is this one.
    ScriptHash(UInt160),
    /// The current contract is in this group.
    Group(PublicKey),
    /// Called by the entry script.
    CalledByEntry,
    /// Called by this contract.
    CalledByContract(UInt160),
    /// Called by a contract in this group.
    CalledByGroup(PublicKey),
}

/// A witness rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WitnessRule {
    /// Allow or deny.
    pub action: WitnessRuleAction,
    /// When.
    pub condition: WitnessCondition,
}

/// A transaction signer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signer {
    /// The account.
    pub account: UInt160,
    /// The scopes.
    pub scopes: WitnessScope,
    /// Contracts allowed (serialized only with `CustomContracts`).
    pub allowed_contracts: Vec<UInt160>,
    /// Groups allowed (serialized only with `CustomGroups`).
    pub allowed_groups: Vec<PublicKey>,
    /// Rules (serialized only with `WitnessRules`).
    pub rules: Vec<WitnessRule>,
}

impl Signer {
    /// A signer with only scope flags (no lists).
    pub fn new(account: UInt160, scopes: WitnessScope) -> Self {
        Self {
            account,
            scopes,
            allowed_contracts: Vec::new(),
            allowed_groups: Vec::new(),
            rules: Vec::new(),
        }
    }
}

/// Oracle response codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OracleResponseCode(u8);

impl OracleResponseCode {
    const NAMES: [(u8, &'static str); 10] = [
        (0x00, "Success"),
        (0x10, "ProtocolNotSupported"),
        (0x12, "ConsensusUnreachable"),
        (0x14, "NotFound"),
        (0x16, "Timeout"),
        (0x18, "Forbidden"),
        (0x1a, "ResponseTooLarge"),
        (0x1c, "InsufficientFunds"),
        (0x1f, "ContentTypeNotSupported"),
        (0xff, "Error"),
    ];
    /// `Success`.
    pub const SUCCESS: Self = Self(0);

    /// A defined code.
    pub fn new(code: u8) -> Option<Self> {
        Self::NAMES.iter().any(|(c, _)| *c == code).then_some(Self(code))
    }

    /// The byte.
    pub const fn code(self) -> u8 {
        self.0
    }

    /// The name, like `Success`.
    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(c, _)| *c == self.0)
            .map_or("Error", |(_, n)| n)
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(c, _)| Self(*c))
    }
}

/// A transaction attribute.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TransactionAttribute {
    /// `0x01`: committee transactions first.
    HighPriority,
    /// `0x11`: an oracle node's response.
    OracleResponse {
        /// The request id.
        id: u64,
        /// The response code.
        code: OracleResponseCode,
        /// The result (empty unless `Success`).
        result: Vec<u8>,
    },
    /// `0x20`: not valid before this block height.
    NotValidBefore {
        /// The height.
        height: u32,
    },
    /// `0x21`: conflicts with (replaces) this transaction.
    Conflicts {
        /// The hash of the other transaction.
        hash: UInt256,
    },
    /// `0x22`: uses the notary service with this many keys.
    NotaryAssisted {
        /// The number of keys.
        nkeys: u8,
    },
}

impl TransactionAttribute {
    /// The type byte.
    pub fn type_byte(&self) -> u8 {
        match self {
            Self::HighPriority => 0x01,
            Self::OracleResponse { .. } => 0x11,
            Self::NotValidBefore { .. } => 0x20,
            Self::Conflicts { .. } => 0x21,
            Self::NotaryAssisted { .. } => 0x22,
        }
    }

    fn allow_multiple(&self) -> bool {
        matches!(self, Self::Conflicts { .. })
    }
}

/// An N3 transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    /// Always 0.
    pub version: u8,
    /// Random, to make otherwise equal transactions different.
    pub nonce: u32,
    /// GAS (in 10^-8) paid for running the script; never negative.
    pub system_fee: i64,
    /// GAS (in 10^-8) paid for size and verification; never negative.
    pub network_fee: i64,
    /// The last block that may include the transaction.
    pub valid_until_block: u32,
    /// The signers; the first pays the fees.
    pub signers: Vec<Signer>,
    /// The attributes.
    pub attributes: Vec<TransactionAttribute>,
    /// The script to run.
    pub script: Vec<u8>,
    /// One witness per signer, in signer order (empty when unsigned).
    pub witnesses: Vec<Witness>,
}

fn json_err(path: &str, reason: &'static str) -> TransactionError {
    TransactionError::Json {
        path: path.to_owned(),
        reason,
    }
}

fn invalid(field: &'static str, offset: usize, reason: &'static str) -> DecodeError {
    DecodeError::Invalid {
        field,
        offset,
        reason,
    }
}

// ---------------------------------------------------------------------------------------------
// Binary encoding.

impl WitnessCondition {
    fn type_byte(&self) -> u8 {
        match self {
            Self::Boolean(_) => 0x00,
            Self::Not(_) => 0x01,
            Self::And(_) => 0x02,
            Self::Or(_) => 0x03,
            Self::ScriptHash(_) => 0x18,
            Self::Group(_) => 0x19,
            Self::CalledByEntry => 0x20,
            Self::CalledByContract(_) => 0x28,
            Self::CalledByGroup(_) => 0x29,
        }
    }

    /// Checks nesting and sub-condition counts (`depth` is this condition's level, from 1).
    fn check(&self, depth: usize) -> Result<(), TransactionError> {
        if depth > MAX_NESTING_DEPTH {
            return Err(TransactionError::Rule("witness conditions nest more than 3 deep"));
        }
        match self {
            Self::Not(inner) => inner.check(depth + 1),
            Self::And(items) | Self::Or(items) => {
                if items.is_empty() || items.len() > MAX_SUBITEMS {
                    return Err(TransactionError::Rule(
                        "And/Or conditions have 1 to 16 sub-conditions",
                    ));
                }
                items.iter().try_for_each(|c| c.check(depth + 1))
            }
            _ => Ok(()),
        }
    }

    fn encode(&self, out: &mut Vec<u8>) {
        out.push(self.type_byte());
        match self {
            Self::Boolean(b) => out.push(u8::from(*b)),
            Self::Not(inner) => inner.encode(out),
            Self::And(items) | Self::Or(items) => {
                write_len(out, items.len());
                items.iter().for_each(|c| c.encode(out));
            }
            Self::ScriptHash(h) | Self::CalledByContract(h) => out.extend_from_slice(h.wire_bytes()),
            Self::Group(k) | Self::CalledByGroup(k) => out.extend_from_slice(&k.to_compressed()),
            Self::CalledByEntry => {}
        }
    }

    fn decode(r: &mut Reader<'_>, depth_left: usize) -> Result<Self, DecodeError> {
        let offset = r.position();
        if depth_left == 0 {
            return Err(invalid(
                "witness condition",
                offset,
                "conditions nest more than 3 deep",
            ));
        }
        let kind = r.u8()?;
        Ok(match kind {
            0x00 => match r.u8()? {
                0 => Self::Boolean(false),
                1 => Self::Boolean(true),
                _ => return Err(invalid("boolean condition", offset + 1, "a boolean is 0 or 1")),
            },
            0x01 => Self::Not(Box::new(Self::decode(r, depth_left - 1)?)),
            0x02 | 0x03 => {
                let n = r.count(MAX_SUBITEMS)?;
                if n == 0 {
                    return Err(invalid(
                        "witness condition",
                        offset,
                        "And/Or needs at least one sub-condition",
                    ));
                }
                let items = (0..n)
                    .map(|_| Self::decode(r, depth_left - 1))
                    .collect::<Result<Vec<_>, _>>()?;
                if kind == 0x02 {
                    Self::And(items)
                } else {
                    Self::Or(items)
                }
            }
            0x18 => Self::ScriptHash(UInt160::from_wire_bytes(r.array()?)),
            0x19 | 0x29 => {
                let at = r.position();
                let key = PublicKey::from_sec1(&r.array::<33>()?)
                    .map_err(|_| invalid("group public key", at, "not a compressed secp256r1 key"))?;
                if kind == 0x19 {
                    Self::Group(key)
                } else {
                    Self::CalledByGroup(key)
                }
            }
            0x20 => Self::CalledByEntry,
            0x28 => Self::CalledByContract(UInt160::from_wire_bytes(r.array()?)),
            _ => return Err(invalid("witness condition", offset, "unknown condition type")),
        })
    }
}

impl Signer {
    fn check(&self) -> Result<(), TransactionError> {
        WitnessScope::new(self.scopes.0)?;
        if self.allowed_contracts.len() > MAX_SUBITEMS
            || self.allowed_groups.len() > MAX_SUBITEMS
            || self.rules.len() > MAX_SUBITEMS
        {
            return Err(TransactionError::Rule(
                "a signer has at most 16 allowed contracts, groups and rules",
            ));
        }
        self.rules.iter().try_for_each(|r| r.condition.check(1))
    }

    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.account.wire_bytes());
        out.push(self.scopes.0);
        if self.scopes.contains(WitnessScope::CUSTOM_CONTRACTS) {
            write_len(out, self.allowed_contracts.len());
            self.allowed_contracts
                .iter()
                .for_each(|h| out.extend_from_slice(h.wire_bytes()));
        }
        if self.scopes.contains(WitnessScope::CUSTOM_GROUPS) {
            write_len(out, self.allowed_groups.len());
            self.allowed_groups
                .iter()
                .for_each(|k| out.extend_from_slice(&k.to_compressed()));
        }
        if self.scopes.contains(WitnessScope::WITNESS_RULES) {
            write_len(out, self.rules.len());
            for rule in &self.rules {
                out.push(match rule.action {
                    WitnessRuleAction::Deny => 0,
                    WitnessRuleAction::Allow => 1,
                });
                rule.condition.encode(out);
            }
        }
    }

    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let account = UInt160::from_wire_bytes(r.array()?);
        let at = r.position();
        let scopes = WitnessScope::new(r.u8()?)
            .map_err(|_| invalid("witness scope", at, "unknown bits, or Global combined"))?;
        let mut signer = Self::new(account, scopes);
        if scopes.contains(WitnessScope::CUSTOM_CONTRACTS) {
            let n = r.count(MAX_SUBITEMS)?;
            for _ in 0..n {
                signer
                    .allowed_contracts
                    .push(UInt160::from_wire_bytes(r.array()?));
            }
        }
        if scopes.contains(WitnessScope::CUSTOM_GROUPS) {
            let n = r.count(MAX_SUBITEMS)?;
            for _ in 0..n {
                let at = r.position();
                let key = PublicKey::from_sec1(&r.array::<33>()?)
                    .map_err(|_| invalid("allowed group", at, "not a compressed secp256r1 key"))?;
                signer.allowed_groups.push(key);
            }
        }
        if scopes.contains(WitnessScope::WITNESS_RULES) {
            let n = r.count(MAX_SUBITEMS)?;
            for _ in 0..n {
                let at = r.position();
                let action = match r.u8()? {
                    0 => WitnessRuleAction::Deny,
                    1 => WitnessRuleAction::Allow,
                    _ => {
                        return Err(invalid(
                            "witness rule action",
                            at,
                            "an action is 0 (Deny) or 1 (Allow)",
                        ));
                    }
                };
                let condition = WitnessCondition::decode(r, MAX_NESTING_DEPTH)?;
                signer.rules.push(WitnessRule { action, condition });
            }
        }
        Ok(signer)
    }
}

impl TransactionAttribute {
    fn check(&self) -> Result<(), TransactionError> {
        if let Self::OracleResponse { code, result, .. } = self {
            if result.len() > MAX_ORACLE_RESULT {
                return Err(TransactionError::Rule("an oracle result is at most 65535 bytes"));
            }
            if *code != OracleResponseCode::SUCCESS && !result.is_empty() {
                return Err(TransactionError::Rule(
                    "a failed oracle response carries no result",
                ));
            }
        }
        Ok(())
    }

    fn encode(&self, out: &mut Vec<u8>) {
        out.push(self.type_byte());
        match self {
            Self::HighPriority => {}
            Self::OracleResponse { id, code, result } => {
                out.extend_from_slice(&id.to_le_bytes());
                out.push(code.0);
                write_var_bytes(out, result);
            }
            Self::NotValidBefore { height } => out.extend_from_slice(&height.to_le_bytes()),
            Self::Conflicts { hash } => out.extend_from_slice(hash.wire_bytes()),
            Self::NotaryAssisted { nkeys } => out.push(*nkeys),
        }
    }

    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let offset = r.position();
        Ok(match r.u8()? {
            0x01 => Self::HighPriority,
            0x11 => {
                let id = r.u64()?;
                let at = r.position();
                let code = OracleResponseCode::new(r.u8()?)
                    .ok_or_else(|| invalid("oracle response code", at, "undefined code"))?;
                let result = r.var_bytes(MAX_ORACLE_RESULT)?.to_vec();
                if code != OracleResponseCode::SUCCESS && !result.is_empty() {
                    return Err(invalid(
                        "oracle response",
                        offset,
                        "a failed response carries no result",
                    ));
                }
                Self::OracleResponse { id, code, result }
            }
            0x20 => Self::NotValidBefore { height: r.u32()? },
            0x21 => Self::Conflicts {
                hash: UInt256::from_wire_bytes(r.array()?),
            },
            0x22 => Self::NotaryAssisted { nkeys: r.u8()? },
            _ => return Err(invalid("transaction attribute", offset, "unknown attribute type")),
        })
    }
}

impl Transaction {
    /// Checks the protocol rules listed in the module docs (except the total size, which
    /// [`Transaction::encode`] callers can read from [`Transaction::size`]).
    ///
    /// # Errors
    /// [`TransactionError::Rule`] naming the broken rule.
    pub fn validate(&self) -> Result<(), TransactionError> {
        if self.version != 0 {
            return Err(TransactionError::Rule("the version must be 0"));
        }
        if self.system_fee < 0 || self.network_fee < 0 {
            return Err(TransactionError::Rule("fees cannot be negative"));
        }
        if self.system_fee.checked_add(self.network_fee).is_none() {
            return Err(TransactionError::Rule("the fees overflow"));
        }
        if self.signers.is_empty() {
            return Err(TransactionError::Rule("a transaction needs at least one signer"));
        }
        if self.signers.len() + self.attributes.len() > MAX_TRANSACTION_ATTRIBUTES {
            return Err(TransactionError::Rule(
                "at most 16 signers and attributes together",
            ));
        }
        for (i, s) in self.signers.iter().enumerate() {
            if self.signers[..i].iter().any(|o| o.account == s.account) {
                return Err(TransactionError::Rule("duplicate signer"));
            }
            s.check()?;
        }
        for (i, a) in self.attributes.iter().enumerate() {
            if !a.allow_multiple()
                && self.attributes[..i]
                    .iter()
                    .any(|o| o.type_byte() == a.type_byte())
            {
                return Err(TransactionError::Rule("duplicate attribute"));
            }
            a.check()?;
        }
        if self.script.is_empty() {
            return Err(TransactionError::Rule("the script is empty"));
        }
        if self.script.len() > MAX_SCRIPT_SIZE {
            return Err(TransactionError::Rule("the script is longer than 65535 bytes"));
        }
        if self.witnesses.len() > self.signers.len() {
            return Err(TransactionError::Rule("more witnesses than signers"));
        }
        for w in &self.witnesses {
            if w.invocation.len() > super::witness::MAX_INVOCATION_SCRIPT
                || w.verification.len() > super::witness::MAX_VERIFICATION_SCRIPT
            {
                return Err(TransactionError::Rule(
                    "a witness script is longer than 1024 bytes",
                ));
            }
        }
        Ok(())
    }

    /// The unsigned serialization (what is hashed and signed).
    pub fn encode_unsigned(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.script.len());
        out.push(self.version);
        out.extend_from_slice(&self.nonce.to_le_bytes());
        out.extend_from_slice(&self.system_fee.to_le_bytes());
        out.extend_from_slice(&self.network_fee.to_le_bytes());
        out.extend_from_slice(&self.valid_until_block.to_le_bytes());
        write_len(&mut out, self.signers.len());
        self.signers.iter().for_each(|s| s.encode(&mut out));
        write_len(&mut out, self.attributes.len());
        self.attributes.iter().for_each(|a| a.encode(&mut out));
        write_var_bytes(&mut out, &self.script);
        out
    }

    /// The full serialization, with the witnesses (what is broadcast).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = self.encode_unsigned();
        write_len(&mut out, self.witnesses.len());
        self.witnesses.iter().for_each(|w| w.encode(&mut out));
        out
    }

    /// The size of [`Transaction::encode`] in bytes.
    pub fn size(&self) -> usize {
        self.encode_unsigned().len()
            + super::io::var_int_size(self.witnesses.len() as u64)
            + self.witnesses.iter().map(Witness::size).sum::<usize>()
    }

    /// The transaction hash: SHA-256 of the unsigned serialization (wire order; `Display`
    /// reverses it).
    pub fn hash(&self) -> UInt256 {
        UInt256::sha256(&self.encode_unsigned())
    }

    /// The signing data: network magic (u32 LE) ‖ SHA-256(unsigned), 36 bytes. neon-js
    /// `getMessageForSigning` returns the same bytes in hex.
    pub fn sign_data(&self, network: NetworkMagic) -> [u8; 36] {
        let mut out = [0u8; 36];
        out[..4].copy_from_slice(&network.to_le_bytes());
        out[4..].copy_from_slice(self.hash().wire_bytes());
        out
    }

    /// SHA-256 of the signing data: the 32-byte prehash an ECDSA signer signs.
    pub fn signing_hash(&self, network: NetworkMagic) -> [u8; 32] {
        Sha256::digest(self.sign_data(network)).into()
    }

    fn decode_unsigned_from(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let version = r.u8()?;
        if version != 0 {
            return Err(invalid("transaction version", 0, "only version 0 exists"));
        }
        let nonce = r.u32()?;
        let system_fee = r.i64()?;
        if system_fee < 0 {
            return Err(invalid("system fee", 5, "negative"));
        }
        let network_fee = r.i64()?;
        if network_fee < 0 {
            return Err(invalid("network fee", 13, "negative"));
        }
        if system_fee.checked_add(network_fee).is_none() {
            return Err(invalid("network fee", 13, "the fees overflow"));
        }
        let valid_until_block = r.u32()?;
        let at = r.position();
        let n = r.count(MAX_TRANSACTION_ATTRIBUTES)?;
        if n == 0 {
            return Err(invalid("signers", at, "a transaction needs at least one signer"));
        }
        let mut signers: Vec<Signer> = Vec::with_capacity(n);
        for _ in 0..n {
            let at = r.position();
            let signer = Signer::decode(r)?;
            if signers.iter().any(|s| s.account == signer.account) {
                return Err(invalid("signer", at, "duplicate signer"));
            }
            signers.push(signer);
        }
        let n = r.count(MAX_TRANSACTION_ATTRIBUTES - signers.len())?;
        let mut attributes: Vec<TransactionAttribute> = Vec::with_capacity(n);
        for _ in 0..n {
            let at = r.position();
            let attribute = TransactionAttribute::decode(r)?;
            if !attribute.allow_multiple()
                && attributes.iter().any(|a| a.type_byte() == attribute.type_byte())
            {
                return Err(invalid("attribute", at, "duplicate attribute type"));
            }
            attributes.push(attribute);
        }
        let at = r.position();
        let script = r.var_bytes(MAX_SCRIPT_SIZE)?.to_vec();
        if script.is_empty() {
            return Err(invalid("script", at, "the script is empty"));
        }
        Ok(Self {
            version,
            nonce,
            system_fee,
            network_fee,
            valid_until_block,
            signers,
            attributes,
            script,
            witnesses: Vec::new(),
        })
    }

    /// Decodes an unsigned serialization (no witness section), all bytes.
    ///
    /// # Errors
    /// A [`DecodeError`] saying where and why.
    pub fn decode_unsigned(bytes: &[u8]) -> Result<Self, DecodeError> {
        check_size(bytes)?;
        let mut r = Reader::new(bytes);
        let tx = Self::decode_unsigned_from(&mut r)?;
        r.finish()?;
        Ok(tx)
    }

    /// Decodes a serialized transaction. The witness section may be absent (an unsigned
    /// transaction); when present it holds at most one witness per signer.
    ///
    /// # Errors
    /// A [`DecodeError`] saying where and why.
    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        check_size(bytes)?;
        let mut r = Reader::new(bytes);
        let mut tx = Self::decode_unsigned_from(&mut r)?;
        if !r.is_empty() {
            let n = r.count(tx.signers.len())?;
            for _ in 0..n {
                tx.witnesses.push(Witness::decode(&mut r)?);
            }
        }
        r.finish()?;
        Ok(tx)
    }

    /// Puts a witness at the index of the signer whose account it proves, growing the list
    /// with empty witnesses if needed (as neon-js `addWitness` orders them).
    ///
    /// # Errors
    /// [`TransactionError::Rule`] if no signer has the witness's account.
    pub fn put_witness(&mut self, witness: Witness) -> Result<(), TransactionError> {
        let account = witness.script_hash();
        let index = self
            .signers
            .iter()
            .position(|s| s.account == account)
            .ok_or(TransactionError::Rule(
                "the witness is for an account that is not a signer",
            ))?;
        if self.witnesses.len() <= index {
            self.witnesses.resize(index + 1, Witness::default());
        }
        self.witnesses[index] = witness;
        Ok(())
    }
}

fn check_size(bytes: &[u8]) -> Result<(), DecodeError> {
    if bytes.len() > MAX_TRANSACTION_SIZE {
        return Err(DecodeError::TooLong {
            offset: 0,
            value: bytes.len() as u64,
            max: MAX_TRANSACTION_SIZE as u64,
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// JSON (neon-js `toJson`/`fromJson`, NeoLine `signTransaction`, the Neo RPC).

impl WitnessCondition {
    /// The Neo/neon-js JSON form.
    pub fn to_json(&self) -> Value {
        match self {
            Self::Boolean(b) => json!({"type": "Boolean", "expression": b}),
            Self::Not(inner) => json!({"type": "Not", "expression": inner.to_json()}),
            Self::And(items) => {
                json!({"type": "And", "expressions": items.iter().map(Self::to_json).collect::<Vec<_>>()})
            }
            Self::Or(items) => {
                json!({"type": "Or", "expressions": items.iter().map(Self::to_json).collect::<Vec<_>>()})
            }
            Self::ScriptHash(h) => json!({"type": "ScriptHash", "hash": h.to_string()}),
            Self::Group(k) => json!({"type": "Group", "group": k.to_string()}),
            Self::CalledByEntry => json!({"type": "CalledByEntry"}),
            Self::CalledByContract(h) => json!({"type": "CalledByContract", "hash": h.to_string()}),
            Self::CalledByGroup(k) => json!({"type": "CalledByGroup", "group": k.to_string()}),
        }
    }

    /// Parses the JSON form (`expression` of `Boolean` may be a boolean or `"true"`/`"false"`).
    ///
    /// # Errors
    /// [`TransactionError::Json`] or, for nesting, [`TransactionError::Rule`].
    pub fn from_json(value: &Value, path: &str, depth: usize) -> Result<Self, TransactionError> {
        if depth > MAX_NESTING_DEPTH {
            return Err(TransactionError::Rule("witness conditions nest more than 3 deep"));
        }
        let kind = value
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| json_err(path, "needs a condition type"))?;
        let hash = |field: &str| -> Result<UInt160, TransactionError> {
            value
                .get(field)
                .and_then(Value::as_str)
                .and_then(|t| t.parse().ok())
                .ok_or_else(|| json_err(path, "needs a 40-hex-digit script hash"))
        };
        let group = || -> Result<PublicKey, TransactionError> {
            value
                .get("group")
                .and_then(Value::as_str)
                .and_then(|t| t.parse().ok())
                .ok_or_else(|| json_err(path, "needs a hex public key `group`"))
        };
        let list = || -> Result<Vec<Self>, TransactionError> {
            let items = value
                .get("expressions")
                .and_then(Value::as_array)
                .ok_or_else(|| json_err(path, "needs an `expressions` array"))?;
            if items.is_empty() || items.len() > MAX_SUBITEMS {
                return Err(TransactionError::Rule(
                    "And/Or conditions have 1 to 16 sub-conditions",
                ));
            }
            items
                .iter()
                .enumerate()
                .map(|(i, c)| Self::from_json(c, &format!("{path}.expressions[{i}]"), depth + 1))
                .collect()
        };
        Ok(match kind {
            "Boolean" => Self::Boolean(match value.get("expression") {
                Some(Value::Bool(b)) => *b,
                Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => true,
                Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => false,
                _ => return Err(json_err(path, "needs a boolean `expression`")),
            }),
            "Not" => Self::Not(Box::new(Self::from_json(
                value
                    .get("expression")
                    .ok_or_else(|| json_err(path, "needs an `expression`"))?,
                &format!("{path}.expression"),
                depth + 1,
            )?)),
            "And" => Self::And(list()?),
            "Or" => Self::Or(list()?),
            "ScriptHash" => Self::ScriptHash(hash("hash")?),
            "Group" => Self::Group(group()?),
            "CalledByEntry" => Self::CalledByEntry,
            "CalledByContract" => Self::CalledByContract(hash("hash")?),
            "CalledByGroup" => Self::CalledByGroup(group()?),
            _ => return Err(json_err(path, "has an unknown condition type")),
        })
    }
}

impl Signer {
    /// The JSON form neon-js `Signer.toJson()` writes.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("account".into(), json!(self.account.to_string()));
        out.insert("scopes".into(), json!(self.scopes.to_json_string()));
        if self.scopes.contains(WitnessScope::CUSTOM_CONTRACTS) {
            out.insert(
                "allowedcontracts".into(),
                json!(
                    self.allowed_contracts
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                ),
            );
        }
        if self.scopes.contains(WitnessScope::CUSTOM_GROUPS) {
            out.insert(
                "allowedgroups".into(),
                json!(
                    self.allowed_groups
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                ),
            );
        }
        if self.scopes.contains(WitnessScope::WITNESS_RULES) {
            let rules = self
                .rules
                .iter()
                .map(|r| {
                    json!({
                        "action": match r.action { WitnessRuleAction::Allow => "Allow", WitnessRuleAction::Deny => "Deny" },
                        "condition": r.condition.to_json(),
                    })
                })
                .collect::<Vec<_>>();
            out.insert("rules".into(), Value::Array(rules));
        }
        Value::Object(out)
    }

    /// Parses a signer (`account` as `0x…` hex or an address; `scopes` as names or a
    /// number; `allowedcontracts`/`allowedContracts`, `allowedgroups`/`allowedGroups`, `rules`).
    ///
    /// # Errors
    /// [`TransactionError::Json`] or [`TransactionError::Rule`].
    pub fn from_json(value: &Value, path: &str) -> Result<Self, TransactionError> {
        let account_text = value
            .get("account")
            .and_then(Value::as_str)
            .ok_or_else(|| json_err(path, "needs an `account`"))?;
        let account = account_text
            .parse::<UInt160>()
            .or_else(|_| account_text.parse::<Address>().map(|a| a.script_hash()))
            .map_err(|_| {
                json_err(
                    &format!("{path}.account"),
                    "is not a script hash or an N3 address",
                )
            })?;
        let scopes = match value.get("scopes") {
            Some(Value::String(s)) => WitnessScope::parse(s, &format!("{path}.scopes"))?,
            Some(Value::Number(n)) => WitnessScope::new(
                n.as_u64()
                    .and_then(|v| u8::try_from(v).ok())
                    .ok_or_else(|| json_err(path, "has invalid scopes"))?,
            )?,
            _ => return Err(json_err(path, "needs `scopes`")),
        };
        let mut signer = Self::new(account, scopes);
        let list = |names: [&str; 2]| names.iter().find_map(|n| value.get(*n)).and_then(Value::as_array);
        if scopes.contains(WitnessScope::CUSTOM_CONTRACTS) {
            let items = list(["allowedcontracts", "allowedContracts"])
                .ok_or_else(|| json_err(path, "has CustomContracts but no `allowedcontracts`"))?;
            for item in items {
                signer.allowed_contracts.push(
                    item.as_str()
                        .and_then(|t| t.parse().ok())
                        .ok_or_else(|| json_err(path, "has an allowed contract that is not a script hash"))?,
                );
            }
        }
        if scopes.contains(WitnessScope::CUSTOM_GROUPS) {
            let items = list(["allowedgroups", "allowedGroups"])
                .ok_or_else(|| json_err(path, "has CustomGroups but no `allowedgroups`"))?;
            for item in items {
                signer.allowed_groups.push(
                    item.as_str()
                        .and_then(|t| t.parse().ok())
                        .ok_or_else(|| json_err(path, "has an allowed group that is not a public key"))?,
                );
            }
        }
        if scopes.contains(WitnessScope::WITNESS_RULES) {
            let items = value
                .get("rules")
                .and_then(Value::as_array)
                .ok_or_else(|| json_err(path, "has WitnessRules but no `rules`"))?;
            for (i, item) in items.iter().enumerate() {
                let rpath = format!("{path}.rules[{i}]");
                let action = match item.get("action").and_then(Value::as_str) {
                    Some("Allow") => WitnessRuleAction::Allow,
                    Some("Deny") => WitnessRuleAction::Deny,
                    _ => return Err(json_err(&rpath, "needs an `action` of Allow or Deny")),
                };
                let condition = WitnessCondition::from_json(
                    item.get("condition")
                        .ok_or_else(|| json_err(&rpath, "needs a `condition`"))?,
                    &format!("{rpath}.condition"),
                    1,
                )?;
                signer.rules.push(WitnessRule { action, condition });
            }
        }
        signer.check()?;
        Ok(signer)
    }
}

impl TransactionAttribute {
    /// The Neo JSON form.
    pub fn to_json(&self) -> Value {
        match self {
            Self::HighPriority => json!({"type": "HighPriority"}),
            Self::OracleResponse { id, code, result } => {
                json!({"type": "OracleResponse", "id": id, "code": code.name(), "result": STANDARD.encode(result)})
            }
            Self::NotValidBefore { height } => json!({"type": "NotValidBefore", "height": height}),
            Self::Conflicts { hash } => json!({"type": "Conflicts", "hash": hash.to_string()}),
            Self::NotaryAssisted { nkeys } => json!({"type": "NotaryAssisted", "nkeys": nkeys}),
        }
    }

    /// Parses the Neo JSON form.
    ///
    /// # Errors
    /// [`TransactionError::Json`].
    pub fn from_json(value: &Value, path: &str) -> Result<Self, TransactionError> {
        let kind = value
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| json_err(path, "needs a `type`"))?;
        let attribute = match kind {
            "HighPriority" => Self::HighPriority,
            "OracleResponse" => Self::OracleResponse {
                id: value
                    .get("id")
                    .and_then(Value::as_u64)
                    .ok_or_else(|| json_err(path, "needs an integer `id`"))?,
                code: value
                    .get("code")
                    .and_then(|c| match c {
                        Value::String(s) => OracleResponseCode::from_name(s),
                        Value::Number(n) => n
                            .as_u64()
                            .and_then(|v| u8::try_from(v).ok())
                            .and_then(OracleResponseCode::new),
                        _ => None,
                    })
                    .ok_or_else(|| json_err(path, "needs a known oracle response `code`"))?,
                result: value
                    .get("result")
                    .and_then(Value::as_str)
                    .and_then(|s| STANDARD.decode(s).ok())
                    .ok_or_else(|| json_err(path, "needs a base64 `result`"))?,
            },
            "NotValidBefore" => Self::NotValidBefore {
                height: value
                    .get("height")
                    .and_then(Value::as_u64)
                    .and_then(|h| u32::try_from(h).ok())
                    .ok_or_else(|| json_err(path, "needs a block `height`"))?,
            },
            "Conflicts" => Self::Conflicts {
                hash: value
                    .get("hash")
                    .and_then(Value::as_str)
                    .and_then(|s| s.parse().ok())
                    .ok_or_else(|| json_err(path, "needs a transaction `hash`"))?,
            },
            "NotaryAssisted" => Self::NotaryAssisted {
                nkeys: value
                    .get("nkeys")
                    .and_then(Value::as_u64)
                    .and_then(|n| u8::try_from(n).ok())
                    .ok_or_else(|| json_err(path, "needs `nkeys` from 0 to 255"))?,
            },
            _ => return Err(json_err(path, "has an unknown attribute type")),
        };
        attribute.check()?;
        Ok(attribute)
    }
}

fn json_fee(value: Option<&Value>, path: &str) -> Result<i64, TransactionError> {
    match value {
        None | Some(Value::Null) => Ok(0),
        Some(Value::String(s)) => s
            .parse::<i64>()
            .map_err(|_| json_err(path, "is not an integer amount of GAS fractions")),
        Some(Value::Number(n)) => n
            .as_i64()
            .ok_or_else(|| json_err(path, "is not an integer amount of GAS fractions")),
        Some(_) => Err(json_err(path, "is not an integer amount of GAS fractions")),
    }
}

fn json_u32(value: Option<&Value>, path: &str) -> Result<u32, TransactionError> {
    match value {
        None | Some(Value::Null) => Ok(0),
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| json_err(path, "is not a 32-bit unsigned integer")),
    }
}

impl Transaction {
    /// The JSON of neon-js `Transaction.toJson()` plus `hash` (as the Neo RPC writes it):
    /// `hash`, `size`, `version`, `nonce`, `sender`, `sysfee`, `netfee`, `validuntilblock`,
    /// `signers`, `attributes`, `script` (base64), `witnesses` (`invocation`/`verification`,
    /// base64).
    pub fn to_json(&self) -> Value {
        json!({
            "hash": self.hash().to_string(),
            "size": self.size(),
            "version": self.version,
            "nonce": self.nonce,
            "sender": self.signers.first().map(|s| Address::from_script_hash(s.account).to_string()).unwrap_or_default(),
            "sysfee": self.system_fee.to_string(),
            "netfee": self.network_fee.to_string(),
            "validuntilblock": self.valid_until_block,
            "signers": self.signers.iter().map(Signer::to_json).collect::<Vec<_>>(),
            "attributes": self.attributes.iter().map(TransactionAttribute::to_json).collect::<Vec<_>>(),
            "script": STANDARD.encode(&self.script),
            "witnesses": self.witnesses.iter().map(|w| json!({
                "invocation": STANDARD.encode(&w.invocation),
                "verification": STANDARD.encode(&w.verification),
            })).collect::<Vec<_>>(),
        })
    }

    /// Parses the JSON dApps pass to `signTransaction` (neon-js `toJson()` form; also
    /// accepts `systemFee`/`networkFee`/`validUntilBlock` spellings). A `hash`, if present,
    /// must match.
    ///
    /// # Errors
    /// [`TransactionError::Json`] or [`TransactionError::Rule`].
    pub fn from_json(value: &Value) -> Result<Self, TransactionError> {
        let get = |names: &[&str]| names.iter().find_map(|n| value.get(*n));
        let version = json_u32(get(&["version"]), "version")?;
        let version = u8::try_from(version).map_err(|_| TransactionError::Rule("the version must be 0"))?;
        let nonce = json_u32(get(&["nonce"]), "nonce")?;
        let system_fee = json_fee(get(&["sysfee", "systemFee"]), "sysfee")?;
        let network_fee = json_fee(get(&["netfee", "networkFee"]), "netfee")?;
        let valid_until_block = json_u32(get(&["validuntilblock", "validUntilBlock"]), "validuntilblock")?;
        let signers = match get(&["signers"]) {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, s)| Signer::from_json(s, &format!("signers[{i}]")))
                .collect::<Result<Vec<_>, _>>()?,
            _ => return Err(json_err("signers", "must be an array")),
        };
        let attributes = match get(&["attributes"]) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, a)| TransactionAttribute::from_json(a, &format!("attributes[{i}]")))
                .collect::<Result<Vec<_>, _>>()?,
            Some(_) => return Err(json_err("attributes", "must be an array")),
        };
        let script = get(&["script"])
            .and_then(Value::as_str)
            .and_then(|s| STANDARD.decode(s).ok())
            .ok_or_else(|| json_err("script", "must be base64"))?;
        let witnesses = match get(&["witnesses"]) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let field = |name: &str| {
                        w.get(name)
                            .and_then(Value::as_str)
                            .and_then(|s| STANDARD.decode(s).ok())
                            .ok_or_else(|| {
                                json_err(
                                    &format!("witnesses[{i}]"),
                                    "needs base64 `invocation` and `verification`",
                                )
                            })
                    };
                    Ok(Witness {
                        invocation: field("invocation")?,
                        verification: field("verification")?,
                    })
                })
                .collect::<Result<Vec<_>, TransactionError>>()?,
            Some(_) => return Err(json_err("witnesses", "must be an array")),
        };
        let tx = Self {
            version,
            nonce,
            system_fee,
            network_fee,
            valid_until_block,
            signers,
            attributes,
            script,
            witnesses,
        };
        tx.validate()?;
        if let Some(hash) = value.get("hash").and_then(Value::as_str)
            && hash.parse::<UInt256>().ok() != Some(tx.hash())
        {
            return Err(json_err("hash", "does not match the transaction"));
        }
        Ok(tx)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::chains::neo::keys::PrivateKey;

    fn key(i: u8) -> PublicKey {
        let mut bytes = [0u8; 32];
        bytes[31] = i.max(1);
        PrivateKey::from_bytes(&bytes).unwrap().public_key()
    }

    fn sample() -> Transaction {
        Transaction {
            version: 0,
            nonce: 7,
            system_fee: 100,
            network_fee: 5,
            valid_until_block: 1000,
            signers: vec![Signer::new(key(1).script_hash(), WitnessScope::CALLED_BY_ENTRY)],
            attributes: vec![TransactionAttribute::HighPriority],
            script: vec![0x11],
            witnesses: vec![Witness {
                invocation: vec![0],
                verification: vec![0],
            }],
        }
    }

    fn uint160() -> impl Strategy<Value = UInt160> {
        any::<[u8; 20]>().prop_map(UInt160::from_wire_bytes)
    }

    fn condition(depth: usize) -> BoxedStrategy<WitnessCondition> {
        let leaf = prop_oneof![
            any::<bool>().prop_map(WitnessCondition::Boolean),
            uint160().prop_map(WitnessCondition::ScriptHash),
            (1u8..20).prop_map(|i| WitnessCondition::Group(key(i))),
            Just(WitnessCondition::CalledByEntry),
            uint160().prop_map(WitnessCondition::CalledByContract),
            (1u8..20).prop_map(|i| WitnessCondition::CalledByGroup(key(i))),
        ];
        if depth >= MAX_NESTING_DEPTH {
            return leaf.boxed();
        }
        let inner = condition(depth + 1);
        prop_oneof![
            leaf,
            inner.clone().prop_map(|c| WitnessCondition::Not(Box::new(c))),
            prop::collection::vec(inner.clone(), 1..4).prop_map(WitnessCondition::And),
            prop::collection::vec(inner, 1..4).prop_map(WitnessCondition::Or),
        ]
        .boxed()
    }

    fn signer() -> impl Strategy<Value = Signer> {
        let scopes = prop_oneof![Just(0x80u8), (0u8..16).prop_map(|b| (b & 1) | ((b >> 1) << 4))];
        (
            uint160(),
            scopes,
            prop::collection::vec(uint160(), 0..4),
            prop::collection::vec((1u8..20).prop_map(key), 0..4),
            prop::collection::vec((any::<bool>(), condition(1)), 1..4),
        )
            .prop_map(|(account, bits, contracts, groups, rules)| {
                let scopes = WitnessScope::new(bits).unwrap();
                let mut s = Signer::new(account, scopes);
                if scopes.contains(WitnessScope::CUSTOM_CONTRACTS) {
                    s.allowed_contracts = contracts;
                }
                if scopes.contains(WitnessScope::CUSTOM_GROUPS) {
                    s.allowed_groups = groups;
                }
                if scopes.contains(WitnessScope::WITNESS_RULES) {
                    s.rules = rules
                        .into_iter()
                        .map(|(allow, condition)| WitnessRule {
                            action: if allow {
                                WitnessRuleAction::Allow
                            } else {
                                WitnessRuleAction::Deny
                            },
                            condition,
                        })
                        .collect();
                }
                s
            })
    }

    fn attribute() -> impl Strategy<Value = TransactionAttribute> {
        prop_oneof![
            any::<u32>().prop_map(|height| TransactionAttribute::NotValidBefore { height }),
            any::<[u8; 32]>().prop_map(|h| TransactionAttribute::Conflicts {
                hash: UInt256::from_wire_bytes(h)
            }),
        ]
    }

    fn transaction() -> impl Strategy<Value = Transaction> {
        (
            any::<u32>(),
            0i64..i64::MAX / 2,
            0i64..i64::MAX / 2,
            any::<u32>(),
            prop::collection::vec(signer(), 1..4),
            prop::collection::vec(attribute(), 0..4),
            any::<bool>(),
            prop::collection::vec(any::<u8>(), 1..300),
            prop::collection::vec(
                (
                    prop::collection::vec(any::<u8>(), 0..80),
                    prop::collection::vec(any::<u8>(), 0..80),
                ),
                0..4,
            ),
        )
            .prop_map(
                |(nonce, sf, nf, vub, mut signers, attributes, high, script, witnesses)| {
                    let mut seen = Vec::new();
                    signers.retain(|s| {
                        let fresh = !seen.contains(&s.account);
                        seen.push(s.account);
                        fresh
                    });
                    let mut attributes: Vec<TransactionAttribute> = attributes;
                    let mut seen_nvb = false;
                    attributes.retain(|a| {
                        let keep = !(matches!(a, TransactionAttribute::NotValidBefore { .. }) && seen_nvb);
                        seen_nvb |= matches!(a, TransactionAttribute::NotValidBefore { .. });
                        keep
                    });
                    if high {
                        attributes.push(TransactionAttribute::HighPriority);
                    }
                    let n = signers.len();
                    Transaction {
                        version: 0,
                        nonce,
                        system_fee: sf,
                        network_fee: nf,
                        valid_until_block: vub,
                        signers,
                        attributes,
                        script,
                        witnesses: witnesses
                            .into_iter()
                            .take(n)
                            .map(|(invocation, verification)| Witness {
                                invocation,
                                verification,
                            })
                            .collect(),
                    }
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn binary_and_json_round_trips(tx in transaction()) {
            tx.validate().unwrap();
            let bytes = tx.encode();
            prop_assert_eq!(bytes.len(), tx.size());
            prop_assert_eq!(&Transaction::decode(&bytes).unwrap(), &tx);
            let mut unsigned = tx.clone();
            unsigned.witnesses.clear();
            prop_assert_eq!(Transaction::decode_unsigned(&tx.encode_unsigned()).unwrap(), unsigned.clone());
            prop_assert_eq!(Transaction::decode(&tx.encode_unsigned()).unwrap(), unsigned);
            prop_assert_eq!(&Transaction::from_json(&tx.to_json()).unwrap(), &tx);
            // Every strict prefix is an error, never a panic.
            for cut in [0, 1, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
                if cut < tx.encode_unsigned().len() {
                    prop_assert!(Transaction::decode(&bytes[..cut]).is_err());
                }
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let _ = Transaction::decode(&bytes);
            let mut with_header = hex::decode("000102030400000000000000000000000000000000000000000101").unwrap();
            with_header.extend_from_slice(&bytes);
            let _ = Transaction::decode(&with_header);
        }
    }

    #[test]
    fn malformed_transactions_are_refused_with_a_reason() {
        let good = sample().encode();
        Transaction::decode(&good).unwrap();
        // Truncated anywhere.
        let unsigned_len = sample().encode_unsigned().len();
        for cut in (0..good.len()).filter(|c| *c != unsigned_len) {
            assert!(Transaction::decode(&good[..cut]).is_err(), "cut at {cut}");
        }
        assert_eq!(
            Transaction::decode(&good[..3]),
            Err(DecodeError::UnexpectedEnd { offset: 1, needed: 2 })
        );
        let mut trailing = good.clone();
        trailing.push(0);
        assert!(matches!(
            Transaction::decode(&trailing),
            Err(DecodeError::TrailingBytes { .. })
        ));
        let mut version = good.clone();
        version[0] = 1;
        assert!(matches!(
            Transaction::decode(&version),
            Err(DecodeError::Invalid {
                field: "transaction version",
                ..
            })
        ));
        let mut fee = good.clone();
        fee[12] = 0x80;
        assert!(matches!(
            Transaction::decode(&fee),
            Err(DecodeError::Invalid {
                field: "system fee",
                ..
            })
        ));
        let mut global = good.clone();
        global[46] = 0x81;
        assert!(matches!(
            Transaction::decode(&global),
            Err(DecodeError::Invalid {
                field: "witness scope",
                ..
            })
        ));

        let mut tx = sample();
        tx.signers.push(tx.signers[0].clone());
        assert_eq!(tx.validate(), Err(TransactionError::Rule("duplicate signer")));
        let bytes = tx.encode_unsigned();
        assert!(matches!(
            Transaction::decode(&bytes),
            Err(DecodeError::Invalid { field: "signer", .. })
        ));

        let mut tx = sample();
        tx.signers[0].scopes = WitnessScope::WITNESS_RULES;
        let deep = WitnessCondition::Not(Box::new(WitnessCondition::Not(Box::new(WitnessCondition::Not(
            Box::new(WitnessCondition::Boolean(true)),
        )))));
        tx.signers[0].rules = vec![WitnessRule {
            action: WitnessRuleAction::Allow,
            condition: deep,
        }];
        assert_eq!(
            tx.validate(),
            Err(TransactionError::Rule("witness conditions nest more than 3 deep"))
        );
        assert!(matches!(
            Transaction::decode(&tx.encode()),
            Err(DecodeError::Invalid {
                field: "witness condition",
                ..
            })
        ));
        assert!(matches!(
            Transaction::from_json(&tx.to_json()),
            Err(TransactionError::Rule(_))
        ));

        let mut tx = sample();
        tx.witnesses.push(Witness::default());
        assert!(matches!(
            Transaction::decode(&tx.encode()),
            Err(DecodeError::TooLong { max: 1, .. })
        ));

        let mut tx = sample();
        tx.signers.clear();
        assert_eq!(
            tx.validate(),
            Err(TransactionError::Rule("a transaction needs at least one signer"))
        );
        let mut tx = sample();
        tx.script.clear();
        assert!(matches!(
            Transaction::decode(&tx.encode()),
            Err(DecodeError::Invalid { field: "script", .. })
        ));
        assert!(
            Transaction::decode(&vec![0u8; MAX_TRANSACTION_SIZE + 1])
                .is_err_and(|e| matches!(e, DecodeError::TooLong { .. }))
        );
    }

    #[test]
    fn json_errors_name_the_field() {
        let mut json = sample().to_json();
        json["signers"][0]["scopes"] = json!("CalledByEntry,Sometimes");
        assert_eq!(
            Transaction::from_json(&json).unwrap_err().to_string(),
            "transaction JSON: `signers[0].scopes` has an unknown witness scope name"
        );
        let mut json = sample().to_json();
        json["hash"] = json!("0x00");
        assert!(Transaction::from_json(&json).is_err());
        let mut json = sample().to_json();
        json["script"] = json!("***");
        assert_eq!(
            Transaction::from_json(&json).unwrap_err().to_string(),
            "transaction JSON: `script` must be base64"
        );
        assert_eq!(
            WitnessScope::parse("CalledByEntry, CustomContracts", "s")
                .unwrap()
                .bits(),
            0x11
        );
        assert!(WitnessScope::parse("Global,CalledByEntry", "s").is_err());
    }
}
