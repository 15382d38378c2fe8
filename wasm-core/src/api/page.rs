use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The error codes a page can receive (EIP-1193 provider errors and JSON-RPC 2.0 errors).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "i32", from = "i32")]
pub enum ProviderErrorCode {
    /// 4001: the user rejected the request.
    UserRejected,
    /// 4100: the method or account is not authorized for this origin.
    Unauthorized,
    /// 4200: the provider does not support the method.
    UnsupportedMethod,
    /// 4900: the provider is disconnected from all chains.
    Disconnected,
    /// 4901: the provider is not connected to the requested chain.
    ChainDisconnected,
    /// -32002: a request from this origin is already waiting for the user.
    ResourceUnavailable,
    /// -32600: the request is not a valid request object.
    InvalidRequest,
    /// -32602: the method's parameters are invalid.
    InvalidParams,
    /// -32603: the wallet failed internally.
    Internal,
    /// 4902: the chain is not known to the wallet (EIP-3326; add it first).
    UnrecognizedChain,
    /// A code the chain's node answered with, passed on unchanged (e.g. -32000 for a revert).
    Node(i32),
}

impl ProviderErrorCode {
    /// The numeric code on the wire.
    pub const fn code(self) -> i32 {
        match self {
            Self::UserRejected => 4001,
            Self::Unauthorized => 4100,
            Self::UnsupportedMethod => 4200,
            Self::Disconnected => 4900,
            Self::ChainDisconnected => 4901,
            Self::ResourceUnavailable => -32002,
            Self::InvalidRequest => -32600,
            Self::InvalidParams => -32602,
            Self::Internal => -32603,
            Self::UnrecognizedChain => 4902,
            Self::Node(code) => code,
        }
    }
}

impl From<ProviderErrorCode> for i32 {
    fn from(code: ProviderErrorCode) -> Self {
        code.code()
    }
}

impl From<i32> for ProviderErrorCode {
    /// The known code, or [`ProviderErrorCode::Node`] for any other.
    fn from(value: i32) -> Self {
        [
            Self::UserRejected,
            Self::Unauthorized,
            Self::UnsupportedMethod,
            Self::Disconnected,
            Self::ChainDisconnected,
            Self::ResourceUnavailable,
            Self::InvalidRequest,
            Self::InvalidParams,
            Self::Internal,
            Self::UnrecognizedChain,
        ]
        .into_iter()
        .find(|c| c.code() == value)
        .unwrap_or(Self::Node(value))
    }
}

/// An EIP-1193 error as a page receives it: `{code, message, data?}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProviderError {
    /// The numeric code.
    pub code: ProviderErrorCode,
    /// A human-readable sentence.
    pub message: String,
    /// Optional detail, e.g. which parameter was wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
}

impl ProviderError {
    /// Makes an error without data.
    pub fn new(code: ProviderErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            data: None,
        }
    }
}

/// The engine's answer to one page request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageReply {
    /// The method's result.
    Result(Value),
    /// The method failed.
    Error(ProviderError),
    /// A NEO dAPI method failed: the error in its API's own shape (`{type, description, data}`
    /// for NeoLine), passed to the page as is.
    #[serde(rename = "error", skip_deserializing)]
    NeoError(Value),
}

/// An event pushed to pages (`chainChanged`, `accountsChanged`, …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageEvent {
    /// The EIP-1193 event name.
    pub name: String,
    /// The event's argument.
    pub data: Value,
}
