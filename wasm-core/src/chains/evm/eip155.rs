//! Legacy transactions, with EIP-155 replay protection.
//!
//! A legacy transaction is the RLP list `[nonce, gasPrice, gas, to, value, data, v, r, s]`.
//! Its signing payload is the first six fields, or — with EIP-155, which is how Formica
//! always signs — nine fields with `chainId, 0, 0` in place of `v, r, s`; `v` then becomes
//! `chainId * 2 + 35 + yParity` instead of `27 + yParity`. Transactions without a chain id
//! are decoded (they still circulate) but cannot be built from a request.
//!
//! Spec: <https://eips.ethereum.org/EIPS/eip-155>; the Yellow Paper, section 4.2.

use super::Address;
use super::primitives::{B256, U256, keccak256};
use super::rlp::{FieldReader, ListBuilder};
use super::signer::{Signature, parse_legacy_v};
use super::transaction::{DecodeError, checked_signature};
use crate::api::ChainId;

/// A legacy (type 0) transaction, unsigned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegacyTransaction {
    /// The EIP-155 chain id; `None` for a pre-EIP-155 transaction valid on every chain.
    pub chain_id: Option<ChainId>,
    /// The sender's transaction count.
    pub nonce: u64,
    /// Wei paid per unit of gas.
    pub gas_price: U256,
    /// The most gas the transaction may use.
    pub gas_limit: u64,
    /// The recipient; `None` creates a contract from `input`.
    pub to: Option<Address>,
    /// Wei sent.
    pub value: U256,
    /// Call data, or init code for a contract creation.
    pub input: Vec<u8>,
}

impl LegacyTransaction {
    fn fields(&self, list: &mut ListBuilder) {
        list.u64(self.nonce)
            .u256(self.gas_price)
            .u64(self.gas_limit)
            .to(self.to.as_ref())
            .u256(self.value)
            .bytes(&self.input);
    }

    /// The signing payload: six fields, or nine with `chainId, 0, 0` under EIP-155.
    pub fn encode_unsigned(&self) -> Vec<u8> {
        let mut list = ListBuilder::new();
        self.fields(&mut list);
        if let Some(chain_id) = self.chain_id {
            list.u64(chain_id.get()).u64(0).u64(0);
        }
        list.finish()
    }

    /// Keccak-256 of [`Self::encode_unsigned`]: the hash the sender signs.
    pub fn signing_hash(&self) -> B256 {
        keccak256(self.encode_unsigned())
    }

    /// The signed transaction as broadcast: `rlp([nonce, …, data, v, r, s])`.
    pub fn encode_signed(&self, signature: &Signature) -> Vec<u8> {
        let mut list = ListBuilder::new();
        self.fields(&mut list);
        list.u64(signature.legacy_v(self.chain_id))
            .u256(signature.r())
            .u256(signature.s());
        list.finish()
    }

    /// The transaction hash: Keccak-256 of [`Self::encode_signed`].
    pub fn hash(&self, signature: &Signature) -> B256 {
        keccak256(self.encode_signed(signature))
    }

    /// Decodes a signed legacy transaction (an RLP list, no type byte).
    ///
    /// # Errors
    /// [`DecodeError`] for malformed RLP, a wrong field count or size, a `v` that is neither
    /// 27/28 nor EIP-155, or an invalid or high-s signature.
    pub fn decode(raw: &[u8]) -> Result<(Self, Signature), DecodeError> {
        let mut fields = FieldReader::whole(raw, "transaction")?;
        let nonce = fields.u64("nonce")?;
        let gas_price = fields.u256("gasPrice")?;
        let gas_limit = fields.u64("gas")?;
        let to = fields.to()?;
        let value = fields.u256("value")?;
        let input = fields.bytes("data")?.to_vec();
        let v = fields.u64("v")?;
        let r = fields.u256("r")?;
        let s = fields.u256("s")?;
        fields.finish()?;
        let (y_parity, chain_id) = parse_legacy_v(v)?;
        let signature = checked_signature(r, s, y_parity)?;
        let tx = Self {
            chain_id,
            nonce,
            gas_price,
            gas_limit,
            to,
            value,
            input,
        };
        Ok((tx, signature))
    }
}
