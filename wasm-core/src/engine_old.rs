//! The wallet engine: owns the state, persists it before acknowledging, answers the popup and
//! pages, and says which events to push where.

use std::cell::Cell;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::{
    ChainId, PageEvent, PageReply, ProviderError, ProviderErrorCode, UiRequest, UiResponse, WalletState,
};
use crate::chains::evm::{BUILTIN_NETWORKS, DEFAULT_CHAIN_ID, Network, builtin_network};
use crate::provider::{self, Context, Origin};
use crate::storage::{Storage, StorageError};

/// Storage key of the user's preferences.
const PREFS_KEY: &str = "prefs";
/// Storage key of the encrypted vault (its presence means the wallet is set up).
const VAULT_KEY: &str = "vault";

/// Preferences as stored (JSON under [`PREFS_KEY`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Prefs {
    /// Format version, for migrations.
    version: u32,
    /// The selected EVM network.
    selected_chain_id: ChainId,
}

impl Prefs {
    const VERSION: u32 = 1;

    fn default_prefs() -> Self {
        Self {
            version: Self::VERSION,
            selected_chain_id: DEFAULT_CHAIN_ID,
        }
    }
}

/// Which pages an event goes to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Broadcast {
    /// One origin's pages, or every page when `None`.
    pub origin: Option<String>,
    /// The event.
    #[serde(flatten)]
    pub event: PageEvent,
}

/// An answer plus the events the change caused.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome<R> {
    /// The answer to the caller.
    pub reply: R,
    /// Events to push to pages.
    pub events: Vec<Broadcast>,
}

impl<R> Outcome<R> {
    fn quiet(reply: R) -> Self {
        Self {
            reply,
            events: Vec::new(),
        }
    }
}

/// The engine. One per worker life; rebuilt from storage on every start.
#[derive(Debug)]
pub struct Engine<S> {
    storage: S,
    chain_id: Cell<ChainId>,
}

impl<S: Storage> Engine<S> {
    /// Rebuilds the engine from storage.
    ///
    /// Unreadable or corrupt preferences fall back to the defaults without being overwritten:
    /// the stored bytes stay for inspection until the user changes a preference.
    pub async fn load(storage: S) -> Self {
        let prefs = match storage.get(PREFS_KEY).await {
            Ok(Some(text)) => serde_json::from_str::<Prefs>(&text)
                .ok()
                .filter(|p| p.version == Prefs::VERSION && builtin_network(p.selected_chain_id).is_some())
                .unwrap_or_else(Prefs::default_prefs),
            Ok(None) | Err(_) => Prefs::default_prefs(),
        };
        Self {
            storage,
            chain_id: Cell::new(prefs.selected_chain_id),
        }
    }

    /// The selected EVM chain.
    pub fn chain_id(&self) -> ChainId {
        self.chain_id.get()
    }

    /// Answers a page's provider request. `origin` is the port sender's origin, as the browser
    /// reported it.
    pub fn handle_page(&self, origin: &str, request: &Value) -> Outcome<PageReply> {
        if origin.parse::<Origin>().is_err() {
            return Outcome::quiet(PageReply::Error(ProviderError::new(
                ProviderErrorCode::Unauthorized,
                "requests are accepted from http and https pages only",
            )));
        }
        Outcome::quiet(provider::dispatch(
            request,
            &Context {
                chain_id: self.chain_id(),
            },
        ))
    }

    /// Answers a popup command.
    pub async fn handle_ui(&self, request: UiRequest) -> Outcome<UiResponse> {
        match self.run_ui(request).await {
            Ok((state, events)) => Outcome {
                reply: UiResponse::State { state },
                events,
            },
            Err(message) => Outcome::quiet(UiResponse::Error { message }),
        }
    }

    async fn run_ui(&self, request: UiRequest) -> Result<(WalletState, Vec<Broadcast>), String> {
        let mut events = Vec::new();
        match request {
            UiRequest::GetState => {}
            UiRequest::SelectNetwork { chain_id } => {
                if builtin_network(chain_id).is_none() {
                    return Err(format!("unknown network {chain_id}"));
                }
                if chain_id != self.chain_id() {
                    let prefs = Prefs {
                        version: Prefs::VERSION,
                        selected_chain_id: chain_id,
                    };
                    self.save_prefs(&prefs).await.map_err(|e| e.to_string())?;
                    self.chain_id.set(chain_id);
                    events.push(Broadcast {
                        origin: None,
                        event: PageEvent {
                            name: "chainChanged".into(),
                            data: Value::String(chain_id.to_string()),
                        },
                    });
                }
            }
        }
        Ok((self.state().await.map_err(|e| e.to_string())?, events))
    }

