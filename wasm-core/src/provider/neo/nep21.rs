//! The NEP-21 provider's methods (positional params), answered with the same machinery as
//! NeoLine's. Signatures that NeoLine's NEP-21 implementation changed are accepted in both
//! forms where they can be told apart (`send`).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::tx::{self, Invocation, TxOptions};
use super::{NeoError, NeoHost};
use crate::api::ApprovalKind;
use crate::chains::neo::{
    Address, ContractParameter, Integer, TransactionAttribute, UInt160, UInt256, WitnessScope,
};
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
            Self::GetAccounts => {
                let account = host.connect(origin).await?;
                Ok(json!([{
                    "hash": account.address.script_hash().to_string(),
                    "label": account.label,
                    "isDefault": true,
                }]))
            }
            Self::GetBlockCount => host.rpc("getblockcount", json!([])).await,
            Self::GetBlock => {
                let key = match arg(0) {
                    Some(Value::Number(n)) if n.as_u64().is_some() => Value::Number(n.clone()),
                    Some(Value::String(s)) if s.parse::<UInt256>().is_ok() => Value::String(s.clone()),
                    _ => return Err(NeoError::malformed("getBlock takes a block hash or index")),
                };
                host.rpc("getblock", json!([key, true])).await
            }
            Self::GetTransaction | Self::GetApplicationLog => {
                let txid = arg(0)
                    .and_then(Value::as_str)
                    .and_then(|t| t.parse::<UInt256>().ok())
                    .ok_or_else(|| NeoError::malformed("txid must be a transaction hash"))?;
                let (method, params) = if self == Self::GetTransaction {
                    ("getrawtransaction", json!([txid.to_string(), true]))
                } else {
                    ("getapplicationlog", json!([txid.to_string()]))
                };
                host.rpc(method, params).await
            }
            Self::GetStorage => {
                let hash = tx::parse_hash(arg(0), "hash")?;
                let key = arg(1)
                    .and_then(Value::as_str)
                    .filter(|k| STANDARD.decode(k).is_ok())
                    .ok_or_else(|| NeoError::malformed("key must be base64"))?;
                host.rpc("getstorage", json!([hash.to_string(), key])).await
            }
            Self::GetTokenInfo => {
                let hash = tx::parse_hash(arg(0), "hash")?;
                let (symbol, decimals) = tx::token_info(host, &hash).await.ok_or_else(|| {
                    NeoError::new(
                        super::NeoErrorKind::RpcError,
                        "the node did not describe this token",
                    )
                })?;
                let supply = host
                    .rpc("invokefunction", json!([hash.to_string(), "totalSupply", []]))
                    .await?;
                let total = supply
                    .pointer("/stack/0/value")
                    .and_then(Value::as_str)
                    .unwrap_or("0")
                    .to_owned();
                Ok(json!({"symbol": symbol, "decimals": decimals, "totalSupply": total}))
            }
            Self::GetBalance => {
                let asset = tx::parse_hash(arg(0), "asset")?;
                let account = match arg(1) {
                    Some(value) => tx::parse_account(Some(value), "account")?,
                    None => {
                        if !host.is_connected(origin) {
                            return Err(NeoError::not_connected());
                        }
                        host.connect(origin).await?.address.script_hash()
                    }
                };
                let answer = host
                    .rpc(
                        "invokefunction",
                        json!([
                            asset.to_string(),
                            "balanceOf",
                            [ContractParameter::Hash160(account).to_json()]
                        ]),
                    )
                    .await?;
                Ok(answer
                    .pointer("/stack/0/value")
                    .cloned()
                    .unwrap_or(Value::String("0".into())))
            }
            Self::Call => {
                let calls = calls(arg(0))?;
                let script = tx::script_of(&calls)?;
                host.rpc("invokescript", json!([STANDARD.encode(script), []]))
                    .await
            }
            Self::Invoke => {
                let calls = calls(arg(0))?;
                let options = tx_options(arg(2), arg(3))?;
                let account = require(origin, host).await?;
                let signers = tx::parse_signers(arg(1), &account)?;
                let answer = tx::invoke(origin, host, &account, &calls, signers, options).await?;
                Ok(answer.get("txid").cloned().unwrap_or(Value::Null))
            }
            Self::MakeTransaction => {
                let calls = calls(arg(0))?;
                let options = tx_options(arg(2), arg(3))?;
                let account = require(origin, host).await?;
                let signers = tx::parse_any_signers(arg(1), &account)?;
                tx::make_context(host, &calls, signers, &options).await
            }
            Self::Sign => {
                let context = tx::parse_context(arg(0))?;
                let account = require(origin, host).await?;
                tx::sign_context(origin, host, &account, context).await
            }
            Self::Relay => {
                let context = tx::parse_context(arg(0))?;
                require(origin, host).await?;
                tx::relay_context(host, &context).await
            }
            Self::PickAddress => {
                let account = if host.is_connected(origin) {
                    match host.switch_account(origin).await? {
                        Some(picked) => picked,
                        None => host.connect(origin).await?,
                    }
                } else {
                    host.connect(origin).await?
                };
                Ok(Value::String(account.address.to_string()))
            }
            Self::Send => {
                // NeoLine: send(asset, from, to, amount); the spec: send(asset, amount, to, from?).
                let asset = tx::parse_hash(arg(0), "asset")?;
                // An account is an address or a script hash; an amount is decimal digits.
                let second_is_address = arg(1).and_then(Value::as_str).is_some_and(|s| {
                    s.parse::<Address>().is_ok()
                        || (s.parse::<UInt160>().is_ok() && !s.bytes().all(|b| b.is_ascii_digit()))
                });
                let (from, to, amount) = if second_is_address {
                    (arg(1), arg(2), arg(3))
                } else {
                    (arg(3), arg(2), arg(1))
                };
                let to = tx::parse_account(to, "to")?;
                let amount = match amount {
                    Some(Value::String(s)) => s.parse::<Integer>().ok(),
                    Some(Value::Number(n)) => n.as_u64().map(Integer::from),
                    _ => None,
                }
                .filter(|a| !a.is_negative() && a.to_string() != "0")
                .ok_or_else(|| {
                    NeoError::malformed("amount must be a positive integer (the token's smallest unit)")
                })?;
                let from = from.map(|f| tx::parse_account(Some(f), "from")).transpose()?;
                let account = require(origin, host).await?;
                let own = account.address.script_hash();
                if from.is_some_and(|f| f != own) {
                    return Err(NeoError::new(
                        super::NeoErrorKind::Unauthorized,
                        "from is not the connected account",
                    ));
                }
                let call = Invocation::new(
                    asset,
                    "transfer",
                    vec![
                        ContractParameter::Hash160(own),
                        ContractParameter::Hash160(to),
                        ContractParameter::Integer(amount),
                        ContractParameter::Any(None),
                    ],
                );
                let signers = vec![crate::chains::neo::Signer::new(
                    own,
                    WitnessScope::CALLED_BY_ENTRY,
                )];
                let answer =
                    tx::invoke(origin, host, &account, &[call], signers, TxOptions::default()).await?;
                Ok(answer.get("txid").cloned().unwrap_or(Value::Null))
            }
            Self::Authenticate => authenticate(arg(0), origin, host).await,
            Self::SignMessage => {
                let message = arg(0)
                    .and_then(Value::as_str)
                    .and_then(|m| STANDARD.decode(m).ok())
                    .ok_or_else(|| NeoError::malformed("message must be base64"))?;
                let requested: Option<UInt160> = arg(1)
                    .map(|a| tx::parse_account(Some(a), "account"))
                    .transpose()?;
                let account = require(origin, host).await?;
                if requested.is_some_and(|r| r != account.address.script_hash()) {
                    return Err(NeoError::new(
                        super::NeoErrorKind::Unauthorized,
                        "account is not the connected account",
                    ));
                }
                host.approve(
                    origin,
                    ApprovalKind::NeoSignMessage {
                        address: account.address.to_string(),
                        message: String::from_utf8(message.clone())
                            .unwrap_or_else(|_| format!("0x{}", hex::encode(&message))),
                        format: "NEP-21 signMessage".into(),
                    },
                )
                .await?;
                let digest: [u8; 32] = Sha256::digest(&message).into();
                let (key, signature) = host.sign(origin, &digest)?;
                Ok(json!({
                    "payload": STANDARD.encode(&message),
                    "signature": STANDARD.encode(signature.as_bytes()),
                    "account": account.address.script_hash().to_string(),
                    "pubkey": key.to_string(),
                }))
            }
        }
    }
}

