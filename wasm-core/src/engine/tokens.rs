//! Watched ERC-20 tokens: added by a site (`wallet_watchAsset`, approved by the user) or by hand
//! in the popup, per network; symbol and decimals always read from the contract.

use serde_json::{Value, json};

use super::activity::ui_failure;
use super::connect::rejected;
use super::records::{MAX_TOKENS_PER_CHAIN, TokenStore};
use super::{Decision, Engine, Failure};
use crate::api::{ApprovalKind, ChainId, ProviderError, ProviderErrorCode, TokenInfo, UiError};
use crate::chains::evm::Address;
use crate::chains::evm::erc20::{decimals_call, decode_decimals, decode_symbol, symbol_call};
use crate::chains::evm::quantity::parse_data;
use crate::chains::evm::units::{MAX_DECIMALS, clean_symbol};
use crate::provider::{Host, Origin, WatchAsset};
use crate::storage::Storage;

/// What a token contract says about itself. `None` where it does not answer (both functions
/// are optional in ERC-20) or answers nonsense.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct ContractToken {
    pub symbol: Option<String>,
    pub decimals: Option<u8>,
}

impl<S: Storage> Engine<S> {
    /// Calls the contract's read-only `data` at the latest block; `Ok(None)` when the call
    /// reverts (the function is missing).
    async fn read_call(
        &self,
        chain: ChainId,
        to: Address,
        data: &[u8],
    ) -> Result<Option<Vec<u8>>, ProviderError> {
        let call = json!([{"to": to.to_string(), "data": format!("0x{}", hex::encode(data))}, "latest"]);
        match self.chain_rpc(chain, "eth_call", &call).await {
            Ok(Value::String(s)) => Ok(parse_data(&s).ok()),
            Ok(_) => Ok(None),
            // A revert (3 / -32000 / -32015 on various nodes) means "no such function".
            Err(e)
                if e.code != ProviderErrorCode::ChainDisconnected
                    && e.code != ProviderErrorCode::Internal =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// Reads `symbol()` and `decimals()` of the contract at `address`.
    ///
    /// # Errors
    /// -32602 when there is no contract at `address`; 4901 when the node cannot be reached.
    pub(super) async fn read_token(
        &self,
        chain: ChainId,
        address: Address,
    ) -> Result<ContractToken, ProviderError> {
        let code = self
            .chain_rpc(chain, "eth_getCode", &json!([address.to_string(), "latest"]))
            .await?;
        let has_code = code
            .as_str()
            .and_then(|c| parse_data(c).ok())
            .is_some_and(|c| !c.is_empty());
        if !has_code {
            return Err(ProviderError::new(
                ProviderErrorCode::InvalidParams,
                format!(
                    "there is no contract at {address} on {}: not a token",
                    self.network_name(chain)
                ),
            ));
        }
        let symbol = self
            .read_call(chain, address, &symbol_call())
            .await?
            .and_then(|d| decode_symbol(&d).ok())
            .and_then(|s| clean_symbol(&s));
        let decimals = self
            .read_call(chain, address, &decimals_call())
            .await?
            .and_then(|d| decode_decimals(&d).ok())
            .filter(|d| *d <= MAX_DECIMALS);
        Ok(ContractToken { symbol, decimals })
    }

    /// The tokens watched on `chain`.
    pub(super) async fn tokens_on(&self, chain: ChainId) -> Result<Vec<TokenInfo>, Failure> {
        Ok(self.load_record::<TokenStore>().await?.of(chain))
    }

    /// Stores `token` for `chain` (replacing an entry with the same address).
    async fn store_token(&self, chain: ChainId, token: TokenInfo) -> Result<Vec<TokenInfo>, Failure> {
        self.change_record(|store: &mut TokenStore| {
            let list = store.of_mut(chain);
            if let Some(existing) = list.iter_mut().find(|t| t.address == token.address) {
                *existing = token;
            } else if list.len() >= MAX_TOKENS_PER_CHAIN {
                return Err(Failure::new(
                    UiError::InvalidSetting,
                    format!("at most {MAX_TOKENS_PER_CHAIN} tokens per network"),
                ));
            } else {
                list.push(token);
            }
            Ok(list.clone())
        })
        .await
    }

    /// `wallet_watchAsset`: checks the token against its contract, asks the user, stores it.
    pub(super) async fn watch_token(
        &self,
        origin: &Origin,
        asset: WatchAsset,
    ) -> Result<bool, ProviderError> {
        let chain = Host::chain_id(self, origin);
        let storage_error = |f: Failure| {
            ProviderError::new(
                ProviderErrorCode::Internal,
                format!("watched tokens: {}", f.detail),
            )
        };
        let address = asset.address.to_string();
        if self
            .tokens_on(chain)
            .await
            .map_err(storage_error)?
            .iter()
            .any(|t| t.address == address)
        {
            return Ok(true);
        }
        let contract = self.read_token(chain, asset.address).await?;
        let missing = |what: &str| {
            ProviderError::new(
                ProviderErrorCode::InvalidParams,
                format!("the contract at {address} does not report its {what}; pass options.{what}"),
            )
        };
        let symbol = contract
            .symbol
            .clone()
            .or_else(|| asset.symbol.clone())
            .ok_or_else(|| missing("symbol"))?;
        let decimals = contract
            .decimals
            .or(asset.decimals)
            .ok_or_else(|| missing("decimals"))?;
        let mismatch = asset.symbol.as_ref().is_some_and(|s| s != &symbol)
            || asset.decimals.is_some_and(|d| d != decimals);
        let approval = ApprovalKind::WatchAsset {
            network: self.network_name(chain),
            address: address.clone(),
            symbol: symbol.clone(),
            decimals,
            claimed_symbol: asset.symbol,
            claimed_decimals: asset.decimals,
            mismatch,
        };
        let Decision::Approved { .. } = self.prompt(origin, approval).await? else {
            return Err(rejected());
        };
        let token = TokenInfo {
            address,
            symbol,
            decimals,
            image: asset.image,
        };
        self.store_token(chain, token).await.map_err(storage_error)?;
        Ok(true)
    }

    /// Watches the token at `address` on the selected network (added by hand in the popup).
    pub(super) async fn add_token(&self, address: &str) -> Result<Vec<TokenInfo>, Failure> {
        let address = parse_address(address)?;
        let chain = self.chain_id();
        let contract = self.read_token(chain, address).await.map_err(|e| match e.code {
            ProviderErrorCode::InvalidParams => Failure {
                error: UiError::NotAToken,
                args: vec![e.message.clone()],
                detail: e.message,
            },
            _ => ui_failure(&e),
        })?;
        let (Some(symbol), Some(decimals)) = (contract.symbol, contract.decimals) else {
            let message = format!("the contract at {address} does not answer symbol() and decimals()");
            return Err(Failure {
                error: UiError::NotAToken,
                args: vec![message.clone()],
                detail: message,
            });
        };
        self.store_token(
            chain,
            TokenInfo {
                address: address.to_string(),
                symbol,
                decimals,
                image: None,
            },
        )
        .await
    }

    /// Stops watching the token at `address` on the selected network.
    pub(super) async fn remove_token(&self, address: &str) -> Result<Vec<TokenInfo>, Failure> {
        let address = parse_address(address)?.to_string();
        let chain = self.chain_id();
        self.change_record(|store: &mut TokenStore| {
            let list = store.of_mut(chain);
            let before = list.len();
            list.retain(|t| t.address != address);
            if list.len() == before {
                return Err(Failure::new(
                    UiError::UnknownToken,
                    format!("{address} is not watched"),
                ));
            }
            Ok(list.clone())
        })
        .await
    }
}

/// Reads an address typed or pasted by the user: mixed case must pass EIP-55.
pub(super) fn parse_address(text: &str) -> Result<Address, Failure> {
    use crate::chains::evm::AddressError;
    text.trim().parse::<Address>().map_err(|e| match e {
        AddressError::BadChecksum => Failure::new(UiError::AddressChecksum, e.to_string()),
        _ => Failure {
            error: UiError::InvalidAddress,
            args: vec![e.to_string()],
            detail: e.to_string(),
        },
    })
}
