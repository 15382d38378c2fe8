//! `wallet_watchAsset` — EIP-747: `{ type: "ERC20", options: { address, symbol?, decimals?,
//! image? } }`. The wallet reads `symbol()` and `decimals()` from the contract, shows them beside
//! the site's claims, and watches the token once the user approves; answers `true`.
//!
//! As in MetaMask: the params are an object; a symbol has at most 11 characters and decimals are
//! 0–36 (a number, or a string of digits); `ERC721` and `ERC1155` are known asset types Formica
//! does not watch (4200); any other type is invalid (-32602).
//! <https://eips.ethereum.org/EIPS/eip-747>

use serde_json::{Map, Value};

use super::{Call, Params, invalid_params};
use crate::api::{ProviderError, ProviderErrorCode};
use crate::chains::evm::Address;
use crate::chains::evm::units::MAX_DECIMALS;
use crate::provider::{Host, Origin, WatchAsset};

/// The longest symbol accepted (MetaMask's limit).
pub(in crate::provider) const MAX_SYMBOL_CHARS: usize = 11;
/// The longest image URL or data URI kept.
const MAX_IMAGE_BYTES: usize = 16 * 1024;

fn symbol(value: Option<&Value>) -> Result<Option<String>, ProviderError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let chars = s.chars().count();
            if chars == 0 || chars > MAX_SYMBOL_CHARS {
                return Err(invalid_params(format!(
                    "wallet_watchAsset: options.symbol must have 1 to {MAX_SYMBOL_CHARS} characters"
                )));
            }
            if s.chars().any(char::is_control) || s.trim() != s {
                return Err(invalid_params(
                    "wallet_watchAsset: options.symbol has control characters or surrounding spaces",
                ));
            }
            Ok(Some(s.clone()))
        }
        Some(_) => Err(invalid_params(
            "wallet_watchAsset: options.symbol must be a string",
        )),
    }
}

fn decimals(value: Option<&Value>) -> Result<Option<u8>, ProviderError> {
    let bad = || {
        invalid_params(format!(
            "wallet_watchAsset: options.decimals must be an integer from 0 to {MAX_DECIMALS}"
        ))
    };
    let n = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n.as_u64().ok_or_else(bad)?,
        Some(Value::String(s)) if !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse::<u64>().map_err(|_| bad())?
        }
        Some(_) => return Err(bad()),
    };
    u8::try_from(n)
        .ok()
        .filter(|d| *d <= MAX_DECIMALS)
        .map(Some)
        .ok_or_else(bad)
}

fn image(value: Option<&Value>) -> Result<Option<String>, ProviderError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s))
            if (s.starts_with("https://") || s.starts_with("data:image/"))
                && s.len() <= MAX_IMAGE_BYTES
                && !s.chars().any(|c| c.is_control() || c.is_whitespace()) =>
        {
            Ok(Some(s.clone()))
        }
        Some(_) => Err(invalid_params(
            "wallet_watchAsset: options.image must be an https URL or a data:image URI",
        )),
    }
}

fn options(options: &Map<String, Value>) -> Result<WatchAsset, ProviderError> {
    let address = match options.get("address") {
        Some(Value::String(a)) => a
            .parse::<Address>()
            .map_err(|e| invalid_params(format!("wallet_watchAsset: options.address: {e}")))?,
        _ => return Err(invalid_params("wallet_watchAsset: options.address is required")),
    };
    if address == Address::ZERO {
        return Err(invalid_params(
            "wallet_watchAsset: options.address is the zero address",
        ));
    }
    Ok(WatchAsset {
        address,
        symbol: symbol(options.get("symbol"))?,
        decimals: decimals(options.get("decimals"))?,
        image: image(options.get("image"))?,
    })
}

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    let shape = || {
        invalid_params(
            "wallet_watchAsset takes { \"type\": \"ERC20\", \"options\": { \"address\", \"symbol\", \"decimals\", \"image\" } }",
        )
    };
    let Params::Named(fields) = params else {
        return Err(shape());
    };
    match fields.get("type") {
        Some(Value::String(t)) if t == "ERC20" => {}
        Some(Value::String(t)) if t == "ERC721" || t == "ERC1155" => {
            return Err(ProviderError::new(
                ProviderErrorCode::UnsupportedMethod,
                format!("Formica watches ERC20 tokens only, not {t}"),
            ));
        }
        Some(Value::String(t)) => {
            return Err(invalid_params(format!(
                "wallet_watchAsset: asset type {t:?} is not supported; use \"ERC20\""
            )));
        }
        _ => return Err(shape()),
    }
    let Some(Value::Object(opts)) = fields.get("options") else {
        return Err(shape());
    };
    Ok(Call::WatchAsset(options(opts)?))
}

