//! Wallet call batches (EIP-5792, version 2.0.0): the `wallet_sendCalls` request, the
//! status codes of `wallet_getCallsStatus`, and the receipts it returns.
//!
//! Formica executes a batch as separate transactions, one after the other, so it never
//! promises atomicity: `wallet_getCapabilities` says `atomic: unsupported`, and a batch that
//! requires atomic execution is refused with 5760.
//!
//! Spec: <https://eips.ethereum.org/EIPS/eip-5792>.

use serde_json::{Map, Value, json};

use super::primitives::U256;
use super::quantity::{parse_data, parse_quantity};
use super::{Address, eip3085::parse_chain_id};
use crate::api::ChainId;

/// The version of the request and answer shapes.
pub const VERSION: &str = "2.0.0";

/// The most calls one batch may carry (5740 beyond).
pub const MAX_CALLS: usize = 16;

/// The longest batch id a dApp may choose (EIP-5792: at most 4096 bytes).
pub const MAX_ID_LEN: usize = 4096;

/// EIP-5792 error codes.
pub mod codes {
    /// A capability the wallet does not support was marked non-optional.
    pub const UNSUPPORTED_CAPABILITY: i32 = 5700;
    /// The chain id is not supported.
    pub const UNSUPPORTED_CHAIN: i32 = 5710;
    /// A batch with this id exists already.
    pub const DUPLICATE_ID: i32 = 5720;
    /// No batch has this id.
    pub const UNKNOWN_BUNDLE: i32 = 5730;
    /// Too many calls.
    pub const BUNDLE_TOO_LARGE: i32 = 5740;
    /// Atomic execution was required and is not supported.
    pub const ATOMICITY_NOT_SUPPORTED: i32 = 5760;
}

/// Why `wallet_sendCalls` params are refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendCallsError {
    /// Not `[{ version, chainId, atomicRequired, calls, … }]`.
    #[error(
        "wallet_sendCalls takes [{{version: \"2.0.0\", chainId, atomicRequired, calls: [{{to, data, value}}], from?, id?, capabilities?}}]"
    )]
    Shape,
    /// A version other than 2.0.0.
    #[error("version must be \"2.0.0\"")]
    Version,
    /// `chainId` is not a hex chain id.
    #[error("chainId must be a 0x-prefixed hex chain id")]
    ChainId,
    /// `from` is not an address.
    #[error("from must be an address")]
    From,
    /// `id` is empty, too long or not a string.
    #[error("id must be a string of 1 to 4096 characters")]
    Id,
    /// `atomicRequired` is missing or not a boolean.
    #[error("atomicRequired must be true or false")]
    AtomicRequired,
    /// `calls` is empty or not an array.
    #[error("calls must be a non-empty array")]
    NoCalls,
    /// Too many calls.
    #[error("a batch carries at most {MAX_CALLS} calls")]
    TooMany,
    /// A call is malformed.
    #[error("call {index}: {reason}")]
    Call {
        /// Its position.
        index: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// A capability marked non-optional (Formica supports none in requests).
    #[error("capability {0} is not supported")]
    Capability(String),
}

impl SendCallsError {
    /// The error code a page gets.
    pub const fn code(&self) -> i32 {
        match self {
            Self::TooMany => codes::BUNDLE_TOO_LARGE,
            Self::Capability(_) => codes::UNSUPPORTED_CAPABILITY,
            _ => -32602,
        }
    }
}

/// One call of a batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchCall {
    /// The recipient; `None` deploys a contract from `data`.
    pub to: Option<Address>,
    /// Call data.
    pub data: Vec<u8>,
    /// Wei sent.
    pub value: U256,
}

/// A checked `wallet_sendCalls` request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendCalls {
    /// The chain the calls are for.
    pub chain_id: ChainId,
    /// The sender the dApp asks for.
    pub from: Option<Address>,
    /// The dApp's id for the batch, if it chose one.
    pub id: Option<String>,
    /// Whether the dApp requires all-or-nothing execution.
    pub atomic_required: bool,
    /// The calls, in order.
    pub calls: Vec<BatchCall>,
}

