//! The transaction object dApps pass to `eth_sendTransaction` and `eth_signTransaction`.
//!
//! [`TransactionRequest::from_json`] checks every field a dApp sends — hex encodings,
//! lengths, checksums, and fee fields that contradict each other or the `type` — and
//! refuses the request with a [`RequestError`] (the provider answers -32602). Unknown keys
//! are ignored and `null` means absent, as wallets commonly do.
//!
//! The engine then fills what the dApp left out (nonce, gas, fees, chain id) and turns the
//! complete request into a [`TypedTransaction`] with [`TransactionRequest::to_transaction`].
//! Without an explicit `type`, the fee fields decide: `maxFeePerGas` or
//! `maxPriorityFeePerGas` mean type 2, `gasPrice` with an access list type 1, `gasPrice`
//! alone type 0 (signed with EIP-155).
//!
//! Spec: `execution-apis`, `src/schemas/transaction.yaml` (`GenericTransaction`),
//! <https://ethereum.github.io/execution-apis/api-documentation/>; EIP-1474 (hex encoding).

use serde_json::{Map, Value};

use super::eip155::LegacyTransaction;
use super::eip1559::Eip1559Transaction;
use super::eip2930::{AccessListItem, Eip2930Transaction};
use super::primitives::{B256, U256};
use super::quantity::{HexError, parse_data, parse_data_fixed, parse_quantity, parse_quantity_u64};
use super::transaction::{TxType, TypedTransaction};
use super::{Address, AddressError};
use crate::api::{ChainId, ChainIdError};

/// Why a transaction request is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// The request is not a JSON object.
    #[error("a transaction request is a json object")]
    NotAnObject,
    /// A field has the wrong JSON type.
    #[error("{field} must be {expected}")]
    WrongJsonType {
        /// The field.
        field: &'static str,
        /// What it must be, such as "a hex string".
        expected: &'static str,
    },
    /// A quantity or data field is not valid hex.
    #[error("{field}: {source}")]
    Hex {
        /// The field.
        field: &'static str,
        /// What is wrong with it.
        source: HexError,
    },
    /// An address field is not an address.
    #[error("{field}: {source}")]
    Address {
        /// The field.
        field: &'static str,
        /// What is wrong with it.
        source: AddressError,
    },
    /// `chainId` is not a valid chain id.
    #[error("chainId: {0}")]
    ChainId(ChainIdError),
    /// An access list entry is malformed.
    #[error(
        "access list entry {index} is not {{address, storageKeys}} with a 20-byte address and 32-byte keys"
    )]
    AccessList {
        /// The entry's position.
        index: usize,
    },
    /// `data` and `input` are both given and differ.
    #[error("data and input are both given and differ")]
    ConflictingData,
    /// `gas` and `gasLimit` are both given and differ.
    #[error("gas and gasLimit are both given and differ")]
    ConflictingGas,
    /// `gasPrice` is combined with EIP-1559 fee fields.
    #[error("gasPrice cannot be combined with maxFeePerGas or maxPriorityFeePerGas")]
    ConflictingFees,
    /// The fee fields do not belong to the requested type.
    #[error("the fee fields do not match transaction type {tx_type}")]
    FeesDoNotMatchType {
        /// The requested type.
        tx_type: u8,
    },
    /// An access list on a type 0 transaction.
    #[error("a type 0 transaction has no access list")]
    AccessListNotAllowed,
    /// A transaction type other than 0, 1 or 2.
    #[error("transaction type {value:#x} is not supported")]
    UnsupportedType {
        /// The requested type.
        value: U256,
    },
    /// `maxPriorityFeePerGas` above `maxFeePerGas`.
    #[error("maxPriorityFeePerGas is above maxFeePerGas")]
    PriorityFeeAboveMaxFee,
    /// No `to` and no `data`: a contract creation with no code.
    #[error("a transaction without a recipient must carry contract code in data")]
    EmptyContractCreation,
    /// A field the transaction needs has not been filled in.
    #[error("{field} is missing")]
    Missing {
        /// The missing field (or fields, such as "gasPrice or maxFeePerGas").
        field: &'static str,
    },
}

