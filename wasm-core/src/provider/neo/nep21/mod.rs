//! The NEP-21 provider's methods (positional params), answered with the same machinery as
//! NeoLine's. Signatures that NeoLine's NEP-21 implementation changed are accepted in both
//! forms where they can be told apart (`send`).
//!
//! One file per method with its params, its answer and its tests; `getTransaction` and
//! `getApplicationLog` share `get_transaction.rs`. Each handler gets the arguments it reads
//! (a JSON `null` reads as an argument not given). This file keeps the helpers several
//! methods use.

mod authenticate;
mod call;
mod get_accounts;
mod get_balance;
mod get_block;
mod get_block_count;
mod get_storage;
mod get_token_info;
mod get_transaction;
mod invoke;
mod make_transaction;
mod pick_address;
mod relay;
mod send;
mod sign;
mod sign_message;

use serde_json::Value;

use super::tx::{self, Invocation, TxOptions};
use super::{NeoError, NeoHost, require};
use crate::chains::neo::TransactionAttribute;
use crate::provider::Origin;

/// A NEP-21 method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nep21Method {
    /// `getAccounts`
    GetAccounts,
    /// `getBalance(asset, account?)`
    GetBalance,
    /// `getBlock(hash | index)`
    GetBlock,
    /// `getBlockCount()`
    GetBlockCount,
    /// `getStorage(hash, key)`
    GetStorage,
    /// `getTokenInfo(hash)`
    GetTokenInfo,
    /// `getTransaction(txid)`
    GetTransaction,
    /// `getApplicationLog(txid)`
    GetApplicationLog,
    /// `call(invocation)`
    Call,
    /// `invoke(invocations, signers?)`
    Invoke,
    /// `send(...)`
    Send,
    /// `signMessage(message, account?)`
    SignMessage,
    /// `authenticate(challenge)` (NEP-20)
    Authenticate,
    /// `makeTransaction(invocations, signers?, attributes?, options?)`
    MakeTransaction,
    /// `sign(context)`
    Sign,
    /// `relay(context)`
    Relay,
    /// `pickAddress(prompt?)`
    PickAddress,
}

impl Nep21Method {
    /// Every method with its name.
    pub const ALL: &'static [(&'static str, Self)] = &[
        ("getAccounts", Self::GetAccounts),
        ("getBalance", Self::GetBalance),
        ("getBlock", Self::GetBlock),
        ("getBlockCount", Self::GetBlockCount),
        ("getStorage", Self::GetStorage),
        ("getTokenInfo", Self::GetTokenInfo),
        ("getTransaction", Self::GetTransaction),
        ("getApplicationLog", Self::GetApplicationLog),
        ("call", Self::Call),
        ("invoke", Self::Invoke),
        ("send", Self::Send),
        ("signMessage", Self::SignMessage),
        ("authenticate", Self::Authenticate),
        ("makeTransaction", Self::MakeTransaction),
        ("sign", Self::Sign),
        ("relay", Self::Relay),
        ("pickAddress", Self::PickAddress),
    ];

    /// The method with this exact name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
    }

    /// Runs the method; `params` is the array of its arguments.
    ///
    /// # Errors
    /// The method's [`NeoError`].
    pub async fn run(self, params: &Value, origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
        let args: Vec<Value> = match params {
            Value::Array(items) => items.clone(),
            Value::Null => Vec::new(),
            _ => {
                return Err(NeoError::malformed(
                    "NEP-21 params are the method's arguments, as an array",
                ));
            }
        };
        let arg = |i: usize| args.get(i).filter(|v| !v.is_null());
        match self {
            Self::GetAccounts => get_accounts::handle(origin, host).await,
            Self::GetBlockCount => get_block_count::handle(host).await,
            Self::GetBlock => get_block::handle(arg(0), host).await,
            Self::GetTransaction => get_transaction::handle(arg(0), host).await,
            Self::GetApplicationLog => get_transaction::handle_application_log(arg(0), host).await,
            Self::GetStorage => get_storage::handle(arg(0), arg(1), host).await,
            Self::GetTokenInfo => get_token_info::handle(arg(0), host).await,
            Self::GetBalance => get_balance::handle(arg(0), arg(1), origin, host).await,
            Self::Call => call::handle(arg(0), host).await,
            Self::Invoke => invoke::handle(arg(0), arg(1), arg(2), arg(3), origin, host).await,
            Self::MakeTransaction => {
                make_transaction::handle(arg(0), arg(1), arg(2), arg(3), origin, host).await
            }
            Self::Sign => sign::handle(arg(0), origin, host).await,
            Self::Relay => relay::handle(arg(0), origin, host).await,
            Self::PickAddress => pick_address::handle(origin, host).await,
            Self::Send => send::handle([arg(0), arg(1), arg(2), arg(3)], origin, host).await,
            Self::Authenticate => authenticate::handle(arg(0), origin, host).await,
            Self::SignMessage => sign_message::handle(arg(0), arg(1), origin, host).await,
        }
    }
}

