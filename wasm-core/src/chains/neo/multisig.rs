//! m-of-n multi-signature accounts and the `ContractParametersContext` that carries a
//! transaction between co-signers until m signatures are collected.
//!
//! The verification script is `PUSH m ‖ (PUSHDATA1 0x21 <key>) × n ‖ PUSH n ‖ SYSCALL
//! System.Crypto.CheckMultisig`, with the keys in NEO's order (x, then y, as Neo's
//! `Contract.CreateMultiSigRedeemScript` sorts them) so every wallet derives the same account.
//! neon-js `createMultiSigVerificationScript` keeps the order it is given; given sorted keys its
//! output is ours byte for byte. 1 ≤ m ≤ n ≤ 1024.
//!
//! The context follows Neo's `ContractParametersContext` JSON: `type`, `hash`, `data` (base64
//! of the unsigned transaction), `items` keyed by script hash (`script`, `parameters`,
//! `signatures` keyed by public key), `network`. Adding the m-th signature to a multisig item
//! fills its parameters in *descending* key order, as Neo does; the witness pushes them in
//! reverse, so the invocation script holds the signatures in the script's key order.
//!
//! Spec: `Neo.SmartContract.Contract.CreateMultiSigRedeemScript`, `Helper.IsMultiSigContract`,
//! `ContractParametersContext` in <https://github.com/neo-project/neo>

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use super::address::Address;
use super::hash::{UInt160, UInt256};
use super::keys::{CHECK_MULTISIG, PrivateKey, PublicKey, Signature};
use super::network::NetworkMagic;
use super::script::{ScriptBuilder, opcode};
use super::transaction::Transaction;
use super::witness::{Witness, invocation_script};

/// The most keys a multisig account can have.
pub const MAX_MULTISIG_KEYS: usize = 1024;
/// The `type` of a transaction context.
pub const CONTEXT_TYPE: &str = "Neo.Network.P2P.Payloads.Transaction";

/// Why a multisig account or a context is not usable.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MultisigError {
    /// m or n out of range.
    #[error("a multisig account needs 1 ≤ m ≤ n ≤ 1024, found m = {m}, n = {n}")]
    Threshold {
        /// m.
        m: usize,
        /// n.
        n: usize,
    },
    /// The same key twice.
    #[error("a multisig account cannot list the same public key twice")]
    DuplicateKey,
    /// The context JSON is malformed.
    #[error("context JSON: `{path}` {reason}")]
    Json {
        /// Where.
        path: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// The context's `data` is not a valid transaction.
    #[error("the context's transaction is invalid: {0}")]
    Transaction(#[from] super::transaction::TransactionError),
    /// The verification script is not a signature or multisig contract.
    #[error("only single-signature and multisig accounts can be signed in a context")]
    UnsupportedScript,
    /// The script's account is not a signer of the transaction.
    #[error("the account {0} is not a signer of this transaction")]
    NotASigner(Address),
    /// The key is not one of the account's keys.
    #[error("the public key is not one of this account's keys")]
    KeyNotInAccount,
    /// The signature does not verify.
    #[error("the signature does not verify for this transaction and network")]
    BadSignature,
    /// The item already has its signatures.
    #[error("this account already has all the signatures it needs")]
    AlreadyComplete,
    /// The key already signed.
    #[error("this key has already signed")]
    AlreadySigned,
    /// Not every signer has its signatures yet.
    #[error("the account {0} still needs signatures")]
    Incomplete(Address),
}

/// An m-of-n account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultisigAccount {
    threshold: usize,
    keys: Vec<PublicKey>,
}

fn push_count(b: &mut ScriptBuilder, n: usize) {
    b.push_int(i64::try_from(n).unwrap_or(i64::MAX));
}