    async fn save_prefs(&self, prefs: &Prefs) -> Result<(), StorageError> {
        let text = serde_json::to_string(prefs).map_err(|e| StorageError::Backend {
            operation: "set",
            reason: e.to_string(),
        })?;
        self.storage.set(PREFS_KEY, &text).await
    }

    async fn state(&self) -> Result<WalletState, StorageError> {
        let initialized = self.storage.get(VAULT_KEY).await?.is_some();
        // The selection is only ever set to a built-in network (load and select check); the
        // first network stands in should that ever not hold.
        let network = builtin_network(self.chain_id())
            .unwrap_or(&BUILTIN_NETWORKS[0])
            .info();
        Ok(WalletState {
            initialized,
            network,
            networks: BUILTIN_NETWORKS.iter().map(Network::info).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use futures::executor::block_on;
    use serde_json::json;

    use super::*;
    use crate::storage::MemoryStorage;

    const PAGE: &str = "http://127.0.0.1:8080";

    fn chain_id_of(engine: &Engine<impl Storage>) -> Value {
        match engine.handle_page(PAGE, &json!({"method": "eth_chainId"})).reply {
            PageReply::Result(v) => v,
            PageReply::Error(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn starts_on_mainnet_and_uninitialized() {
        let engine = block_on(Engine::load(MemoryStorage::new()));
        assert_eq!(chain_id_of(&engine), json!("0x1"));
        let out = block_on(engine.handle_ui(UiRequest::GetState));
        let UiResponse::State { state } = out.reply else {
            panic!("{:?}", out.reply)
        };
        assert!(!state.initialized);
        assert_eq!(state.network.name, "Ethereum");
        assert!(out.events.is_empty());
    }

    #[test]
    fn selecting_a_network_persists_it_and_announces_chain_changed() {
        let engine = block_on(Engine::load(MemoryStorage::new()));
        let local = ChainId::new(31_337).unwrap();
        let out = block_on(engine.handle_ui(UiRequest::SelectNetwork { chain_id: local }));
        assert_eq!(out.events.len(), 1);
        assert_eq!(out.events[0].event.name, "chainChanged");
        assert_eq!(out.events[0].event.data, json!("0x7a69"));
        assert_eq!(chain_id_of(&engine), json!("0x7a69"));
        // Selecting the same network again changes nothing and announces nothing.
        let again = block_on(engine.handle_ui(UiRequest::SelectNetwork { chain_id: local }));
        assert!(again.events.is_empty());
        // A restart rebuilds the selection from storage.
        let restarted = block_on(Engine::load(engine.storage));
        assert_eq!(chain_id_of(&restarted), json!("0x7a69"));
    }

    #[test]
    fn unknown_networks_are_refused_and_change_nothing() {
        let engine = block_on(Engine::load(MemoryStorage::new()));
        let out = block_on(engine.handle_ui(UiRequest::SelectNetwork {
            chain_id: ChainId::new(999_999).unwrap(),
        }));
        assert!(matches!(out.reply, UiResponse::Error { .. }));
        assert!(engine.storage.snapshot().is_empty());
        assert_eq!(chain_id_of(&engine), json!("0x1"));
    }

    #[test]
    fn corrupt_prefs_fall_back_to_defaults_without_being_overwritten() {
        let storage = MemoryStorage::new();
        block_on(storage.set(PREFS_KEY, "{not json")).unwrap();
        let engine = block_on(Engine::load(storage));
        assert_eq!(chain_id_of(&engine), json!("0x1"));
        assert_eq!(engine.storage.snapshot()[PREFS_KEY], "{not json");
    }

    #[test]
    fn requests_from_non_web_origins_are_unauthorized() {
        let engine = block_on(Engine::load(MemoryStorage::new()));
        for origin in ["", "null", "chrome-extension://abc", "file:///x"] {
            let reply = engine
                .handle_page(origin, &json!({"method": "eth_chainId"}))
                .reply;
            assert!(
                matches!(
                    reply,
                    PageReply::Error(ProviderError {
                        code: ProviderErrorCode::Unauthorized,
                        ..
                    })
                ),
                "{origin}"
            );
        }
    }
}
