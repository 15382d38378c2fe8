//! Provider dispatch: what a page's `window.ethereum.request()` reaches.
//!
//! Every request passes one fixed pipeline before any handler runs:
//! well-formed envelope (-32600) → known method (4200) → valid params (-32602) → handler.
//! Handlers reach the wallet only through [`Host`]: what an origin may see (nothing while
//! locked or not connected) and the prompts that unlock, connect or approve.

mod host;
mod methods;
pub mod neo;
mod origin;
mod request;
mod router;

use serde_json::Value;

use crate::api::{PageReply, ProviderError, ProviderErrorCode};

pub use host::{Host, Permission, WatchAsset};
pub use origin::{Origin, OriginError};
pub use request::{Params, Request};
pub use router::Method;

/// Answers one page request from `origin` (as the browser reported the port's sender).
pub async fn dispatch(raw: &Value, origin: &Origin, host: &impl Host) -> PageReply {
    match run(raw, origin, host).await {
        Ok(result) => PageReply::Result(result),
        Err(error) => PageReply::Error(error),
    }
}

async fn run(raw: &Value, origin: &Origin, host: &impl Host) -> Result<Value, ProviderError> {
    let request = Request::parse(raw)?;
    let method = Method::from_name(&request.method).ok_or_else(|| {
        ProviderError::new(
            ProviderErrorCode::UnsupportedMethod,
            format!("Formica does not support the method {}", request.method),
        )
    })?;
    let call = method.validate(&request.params)?;
    call.run(origin, host).await
}

#[cfg(test)]
pub(crate) mod fake;

#[cfg(test)]
mod tests {
    use futures::executor::block_on;
    use serde_json::json;

    use super::fake::FakeHost;
    use super::*;

    fn call(host: &FakeHost, request: Value) -> PageReply {
        block_on(dispatch(&request, &FakeHost::origin(), host))
    }

