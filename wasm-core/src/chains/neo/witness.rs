//! Witnesses: the invocation script (the signatures) and the verification script (the
//! account's contract) that prove a signer approved a transaction, and the signing step that
//! makes one.
//!
//! A single-signature witness is invocation `0c 40 <64-byte signature>` (PUSHDATA1 64) and the
//! account's verification script. The signature is over the transaction's signing data,
//! `network magic (u32 LE) ‖ SHA-256(unsigned transaction)` (see
//! [`Transaction::sign_data`]), hashed once more with SHA-256 by ECDSA.
//!
//! Spec: `Neo.Network.P2P.Payloads.Witness`, `Neo.SmartContract.Helper.GetSignData` in
//! <https://github.com/neo-project/neo>

use super::hash::UInt160;
use super::io::{DecodeError, Reader, write_var_bytes};
use super::keys::{PrivateKey, PublicKey, Signature};
use super::network::NetworkMagic;
use super::transaction::Transaction;

/// The largest invocation script a node accepts (a 11-of-21 committee multisig fits).
pub const MAX_INVOCATION_SCRIPT: usize = 1024;
/// The largest verification script a node accepts.
pub const MAX_VERIFICATION_SCRIPT: usize = 1024;

/// A witness.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Witness {
    /// The invocation script (pushes the signatures).
    pub invocation: Vec<u8>,
    /// The verification script (empty for a deployed contract that verifies itself).
    pub verification: Vec<u8>,
}

impl Witness {
    /// A single-signature witness for `key`.
    pub fn single_sig(signature: &Signature, key: &PublicKey) -> Self {
        Self {
            invocation: invocation_script(&[*signature]),
            verification: key.verification_script(),
        }
    }

    /// The script hash of the verification script: the account this witness is for.
    pub fn script_hash(&self) -> UInt160 {
        UInt160::of_script(&self.verification)
    }

    /// The signatures, if the invocation script is only `PUSHDATA1 64` pushes.
    pub fn signatures(&self) -> Option<Vec<Signature>> {
        let mut out = Vec::new();
        let mut rest = self.invocation.as_slice();
        while !rest.is_empty() {
            if rest.len() < 66 || rest[..2] != [0x0c, 0x40] {
                return None;
            }
            out.push(Signature::from_slice(&rest[2..66]).ok()?);
            rest = &rest[66..];
        }
        Some(out)
    }

    pub(crate) fn encode(&self, out: &mut Vec<u8>) {
        write_var_bytes(out, &self.invocation);
        write_var_bytes(out, &self.verification);
    }

    pub(crate) fn decode(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let invocation = reader.var_bytes(MAX_INVOCATION_SCRIPT)?.to_vec();
        let verification = reader.var_bytes(MAX_VERIFICATION_SCRIPT)?.to_vec();
        Ok(Self {
            invocation,
            verification,
        })
    }

    pub(crate) fn size(&self) -> usize {
        super::io::var_int_size(self.invocation.len() as u64)
            + self.invocation.len()
            + super::io::var_int_size(self.verification.len() as u64)
            + self.verification.len()
    }
}

/// An invocation script pushing each signature in order (`0c 40 <sig>` each).
pub fn invocation_script(signatures: &[Signature]) -> Vec<u8> {
    let mut out = Vec::with_capacity(66 * signatures.len());
    for sig in signatures {
        out.extend_from_slice(&[0x0c, 0x40]);
        out.extend_from_slice(sig.as_bytes());
    }
    out
}

/// Signs a transaction for a network: the signature over its signing data.
pub fn sign_transaction(tx: &Transaction, network: NetworkMagic, key: &PrivateKey) -> Signature {
    key.sign_prehash(&tx.signing_hash(network))
}

/// Signs a transaction and returns the single-signature witness for `key`'s account.
pub fn witness_for(tx: &Transaction, network: NetworkMagic, key: &PrivateKey) -> Witness {
    Witness::single_sig(&sign_transaction(tx, network, key), &key.public_key())
}

/// Verifies a single-signature witness against a transaction (signature and account).
pub fn verify_single_sig(tx: &Transaction, network: NetworkMagic, witness: &Witness) -> bool {
    let Some(key) = PublicKey::from_verification_script(&witness.verification) else {
        return false;
    };
    match witness.signatures().as_deref() {
        Some([sig]) => key.verify_prehash(&tx.signing_hash(network), sig),
        _ => false,
    }
}
