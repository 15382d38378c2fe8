//! The write path shared by `invoke`, `invokeMultiple`, `send` and NEP-21 `invoke`/`send`:
//! build the script, take the system fee from `invokescript` and the network fee from
//! `calculatenetworkfee`, show the decoded calls, sign with the network's magic, broadcast.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::amount::{format_amount, parse_amount};
use super::{NeoAccountView, NeoError, NeoErrorKind, NeoHost};
use crate::api::{ApprovalKind, NeoCall, NeoSignerView, NeoTransfer};
use crate::chains::neo::disassemble::{self, PushedValue, UndecodedScript};
use crate::chains::neo::multisig::ContextItem;
use crate::chains::neo::{
    Address, ByteArrayEncoding, CallFlags, ContractParameter, ContractParametersContext, Integer,
    MultisigAccount, NetworkMagic, ScriptBuilder, Signer, Transaction, TransactionAttribute, UInt160,
    Witness, WitnessScope,
};
use crate::provider::Origin;

/// The NEO token's script hash (native contract, decimals 0).
pub const NEO_TOKEN: &str = "0xef4073a0f2b305a38ec4050e4d3d28bc40ea63f5";
/// The GAS token's script hash (native contract, decimals 8).
pub const GAS_TOKEN: &str = "0xd2a4cff31913016155e38e474a2c06d08be276cf";

/// How many blocks after the current height a transaction stays valid (≈ 4 hours at 15 s a
/// block; well under the protocol's `MaxValidUntilBlockIncrement` of 5760).
pub const VALID_BLOCKS: u32 = 1000;

/// One contract call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invocation {
    /// The contract.
    pub contract: UInt160,
    /// The method.
    pub method: String,
    /// The arguments.
    pub args: Vec<ContractParameter>,
    /// Followed by `ASSERT`: the whole transaction faults unless the call returns true
    /// (NEP-21 `abortOnFail`).
    pub abort_on_fail: bool,
}

impl Invocation {
    /// A call of `method` on `contract` with `args`.
    pub fn new(contract: UInt160, method: &str, args: Vec<ContractParameter>) -> Self {
        Self {
            contract,
            method: method.to_owned(),
            args,
            abort_on_fail: false,
        }
    }

    /// A NEP-17 `transfer(from, to, amount, data = null)` of `amount` (in the token's smallest
    /// unit) on `token`.
    pub fn nep17_transfer(token: UInt160, from: UInt160, to: UInt160, amount: Integer) -> Self {
        Self::new(
            token,
            "transfer",
            vec![
                ContractParameter::Hash160(from),
                ContractParameter::Hash160(to),
                ContractParameter::Integer(amount),
                ContractParameter::Any(None),
            ],
        )
    }
}

/// Reads a script hash given as `0x…`, bare hex, or (leniently) an address.
pub fn parse_hash(value: Option<&Value>, field: &str) -> Result<UInt160, NeoError> {
    let text = value
        .and_then(Value::as_str)
        .ok_or_else(|| NeoError::malformed(format!("{field} must be a script hash")))?;
    text.parse::<UInt160>()
        .or_else(|_| text.parse::<Address>().map(|a| a.script_hash()))
        .map_err(|_| NeoError::malformed(format!("{field} is not a script hash: {text}")))
}

/// Reads an address (or a script hash) into a script hash.
pub fn parse_account(value: Option<&Value>, field: &str) -> Result<UInt160, NeoError> {
    let text = value
        .and_then(Value::as_str)
        .ok_or_else(|| NeoError::malformed(format!("{field} must be an N3 address")))?;
    text.parse::<Address>()
        .map(|a| a.script_hash())
        .or_else(|_| text.parse::<UInt160>())
        .map_err(|_| NeoError::malformed(format!("{field} is not an N3 address: {text}")))
}