/// Reads a count pushed as PUSH1..PUSH16, PUSHINT8 or PUSHINT16 (what Neo accepts there).
fn read_count(script: &[u8], at: &mut usize) -> Option<usize> {
    let op = *script.get(*at)?;
    let (value, len) = match op {
        0x11..=0x20 => (i64::from(op - opcode::PUSH0), 1),
        opcode::PUSHINT8 => (i64::from(i8::from_le_bytes([*script.get(*at + 1)?])), 2),
        opcode::PUSHINT16 => (
            i64::from(i16::from_le_bytes([*script.get(*at + 1)?, *script.get(*at + 2)?])),
            3,
        ),
        _ => return None,
    };
    *at += len;
    usize::try_from(value).ok()
}

impl MultisigAccount {
    /// An m-of-n account; the keys are sorted into NEO's order.
    ///
    /// # Errors
    /// [`MultisigError::Threshold`] or [`MultisigError::DuplicateKey`].
    pub fn new(threshold: usize, keys: &[PublicKey]) -> Result<Self, MultisigError> {
        let n = keys.len();
        if threshold == 0 || threshold > n || n > MAX_MULTISIG_KEYS {
            return Err(MultisigError::Threshold { m: threshold, n });
        }
        let mut keys = keys.to_vec();
        keys.sort();
        if keys.windows(2).any(|w| w[0] == w[1]) {
            return Err(MultisigError::DuplicateKey);
        }
        Ok(Self { threshold, keys })
    }

    /// Recognises a multisig verification script (keys kept in the script's order).
    pub fn from_verification_script(script: &[u8]) -> Option<Self> {
        let mut at = 0;
        let m = read_count(script, &mut at)?;
        let mut keys = Vec::new();
        while script.get(at..at + 2) == Some(&[opcode::PUSHDATA1, 33]) {
            keys.push(PublicKey::from_sec1(script.get(at + 2..at + 35)?).ok()?);
            at += 35;
        }
        let n = read_count(script, &mut at)?;
        if script.get(at..) != Some(&[[opcode::SYSCALL].as_slice(), &CHECK_MULTISIG].concat()[..]) {
            return None;
        }
        (m >= 1 && m <= n && n == keys.len() && n <= MAX_MULTISIG_KEYS).then_some(Self { threshold: m, keys })
    }

    /// m.
    pub fn threshold(&self) -> usize {
        self.threshold
    }

    /// The keys in script order.
    pub fn keys(&self) -> &[PublicKey] {
        &self.keys
    }

    /// The verification script.
    pub fn verification_script(&self) -> Vec<u8> {
        let mut b = ScriptBuilder::new();
        push_count(&mut b, self.threshold);
        for key in &self.keys {
            b.push_public_key(key);
        }
        push_count(&mut b, self.keys.len());
        b.syscall(CHECK_MULTISIG);
        b.into_bytes()
    }

    /// The account's script hash.
    pub fn script_hash(&self) -> UInt160 {
        UInt160::of_script(&self.verification_script())
    }

    /// The account's address.
    pub fn address(&self) -> Address {
        Address::from_script_hash(self.script_hash())
    }

    /// The witness for signatures given as (key, signature) pairs in any order: the first m
    /// in key order are used.
    ///
    /// # Errors
    /// [`MultisigError::KeyNotInAccount`], or [`MultisigError::Incomplete`] with fewer than m.
    pub fn witness(&self, signatures: &[(PublicKey, Signature)]) -> Result<Witness, MultisigError> {
        let mut ordered: Vec<(usize, Signature)> = Vec::new();
        for (key, sig) in signatures {
            let index = self
                .keys
                .iter()
                .position(|k| k == key)
                .ok_or(MultisigError::KeyNotInAccount)?;
            if !ordered.iter().any(|(i, _)| *i == index) {
                ordered.push((index, *sig));
            }
        }
        if ordered.len() < self.threshold {
            return Err(MultisigError::Incomplete(self.address()));
        }
        ordered.sort_by_key(|(i, _)| *i);
        let sigs: Vec<Signature> = ordered.iter().take(self.threshold).map(|(_, s)| *s).collect();
        Ok(Witness {
            invocation: invocation_script(&sigs),
            verification: self.verification_script(),
        })
    }
}

