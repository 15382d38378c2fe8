//! The router table: every method Formica answers, and how its params are read.
//!
//! An exhaustive enum rather than string reflection: adding a method means adding a variant,
//! its name, its file under `methods/`, and the compiler points at every place to update.

use serde_json::Value;

use super::methods::{self, Call};
use super::{Host, Origin, Params};
use crate::api::ProviderError;
use crate::chains::evm::Eip712Version;

/// A method Formica supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `eth_chainId` (EIP-695).
    EthChainId,
    /// `net_version`.
    NetVersion,
    /// `eth_accounts`.
    EthAccounts,
    /// `eth_coinbase`.
    EthCoinbase,
    /// `eth_requestAccounts` (EIP-1102).
    EthRequestAccounts,
    /// `wallet_requestPermissions` (EIP-2255).
    WalletRequestPermissions,
    /// `wallet_getPermissions` (EIP-2255).
    WalletGetPermissions,
    /// `wallet_revokePermissions`.
    WalletRevokePermissions,
    /// `eth_sign`: known, and refused on purpose.
    EthSign,
    /// `wallet_switchEthereumChain` (EIP-3326).
    WalletSwitchEthereumChain,
    /// `personal_sign` (EIP-191).
    PersonalSign,
    /// `eth_signTypedData_v4` (EIP-712).
    EthSignTypedDataV4,
    /// `eth_signTypedData_v3` (EIP-712 without arrays).
    EthSignTypedDataV3,
    /// `eth_sendTransaction`.
    EthSendTransaction,
    /// `wallet_watchAsset` (EIP-747).
    WalletWatchAsset,
    /// `wallet_addEthereumChain` (EIP-3085).
    WalletAddEthereumChain,
    /// `wallet_sendCalls` (EIP-5792).
    WalletSendCalls,
    /// `wallet_getCallsStatus` (EIP-5792).
    WalletGetCallsStatus,
    /// `wallet_getCapabilities` (EIP-5792).
    WalletGetCapabilities,
    /// A read-only method forwarded to the node (see `methods::read_only::FORWARDED`).
    ReadOnly(&'static str),
}

impl Method {
    /// Every method with its wire name.
    pub const ALL: &'static [(&'static str, Self)] = &[
        ("eth_chainId", Self::EthChainId),
        ("net_version", Self::NetVersion),
        ("eth_accounts", Self::EthAccounts),
        ("eth_coinbase", Self::EthCoinbase),
        ("eth_requestAccounts", Self::EthRequestAccounts),
        ("wallet_requestPermissions", Self::WalletRequestPermissions),
        ("wallet_getPermissions", Self::WalletGetPermissions),
        ("wallet_revokePermissions", Self::WalletRevokePermissions),
        ("eth_sign", Self::EthSign),
        ("wallet_switchEthereumChain", Self::WalletSwitchEthereumChain),
        ("personal_sign", Self::PersonalSign),
        ("eth_signTypedData_v4", Self::EthSignTypedDataV4),
        ("eth_signTypedData_v3", Self::EthSignTypedDataV3),
        ("eth_sendTransaction", Self::EthSendTransaction),
        ("wallet_watchAsset", Self::WalletWatchAsset),
        ("wallet_addEthereumChain", Self::WalletAddEthereumChain),
        ("wallet_sendCalls", Self::WalletSendCalls),
        ("wallet_getCallsStatus", Self::WalletGetCallsStatus),
        ("wallet_getCapabilities", Self::WalletGetCapabilities),
    ];

    /// The method with this exact (case-sensitive) name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| *m)
            .or_else(|| {
                methods::read_only::FORWARDED
                    .iter()
                    .find(|(m, _, _)| *m == name)
                    .map(|(m, _, _)| Self::ReadOnly(m))
            })
    }

    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            Self::ReadOnly(name) => name,
            _ => Self::ALL.iter().find(|(_, m)| *m == self).map_or("", |(n, _)| n),
        }
    }

    /// Checks the params and turns them into a typed call.
    ///
    /// # Errors
    /// -32602 when the params do not fit the method (4200 for `eth_sign`).
    pub(super) fn validate(self, params: &Params) -> Result<Call, ProviderError> {
        match self {
            Self::EthChainId => methods::eth_chain_id::validate(params),
            Self::NetVersion => methods::net_version::validate(params),
            Self::EthAccounts => methods::eth_accounts::validate(params),
            Self::EthCoinbase => methods::eth_coinbase::validate(params),
            Self::EthRequestAccounts => methods::eth_request_accounts::validate(params),
            Self::WalletRequestPermissions => methods::wallet_request_permissions::validate(params),
            Self::WalletGetPermissions => methods::wallet_get_permissions::validate(params),
            Self::WalletRevokePermissions => methods::wallet_revoke_permissions::validate(params),
            Self::EthSign => methods::eth_sign::validate(params),
            Self::WalletSwitchEthereumChain => methods::wallet_switch_ethereum_chain::validate(params),
            Self::ReadOnly(name) => methods::read_only::validate(name, params),
            Self::PersonalSign => methods::personal_sign::validate(params),
            Self::EthSignTypedDataV4 => methods::eth_sign_typed_data::validate(Eip712Version::V4, params),
            Self::EthSignTypedDataV3 => methods::eth_sign_typed_data::validate(Eip712Version::V3, params),
            Self::EthSendTransaction => methods::eth_send_transaction::validate(params),
            Self::WalletWatchAsset => methods::wallet_watch_asset::validate(params),
            Self::WalletAddEthereumChain => methods::wallet_add_ethereum_chain::validate(params),
            Self::WalletSendCalls => methods::wallet_send_calls::validate(params),
            Self::WalletGetCallsStatus => methods::wallet_get_calls_status::validate(params),
            Self::WalletGetCapabilities => methods::wallet_get_capabilities::validate(params),
        }
    }
}