/// A validated transaction request. Fields are `None` where the dApp left them out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TransactionRequest {
    /// The sender the dApp asks for.
    pub from: Option<Address>,
    /// The recipient; `None` creates a contract from `input`.
    pub to: Option<Address>,
    /// Wei sent.
    pub value: Option<U256>,
    /// Call data (`data` or `input`).
    pub input: Option<Vec<u8>>,
    /// Gas limit (`gas`, or `gasLimit`).
    pub gas: Option<u64>,
    /// Legacy gas price.
    pub gas_price: Option<U256>,
    /// EIP-1559 fee cap.
    pub max_fee_per_gas: Option<U256>,
    /// EIP-1559 tip cap.
    pub max_priority_fee_per_gas: Option<U256>,
    /// Sender's transaction count.
    pub nonce: Option<u64>,
    /// Chain id.
    pub chain_id: Option<ChainId>,
    /// EIP-2930 access list.
    pub access_list: Option<Vec<AccessListItem>>,
    /// Transaction type.
    pub tx_type: Option<TxType>,
}

fn field<'a>(object: &'a Map<String, Value>, name: &'static str) -> Result<Option<&'a str>, RequestError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(RequestError::WrongJsonType {
            field: name,
            expected: "a hex string",
        }),
    }
}

fn quantity(object: &Map<String, Value>, name: &'static str) -> Result<Option<U256>, RequestError> {
    field(object, name)?
        .map(|s| parse_quantity(s).map_err(|source| RequestError::Hex { field: name, source }))
        .transpose()
}

fn quantity_u64(object: &Map<String, Value>, name: &'static str) -> Result<Option<u64>, RequestError> {
    field(object, name)?
        .map(|s| parse_quantity_u64(s).map_err(|source| RequestError::Hex { field: name, source }))
        .transpose()
}

fn data(object: &Map<String, Value>, name: &'static str) -> Result<Option<Vec<u8>>, RequestError> {
    field(object, name)?
        .map(|s| parse_data(s).map_err(|source| RequestError::Hex { field: name, source }))
        .transpose()
}

fn address(object: &Map<String, Value>, name: &'static str) -> Result<Option<Address>, RequestError> {
    field(object, name)?
        .map(|s| {
            s.parse()
                .map_err(|source| RequestError::Address { field: name, source })
        })
        .transpose()
}

fn access_list(value: &Value) -> Result<Vec<AccessListItem>, RequestError> {
    let entries = value.as_array().ok_or(RequestError::WrongJsonType {
        field: "accessList",
        expected: "an array",
    })?;
    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let bad = RequestError::AccessList { index };
            let object = entry.as_object().ok_or_else(|| bad.clone())?;
            let address: Address = object
                .get("address")
                .and_then(Value::as_str)
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| bad.clone())?;
            let keys = match object.get("storageKeys") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(keys)) => keys
                    .iter()
                    .map(|key| {
                        key.as_str()
                            .and_then(|s| parse_data_fixed::<32>(s).ok())
                            .map(B256::new)
                            .ok_or_else(|| bad.clone())
                    })
                    .collect::<Result<_, _>>()?,
                Some(_) => return Err(bad),
            };
            Ok(AccessListItem {
                address,
                storage_keys: keys,
            })
        })
        .collect()
}

impl TransactionRequest {
    /// Parses and checks a request from its JSON text.
    ///
    /// # Errors
    /// [`RequestError::NotAnObject`] for text that is not a JSON object, otherwise as
    /// [`Self::from_value`].
    pub fn from_json(text: &str) -> Result<Self, RequestError> {
        let value: Value = serde_json::from_str(text).map_err(|_| RequestError::NotAnObject)?;
        Self::from_value(&value)
    }