/// One parameter of a context item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContextParameter {
    /// A `Signature` parameter, filled or not.
    Signature(Option<Signature>),
    /// Any other parameter, kept as JSON.
    Other(Value),
}

/// The signing state of one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContextItem {
    /// The verification script (`None` for a deployed contract).
    pub script: Option<Vec<u8>>,
    /// The parameters of the verification script.
    pub parameters: Vec<ContextParameter>,
    /// Signatures collected, by key, in the order they were added.
    pub signatures: Vec<(PublicKey, Signature)>,
}

impl ContextItem {
    /// An item for an account whose script nobody has filled in yet (NEP-21 `makeTransaction`
    /// lists every signer this way: `{"script": "", "parameters": [], "signatures": {}}`).
    pub fn unfilled() -> Self {
        Self {
            script: None,
            parameters: Vec::new(),
            signatures: Vec::new(),
        }
    }

    /// For a multisig item whose `signatures` reach the threshold while its `parameters` do
    /// not say so (a co-signer that only wrote the map), fills the parameters from them, in
    /// the order Neo does.
    fn fill_multisig_parameters(&mut self) {
        let Some(account) = self
            .script
            .as_deref()
            .and_then(MultisigAccount::from_verification_script)
        else {
            return;
        };
        if self.is_complete() && self.parameters.len() == account.threshold {
            return;
        }
        let mut ordered: Vec<(usize, Signature)> = self
            .signatures
            .iter()
            .filter_map(|(k, s)| account.keys.iter().position(|x| x == k).map(|i| (i, *s)))
            .collect();
        if ordered.len() < account.threshold {
            if self.parameters.is_empty() {
                self.parameters = vec![ContextParameter::Signature(None); account.threshold];
            }
            return;
        }
        ordered.sort_by_key(|(index, _)| std::cmp::Reverse(*index));
        self.parameters = ordered
            .into_iter()
            .take(account.threshold)
            .map(|(_, sig)| ContextParameter::Signature(Some(sig)))
            .collect();
    }

    fn is_unfilled(&self) -> bool {
        self.script.is_none() && self.parameters.is_empty()
    }

    fn is_complete(&self) -> bool {
        !self.is_unfilled()
            && self
                .parameters
                .iter()
                .all(|p| !matches!(p, ContextParameter::Signature(None)))
    }
}

/// A transaction waiting for signatures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractParametersContext {
    /// The transaction (its witnesses are not part of the context).
    pub transaction: Transaction,
    /// The network the signatures are for.
    pub network: NetworkMagic,
    /// The accounts being signed for, by script hash.
    pub items: Vec<(UInt160, ContextItem)>,
    /// Witnesses that came in `data` with a signed transaction (see [`Self::witnesses`]).
    pub carried: Vec<Witness>,
}

fn jerr(path: &str, reason: &'static str) -> MultisigError {
    MultisigError::Json {
        path: path.to_owned(),
        reason,
    }
}

impl ContractParametersContext {
    /// A fresh context with no signatures.
    pub fn new(mut transaction: Transaction, network: NetworkMagic) -> Self {
        transaction.witnesses.clear();
        Self {
            transaction,
            network,
            items: Vec::new(),
            carried: Vec::new(),
        }
    }

    fn item_mut(&mut self, script: &[u8], parameters: usize) -> Result<&mut ContextItem, MultisigError> {
        let hash = UInt160::of_script(script);
        if !self.transaction.signers.iter().any(|s| s.account == hash) {
            return Err(MultisigError::NotASigner(Address::from_script_hash(hash)));
        }
        let index = match self.items.iter().position(|(h, _)| *h == hash) {
            Some(i) => {
                // Listed without a script (NEP-21 makeTransaction): the signer fills it in.
                let item = &mut self.items[i].1;
                if item.is_unfilled() {
                    item.script = Some(script.to_vec());
                    item.parameters = vec![ContextParameter::Signature(None); parameters];
                }
                i
            }
            None => {
                self.items.push((
                    hash,
                    ContextItem {
                        script: Some(script.to_vec()),
                        parameters: vec![ContextParameter::Signature(None); parameters],
                        signatures: Vec::new(),
                    },
                ));
                self.items.len() - 1
            }
        };
        Ok(&mut self.items[index].1)
    }