/// Refuses any capability not marked `optional: true` (Formica supports none in requests).
fn check_capabilities(value: Option<&Value>) -> Result<(), SendCallsError> {
    match value {
        None | Some(Value::Null) => Ok(()),
        Some(Value::Object(caps)) => {
            for (name, cap) in caps {
                if cap.get("optional").and_then(Value::as_bool) != Some(true) {
                    return Err(SendCallsError::Capability(name.clone()));
                }
            }
            Ok(())
        }
        Some(_) => Err(SendCallsError::Shape),
    }
}

fn call(index: usize, value: &Value) -> Result<BatchCall, SendCallsError> {
    let bad = |reason| SendCallsError::Call { index, reason };
    let object = value.as_object().ok_or(bad("not an object"))?;
    if object
        .keys()
        .any(|k| !matches!(k.as_str(), "to" | "data" | "value" | "capabilities"))
    {
        return Err(bad("unexpected key (a call has to, data, value, capabilities)"));
    }
    let text = |key| match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(bad("to, data and value are hex strings")),
    };
    let to = text("to")?
        .map(|s| s.parse::<Address>().map_err(|_| bad("to is not an address")))
        .transpose()?;
    let data = text("data")?
        .map(|s| parse_data(s).map_err(|_| bad("data is not hex data")))
        .transpose()?
        .unwrap_or_default();
    let value = text("value")?
        .map(|s| parse_quantity(s).map_err(|_| bad("value is not a hex quantity")))
        .transpose()?
        .unwrap_or(U256::ZERO);
    if to.is_none() && data.is_empty() {
        return Err(bad("a call without to must carry contract code"));
    }
    check_capabilities(object.get("capabilities"))?;
    Ok(BatchCall { to, data, value })
}

impl SendCalls {
    /// Checks `wallet_sendCalls`' one param.
    ///
    /// # Errors
    /// [`SendCallsError`] for the first rule broken.
    pub fn from_value(value: &Value) -> Result<Self, SendCallsError> {
        let object: &Map<String, Value> = value.as_object().ok_or(SendCallsError::Shape)?;
        if object.keys().any(|k| {
            !matches!(
                k.as_str(),
                "version" | "id" | "from" | "chainId" | "atomicRequired" | "calls" | "capabilities"
            )
        }) {
            return Err(SendCallsError::Shape);
        }
        if object.get("version").and_then(Value::as_str) != Some(VERSION) {
            return Err(SendCallsError::Version);
        }
        let chain_id = object
            .get("chainId")
            .and_then(Value::as_str)
            .ok_or(SendCallsError::ChainId)
            .and_then(|s| parse_chain_id(s).map_err(|_| SendCallsError::ChainId))?;
        let from = match object.get("from") {
            None | Some(Value::Null) => None,
            Some(v) => Some(
                v.as_str()
                    .and_then(|s| s.parse::<Address>().ok())
                    .ok_or(SendCallsError::From)?,
            ),
        };
        let id = match object.get("id") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if !s.is_empty() && s.len() <= MAX_ID_LEN => Some(s.clone()),
            Some(_) => return Err(SendCallsError::Id),
        };
        let atomic_required = object
            .get("atomicRequired")
            .and_then(Value::as_bool)
            .ok_or(SendCallsError::AtomicRequired)?;
        let calls = object
            .get("calls")
            .and_then(Value::as_array)
            .filter(|c| !c.is_empty())
            .ok_or(SendCallsError::NoCalls)?;
        if calls.len() > MAX_CALLS {
            return Err(SendCallsError::TooMany);
        }
        let calls = calls
            .iter()
            .enumerate()
            .map(|(i, c)| call(i, c))
            .collect::<Result<Vec<_>, _>>()?;
        check_capabilities(object.get("capabilities"))?;
        Ok(Self {
            chain_id,
            from,
            id,
            atomic_required,
            calls,
        })
    }
}