async fn require(origin: &Origin, host: &impl NeoHost) -> Result<super::NeoAccountView, NeoError> {
    if !host.is_connected(origin) {
        return Err(NeoError::not_connected());
    }
    host.connect(origin).await
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

/// NEP-20 `authenticate`: signs `network (u32 LE) ‖ nonce (u64 LE) ‖ timestamp (u32 LE) ‖
/// script hash (wire order)` with SHA-256/ECDSA-P256 after the user approves. The response's
/// timestamp is the challenge's.
///
/// Spec: neo-project/proposals `authentication-scheme.mediawiki` (NEP-20).
async fn authenticate(
    challenge: Option<&Value>,
    origin: &Origin,
    host: &impl NeoHost,
) -> Result<Value, NeoError> {
    let challenge = challenge
        .filter(|c| c.is_object())
        .ok_or_else(|| NeoError::malformed("authenticate takes a challenge object"))?;
    if challenge.get("action").and_then(Value::as_str) != Some("Authentication")
        || challenge.get("grant_type").and_then(Value::as_str) != Some("Signature")
    {
        return Err(NeoError::malformed(
            "the challenge must be action Authentication, grant_type Signature",
        ));
    }
    let algorithms = challenge.get("allowed_algorithms").and_then(Value::as_array);
    if !algorithms.is_some_and(|a| a.iter().any(|x| x.as_str() == Some("ECDSA-P256"))) {
        return Err(NeoError::new(
            super::NeoErrorKind::Unsupported,
            "Formica signs with ECDSA-P256 only",
        ));
    }
    let nonce_text = match challenge.get("nonce") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(NeoError::malformed("nonce must be a 64-bit integer")),
    };
    let nonce: u64 = nonce_text
        .parse()
        .map_err(|_| NeoError::malformed("nonce must be a 64-bit integer"))?;
    let timestamp = challenge
        .get("timestamp")
        .and_then(Value::as_u64)
        .and_then(|t| u32::try_from(t).ok())
        .ok_or_else(|| NeoError::malformed("timestamp must be a 32-bit Unix time"))?;
    let network = host.network().magic;
    let networks = challenge.get("networks").and_then(Value::as_array);
    if !networks.is_some_and(|n| n.iter().any(|x| x.as_u64() == Some(u64::from(network)))) {
        return Err(NeoError::new(
            super::NeoErrorKind::ChainNotMatch,
            format!("the challenge does not accept the wallet's network {network}"),
        ));
    }
    let account = host.connect(origin).await?;
    host.approve(
        origin,
        ApprovalKind::NeoSignMessage {
            address: account.address.to_string(),
            message: format!("Sign in to {origin} (nonce {nonce_text}, time {timestamp})"),
            format: "NEP-20 authenticate".into(),
        },
    )
    .await?;
    let mut data = Vec::with_capacity(36);
    data.extend_from_slice(&network.to_le_bytes());
    data.extend_from_slice(&nonce.to_le_bytes());
    data.extend_from_slice(&timestamp.to_le_bytes());
    data.extend_from_slice(account.address.script_hash().wire_bytes());
    let digest: [u8; 32] = Sha256::digest(&data).into();
    let (key, signature) = host.sign(origin, &digest)?;
    Ok(json!({
        "algorithm": "ECDSA-P256",
        "network": network,
        "pubkey": key.to_string(),
        "address": account.address.to_string(),
        "nonce": nonce_text,
        "timestamp": timestamp,
        "signature": STANDARD.encode(signature.as_bytes()),
    }))
}