/// Reads `{scriptHash, operation, args?}`.
pub fn parse_invocation(value: &Value, path: &str) -> Result<Invocation, NeoError> {
    if !value.is_object() {
        return Err(NeoError::malformed(format!("{path} must be an object")));
    }
    let contract = parse_hash(value.get("scriptHash"), &format!("{path}.scriptHash"))?;
    let method = value
        .get("operation")
        .and_then(Value::as_str)
        .filter(|m| !m.is_empty())
        .ok_or_else(|| NeoError::malformed(format!("{path}.operation must be a method name")))?
        .to_owned();
    let args = match value.get("args") {
        None | Some(Value::Null) => Vec::new(),
        Some(args) => ContractParameter::list_from_json(args, ByteArrayEncoding::Base64)
            .map_err(|e| NeoError::malformed(format!("{path}: {e}")))?,
    };
    let abort_on_fail = match value.get("abortOnFail") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(NeoError::malformed(format!(
                "{path}.abortOnFail must be true or false"
            )));
        }
    };
    Ok(Invocation {
        contract,
        method,
        args,
        abort_on_fail,
    })
}

/// The script calling every invocation in order.
pub fn script_of(invocations: &[Invocation]) -> Result<Vec<u8>, NeoError> {
    let mut builder = ScriptBuilder::new();
    for call in invocations {
        builder
            .contract_call(&call.contract, &call.method, &call.args, CallFlags::ALL)
            .map_err(|e| NeoError::malformed(format!("args: {e}")))?;
        if call.abort_on_fail {
            builder.op(disassemble::ASSERT);
        }
    }
    Ok(builder.into_bytes())
}

/// Reads the dApp's signers; none given means the account with `CalledByEntry`. The account
/// must be among them (it is the only one Formica can sign for).
pub fn parse_signers(value: Option<&Value>, account: &NeoAccountView) -> Result<Vec<Signer>, NeoError> {
    let own = account.address.script_hash();
    let signers = parse_any_signers(value, account)?;
    if !signers.iter().any(|s| s.account == own) {
        return Err(NeoError::new(
            NeoErrorKind::Unauthorized,
            format!("no signer is the connected account {}", account.address),
        ));
    }
    if signers.len() > 1 {
        // Another signer's witness would have to come from elsewhere: that is signTransaction's job.
        return Err(NeoError::malformed(
            "Formica signs for the connected account only; use signTransaction to collect other signatures",
        ));
    }
    Ok(signers)
}

/// A GAS amount given in whole GAS (`"0.001"`) as GAS fractions; `None` or `""` is zero.
pub fn parse_gas(value: Option<&Value>, field: &str) -> Result<i64, NeoError> {
    let text = match value {
        None | Some(Value::Null) => return Ok(0),
        Some(Value::String(s)) if s.trim().is_empty() || s.trim() == "0" => return Ok(0),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(NeoError::malformed(format!("{field} must be an amount of GAS"))),
    };
    parse_amount(&text, 8)
        .ok()
        .and_then(|i| i.to_i64())
        .ok_or_else(|| NeoError::malformed(format!("{field} is not an amount of GAS: {text}")))
}

fn node_i64(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_i64(),
        _ => None,
    }
}

fn bad_node(what: &str) -> NeoError {
    NeoError::new(
        NeoErrorKind::RpcError,
        format!("the node answered a malformed {what}"),
    )
}

/// The symbol and decimals of a NEP-17 token (native ones without asking the node).
pub async fn token_info(host: &impl NeoHost, token: &UInt160) -> Option<(String, u8)> {
    let display = token.to_string();
    if display == NEO_TOKEN {
        return Some(("NEO".into(), 0));
    }
    if display == GAS_TOKEN {
        return Some(("GAS".into(), 8));
    }
    let read = |method: &'static str| host.rpc("invokefunction", json!([display, method, []]));
    let symbol = read("symbol").await.ok()?;
    let decimals = read("decimals").await.ok()?;
    let item = |v: &Value| v.get("stack").and_then(|s| s.get(0)).cloned();
    let symbol = item(&symbol)?
        .get("value")
        .and_then(Value::as_str)
        .and_then(|b| STANDARD.decode(b).ok())
        .and_then(|b| String::from_utf8(b).ok())?;
    let decimals = item(&decimals)?
        .get("value")
        .and_then(Value::as_str)
        .and_then(|d| d.parse::<u8>().ok())?;
    Some((symbol, decimals))
}

