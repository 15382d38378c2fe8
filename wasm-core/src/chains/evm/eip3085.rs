//! `wallet_addEthereumChain` parameters (EIP-3085), checked strictly, and the endpoint rules
//! every custom network follows.
//!
//! - `chainId`: a hex quantity without leading zeros, a valid EIP-155 chain id (≤ 2^53 − 1).
//! - `chainName`: 1–64 characters after trimming, no control characters.
//! - `rpcUrls`: at least one; every entry `https://`, or `http://` to a loopback host only
//!   (`127.0.0.1`, `localhost`, `[::1]`): a page must not make the wallet talk plain HTTP
//!   over the network. No user name or password in the URL. The first is used.
//! - `nativeCurrency`: `name` (1–64 characters), `symbol` (1–6 characters, as EIP-3085
//!   recommends 2–6 and wallets accept 1), `decimals` exactly 18 (the EVM's native unit is
//!   always wei).
//! - `blockExplorerUrls` (optional): `https://` only.
//! - `iconUrls` (optional): accepted and ignored. Any other key is refused.
//!
//! Spec: <https://eips.ethereum.org/EIPS/eip-3085>.

use serde_json::{Map, Value};

use super::quantity::parse_quantity_u64;
use crate::api::ChainId;

/// Why `wallet_addEthereumChain` params (or a network typed in settings) are refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AddChainError {
    /// The param is not an object.
    #[error(
        "wallet_addEthereumChain takes [{{chainId, chainName, rpcUrls, nativeCurrency, blockExplorerUrls?}}]"
    )]
    Shape,
    /// A key EIP-3085 does not define.
    #[error("unexpected key {0}")]
    UnknownKey(String),
    /// `chainId` is missing or not a valid chain id.
    #[error("chainId must be a 0x-prefixed hex chain id without leading zeros, between 1 and 2^53 - 1")]
    ChainId,
    /// `chainName` is missing, empty, too long or has control characters.
    #[error("chainName must be 1 to 64 characters")]
    Name,
    /// `rpcUrls` is missing or empty.
    #[error("rpcUrls must be a non-empty array of URLs")]
    NoRpcUrl,
    /// An RPC URL is not https (or http to a loopback host).
    #[error("rpc url {0} must be https (http only to 127.0.0.1, localhost or [::1]), without credentials")]
    RpcUrl(String),
    /// A block explorer URL is not https.
    #[error("block explorer url {0} must be https, without credentials")]
    ExplorerUrl(String),
    /// `nativeCurrency` is missing or malformed.
    #[error("nativeCurrency must be {{name (1-64 characters), symbol (1-6 characters), decimals: 18}}")]
    Currency,
}

/// A network to add, as checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainParams {
    /// The chain id.
    pub chain_id: ChainId,
    /// The display name.
    pub name: String,
    /// The RPC endpoint.
    pub rpc_url: String,
    /// The native currency's name.
    pub currency_name: String,
    /// The native currency's symbol.
    pub currency_symbol: String,
    /// The block explorer, if given.
    pub explorer: Option<String>,
}

/// The parts of a URL the endpoint rules look at.
fn split_url(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    Some((scheme, authority))
}

/// The host of an authority without its port (`[::1]` keeps its brackets).
fn host_of(authority: &str) -> Option<&str> {
    if authority.starts_with('[') {
        let end = authority.find(']')?;
        let (host, after) = authority.split_at(end + 1);
        return (after.is_empty() || port_ok(after.strip_prefix(':')?)).then_some(host);
    }
    match authority.split_once(':') {
        Some((host, port)) => port_ok(port).then_some(host),
        None => Some(authority),
    }
}

fn port_ok(port: &str) -> bool {
    !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())
}

fn host_ok(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !inner.is_empty()
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !host.starts_with(['.', '-'])
}

/// Whether `host` is this machine.
fn loopback(host: &str) -> bool {
    matches!(
        host.to_ascii_lowercase().as_str(),
        "127.0.0.1" | "localhost" | "[::1]"
    )
}

/// Whether `url` may be a network's RPC endpoint: `https://host[:port]/…`, or `http://` to a
/// loopback host; no credentials, no whitespace.
pub fn rpc_url_allowed(url: &str) -> bool {
    url_allowed(url, true)
}

fn url_allowed(url: &str, allow_loopback_http: bool) -> bool {
    if url.len() > 2048 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((scheme, authority)) = split_url(url) else {
        return false;
    };
    if authority.contains('@') {
        return false;
    }
    let Some(host) = host_of(authority) else {
        return false;
    };
    host_ok(host)
        && match scheme {
            "https" => true,
            "http" => allow_loopback_http && loopback(host),
            _ => false,
        }
}

