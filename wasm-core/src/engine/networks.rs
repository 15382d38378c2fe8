//! The networks the engine knows — their names, currencies and nodes — and JSON-RPC calls to
//! a chain's node, with node errors turned into provider errors.

use serde_json::Value;

use super::Engine;
use crate::api::{ChainId, ProviderError, ProviderErrorCode};
use crate::chains::evm::builtin_network;
use crate::net::{self, RpcError};
use crate::storage::Storage;

/// A node error as the provider passes it on: the node's own code for JSON-RPC errors, 4901
/// when it cannot be reached, -32603 for an answer that is not JSON-RPC.
pub(super) fn provider_error(e: RpcError) -> ProviderError {
    match e {
        RpcError::Node { code, message, data } => ProviderError {
            code: ProviderErrorCode::from(i32::try_from(code).unwrap_or(-32603)),
            message,
            data,
        },
        RpcError::Http(e) => ProviderError::new(ProviderErrorCode::ChainDisconnected, e.to_string()),
        RpcError::Malformed { .. } => ProviderError::new(ProviderErrorCode::Internal, e.to_string()),
    }
}

impl<S: Storage> Engine<S> {
    /// The display name of `chain`: the network's name, or the chain id.
    pub(super) fn network_name(&self, chain: ChainId) -> String {
        builtin_network(chain).map_or_else(|| chain.to_string(), |n| n.name.to_owned())
    }

    /// The symbol of `chain`'s native currency (18 decimals).
    pub(super) fn currency_symbol(&self, chain: ChainId) -> String {
        builtin_network(chain).map_or_else(|| "ETH".to_owned(), |n| n.currency_symbol.to_owned())
    }

    /// The RPC endpoint the engine uses for `chain`.
    pub(super) fn rpc_url(&self, chain: ChainId) -> Option<String> {
        builtin_network(chain).and_then(|n| n.rpc_urls.first().map(|u| (*u).to_owned()))
    }

    /// Calls `method` on `chain`'s node.
    ///
    /// # Errors
    /// 4901 for a chain without a node or a node that cannot be reached; the node's error
    /// otherwise.
    pub(super) async fn chain_rpc(
        &self,
        chain: ChainId,
        method: &str,
        params: &Value,
    ) -> Result<Value, ProviderError> {
        let url = self.rpc_url(chain).ok_or_else(|| {
            ProviderError::new(
                ProviderErrorCode::ChainDisconnected,
                format!("no node for chain {chain}"),
            )
        })?;
        net::call(self.http.as_ref(), &url, method, params)
            .await
            .map_err(provider_error)
    }
}
