//! The transaction envelope: one type over legacy, access-list and dynamic-fee
//! transactions, and the decoder for signed raw transactions.
//!
//! A raw transaction whose first byte is 0xc0 or above is a legacy RLP list; otherwise the
//! first byte is the EIP-2718 transaction type and the rest its payload. Types 1 and 2 are
//! decoded; 3 (blobs) and 4 (set-code) are recognised and refused, since Formica neither
//! builds nor signs them.
//!
//! Spec: <https://eips.ethereum.org/EIPS/eip-2718>

use super::Address;
use super::eip155::LegacyTransaction;
use super::eip1559::Eip1559Transaction;
use super::eip2930::{AccessListItem, Eip2930Transaction};
use super::primitives::{B256, U256, keccak256};
use super::signer::{Signature, SignatureError, recover_address};
use crate::api::ChainId;

/// Why bytes are not a signed transaction Formica can read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// No bytes at all.
    #[error("the raw transaction is empty")]
    Empty,
    /// A transaction type Formica recognises but does not handle (3: blob, 4: set-code).
    #[error("transaction type {tx_type} is not supported")]
    UnsupportedType {
        /// The type byte.
        tx_type: u8,
    },
    /// A first byte that is neither a known transaction type nor an RLP list.
    #[error("unknown transaction type {tx_type:#04x}")]
    UnknownType {
        /// The type byte.
        tx_type: u8,
    },
    /// A type-specific decoder was given another type.
    #[error("expected a different transaction type, found type {tx_type}")]
    WrongType {
        /// The type byte found.
        tx_type: u8,
    },
    /// Malformed or non-canonical RLP.
    #[error("malformed rlp in {field}: {source}")]
    Rlp {
        /// The field being read.
        field: &'static str,
        /// What `alloy-rlp` found wrong.
        source: alloy_rlp::Error,
    },
    /// The transaction list ends before this field.
    #[error("the transaction has no {field} field")]
    MissingField {
        /// The missing field.
        field: &'static str,
    },
    /// The transaction list has more items than its type defines.
    #[error("the transaction has more fields than its type defines")]
    ExtraFields,
    /// Bytes follow the transaction's RLP list.
    #[error("bytes follow the end of the transaction")]
    TrailingBytes,
    /// An address that is not 20 bytes (`to` may also be empty).
    #[error("{field} is 20 bytes, found {found}")]
    AddressLength {
        /// The field.
        field: &'static str,
        /// Bytes found.
        found: usize,
    },
    /// An access-list storage key that is not 32 bytes.
    #[error("an access list storage key is 32 bytes, found {found}")]
    StorageKeyLength {
        /// Bytes found.
        found: usize,
    },
    /// A chain id of zero or above 2^53 - 1.
    #[error("chain id {value} is out of range")]
    ChainId {
        /// The value found.
        value: u64,
    },
    /// The signature is invalid (out-of-range or high-s scalars, a bad `v`).
    #[error("invalid signature: {0}")]
    Signature(#[from] SignatureError),
}

/// The EIP-2718 transaction types Formica builds and signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TxType {
    /// Type 0: legacy (EIP-155).
    Legacy,
    /// Type 1: access list (EIP-2930).
    Eip2930,
    /// Type 2: dynamic fee (EIP-1559).
    Eip1559,
}

impl TxType {
    /// The type number: 0, 1 or 2.
    pub const fn as_u8(self) -> u8 {
        match self {
            Self::Legacy => 0,
            Self::Eip2930 => 1,
            Self::Eip1559 => 2,
        }
    }
}

/// `type ‖ rlp_list`: the EIP-2718 envelope of a typed transaction.
pub(super) fn typed_payload(tx_type: TxType, rlp_list: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rlp_list.len() + 1);
    out.push(tx_type.as_u8());
    out.extend_from_slice(rlp_list);
    out
}

/// A transaction signature as it must be to be valid on chain: scalars in range, low s.
pub(super) fn checked_signature(r: U256, s: U256, y_parity: bool) -> Result<Signature, DecodeError> {
    let signature = Signature::new(r, s, y_parity)?;
    if !signature.is_low_s() {
        return Err(SignatureError::HighS.into());
    }
    Ok(signature)
}

/// A transaction of any type Formica builds, unsigned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypedTransaction {
    /// Type 0.
    Legacy(LegacyTransaction),
    /// Type 1.
    Eip2930(Eip2930Transaction),
    /// Type 2.
    Eip1559(Eip1559Transaction),
}

impl TypedTransaction {
    /// The transaction type.
    pub const fn tx_type(&self) -> TxType {
        match self {
            Self::Legacy(_) => TxType::Legacy,
            Self::Eip2930(_) => TxType::Eip2930,
            Self::Eip1559(_) => TxType::Eip1559,
        }
    }

    /// The chain id (`None` only for a pre-EIP-155 legacy transaction).
    pub const fn chain_id(&self) -> Option<ChainId> {
        match self {
            Self::Legacy(tx) => tx.chain_id,
            Self::Eip2930(tx) => Some(tx.chain_id),
            Self::Eip1559(tx) => Some(tx.chain_id),
        }
    }

    /// The sender's transaction count.
    pub const fn nonce(&self) -> u64 {
        match self {
            Self::Legacy(tx) => tx.nonce,
            Self::Eip2930(tx) => tx.nonce,
            Self::Eip1559(tx) => tx.nonce,
        }
    }

    /// The gas limit.
    pub const fn gas_limit(&self) -> u64 {
        match self {
            Self::Legacy(tx) => tx.gas_limit,
            Self::Eip2930(tx) => tx.gas_limit,
            Self::Eip1559(tx) => tx.gas_limit,
        }
    }

