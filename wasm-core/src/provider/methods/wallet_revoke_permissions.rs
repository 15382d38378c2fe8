//! `wallet_revokePermissions` — drops the origin's `eth_accounts` permission; the origin then
//! gets `accountsChanged([])`. (MetaMask's extension of EIP-2255.)

use serde_json::Value;

use super::{Call, Params, eth_accounts_permission};
use crate::api::ProviderError;
use crate::provider::{Host, Origin};

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    eth_accounts_permission("wallet_revokePermissions", params).map(|()| Call::WalletRevokePermissions)
}

pub(in crate::provider) async fn handle(origin: &Origin, host: &impl Host) -> Result<Value, ProviderError> {
    host.revoke(origin).await?;
    Ok(Value::Null)
}
