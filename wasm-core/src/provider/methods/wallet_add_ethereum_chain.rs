//! `wallet_addEthereumChain` — EIP-3085: `[{chainId, chainName, rpcUrls, nativeCurrency,
//! blockExplorerUrls?, iconUrls?}]`, checked strictly (see `chains::evm::eip3085`); the node's
//! `eth_chainId` must match; the user approves; the site is then on the new chain. A chain
//! the wallet knows is a switch request. <https://eips.ethereum.org/EIPS/eip-3085>

use serde_json::Value;

use super::{Call, Params, invalid_params};
use crate::api::ProviderError;
use crate::chains::evm::eip3085::ChainParams;
use crate::provider::{Host, Origin};

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    let Params::Positional(items) = params else {
        return Err(invalid_params(
            "wallet_addEthereumChain takes [{ chainId, chainName, rpcUrls, nativeCurrency }]",
        ));
    };
    let [param] = items.as_slice() else {
        return Err(invalid_params("wallet_addEthereumChain takes exactly one object"));
    };
    let chain = ChainParams::from_value(param)
        .map_err(|e| invalid_params(format!("wallet_addEthereumChain: {e}")))?;
    Ok(Call::AddChain(Box::new(chain)))
}

pub(in crate::provider) async fn handle(
    origin: &Origin,
    host: &impl Host,
    params: ChainParams,
) -> Result<Value, ProviderError> {
    host.add_chain(origin, params).await?;
    Ok(Value::Null)
}

#[cfg(test)]
mod tests {
    use futures::executor::block_on;
    use serde_json::json;

    use super::*;
    use crate::api::ProviderErrorCode;
    use crate::provider::fake::FakeHost;

    fn params(value: Value) -> Params {
        Params::Positional(vec![value])
    }

    fn chain() -> Value {
        json!({
            "chainId": "0x7a6a",
            "chainName": "Second Anvil",
            "rpcUrls": ["http://127.0.0.1:8546"],
            "nativeCurrency": {"name": "Ether", "symbol": "ETH", "decimals": 18}
        })
    }

    #[test]
    fn checks_params_then_asks_the_host() {
        let Ok(Call::AddChain(p)) = validate(&params(chain())) else {
            panic!()
        };
        let host = FakeHost::on_chain(1);
        assert_eq!(block_on(handle(&FakeHost::origin(), &host, *p)), Ok(Value::Null));
        assert_eq!(host.chain_id(&FakeHost::origin()).get(), 31_338);
        let mut http = chain();
        http["rpcUrls"] = json!(["http://rpc.example"]);
        for bad in [
            params(http),
            Params::Positional(vec![]),
            Params::Positional(vec![chain(), chain()]),
        ] {
            let e = validate(&bad).map(|_| ()).unwrap_err();
            assert_eq!(e.code, ProviderErrorCode::InvalidParams);
        }
        let e = validate(&params(json!({"chainId": "0x1"})))
            .map(|_| ())
            .unwrap_err();
        assert!(e.message.contains("chainName"), "{}", e.message);
    }
}
