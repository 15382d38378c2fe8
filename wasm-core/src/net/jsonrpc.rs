//! A JSON-RPC 2.0 client over [`Http`]. <https://www.jsonrpc.org/specification>

use serde_json::{Value, json};

use super::{Http, HttpError};

/// Why a JSON-RPC call failed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RpcError {
    /// The node could not be reached or did not answer.
    #[error(transparent)]
    Http(#[from] HttpError),
    /// The node answered something that is not a JSON-RPC response.
    #[error("the node at {url} sent a malformed answer")]
    Malformed {
        /// The endpoint.
        url: String,
    },
    /// The node answered with a JSON-RPC error; passed on as is.
    #[error("{message}")]
    Node {
        /// The node's error code.
        code: i64,
        /// The node's message.
        message: String,
        /// The node's data, if any.
        data: Option<Value>,
    },
}

/// Calls `method` with `params` on the node at `url`.
///
/// # Errors
/// The node is unreachable, answers malformed JSON, or answers a JSON-RPC error.
pub async fn call(
    http: &(impl Http + ?Sized),
    url: &str,
    method: &str,
    params: &Value,
) -> Result<Value, RpcError> {
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
    let text = http.post_json(url, &body).await?;
    let malformed = || RpcError::Malformed { url: url.to_owned() };
    let Value::Object(mut answer) = serde_json::from_str::<Value>(&text).map_err(|_| malformed())? else {
        return Err(malformed());
    };
    if let Some(error) = answer.remove("error") {
        let code = error.get("code").and_then(Value::as_i64).ok_or_else(malformed)?;
        let message = error
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("node error")
            .to_owned();
        return Err(RpcError::Node {
            code,
            message,
            data: error.get("data").cloned(),
        });
    }
    answer.remove("result").ok_or_else(malformed)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::cell::RefCell;

    use futures::executor::block_on;

    use super::*;

    /// Answers with canned bodies and records what it was sent.
    pub(crate) struct CannedHttp {
        pub(crate) answers: RefCell<Vec<Result<String, HttpError>>>,
        pub(crate) sent: RefCell<Vec<(String, Value)>>,
    }

    impl CannedHttp {
        pub(crate) fn new(answers: Vec<Result<String, HttpError>>) -> Self {
            Self {
                answers: RefCell::new(answers),
                sent: RefCell::new(Vec::new()),
            }
        }
    }

    #[async_trait::async_trait(?Send)]
    impl Http for CannedHttp {
        async fn post_json(&self, url: &str, body: &str) -> Result<String, HttpError> {
            self.sent
                .borrow_mut()
                .push((url.to_owned(), serde_json::from_str(body).unwrap_or(Value::Null)));
            let mut answers = self.answers.borrow_mut();
            if answers.is_empty() {
                return Err(HttpError::Unreachable {
                    url: url.to_owned(),
                    reason: "no canned answer".into(),
                });
            }
            answers.remove(0)
        }
    }

    #[test]
    fn passes_results_and_node_errors_through() {
        let http = CannedHttp::new(vec![
            Ok(r#"{"jsonrpc":"2.0","id":1,"result":"0x10"}"#.into()),
            Ok(r#"{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"execution reverted","data":"0x08c379a0"}}"#
                .into()),
            Ok("<html>".into()),
            Ok(r#"{"jsonrpc":"2.0","id":1}"#.into()),
        ]);
        let url = "http://127.0.0.1:8545";
        assert_eq!(
            block_on(call(&http, url, "eth_blockNumber", &json!([]))),
            Ok(json!("0x10"))
        );
        assert_eq!(
            block_on(call(&http, url, "eth_call", &json!([{}]))),
            Err(RpcError::Node {
                code: -32000,
                message: "execution reverted".into(),
                data: Some(json!("0x08c379a0"))
            })
        );
        assert!(matches!(
            block_on(call(&http, url, "x", &json!([]))),
            Err(RpcError::Malformed { .. })
        ));
        assert!(matches!(
            block_on(call(&http, url, "x", &json!([]))),
            Err(RpcError::Malformed { .. })
        ));
        let sent = http.sent.borrow();
        assert_eq!(sent[0].1["method"], "eth_blockNumber");
        assert_eq!(sent[0].1["jsonrpc"], "2.0");
    }
}