    /// Parses and checks a request from a JSON value.
    ///
    /// # Errors
    /// [`RequestError`] for the first invalid field, or for fields that contradict each
    /// other (fees, `data`/`input`, `gas`/`gasLimit`, `type`).
    pub fn from_value(value: &Value) -> Result<Self, RequestError> {
        let object = value.as_object().ok_or(RequestError::NotAnObject)?;

        let input = match (data(object, "data")?, data(object, "input")?) {
            (Some(a), Some(b)) if a != b => return Err(RequestError::ConflictingData),
            (a, b) => a.or(b),
        };
        let gas = match (quantity_u64(object, "gas")?, quantity_u64(object, "gasLimit")?) {
            (Some(a), Some(b)) if a != b => return Err(RequestError::ConflictingGas),
            (a, b) => a.or(b),
        };
        let chain_id = field(object, "chainId")?
            .map(|s| {
                let id = parse_quantity(s).map_err(|source| RequestError::Hex {
                    field: "chainId",
                    source,
                })?;
                let id = u64::try_from(id).map_err(|_| RequestError::ChainId(ChainIdError::TooLarge))?;
                ChainId::new(id).map_err(RequestError::ChainId)
            })
            .transpose()?;
        let tx_type = quantity(object, "type")?
            .map(|t| match u8::try_from(t) {
                Ok(0) => Ok(TxType::Legacy),
                Ok(1) => Ok(TxType::Eip2930),
                Ok(2) => Ok(TxType::Eip1559),
                _ => Err(RequestError::UnsupportedType { value: t }),
            })
            .transpose()?;
        let access_list = match object.get("accessList") {
            None | Some(Value::Null) => None,
            Some(list) => Some(access_list(list)?),
        };

        let request = Self {
            from: address(object, "from")?,
            to: address(object, "to")?,
            value: quantity(object, "value")?,
            input,
            gas,
            gas_price: quantity(object, "gasPrice")?,
            max_fee_per_gas: quantity(object, "maxFeePerGas")?,
            max_priority_fee_per_gas: quantity(object, "maxPriorityFeePerGas")?,
            nonce: quantity_u64(object, "nonce")?,
            chain_id,
            access_list,
            tx_type,
        };
        request.check_consistency()?;
        if request.to.is_none() && request.input.as_ref().is_none_or(Vec::is_empty) {
            return Err(RequestError::EmptyContractCreation);
        }
        Ok(request)
    }

    /// Checks the relations between fields: fee fields against each other and the type.
    fn check_consistency(&self) -> Result<(), RequestError> {
        let dynamic_fees = self.max_fee_per_gas.is_some() || self.max_priority_fee_per_gas.is_some();
        if self.gas_price.is_some() && dynamic_fees {
            return Err(RequestError::ConflictingFees);
        }
        if let (Some(tip), Some(cap)) = (self.max_priority_fee_per_gas, self.max_fee_per_gas)
            && tip > cap
        {
            return Err(RequestError::PriorityFeeAboveMaxFee);
        }
        match self.tx_type {
            Some(t @ (TxType::Legacy | TxType::Eip2930)) if dynamic_fees => {
                Err(RequestError::FeesDoNotMatchType { tx_type: t.as_u8() })
            }
            Some(TxType::Eip1559) if self.gas_price.is_some() => {
                Err(RequestError::FeesDoNotMatchType { tx_type: 2 })
            }
            Some(TxType::Legacy) if self.access_list.is_some() => Err(RequestError::AccessListNotAllowed),
            _ => Ok(()),
        }
    }

    /// The type the transaction will have: the requested one, or the one its fee fields
    /// imply; `None` while no fee field is set.
    pub fn resolved_type(&self) -> Option<TxType> {
        self.tx_type.or(
            if self.max_fee_per_gas.is_some() || self.max_priority_fee_per_gas.is_some() {
                Some(TxType::Eip1559)
            } else if self.gas_price.is_some() {
                Some(if self.access_list.is_some() {
                    TxType::Eip2930
                } else {
                    TxType::Legacy
                })
            } else {
                None
            },
        )
    }

