//! HTTP behind a small trait, and the JSON-RPC client the chains use.
//!
//! `fetch` in the browser; tests use fakes (and the e2e suites a real anvil node).

#[cfg(target_arch = "wasm32")]
mod fetch;
mod jsonrpc;

#[cfg(target_arch = "wasm32")]
pub use fetch::FetchHttp;
pub use jsonrpc::{RpcError, call};

/// Why an HTTP exchange failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    /// No answer in time.
    #[error("the node at {url} did not answer within {seconds} s")]
    Timeout {
        /// The endpoint.
        url: String,
        /// The time allowed.
        seconds: u32,
    },
    /// The request could not be made or the connection failed.
    #[error("could not reach {url}: {reason}")]
    Unreachable {
        /// The endpoint.
        url: String,
        /// The browser's words.
        reason: String,
    },
    /// The server answered with an HTTP error status.
    #[error("{url} answered HTTP {status}")]
    Status {
        /// The endpoint.
        url: String,
        /// The status code.
        status: u16,
    },
}

/// Posts JSON and returns the response body.
#[async_trait::async_trait(?Send)]
pub trait Http {
    /// POSTs `body` (JSON) to `url`.
    ///
    /// # Errors
    /// The request timed out, could not be sent, or got an HTTP error status.
    async fn post_json(&self, url: &str, body: &str) -> Result<String, HttpError>;
}
