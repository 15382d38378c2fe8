//! NeoLine's `NEOLineN3.Init` methods: the table, and each method's params and answer.
//!
//! Every method runs the same pipeline: known name → params read (MALFORMED_INPUT, nothing
//! asked or signed) → the connected account when the method needs one (CONNECTION_DENIED
//! before connect; an unlock prompt while locked) → approval (CANCELED) → node.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::amount::{format_amount, parse_amount};
use super::tx::{self, Invocation, TxOptions};
use super::{NeoAccountView, NeoError, NeoErrorKind, NeoHost, neoline_chain_id};
use crate::api::ApprovalKind;
use crate::chains::neo::message::{self, MessageFormat};
use crate::chains::neo::{
    Address, NetworkMagic, Signer, Transaction, UInt160, UInt256, Witness, WitnessScope,
};
use crate::provider::Origin;

/// Formica's version as dApps see it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

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
            Self::GetAccount | Self::PickAddress => Ok(host.connect(origin).await?.to_json()),
            Self::GetPublicKey => {
                let account = host.connect(origin).await?;
                Ok(
                    json!({"address": account.address.to_string(), "publicKey": account.public_key.to_string()}),
                )
            }
            Self::GetBalance => get_balance(params, origin, host).await,
            Self::GetStorage => get_storage(params, host).await,
            Self::InvokeRead => {
                let call = tx::parse_invocation(params, "params")?;
                let signers = read_signers(params.get("signers"))?;
                invoke_read(host, &call, &signers).await
            }
            Self::InvokeReadMulti => {
                let calls = invocations(params.get("invokeReadArgs"), "invokeReadArgs")?;
                let signers = read_signers(params.get("signers"))?;
                let script = tx::script_of(&calls)?;
                host.rpc("invokescript", json!([STANDARD.encode(script), signers]))
                    .await
            }
            Self::VerifyMessage => verify(params, MessageFormat::V1),
            Self::VerifyMessageV2 => verify(params, MessageFormat::V2),
            Self::GetBlock => {
                let height = params
                    .get("blockHeight")
                    .and_then(Value::as_u64)
                    .ok_or_else(|| NeoError::malformed("blockHeight must be a block index"))?;
                host.rpc("getblock", json!([height, true])).await
            }
            Self::GetTransaction => {
                let txid = txid(params)?;
                host.rpc("getrawtransaction", json!([txid, true])).await
            }
            Self::GetApplicationLog => {
                let txid = txid(params)?;
                host.rpc("getapplicationlog", json!([txid])).await
            }
            Self::AddressToScriptHash => {
                let hash = tx::parse_account(params.get("address"), "address")?;
                Ok(json!({"scriptHash": hash.to_neon_hex()}))
            }
            Self::ScriptHashToAddress => {
                let hash = tx::parse_hash(params.get("scriptHash"), "scriptHash")?;
                Ok(json!({"address": Address::from_script_hash(hash).to_string()}))
            }
            Self::Send => send(params, origin, host).await,
            Self::Invoke => {
                let call = tx::parse_invocation(params, "params")?;
                let options = options(params)?;
                let account = require(origin, host).await?;
                let signers = tx::parse_signers(params.get("signers"), &account)?;
                tx::invoke(origin, host, &account, &[call], signers, options).await
            }
            Self::InvokeMultiple => {
                let calls = invocations(params.get("invokeArgs"), "invokeArgs")?;
                let options = options(params)?;
                let account = require(origin, host).await?;
                let signers = tx::parse_signers(params.get("signers"), &account)?;
                tx::invoke(origin, host, &account, &calls, signers, options).await
            }
            Self::SignMessage => {
                sign_message(params, origin, host, MessageFormat::V1, true, "signMessage").await
            }
            Self::SignMessageV2 => {
                sign_message(params, origin, host, MessageFormat::V2, true, "signMessageV2").await
            }
            Self::SignMessageWithoutSalt => {
                sign_message(
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
                sign_message(
                    params,
                    origin,
                    host,
                    MessageFormat::V2,
                    false,
                    "signMessageWithoutSaltV2",
                )
                .await
            }
            Self::SignTransaction => sign_transaction(params, origin, host).await,
            Self::SwitchWalletNetwork => {
                let chain_id = params
                    .get("chainId")
                    .and_then(Value::as_u64)
                    .and_then(|c| u32::try_from(c).ok())
                    .ok_or_else(|| {
                        NeoError::malformed(
                            "chainId must be a NeoLine chain id (3 MainNet, 6 TestNet, 0 a private network)",
                        )
                    })?;
                // As NeoLine: `true` once switched, `null` when already there.
                let switched = host.switch_network(origin, chain_id).await?;
                Ok(if switched { Value::Bool(true) } else { Value::Null })
            }
            // As NeoLine: the account picked, or `null` when the user kept the same one.
            Self::SwitchWalletAccount => Ok(host
                .switch_account(origin)
                .await?
                .map_or(Value::Null, |a| a.to_json())),
        }
    }
}