/// The calls as the approval shows them; NEP-17 transfers as amount, symbol and recipient.
pub async fn describe(host: &impl NeoHost, invocations: &[Invocation]) -> Vec<NeoCall> {
    let mut out = Vec::with_capacity(invocations.len());
    for call in invocations {
        let args = ContractParameter::Array(call.args.clone()).to_json();
        let args =
            serde_json::to_string_pretty(args.get("value").unwrap_or(&Value::Null)).unwrap_or_default();
        let transfer = match (call.method.as_str(), call.args.as_slice()) {
            (
                "transfer",
                [
                    ContractParameter::Hash160(from),
                    ContractParameter::Hash160(to),
                    ContractParameter::Integer(amount),
                    _,
                ],
            ) => {
                let raw = amount.to_string();
                let (symbol, amount) = match token_info(host, &call.contract).await {
                    Some((symbol, decimals)) => (symbol, format_amount(&raw, decimals).unwrap_or(raw)),
                    None => (call.contract.to_string(), raw),
                };
                Some(NeoTransfer {
                    amount,
                    symbol,
                    from: Address::from_script_hash(*from).to_string(),
                    to: Address::from_script_hash(*to).to_string(),
                })
            }
            _ => None,
        };
        out.push(NeoCall {
            contract: call.contract.to_string(),
            method: call.method.clone(),
            args,
            transfer,
        });
    }
    out
}

/// The calls of a script built elsewhere (`signTransaction`, a multisig context), as the
/// approval shows them.
///
/// # Errors
/// [`UndecodedScript`] when the script is more than plain contract calls.
pub async fn describe_script(host: &impl NeoHost, script: &[u8]) -> Result<Vec<NeoCall>, UndecodedScript> {
    let invocations: Vec<Invocation> = disassemble::contract_calls(script)?
        .into_iter()
        .map(|call| Invocation {
            contract: call.contract,
            method: call.method,
            args: call.args.iter().map(PushedValue::to_parameter).collect(),
            abort_on_fail: call.asserted,
        })
        .collect();
    Ok(describe(host, &invocations).await)
}

/// What an approval shows of a transaction built elsewhere: its decoded calls, or why none.
pub async fn calls_of(host: &impl NeoHost, tx: &Transaction) -> (Vec<NeoCall>, Option<String>) {
    match describe_script(host, &tx.script).await {
        Ok(calls) => (calls, None),
        Err(why) => (Vec::new(), Some(why.to_string())),
    }
}

/// Options of a write call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TxOptions {
    /// GAS fractions added to the network fee (NeoLine `fee`).
    pub extra_network_fee: i64,
    /// GAS fractions added to the system fee (NeoLine `extraSystemFee`).
    pub extra_system_fee: i64,
    /// GAS fractions to use as the system fee instead of what the node measured (NEP-21
    /// `suggestedSystemFee`; `extra_system_fee` is then ignored, as neon-dapi does).
    pub system_fee: Option<i64>,
    /// The last block the transaction is valid in, instead of the height + [`VALID_BLOCKS`].
    pub valid_until_block: Option<u32>,
    /// Transaction attributes (NEP-21 `attributes`).
    pub attributes: Vec<TransactionAttribute>,
    /// Sign only; hand back the signed transaction (NeoLine `broadcastOverride`).
    pub no_broadcast: bool,
}

/// Neo's `MaxValidUntilBlockIncrement` (protocol setting, 5760 on MainNet and TestNet).
const MAX_VALID_INCREMENT: u32 = 5760;

/// The verification script of each signer the wallet knows (its own accounts, the multisig
/// accounts it holds), for the node's fee calculation; `None` for another wallet's account,
/// which [`build`] counts as a single-signature account.
pub fn fee_scripts(host: &impl NeoHost, signers: &[Signer]) -> Vec<Option<Vec<u8>>> {
    signers
        .iter()
        .map(|s| host.verification_script(&s.account))
        .collect()
}

/// A stand-in single-signature account for the fee of signer `index` whose script the wallet
/// does not know: the node checks that each witness's script hashes to its signer, so the fee
/// is asked for a copy of the transaction where that signer is this account. A single-signature
/// witness costs the same whatever the key, and the copy has the same size.
fn stand_in_key(index: usize) -> Option<crate::chains::neo::PublicKey> {
    let mut secret = [0u8; 32];
    secret[0] = 0x5a;
    secret[31] = u8::try_from(index + 1).ok()?;
    crate::chains::neo::PrivateKey::from_bytes(&secret)
        .ok()
        .map(|k| k.public_key())
}

