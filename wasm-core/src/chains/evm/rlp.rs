//! Thin helpers over `alloy-rlp` for the transaction modules: a list builder and a field
//! reader that names the field an error was found in.
//!
//! `alloy-rlp` does the encoding and the canonical-form checks (no leading zeros in
//! integers or lengths, single bytes below 0x80 not wrapped in a string header); these
//! helpers only add field names, fixed-length checks and "no fields left over".
//!
//! Spec: Ethereum Yellow Paper, appendix B; <https://ethereum.org/en/developers/docs/data-structures-and-encoding/rlp/>

use alloy_rlp::{Decodable, Encodable, Header};

use super::Address;
use super::primitives::{B256, U256};
use super::transaction::DecodeError;
use crate::api::ChainId;

/// Builds the payload of an RLP list, then wraps it in its header.
#[derive(Default)]
pub(super) struct ListBuilder {
    payload: Vec<u8>,
}

impl ListBuilder {
    pub(super) fn new() -> Self {
        Self::default()
    }

    pub(super) fn u64(&mut self, value: u64) -> &mut Self {
        value.encode(&mut self.payload);
        self
    }

    pub(super) fn u256(&mut self, value: U256) -> &mut Self {
        value.encode(&mut self.payload);
        self
    }

    pub(super) fn bytes(&mut self, value: &[u8]) -> &mut Self {
        value.encode(&mut self.payload);
        self
    }

    /// A `to` field: the 20 address bytes, or the empty string for contract creation.
    pub(super) fn to(&mut self, to: Option<&Address>) -> &mut Self {
        match to {
            Some(address) => self.bytes(address.as_bytes()),
            None => self.bytes(&[]),
        }
    }

    /// An already encoded item (a nested list).
    pub(super) fn raw(&mut self, encoded: &[u8]) -> &mut Self {
        self.payload.extend_from_slice(encoded);
        self
    }

    pub(super) fn finish(&self) -> Vec<u8> {
        let header = Header {
            list: true,
            payload_length: self.payload.len(),
        };
        let mut out = Vec::with_capacity(header.length_with_payload());
        header.encode(&mut out);
        out.extend_from_slice(&self.payload);
        out
    }
}

/// Reads the items of one RLP list in order.
pub(super) struct FieldReader<'a> {
    rest: &'a [u8],
}

impl<'a> FieldReader<'a> {
    /// Opens the list at the start of `input`, which must hold that list and nothing more.
    pub(super) fn whole(input: &'a [u8], what: &'static str) -> Result<Self, DecodeError> {
        let mut buf = input;
        let payload = Header::decode_bytes(&mut buf, true)
            .map_err(|source| DecodeError::Rlp { field: what, source })?;
        if !buf.is_empty() {
            return Err(DecodeError::TrailingBytes);
        }
        Ok(Self { rest: payload })
    }

    /// Opens a nested list item.
    fn nested(&mut self, field: &'static str) -> Result<FieldReader<'a>, DecodeError> {
        self.present(field)?;
        let payload = Header::decode_bytes(&mut self.rest, true)
            .map_err(|source| DecodeError::Rlp { field, source })?;
        Ok(FieldReader { rest: payload })
    }

    fn present(&self, field: &'static str) -> Result<(), DecodeError> {
        if self.rest.is_empty() {
            Err(DecodeError::MissingField { field })
        } else {
            Ok(())
        }
    }

    fn decode<T: Decodable>(&mut self, field: &'static str) -> Result<T, DecodeError> {
        self.present(field)?;
        T::decode(&mut self.rest).map_err(|source| DecodeError::Rlp { field, source })
    }

    pub(super) fn u64(&mut self, field: &'static str) -> Result<u64, DecodeError> {
        self.decode(field)
    }

    pub(super) fn u256(&mut self, field: &'static str) -> Result<U256, DecodeError> {
        self.decode(field)
    }

    pub(super) fn bytes(&mut self, field: &'static str) -> Result<&'a [u8], DecodeError> {
        self.present(field)?;
        Header::decode_bytes(&mut self.rest, false).map_err(|source| DecodeError::Rlp { field, source })
    }

    pub(super) fn chain_id(&mut self) -> Result<ChainId, DecodeError> {
        let value = self.u64("chainId")?;
        ChainId::new(value).map_err(|_| DecodeError::ChainId { value })
    }

    /// A `to` field: 20 bytes, or empty for contract creation.
    pub(super) fn to(&mut self) -> Result<Option<Address>, DecodeError> {
        let bytes = self.bytes("to")?;
        if bytes.is_empty() {
            return Ok(None);
        }
        let bytes: [u8; 20] = bytes.try_into().map_err(|_| DecodeError::AddressLength {
            field: "to",
            found: bytes.len(),
        })?;
        Ok(Some(Address::from_bytes(bytes)))
    }

    /// An EIP-2930 access list: `[[address, [storageKey, …]], …]`.
    pub(super) fn access_list(&mut self) -> Result<Vec<super::eip2930::AccessListItem>, DecodeError> {
        let mut list = self.nested("accessList")?;
        let mut items = Vec::new();
        while !list.rest.is_empty() {
            let mut item = list.nested("accessList")?;
            let address = item.bytes("accessList address")?;
            let address: [u8; 20] = address.try_into().map_err(|_| DecodeError::AddressLength {
                field: "accessList address",
                found: address.len(),
            })?;
            let mut keys = item.nested("storageKeys")?;
            let mut storage_keys = Vec::new();
            while !keys.rest.is_empty() {
                let key = keys.bytes("storageKeys")?;
                let key: [u8; 32] = key
                    .try_into()
                    .map_err(|_| DecodeError::StorageKeyLength { found: key.len() })?;
                storage_keys.push(B256::new(key));
            }
            item.finish()?;
            items.push(super::eip2930::AccessListItem {
                address: Address::from_bytes(address),
                storage_keys,
            });
        }
        Ok(items)
    }

    /// Checks that every item of the list was read.
    pub(super) fn finish(self) -> Result<(), DecodeError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(DecodeError::ExtraFields)
        }
    }
}