/// `getProvider`'s answer (also the READY event's detail).
pub fn provider_info() -> Value {
    json!({
        "name": "Formica",
        "website": "https://formica.app",
        "version": VERSION,
        "compatibility": ["NEP-17", "NEP-11"],
        "extra": {"theme": "", "currency": "USD"},
    })
}

/// `getNetworks`'s answer (also NETWORK_CHANGED's detail).
pub fn networks(host: &impl NeoHost) -> Value {
    let current = host.network();
    json!({
        "networks": host.networks().iter().map(|n| n.name.clone()).collect::<Vec<_>>(),
        "chainId": neoline_chain_id(current.magic),
        "defaultNetwork": current.name,
    })
}

/// The connected account for a method that needs one; CONNECTION_DENIED before connecting
/// (no window opens), an unlock prompt while locked.
async fn require(origin: &Origin, host: &impl NeoHost) -> Result<NeoAccountView, NeoError> {
    if !host.is_connected(origin) {
        return Err(NeoError::not_connected());
    }
    host.connect(origin).await
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

/// Signers for a read: checked, then written as the node reads them.
fn read_signers(value: Option<&Value>) -> Result<Value, NeoError> {
    match value {
        None | Some(Value::Null) => Ok(json!([])),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                Signer::from_json(item, &format!("signers[{i}]"))
                    .map(|s| s.to_json())
                    .map_err(|e| NeoError::malformed(e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        Some(_) => Err(NeoError::malformed("signers must be an array")),
    }
}

async fn invoke_read(host: &impl NeoHost, call: &Invocation, signers: &Value) -> Result<Value, NeoError> {
    let args: Vec<Value> = call
        .args
        .iter()
        .map(crate::chains::neo::ContractParameter::to_json)
        .collect();
    host.rpc(
        "invokefunction",
        json!([call.contract.to_string(), call.method, args, signers]),
    )
    .await
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

fn verify(params: &Value, format: MessageFormat) -> Result<Value, NeoError> {
    let field = |name: &str| {
        params
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| NeoError::malformed(format!("{name} must be a string")))
    };
    let (text, data, key) = (field("message")?, field("data")?, field("publicKey")?);
    let result =
        message::verify_message(format, text, data, key).map_err(|e| NeoError::malformed(e.to_string()))?;
    Ok(json!({"result": result}))
}

async fn get_balance(params: &Value, origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
    // Either `{params: [{address, contracts?}]}` (NeoLine ≤ 3.x, one entry or an array) or
    // nothing (the connected account, all its tokens).
    let mut queries: Vec<(Address, Option<Vec<UInt160>>)> = Vec::new();
    match params.get("params") {
        None | Some(Value::Null) => {
            let account = require(origin, host).await?;
            queries.push((account.address, None));
        }
        Some(list) => {
            let items: Vec<&Value> = match list {
                Value::Array(items) => items.iter().collect(),
                single @ Value::Object(_) => vec![single],
                _ => return Err(NeoError::malformed("params must be [{address, contracts}]")),
            };
            for item in items {
                let address = tx::parse_account(item.get("address"), "params.address")
                    .map(Address::from_script_hash)?;
                let contracts = match item.get("contracts").or_else(|| item.get("assets")) {
                    None | Some(Value::Null) => None,
                    Some(Value::Array(hashes)) => Some(
                        hashes
                            .iter()
                            .map(|h| tx::parse_hash(Some(h), "contracts[]"))
                            .collect::<Result<Vec<_>, _>>()?,
                    ),
                    Some(_) => {
                        return Err(NeoError::malformed("contracts must be an array of script hashes"));
                    }
                };
                queries.push((address, contracts));
            }
        }
    }
    let mut out = Map::new();
    for (address, contracts) in queries {
        let balances = nep17_balances(host, &address).await?;
        let list: Vec<Value> = balances
            .into_iter()
            .filter(|b| {
                contracts
                    .as_ref()
                    .is_none_or(|c| b.contract.parse::<UInt160>().is_ok_and(|h| c.contains(&h)))
            })
            .map(|b| json!({"contract": b.contract, "symbol": b.symbol, "amount": b.amount}))
            .collect();
        out.insert(address.to_string(), Value::Array(list));
    }
    Ok(Value::Object(out))
}

/// An account's NEP-17 balances from `getnep17balances`, amounts in whole tokens.
///
/// # Errors
/// `RPC_ERROR`.
pub async fn nep17_balances(
    host: &impl NeoHost,
    address: &Address,
) -> Result<Vec<crate::api::NeoBalance>, NeoError> {
    let answer = host.rpc("getnep17balances", json!([address.to_string()])).await?;
    let items = answer
        .get("balance")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let Some(hash) = item
            .get("assethash")
            .and_then(Value::as_str)
            .and_then(|h| h.parse::<UInt160>().ok())
        else {
            continue;
        };
        let raw = match item.get("amount") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => continue,
        };
        let given = (
            item.get("symbol").and_then(Value::as_str).map(str::to_owned),
            item.get("decimals").and_then(|d| match d {
                Value::String(s) => s.parse::<u8>().ok(),
                Value::Number(n) => n.as_u64().and_then(|n| u8::try_from(n).ok()),
                _ => None,
            }),
        );
        let (symbol, decimals) = match given {
            (Some(symbol), Some(decimals)) => (symbol, decimals),
            _ => tx::token_info(host, &hash)
                .await
                .unwrap_or_else(|| (hash.to_string(), 0)),
        };
        out.push(crate::api::NeoBalance {
            contract: hash.to_string(),
            amount: format_amount(&raw, decimals).unwrap_or(raw),
            symbol,
            decimals,
        });
    }
    Ok(out)
}

async fn get_storage(params: &Value, host: &impl NeoHost) -> Result<Value, NeoError> {
    let hash = tx::parse_hash(params.get("scriptHash"), "scriptHash")?;
    let key = params
        .get("key")
        .and_then(Value::as_str)
        .ok_or_else(|| NeoError::malformed("key must be a string"))?;
    let key = match params.get("keyEncoding").and_then(Value::as_str) {
        Some("base64") => {
            STANDARD
                .decode(key)
                .map_err(|_| NeoError::malformed("key is not base64"))?;
            key.to_owned()
        }
        Some("hex") => STANDARD.encode(hex::decode(key).map_err(|_| NeoError::malformed("key is not hex"))?),
        None | Some("utf8") => STANDARD.encode(key.as_bytes()),
        Some(other) => return Err(NeoError::malformed(format!("unknown keyEncoding {other}"))),
    };
    match host.rpc("getstorage", json!([hash.to_string(), key])).await {
        Ok(value) => Ok(json!({"result": value})),
        // Neo answers an error for a key that is not there; NeoLine answers null.
        Err(e) if e.description.to_ascii_lowercase().contains("unknown storage") => {
            Ok(json!({"result": null}))
        }
        Err(e) => Err(e),
    }
}

/// The smallest-unit amount and the token of a send.
pub async fn transfer_of(
    host: &impl NeoHost,
    asset: &str,
    amount: &str,
) -> Result<(UInt160, crate::chains::neo::Integer), NeoError> {
    let token = match asset {
        "NEO" | "neo" => tx::NEO_TOKEN.parse::<UInt160>().ok(),
        "GAS" | "gas" => tx::GAS_TOKEN.parse::<UInt160>().ok(),
        other => other.parse::<UInt160>().ok(),
    }
    .ok_or_else(|| NeoError::malformed(format!("asset is neither NEO, GAS nor a script hash: {asset}")))?;
    let (_, decimals) = tx::token_info(host, &token).await.ok_or_else(|| {
        NeoError::new(
            NeoErrorKind::RpcError,
            "the node did not say the token's decimals",
        )
    })?;
    let raw = parse_amount(amount, decimals).map_err(NeoError::malformed)?;
    Ok((token, raw))
}

async fn send(params: &Value, origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
    let from = tx::parse_account(params.get("fromAddress"), "fromAddress")?;
    let to = tx::parse_account(params.get("toAddress"), "toAddress")?;
    let asset = params
        .get("asset")
        .and_then(Value::as_str)
        .ok_or_else(|| NeoError::malformed("asset must be NEO, GAS or a script hash"))?;
    let amount = match params.get("amount") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(NeoError::malformed("amount must be a decimal string")),
    };
    let options = options(params)?;
    let account = require(origin, host).await?;
    if from != account.address.script_hash() {
        return Err(NeoError::new(
            NeoErrorKind::Unauthorized,
            "fromAddress is not the connected account",
        ));
    }
    let (token, raw) = transfer_of(host, asset, &amount).await?;
    let call = Invocation::new(
        token,
        "transfer",
        vec![
            crate::chains::neo::ContractParameter::Hash160(from),
            crate::chains::neo::ContractParameter::Hash160(to),
            crate::chains::neo::ContractParameter::Integer(raw),
            crate::chains::neo::ContractParameter::Any(None),
        ],
    );
    let signers = vec![Signer::new(from, WitnessScope::CALLED_BY_ENTRY)];
    tx::invoke(origin, host, &account, &[call], signers, options).await
}

