//! The networks the engine knows — their names, currencies and nodes — and JSON-RPC calls to
//! a chain's node, with node errors turned into provider errors.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Engine, Failure};
use crate::api::{ChainId, NetworkFamily, NetworkInfo, ProviderError, ProviderErrorCode, UiError};
use crate::chains::evm::eip3085::{AddChainError, ChainParams, check_name, rpc_url_allowed};
use crate::chains::evm::quantity::parse_quantity_u64;
use crate::chains::evm::{BUILTIN_NETWORKS, builtin_network};
use crate::net::{self, RpcError};
use crate::storage::Storage;

/// Storage key (`chrome.storage.local`) of the networks the user added.
pub const NETWORKS_KEY: &str = "networks";

/// A network the user added (`wallet_addEthereumChain`, or settings).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomNetwork {
    /// The chain id.
    pub chain_id: ChainId,
    /// The display name.
    pub name: String,
    /// The RPC endpoint (https, or http to a loopback host).
    pub rpc_url: String,
    /// The native currency's name.
    pub currency_name: String,
    /// The native currency's symbol (18 decimals).
    pub currency_symbol: String,
    /// The block explorer.
    #[serde(default)]
    pub explorer: Option<String>,
}

impl From<ChainParams> for CustomNetwork {
    fn from(p: ChainParams) -> Self {
        Self {
            chain_id: p.chain_id,
            name: p.name,
            rpc_url: p.rpc_url,
            currency_name: p.currency_name,
            currency_symbol: p.currency_symbol,
            explorer: p.explorer,
        }
    }
}

impl CustomNetwork {
    /// The network as the popup shows it.
    pub fn info(&self) -> NetworkInfo {
        NetworkInfo {
            chain_id: self.chain_id,
            name: self.name.clone(),
            currency_symbol: self.currency_symbol.clone(),
            testnet: false,
            custom: true,
            rpc_url: Some(self.rpc_url.clone()),
        }
    }
}

/// The stored form: `{"version": 1, "networks": [...]}`.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    version: u32,
    networks: Vec<CustomNetwork>,
}

/// The custom networks as loaded: the list, or why the stored list could not be read. A
/// damaged list is never overwritten: adding and removing are refused until the user deals
/// with it, so nothing stored is lost.
pub type CustomNetworks = Result<Vec<CustomNetwork>, String>;

/// Reads the stored list; `Err` says why it is unusable.
pub fn parse_custom_networks(text: &str) -> CustomNetworks {
    let stored: Stored = serde_json::from_str(text).map_err(|e| format!("unreadable: {e}"))?;
    if stored.version != 1 {
        return Err(format!("unknown version {}", stored.version));
    }
    let mut seen = std::collections::BTreeSet::new();
    for n in &stored.networks {
        if builtin_network(n.chain_id).is_some() || !seen.insert(n.chain_id) {
            return Err(format!("chain {} is listed twice or is built in", n.chain_id));
        }
        if !rpc_url_allowed(&n.rpc_url) {
            return Err(format!("chain {} has a refused rpc url", n.chain_id));
        }
    }
    Ok(stored.networks)
}

fn to_json(networks: &[CustomNetwork]) -> String {
    // Strings and numbers only: serializing cannot fail.
    serde_json::to_string(&json!({"version": 1, "networks": networks})).unwrap_or_default()
}

/// Why a network cannot be added or removed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NetworkError {
    /// The stored custom networks are unreadable; nothing is changed until that is resolved.
    #[error("the saved custom networks could not be read ({0}); nothing was changed")]
    Damaged(String),
    /// The chain is built in.
    #[error("chain {0} is built in")]
    BuiltIn(ChainId),
    /// The chain was already added.
    #[error("chain {0} was already added")]
    Exists(ChainId),
    /// No custom network has this chain id.
    #[error("no custom network has chain id {0}")]
    Unknown(ChainId),
    /// The RPC endpoint did not answer `eth_chainId`.
    #[error("the rpc url did not answer eth_chainId: {0}")]
    Unreachable(String),
    /// The RPC endpoint is for another chain.
    #[error("the rpc url is for chain {found}, not {expected}")]
    Mismatch {
        /// The chain id asked for.
        expected: ChainId,
        /// What the node answered.
        found: String,
    },
    /// Storage refused the write.
    #[error("could not save the networks: {0}")]
    Storage(String),
}

