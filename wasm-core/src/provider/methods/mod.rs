//! One file per provider method: its params check and its handler, with tests beside them.

pub(super) mod eth_accounts;
pub(super) mod eth_chain_id;
pub(super) mod eth_coinbase;
pub(super) mod eth_request_accounts;
pub(super) mod eth_send_transaction;
pub(super) mod eth_sign;
pub(super) mod eth_sign_typed_data;
pub(super) mod net_version;
pub(super) mod personal_sign;
pub(super) mod read_only;
pub(super) mod wallet_add_ethereum_chain;
pub(super) mod wallet_get_calls_status;
pub(super) mod wallet_get_capabilities;
pub(super) mod wallet_get_permissions;
pub(super) mod wallet_request_permissions;
pub(super) mod wallet_revoke_permissions;
pub(super) mod wallet_send_calls;
pub(super) mod wallet_switch_ethereum_chain;
pub(super) mod wallet_watch_asset;

use serde_json::Value;

use super::{Params, Permission};
use crate::api::{ChainId, ProviderError, ProviderErrorCode};
use crate::chains::evm::Address;

/// A request whose method is known and whose params were checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Call {
    /// `eth_chainId`.
    EthChainId,
    /// `net_version`.
    NetVersion,
    /// `eth_accounts`.
    EthAccounts,
    /// `eth_coinbase`.
    EthCoinbase,
    /// `eth_requestAccounts`.
    EthRequestAccounts,
    /// `wallet_requestPermissions` for `eth_accounts`.
    WalletRequestPermissions,
    /// `wallet_getPermissions`.
    WalletGetPermissions,
    /// `wallet_revokePermissions` for `eth_accounts`.
    WalletRevokePermissions,
    /// `wallet_switchEthereumChain`.
    SwitchChain(ChainId),
    /// `personal_sign`.
    PersonalSign {
        /// The message bytes.
        message: Vec<u8>,
        /// The signing account.
        address: Address,
    },
    /// `eth_signTypedData_v3` / `_v4`.
    SignTypedData {
        /// Which rules hash the data.
        version: crate::chains::evm::Eip712Version,
        /// The signing account.
        address: Address,
        /// The typed data.
        value: Value,
    },
    /// `wallet_watchAsset` for an ERC-20 token.
    WatchAsset(super::WatchAsset),
    /// `wallet_sendCalls`.
    SendCalls(Box<crate::chains::evm::eip5792::SendCalls>),
    /// `wallet_getCallsStatus`.
    GetCallsStatus(String),
    /// `wallet_getCapabilities`.
    GetCapabilities {
        /// The account asked about.
        address: Address,
        /// The chains asked about; every known chain when `None`.
        chains: Option<Vec<ChainId>>,
    },
    /// `wallet_addEthereumChain`.
    AddChain(Box<crate::chains::evm::eip3085::ChainParams>),
    /// `eth_sendTransaction`.
    SendTransaction(Box<crate::chains::evm::TransactionRequest>),
    /// A read-only method forwarded to the chain's node.
    Forward {
        /// The method.
        method: &'static str,
        /// Its params (an array).
        params: Value,
    },
}

fn invalid_params(message: impl Into<String>) -> ProviderError {
    ProviderError::new(ProviderErrorCode::InvalidParams, message)
}

/// Refuses any params for a method that takes none (`[]` and `{}` are accepted: libraries send them).
fn no_params(method: &str, params: &Params) -> Result<(), ProviderError> {
    if params.is_empty() {
        Ok(())
    } else {
        Err(invalid_params(format!("{method} takes no params")))
    }
}

/// Reads EIP-2255's `[{ eth_accounts: {} }]`, the only permission Formica grants.
fn eth_accounts_permission(method: &str, params: &Params) -> Result<(), ProviderError> {
    let shape = || invalid_params(format!("{method} takes [{{ \"eth_accounts\": {{}} }}]"));
    let Params::Positional(items) = params else {
        return Err(shape());
    };
    let [Value::Object(requested)] = items.as_slice() else {
        return Err(shape());
    };
    if requested.len() != 1 {
        return Err(shape());
    }
    match requested.get("eth_accounts") {
        Some(Value::Object(_)) => Ok(()),
        _ => Err(shape()),
    }
}

/// Addresses as JSON strings (EIP-55).
fn addresses(accounts: &[Address]) -> Value {
    Value::Array(accounts.iter().map(|a| Value::String(a.to_string())).collect())
}

/// The EIP-2255 permission object for `eth_accounts`.
fn permission_json(invoker: &str, permission: &Permission) -> Value {
    serde_json::json!({
        "invoker": invoker,
        "parentCapability": "eth_accounts",
        "caveats": [{ "type": "restrictReturnedAccounts", "value": addresses(&permission.accounts) }],
        "date": permission.granted_at_ms,
    })
}