    /// Adds a signature by `key` for the account of `verification_script` (a single-signature
    /// or multisig script). The signature is checked against the transaction first.
    ///
    /// # Errors
    /// Any of the [`MultisigError`] context variants.
    pub fn add_signature(
        &mut self,
        verification_script: &[u8],
        key: &PublicKey,
        signature: &Signature,
    ) -> Result<(), MultisigError> {
        if !key.verify_prehash(&self.transaction.signing_hash(self.network), signature) {
            return Err(MultisigError::BadSignature);
        }
        if let Some(account) = MultisigAccount::from_verification_script(verification_script) {
            let index_of = |k: &PublicKey| account.keys.iter().position(|x| x == k);
            if index_of(key).is_none() {
                return Err(MultisigError::KeyNotInAccount);
            }
            let item = self.item_mut(verification_script, account.threshold)?;
            if item.is_complete() {
                return Err(MultisigError::AlreadyComplete);
            }
            if item.signatures.iter().any(|(k, _)| k == key) {
                return Err(MultisigError::AlreadySigned);
            }
            item.signatures.push((*key, *signature));
            if item.signatures.len() == account.threshold {
                let mut ordered: Vec<(usize, Signature)> = item
                    .signatures
                    .iter()
                    .map(|(k, s)| (index_of(k).unwrap_or(0), *s))
                    .collect();
                // Descending key index, as Neo fills the parameters.
                ordered.sort_by_key(|(index, _)| std::cmp::Reverse(*index));
                for (param, (_, sig)) in item.parameters.iter_mut().zip(ordered) {
                    *param = ContextParameter::Signature(Some(sig));
                }
            }
            Ok(())
        } else if let Some(single) = PublicKey::from_verification_script(verification_script) {
            if single != *key {
                return Err(MultisigError::KeyNotInAccount);
            }
            let item = self.item_mut(verification_script, 1)?;
            if item.signatures.iter().any(|(k, _)| k == key) {
                return Err(MultisigError::AlreadySigned);
            }
            item.signatures.push((*key, *signature));
            if let Some(slot) = item
                .parameters
                .iter_mut()
                .find(|p| matches!(p, ContextParameter::Signature(_)))
            {
                *slot = ContextParameter::Signature(Some(*signature));
            }
            Ok(())
        } else {
            Err(MultisigError::UnsupportedScript)
        }
    }

    /// Signs with `key` for the account of `verification_script` and adds the signature.
    ///
    /// # Errors
    /// As [`ContractParametersContext::add_signature`].
    pub fn sign(&mut self, verification_script: &[u8], key: &PrivateKey) -> Result<Signature, MultisigError> {
        let signature = key.sign_prehash(&self.transaction.signing_hash(self.network));
        self.add_signature(verification_script, &key.public_key(), &signature)?;
        Ok(signature)
    }

    /// Whether every signer has all its parameters (or a witness carried in `data`).
    pub fn is_complete(&self) -> bool {
        self.witnesses().is_ok()
    }