impl NetworkError {
    /// The error a page gets.
    pub fn to_provider(&self) -> ProviderError {
        let code = match self {
            Self::Mismatch { .. } | Self::BuiltIn(_) | Self::Exists(_) | Self::Unknown(_) => {
                ProviderErrorCode::InvalidParams
            }
            Self::Damaged(_) | Self::Unreachable(_) | Self::Storage(_) => ProviderErrorCode::Internal,
        };
        ProviderError::new(code, self.to_string())
    }

    /// The failure the popup shows.
    pub fn to_failure(&self) -> Failure {
        let (error, args) = match self {
            Self::Damaged(_) => (UiError::NetworksDamaged, Vec::new()),
            Self::BuiltIn(c) | Self::Exists(c) => (UiError::NetworkExists, vec![c.to_decimal()]),
            Self::Unknown(_) => (UiError::UnknownNetwork, Vec::new()),
            Self::Unreachable(_) => (UiError::RpcUnreachable, Vec::new()),
            Self::Mismatch { found, .. } => (UiError::ChainIdMismatch, vec![found.clone()]),
            Self::Storage(_) => (UiError::Storage, Vec::new()),
        };
        Failure {
            error,
            args,
            detail: self.to_string(),
        }
    }
}

/// A chain id typed by a person: decimal (`31338`) or hex (`0x7a6a`).
fn chain_id_from_text(text: &str) -> Option<ChainId> {
    let text = text.trim();
    let id = if text.starts_with("0x") {
        parse_quantity_u64(text).ok()?
    } else if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()?
    } else {
        return None;
    };
    ChainId::new(id).ok()
}

/// Asks the node at `url` for its chain id and checks it is `expected`.
pub(super) async fn verify_chain_id(
    http: &dyn net::Http,
    url: &str,
    expected: ChainId,
) -> Result<(), NetworkError> {
    let answer = net::call(http, url, "eth_chainId", &json!([]))
        .await
        .map_err(|e| NetworkError::Unreachable(e.to_string()))?;
    let found = answer.as_str().unwrap_or_default();
    match parse_quantity_u64(found) {
        Ok(id) if id == expected.get() => Ok(()),
        Ok(id) => Err(NetworkError::Mismatch {
            expected,
            found: id.to_string(),
        }),
        Err(_) => Err(NetworkError::Unreachable(format!(
            "eth_chainId answered {answer}"
        ))),
    }
}

/// A node error as the provider passes it on: the node's own code for JSON-RPC errors, 4901
/// when it cannot be reached, -32603 for an answer that is not JSON-RPC.
pub(super) fn provider_error(e: RpcError) -> ProviderError {
    match e {
        RpcError::Node { code, message, data } => ProviderError {
            code: ProviderErrorCode::from(i32::try_from(code).unwrap_or(-32603)),
            message,
            data,
        },
        RpcError::Http(e) => ProviderError::new(ProviderErrorCode::ChainDisconnected, e.to_string()),
        RpcError::Malformed { .. } => ProviderError::new(ProviderErrorCode::Internal, e.to_string()),
    }
}

impl<S: Storage> Engine<S> {
    /// The custom network with this chain id.
    pub(super) fn custom_network(&self, chain: ChainId) -> Option<CustomNetwork> {
        let networks = self.custom_networks.borrow();
        networks
            .as_ref()
            .ok()?
            .iter()
            .find(|n| n.chain_id == chain)
            .cloned()
    }

    /// Whether the wallet knows `chain` (built in or added).
    pub(super) fn network_known(&self, chain: ChainId) -> bool {
        builtin_network(chain).is_some() || self.custom_network(chain).is_some()
    }

    /// Every network the wallet knows, built-in first, as the popup shows them.
    pub(super) fn network_infos(&self) -> Vec<NetworkInfo> {
        let mut all: Vec<NetworkInfo> = BUILTIN_NETWORKS.iter().map(|n| n.info()).collect();
        if let Ok(custom) = self.custom_networks.borrow().as_ref() {
            all.extend(custom.iter().map(CustomNetwork::info));
        }
        all
    }

    /// The display name of `chain`: the network's name, or the chain id.
    pub(super) fn network_name(&self, chain: ChainId) -> String {
        if let Some(n) = builtin_network(chain) {
            return n.name.to_owned();
        }
        self.custom_network(chain)
            .map_or_else(|| chain.to_string(), |n| n.name)
    }