/// Checks a network's display name.
///
/// # Errors
/// [`AddChainError::Name`] unless 1–64 characters after trimming, without control characters.
pub fn check_name(name: &str) -> Result<String, AddChainError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(AddChainError::Name);
    }
    Ok(name.to_owned())
}

fn string<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

fn currency(value: Option<&Value>) -> Result<(String, String), AddChainError> {
    let object = value.and_then(Value::as_object).ok_or(AddChainError::Currency)?;
    if object
        .keys()
        .any(|k| !matches!(k.as_str(), "name" | "symbol" | "decimals"))
    {
        return Err(AddChainError::Currency);
    }
    let name = string(object, "name")
        .map(str::trim)
        .filter(|n| !n.is_empty() && n.chars().count() <= 64 && !n.chars().any(char::is_control))
        .ok_or(AddChainError::Currency)?;
    let symbol = string(object, "symbol")
        .map(str::trim)
        .filter(|s| (1..=6).contains(&s.chars().count()) && !s.chars().any(char::is_control))
        .ok_or(AddChainError::Currency)?;
    if object.get("decimals").and_then(Value::as_u64) != Some(18) {
        return Err(AddChainError::Currency);
    }
    Ok((name.to_owned(), symbol.to_owned()))
}

fn url_list(value: Option<&Value>) -> Result<Vec<&str>, ()> {
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items.iter().map(|v| v.as_str().ok_or(())).collect(),
        Some(_) => Err(()),
    }
}

/// Parses a chain id written as a hex quantity.
///
/// # Errors
/// [`AddChainError::ChainId`].
pub fn parse_chain_id(text: &str) -> Result<ChainId, AddChainError> {
    parse_quantity_u64(text)
        .ok()
        .and_then(|id| ChainId::new(id).ok())
        .ok_or(AddChainError::ChainId)
}

