//! `wallet_getCapabilities` — EIP-5792 v2.0.0: `[address, chainIds?]` → per chain (hex id)
//! the capabilities the wallet offers that account. Formica sends batches as separate
//! transactions, so every chain says `atomic: {status: "unsupported"}`. Only a connected
//! account may be asked about (4100 otherwise); chains the wallet does not know are left out.
//! <https://eips.ethereum.org/EIPS/eip-5792>

use serde_json::{Map, Value, json};

use super::{Call, Params, invalid_params};
use crate::api::{ChainId, ProviderError, ProviderErrorCode};
use crate::chains::evm::Address;
use crate::chains::evm::eip3085::parse_chain_id;
use crate::provider::{Host, Origin};

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    let shape = || invalid_params("wallet_getCapabilities takes [address, [chainId, …]?]");
    let Params::Positional(items) = params else {
        return Err(shape());
    };
    let (address, chains) = match items.as_slice() {
        [a] => (a, None),
        [a, Value::Null] => (a, None),
        [a, Value::Array(c)] => (a, Some(c)),
        _ => return Err(shape()),
    };
    let address: Address = address
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| invalid_params("wallet_getCapabilities: the first param must be an address"))?;
    let chains = chains
        .map(|c| {
            c.iter()
                .map(|v| v.as_str().and_then(|s| parse_chain_id(s).ok()))
                .collect::<Option<Vec<ChainId>>>()
                .ok_or_else(|| invalid_params("wallet_getCapabilities: chain ids are 0x-prefixed hex"))
        })
        .transpose()?;
    Ok(Call::GetCapabilities { address, chains })
}

pub(in crate::provider) fn handle(
    origin: &Origin,
    host: &impl Host,
    address: Address,
    chains: Option<Vec<ChainId>>,
) -> Result<Value, ProviderError> {
    if !host.accounts(origin).contains(&address) {
        return Err(ProviderError::new(
            ProviderErrorCode::Unauthorized,
            format!("{address} is not an account this site may use; connect it first"),
        ));
    }
    let known = host.known_chains();
    let chains = chains.unwrap_or_else(|| known.clone());
    let mut answer = Map::new();
    for chain in chains.into_iter().filter(|c| known.contains(c)) {
        answer.insert(
            chain.to_string(),
            json!({ "atomic": { "status": "unsupported" } }),
        );
    }
    Ok(Value::Object(answer))
}

#[cfg(test)]
mod tests {
    use futures::executor::block_on;

    use super::*;
    use crate::provider::fake::FakeHost;

    #[test]
    fn atomic_is_unsupported_on_every_known_chain_for_connected_accounts() {
        let host = FakeHost::on_chain(1);
        let origin = FakeHost::origin();
        let ask = |params: Value| {
            let Value::Array(items) = params else {
                unreachable!()
            };
            let Call::GetCapabilities { address, chains } = validate(&Params::Positional(items)).unwrap()
            else {
                unreachable!()
            };
            handle(&origin, &host, address, chains)
        };
        let e = ask(json!([FakeHost::ADDRESS])).unwrap_err();
        assert_eq!(e.code, ProviderErrorCode::Unauthorized);
        block_on(host.request_accounts(&origin)).unwrap();
        assert_eq!(
            ask(json!([FakeHost::ADDRESS])).unwrap(),
            json!({"0x1": {"atomic": {"status": "unsupported"}}, "0x7a69": {"atomic": {"status": "unsupported"}}})
        );
        assert_eq!(
            ask(json!([FakeHost::ADDRESS, ["0x7a69", "0xdead"]])).unwrap(),
            json!({"0x7a69": {"atomic": {"status": "unsupported"}}})
        );
        assert!(validate(&Params::Positional(vec![json!("0x12")])).is_err());
        assert!(validate(&Params::Positional(vec![json!(FakeHost::ADDRESS), json!(["1"])])).is_err());
    }
}
