//! Access lists and type 1 (access-list) transactions.
//!
//! A type 1 transaction is `0x01 ‖ rlp([chainId, nonce, gasPrice, gas, to, value, data,
//! accessList, yParity, r, s])`; it signs `0x01 ‖ rlp([chainId, …, accessList])`. An access
//! list is `[[address, [storageKey, …]], …]` with 20-byte addresses and 32-byte keys; type 2
//! transactions (EIP-1559) carry one too.
//!
//! Spec: <https://eips.ethereum.org/EIPS/eip-2930>; the envelope is
//! <https://eips.ethereum.org/EIPS/eip-2718>.

use serde::{Deserialize, Serialize};

use super::Address;
use super::primitives::{B256, U256, keccak256};
use super::rlp::{FieldReader, ListBuilder};
use super::signer::{Signature, y_parity_from_u64};
use super::transaction::{DecodeError, TxType, checked_signature, typed_payload};
use crate::api::ChainId;

/// One entry of an access list: an account and the storage slots the transaction touches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessListItem {
    /// The account.
    pub address: Address,
    /// Its storage slots.
    pub storage_keys: Vec<B256>,
}

/// Encodes an access list as an RLP list.
pub(super) fn encode_access_list(items: &[AccessListItem]) -> Vec<u8> {
    let mut list = ListBuilder::new();
    for item in items {
        let mut keys = ListBuilder::new();
        for key in &item.storage_keys {
            keys.bytes(key.as_bytes());
        }
        let mut entry = ListBuilder::new();
        entry.bytes(item.address.as_bytes()).raw(&keys.finish());
        list.raw(&entry.finish());
    }
    list.finish()
}

/// An access-list (type 1) transaction, unsigned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eip2930Transaction {
    /// The chain the transaction is valid on.
    pub chain_id: ChainId,
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
    /// Accounts and storage slots warmed up front.
    pub access_list: Vec<AccessListItem>,
}

impl Eip2930Transaction {
    fn fields(&self) -> ListBuilder {
        let mut list = ListBuilder::new();
        list.u64(self.chain_id.get())
            .u64(self.nonce)
            .u256(self.gas_price)
            .u64(self.gas_limit)
            .to(self.to.as_ref())
            .u256(self.value)
            .bytes(&self.input)
            .raw(&encode_access_list(&self.access_list));
        list
    }

    /// The signing payload: `0x01 ‖ rlp([chainId, …, accessList])`.
    pub fn encode_unsigned(&self) -> Vec<u8> {
        typed_payload(TxType::Eip2930, &self.fields().finish())
    }

    /// Keccak-256 of [`Self::encode_unsigned`]: the hash the sender signs.
    pub fn signing_hash(&self) -> B256 {
        keccak256(self.encode_unsigned())
    }

    /// The signed transaction as broadcast: `0x01 ‖ rlp([chainId, …, yParity, r, s])`.
    pub fn encode_signed(&self, signature: &Signature) -> Vec<u8> {
        let mut list = self.fields();
        list.u64(u64::from(signature.y_parity()))
            .u256(signature.r())
            .u256(signature.s());
        typed_payload(TxType::Eip2930, &list.finish())
    }

    /// The transaction hash: Keccak-256 of [`Self::encode_signed`].
    pub fn hash(&self, signature: &Signature) -> B256 {
        keccak256(self.encode_signed(signature))
    }

    /// Decodes a signed type 1 transaction, type byte included.
    ///
    /// # Errors
    /// [`DecodeError`] for a wrong type byte, malformed RLP, a wrong field count or size, or
    /// an invalid or high-s signature.
    pub fn decode(raw: &[u8]) -> Result<(Self, Signature), DecodeError> {
        let body = match raw.split_first() {
            Some((&1, body)) => body,
            Some((&other, _)) => return Err(DecodeError::WrongType { tx_type: other }),
            None => return Err(DecodeError::Empty),
        };
        let mut fields = FieldReader::whole(body, "transaction")?;
        let chain_id = fields.chain_id()?;
        let nonce = fields.u64("nonce")?;
        let gas_price = fields.u256("gasPrice")?;
        let gas_limit = fields.u64("gas")?;
        let to = fields.to()?;
        let value = fields.u256("value")?;
        let input = fields.bytes("data")?.to_vec();
        let access_list = fields.access_list()?;
        let y_parity = y_parity_from_u64(fields.u64("yParity")?)?;
        let r = fields.u256("r")?;
        let s = fields.u256("s")?;
        fields.finish()?;
        let signature = checked_signature(r, s, y_parity)?;
        let tx = Self {
            chain_id,
            nonce,
            gas_price,
            gas_limit,
            to,
            value,
            input,
            access_list,
        };
        Ok((tx, signature))
    }
}