impl ChainParams {
    /// Checks the one object `wallet_addEthereumChain` takes.
    ///
    /// # Errors
    /// [`AddChainError`] for the first rule broken (see the module docs).
    pub fn from_value(value: &Value) -> Result<Self, AddChainError> {
        let object = value.as_object().ok_or(AddChainError::Shape)?;
        if let Some(key) = object.keys().find(|k| {
            !matches!(
                k.as_str(),
                "chainId" | "chainName" | "rpcUrls" | "nativeCurrency" | "blockExplorerUrls" | "iconUrls"
            )
        }) {
            return Err(AddChainError::UnknownKey(key.clone()));
        }
        let chain_id = string(object, "chainId")
            .ok_or(AddChainError::ChainId)
            .and_then(parse_chain_id)?;
        let name = check_name(string(object, "chainName").ok_or(AddChainError::Name)?)?;
        let rpc_urls = url_list(object.get("rpcUrls")).map_err(|()| AddChainError::NoRpcUrl)?;
        if rpc_urls.is_empty() {
            return Err(AddChainError::NoRpcUrl);
        }
        if let Some(bad) = rpc_urls.iter().find(|u| !rpc_url_allowed(u)) {
            return Err(AddChainError::RpcUrl((*bad).to_owned()));
        }
        let (currency_name, currency_symbol) = currency(object.get("nativeCurrency"))?;
        let explorers = url_list(object.get("blockExplorerUrls"))
            .map_err(|()| AddChainError::ExplorerUrl("(not an array of strings)".into()))?;
        if let Some(bad) = explorers.iter().find(|u| !url_allowed(u, false)) {
            return Err(AddChainError::ExplorerUrl((*bad).to_owned()));
        }
        Ok(Self {
            chain_id,
            name,
            rpc_url: rpc_urls[0].to_owned(),
            currency_name,
            currency_symbol,
            explorer: explorers.first().map(|u| (*u).to_owned()),
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn good() -> Value {
        json!({
            "chainId": "0x7a6a",
            "chainName": "Second Anvil",
            "rpcUrls": ["http://127.0.0.1:8546"],
            "nativeCurrency": {"name": "Ether", "symbol": "ETH", "decimals": 18},
            "blockExplorerUrls": ["https://explorer.example"],
            "iconUrls": ["https://example.com/icon.png"]
        })
    }

    fn with(key: &str, value: Value) -> Value {
        let mut v = good();
        v[key] = value;
        v
    }

    #[test]
    fn accepts_a_well_formed_chain() {
        let params = ChainParams::from_value(&good()).unwrap();
        assert_eq!(params.chain_id, ChainId::new(31_338).unwrap());
        assert_eq!(params.rpc_url, "http://127.0.0.1:8546");
        assert_eq!(params.currency_symbol, "ETH");
        assert_eq!(params.explorer.as_deref(), Some("https://explorer.example"));
        let mut minimal = good();
        minimal.as_object_mut().unwrap().remove("blockExplorerUrls");
        minimal.as_object_mut().unwrap().remove("iconUrls");
        assert_eq!(ChainParams::from_value(&minimal).unwrap().explorer, None);
    }

    #[test]
    fn refuses_each_broken_rule() {
        let cases = [
            (json!("0x1"), AddChainError::Shape),
            (with("extra", json!(1)), AddChainError::UnknownKey("extra".into())),
            (with("chainId", json!("0x07a6a")), AddChainError::ChainId),
            (with("chainId", json!(31_338)), AddChainError::ChainId),
            (with("chainId", json!("0x0")), AddChainError::ChainId),
            (with("chainId", json!("0x20000000000000")), AddChainError::ChainId),
            (with("chainId", json!("31338")), AddChainError::ChainId),
            (with("chainName", json!("  ")), AddChainError::Name),
            (with("chainName", json!("a\u{0}b")), AddChainError::Name),
            (with("chainName", json!("x".repeat(65))), AddChainError::Name),
            (with("rpcUrls", json!([])), AddChainError::NoRpcUrl),
            (
                with("rpcUrls", json!("https://rpc.example")),
                AddChainError::NoRpcUrl,
            ),
            (
                with("rpcUrls", json!(["http://rpc.example"])),
                AddChainError::RpcUrl("http://rpc.example".into()),
            ),
            (
                with("rpcUrls", json!(["https://rpc.example", "http://10.0.0.1:8545"])),
                AddChainError::RpcUrl("http://10.0.0.1:8545".into()),
            ),
            (
                with("rpcUrls", json!(["https://user:pw@rpc.example"])),
                AddChainError::RpcUrl("https://user:pw@rpc.example".into()),
            ),
            (
                with("rpcUrls", json!(["wss://rpc.example"])),
                AddChainError::RpcUrl("wss://rpc.example".into()),
            ),
            (
                with("rpcUrls", json!(["http://127.0.0.1.evil.example"])),
                AddChainError::RpcUrl("http://127.0.0.1.evil.example".into()),
            ),
            (
                with(
                    "nativeCurrency",
                    json!({"name": "Ether", "symbol": "ETH", "decimals": 6}),
                ),
                AddChainError::Currency,
            ),
            (
                with(
                    "nativeCurrency",
                    json!({"name": "Ether", "symbol": "TOOLONG", "decimals": 18}),
                ),
                AddChainError::Currency,
            ),
            (
                with("nativeCurrency", json!({"symbol": "ETH", "decimals": 18})),
                AddChainError::Currency,
            ),
            (with("nativeCurrency", json!(null)), AddChainError::Currency),
            (
                with("blockExplorerUrls", json!(["http://explorer.example"])),
                AddChainError::ExplorerUrl("http://explorer.example".into()),
            ),
            (
                with("blockExplorerUrls", json!(["http://127.0.0.1:4000"])),
                AddChainError::ExplorerUrl("http://127.0.0.1:4000".into()),
            ),
        ];
        for (params, expected) in cases {
            assert_eq!(ChainParams::from_value(&params), Err(expected), "{params}");
        }
    }

    #[test]
    fn endpoint_rules() {
        for ok in [
            "https://rpc.example",
            "https://rpc.example:8443/v1/key?x=1",
            "http://127.0.0.1:8545",
            "http://localhost:8545/",
            "http://LOCALHOST",
            "http://[::1]:8545",
            "https://[2001:db8::1]/",
        ] {
            assert!(rpc_url_allowed(ok), "{ok}");
        }
        for bad in [
            "",
            "rpc.example",
            "ftp://rpc.example",
            "http://192.168.1.2:8545",
            "http://[::2]:8545",
            "https://",
            "https://:8545",
            "https://rpc.example:port",
            "https://rpc .example",
            "https://a@127.0.0.1",
            "http://127.0.0.1@evil.example",
            "javascript://alert(1)",
        ] {
            assert!(!rpc_url_allowed(bad), "{bad}");
        }
    }
}