/// The text a message request signs: the message, or its JSON when `isJsonObject`.
fn message_text(params: &Value) -> Result<String, NeoError> {
    let json_object = params
        .get("isJsonObject")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    match params.get("message") {
        Some(Value::String(s)) if !json_object => Ok(s.clone()),
        Some(value) if json_object && !value.is_null() => Ok(value.to_string()),
        _ => Err(NeoError::malformed("message must be a string")),
    }
}

async fn sign_message(
    params: &Value,
    origin: &Origin,
    host: &impl NeoHost,
    format: MessageFormat,
    salted: bool,
    name: &str,
) -> Result<Value, NeoError> {
    let text = message_text(params)?;
    let account = require(origin, host).await?;
    host.approve(
        origin,
        ApprovalKind::NeoSignMessage {
            address: account.address.to_string(),
            message: text.clone(),
            format: name.to_owned(),
        },
    )
    .await?;
    let salt = salted.then(|| {
        let random = host.random();
        message::salt_text(&random)
    });
    let signed = format!("{}{text}", salt.as_deref().unwrap_or(""));
    let digest: [u8; 32] = Sha256::digest(message::signed_bytes(format, &signed)).into();
    let (key, signature) = host.sign(origin, &digest)?;
    let mut out = json!({
        "publicKey": key.to_string(),
        "data": signature.to_string(),
        "message": text,
    });
    if let Some(salt) = salt {
        out["salt"] = Value::String(salt);
    }
    Ok(out)
}