    /// The witnesses, one per signer in order, once complete. A signer whose item is not
    /// complete keeps the witness `data` already carried for it, if any (NeoLine and
    /// neon-dapi put the signed transaction in `data`).
    ///
    /// # Errors
    /// [`MultisigError::Incomplete`] naming the first account still missing signatures, or
    /// [`MultisigError::UnsupportedScript`] for a parameter we cannot push.
    pub fn witnesses(&self) -> Result<Vec<Witness>, MultisigError> {
        let mut out = Vec::with_capacity(self.transaction.signers.len());
        for (index, signer) in self.transaction.signers.iter().enumerate() {
            let incomplete = || MultisigError::Incomplete(Address::from_script_hash(signer.account));
            let item = self
                .items
                .iter()
                .find(|(h, item)| *h == signer.account && item.is_complete())
                .map(|(_, item)| item);
            let Some(item) = item else {
                let carried = self
                    .carried
                    .get(index)
                    .filter(|w| !w.invocation.is_empty() && w.script_hash() == signer.account)
                    .ok_or_else(incomplete)?;
                out.push(carried.clone());
                continue;
            };
            let mut invocation = Vec::new();
            for param in item.parameters.iter().rev() {
                match param {
                    ContextParameter::Signature(Some(sig)) => invocation.extend(invocation_script(&[*sig])),
                    ContextParameter::Signature(None) => return Err(incomplete()),
                    ContextParameter::Other(_) => return Err(MultisigError::UnsupportedScript),
                }
            }
            out.push(Witness {
                invocation,
                verification: item.script.clone().unwrap_or_default(),
            });
        }
        Ok(out)
    }

    /// The signed transaction, once complete.
    ///
    /// # Errors
    /// As [`ContractParametersContext::witnesses`].
    pub fn signed_transaction(&self) -> Result<Transaction, MultisigError> {
        let mut tx = self.transaction.clone();
        tx.witnesses = self.witnesses()?;
        Ok(tx)
    }

    /// Neo's context JSON.
    pub fn to_json(&self) -> Value {
        let mut items = Map::new();
        for (hash, item) in &self.items {
            let parameters: Vec<Value> = item
                .parameters
                .iter()
                .map(|p| match p {
                    ContextParameter::Signature(Some(sig)) => {
                        json!({"type": "Signature", "value": STANDARD.encode(sig.as_bytes())})
                    }
                    ContextParameter::Signature(None) => json!({"type": "Signature"}),
                    ContextParameter::Other(v) => v.clone(),
                })
                .collect();
            let mut signatures = Map::new();
            for (key, sig) in &item.signatures {
                signatures.insert(key.to_string(), json!(STANDARD.encode(sig.as_bytes())));
            }
            items.insert(
                hash.to_string(),
                json!({
                    // An account nobody filled in yet is "" (NEP-21 makeTransaction, neon-dapi).
                    "script": item.script.as_ref().map(|s| STANDARD.encode(s)).unwrap_or_default(),
                    "parameters": parameters,
                    "signatures": signatures,
                }),
            );
        }
        json!({
            "type": CONTEXT_TYPE,
            "hash": self.transaction.hash().to_string(),
            "data": STANDARD.encode(self.transaction.encode_unsigned()),
            "items": items,
            "network": self.network.get(),
        })
    }