/// The unsigned transaction for `script`, with fees from the node: the system fee from
/// `invokescript`, the network fee from `calculatenetworkfee` with `fee_scripts` (one per
/// signer, see [`fee_scripts`]) as the witnesses' verification scripts.
///
/// # Errors
/// `FAILED` when the script faults; `MALFORMED_INPUT` for options the node's height makes
/// impossible; `RPC_ERROR`.
pub async fn build(
    host: &impl NeoHost,
    script: Vec<u8>,
    signers: Vec<Signer>,
    fee_scripts: Vec<Option<Vec<u8>>>,
    options: &TxOptions,
) -> Result<Transaction, NeoError> {
    let signers_json = Value::Array(signers.iter().map(Signer::to_json).collect());
    let height = host
        .rpc("getblockcount", json!([]))
        .await
        .ok()
        .and_then(|v| v.as_u64())
        .and_then(|h| u32::try_from(h).ok())
        .ok_or_else(|| bad_node("block count"))?;
    // The height is the count: the next block has index `height`.
    let valid_until_block = match options.valid_until_block {
        None => height.saturating_add(VALID_BLOCKS),
        Some(v) if v < height => {
            return Err(NeoError::malformed(format!(
                "validUntilBlock {v} has passed: the chain is at block {height}"
            )));
        }
        Some(v) if v - height >= MAX_VALID_INCREMENT => {
            return Err(NeoError::malformed(format!(
                "validUntilBlock {v} is too far ahead: at most {} at this height",
                height + MAX_VALID_INCREMENT - 1
            )));
        }
        Some(v) => v,
    };
    let test = host
        .rpc("invokescript", json!([STANDARD.encode(&script), signers_json]))
        .await?;
    if test.get("state").and_then(Value::as_str) != Some("HALT") {
        let exception = test.get("exception").cloned().unwrap_or(Value::Null);
        let reason = exception.as_str().unwrap_or("the script faulted").to_owned();
        let kind = if reason.to_ascii_lowercase().contains("insufficient") {
            NeoErrorKind::InsufficientFunds
        } else {
            NeoErrorKind::Failed
        };
        return Err(NeoError::new(kind, format!("the contract call would fail: {reason}")).with_data(test));
    }
    let gas = node_i64(test.get("gasconsumed")).ok_or_else(|| bad_node("gasconsumed"))?;
    let random = host.random();
    let mut tx = Transaction {
        version: 0,
        nonce: u32::from_le_bytes([random[0], random[1], random[2], random[3]]),
        system_fee: options
            .system_fee
            .unwrap_or_else(|| gas.saturating_add(options.extra_system_fee)),
        network_fee: 0,
        valid_until_block,
        signers,
        attributes: options.attributes.clone(),
        script,
        witnesses: Vec::new(),
    };
    tx.validate()
        .map_err(|e| NeoError::malformed(format!("transaction: {e}")))?;
    let mut priced = tx.clone();
    for (i, script) in fee_scripts.into_iter().enumerate() {
        let verification = match script {
            Some(script) => script,
            None => {
                let key = stand_in_key(i).ok_or_else(|| NeoError::malformed("too many signers"))?;
                if let Some(signer) = priced.signers.get_mut(i) {
                    signer.account = key.script_hash();
                }
                key.verification_script()
            }
        };
        priced.witnesses.push(Witness {
            invocation: Vec::new(),
            verification,
        });
    }
    let fee = host
        .rpc("calculatenetworkfee", json!([STANDARD.encode(priced.encode())]))
        .await?;
    let fee = node_i64(fee.get("networkfee")).ok_or_else(|| bad_node("network fee"))?;
    tx.network_fee = fee.saturating_add(options.extra_network_fee);
    tx.witnesses.clear();
    Ok(tx)
}

