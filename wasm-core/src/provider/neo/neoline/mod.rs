//! NeoLine's `NEOLineN3.Init` methods: the table, and one file per method with its params,
//! its answer and its tests.
//!
//! Every method runs the same pipeline: known name → params read (MALFORMED_INPUT, nothing
//! asked or signed) → the connected account when the method needs one (CONNECTION_DENIED
//! before connect; an unlock prompt while locked) → approval (CANCELED) → node.
//!
//! Variants of one method share its file: `getAccount`, `pickAddress` and `getPublicKey`
//! (the connected account) are in `get_account.rs`, `invokeRead` and `invokeReadMulti` in
//! `invoke_read.rs`, `verifyMessage` and `verifyMessageV2` in `verify_message.rs`, `invoke`
//! and `invokeMultiple` in `invoke.rs`, and the four `signMessage` variants in
//! `sign_message.rs`. This file keeps the helpers several methods use.

mod address_to_script_hash;
mod get_account;
mod get_application_log;
mod get_balance;
mod get_block;
mod get_networks;
mod get_provider;
mod get_storage;
mod get_transaction;
mod invoke;
mod invoke_read;
mod script_hash_to_address;
mod send;
mod sign_message;
mod sign_transaction;
mod switch_wallet_account;
mod switch_wallet_network;
mod verify_message;

use serde_json::Value;

pub use get_balance::nep17_balances;
pub use get_networks::networks;
pub use get_provider::provider_info;
pub use send::transfer_of;

use super::tx::{self, Invocation, TxOptions};
use super::{NeoError, NeoHost, require};
use crate::chains::neo::UInt256;
use crate::chains::neo::message::MessageFormat;
use crate::provider::Origin;

/// A method of NeoLine's N3 dAPI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NeoMethod {
    /// `getProvider`
    GetProvider,
    /// `getNetworks`
    GetNetworks,
    /// `getAccount`
    GetAccount,
    /// `getPublicKey`
    GetPublicKey,
    /// `getBalance`
    GetBalance,
    /// `getStorage`
    GetStorage,
    /// `invokeRead`
    InvokeRead,
    /// `invokeReadMulti`
    InvokeReadMulti,
    /// `verifyMessage`
    VerifyMessage,
    /// `verifyMessageV2`
    VerifyMessageV2,
    /// `getBlock`
    GetBlock,
    /// `getTransaction`
    GetTransaction,
    /// `getApplicationLog`
    GetApplicationLog,
    /// `pickAddress`
    PickAddress,
    /// `AddressToScriptHash`
    AddressToScriptHash,
    /// `ScriptHashToAddress`
    ScriptHashToAddress,
    /// `send`
    Send,
    /// `invoke`
    Invoke,
    /// `invokeMultiple`
    InvokeMultiple,
    /// `signMessage`
    SignMessage,
    /// `signMessageV2`
    SignMessageV2,
    /// `signMessageWithoutSalt`
    SignMessageWithoutSalt,
    /// `signMessageWithoutSaltV2`
    SignMessageWithoutSaltV2,
    /// `signTransaction`
    SignTransaction,
    /// `switchWalletNetwork`
    SwitchWalletNetwork,
    /// `switchWalletAccount`
    SwitchWalletAccount,
}