    fn code(reply: PageReply) -> i32 {
        match reply {
            PageReply::Error(e) => e.code.code(),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn answers_chain_id_and_net_version_for_the_origins_network() {
        let host = FakeHost::on_chain(31_337);
        assert_eq!(
            call(&host, json!({"method": "eth_chainId"})),
            PageReply::Result(json!("0x7a69"))
        );
        assert_eq!(
            call(&host, json!({"method": "eth_chainId", "params": []})),
            PageReply::Result(json!("0x7a69"))
        );
        assert_eq!(
            call(&host, json!({"method": "net_version"})),
            PageReply::Result(json!("31337"))
        );
        assert_eq!(
            call(&FakeHost::on_chain(1), json!({"method": "eth_chainId"})),
            PageReply::Result(json!("0x1"))
        );
    }

    #[test]
    fn refuses_bad_requests_with_the_standard_codes() {
        let host = FakeHost::on_chain(1);
        let table = [
            (json!({"method": "eth_doesNotExist"}), 4200),
            (json!({"method": "eth_sign", "params": []}), 4200),
            (json!({"method": "eth_sign", "params": ["0x00", "0x00"]}), 4200),
            (json!({"method": "eth_chainid"}), 4200),
            (json!("eth_chainId"), -32600),
            (json!(null), -32600),
            (json!({}), -32600),
            (json!({"method": 42}), -32600),
            (json!({"method": "eth_chainId", "params": "x"}), -32600),
            (json!({"method": "eth_chainId", "params": [1]}), -32602),
            (json!({"method": "net_version", "params": {"a": 1}}), -32602),
            (json!({"method": "eth_accounts", "params": [1]}), -32602),
            (json!({"method": "eth_requestAccounts", "params": ["x"]}), -32602),
            (json!({"method": "wallet_requestPermissions"}), -32602),
            (
                json!({"method": "wallet_requestPermissions", "params": []}),
                -32602,
            ),
            (
                json!({"method": "wallet_requestPermissions", "params": [{}]}),
                -32602,
            ),
            (
                json!({"method": "wallet_requestPermissions", "params": [{"eth_accounts": {}, "x": {}}]}),
                -32602,
            ),
            (
                json!({"method": "wallet_requestPermissions", "params": [{"snap": {}}]}),
                -32602,
            ),
            (
                json!({"method": "wallet_revokePermissions", "params": [{"eth_accounts": 1}]}),
                -32602,
            ),
            (json!({"method": "wallet_switchEthereumChain"}), -32602),
            (
                json!({"method": "wallet_switchEthereumChain", "params": ["0x1"]}),
                -32602,
            ),
            (
                json!({"method": "wallet_switchEthereumChain", "params": [{"chainId": 1}]}),
                -32602,
            ),
            (
                json!({"method": "wallet_switchEthereumChain", "params": [{"chainId": "0x01"}]}),
                -32602,
            ),
            (
                json!({"method": "wallet_switchEthereumChain", "params": [{"chainId": "0x1", "x": 1}]}),
                -32602,
            ),
            (
                json!({"method": "wallet_switchEthereumChain", "params": [{"chainId": "0x89"}]}),
                4902,
            ),
            (json!({"method": "eth_getBalance"}), -32602),
            (
                json!({"method": "eth_getBalance", "params": ["0x1", "latest", 3]}),
                -32602,
            ),
            (
                json!({"method": "eth_getBalance", "params": {"address": "0x1"}}),
                -32602,
            ),
            (json!({"method": "eth_blockNumber", "params": [1]}), -32602),
            (json!({"method": "eth_getLogs", "params": []}), -32602),
            (json!({"method": "eth_sendRawTransactionX", "params": []}), 4200),
            (json!({"method": "eth_sendTransaction"}), -32602),
            (json!({"method": "eth_sendTransaction", "params": []}), -32602),
            (json!({"method": "eth_sendTransaction", "params": [{}]}), -32602),
            (
                json!({"method": "eth_sendTransaction", "params": [{"from": "0x12"}]}),
                -32602,
            ),
            (
                json!({"method": "eth_sendTransaction", "params": [{"from": FakeHost::ADDRESS, "value": "0x01"}]}),
                -32602,
            ),
            (
                json!({"method": "eth_sendTransaction", "params": [{"from": FakeHost::ADDRESS, "gasPrice": "0x1", "maxFeePerGas": "0x1"}]}),
                -32602,
            ),
            (json!({"method": "personal_sign", "params": ["0x00"]}), -32602),
            (
                json!({"method": "personal_sign", "params": ["0x0", FakeHost::ADDRESS]}),
                -32602,
            ),
            (
                json!({"method": "personal_sign", "params": ["0x00", "0x1234"]}),
                -32602,
            ),
            (
                json!({"method": "eth_signTypedData_v4", "params": [FakeHost::ADDRESS, "{not json"]}),
                -32602,
            ),
            (
                json!({"method": "eth_signTypedData_v4", "params": [FakeHost::ADDRESS, {"types": {}}]}),
                -32602,
            ),
            (
                json!({"method": "eth_signTypedData_v4", "params": [FakeHost::ADDRESS]}),
                -32602,
            ),
            // A malformed envelope is reported as such even when the method is unknown.
            (json!({"method": "eth_nope", "params": 1}), -32600),
        ];
        for (request, expected) in table {
            assert_eq!(code(call(&host, request.clone())), expected, "{request}");
        }
        assert!(
            host.prompts.borrow().is_empty(),
            "no bad request reached a prompt"
        );
    }

    #[test]
    fn read_only_methods_reach_the_node_as_sent() {
        let host = FakeHost::on_chain(1);
        let params = json!(["0x9858EfFD232B4033E47d90003D41EC34EcaEda94", "latest"]);
        let reply = call(&host, json!({"method": "eth_getBalance", "params": params}));
        assert_eq!(reply, PageReply::Result(json!({"forwarded": "eth_getBalance"})));
        assert_eq!(host.rpc_calls.borrow()[0], ("eth_getBalance".to_owned(), params));
        call(&host, json!({"method": "eth_blockNumber"}));
        assert_eq!(
            host.rpc_calls.borrow()[1],
            ("eth_blockNumber".to_owned(), json!([]))
        );
    }

    #[test]
    fn switching_chain_answers_null_and_changes_the_chain() {
        let host = FakeHost::on_chain(1);
        let reply = call(
            &host,
            json!({"method": "wallet_switchEthereumChain", "params": [{"chainId": "0x7a69"}]}),
        );
        assert_eq!(reply, PageReply::Result(json!(null)));
        assert_eq!(
            call(&host, json!({"method": "eth_chainId"})),
            PageReply::Result(json!("0x7a69"))
        );
    }

    #[test]
    fn eth_sign_says_why_it_is_refused() {
        let host = FakeHost::on_chain(1);
        let PageReply::Error(e) = call(&host, json!({"method": "eth_sign", "params": ["0x00", "0x00"]}))
        else {
            panic!("eth_sign answered")
        };
        assert!(e.message.contains("personal_sign"), "{}", e.message);
    }

    #[test]
    fn connecting_grants_accounts_and_permissions_describe_them() {
        let host = FakeHost::on_chain(1);
        assert_eq!(
            call(&host, json!({"method": "eth_accounts"})),
            PageReply::Result(json!([]))
        );
        assert_eq!(
            call(&host, json!({"method": "eth_coinbase"})),
            PageReply::Result(json!(null))
        );
        assert_eq!(
            call(&host, json!({"method": "wallet_getPermissions"})),
            PageReply::Result(json!([]))
        );
        let granted = call(&host, json!({"method": "eth_requestAccounts"}));
        assert_eq!(granted, PageReply::Result(json!([FakeHost::ADDRESS])));
        assert_eq!(host.prompts.borrow().len(), 1);
        // Already connected: no second prompt.
        assert_eq!(call(&host, json!({"method": "eth_requestAccounts"})), granted);
        assert_eq!(host.prompts.borrow().len(), 1);
        assert_eq!(
            call(&host, json!({"method": "eth_coinbase"})),
            PageReply::Result(json!(FakeHost::ADDRESS))
        );
        let PageReply::Result(perms) = call(&host, json!({"method": "wallet_getPermissions"})) else {
            panic!()
        };
        assert_eq!(perms[0]["parentCapability"], "eth_accounts");
        assert_eq!(perms[0]["invoker"], FakeHost::ORIGIN);
        assert_eq!(perms[0]["caveats"][0]["type"], "restrictReturnedAccounts");
        assert_eq!(perms[0]["caveats"][0]["value"], json!([FakeHost::ADDRESS]));
        assert_eq!(
            call(
                &host,
                json!({"method": "wallet_revokePermissions", "params": [{"eth_accounts": {}}]})
            ),
            PageReply::Result(json!(null))
        );
        assert_eq!(
            call(&host, json!({"method": "eth_accounts"})),
            PageReply::Result(json!([]))
        );
    }

    #[test]
    fn request_permissions_answers_the_granted_permission() {
        let host = FakeHost::on_chain(1);
        let PageReply::Result(perms) = call(
            &host,
            json!({"method": "wallet_requestPermissions", "params": [{"eth_accounts": {}}]}),
        ) else {
            panic!()
        };
        assert_eq!(perms[0]["caveats"][0]["value"], json!([FakeHost::ADDRESS]));
    }

    #[test]
    fn a_refused_prompt_is_4001() {
        let host = FakeHost::on_chain(1);
        host.refuse.set(true);
        assert_eq!(code(call(&host, json!({"method": "eth_requestAccounts"}))), 4001);
        assert_eq!(
            call(&host, json!({"method": "eth_accounts"})),
            PageReply::Result(json!([]))
        );
    }
}