    /// The symbol of `chain`'s native currency (18 decimals).
    pub(super) fn currency_symbol(&self, chain: ChainId) -> String {
        if let Some(n) = builtin_network(chain) {
            return n.currency_symbol.to_owned();
        }
        self.custom_network(chain)
            .map_or_else(|| "ETH".to_owned(), |n| n.currency_symbol)
    }

    /// The RPC endpoint the engine uses for `chain`.
    pub(super) fn rpc_url(&self, chain: ChainId) -> Option<String> {
        if let Some(n) = builtin_network(chain) {
            return n.rpc_urls.first().map(|u| (*u).to_owned());
        }
        self.custom_network(chain).map(|n| n.rpc_url)
    }

    /// Checks that `network`'s node serves its chain id, then saves it. Nothing changes on
    /// any error.
    ///
    /// # Errors
    /// [`NetworkError`]: built in, already added, the node unreachable or for another chain,
    /// the stored list damaged, storage refusing the write.
    pub(super) async fn add_custom_network(&self, network: CustomNetwork) -> Result<(), NetworkError> {
        self.check_addable(network.chain_id)?;
        verify_chain_id(self.http.as_ref(), &network.rpc_url, network.chain_id).await?;
        self.save_custom_network(network).await
    }

    /// Saves a network whose node was checked.
    async fn save_custom_network(&self, network: CustomNetwork) -> Result<(), NetworkError> {
        // Checked again: the list may have changed while the node or the user was asked.
        let mut next = self.check_addable(network.chain_id)?;
        next.push(network);
        self.local
            .set(NETWORKS_KEY, &to_json(&next))
            .await
            .map_err(|e| NetworkError::Storage(e.to_string()))?;
        *self.custom_networks.borrow_mut() = Ok(next);
        Ok(())
    }

    /// Adds a network typed in settings → networks.
    ///
    /// # Errors
    /// A [`Failure`] naming the first invalid field, or as [`Self::add_custom_network`].
    pub(super) async fn add_network_from_ui(
        &self,
        family: NetworkFamily,
        name: &str,
        rpc_url: &str,
        chain_id: &str,
        currency_symbol: &str,
    ) -> Result<(), Failure> {
        if family != NetworkFamily::Evm {
            return Err(Failure::new(
                UiError::NetworkFamilyUnsupported,
                format!("adding {} networks is not supported yet", family.as_str()),
            ));
        }
        let invalid = |detail: String| Failure {
            error: UiError::InvalidNetwork,
            args: Vec::new(),
            detail,
        };
        let name = check_name(name).map_err(|e| invalid(e.to_string()))?;
        let rpc_url = rpc_url.trim();
        if !rpc_url_allowed(rpc_url) {
            return Err(invalid(AddChainError::RpcUrl(rpc_url.to_owned()).to_string()));
        }
        let chain_id =
            chain_id_from_text(chain_id).ok_or_else(|| invalid(AddChainError::ChainId.to_string()))?;
        let symbol = match currency_symbol.trim() {
            "" => "ETH",
            s if (1..=6).contains(&s.chars().count()) && !s.chars().any(char::is_control) => s,
            _ => return Err(invalid(AddChainError::Currency.to_string())),
        };
        let network = CustomNetwork {
            chain_id,
            name,
            rpc_url: rpc_url.to_owned(),
            currency_name: symbol.to_owned(),
            currency_symbol: symbol.to_owned(),
            explorer: None,
        };
        self.add_custom_network(network).await.map_err(|e| e.to_failure())
    }

    /// The current list, if `chain` may be added to it.
    fn check_addable(&self, chain: ChainId) -> Result<Vec<CustomNetwork>, NetworkError> {
        let current = self
            .custom_networks
            .borrow()
            .clone()
            .map_err(NetworkError::Damaged)?;
        if builtin_network(chain).is_some() {
            return Err(NetworkError::BuiltIn(chain));
        }
        if current.iter().any(|n| n.chain_id == chain) {
            return Err(NetworkError::Exists(chain));
        }
        Ok(current)
    }