    /// Builds the transaction from a complete request.
    ///
    /// # Errors
    /// [`RequestError::Missing`] for a field still unset (chain id, nonce, gas, the fee
    /// fields of the type), and the consistency errors of [`Self::from_value`] if fields
    /// were changed since.
    pub fn to_transaction(&self) -> Result<TypedTransaction, RequestError> {
        self.check_consistency()?;
        let chain_id = self.chain_id.ok_or(RequestError::Missing { field: "chainId" })?;
        let nonce = self.nonce.ok_or(RequestError::Missing { field: "nonce" })?;
        let gas_limit = self.gas.ok_or(RequestError::Missing { field: "gas" })?;
        let to = self.to;
        let value = self.value.unwrap_or(U256::ZERO);
        let input = self.input.clone().unwrap_or_default();
        let access_list = self.access_list.clone().unwrap_or_default();
        let tx_type = self.resolved_type().ok_or(RequestError::Missing {
            field: "gasPrice or maxFeePerGas",
        })?;
        Ok(match tx_type {
            TxType::Legacy => TypedTransaction::Legacy(LegacyTransaction {
                chain_id: Some(chain_id),
                nonce,
                gas_price: self
                    .gas_price
                    .ok_or(RequestError::Missing { field: "gasPrice" })?,
                gas_limit,
                to,
                value,
                input,
            }),
            TxType::Eip2930 => TypedTransaction::Eip2930(Eip2930Transaction {
                chain_id,
                nonce,
                gas_price: self
                    .gas_price
                    .ok_or(RequestError::Missing { field: "gasPrice" })?,
                gas_limit,
                to,
                value,
                input,
                access_list,
            }),
            TxType::Eip1559 => TypedTransaction::Eip1559(Eip1559Transaction {
                chain_id,
                nonce,
                max_priority_fee_per_gas: self.max_priority_fee_per_gas.ok_or(RequestError::Missing {
                    field: "maxPriorityFeePerGas",
                })?,
                max_fee_per_gas: self.max_fee_per_gas.ok_or(RequestError::Missing {
                    field: "maxFeePerGas",
                })?,
                gas_limit,
                to,
                value,
                input,
                access_list,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const TO: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    fn parse(value: Value) -> Result<TransactionRequest, RequestError> {
        TransactionRequest::from_value(&value)
    }

    #[test]
    fn parses_a_typical_dapp_request_and_completes_it() {
        let mut request = parse(json!({
            "from": "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359",
            "to": TO,
            "value": "0xde0b6b3a7640000",
            "data": "0xa9059cbb",
            "gas": "0x5208",
            "maxFeePerGas": "0x59682f00",
            "maxPriorityFeePerGas": "0x3b9aca00",
            "somethingElse": {"ignored": true},
            "nonce": null
        }))
        .unwrap();
        assert_eq!(request.to, Some(TO.parse().unwrap()));
        assert_eq!(request.value, Some(U256::from(1_000_000_000_000_000_000u64)));
        assert_eq!(request.input.as_deref(), Some(&[0xa9, 0x05, 0x9c, 0xbb][..]));
        assert_eq!(request.resolved_type(), Some(TxType::Eip1559));
        assert_eq!(
            request.to_transaction(),
            Err(RequestError::Missing { field: "chainId" })
        );
        request.chain_id = Some(ChainId::new(1).unwrap());
        assert_eq!(
            request.to_transaction(),
            Err(RequestError::Missing { field: "nonce" })
        );
        request.nonce = Some(3);
        let tx = request.to_transaction().unwrap();
        let TypedTransaction::Eip1559(tx) = tx else {
            panic!("{tx:?}")
        };
        assert_eq!(tx.gas_limit, 21_000);
        assert_eq!(tx.max_fee_per_gas, U256::from(1_500_000_000u64));
        assert_eq!(tx.max_priority_fee_per_gas, U256::from(1_000_000_000u64));
        assert_eq!(tx.nonce, 3);
        assert!(tx.access_list.is_empty());
    }

    #[test]
    fn infers_the_type_from_the_fee_fields() {
        let base = json!({"to": TO, "gas": "0x5208", "nonce": "0x0", "chainId": "0x1"});
        let with = |extra: Value| {
            let mut v = base.clone();
            v.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            parse(v).unwrap().to_transaction()
        };
        assert!(matches!(
            with(json!({"gasPrice": "0x1"})),
            Ok(TypedTransaction::Legacy(LegacyTransaction {
                chain_id: Some(_),
                ..
            }))
        ));
        assert!(matches!(
            with(json!({"gasPrice": "0x1", "accessList": []})),
            Ok(TypedTransaction::Eip2930(_))
        ));
        assert!(matches!(
            with(json!({"gasPrice": "0x1", "type": "0x1"})),
            Ok(TypedTransaction::Eip2930(_))
        ));
        assert!(matches!(
            with(json!({"maxFeePerGas": "0x2"})),
            Err(RequestError::Missing {
                field: "maxPriorityFeePerGas"
            })
        ));
        assert!(matches!(
            with(json!({"maxFeePerGas": "0x2", "maxPriorityFeePerGas": "0x1"})),
            Ok(TypedTransaction::Eip1559(_))
        ));
        assert_eq!(
            with(json!({})),
            Err(RequestError::Missing {
                field: "gasPrice or maxFeePerGas"
            })
        );
        assert_eq!(
            with(json!({"type": "0x2"})),
            Err(RequestError::Missing {
                field: "maxPriorityFeePerGas"
            })
        );
    }

    #[test]
    fn reads_access_lists_and_the_input_alias() {
        let request = parse(json!({
            "to": TO,
            "input": "0x01",
            "data": "0x01",
            "gasLimit": "0x10",
            "gas": "0x10",
            "accessList": [
                {"address": TO, "storageKeys": ["0x0000000000000000000000000000000000000000000000000000000000000007"]},
                {"address": TO, "storageKeys": []}
            ]
        }))
        .unwrap();
        assert_eq!(request.input, Some(vec![1]));
        assert_eq!(request.gas, Some(16));
        let list = request.access_list.unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].storage_keys[0].to_u256(), U256::from(7u64));
    }

    #[test]
    fn refuses_malformed_fields() {
        let cases: Vec<(Value, RequestError)> = vec![
            (json!([]), RequestError::NotAnObject),
            (
                json!({"to": TO, "value": 1}),
                RequestError::WrongJsonType {
                    field: "value",
                    expected: "a hex string",
                },
            ),
            (
                json!({"to": TO, "value": "0x01"}),
                RequestError::Hex {
                    field: "value",
                    source: HexError::LeadingZero,
                },
            ),
            (
                json!({"to": TO, "value": "100"}),
                RequestError::Hex {
                    field: "value",
                    source: HexError::MissingPrefix,
                },
            ),
            (
                json!({"to": TO, "gas": "0x"}),
                RequestError::Hex {
                    field: "gas",
                    source: HexError::EmptyQuantity,
                },
            ),
            (
                json!({"to": TO, "nonce": "0x10000000000000000"}),
                RequestError::Hex {
                    field: "nonce",
                    source: HexError::Overflow { bits: 64 },
                },
            ),
            (
                json!({"to": TO, "data": "0x123"}),
                RequestError::Hex {
                    field: "data",
                    source: HexError::OddLength,
                },
            ),
            (
                json!({"to": TO, "data": "0xzz"}),
                RequestError::Hex {
                    field: "data",
                    source: HexError::NotHex,
                },
            ),
            (
                json!({"to": "0x1234"}),
                RequestError::Address {
                    field: "to",
                    source: AddressError::Length { found: 4 },
                },
            ),
            (
                json!({"to": "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"}),
                RequestError::Address {
                    field: "to",
                    source: AddressError::BadChecksum,
                },
            ),
            (
                json!({"to": TO, "from": "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"}),
                RequestError::Address {
                    field: "from",
                    source: AddressError::MissingPrefix,
                },
            ),
            (
                json!({"to": TO, "chainId": "0x0"}),
                RequestError::ChainId(ChainIdError::Zero),
            ),
            (
                json!({"to": TO, "chainId": "0x20000000000000"}),
                RequestError::ChainId(ChainIdError::TooLarge),
            ),
            (
                json!({"to": TO, "chainId": "0x10000000000000000"}),
                RequestError::ChainId(ChainIdError::TooLarge),
            ),
            (
                json!({"to": TO, "accessList": {}}),
                RequestError::WrongJsonType {
                    field: "accessList",
                    expected: "an array",
                },
            ),
            (
                json!({"to": TO, "accessList": [{"address": "0x12"}]}),
                RequestError::AccessList { index: 0 },
            ),
            (
                json!({"to": TO, "accessList": [{"address": TO}, {"address": TO, "storageKeys": ["0x01"]}]}),
                RequestError::AccessList { index: 1 },
            ),
            (
                json!({"to": TO, "data": "0x01", "input": "0x02"}),
                RequestError::ConflictingData,
            ),
            (
                json!({"to": TO, "gas": "0x1", "gasLimit": "0x2"}),
                RequestError::ConflictingGas,
            ),
            (
                json!({"to": TO, "gasPrice": "0x1", "maxFeePerGas": "0x1"}),
                RequestError::ConflictingFees,
            ),
            (
                json!({"to": TO, "gasPrice": "0x1", "maxPriorityFeePerGas": "0x1"}),
                RequestError::ConflictingFees,
            ),
            (
                json!({"to": TO, "maxFeePerGas": "0x1", "maxPriorityFeePerGas": "0x2"}),
                RequestError::PriorityFeeAboveMaxFee,
            ),
            (
                json!({"to": TO, "type": "0x0", "maxFeePerGas": "0x1"}),
                RequestError::FeesDoNotMatchType { tx_type: 0 },
            ),
            (
                json!({"to": TO, "type": "0x1", "maxFeePerGas": "0x1"}),
                RequestError::FeesDoNotMatchType { tx_type: 1 },
            ),
            (
                json!({"to": TO, "type": "0x2", "gasPrice": "0x1"}),
                RequestError::FeesDoNotMatchType { tx_type: 2 },
            ),
            (
                json!({"to": TO, "type": "0x0", "accessList": []}),
                RequestError::AccessListNotAllowed,
            ),
            (
                json!({"to": TO, "type": "0x3"}),
                RequestError::UnsupportedType {
                    value: U256::from(3u64),
                },
            ),
            (
                json!({"to": TO, "type": "0x100"}),
                RequestError::UnsupportedType {
                    value: U256::from(256u64),
                },
            ),
            (json!({"value": "0x1"}), RequestError::EmptyContractCreation),
            (
                json!({"to": null, "data": "0x"}),
                RequestError::EmptyContractCreation,
            ),
        ];
        for (value, expected) in cases {
            assert_eq!(parse(value.clone()), Err(expected), "{value}");
        }
        assert_eq!(
            TransactionRequest::from_json("not json"),
            Err(RequestError::NotAnObject)
        );
    }

    #[test]
    fn a_contract_creation_carries_code() {
        let request = parse(
            json!({"data": "0x6000", "gasPrice": "0x1", "gas": "0x1", "nonce": "0x0", "chainId": "0x5"}),
        )
        .unwrap();
        let tx = request.to_transaction().unwrap();
        assert_eq!(tx.to(), None);
        assert_eq!(tx.input(), [0x60, 0]);
        assert_eq!(tx.chain_id(), Some(ChainId::new(5).unwrap()));
    }

    #[test]
    fn rechecks_fields_changed_after_parsing() {
        let mut request =
            parse(json!({"to": TO, "gasPrice": "0x1", "gas": "0x1", "nonce": "0x0", "chainId": "0x1"}))
                .unwrap();
        request.max_fee_per_gas = Some(U256::from(1u64));
        assert_eq!(request.to_transaction(), Err(RequestError::ConflictingFees));
    }
}