/// The approval for `tx`; `undecoded` says why its script could not be read as `calls`.
pub fn approval(
    network: &crate::api::NeoNetworkInfo,
    account: &NeoAccountView,
    tx: &Transaction,
    (calls, undecoded): (Vec<NeoCall>, Option<String>),
    broadcast: bool,
    multisig: bool,
) -> ApprovalKind {
    let gas = |fractions: i64| {
        format!(
            "{} GAS",
            format_amount(&fractions.to_string(), 8).unwrap_or_else(|| fractions.to_string())
        )
    };
    ApprovalKind::NeoTransaction {
        network: format!("{} ({})", network.name, network.magic),
        address: account.address.to_string(),
        broadcast,
        signers: tx
            .signers
            .iter()
            .map(|s| NeoSignerView {
                account: Address::from_script_hash(s.account).to_string(),
                scopes: s.scopes.to_json_string(),
            })
            .collect(),
        global_scope: tx.signers.iter().any(|s| s.scopes.contains(WitnessScope::GLOBAL)),
        calls,
        system_fee: gas(tx.system_fee),
        network_fee: gas(tx.network_fee),
        script: hex::encode(&tx.script),
        multisig,
        undecoded,
    }
}

/// Builds, shows, signs and (unless told not to) broadcasts a call of `invocations`.
///
/// # Errors
/// As [`build`]; `CANCELED`; the node's refusal.
pub async fn invoke(
    origin: &Origin,
    host: &impl NeoHost,
    account: &NeoAccountView,
    invocations: &[Invocation],
    signers: Vec<Signer>,
    options: TxOptions,
) -> Result<Value, NeoError> {
    let script = script_of(invocations)?;
    let network = host.network();
    let scripts = fee_scripts(host, &signers);
    let mut tx = build(host, script, signers, scripts, &options).await?;
    let calls = describe(host, invocations).await;
    host.approve(
        origin,
        approval(
            &network,
            account,
            &tx,
            (calls, None),
            !options.no_broadcast,
            false,
        ),
    )
    .await?;
    let digest = tx.signing_hash(NetworkMagic::new(network.magic));
    let (key, signature) = host.sign(origin, &digest)?;
    tx.witnesses = vec![Witness::single_sig(&signature, &key)];
    let txid = tx.hash().to_string();
    if options.no_broadcast {
        return Ok(json!({"txid": txid, "signedTx": hex::encode(tx.encode())}));
    }
    host.rpc("sendrawtransaction", json!([STANDARD.encode(tx.encode())]))
        .await?;
    Ok(json!({"txid": txid, "nodeURL": network.rpc_url}))
}

/// Reads the signers of a transaction other wallets will sign too (NEP-21 `makeTransaction`):
/// any accounts; none given means the connected account with `CalledByEntry`.
///
/// # Errors
/// `MALFORMED_INPUT`.
pub fn parse_any_signers(value: Option<&Value>, account: &NeoAccountView) -> Result<Vec<Signer>, NeoError> {
    match value {
        None | Some(Value::Null) => Ok(vec![Signer::new(
            account.address.script_hash(),
            WitnessScope::CALLED_BY_ENTRY,
        )]),
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                Signer::from_json(item, &format!("signers[{i}]"))
                    .map_err(|e| NeoError::malformed(e.to_string()))
            })
            .collect(),
        Some(_) => Err(NeoError::malformed("signers must be a non-empty array")),
    }
}

/// NEP-21 `makeTransaction`: the transaction with fees from the node, unsigned, as a
/// `ContractParametersContext` listing every signer unfilled (`{"script": "", "parameters":
/// [], "signatures": {}}`), keyed as `getAccounts` writes hashes. Nothing is signed and no
/// window opens.
///
/// # Errors
/// As [`build`].
pub async fn make_context(
    host: &impl NeoHost,
    invocations: &[Invocation],
    signers: Vec<Signer>,
    options: &TxOptions,
) -> Result<Value, NeoError> {
    let script = script_of(invocations)?;
    let scripts = fee_scripts(host, &signers);
    let tx = build(host, script, signers, scripts, options).await?;
    let network = NetworkMagic::new(host.network().magic);
    let mut context = ContractParametersContext::new(tx, network);
    context.items = context
        .transaction
        .signers
        .iter()
        .map(|s| (s.account, ContextItem::unfilled()))
        .collect();
    Ok(context.to_json())
}

/// A `ContractParametersContext` as JSON (an object, or its text).
///
/// # Errors
/// `MALFORMED_INPUT`.
pub fn parse_context(value: Option<&Value>) -> Result<ContractParametersContext, NeoError> {
    let json = match value {
        Some(Value::String(text)) => {
            serde_json::from_str::<Value>(text).map_err(|_| NeoError::malformed("context is not JSON"))?
        }
        Some(object @ Value::Object(_)) => object.clone(),
        _ => return Err(NeoError::malformed("context must be a ContractParametersContext")),
    };
    ContractParametersContext::from_json(&json).map_err(|e| NeoError::malformed(format!("context: {e}")))
}