    /// Parses Neo's context JSON (the transaction must decode, and `hash`, if present, match).
    ///
    /// # Errors
    /// [`MultisigError::Json`] or [`MultisigError::Transaction`].
    pub fn from_json(value: &Value) -> Result<Self, MultisigError> {
        if value.get("type").and_then(Value::as_str) != Some(CONTEXT_TYPE) {
            return Err(jerr("type", "must be Neo.Network.P2P.Payloads.Transaction"));
        }
        let data = value
            .get("data")
            .and_then(Value::as_str)
            .and_then(|s| STANDARD.decode(s).ok())
            .ok_or_else(|| jerr("data", "must be base64"))?;
        // Neo and neo-go put the unsigned transaction in `data`; NeoLine and neon-dapi put the
        // signed one there once they signed. Both are read; witnesses are kept aside.
        let mut transaction = match Transaction::decode_unsigned(&data) {
            Ok(tx) => tx,
            Err(_) => Transaction::decode(&data).map_err(super::transaction::TransactionError::from)?,
        };
        let carried = std::mem::take(&mut transaction.witnesses);
        if let Some(hash) = value.get("hash")
            && hash.as_str().and_then(|h| h.parse::<UInt256>().ok()) != Some(transaction.hash())
        {
            return Err(jerr("hash", "does not match the transaction"));
        }
        let network = value
            .get("network")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| jerr("network", "must be a 32-bit network magic"))?;
        let mut items = Vec::new();
        let object = value
            .get("items")
            .and_then(Value::as_object)
            .ok_or_else(|| jerr("items", "must be an object"))?;
        for (key, item) in object {
            let path = format!("items.{key}");
            let hash: UInt160 = key
                .parse()
                .map_err(|_| jerr(&path, "is not keyed by a script hash"))?;
            let script = match item.get("script") {
                // "" is NEP-21 makeTransaction's "not filled in yet".
                None | Some(Value::Null) => None,
                Some(Value::String(s)) if s.is_empty() => None,
                Some(s) => Some(
                    s.as_str()
                        .and_then(|s| STANDARD.decode(s).ok())
                        .ok_or_else(|| jerr(&path, "has a script that is not base64"))?,
                ),
            };
            if script.as_deref().is_some_and(|s| UInt160::of_script(s) != hash) {
                return Err(jerr(&path, "has a script of another account"));
            }
            let parameters = item
                .get("parameters")
                .and_then(Value::as_array)
                .ok_or_else(|| jerr(&path, "needs a parameters array"))?
                .iter()
                .map(|p| match p.get("type").and_then(Value::as_str) {
                    Some("Signature") => match p.get("value") {
                        None | Some(Value::Null) => Ok(ContextParameter::Signature(None)),
                        Some(v) => v
                            .as_str()
                            .and_then(|s| STANDARD.decode(s).ok())
                            .and_then(|b| Signature::from_slice(&b).ok())
                            .map(|s| ContextParameter::Signature(Some(s)))
                            .ok_or_else(|| {
                                jerr(&path, "has a signature parameter that is not 64 base64 bytes")
                            }),
                    },
                    Some(_) => Ok(ContextParameter::Other(p.clone())),
                    None => Err(jerr(&path, "has a parameter without a type")),
                })
                .collect::<Result<Vec<_>, _>>()?;
            let mut signatures = Vec::new();
            if let Some(sigs) = item.get("signatures").and_then(Value::as_object) {
                for (k, v) in sigs {
                    let key: PublicKey = k
                        .parse()
                        .map_err(|_| jerr(&path, "has a signature keyed by an invalid public key"))?;
                    let sig = v
                        .as_str()
                        .and_then(|s| STANDARD.decode(s).ok())
                        .and_then(|b| Signature::from_slice(&b).ok())
                        .ok_or_else(|| jerr(&path, "has a signature that is not 64 base64 bytes"))?;
                    signatures.push((key, sig));
                }
            }
            let mut item = ContextItem {
                script,
                parameters,
                signatures,
            };
            item.fill_multisig_parameters();
            items.push((hash, item));
        }
        let network = NetworkMagic::new(network);
        // A co-signer's signature that does not verify would only fail at the node: say so now.
        let hash = transaction.signing_hash(network);
        if items
            .iter()
            .flat_map(|(_, item)| &item.signatures)
            .any(|(key, sig)| !key.verify_prehash(&hash, sig))
        {
            return Err(MultisigError::BadSignature);
        }
        Ok(Self {
            transaction,
            network,
            items,
            carried,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chains::neo::transaction::{Signer, WitnessScope};
    use crate::chains::neo::witness::verify_single_sig;

    fn keys() -> Vec<PrivateKey> {
        (1u8..=4)
            .map(|i| {
                let mut b = [0u8; 32];
                b[0] = i;
                b[31] = 7;
                PrivateKey::from_bytes(&b).unwrap()
            })
            .collect()
    }

    fn tx(accounts: &[UInt160]) -> Transaction {
        Transaction {
            version: 0,
            nonce: 1,
            system_fee: 0,
            network_fee: 0,
            valid_until_block: 10,
            signers: accounts
                .iter()
                .map(|a| Signer::new(*a, WitnessScope::CALLED_BY_ENTRY))
                .collect(),
            attributes: Vec::new(),
            script: vec![0x11],
            witnesses: Vec::new(),
        }
    }

    #[test]
    fn two_of_three_context() {
        let keys = keys();
        let publics: Vec<PublicKey> = keys.iter().map(PrivateKey::public_key).collect();
        let account = MultisigAccount::new(2, &publics[..3]).unwrap();
        let script = account.verification_script();
        let single = publics[3].verification_script();
        let network = NetworkMagic::TESTNET;
        let mut ctx =
            ContractParametersContext::new(tx(&[account.script_hash(), publics[3].script_hash()]), network);

        ctx.sign(&script, &keys[2]).unwrap();
        assert!(!ctx.is_complete());
        assert!(matches!(ctx.witnesses(), Err(MultisigError::Incomplete(_))));
        assert_eq!(
            ctx.sign(&script, &keys[2]).unwrap_err(),
            MultisigError::AlreadySigned
        );
        assert_eq!(
            ctx.sign(&script, &keys[3]).unwrap_err(),
            MultisigError::KeyNotInAccount
        );
        let other = ctx.transaction.signing_hash(NetworkMagic::MAINNET);
        assert_eq!(
            ctx.add_signature(&script, &publics[0], &keys[0].sign_prehash(&other))
                .unwrap_err(),
            MultisigError::BadSignature
        );
        // Through JSON half-way, as a co-signer would receive it.
        let mut ctx = ContractParametersContext::from_json(&ctx.to_json()).unwrap();
        ctx.sign(&script, &keys[0]).unwrap();
        assert_eq!(
            ctx.sign(&script, &keys[1]).unwrap_err(),
            MultisigError::AlreadyComplete
        );
        ctx.sign(&single, &keys[3]).unwrap();
        assert!(ctx.is_complete());
        let signed = ctx.signed_transaction().unwrap();
        assert!(verify_single_sig(&signed, network, &signed.witnesses[1]));
        // The invocation pushes the signatures in the script's key order.
        let sigs = signed.witnesses[0].signatures().unwrap();
        let hash = signed.signing_hash(network);
        let signers: Vec<usize> = sigs
            .iter()
            .map(|s| {
                account
                    .keys()
                    .iter()
                    .position(|k| k.verify_prehash(&hash, s))
                    .unwrap()
            })
            .collect();
        assert!(signers.windows(2).all(|w| w[0] < w[1]), "{signers:?}");
        // And the multisig helper builds the same witness.
        let pairs: Vec<(PublicKey, Signature)> = ctx.items[0].1.signatures.clone();
        assert_eq!(account.witness(&pairs).unwrap(), signed.witnesses[0]);

        let mut json = ctx.to_json();
        json["hash"] = json!("0x00");
        assert!(ContractParametersContext::from_json(&json).is_err());
        let stranger = publics[0].verification_script();
        assert!(matches!(
            ctx.sign(&stranger, &keys[0]),
            Err(MultisigError::NotASigner(_))
        ));
    }

    #[test]
    fn reads_contexts_as_neoline_and_neon_dapi_write_them() {
        // NEP-21 makeTransaction: keys and hash without 0x, unfilled items with script "".
        let keys = keys();
        let me = keys[0].public_key();
        let other = keys[1].public_key();
        let unsigned = tx(&[me.script_hash(), other.script_hash()]);
        let network = NetworkMagic::new(1234);
        let bare = |h: String| h.trim_start_matches("0x").to_owned();
        let unfilled = json!({"script": "", "parameters": [], "signatures": {}});
        let made = json!({
            "type": CONTEXT_TYPE,
            "hash": bare(unsigned.hash().to_string()),
            "data": STANDARD.encode(unsigned.encode_unsigned()),
            "items": {
                bare(me.script_hash().to_string()): unfilled,
                other.script_hash().to_string(): unfilled,
            },
            "network": 1234,
        });
        let mut ctx = ContractParametersContext::from_json(&made).unwrap();
        assert!(!ctx.is_complete());
        assert_eq!(ctx.items.len(), 2);
        ctx.sign(&me.verification_script(), &keys[0]).unwrap();
        assert!(!ctx.is_complete(), "the other signer is still missing");
        let json = ctx.to_json();
        let mine = &json["items"][me.script_hash().to_string()];
        assert_eq!(mine["script"], STANDARD.encode(me.verification_script()));
        assert!(mine["parameters"][0]["value"].is_string());
        assert_eq!(json["items"][other.script_hash().to_string()]["script"], "");

        // neon-dapi's sign puts the signed transaction into `data`: its witness counts.
        let mut signed = unsigned.clone();
        signed.witnesses = vec![
            crate::chains::neo::witness::witness_for(&unsigned, network, &keys[0]),
            crate::chains::neo::witness::witness_for(&unsigned, network, &keys[1]),
        ];
        let mut carried = made.clone();
        carried["data"] = json!(STANDARD.encode(signed.encode()));
        let ctx = ContractParametersContext::from_json(&carried).unwrap();
        assert!(ctx.is_complete());
        assert_eq!(ctx.signed_transaction().unwrap(), signed);
        // A carried witness of the wrong account does not count.
        let mut wrong = signed.clone();
        wrong.witnesses.swap(0, 1);
        carried["data"] = json!(STANDARD.encode(wrong.encode()));
        assert!(
            !ContractParametersContext::from_json(&carried)
                .unwrap()
                .is_complete()
        );
    }

    #[test]
    fn a_co_signer_that_only_wrote_the_signatures_map_completes_the_item() {
        let keys = keys();
        let publics: Vec<PublicKey> = keys.iter().map(PrivateKey::public_key).collect();
        let account = MultisigAccount::new(2, &publics[..2]).unwrap();
        let network = NetworkMagic::new(77);
        let mut ctx = ContractParametersContext::new(tx(&[account.script_hash()]), network);
        ctx.sign(&account.verification_script(), &keys[0]).unwrap();
        let mut json = ctx.to_json();
        let item = &mut json["items"][account.script_hash().to_string()];
        let hash = ctx.transaction.signing_hash(network);
        let theirs = keys[1].sign_prehash(&hash);
        item["signatures"][publics[1].to_string()] = json!(STANDARD.encode(theirs.as_bytes()));
        let read = ContractParametersContext::from_json(&json).unwrap();
        assert!(read.is_complete());
        let mut both = ctx.clone();
        both.add_signature(&account.verification_script(), &publics[1], &theirs)
            .unwrap();
        assert_eq!(
            read.signed_transaction().unwrap(),
            both.signed_transaction().unwrap()
        );
        // A signature that does not verify is refused when the context is read.
        item_bad(&mut json, &account, &publics[1]);
        assert_eq!(
            ContractParametersContext::from_json(&json).unwrap_err(),
            MultisigError::BadSignature
        );
    }

    fn item_bad(json: &mut Value, account: &MultisigAccount, key: &PublicKey) {
        json["items"][account.script_hash().to_string()]["signatures"][key.to_string()] =
            json!(STANDARD.encode([7u8; 64]));
    }

    #[test]
    fn account_rules() {
        let publics: Vec<PublicKey> = keys().iter().map(PrivateKey::public_key).collect();
        assert_eq!(
            MultisigAccount::new(0, &publics),
            Err(MultisigError::Threshold { m: 0, n: 4 })
        );
        assert_eq!(
            MultisigAccount::new(5, &publics),
            Err(MultisigError::Threshold { m: 5, n: 4 })
        );
        assert_eq!(
            MultisigAccount::new(1, &[publics[0], publics[0]]),
            Err(MultisigError::DuplicateKey)
        );
        // 17 keys: counts above 16 are PUSHINT8.
        let many: Vec<PublicKey> = (1u8..=17)
            .map(|i| {
                let mut b = [0u8; 32];
                b[31] = i;
                PrivateKey::from_bytes(&b).unwrap().public_key()
            })
            .collect();
        let account = MultisigAccount::new(17, &many).unwrap();
        let script = account.verification_script();
        assert_eq!(&script[..2], &[0x00, 17]);
        assert_eq!(MultisigAccount::from_verification_script(&script), Some(account));
    }
}
