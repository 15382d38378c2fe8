#![doc = include_str!("README.md")]

mod amount;
mod error;
mod host;
mod neoline;
mod nep21;
pub mod tx;

#[cfg(test)]
pub(crate) mod fake;
#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;

use serde_json::Value;

pub use amount::{format_amount, parse_amount};
pub use error::{NeoError, NeoErrorKind};
pub use host::{NeoAccountView, NeoHost, neoline_chain_id};
pub use neoline::{NeoMethod, nep17_balances, networks as methods_networks, provider_info, transfer_of};
pub use nep21::Nep21Method;

use super::Origin;

/// Which page-facing surface a request came from; it decides the error shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    /// NeoLine's `NEOLineN3.Init` object.
    NeoLine,
    /// NeoLine's `NEOLine.Init` object: the NEO Legacy (N2) dAPI, whose chain-independent
    /// methods N3 dApps still call (see [`LEGACY_COMMON`]).
    NeoLineLegacy,
    /// The NEP-21 provider.
    Nep21,
}

/// The event-name prefix of NEO events pushed to pages (`neo:ACCOUNT_CHANGED`).
pub const EVENT_PREFIX: &str = "neo:";

/// The methods of NeoLine's legacy `NEOLine.Init` that answer with N3 data when the wallet is
/// on N3 (NeoLine's content script calls them "common dapi methods"); its NEO Legacy methods
/// (getBalance, invokeRead, signMessage, …) answer `CHAIN_NOT_MATCH`, as NeoLine does on N3.
pub const LEGACY_COMMON: &[&str] = &[
    "getProvider",
    "getNetworks",
    "getAccount",
    "getPublicKey",
    "pickAddress",
    "switchWalletNetwork",
    "switchWalletAccount",
];

/// The NEO Legacy methods of `NEOLine.Init` (NeoNEXT/neoline `extension/dapi/index.ts`).
pub const LEGACY_N2: &[&str] = &[
    "getBalance",
    "getStorage",
    "invokeRead",
    "invokeReadMulti",
    "verifyMessage",
    "getTransaction",
    "signMessage",
    "getBlock",
    "getApplicationLog",
    "invoke",
    "invokeMulti",
    "send",
    "deploy",
];

/// The connected account for a method that needs one: CONNECTION_DENIED before connecting (no
/// window opens), an unlock prompt while locked.
async fn require(origin: &Origin, host: &impl NeoHost) -> Result<NeoAccountView, NeoError> {
    if !host.is_connected(origin) {
        return Err(NeoError::not_connected());
    }
    host.connect(origin).await
}

/// Answers one NEO request from `origin`: `Ok(result)` or `Err(error JSON)` in the shape of
/// the request's API (see the README).
pub async fn dispatch(raw: &Value, origin: &Origin, host: &impl NeoHost) -> Result<Value, Value> {
    let api = match raw.get("api").and_then(Value::as_str) {
        Some("nep21") => Api::Nep21,
        Some("neoline-legacy") => Api::NeoLineLegacy,
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
        Api::NeoLineLegacy if LEGACY_N2.contains(&method) => Err(NeoError::new(
            NeoErrorKind::ChainNotMatch,
            format!(
                "{method} is a NEO Legacy (N2) method and Formica is on NEO N3: call it on new NEOLineN3.Init()"
            ),
        )),
        Api::NeoLineLegacy if !LEGACY_COMMON.contains(&method) => Err(NeoError::new(
            NeoErrorKind::Unsupported,
            format!("NEOLine.Init has no method {method}"),
        )),
        Api::NeoLine | Api::NeoLineLegacy => {
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
