//! Provider dispatch: what a page's `window.ethereum.request()` reaches.
//!
//! Every request passes one fixed pipeline before any handler runs:
//! well-formed envelope (-32600) → known method (4200) → valid params (-32602) → handler.
//! The wallet-state stages (unlocked → origin connected → user approval) slot in after the
//! params stage as methods that need them arrive; the router table declares each method's needs.

mod methods;
mod origin;
mod request;
mod router;

use serde_json::Value;

use crate::api::{ChainId, PageReply, ProviderError, ProviderErrorCode};

pub use origin::{Origin, OriginError};
pub use request::{Params, Request};
pub use router::Method;

/// What handlers may read of the wallet. Each handler takes only the fields it uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Context {
    /// The selected EVM chain.
    pub chain_id: ChainId,
}

/// Answers one page request.
pub fn dispatch(raw: &Value, ctx: &Context) -> PageReply {
    match run(raw, ctx) {
        Ok(result) => PageReply::Result(result),
        Err(error) => PageReply::Error(error),
    }
}

fn run(raw: &Value, ctx: &Context) -> Result<Value, ProviderError> {
    let request = Request::parse(raw)?;
    let method = Method::from_name(&request.method).ok_or_else(|| {
        ProviderError::new(
            ProviderErrorCode::UnsupportedMethod,
            format!("Formica does not support the method {}", request.method),
        )
    })?;
    let call = method.validate(&request.params)?;
    Ok(call.run(ctx))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn ctx(id: u64) -> Context {
        Context {
            chain_id: ChainId::new(id).unwrap(),
        }
    }

    fn code(reply: PageReply) -> i32 {
        match reply {
            PageReply::Error(e) => e.code.code(),
            PageReply::Result(v) => panic!("expected an error, got {v}"),
        }
    }

    #[test]
    fn answers_chain_id_and_net_version_for_the_selected_network() {
        let c = ctx(31_337);
        assert_eq!(
            dispatch(&json!({"method": "eth_chainId"}), &c),
            PageReply::Result(json!("0x7a69"))
        );
        assert_eq!(
            dispatch(&json!({"method": "eth_chainId", "params": []}), &c),
            PageReply::Result(json!("0x7a69"))
        );
        assert_eq!(
            dispatch(&json!({"method": "net_version"}), &c),
            PageReply::Result(json!("31337"))
        );
        assert_eq!(
            dispatch(&json!({"method": "eth_chainId"}), &ctx(1)),
            PageReply::Result(json!("0x1"))
        );
    }

    #[test]
    fn refuses_bad_requests_with_the_standard_codes() {
        let c = ctx(1);
        let table = [
            (json!({"method": "eth_doesNotExist"}), 4200),
            (json!({"method": "eth_sign", "params": []}), 4200),
            (json!({"method": "eth_chainid"}), 4200),
            (json!("eth_chainId"), -32600),
            (json!(null), -32600),
            (json!({}), -32600),
            (json!({"method": 42}), -32600),
            (json!({"method": "eth_chainId", "params": "x"}), -32600),
            (json!({"method": "eth_chainId", "params": [1]}), -32602),
            (json!({"method": "net_version", "params": {"a": 1}}), -32602),
            // A malformed envelope is reported as such even when the method is unknown.
            (json!({"method": "eth_nope", "params": 1}), -32600),
        ];
        for (request, expected) in table {
            assert_eq!(code(dispatch(&request, &c)), expected, "{request}");
        }
    }
}