/// The verification script `account` signs for in `context`: a multisig account holding its
/// key (named by an item's script, or known to the wallet), or the account itself; and
/// whether it is a multisig one.
///
/// # Errors
/// `UNAUTHORIZED` when the context has nothing this key can sign; `MALFORMED_INPUT` when it
/// already has this key's signature there.
pub fn context_script(
    host: &impl NeoHost,
    context: &ContractParametersContext,
    account: &NeoAccountView,
) -> Result<(Vec<u8>, bool), NeoError> {
    let holds_key = |script: &[u8]| {
        MultisigAccount::from_verification_script(script)
            .is_some_and(|m| m.keys().contains(&account.public_key))
    };
    let signers = &context.transaction.signers;
    let from_items = context
        .items
        .iter()
        .filter(|(hash, _)| signers.iter().any(|s| s.account == *hash))
        .find_map(|(_, item)| item.script.clone().filter(|s| holds_key(s)));
    let own = account.address.script_hash();
    let script = from_items
        .or_else(|| {
            signers
                .iter()
                .any(|s| s.account == own)
                .then(|| account.public_key.verification_script())
        })
        .or_else(|| {
            signers
                .iter()
                .filter_map(|s| host.verification_script(&s.account))
                .find(|s| holds_key(s))
        })
        .ok_or_else(|| {
            NeoError::new(
                NeoErrorKind::Unauthorized,
                "the context has no account the connected key can sign for",
            )
        })?;
    let hash = UInt160::of_script(&script);
    let signed = context
        .items
        .iter()
        .any(|(h, item)| *h == hash && item.signatures.iter().any(|(k, _)| *k == account.public_key));
    if signed {
        return Err(NeoError::malformed(
            "the context already has this account's signature",
        ));
    }
    let multisig = MultisigAccount::from_verification_script(&script).is_some();
    Ok((script, multisig))
}

/// Signs `context` with the connected account after the user approves (the decoded calls,
/// fees, and the network the signature binds to), and answers the context with the signature
/// added (NEP-21 `sign`, NeoLine `signTransaction({context})`).
///
/// # Errors
/// As [`context_script`]; `CANCELED`.
pub async fn sign_context(
    origin: &Origin,
    host: &impl NeoHost,
    account: &NeoAccountView,
    mut context: ContractParametersContext,
) -> Result<Value, NeoError> {
    let (script, multisig) = context_script(host, &context, account)?;
    let network = host.network();
    let view = crate::api::NeoNetworkInfo {
        name: if context.network.get() == network.magic {
            network.name.clone()
        } else {
            "another network".into()
        },
        magic: context.network.get(),
        ..network
    };
    let tx = context.transaction.clone();
    let calls = calls_of(host, &tx).await;
    host.approve(origin, approval(&view, account, &tx, calls, false, multisig))
        .await?;
    let (key, signature) = host.sign(origin, &tx.signing_hash(context.network))?;
    context
        .add_signature(&script, &key, &signature)
        .map_err(|e| NeoError::malformed(format!("context: {e}")))?;
    Ok(context.to_json())
}

/// Sends a fully signed context to the node (NEP-21 `relay`); answers the txid.
///
/// # Errors
/// `MALFORMED_INPUT` while signatures are missing; `CHAIN_NOT_MATCH` for a context of another
/// network than the wallet's; the node's refusal.
pub async fn relay_context(
    host: &impl NeoHost,
    context: &ContractParametersContext,
) -> Result<Value, NeoError> {
    let network = host.network();
    if context.network.get() != network.magic {
        return Err(NeoError::new(
            NeoErrorKind::ChainNotMatch,
            format!(
                "the context is for network {}, the wallet is on {} ({})",
                context.network.get(),
                network.name,
                network.magic
            ),
        ));
    }
    let tx = context
        .signed_transaction()
        .map_err(|e| NeoError::malformed(format!("context: {e}")))?;
    host.rpc("sendrawtransaction", json!([STANDARD.encode(tx.encode())]))
        .await?;
    Ok(Value::String(tx.hash().to_string()))
}