pub(in crate::provider) async fn handle(
    origin: &Origin,
    host: &impl Host,
    asset: WatchAsset,
) -> Result<Value, ProviderError> {
    Ok(Value::Bool(host.watch_asset(origin, asset).await?))
}

#[cfg(test)]
mod tests {
    use futures::executor::block_on;
    use serde_json::json;

    use crate::api::PageReply;
    use crate::provider::dispatch;
    use crate::provider::fake::FakeHost;

    const TOKEN: &str = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    fn call(host: &FakeHost, params: serde_json::Value) -> PageReply {
        block_on(dispatch(
            &json!({"method": "wallet_watchAsset", "params": params}),
            &FakeHost::origin(),
            host,
        ))
    }

    #[test]
    fn a_valid_erc20_reaches_the_wallet_with_its_claims() {
        let host = FakeHost::on_chain(31_337);
        let reply = call(
            &host,
            json!({"type": "ERC20", "options": {"address": TOKEN, "symbol": "TST", "decimals": 18, "image": "https://x.example/t.png"}}),
        );
        assert_eq!(reply, PageReply::Result(json!(true)));
        let watched = host.watched.borrow();
        assert_eq!(watched[0].address.to_string(), TOKEN);
        assert_eq!(watched[0].symbol.as_deref(), Some("TST"));
        assert_eq!(watched[0].decimals, Some(18));
        // Only the address is required; decimals may be a digit string.
        drop(watched);
        let reply = call(
            &host,
            json!({"type": "ERC20", "options": {"address": TOKEN.to_lowercase(), "decimals": "6"}}),
        );
        assert_eq!(reply, PageReply::Result(json!(true)));
        assert_eq!(host.watched.borrow()[1].decimals, Some(6));
    }

    #[test]
    fn malformed_requests_are_refused_before_asking() {
        let host = FakeHost::on_chain(31_337);
        let opts = |o: serde_json::Value| json!({"type": "ERC20", "options": o});
        let table = [
            (json!(null), -32602),
            (json!([]), -32602),
            (json!([{"type": "ERC20", "options": {"address": TOKEN}}]), -32602),
            (json!({}), -32602),
            (json!({"type": "ERC20"}), -32602),
            (json!({"type": "ERC20", "options": TOKEN}), -32602),
            (json!({"type": "erc20", "options": {"address": TOKEN}}), -32602),
            (json!({"type": 20, "options": {"address": TOKEN}}), -32602),
            (json!({"type": "ERC777", "options": {"address": TOKEN}}), -32602),
            (json!({"type": "ERC721", "options": {"address": TOKEN}}), 4200),
            (json!({"type": "ERC1155", "options": {"address": TOKEN}}), 4200),
            (opts(json!({})), -32602),
            (opts(json!({"address": 5})), -32602),
            (opts(json!({"address": "0x1234"})), -32602),
            // A mixed-case address with a wrong checksum.
            (
                opts(json!({"address": "0x5fbDB2315678afecb367f032d93F642f64180aa3"})),
                -32602,
            ),
            (
                opts(json!({"address": "0x0000000000000000000000000000000000000000"})),
                -32602,
            ),
            (opts(json!({"address": TOKEN, "symbol": ""})), -32602),
            (opts(json!({"address": TOKEN, "symbol": "TWELVECHARSX"})), -32602),
            (opts(json!({"address": TOKEN, "symbol": 5})), -32602),
            (opts(json!({"address": TOKEN, "symbol": "A\u{0}B"})), -32602),
            (opts(json!({"address": TOKEN, "symbol": " TST"})), -32602),
            (opts(json!({"address": TOKEN, "decimals": 37})), -32602),
            (opts(json!({"address": TOKEN, "decimals": -1})), -32602),
            (opts(json!({"address": TOKEN, "decimals": 1.5})), -32602),
            (opts(json!({"address": TOKEN, "decimals": "18.0"})), -32602),
            (opts(json!({"address": TOKEN, "decimals": "0x12"})), -32602),
            (opts(json!({"address": TOKEN, "decimals": true})), -32602),
            (
                opts(json!({"address": TOKEN, "image": "javascript:alert(1)"})),
                -32602,
            ),
            (
                opts(json!({"address": TOKEN, "image": "http://x.example/t.png"})),
                -32602,
            ),
            (opts(json!({"address": TOKEN, "image": 7})), -32602),
        ];
        for (params, code) in table {
            match call(&host, params.clone()) {
                PageReply::Error(e) => {
                    assert_eq!(e.code.code(), code, "{params}: {}", e.message);
                    assert!(!e.message.is_empty());
                }
                other => panic!("{params} answered {other:?}"),
            }
        }
        assert!(host.prompts.borrow().is_empty(), "nobody was asked");
    }
}
