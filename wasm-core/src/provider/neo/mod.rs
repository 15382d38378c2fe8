#![doc = include_str!("README.md")]

mod amount;
mod error;
mod host;
mod methods;
mod nep21;
pub mod tx;

#[cfg(test)]
pub(crate) mod fake;
#[cfg(test)]
mod tests;

use serde_json::Value;

pub use amount::{format_amount, parse_amount};
pub use error::{NeoError, NeoErrorKind};
pub use host::{NeoAccountView, NeoHost, neoline_chain_id};
pub use methods::{NeoMethod, nep17_balances, networks as methods_networks, provider_info, transfer_of};
pub use nep21::Nep21Method;

use super::Origin;

/// Which page-facing surface a request came from; it decides the error shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    /// NeoLine's `NEOLineN3.Init` object.
    NeoLine,
    /// The NEP-21 provider.
    Nep21,
}

/// The event-name prefix of NEO events pushed to pages (`neo:ACCOUNT_CHANGED`).
pub const EVENT_PREFIX: &str = "neo:";

/// Answers one NEO request from `origin`: `Ok(result)` or `Err(error JSON)` in the shape of
/// the request's API (see the README).
pub async fn dispatch(raw: &Value, origin: &Origin, host: &impl NeoHost) -> Result<Value, Value> {
    let api = match raw.get("api").and_then(Value::as_str) {
        Some("nep21") => Api::Nep21,
        _ => Api::NeoLine,
    };
    run(raw, api, origin, host).await.map_err(|e| e.to_json(api))
}

async fn run(raw: &Value, api: Api, origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
    let method = raw
        .get("method")
        .and_then(Value::as_str)
        .ok_or_else(|| NeoError::malformed("the request has no method"))?;
    let params = raw.get("params").cloned().unwrap_or(Value::Null);
    match api {
        Api::NeoLine => {
            let method = NeoMethod::from_name(method).ok_or_else(|| {
                NeoError::new(
                    NeoErrorKind::Unsupported,
                    format!("Formica does not support the NEO method {method}"),
                )
            })?;
            method.run(&params, origin, host).await
        }
        Api::Nep21 => {
            let method = Nep21Method::from_name(method).ok_or_else(|| {
                NeoError::new(
                    NeoErrorKind::Unsupported,
                    format!("Formica does not support the NEP-21 method {method}"),
                )
            })?;
            method.run(&params, origin, host).await
        }
    }
}