    /// Removes a custom network; sites and the popup on it go back to the default network.
    ///
    /// # Errors
    /// [`NetworkError`]: not a custom network, the stored list damaged, storage refusing.
    pub(super) async fn remove_custom_network(&self, chain: ChainId) -> Result<(), NetworkError> {
        let mut next = self
            .custom_networks
            .borrow()
            .clone()
            .map_err(NetworkError::Damaged)?;
        let before = next.len();
        next.retain(|n| n.chain_id != chain);
        if next.len() == before {
            return Err(NetworkError::Unknown(chain));
        }
        // Who was on it moves first, so no preference ever names a network that is gone.
        let prefs = self.prefs.borrow().clone();
        let mut moved = prefs.clone();
        let fallback = crate::chains::evm::DEFAULT_CHAIN_ID;
        if moved.selected_chain_id == chain {
            moved.selected_chain_id = fallback;
        }
        let origins: Vec<String> = moved
            .origin_chains
            .iter()
            .filter(|(_, c)| **c == chain)
            .map(|(o, _)| o.clone())
            .collect();
        for o in &origins {
            moved.origin_chains.remove(o);
        }
        if moved != prefs {
            self.local
                .set(super::PREFS_KEY, &moved.to_json())
                .await
                .map_err(|e| NetworkError::Storage(e.to_string()))?;
            let global = prefs.selected_chain_id == chain;
            *self.prefs.borrow_mut() = moved.clone();
            let data = Value::String(moved.selected_chain_id.to_string());
            for o in &origins {
                self.emit(Some(o), "chainChanged", data.clone());
            }
            if global {
                self.emit(None, "chainChanged", data);
            }
        }
        self.local
            .set(NETWORKS_KEY, &to_json(&next))
            .await
            .map_err(|e| NetworkError::Storage(e.to_string()))?;
        *self.custom_networks.borrow_mut() = Ok(next);
        Ok(())
    }

    /// Calls `method` on `chain`'s node.
    ///
    /// # Errors
    /// 4901 for a chain without a node or a node that cannot be reached; the node's error
    /// otherwise.
    pub(super) async fn chain_rpc(
        &self,
        chain: ChainId,
        method: &str,
        params: &Value,
    ) -> Result<Value, ProviderError> {
        let url = self.rpc_url(chain).ok_or_else(|| {
            ProviderError::new(
                ProviderErrorCode::ChainDisconnected,
                format!("no node for chain {chain}"),
            )
        })?;
        net::call(self.http.as_ref(), &url, method, params)
            .await
            .map_err(provider_error)
    }
}

impl<S: Storage> Engine<S> {
    /// `wallet_addEthereumChain` for `origin`: a chain the wallet knows (with the same
    /// currency) is a switch request; a new one is checked against its node, shown to the
    /// user, and on approval added and made `origin`'s chain (`chainChanged`).
    ///
    /// # Errors
    /// -32602 for a known chain with another currency or a node serving another chain;
    /// -32603 for a node that does not answer or a damaged network list; 4001 when the user
    /// rejects.
    pub(super) async fn add_chain_for_site(
        &self,
        origin: &crate::provider::Origin,
        params: ChainParams,
    ) -> Result<(), ProviderError> {
        use crate::provider::Host;
        let chain = params.chain_id;
        let known = builtin_network(chain)
            .map(|n| (n.name.to_owned(), n.currency_symbol.to_owned()))
            .or_else(|| self.custom_network(chain).map(|n| (n.name, n.currency_symbol)));
        if let Some((name, symbol)) = known {
            if !symbol.eq_ignore_ascii_case(&params.currency_symbol) {
                return Err(ProviderError::new(
                    ProviderErrorCode::InvalidParams,
                    format!(
                        "chain {chain} is known to Formica as {name} with currency {symbol}, not {}",
                        params.currency_symbol
                    ),
                ));
            }
            return self.switch_chain(origin, chain).await;
        }
        self.check_addable(chain).map_err(|e| e.to_provider())?;
        verify_chain_id(self.http.as_ref(), &params.rpc_url, chain)
            .await
            .map_err(|e| e.to_provider())?;
        let network = CustomNetwork::from(params);
        let approval = crate::api::ApprovalKind::AddNetwork {
            chain_id: network.chain_id.to_decimal(),
            name: network.name.clone(),
            rpc_url: network.rpc_url.clone(),
            currency_name: network.currency_name.clone(),
            currency_symbol: network.currency_symbol.clone(),
            explorer: network.explorer.clone(),
        };
        let super::Decision::Approved { .. } = self.prompt(origin, approval).await? else {
            return Err(super::connect::rejected());
        };
        self.save_custom_network(network)
            .await
            .map_err(|e| e.to_provider())?;
        self.switch_chain(origin, chain).await
    }
}