impl NeoMethod {
    /// Every method with its name on `NEOLineN3.Init`.
    pub const ALL: &'static [(&'static str, Self)] = &[
        ("getProvider", Self::GetProvider),
        ("getNetworks", Self::GetNetworks),
        ("getAccount", Self::GetAccount),
        ("getPublicKey", Self::GetPublicKey),
        ("getBalance", Self::GetBalance),
        ("getStorage", Self::GetStorage),
        ("invokeRead", Self::InvokeRead),
        ("invokeReadMulti", Self::InvokeReadMulti),
        ("verifyMessage", Self::VerifyMessage),
        ("verifyMessageV2", Self::VerifyMessageV2),
        ("getBlock", Self::GetBlock),
        ("getTransaction", Self::GetTransaction),
        ("getApplicationLog", Self::GetApplicationLog),
        ("pickAddress", Self::PickAddress),
        ("AddressToScriptHash", Self::AddressToScriptHash),
        ("ScriptHashToAddress", Self::ScriptHashToAddress),
        ("send", Self::Send),
        ("invoke", Self::Invoke),
        ("invokeMultiple", Self::InvokeMultiple),
        ("signMessage", Self::SignMessage),
        ("signMessageV2", Self::SignMessageV2),
        ("signMessageWithoutSalt", Self::SignMessageWithoutSalt),
        ("signMessageWithoutSaltV2", Self::SignMessageWithoutSaltV2),
        ("signTransaction", Self::SignTransaction),
        ("switchWalletNetwork", Self::SwitchWalletNetwork),
        ("switchWalletAccount", Self::SwitchWalletAccount),
    ];

    /// The method with this exact name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
    }

    /// Runs the method.
    ///
    /// # Errors
    /// The method's [`NeoError`].
    pub async fn run(self, params: &Value, origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
        match self {
            Self::GetProvider => Ok(provider_info()),
            Self::GetNetworks => Ok(networks(host)),
            Self::GetAccount | Self::PickAddress => get_account::handle(origin, host).await,
            Self::GetPublicKey => get_account::handle_public_key(origin, host).await,
            Self::GetBalance => get_balance::handle(params, origin, host).await,
            Self::GetStorage => get_storage::handle(params, host).await,
            Self::InvokeRead => invoke_read::handle(params, host).await,
            Self::InvokeReadMulti => invoke_read::handle_multi(params, host).await,
            Self::VerifyMessage => verify_message::handle(params, MessageFormat::V1),
            Self::VerifyMessageV2 => verify_message::handle(params, MessageFormat::V2),
            Self::GetBlock => get_block::handle(params, host).await,
            Self::GetTransaction => get_transaction::handle(params, host).await,
            Self::GetApplicationLog => get_application_log::handle(params, host).await,
            Self::AddressToScriptHash => address_to_script_hash::handle(params),
            Self::ScriptHashToAddress => script_hash_to_address::handle(params),
            Self::Send => send::handle(params, origin, host).await,
            Self::Invoke => invoke::handle(params, origin, host).await,
            Self::InvokeMultiple => invoke::handle_multiple(params, origin, host).await,
            Self::SignMessage => {
                sign_message::handle(params, origin, host, MessageFormat::V1, true, "signMessage").await
            }
            Self::SignMessageV2 => {
                sign_message::handle(params, origin, host, MessageFormat::V2, true, "signMessageV2").await
            }
            Self::SignMessageWithoutSalt => {
                sign_message::handle(
                    params,
                    origin,
                    host,
                    MessageFormat::V1,
                    false,
                    "signMessageWithoutSalt",
                )
                .await
            }
            Self::SignMessageWithoutSaltV2 => {
                sign_message::handle(
                    params,
                    origin,
                    host,
                    MessageFormat::V2,
                    false,
                    "signMessageWithoutSaltV2",
                )
                .await
            }
            Self::SignTransaction => sign_transaction::handle(params, origin, host).await,
            Self::SwitchWalletNetwork => switch_wallet_network::handle(params, origin, host).await,
            Self::SwitchWalletAccount => switch_wallet_account::handle(origin, host).await,
        }
    }
}

fn invocations(value: Option<&Value>, field: &str) -> Result<Vec<Invocation>, NeoError> {
    match value {
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, item)| tx::parse_invocation(item, &format!("{field}[{i}]")))
            .collect(),
        _ => Err(NeoError::malformed(format!(
            "{field} must be a non-empty array of calls"
        ))),
    }
}

fn txid(params: &Value) -> Result<String, NeoError> {
    let text = params
        .get("txid")
        .and_then(Value::as_str)
        .ok_or_else(|| NeoError::malformed("txid must be a transaction hash"))?;
    text.parse::<UInt256>()
        .map(|h| h.to_string())
        .map_err(|_| NeoError::malformed(format!("txid is not a transaction hash: {text}")))
}

fn options(params: &Value) -> Result<TxOptions, NeoError> {
    Ok(TxOptions {
        extra_network_fee: tx::parse_gas(params.get("fee"), "fee")?,
        extra_system_fee: tx::parse_gas(params.get("extraSystemFee"), "extraSystemFee")?,
        no_broadcast: params
            .get("broadcastOverride")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        ..TxOptions::default()
    })
}
