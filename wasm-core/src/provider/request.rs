//! The EIP-1193 request envelope: `{ method: string, params?: unknown[] | object }`.

use serde_json::{Map, Value};

use crate::api::{ProviderError, ProviderErrorCode};

/// A request's parameters, as JSON-RPC 2.0 allows them.
#[derive(Clone, Debug, PartialEq)]
pub enum Params {
    /// `params` was absent (or `undefined`/`null`, which JS callers send for "none").
    None,
    /// By position.
    Positional(Vec<Value>),
    /// By name.
    Named(Map<String, Value>),
}

impl Params {
    /// Whether the request carries no parameters at all (absent, `[]` or `{}`).
    pub fn is_empty(&self) -> bool {
        match self {
            Self::None => true,
            Self::Positional(v) => v.is_empty(),
            Self::Named(m) => m.is_empty(),
        }
    }
}

/// A well-formed request: a method name and its parameters, not yet known to be supported.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The method name as the page wrote it.
    pub method: String,
    /// The parameters.
    pub params: Params,
}

fn invalid(message: &str) -> ProviderError {
    ProviderError::new(ProviderErrorCode::InvalidRequest, message)
}

impl Request {
    /// Reads the envelope a page passed to `request()`.
    ///
    /// # Errors
    /// -32600 when the argument is not an object, `method` is missing, empty or not a string,
    /// or `params` is neither an array nor an object.
    pub fn parse(raw: &Value) -> Result<Self, ProviderError> {
        let Value::Object(fields) = raw else {
            return Err(invalid("the request must be an object { method, params }"));
        };
        let method = match fields.get("method") {
            Some(Value::String(m)) if !m.is_empty() => m.clone(),
            Some(_) => return Err(invalid("the request's method must be a non-empty string")),
            None => return Err(invalid("the request has no method")),
        };
        let params = match fields.get("params") {
            None | Some(Value::Null) => Params::None,
            Some(Value::Array(items)) => Params::Positional(items.clone()),
            Some(Value::Object(named)) => Params::Named(named.clone()),
            Some(_) => return Err(invalid("the request's params must be an array or an object")),
        };
        Ok(Self { method, params })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_well_formed_envelopes() {
        let r = Request::parse(&json!({"method": "eth_chainId"})).unwrap();
        assert_eq!((r.method.as_str(), r.params), ("eth_chainId", Params::None));
        let r = Request::parse(&json!({"method": "x", "params": [1, "a"]})).unwrap();
        assert_eq!(r.params, Params::Positional(vec![json!(1), json!("a")]));
        let r = Request::parse(&json!({"method": "x", "params": {"a": 1}})).unwrap();
        assert!(matches!(r.params, Params::Named(_)));
    }

    #[test]
    fn refuses_malformed_envelopes_with_32600() {
        for bad in [
            json!(null),
            json!("eth_chainId"),
            json!(["eth_chainId"]),
            json!({}),
            json!({"method": 42}),
            json!({"method": ""}),
            json!({"method": "eth_chainId", "params": "x"}),
            json!({"method": "eth_chainId", "params": 7}),
        ] {
            let err = Request::parse(&bad).unwrap_err();
            assert_eq!(err.code, ProviderErrorCode::InvalidRequest, "{bad}");
        }
    }
}
