use serde::{Deserialize, Serialize};

use super::ChainId;

/// A command from the popup to the engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum UiRequest {
    /// Asks for the current [`WalletState`].
    GetState,
    /// Makes `chain_id` the selected EVM network.
    SelectNetwork {
        /// The network to select; it must be one the wallet knows.
        chain_id: ChainId,
    },
}

/// The engine's answer to a [`UiRequest`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum UiResponse {
    /// The wallet's state after the request.
    State {
        /// The state.
        state: WalletState,
    },
    /// The request failed; nothing changed.
    Error {
        /// What went wrong, in words meant for the user.
        message: String,
    },
}

/// What the popup needs to draw itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WalletState {
    /// Whether a vault exists (false: show onboarding).
    pub initialized: bool,
    /// The selected EVM network.
    pub network: NetworkInfo,
    /// Every EVM network the wallet knows.
    pub networks: Vec<NetworkInfo>,
}

/// An EVM network as the popup shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkInfo {
    /// The chain id.
    pub chain_id: ChainId,
    /// The display name.
    pub name: String,
    /// The native currency's symbol.
    pub currency_symbol: String,
    /// Whether this is a test or development network.
    pub testnet: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_have_the_documented_wire_shape() {
        let req: UiRequest =
            serde_json::from_str(r#"{"type":"select_network","chain_id":"0x7a69"}"#).unwrap();
        assert_eq!(
            req,
            UiRequest::SelectNetwork {
                chain_id: ChainId::new(31_337).unwrap()
            }
        );
        assert_eq!(
            serde_json::to_string(&UiRequest::GetState).unwrap(),
            r#"{"type":"get_state"}"#
        );
        assert!(serde_json::from_str::<UiRequest>(r#"{"type":"select_network","chain_id":"7"}"#).is_err());
    }
}