    /// The recipient; `None` for a contract creation.
    pub const fn to(&self) -> Option<&Address> {
        match self {
            Self::Legacy(tx) => tx.to.as_ref(),
            Self::Eip2930(tx) => tx.to.as_ref(),
            Self::Eip1559(tx) => tx.to.as_ref(),
        }
    }

    /// Wei sent.
    pub const fn value(&self) -> U256 {
        match self {
            Self::Legacy(tx) => tx.value,
            Self::Eip2930(tx) => tx.value,
            Self::Eip1559(tx) => tx.value,
        }
    }

    /// Call data or init code.
    pub fn input(&self) -> &[u8] {
        match self {
            Self::Legacy(tx) => &tx.input,
            Self::Eip2930(tx) => &tx.input,
            Self::Eip1559(tx) => &tx.input,
        }
    }

    /// The access list (empty for legacy transactions).
    pub fn access_list(&self) -> &[AccessListItem] {
        match self {
            Self::Legacy(_) => &[],
            Self::Eip2930(tx) => &tx.access_list,
            Self::Eip1559(tx) => &tx.access_list,
        }
    }

    /// The most wei the transaction can cost in fees: gas limit times gas price (or max fee
    /// per gas), saturating at 2^256 - 1.
    pub fn max_fee(&self) -> U256 {
        let per_gas = match self {
            Self::Legacy(tx) => tx.gas_price,
            Self::Eip2930(tx) => tx.gas_price,
            Self::Eip1559(tx) => tx.max_fee_per_gas,
        };
        per_gas.saturating_mul(U256::from(self.gas_limit()))
    }

    /// The signing payload (see each type).
    pub fn encode_unsigned(&self) -> Vec<u8> {
        match self {
            Self::Legacy(tx) => tx.encode_unsigned(),
            Self::Eip2930(tx) => tx.encode_unsigned(),
            Self::Eip1559(tx) => tx.encode_unsigned(),
        }
    }

    /// The hash the sender signs: Keccak-256 of [`Self::encode_unsigned`].
    pub fn signing_hash(&self) -> B256 {
        keccak256(self.encode_unsigned())
    }

    /// The signed raw transaction, as `eth_sendRawTransaction` takes it.
    pub fn encode_signed(&self, signature: &Signature) -> Vec<u8> {
        match self {
            Self::Legacy(tx) => tx.encode_signed(signature),
            Self::Eip2930(tx) => tx.encode_signed(signature),
            Self::Eip1559(tx) => tx.encode_signed(signature),
        }
    }

    /// The transaction hash: Keccak-256 of [`Self::encode_signed`].
    pub fn hash(&self, signature: &Signature) -> B256 {
        keccak256(self.encode_signed(signature))
    }

    /// Decodes a signed raw transaction of type 0, 1 or 2.
    ///
    /// # Errors
    /// [`DecodeError`] describing the first problem found.
    pub fn decode(raw: &[u8]) -> Result<SignedTransaction, DecodeError> {
        let (transaction, signature) = match raw.first() {
            None => return Err(DecodeError::Empty),
            Some(0xc0..) => {
                let (tx, sig) = LegacyTransaction::decode(raw)?;
                (Self::Legacy(tx), sig)
            }
            Some(1) => {
                let (tx, sig) = Eip2930Transaction::decode(raw)?;
                (Self::Eip2930(tx), sig)
            }
            Some(2) => {
                let (tx, sig) = Eip1559Transaction::decode(raw)?;
                (Self::Eip1559(tx), sig)
            }
            Some(&tx_type @ (3 | 4)) => return Err(DecodeError::UnsupportedType { tx_type }),
            Some(&tx_type) => return Err(DecodeError::UnknownType { tx_type }),
        };
        Ok(SignedTransaction {
            transaction,
            signature,
            hash: keccak256(raw),
        })
    }
}

impl From<LegacyTransaction> for TypedTransaction {
    fn from(tx: LegacyTransaction) -> Self {
        Self::Legacy(tx)
    }
}

impl From<Eip2930Transaction> for TypedTransaction {
    fn from(tx: Eip2930Transaction) -> Self {
        Self::Eip2930(tx)
    }
}

impl From<Eip1559Transaction> for TypedTransaction {
    fn from(tx: Eip1559Transaction) -> Self {
        Self::Eip1559(tx)
    }
}

/// A transaction with its signature and hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedTransaction {
    transaction: TypedTransaction,
    signature: Signature,
    hash: B256,
}

impl SignedTransaction {
    /// Pairs a transaction with its signature.
    pub fn new(transaction: TypedTransaction, signature: Signature) -> Self {
        let hash = transaction.hash(&signature);
        Self {
            transaction,
            signature,
            hash,
        }
    }

    /// The transaction.
    pub const fn transaction(&self) -> &TypedTransaction {
        &self.transaction
    }

    /// The signature.
    pub const fn signature(&self) -> &Signature {
        &self.signature
    }

    /// The transaction hash.
    pub const fn hash(&self) -> B256 {
        self.hash
    }

    /// The raw signed bytes.
    pub fn encode(&self) -> Vec<u8> {
        self.transaction.encode_signed(&self.signature)
    }

    /// The sender, recovered from the signature.
    ///
    /// # Errors
    /// [`SignatureError::Unrecoverable`] when the signature matches no key.
    pub fn recover_signer(&self) -> Result<Address, SignatureError> {
        recover_address(&self.transaction.signing_hash(), &self.signature)
    }
}

#[cfg(test)]
mod tests;