/// A batch's status code (EIP-5792 v2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchStatus {
    /// 100: not all transactions are included yet.
    Pending,
    /// 200: every transaction is included and succeeded.
    Confirmed,
    /// 400: nothing reached the chain.
    FailedOffchain,
    /// 500: every transaction that reached the chain reverted.
    Reverted,
    /// 600: some changes reached the chain, some did not.
    PartiallyReverted,
}

impl BatchStatus {
    /// The numeric code.
    pub const fn code(self) -> u16 {
        match self {
            Self::Pending => 100,
            Self::Confirmed => 200,
            Self::FailedOffchain => 400,
            Self::Reverted => 500,
            Self::PartiallyReverted => 600,
        }
    }

    /// The status of a batch of `calls` calls of which the first `sent` were broadcast
    /// (a broadcast failure stops the rest), given the receipts of the sent ones (`None`
    /// while not included) as success flags.
    pub fn of(calls: usize, sent: usize, receipts: &[Option<bool>]) -> Self {
        if sent == 0 {
            return Self::FailedOffchain;
        }
        if receipts.iter().take(sent).any(Option::is_none) {
            return Self::Pending;
        }
        let ok = receipts.iter().take(sent).filter(|r| **r == Some(true)).count();
        match (ok, sent == calls) {
            (n, true) if n == calls => Self::Confirmed,
            (0, _) => Self::Reverted,
            _ => Self::PartiallyReverted,
        }
    }
}