async fn sign_transaction(params: &Value, origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
    let network = host.network();
    if let Some(context) = params.get("context") {
        let context = tx::parse_context(Some(context))?;
        let account = require(origin, host).await?;
        return tx::sign_context(origin, host, &account, context).await;
    }
    let tx_json = params
        .get("transaction")
        .ok_or_else(|| NeoError::malformed("transaction must be a transaction (JSON)"))?;
    let mut tx =
        Transaction::from_json(tx_json).map_err(|e| NeoError::malformed(format!("transaction: {e}")))?;
    let magic = match params.get("magicNumber") {
        None | Some(Value::Null) => network.magic,
        Some(value) => value
            .as_u64()
            .and_then(|m| u32::try_from(m).ok())
            .ok_or_else(|| NeoError::malformed("magicNumber must be a network magic"))?,
    };
    let account = require(origin, host).await?;
    if !tx
        .signers
        .iter()
        .any(|s| s.account == account.address.script_hash())
    {
        return Err(NeoError::new(
            NeoErrorKind::Unauthorized,
            "the connected account is not a signer of this transaction",
        ));
    }
    let view = crate::api::NeoNetworkInfo { magic, ..network };
    let calls = tx::calls_of(host, &tx).await;
    host.approve(origin, tx::approval(&view, &account, &tx, calls, false, false))
        .await?;
    let (key, signature) = host.sign(origin, &tx.signing_hash(NetworkMagic::new(magic)))?;
    tx.put_witness(Witness::single_sig(&signature, &key))
        .map_err(|e| NeoError::malformed(format!("transaction: {e}")))?;
    Ok(tx.to_json())
}