/// A NEP-21 Integer (a string or a JSON integer) of GAS fractions.
fn fractions(value: Option<&Value>, field: &str) -> Result<Option<i64>, NeoError> {
    let bad = || NeoError::malformed(format!("{field} must be an integer amount of GAS fractions"));
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(Some)
            .ok_or_else(bad),
        Some(Value::Number(n)) => n.as_i64().filter(|n| *n >= 0).map(Some).ok_or_else(bad),
        Some(_) => Err(bad()),
    }
}

/// `invoke` / `makeTransaction`'s third and fourth arguments: `attributes?, options?`
/// (NeoLine, neon-dapi), or the accepted spec text's `suggestedSystemFee?` in third place.
fn tx_options(third: Option<&Value>, fourth: Option<&Value>) -> Result<TxOptions, NeoError> {
    let mut options = TxOptions::default();
    match third {
        None => {}
        Some(Value::Array(items)) => {
            options.attributes = items
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    TransactionAttribute::from_json(a, &format!("attributes[{i}]"))
                        .map_err(|e| NeoError::malformed(e.to_string()))
                })
                .collect::<Result<_, _>>()?;
        }
        Some(fee @ (Value::String(_) | Value::Number(_))) => {
            options.system_fee = fractions(Some(fee), "suggestedSystemFee")?;
        }
        Some(_) => {
            return Err(NeoError::malformed(
                "attributes must be an array of transaction attributes",
            ));
        }
    }
    match fourth {
        None => {}
        Some(Value::Object(o)) => {
            if let Some(fee) = fractions(o.get("suggestedSystemFee"), "suggestedSystemFee")? {
                options.system_fee = Some(fee);
            }
            options.extra_system_fee = fractions(o.get("extraSystemFee"), "extraSystemFee")?.unwrap_or(0);
            options.valid_until_block = match o.get("validUntilBlock") {
                None | Some(Value::Null) => None,
                Some(v) => Some(
                    v.as_u64()
                        .and_then(|v| u32::try_from(v).ok())
                        .ok_or_else(|| NeoError::malformed("validUntilBlock must be a block index"))?,
                ),
            };
        }
        Some(_) => return Err(NeoError::malformed("options must be an object")),
    }
    Ok(options)
}

/// NEP-21 `InvocationArguments` (`{hash, operation, args?}`), one or an array.
fn calls(value: Option<&Value>) -> Result<Vec<Invocation>, NeoError> {
    let items: Vec<&Value> = match value {
        Some(Value::Array(items)) if !items.is_empty() => items.iter().collect(),
        Some(single @ Value::Object(_)) => vec![single],
        _ => return Err(NeoError::malformed("invocations must be {hash, operation, args}")),
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let mut neoline = item.clone();
            if let (Some(object), Some(hash)) = (neoline.as_object_mut(), item.get("hash")) {
                object.insert("scriptHash".into(), hash.clone());
            }
            tx::parse_invocation(&neoline, &format!("invocations[{i}]"))
        })
        .collect()
}