impl Call {
    /// Runs the handler.
    pub(super) async fn run(self, origin: &Origin, host: &impl Host) -> Result<Value, ProviderError> {
        match self {
            Call::EthChainId => Ok(methods::eth_chain_id::handle(host.chain_id(origin))),
            Call::NetVersion => Ok(methods::net_version::handle(host.chain_id(origin))),
            Call::EthAccounts => Ok(methods::eth_accounts::handle(&host.accounts(origin))),
            Call::EthCoinbase => Ok(methods::eth_coinbase::handle(&host.accounts(origin))),
            Call::EthRequestAccounts => methods::eth_request_accounts::handle(origin, host).await,
            Call::WalletRequestPermissions => methods::wallet_request_permissions::handle(origin, host).await,
            Call::WalletGetPermissions => Ok(methods::wallet_get_permissions::handle(origin, host)),
            Call::WalletRevokePermissions => methods::wallet_revoke_permissions::handle(origin, host).await,
            Call::SwitchChain(chain_id) => {
                methods::wallet_switch_ethereum_chain::handle(origin, host, chain_id).await
            }
            Call::Forward { method, params } => {
                methods::read_only::handle(origin, host, method, &params).await
            }
            Call::SendCalls(batch) => methods::wallet_send_calls::handle(origin, host, *batch).await,
            Call::GetCallsStatus(id) => methods::wallet_get_calls_status::handle(origin, host, &id).await,
            Call::GetCapabilities { address, chains } => {
                methods::wallet_get_capabilities::handle(origin, host, address, chains)
            }
            Call::AddChain(params) => methods::wallet_add_ethereum_chain::handle(origin, host, *params).await,
            Call::SendTransaction(request) => {
                methods::eth_send_transaction::handle(origin, host, *request).await
            }
            Call::WatchAsset(asset) => methods::wallet_watch_asset::handle(origin, host, asset).await,
            Call::PersonalSign { message, address } => {
                methods::personal_sign::handle(origin, host, message, address).await
            }
            Call::SignTypedData {
                version,
                address,
                value,
            } => methods::eth_sign_typed_data::handle(origin, host, version, address, &value).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (name, method) in Method::ALL {
            assert_eq!(Method::from_name(name), Some(*method));
            assert_eq!(method.name(), *name);
        }
        for (name, _, _) in methods::read_only::FORWARDED {
            assert_eq!(Method::from_name(name).map(Method::name), Some(*name));
        }
    }
}