/// A receipt as `wallet_getCallsStatus` returns it, from an `eth_getTransactionReceipt`
/// answer; `None` unless it has the fields the answer needs. Its success flag is `status`
/// `0x1`.
pub fn call_receipt(receipt: &Value) -> Option<(Value, bool)> {
    let field = |k: &str| receipt.get(k).and_then(Value::as_str).map(str::to_owned);
    let status = field("status")?;
    let logs: Vec<Value> = receipt
        .get("logs")
        .and_then(Value::as_array)?
        .iter()
        .map(|l| {
            json!({
                "address": l.get("address").cloned().unwrap_or(Value::Null),
                "data": l.get("data").cloned().unwrap_or(Value::Null),
                "topics": l.get("topics").cloned().unwrap_or(Value::Null),
            })
        })
        .collect();
    let shaped = json!({
        "logs": logs,
        "status": status,
        "blockHash": field("blockHash")?,
        "blockNumber": field("blockNumber")?,
        "gasUsed": field("gasUsed")?,
        "transactionHash": field("transactionHash")?,
    });
    Some((shaped, status == "0x1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> Value {
        json!({
            "version": "2.0.0",
            "chainId": "0x7a69",
            "from": "0x9858EfFD232B4033E47d90003D41EC34EcaEda94",
            "atomicRequired": false,
            "calls": [
                {"to": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "value": "0x1"},
                {"to": "0x5FbDB2315678afecb367f032d93F642f64180aa3", "data": "0xa9059cbb", "capabilities": {"x": {"optional": true}}}
            ],
            "capabilities": {"paymasterService": {"url": "https://pm.example", "optional": true}}
        })
    }

    fn with(key: &str, value: Value) -> Value {
        let mut v = good();
        v[key] = value;
        v
    }

    #[test]
    fn reads_a_v2_request() {
        let calls = SendCalls::from_value(&good()).unwrap();
        assert_eq!(calls.chain_id.get(), 31_337);
        assert!(!calls.atomic_required);
        assert_eq!(calls.calls.len(), 2);
        assert_eq!(calls.calls[0].value, U256::from(1_u8));
        assert_eq!(calls.calls[1].data, vec![0xa9, 0x05, 0x9c, 0xbb]);
        assert_eq!(calls.id, None);
        assert_eq!(
            SendCalls::from_value(&with("id", json!("batch-1")))
                .unwrap()
                .id
                .as_deref(),
            Some("batch-1")
        );
    }

    #[test]
    fn refuses_malformed_requests_with_their_codes() {
        let too_many = json!(
            (0..=MAX_CALLS)
                .map(|_| json!({"to": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}))
                .collect::<Vec<_>>()
        );
        let cases = [
            (json!([]), SendCallsError::Shape, -32602),
            (with("version", json!("1.0")), SendCallsError::Version, -32602),
            (with("chainId", json!(31_337)), SendCallsError::ChainId, -32602),
            (with("from", json!("0x12")), SendCallsError::From, -32602),
            (with("id", json!("")), SendCallsError::Id, -32602),
            (with("id", json!("x".repeat(4097))), SendCallsError::Id, -32602),
            (
                with("atomicRequired", json!("no")),
                SendCallsError::AtomicRequired,
                -32602,
            ),
            (with("calls", json!([])), SendCallsError::NoCalls, -32602),
            (with("calls", too_many), SendCallsError::TooMany, 5740),
            (
                with("calls", json!([{"to": "0x12"}])),
                SendCallsError::Call {
                    index: 0,
                    reason: "to is not an address",
                },
                -32602,
            ),
            (
                with("calls", json!([{"value": "0x1"}])),
                SendCallsError::Call {
                    index: 0,
                    reason: "a call without to must carry contract code",
                },
                -32602,
            ),
            (
                with(
                    "calls",
                    json!([{"to": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "gas": "0x1"}]),
                ),
                SendCallsError::Call {
                    index: 0,
                    reason: "unexpected key (a call has to, data, value, capabilities)",
                },
                -32602,
            ),
            (
                with(
                    "capabilities",
                    json!({"paymasterService": {"url": "https://pm.example"}}),
                ),
                SendCallsError::Capability("paymasterService".into()),
                5700,
            ),
            (with("extra", json!(1)), SendCallsError::Shape, -32602),
        ];
        for (params, error, code) in cases {
            let got = SendCalls::from_value(&params).unwrap_err();
            assert_eq!(got, error, "{params}");
            assert_eq!(got.code(), code);
        }
    }

    #[test]
    fn status_codes_follow_the_spec() {
        assert_eq!(BatchStatus::of(2, 0, &[]).code(), 400);
        assert_eq!(BatchStatus::of(2, 2, &[Some(true), None]).code(), 100);
        assert_eq!(BatchStatus::of(2, 2, &[Some(true), Some(true)]).code(), 200);
        assert_eq!(BatchStatus::of(2, 2, &[Some(false), Some(false)]).code(), 500);
        assert_eq!(BatchStatus::of(2, 2, &[Some(true), Some(false)]).code(), 600);
        // The second could not be broadcast: what reached the chain is a partial batch.
        assert_eq!(BatchStatus::of(2, 1, &[Some(true)]).code(), 600);
        assert_eq!(BatchStatus::of(2, 1, &[Some(false)]).code(), 500);
    }

    #[test]
    fn receipts_are_shaped_as_the_spec_says() {
        let node = json!({
            "transactionHash": "0xaa", "blockHash": "0xbb", "blockNumber": "0x5", "gasUsed": "0x5208",
            "status": "0x1", "logs": [{"address": "0xcc", "data": "0x", "topics": ["0xdd"], "logIndex": "0x0"}],
            "cumulativeGasUsed": "0x5208"
        });
        let (shaped, ok) = call_receipt(&node).unwrap();
        assert!(ok);
        assert_eq!(
            shaped["logs"][0],
            json!({"address": "0xcc", "data": "0x", "topics": ["0xdd"]})
        );
        assert_eq!(shaped["transactionHash"], "0xaa");
        assert!(shaped.get("cumulativeGasUsed").is_none());
        assert_eq!(call_receipt(&json!({"status": "0x1"})), None);
        assert_eq!(call_receipt(&Value::Null), None);
    }
}
