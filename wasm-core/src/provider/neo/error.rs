//! NEO dAPI errors: NeoLine's `{type, description, data}` and NEP-21's `{type, message, code,
//! detail}`.

use serde_json::{Value, json};

use super::Api;

/// NeoLine's error types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NeoErrorKind {
    /// The site is not connected, or the user refused to connect it.
    ConnectionDenied,
    /// The node failed or could not be reached.
    RpcError,
    /// The params do not fit the method.
    MalformedInput,
    /// The user rejected the request.
    Canceled,
    /// The account cannot pay.
    InsufficientFunds,
    /// The script faulted.
    Failed,
    /// The request names another network than the wallet's.
    ChainNotMatch,
    /// The account is not the site's, or the wallet is locked.
    Unauthorized,
    /// Not implemented.
    Unsupported,
    /// Anything else.
    Unknown,
}

impl NeoErrorKind {
    /// NeoLine's type string.
    pub const fn neoline(self) -> &'static str {
        match self {
            Self::ConnectionDenied => "CONNECTION_DENIED",
            Self::RpcError => "RPC_ERROR",
            Self::MalformedInput => "MALFORMED_INPUT",
            Self::Canceled => "CANCELED",
            Self::InsufficientFunds => "INSUFFICIENT_FUNDS",
            Self::Failed => "FAILED",
            Self::ChainNotMatch => "CHAIN_NOT_MATCH",
            Self::Unauthorized => "UNAUTHORIZED",
            Self::Unsupported => "UNSUPPORTED",
            Self::Unknown => "UNKNOWN",
        }
    }

    /// NEP-21's type string and NeoLine-NEP-21's numeric code.
    pub const fn nep21(self) -> (&'static str, u32) {
        match self {
            Self::MalformedInput | Self::ChainNotMatch | Self::Unauthorized => ("INVALID", 10002),
            Self::ConnectionDenied | Self::Canceled => ("CANCELED", 10006),
            Self::RpcError => ("RPC_ERROR", 10008),
            Self::InsufficientFunds => ("INSUFFICIENT_FUNDS", 10007),
            Self::Failed => ("FAILED", 10004),
            Self::Unsupported => ("UNSUPPORTED", 10001),
            Self::Unknown => ("UNKNOWN", 10000),
        }
    }
}

/// A NEO dAPI error.
#[derive(Clone, Debug, PartialEq)]
pub struct NeoError {
    /// The type.
    pub kind: NeoErrorKind,
    /// A sentence for the developer.
    pub description: String,
    /// Extra data (the node's error, the fault's exception), or `null`.
    pub data: Value,
}

impl NeoError {
    /// An error without data.
    pub fn new(kind: NeoErrorKind, description: impl Into<String>) -> Self {
        Self {
            kind,
            description: description.into(),
            data: Value::Null,
        }
    }

    /// `MALFORMED_INPUT`.
    pub fn malformed(description: impl Into<String>) -> Self {
        Self::new(NeoErrorKind::MalformedInput, description)
    }

    /// `CANCELED`: the user said no.
    pub fn canceled() -> Self {
        Self::new(NeoErrorKind::Canceled, "the user rejected the request")
    }

    /// `CONNECTION_DENIED`: not connected.
    pub fn not_connected() -> Self {
        Self::new(
            NeoErrorKind::ConnectionDenied,
            "this site is not connected to Formica: call getAccount first",
        )
    }

    /// Adds data.
    #[must_use]
    pub fn with_data(mut self, data: Value) -> Self {
        self.data = data;
        self
    }

    /// The error as `api` shapes it.
    pub fn to_json(&self, api: Api) -> Value {
        match api {
            Api::NeoLine | Api::NeoLineLegacy => json!({
                "type": self.kind.neoline(),
                "description": self.description,
                "data": self.data,
            }),
            Api::Nep21 => {
                let (kind, code) = self.kind.nep21();
                let mut out = json!({"type": kind, "message": self.description, "code": code});
                if !self.data.is_null() {
                    out["detail"] = self.data.clone();
                }
                out
            }
        }
    }
}
